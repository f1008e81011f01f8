/* The text report of pacta backtest: what was read, a table of scores with intervals, the
 * breakdowns by procedure and voting rule, and any fitted options. */
#include <math.h>
#include <string.h>

#include "cli.h"

/* "23.87 [21.90, 25.92]" into buf; the interval is left out when there is none. */
static const char *with_interval(char *buf, size_t size, const pacta_backtest_interval_t *v,
                                 double scale, int decimals)
{
    if (!isfinite(v->value))
        snprintf(buf, size, "-");
    else if (!isfinite(v->lo) || !isfinite(v->hi))
        snprintf(buf, size, "%.*f", decimals, v->value * scale);
    else
        snprintf(buf, size, "%.*f [%.*f, %.*f]", decimals, v->value * scale, decimals,
                 v->lo * scale, decimals, v->hi * scale);
    return buf;
}

static const char *signed_interval(char *buf, size_t size, const pacta_backtest_interval_t *v)
{
    if (!isfinite(v->value))
        snprintf(buf, size, "-");
    else if (!isfinite(v->lo) || !isfinite(v->hi))
        snprintf(buf, size, "%+.2f", v->value);
    else
        snprintf(buf, size, "%+.2f [%+.2f, %+.2f]", v->value, v->lo, v->hi);
    return buf;
}

static int label_width(const pacta_backtest_result_t *r)
{
    int w = 5;
    for (size_t m = 0; m < r->n_models; m++)
        if ((int)strlen(r->models[m].label) > w)
            w = (int)strlen(r->models[m].label);
    return w;
}

static void print_fits(FILE *f, const pacta_backtest_result_t *r)
{
    bool any = false;
    for (size_t m = 0; m < r->n_models; m++)
        any |= r->models[m].n_fitted > 0;
    if (!any)
        return;
    const char *by = r->criterion == PACTA_BACKTEST_FIT_CRPS
                         ? "the least CRPS of the predictive distribution"
                         : "the least MAE";
    if (r->leave_one_out)
        fprintf(f,
                "\nFitted by cross-validation, leaving out one proposal at a time (%zu folds), "
                "choosing by %s on the other folds; the scores above are out of fold.\n",
                r->n_folds, by);
    else
        fprintf(f,
                "\nFitted by cross-validation over %zu folds of proposals (seed %llu), "
                "choosing by %s on the other folds; the scores above are out of fold.\n",
                r->n_folds, (unsigned long long)r->seed, by);
    for (size_t m = 0; m < r->n_models; m++) {
        const pacta_backtest_model_t *model = &r->models[m];
        if (model->n_fitted == 0)
            continue;
        fprintf(f,
                "  %s (%zu grid points): in-sample MAE %.2f with the values fitted on all "
                "proposals, out-of-fold %.2f\n",
                model->label, model->grid_size, model->fitted_mae, model->all.mae.value);
        for (size_t k = 0; k < model->n_fitted; k++) {
            double lo = INFINITY, hi = -INFINITY;
            for (size_t fold = 0; fold < r->n_folds; fold++) {
                double v = model->fitted_folds[fold * model->n_fitted + k];
                lo = fmin(lo, v);
                hi = fmax(hi, v);
            }
            fprintf(f, "    %s = %.6g on all proposals (%.6g to %.6g across folds)\n",
                    model->fitted_keys[k], model->fitted_all[k], lo, hi);
        }
    }
}

