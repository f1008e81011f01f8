/* Probabilistic Condorcet elections for the Spatial Model of Politics: coalition strengths
 * (K4), pairwise victory probabilities (K5) and the probability of each option (K6), as in
 * KTAB's Model::coalitions, Model::vProb and Model::probCE2 (kmodel.cpp:417-860). The loop
 * orders are KTAB's, so sums and products round the same way. */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "models/smp_formulas.h"
#include "models/smp_internal.h"

void pacta_smp_coalitions(size_t nv, size_t m, const double *w, const double *ut, int rule,
                          double *c, size_t row_lo, size_t row_hi)
{
    /* Every coalition starts at 1e-8 so that no probability is 0/0 (kmodel.cpp:519). */
    const double min_c = 1e-8;
    for (size_t i = row_lo; i < row_hi; i++) {
        const double *ui = ut + i * nv;
        for (size_t j = 0; j < i; j++) {
            const double *uj = ut + j * nv;
            double cij = min_c, cji = min_c;
            if (rule == SMP_VR_PROP) {
                /* The default rule, without the switch in the inner loop. */
                for (size_t k = 0; k < nv; k++) {
                    const double v = w[k] * (ui[k] - uj[k]);
                    cij = cij + smp_positive(v);
                    cji = cji + smp_negative(v);
                }
            } else {
                for (size_t k = 0; k < nv; k++) {
                    const double v = smp_vote(rule, w[k], ui[k], uj[k]);
                    cij = cij + smp_positive(v);
                    cji = cji + smp_negative(v);
                }
            }
            c[i * m + j] = cij;
            c[j * m + i] = cji;
        }
        c[i * m + i] = min_c;
    }
}

/* The tile of coalitions_voter_major: rows [i0, i0 + nb) against options [j0, j1). 16 x 128
 * was the fastest of the shapes tried at 1000 actors (4 x 128 to 16 x 32: 3-10% slower). */
enum { TILE_ROWS = 16, TILE_COLS = 128 };
_Static_assert(SMP_COALITION_SCRATCH == 2 * TILE_ROWS * TILE_COLS, "the tile's sums fill acc");

static inline void coalition_tile(size_t nv, size_t m, const double *w, const double *uv, int rule,
                                  size_t i0, size_t nb, size_t j0, size_t j1, double *acc)
{
    const size_t width = j1 - j0;
    for (size_t b = 0; b < 2 * nb * TILE_COLS; b++)
        acc[b] = 1e-8;
    for (size_t k = 0; k < nv; k++) {
        const double *restrict row = uv + k * m + j0;
        const double w_k = w[k];
        for (size_t b = 0; b < nb; b++) {
            const double u_ki = uv[k * m + i0 + b];
            double *restrict c_ij = acc + 2 * b * TILE_COLS, *restrict c_ji = c_ij + TILE_COLS;
            if (rule == SMP_VR_PROP) {
                for (size_t j = 0; j < width; j++) {
                    const double v = w_k * (u_ki - row[j]);
                    c_ij[j] = c_ij[j] + smp_positive(v);
                    c_ji[j] = c_ji[j] + smp_negative(v);
                }
            } else {
                for (size_t j = 0; j < width; j++) {
                    const double v = smp_vote(rule, w_k, u_ki, row[j]);
                    c_ij[j] = c_ij[j] + smp_positive(v);
                    c_ji[j] = c_ji[j] + smp_negative(v);
                }
            }
        }
    }
}

/* Rows are taken TILE_ROWS at a time against TILE_COLS options at a time, voter by voter:
 * each pair's sums take the voters in the same order as pacta_smp_coalitions, consecutive
 * options are independent (vector code), and a tile's utilities are read once from memory
 * for all its rows, its sums staying in the first-level cache. Pairs of a tile with j >= i
 * are computed and dropped. */
