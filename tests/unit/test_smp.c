/* KTAB's Spatial Model of Politics: every formula (K1-K16 of docs/models.md) against a hand
 * computation shown beside it, then properties of whole runs: thread-count invariance,
 * reproducible stochastic draws, the stopping rule, ideal adjustment, degenerate inputs and
 * every option. The reference histories of KTAB itself are checked in test_reference.c. */
#include "test.h"

#include "models/smp_formulas.h"
#include "models/smp_internal.h"

#include <pacta/pacta.h>

/* ---- formulas ------------------------------------------------------------------------------ */

static void distance_and_utility(void)
{
    /* K1, two dimensions: ideal y = (0.30, 0.20), position x = (0.45, 0.65), saliences
     * s = (0.24, 0.48):
     *   s_k (y_k - x_k) = (-0.036, -0.216), squares sum to 0.001296 + 0.046656 = 0.047952,
     *   sum s_k^2 = 0.0576 + 0.2304 = 0.288, d = sqrt(0.047952 / 0.288) = sqrt(0.1665). */
    const double y[2] = {0.30, 0.20}, x[2] = {0.45, 0.65}, s[2] = {0.24, 0.48};
    ASSERT_ABS(smp_distance(2, y, x, s), sqrt(0.1665), 4 * TOL_EXACT);
    /* One dimension: d = |y - x| whatever the salience. */
    const double y1 = 0.8, x1 = 0.3, s1 = 0.7;
    ASSERT_ABS(smp_distance(1, &y1, &x1, &s1), 0.5, TOL_EXACT);
    /* No salience anywhere: indifferent, d = 0 (pacta's definition; KTAB asserts). */
    const double zero[2] = {0, 0};
    ASSERT_ABS(smp_distance(2, y, x, zero), 0.0, 0.0);
    /* K2: u(0.4, 0.5) = (1 - 0.4)(1 + 0.4 * 0.5) = 0.6 * 1.2 = 0.72; beyond d = 1 the
     * second branch: u(1.2, -0.5) = (1 - 1.2)(1 - 0.5) = -0.1; u(0, R) = 1 for any R. */
    ASSERT_ABS(smp_utility(0.4, 0.5), 0.72, TOL_EXACT);
    ASSERT_ABS(smp_utility(1.2, -0.5), -0.1, 4 * TOL_EXACT);
    ASSERT_ABS(smp_utility(0.0, 1.0), 1.0, 0.0);
    ASSERT_ABS(smp_utility(1.0, 1.0), 0.0, 0.0);
}

static void votes(void)
{
    /* K3 with weight w = 2 and utility difference du = 0.1:
     *   Prop       w du                       = 0.2
     *   Binary     w clip(du / 1e-8, -1, 1)   = 2
     *   PropBin    w (0.8 du + 0.2 binary)    = 2 (0.08 + 0.2)    = 0.56
     *   PropCbc    w (0.5 du + 0.5 du^3)      = 2 (0.05 + 0.0005) = 0.101
     *   Cubic      w du^3                     = 0.002
     *   ASymProsp  2/3 w du for du > 0        = 0.4/3;  w du for du < 0 = -0.2 */
    ASSERT_ABS(smp_vote(SMP_VR_PROP, 2, 0.6, 0.5), 0.2, 8 * TOL_EXACT);
    ASSERT_ABS(smp_vote(SMP_VR_BINARY, 2, 0.6, 0.5), 2.0, 0.0);
    ASSERT_ABS(smp_vote(SMP_VR_PROPBIN, 2, 0.6, 0.5), 0.56, 8 * TOL_EXACT);
    ASSERT_ABS(smp_vote(SMP_VR_PROPCBC, 2, 0.6, 0.5), 0.101, 8 * TOL_EXACT);
    ASSERT_ABS(smp_vote(SMP_VR_CUBIC, 2, 0.6, 0.5), 0.002, 8 * TOL_EXACT);
    ASSERT_ABS(smp_vote(SMP_VR_ASYMPROSP, 2, 0.6, 0.5), 0.4 / 3, 8 * TOL_EXACT);
    ASSERT_ABS(smp_vote(SMP_VR_ASYMPROSP, 2, 0.5, 0.6), -0.2, 8 * TOL_EXACT);
    /* Binary inside the 1e-8 band is linear: du = 5e-9 gives w * 0.5. */
    ASSERT_ABS(smp_vote(SMP_VR_BINARY, 2, 0.5 + 5e-9, 0.5), 1.0, 1e-7);
    /* A weight of 0 casts no vote (KTAB would refuse the weight). */
    ASSERT_ABS(smp_vote(SMP_VR_PROP, 0, 1, 0), 0.0, 0.0);
}

