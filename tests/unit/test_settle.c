/* Settlement analysis: closed forms on both sides of every threshold, acceptance cases
 * known by construction, the Pareto search, sensitivity crossings, and bad war sections. */
#include "test.h"

#include "settle/settle_internal.h"

#include <pacta/pacta.h>

static pacta_diag_t *diag;

static pacta_scenario_t *parse(const char *text)
{
    pacta_scenario_t *s = NULL;
    pacta_diag_clear(diag);
    if (pacta_scenario_parse(&s, text, strlen(text), "t.yaml", "yaml", NULL, diag) != PACTA_OK) {
        for (size_t i = 0; i < pacta_diag_count(diag); i++)
            fprintf(stderr, "  %d:%d %s: %s\n", pacta_diag_get(diag, i)->line,
                    pacta_diag_get(diag, i)->column, pacta_diag_get(diag, i)->field,
                    pacta_diag_get(diag, i)->message);
    }
    return s;
}

static bool has_diag(int line, int column, const char *fragment)
{
    for (size_t i = 0; i < pacta_diag_count(diag); i++) {
        const pacta_diag_entry_t *e = pacta_diag_get(diag, i);
        if ((line == 0 || e->line == line) && (column == 0 || e->column == column) &&
            strstr(e->message, fragment))
            return true;
    }
    return false;
}

#define ASSERT_DIAG(line, column, fragment)                                                    \
    do {                                                                                       \
        test_checks++;                                                                         \
        if (!has_diag(line, column, fragment))                                                 \
            TEST_FAIL_("no diagnostic %d:%d ...%s...", line, column, fragment);                \
    } while (0)

