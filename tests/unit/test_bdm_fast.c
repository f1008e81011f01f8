/* The fast vote sums of the expected-utility model against the naive ones (the oracle):
 * win probabilities, Condorcet margins, scholz-code denominators and security values from
 * the kernels directly, and every round's positions, risk exponents, moves, medians, means
 * and forecasts from whole runs with kernel=fast and kernel=naive, on random instances of
 * 2 to 200 actors and on degenerate ones (voters at the midpoint, co-located actors, all
 * actors at one position, zero weights).
 *
 * Instances come from SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014: state += 0x9e3779b97f4a7c15, then the two xor-shift-multiply
 * steps below), seeded per instance as noted; a double in [0, 1) is the top 53 bits times
 * 2^-53. The numbers are ours, so every run sees the same instances.
 *
 * Tolerance. The two kernels add the same terms in different orders (and the fast one
 * partly in double-double), so they differ by rounding. TOL = 1e-12 is relative to the
 * quantity where nothing cancels: positions, destinations, medians, means, forecasts, and
 * the scholz-code denominator (against the same terms summed with compensation, since the
 * naive sum of n^3 terms is itself only good to about n^3 eps). A win probability, a margin
 * or a security value is a sum of terms of both signs; no summation order can promise it to
 * better than eps times the summed magnitudes of its terms (Higham, Accuracy and Stability
 * of Numerical Algorithms, 2nd ed., section 4.2), so those are compared relative to that
 * magnitude, computed here term by term. An expected utility of a chosen move (read from
 * the rounds) is a difference of utilities in [-2, 2] and is compared relative to
 * max(|EU|, 1). A risk exponent is compared relative to itself times the round's
 * clustering factor (see clustering()), which is 1 until the actors draw close together.
 * Moves (actor, kind, counterpart) must be identical. Each check's worst ratio is printed
 * so the margin to TOL is visible. */
#include "test.h"

#include <stdint.h>

#include "models/bdm_formulas.h"
#include "models/bdm_kernel.h"

#include <pacta/pacta.h>

#define TOL 1e-12

static uint64_t rng_state;