static void victory(void)
{
    /* K5 with strengths 3 : 1: Linear 3/4, Square 9/10, Quartic 81/82, Octic 6561/6562. */
    double p1, p2;
    smp_victory(SMP_VPM_LINEAR, 3, 1, &p1, &p2);
    ASSERT_ABS(p1, 0.75, TOL_EXACT);
    ASSERT_ABS(p2, 0.25, TOL_EXACT);
    smp_victory(SMP_VPM_SQUARE, 3, 1, &p1, &p2);
    ASSERT_ABS(p1, 0.9, TOL_EXACT);
    smp_victory(SMP_VPM_QUARTIC, 3, 1, &p1, &p2);
    ASSERT_ABS(p1, 81.0 / 82.0, TOL_EXACT);
    smp_victory(SMP_VPM_OCTIC, 3, 1, &p1, &p2);
    ASSERT_ABS(p1, 6561.0 / 6562.0, TOL_EXACT);
    /* Binary: a 10% advantage wins (x = 1 against 1e-6), inside the band linear in the
     * share r = c1/(c1+c2): p = (2.1 r - 1)/0.1; for 1.05 : 1, r = 1.05/2.05 and
     * p = (2.205/2.05 - 1)/0.1 = 1.55/2.05 = 31/41. */
    smp_victory(SMP_VPM_BINARY, 1.2, 1, &p1, &p2);
    ASSERT_ABS(p1, 1.0 / (1.0 + 1e-6), TOL_EXACT);
    smp_victory(SMP_VPM_BINARY, 1.05, 1, &p1, &p2);
    ASSERT_ABS(p1, 31.0 / 41.0, 1e-14);
    ASSERT_ABS(p1 + p2, 1.0, TOL_EXACT);
}

static void risk(void)
{
    /* K7 with probabilities 0.5 (largest), 0.3 and 0.2 (smallest):
     *   Mid  (3p - (pMax + 2 pMin)) / (2 (pMax - pMin)): 1, 0, -1/2  (denominator 0.6)
     *   Min  (p - pMin)/(pMax - pMin):                    1, 1/3, 0
     *   Max  (2p - (pMax + pMin))/(pMax - pMin):          1, -1/3, -1 */
    ASSERT_ABS(smp_risk_from_probability(SMP_RRANGE_MID, 0.5, 0.2, 0.5), 1.0, 4 * TOL_EXACT);
    ASSERT_ABS(smp_risk_from_probability(SMP_RRANGE_MID, 0.3, 0.2, 0.5), 0.0, 4 * TOL_EXACT);
    ASSERT_ABS(smp_risk_from_probability(SMP_RRANGE_MID, 0.2, 0.2, 0.5), -0.5, 4 * TOL_EXACT);
    ASSERT_ABS(smp_risk_from_probability(SMP_RRANGE_MIN, 0.3, 0.2, 0.5), 1.0 / 3, 4 * TOL_EXACT);
    ASSERT_ABS(smp_risk_from_probability(SMP_RRANGE_MAX, 0.3, 0.2, 0.5), -1.0 / 3, 4 * TOL_EXACT);
    ASSERT_ABS(smp_risk_from_probability(SMP_RRANGE_MAX, 0.2, 0.2, 0.5), -1.0, 4 * TOL_EXACT);
    /* K8, h's estimate of i's risk attitude with R_h = 1, R_i = -0.5:
     *   None R_h = 1; OneThird (2 - 0.5)/3 = 0.5; Half 0.25; TwoThirds (1 - 1)/3 = 0;
     *   Full R_i = -0.5. */
    ASSERT_ABS(smp_estimated_risk(SMP_RADJ_NONE, 1, -0.5), 1.0, 0.0);
    ASSERT_ABS(smp_estimated_risk(SMP_RADJ_ONE_THIRD, 1, -0.5), 0.5, TOL_EXACT);
    ASSERT_ABS(smp_estimated_risk(SMP_RADJ_HALF, 1, -0.5), 0.25, TOL_EXACT);
    ASSERT_ABS(smp_estimated_risk(SMP_RADJ_TWO_THIRDS, 1, -0.5), 0.0, TOL_EXACT);
    ASSERT_ABS(smp_estimated_risk(SMP_RADJ_FULL, 1, -0.5), -0.5, 0.0);
}