static void reputation_closed_forms(void)
{
    /* settlement-models.md section 3, illustration: pi = 0.7, q_R = 0.2, q_W = 0.8 gives
     * pi' = 0.7*0.2/(0.7*0.2 + 0.3*0.8) = 0.14/0.38 after a concession. */
    ASSERT_ABS(pacta_settle_bayes(0.7, 0.2, 0.8, true, 1.0), 0.14 / 0.38, TOL_EXACT);
    /* Standing firm: 0.7*0.8/(0.7*0.8 + 0.3*0.2) = 0.56/0.62. */
    ASSERT_ABS(pacta_settle_bayes(0.7, 0.2, 0.8, false, 1.0), 0.56 / 0.62, TOL_EXACT);
    /* Uninformative behaviour (q_R = q_W) leaves the belief alone. */
    ASSERT_ABS(pacta_settle_bayes(0.7, 0.5, 0.5, true, 1.0), 0.7, TOL_EXACT);
    /* R1' (graded): likelihoods to the power s. s = 1/2: 0.7 sqrt(0.2) / (0.7 sqrt(0.2) +
     * 0.3 sqrt(0.8)) = 0.7 / (0.7 + 0.3 * 2) = 0.7 / 1.3, since sqrt(0.8) = 2 sqrt(0.2). */
    ASSERT_ABS(pacta_settle_bayes(0.7, 0.2, 0.8, true, 0.5), 0.7 / 1.3, TOL_EXACT);
    /* s = 0: no update at all, whatever the likelihoods. */
    ASSERT_ABS(pacta_settle_bayes(0.7, 0.2, 0.8, true, 0.0), 0.7, TOL_EXACT);
    /* The size of a concession: from x_sq = 0.4 to 0.7 concedes 0.3 of the 0.6 left = 1/2;
     * to 0.1 stands firm on 0.3 of the 0.4 held = 3/4; no move, size 0. */
    ASSERT_ABS(pacta_settle_concession_size(0.7, 0.4), 0.5, TOL_EXACT);
    ASSERT_ABS(pacta_settle_concession_size(0.1, 0.4), 0.75, TOL_EXACT);
    ASSERT_ABS(pacta_settle_concession_size(0.4, 0.4), 0.0, TOL_EXACT);
    ASSERT_ABS(pacta_settle_concession_size(1.0, 1.0), 0.0, TOL_EXACT);
    /* pi* = (1 - q)/(1 - p + c) = 0.5/0.8 = 0.625 for q = 0.5, p = 0.5, c = 0.3. */
    ASSERT_ABS(pacta_settle_deterrence_threshold(0.5, 0.5, 0.3), 0.625, TOL_EXACT);
    ASSERT_TRUE(isinf(pacta_settle_deterrence_threshold(0.5, 1.0, 0.0)));
    /* At pi = pi* the attack is worth exactly q: 0.625*(0.5 - 0.3) + 0.375 = 0.5. */
    ASSERT_ABS(pacta_settle_attack_eu(0.625, 0.5, 0.3), 0.5, TOL_EXACT);

    /* Both sides of the threshold: deterred at pi >= pi*, not below. */
    settle_params_t p;
    memset(&p, 0, sizeof p);
    p.has_reputation = true;
    p.concede_if_resolute = 0.2;
    p.concede_if_irresolute = 0.8;
    p.next_held = 0.5;
    p.next_p = 0.5;
    p.next_cost = 0.3;
    pacta_emboldening_verdict_t v;
    p.belief = 0.63;
    pacta_settle_emboldening(&p, 0, 0.0, PACTA_UPDATE_SIGN, 0, 0, &v);
    ASSERT_TRUE(v.deterred_before && v.deterred_after && !v.emboldens);
    p.belief = 0.62;
    pacta_settle_emboldening(&p, 0, 0.0, PACTA_UPDATE_SIGN, 0, 0, &v);
    ASSERT_TRUE(!v.deterred_before);
    /* The illustration: 0.7 deterred before; after a concession 0.368 < 0.625: emboldened,
     * and the index is the rise of the attack's value: (0.7-0.368)*(1 - (0.5 - 0.3)). */
    p.belief = 0.7;
    pacta_settle_emboldening(&p, 1, 0.25, PACTA_UPDATE_SIGN, 0, 0, &v);
    ASSERT_TRUE(v.deterred_before && !v.deterred_after && v.emboldens);
    ASSERT_ABS(v.index, (0.7 - 0.14 / 0.38) * 0.8, 1e-15);
    /* Graded (R1'), the same concession of size 1/4: likelihoods 0.2^(1/4) and 0.8^(1/4) =
     * 4^(1/4) 0.2^(1/4), so pi' = 0.7 / (0.7 + 0.3 sqrt(2)) = 0.6226..., still below
     * pi* = 0.625: emboldened, but by far less, index (0.7 - pi') * 0.8. */
    pacta_settle_emboldening(&p, 1, 0.25, PACTA_UPDATE_GRADED, 0, 0, &v);
    ASSERT_ABS(v.belief_after, 0.7 / (0.7 + 0.3 * sqrt(2.0)), 1e-15);
    ASSERT_TRUE(v.emboldens);
    ASSERT_ABS(v.index, (0.7 - 0.7 / (0.7 + 0.3 * sqrt(2.0))) * 0.8, 1e-15);
    /* A tiny concession barely moves the belief: size 0.01 keeps pi' above pi*. */
    pacta_settle_emboldening(&p, 1, 0.01, PACTA_UPDATE_GRADED, 0, 0, &v);
    ASSERT_TRUE(v.belief_after > 0.69 && !v.emboldens);
    /* A shift of power alone can embolden: p rises 0.5 -> 0.6 so pi* = 0.5/0.7 > 0.7. */
    pacta_settle_emboldening(&p, 0, 0.0, PACTA_UPDATE_GRADED, 0.1, 0, &v);
    ASSERT_ABS(v.threshold_after, 0.5 / 0.7, 1e-15);
    ASSERT_TRUE(v.emboldens);
    /* ... and a cost cut: c 0.3 -> 0.2 gives pi* = 0.5/0.7 as well. */
    pacta_settle_emboldening(&p, 0, 0.0, PACTA_UPDATE_GRADED, 0, -0.1, &v);
    ASSERT_ABS(v.threshold_after, 0.5 / 0.7, 1e-15);
}

