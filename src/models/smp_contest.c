/* K9 of the Spatial Model of Politics, the contests of K11's challenge scan (KTAB
 * SMPState::probEduChlg, smpbcn.cpp:335-1040): the probability that an initiator beats each
 * of a batch of targets, from its principals' contributions and every third party's vote in
 * its little conflict, summed in KTAB's order. Split from smp_round.c, which scans the
 * targets (challenge_rows). */
#include <stdbool.h>
#include <stddef.h>

#include "models/smp_formulas.h"
#include "models/smp_internal.h"
#include "models/smp_state.h"

#if defined(__GNUC__)
#define SMP_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define SMP_ALWAYS_INLINE inline
#endif

/* The principals' own contributions to each lane's contest of i against j[l]: c_i0 for i's
 * side, c_j0 for j's, each from KTAB's minCltn (smpbcn.cpp). */
static void principals(const smp_t *m, const smp_workspace_t *w, size_t i, const size_t *j,
                       size_t lanes, double *c_i0, double *c_j0)
{
    const size_t n = m->n;
    const int rule = m->p->rule;
    for (size_t l = 0; l < lanes; l++) {
        const double *d_j = m->dist_t + j[l] * n;
        const double u_ii = w->u_i[i], u_ij = smp_utility(d_j[i], w->r[i]);
        const double u_ji = w->u_i[j[l]], u_jj = w->u_self[j[l]];
        const double contrib_i = smp_vote(rule, m->w_cs[i], u_ii, u_ij);
        const double contrib_j = smp_vote(rule, m->w_cs[j[l]], u_ji, u_jj);
        double cij = 1e-10, cji = 1e-10;
        if (contrib_i > 0.0)
            cij = cij + contrib_i;
        if (contrib_i < 0.0)
            cji = cji - contrib_i;
        if (contrib_j > 0.0)
            cij = cij + contrib_j;
        if (contrib_j < 0.0)
            cji = cji - contrib_j;
        c_i0[l] = cij;
        c_j0[l] = cji;
    }
}

/* K9b-c: the votes of third parties k0 <= k < k1 in each of the SMP_LANES contests, lane by
 * lane (w->votes + l n); those of i and of the lane's target are 0. */
static SMP_ALWAYS_INLINE void votes_lanes(const smp_t *m, const smp_workspace_t *w, size_t i,
                                          const size_t *j, int rule, int tpc, const double *c_i0,
                                          const double *c_j0, size_t k0, size_t k1)
{
    const size_t n = m->n;
    const double *restrict r = w->r, *restrict u_i = w->u_i, *restrict u_self = w->u_self;
    const double *restrict w_cs = m->w_cs;
    for (size_t l = 0; l < SMP_LANES; l++) {
        const double *restrict d_j = m->dist_t + j[l] * n;
        double *restrict votes = w->votes + l * n;
        const double ci0 = c_i0[l], cj0 = c_j0[l];
        for (size_t k = k0; k < k1; k++) {
            const double u_ki = u_i[k], u_kj = smp_utility(d_j[k], r[k]);
            const double p_in = smp_little_probability(rule, w_cs[k], u_ki, u_kj, ci0, cj0);
            votes[k] = smp_third_party_vote(rule, tpc, w_cs[k], p_in, u_ki, u_kj, u_self[k]);
        }
        if (k0 <= i && i < k1)
            votes[i] = 0.0;
        if (k0 <= j[l] && j[l] < k1)
            votes[j[l]] = 0.0;
    }
}

/* Whether no lane of a batch can change the initiator's choice, given its sums over the
 * third parties before k (chij, chji) and pr->psi[k], at least the most the others can add
 * to chij (see challenge_rows). Only lanes with D = U_ii - U_ij >= 0 are judged: their gain
 * D (1 - 2 s_j (1 - P)) grows with P, and P is at most A / (A + B) with A the sum so far
 * plus what is left, B the sum so far. The margins (1e-9 relative on what is left, 1e-9 on
 * the gain) are far above the rounding of any of these sums. */
static bool lanes_hopeless(const smp_prune_t *pr, size_t lanes, size_t k, const double *chij,
                           const double *chji)
{
    for (size_t l = 0; l < lanes; l++) {
        if (!(pr->delta[l] >= 0.0))
            return false;
        const double a = chij[l] + pr->psi[k] * (1.0 + 1e-9);
        const double p_up = a / (a + chji[l]);
        const double gain_up = pr->delta[l] * (1.0 - 2.0 * pr->s[l] * (1.0 - p_up));
        if (!(gain_up + 1e-9 < pr->threshold))
            return false;
    }
    return true;
}