static void challenge(void)
{
    /* K9b: third party with weight 2 prefers i (u_ni = 0.9 > u_nj = 0.5), so its vote
     * 2 * 0.4 = 0.8 joins i's side: (0.3 + 0.8) / (0.3 + 0.8 + 0.5) = 1.1 / 1.6 = 0.6875. */
    ASSERT_ABS(smp_little_probability(SMP_VR_PROP, 2, 0.9, 0.5, 0.3, 0.5), 0.6875, TOL_EXACT);
    /* K9c, SemiCommit with p_in = 0.6, u_ni = 0.9, u_nj = 0.5, u_nn = 1:
     *   u(i and n beat j) = 0.6 (2 * 0.9 + 1) + 0.4 (3 * 0.5)   = 1.68 + 0.60 = 2.28
     *   u(i beats j and n) = 0.6 (3 * 0.9) + 0.4 (2 * 0.5 + 1)   = 1.62 + 0.80 = 2.42
     *   vote = 2 (2.28 - 2.42) = -0.28.
     * FullCommit and NoCommit value both states alike, so the vote is 0 (as in KTAB's
     * Actor::thirdPartyVoteSU). */
    ASSERT_ABS(smp_third_party_vote(SMP_VR_PROP, SMP_TPC_SEMI_COMMIT, 2, 0.6, 0.9, 0.5, 1.0),
               -0.28, 1e-14);
    ASSERT_ABS(smp_third_party_vote(SMP_VR_PROP, SMP_TPC_FULL_COMMIT, 2, 0.6, 0.9, 0.5, 1.0),
               0.0, 0.0);
    ASSERT_ABS(smp_third_party_vote(SMP_VR_PROP, SMP_TPC_NO_COMMIT, 2, 0.6, 0.9, 0.5, 1.0), 0.0,
               0.0);
    /* K10 with u_ki = 1, u_kj = 0.6, P(i wins) = 0.7, s_j = 0.5:
     *   status quo 1 + 0.6 = 1.6; victory 2; defeat 1.2; contest 0.7 * 2 + 0.3 * 1.2 = 1.76;
     *   challenge 0.5 * 2 + 0.5 * 1.76 = 1.88; gain 1.88 - 1.6 = 0.28. */
    ASSERT_ABS(smp_challenge_gain(1.0, 0.6, 0.7, 0.3, 0.5), 0.28, 1e-14);
}

static void bargains(void)
{
    /* K12 round4: 0.123456 -> 1234.56 + 0.5 truncated -> 1235 -> 0.1235. */
    ASSERT_ABS(smp_round4(0.123456), 0.1235, 0.0);
    ASSERT_ABS(smp_round4(0.0), 0.0, 0.0);
    ASSERT_ABS(smp_round4(1.0), 1.0, 0.0);
    /* S2P2 with i at 0.3 (salience 0.5, P 0.8) and j at 0.7 (salience 0.4, P 0.2):
     *   w_i = 0.25 * 0.64 = 0.16, w_j = 0.16 * 0.04 = 0.0064;
     *   b_i = ((0.16 + 1e-6) 0.3 + 0.0064 * 0.7) / 0.166401 = 0.3153845...  -> 0.3154
     *   b_j = (0.16 * 0.3 + (1e-6 + 0.0064) 0.7) / 0.166401 = 0.3153869...  -> 0.3154 */
    double bi, bj;
    smp_bargain_snpm(2, 2, 0.3, 0.5, 0.8, 0.7, 0.4, 0.2, &bi, &bj);
    ASSERT_ABS(bi, 0.3154, 0.0);
    ASSERT_ABS(bj, 0.3154, 0.0);
    /* S1P1: w_i = 0.5 * 0.8 = 0.4, w_j = 0.4 * 0.2 = 0.08; b = (0.4 * 0.3 + 0.08 * 0.7)/0.48
     * = 0.176/0.48 = 0.366667 -> 0.3667 (the 1e-6 terms move it by 1e-6 only). */
    smp_bargain_snpm(1, 1, 0.3, 0.5, 0.8, 0.7, 0.4, 0.2, &bi, &bj);
    ASSERT_ABS(bi, 0.3667, 0.0);
    ASSERT_ABS(bj, 0.3667, 0.0);
    /* S2PMax: i is ahead (0.8 > 0.2) so it stays; j moves by
     *   d_j = 0.6 * 0.25 / (0.6 * 0.25 + 1e-6 + 0.4 * 0.16) = 0.15 / 0.214001,
     *   b_j = 0.7 + d_j (0.3 - 0.7). Not rounded. */
    smp_bargain_s2pmax(0.3, 0.5, 0.8, 0.7, 0.4, 0.2, &bi, &bj);
    ASSERT_ABS(bi, 0.3, 0.0);
    ASSERT_ABS(bj, 0.7 - 0.4 * 0.15 / 0.214001, 1e-15);
}

