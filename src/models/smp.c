/* KTAB's Spatial Model of Politics (SMP): actors bargain over all dimensions at once. One
 * round (KTAB SMPState::stepBCN), with equation numbers of docs/models.md section M6:
 *
 *   1. assess the state: distances from each ideal to each position (K1), risk-neutral
 *      utilities (K2), coalitions and the probability of each actor's position (K3-K6), and
 *      risk attitudes from those probabilities (K7);
 *   2. each actor evaluates a challenge against every other actor from its own perspective
 *      (K8-K10) and picks the most valuable one, if any is worth more than 1e-5 (K11);
 *   3. each challenge becomes a bargain: a compromise point on every dimension (K12),
 *      queued for both parties;
 *   4. each actor resolves its own queue (its status quo plus the bargains it is party to)
 *      by a probabilistic Condorcet election over the states they lead to (K13, K14);
 *   5. ideal points follow the new positions (K15); KTAB's stopping rule decides (K16).
 *
 * Only what the model needs is computed: per round O(n^2 D) distances, O(n^3) for the
 * coalitions among the actors' positions and for the n(n-1) challenge evaluations of O(n)
 * each, and O(n m^2) per bargain queue of length m. Memory is O(n^2) (a few n x n matrices)
 * plus the recorded history, O(rounds n D). KTAB's O(n^4) side computations for its log
 * tables and its n^3 utilities per state are not needed and not done. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/parallel.h"
#include "models/model_internal.h"
#include "models/smp_formulas.h"
#include "models/smp_internal.h"

/* ---- options ----------------------------------------------------------------------------- */

static const char *const vpm_choices[] = {"Linear", "Square", "Quartic", "Octic", "Binary", NULL};
static const char *const pce_choices[] = {"Conditional", "MarkovIncentive", "MarkovUniform", NULL};
static const char *const stm_choices[] = {"Deterministic", "Stochastic", NULL};
static const char *const vr_choices[] = {"Binary", "PropBin", "Prop",
                                         "PropCbc", "Cubic",   "ASymProsp", NULL};
static const char *const radj_choices[] = {"None", "OneThird", "Half", "TwoThirds", "Full", NULL};
static const char *const rrange_choices[] = {"Min", "Mid", "Max", NULL};
static const char *const tpc_choices[] = {"NoCommit", "SemiCommit", "FullCommit", NULL};
static const char *const ivb_choices[] = {"S1P1", "S2P2", "S2PMax", NULL};
static const char *const bm_choices[] = {"InitOnlyInterp", "InitRcvrInterp", "PWCompInterp", NULL};
static const char *const readout_choices[] = {"probable", "mean", "median", NULL};
static const char *const salience_choices[] = {"scale", "refuse", NULL};
static const char *const receiver_choices[] = {"ktab", "corrected", NULL};
static const char *const dimension_choices[] = {"auto", "joint", "separate", NULL};
static const char *const scan_choices[] = {"bounded", "full", NULL};

enum {
    OPT_VPM,
    OPT_PCE,
    OPT_STM,
    OPT_VR,
    OPT_RADJ,
    OPT_RRANGE,
    OPT_TPC,
    OPT_IVB,
    OPT_BM,
    OPT_ROUNDS,
    OPT_STOP_RATIO,
    OPT_READOUT,
    OPT_SEED,
    OPT_THREADS,
    OPT_SALIENCE,
    OPT_RECEIVER,
    OPT_DIMENSIONS,
    OPT_SCAN,
    OPT_COUNT
};

