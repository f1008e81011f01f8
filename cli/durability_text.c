/* The text reports of pacta durability: a fitted model's summary and each proposal's chance
 * of holding. */
#include <math.h>
#include <string.h>

#include "cli.h"

void cli_print_durability_model(FILE *f, const pacta_durability_model_t *dm, double level)
{
    const pacta_surv_model_t *m = dm->fit;
    bool weibull = m->family == PACTA_SURV_WEIBULL;
    fprintf(f, "Model: %s, fitted %s by pacta %s on %zu peace episodes (%zu recurrences)\n",
            weibull ? "Weibull proportional hazards"
            : m->ties == PACTA_SURV_TIES_BRESLOW
                ? "Cox proportional hazards (Breslow ties), Breslow baseline"
                : "Cox proportional hazards (Efron ties), Breslow baseline",
            dm->created, dm->pacta_version, m->n, m->events);
    fprintf(f, "Episode rule: %s (docs/durability.md)\n", dm->episode_rule);
    for (size_t i = 0; i < dm->n_provenance; i++)
        if (strncmp(dm->provenance[i], "ucdp:", 5) == 0 ||
            strncmp(dm->provenance[i], "pax:", 4) == 0 ||
            strncmp(dm->provenance[i], "cow:", 4) == 0 ||
            strncmp(dm->provenance[i], "episodes:", 9) == 0)
            fprintf(f, "  %s\n", dm->provenance[i]);
    fprintf(f, "Log-likelihood %.3f (covariates) vs %.3f (%s); %d iterations\n", m->loglik,
            m->loglik_null, weibull ? "intercept and shape only" : "beta = 0", m->iterations);
    double z = pacta_normal_quantile(0.5 + 0.5 * level);
    fprintf(f, "\n%-22s %9s %8s %8s  %-19s %s\n", "covariate", "beta", "se", "HR", "HR interval",
            "episodes with it");
    for (size_t j = 0; j < m->p; j++) {
        char ci[40];
        snprintf(ci, sizeof ci, "[%.2f, %.2f]", exp(m->beta[j] - z * m->se[j]),
                 exp(m->beta[j] + z * m->se[j]));
        bool binary = m->x_min[j] == 0.0 && m->x_max[j] == 1.0;
        char support[40] = "";
        if (binary)
            snprintf(support, sizeof support, "%zu", m->x_nonzero[j]);
        else
            snprintf(support, sizeof support, "range %.2g to %.2g", m->x_min[j], m->x_max[j]);
        fprintf(f, "%-22s %9.4f %8.4f %8.3f  %-19s %s\n", m->names[j], m->beta[j], m->se[j],
                exp(m->beta[j]), ci, support);
    }
    if (weibull)
        fprintf(f, "%-22s %9.4f %8.4f\n%-22s %9.4f %8.4f  (%s hazard)\n", "intercept (beta_0)",
                m->intercept, m->intercept_se, "shape (rho)", m->shape, m->shape_se,
                m->shape < 1.0 ? "falling" : "rising");
    fprintf(f,
            "HR < 1 means the provision or condition goes with longer peace; intervals %.0f%%.\n",
            100.0 * level);
}

static const char *fact_origin(const pacta_durability_result_t *r, size_t j)
{
    return r->origin[j] == PACTA_ORIGIN_OPTION ? "command line" : "scenario";
}

/* Print text in a column of width characters (UTF-8 code points), cut with "..." when too
 * long, never inside a character. */
static void put_column(FILE *f, const char *text, size_t width)
{
    size_t chars = 0, len = strlen(text);
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)text[i] & 0xC0) != 0x80;
    if (chars <= width) {
        fputs(text, f);
        for (size_t i = chars; i < width; i++)
            fputc(' ', f);
        return;
    }
    size_t keep = width - 3, seen = 0, i = 0;
    for (; i < len; i++) {
        if (((unsigned char)text[i] & 0xC0) != 0x80) {
            if (seen == keep)
                break;
            seen++;
        }
    }
    fwrite(text, 1, i, f);
    fputs("...", f);
}

