/* One round of the Spatial Model of Politics (KTAB SMPState::stepBCN), the five steps that
 * smp.c's opening comment lists with their equations (docs/models.md section M6), and the
 * memory of the state they work on. The run around the rounds, the options and the results
 * are in smp.c. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/parallel.h"
#include "models/smp_formulas.h"
#include "models/smp_internal.h"
#include "models/smp_state.h"

static pacta_status alloc_doubles(double **p, size_t count)
{
    *p = pacta_malloc((count ? count : 1) * sizeof(double));
    return *p ? PACTA_OK : PACTA_ENOMEM;
}

static void workspace_free(smp_workspace_t *w)
{
    pacta_free(w->candidates);
    pacta_free(w->votes);
    pacta_free(w->r);
    pacta_free(w->u_i);
    pacta_free(w->u_self);
    pacta_free(w->ut);
    pacta_free(w->cl);
    pacta_free(w->vp);
    pacta_free(w->p);
    pacta_free(w->work);
    pacta_free(w->acc);
    pacta_free(w->vacc);
    pacta_free(w->psi);
    pacta_free(w->third);
    memset(w, 0, sizeof *w);
}

pacta_status pacta_smp_workspace_reserve(const smp_t *m, smp_workspace_t *w, size_t options)
{
    if (options <= w->capacity)
        return PACTA_OK;
    size_t cap = w->capacity ? w->capacity : 4;
    while (cap < options)
        cap *= 2;
    pacta_free(w->ut);
    pacta_free(w->cl);
    pacta_free(w->vp);
    pacta_free(w->p);
    pacta_free(w->work);
    w->ut = w->cl = w->vp = w->p = w->work = NULL;
    w->capacity = 0;
    /* Room for the panels of a long queue (long_queues): cap rounded up to SMP_PANEL. */
    pacta_status st = alloc_doubles(&w->ut, (cap + SMP_PANEL) * m->n);
    if (st == PACTA_OK)
        st = alloc_doubles(&w->cl, cap * cap);
    if (st == PACTA_OK)
        st = alloc_doubles(&w->vp, cap * cap);
    if (st == PACTA_OK)
        st = alloc_doubles(&w->p, cap);
    if (st == PACTA_OK && m->p->pce != SMP_PCE_CONDITIONAL)
        st = alloc_doubles(&w->work, 3 * cap * cap);
    if (st == PACTA_OK)
        w->capacity = cap;
    return st;
}

void pacta_smp_state_free(smp_t *m)
{
    double *arrays[] = {m->s,    m->S,      m->w_cs,   m->x,    m->y,       m->x_new, m->y_new,
                        m->dist, m->dist_t, m->d_self, m->R,    m->R_self,  m->u0,    m->cl,
                        m->pce,  m->work,   m->p_win,  m->gain, m->bargain, m->value, m->own_sum};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
        pacta_free(arrays[i]);
    pacta_free(m->target);
    pacta_free(m->queue_start);
    pacta_free(m->queue);
    pacta_free(m->chosen);
    pacta_free(m->queue_status);
    if (m->ws != NULL)
        for (size_t t = 0; t < m->threads; t++)
            workspace_free(&m->ws[t]);
    pacta_free(m->ws);
}