static void fearon_and_powell(void)
{
    /* settlement-models.md section 1.1 illustration: p = 0.60, c_R = 0.15, c_U = 0.20 gives
     * the range [0.45, 0.80]; x = 0.85 leaves B's margin at -0.05. */
    settle_params_t p;
    memset(&p, 0, sizeof p);
    p.p = 0.6;
    p.cost_a = 0.15;
    p.cost_b = 0.2;
    pacta_bargaining_verdict_t b;
    pacta_settle_bargaining(&p, 0.85, 0.4, &b);
    ASSERT_ABS(b.low, 0.45, TOL_EXACT);
    ASSERT_ABS(b.high, 0.8, TOL_EXACT);
    ASSERT_ABS(b.margin_b, -0.05, 1e-15);
    ASSERT_TRUE(!b.inside);
    pacta_settle_bargaining(&p, 0.45, 0.4, &b); /* on the edge: A is indifferent, inside */
    ASSERT_TRUE(b.inside);
    pacta_settle_bargaining(&p, 0.44, 0.4, &b);
    ASSERT_TRUE(!b.inside && b.margin_a < 0);
    p.p = 0.95; /* the range is clipped to [0, 1] */
    pacta_settle_bargaining(&p, 0.9, 0.4, &b);
    ASSERT_ABS(b.high, 1.0, 0.0);

    /* Powell's condition (C3): delta (p_t - p_t+1) > (1-delta)(1-p_t) + c_D + delta c_R.
     * With delta 0.9, p_t 0.6, c_D = c_R = 0.1 the right side is 0.04 + 0.19 = 0.23, so the
     * shift that just breaks it is D = 0.23/0.9 = 0.2556: 0.25 holds, 0.26 breaks. */
    ASSERT_TRUE(!pacta_settle_powell_breaks(0.9, 0.6, 0.35, 0.1, 0.1));
    ASSERT_TRUE(pacta_settle_powell_breaks(0.9, 0.6, 0.34, 0.1, 0.1));
    /* As delta -> 1 it becomes D > C_D + C_R (flows): 0.19 holds, 0.21 breaks. */
    ASSERT_TRUE(!pacta_settle_powell_breaks(0.999999, 0.6, 0.41, 0.1, 0.1));
    ASSERT_TRUE(pacta_settle_powell_breaks(0.999999, 0.6, 0.39, 0.1, 0.1));
}

/* Two actors on one issue with a status quo: answers known by construction. */
static const char *const simple =
    "format_version: 1\ntitle: Simple\n"
    "issues:\n"
    "  - {id: a, name: A, low: l, high: h, status_quo: 50}\n"
    "actors:\n"
    "  - {id: left, name: Left, capability: 3, veto: true, positions: {a: {position: 0, salience: 100}}}\n"
    "  - {id: right, name: Right, capability: 1, positions: {a: {position: 100, salience: 50}}}\n"
    "  - {id: mid, name: Mid, capability: 1, positions: {a: {position: 45, salience: 20}}}\n"
    "coalitions:\n"
    "  - {id: lm, name: LM, members: [left, mid]}\n"
    "proposals:\n"
    "  - {id: d40, name: Forty, positions: {a: 40}}\n"
    "  - {id: d50, name: Fifty, positions: {a: 50}}\n"
    "  - {id: d120, name: Out of hull, positions: {a: 45}}\n";

static void acceptance_by_construction(void)
{
    pacta_scenario_t *s = parse(simple);
    ASSERT_TRUE(s != NULL);
    if (s == NULL)
        return;
    pacta_evaluate_options_t o;
    pacta_evaluate_options_default(&o);
    o.compare_models = false;
    pacta_evaluation_t *e = NULL;
    ASSERT_INT_EQ(pacta_evaluate(&e, s, &o, diag), PACTA_OK);
    if (e == NULL)
        return;
    ASSERT_INT_EQ(e->reservation, PACTA_RESERVATION_STATUS_QUO);
    const pacta_proposal_verdict_t *v = &e->proposals[0];
    /* Left (at 0, salience 100): loss 50 at the status quo, 40 at the deal: gain +10. */
    ASSERT_ABS(v->actors[0].gain, 10.0, TOL_EXACT * 100);
    ASSERT_TRUE(v->actors[0].accepts);
    /* Right (at 100, salience 50): 0.5*50 = 25 against 0.5*60 = 30: gain -5, rejects. */
    ASSERT_ABS(v->actors[1].gain, -5.0, TOL_EXACT * 100);
    ASSERT_TRUE(!v->actors[1].accepts);
    ASSERT_ABS(v->actors[1].contribution[0], -5.0, TOL_EXACT * 100);
    /* Mid (at 45, salience 20): 0.2*5 = 1 either way: indifferent, accepts. */
    ASSERT_ABS(v->actors[2].gain, 0.0, TOL_EXACT * 100);
    ASSERT_TRUE(v->actors[2].accepts);
    ASSERT_INT_EQ(v->n_accept, 2);
    ASSERT_INT_EQ(v->n_reject, 1);
    ASSERT_TRUE(v->vetoes_accept); /* only Left has a veto */
    ASSERT_TRUE(!v->nash_defined); /* Right loses, Mid gains nothing */
    ASSERT_TRUE(!v->coalitions[0].split);
    /* The status quo itself: every gain 0, everyone accepts, Nash product undefined. */
    ASSERT_INT_EQ(e->proposals[1].n_accept, 3);
    /* Pareto: on one issue every point inside the ideal points' hull [0, 100] is efficient. */
    ASSERT_TRUE(v->pareto.checked && !v->pareto.dominated);
    pacta_evaluation_destroy(e);

    /* Only one proposal, and an unknown one. */
    o.proposal = "d50";
    ASSERT_INT_EQ(pacta_evaluate(&e, s, &o, diag), PACTA_OK);
    ASSERT_INT_EQ(e->n_proposals, 1);
    pacta_evaluation_destroy(e);
    o.proposal = "d99";
    ASSERT_INT_EQ(pacta_evaluate(&e, s, &o, diag), PACTA_EINVAL);
    ASSERT_DIAG(0, 0, "no proposal 'd99'");
    /* Quadratic loss: Left 0.01*2500 = 25 at 50 vs 16 at 40: gain +9. */
    o.proposal = "d40";
    o.utility = PACTA_UTILITY_QUADRATIC;
    ASSERT_INT_EQ(pacta_evaluate(&e, s, &o, diag), PACTA_OK);
    ASSERT_ABS(e->proposals[0].actors[0].gain, 9.0, TOL_EXACT * 100);
    ASSERT_TRUE(!e->proposals[0].pareto.checked); /* the LP needs linear losses */
    pacta_evaluation_destroy(e);
    pacta_scenario_destroy(s);
}

