/* The state of one run of the Spatial Model of Politics and the steps of a round, shared by
 * smp.c (options, the run, its results) and smp_round.c (the round, KTAB SMPState::stepBCN). */
#ifndef PACTA_SMP_STATE_H
#define PACTA_SMP_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pacta/status.h>

/* The options of one run, parsed from the model's option table (smp.c). */
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
    bool fast_values; /* arithmetic=fast: K13 as the status quo's sum corrected */
} smp_params_t;

/* A bargain is identified by its initiator and which of the initiator's bargains it is (two
 * with InitRcvrInterp); the status quo of a queue is SMP_SQ. */
#define SMP_SQ ((size_t)-1)

/* Contests of one initiator evaluated side by side by the plain kernel (smp_contest.c's
 * contests; its sums are written out for 4). */
#define SMP_LANES 4

/* K13's values are summed for SMP_VALUE_BARGAINS bargains side by side, SMP_VALUE_ACTORS
 * actors and SMP_VALUE_POSITIONS positions at a time (smp_value.c): the sums and the
 * positions' utilities, 16 KB each, stay in the first-level cache. */
#define SMP_VALUE_BARGAINS 64
#define SMP_VALUE_ACTORS 32
#define SMP_VALUE_POSITIONS 64

/* Contests of the AVX-512 kernel (smp_contest.c), one vector of 8 lanes. */
#define SMP_MAX_LANES 8

/* What the contests need to stop early (smp_contest.c): psi[k] is at least the most third
 * parties k.. can add to the initiator's side; threshold is the gain a target must exceed;
 * delta and s are each lane's U_ii - U_ij and s_j (challenge_rows in smp_round.c). */
typedef struct smp_prune {
    const double *psi;
    double threshold;
    double delta[SMP_MAX_LANES], s[SMP_MAX_LANES];
} smp_prune_t;

/* A target with the most its challenge could be worth (K11's bound). */
typedef struct smp_candidate {
    double bound;
    size_t j;
} smp_candidate_t;

typedef struct smp_workspace {
    double *r;                   /* n: the perspective's estimated risk attitudes */
    double *u_i;                 /* n: U^h of every actor for the initiator's position */
    double *u_self;              /* n: U^h of every actor for its own position */
    smp_candidate_t *candidates; /* 2 n: the targets, then room to sort them */
    double *votes;               /* SMP_LANES x n: third parties' votes in a few contests */
    double *psi;                 /* n + 1: the most third parties k.. can add (challenge_rows) */
    double *third;               /* 2 n: K9c's target-free sums (pacta_smp_contest_prepare) */
    size_t capacity;             /* queue options the buffers below hold */
    double *ut;                  /* capacity * n: voter-major values of a queue's options */
    double *cl, *vp, *p, *work;
    double *acc;  /* SMP_COALITION_SCRATCH: pacta_smp_coalitions_voter_major's sums */
    double *vacc; /* (SMP_VALUE_BARGAINS + SMP_VALUE_POSITIONS) x SMP_VALUE_ACTORS: K13's sums and
                     utilities */
} smp_workspace_t;

