/* The exchange model (docs/models.md X1-X7) on cases small enough to trade by hand: two
 * actors on two issues, a third actor that separates the two shift limits, the options that
 * switch the trade off or scale it, and inputs where nothing can be traded. Every expected
 * value is worked out in the comment beside it. */
#include "test.h"

#include <pacta/pacta.h>

/* Run the exchange model with the settings "key=value" (NULL-terminated) on n actors x k
 * issues (actor-major arrays); forecasts into out[k]. */
static void run(size_t n, size_t k, const double *x, const double *s, const double *c,
                const char *const *settings, double *out)
{
    pacta_settings_t *set = NULL;
    ASSERT_INT_EQ(pacta_settings_create(&set), PACTA_OK);
    for (size_t i = 0; settings && settings[i]; i++)
        ASSERT_INT_EQ(pacta_settings_parse(set, settings[i]), PACTA_OK);
    pacta_model_config_t *cfg = NULL;
    ASSERT_INT_EQ(
        pacta_model_config_create(&cfg, pacta_model_find("exchange"), NULL, set, false, NULL),
        PACTA_OK);
    pacta_settings_destroy(set);
    pacta_model_result_t r[4];
    for (size_t d = 0; d < k; d++)
        pacta_model_result_init(&r[d]);
    pacta_joint_data_t data = {n, k, x, s, c, NULL};
    ASSERT_INT_EQ(pacta_model_run_joint(cfg, &data, r, NULL), PACTA_OK);
    for (size_t d = 0; d < k; d++) {
        ASSERT_TRUE(r[d].defined);
        out[d] = r[d].forecast;
        pacta_model_result_destroy(&r[d]);
    }
    pacta_model_config_destroy(cfg);
}

/* Two actors, two issues p and q, capabilities 1 (positions; saliences):
 *   A: p 100 (60), q   0 (30)        B: p 0 (20), q 100 (60)
 * X1: O_p = 60*100/80 = 75, O_q = 60*100/90 = 200/3. Opposite sides on both. Salience
 * ratios s_p/s_q: A 2, B 1/3, so A demands p (B shifts there toward 100) and supplies q.
 * X3: rate = (60 + 20)/(30 + 60) = 8/9, dO_q = 8/9 dO_p.
 * X4: B may move to 100 on p: dO_p <= 100 * 20/80 = 25 (= 100 - O_p, the outcome limit);
 *     A may move to 100 on q: dO_q <= 100 * 30/90 = 100/3 (= 100 - O_q).
 * X5: dO_p = min(25, (100/3)/(8/9) = 37.5) = 25, dO_q = 200/9; gains
 *     A: 60*25 - 30*200/9 = 2500/3, B: 60*200/9 - 20*25 = 2500/3 (equal).
 * X7: forecasts O_p = 100, O_q = 200/3 + 200/9 = 800/9. */
static const double x2[4] = {100, 0, 0, 100}, s2[4] = {60, 30, 20, 60}, c2[2] = {1, 1};

static void two_actors_two_issues(void)
{
    double f[2];
    run(2, 2, x2, s2, c2, NULL, f);
    ASSERT_ABS(f[0], 100.0, 1e-12);
    ASSERT_ABS(f[1], 800.0 / 9.0, 1e-12);
    /* Ranking once gives the same single trade. */
    const char *const once[] = {"sequence=once", NULL};
    run(2, 2, x2, s2, c2, once, f);
    ASSERT_ABS(f[0], 100.0, 1e-12);
    ASSERT_ABS(f[1], 800.0 / 9.0, 1e-12);
}

static void realised_share(void)
{
    /* realise = 0: no shift, the compromise model (75 and 200/3); 0.5: half of each shift,
     * 75 + 12.5 = 87.5 and 200/3 + 100/9 = 700/9. */
    double f[2];
    const char *const none[] = {"realise=0", NULL};
    run(2, 2, x2, s2, c2, none, f);
    ASSERT_ABS(f[0], 75.0, 1e-12);
    ASSERT_ABS(f[1], 200.0 / 3.0, 1e-12);
    const char *const half[] = {"realise=0.5", NULL};
    run(2, 2, x2, s2, c2, half, f);
    ASSERT_ABS(f[0], 87.5, 1e-12);
    ASSERT_ABS(f[1], 700.0 / 9.0, 1e-12);
}

/* A third actor C on p only (position 50, salience 20; salience 0 on q: no part), and A at
 * 80 on p:
 *   X1: O_p = (60*80 + 20*0 + 20*50)/100 = 58, O_q = 200/3 as before; rate 8/9.
 *   X4 on p (B moves toward 80): position limit 80 * 20/100 = 16; outcome limit 80 - 58 = 22;
 *       scale limit (B to 100) 100 * 20/100 = 20.  On q: 100/3 for every limit.
 *   limit=both:    dO_p = min(16, 37.5) = 16: O_p = 74, O_q = 200/3 + 128/9 = 728/9;
 *   limit=outcome: dO_p = min(22, 20) = 20:   O_p = 78, O_q = 200/3 + 160/9 = 760/9;
 *   limit=position is limit=both here (16 binds). */
static void shift_limits(void)
{
    const double x[6] = {80, 0, 0, 100, 50, 0}, s[6] = {60, 30, 20, 60, 20, 0};
    const double c[3] = {1, 1, 1};
    double f[2];
    run(3, 2, x, s, c, NULL, f);
    ASSERT_ABS(f[0], 74.0, 1e-12);
    ASSERT_ABS(f[1], 728.0 / 9.0, 1e-12);
    const char *const outcome[] = {"limit=outcome", NULL};
    run(3, 2, x, s, c, outcome, f);
    ASSERT_ABS(f[0], 78.0, 1e-12);
    ASSERT_ABS(f[1], 760.0 / 9.0, 1e-12);
    const char *const position[] = {"limit=position", NULL};
    run(3, 2, x, s, c, position, f);
    ASSERT_ABS(f[0], 74.0, 1e-12);
    ASSERT_ABS(f[1], 728.0 / 9.0, 1e-12);
}

static void nothing_to_trade(void)
{
    /* Equal salience ratios (A 50/50, B 30/30): neither gains (X5), so the compromise:
     * O_p = 50*100/80 = 62.5, O_q = 30*100/80 = 37.5. */
    const double x[4] = {100, 0, 0, 100}, s[4] = {50, 50, 30, 30}, c[2] = {1, 1};
    double f[2];
    run(2, 2, x, s, c, NULL, f);
    ASSERT_ABS(f[0], 62.5, 1e-12);
    ASSERT_ABS(f[1], 37.5, 1e-12);
    /* One issue: nothing to trade against; the compromise 60*100/80 = 75. */
    const double x1[2] = {100, 0}, s1[2] = {60, 20};
    run(2, 1, x1, s1, c2, NULL, f);
    ASSERT_ABS(f[0], 75.0, 1e-12);
    /* max_exchanges=1 on the two-actor case is the full single trade (one is all there is). */
    const char *const one[] = {"max_exchanges=1", NULL};
    run(2, 2, x2, s2, c2, one, f);
    ASSERT_ABS(f[0], 100.0, 1e-12);
}

int main(void)
{
    RUN_TEST(two_actors_two_issues);
    RUN_TEST(realised_share);
    RUN_TEST(shift_limits);
    RUN_TEST(nothing_to_trade);
    return test_finish("exchange");
}