static void nash_product_and_split(void)
{
    /* Three actors who all gain: log Nash product = sum of capability-share x ln gain. */
    const char *t =
        "format_version: 1\ntitle: N\n"
        "issues: [{id: a, name: A, low: l, high: h, status_quo: 0}]\n"
        "actors:\n"
        "  - {id: x, name: X, capability: 1, positions: {a: {position: 100, salience: 100}}}\n"
        "  - {id: y, name: Y, capability: 3, positions: {a: {position: 60, salience: 50}}}\n"
        "  - {id: z, name: Z, capability: 1, positions: {a: {position: 10, salience: 100}}}\n"
        "coalitions: [{id: xz, name: XZ, members: [x, z]}]\n"
        "proposals: [{id: p, name: P, positions: {a: 30}}]\n";
    pacta_scenario_t *s = parse(t);
    if (s == NULL)
        return;
    pacta_evaluate_options_t o;
    pacta_evaluate_options_default(&o);
    o.compare_models = false;
    pacta_evaluation_t *e = NULL;
    ASSERT_INT_EQ(pacta_evaluate(&e, s, &o, diag), PACTA_OK);
    const pacta_proposal_verdict_t *v = &e->proposals[0];
    /* Gains: X 100-70 = 30; Y 0.5*(60-30) = 15; Z: 10 at 0 vs 20 at 30 = -10. */
    ASSERT_ABS(v->actors[0].gain, 30, 1e-12);
    ASSERT_ABS(v->actors[1].gain, 15, 1e-12);
    ASSERT_ABS(v->actors[2].gain, -10, 1e-12);
    ASSERT_TRUE(v->coalitions[0].split); /* X accepts, Z rejects */
    ASSERT_ABS(v->coalitions[0].gain_min, -10, 1e-12);
    ASSERT_ABS(v->coalitions[0].gain_sd, 20, 1e-12);
    pacta_evaluation_destroy(e);
    pacta_scenario_destroy(s);
    /* Move Z's ideal to 40 so everyone gains: Z 10*... 40 at 0 vs 10 at 30: +30. */
    char copy[2048];
    snprintf(copy, sizeof copy, "%s", t);
    char *z = strstr(copy, "position: 10,");
    memcpy(z, "position: 40,", 13);
    s = parse(copy);
    ASSERT_INT_EQ(pacta_evaluate(&e, s, &o, diag), PACTA_OK);
    v = &e->proposals[0];
    ASSERT_TRUE(v->nash_defined);
    ASSERT_ABS(v->log_nash_product, (1 * log(30) + 3 * log(15) + 1 * log(30)) / 5, 1e-12);
    pacta_evaluation_destroy(e);
    pacta_scenario_destroy(s);
}