SMP_VECTOR_CLONES static void coalitions_voter_major(size_t nv, size_t m, const double *w,
                                                     const double *uv, int rule, double *c,
                                                     size_t row_lo, size_t row_hi, double *acc)
{
    const double min_c = 1e-8;
    for (size_t i0 = row_lo; i0 < row_hi; i0 += TILE_ROWS) {
        const size_t nb = row_hi - i0 < TILE_ROWS ? row_hi - i0 : TILE_ROWS;
        for (size_t j0 = 0; j0 + 1 < i0 + nb; j0 += TILE_COLS) {
            const size_t j1 = j0 + TILE_COLS < i0 + nb - 1 ? j0 + TILE_COLS : i0 + nb - 1;
            coalition_tile(nv, m, w, uv, rule, i0, nb, j0, j1, acc);
            for (size_t b = 0; b < nb; b++) {
                const size_t i = i0 + b;
                const double *c_ij = acc + 2 * b * TILE_COLS, *c_ji = c_ij + TILE_COLS;
                for (size_t j = j0; j < j1 && j < i; j++) {
                    c[i * m + j] = c_ij[j - j0];
                    c[j * m + i] = c_ji[j - j0];
                }
            }
        }
        for (size_t b = 0; b < nb; b++)
            c[(i0 + b) * m + i0 + b] = min_c;
    }
}

void pacta_smp_coalitions_voter_major(size_t nv, size_t m, const double *w, const double *uv,
                                      int rule, double *c, size_t row_lo, size_t row_hi,
                                      double *acc)
{
    coalitions_voter_major(nv, m, w, uv, rule, c, row_lo, row_hi, acc);
}

/* ---- K4 from utilities in panels (pacta_smp_coalitions_panels) ----------------------------- */

/* Rows of a block: 4 rows against one panel of SMP_PANEL options, all sums in registers. */
enum { BLOCK_ROWS = 4 };

/* A block's sums for any voting rule, in the voters' order (the plain statement of K4 for
 * the block's pairs). rows[r] points at row r's utilities (stride SMP_PANEL), cols at the
 * panel; fills acc[r * SMP_PANEL + q] and acc[(BLOCK_ROWS + r) * SMP_PANEL + q]. */
SMP_VECTOR_CLONES static void panel_block(size_t nv, const double *w, const double *const *rows,
                                          size_t nr, const double *cols, int rule, double *acc)
{
    double *c_ij = acc, *c_ji = acc + BLOCK_ROWS * SMP_PANEL;
    for (size_t b = 0; b < 2 * BLOCK_ROWS * SMP_PANEL; b++)
        acc[b] = 1e-8;
    for (size_t k = 0; k < nv; k++) {
        const double *restrict col = cols + k * SMP_PANEL;
        for (size_t r = 0; r < nr; r++) {
            const double u_ki = rows[r][k * SMP_PANEL];
            double *restrict a = c_ij + r * SMP_PANEL, *restrict b = c_ji + r * SMP_PANEL;
            for (size_t q = 0; q < SMP_PANEL; q++) {
                const double v = smp_vote(rule, w[k], u_ki, col[q]);
                a[q] = a[q] + smp_positive(v);
                b[q] = b[q] + smp_negative(v);
            }
        }
    }
}

#if SMP_AVX512_KERNELS
#include <immintrin.h>

_Static_assert(SMP_PANEL == 16, "panel_block_prop holds a panel in two vectors");

/* panel_block for the proportional rule with AVX-512, the 4 x 16 pairs' sums in 16
 * registers. max(v, 0) is x86's "v > 0 ? v : 0", smp_positive exactly; c - min(v, 0) is
 * c + smp_negative(v) exactly (c > 0: subtracting 0.0 or adding it leave c as it is, and
 * c - v is c + (-v)). The same additions in the same order as panel_block. */
