/* The text report of an evaluation: a side-by-side table of all proposals, then per
 * proposal a short explanation of each verdict, then the sensitivity tables. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *side_names(const pacta_scenario_t *s, const size_t *members, size_t n,
                              char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s%s", i ? " + " : "", s->actors[members[i]].name);
    }
    return buf;
}

static const char *yes_no(bool v)
{
    return v ? "yes" : "no";
}

/* "+12.3" / "-4.0" with a real minus sign for negatives. */
static void signed_number(char *buf, size_t size, double v)
{
    if (v < 0)
        snprintf(buf, size, "−%.1f", -v);
    else
        snprintf(buf, size, "+%.1f", v);
}

/* The actor's two largest contributions in the direction of its verdict. */
static void print_reasons(FILE *f, const pacta_scenario_t *s, const pacta_actor_verdict_t *av)
{
    int best[2] = {-1, -1};
    double sign = av->accepts ? 1.0 : -1.0;
    for (size_t k = 0; k < s->n_issues; k++) {
        double c = sign * av->contribution[k];
        if (c <= 0.05)
            continue;
        if (best[0] < 0 || c > sign * av->contribution[best[0]]) {
            best[1] = best[0];
            best[0] = (int)k;
        } else if (best[1] < 0 || c > sign * av->contribution[best[1]]) {
            best[1] = (int)k;
        }
    }
    if (best[0] < 0 && av->war_cost <= 0)
        return;
    fputs(" (", f);
    bool first = true;
    for (int i = 0; i < 2; i++) {
        if (best[i] < 0)
            continue;
        char num[32];
        signed_number(num, sizeof num, av->contribution[best[i]]);
        fprintf(f, "%s%s %s", first ? "" : ", ", s->issues[best[i]].id, num);
        first = false;
    }
    if (av->war_cost > 0 && av->accepts) {
        char num[32];
        signed_number(num, sizeof num, av->war_cost);
        fprintf(f, "%swar avoided %s", first ? "" : ", ", num);
    }
    fputc(')', f);
}

static void print_actor_list(FILE *f, const pacta_scenario_t *s, const pacta_proposal_verdict_t *v,
                             bool accepting)
{
    /* Largest gains (or losses) first. */
    size_t order[PACTA_MAX_ACTORS > 1024 ? 1024 : PACTA_MAX_ACTORS], n = 0;
    for (size_t a = 0; a < s->n_actors && n < sizeof order / sizeof order[0]; a++)
        if (v->actors[a].takes_part && v->actors[a].accepts == accepting)
            order[n++] = a;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0; j--) {
            double gj = v->actors[order[j]].gain, gp = v->actors[order[j - 1]].gain;
            if (accepting ? gj > gp : gj < gp) {
                size_t t = order[j];
                order[j] = order[j - 1];
                order[j - 1] = t;
            }
        }
    fprintf(f, "  %s (%zu):", accepting ? "accept" : "reject", n);
    if (n == 0)
        fputs(" nobody", f);
    for (size_t i = 0; i < n; i++) {
        const pacta_actor_verdict_t *av = &v->actors[order[i]];
        char num[32];
        signed_number(num, sizeof num, av->gain);
        fprintf(f, "%s %s %s", i ? ";" : "", s->actors[order[i]].id, num);
        if (i < 4)
            print_reasons(f, s, av);
    }
    fputc('\n', f);
}

/* The veto players of a side, with their gains: "Russia +76.6". */
static void side_vetoes(FILE *f, const pacta_scenario_t *s, const pacta_proposal_verdict_t *v,
                        char side)
{
    const pacta_war_t *w = &s->war;
    const size_t *members = side == 'A' ? w->side_a : w->side_b;
    size_t n = side == 'A' ? w->n_side_a : w->n_side_b;
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        const pacta_actor_verdict_t *av = &v->actors[members[i]];
        if (!av->takes_part)
            continue;
        char num[32];
        signed_number(num, sizeof num, av->gain);
        fprintf(f, "%s%s %s", first ? "" : ", ", s->actors[members[i]].name, num);
        first = false;
    }
}