static void pareto_search(void)
{
    /* Two issues, two actors who each care about a different one: the split-the-difference
     * deal (50, 50) costs each 50 + 5 = 55; trading to (0, 100) costs each 10. */
    const char *t =
        "format_version: 1\ntitle: Trade\n"
        "issues:\n"
        "  - {id: one, name: One, low: l, high: h, status_quo: 50}\n"
        "  - {id: two, name: Two, low: l, high: h, status_quo: 50}\n"
        "actors:\n"
        "  - {id: a, name: A, capability: 1, positions: {one: {position: 0, salience: 100}, "
        "two: {position: 0, salience: 10}}}\n"
        "  - {id: b, name: B, capability: 1, positions: {one: {position: 100, salience: 10}, "
        "two: {position: 100, salience: 100}}}\n"
        "proposals:\n"
        "  - {id: middle, name: Middle, positions: {one: 50, two: 50}}\n"
        "  - {id: trade, name: Trade, positions: {one: 0, two: 100}}\n";
    pacta_scenario_t *s = parse(t);
    if (s == NULL)
        return;
    pacta_evaluate_options_t o;
    pacta_evaluate_options_default(&o);
    o.compare_models = false;
    pacta_evaluation_t *e = NULL;
    ASSERT_INT_EQ(pacta_evaluate(&e, s, &o, diag), PACTA_OK);
    const pacta_pareto_verdict_t *mid = &e->proposals[0].pareto;
    ASSERT_TRUE(mid->checked && mid->dominated);
    if (mid->dominated) {
        /* The LP minimises the total loss: the unique optimum is (0, 100). */
        ASSERT_ABS(mid->point[0], 0.0, 1e-7);
        ASSERT_ABS(mid->point[1], 100.0, 1e-7);
        ASSERT_ABS(mid->gains[0], 45.0, 1e-7);
        ASSERT_ABS(mid->gains[1], 45.0, 1e-7);
        ASSERT_ABS(mid->total_gain, 90.0, 1e-7);
    }
    const pacta_pareto_verdict_t *trade = &e->proposals[1].pareto;
    ASSERT_TRUE(trade->checked && !trade->dominated);
    pacta_evaluation_destroy(e);
    pacta_scenario_destroy(s);
}

/* A war: side A "ru" wants 100, side B "ua" wants 0, one stake issue. */
static const char *const war_scenario =
    "format_version: 1\ntitle: War\n"
    "issues:\n"
    "  - {id: land, name: Land, low: l, high: h, status_quo: 40}\n"
    "  - {id: cap, name: Cap, low: l, high: h, status_quo: 0}\n"
    "actors:\n"
    "  - {id: ru, name: RU, capability: 3, veto: true, positions: {land: {position: 100, "
    "salience: 100}, cap: {position: 100, salience: 50}}}\n"
    "  - {id: ua, name: UA, capability: 2, veto: true, positions: {land: {position: 0, "
    "salience: 100}, cap: {position: 0, salience: 50}}}\n"
    "proposals:\n"
    "  - {id: p55, name: P55, positions: {land: 55}}\n"
    "  - {id: capped, name: Capped, positions: {land: 55, cap: 100}}\n"
    "war:\n"
    "  side_a: ru\n"
    "  side_b: [ua]\n"
    "  p: 0.6\n"
    "  cost_a: 0.1\n"
    "  cost_b: {value: 0.2, note: assumption}\n"
    "  discount: 0.9\n"
    "  horizon: 4\n"
    "  stake: [{issue: land}]\n"
    "  shifts:\n"
    "    - {id: capshift, issue: cap, effect: 0.004, years: 1}\n"
    "  reputation: {belief: 0.7, concede_if_resolute: 0.2, concede_if_irresolute: 0.8, "
    "next_held: 0.5, next_p: 0.5, next_cost: 0.3}\n";