pacta_status pacta_smp_state_alloc(smp_t *m)
{
    const size_t n = m->n, D = m->D, nn = n * n, nb = n * m->per_initiator;
    const size_t u0_size = (n + SMP_PANEL - 1) / SMP_PANEL * SMP_PANEL * n;
    pacta_status st = PACTA_OK;
    struct {
        double **p;
        size_t count;
    } plan[] = {
        {&m->s, n * D},      {&m->S, n},       {&m->w_cs, n},
        {&m->x, n * D},      {&m->y, n * D},   {&m->x_new, n * D},
        {&m->y_new, n * D},  {&m->dist, nn},   {&m->dist_t, nn},
        {&m->d_self, n},     {&m->R, n},       {&m->R_self, n},
        {&m->u0, u0_size},   {&m->cl, nn},     {&m->pce, n},
        {&m->p_win, n},      {&m->gain, n},    {&m->bargain, nb * 2 * D},
        {&m->value, nb * n}, {&m->own_sum, n},
    };
    for (size_t i = 0; st == PACTA_OK && i < sizeof plan / sizeof plan[0]; i++)
        st = alloc_doubles(plan[i].p, plan[i].count);
    if (st == PACTA_OK && m->p->pce != SMP_PCE_CONDITIONAL)
        st = alloc_doubles(&m->work, 3 * nn);
    if (st != PACTA_OK)
        return st;
    /* The last panel's padding is never written by distance_rows: zeros, finite numbers. */
    memset(m->u0, 0, u0_size * sizeof(double));
    m->target = pacta_malloc(n * sizeof(long));
    m->queue_start = pacta_malloc((n + 1) * sizeof(size_t));
    m->queue = pacta_malloc((n + 2 * nb) * sizeof(size_t));
    m->chosen = pacta_malloc(n * sizeof(size_t));
    m->queue_status = pacta_malloc(n * sizeof(pacta_status));
    m->ws = pacta_calloc(m->threads, sizeof(smp_workspace_t));
    if (!m->target || !m->queue_start || !m->queue || !m->chosen || !m->queue_status || !m->ws)
        return PACTA_ENOMEM;
    for (size_t t = 0; t < m->threads; t++) {
        st = alloc_doubles(&m->ws[t].r, n);
        if (st == PACTA_OK)
            st = alloc_doubles(&m->ws[t].u_i, n);
        if (st == PACTA_OK)
            st = alloc_doubles(&m->ws[t].u_self, n);
        if (st == PACTA_OK)
            st = alloc_doubles(&m->ws[t].votes, SMP_LANES * n);
        if (st == PACTA_OK)
            st = alloc_doubles(&m->ws[t].psi, n + 1);
        if (st == PACTA_OK)
            st = alloc_doubles(&m->ws[t].third, 2 * n);
        if (st == PACTA_OK)
            st = alloc_doubles(&m->ws[t].acc, SMP_COALITION_SCRATCH);
        if (st == PACTA_OK)
            st = alloc_doubles(&m->ws[t].vacc,
                               (SMP_VALUE_BARGAINS + SMP_VALUE_POSITIONS) * SMP_VALUE_ACTORS);
        if (st != PACTA_OK)
            return st;
        m->ws[t].candidates = pacta_malloc(2 * n * sizeof(smp_candidate_t));
        if (m->ws[t].candidates == NULL)
            return PACTA_ENOMEM;
    }
    return PACTA_OK;
}

/* ---- 1. assessing a state (KTAB SMPState::setAllAUtil, smp.cpp:435-546) ----------------- */

static void distance_rows(void *ctx, size_t lo, size_t hi, size_t thread)
{
    (void)thread;
    smp_t *m = ctx;
    const size_t n = m->n, D = m->D;
    for (size_t i = lo; i < hi; i++)
        for (size_t j = 0; j < n; j++) {
            const double d = smp_distance(D, m->y + i * D, m->x + j * D, m->s + i * D);
            m->dist[i * n + j] = d;
            if (j == i)
                m->d_self[i] = d;
            /* K2 with R = 0: voter i's risk-neutral utility of j's position. */
            m->u0[smp_panel_index(n, i, j)] = smp_utility(d, 0.0);
        }
}

static void transpose_rows(void *ctx, size_t lo, size_t hi, size_t thread)
{
    (void)thread;
    smp_t *m = ctx;
    const size_t n = m->n;
    for (size_t j = lo; j < hi; j++)
        for (size_t i = 0; i < n; i++)
            m->dist_t[j * n + i] = m->dist[i * n + j];
}

static void coalition_rows(void *ctx, size_t lo, size_t hi, size_t thread)
{
    smp_t *m = ctx;
    (void)thread;
    pacta_smp_coalitions_panels(m->n, m->n, m->cap, m->u0, m->p->rule, m->cl, lo, hi);
}

/* Distances, then the probability of each actor's position with risk-neutral utilities and
 * capability-weighted votes, then risk attitudes from those probabilities. */