/* Verdicts that a small change would flip (issue 20): a veto player's acceptance that a move
 * of under PACTA_CLOSE_CALL_POINTS on one issue undoes, a range or commitment margin within
 * PACTA_CLOSE_CALL_SHARE of p or a cost. */
static void print_close_calls(FILE *f, const pacta_scenario_t *s, const pacta_proposal_verdict_t *v)
{
    const char *sep = "  close calls: ";
    for (size_t a = 0; a < s->n_actors; a++) {
        const pacta_actor_verdict_t *av = &v->actors[a];
        if (!av->takes_part || !s->actors[a].veto || !av->close_call)
            continue;
        fprintf(f, "%s%s %s by %+.2f, which a move of %.2f points on %s would undo", sep,
                s->actors[a].name, av->accepts ? "accepts" : "rejects", av->gain,
                av->flip_points, s->issues[av->flip_issue].id);
        sep = "; ";
    }
    const pacta_bargaining_verdict_t *b = &v->bargaining;
    if (b->present && b->close_call) {
        char side = b->margin_a < b->margin_b ? 'A' : 'B';
        fprintf(f, "%sthe range: side %c's margin %+.3f, so a change of %.3f in p or cost_%c "
                   "would turn it",
                sep, side, fmin(b->margin_a, b->margin_b), fabs(fmin(b->margin_a, b->margin_b)),
                side == 'A' ? 'a' : 'b');
        sep = "; ";
    }
    const pacta_commitment_verdict_t *c = &v->commitment;
    if (c->present && c->close_call) {
        fprintf(f, "%sholding: the smallest margin over the horizon is %+.3f", sep,
                c->min_margin);
        sep = "; ";
    }
    if (sep[0] == ';')
        fputc('\n', f);
}

/* One reconciled verdict: what the tests say together, and where two disagree, why, with the
 * numbers that cause it (issue 14). Acceptance (A4) uses every issue weighted by each actor's
 * stated saliences; the bargaining range (F2) only the stake, with p and the war's costs. */
static void print_verdict(FILE *f, const pacta_scenario_t *s, const pacta_proposal_verdict_t *v)
{
    const pacta_bargaining_verdict_t *b = &v->bargaining;
    const pacta_reconciled_verdict_t *r = &v->reconciled;
    char side = r->fights_on ? r->fights_on : 'B';
    char words[1024];
    pacta_verdict_describe(words, sizeof words, s, v);
    fprintf(f, "  verdict: %s%s\n", r->viable ? "viable: " : "", words);
    print_close_calls(f, s, v);
    if (!b->present)
        return;
    char stake[256] = "";
    for (size_t i = 0; i < s->war.n_stake; i++) {
        size_t used = strlen(stake);
        snprintf(stake + used, sizeof stake - used, "%s%s", i ? ", " : "",
                 s->issues[s->war.stake[i].issue].id);
    }
    if (r->disagreement == PACTA_DISAGREE_ACCEPTED_OUT_OF_RANGE) {
        fprintf(f, "  why they disagree: at the table every veto player gains on its stated "
                   "positions (side %c: ",
                side);
        side_vetoes(f, s, v, side);
        fprintf(f,
                "), but on the stake alone (%s) side %c's share %.3f falls short of the %.3f it "
                "expects from fighting on at p %.3f with its war cost; acceptance weighs every "
                "issue by salience, the range only the stake, so the deal holds together only "
                "if what it gives side %c off the stake outweighs that gap\n",
                stake, side, side == 'A' ? b->x : 1.0 - b->x,
                side == 'A' ? b->p - b->cost_a : 1.0 - (b->p + b->cost_b), b->p, side);
    } else if (r->disagreement == PACTA_DISAGREE_REJECTED_IN_RANGE) {
        fprintf(f,
                "  why they disagree: the stake split (%s) is inside the range, so neither "
                "side would fight on for it, but %zu veto player%s lose%s on the issues as a "
                "whole (see 'reject' above): the obstacle is off the stake\n",
                stake, v->n_veto_reject, v->n_veto_reject == 1 ? "" : "s",
                v->n_veto_reject == 1 ? "s" : "");
    }
}