static void elections(void)
{
    /* K4-K6: two voters with weights 1 and 2 and three options; utilities
     *   voter 0: 1.0, 0.5, 0.0     voter 1: 0.2, 0.6, 1.0.
     * Votes (Prop) for 1 over 0: -0.5 and +0.8, so c(1,0) = 0.8, c(0,1) = 0.5 (each plus
     * 1e-8); 2 over 0: -1 and +1.6; 2 over 1: -0.5 and +0.8. Linear victory probabilities
     * P(1>0) = 8/13, P(2>0) = 1.6/2.6 = 8/13, P(2>1) = 8/13. Conditional PCE:
     * p_i is proportional to prod_j P(i>j) (with P(i>i) = 1/2):
     *   p0 ~ (5/13)(5/13), p1 ~ (8/13)(5/13), p2 ~ (8/13)(8/13): 25/129, 40/129, 64/129.
     * The 1e-8 floors move these by about 1e-8. */
    const double w[2] = {1, 2};
    const double ut[6] = {1.0, 0.2, 0.5, 0.6, 0.0, 1.0}; /* option-major */
    double c[9], vp[9], p[3], work[27];
    pacta_smp_coalitions(2, 3, w, ut, SMP_VR_PROP, c, 0, 3);
    ASSERT_ABS(c[1 * 3 + 0], 0.8 + 1e-8, 1e-15);
    ASSERT_ABS(c[0 * 3 + 1], 0.5 + 1e-8, 1e-15);
    ASSERT_ABS(c[2 * 3 + 0], 1.6 + 1e-8, 1e-15);
    ASSERT_ABS(c[0 * 3 + 2], 1.0 + 1e-8, 1e-15);
    ASSERT_ABS(c[1 * 3 + 1], 1e-8, 0.0);
    ASSERT_INT_EQ(pacta_smp_pce(SMP_VPM_LINEAR, SMP_PCE_CONDITIONAL, 3, c, vp, p, work), PACTA_OK);
    ASSERT_ABS(vp[1 * 3 + 0], 8.0 / 13, 1e-7);
    ASSERT_ABS(vp[0 * 3 + 0], 0.5, 0.0);
    ASSERT_ABS(p[0], 25.0 / 129, 1e-7);
    ASSERT_ABS(p[1], 40.0 / 129, 1e-7);
    ASSERT_ABS(p[2], 64.0 / 129, 1e-7);
    /* Computing coalitions row by row (as threads do) gives the same matrix. */
    double c2[9];
    pacta_smp_coalitions(2, 3, w, ut, SMP_VR_PROP, c2, 0, 1);
    pacta_smp_coalitions(2, 3, w, ut, SMP_VR_PROP, c2, 1, 3);
    for (int i = 0; i < 9; i++)
        ASSERT_ABS(c2[i], c[i], 0.0);

    /* Markov uniform with two options and P(0>1) = 3/4: the fixed point of
     * p0 = [P(0>0)(2 p0) + P(0>1)(p0 + p1)]/2 = (p0 + 3/4)/2 is p0 = 3/4; the iteration
     * stops when a step changes p by less than 1e-6. */
    const double c3[4] = {1e-8, 3, 1, 1e-8};
    double vp3[4], p3[2], work3[12];
    ASSERT_INT_EQ(pacta_smp_pce(SMP_VPM_LINEAR, SMP_PCE_MARKOV_UNIFORM, 2, c3, vp3, p3, work3),
                  PACTA_OK);
    ASSERT_ABS(p3[0], 0.75, 4e-6);
    /* Markov with incentives, same two options: a challenge against j comes from i in
     * proportion to c_ij P(i>j): against 1, option 0 brings 3 * 3/4 = 2.25 and 1 itself
     * 1e-8 * 1/2 + 1e-10; against 0, option 1 brings 1 * 1/4. The chain's stationary
     * distribution leans to 0: p0 = P(0>1) when every challenge comes from the rival
     * (a fraction 1 - 2e-9 of them), so 3/4 again within 1e-8. */
    ASSERT_INT_EQ(pacta_smp_pce(SMP_VPM_LINEAR, SMP_PCE_MARKOV_INCENTIVE, 2, c3, vp3, p3, work3),
                  PACTA_OK);
    ASSERT_ABS(p3[0] + p3[1], 1.0, 1e-12);
    ASSERT_ABS(p3[0], 0.75, 1e-7);
}

static void random_streams(void)
{
    /* The draw of (seed, turn, actor) is a pure function of its arguments. */
    ASSERT_ABS(pacta_smp_uniform(7, 3, 11), pacta_smp_uniform(7, 3, 11), 0.0);
    ASSERT_TRUE(pacta_smp_uniform(7, 3, 11) != pacta_smp_uniform(7, 3, 12));
    ASSERT_TRUE(pacta_smp_uniform(7, 3, 11) != pacta_smp_uniform(7, 4, 11));
    ASSERT_TRUE(pacta_smp_uniform(7, 3, 11) != pacta_smp_uniform(8, 3, 11));
    /* Uniform on [0, 1): 20000 draws have mean 1/2 within 5 standard errors
     * (sd of U(0,1) is 1/sqrt(12)) and no draw outside [0, 1). */
    const int n = 20000;
    double sum = 0.0;
    bool inside = true;
    for (int i = 0; i < n; i++) {
        double u = pacta_smp_uniform(20240101, (uint64_t)i / 100, (uint64_t)i % 100);
        inside = inside && u >= 0.0 && u < 1.0;
        sum += u;
    }
    ASSERT_TRUE(inside);
    ASSERT_ABS(sum / n, 0.5, 5 * (1 / sqrt(12.0)) / sqrt((double)n));
    /* Sampling: the first index whose cumulative probability exceeds u. */
    const double p[3] = {0.2, 0.5, 0.3};
    ASSERT_INT_EQ(pacta_smp_sample(3, p, 0.1), 0);
    ASSERT_INT_EQ(pacta_smp_sample(3, p, 0.2), 1);
    ASSERT_INT_EQ(pacta_smp_sample(3, p, 0.69), 1);
    ASSERT_INT_EQ(pacta_smp_sample(3, p, 0.7), 2);
    ASSERT_INT_EQ(pacta_smp_sample(3, p, 0.9999999), 2);
}