pacta_status pacta_smp_assess(smp_t *m)
{
    const size_t n = m->n;
    pacta_parallel_for(m->threads, n, distance_rows, m);
    pacta_parallel_for(m->threads, n, transpose_rows, m);
    pacta_parallel_for(m->threads, n, coalition_rows, m);
    /* The victory matrix overwrites the risk-neutral utilities, which are no longer needed. */
    pacta_status st = pacta_smp_pce(m->p->vpm, m->p->pce, n, m->cl, m->u0, m->pce, m->work);
    if (st != PACTA_OK)
        return st;
    double p_min = 1.0, p_max = 0.0;
    for (size_t i = 0; i < n; i++) {
        p_min = (m->pce[i] < p_min) ? m->pce[i] : p_min;
        p_max = (m->pce[i] > p_max) ? m->pce[i] : p_max;
    }
    /* Every position equally probable leaves K7 at 0/0 (KTAB's risk attitudes become NaN);
     * pacta takes every actor as risk neutral then and says so in the result's note. */
    bool flat = !(p_max > p_min);
    m->risk_undefined |= flat;
    for (size_t i = 0; i < n; i++) {
        m->R[i] = flat ? 0.0 : smp_risk_from_probability(m->p->rrange, m->pce[i], p_min, p_max);
        m->R_self[i] = smp_estimated_risk(m->p->radj, m->R[i], m->R[i]);
    }
    return PACTA_OK;
}

/* ---- 2. challenges (KTAB SMPState::doBCN and probEduChlg, smpbcn.cpp:335-1040) ----------- */

/* Fill the workspace for perspective h (whose estimated risk attitudes are r) and initiator
 * i: every actor's utility for i's position and for its own. */
static void perspective(const smp_t *m, size_t h, size_t i, smp_workspace_t *w)
{
    const size_t n = m->n;
    for (size_t a = 0; a < n; a++)
        w->r[a] = smp_estimated_risk(m->p->radj, m->R[h], m->R[a]);
    for (size_t a = 0; a < n; a++) {
        w->u_i[a] = smp_utility(m->dist_t[i * n + a], w->r[a]);
        w->u_self[a] = smp_utility(m->d_self[a], w->r[a]);
    }
}

/* K10 for the perspective in w: k's expected gain when i challenges j (off the hot path:
 * n times a round, so one contest in all lanes is good enough). */
static double challenge_gain(const smp_t *m, const smp_workspace_t *w, size_t k, size_t i, size_t j,
                             double *p_ij)
{
    const size_t n = m->n;
    const size_t js[SMP_LANES] = {j, j, j, j};
    double p_ijs[SMP_LANES], p_jis[SMP_LANES];
    pacta_smp_contests(m, w, i, js, SMP_LANES, p_ijs, p_jis, NULL);
    *p_ij = p_ijs[0];
    const double p_ji = p_jis[0];
    const double u_ki = smp_utility(m->dist_t[i * n + k], w->r[k]);
    const double u_kj = smp_utility(m->dist_t[j * n + k], w->r[k]);
    return smp_challenge_gain(u_ki, u_kj, *p_ij, p_ji, m->S[j]);
}

/* The candidates in decreasing order of bound, of equal bounds in increasing order of
 * target (the order they come in), using tmp (count more). The bounds are positive and
 * finite, so their bit patterns order as they do: a stable radix sort, 8 bits at a time,
 * on the complemented upper 32 bits, skipping the bytes every bound shares (most of the
 * exponent), then each candidate moved up past those of equal upper bits and smaller bound
 * (rare, and they are in target order). O(count) per pass instead of qsort's
 * O(count log count) calls of a comparison. Returns the array (candidates or tmp) that
 * holds the sorted list. */
static smp_candidate_t *sort_by_bound(smp_candidate_t *a, smp_candidate_t *tmp, size_t count)
{
    for (unsigned shift = 32; shift < 64; shift += 8) {
        size_t start[257] = {0};
        for (size_t c = 0; c < count; c++) {
            uint64_t bits;
            memcpy(&bits, &a[c].bound, sizeof bits);
            start[((~bits >> shift) & 0xff) + 1]++;
        }
        bool shared = false;
        for (size_t d = 1; d <= 256 && !shared; d++)
            shared = start[d] == count;
        if (shared)
            continue;
        for (size_t d = 1; d <= 256; d++)
            start[d] += start[d - 1];
        for (size_t c = 0; c < count; c++) {
            uint64_t bits;
            memcpy(&bits, &a[c].bound, sizeof bits);
            tmp[start[(~bits >> shift) & 0xff]++] = a[c];
        }
        smp_candidate_t *swap = a;
        a = tmp;
        tmp = swap;
    }
    for (size_t c = 1; c < count; c++) {
        const smp_candidate_t x = a[c];
        size_t at = c;
        for (; at > 0 && a[at - 1].bound < x.bound; at--)
            a[at] = a[at - 1];
        a[at] = x;
    }
    return a;
}

