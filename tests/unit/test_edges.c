/* Numeric edge cases (issue 8): every model on degenerate issues, with the answer each must
 * give worked out by hand beside it. A model may decline (defined = false, with a note), but
 * it must never return a number outside 0-100, NaN, or garbage. */
#include "test.h"

#include <pacta/pacta.h>

static pacta_diag_t *diag;

static const char *const all_models[] = {"compromise", "median", "nash", "bdm"};
enum { N_MODELS = 4, COMPROMISE = 0, MEDIAN = 1, NASH = 2, BDM = 3 };

/* Forecast every model on a one-issue scenario given as its actor lines. */
static pacta_forecast_t *run(const char *status_quo, const char *actors, pacta_scenario_t **sp)
{
    char text[4096];
    snprintf(text, sizeof text,
             "format_version: 1\ntitle: Edge\n"
             "issues: [{id: a, name: A, low: l, high: h%s%s}]\n"
             "actors:\n%s",
             status_quo ? ", status_quo: " : "", status_quo ? status_quo : "", actors);
    *sp = NULL;
    pacta_diag_clear(diag);
    pacta_status st = pacta_scenario_parse(sp, text, strlen(text), "edge.yaml", "yaml", NULL, diag);
    ASSERT_INT_EQ(st, PACTA_OK);
    if (st != PACTA_OK) {
        for (size_t i = 0; i < pacta_diag_count(diag); i++)
            fprintf(stderr, "  %s\n", pacta_diag_get(diag, i)->message);
        return NULL;
    }
    pacta_forecast_options_t o;
    pacta_forecast_options_default(&o);
    o.models = all_models;
    o.n_models = N_MODELS;
    pacta_forecast_t *f = NULL;
    ASSERT_INT_EQ(pacta_forecast_run(&f, *sp, &o, diag), PACTA_OK);
    if (f != NULL)
        for (int m = 0; m < N_MODELS; m++) {
            const pacta_model_result_t *r = &f->issues[0].entries[m].result;
            /* Whatever the case: a defined answer is a number on the scale, an undefined one
             * says why. */
            if (r->defined)
                ASSERT_TRUE(isfinite(r->forecast) && r->forecast >= 0 && r->forecast <= 100);
            else
                ASSERT_TRUE(r->note != NULL && r->note[0] != '\0');
        }
    return f;
}

static const pacta_model_result_t *result(const pacta_forecast_t *f, int model)
{
    return &f->issues[0].entries[model].result;
}

static void done(pacta_forecast_t *f, pacta_scenario_t *s)
{
    pacta_forecast_destroy(f);
    pacta_scenario_destroy(s);
}

static void everyone_at_one_position(void)
{
    /* All actors at 37: every model must answer 37 (no one has anything to gain elsewhere;
     * for Nash with d = 60 every actor gains most at 37; BDM has no challenges to make). */
    pacta_scenario_t *s;
    pacta_forecast_t *f = run("60",
                              "  - {id: x, name: X, capability: 3, positions: {a: {position: 37, salience: 80}}}\n"
                              "  - {id: y, name: Y, capability: 1, positions: {a: {position: 37, salience: 20}}}\n"
                              "  - {id: z, name: Z, capability: 5, positions: {a: {position: 37, salience: 50}}}\n",
                              &s);
    if (f == NULL)
        return;
    for (int m = 0; m < N_MODELS; m++) {
        ASSERT_TRUE(result(f, m)->defined);
        ASSERT_ABS(result(f, m)->forecast, 37, 1e-12);
    }
    done(f, s);
}

static void zero_salience_everywhere(void)
{
    /* No actor cares: the weights c s are all zero, so the weighted mean and median are
     * 0/0 and Nash's weights are undefined; each must decline with a note rather than
     * return a number. BDM's probabilities divide by sums of c s as well. */
    pacta_scenario_t *s;
    pacta_forecast_t *f = run("50",
                              "  - {id: x, name: X, capability: 3, positions: {a: {position: 10, salience: 0}}}\n"
                              "  - {id: y, name: Y, capability: 1, positions: {a: {position: 90, salience: 0}}}\n",
                              &s);
    if (f == NULL)
        return;
    for (int m = 0; m < N_MODELS; m++)
        ASSERT_TRUE(!result(f, m)->defined);
    done(f, s);
}

static void zero_capability_everywhere(void)
{
    /* The same with capabilities all zero. */
    pacta_scenario_t *s;
    pacta_forecast_t *f = run("50",
                              "  - {id: x, name: X, capability: 0, positions: {a: {position: 10, salience: 70}}}\n"
                              "  - {id: y, name: Y, capability: 0, positions: {a: {position: 90, salience: 70}}}\n",
                              &s);
    if (f == NULL)
        return;
    for (int m = 0; m < N_MODELS; m++)
        ASSERT_TRUE(!result(f, m)->defined);
    done(f, s);
}