static void war_evaluation(void)
{
    pacta_scenario_t *s = parse(war_scenario);
    ASSERT_TRUE(s != NULL);
    if (s == NULL)
        return;
    ASSERT_TRUE(s->war.present);
    ASSERT_TRUE(s->war.stake[0].a_prefers_high); /* inferred from the two sides' positions */
    pacta_evaluate_options_t o;
    pacta_evaluate_options_default(&o);
    o.compare_models = false;
    pacta_evaluation_t *e = NULL;
    ASSERT_INT_EQ(pacta_evaluate(&e, s, &o, diag), PACTA_OK);
    if (e == NULL)
        return;
    ASSERT_INT_EQ(e->reservation, PACTA_RESERVATION_WAR);
    const pacta_proposal_verdict_t *v = &e->proposals[0];
    /* F1: x = 0.55 of the stake; F2: range [0.5, 0.8]; margins +0.05 and +0.25. */
    ASSERT_ABS(v->bargaining.x, 0.55, TOL_EXACT);
    ASSERT_ABS(v->bargaining.x_status_quo, 0.4, TOL_EXACT);
    ASSERT_ABS(v->bargaining.margin_a, 0.05, 1e-15);
    ASSERT_ABS(v->bargaining.margin_b, 0.25, 1e-15);
    ASSERT_TRUE(v->bargaining.inside);
    /* A2-A3 for RU: war is 0.6*0 + 0.4*100 = 40 on land, plus the cost 0.1*100 = 10; the
     * deal costs 45: gain +5 = 100 * margin_a, as Fearon's range says. */
    ASSERT_ABS(v->actors[0].war_cost, 10.0, 1e-12);
    ASSERT_ABS(v->actors[0].gain, 5.0, 1e-12);
    /* UA: war 0.6*100 + 0.2*100 = 80 against 55 at the deal: +25. */
    ASSERT_ABS(v->actors[1].gain, 25.0, 1e-12);
    /* No shift (cap stays at its status quo): p constant, self-enforcing. */
    ASSERT_TRUE(v->commitment.self_enforcing);
    ASSERT_ABS(v->commitment.p[4], 0.6, 0.0);
    /* R: RU gains stake over the status quo (0.55 > 0.4): a concession that emboldens. */
    ASSERT_INT_EQ(v->emboldening.concession, 1);
    ASSERT_TRUE(v->emboldening.emboldens);

    /* The capped deal moves cap 0 -> 100: p rises by 0.4 within a year: p = 0.6, 1.0, 1.0...
     * B's margin (p + 0.2) - 0.55 stays positive; A's margin 0.55 - (p - 0.1) turns negative
     * in year 1 (0.55 - 0.9 < 0). */
    v = &e->proposals[1];
    ASSERT_ABS(v->commitment.p[0], 0.6, 1e-15);
    ASSERT_ABS(v->commitment.p[1], 1.0, 1e-15);
    ASSERT_ABS(v->commitment.p[4], 1.0, 1e-15);
    ASSERT_INT_EQ(v->commitment.first_negative, 1);
    ASSERT_INT_EQ(v->commitment.negative_side, 'A');
    /* B's chance falls 0.4 -> 0 in year one: 0.9*0.4 = 0.36 > 0.1*0.6 + 0.2 + 0.9*0.1 =
     * 0.35: Powell breakdown for B after year 0. */
    ASSERT_INT_EQ(v->commitment.powell_year, 0);
    ASSERT_INT_EQ(v->commitment.powell_side, 'B');
    ASSERT_TRUE(!v->commitment.self_enforcing);
    /* The p shift carries into the next aggression: next_p 0.5 -> 0.9. */
    ASSERT_ABS(v->emboldening.next_p_after, 0.9, 1e-15);
    pacta_evaluation_destroy(e);

    /* Overrides: with cost_a 0 RU's margin is -0.05: outside. */
    pacta_override_t ov[] = {{"cost_a", 0.0}};
    o.overrides = ov;
    o.n_overrides = 1;
    o.proposal = "p55";
    ASSERT_INT_EQ(pacta_evaluate(&e, s, &o, diag), PACTA_OK);
    ASSERT_TRUE(!e->proposals[0].bargaining.inside);
    ASSERT_TRUE(!e->proposals[0].actors[0].accepts);
    pacta_evaluation_destroy(e);
    pacta_override_t bad[] = {{"colour", 1.0}};
    o.overrides = bad;
    ASSERT_INT_EQ(pacta_evaluate(&e, s, &o, diag), PACTA_EINVAL);
    ASSERT_DIAG(0, 0, "unknown parameter");
    /* The message lists the parameters pacta_evaluate_parameters names, in the order
     * evaluate.h documents: the five of every war section first. */
    const char *names[16];
    size_t n_names = pacta_evaluate_parameters(s, names, 16);
    ASSERT_TRUE(n_names == 5 || n_names == 11);
    ASSERT_STR_EQ(names[3], "discount");
    ASSERT_STR_EQ(names[4], "horizon");
    ASSERT_DIAG(0, 0, "the scenario's parameters are p, cost_a, cost_b, discount, horizon");
    pacta_override_t range[] = {{"p", 1.5}};
    o.overrides = range;
    ASSERT_INT_EQ(pacta_evaluate(&e, s, &o, diag), PACTA_EINVAL);
    ASSERT_DIAG(0, 0, "outside the range 0 to 1");
    pacta_scenario_destroy(s);
}