/* K11: each initiator i, from its own perspective, takes the target with the largest gain
 * above 1e-5; of equal gains the lowest-numbered target (KTAB bestChallenge,
 * smpbcn.cpp:1015-1040, scans targets in order and keeps the first strict maximum).
 *
 * Only targets that could win are evaluated. With k = i, K10 simplifies to
 * gain = D (1 - 2 s_j (1 - P)) with D = U_ii - U_ij, so whatever P in [0, 1] is, the gain
 * is at most D (D >= 0) or D (1 - 2 s_j) (D < 0). Targets are taken in decreasing order of
 * that bound and the scan ends once the bound is below the threshold or the best gain so
 * far, less a margin of 1e-12 that covers rounding (the gains are of order 1 and computed
 * to about 1e-15). The target chosen is the one KTAB's full scan chooses. */
static void challenge_rows(void *ctx, size_t lo, size_t hi, size_t thread)
{
    smp_t *m = ctx;
    smp_workspace_t *w = &m->ws[thread];
    const size_t n = m->n;
    const double min_gain = 1e-5, margin = 1e-12;
    const bool prune =
        !m->p->full_scan && m->p->rule == SMP_VR_PROP && m->p->tpc == SMP_TPC_SEMI_COMMIT;
    const size_t lanes = prune ? pacta_smp_contest_lanes() : SMP_LANES;
    for (size_t i = lo; i < hi; i++) {
        perspective(m, i, i, w);
        size_t count = 0;
        const double u_ii = w->u_i[i];
        for (size_t j = 0; j < n; j++) {
            if (j == i)
                continue;
            const double delta = u_ii - smp_utility(m->dist[i * n + j], w->r[i]);
            const double bound = delta >= 0 ? delta : delta * (1 - 2 * m->S[j]);
            if (m->p->full_scan)
                w->candidates[count++] = (smp_candidate_t){INFINITY, j};
            else if (bound >= min_gain - margin)
                w->candidates[count++] = (smp_candidate_t){bound, j};
        }
        const smp_candidate_t *cand = w->candidates;
        if (!m->p->full_scan)
            cand = sort_by_bound(w->candidates, w->candidates + n, count);
        long best = -1;
        double best_gain = -1.0, best_p = 0.0;
        smp_prune_t pr = {w->psi, 0.0, {0.0}, {0.0}};
        if (prune)
            pacta_smp_contest_prepare(m, w);
        /* The candidates in order, `lanes` contests at a time; the stopping test is made
         * before each candidate as if they came one by one, so a batch may compute a few
         * contests that are then not looked at. */
        bool done = false;
        for (size_t c = 0; c < count && !done; c += lanes) {
            if (best >= 0 && cand[c].bound < best_gain - margin)
                break;
            size_t j[SMP_MAX_LANES];
            double p_ij[SMP_MAX_LANES], p_ji[SMP_MAX_LANES];
            for (size_t l = 0; l < lanes; l++) {
                j[l] = cand[c + l < count ? c + l : c].j;
                pr.delta[l] = u_ii - smp_utility(m->dist[i * n + j[l]], w->r[i]);
                pr.s[l] = m->S[j[l]];
            }
            pr.threshold = best >= 0 ? best_gain : min_gain;
            if (!pacta_smp_contests(m, w, i, j, lanes, p_ij, p_ji, prune ? &pr : NULL))
                continue;
            for (size_t l = 0; l < lanes && c + l < count; l++) {
                if (best >= 0 && cand[c + l].bound < best_gain - margin) {
                    done = true;
                    break;
                }
                const double u_ij = smp_utility(m->dist[i * n + j[l]], w->r[i]);
                const double gain = smp_challenge_gain(u_ii, u_ij, p_ij[l], p_ji[l], m->S[j[l]]);
                if ((min_gain < gain) &&
                    (best_gain < gain || (best_gain == gain && (long)j[l] < best))) {
                    best = (long)j[l];
                    best_p = p_ij[l];
                    best_gain = gain;
                }
            }
        }
        m->target[i] = best;
        m->p_win[i] = best_p;
        m->gain[i] = best_gain;
    }
}