static void one_actor_without_weight(void)
{
    /* One of three actors has capability 0: it drops out of every weighted sum, so the
     * answer is that of the other two. x (c s = 2 x 50 = 100 at 20), y (1 x 50 = 50 at 80):
     * mean (100 x 20 + 50 x 80)/150 = 40; lower weighted median: x holds 2/3 of the weight,
     * so 20. */
    pacta_scenario_t *s;
    pacta_forecast_t *f = run(NULL,
                              "  - {id: x, name: X, capability: 2, positions: {a: {position: 20, salience: 50}}}\n"
                              "  - {id: y, name: Y, capability: 1, positions: {a: {position: 80, salience: 50}}}\n"
                              "  - {id: z, name: Z, capability: 0, positions: {a: {position: 0, salience: 100}}}\n",
                              &s);
    if (f == NULL)
        return;
    ASSERT_ABS(result(f, COMPROMISE)->forecast, 40, 1e-12);
    ASSERT_ABS(result(f, MEDIAN)->forecast, 20, 1e-12);
    done(f, s);
}

static void a_single_actor(void)
{
    /* One actor: its position is every model's answer (Nash with d = 10: the only player's
     * gain is largest at its ideal point 64). */
    pacta_scenario_t *s;
    pacta_forecast_t *f = run("10",
                              "  - {id: x, name: X, capability: 1, positions: {a: {position: 64, salience: 40}}}\n",
                              &s);
    if (f == NULL)
        return;
    for (int m = 0; m < N_MODELS; m++) {
        ASSERT_TRUE(result(f, m)->defined);
        ASSERT_ABS(result(f, m)->forecast, 64, 1e-12);
    }
    done(f, s);
}

static void two_actors_at_the_ends(void)
{
    /* Two actors at exactly 0 and 100 with weights 3 and 1 (c s = 3 x 50, 1 x 50):
     * mean 25; lower weighted median 0 (x holds 3/4); Nash with d = 50 and linear losses:
     * nobody gains from any move (x wants 0, y wants 100, and every point helps one and
     * hurts the other), so the bargaining set is {50} and the answer is the status quo.
     * BDM must stay on the scale. */
    pacta_scenario_t *s;
    pacta_forecast_t *f = run("50",
                              "  - {id: x, name: X, capability: 3, positions: {a: {position: 0, salience: 50}}}\n"
                              "  - {id: y, name: Y, capability: 1, positions: {a: {position: 100, salience: 50}}}\n",
                              &s);
    if (f == NULL)
        return;
    ASSERT_ABS(result(f, COMPROMISE)->forecast, 25, 1e-12);
    ASSERT_ABS(result(f, MEDIAN)->forecast, 0, 0);
    ASSERT_ABS(result(f, NASH)->forecast, 50, 1e-9);
    ASSERT_TRUE(result(f, BDM)->defined);
    done(f, s);
}

static void equal_weights_tie(void)
{
    /* Two actors of equal weight: the lower weighted median is the lower position (the
     * first at which the cumulative weight reaches half); the mean is the midpoint. */
    pacta_scenario_t *s;
    pacta_forecast_t *f = run(NULL,
                              "  - {id: x, name: X, capability: 1, positions: {a: {position: 30, salience: 50}}}\n"
                              "  - {id: y, name: Y, capability: 1, positions: {a: {position: 70, salience: 50}}}\n",
                              &s);
    if (f == NULL)
        return;
    ASSERT_ABS(result(f, COMPROMISE)->forecast, 50, 1e-12);
    ASSERT_ABS(result(f, MEDIAN)->forecast, 30, 0);
    done(f, s);
}

static void symmetric_security_values(void)
{
    /* BDM's risk exponents come from each actor's security value; with two actors placed
     * symmetrically about the status quo with equal weights, the security values are
     * equal, so the max - min denominator of the risk formula is zero (the spec defines
     * the 0/0 as risk-neutral, r = 1). By symmetry neither challenge is worth making: no
     * actor moves in any round, the weighted mean stays at 50, and the forecast is the
     * model's readout, the lower weighted median of the unchanged positions: 20. */
    pacta_scenario_t *s;
    pacta_forecast_t *f = run("50",
                              "  - {id: x, name: X, capability: 1, positions: {a: {position: 20, salience: 60}}}\n"
                              "  - {id: y, name: Y, capability: 1, positions: {a: {position: 80, salience: 60}}}\n",
                              &s);
    if (f == NULL)
        return;
    const pacta_model_result_t *r = result(f, BDM);
    ASSERT_TRUE(r->defined);
    ASSERT_ABS(r->forecast, 20, 0);
    ASSERT_TRUE(r->n_rounds > 1);
    for (size_t k = 0; k < r->n_rounds; k++) {
        ASSERT_INT_EQ(r->rounds[k].n_moves, 0);
        ASSERT_ABS(r->rounds[k].mean, 50, 1e-12);
        if (r->rounds[k].risk != NULL)
            ASSERT_ABS(r->rounds[k].risk[0], 1, 1e-12);
    }
    done(f, s);
}

int main(void)
{
    pacta_diag_create(&diag);
    RUN_TEST(everyone_at_one_position);
    RUN_TEST(zero_salience_everywhere);
    RUN_TEST(zero_capability_everywhere);
    RUN_TEST(one_actor_without_weight);
    RUN_TEST(a_single_actor);
    RUN_TEST(two_actors_at_the_ends);
    RUN_TEST(equal_weights_tie);
    RUN_TEST(symmetric_security_values);
    pacta_diag_destroy(diag);
    return test_finish("edges");
}
