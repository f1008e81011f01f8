/* The text report of a forecast: one table per issue with each model's forecast, the
 * nearest labelled point of the issue's scale, the status quo and the spread of positions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_format_value(char *buf, size_t size, const pacta_issue_t *issue, double v)
{
    if (issue->units.present)
        snprintf(buf, size, "%.*f %s (%.1f)", issue->units.decimals,
                 pacta_issue_to_units(issue, v), issue->units.name, v);
    else
        snprintf(buf, size, "%.1f", v);
}

/* A labelled point is named for a value only this close to it (scale points): beyond, "≈ 100"
 * for a value 26 points away would mislead more than it helps. */
#define NEAREST_LABEL_DISTANCE 10.0

/* Models whose forecasts on an issue span more than this (scale points) are said to disagree,
 * and the one farthest from the others' median is named with its assumption. */
#define DISAGREEMENT_SPREAD 20.0

void cli_print_anchor(FILE *f, const pacta_issue_t *issue, double v)
{
    double at;
    const char *label;
    if (!pacta_issue_nearest_anchor(issue, v, &at, &label))
        return;
    if (fabs(at - v) > NEAREST_LABEL_DISTANCE)
        fprintf(f, "(no labelled point within %g; the nearest, %g, is %.0f away)",
                NEAREST_LABEL_DISTANCE, at, fabs(at - v));
    else
        fprintf(f, "%s %g: %s", fabs(at - v) < 0.05 ? "=" : "≈", at, label);
}