static void sensitivity_crossings(void)
{
    pacta_scenario_t *s = parse(war_scenario);
    if (s == NULL)
        return;
    pacta_evaluate_options_t o;
    pacta_evaluate_options_default(&o);
    o.proposal = "p55";
    /* inside_range ends where A's margin 0.55 - (p - 0.1) hits 0: p = 0.65 (closed form).
     * Vetoes accept until then too (RU's gain is 100 x its margin). */
    pacta_vary_t vary = {"p", 0.5, 0.8, 0.1};
    pacta_sensitivity_t *r = NULL;
    ASSERT_INT_EQ(pacta_evaluate_sensitivity(&r, s, &o, &vary, 1, diag), PACTA_OK);
    if (r == NULL)
        return;
    ASSERT_INT_EQ(r->n_values[0], 4);
    bool found = false;
    for (size_t i = 0; i < r->n_crossings; i++)
        if (r->crossings[i].verdict == PACTA_VERDICT_INSIDE_RANGE) {
            found = true;
            ASSERT_ABS(r->crossings[i].value, 0.65, 1e-8);
            ASSERT_TRUE(r->crossings[i].before && !r->crossings[i].after);
        }
    ASSERT_TRUE(found);
    pacta_sensitivity_destroy(r);
    /* The emboldening flag changes with belief where pi' = pi*, i.e. 0.625 = pi q_R /
     * (pi q_R + (1-pi) q_W): pi = 0.625*0.8/(0.2*0.375 + 0.625*0.8) = 0.5/0.575. Above it
     * the deterred-after flag holds, so "emboldens" turns from yes to no. */
    pacta_vary_t belief = {"belief", 0.8, 0.95, 0.05};
    o.update = PACTA_UPDATE_SIGN; /* the crossing above is worked with R1's full update */
    ASSERT_INT_EQ(pacta_evaluate_sensitivity(&r, s, &o, &belief, 1, diag), PACTA_OK);
    found = false;
    for (size_t i = 0; r && i < r->n_crossings; i++)
        if (r->crossings[i].verdict == PACTA_VERDICT_EMBOLDENS) {
            found = true;
            ASSERT_ABS(r->crossings[i].value, 0.5 / 0.575, 1e-8);
        }
    ASSERT_TRUE(found);
    pacta_sensitivity_destroy(r);
    /* Two parameters: a 3 x 2 grid; an integer parameter (horizon). */
    pacta_vary_t two[2] = {{"p", 0.5, 0.7, 0.1}, {"horizon", 1, 2, 1}};
    ASSERT_INT_EQ(pacta_evaluate_sensitivity(&r, s, &o, two, 2, diag), PACTA_OK);
    ASSERT_INT_EQ(r->n_values[0] * r->n_values[1], 6);
    pacta_sensitivity_destroy(r);
    pacta_vary_t bad = {"p", 0.8, 0.5, 0.1};
    ASSERT_INT_EQ(pacta_evaluate_sensitivity(&r, s, &o, &bad, 1, diag), PACTA_EINVAL);
    pacta_scenario_destroy(s);
}