/* K9b-c summed over the third parties k of SMP_LANES contests of i, against targets
 * j[0..SMP_LANES): the O(n) loop run up to n^2 times a round. SMP_CHUNK third parties at a
 * time, each lane's votes are computed element by element (vector code), then all lanes'
 * sums in one pass, each in KTAB's order: the lanes' sums are independent, so the processor
 * overlaps them instead of waiting on one chain of additions. Inlined where it is called,
 * so that with the default rule and commitment passed as constants the compiler drops the
 * switches from the loop. c_i0 and c_j0 are the principals' contributions of each lane.
 * With pr (the default rule and commitment only), stops early and returns false once
 * lanes_hopeless says the batch cannot matter; returns true when the sums are complete. */
_Static_assert(SMP_LANES == 4, "third_parties_lanes and challenge_gain are written for 4 lanes");
enum { SMP_CHUNK = 128 };

static SMP_ALWAYS_INLINE bool third_parties_lanes(const smp_t *m, const smp_workspace_t *w,
                                                  size_t i, const size_t *j, int rule, int tpc,
                                                  const double *c_i0, const double *c_j0,
                                                  double *chij, double *chji, const smp_prune_t *pr)
{
    const size_t n = m->n;
    for (size_t k0 = 0; k0 < n; k0 += SMP_CHUNK) {
        const size_t k1 = n - k0 < SMP_CHUNK ? n : k0 + SMP_CHUNK;
        votes_lanes(m, w, i, j, rule, tpc, c_i0, c_j0, k0, k1);
        const double *restrict v0 = w->votes, *restrict v1 = v0 + n, *restrict v2 = v1 + n,
                               *restrict v3 = v2 + n;
        double a0 = chij[0], a1 = chij[1], a2 = chij[2], a3 = chij[3];
        double b0 = chji[0], b1 = chji[1], b2 = chji[2], b3 = chji[3];
        for (size_t k = k0; k < k1; k++) {
            a0 = a0 + smp_positive(v0[k]);
            b0 = b0 + smp_negative(v0[k]);
            a1 = a1 + smp_positive(v1[k]);
            b1 = b1 + smp_negative(v1[k]);
            a2 = a2 + smp_positive(v2[k]);
            b2 = b2 + smp_negative(v2[k]);
            a3 = a3 + smp_positive(v3[k]);
            b3 = b3 + smp_negative(v3[k]);
        }
        chij[0] = a0, chij[1] = a1, chij[2] = a2, chij[3] = a3;
        chji[0] = b0, chji[1] = b1, chji[2] = b2, chji[3] = b3;
        if (pr != NULL && k1 < n && lanes_hopeless(pr, SMP_LANES, k1, chij, chji))
            return false;
    }
    return true;
}

/* K9: the perspective's probability that i beats j[l] (p_ij[l]) and that j[l] beats i
 * (p_ji[l]), from the principals' own contributions and each third party's vote in its
 * little conflict, for SMP_LANES targets at once. With pr (or NULL), returns false without
 * the probabilities when no lane can change the initiator's choice (third_parties_lanes). */
SMP_VECTOR_CLONES static bool contests(const smp_t *m, const smp_workspace_t *w, size_t i,
                                       const size_t *j, double *p_ij, double *p_ji,
                                       const smp_prune_t *pr)
{
    const int rule = m->p->rule, tpc = m->p->tpc;
    double chij[SMP_LANES], chji[SMP_LANES], c_i0[SMP_LANES], c_j0[SMP_LANES];
    principals(m, w, i, j, SMP_LANES, c_i0, c_j0);
    for (size_t l = 0; l < SMP_LANES; l++) {
        chij[l] = c_i0[l];
        chji[l] = c_j0[l];
    }
    bool complete;
    if (rule == SMP_VR_PROP && tpc == SMP_TPC_SEMI_COMMIT)
        complete = third_parties_lanes(m, w, i, j, SMP_VR_PROP, SMP_TPC_SEMI_COMMIT, c_i0, c_j0,
                                       chij, chji, pr);
    else
        complete = third_parties_lanes(m, w, i, j, rule, tpc, c_i0, c_j0, chij, chji, NULL);
    for (size_t l = 0; l < SMP_LANES; l++) {
        p_ij[l] = chij[l] / (chij[l] + chji[l]);
        p_ji[l] = chji[l] / (chij[l] + chji[l]);
    }
    return complete;
}

/* For the perspective in w (the default rule and commitment), psi[k] >= the most third
 * parties k, k + 1, ... can add to an initiator's side in any of its contests. Third party
 * k's vote is w_k times p (u_kk - u_ki) + (1 - p)(u_kj - u_kk) with p in [0, 1] (K9c,
 * SemiCommit), so at most w_k max(0, u_kk - u_ki, 1 - u_kk): no utility exceeds 1 (K2 at
 * d = 0). 1e-12 covers the rounding of the vote's terms (of order 1e-16 each). */