static void print_explanation(FILE *f, const pacta_evaluation_t *e, const pacta_scenario_t *s,
                              const pacta_proposal_verdict_t *v)
{
    const pacta_proposal_t *p = &s->proposals[v->proposal];
    fprintf(f, "\n%s: %s", p->id, p->name);
    if (p->date || p->n_sponsors) {
        fputs(" (", f);
        if (p->date)
            fputs(p->date, f);
        for (size_t i = 0; i < p->n_sponsors; i++)
            fprintf(f, "%s%s", i == 0 ? (p->date ? "; by " : "by ") : ", ", p->sponsors[i]);
        fputc(')', f);
    }
    fputc('\n', f);
    print_verdict(f, s, v);
    print_actor_list(f, s, v, true);
    print_actor_list(f, s, v, false);
    if (v->n_veto_reject > 0) {
        fputs("  veto players rejecting:", f);
        for (size_t a = 0; a < s->n_actors; a++)
            if (v->actors[a].takes_part && s->actors[a].veto && !v->actors[a].accepts)
                fprintf(f, " %s", s->actors[a].id);
        fputc('\n', f);
    } else {
        fputs("  every veto player accepts\n", f);
    }
    for (size_t i = 0; i < v->n_coalitions; i++) {
        const pacta_coalition_verdict_t *cv = &v->coalitions[i];
        if (cv->n_accept + cv->n_reject == 0)
            continue;
        char lo[32], hi[32];
        signed_number(lo, sizeof lo, cv->gain_min);
        signed_number(hi, sizeof hi, cv->gain_max);
        fprintf(f, "  coalition %s: %s (%zu accept, %zu reject; gains %s to %s)\n",
                s->coalitions[cv->coalition].id,
                cv->split ? "SPLIT" : cv->n_reject ? "united against" : "united for",
                cv->n_accept, cv->n_reject, lo, hi);
    }
    const pacta_bargaining_verdict_t *b = &v->bargaining;
    if (b->present)
        fprintf(f,
                "  bargaining range: side A's share %.3f (status quo %.3f) against [%.3f, %.3f]: "
                "%s (margins A %+.3f, B %+.3f)\n",
                b->x, b->x_status_quo, b->low, b->high, b->inside ? "inside" : "OUTSIDE",
                b->margin_a, b->margin_b);
    const pacta_commitment_verdict_t *c = &v->commitment;
    if (c->present) {
        fprintf(f, "  commitment: P(A prevails) %.3f now, %.3f after %zu years; ", c->p[0],
                c->p[c->years], c->years);
        if (c->first_negative >= 0)
            fprintf(f, "side %c's margin turns negative in year %d; ", c->negative_side,
                    c->first_negative);
        else
            fputs("both margins stay non-negative; ", f);
        if (c->powell_year >= 0)
            fprintf(f, "the shift after year %d breaks Powell's condition for side %c; ",
                    c->powell_year, c->powell_side);
        else
            fputs("no Powell breakdown; ", f);
        if (c->self_enforcing)
            fputs("self-enforcing\n", f);
        else if (c->first_negative >= 0)
            fprintf(f, "NOT self-enforcing: side %c would rather fight again from year %d\n",
                    c->negative_side, c->first_negative);
        else
            fprintf(f, "NOT self-enforcing: the shift after year %d cannot be bought off\n",
                    c->powell_year);
        /* The range is judged at today's balance of power, the commitment test from signing
         * on, with the deal's immediate shifts in force: a deal can hold yet be out of range. */
        if (b->present && !b->inside && c->self_enforcing)
            fprintf(f,
                    "  note: it would hold once signed, but at today's balance of power (p "
                    "%.3f) side %c would rather fight than sign it; the shifts the deal sets "
                    "off at once (p %.3f at signing) are what close the gap\n",
                    b->p, b->margin_a < 0 ? 'A' : 'B', c->p[0]);
    }
    const pacta_emboldening_verdict_t *em = &v->emboldening;
    if (em->present) {
        char what[128];
        if (em->concession > 0)
            snprintf(what, sizeof what,
                     "side A gains stake (a concession of %.2f of what it could gain)",
                     em->concession_size);
        else if (em->concession < 0)
            snprintf(what, sizeof what, "side A loses stake (%.2f of what it held)",
                     em->concession_size);
        else
            snprintf(what, sizeof what, "no change in the stake");
        char idx[32];
        snprintf(idx, sizeof idx, "%+.2f", em->index);
        fprintf(f,
                "  emboldening: %s; belief in the defenders' resolve %.2f -> %.2f, deterrence "
                "threshold %.2f -> %.2f%s; deterred before %s, after %s%s (index %s)\n",
                what, 
                em->belief_before, em->belief_after, em->threshold_before, em->threshold_after,
                em->threshold_after > 1.0 || em->threshold_before > 1.0
                    ? " (a threshold above 1: no belief in the defenders' resolve deters)"
                    : "",
                yes_no(em->deterred_before), yes_no(em->deterred_after),
                em->emboldens ? ": EMBOLDENS" : "", idx);
    }
    const pacta_pareto_verdict_t *pa = &v->pareto;
    if (pa->checked && pa->dominated) {
        fprintf(f, "  Pareto: dominated; every actor weakly prefers (total gain %+.1f) moving",
                pa->total_gain);
        bool first = true;
        for (size_t k = 0; k < s->n_issues; k++)
            if (fabs(pa->point[k] - v->point[k]) > 0.05) {
                fprintf(f, "%s %s %.1f -> %.1f", first ? "" : ",", s->issues[k].id, v->point[k],
                        pa->point[k]);
                first = false;
            }
        fputs("; the other issues stay where the deal puts them\n", f);
    } else if (pa->checked) {
        fputs("  Pareto: efficient (no outcome is better for some and worse for none)\n", f);
    }
    if (e->n_models > 0) {
        fputs("  distance from the forecasts:", f);
        for (size_t m = 0; m < e->n_models; m++)
            fprintf(f, "%s %s %.1f", m ? "," : "", e->models[m], v->model_distance[m]);
        fputc('\n', f);
    }
}