/* ---- 3. bargains (KTAB SMPActor::interpolateBrgn, smp.cpp:269-369) ----------------------- */

static void interpolate(const smp_t *m, size_t i, size_t j, double p_i, double p_j, double *bi,
                        double *bj)
{
    const size_t D = m->D;
    for (size_t k = 0; k < D; k++) {
        const double t_i = m->x[i * D + k], s_i = m->s[i * D + k];
        const double t_j = m->x[j * D + k], s_j = m->s[j * D + k];
        switch (m->p->ivb) {
        case SMP_IVB_S1P1:
            smp_bargain_snpm(1, 1, t_i, s_i, p_i, t_j, s_j, p_j, &bi[k], &bj[k]);
            break;
        case SMP_IVB_S2PMAX:
            smp_bargain_s2pmax(t_i, s_i, p_i, t_j, s_j, p_j, &bi[k], &bj[k]);
            break;
        default:
            smp_bargain_snpm(2, 2, t_i, s_i, p_i, t_j, s_j, p_j, &bi[k], &bj[k]);
            break;
        }
    }
}

static double *bargain_at(const smp_t *m, size_t b)
{
    return m->bargain + b * 2 * m->D;
}

/* The bargains of initiator i with its target j (smpbcn.cpp:400-560). */
static void bargain_rows(void *ctx, size_t lo, size_t hi, size_t thread)
{
    smp_t *m = ctx;
    smp_workspace_t *w = &m->ws[thread];
    const size_t D = m->D;
    for (size_t i = lo; i < hi; i++) {
        if (m->target[i] < 0)
            continue;
        const size_t j = (size_t)m->target[i];
        double *b0 = bargain_at(m, i * m->per_initiator);
        const double p = m->p_win[i];
        interpolate(m, i, j, p, 1 - p, b0, b0 + D);
        if (m->p->bm == SMP_BM_INIT_ONLY)
            continue;
        /* The receiver's view: j's estimate of the challenge's effect on i. KTAB's code
         * (smpbcn.cpp:423) takes its second component, the utility change, as the
         * probability; receiver_bargain=corrected takes the probability. */
        perspective(m, j, i, w);
        double p_ij;
        const double gain = challenge_gain(m, w, i, i, j, &p_ij);
        const double p_j = m->p->receiver_corrected ? p_ij : gain;
        if (m->p->bm == SMP_BM_INIT_RCVR) {
            double *b1 = bargain_at(m, i * m->per_initiator + 1);
            interpolate(m, i, j, p_j, 1 - p_j, b1, b1 + D);
            continue;
        }
        /* PWCompInterp: the capability x salience weighted mean of both views; KTAB weighs
         * the receiver's view with the initiator's capability (smpbcn.cpp:430). The second
         * slot of the initiator (unused by this model) holds the receiver's view meanwhile. */
        double *view = bargain_at(m, i * m->per_initiator + 1);
        interpolate(m, i, j, p_j, 1 - p_j, view, view + D);
        const double wi = m->cap[i] * m->S[i];
        const double wj = (m->p->receiver_corrected ? m->cap[j] : m->cap[i]) * m->S[j];
        for (size_t k = 0; k < 2 * D; k++)
            b0[k] = (wi * b0[k] + wj * view[k]) / (wi + wj);
    }
}

/* ---- 4. queues (KTAB SMPState::updateBestBrgnPositions, smpbcn.cpp:613-800) ------------- */

/* K14: a probabilistic Condorcet election among the states a queue's bargains lead to,
 * with capability-weighted votes; the most probable bargain (first on ties, KTAB's
 * ndxMaxAbs) or one drawn at random. */
/* Each actor's value of queue k's options (K13): ut[index(a, o)] with index voter-major
 * (a len + o) or, with panels, smp_panel_index(n, a, o), the padding of the last panel 0. */
