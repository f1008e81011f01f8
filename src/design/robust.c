/* Robust designs: every distinct feasible end point of the deterministic search is judged
 * again in Monte Carlo draws of the scenario (the draws pacta_simulation makes: the same
 * mirror, the same (seed, replicate, field) streams) and the deals are re-ranked by the
 * objective averaged over the draws, those whose constraints all hold with at least the
 * confidence asked for first. docs/design-search.md, "Robust designs". */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "design/design_internal.h"
#include "sim/sim_internal.h"

/* Bits of a draw's outcome: one per family that holds, and ALL_HOLD when every one does. */
#define ALL_HOLD (1u << PACTA_DESIGN_CONSTRAINT_COUNT)

/* Which families hold at the candidate last judged, as pacta_design_exactly_feasible() judges them.
 */
static unsigned holds(const problem_t *p)
{
    const pacta_proposal_verdict_t *v = &p->verdict;
    unsigned h = 0;
    if (v->vetoes_accept)
        h |= 1u << PACTA_DESIGN_VETOES;
    if (p->present[PACTA_DESIGN_RANGE] && v->bargaining.inside)
        h |= 1u << PACTA_DESIGN_RANGE;
    if (p->present[PACTA_DESIGN_COMMITMENT] && v->commitment.self_enforcing)
        h |= 1u << PACTA_DESIGN_COMMITMENT;
    if (p->present[PACTA_DESIGN_EMBOLDENING] &&
        !(v->emboldening.present && v->emboldening.index > p->o->max_emboldening))
        h |= 1u << PACTA_DESIGN_EMBOLDENING;
    return pacta_design_exactly_feasible(p) ? h | ALL_HOLD : h;
}

/* The work of the draws: every thread takes the draws r = t, t + T, ... and writes each
 * outcome into its own slot, so what is summed afterwards, in draw order, is the same on
 * any number of threads. */
typedef struct robust_job {
    const problem_t *p;
    const candidate_t *cand;
    size_t n_cand;
    uint64_t runs;
    unsigned n_threads;
    unsigned char *outcome; /* [c * runs + r]: bits of holds() */
    double *objective;      /* [c * runs + r] */
} robust_job_t;

typedef struct robust_worker {
    robust_job_t *job;
    unsigned index;
    pthread_t thread;
    pacta_status status;
} robust_worker_t;

