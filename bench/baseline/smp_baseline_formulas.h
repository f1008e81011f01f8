/* A frozen copy of src/models/smp_formulas.h as of commit 5c12a08, before issue 18 made SMP scale to
 * 1000 actors: the baseline bench/smp_speed and the test unit.smp_scale compare against.
 * Only renamed (pacta_model_smp is bench_smp_baseline, pacta_smp_* baseline_smp_*, the
 * headers smp_baseline_*.h); never edit it. */
/* The closed-form pieces of KTAB's Spatial Model of Politics, kept apart from the round
 * logic so that tests can check each against a hand computation. Equation numbers (K1 ...)
 * are those of docs/models.md, section M6; each cites the KTAB function it reproduces
 * (github.com/lsyaseen/KTAB, file:line as in shared/specs/ktab-smp.md).
 *
 * Everything is on KTAB's internal scale: positions and saliences in [0, 1]. The order of
 * floating-point operations follows KTAB's code wherever a result can depend on it, so that
 * KTAB's rounding of bargains to 1e-4 (K12) sees the same numbers. */
#ifndef BASELINE_SMP_FORMULAS_H
#define BASELINE_SMP_FORMULAS_H

#include <math.h>
#include <stddef.h>

/* Option values; the order is KTAB's enum order (kmodel.h, smp.h). */
enum { SMP_VR_BINARY, SMP_VR_PROPBIN, SMP_VR_PROP, SMP_VR_PROPCBC, SMP_VR_CUBIC, SMP_VR_ASYMPROSP };
enum { SMP_VPM_LINEAR, SMP_VPM_SQUARE, SMP_VPM_QUARTIC, SMP_VPM_OCTIC, SMP_VPM_BINARY };
enum { SMP_PCE_CONDITIONAL, SMP_PCE_MARKOV_INCENTIVE, SMP_PCE_MARKOV_UNIFORM };
enum { SMP_RADJ_NONE, SMP_RADJ_ONE_THIRD, SMP_RADJ_HALF, SMP_RADJ_TWO_THIRDS, SMP_RADJ_FULL };
enum { SMP_RRANGE_MIN, SMP_RRANGE_MID, SMP_RRANGE_MAX };
enum { SMP_TPC_NO_COMMIT, SMP_TPC_SEMI_COMMIT, SMP_TPC_FULL_COMMIT };
enum { SMP_IVB_S1P1, SMP_IVB_S2P2, SMP_IVB_S2PMAX };
enum { SMP_BM_INIT_ONLY, SMP_BM_INIT_RCVR, SMP_BM_PW_COMP };

/* K1: salience-weighted distance between actor i's ideal y and a position x on D
 * dimensions, d = sqrt(sum_k (s_k (y_k - x_k))^2 / sum_k s_k^2) (KTAB SMPModel::bvDiff).
 * An actor with no salience on any dimension is indifferent: pacta defines d = 0 there,
 * where KTAB stops with an assertion. */
static inline double smp_distance(size_t D, const double *y, const double *x, const double *s)
{
    double ds_sqr = 0.0, s_sqr = 0.0;
    for (size_t k = 0; k < D; k++) {
        const double ds = (y[k] - x[k]) * s[k];
        ds_sqr = ds_sqr + ds * ds;
        s_sqr = s_sqr + s[k] * s[k];
    }
    if (!(s_sqr > 0.0))
        return 0.0;
    return sqrt(ds_sqr / s_sqr);
}

/* K2: utility of a position at distance d for risk attitude R (KTAB SMPModel::bsUtil):
 * (1 - d)(1 + d R) for d <= 1, (1 - d)(1 + R) beyond. */
static inline double smp_utility(double d, double R)
{
    if (d <= 1.0)
        return (1.0 - d) * (1.0 + d * R);
    return (1.0 - d) * (1.0 + R);
}

/* K3: the vote of a voter with weight w between options valued u1 and u2 (KTAB
 * Model::vote). KTAB refuses w <= 0; pacta lets a weight of 0 cast a vote of 0. */
static inline double smp_binary_response(double du)
{
    double bin = du / 1e-8;
    bin = bin > 1.0 ? 1.0 : bin;
    return bin < -1.0 ? -1.0 : bin;
}