/* Defaults are KTAB's (kmodel.h:312-318, smp.h:456-470; smpc has no flags to change them). */
static const pacta_option_spec_t smp_options[OPT_COUNT] = {
    [OPT_VPM] = {"VictoryProbModel", PACTA_OPTION_CHOICE, vpm_choices, 0, 0, "Linear",
                 "K5: probability of victory from coalition strengths c1, c2: c1/(c1+c2), or "
                 "with the strengths squared, to the 4th or 8th power, or Binary (a 10% "
                 "advantage wins)"},
    [OPT_PCE] = {"PCEModel", PACTA_OPTION_CHOICE, pce_choices, 0, 0, "Conditional",
                 "K6: probability of each option from pairwise victories: conditional "
                 "(product over rivals), or the stationary distribution of a Markov chain of "
                 "challenges (by incentive or uniform)"},
    [OPT_STM] = {"StateTransitions", PACTA_OPTION_CHOICE, stm_choices, 0, 0, "Deterministic",
                 "K14: each actor takes its most probable bargain, or draws one with those "
                 "probabilities (per-actor, per-round streams from 'seed')"},
    [OPT_VR] = {"VotingRule", PACTA_OPTION_CHOICE, vr_choices, 0, 0, "Prop",
                "K3: vote as a function of the utility difference du: proportional w du, "
                "binary, cubic, mixtures, or prospect-theory asymmetric"},
    [OPT_RADJ] = {"BigRAdjust", PACTA_OPTION_CHOICE, radj_choices, 0, 0, "OneThird",
                  "K8: how far h's estimate of i's risk attitude moves from h's own toward "
                  "i's: (2 R_h + R_i)/3 for OneThird"},
    [OPT_RRANGE] = {"BigRRange", PACTA_OPTION_CHOICE, rrange_choices, 0, 0, "Mid",
                    "K7: range of risk attitudes from position probabilities: [0, 1] (Min), "
                    "[-1/2, 1] (Mid) or [-1, 1] (Max)"},
    [OPT_TPC] = {"ThirdPartyCommit", PACTA_OPTION_CHOICE, tpc_choices, 0, 0, "SemiCommit",
                 "K9c: in the outcomes a third party compares, its own position is always "
                 "kept (NoCommit), kept when its side wins and replaced by the winner's when "
                 "it loses (SemiCommit), or always replaced (FullCommit)"},
    [OPT_IVB] = {"InterVecBrgn", PACTA_OPTION_CHOICE, ivb_choices, 0, 0, "S2P2",
                 "K12: bargain weights s^2 p^2 (S2P2), s p (S1P1), or shifts by probability "
                 "advantage (S2PMax)"},
    [OPT_BM] = {"BargnModel", PACTA_OPTION_CHOICE, bm_choices, 0, 0, "InitOnlyInterp",
                "K12: the bargain from the initiator's view only, both views, or their "
                "capability x salience weighted compromise"},
    [OPT_ROUNDS] = {"rounds", PACTA_OPTION_INTEGER, NULL, 1, 10000, "100",
                    "K16: most rounds to run (KTAB: 100)"},
    [OPT_STOP_RATIO] = {"stop_ratio", PACTA_OPTION_REAL, NULL, 0, 1, "0.02",
                        "K16: stop from round 2 on once a round moves the actors less than "
                        "this fraction of the first round's movement (KTAB: 0.02)"},
    [OPT_READOUT] = {"readout", PACTA_OPTION_CHOICE, readout_choices, 0, 0, "probable",
                     "the forecast on each issue: the final position with the highest "
                     "winning probability (KTAB's last column), or the capability x salience "
                     "weighted mean or median of the final positions"},
    [OPT_SEED] = {"seed", PACTA_OPTION_INTEGER, NULL, 0, 9007199254740991.0, "0",
                  "seed of the random draws of StateTransitions=Stochastic (ignored when "
                  "deterministic)"},
    [OPT_THREADS] = {"threads", PACTA_OPTION_INTEGER, NULL, 0, 1024, "1",
                     "threads to use (0: one per processor); results do not depend on it"},
    [OPT_SALIENCE] = {"salience_sum", PACTA_OPTION_CHOICE, salience_choices, 0, 0, "scale",
                      "an actor whose saliences on the issues bargained over sum to more than "
                      "100 (KTAB refuses such input) has them scaled to sum to 100, or the "
                      "model refuses"},
    [OPT_RECEIVER] = {"receiver_bargain", PACTA_OPTION_CHOICE, receiver_choices, 0, 0, "ktab",
                      "InitRcvrInterp and PWCompInterp only: as KTAB's code (the receiver's "
                      "estimated utility change used as a probability, and the initiator's "
                      "capability in the receiver's weight), or corrected"},
    [OPT_DIMENSIONS] = {"dimensions", PACTA_OPTION_CHOICE, dimension_choices, 0, 0, "auto",
                        "pacta forecast: bargain over all selected issues at once (joint; "
                        "actors without a stance on every one are left out), issue by issue "
                        "(separate), or jointly unless that would leave an actor out (auto)"},
    [OPT_SCAN] = {"challenge_scan", PACTA_OPTION_CHOICE, scan_choices, 0, 0, "bounded",
                  "K11: evaluate only the targets whose bound can beat the best so far, or "
                  "every target as KTAB does; both choose the same target"},
};

typedef struct smp_params {
    int vpm, pce, stm, rule, radj, rrange, tpc, ivb, bm;
    int rounds;
    double stop_ratio;
    int readout;
    uint64_t seed;
    size_t threads;
    int salience;
    bool receiver_corrected;
    bool full_scan;
} smp_params_t;

enum { READOUT_PROBABLE, READOUT_MEAN, READOUT_MEDIAN };
enum { SALIENCE_SCALE, SALIENCE_REFUSE };

static pacta_status parse(void *params, const char *const *v, pacta_diag_t *diag)
{
    (void)diag;
    smp_params_t *p = params;
    p->vpm = pacta_model_choice(v[OPT_VPM], vpm_choices);
    p->pce = pacta_model_choice(v[OPT_PCE], pce_choices);
    p->stm = pacta_model_choice(v[OPT_STM], stm_choices);
    p->rule = pacta_model_choice(v[OPT_VR], vr_choices);
    p->radj = pacta_model_choice(v[OPT_RADJ], radj_choices);
    p->rrange = pacta_model_choice(v[OPT_RRANGE], rrange_choices);
    p->tpc = pacta_model_choice(v[OPT_TPC], tpc_choices);
    p->ivb = pacta_model_choice(v[OPT_IVB], ivb_choices);
    p->bm = pacta_model_choice(v[OPT_BM], bm_choices);
    p->rounds = (int)pacta_model_real(v[OPT_ROUNDS]);
    p->stop_ratio = pacta_model_real(v[OPT_STOP_RATIO]);
    p->readout = pacta_model_choice(v[OPT_READOUT], readout_choices);
    p->seed = (uint64_t)pacta_model_real(v[OPT_SEED]);
    double threads = pacta_model_real(v[OPT_THREADS]);
    p->threads = threads > 0 ? (size_t)threads : pacta_processor_count();
    p->salience = pacta_model_choice(v[OPT_SALIENCE], salience_choices);
    p->receiver_corrected = pacta_model_choice(v[OPT_RECEIVER], receiver_choices) == 1;
    p->full_scan = pacta_model_choice(v[OPT_SCAN], scan_choices) == 1;
    return PACTA_OK;
}

/* ---- state of one run ---------------------------------------------------------------------- */