/* ---- whole runs ---------------------------------------------------------------------------- */

typedef struct scenario {
    size_t n, k;
    double x[160 * 3], s[160 * 3], c[160];
} scenario_t;

/* A fixed pseudo-random scenario (a 64-bit LCG, Knuth's MMIX constants): positions 0-100,
 * saliences summing to 40-100 per actor, capabilities 10-200. */
static void make_scenario(scenario_t *sc, size_t n, size_t k, uint64_t seed)
{
    uint64_t st = seed;
#define NEXT() (st = st * 6364136223846793005u + 1442695040888963407u, (double)(st >> 11) * 0x1.0p-53)
    sc->n = n;
    sc->k = k;
    for (size_t i = 0; i < n; i++) {
        sc->c[i] = 10 + 190 * NEXT();
        double total = 0.0, raw[3];
        for (size_t d = 0; d < k; d++) {
            sc->x[i * k + d] = 100 * NEXT();
            raw[d] = 0.1 + NEXT();
            total += raw[d];
        }
        double sum = 40 + 60 * NEXT();
        for (size_t d = 0; d < k; d++)
            sc->s[i * k + d] = sum * raw[d] / total;
    }
#undef NEXT
}

static pacta_status run_smp(const scenario_t *sc, const double *adjust,
                            const char *const *settings, pacta_model_result_t *r)
{
    pacta_settings_t *set = NULL;
    pacta_settings_create(&set);
    for (size_t i = 0; settings && settings[i]; i++)
        pacta_settings_parse(set, settings[i]);
    pacta_model_config_t *cfg = NULL;
    pacta_status st =
        pacta_model_config_create(&cfg, pacta_model_find("smp"), NULL, set, false, NULL);
    pacta_settings_destroy(set);
    if (st != PACTA_OK)
        return st;
    for (size_t d = 0; d < sc->k; d++)
        pacta_model_result_init(&r[d]);
    pacta_joint_data_t data = {sc->n, sc->k, sc->x, sc->s, sc->c, adjust};
    st = pacta_model_run_joint(cfg, &data, r, NULL);
    pacta_model_config_destroy(cfg);
    return st;
}

static void free_results(pacta_model_result_t *r, size_t k)
{
    for (size_t d = 0; d < k; d++)
        pacta_model_result_destroy(&r[d]);
}

/* Whether two runs recorded the same history, bit for bit. */
static bool same_history(const pacta_model_result_t *a, const pacta_model_result_t *b, size_t k,
                         size_t n)
{
    for (size_t d = 0; d < k; d++) {
        if (a[d].n_rounds != b[d].n_rounds)
            return false;
        for (size_t t = 0; t < a[d].n_rounds; t++)
            for (size_t i = 0; i < n; i++)
                if (a[d].rounds[t].position[i] != b[d].rounds[t].position[i] ||
                    a[d].rounds[t].ideal[i] != b[d].rounds[t].ideal[i])
                    return false;
    }
    return true;
}

static void thread_count_does_not_matter(void)
{
    static scenario_t sc;
    make_scenario(&sc, 150, 2, 11);
    pacta_model_result_t one[2], four[2];
    const char *s1[] = {"threads=1", "rounds=4", NULL}, *s4[] = {"threads=4", "rounds=4", NULL};
    ASSERT_INT_EQ(run_smp(&sc, NULL, s1, one), PACTA_OK);
    ASSERT_INT_EQ(run_smp(&sc, NULL, s4, four), PACTA_OK);
    ASSERT_INT_EQ(one[0].n_rounds, 5);
    ASSERT_TRUE(same_history(one, four, 2, sc.n));
    free_results(one, 2);
    free_results(four, 2);
}

