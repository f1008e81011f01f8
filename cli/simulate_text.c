/* The text report of a simulation: per issue, each model's forecast distribution with its
 * quantiles and a one-line histogram; per proposal, how often each verdict holds. */
#include <math.h>
#include <string.h>

#include "cli.h"

/* A histogram over 0-100 as 50 characters, each a 2-point bin drawn with eighth blocks. */
static void sparkline(FILE *f, const pacta_sim_summary_t *sm)
{
    static const char *const levels[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    uint64_t bins[50] = {0}, top = 0;
    for (size_t b = 0; b < sm->n_bins && sm->histogram; b++) {
        size_t cell = b / 200;
        if (cell > 49)
            cell = 49;
        bins[cell] += sm->histogram[b];
    }
    for (int i = 0; i < 50; i++)
        if (bins[i] > top)
            top = bins[i];
    fputc('|', f);
    for (int i = 0; i < 50; i++) {
        int level = top ? (int)ceil(8.0 * (double)bins[i] / (double)top) : 0;
        fputs(levels[level], f);
    }
    fputc('|', f);
}

/* A value in the issue's unit when it has one, else on the scale. */
static double shown(const pacta_issue_t *issue, double v)
{
    return issue->units.present ? pacta_issue_to_units(issue, v) : v;
}

static void probability(FILE *f, uint64_t yes, uint64_t n)
{
    if (n == 0)
        fprintf(f, " %9s", "—");
    else
        fprintf(f, " %9.3f", (double)yes / (double)n);
}

void cli_print_simulation_text(FILE *f, const pacta_simulation_t *sim, const pacta_scenario_t *s)
{
    fprintf(f, "%s\n", s->title);
    fprintf(f, "%s: %llu of %llu runs%s, seed %llu, %u thread%s\n", s->path,
            (unsigned long long)sim->done, (unsigned long long)sim->runs,
            sim->partial ? " (PARTIAL: interrupted)" : "", (unsigned long long)sim->seed,
            sim->threads, sim->threads == 1 ? "" : "s");
    if (sim->n_uncertain == 0)
        fputs("no input varies (no distributions, no --jitter): every run is the point "
              "forecast\n",
              f);
    else
        fprintf(f, "%zu uncertain input%s drawn afresh in each run\n", sim->n_uncertain,
                sim->n_uncertain == 1 ? "" : "s");
    for (size_t i = 0; i < sim->n_forecasts; i += sim->n_configs) {
        const pacta_issue_t *issue = &s->issues[sim->forecasts[i].issue];
        fprintf(f, "\n%s: %s%s%s%s\n", issue->id, issue->name, issue->units.present ? " (in " : "",
                issue->units.present ? issue->units.name : "", issue->units.present ? ")" : "");
        fprintf(f, "    %-11s %8s %7s %8s %8s %8s %8s %8s   0%*s100\n", "model", "mean", "sd", "5%",
                "25%", "50%", "75%", "95%", 47, "");
        for (size_t m = 0; m < sim->n_configs; m++) {
            const pacta_sim_forecast_t *fc = &sim->forecasts[i + m];
            const pacta_sim_summary_t *sm = &fc->summary;
            const char *name = pacta_model_name(pacta_model_config_model(sim->configs[fc->model]));
            if (sm->n == 0) {
                fprintf(f, "    %-11s no defined forecast in any run\n", name);
                continue;
            }
            double scale = issue->units.present
                               ? fabs(issue->units.at_100 - issue->units.at_0) / 100.0
                               : 1.0;
            fprintf(f, "    %-11s %8.2f %7.2f", name, shown(issue, sm->mean), sm->sd * scale);
            for (int q = 0; q < 5; q++)
                fprintf(f, " %8.2f", shown(issue, sm->quantile[q]));
            fputs("   ", f);
            sparkline(f, sm);
            if (sm->undefined > 0)
                fprintf(f, "  (undefined in %llu runs)", (unsigned long long)sm->undefined);
            fputc('\n', f);
        }
    }
    if (sim->n_proposals == 0)
        return;
    fprintf(f, "\nProbability over the runs of each verdict, and of acceptance by each veto "
               "player\n");
    fprintf(f, "    %-14s %9s %9s %9s %9s   veto players accepting\n", "proposal", "veto-proof",
            "in range", "holds", "emboldens");
    for (size_t p = 0; p < sim->n_proposals; p++) {
        const pacta_sim_proposal_t *sp = &sim->proposals[p];
        fprintf(f, "    %-14.14s", s->proposals[sp->proposal].id);
        for (int v = 0; v < PACTA_VERDICT_COUNT; v++)
            probability(f, sp->verdict_true[v], sp->verdict_defined[v]);
        fputs("  ", f);
        bool first = true;
        for (size_t a = 0; a < s->n_actors; a++) {
            if (!s->actors[a].veto || sp->takes_part[a] == 0)
                continue;
            fprintf(f, "%s %s %.3f", first ? "" : ",", s->actors[a].id,
                    (double)sp->accepts[a] / (double)sp->takes_part[a]);
            first = false;
        }
        fputc('\n', f);
    }
    for (size_t p = 0; p < sim->n_proposals; p++) {
        const pacta_sim_proposal_t *sp = &sim->proposals[p];
        const uint64_t *t = sp->verdict_true, *d = sp->verdict_defined;
        if ((double)t[PACTA_VERDICT_SELF_ENFORCING] * (double)d[PACTA_VERDICT_INSIDE_RANGE] >
            (double)t[PACTA_VERDICT_INSIDE_RANGE] * (double)d[PACTA_VERDICT_SELF_ENFORCING]) {
            fputs("    'holds' can exceed 'in range': the range is judged at today's balance of "
                  "power, 'holds'\n    from signing on, with the power shifts a deal sets off "
                  "at once already in force\n    (docs/models.md, C2)\n",
                  f);
            break;
        }
    }
}
