/* K13 of the Spatial Model of Politics (KTAB SMPState::updateBestBrgnPositions,
 * smpbcn.cpp:613-800): each actor's value of every bargain's outcome, and of the status quo,
 * for the queues of step 4 of a round (smp_round.c). */
#include <stdbool.h>
#include <stddef.h>

#include "core/parallel.h"
#include "models/smp_formulas.h"
#include "models/smp_internal.h"
#include "models/smp_state.h"

#if defined(__GNUC__)
#define SMP_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define SMP_ALWAYS_INLINE inline
#endif

static const double *bargain_at(const smp_t *m, size_t b)
{
    return m->bargain + b * 2 * m->D;
}

static bool bargain_queued(const smp_t *m, size_t b)
{
    return m->target[b / m->per_initiator] >= 0 && b % m->per_initiator < m->queued;
}

/* arithmetic=fast: the status quo's sum, less the two replaced terms, plus the bargain's. */
static void fast_values(const smp_t *m, size_t b)
{
    const size_t n = m->n, D = m->D, i = b / m->per_initiator;
    const size_t j = (size_t)m->target[i];
    const double dn = (double)n;
    const double *bi = bargain_at(m, b), *bj = bi + D;
    double *restrict v = m->value + b * n;
    for (size_t a = 0; a < n; a++) {
        const double *ya = m->y + a * D, *sa = m->s + a * D;
        const double u_init = smp_utility(smp_distance(D, ya, bi, sa), m->R[a]);
        const double u_rcvr = smp_utility(smp_distance(D, ya, bj, sa), m->R[a]);
        const double old_i = smp_utility(m->dist[a * n + i], m->R_self[a]);
        const double old_j = smp_utility(m->dist[a * n + j], m->R_self[a]);
        v[a] = (m->own_sum[a] - old_i - old_j + u_init + u_rcvr) / dn;
    }
}

/* Adds the utilities u[l - l0][0..SMP_VALUE_ACTORS) of positions l0 <= l < l1 other than
 * skip_i and skip_j to the sums v[0..SMP_VALUE_ACTORS), in increasing order of l. Written for
 * a full tile so that the sums stay in registers. */
static SMP_ALWAYS_INLINE void add_positions(double *restrict v, const double *restrict u, size_t l0,
                                            size_t l1, size_t skip_i, size_t skip_j)
{
    double s[SMP_VALUE_ACTORS];
    for (size_t a = 0; a < SMP_VALUE_ACTORS; a++)
        s[a] = v[a];
    const size_t first = skip_i < skip_j ? skip_i : skip_j;
    const size_t second = skip_i < skip_j ? skip_j : skip_i;
    /* Runs of positions between the two skipped ones, without a test in the loop. */
    for (size_t l = l0; l < l1; l++) {
        size_t end = l1;
        if (l <= first && first < end)
            end = first;
        else if (l <= second && second < end)
            end = second;
        for (; l < end; l++) {
            const double *restrict ul = u + (l - l0) * SMP_VALUE_ACTORS;
            for (size_t a = 0; a < SMP_VALUE_ACTORS; a++)
                s[a] = s[a] + ul[a];
        }
    }
    for (size_t a = 0; a < SMP_VALUE_ACTORS; a++)
        v[a] = s[a];
}

/* arithmetic=ktab for the bargains b[0..nb) and the actors [a0, a0 + na): each sum starts
 * with the two bargain terms, then adds every other position l in increasing order, as KTAB
 * does (smpbcn.cpp:645-668). The utilities of SMP_VALUE_POSITIONS positions for the tile's
 * actors are computed once into u and added to every bargain's sums, which stay in the
 * first-level cache (acc), each sum keeping its own order of additions. */