static void stochastic_runs_are_reproducible(void)
{
    /* Big enough (150 actors) that the worker threads really share the rows. */
    static scenario_t sc;
    make_scenario(&sc, 150, 2, 5);
    pacta_model_result_t a[2], b[2], c[2], d[2];
    const char *sa[] = {"StateTransitions=Stochastic", "seed=42", "threads=1", "rounds=3", NULL};
    const char *sb[] = {"StateTransitions=Stochastic", "seed=42", "threads=4", "rounds=3", NULL};
    const char *sc2[] = {"StateTransitions=Stochastic", "seed=43", "rounds=3", NULL};
    const char *sd[] = {"rounds=3", NULL};
    ASSERT_INT_EQ(run_smp(&sc, NULL, sa, a), PACTA_OK);
    ASSERT_INT_EQ(run_smp(&sc, NULL, sb, b), PACTA_OK);
    ASSERT_INT_EQ(run_smp(&sc, NULL, sc2, c), PACTA_OK);
    ASSERT_INT_EQ(run_smp(&sc, NULL, sd, d), PACTA_OK);
    /* Same seed: the same history on any number of threads. */
    ASSERT_TRUE(same_history(a, b, 2, sc.n));
    /* Another seed, or no randomness at all, gives another history (with 150 actors and
     * these fixed seeds the draws differ in the first round). */
    ASSERT_TRUE(!same_history(a, c, 2, sc.n));
    ASSERT_TRUE(!same_history(a, d, 2, sc.n));
    free_results(a, 2);
    free_results(b, 2);
    free_results(c, 2);
    free_results(d, 2);
}

static double state_distance(const pacta_model_result_t *r, size_t k, size_t n, size_t t1,
                             size_t t2)
{
    double total = 0.0;
    for (size_t i = 0; i < n; i++) {
        double s = 0.0;
        for (size_t d = 0; d < k; d++) {
            double diff = (r[d].rounds[t1].position[i] - r[d].rounds[t2].position[i]) / 100.0;
            s += diff * diff;
        }
        total += sqrt(s);
    }
    return total;
}

static void stopping_rule(void)
{
    /* K16 read back from the history: the run stops at the first round t >= 2 whose move is
     * below 2% of the first round's (plus 1e-4). */
    scenario_t sc;
    make_scenario(&sc, 25, 3, 3);
    pacta_model_result_t r[3];
    ASSERT_INT_EQ(run_smp(&sc, NULL, NULL, r), PACTA_OK);
    size_t T = r[0].n_rounds - 1;
    ASSERT_INT_EQ(r[0].stop, PACTA_STOP_CONVERGED);
    double first = state_distance(r, 3, sc.n, 0, 1) + 1e-4;
    for (size_t t = 2; t < T; t++)
        ASSERT_TRUE(state_distance(r, 3, sc.n, t - 1, t) / first >= 0.02);
    ASSERT_TRUE(state_distance(r, 3, sc.n, T - 1, T) / first < 0.02);
    for (size_t d = 0; d < 3; d++)
        ASSERT_INT_EQ(r[d].n_rounds, T + 1);
    free_results(r, 3);
    /* rounds caps the run. */
    const char *cap[] = {"rounds=1", NULL};
    ASSERT_INT_EQ(run_smp(&sc, NULL, cap, r), PACTA_OK);
    ASSERT_INT_EQ(r[0].n_rounds, 2);
    ASSERT_INT_EQ(r[0].stop, PACTA_STOP_ROUNDS);
    free_results(r, 3);
}

static void ideal_adjustment(void)
{
    /* K15 read back from the history: y_i' = sum_j A_ij x_j' + (1 - sum_j A_ij) y_i. */
    scenario_t sc;
    make_scenario(&sc, 6, 2, 9);
    const size_t n = sc.n;
    double A[36] = {0};
    for (size_t i = 0; i < n; i++)
        A[i * n + i] = 1.0;
    A[1 * n + 1] = 0.75; /* actor 1 keeps a quarter of its old ideal ... */
    A[1 * n + 0] = 0.07; /* ... and follows actor 0 a little */
    A[2 * n + 2] = 0.5;
    pacta_model_result_t r[2];
    ASSERT_INT_EQ(run_smp(&sc, A, NULL, r), PACTA_OK);
    ASSERT_TRUE(r[0].n_rounds > 2);
    for (size_t d = 0; d < 2; d++)
        for (size_t t = 1; t < r[d].n_rounds; t++)
            for (size_t i = 0; i < n; i++) {
                double sum = 0.0, y = 0.0;
                for (size_t j = 0; j < n; j++) {
                    sum += A[i * n + j];
                    y += A[i * n + j] * r[d].rounds[t].position[j];
                }
                y += (1.0 - sum) * r[d].rounds[t - 1].ideal[i];
                ASSERT_ABS(r[d].rounds[t].ideal[i], y, 1e-12);
            }
    free_results(r, 2);
    /* Rows summing to more than 1 are refused, and leave the results empty. */
    A[1 * n + 1] = 1.0;
    ASSERT_INT_EQ(run_smp(&sc, A, NULL, r), PACTA_EINVAL);
    ASSERT_INT_EQ(r[0].n_rounds, 0);
}