static void queue_values(const smp_t *m, size_t k, bool panels, double *ut)
{
    const size_t n = m->n, *q = m->queue + m->queue_start[k];
    const size_t len = m->queue_start[k + 1] - m->queue_start[k];
    const double dn = (double)n;
    for (size_t o = 0; o < len; o++) {
        const double *v = q[o] == SMP_SQ ? NULL : m->value + q[o] * n;
        for (size_t a = 0; a < n; a++) {
            const double u = v == NULL ? m->own_sum[a] / dn : v[a];
            ut[panels ? smp_panel_index(n, a, o) : a * len + o] = u;
        }
    }
    for (size_t o = len; panels && o % SMP_PANEL != 0; o++)
        for (size_t a = 0; a < n; a++)
            ut[smp_panel_index(n, a, o)] = 0.0;
}

/* The election of queue k from the coalitions in w->cl: the chosen bargain. */
static void queue_election(smp_t *m, smp_workspace_t *w, size_t k)
{
    const size_t *q = m->queue + m->queue_start[k];
    const size_t len = m->queue_start[k + 1] - m->queue_start[k];
    pacta_status st = pacta_smp_pce(m->p->vpm, m->p->pce, len, w->cl, w->vp, w->p, w->work);
    if (st != PACTA_OK) {
        m->queue_status[k] = st;
        m->chosen[k] = SMP_SQ;
        return;
    }
    size_t pick = 0;
    if (m->p->stm == 1) {
        pick = pacta_smp_sample(len, w->p, pacta_smp_uniform(m->p->seed, m->turn, k));
    } else {
        double best = -1.0;
        for (size_t o = 0; o < len; o++)
            if (best < fabs(w->p[o])) {
                best = fabs(w->p[o]);
                pick = o;
            }
    }
    m->chosen[k] = q[pick];
}

/* Queues of at least this many options have their coalitions computed by all threads
 * (long_queue_rows): a few actors are the target of hundreds of initiators, and one such
 * queue costs more than all the others together. */
enum { SMP_LONG_QUEUE = 64 };

static void queue_rows(void *ctx, size_t lo, size_t hi, size_t thread)
{
    smp_t *m = ctx;
    smp_workspace_t *w = &m->ws[thread];
    const size_t n = m->n;
    for (size_t k = lo; k < hi; k++) {
        const size_t len = m->queue_start[k + 1] - m->queue_start[k];
        m->queue_status[k] = PACTA_OK;
        if (len == 1) {
            m->chosen[k] = SMP_SQ;
            continue;
        }
        if (len >= SMP_LONG_QUEUE)
            continue;
        queue_values(m, k, false, w->ut);
        pacta_smp_coalitions_voter_major(n, len, m->cap, w->ut, m->p->rule, w->cl, 0, len, w->acc);
        queue_election(m, w, k);
    }
}

typedef struct long_queue {
    const smp_t *m;
    size_t len;
    const double *ut;
    double *cl;
} long_queue_t;

static void long_queue_rows(void *ctx, size_t lo, size_t hi, size_t thread)
{
    (void)thread;
    const long_queue_t *lq = ctx;
    const smp_t *m = lq->m;
    pacta_smp_coalitions_panels(m->n, lq->len, m->cap, lq->ut, m->p->rule, lq->cl, lo, hi);
}

/* The queues queue_rows left: their values in panels and coalitions by all threads in the
 * first workspace, then the election. The result does not depend on the order of queues. */
static void long_queues(smp_t *m)
{
    smp_workspace_t *w = &m->ws[0];
    for (size_t k = 0; k < m->n; k++) {
        const size_t len = m->queue_start[k + 1] - m->queue_start[k];
        if (len < SMP_LONG_QUEUE)
            continue;
        queue_values(m, k, true, w->ut);
        long_queue_t lq = {m, len, w->ut, w->cl};
        pacta_parallel_for(m->threads, len, long_queue_rows, &lq);
        queue_election(m, w, k);
    }
}