SMP_VECTOR_CLONES static void ktab_value_tile(const smp_t *m, const size_t *b, size_t nb, size_t a0,
                                              size_t na, double *acc, double *u)
{
    const size_t n = m->n, D = m->D;
    const double dn = (double)n;
    const double *restrict r_self = m->R_self + a0;
    size_t skip_i[SMP_VALUE_BARGAINS], skip_j[SMP_VALUE_BARGAINS];
    for (size_t c = 0; c < nb; c++) {
        skip_i[c] = b[c] / m->per_initiator;
        skip_j[c] = (size_t)m->target[skip_i[c]];
        const double *bi = bargain_at(m, b[c]), *bj = bi + D;
        double *restrict v = acc + c * SMP_VALUE_ACTORS;
        for (size_t a = 0; a < na; a++) {
            const double *ya = m->y + (a0 + a) * D, *sa = m->s + (a0 + a) * D;
            const double u_init = smp_utility(smp_distance(D, ya, bi, sa), m->R[a0 + a]);
            const double u_rcvr = smp_utility(smp_distance(D, ya, bj, sa), m->R[a0 + a]);
            v[a] = u_init + u_rcvr;
        }
    }
    for (size_t l0 = 0; l0 < n; l0 += SMP_VALUE_POSITIONS) {
        const size_t l1 = n - l0 < SMP_VALUE_POSITIONS ? n : l0 + SMP_VALUE_POSITIONS;
        for (size_t l = l0; l < l1; l++) {
            const double *restrict d_l = m->dist_t + l * n + a0;
            double *restrict ul = u + (l - l0) * SMP_VALUE_ACTORS;
            for (size_t a = 0; a < na; a++)
                ul[a] = smp_utility(d_l[a], r_self[a]);
        }
        for (size_t c = 0; c < nb; c++) {
            double *restrict v = acc + c * SMP_VALUE_ACTORS;
            if (na == SMP_VALUE_ACTORS) {
                add_positions(v, u, l0, l1, skip_i[c], skip_j[c]);
                continue;
            }
            for (size_t l = l0; l < l1; l++) {
                if (l == skip_i[c] || l == skip_j[c])
                    continue;
                const double *restrict ul = u + (l - l0) * SMP_VALUE_ACTORS;
                for (size_t a = 0; a < na; a++)
                    v[a] = v[a] + ul[a];
            }
        }
    }
    for (size_t c = 0; c < nb; c++) {
        const double *restrict v = acc + c * SMP_VALUE_ACTORS;
        double *restrict out = m->value + b[c] * n + a0;
        for (size_t a = 0; a < na; a++)
            out[a] = v[a] / dn;
    }
}

/* Bargains [lo, hi) * SMP_VALUE_BARGAINS: those that enter the queues, SMP_VALUE_BARGAINS at a
 * time against SMP_VALUE_ACTORS actors at a time. */
static void value_blocks(void *ctx, size_t lo, size_t hi, size_t thread)
{
    smp_t *m = ctx;
    smp_workspace_t *w = &m->ws[thread];
    const size_t n = m->n, nb_all = n * m->per_initiator;
    for (size_t block = lo; block < hi; block++) {
        size_t b[SMP_VALUE_BARGAINS], nb = 0;
        for (size_t c = block * SMP_VALUE_BARGAINS;
             c < (block + 1) * SMP_VALUE_BARGAINS && c < nb_all; c++) {
            if (!bargain_queued(m, c))
                continue;
            if (m->p->fast_values)
                fast_values(m, c);
            else
                b[nb++] = c;
        }
        for (size_t a0 = 0; nb > 0 && a0 < n; a0 += SMP_VALUE_ACTORS) {
            const size_t na = n - a0 < SMP_VALUE_ACTORS ? n - a0 : SMP_VALUE_ACTORS;
            ktab_value_tile(m, b, nb, a0, na, w->vacc,
                            w->vacc + SMP_VALUE_BARGAINS * SMP_VALUE_ACTORS);
        }
    }
}

/* The status quo's value to each actor: its utilities of every position, in actor order. */
static void own_sum_rows(void *ctx, size_t lo, size_t hi, size_t thread)
{
    (void)thread;
    smp_t *m = ctx;
    const size_t n = m->n;
    for (size_t a = lo; a < hi; a++) {
        double sum = 0.0;
        for (size_t k = 0; k < n; k++)
            sum = sum + smp_utility(m->dist[a * n + k], m->R_self[a]);
        m->own_sum[a] = sum;
    }
}

void pacta_smp_values(smp_t *m)
{
    const size_t n = m->n, bargains = n * m->per_initiator;
    pacta_parallel_for(m->threads, n, own_sum_rows, m);
    pacta_parallel_for(m->threads, (bargains + SMP_VALUE_BARGAINS - 1) / SMP_VALUE_BARGAINS,
                       value_blocks, m);
}