static void degenerate_inputs(void)
{
    pacta_model_result_t r[2];
    /* Everyone at one position: nothing to bargain over. */
    scenario_t sc = {3, 1, {40, 40, 40}, {50, 60, 70}, {1, 2, 3}};
    ASSERT_INT_EQ(run_smp(&sc, NULL, NULL, r), PACTA_OK);
    ASSERT_INT_EQ(r[0].n_rounds, 1);
    ASSERT_INT_EQ(r[0].stop, PACTA_STOP_UNANIMOUS);
    ASSERT_ABS(r[0].forecast, 40.0, 0.0);
    free_results(r, 1);
    /* Two mirror-image actors: every position equally probable, so K7 is 0/0; pacta takes
     * them as risk neutral and says so. */
    scenario_t mirror = {2, 1, {30, 70}, {50, 50}, {1, 1}};
    ASSERT_INT_EQ(run_smp(&mirror, NULL, NULL, r), PACTA_OK);
    ASSERT_TRUE(r[0].note != NULL && strstr(r[0].note, "risk neutral") != NULL);
    ASSERT_TRUE(r[0].defined && isfinite(r[0].forecast));
    free_results(r, 1);
    /* An actor with no salience and one with no capability still take part. */
    scenario_t odd = {4, 2, {10, 20, 80, 60, 50, 50, 30, 90}, {0, 0, 40, 30, 20, 70, 50, 50},
                      {5, 0, 3, 4}};
    ASSERT_INT_EQ(run_smp(&odd, NULL, NULL, r), PACTA_OK);
    for (size_t t = 0; t < r[0].n_rounds; t++)
        for (size_t i = 0; i < 4; i++)
            ASSERT_TRUE(r[0].rounds[t].position[i] >= 0 && r[0].rounds[t].position[i] <= 100);
    free_results(r, 2);
    /* Saliences summing to more than 100 are scaled (with a note), or refused. */
    scenario_t heavy = {3, 2, {10, 20, 80, 60, 50, 50}, {90, 80, 20, 30, 50, 50}, {1, 2, 3}};
    ASSERT_INT_EQ(run_smp(&heavy, NULL, NULL, r), PACTA_OK);
    ASSERT_TRUE(r[0].note != NULL && strstr(r[0].note, "scaled") != NULL);
    free_results(r, 2);
    const char *refuse[] = {"salience_sum=refuse", NULL};
    ASSERT_INT_EQ(run_smp(&heavy, NULL, refuse, r), PACTA_OK);
    ASSERT_TRUE(!r[0].defined && !r[1].defined);
    free_results(r, 2);
}

static void readouts(void)
{
    scenario_t sc;
    make_scenario(&sc, 12, 2, 21);
    pacta_model_result_t r[2];
    const char *mean[] = {"readout=mean", NULL}, *median[] = {"readout=median", NULL};
    ASSERT_INT_EQ(run_smp(&sc, NULL, mean, r), PACTA_OK);
    for (size_t d = 0; d < 2; d++)
        ASSERT_ABS(r[d].forecast, r[d].rounds[r[d].n_rounds - 1].mean, 0.0);
    free_results(r, 2);
    ASSERT_INT_EQ(run_smp(&sc, NULL, median, r), PACTA_OK);
    for (size_t d = 0; d < 2; d++)
        ASSERT_ABS(r[d].forecast, r[d].rounds[r[d].n_rounds - 1].median, 0.0);
    free_results(r, 2);
    /* The most probable final position is some actor's final position, on every
     * dimension at once. */
    ASSERT_INT_EQ(run_smp(&sc, NULL, NULL, r), PACTA_OK);
    const pacta_round_t *l0 = &r[0].rounds[r[0].n_rounds - 1], *l1 = &r[1].rounds[r[1].n_rounds - 1];
    bool found = false;
    for (size_t i = 0; i < sc.n; i++)
        found |= l0->position[i] == r[0].forecast && l1->position[i] == r[1].forecast;
    ASSERT_TRUE(found);
    free_results(r, 2);
}

static void every_option(void)
{
    /* Every choice of every option runs and keeps positions on the scale. */
    static const char *const settings[] = {
        "VictoryProbModel=Square",  "VictoryProbModel=Quartic",   "VictoryProbModel=Octic",
        "VictoryProbModel=Binary",  "PCEModel=MarkovIncentive",   "PCEModel=MarkovUniform",
        "VotingRule=Binary",        "VotingRule=PropBin",         "VotingRule=PropCbc",
        "VotingRule=Cubic",         "VotingRule=ASymProsp",       "BigRAdjust=None",
        "BigRAdjust=Half",          "BigRAdjust=TwoThirds",       "BigRAdjust=Full",
        "BigRRange=Min",            "BigRRange=Max",              "ThirdPartyCommit=NoCommit",
        "ThirdPartyCommit=FullCommit", "InterVecBrgn=S1P1",       "InterVecBrgn=S2PMax",
        "BargnModel=InitRcvrInterp", "BargnModel=PWCompInterp",   "receiver_bargain=corrected",
        "StateTransitions=Stochastic", NULL};
    scenario_t sc;
    make_scenario(&sc, 15, 2, 17);
    for (size_t k = 0; settings[k] != NULL; k++) {
        test_current = settings[k];
        const char *one[] = {settings[k], "rounds=30", NULL};
        const char *two[] = {settings[k], "rounds=30", "BargnModel=PWCompInterp", NULL};
        pacta_model_result_t r[2];
        for (int variant = 0; variant < 2; variant++) {
            ASSERT_INT_EQ(run_smp(&sc, NULL, variant ? two : one, r), PACTA_OK);
            bool ok = r[0].n_rounds >= 2 && r[0].n_rounds == r[1].n_rounds;
            for (size_t d = 0; d < 2 && ok; d++)
                for (size_t t = 0; t < r[d].n_rounds; t++)
                    for (size_t i = 0; i < sc.n; i++)
                        ok = ok && r[d].rounds[t].position[i] >= 0 &&
                             r[d].rounds[t].position[i] <= 100;
            ASSERT_TRUE(ok);
            free_results(r, 2);
        }
    }
    test_current = "every_option";
}

