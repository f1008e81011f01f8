/* Monte Carlo: the generator against its published test vectors, the samplers against
 * their distributions, and reproducibility across threads, parts, blocks and stops. */
#include "test.h"

#include "sim/philox.h"
#include "sim/sample.h"
#include "sim/sim_internal.h"

#include <pacta/pacta.h>

static void philox_known_answers(void)
{
    /* Random123 tests/kat_vectors, the three philox4x32 10 lines (counter, key, expected). */
    static const uint32_t kat[3][10] = {
        {0, 0, 0, 0, 0, 0, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
        {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x408f276d,
         0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
        {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, 0xd16cfe09,
         0x94fdcceb, 0x5001e420, 0x24126ea1},
    };
    for (int i = 0; i < 3; i++) {
        uint32_t out[4];
        pacta_sim_philox4x32_10(kat[i], kat[i] + 4, out);
        for (int w = 0; w < 4; w++)
            ASSERT_INT_EQ(out[w], kat[i][6 + w]);
    }
    /* Uniforms are in (0, 1) and differ between values, replicates and seeds. */
    double a = pacta_sim_uniform(1, 0, 0, 0), b = pacta_sim_uniform(1, 0, 1, 0),
           c = pacta_sim_uniform(1, 1, 0, 0);
    double d = pacta_sim_uniform(2, 0, 0, 0);
    ASSERT_TRUE(a > 0 && a < 1 && a != b && a != c && a != d);
    ASSERT_ABS(pacta_sim_uniform(1, 5, 3, 0), pacta_sim_uniform(1, 5, 3, 0), 0.0);
}

static pacta_distribution_t dist(pacta_distribution_kind kind, double a, double b, double lo,
                                 double hi)
{
    pacta_distribution_t d;
    memset(&d, 0, sizeof d);
    d.kind = kind;
    d.a = a;
    d.b = b;
    d.lo = lo;
    d.hi = hi;
    return d;
}

static void quantiles_closed_form(void)
{
    /* Uniform: lo + u (hi - lo). */
    pacta_distribution_t u = dist(PACTA_DIST_UNIFORM, 0, 0, 20, 60);
    ASSERT_ABS(pacta_sim_quantile(&u, 0.25), 30.0, TOL_EXACT * 100);
    /* Triangular(0, 30, 100): F(30) = 0.3, so u = 0.3 gives the mode; u = 0.1 gives
     * sqrt(0.1 * 100 * 30) = sqrt(300). */
    pacta_distribution_t t = dist(PACTA_DIST_TRIANGULAR, 30, 0, 0, 100);
    ASSERT_ABS(pacta_sim_quantile(&t, 0.3), 30.0, 1e-12);
    ASSERT_ABS(pacta_sim_quantile(&t, 0.1), sqrt(300.0), 1e-12);
    /* Normal truncated symmetrically about its mean: the median is the mean; one-sided
     * truncation at the mean gives the half-normal, whose median is mean + 0.6745 sd. */
    pacta_distribution_t n = dist(PACTA_DIST_NORMAL, 50, 10, 0, 100);
    ASSERT_ABS(pacta_sim_quantile(&n, 0.5), 50.0, 1e-9);
    pacta_distribution_t half = dist(PACTA_DIST_NORMAL, 50, 10, 50, INFINITY);
    /* Phi^-1(0.75) = 0.6744897501960817 (standard normal tables). */
    ASSERT_ABS(pacta_sim_quantile(&half, 0.5), 50 + 10 * 0.6744897501960817, 1e-6);
    /* Far in the upper tail the complementary functions keep precision. */
    pacta_distribution_t tail = dist(PACTA_DIST_NORMAL, 0, 1, 8, 100);
    double x = pacta_sim_quantile(&tail, 0.5);
    ASSERT_TRUE(x > 8 && x < 8.2);
    /* Beta(2, 2) is symmetric: its median is the middle of [lo, hi]. */
    pacta_distribution_t beta = dist(PACTA_DIST_BETA, 2, 2, 0, 100);
    ASSERT_ABS(pacta_sim_quantile(&beta, 0.5), 50.0, 1e-9);
    /* Choice: weights 1, 2, 1 cut (0, 1) at 0.25 and 0.75. */
    double values[] = {10, 20, 30}, weights[] = {1, 2, 1};
    pacta_distribution_t ch = dist(PACTA_DIST_CHOICE, 0, 0, 0, 100);
    ch.values = values;
    ch.weights = weights;
    ch.n_values = 3;
    ASSERT_ABS(pacta_sim_quantile(&ch, 0.2), 10, 0);
    ASSERT_ABS(pacta_sim_quantile(&ch, 0.5), 20, 0);
    ASSERT_ABS(pacta_sim_quantile(&ch, 0.9), 30, 0);
}

static void sample_moments(void)
{
    /* 40,000 draws: each sample mean within 5 standard errors of the true mean. */
    enum { N = 40000 };
    struct {
        pacta_distribution_t d;
        double mean, sd;
    } cases[4];
    cases[0].d = dist(PACTA_DIST_UNIFORM, 0, 0, 20, 60);
    cases[0].mean = 40;
    cases[0].sd = 40 / sqrt(12.0);
    cases[1].d = dist(PACTA_DIST_TRIANGULAR, 30, 0, 0, 100);
    cases[1].mean = 130.0 / 3.0; /* (a + b + c)/3 */
    cases[1].sd = sqrt((0 + 10000 + 900 - 0 - 0 - 3000) / 18.0);
    cases[2].d = dist(PACTA_DIST_BETA, 2, 6, 0, 100);
    cases[2].mean = 25; /* 100 * 2/8 */
    cases[2].sd = 100 * sqrt(2.0 * 6 / (64.0 * 9));
    cases[3].d = dist(PACTA_DIST_NORMAL, 50, 10, 0, 100); /* truncation at 5 sd: negligible */
    cases[3].mean = 50;
    cases[3].sd = 10;
    for (int c = 0; c < 4; c++) {
        double sum = 0;
        for (uint64_t r = 0; r < N; r++)
            sum += pacta_sim_quantile(&cases[c].d, pacta_sim_uniform(12345, r, (uint32_t)c, 0));
        ASSERT_ABS(sum / N, cases[c].mean, 5 * cases[c].sd / sqrt((double)N));
    }
}

static void accumulator_is_exact(void)
{
    /* The same values in two orders give bit-identical accumulators. */
    uint64_t h1[SIM_BINS] = {0}, h2[SIM_BINS] = {0};
    sim_acc_t a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    a.histogram = h1;
    b.histogram = h2;
    double v[1000];
    for (int i = 0; i < 1000; i++)
        v[i] = 100.0 * pacta_sim_uniform(9, (uint64_t)i, 0, 0);
    for (int i = 0; i < 1000; i++)
        pacta_sim_acc_add(&a, v[i]);
    for (int i = 999; i >= 0; i--)
        pacta_sim_acc_add(&b, v[i]);
    ASSERT_TRUE(a.sum == b.sum && a.sumsq == b.sumsq && a.n == b.n);
    ASSERT_TRUE(memcmp(h1, h2, sizeof h1) == 0);
}

/* A small uncertain scenario run through the whole engine. */
static pacta_scenario_t *load_ukraine(void)
{
    pacta_scenario_t *s = NULL;
    pacta_scenario_load(&s, PACTA_SOURCE_DIR "/examples/ukraine-2025.yaml", NULL);
    return s;
}

static const char *const baseline_models[] = {"compromise", "median", "nash"};
static const pacta_jitter_t jitter[] = {{PACTA_FIELD_POSITION, 5, false},
                                        {PACTA_FIELD_SALIENCE, 10, false},
                                        {PACTA_FIELD_CAPABILITY, 0.1, true},
                                        {PACTA_FIELD_WAR, 0.05, false}};

static void options_for(pacta_simulate_options_t *o, unsigned threads)
{
    pacta_simulate_options_default(o);
    o->runs = 700;
    o->seed = 42;
    o->threads = threads;
    o->block_size = 32;
    o->forecast.models = baseline_models;
    o->forecast.n_models = 3;
    o->evaluate = true;
    o->jitter = jitter;
    o->n_jitter = 4;
}

/* Run and serialise the accumulators (their bytes are the test of bit-identity). */
static size_t run_to_bytes(const pacta_scenario_t *s, const pacta_simulate_options_t *o,
                           void **bytes, pacta_simulation_t **keep)
{
    pacta_simulation_t *sim = NULL;
    size_t size = 0;
    *bytes = NULL;
    if (pacta_simulation_create(&sim, s, o, NULL) != PACTA_OK)
        return 0;
    if (pacta_simulation_run(sim) == PACTA_OK)
        pacta_simulation_serialize(sim, bytes, &size);
    if (keep)
        *keep = sim;
    else
        pacta_simulation_destroy(sim);
    return size;
}

static void same_on_any_thread_count(void)
{
    pacta_scenario_t *s = load_ukraine();
    if (s == NULL)
        return;
    pacta_simulate_options_t o;
    void *ref = NULL, *other = NULL;
    options_for(&o, 1);
    size_t n = run_to_bytes(s, &o, &ref, NULL);
    ASSERT_TRUE(n > 0);
    static const unsigned threads[] = {2, 8};
    for (int i = 0; i < 2; i++) {
        options_for(&o, threads[i]);
        size_t m = run_to_bytes(s, &o, &other, NULL);
        ASSERT_INT_EQ(m, n);
        ASSERT_TRUE(m == n && memcmp(ref, other, n) == 0);
        free(other);
    }
    /* A different block size changes the work units, not the result. */
    options_for(&o, 2);
    o.block_size = 7;
    size_t m = run_to_bytes(s, &o, &other, NULL);
    ASSERT_TRUE(m == n && memcmp(ref, other, n) == 0);
    free(other);
    free(ref);
    pacta_scenario_destroy(s);
}

static void parts_merge_to_the_whole(void)
{
    /* Two parts (as two MPI processes would run them) merged equal one process. */
    pacta_scenario_t *s = load_ukraine();
    if (s == NULL)
        return;
    pacta_simulate_options_t o;
    void *whole = NULL, *part = NULL, *merged = NULL;
    options_for(&o, 2);
    size_t n = run_to_bytes(s, &o, &whole, NULL);
    pacta_simulation_t *first = NULL;
    o.part_count = 2;
    o.part_index = 0;
    run_to_bytes(s, &o, &part, &first);
    free(part);
    o.part_index = 1;
    size_t m = run_to_bytes(s, &o, &part, NULL);
    ASSERT_INT_EQ(pacta_simulation_merge(first, part, m), PACTA_OK);
    ASSERT_INT_EQ(first->done, 700);
    size_t k = 0;
    pacta_simulation_serialize(first, &merged, &k);
    ASSERT_TRUE(k == n && memcmp(merged, whole, n) == 0);
    ASSERT_INT_EQ(pacta_simulation_merge(first, part, m - 1), PACTA_EINVAL);
    free(whole);
    free(part);
    free(merged);
    pacta_simulation_destroy(first);
    pacta_scenario_destroy(s);
}

typedef struct captured {
    pacta_simulation_t *into;
} captured_t;

static pacta_status capture(void *user, uint64_t block, const double *values, size_t n_rep,
                            size_t n_values)
{
    (void)n_values;
    captured_t *c = user;
    return pacta_simulation_add_block(c->into, block, values, n_rep);
}

static void stored_blocks_replay(void)
{
    /* Feeding the finished blocks into a fresh simulation reproduces the run exactly: the
     * basis of resuming a stored run. */
    pacta_scenario_t *s = load_ukraine();
    if (s == NULL)
        return;
    pacta_simulate_options_t o;
    options_for(&o, 2);
    pacta_simulation_t *replay = NULL;
    ASSERT_INT_EQ(pacta_simulation_create(&replay, s, &o, NULL), PACTA_OK);
    captured_t c = {replay};
    o.on_block = capture;
    o.block_user = &c;
    void *run = NULL, *again = NULL;
    size_t n = run_to_bytes(s, &o, &run, NULL);
    size_t m = 0;
    pacta_simulation_serialize(replay, &again, &m);
    ASSERT_TRUE(n == m && memcmp(run, again, n) == 0);
    ASSERT_INT_EQ(pacta_simulation_add_block(replay, 0, NULL, 5), PACTA_EINVAL);
    free(run);
    free(again);
    pacta_simulation_destroy(replay);
    pacta_scenario_destroy(s);
}

static void summary_of_a_known_distribution(void)
{
    /* One actor whose position is uniform on [20, 80]: every model's forecast is that
     * position, so the summaries must match the uniform's closed forms: mean 50, sd 60/sqrt(12),
     * quantiles 20 + 60 q. Tolerances are 5 standard errors for 20,000 runs (the quantile's
     * is sqrt(q(1-q)/n) / density, density 1/60), plus the 0.01 bin for quantiles. */
    const char *t = "format_version: 1\ntitle: U\n"
                    "issues: [{id: a, name: A, low: l, high: h}]\n"
                    "actors: [{id: x, name: X, capability: 1, positions: {a: {position: "
                    "{dist: uniform, min: 20, max: 80}, salience: 50}}}]\n";
    pacta_scenario_t *s = NULL;
    ASSERT_INT_EQ(pacta_scenario_parse(&s, t, strlen(t), "u.yaml", "yaml", NULL, NULL), PACTA_OK);
    if (s == NULL)
        return;
    pacta_simulate_options_t o;
    options_for(&o, 2);
    o.runs = 20000;
    o.n_jitter = 0;
    o.evaluate = false;
    o.forecast.n_models = 2; /* compromise and median; Nash needs a status quo */
    pacta_simulation_t *sim = NULL;
    ASSERT_INT_EQ(pacta_simulation_create(&sim, s, &o, NULL), PACTA_OK);
    if (sim != NULL && pacta_simulation_run(sim) == PACTA_OK &&
        pacta_simulation_finish(sim) == PACTA_OK) {
        double n = 20000, sd = 60 / sqrt(12.0);
        static const double levels[5] = {0.05, 0.25, 0.50, 0.75, 0.95};
        for (size_t i = 0; i < sim->n_forecasts; i++) {
            const pacta_sim_summary_t *sm = &sim->forecasts[i].summary;
            ASSERT_INT_EQ(sm->n, 20000);
            ASSERT_ABS(sm->mean, 50, 5 * sd / sqrt(n));
            ASSERT_ABS(sm->sd, sd, 5 * sd / sqrt(2 * (n - 1)) * 1.2); /* uniform: kurtosis 1.8 */
            ASSERT_TRUE(sm->min >= 20 && sm->max <= 80);
            for (int q = 0; q < 5; q++) {
                double se = sqrt(levels[q] * (1 - levels[q]) / n) * 60;
                ASSERT_ABS(sm->quantile[q], 20 + 60 * levels[q], 5 * se + 0.01);
            }
        }
    }
    pacta_simulation_destroy(sim);
    pacta_scenario_destroy(s);
}

static void joint_models(void)
{
    /* smp bargains over both issues at once: a replicate runs it once for the two, and with
     * nothing uncertain every replicate gives the point forecast exactly; with jitter the
     * sums are the same on 1 and 2 threads. */
    const char *t = "format_version: 1\ntitle: J\n"
                    "issues: [{id: a, name: A, low: l, high: h}, {id: b, name: B, low: l, high: h}]\n"
                    "actors:\n"
                    "  - {id: x, name: X, capability: 3, positions: {a: {position: 10, salience: 60}, "
                    "b: {position: 80, salience: 30}}}\n"
                    "  - {id: y, name: Y, capability: 2, positions: {a: {position: 70, salience: 40}, "
                    "b: {position: 20, salience: 50}}}\n"
                    "  - {id: z, name: Z, capability: 2, positions: {a: {position: 40, salience: 50}, "
                    "b: {position: 50, salience: 50}}}\n";
    pacta_scenario_t *s = NULL;
    ASSERT_INT_EQ(pacta_scenario_parse(&s, t, strlen(t), "j.yaml", "yaml", NULL, NULL), PACTA_OK);
    if (s == NULL)
        return;
    static const char *const smp[] = {"smp"};
    pacta_forecast_options_t fo;
    pacta_forecast_options_default(&fo);
    fo.models = smp;
    fo.n_models = 1;
    pacta_forecast_t *f = NULL;
    ASSERT_INT_EQ(pacta_forecast_run(&f, s, &fo, NULL), PACTA_OK);
    pacta_simulate_options_t o;
    options_for(&o, 2);
    o.runs = 40;
    o.n_jitter = 0;
    o.evaluate = false;
    o.forecast = fo;
    pacta_simulation_t *sim = NULL;
    ASSERT_INT_EQ(pacta_simulation_create(&sim, s, &o, NULL), PACTA_OK);
    if (f != NULL && sim != NULL && pacta_simulation_run(sim) == PACTA_OK &&
        pacta_simulation_finish(sim) == PACTA_OK) {
        ASSERT_INT_EQ(f->issues[0].entries[0].n_joint_issues, 2);
        for (size_t i = 0; i < 2; i++) {
            ASSERT_INT_EQ(sim->forecasts[i].summary.n, 40);
            ASSERT_ABS(sim->forecasts[i].summary.min, f->issues[i].entries[0].result.forecast, 0);
            ASSERT_ABS(sim->forecasts[i].summary.max, f->issues[i].entries[0].result.forecast, 0);
        }
    }
    pacta_simulation_destroy(sim);
    pacta_forecast_destroy(f);
    /* With jitter: the same bytes on 1 and 2 threads. */
    o.jitter = jitter;
    o.n_jitter = 2;
    void *one = NULL, *two = NULL;
    o.threads = 1;
    size_t n1 = run_to_bytes(s, &o, &one, NULL);
    o.threads = 2;
    size_t n2 = run_to_bytes(s, &o, &two, NULL);
    ASSERT_TRUE(n1 > 0 && n1 == n2 && memcmp(one, two, n1) == 0);
    free(one);
    free(two);
    pacta_scenario_destroy(s);
}

static void summaries_and_stop(void)
{
    pacta_scenario_t *s = load_ukraine();
    if (s == NULL)
        return;
    pacta_simulate_options_t o;
    options_for(&o, 2);
    o.n_jitter = 0; /* no uncertainty: every replicate is the point forecast */
    pacta_simulation_t *sim = NULL;
    ASSERT_INT_EQ(pacta_simulation_create(&sim, s, &o, NULL), PACTA_OK);
    ASSERT_INT_EQ(pacta_simulation_run(sim), PACTA_OK);
    ASSERT_INT_EQ(pacta_simulation_finish(sim), PACTA_OK);
    ASSERT_TRUE(!sim->partial);
    pacta_forecast_options_t fo;
    pacta_forecast_options_default(&fo);
    fo.models = baseline_models;
    fo.n_models = 3;
    pacta_forecast_t *f = NULL;
    pacta_forecast_run(&f, s, &fo, NULL);
    for (size_t i = 0; i < sim->n_forecasts; i++) {
        const pacta_sim_summary_t *sm = &sim->forecasts[i].summary;
        double point = f->issues[i / 3].entries[i % 3].result.forecast;
        ASSERT_INT_EQ(sm->n, 700);
        ASSERT_ABS(sm->mean, point, 1e-12); /* fixed point, 2^-64 */
        ASSERT_ABS(sm->sd, 0, 1e-6);
        /* Quantiles stay within [min, max]: a constant output gives the point exactly
         * (the bin alone would place it only to 0.01). */
        ASSERT_ABS(sm->quantile[0], point, 0);
        ASSERT_ABS(sm->quantile[2], point, 0);
        ASSERT_ABS(sm->quantile[4], point, 0);
    }
    pacta_forecast_destroy(f);
    pacta_simulation_destroy(sim);

    /* A stop before the start: nothing runs and the result says so. */
    options_for(&o, 2);
    ASSERT_INT_EQ(pacta_simulation_create(&sim, s, &o, NULL), PACTA_OK);
    pacta_simulation_stop(sim);
    ASSERT_INT_EQ(pacta_simulation_run(sim), PACTA_OK);
    pacta_simulation_finish(sim);
    ASSERT_TRUE(sim->partial && sim->done == 0);
    pacta_simulation_destroy(sim);
    pacta_scenario_destroy(s);
}

static void jitter_syntax(void)
{
    pacta_jitter_t j[8];
    char error[128];
    ASSERT_INT_EQ(pacta_jitter_parse("position=5,salience=10,capability=10%", j, 8, error,
                                     sizeof error),
                  3);
    ASSERT_TRUE(j[2].relative);
    ASSERT_ABS(j[2].sd, 0.1, TOL_EXACT);
    ASSERT_INT_EQ(pacta_jitter_parse("colour=5", j, 8, error, sizeof error), -1);
    ASSERT_STR_CONTAINS(error, "unknown field 'colour'");
    ASSERT_INT_EQ(pacta_jitter_parse("position=-1", j, 8, error, sizeof error), -1);
    ASSERT_INT_EQ(pacta_jitter_parse("position", j, 8, error, sizeof error), -1);
}

int main(void)
{
    RUN_TEST(philox_known_answers);
    RUN_TEST(quantiles_closed_form);
    RUN_TEST(sample_moments);
    RUN_TEST(accumulator_is_exact);
    RUN_TEST(same_on_any_thread_count);
    RUN_TEST(parts_merge_to_the_whole);
    RUN_TEST(stored_blocks_replay);
    RUN_TEST(summary_of_a_known_distribution);
    RUN_TEST(joint_models);
    RUN_TEST(summaries_and_stop);
    RUN_TEST(jitter_syntax);
    return test_finish("sim");
}