/* "0.55 [0.30, 0.75]" */
static void format_probability(char *buf, size_t size, double s, double lo, double hi)
{
    snprintf(buf, size, "%.2f [%.2f, %.2f]", s, lo, hi);
}

static void format_years(char *buf, size_t size, double v, double max_time)
{
    if (isinf(v))
        snprintf(buf, size, ">%.0f", max_time);
    else
        snprintf(buf, size, "%.1f", v);
}

void cli_print_durability_report(FILE *f, const pacta_durability_report_t *rep,
                                 const pacta_scenario_t *s,
                                 const pacta_durability_predict_options_t *options)
{
    const pacta_durability_model_t *dm = rep->model;
    const pacta_surv_model_t *m = dm->fit;
    fprintf(f, "Would it hold? Durability of the proposals in \"%s\"\n\n", s->title);
    cli_print_durability_model(f, dm, rep->level);
    if (rep->n_results == 0) {
        fputs("\nThe scenario has no proposals.\n", f);
        return;
    }
    /* War-level facts, the same for every proposal. */
    const pacta_durability_result_t *r0 = &rep->results[0];
    fputs("\nWar:", f);
    for (size_t j = 0; j < m->p; j++) {
        if (r0->origin[j] != PACTA_ORIGIN_DECLARED && r0->origin[j] != PACTA_ORIGIN_OPTION)
            continue;
        if (strcmp(m->names[j], "interstate") == 0)
            fprintf(f, " %s (%s);", r0->x[j] ? "between states" : "within a state",
                    fact_origin(r0, j));
        else if (strcmp(m->names[j], "major_war") == 0)
            fprintf(f, " %s (%s);", r0->x[j] ? "1,000+ battle deaths a year" : "minor",
                    fact_origin(r0, j));
        else if (strcmp(m->names[j], "log_war_years") == 0)
            fprintf(f, " %.2f years of fighting (%s);", expm1(r0->x[j]), fact_origin(r0, j));
        else if (strcmp(m->names[j], "war_years") == 0)
            fprintf(f, " %.2f years of fighting (%s);", r0->x[j], fact_origin(r0, j));
    }
    fprintf(f,
            " every proposal counts as an agreement.\nIntervals: %.0f%%, from %zu draws "
            "of the parameters (seed %llu).\n",
            100.0 * rep->level, options->draws.draws, (unsigned long long)options->draws.seed);

    /* The table. */
    const pacta_surv_prediction_t *p0 = &r0->prediction;
    fprintf(f, "\nProbability that the peace holds (%.0f%% interval), and the median duration\n\n",
            100.0 * rep->level);
    fprintf(f, "%-34s", "proposal");
    for (size_t h = 0; h < p0->n_horizons; h++) {
        char head[32];
        snprintf(head, sizeof head, "%g year%s", p0->horizon[h], p0->horizon[h] == 1 ? "" : "s");
        fprintf(f, "  %-18s", head);
    }
    fputs("  median, years\n", f);
    for (size_t i = 0; i < rep->n_results; i++) {
        const pacta_durability_result_t *r = &rep->results[i];
        char label[256];
        snprintf(label, sizeof label, "%s %s", r->proposal, r->name ? r->name : "");
        put_column(f, label, 34);
        for (size_t h = 0; h < r->prediction.n_horizons; h++) {
            char cell[48];
            format_probability(cell, sizeof cell, r->prediction.survival[h], r->prediction.lower[h],
                               r->prediction.upper[h]);
            fprintf(f, "  %-18s", cell);
        }
        char med[24], lo[24], hi[24];
        format_years(med, sizeof med, r->prediction.median, m->max_time);
        format_years(lo, sizeof lo, r->prediction.median_lower, m->max_time);
        format_years(hi, sizeof hi, r->prediction.median_upper, m->max_time);
        fprintf(f, "  %s [%s, %s]\n", med, lo, hi);
    }

    /* Warnings every proposal shares are printed once, after the proposals. */
    size_t n_common = 0;
    const char *common[64];
    for (size_t k = 0; k < r0->n_warnings && n_common < 64; k++) {
        bool everywhere = true;
        for (size_t i = 1; i < rep->n_results && everywhere; i++) {
            bool found = false;
            for (size_t q = 0; q < rep->results[i].n_warnings; q++)
                found |= strcmp(rep->results[i].warnings[q], r0->warnings[k]) == 0;
            everywhere = found;
        }
        if (everywhere && rep->n_results > 1)
            common[n_common++] = r0->warnings[k];
    }

    /* Per proposal: provisions, what moves it, warnings. */
    double ref = p0->horizon[rep->reference_horizon];
    for (size_t i = 0; i < rep->n_results; i++) {
        const pacta_durability_result_t *r = &rep->results[i];
        fprintf(f, "\n%s %s\n", r->proposal, r->name ? r->name : "");
        fputs("  provisions:", f);
        size_t shown = 0;
        for (size_t j = 0; j < m->p; j++)
            if (r->origin[j] == PACTA_ORIGIN_DECLARED && r->n_effects > 0) {
                bool provision = false;
                for (size_t k = 0; k < r->n_effects; k++)
                    provision |= r->effects[k].covariate == j;
                if (provision) {
                    fprintf(f, "%s %s %s", shown ? "," : "", m->names[j], r->x[j] ? "yes" : "no");
                    shown++;
                }
            }
        if (shown == 0)
            fputs(" none declared", f);
        fputc('\n', f);
        size_t assumed = 0;
        for (size_t j = 0; j < m->p; j++)
            if (r->origin[j] == PACTA_ORIGIN_ASSUMED)
                fprintf(f, "%s %s",
                        assumed++ ? "," : "  not declared, taken as absent:", m->names[j]);
        if (assumed)
            fputc('\n', f);
        if (r->n_ignored > 0) {
            fputs("  declared but not in the model (no data on them):", f);
            for (size_t k = 0; k < r->n_ignored; k++)
                fprintf(f, "%s %s", k ? "," : "", r->ignored[k]);
            fputc('\n', f);
        }
        if (r->n_effects > 0) {
            fprintf(f,
                    "  what moves P(holds %g year%s) most, from %.2f as proposed (hazard ratio, "
                    "%.0f%% interval):\n",
                    ref, ref == 1.0 ? "" : "s", r->effects[0].survival, 100.0 * rep->level);
            for (size_t k = 0; k < r->n_effects; k++) {
                const pacta_durability_effect_t *e = &r->effects[k];
                fprintf(f, "    %-22s %-7s %.2f -> %.2f   HR %.2f [%.2f, %.2f]\n",
                        m->names[e->covariate], e->value != 0.0 ? "without" : "with", e->survival,
                        e->toggled, e->hazard_ratio, e->hr_lower, e->hr_upper);
            }
        }
        for (size_t k = 0; k < r->n_warnings; k++) {
            bool shared = false;
            for (size_t q = 0; q < n_common; q++)
                shared |= strcmp(common[q], r->warnings[k]) == 0;
            if (!shared)
                fprintf(f, "  warning: %s\n", r->warnings[k]);
        }
    }
    if (n_common > 0) {
        fputs("\nWarnings for every proposal:\n", f);
        for (size_t q = 0; q < n_common; q++)
            fprintf(f, "  warning: %s\n", common[q]);
    }
    fputs("\nRead with care: the data are mostly civil conflicts since 1991; agreements are\n"
          "not randomly assigned (selection into agreements); Lo, Hashimoto & Reiter (2008)\n"
          "find that the strength of a ceasefire agreement barely matters, and Werner & Yuen\n"
          "(2005) that ceasefires imposed by third parties fail more often, which the data here\n"
          "cannot measure. See docs/durability.md, \"What the data can and cannot support\".\n",
          f);
}