static uint64_t splitmix64(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double uniform(double lo, double hi)
{
    return lo + (hi - lo) * ((double)(splitmix64() >> 11) * 0x1.0p-53);
}

/* Worst |fast - naive| / scale seen per kind of check, printed at the end. */
enum { W_PROB, W_DENOM, W_MARGIN, W_SECURITY, W_POSITION, W_RISK, W_SUMMARY, W_EU, W_COUNT };
static const char *const worst_name[W_COUNT] = {
    "probability", "denominator", "margin", "security", "position", "risk", "median/mean",
    "move EU"};
static double worst[W_COUNT];

/* |fast - naive| <= TOL * scale, recording the ratio. */
#define CHECK_SCALED(kind, fast, naive, scale)                                                 \
    do {                                                                                       \
        double f_ = (fast), n_ = (naive), s_ = (scale);                                       \
        double r_ = f_ == n_ ? 0.0 : fabs(f_ - n_) / s_;                                       \
        if (r_ > worst[kind])                                                                  \
            worst[kind] = r_;                                                                  \
        ASSERT_ABS(f_, n_, TOL * s_);                                                          \
    } while (0)

/* One instance: positions, saliences (0-100), capabilities, risk exponents. */
typedef struct instance {
    size_t n;
    double x[200], s[200], c[200], r[200];
} instance_t;

/* Generic positions and weights. */
static void random_instance(instance_t *in, size_t n, uint64_t seed)
{
    rng_state = seed;
    in->n = n;
    for (size_t i = 0; i < n; i++) {
        in->x[i] = uniform(0, 100);
        in->s[i] = uniform(5, 100);
        in->c[i] = uniform(0.1, 10);
        in->r[i] = uniform(0.5, 2);
    }
}

/* Positions on a lattice of step 2.5, so many voters sit on some pair's midpoint and many
 * actors share a position. With round weights (small integers, some zero) every sum is
 * nearly exact; with generic weights the expected utilities stay generic, so no offer sits
 * on a knife edge (see runs_degenerate). */
static void lattice_instance(instance_t *in, size_t n, uint64_t seed, bool round_weights)
{
    rng_state = seed;
    in->n = n;
    for (size_t i = 0; i < n; i++) {
        in->x[i] = 2.5 * floor(uniform(0, 17));
        in->s[i] = round_weights ? 10 * floor(uniform(0, 11)) : uniform(5, 100);
        in->c[i] = round_weights ? floor(uniform(0, 6)) : uniform(0.1, 10);
        in->r[i] = 0.5 + 0.25 * floor(uniform(0, 7));
    }
}

/* ---- kernel level ---------------------------------------------------------------------- */

typedef struct kernels {
    bdm_kernel_t fast, naive;
    void *scratch;
    double w[200], cs[200];
    double range;
} kernels_t;

/* Both kernels on an instance: rule, the voters' exponents r (NULL: all 1) and range R. */
static void kernels_open(kernels_t *k, const instance_t *in, bdm_vote_rule rule, const double *r,
                         double range)
{
    size_t n = in->n;
    size_t bytes = pacta_bdm_kernel_workspace_bytes(BDM_KERNEL_FAST, rule, n);
    k->scratch = malloc(bytes);
    pacta_bdm_kernel_init(&k->fast, BDM_KERNEL_FAST, rule, n, k->scratch);
    pacta_bdm_kernel_init(&k->naive, BDM_KERNEL_NAIVE, rule, n, NULL);
    ASSERT_INT_EQ(pacta_bdm_kernel_workspace_bytes(BDM_KERNEL_NAIVE, rule, n), 0);
    for (size_t i = 0; i < n; i++) {
        k->w[i] = in->c[i] * in->s[i];
        k->cs[i] = in->c[i] * (in->s[i] / 100.0);
    }
    static double ones[200];
    for (size_t i = 0; i < n; i++)
        ones[i] = 1.0;
    k->range = range;
    pacta_bdm_kernel_set_positions(&k->fast, in->x, k->w);
    pacta_bdm_kernel_set_positions(&k->naive, in->x, k->w);
    pacta_bdm_kernel_set_risk(&k->fast, k->cs, r ? r : ones, range);
    pacta_bdm_kernel_set_risk(&k->naive, k->cs, r ? r : ones, range);
}

static void kernels_close(kernels_t *k)
{
    free(k->scratch);
}

/* The magnitude behind P(a beats b): the votes' summed magnitudes over the voters that
 * favour a, plus P times the magnitudes behind the denominator, all over the denominator.
 * Linear votes: w (|y - x_b| - |y - x_a|) has magnitude w (|y - x_b| + |y - x_a|). */
static double probability_scale(const kernels_t *k, const instance_t *in, bdm_vote_rule rule,
                                const double *r, size_t a, size_t b, double p)
{
    double favour_mag = 0.0, all_mag = 0.0, total = 0.0;
    for (size_t v = 0; v < in->n; v++) {
        double da = fabs(in->x[v] - in->x[a]), db = fabs(in->x[v] - in->x[b]);
        double vote, mag;
        if (rule == BDM_VOTES_SCHOLZ_CODE) {
            double rv = r ? r[v] : 1.0;
            double pa = pow(da / k->range, rv), pb = pow(db / k->range, rv);
            vote = k->cs[v] * (pb - pa);
            mag = k->cs[v] * (pb + pa);
        } else {
            vote = k->w[v] * (db - da);
            mag = k->w[v] * (db + da);
        }
        all_mag += mag;
        total += fabs(vote);
        if (vote > 0 || rule == BDM_VOTES_NET)
            favour_mag += mag;
    }
    if (rule == BDM_VOTES_SCHOLZ_CODE)
        return k->naive.denominator > 0 ? favour_mag / k->naive.denominator + p : 1.0;
    return total > 0 ? (favour_mag + p * all_mag) / total : 1.0;
}

/* The scholz-code denominator, sum over voters v and ordered pairs (a, b) of
 * |c_v s_v (D_vb - D_va)| with D_va = (|x_v - x_a| / R)^r_v, summed with Neumaier's
 * compensation. */
static double reference_denominator(const kernels_t *k, const instance_t *in, const double *r)
{
    size_t n = in->n;
    static double d[200];
    double sum = 0.0, carry = 0.0;
    for (size_t v = 0; v < n; v++) {
        for (size_t a = 0; a < n; a++)
            d[a] = pow(fabs(in->x[v] - in->x[a]) / k->range, r ? r[v] : 1.0);
        for (size_t a = 0; a < n; a++) {
            for (size_t b = 0; b < n; b++) {
                double term = fabs(k->cs[v] * (d[b] - d[a]));
                double t = sum + term;
                carry += fabs(sum) >= term ? (sum - t) + term : (term - t) + sum;
                sum = t;
            }
        }
    }
    return sum + carry;
}

/* Every ordered pair's probabilities and margins, the denominator, and the security values
 * (S32 with r = 1, Q = 1, the target's salience resisting) from both kernels. */
static void compare_kernels(const instance_t *in, bdm_vote_rule rule, const double *r,
                            double range)
{
    kernels_t k;
    kernels_open(&k, in, rule, r, range);
    size_t n = in->n;
    /* The naive denominator adds n^3 non-negative terms one by one, so it is itself only
     * good to about n^3 eps (Higham, section 4.2; 8.7e-13 relative at 200 actors here). The
     * fast one is checked against the same terms summed with compensation (Neumaier 1974),
     * to TOL, the naive one against that within its own bound, and the naive probabilities
     * are put over the compensated denominator before they serve as the oracle. */
    double denominator_fix = 1.0;
    if (rule == BDM_VOTES_SCHOLZ_CODE && range > 0) {
        double ref = reference_denominator(&k, in, r);
        CHECK_SCALED(W_DENOM, k.fast.denominator, ref, ref);
        double cubed = (double)n * (double)n * (double)n;
        ASSERT_ABS(k.naive.denominator, ref, cubed * DBL_EPSILON * ref);
        if (ref > 0)
            denominator_fix = k.naive.denominator / ref;
    }
    double sec_fast[200] = {0}, sec_naive[200] = {0}, sec_scale[200] = {0};
    for (size_t a = 0; a < n; a++) {
        for (size_t b = 0; b < n; b++) {
            if (a == b)
                continue;
            double f_ab, f_ba, n_ab, n_ba;
            pacta_bdm_kernel_probabilities(&k.fast, a, b, &f_ab, &f_ba);
            pacta_bdm_kernel_probabilities(&k.naive, a, b, &n_ab, &n_ba);
            n_ab *= denominator_fix;
            n_ba *= denominator_fix;
            double scale_ab = probability_scale(&k, in, rule, r, a, b, n_ab);
            CHECK_SCALED(W_PROB, f_ab, n_ab, scale_ab);
            CHECK_SCALED(W_PROB, f_ba, n_ba, probability_scale(&k, in, rule, r, b, a, n_ba));
            if (in->x[a] == in->x[b]) {
                /* Co-located actors: no contest (docs/models.md S31). */
                ASSERT_ABS(f_ab, 0.0, 0.0);
                ASSERT_ABS(n_ab, 0.0, 0.0);
            }
            double margin_mag = 0.0;
            for (size_t v = 0; v < n; v++)
                margin_mag +=
                    k.w[v] * (fabs(in->x[v] - in->x[b]) + fabs(in->x[v] - in->x[a]));
            CHECK_SCALED(W_MARGIN, pacta_bdm_kernel_margin(&k.fast, a, b),
                         pacta_bdm_kernel_margin(&k.naive, a, b), margin_mag);
            /* a's challenge against b adds E^a(U_ab) to b's security. At r = 1 the utilities
             * are U_s = 2 d, U_f = -2 d, U_sq = 0 (d = |x_a - x_b| / R), so with sigma the
             * target's salience E = sigma (P U_s + (1 - P) U_f) + (1 - sigma) U_s. */
            if (in->x[a] == in->x[b] || !(range > 0))
                continue;
            double d = fabs(in->x[a] - in->x[b]);
            double us = bdm_u_success(d, range, 1.0), uf = bdm_u_failure(d, range, 1.0);
            double sigma = in->s[b] / 100.0;
            sec_fast[b] += bdm_expected_utility(sigma, f_ab, us, uf, 0.0, 1.0, 0.0);
            sec_naive[b] += bdm_expected_utility(sigma, n_ab, us, uf, 0.0, 1.0, 0.0);
            sec_scale[b] +=
                sigma * (n_ab * fabs(us) + (1 - n_ab) * fabs(uf) + scale_ab * fabs(us - uf)) +
                (1 - sigma) * fabs(us);
        }
    }
    for (size_t i = 0; i < n; i++)
        CHECK_SCALED(W_SECURITY, sec_fast[i], sec_naive[i], sec_scale[i] > 0 ? sec_scale[i] : 1);
    kernels_close(&k);
}

static double spread(const instance_t *in)
{
    double lo = in->x[0], hi = in->x[0];
    for (size_t i = 1; i < in->n; i++) {
        lo = fmin(lo, in->x[i]);
        hi = fmax(hi, in->x[i]);
    }
    return hi - lo;
}

/* Each rule, and scholz-code with unequal exponents (the table) and with all r = 1 (the
 * linear sums). */
static void compare_all_rules(const instance_t *in)
{
    double range = spread(in);
    compare_kernels(in, BDM_VOTES_PAPER, NULL, range);
    compare_kernels(in, BDM_VOTES_NET, NULL, range);
    if (range > 0) {
        compare_kernels(in, BDM_VOTES_SCHOLZ_CODE, in->r, range);
        compare_kernels(in, BDM_VOTES_SCHOLZ_CODE, NULL, range);
    }
}

static const size_t sizes[] = {2, 3, 4, 5, 8, 13, 21, 50, 100, 200};
enum { N_SIZES = sizeof sizes / sizeof sizes[0] };

static void kernels_random(void)
{
    /* Seeds 0x5eed0000 + 16 * size index + repetition. */
    instance_t in;
    for (size_t z = 0; z < N_SIZES; z++) {
        int reps = sizes[z] <= 21 ? 4 : 1;
        for (int rep = 0; rep < reps; rep++) {
            random_instance(&in, sizes[z], 0x5eed0000u + 16 * z + (uint64_t)rep);
            compare_all_rules(&in);
        }
    }
}

static void kernels_lattice(void)
{
    /* Seeds 0x1a77ce00 + size index: voters on midpoints, shared positions, zero weights. */
    instance_t in;
    for (size_t z = 0; z < N_SIZES; z++) {
        lattice_instance(&in, sizes[z], 0x1a77ce00u + z, true);
        compare_all_rules(&in);
    }
}

static void kernels_degenerate(void)
{
    instance_t in;
    /* Voters exactly at a pair's ends and midpoint: 10 and 30 with voters at 20 (v = 0),
     * at 10 and 30 themselves, and beyond; each position held twice. */
    static const double xs[] = {10, 30, 20, 20, 0, 40, 10, 30};
    in.n = 8;
    for (size_t i = 0; i < in.n; i++) {
        in.x[i] = xs[i];
        in.s[i] = 10.0 * (double)(i + 1);
        in.c[i] = 1.0 + (double)(i % 3);
        in.r[i] = 0.5 + 0.2 * (double)i;
    }
    compare_all_rules(&in);
    /* S31 by hand for P(10 beats 30), paper: the voters at 0 and 10 (actors 4, 0, 6) vote
     * 20 w each for 10, the two at 20 (actors 2, 3) vote 0, those at 30 and 40 (actors 1,
     * 7, 5) vote 20 w each for 30. With w = c s = 10, 40, 90, 40, 100, 180, 70, 160 for
     * actors 0-7: P = (10 + 100 + 70) / (10 + 100 + 70 + 40 + 180 + 160) = 180 / 560. */
    kernels_t k;
    kernels_open(&k, &in, BDM_VOTES_PAPER, NULL, 40);
    double p_ab, p_ba;
    pacta_bdm_kernel_probabilities(&k.fast, 0, 1, &p_ab, &p_ba);
    ASSERT_REL(p_ab, 180.0 / 560.0, TOL_EXACT);
    ASSERT_REL(p_ba, 380.0 / 560.0, TOL_EXACT);
    /* Margin of 10 over 30: 20 * (180 - 380). */
    ASSERT_REL(pacta_bdm_kernel_margin(&k.fast, 0, 1), 20.0 * (180 - 380), TOL_EXACT);
    /* Co-located: 0 both ways. */
    pacta_bdm_kernel_probabilities(&k.fast, 0, 6, &p_ab, &p_ba);
    ASSERT_ABS(p_ab, 0.0, 0.0);
    ASSERT_ABS(p_ba, 0.0, 0.0);
    ASSERT_ABS(pacta_bdm_kernel_margin(&k.fast, 0, 6), 0.0, 0.0);
    kernels_close(&k);

    /* Only voters at the midpoint carry weight: every vote is 0, total 0, so P = 0. */
    static const double mid_x[] = {0, 100, 50, 50};
    in.n = 4;
    for (size_t i = 0; i < 4; i++) {
        in.x[i] = mid_x[i];
        in.s[i] = 50;
        in.c[i] = i < 2 ? 0.0 : 1.0;
        in.r[i] = 1.5;
    }
    compare_all_rules(&in);
    kernels_open(&k, &in, BDM_VOTES_PAPER, NULL, 100);
    pacta_bdm_kernel_probabilities(&k.fast, 0, 1, &p_ab, &p_ba);
    ASSERT_ABS(p_ab, 0.0, 0.0);
    ASSERT_ABS(p_ba, 0.0, 0.0);
    kernels_close(&k);

    /* Everyone at one position: every pair co-located; R = 0 must not matter. */
    in.n = 5;
    for (size_t i = 0; i < 5; i++) {
        in.x[i] = 42;
        in.s[i] = 20 + 10 * (double)i;
        in.c[i] = 1;
        in.r[i] = 1;
    }
    compare_kernels(&in, BDM_VOTES_PAPER, NULL, 0.0);
    compare_kernels(&in, BDM_VOTES_SCHOLZ_CODE, in.r, 0.0);

    /* One actor, and two. */
    random_instance(&in, 1, 7);
    compare_kernels(&in, BDM_VOTES_PAPER, NULL, 0.0);
    random_instance(&in, 2, 8);
    compare_all_rules(&in);
}

/* ---- whole runs -------------------------------------------------------------------------- */

/* Run bdm with a profile, kernel and settings; NULL on failure. */
static bool run_bdm(const char *profile, const char *kernel, const char *const *settings,
                    const instance_t *in, bool with_risk, pacta_model_result_t *r)
{
    pacta_settings_t *set = NULL;
    pacta_settings_create(&set);
    char k[32];
    snprintf(k, sizeof k, "kernel=%s", kernel);
    pacta_settings_parse(set, k);
    for (size_t i = 0; settings && settings[i]; i++)
        pacta_settings_parse(set, settings[i]);
    pacta_model_config_t *cfg = NULL;
    pacta_status st =
        pacta_model_config_create(&cfg, pacta_model_find("bdm"), profile, set, false, NULL);
    pacta_settings_destroy(set);
    pacta_model_result_init(r);
    if (st != PACTA_OK)
        return false;
    pacta_issue_data_t data = {in->n, in->x, in->s, in->c, with_risk ? in->r : NULL, false, 0};
    st = pacta_model_run(cfg, &data, r, NULL);
    pacta_model_config_destroy(cfg);
    return st == PACTA_OK;
}

/* max(1, max |x| / (max x - min x)): how many digits every distance loses to the positions'
 * common part. The model pulls actors together, and once they sit within a small fraction
 * of their distance from 0 of each other, distances, utilities and securities are
 * differences of nearly equal numbers in any summation order, the naive one included; a
 * risk exponent (S33-S34 divide by the spread of the securities) then carries that factor.
 * Positions, medians and means stay relative to TOL: they are moved by weights, not made of
 * differences. */
static double clustering(const double *x, size_t n)
{
    double lo = x[0], hi = x[0], big = fabs(x[0]);
    for (size_t i = 1; i < n; i++) {
        lo = fmin(lo, x[i]);
        hi = fmax(hi, x[i]);
        big = fmax(big, fabs(x[i]));
    }
    return hi > lo && big > hi - lo ? big / (hi - lo) : 1.0;
}

/* A fast and a naive run agree: same rounds, stop, moves (actor, kind, counterpart), and
 * positions, risk exponents, medians, means, destinations, EUs and forecast within TOL. */
static void compare_runs(const char *profile, const char *const *settings, const instance_t *in,
                         bool with_risk)
{
    pacta_model_result_t f, nv;
    bool ok_f = run_bdm(profile, "fast", settings, in, with_risk, &f);
    bool ok_n = run_bdm(profile, "naive", settings, in, with_risk, &nv);
    ASSERT_TRUE(ok_f && ok_n);
    if (ok_f && ok_n) {
        ASSERT_INT_EQ(f.n_rounds, nv.n_rounds);
        ASSERT_INT_EQ(f.stop, nv.stop);
        ASSERT_INT_EQ(f.defined, nv.defined);
        for (size_t t = 0; t < f.n_rounds && t < nv.n_rounds; t++) {
            const pacta_round_t *a = &f.rounds[t], *b = &nv.rounds[t];
            double kappa = t > 0 ? clustering(nv.rounds[t - 1].position, in->n) : 1.0;
            for (size_t i = 0; i < in->n; i++) {
                CHECK_SCALED(W_POSITION, a->position[i], b->position[i], fabs(b->position[i]));
                if (t > 0)
                    CHECK_SCALED(W_RISK, a->risk[i], b->risk[i], kappa * fabs(b->risk[i]));
            }
            CHECK_SCALED(W_SUMMARY, a->median, b->median, fabs(b->median));
            CHECK_SCALED(W_SUMMARY, a->mean, b->mean, fabs(b->mean));
            ASSERT_INT_EQ(a->n_moves, b->n_moves);
            for (size_t m = 0; m < a->n_moves && m < b->n_moves; m++) {
                const pacta_move_t *ma = &a->moves[m], *mb = &b->moves[m];
                ASSERT_INT_EQ(ma->actor, mb->actor);
                ASSERT_INT_EQ(ma->kind, mb->kind);
                ASSERT_INT_EQ(ma->counterpart, mb->counterpart);
                CHECK_SCALED(W_POSITION, ma->to, mb->to, fabs(mb->to));
                CHECK_SCALED(W_EU, ma->eu_actor, mb->eu_actor, fmax(fabs(mb->eu_actor), 1.0));
                CHECK_SCALED(W_EU, ma->eu_counterpart, mb->eu_counterpart,
                             fmax(fabs(mb->eu_counterpart), 1.0));
            }
        }
        CHECK_SCALED(W_SUMMARY, f.forecast, nv.forecast, fabs(nv.forecast));
    }
    pacta_model_result_destroy(&f);
    pacta_model_result_destroy(&nv);
}

/* The option sets a run is compared under: both profiles, and the options that change
 * which sums are taken (net votes, the Condorcet median, fixed or neutral exponents) or
 * what they are taken over (the range R, the stopping rule). */
static const char *const option_sets[][4] = {
    {NULL},
    {"probability=net", NULL},
    {"median=condorcet", NULL},
    {"risk=neutral", NULL},
    {"risk=given", NULL},
    {"q=0.5", "resist_salience=printed", NULL},
    {"range=current", "selection=max-eu", NULL},
    {"range=scale", "stop=converged", "tolerance=0.001"},
};
enum { N_OPTION_SETS = sizeof option_sets / sizeof option_sets[0] };

static void runs_random(void)
{
    /* Seeds 0x0b5e0000 + 16 * size index + repetition; 10 rounds each. Naive scholz-code
     * costs O(n^3) pow calls per round, so 200 actors run 3 rounds there. */
    instance_t in;
    static const char *const three[] = {"rounds=3", NULL};
    for (size_t z = 0; z < N_SIZES; z++) {
        int reps = sizes[z] <= 21 ? 3 : 1;
        for (int rep = 0; rep < reps; rep++) {
            random_instance(&in, sizes[z], 0x0b5e0000u + 16 * z + (uint64_t)rep);
            compare_runs("paper", NULL, &in, false);
            compare_runs("scholz-code", sizes[z] > 100 ? three : NULL, &in, false);
            if (sizes[z] > 50)
                continue;
            for (size_t o = 1; o < N_OPTION_SETS; o++) {
                compare_runs("paper", option_sets[o], &in, true);
                compare_runs("scholz-code", option_sets[o], &in, true);
            }
        }
    }
}

static void runs_degenerate(void)
{
    instance_t in;
    /* Lattice positions (voters on midpoints, shared positions) with generic weights. */
    for (size_t z = 0; z < 8; z++) {
        lattice_instance(&in, sizes[z], 0x1a77ce80u + z, false);
        for (size_t o = 0; o < N_OPTION_SETS; o++) {
            compare_runs("paper", option_sets[o], &in, true);
            compare_runs("scholz-code", option_sets[o], &in, true);
        }
    }
    /* All actors at one position: nobody moves, r = 1. */
    in.n = 6;
    for (size_t i = 0; i < in.n; i++) {
        in.x[i] = 55;
        in.s[i] = 10 + 15 * (double)i;
        in.c[i] = 1 + (double)i;
        in.r[i] = 1;
    }
    for (size_t o = 0; o < N_OPTION_SETS; o++) {
        compare_runs("paper", option_sets[o], &in, true);
        compare_runs("scholz-code", option_sets[o], &in, true);
    }
    /* Co-located pairs among distinct positions, and the emission case of Scholz et al.
     * (2011) Table 1 (positions 4, 7, 10: 7 is the midpoint of 4 and 10). */
    static const double em_x[10] = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};
    static const double em_c[10] = {0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08};
    static const double em_s[10] = {80, 40, 20, 80, 60, 60, 90, 10, 100, 70};
    in.n = 10;
    for (size_t i = 0; i < 10; i++) {
        in.x[i] = em_x[i];
        in.c[i] = em_c[i];
        in.s[i] = em_s[i];
        in.r[i] = 1;
    }
    for (size_t o = 0; o < N_OPTION_SETS; o++) {
        compare_runs("paper", option_sets[o], &in, true);
        compare_runs("scholz-code", option_sets[o], &in, true);
    }
}