static int compare_doubles(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* When the models' forecasts span more than DISAGREEMENT_SPREAD, say so and name the model
 * farthest from the median of the others, with what it assumes (its summary). */
static void print_disagreement(FILE *f, const pacta_forecast_issue_t *fi)
{
    double values[64], others[64];
    size_t n = 0;
    for (size_t e = 0; e < fi->n_entries && n < 64; e++)
        if (fi->entries[e].result.defined)
            values[n++] = fi->entries[e].result.forecast;
    if (n < 3)
        return;
    double lo = values[0], hi = values[0];
    for (size_t i = 1; i < n; i++) {
        lo = fmin(lo, values[i]);
        hi = fmax(hi, values[i]);
    }
    if (hi - lo <= DISAGREEMENT_SPREAD)
        return;
    size_t outlier = 0;
    double worst = -1.0, worst_median = 0.0;
    for (size_t e = 0, i = 0; e < fi->n_entries; e++) {
        const pacta_model_result_t *r = &fi->entries[e].result;
        if (!r->defined)
            continue;
        size_t m = 0;
        for (size_t j = 0; j < n; j++)
            if (j != i)
                others[m++] = values[j];
        qsort(others, m, sizeof(double), compare_doubles);
        double median = m % 2 ? others[m / 2] : 0.5 * (others[m / 2 - 1] + others[m / 2]);
        if (fabs(r->forecast - median) > worst) {
            worst = fabs(r->forecast - median);
            worst_median = median;
            outlier = e;
        }
        i++;
    }
    const pacta_model_t *model = pacta_model_config_model(fi->entries[outlier].config);
    fprintf(f,
            "    models disagree: the forecasts span %.1f points (more than %g); %s is farthest "
            "from the\n    others (%.1f against their median %.1f): its model: %s\n",
            hi - lo, DISAGREEMENT_SPREAD, pacta_model_name(model),
            fi->entries[outlier].result.forecast, worst_median, pacta_model_summary(model));
}

static void print_spread(FILE *f, const pacta_scenario_t *s, const pacta_forecast_issue_t *fi)
{
    double lo = INFINITY, hi = -INFINITY, sw = 0, swx = 0, swxx = 0;
    for (size_t i = 0; i < fi->n_actors; i++) {
        const pacta_actor_t *a = &s->actors[fi->actors[i]];
        const pacta_stance_t *st = &a->stances[fi->issue];
        double x = st->position.value, w = a->capability.value * st->salience.value;
        lo = fmin(lo, x);
        hi = fmax(hi, x);
        sw += w;
        swx += w * x;
        swxx += w * x * x;
    }
    fprintf(f, "  positions   %zu actor%s from %.1f to %.1f", fi->n_actors,
            fi->n_actors == 1 ? "" : "s", lo, hi);
    if (sw > 0) {
        double mean = swx / sw;
        double var = fmax(0.0, swxx / sw - mean * mean);
        fprintf(f, ", weighted sd %.1f", sqrt(var));
    }
    fputc('\n', f);
}

static void print_trajectory(FILE *f, const pacta_issue_t *issue, const pacta_model_result_t *r)
{
    fputs("      round   median     mean  moves\n", f);
    for (size_t k = 0; k < r->n_rounds; k++) {
        const pacta_round_t *round = &r->rounds[k];
        fprintf(f, "      %5d  %7.2f  %7.2f  %zu\n", round->round,
                issue->units.present ? pacta_issue_to_units(issue, round->median) : round->median,
                issue->units.present ? pacta_issue_to_units(issue, round->mean) : round->mean,
                round->n_moves);
    }
}

/* Remarks on defined forecasts (e.g. "the bargaining set is empty") repeat across issues;
 * they are printed once, as numbered notes after the tables. */
enum { MAX_NOTES = 32 };
typedef struct notes {
    const char *text[MAX_NOTES];
    size_t n;
} notes_t;

static size_t note_number(notes_t *notes, const char *text)
{
    for (size_t i = 0; i < notes->n; i++)
        if (strcmp(notes->text[i], text) == 0)
            return i + 1;
    if (notes->n == MAX_NOTES)
        return 0;
    notes->text[notes->n++] = text;
    return notes->n;
}

void cli_print_forecast_text(FILE *f, const pacta_forecast_t *fc, const pacta_scenario_t *s,
                             bool trajectory)
{
    notes_t notes = {{NULL}, 0};
    fprintf(f, "%s\n", s->title);
    fprintf(f, "%s: %zu actor%s, %zu issue%s, %zu proposal%s\n", s->path, s->n_actors,
            cli_plural(s->n_actors), s->n_issues, cli_plural(s->n_issues), s->n_proposals,
            cli_plural(s->n_proposals));
    for (size_t i = 0; i < fc->n_issues; i++) {
        const pacta_forecast_issue_t *fi = &fc->issues[i];
        const pacta_issue_t *issue = &s->issues[fi->issue];
        fprintf(f, "\n[%zu/%zu] %s: %s\n", i + 1, fc->n_issues, issue->id, issue->name);
        fprintf(f, "    0 = %s\n  100 = %s\n", issue->low, issue->high);
        char buf[128];
        if (issue->has_status_quo) {
            cli_format_value(buf, sizeof buf, issue, issue->status_quo.value);
            fprintf(f, "  status quo  %s  ", buf);
            cli_print_anchor(f, issue, issue->status_quo.value);
            fputc('\n', f);
        } else {
            fputs("  status quo  not given\n", f);
        }
        print_spread(f, s, fi);
        fputc('\n', f);
        /* The forecast column is as wide as its widest entry (units can be long). */
        int width = 8;
        for (size_t e = 0; e < fi->n_entries; e++) {
            const pacta_model_result_t *r = &fi->entries[e].result;
            if (r->defined) {
                cli_format_value(buf, sizeof buf, issue, r->forecast);
                int len = (int)strlen(buf);
                width = len > width ? len : width;
            }
        }
        fprintf(f, "    %-11s %*s   %s\n", "model", width, "forecast", "nearest point of the scale");
        for (size_t e = 0; e < fi->n_entries; e++) {
            const pacta_forecast_entry_t *entry = &fi->entries[e];
            const pacta_model_t *model = pacta_model_config_model(entry->config);
            const pacta_model_result_t *r = &entry->result;
            fprintf(f, "    %-11s ", pacta_model_name(model));
            if (!r->defined) {
                fprintf(f, "%*s   %s\n", width, "n/a", r->note ? r->note : "");
                continue;
            }
            cli_format_value(buf, sizeof buf, issue, r->forecast);
            fprintf(f, "%*s   ", width, buf);
            cli_print_anchor(f, issue, r->forecast);
            size_t note = r->note ? note_number(&notes, r->note) : 0;
            if (note > 0)
                fprintf(f, "  [%zu]", note);
            else if (r->note)
                fprintf(f, "  (%s)", r->note);
            fputc('\n', f);
            if (pacta_model_is_iterative(model)) {
                const char *profile = pacta_model_config_profile(entry->config);
                fprintf(f, "                %zu round%s, stopped: %s%s%s", r->n_rounds ? r->n_rounds - 1 : 0,
                        r->n_rounds == 2 ? "" : "s", pacta_stop_reason_name(r->stop),
                        profile ? ", profile " : "", profile ? profile : "");
                if (entry->n_joint_issues > 1)
                    fprintf(f, ", jointly over %zu issues with %zu actors",
                            entry->n_joint_issues, entry->n_actors);
                fputc('\n', f);
                if (trajectory)
                    print_trajectory(f, issue, r);
            }
        }
        print_disagreement(f, fi);
    }
    if (notes.n > 0)
        fputs("\nNotes\n", f);
    for (size_t i = 0; i < notes.n; i++)
        fprintf(f, "  [%zu] %s\n", i + 1, notes.text[i]);
}