/* Queue of actor k: its status quo, then every bargain it is party to, by initiator. */
static size_t build_queues(smp_t *m)
{
    const size_t n = m->n, per = m->per_initiator, queued = m->queued;
    size_t *count = m->queue_start; /* counts first, then prefix sums */
    for (size_t k = 0; k <= n; k++)
        count[k] = 0;
    for (size_t i = 0; i < n; i++) {
        count[i + 1] += 1;
        if (m->target[i] >= 0) {
            count[i + 1] += queued;
            count[(size_t)m->target[i] + 1] += queued;
        }
    }
    size_t longest = 0;
    for (size_t k = 0; k < n; k++) {
        longest = count[k + 1] > longest ? count[k + 1] : longest;
        count[k + 1] += count[k];
    }
    for (size_t k = 0; k < n; k++)
        m->queue[m->queue_start[k]] = SMP_SQ;
    /* Fill by initiator order using a cursor per queue (the chosen array is free here). */
    size_t *cursor = m->chosen;
    for (size_t k = 0; k < n; k++)
        cursor[k] = m->queue_start[k] + 1;
    for (size_t i = 0; i < n; i++) {
        if (m->target[i] < 0)
            continue;
        const size_t j = (size_t)m->target[i];
        for (size_t b = 0; b < queued; b++) {
            m->queue[cursor[i]++] = i * per + b;
            m->queue[cursor[j]++] = i * per + b;
        }
    }
    return longest;
}

/* ---- 5. ideals (KTAB SMPState::newIdeals, smp.cpp:705-800) ------------------------------- */

static void new_ideals(smp_t *m)
{
    const size_t n = m->n, D = m->D;
    if (m->adjust == NULL) {
        /* The identity matrix: KTAB's sum gives the new position exactly. */
        memcpy(m->y_new, m->x_new, n * D * sizeof(double));
        return;
    }
    for (size_t i = 0; i < n; i++) {
        double *yi = m->y_new + i * D;
        double si = 0.0;
        for (size_t k = 0; k < D; k++)
            yi[k] = 0.0;
        for (size_t j = 0; j < n; j++) {
            const double a = m->adjust[i * n + j];
            si = si + a;
            for (size_t k = 0; k < D; k++)
                yi[k] = yi[k] + (a * m->x_new[j * D + k]);
        }
        si = (1.0 < si) ? 1.0 : si;
        const double lag = 1.0 - si;
        for (size_t k = 0; k < D; k++)
            yi[k] = yi[k] + (lag * m->y[i * D + k]);
    }
}

/* K16: KTAB's distance between two states, the sum of the actors' Euclidean moves. */
static double state_distance(size_t n, size_t D, const double *a, const double *b)
{
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        double s = 0.0;
        for (size_t k = 0; k < D; k++) {
            const double d = a[i * D + k] - b[i * D + k];
            s = s + (d * d);
        }
        total = total + sqrt(s);
    }
    return total;
}

/* ---- the round ------------------------------------------------------------------------------ */

pacta_status pacta_smp_round(smp_t *m, long *with, double *gain, double *moved)
{
    const size_t n = m->n, D = m->D;
    pacta_parallel_for(m->threads, n, challenge_rows, m);
    pacta_parallel_for(m->threads, n, bargain_rows, m);
    pacta_smp_values(m);
    size_t longest = build_queues(m);
    pacta_status st = PACTA_OK;
    for (size_t w = 0; w < m->threads && st == PACTA_OK; w++)
        st = pacta_smp_workspace_reserve(m, &m->ws[w], longest);
    if (st != PACTA_OK)
        return st;
    pacta_parallel_for(m->threads, n, queue_rows, m);
    long_queues(m);
    for (size_t k = 0; k < n; k++)
        if (m->queue_status[k] != PACTA_OK)
            st = m->queue_status[k];
    if (st != PACTA_OK)
        return st;
    /* New positions from the chosen bargains. */
    for (size_t k = 0; k < n; k++) {
        const size_t b = m->chosen[k];
        with[k] = -1;
        gain[k] = NAN;
        if (b == SMP_SQ) {
            memcpy(m->x_new + k * D, m->x + k * D, D * sizeof(double));
        } else {
            const size_t i = b / m->per_initiator, j = (size_t)m->target[i];
            const double *coords = bargain_at(m, b) + (i == k ? 0 : D);
            memcpy(m->x_new + k * D, coords, D * sizeof(double));
            with[k] = (long)(i == k ? j : i);
            gain[k] = m->gain[i];
        }
    }
    new_ideals(m);
    *moved = state_distance(n, D, m->x_new, m->x);
    double *swap = m->x;
    m->x = m->x_new;
    m->x_new = swap;
    swap = m->y;
    m->y = m->y_new;
    m->y_new = swap;
    return PACTA_OK;
}