/* A bargain is identified by its initiator and which of the initiator's bargains it is (two
 * with InitRcvrInterp); the status quo of a queue is SQ. */
#define SQ ((size_t)-1)

/* A target with the most its challenge could be worth (K11's bound). */
typedef struct candidate {
    double bound;
    size_t j;
} candidate_t;

typedef struct workspace {
    double *r;      /* n: the perspective's estimated risk attitudes */
    double *u_i;    /* n: U^h of every actor for the initiator's position */
    double *u_self; /* n: U^h of every actor for its own position */
    candidate_t *candidates; /* n */
    double *votes;           /* n: third parties' votes in one contest */
    size_t capacity;  /* queue options the buffers below hold */
    double *ut;       /* capacity * n: option-major values of a queue */
    double *cl, *vp, *p, *work;
} workspace_t;

typedef struct smp {
    const smp_params_t *p;
    size_t n, D, threads;
    const double *cap; /* n capabilities (borrowed) */
    const double *adjust; /* n x n ideal adjustment (borrowed) or NULL */
    double *s;         /* n x D saliences on 0-1 */
    double *S;         /* n total saliences */
    double *w_cs;      /* n: S_i c_i, the weight of principals and third parties */
    double *x, *y;     /* n x D positions and ideals on 0-1 */
    double *x_new, *y_new;
    /* the assessment of the current state */
    double *dist;   /* n x n: dist[i n + j] = K1 from i's ideal to j's position */
    double *dist_t; /* n x n: the transpose */
    double *R;      /* n risk attitudes */
    double *R_self; /* n: each actor's estimate of its own risk attitude (K8 with h = i) */
    double *u0t;    /* n x n risk-neutral utilities, option-major; reused as victory matrix */
    double *cl;     /* n x n coalition strengths */
    double *pce;    /* n */
    double *work;   /* 3 n x n for the Markov models, else NULL */
    bool risk_undefined;
    /* challenges and bargains of the round */
    long *target;    /* n: target of each initiator, or -1 */
    double *p_win;   /* n: the initiator's estimate that it wins */
    double *gain;    /* n: its expected gain */
    size_t per_initiator; /* bargain slots per initiator: 1, or 2 for the receiver's view */
    size_t queued;        /* bargains per initiator that enter the queues: 1 or 2 */
    double *bargain; /* (n * per_initiator) x 2D: initiator's then receiver's coordinates */
    double *value;   /* (n * per_initiator) x n: value of each bargain to each actor (K13) */
    double *own_sum; /* n: sum over positions of each actor's utility (K13, status quo) */
    size_t *queue_start; /* n + 1 */
    size_t *queue;       /* bargains per queue, status quo first */
    size_t *chosen;      /* n: chosen bargain of each actor, or SQ */
    pacta_status *queue_status; /* n */
    size_t turn;
    workspace_t *ws;     /* one per thread */
} smp_t;

static pacta_status alloc_doubles(double **p, size_t count)
{
    *p = pacta_malloc((count ? count : 1) * sizeof(double));
    return *p ? PACTA_OK : PACTA_ENOMEM;
}

static void workspace_free(workspace_t *w)
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
    memset(w, 0, sizeof *w);
}

/* Make room for queues of up to m options (called before the parallel loop). */
static pacta_status workspace_reserve(const smp_t *m, workspace_t *w, size_t options)
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
    pacta_status st = alloc_doubles(&w->ut, cap * m->n);
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