static inline double smp_vote(int rule, double w, double u1, double u2)
{
    const double du = u1 - u2;
    /* Each rule computes only what it needs: this is the innermost operation of a round. */
    const double rbp = 0.2, rpc = 0.5;
    switch (rule) {
    case SMP_VR_PROP:
        return w * du;
    case SMP_VR_BINARY:
        return w * smp_binary_response(du);
    case SMP_VR_PROPBIN:
        return w * ((1 - rbp) * du + rbp * smp_binary_response(du));
    case SMP_VR_PROPCBC:
        return w * ((1 - rpc) * du + rpc * (du * du * du));
    case SMP_VR_CUBIC:
        return w * (du * du * du);
    case SMP_VR_ASYMPROSP:
        if (du < 0.0)
            return w * du;
        if (du > 0.0)
            return (2.0 * w * du) / 3.0;
        return 0.0;
    default:
        return w * du;
    }
}

/* K5: probability that the side with strength c1 beats the side with strength c2 (KTAB
 * Model::vProb(vpm, s1, s2)); *p2 = 1 - *p1 up to rounding. */
static inline void smp_victory(int vpm, double c1, double c2, double *p1, double *p2)
{
    double x1 = c1, x2 = c2;
    switch (vpm) {
    case SMP_VPM_SQUARE:
        x1 = c1 * c1;
        x2 = c2 * c2;
        break;
    case SMP_VPM_QUARTIC:
        x1 = c1 * c1 * c1 * c1;
        x2 = c2 * c2 * c2 * c2;
        break;
    case SMP_VPM_OCTIC: {
        const double q1 = c1 * c1 * c1 * c1, q2 = c2 * c2 * c2 * c2;
        x1 = q1 * q1;
        x2 = q2 * q2;
        break;
    }
    case SMP_VPM_BINARY: {
        /* A 10% advantage wins outright; inside the band the probability is linear in the
         * strength ratio. */
        const double thresh = 1.10, min_x = 1e-6;
        if (c1 >= thresh * c2) {
            x1 = 1.0;
            x2 = min_x;
        } else if (c2 >= thresh * c1) {
            x1 = min_x;
            x2 = 1.0;
        } else {
            const double r12 = c1 / (c1 + c2);
            const double p12 = (r12 * (thresh + 1.0) - 1.0) / (thresh - 1.0);
            x1 = p12;
            x2 = 1 - p12;
        }
        break;
    }
    default:
        break;
    }
    *p1 = x1 / (x1 + x2);
    *p2 = x2 / (x1 + x2);
}

/* K7: risk attitude from the probability p of an actor's position, given the smallest and
 * largest probability (KTAB Model::bigRfromProb). Mid maps [pMin, pMax] to [-1/2, 1]. */
static inline double smp_risk_from_probability(int range, double p, double p_min, double p_max)
{
    switch (range) {
    case SMP_RRANGE_MIN:
        return (p - p_min) / (p_max - p_min);
    case SMP_RRANGE_MAX:
        return (2 * p - (p_max + p_min)) / (p_max - p_min);
    default:
        return (3 * p - (p_max + 2 * p_min)) / (2 * (p_max - p_min));
    }
}

/* K8: h's estimate of i's risk attitude from its own r_h and i's r_i (KTAB Model::estNRA). */
static inline double smp_estimated_risk(int adjust, double r_h, double r_i)
{
    switch (adjust) {
    case SMP_RADJ_NONE:
        return r_h;
    case SMP_RADJ_HALF:
        return (r_h + r_i) / 2;
    case SMP_RADJ_TWO_THIRDS:
        return (r_h + (2.0 * r_i)) / 3.0;
    case SMP_RADJ_FULL:
        return r_i;
    default:
        return ((2.0 * r_h) + r_i) / 3.0;
    }
}

/* The positive and negative parts of a vote. A coalition grows by max(v, 0); adding 0.0
 * leaves a sum exactly as it was, so "c + positive(v)" equals KTAB's "if (v > 0) c += v"
 * bit for bit, without a branch that the sign of v would make unpredictable. */
static inline double smp_positive(double v)
{
    return v > 0 ? v : 0.0;
}

static inline double smp_negative(double v)
{
    return v < 0 ? -v : 0.0;
}

/* K9b: probability that i beats j in the "little conflict" where only the principals
 * (strengths c_ij, c_ji) and third party n (weight w, utilities u_ni, u_nj) take part (KTAB
 * Actor::vProbLittle). */
static inline double smp_little_probability(int rule, double w, double u_ni, double u_nj,
                                            double c_ij, double c_ji)
{
    const double v = smp_vote(rule, w, u_ni, u_nj);
    const double ci = c_ij + smp_positive(v);
    const double cj = c_ji + smp_negative(v);
    return ci / (ci + cj);
}

/* K9c: a third party's vote in the contest of i against j, from the utilities of the states
 * after "i and n beat j" and "i beats j and n" under its commitment model (KTAB
 * Actor::thirdPartyVoteSU). p_in is K9b; u_nn is n's utility of its own position. */