static void kernel_option(void)
{
    /* kernel is an ordinary choice option: fast (the default) or naive, nothing else. */
    pacta_settings_t *set = NULL;
    pacta_settings_create(&set);
    pacta_settings_parse(set, "kernel=quick");
    pacta_model_config_t *cfg = NULL;
    ASSERT_TRUE(pacta_model_config_create(&cfg, pacta_model_find("bdm"), NULL, set, false,
                                          NULL) != PACTA_OK);
    pacta_model_config_destroy(cfg);
    pacta_settings_destroy(set);
    const pacta_model_t *bdm = pacta_model_find("bdm");
    size_t n_options = 0;
    const pacta_option_spec_t *spec = pacta_model_options(bdm, &n_options);
    bool found = false;
    for (size_t i = 0; i < n_options; i++)
        if (strcmp(spec[i].key, "kernel") == 0) {
            found = true;
            ASSERT_STR_EQ(spec[i].default_value, "fast");
        }
    ASSERT_TRUE(found);
    /* The workspace path (no allocation) gives the run's forecast exactly. */
    instance_t in;
    random_instance(&in, 60, 99);
    pacta_model_config_t *c = NULL;
    ASSERT_INT_EQ(pacta_model_config_create(&c, bdm, "scholz-code", NULL, false, NULL),
                  PACTA_OK);
    const pacta_model_config_t *configs[1] = {c};
    pacta_workspace_t *ws = NULL;
    ASSERT_INT_EQ(pacta_workspace_create(&ws, configs, 1, 100), PACTA_OK);
    pacta_issue_data_t data = {in.n, in.x, in.s, in.c, NULL, false, 0};
    double forecast = NAN;
    bool defined = false;
    ASSERT_INT_EQ(pacta_model_forecast(c, &data, ws, &forecast, &defined), PACTA_OK);
    pacta_model_result_t r;
    pacta_model_result_init(&r);
    ASSERT_INT_EQ(pacta_model_run(c, &data, &r, NULL), PACTA_OK);
    ASSERT_TRUE(defined);
    ASSERT_ABS(forecast, r.forecast, 0.0);
    pacta_model_result_destroy(&r);
    pacta_workspace_destroy(ws);
    pacta_model_config_destroy(c);
}

int main(void)
{
    RUN_TEST(kernels_random);
    RUN_TEST(kernels_lattice);
    RUN_TEST(kernels_degenerate);
    RUN_TEST(runs_random);
    RUN_TEST(runs_degenerate);
    RUN_TEST(kernel_option);
    for (int i = 0; i < W_COUNT; i++)
        printf("worst |fast - oracle| / scale, %s: %.3g (tolerance %.0e)\n", worst_name[i],
               worst[i], TOL);
    return test_finish("bdm_fast");
}