static pacta_status robust_draws(robust_job_t *job, unsigned t)
{
    const problem_t *p = job->p;
    const pacta_scenario_t *s = p->s;
    pacta_arena_t *keep = pacta_arena_create(), *draw = pacta_arena_create();
    pacta_arena_t *scratch = pacta_arena_create();
    double *x = pacta_calloc(p->n_vars + 1, sizeof *x);
    pacta_status st = PACTA_OK;
    problem_t q = *p; /* this thread's copy: its own scenario, context and buffers */
    sim_mirror_t mirror;
    if (keep == NULL || draw == NULL || scratch == NULL || x == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    st = pacta_sim_mirror_create(&mirror, s, p->o->jitter, p->o->n_jitter, keep);
    q.s = &mirror.s;
    q.scratch = scratch;
    q.point = pacta_arena_alloc(keep, s->n_issues, sizeof(double));
    q.slack = pacta_arena_alloc(keep, p->n_slacks, sizeof(double));
    if (st == PACTA_OK && (q.point == NULL || q.slack == NULL))
        st = PACTA_ENOMEM;
    for (uint64_t r = t; st == PACTA_OK && r < job->runs; r += job->n_threads) {
        pacta_sim_mirror_sample(&mirror, p->o->seed, r);
        pacta_arena_reset(draw);
        settle_params_t params;
        /* No diagnostics from a draw: the point scenario passed every check, and the
         * settle code reports only from the Pareto search, which design turns off. */
        st = pacta_settle_params_init(&params, &mirror.s, draw);
        if (st == PACTA_OK)
            st = pacta_settle_context_init(&q.c, &mirror.s, &q.eo, &params, draw, NULL);
        if (st != PACTA_OK)
            break;
        q.c.arena = scratch;
        for (size_t c = 0; c < job->n_cand && st == PACTA_OK; c++) {
            /* The issues a deal leaves alone stay at this draw's status quo. */
            for (size_t k = 0; k < s->n_issues; k++)
                q.point[k] = q.c.status_quo[k];
            for (size_t v = 0; v < p->n_vars; v++)
                x[v] = job->cand[c].point[p->var_issue[v]];
            st = pacta_design_judge(&q, x);
            job->outcome[c * job->runs + r] = (unsigned char)holds(&q);
            job->objective[c * job->runs + r] = q.objective;
        }
    }

cleanup:
    pacta_free(x);
    pacta_arena_destroy(scratch);
    pacta_arena_destroy(draw);
    pacta_arena_destroy(keep);
    return st;
}

static void *robust_work(void *arg)
{
    robust_worker_t *w = arg;
    w->status = robust_draws(w->job, w->index);
    return NULL;
}

/* Order of a robust re-ranking: the confident first, by the mean objective; then the rest
 * by P(every family holds) and the mean objective; ties by start. */
typedef struct ranked {
    const candidate_t *cand;
    pacta_design_robust_t robust;
} ranked_t;

static int by_robust(const void *pa, const void *pb)
{
    const ranked_t *a = pa, *b = pb;
    if (a->robust.confident != b->robust.confident)
        return a->robust.confident ? -1 : 1;
    if (!a->robust.confident && a->robust.p_all != b->robust.p_all)
        return a->robust.p_all > b->robust.p_all ? -1 : 1;
    candidate_t ca = *a->cand, cb = *b->cand;
    ca.objective = a->robust.mean_objective;
    cb.objective = b->robust.mean_objective;
    return pacta_design_by_objective(&ca, &cb);
}

/* Judge the n distinct candidates over the draws into ranked (best first). */
static pacta_status robust_rank(problem_t *p, pacta_design_t *d, const candidate_t *cand, size_t n,
                                ranked_t *ranked)
{
    const pacta_design_options_t *o = p->o;
    robust_job_t job = {p, cand, n, o->runs, o->threads, NULL, NULL};
    if (job.n_threads == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        job.n_threads = cores > 0 ? (unsigned)cores : 1;
    }
    if (job.n_threads > o->runs)
        job.n_threads = (unsigned)o->runs;
    pacta_status st = PACTA_OK;
    robust_worker_t *workers = pacta_calloc(job.n_threads, sizeof *workers);
    /* One outcome and one objective per candidate and draw; a count too large to address is
     * out of memory, not a wrapped product. */
    bool fits = o->runs <= SIZE_MAX / sizeof(double) / (n > 0 ? n : 1);
    job.outcome = fits ? pacta_calloc(n * o->runs, 1) : NULL;
    job.objective = fits ? pacta_calloc(n * o->runs, sizeof(double)) : NULL;
    if (workers == NULL || job.outcome == NULL || job.objective == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    unsigned started = 0;
    for (unsigned t = 0; t < job.n_threads; t++) {
        workers[t].job = &job;
        workers[t].index = t;
        if (t == 0)
            continue; /* the calling thread does the draws of thread 0 */
        if (pthread_create(&workers[t].thread, NULL, robust_work, &workers[t]) != 0) {
            workers[t].status = PACTA_ENOMEM;
            break;
        }
        started = t;
    }
    workers[0].status = robust_draws(&job, 0);
    for (unsigned t = 1; t <= started; t++)
        pthread_join(workers[t].thread, NULL);
    for (unsigned t = 0; t < job.n_threads && st == PACTA_OK; t++)
        st = workers[t].status;
    if (st != PACTA_OK)
        goto cleanup;
    double runs = (double)o->runs;
    for (size_t c = 0; c < n; c++) {
        ranked_t *rk = &ranked[c];
        rk->cand = &cand[c];
        uint64_t count[PACTA_DESIGN_CONSTRAINT_COUNT + 1] = {0};
        double sum = 0;
        uint64_t defined = 0;
        for (uint64_t r = 0; r < o->runs; r++) {
            unsigned h = job.outcome[c * o->runs + r];
            for (unsigned f = 0; f <= PACTA_DESIGN_CONSTRAINT_COUNT; f++)
                count[f] += h >> f & 1u;
            double v = job.objective[c * o->runs + r];
            if (!isnan(v)) {
                sum += v;
                defined++;
            }
        }
        for (unsigned f = 0; f < PACTA_DESIGN_CONSTRAINT_COUNT; f++) {
            double q = (double)count[f] / runs;
            rk->robust.p_hold[f] = p->present[f] ? q : NAN;
            rk->robust.se_hold[f] = p->present[f] ? sqrt(q * (1 - q) / runs) : NAN;
        }
        double all = (double)count[PACTA_DESIGN_CONSTRAINT_COUNT] / runs;
        rk->robust.p_all = all;
        rk->robust.se_all = sqrt(all * (1 - all) / runs);
        rk->robust.n_defined = defined;
        rk->robust.mean_objective = defined > 0 ? sum / (double)defined : NAN;
        rk->robust.confident = all >= o->confidence;
        d->confident |= rk->robust.confident;
    }
    qsort(ranked, n, sizeof *ranked, by_robust);

cleanup:
    pacta_free(workers);
    pacta_free(job.outcome);
    pacta_free(job.objective);
    return st;
}

/* Robust deals: the distinct feasible end points (best objective first), judged over the
 * draws and re-ranked; the best o->top of them become the deals. */
pacta_status pacta_design_robust_deals(problem_t *p, pacta_design_t *d, pacta_arena_t *arena,
                                       pacta_arena_t *work, const candidate_t *found,
                                       size_t n_found, pacta_design_deal_t *deals, size_t *n_deals)
{
    candidate_t *distinct = pacta_arena_alloc(work, n_found, sizeof *distinct);
    ranked_t *ranked = pacta_arena_alloc(work, n_found, sizeof *ranked);
    if (distinct == NULL || ranked == NULL)
        return PACTA_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < n_found; i++) {
        bool apart = true;
        for (size_t k = 0; k < n && apart; k++)
            apart = pacta_design_far_apart(p, found[i].point, distinct[k].point);
        if (apart)
            distinct[n++] = found[i];
    }
    d->n_candidates = n;
    pacta_status st = robust_rank(p, d, distinct, n, ranked);
    size_t top = p->o->top < n ? p->o->top : n;
    for (size_t i = 0; st == PACTA_OK && i < top; i++) {
        st = pacta_design_make_deal(p, arena, ranked[i].cand->point, &deals[i]);
        deals[i].robust = ranked[i].robust;
        *n_deals = i + 1;
    }
    return st;
}
