/* Deal design (src/design/): closed-form optima, one veto among three, an infeasible search
 * with its relaxation, reproducibility and rejected options. */
#include <pacta/pacta.h>

#include "test.h"

/* COBYLA stops when a step changes no variable by more than 1e-7 scale points
 * (src/design/design.c); the optimum of a piecewise-linear problem sits at a kink, which it
 * reaches to about that accuracy, so positions are checked to 100 times it. */
#define TOL_SEARCH 1e-5

static pacta_diag_t *diag;

static pacta_scenario_t *load(const char *name)
{
    pacta_scenario_t *s = NULL;
    char path[512];
    snprintf(path, sizeof path, "%s/tests/data/%s", PACTA_SOURCE_DIR, name);
    pacta_diag_clear(diag);
    if (pacta_scenario_load(&s, path, diag) != PACTA_OK)
        fprintf(stderr, "cannot load %s\n", path);
    return s;
}

static pacta_design_t *design(const pacta_scenario_t *s, const pacta_design_options_t *o)
{
    pacta_design_t *d = NULL;
    pacta_diag_clear(diag);
    pacta_status st = pacta_design(&d, s, o, diag);
    if (st != PACTA_OK)
        for (size_t i = 0; i < pacta_diag_count(diag); i++)
            fprintf(stderr, "  %s: %s\n", pacta_diag_get(diag, i)->field,
                    pacta_diag_get(diag, i)->message);
    return d;
}

/* Two veto players, one issue (tests/data/design/two-actors.yaml), status quo 20, linear loss:
 *   gain_a(x) = |100 - 20| - |100 - x| = x - 20           >= 0 iff x >= 20
 *   gain_b(x) = |30 - 20| - |30 - x|   = 10 - |30 - x|    >= 0 iff 20 <= x <= 40
 * so the feasible set is the interval [20, 40].
 * min-margin: on [20, 30] both gains are x - 20, on [30, 40] min(x - 20, 40 - x) = 40 - x, so
 * the maximum is at x = 30 with both margins 10.
 * nash, weights 3 (a) and 1 (b): on [30, 40] maximise 3 ln(x - 20) + ln(40 - x):
 *   3/(x - 20) = 1/(40 - x)  =>  x = 35, gains 15 and 5, value (3 ln 15 + ln 5)/4;
 * on [20, 30] the product 4 ln(x - 20) only grows, so x = 35 is the maximum. */
static void two_actors_closed_form(void)
{
    pacta_scenario_t *s = load("design/two-actors.yaml");
    ASSERT_TRUE(s != NULL);
    if (s == NULL)
        return;
    pacta_design_options_t o;
    pacta_design_options_default(&o);
    pacta_design_t *d = design(s, &o);
    ASSERT_TRUE(d != NULL);
    if (d) {
        ASSERT_TRUE(d->feasible);
        ASSERT_TRUE(d->present[PACTA_DESIGN_VETOES]);
        ASSERT_TRUE(!d->present[PACTA_DESIGN_RANGE]);
        /* Every start ends at the one optimum, so only one distinct deal is left. */
        ASSERT_INT_EQ(d->n_deals, 1);
        ASSERT_ABS(d->deals[0].point[0], 30.0, TOL_SEARCH);
        ASSERT_ABS(d->deals[0].margin[0], 10.0, TOL_SEARCH);
        ASSERT_ABS(d->deals[0].margin[1], 10.0, TOL_SEARCH);
        ASSERT_ABS(d->deals[0].objective, 10.0, TOL_SEARCH);
        ASSERT_TRUE(!d->deals[0].binds[PACTA_DESIGN_VETOES]);
        /* |30 - 50| from the one proposal. */
        ASSERT_ABS(d->deals[0].distance[0], 20.0, TOL_SEARCH);
    }
    pacta_design_destroy(d);

    /* Every start's deal, kept however close: all inside [20, 40]. */
    o.top = 100;
    o.distinct = 0;
    d = design(s, &o);
    ASSERT_TRUE(d != NULL && d->n_deals == d->n_feasible_starts);
    for (size_t i = 0; d && i < d->n_deals; i++)
        ASSERT_TRUE(d->deals[i].point[0] >= 20.0 && d->deals[i].point[0] <= 40.0);
    pacta_design_destroy(d);

    pacta_design_options_default(&o);
    o.objective = PACTA_DESIGN_NASH;
    d = design(s, &o);
    ASSERT_TRUE(d != NULL);
    if (d) {
        ASSERT_INT_EQ(d->n_deals, 1);
        ASSERT_ABS(d->deals[0].point[0], 35.0, TOL_SEARCH);
        ASSERT_ABS(d->deals[0].margin[0], 15.0, TOL_SEARCH);
        ASSERT_ABS(d->deals[0].margin[1], 5.0, TOL_SEARCH);
        ASSERT_ABS(d->deals[0].objective, (3 * log(15.0) + log(5.0)) / 4, TOL_SEARCH);
    }
    pacta_design_destroy(d);
    pacta_scenario_destroy(s);
}

