/* The text report of a deal design: per deal its values with the issues' scale labels, each
 * actor's margin, the war verdicts and what binds; or, when no deal is feasible, the
 * obstacle and the smallest relaxation that admits one. */
#include <math.h>
#include <string.h>

#include "cli.h"

/* "+12.3" / "−4.0" with a real minus sign, as evaluate prints gains. */
static const char *signed_text(char *buf, size_t size, double v, int decimals)
{
    if (v < 0)
        snprintf(buf, size, "−%.*f", decimals, -v);
    else
        snprintf(buf, size, "+%.*f", decimals, v);
    return buf;
}

static const char *family_unit(pacta_design_constraint f)
{
    switch (f) {
    case PACTA_DESIGN_VETOES:
        return "scale points of gain";
    case PACTA_DESIGN_RANGE:
    case PACTA_DESIGN_COMMITMENT:
        return "of the stake";
    case PACTA_DESIGN_EMBOLDENING:
        return "of the index";
    case PACTA_DESIGN_CONSTRAINT_COUNT:
        break;
    }
    return "";
}

static void print_point(FILE *f, const pacta_design_t *d, const pacta_scenario_t *s,
                        const double *point)
{
    size_t width = 0;
    for (size_t k = 0; k < s->n_issues; k++)
        if (d->searched[k] && strlen(s->issues[k].id) > width)
            width = strlen(s->issues[k].id);
    for (size_t k = 0; k < s->n_issues; k++) {
        if (!d->searched[k])
            continue;
        char buf[96];
        cli_format_value(buf, sizeof buf, &s->issues[k], point[k]);
        fprintf(f, "  %-*s  %8s", (int)width, s->issues[k].id, buf);
        double at;
        const char *label;
        if (pacta_issue_nearest_anchor(&s->issues[k], point[k], &at, &label)) {
            fputs("  ", f);
            cli_print_anchor(f, &s->issues[k], point[k]);
        }
        fputc('\n', f);
    }
}

/* How a deal fares over the draws: P(each family holds) with its standard error. */
static void print_robust(FILE *f, const pacta_design_t *d, const pacta_design_robust_t *r)
{
    char num[32];
    fprintf(f, "  over %llu draws: every constraint holds %.3f (se %.3f)%s\n",
            (unsigned long long)d->runs, r->p_all, r->se_all,
            r->confident ? "" : ", below the confidence asked for");
    fputs("   ", f);
    for (int c = 0; c < PACTA_DESIGN_CONSTRAINT_COUNT; c++)
        if (d->present[c])
            fprintf(f, " %s %.3f (se %.3f)%s",
                    pacta_design_constraint_name((pacta_design_constraint)c), r->p_hold[c],
                    r->se_hold[c],
                    c + 1 < PACTA_DESIGN_CONSTRAINT_COUNT && d->present[c + 1] ? "," : "");
    fputc('\n', f);
    if (isnan(r->mean_objective))
        fputs("    mean objective: undefined in every draw\n", f);
    else if (d->objective == PACTA_DESIGN_NASH)
        fprintf(f,
                "    mean log Nash product %.3f (over the %llu draws in which every veto "
                "gain is positive)\n",
                r->mean_objective, (unsigned long long)r->n_defined);
    else
        fprintf(f, "    mean smallest veto margin %s\n",
                signed_text(num, sizeof num, r->mean_objective, 1));
}

static void print_deal(FILE *f, const pacta_design_t *d, const pacta_scenario_t *s,
                       const pacta_design_deal_t *deal, size_t rank)
{
    char num[32];
    if (d->objective == PACTA_DESIGN_NASH)
        fprintf(f, "deal %zu: log Nash product of the veto players %.3f, smallest veto margin %s\n",
                rank, deal->objective, signed_text(num, sizeof num, deal->min_veto_margin, 1));
    else
        fprintf(f, "deal %zu: smallest veto margin %s\n", rank,
                signed_text(num, sizeof num, deal->min_veto_margin, 1));
    print_point(f, d, s, deal->point);
    fputs("  margins:", f);
    bool first = true;
    for (size_t a = 0; a < s->n_actors; a++) {
        if (isnan(deal->margin[a]))
            continue;
        fprintf(f, "%s %s %s", first ? "" : ",", s->actors[a].id,
                signed_text(num, sizeof num, deal->margin[a], 1));
        if (s->actors[a].veto)
            fputs(deal->binding[a] ? " (veto, binds)" : " (veto)", f);
        first = false;
    }
    fputc('\n', f);
    const pacta_proposal_verdict_t *v = &deal->verdict;
    if (v->bargaining.present) {
        char ma[32], mb[32];
        fprintf(
            f,
            "  bargaining range: side A's share %.3f against [%.3f, %.3f] (margins A %s, B %s)\n",
            v->bargaining.x, v->bargaining.low, v->bargaining.high,
            signed_text(ma, sizeof ma, deal->range_margin_a, 3),
            signed_text(mb, sizeof mb, deal->range_margin_b, 3));
        fprintf(
            f, "  commitment: self-enforcing over %zu years (smallest margin or Powell slack %s)\n",
            v->commitment.years, signed_text(num, sizeof num, deal->commitment_slack, 3));
    }
    if (v->emboldening.present)
        fprintf(f, "  emboldening: index %s%s\n",
                signed_text(num, sizeof num, v->emboldening.index, 2),
                d->present[PACTA_DESIGN_EMBOLDENING] ? " (bounded)" : " (not bounded)");
    fputs("  binding:", f);
    first = true;
    for (int c = 0; c < PACTA_DESIGN_CONSTRAINT_COUNT; c++) {
        if (!deal->binds[c])
            continue;
        fprintf(f, "%s %s", first ? "" : ",",
                pacta_design_constraint_name((pacta_design_constraint)c));
        if (c == PACTA_DESIGN_VETOES) {
            fputs(" (", f);
            bool one = true;
            for (size_t a = 0; a < s->n_actors; a++)
                if (deal->binding[a]) {
                    fprintf(f, "%s%s", one ? "" : ", ", s->actors[a].id);
                    one = false;
                }
            fputc(')', f);
        }
        first = false;
    }
    fputs(first ? " none\n" : "\n", f);
    if (d->runs > 0)
        print_robust(f, d, &deal->robust);
    if (s->n_proposals > 0) {
        fputs("  distance from the proposals (mean scale points):", f);
        for (size_t q = 0; q < s->n_proposals; q++)
            fprintf(f, "%s %s %.1f", q ? "," : "", s->proposals[q].id, deal->distance[q]);
        fputc('\n', f);
    }
}