/* What each column of the table means, printed under it (issue 20: no column unexplained). */
static void print_legend(FILE *f, const pacta_scenario_t *s)
{
    fputs("accept, reject: actors better off / worse off than their reservation; veto rejecting:\n"
          "  the veto players who reject it (one is enough to block the deal)\n"
          "log Nash: log of the weighted Nash product of the gains, defined when every actor\n"
          "  gains (higher is a better bargain for all; not the nash forecast model)\n",
          f);
    if (s->war.present)
        fputs("range: inside or outside the bargaining range at today's balance of power (Fearon)\n"
              "holds: self-enforcing over the horizon; 'no: A fights y0' = side A would rather\n"
              "  fight again from year 0; 'no: Powell y3' = the power shift after year 3 is too\n"
              "  fast to be bought off (Powell)\n",
              f);
    if (s->war.present)
        fputs("~: a close call, which a change of less than 0.01 in p or a war cost would flip\n",
              f);
    if (s->war.present && s->war.reputation.present)
        fputs("emboldens: whether the deal leaves the aggressor undeterred from a next challenge,\n"
              "  with its index (signed; docs/models.md R1-R4)\n",
              f);
}

static void print_table(FILE *f, const pacta_evaluation_t *e, const pacta_scenario_t *s)
{
    size_t width = 8;
    for (size_t i = 0; i < e->n_proposals; i++)
        width = fmax(width, strlen(s->proposals[e->proposals[i].proposal].id));
    bool durability = false;
    for (size_t i = 0; i < e->n_proposals; i++)
        durability |= e->proposals[i].durability.present;
    fprintf(f, "\n%-*s  accept reject  veto rejecting    log Nash   range    holds          emboldens",
            (int)width, "proposal");
    if (durability)
        fprintf(f, "  peace 5y (%.0f%%)", 100 * e->durability_level);
    fputc('\n', f);
    for (size_t i = 0; i < e->n_proposals; i++) {
        const pacta_proposal_verdict_t *v = &e->proposals[i];
        char vetoes[64] = "", nash[32] = "—", range[16] = "—", holds[32] = "—", emb[32] = "—";
        for (size_t a = 0; a < s->n_actors; a++)
            if (v->actors[a].takes_part && s->actors[a].veto && !v->actors[a].accepts) {
                size_t used = strlen(vetoes);
                snprintf(vetoes + used, sizeof vetoes - used, "%s%s", used ? "," : "",
                         s->actors[a].id);
            }
        if (vetoes[0] == '\0')
            snprintf(vetoes, sizeof vetoes, "none");
        if (v->nash_defined)
            snprintf(nash, sizeof nash, "%.2f", v->log_nash_product);
        if (v->bargaining.present)
            snprintf(range, sizeof range, "%s%s", v->bargaining.inside ? "inside" : "outside",
                     v->bargaining.close_call ? "~" : "");
        if (v->commitment.present) {
            if (v->commitment.self_enforcing)
                snprintf(holds, sizeof holds, "yes%s", v->commitment.close_call ? "~" : "");
            else if (v->commitment.first_negative >= 0)
                snprintf(holds, sizeof holds, "no: %c fights y%d", v->commitment.negative_side,
                         v->commitment.first_negative);
            else
                snprintf(holds, sizeof holds, "no: Powell y%d", v->commitment.powell_year);
        }
        if (v->emboldening.present)
            snprintf(emb, sizeof emb, "%s %+.2f", v->emboldening.emboldens ? "YES" : "no ",
                     v->emboldening.index);
        fprintf(f, "%-*s  %6zu %6zu  %-18.18s %7s   %-7s  %-14s %-*s", (int)width,
                s->proposals[v->proposal].id, v->n_accept, v->n_reject, vetoes, nash, range,
                holds, durability ? 10 : 0, emb);
        if (v->durability.present)
            fprintf(f, " %.2f [%.2f, %.2f]", v->durability.survival, v->durability.lower,
                    v->durability.upper);
        else if (durability)
            fputs(" —", f);
        fputc('\n', f);
    }
}