/* Three actors, only a has a veto (tests/data/design/one-veto.yaml), status quo 20:
 *   gain_a = x - 20, largest at x = 100: 80 (no constraint binds);
 *   b (ideal 0, salience 100): 20 - 100 = -80; c (salience 50): (20 - 100)/2 = -40.
 * Distance from the proposal at 30: 70. */
static void one_veto_of_three(void)
{
    pacta_scenario_t *s = load("design/one-veto.yaml");
    ASSERT_TRUE(s != NULL);
    if (s == NULL)
        return;
    pacta_design_options_t o;
    pacta_design_options_default(&o);
    pacta_design_t *d = design(s, &o);
    ASSERT_TRUE(d != NULL && d->feasible && d->n_deals == 1);
    if (d && d->n_deals == 1) {
        const pacta_design_deal_t *deal = &d->deals[0];
        ASSERT_ABS(deal->point[0], 100.0, TOL_SEARCH);
        ASSERT_ABS(deal->margin[0], 80.0, TOL_SEARCH);
        ASSERT_ABS(deal->margin[1], -80.0, TOL_SEARCH);
        ASSERT_ABS(deal->margin[2], -40.0, TOL_SEARCH);
        ASSERT_TRUE(!deal->binding[0]);
        ASSERT_TRUE(deal->verdict.vetoes_accept);
        ASSERT_INT_EQ(deal->verdict.n_reject, 2);
        ASSERT_ABS(deal->distance[0], 70.0, TOL_SEARCH);
    }
    pacta_design_destroy(d);
    pacta_scenario_destroy(s);
}

/* tests/data/war.yaml with an emboldening bound of -5: every deal the veto players accept
 * concedes stake to side A (ru needs land >= 50, above the status quo 40), and the index of
 * such a deal is positive, so nothing is feasible and emboldening is the obstacle. Relaxing
 * the bound alone admits a deal once it reaches the smallest index among the deals that meet
 * the rest; proposal p55 is such a deal (pacta evaluate: every veto player accepts, inside
 * the range, self-enforcing) with index +0.27 (the table of `pacta evaluate tests/data/war.yaml`:
 * "YES +0.27"), so the relaxation lies between 5 and 5.27 + rounding. The other families cannot
 * make up for the bound, so relaxing any of them alone admits nothing. */
static void infeasible_and_relaxation(void)
{
    pacta_scenario_t *s = load("war.yaml");
    ASSERT_TRUE(s != NULL);
    if (s == NULL)
        return;
    pacta_design_options_t o;
    pacta_design_options_default(&o);
    o.bound_emboldening = true;
    o.max_emboldening = -5;
    pacta_design_t *d = design(s, &o);
    ASSERT_TRUE(d != NULL);
    if (d) {
        ASSERT_TRUE(!d->feasible);
        ASSERT_INT_EQ(d->n_deals, 0);
        ASSERT_INT_EQ(d->relaxation.obstacle, PACTA_DESIGN_EMBOLDENING);
        ASSERT_TRUE(d->relaxation.violation[PACTA_DESIGN_EMBOLDENING] > 0);
        double alone = d->relaxation.alone[PACTA_DESIGN_EMBOLDENING];
        ASSERT_TRUE(alone > 5.0 && alone < 5.28);
        ASSERT_TRUE(isinf(d->relaxation.alone[PACTA_DESIGN_VETOES]));
        ASSERT_TRUE(isinf(d->relaxation.alone[PACTA_DESIGN_RANGE]));
        ASSERT_TRUE(isinf(d->relaxation.alone[PACTA_DESIGN_COMMITMENT]));
    }
    pacta_design_destroy(d);
    pacta_scenario_destroy(s);
}

/* The same seed gives the same deals bit for bit; another seed other random starts (another
 * count of evaluations) but the same unique optimum. */