static void war_section_errors(void)
{
    const char *t =
        "format_version: 1\ntitle: Bad war\n"                                 /* 1-2 */
        "issues:\n"                                                            /* 3 */
        "  - {id: land, name: Land, low: l, high: h, status_quo: 40}\n"        /* 4 */
        "actors:\n"                                                            /* 5 */
        "  - {id: ru, name: RU, capability: 3, positions: {land: {position: 100, salience: 1}}}\n"
        "  - {id: ua, name: UA, capability: 2, positions: {land: {position: 100, salience: 1}}}\n"
        "war:\n"                                                               /* 8 */
        "  side_a: [ru, xx]\n"                                                 /* 9 */
        "  side_b: [ua, ru]\n"                                                 /* 10 */
        "  p: 1.5\n"                                                           /* 11 */
        "  cost_a: 0.1\n"                                                      /* 12 */
        "  cost_b: 0.1\n"                                                      /* 13 */
        "  discount: 1\n"                                                      /* 14 */
        "  horizon: 2.5\n"                                                     /* 15 */
        "  stake: [{issue: land}, {issue: lnad}]\n"                            /* 16 */
        "  shifts:\n"                                                          /* 17 */
        "    - {id: s1, issue: land, provision: ceasefire, effect: 1}\n"       /* 18 */
        "    - {id: s2, provision: flying, effect: 1}\n"                       /* 19 */
        "  reputation: {belief: 0.7}\n"                                        /* 20 */
        "coalitions: [{id: c, name: C, members: [ru]}]\n";                     /* 21 */
    pacta_scenario_t *s = parse(t);
    ASSERT_TRUE(s == NULL);
    ASSERT_DIAG(9, 16, "unknown actor 'xx'");
    ASSERT_DIAG(10, 11, "actor 'ru' is on both sides");
    ASSERT_DIAG(11, 6, "is 1.5, outside the range 0 to 1");
    ASSERT_DIAG(14, 13, "strictly between 0 and 1");
    ASSERT_DIAG(15, 12, "whole number of years");
    ASSERT_DIAG(16, 34, "unknown issue 'lnad'; did you mean 'land'?");
    ASSERT_DIAG(18, 7, "give exactly one of 'issue'");
    ASSERT_DIAG(19, 27, "unknown provision 'flying'");
    ASSERT_DIAG(20, 15, "missing required field 'next_cost'");
    ASSERT_DIAG(21, 40, "at least two members");
    /* Equal positions: which end side A wants cannot be inferred. */
    ASSERT_DIAG(16, 11, "cannot tell which end of 'land' side A wants");
    /* An issue a proposal covers but that has no status quo. */
    const char *nosq = "format_version: 1\ntitle: T\n"
                       "issues: [{id: a, name: A, low: l, high: h}]\n"
                       "actors: [{id: x, name: X, capability: 1, positions: {a: {position: 1, "
                       "salience: 2}}}]\n"
                       "proposals: [{id: p, name: P, positions: {a: 5}}]\n";
    s = parse(nosq);
    pacta_evaluate_options_t o;
    pacta_evaluate_options_default(&o);
    pacta_evaluation_t *e = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_evaluate(&e, s, &o, diag), PACTA_EINPUT);
    ASSERT_DIAG(3, 10, "no status_quo to compare it with");
    o.reservation = PACTA_RESERVATION_WAR;
    ASSERT_INT_EQ(pacta_evaluate(&e, s, &o, diag), PACTA_EINVAL);
    ASSERT_DIAG(0, 0, "only when the scenario has a war section");
    pacta_scenario_destroy(s);
}

static void ukraine_example(void)
{
    /* The shipped scenario evaluates; the April 2025 US framework is among its proposals and
     * gets every verdict. */
    pacta_scenario_t *s = NULL;
    ASSERT_INT_EQ(pacta_scenario_load(&s, PACTA_SOURCE_DIR "/examples/ukraine-2025.yaml", diag),
                  PACTA_OK);
    if (s == NULL)
        return;
    ASSERT_TRUE(s->war.present && s->war.reputation.present);
    ASSERT_TRUE(s->n_coalitions >= 3);
    pacta_evaluate_options_t o;
    pacta_evaluate_options_default(&o);
    pacta_evaluation_t *e = NULL;
    ASSERT_INT_EQ(pacta_evaluate(&e, s, &o, diag), PACTA_OK);
    if (e) {
        ASSERT_INT_EQ(e->n_proposals, s->n_proposals);
        for (size_t i = 0; i < e->n_proposals; i++) {
            ASSERT_TRUE(e->proposals[i].bargaining.present);
            ASSERT_TRUE(e->proposals[i].commitment.present);
            ASSERT_TRUE(e->proposals[i].emboldening.present);
            ASSERT_TRUE(e->proposals[i].pareto.checked);
        }
    }
    pacta_evaluation_destroy(e);
    pacta_scenario_destroy(s);
}

int main(void)
{
    pacta_diag_create(&diag);
    RUN_TEST(reputation_closed_forms);
    RUN_TEST(fearon_and_powell);
    RUN_TEST(acceptance_by_construction);
    RUN_TEST(nash_product_and_split);
    RUN_TEST(pareto_search);
    RUN_TEST(war_evaluation);
    RUN_TEST(sensitivity_crossings);
    RUN_TEST(war_section_errors);
    RUN_TEST(ukraine_example);
    pacta_diag_destroy(diag);
    return test_finish("settle");
}