/* One letter per verdict: V veto players accept, R inside the range, S self-enforcing,
 * E emboldens; '.' when false, '-' when the analysis is absent. */
static void verdict_code(const signed char *v, char out[5])
{
    static const char letters[] = "VRSE";
    for (int k = 0; k < PACTA_VERDICT_COUNT; k++)
        out[k] = v[k] < 0 ? '-' : v[k] ? letters[k] : '.';
    out[4] = '\0';
}

static void print_sensitivity(FILE *f, const pacta_sensitivity_t *r, const pacta_scenario_t *s)
{
    fputs("\nSensitivity (V: every veto player accepts, R: inside the bargaining range, "
          "S: self-enforcing,\nE: emboldens; '.' no, '-' not applicable)\n",
          f);
    if (r->n_params == 1) {
        fprintf(f, "\n%12s", r->names[0]);
        for (size_t p = 0; p < r->n_proposals; p++)
            fprintf(f, " %14.14s", s->proposals[r->proposals[p]].id);
        fputc('\n', f);
        for (size_t i = 0; i < r->n_values[0]; i++) {
            fprintf(f, "%12.4g", r->values[0][i]);
            for (size_t p = 0; p < r->n_proposals; p++) {
                char code[5];
                verdict_code(r->verdicts + (i * r->n_proposals + p) * PACTA_VERDICT_COUNT, code);
                fprintf(f, " %14s", code);
            }
            fputc('\n', f);
        }
        if (r->n_crossings > 0)
            fputs("\nWhere verdicts change:\n", f);
        for (size_t i = 0; i < r->n_crossings; i++) {
            const pacta_crossing_t *c = &r->crossings[i];
            fprintf(f, "  %s: %s turns from %s to %s at %s = %.6g\n",
                    s->proposals[c->proposal].id, pacta_verdict_name(c->verdict),
                    yes_no(c->before), yes_no(c->after), r->names[0], c->value);
        }
        return;
    }
    for (size_t p = 0; p < r->n_proposals; p++) {
        fprintf(f, "\n%s: rows %s, columns %s\n%10s", s->proposals[r->proposals[p]].id,
                r->names[0], r->names[1], "");
        for (size_t j = 0; j < r->n_values[1]; j++)
            fprintf(f, " %6.4g", r->values[1][j]);
        fputc('\n', f);
        for (size_t i = 0; i < r->n_values[0]; i++) {
            fprintf(f, "%10.4g", r->values[0][i]);
            for (size_t j = 0; j < r->n_values[1]; j++) {
                char code[5];
                verdict_code(r->verdicts + ((i * r->n_values[1] + j) * r->n_proposals + p) *
                                               PACTA_VERDICT_COUNT,
                             code);
                fprintf(f, " %6s", code);
            }
            fputc('\n', f);
        }
    }
}

