/* Allocation-failure sweep (issue 8): in a build with PACTA_ALLOC_FAILURE_INJECTION, make the
 * n-th library allocation fail, for every n, while loading the Ukraine scenario and running
 * each whole-scenario analysis on it. Every run must end with PACTA_ENOMEM, no result, and
 * (checked by the sanitizer build) no leak. Other builds skip with 77. */
#include "test.h"

#include <pacta/pacta.h>

#include "core/alloc.h"

static char ukraine[4096];
static unsigned long results_on_failure; /* a failed call must not hand out a result */

/* One pass: load, then the analysis under test. Returns the first failing status. */
typedef pacta_status (*pass_fn)(const pacta_scenario_t *s);

static pacta_status forecast_all(const pacta_scenario_t *s)
{
    pacta_forecast_options_t o;
    pacta_forecast_options_default(&o);
    pacta_forecast_t *f = NULL;
    pacta_status st = pacta_forecast_run(&f, s, &o, NULL);
    results_on_failure += st != PACTA_OK && f != NULL;
    pacta_forecast_destroy(f);
    return st;
}

static pacta_status evaluate_all(const pacta_scenario_t *s)
{
    pacta_evaluate_options_t o;
    pacta_evaluate_options_default(&o);
    pacta_evaluation_t *e = NULL;
    pacta_status st = pacta_evaluate(&e, s, &o, NULL);
    results_on_failure += st != PACTA_OK && e != NULL;
    pacta_evaluation_destroy(e);
    return st;
}

static pacta_status simulate_few(const pacta_scenario_t *s)
{
    static const char *const models[] = {"compromise", "median", "nash", "bdm"};
    pacta_simulate_options_t o;
    pacta_simulate_options_default(&o);
    o.runs = 4;
    o.threads = 1; /* the injection counter is not thread-safe */
    o.block_size = 2;
    o.forecast.models = models;
    o.forecast.n_models = 4;
    o.forecast.rounds = 2;
    o.evaluate = true;
    pacta_simulation_t *sim = NULL;
    pacta_status st = pacta_simulation_create(&sim, s, &o, NULL);
    if (st == PACTA_OK)
        st = pacta_simulation_run(sim);
    if (st == PACTA_OK)
        st = pacta_simulation_finish(sim);
    pacta_simulation_destroy(sim);
    return st;
}

static pacta_status load_and(pass_fn pass)
{
    pacta_diag_t *diag = NULL;
    pacta_scenario_t *s = NULL;
    pacta_status st = pacta_diag_create(&diag);
    if (st == PACTA_OK)
        st = pacta_scenario_load(&s, ukraine, diag);
    results_on_failure += st != PACTA_OK && s != NULL;
    if (st == PACTA_OK && pass != NULL)
        st = pass(s);
    pacta_scenario_destroy(s);
    pacta_diag_destroy(diag);
    return st;
}

static void sweep(const char *name, pass_fn pass)
{
    pacta_alloc_fail_after(0);
    pacta_status clean = load_and(pass);
    unsigned long total = pacta_alloc_fail_after(0);
    ASSERT_INT_EQ(clean, PACTA_OK);
    if (total == 0)
        return;
    unsigned long wrong = 0;
    for (unsigned long n = 1; n <= total; n++) {
        pacta_alloc_fail_after(n);
        pacta_status st = load_and(pass);
        pacta_alloc_fail_after(0);
        if (st != PACTA_ENOMEM && wrong++ < 5)
            fprintf(stderr, "%s: allocation %lu of %lu failed but the result was %s\n", name, n,
                    total, pacta_strerror(st));
    }
    ASSERT_INT_EQ(wrong, 0);
    ASSERT_INT_EQ(results_on_failure, 0);
    printf("%s: %lu allocations, each failed in turn\n", name, total);
}

static void load_only(void)
{
    sweep("load", NULL);
}

static void load_and_forecast(void)
{
    sweep("load + forecast (every model)", forecast_all);
}

static void load_and_evaluate(void)
{
    sweep("load + evaluate", evaluate_all);
}

static void load_and_simulate(void)
{
    sweep("load + simulate (4 runs, 1 thread)", simulate_few);
}

int main(void)
{
    snprintf(ukraine, sizeof ukraine, "%s/examples/ukraine-2025.yaml", PACTA_SOURCE_DIR);
    pacta_alloc_fail_after(0);
    (void)load_and(NULL);
    if (pacta_alloc_fail_after(0) == 0) {
        printf("skipped: not an allocation-failure injection build "
               "(cmake -DPACTA_ALLOC_FAILURE_INJECTION=ON; scripts/test.sh --sanitize)\n");
        return 77;
    }
    RUN_TEST(load_only);
    RUN_TEST(load_and_forecast);
    RUN_TEST(load_and_evaluate);
    RUN_TEST(load_and_simulate);
    return test_finish("alloc");
}