static void reproducible(void)
{
    pacta_scenario_t *s = load("war.yaml");
    ASSERT_TRUE(s != NULL);
    if (s == NULL)
        return;
    pacta_design_options_t o;
    pacta_design_options_default(&o);
    o.seed = 7;
    pacta_design_t *a = design(s, &o), *b = design(s, &o);
    o.seed = 8;
    pacta_design_t *c = design(s, &o);
    ASSERT_TRUE(a && b && c);
    if (a && b && c) {
        ASSERT_INT_EQ(a->n_deals, b->n_deals);
        ASSERT_INT_EQ(a->n_evaluations, b->n_evaluations);
        for (size_t i = 0; i < a->n_deals && i < b->n_deals; i++)
            ASSERT_TRUE(
                memcmp(a->deals[i].point, b->deals[i].point, s->n_issues * sizeof(double)) == 0);
        ASSERT_TRUE(a->n_evaluations != c->n_evaluations);
        /* ru gains land - 50 + cap/2 and ua 80 - land - cap/2 (see the fixture's numbers
         * in tests/data/war.yaml), so the best smallest margin is 15 whatever the seed. */
        ASSERT_ABS(a->deals[0].objective, 15.0, TOL_SEARCH);
        ASSERT_ABS(c->deals[0].objective, 15.0, TOL_SEARCH);
    }
    pacta_design_destroy(a);
    pacta_design_destroy(b);
    pacta_design_destroy(c);
    pacta_scenario_destroy(s);
}

/* Robust design of the two-actor case (tests/data/design/two-actors.yaml) with the status quo
 * jittered by sd 10: the search still ends at x = 30 (it runs on the point scenario), and in a
 * draw with status quo q (a normal N(20, 10) truncated to [0, 100], src/sim/sample.c):
 *   a accepts x = 30 iff |100 - q| >= |100 - 30| = 70 iff q <= 30;
 *   b accepts iff |30 - q| >= |30 - 30| = 0, always;
 * so P(every constraint holds) = P(q <= 30)
 *   = (Phi((30 - 20)/10) - Phi((0 - 20)/10)) / (Phi((100 - 20)/10) - Phi((0 - 20)/10))
 *   = (Phi(1) - Phi(-2)) / (Phi(8) - Phi(-2))
 *   = (0.8413447461 - 0.0227501319) / (1 - 0.0227501319) = 0.8376523...
 * The smallest margin is min(30 - q, |30 - q|) = 30 - q in every draw, so its mean is
 *   30 - E[q] = 30 - (20 + 10 (phi(-2) - phi(8)) / (Phi(8) - Phi(-2)))
 *             = 30 - 20 - 10 * 0.0539909665 / 0.9772498681 = 9.4475227...
 * (the mean of a truncated normal: Johnson, Kotz & Balakrishnan 1994, eq. 13.134). Checked
 * within 5 standard errors; the margin's sd is at most the untruncated 10. */
static void robust_closed_form(void)
{
    pacta_scenario_t *s = load("design/two-actors.yaml");
    ASSERT_TRUE(s != NULL);
    if (s == NULL)
        return;
    pacta_jitter_t jitter = {PACTA_FIELD_STATUS_QUO, 10.0, false};
    pacta_design_options_t o;
    pacta_design_options_default(&o);
    o.runs = 4000;
    o.jitter = &jitter;
    o.n_jitter = 1;
    o.threads = 1;
    pacta_design_t *d = design(s, &o);
    ASSERT_TRUE(d != NULL);
    if (d) {
        ASSERT_INT_EQ(d->n_deals, 1);
        ASSERT_INT_EQ(d->n_random, 1);
        const pacta_design_robust_t *r = &d->deals[0].robust;
        ASSERT_ABS(d->deals[0].point[0], 30.0, TOL_SEARCH);
        double p = 0.8376523, se = sqrt(p * (1 - p) / 4000.0);
        ASSERT_ABS(r->p_all, p, 5 * se);
        ASSERT_ABS(r->p_hold[PACTA_DESIGN_VETOES], r->p_all, 0.0);
        ASSERT_ABS(r->se_all, sqrt(r->p_all * (1 - r->p_all) / 4000.0), 1e-15);
        ASSERT_TRUE(isnan(r->p_hold[PACTA_DESIGN_RANGE]));
        ASSERT_INT_EQ(r->n_defined, 4000);
        ASSERT_ABS(r->mean_objective, 9.4475227, 5 * 10.0 / sqrt(4000.0));
        /* 0.84 < 0.9: no deal reaches the default confidence, but the deal is still shown. */
        ASSERT_TRUE(!r->confident && !d->confident);
    }
    pacta_design_destroy(d);
    o.confidence = 0.8;
    d = design(s, &o);
    ASSERT_TRUE(d != NULL && d->confident && d->deals[0].robust.confident);
    pacta_design_destroy(d);
    pacta_scenario_destroy(s);
}