void cli_print_evaluation_text(FILE *f, const pacta_evaluation_t *e,
                               const pacta_sensitivity_t *sensitivity, const pacta_scenario_t *s)
{
    fprintf(f, "%s\n", s->title);
    fprintf(f, "%s: %zu proposal%s judged against %s, %s loss\n", s->path, e->n_proposals,
            e->n_proposals == 1 ? "" : "s",
            e->reservation == PACTA_RESERVATION_WAR ? "continued war" : "the status quo",
            e->utility == PACTA_UTILITY_QUADRATIC ? "quadratic" : "linear");
    if (e->reservation == PACTA_RESERVATION_WAR)
        fputs("(each actor compares the deal with fighting on; --reservation status-quo "
              "compares it\nwith the status quo instead)\n",
              f);
    if (s->war.present) {
        char a[256], b[256];
        const pacta_war_t *w = &s->war;
        fprintf(f, "war: side A %s, side B %s; ", side_names(s, w->side_a, w->n_side_a, a, sizeof a),
                side_names(s, w->side_b, w->n_side_b, b, sizeof b));
        for (size_t i = 0; i < e->n_parameters && i < 5; i++)
            fprintf(f, "%s%s %g", i ? ", " : "", e->parameter_names[i], e->parameter_values[i]);
        fprintf(f, "%s\n", w->p_method == PACTA_P_CAPABILITY ? " (p from capabilities)" : "");
    }
    fputs("Gains are in salience-weighted scale points; an actor accepts a deal that leaves it no\n"
          "worse off than its reservation.\n",
          f);
    print_table(f, e, s);
    print_legend(f, s);
    bool durability = false;
    for (size_t i = 0; i < e->n_proposals; i++)
        durability |= e->proposals[i].durability.present;
    if (e->durability_note != NULL)
        fprintf(f, "peace 5y: not judged: %s (see pacta durability predict)\n", e->durability_note);
    else if (durability)
        fputs("peace 5y: the chance the peace holds five years, from a survival model fitted on\n"
              "past peace episodes (pacta durability predict shows how, and its caveats)\n",
              f);
    for (size_t i = 0; i < e->n_proposals; i++)
        print_explanation(f, e, s, &e->proposals[i]);
    if (sensitivity != NULL)
        print_sensitivity(f, sensitivity, s);
}