typedef struct smp {
    const smp_params_t *p;
    size_t n, D, threads;
    const double *cap;    /* n capabilities (borrowed) */
    const double *adjust; /* n x n ideal adjustment (borrowed) or NULL */
    double *s;            /* n x D saliences on 0-1 */
    double *S;            /* n total saliences */
    double *w_cs;         /* n: S_i c_i, the weight of principals and third parties */
    double *x, *y;        /* n x D positions and ideals on 0-1 */
    double *x_new, *y_new;
    /* the assessment of the current state */
    double *dist;   /* n x n: dist[i n + j] = K1 from i's ideal to j's position */
    double *dist_t; /* n x n: the transpose */
    double *d_self; /* n: its diagonal, each actor's distance to its own position */
    double *R;      /* n risk attitudes */
    double *R_self; /* n: each actor's estimate of its own risk attitude (K8 with h = i) */
    double *u0;     /* risk-neutral utilities in panels (smp_panel_index(n, k, j) is k's of
                     * j's position; n rounded up to SMP_PANEL x n); reused as victory
                     * matrix (n x n) */
    double *cl;     /* n x n coalition strengths */
    double *pce;    /* n */
    double *work;   /* 3 n x n for the Markov models, else NULL */
    bool risk_undefined;
    /* challenges and bargains of the round */
    long *target;         /* n: target of each initiator, or -1 */
    double *p_win;        /* n: the initiator's estimate that it wins */
    double *gain;         /* n: its expected gain */
    size_t per_initiator; /* bargain slots per initiator: 1, or 2 for the receiver's view */
    size_t queued;        /* bargains per initiator that enter the queues: 1 or 2 */
    double *bargain;      /* (n * per_initiator) x 2D: initiator's then receiver's coordinates */
    double *value;        /* (n * per_initiator) x n: value of each bargain to each actor (K13) */
    double *own_sum;      /* n: sum over positions of each actor's utility (K13, status quo) */
    size_t *queue_start;  /* n + 1 */
    size_t *queue;        /* bargains per queue, status quo first */
    size_t *chosen;       /* n: chosen bargain of each actor, or SQ */
    pacta_status *queue_status; /* n */
    size_t turn;
    smp_workspace_t *ws; /* one per thread */
} smp_t;

/* Allocate the arrays of m for its n, D, per_initiator, threads and p (set by the caller),
 * and one workspace per thread. On failure what was allocated is left for
 * pacta_smp_state_free. O(n^2 + n D) memory. */
pacta_status pacta_smp_state_alloc(smp_t *m);

/* Free what pacta_smp_state_alloc allocated; accepts a state it never filled. */
void pacta_smp_state_free(smp_t *m);

/* Make room in w for queues of up to `options` options. Not thread-safe for one w. */
pacta_status pacta_smp_workspace_reserve(const smp_t *m, smp_workspace_t *w, size_t options);

/* Step 1: assess the current state (K1-K7): distances, risk-neutral utilities, coalitions,
 * the probability of each actor's position and the risk attitudes. Sets risk_undefined when
 * every position is equally probable. PACTA_ENUMERIC if a Markov PCE does not converge. */
pacta_status pacta_smp_assess(smp_t *m);

/* Steps 2-5 of round m->turn on an assessed state: challenges, bargains, the queues'
 * elections, then the new positions and ideals, which replace x and y. Writes for each actor
 * the counterpart of the bargain it took (or -1) to with[0..n) and the initiator's expected
 * gain of it (or NaN) to gain[0..n), and K16's distance between the old and new positions to
 * *moved. PACTA_ENOMEM or PACTA_ENUMERIC (a queue's election) on failure. */
pacta_status pacta_smp_round(smp_t *m, long *with, double *gain, double *moved);

/* The number of lanes pacta_smp_contests takes with the default rule and commitment: 8
 * where the processor has AVX-512 (and not under the sanitizers), else SMP_LANES. */
size_t pacta_smp_contest_lanes(void);

/* For initiator i's own perspective in w (the default rule and commitment): psi and third,
 * which pacta_smp_contests' early stop and its 8-lane kernel use. O(n). */
void pacta_smp_contest_prepare(const smp_t *m, smp_workspace_t *w);

/* K9 for `lanes` contests of i against j[0..lanes) (SMP_LANES, or the default rule's
 * pacta_smp_contest_lanes() after pacta_smp_contest_prepare), from the perspective in w:
 * p_ij[l] that i wins, p_ji[l] that j[l] does, KTAB's sums bit for bit. With pr (the
 * default rule and commitment only; else NULL) it may stop early and return false, without
 * probabilities, once no lane can beat pr->threshold; else returns true. O(lanes n). */
bool pacta_smp_contests(const smp_t *m, const smp_workspace_t *w, size_t i, const size_t *j,
                        size_t lanes, double *p_ij, double *p_ji, const smp_prune_t *pr);

/* Step 4's values (K13), smp_value.c: own_sum (the status quo's sum of each actor) and value
 * (each queued bargain's value to each actor) under the run's arithmetic option, from the
 * assessed state, the targets and the bargains. O(n^2) per bargain for arithmetic=ktab, O(n)
 * for fast. */
void pacta_smp_values(smp_t *m);

#endif