__attribute__((target("avx512f"))) static void panel_block_prop(size_t nv, const double *w,
                                                                const double *const *rows,
                                                                const double *cols, double *acc)
{
    const __m512d zero = _mm512_setzero_pd(), min_c = _mm512_set1_pd(1e-8);
    __m512d a[BLOCK_ROWS][2], b[BLOCK_ROWS][2];
    for (size_t r = 0; r < BLOCK_ROWS; r++)
        a[r][0] = a[r][1] = b[r][0] = b[r][1] = min_c;
    for (size_t k = 0; k < nv; k++) {
        const __m512d c0 = _mm512_loadu_pd(cols + k * SMP_PANEL);
        const __m512d c1 = _mm512_loadu_pd(cols + k * SMP_PANEL + 8);
        const __m512d w_k = _mm512_set1_pd(w[k]);
        for (size_t r = 0; r < BLOCK_ROWS; r++) {
            const __m512d u_ki = _mm512_set1_pd(rows[r][k * SMP_PANEL]);
            const __m512d v0 = _mm512_mul_pd(w_k, _mm512_sub_pd(u_ki, c0));
            const __m512d v1 = _mm512_mul_pd(w_k, _mm512_sub_pd(u_ki, c1));
            a[r][0] = _mm512_add_pd(a[r][0], _mm512_max_pd(v0, zero));
            a[r][1] = _mm512_add_pd(a[r][1], _mm512_max_pd(v1, zero));
            b[r][0] = _mm512_sub_pd(b[r][0], _mm512_min_pd(v0, zero));
            b[r][1] = _mm512_sub_pd(b[r][1], _mm512_min_pd(v1, zero));
        }
    }
    for (size_t r = 0; r < BLOCK_ROWS; r++) {
        _mm512_storeu_pd(acc + r * SMP_PANEL, a[r][0]);
        _mm512_storeu_pd(acc + r * SMP_PANEL + 8, a[r][1]);
        _mm512_storeu_pd(acc + (BLOCK_ROWS + r) * SMP_PANEL, b[r][0]);
        _mm512_storeu_pd(acc + (BLOCK_ROWS + r) * SMP_PANEL + 8, b[r][1]);
    }
}
#endif

/* Column panels outside, blocks of rows inside: a panel (nv x SMP_PANEL doubles) is read
 * from memory once for the rows of the range and stays in the second-level cache while
 * they use it; utilities are read in the order they are stored. Pairs of a block with
 * j >= i are computed and dropped. */
void pacta_smp_coalitions_panels(size_t nv, size_t m, const double *w, const double *up, int rule,
                                 double *c, size_t row_lo, size_t row_hi)
{
    double acc[2 * BLOCK_ROWS * SMP_PANEL];
    const size_t stride = nv * SMP_PANEL;
#if SMP_AVX512_KERNELS
    const bool fast = rule == SMP_VR_PROP && __builtin_cpu_supports("avx512f");
#endif
    for (size_t j0 = 0; j0 + 1 < row_hi; j0 += SMP_PANEL) {
        const double *cols = up + (j0 / SMP_PANEL) * stride;
        for (size_t i0 = row_lo > j0 ? row_lo : j0; i0 < row_hi; i0 += BLOCK_ROWS) {
            const size_t nr = row_hi - i0 < BLOCK_ROWS ? row_hi - i0 : BLOCK_ROWS;
            const double *rows[BLOCK_ROWS];
            for (size_t r = 0; r < BLOCK_ROWS; r++) {
                const size_t i = i0 + (r < nr ? r : 0);
                rows[r] = up + (i / SMP_PANEL) * stride + i % SMP_PANEL;
            }
#if SMP_AVX512_KERNELS
            if (fast)
                panel_block_prop(nv, w, rows, cols, acc);
            else
#endif
                panel_block(nv, w, rows, nr, cols, rule, acc);
            for (size_t r = 0; r < nr; r++) {
                const size_t i = i0 + r;
                for (size_t q = 0; q < SMP_PANEL && j0 + q < i; q++) {
                    c[i * m + j0 + q] = acc[r * SMP_PANEL + q];
                    c[(j0 + q) * m + i] = acc[(BLOCK_ROWS + r) * SMP_PANEL + q];
                }
            }
        }
    }
    for (size_t i = row_lo; i < row_hi; i++)
        c[i * m + i] = 1e-8;
}

static void victory_matrix(int vpm, size_t m, const double *c, double *vp)
{
    for (size_t i = 0; i < m; i++) {
        for (size_t j = 0; j < i; j++)
            smp_victory(vpm, c[i * m + j], c[j * m + i], &vp[i * m + j], &vp[j * m + i]);
        vp[i * m + i] = 0.5;
    }
}

/* K6, conditional: p_i = prod_j P[i > j] / sum_l prod_j P[l > j] (kmodel.cpp:794-812). With
 * more options than KTAB allows (250), every product can underflow; the same quantity is
 * then computed from sums of logarithms. */