static void print_breakdown(FILE *f, const pacta_backtest_result_t *r, const char *by,
                            const char *title)
{
    size_t n = 0;
    for (size_t g = 0; g < r->n_groups; g++)
        n += strcmp(r->groups[g].by, by) == 0;
    if (n == 0)
        return;
    int w = label_width(r);
    fprintf(f, "\nMAE by %s [95%% interval] (issues):\n", title);
    fprintf(f, "  %-*s", w, "model");
    for (size_t g = 0; g < r->n_groups; g++)
        if (strcmp(r->groups[g].by, by) == 0)
            fprintf(f, "  %-28s", r->groups[g].value);
    fputc('\n', f);
    for (size_t m = 0; m < r->n_models; m++) {
        const pacta_backtest_model_t *model = &r->models[m];
        fprintf(f, "  %-*s", w, model->label);
        for (size_t g = 0; g < r->n_groups; g++) {
            if (strcmp(r->groups[g].by, by) != 0)
                continue;
            char buf[64], cell[96];
            snprintf(cell, sizeof cell, "%s (%zu)",
                     with_interval(buf, sizeof buf, &model->groups[g].mae, 1, 2),
                     model->groups[g].n_issues);
            fprintf(f, "  %-28s", cell);
        }
        fputc('\n', f);
    }
}

void cli_print_backtest_text(FILE *f, const pacta_backtest_result_t *r)
{
    const pacta_backtest_set_t *set = r->set;
    const pacta_backtest_excluded_t *x = &set->excluded;
    fprintf(f, "Backtest on %s (%s, capability: %s)\n", set->path,
            strcmp(set->format, "deu") == 0 ? "DEU table" : "scenario files", set->capability);
    fprintf(f,
            "Issues that count: %zu, in %zu proposals (read %zu: %zu without an outcome in "
            "0-100, %zu with fewer than %zu actors that count).\n",
            set->n_cases, set->n_proposals, x->issues_read, x->no_outcome, x->too_few_actors,
            set->min_actors);
    fprintf(f,
            "An actor counts with a position in 0-100 and a salience above 0 (positions read: "
            "%zu; without a salience above 0: %zu; positions or reference points outside "
            "0-100: %zu).\n",
            x->positions_read, x->no_salience, x->outside_scale);
    if (r->bootstrap > 0)
        fprintf(f,
                "Intervals: 95%% percentile bootstrap, %lu replicates resampling proposals, "
                "seed %llu (Philox4x32-10).\n",
                r->bootstrap, (unsigned long long)r->seed);
    else
        fprintf(f, "No intervals (--bootstrap 0).\n");
    if (set->n_proposals < 2 && r->bootstrap > 0)
        fprintf(f, "Note: with one proposal every replicate is the same; the intervals say "
                   "nothing about uncertainty.\n");

    int w = label_width(r);
    char a[64], b[64], c[64], d[64], e[64];
    fprintf(f, "\n  %-*s  %6s  %-22s  %-22s  %-22s  %-22s  %s\n", w, "model", "issues", "MAE",
            "RMSE", "median |error|", "within", "MAE minus");
    char within[48];
    snprintf(within, sizeof within, "(%% within %g)", r->within);
    fprintf(f, "  %-*s  %6s  %-22s  %-22s  %-22s  %-22s  %s\n", w, "", "", "", "", "", within,
            r->models[r->baseline].label);
    for (size_t m = 0; m < r->n_models; m++) {
        const pacta_backtest_model_t *model = &r->models[m];
        const pacta_backtest_scores_t *s = &model->all;
        fprintf(
            f, "  %-*s  %6zu  %-22s  %-22s  %-22s  %-22s  %s\n", w, model->label, s->n_issues,
            with_interval(a, sizeof a, &s->mae, 1, 2), with_interval(b, sizeof b, &s->rmse, 1, 2),
            with_interval(c, sizeof c, &s->median, 1, 2),
            with_interval(d, sizeof d, &s->within, 100, 1),
            model->is_baseline ? "(baseline)" : signed_interval(e, sizeof e, &s->mae_difference));
    }
    for (size_t m = 0; m < r->n_models; m++) {
        const pacta_backtest_model_t *model = &r->models[m];
        if (!model->is_baseline && model->all.n_paired < r->models[r->baseline].all.n_issues &&
            model->all.n_paired > 0)
            fprintf(f,
                    "  %s: the difference is over the %zu issues where both have a "
                    "forecast.\n",
                    model->label, model->all.n_paired);
    }
    print_breakdown(f, r, "procedure", "procedure");
    print_breakdown(f, r, "rule", "Council voting rule");
    print_fits(f, r);
}