/* Field by field, bit for bit (a struct's padding is not compared). */
static bool same_robust(const pacta_design_robust_t *x, const pacta_design_robust_t *y)
{
    return memcmp(x->p_hold, y->p_hold, sizeof x->p_hold) == 0 &&
           memcmp(x->se_hold, y->se_hold, sizeof x->se_hold) == 0 &&
           memcmp(&x->p_all, &y->p_all, sizeof x->p_all) == 0 &&
           memcmp(&x->mean_objective, &y->mean_objective, sizeof x->mean_objective) == 0 &&
           x->n_defined == y->n_defined && x->confident == y->confident;
}

/* A robust design is the same bit for bit on 1, 2 and 3 threads: each draw is addressed by
 * (seed, draw) and the sums are taken in draw order. */
static void robust_threads(void)
{
    pacta_scenario_t *s = load("war.yaml");
    ASSERT_TRUE(s != NULL);
    if (s == NULL)
        return;
    pacta_jitter_t jitter[2] = {{PACTA_FIELD_POSITION, 5.0, false}, {PACTA_FIELD_WAR, 0.05, false}};
    pacta_design_options_t o;
    pacta_design_options_default(&o);
    o.runs = 101;
    o.jitter = jitter;
    o.n_jitter = 2;
    o.starts = 4;
    o.threads = 1;
    pacta_design_t *a = design(s, &o);
    o.threads = 2;
    pacta_design_t *b = design(s, &o);
    o.threads = 3;
    pacta_design_t *c = design(s, &o);
    ASSERT_TRUE(a && b && c);
    if (a && b && c) {
        ASSERT_INT_EQ(a->n_deals, b->n_deals);
        ASSERT_INT_EQ(a->n_deals, c->n_deals);
        for (size_t i = 0; i < a->n_deals && i < b->n_deals && i < c->n_deals; i++) {
            ASSERT_TRUE(same_robust(&a->deals[i].robust, &b->deals[i].robust));
            ASSERT_TRUE(same_robust(&a->deals[i].robust, &c->deals[i].robust));
            ASSERT_TRUE(
                memcmp(a->deals[i].point, c->deals[i].point, s->n_issues * sizeof(double)) == 0);
        }
    }
    pacta_design_destroy(a);
    pacta_design_destroy(b);
    pacta_design_destroy(c);
    pacta_scenario_destroy(s);
}

static void rejected_options(void)
{
    pacta_scenario_t *s = load("design/two-actors.yaml");
    ASSERT_TRUE(s != NULL);
    if (s == NULL)
        return;
    pacta_design_options_t o;
    pacta_design_options_default(&o);
    pacta_design_t *d = NULL;
    o.objective = PACTA_DESIGN_DURABILITY;
    ASSERT_INT_EQ(pacta_design(&d, s, &o, diag), PACTA_EINVAL);
    ASSERT_TRUE(d == NULL);
    pacta_design_options_default(&o);
    o.bound_emboldening = true; /* no war section, so no reputation block */
    ASSERT_INT_EQ(pacta_design(&d, s, &o, diag), PACTA_EINVAL);
    pacta_design_options_default(&o);
    o.top = 0;
    ASSERT_INT_EQ(pacta_design(&d, s, &o, diag), PACTA_EINVAL);
    pacta_design_options_default(&o);
    o.runs = 10;
    o.confidence = 1.5;
    ASSERT_INT_EQ(pacta_design(&d, s, &o, diag), PACTA_EINVAL);
    pacta_jitter_t jitter = {PACTA_FIELD_POSITION, 5.0, false};
    pacta_design_options_default(&o);
    o.jitter = &jitter;
    o.n_jitter = 1; /* a jitter without draws */
    ASSERT_INT_EQ(pacta_design(&d, s, &o, diag), PACTA_EINVAL);
    ASSERT_TRUE(d == NULL);
    pacta_design_objective o2;
    ASSERT_TRUE(pacta_design_objective_find("nash", &o2) && o2 == PACTA_DESIGN_NASH);
    ASSERT_TRUE(!pacta_design_objective_find("best", &o2));
    pacta_scenario_destroy(s);
}

int main(void)
{
    pacta_diag_create(&diag);
    RUN_TEST(two_actors_closed_form);
    RUN_TEST(one_veto_of_three);
    RUN_TEST(infeasible_and_relaxation);
    RUN_TEST(reproducible);
    RUN_TEST(robust_closed_form);
    RUN_TEST(robust_threads);
    RUN_TEST(rejected_options);
    pacta_diag_destroy(diag);
    return test_finish("design");
}