static void print_relaxation(FILE *f, const pacta_design_t *d, const pacta_scenario_t *s)
{
    const pacta_design_relaxation_t *r = &d->relaxation;
    fputs("No deal meets every constraint.\n", f);
    fprintf(f,
            "The obstacle: %s. Relaxing every constraint at once, the largest violation can be "
            "brought down to %.3f scale points, at\n",
            pacta_design_constraint_name(r->obstacle), r->minimax);
    print_point(f, d, s, r->point);
    fputs("  violations there:", f);
    bool first = true;
    for (int c = 0; c < PACTA_DESIGN_CONSTRAINT_COUNT; c++) {
        if (!d->present[c])
            continue;
        fprintf(f, "%s %s %.3f", first ? "" : ",",
                pacta_design_constraint_name((pacta_design_constraint)c), r->violation[c]);
        first = false;
    }
    fputc('\n', f);
    fputs("Relaxing one constraint alone (the others met):\n", f);
    for (int c = 0; c < PACTA_DESIGN_CONSTRAINT_COUNT; c++) {
        if (!d->present[c])
            continue;
        const char *name = pacta_design_constraint_name((pacta_design_constraint)c);
        if (isinf(r->alone[c]))
            fprintf(f, "  %-12s no relaxation of it alone admits a deal\n", name);
        else
            fprintf(f, "  %-12s by %.3f %s admits a deal\n", name, r->alone[c],
                    family_unit((pacta_design_constraint)c));
    }
}

void cli_print_design_text(FILE *f, const pacta_design_t *d, const pacta_scenario_t *s)
{
    if (s->title)
        fprintf(f, "%s\n", s->title);
    fprintf(f, "%s: deal design, objective %s, judged against %s, %s loss\n", s->path,
            pacta_design_objective_name(d->objective),
            d->reservation == PACTA_RESERVATION_WAR ? "continued war" : "the status quo",
            d->utility == PACTA_UTILITY_QUADRATIC ? "quadratic" : "linear");
    fputs("constraints:", f);
    for (int c = 0; c < PACTA_DESIGN_CONSTRAINT_COUNT; c++)
        if (d->present[c])
            fprintf(f, " %s", pacta_design_constraint_name((pacta_design_constraint)c));
    if (d->present[PACTA_DESIGN_EMBOLDENING])
        fprintf(f, " (index at most %g)", d->max_emboldening);
    fprintf(f,
            "; %zu issue%s searched; %zu starts (%zu ended feasible), %zu deals judged, seed "
            "%llu\n",
            d->n_searched, cli_plural(d->n_searched), d->n_starts, d->n_feasible_starts,
            d->n_evaluations, (unsigned long long)d->seed);
    if (d->runs > 0)
        fprintf(f,
                "robust: %zu distinct deal%s judged in %llu Monte Carlo draws (%zu input%s drawn "
                "afresh in each%s); ranked by the objective averaged over the draws, first those "
                "whose constraints all hold in at least %.3f of them\n",
                d->n_candidates, cli_plural(d->n_candidates), (unsigned long long)d->runs,
                d->n_random, cli_plural(d->n_random),
                d->n_random == 0 ? ": every draw is the point scenario" : "", d->confidence);
    fputs("Margins are gains over the reservation in salience-weighted scale points; a "
          "constraint\nbinds when its slack is within 0.001 of zero.\n\n",
          f);
    if (d->feasible && d->runs > 0 && !d->confident)
        fprintf(f,
                "No deal found meets every constraint with probability %.3f or more; the deals "
                "below are those most likely to.\n\n",
                d->confidence);
    if (!d->feasible) {
        print_relaxation(f, d, s);
        return;
    }
    for (size_t i = 0; i < d->n_deals; i++) {
        if (i > 0)
            fputc('\n', f);
        print_deal(f, d, s, &d->deals[i], i + 1);
    }
}