void pacta_smp_contest_prepare(const smp_t *m, smp_workspace_t *w)
{
    const size_t n = m->n;
    /* The two sums of a SemiCommit vote that do not depend on the target (K9c's u_ik_def_j
     * and u_i_def_jk), in smp_third_party_vote's order, for contests_avx512. */
    for (size_t k = 0; k < n; k++) {
        w->third[k] = w->u_i[k] + w->u_i[k] + w->u_self[k];
        w->third[n + k] = w->u_i[k] + w->u_i[k] + w->u_i[k];
    }
    w->psi[n] = 0.0;
    for (size_t k = n; k-- > 0;) {
        const double u_kk = w->u_self[k], for_i = u_kk - w->u_i[k], for_j = 1.0 - u_kk;
        const double most = for_i > for_j ? for_i : for_j;
        w->psi[k] = w->psi[k + 1] + m->w_cs[k] * ((most > 0.0 ? most : 0.0) + 1e-12);
    }
}

#if SMP_AVX512_KERNELS
#include <immintrin.h>

_Static_assert(SMP_MAX_LANES == 8, "contests_avx512 holds its lanes in one vector");

#define SMP_AVX512 __attribute__((target("avx512f")))
#define SMP_AVX512_INLINE __attribute__((target("avx512f"), always_inline)) inline

/* The 8 x 8 transpose of rows[l][0..8) (one row of distances per lane) into d[k][0..8)
 * (one vector of the lanes' distances per third party): 24 permutations, where gathering
 * them element by element (vgatherqpd, or scalar copies) was slower than the votes. */
static SMP_AVX512_INLINE void transpose8(const __m512d *rows, __m512d *d)
{
    const __m512i lo = _mm512_set_epi64(13, 12, 5, 4, 9, 8, 1, 0);
    const __m512i hi = _mm512_set_epi64(15, 14, 7, 6, 11, 10, 3, 2);
    const __m512i first = _mm512_set_epi64(11, 10, 9, 8, 3, 2, 1, 0);
    const __m512i second = _mm512_set_epi64(15, 14, 13, 12, 7, 6, 5, 4);
    __m512d t[8], s[8];
    for (int p = 0; p < 4; p++) {
        t[2 * p] = _mm512_unpacklo_pd(rows[2 * p], rows[2 * p + 1]);
        t[2 * p + 1] = _mm512_unpackhi_pd(rows[2 * p], rows[2 * p + 1]);
    }
    for (int h = 0; h < 2; h++)
        for (int o = 0; o < 2; o++) {
            s[4 * h + o] = _mm512_permutex2var_pd(t[4 * h + o], lo, t[4 * h + 2 + o]);
            s[4 * h + 2 + o] = _mm512_permutex2var_pd(t[4 * h + o], hi, t[4 * h + 2 + o]);
        }
    for (int q = 0; q < 4; q++) {
        d[q] = _mm512_permutex2var_pd(s[q], first, s[4 + q]);
        d[4 + q] = _mm512_permutex2var_pd(s[q], second, s[4 + q]);
    }
}

/* The constants of one batch and the running sums of its lanes. */
typedef struct batch8 {
    __m512i targets;
    __m512d ci0, cj0, a, b;
} batch8_t;

/* Third party k's vote in every lane from the lanes' distances d to k's ideal, with the
 * operations of smp_utility, smp_little_probability and smp_third_party_vote (Prop,
 * SemiCommit) in their order, added to the lanes' sums unless k is i or the lane's target.
 * max(v, 0) is x86's "v > 0 ? v : 0", smp_positive exactly; c - min(v, 0) is
 * c + smp_negative(v) exactly because c > 0; min(d, 1) is K2's "d <= 1 ? d : 1". */