static void smp_free(smp_t *m)
{
    double *arrays[] = {m->s,    m->S,      m->w_cs, m->x,    m->y,     m->x_new, m->y_new,
                        m->dist, m->dist_t, m->R,    m->R_self, m->u0t, m->cl,    m->pce,
                        m->work, m->p_win,  m->gain, m->bargain, m->value, m->own_sum};
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

static pacta_status smp_alloc(smp_t *m)
{
    const size_t n = m->n, D = m->D, nn = n * n, nb = n * m->per_initiator;
    pacta_status st = PACTA_OK;
    struct {
        double **p;
        size_t count;
    } plan[] = {
        {&m->s, n * D},     {&m->S, n},         {&m->w_cs, n},     {&m->x, n * D},
        {&m->y, n * D},     {&m->x_new, n * D}, {&m->y_new, n * D}, {&m->dist, nn},
        {&m->dist_t, nn},   {&m->R, n},         {&m->R_self, n},    {&m->u0t, nn},
        {&m->cl, nn},       {&m->pce, n},       {&m->p_win, n},     {&m->gain, n},
        {&m->bargain, nb * 2 * D}, {&m->value, nb * n}, {&m->own_sum, n},
    };
    for (size_t i = 0; st == PACTA_OK && i < sizeof plan / sizeof plan[0]; i++)
        st = alloc_doubles(plan[i].p, plan[i].count);
    if (st == PACTA_OK && m->p->pce != SMP_PCE_CONDITIONAL)
        st = alloc_doubles(&m->work, 3 * nn);
    if (st != PACTA_OK)
        return st;
    m->target = pacta_malloc(n * sizeof(long));
    m->queue_start = pacta_malloc((n + 1) * sizeof(size_t));
    m->queue = pacta_malloc((n + 2 * nb) * sizeof(size_t));
    m->chosen = pacta_malloc(n * sizeof(size_t));
    m->queue_status = pacta_malloc(n * sizeof(pacta_status));
    m->ws = pacta_calloc(m->threads, sizeof(workspace_t));
    if (!m->target || !m->queue_start || !m->queue || !m->chosen || !m->queue_status || !m->ws)
        return PACTA_ENOMEM;
    for (size_t t = 0; t < m->threads; t++) {
        st = alloc_doubles(&m->ws[t].r, n);
        if (st == PACTA_OK)
            st = alloc_doubles(&m->ws[t].u_i, n);
        if (st == PACTA_OK)
            st = alloc_doubles(&m->ws[t].u_self, n);
        if (st == PACTA_OK)
            st = alloc_doubles(&m->ws[t].votes, n);
        if (st != PACTA_OK)
            return st;
        m->ws[t].candidates = pacta_malloc(n * sizeof(candidate_t));
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
        for (size_t j = 0; j < n; j++)
            m->dist[i * n + j] = smp_distance(D, m->y + i * D, m->x + j * D, m->s + i * D);
}

static void transpose_rows(void *ctx, size_t lo, size_t hi, size_t thread)
{
    (void)thread;
    smp_t *m = ctx;
    const size_t n = m->n;
    for (size_t j = lo; j < hi; j++)
        for (size_t i = 0; i < n; i++) {
            const double d = m->dist[i * n + j];
            m->dist_t[j * n + i] = d;
            /* K2 with R = 0, option-major: row j holds every actor's utility of j's position. */
            m->u0t[j * n + i] = smp_utility(d, 0.0);
        }
}

static void coalition_rows(void *ctx, size_t lo, size_t hi, size_t thread)
{
    (void)thread;
    smp_t *m = ctx;
    pacta_smp_coalitions(m->n, m->n, m->cap, m->u0t, m->p->rule, m->cl, lo, hi);
}

/* Distances, then the probability of each actor's position with risk-neutral utilities and
 * capability-weighted votes, then risk attitudes from those probabilities. */
static pacta_status assess(smp_t *m)
{
    const size_t n = m->n;
    pacta_parallel_for(m->threads, n, distance_rows, m);
    pacta_parallel_for(m->threads, n, transpose_rows, m);
    pacta_parallel_for(m->threads, n, coalition_rows, m);
    /* The victory matrix overwrites the risk-neutral utilities, which are no longer needed. */
    pacta_status st = pacta_smp_pce(m->p->vpm, m->p->pce, n, m->cl, m->u0t, m->pce, m->work);
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
static void perspective(const smp_t *m, size_t h, size_t i, workspace_t *w)
{
    const size_t n = m->n;
    for (size_t a = 0; a < n; a++)
        w->r[a] = smp_estimated_risk(m->p->radj, m->R[h], m->R[a]);
    for (size_t a = 0; a < n; a++) {
        w->u_i[a] = smp_utility(m->dist_t[i * n + a], w->r[a]);
        w->u_self[a] = smp_utility(m->dist[a * n + a], w->r[a]);
    }
}

#if defined(__GNUC__)
#define SMP_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define SMP_ALWAYS_INLINE inline
#endif

/* K9b-c summed over the third parties k of the contest of i against j: the O(n) loop run
 * n^2 times a round. Inlined where it is called, so that with the default rule and
 * commitment passed as constants the compiler drops the switches from the loop. */
static SMP_ALWAYS_INLINE void third_parties(const smp_t *m, const workspace_t *w, size_t i,
                                            size_t j, int rule, int tpc, double c_i0,
                                            double c_j0, double *chij, double *chji)
{
    const size_t n = m->n;
    const double *restrict r = w->r, *restrict u_i = w->u_i, *restrict u_self = w->u_self;
    const double *restrict w_cs = m->w_cs, *restrict d_j = m->dist_t + j * n;
    double *restrict votes = w->votes;
    /* First every vote, element by element (the compiler may do several at once: each is
     * computed with exactly the same operations), then the sums in KTAB's order. The
     * principals' own entries are set to 0, which adds nothing: c + 0.0 == c. */
    for (size_t k = 0; k < n; k++) {
        const double u_ki = u_i[k], u_kj = smp_utility(d_j[k], r[k]);
        const double p_in = smp_little_probability(rule, w_cs[k], u_ki, u_kj, c_i0, c_j0);
        votes[k] = smp_third_party_vote(rule, tpc, w_cs[k], p_in, u_ki, u_kj, u_self[k]);
    }
    votes[i] = 0.0;
    votes[j] = 0.0;
    double sum_ij = *chij, sum_ji = *chji;
    for (size_t k = 0; k < n; k++) {
        sum_ij = sum_ij + smp_positive(votes[k]);
        sum_ji = sum_ji + smp_negative(votes[k]);
    }
    *chij = sum_ij;
    *chji = sum_ji;
}

/* K9: the perspective's probability that i beats j (p_ij) and that j beats i (p_ji), from
 * the principals' own contributions and each third party's vote in its little conflict. */
static void contest(const smp_t *m, const workspace_t *w, size_t i, size_t j, double *p_ij,
                    double *p_ji)
{
    const size_t n = m->n;
    const int rule = m->p->rule, tpc = m->p->tpc;
    const double *r = w->r, *u_i = w->u_i, *u_self = w->u_self;
    const double *d_j = m->dist_t + j * n;
    const double u_ii = u_i[i], u_ij = smp_utility(d_j[i], r[i]);
    const double u_ji = u_i[j], u_jj = u_self[j];
    const double contrib_i = smp_vote(rule, m->w_cs[i], u_ii, u_ij);
    const double contrib_j = smp_vote(rule, m->w_cs[j], u_ji, u_jj);
    double chij = 1e-10, chji = 1e-10; /* KTAB's minCltn, smpbcn.cpp */
    if (contrib_i > 0.0)
        chij = chij + contrib_i;
    if (contrib_i < 0.0)
        chji = chji - contrib_i;
    if (contrib_j > 0.0)
        chij = chij + contrib_j;
    if (contrib_j < 0.0)
        chji = chji - contrib_j;
    const double c_i0 = chij, c_j0 = chji;
    if (rule == SMP_VR_PROP && tpc == SMP_TPC_SEMI_COMMIT)
        third_parties(m, w, i, j, SMP_VR_PROP, SMP_TPC_SEMI_COMMIT, c_i0, c_j0, &chij, &chji);
    else
        third_parties(m, w, i, j, rule, tpc, c_i0, c_j0, &chij, &chji);
    *p_ij = chij / (chij + chji);
    *p_ji = chji / (chij + chji);
}

/* K10 for the perspective in w: k's expected gain when i challenges j. */
static double challenge_gain(const smp_t *m, const workspace_t *w, size_t k, size_t i, size_t j,
                             double *p_ij)
{
    const size_t n = m->n;
    double p_ji;
    contest(m, w, i, j, p_ij, &p_ji);
    const double u_ki = smp_utility(m->dist_t[i * n + k], w->r[k]);
    const double u_kj = smp_utility(m->dist_t[j * n + k], w->r[k]);
    return smp_challenge_gain(u_ki, u_kj, *p_ij, p_ji, m->S[j]);
}

static int by_bound(const void *a, const void *b)
{
    const candidate_t *x = a, *y = b;
    if (x->bound != y->bound)
        return x->bound > y->bound ? -1 : 1;
    return x->j < y->j ? -1 : x->j > y->j;
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
    workspace_t *w = &m->ws[thread];
    const size_t n = m->n;
    const double min_gain = 1e-5, margin = 1e-12;
    for (size_t i = lo; i < hi; i++) {
        perspective(m, i, i, w);
        size_t count = 0;
        const double u_ii = w->u_i[i];
        for (size_t j = 0; j < n; j++) {
            if (j == i)
                continue;
            const double delta = u_ii - smp_utility(m->dist_t[j * n + i], w->r[i]);
            const double bound = delta >= 0 ? delta : delta * (1 - 2 * m->S[j]);
            if (m->p->full_scan)
                w->candidates[count++] = (candidate_t){INFINITY, j};
            else if (bound >= min_gain - margin)
                w->candidates[count++] = (candidate_t){bound, j};
        }
        if (!m->p->full_scan)
            qsort(w->candidates, count, sizeof(candidate_t), by_bound);
        long best = -1;
        double best_gain = -1.0, best_p = 0.0;
        for (size_t c = 0; c < count; c++) {
            const size_t j = w->candidates[c].j;
            if (best >= 0 && w->candidates[c].bound < best_gain - margin)
                break;
            double p_ij;
            const double gain = challenge_gain(m, w, i, i, j, &p_ij);
            if ((min_gain < gain) &&
                (best_gain < gain || (best_gain == gain && (long)j < best))) {
                best = (long)j;
                best_p = p_ij;
                best_gain = gain;
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
    workspace_t *w = &m->ws[thread];
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

/* K13: each actor's value of every bargain's outcome: the mean over all positions of its
 * utilities, with the two parties' positions replaced by the bargain's (posUtil with the
 * actor's own ideal and risk attitude; the others as in its own utility matrix). */
static void value_rows(void *ctx, size_t lo, size_t hi, size_t thread)
{
    (void)thread;
    smp_t *m = ctx;
    const size_t n = m->n, D = m->D, per = m->per_initiator;
    const double dn = (double)n;
    for (size_t b = lo; b < hi; b++) {
        const size_t i = b / per;
        if (m->target[i] < 0 || b % per >= m->queued)
            continue;
        const size_t j = (size_t)m->target[i];
        const double *bi = bargain_at(m, b), *bj = bi + D;
        double *v = m->value + b * n;
        for (size_t a = 0; a < n; a++) {
            const double *ya = m->y + a * D, *sa = m->s + a * D;
            const double r_self = m->R_self[a];
            const double u_init = smp_utility(smp_distance(D, ya, bi, sa), m->R[a]);
            const double u_rcvr = smp_utility(smp_distance(D, ya, bj, sa), m->R[a]);
            const double old_i = smp_utility(m->dist[a * n + i], r_self);
            const double old_j = smp_utility(m->dist[a * n + j], r_self);
            v[a] = (m->own_sum[a] - old_i - old_j + u_init + u_rcvr) / dn;
        }
    }
}

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

/* K14: a probabilistic Condorcet election among the states a queue's bargains lead to,
 * with capability-weighted votes; the most probable bargain (first on ties, KTAB's
 * ndxMaxAbs) or one drawn at random. */
static void queue_rows(void *ctx, size_t lo, size_t hi, size_t thread)
{
    smp_t *m = ctx;
    workspace_t *w = &m->ws[thread];
    const size_t n = m->n;
    const double dn = (double)n;
    for (size_t k = lo; k < hi; k++) {
        const size_t *q = m->queue + m->queue_start[k];
        const size_t len = m->queue_start[k + 1] - m->queue_start[k];
        m->queue_status[k] = PACTA_OK;
        if (len == 1) {
            m->chosen[k] = SQ;
            continue;
        }
        for (size_t o = 0; o < len; o++) {
            double *row = w->ut + o * n;
            if (q[o] == SQ)
                for (size_t a = 0; a < n; a++)
                    row[a] = m->own_sum[a] / dn;
            else
                memcpy(row, m->value + q[o] * n, n * sizeof(double));
        }
        pacta_smp_coalitions(n, len, m->cap, w->ut, m->p->rule, w->cl, 0, len);
        pacta_status st = pacta_smp_pce(m->p->vpm, m->p->pce, len, w->cl, w->vp, w->p, w->work);
        if (st != PACTA_OK) {
            m->queue_status[k] = st;
            m->chosen[k] = SQ;
            continue;
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
        m->queue[m->queue_start[k]] = SQ;
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

/* ---- history ------------------------------------------------------------------------------ */

typedef struct history {
    size_t rounds;   /* rounds recorded after round 0 */
    size_t capacity; /* rounds the buffers hold, round 0 included */
    double *x, *y;   /* (capacity) x n x D */
    double *R;       /* (capacity) x n; row 0 unused */
    long *with;      /* (capacity) x n: counterpart of each actor's chosen bargain, or -1 */
    double *gain;    /* (capacity) x n: initiator's expected gain of that bargain */
} history_t;

static void history_free(history_t *h)
{
    pacta_free(h->x);
    pacta_free(h->y);
    pacta_free(h->R);
    pacta_free(h->with);
    pacta_free(h->gain);
}

static pacta_status history_reserve(history_t *h, size_t n, size_t D, size_t states)
{
    if (states <= h->capacity)
        return PACTA_OK;
    size_t cap = h->capacity ? 2 * h->capacity : 16;
    while (cap < states)
        cap *= 2;
    double *x = pacta_reallocarray(h->x, cap, n * D * sizeof(double));
    if (x == NULL)
        return PACTA_ENOMEM;
    h->x = x;
    double *y = pacta_reallocarray(h->y, cap, n * D * sizeof(double));
    if (y == NULL)
        return PACTA_ENOMEM;
    h->y = y;
    double *R = pacta_reallocarray(h->R, cap, n * sizeof(double));
    if (R == NULL)
        return PACTA_ENOMEM;
    h->R = R;
    long *with = pacta_reallocarray(h->with, cap, n * sizeof(long));
    if (with == NULL)
        return PACTA_ENOMEM;
    h->with = with;
    double *gain = pacta_reallocarray(h->gain, cap, n * sizeof(double));
    if (gain == NULL)
        return PACTA_ENOMEM;
    h->gain = gain;
    h->capacity = cap;
    return PACTA_OK;
}

/* ---- readout -------------------------------------------------------------------------------- */

/* The final positions' winning probabilities (KTAB SMPState::pDist(-1), smp.cpp:893-944):
 * unique positions (Euclidean distance below 1e-3 on 0-1, first occurrence representing
 * each), each actor valuing them with its own utilities, capability-weighted votes. Returns
 * the actor holding the most probable position and its probability. */
static pacta_status most_probable(smp_t *m, size_t *holder, double *probability)
{
    const size_t n = m->n, D = m->D;
    const double pos_tol = 1e-3;
    size_t *unique = m->chosen; /* free after the last round */
    size_t nu = 0;
    for (size_t i = 0; i < n; i++) {
        bool found = false;
        for (size_t u = 0; !found && u < nu; u++) {
            double s = 0.0;
            for (size_t k = 0; k < D; k++) {
                const double d = m->x[i * D + k] - m->x[unique[u] * D + k];
                s = s + d * d;
            }
            found = sqrt(s) < pos_tol;
        }
        if (!found)
            unique[nu++] = i;
    }
    workspace_t *w = &m->ws[0];
    pacta_status st = workspace_reserve(m, w, nu);
    if (st != PACTA_OK)
        return st;
    for (size_t u = 0; u < nu; u++)
        for (size_t a = 0; a < n; a++)
            w->ut[u * n + a] = smp_utility(m->dist[a * n + unique[u]], m->R_self[a]);
    pacta_smp_coalitions(n, nu, m->cap, w->ut, m->p->rule, w->cl, 0, nu);
    st = pacta_smp_pce(m->p->vpm, m->p->pce, nu, w->cl, w->vp, w->p, w->work);
    if (st != PACTA_OK)
        return st;
    size_t best = 0;
    for (size_t u = 1; u < nu; u++)
        if (w->p[best] < w->p[u])
            best = u;
    *holder = unique[best];
    *probability = w->p[best];
    return PACTA_OK;
}

/* ---- results --------------------------------------------------------------------------------- */

static double weighted_summary(bool median, size_t n, const double *x, const double *w)
{
    double v = NAN;
    pacta_status st = median ? pacta_weighted_median(n, x, w, &v) : pacta_weighted_mean(n, x, w, &v);
    return st == PACTA_OK ? v : NAN;
}

/* Spread the history over one result per dimension. */
static pacta_status fill_results(const smp_t *m, const history_t *h, const pacta_joint_data_t *data,
                                 pacta_model_result_t *results, pacta_stop_reason stop,
                                 const double *final_forecast, const char *note)
{
    const size_t n = m->n, D = m->D, states = h->rounds + 1;
    double *col = pacta_malloc(2 * n * sizeof(double));
    if (col == NULL)
        return PACTA_ENOMEM;
    double *weight = col + n;
    pacta_status st = PACTA_OK;
    for (size_t d = 0; d < D && st == PACTA_OK; d++) {
        pacta_model_result_t *r = &results[d];
        st = pacta_model_alloc_rounds(r, n, states, true);
        if (st != PACTA_OK)
            break;
        r->stop = stop;
        for (size_t i = 0; i < n; i++)
            weight[i] = data->capability[i] * data->salience[i * D + d];
        for (size_t t = 0; t < states && st == PACTA_OK; t++) {
            pacta_round_t *round = &r->rounds[t];
            round->ideal = pacta_malloc(n * sizeof(double));
            if (round->ideal == NULL) {
                st = PACTA_ENOMEM;
                break;
            }
            const double *xt = h->x + t * n * D, *yt = h->y + t * n * D;
            const double *xp = t > 0 ? h->x + (t - 1) * n * D : xt;
            size_t moves = 0;
            for (size_t i = 0; i < n; i++) {
                round->position[i] = xt[i * D + d] * 100.0;
                round->ideal[i] = yt[i * D + d] * 100.0;
                col[i] = round->position[i];
                moves += xt[i * D + d] != xp[i * D + d];
            }
            round->median = weighted_summary(true, n, col, weight);
            round->mean = weighted_summary(false, n, col, weight);
            if (t == 0) {
                pacta_free(round->risk);
                round->risk = NULL;
                continue;
            }
            memcpy(round->risk, h->R + t * n, n * sizeof(double));
            if (moves == 0)
                continue;
            round->moves = pacta_malloc(moves * sizeof(pacta_move_t));
            if (round->moves == NULL) {
                st = PACTA_ENOMEM;
                break;
            }
            for (size_t i = 0; i < n; i++) {
                if (xt[i * D + d] == xp[i * D + d])
                    continue;
                const long with = h->with[t * n + i];
                round->moves[round->n_moves++] = (pacta_move_t){
                    i,
                    PACTA_MOVE_BARGAIN,
                    with >= 0 ? (size_t)with : i,
                    xp[i * D + d] * 100.0,
                    xt[i * D + d] * 100.0,
                    h->gain[t * n + i],
                    NAN,
                };
            }
        }
        if (st != PACTA_OK)
            break;
        r->defined = true;
        r->forecast = final_forecast[d];
        if (note != NULL)
            st = pacta_model_note(r, "%s", note);
    }
    pacta_free(col);
    return st;
}

static pacta_status undefined_everywhere(size_t D, pacta_model_result_t *results, const char *why)
{
    for (size_t d = 0; d < D; d++) {
        results[d].defined = false;
        pacta_status st = pacta_model_note(&results[d], "%s", why);
        if (st != PACTA_OK)
            return st;
    }
    return PACTA_OK;
}

/* ---- the run ---------------------------------------------------------------------------------- */

static pacta_status record(smp_t *m, history_t *h, size_t t)
{
    const size_t n = m->n, D = m->D;
    pacta_status st = history_reserve(h, n, D, t + 1);
    if (st != PACTA_OK)
        return st;
    memcpy(h->x + t * n * D, m->x, n * D * sizeof(double));
    memcpy(h->y + t * n * D, m->y, n * D * sizeof(double));
    return PACTA_OK;
}

static pacta_status run_joint(const void *params, const pacta_joint_data_t *data,
                              pacta_model_result_t *results, pacta_diag_t *diag)
{
    (void)diag;
    const smp_params_t *p = params;
    const size_t n = data->n, D = data->k;
    smp_t m;
    memset(&m, 0, sizeof m);
    history_t h;
    memset(&h, 0, sizeof h);
    double *forecast = NULL;
    char note[256] = "";
    pacta_status st = PACTA_OK;

    m.p = p;
    m.n = n;
    m.D = D;
    m.threads = p->threads > n ? n : p->threads;
    if (m.threads == 0)
        m.threads = 1;
    m.cap = data->capability;
    m.adjust = data->adjustment;
    m.per_initiator = p->bm == SMP_BM_INIT_ONLY ? 1 : 2;
    m.queued = p->bm == SMP_BM_INIT_RCVR ? 2 : 1;
    st = smp_alloc(&m);
    if (st != PACTA_OK)
        goto cleanup;
    forecast = pacta_malloc(D * sizeof(double));
    if (forecast == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }

    /* KTAB's scale: positions and saliences divided by 100 (smpread.cpp:249-250). */
    size_t scaled = 0;
    for (size_t i = 0; i < n; i++) {
        double total = 0.0;
        for (size_t k = 0; k < D; k++)
            total = total + data->salience[i * D + k];
        const bool over = total > 100.0;
        if (over && p->salience == SALIENCE_REFUSE) {
            snprintf(note, sizeof note,
                     "actor %zu's saliences on the issues bargained over sum to %g, more than "
                     "100 (salience_sum=refuse)",
                     i, total);
            st = undefined_everywhere(D, results, note);
            goto cleanup;
        }
        scaled += over;
        double S = 0.0;
        for (size_t k = 0; k < D; k++) {
            m.x[i * D + k] = data->position[i * D + k] / 100.0;
            m.s[i * D + k] = over ? data->salience[i * D + k] / total
                                  : data->salience[i * D + k] / 100.0;
            S = S + m.s[i * D + k];
        }
        m.S[i] = S;
        m.w_cs[i] = S * data->capability[i];
    }
    memcpy(m.y, m.x, n * D * sizeof(double));
    if (scaled > 0)
        snprintf(note, sizeof note,
                 "the saliences of %zu actor%s summed to more than 100 over the issues "
                 "bargained over and were scaled to sum to 100",
                 scaled, scaled == 1 ? "" : "s");

    st = record(&m, &h, 0);
    if (st != PACTA_OK)
        goto cleanup;

    /* All actors at one position (or a single actor): nothing to bargain over. */
    bool unanimous = true;
    for (size_t i = 1; i < n && unanimous; i++)
        for (size_t k = 0; k < D; k++)
            unanimous = unanimous && m.x[i * D + k] == m.x[k];
    pacta_stop_reason stop = PACTA_STOP_ROUNDS;
    if (unanimous) {
        stop = PACTA_STOP_UNANIMOUS;
        for (size_t k = 0; k < D; k++)
            forecast[k] = data->position[k];
        st = fill_results(&m, &h, data, results, stop, forecast, note[0] ? note : NULL);
        goto cleanup;
    }

    st = assess(&m);
    double first_move = 0.0;
    for (size_t t = 1; st == PACTA_OK; t++) {
        m.turn = t;
        st = history_reserve(&h, n, D, t + 1);
        if (st != PACTA_OK)
            break;
        memcpy(h.R + t * n, m.R, n * sizeof(double));
        pacta_parallel_for(m.threads, n, challenge_rows, &m);
        pacta_parallel_for(m.threads, n, bargain_rows, &m);
        pacta_parallel_for(m.threads, n, own_sum_rows, &m);
        pacta_parallel_for(m.threads, n * m.per_initiator, value_rows, &m);
        size_t longest = build_queues(&m);
        for (size_t w = 0; w < m.threads && st == PACTA_OK; w++)
            st = workspace_reserve(&m, &m.ws[w], longest);
        if (st != PACTA_OK)
            break;
        pacta_parallel_for(m.threads, n, queue_rows, &m);
        for (size_t k = 0; k < n; k++)
            if (m.queue_status[k] != PACTA_OK)
                st = m.queue_status[k];
        if (st != PACTA_OK)
            break;
        /* New positions from the chosen bargains. */
        for (size_t k = 0; k < n; k++) {
            const size_t b = m.chosen[k];
            long with = -1;
            double gain = NAN;
            if (b == SQ) {
                memcpy(m.x_new + k * D, m.x + k * D, D * sizeof(double));
            } else {
                const size_t i = b / m.per_initiator, j = (size_t)m.target[i];
                const double *coords = bargain_at(&m, b) + (i == k ? 0 : D);
                memcpy(m.x_new + k * D, coords, D * sizeof(double));
                with = (long)(i == k ? j : i);
                gain = m.gain[i];
            }
            h.with[t * n + k] = with;
            h.gain[t * n + k] = gain;
        }
        new_ideals(&m);
        const double moved = state_distance(n, D, m.x_new, m.x);
        double *swap = m.x;
        m.x = m.x_new;
        m.x_new = swap;
        swap = m.y;
        m.y = m.y_new;
        m.y_new = swap;
        h.rounds = t;
        st = record(&m, &h, t);
        if (st != PACTA_OK)
            break;
        /* KTAB's stopping rule (smpStopFn, smp.cpp:166-193; constants smp.cpp:1657-1663). */
        if (t == 1)
            first_move = moved + 1e-4;
        const double ratio = moved / first_move;
        if ((size_t)p->rounds <= t) {
            stop = PACTA_STOP_ROUNDS;
            break;
        }
        if (2 <= t && ratio < p->stop_ratio) {
            stop = PACTA_STOP_CONVERGED;
            break;
        }
        st = assess(&m);
    }
    if (st != PACTA_OK)
        goto cleanup;

    if (p->readout == READOUT_PROBABLE) {
        /* The final state is assessed for the readout only; if every actor ended on one
         * position its probabilities are flat, which says nothing about the rounds run. */
        const bool flat_before = m.risk_undefined;
        st = assess(&m);
        m.risk_undefined = flat_before;
        size_t holder = 0;
        double probability = 0.0;
        if (st == PACTA_OK)
            st = most_probable(&m, &holder, &probability);
        if (st != PACTA_OK)
            goto cleanup;
        for (size_t k = 0; k < D; k++)
            forecast[k] = m.x[holder * D + k] * 100.0;
    }
    const char *parts[2] = {note,
                            m.risk_undefined ? "in some round every position was equally "
                                               "probable, so every actor was taken as risk "
                                               "neutral (KTAB: undefined)"
                                             : ""};
    char full[640] = "";
    for (size_t i = 0; i < 2; i++)
        if (parts[i][0] != '\0') {
            if (full[0] != '\0')
                strncat(full, "; ", sizeof full - strlen(full) - 1);
            strncat(full, parts[i], sizeof full - strlen(full) - 1);
        }
    st = fill_results(&m, &h, data, results, stop, forecast, full[0] ? full : NULL);
    if (st != PACTA_OK)
        goto cleanup;
    if (p->readout != READOUT_PROBABLE)
        for (size_t d = 0; d < D; d++) {
            const pacta_round_t *last = &results[d].rounds[results[d].n_rounds - 1];
            results[d].forecast = p->readout == READOUT_MEAN ? last->mean : last->median;
            results[d].defined = isfinite(results[d].forecast);
        }

cleanup:
    smp_free(&m);
    history_free(&h);
    pacta_free(forecast);
    return st;
}

const pacta_model_t pacta_model_smp = {
    .name = "smp",
    .summary = "KTAB's Spatial Model of Politics: challenges, bargains and Condorcet elections "
               "over all issues jointly, round by round",
    .iterative = true,
    .options = smp_options,
    .n_options = OPT_COUNT,
    .profiles = NULL,
    .n_profiles = 0,
    .params_size = sizeof(smp_params_t),
    .parse = parse,
    .run = NULL,
    .run_joint = run_joint,
};