static void bounded_scan_is_exact(void)
{
    /* K11's bounded scan skips targets that cannot win; the full scan evaluates every one,
     * as KTAB does. Both must choose the same targets, hence the same history, whatever
     * the scenario and options (those that change K10's inputs included). */
    static const char *const variants[][3] = {
        {NULL, NULL, NULL},
        {"VotingRule=PropCbc", "PCEModel=MarkovUniform", NULL},
        {"BigRAdjust=Full", "BigRRange=Max", NULL},
        {"ThirdPartyCommit=NoCommit", "VictoryProbModel=Quartic", NULL},
        {"BargnModel=InitRcvrInterp", "InterVecBrgn=S2PMax", NULL},
    };
    static scenario_t sc;
    for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++)
        for (uint64_t seed = 1; seed <= 3; seed++) {
            make_scenario(&sc, 20 + 20 * (size_t)seed, seed == 2 ? 3 : 1, 100 + seed);
            const char *bounded[6] = {"challenge_scan=bounded", "rounds=25"};
            const char *full[6] = {"challenge_scan=full", "rounds=25"};
            for (size_t k = 0; k < 3 && variants[v][k]; k++)
                bounded[2 + k] = full[2 + k] = variants[v][k];
            pacta_model_result_t a[3], b[3];
            ASSERT_INT_EQ(run_smp(&sc, NULL, bounded, a), PACTA_OK);
            ASSERT_INT_EQ(run_smp(&sc, NULL, full, b), PACTA_OK);
            ASSERT_TRUE(a[0].n_rounds > 2);
            ASSERT_TRUE(same_history(a, b, sc.k, sc.n));
            free_results(a, sc.k);
            free_results(b, sc.k);
        }
}

static void one_issue_equals_one_dimension(void)
{
    /* pacta_model_run on one issue is the joint model on one dimension. */
    scenario_t sc;
    make_scenario(&sc, 10, 1, 8);
    pacta_model_result_t joint[1], single;
    ASSERT_INT_EQ(run_smp(&sc, NULL, NULL, joint), PACTA_OK);
    pacta_model_config_t *cfg = NULL;
    ASSERT_INT_EQ(pacta_model_config_create(&cfg, pacta_model_find("smp"), NULL, NULL, false,
                                            NULL),
                  PACTA_OK);
    pacta_issue_data_t data = {sc.n, sc.x, sc.s, sc.c, NULL, false, 0};
    pacta_model_result_init(&single);
    ASSERT_INT_EQ(pacta_model_run(cfg, &data, &single, NULL), PACTA_OK);
    ASSERT_TRUE(same_history(joint, &single, 1, sc.n));
    ASSERT_ABS(single.forecast, joint[0].forecast, 0.0);
    pacta_model_result_destroy(&single);
    free_results(joint, 1);
    /* A per-issue model cannot run jointly. */
    pacta_model_config_t *bdm = NULL;
    pacta_model_config_create(&bdm, pacta_model_find("bdm"), NULL, NULL, false, NULL);
    pacta_joint_data_t jd = {sc.n, 1, sc.x, sc.s, sc.c, NULL};
    ASSERT_INT_EQ(pacta_model_run_joint(bdm, &jd, joint, NULL), PACTA_EINVAL);
    pacta_model_config_destroy(bdm);
    pacta_model_config_destroy(cfg);
}

int main(void)
{
    RUN_TEST(distance_and_utility);
    RUN_TEST(votes);
    RUN_TEST(victory);
    RUN_TEST(risk);
    RUN_TEST(challenge);
    RUN_TEST(bargains);
    RUN_TEST(elections);
    RUN_TEST(random_streams);
    RUN_TEST(thread_count_does_not_matter);
    RUN_TEST(stochastic_runs_are_reproducible);
    RUN_TEST(stopping_rule);
    RUN_TEST(ideal_adjustment);
    RUN_TEST(degenerate_inputs);
    RUN_TEST(readouts);
    RUN_TEST(every_option);
    RUN_TEST(bounded_scan_is_exact);
    RUN_TEST(one_issue_equals_one_dimension);
    return test_finish("smp");
}