static SMP_AVX512_INLINE void vote8(const smp_t *m, const smp_workspace_t *w, size_t i, size_t k,
                                    __m512d d, batch8_t *bt)
{
    const size_t n = m->n;
    const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1.0);
    __mmask8 live = _mm512_cmpneq_epi64_mask(bt->targets, _mm512_set1_epi64((long long)k));
    live = k == i ? 0 : live;
    const __m512d d1 = _mm512_min_pd(d, one);
    const __m512d u_kj = _mm512_mul_pd(
        _mm512_sub_pd(one, d), _mm512_add_pd(one, _mm512_mul_pd(d1, _mm512_set1_pd(w->r[k]))));
    const __m512d w_k = _mm512_set1_pd(m->w_cs[k]);
    const __m512d v0 = _mm512_mul_pd(w_k, _mm512_sub_pd(_mm512_set1_pd(w->u_i[k]), u_kj));
    const __m512d ci = _mm512_add_pd(bt->ci0, _mm512_max_pd(v0, zero));
    const __m512d cj = _mm512_sub_pd(bt->cj0, _mm512_min_pd(v0, zero));
    const __m512d p_in = _mm512_div_pd(ci, _mm512_add_pd(ci, cj));
    const __m512d p_jn = _mm512_sub_pd(one, p_in);
    const __m512d twice = _mm512_add_pd(u_kj, u_kj);
    const __m512d def_j3 = _mm512_add_pd(twice, u_kj);
    const __m512d def_j = _mm512_add_pd(twice, _mm512_set1_pd(w->u_self[k]));
    const __m512d u_ik_j = _mm512_add_pd(_mm512_mul_pd(p_in, _mm512_set1_pd(w->third[k])),
                                         _mm512_mul_pd(p_jn, def_j3));
    const __m512d u_i_jk = _mm512_add_pd(_mm512_mul_pd(p_in, _mm512_set1_pd(w->third[n + k])),
                                         _mm512_mul_pd(p_jn, def_j));
    const __m512d vote = _mm512_mul_pd(w_k, _mm512_sub_pd(u_ik_j, u_i_jk));
    bt->a = _mm512_mask_add_pd(bt->a, live, bt->a, _mm512_max_pd(vote, zero));
    bt->b = _mm512_mask_sub_pd(bt->b, live, bt->b, _mm512_min_pd(vote, zero));
}

/* contests for the default rule and commitment with the 8 lanes in one AVX-512 vector,
 * third party by third party in KTAB's order, the lanes' distances transposed 8 third
 * parties at a time. Needs pacta_smp_contest_prepare. */
SMP_AVX512 static bool contests_avx512(const smp_t *m, const smp_workspace_t *w, size_t i,
                                       const size_t *j, double *p_ij, double *p_ji,
                                       const smp_prune_t *pr)
{
    const size_t n = m->n;
    double c_i0[SMP_MAX_LANES], c_j0[SMP_MAX_LANES], chij[SMP_MAX_LANES], chji[SMP_MAX_LANES];
    principals(m, w, i, j, SMP_MAX_LANES, c_i0, c_j0);
    long long target[SMP_MAX_LANES];
    const double *row[SMP_MAX_LANES];
    for (size_t l = 0; l < SMP_MAX_LANES; l++) {
        target[l] = (long long)j[l];
        row[l] = m->dist_t + j[l] * n;
    }
    batch8_t bt;
    bt.targets = _mm512_loadu_si512(target);
    bt.a = bt.ci0 = _mm512_loadu_pd(c_i0);
    bt.b = bt.cj0 = _mm512_loadu_pd(c_j0);
    for (size_t k0 = 0; k0 < n; k0 += SMP_CHUNK) {
        const size_t k1 = n - k0 < SMP_CHUNK ? n : k0 + SMP_CHUNK;
        for (size_t k = k0; k < k1; k += 8) {
            const size_t count = k1 - k < 8 ? k1 - k : 8;
            const __mmask8 valid = (__mmask8)((1u << count) - 1u);
            __m512d rows[8], d[8];
            for (size_t l = 0; l < SMP_MAX_LANES; l++)
                rows[l] = _mm512_maskz_loadu_pd(valid, row[l] + k);
            transpose8(rows, d);
            if (count == 8) {
                for (size_t q = 0; q < 8; q++)
                    vote8(m, w, i, k + q, d[q], &bt);
            } else {
                for (size_t q = 0; q < count; q++)
                    vote8(m, w, i, k + q, d[q], &bt);
            }
        }
        if (pr != NULL && k1 < n) {
            _mm512_storeu_pd(chij, bt.a);
            _mm512_storeu_pd(chji, bt.b);
            if (lanes_hopeless(pr, SMP_MAX_LANES, k1, chij, chji))
                return false;
        }
    }
    _mm512_storeu_pd(chij, bt.a);
    _mm512_storeu_pd(chji, bt.b);
    for (size_t l = 0; l < SMP_MAX_LANES; l++) {
        p_ij[l] = chij[l] / (chij[l] + chji[l]);
        p_ji[l] = chji[l] / (chij[l] + chji[l]);
    }
    return true;
}
#endif

size_t pacta_smp_contest_lanes(void)
{
#if SMP_AVX512_KERNELS
    if (__builtin_cpu_supports("avx512f"))
        return SMP_MAX_LANES;
#endif
    return SMP_LANES;
}

bool pacta_smp_contests(const smp_t *m, const smp_workspace_t *w, size_t i, const size_t *j,
                        size_t lanes, double *p_ij, double *p_ji, const smp_prune_t *pr)
{
#if SMP_AVX512_KERNELS
    if (lanes == SMP_MAX_LANES)
        return contests_avx512(m, w, i, j, p_ij, p_ji, pr);
#endif
    (void)lanes;
    return contests(m, w, i, j, p_ij, p_ji, pr);
}
