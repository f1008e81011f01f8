/* CSV output of a simulation: one row per issue and model, then one per proposal and
 * verdict (docs/json-schema.md). */
#include <math.h>

#include "core/csv_write.h"

#include <pacta/pacta.h>

pacta_status pacta_simulation_write_csv(const pacta_simulation_t *sim, const pacta_scenario_t *s,
                                        FILE *f)
{
    fputs("kind,issue_or_proposal,model_or_verdict,n,undefined,mean,sd,q05,q25,q50,q75,q95,"
          "probability\n",
          f);
    for (size_t i = 0; i < sim->n_forecasts; i++) {
        const pacta_sim_forecast_t *fc = &sim->forecasts[i];
        const pacta_sim_summary_t *sm = &fc->summary;
        pacta_csv_text(f, "forecast", ',');
        pacta_csv_text(f, s->issues[fc->issue].id, ',');
        pacta_csv_text(f, pacta_model_name(pacta_model_config_model(sim->configs[fc->model])), ',');
        fprintf(f, "%llu,%llu,", (unsigned long long)sm->n, (unsigned long long)sm->undefined);
        pacta_csv_number(f, sm->mean, ',');
        pacta_csv_number(f, sm->sd, ',');
        for (int q = 0; q < 5; q++)
            pacta_csv_number(f, sm->quantile[q], ',');
        fputc('\n', f);
    }
    for (size_t p = 0; p < sim->n_proposals; p++) {
        const pacta_sim_proposal_t *sp = &sim->proposals[p];
        for (int v = 0; v < PACTA_VERDICT_COUNT; v++) {
            pacta_csv_text(f, "verdict", ',');
            pacta_csv_text(f, s->proposals[sp->proposal].id, ',');
            pacta_csv_text(f, pacta_verdict_name((pacta_verdict_kind)v), ',');
            uint64_t n = sp->verdict_defined[v];
            fprintf(f, "%llu,%llu,,,,,,,,", (unsigned long long)n,
                    (unsigned long long)(sim->done - n));
            pacta_csv_number(f, n ? (double)sp->verdict_true[v] / (double)n : NAN, '\n');
        }
        for (size_t a = 0; a < s->n_actors; a++) {
            if (sp->takes_part[a] == 0)
                continue;
            char label[96];
            snprintf(label, sizeof label, "accept:%s", s->actors[a].id);
            pacta_csv_text(f, "verdict", ',');
            pacta_csv_text(f, s->proposals[sp->proposal].id, ',');
            pacta_csv_text(f, label, ',');
            fprintf(f, "%llu,%llu,,,,,,,,", (unsigned long long)sp->takes_part[a],
                    (unsigned long long)(sim->done - sp->takes_part[a]));
            pacta_csv_number(f, (double)sp->accepts[a] / (double)sp->takes_part[a], '\n');
        }
    }
    return ferror(f) ? PACTA_EIO : PACTA_OK;
}