static void conditional(size_t m, const double *vp, double *p)
{
    double total = 0.0;
    for (size_t i = 0; i < m; i++) {
        double pi = 1.0;
        for (size_t j = 0; j < m; j++)
            pi = pi * vp[i * m + j];
        p[i] = pi;
        total = total + p[i];
    }
    if (total >= DBL_MIN * 0x1p52) {
        for (size_t i = 0; i < m; i++)
            p[i] = p[i] / total;
        return;
    }
    double most = -INFINITY;
    for (size_t i = 0; i < m; i++) {
        double lp = 0.0;
        for (size_t j = 0; j < m; j++)
            lp += log(vp[i * m + j]);
        p[i] = lp;
        most = lp > most ? lp : most;
    }
    total = 0.0;
    for (size_t i = 0; i < m; i++) {
        p[i] = exp(p[i] - most);
        total += p[i];
    }
    for (size_t i = 0; i < m; i++)
        p[i] /= total;
}

enum { MARKOV_MAX_STEPS = 1000 };

/* K6, Markov with incentives: a challenge against the current favourite j comes from i with
 * probability proportional to c_ij P[i > j]; iterate the chain from the uniform distribution,
 * averaging old and new, until no probability changes by more than 1e-8
 * (Model::markovIncentivePCE, kmodel.cpp). */
static pacta_status markov_incentive(size_t m, const double *c, const double *vp, double *p,
                                     double *work)
{
    double *challenge = work, *ct = work + m * m, *q = work + 2 * m * m;
    const double eps_support = 1e-10, p_tol = 1e-8;
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < m; j++) {
            double incentive = c[i * m + j] * vp[i * m + j];
            if (i == j)
                incentive = incentive + eps_support;
            ct[i * m + j] = incentive;
        }
    for (size_t j = 0; j < m; j++) {
        double sum = 0.0;
        for (size_t k = 0; k < m; k++)
            sum = sum + ct[k * m + j];
        for (size_t i = 0; i < m; i++)
            challenge[i * m + j] = ct[i * m + j] / sum;
    }
    for (size_t i = 0; i < m; i++)
        p[i] = 1.0 / (double)m;
    double change = 1.0;
    size_t steps = 0;
    while (p_tol < change) {
        if (steps++ == MARKOV_MAX_STEPS)
            return PACTA_ENUMERIC;
        for (size_t i = 0; i < m; i++)
            for (size_t j = 0; j < m; j++)
                ct[i * m + j] = p[i] * challenge[j * m + i];
        change = 0.0;
        for (size_t i = 0; i < m; i++) {
            double qi = 0.0;
            for (size_t j = 0; j < m; j++)
                qi = qi + vp[i * m + j] * (ct[i * m + j] + ct[j * m + i]);
            q[i] = qi;
            const double d = fabs(q[i] - p[i]);
            change = (d > change) ? d : change;
        }
        for (size_t i = 0; i < m; i++)
            p[i] = (p[i] + q[i]) / 2.0;
    }
    return PACTA_OK;
}

/* K6, Markov with uniform challenges: q_i = sum_j P[i > j] (p_i + p_j) / m, averaged with p
 * until no probability changes by more than 1e-6 (Model::markovUniformPCE). */
static pacta_status markov_uniform(size_t m, const double *vp, double *p, double *work)
{
    double *q = work;
    const double p_tol = 1e-6;
    for (size_t i = 0; i < m; i++)
        p[i] = 1.0 / (double)m;
    double change = 1.0;
    size_t steps = 0;
    while (p_tol < change) {
        if (steps++ == MARKOV_MAX_STEPS)
            return PACTA_ENUMERIC;
        change = 0;
        for (size_t i = 0; i < m; i++) {
            double pi = 0.0;
            for (size_t j = 0; j < m; j++)
                pi = pi + vp[i * m + j] * (p[i] + p[j]);
            q[i] = pi / (double)m;
            const double d = fabs(q[i] - p[i]);
            change = (d > change) ? d : change;
        }
        for (size_t i = 0; i < m; i++)
            p[i] = (p[i] + q[i]) / 2.0;
    }
    return PACTA_OK;
}

pacta_status pacta_smp_pce(int vpm, int pcem, size_t m, const double *c, double *vp, double *p,
                           double *work)
{
    victory_matrix(vpm, m, c, vp);
    switch (pcem) {
    case SMP_PCE_MARKOV_INCENTIVE:
        return markov_incentive(m, c, vp, p, work);
    case SMP_PCE_MARKOV_UNIFORM:
        return markov_uniform(m, vp, p, work);
    default:
        conditional(m, vp, p);
        return PACTA_OK;
    }
}
