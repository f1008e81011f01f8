/* CSV output of a forecast (columns in docs/json-schema.md). One row per issue and model;
 * iterative models add one row per round before their final row. libcsv quotes fields. */
#include <math.h>
#include <stdio.h>

#include "core/csv_write.h"

#include <pacta/pacta.h>

pacta_status pacta_forecast_write_csv(const pacta_forecast_t *fc, const pacta_scenario_t *s,
                                      FILE *f)
{
    fputs("issue,model,profile,round,median,mean,forecast,forecast_units,stop,note\n", f);
    for (size_t i = 0; i < fc->n_issues; i++) {
        const pacta_forecast_issue_t *fi = &fc->issues[i];
        const pacta_issue_t *issue = &s->issues[fi->issue];
        for (size_t e = 0; e < fi->n_entries; e++) {
            const pacta_forecast_entry_t *entry = &fi->entries[e];
            const pacta_model_t *model = pacta_model_config_model(entry->config);
            const pacta_model_result_t *r = &entry->result;
            const char *name = pacta_model_name(model);
            const char *profile = pacta_model_config_profile(entry->config);
            bool iterative = pacta_model_is_iterative(model);
            for (size_t k = 0; k < r->n_rounds; k++) {
                const pacta_round_t *round = &r->rounds[k];
                bool final = k + 1 == r->n_rounds;
                char rn[24];
                snprintf(rn, sizeof rn, "%d", round->round);
                pacta_csv_text(f, issue->id, ',');
                pacta_csv_text(f, name, ',');
                pacta_csv_text(f, profile, ',');
                pacta_csv_text(f, rn, ',');
                pacta_csv_number(f, round->median, ',');
                pacta_csv_number(f, round->mean, ',');
                pacta_csv_number(f, final && r->defined ? r->forecast : NAN, ',');
                pacta_csv_number(f,
                                 final && r->defined && issue->units.present
                                     ? pacta_issue_to_units(issue, r->forecast)
                                     : NAN,
                                 ',');
                pacta_csv_text(f, final ? pacta_stop_reason_name(r->stop) : "", ',');
                pacta_csv_text(f, final ? r->note : NULL, '\n');
            }
            if (iterative && r->n_rounds > 0)
                continue;
            pacta_csv_text(f, issue->id, ',');
            pacta_csv_text(f, name, ',');
            pacta_csv_text(f, profile, ',');
            pacta_csv_text(f, "", ',');
            pacta_csv_number(f, NAN, ',');
            pacta_csv_number(f, NAN, ',');
            pacta_csv_number(f, r->defined ? r->forecast : NAN, ',');
            pacta_csv_number(
                f,
                r->defined && issue->units.present ? pacta_issue_to_units(issue, r->forecast) : NAN,
                ',');
            pacta_csv_text(f, iterative ? pacta_stop_reason_name(r->stop) : "", ',');
            pacta_csv_text(f, r->note, '\n');
        }
    }
    return ferror(f) ? PACTA_EIO : PACTA_OK;
}