static inline double smp_third_party_vote(int rule, int commit, double w, double p_in,
                                          double u_ni, double u_nj, double u_nn)
{
    const double p_jn = 1.0 - p_in;
    double u_ik_def_j, u_j_def_ik, u_i_def_jk, u_jk_def_i;
    switch (commit) {
    case SMP_TPC_FULL_COMMIT:
        u_ik_def_j = u_ni + u_ni + u_ni;
        u_j_def_ik = u_nj + u_nj + u_nj;
        u_i_def_jk = u_ni + u_ni + u_ni;
        u_jk_def_i = u_nj + u_nj + u_nj;
        break;
    case SMP_TPC_NO_COMMIT:
        u_ik_def_j = u_ni + u_ni + u_nn;
        u_j_def_ik = u_nj + u_nj + u_nn;
        u_i_def_jk = u_ni + u_ni + u_nn;
        u_jk_def_i = u_nj + u_nj + u_nn;
        break;
    default:
        u_ik_def_j = u_ni + u_ni + u_nn;
        u_j_def_ik = u_nj + u_nj + u_nj;
        u_i_def_jk = u_ni + u_ni + u_ni;
        u_jk_def_i = u_nj + u_nj + u_nn;
        break;
    }
    const double u_ik_j = (p_in * u_ik_def_j) + (p_jn * u_j_def_ik);
    const double u_i_jk = (p_in * u_i_def_jk) + (p_jn * u_jk_def_i);
    return smp_vote(rule, w, u_ik_j, u_i_jk);
}

/* K10: expected change in utility for k when i challenges j, as h estimates it, from h's
 * utilities of k for i's and j's positions (u_ki, u_kj), the probability p_ij that i wins
 * (and p_ji that j does), and j's total salience s_j, the probability that j resists (KTAB
 * SMPState::probEduChlg). */
static inline double smp_challenge_gain(double u_ki, double u_kj, double p_ij, double p_ji,
                                        double s_j)
{
    const double eu_sq = u_ki + u_kj;
    const double u_vict = u_ki + u_ki;
    const double u_loss = u_kj + u_kj;
    const double eu_contest = p_ij * u_vict + p_ji * u_loss;
    const double eu_challenge = (1 - s_j) * u_vict + s_j * eu_contest;
    return eu_challenge - eu_sq;
}

/* K12: KTAB rounds bargain coordinates to 1e-4 on the 0-1 scale (interpBrgnSnPm's round4,
 * which truncates 0.5 + 1e4 x toward zero). */
static inline double smp_round4(double x)
{
    const double scale = 10000.0;
    const int y = (int)(0.5 + (x * scale));
    return ((double)y) / scale;
}

/* K12: the bargain on one dimension between i (position t_i, salience s_i, probability p_i)
 * and j, weighting each side by s^n p^m (S1P1: n = m = 1, S2P2: n = m = 2); both are
 * offered (almost) the same point (KTAB SMPActor::interpBrgnSnPm). */
static inline void smp_bargain_snpm(int n, int m, double t_i, double s_i, double p_i, double t_j,
                                    double s_j, double p_j, double *b_i, double *b_j)
{
    const double w_i = pow(s_i, n) * pow(p_i, m);
    const double w_j = pow(s_j, n) * pow(p_j, m);
    const double min_w = 1e-6;
    *b_i = smp_round4(((w_i + min_w) * t_i + w_j * t_j) / (w_i + min_w + w_j));
    *b_j = smp_round4((w_i * t_i + (min_w + w_j) * t_j) / (w_i + min_w + w_j));
}

/* K12 (S2PMax): each side moves toward the other by the other's probability advantage,
 * scaled by squared saliences (KTAB SMPActor::interpBrgnS2PMax). Not rounded. */
static inline void smp_bargain_s2pmax(double t_i, double s_i, double p_i, double t_j, double s_j,
                                      double p_j, double *b_i, double *b_j)
{
    const double di = (p_j > p_i) ? (p_j - p_i) : 0;
    const double dj = (p_i > p_j) ? (p_i - p_j) : 0;
    const double si2 = s_i * s_i, sj2 = s_j * s_j;
    const double min_w = 1e-6;
    const double dik = (di * sj2) / ((di * sj2) + min_w + ((1 - di) * si2));
    const double djk = (dj * si2) / ((dj * si2) + min_w + ((1 - dj) * sj2));
    *b_i = t_i + dik * (t_j - t_i);
    *b_j = t_j + djk * (t_i - t_j);
}

#endif
