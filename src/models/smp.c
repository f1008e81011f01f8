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
 * each, O(n^2) per bargain for its values in KTAB's order of summation (K13), and O(n m^2)
 * per bargain queue of length m. Memory is O(n^2) (a few n x n matrices)
 * plus the recorded history, O(rounds n D). KTAB's O(n^4) side computations for its log
 * tables and its n^3 utilities per state are not needed and not done.
 *
 * This file holds the options, the run (inputs, rounds, stopping rule, readout) and its
 * results; the state and the steps of a round are in smp_round.c (smp_state.h). */
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
#include "models/smp_state.h"

/* ---- options ----------------------------------------------------------------------------- */

static const char *const vpm_choices[] = {"Linear", "Square", "Quartic", "Octic", "Binary", NULL};
static const char *const pce_choices[] = {"Conditional", "MarkovIncentive", "MarkovUniform", NULL};
static const char *const stm_choices[] = {"Deterministic", "Stochastic", NULL};
static const char *const vr_choices[] = {"Binary", "PropBin",   "Prop", "PropCbc",
                                         "Cubic",  "ASymProsp", NULL};
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
static const char *const arithmetic_choices[] = {"ktab", "fast", NULL};

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
    OPT_ARITHMETIC,
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
    [OPT_ARITHMETIC] = {"arithmetic", PACTA_OPTION_CHOICE, arithmetic_choices, 0, 0, "ktab",
                        "K13: each actor's value of a bargain summed in KTAB's order, so "
                        "that histories are KTAB's to the last bit, or the status quo's sum "
                        "corrected by the two replaced terms (fast: O(1) instead of O(n) per "
                        "actor and bargain; differs by rounding, which the Binary and PropBin "
                        "voting rules can amplify into other choices)"},
};

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
    p->fast_values = pacta_model_choice(v[OPT_ARITHMETIC], arithmetic_choices) == 1;
    return PACTA_OK;
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
    smp_workspace_t *w = &m->ws[0];
    pacta_status st = pacta_smp_workspace_reserve(m, w, nu);
    if (st != PACTA_OK)
        return st;
    for (size_t a = 0; a < n; a++)
        for (size_t u = 0; u < nu; u++)
            w->ut[a * nu + u] = smp_utility(m->dist[a * n + unique[u]], m->R_self[a]);
    pacta_smp_coalitions_voter_major(n, nu, m->cap, w->ut, m->p->rule, w->cl, 0, nu, w->acc);
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
    pacta_status st =
        median ? pacta_weighted_median(n, x, w, &v) : pacta_weighted_mean(n, x, w, &v);
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

/* ---- the run ----------------------------------------------------------------------------------
 */

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

/* The state's initial positions, ideals and saliences on KTAB's scale: divided by 100
 * (smpread.cpp:249-250), an actor's saliences summing to more than 100 scaled to sum to 1.
 * Returns false, with the reason in note, when salience_sum=refuse refuses such an actor;
 * otherwise note says how many actors were scaled, if any. */
static bool scale_inputs(smp_t *m, const pacta_joint_data_t *data, char *note, size_t size)
{
    const size_t n = m->n, D = m->D;
    size_t scaled = 0;
    for (size_t i = 0; i < n; i++) {
        double total = 0.0;
        for (size_t k = 0; k < D; k++)
            total = total + data->salience[i * D + k];
        const bool over = total > 100.0;
        if (over && m->p->salience == SALIENCE_REFUSE) {
            snprintf(note, size,
                     "actor %zu's saliences on the issues bargained over sum to %g, more than "
                     "100 (salience_sum=refuse)",
                     i, total);
            return false;
        }
        scaled += over;
        double S = 0.0;
        for (size_t k = 0; k < D; k++) {
            m->x[i * D + k] = data->position[i * D + k] / 100.0;
            m->s[i * D + k] =
                over ? data->salience[i * D + k] / total : data->salience[i * D + k] / 100.0;
            S = S + m->s[i * D + k];
        }
        m->S[i] = S;
        m->w_cs[i] = S * data->capability[i];
    }
    memcpy(m->y, m->x, n * D * sizeof(double));
    if (scaled > 0)
        snprintf(note, size,
                 "the saliences of %zu actor%s summed to more than 100 over the issues "
                 "bargained over and were scaled to sum to 100",
                 scaled, scaled == 1 ? "" : "s");
    return true;
}

/* Rounds from an assessed state until KTAB's stopping rule or the round limit, each recorded
 * in h; *stop says which ended the run. */
static pacta_status run_rounds(smp_t *m, history_t *h, pacta_stop_reason *stop)
{
    const size_t n = m->n, D = m->D;
    pacta_status st = pacta_smp_assess(m);
    double first_move = 0.0;
    for (size_t t = 1; st == PACTA_OK; t++) {
        m->turn = t;
        st = history_reserve(h, n, D, t + 1);
        if (st != PACTA_OK)
            break;
        memcpy(h->R + t * n, m->R, n * sizeof(double));
        double moved = 0.0;
        st = pacta_smp_round(m, h->with + t * n, h->gain + t * n, &moved);
        if (st != PACTA_OK)
            break;
        h->rounds = t;
        st = record(m, h, t);
        if (st != PACTA_OK)
            break;
        /* KTAB's stopping rule (smpStopFn, smp.cpp:166-193; constants smp.cpp:1657-1663). */
        if (t == 1)
            first_move = moved + 1e-4;
        const double ratio = moved / first_move;
        if ((size_t)m->p->rounds <= t) {
            *stop = PACTA_STOP_ROUNDS;
            break;
        }
        if (2 <= t && ratio < m->p->stop_ratio) {
            *stop = PACTA_STOP_CONVERGED;
            break;
        }
        st = pacta_smp_assess(m);
    }
    return st;
}

/* readout=probable: the forecast on each dimension is the most probable final position. */
static pacta_status read_out_probable(smp_t *m, double *forecast)
{
    /* The final state is assessed for the readout only; if every actor ended on one
     * position its probabilities are flat, which says nothing about the rounds run. */
    const bool flat_before = m->risk_undefined;
    pacta_status st = pacta_smp_assess(m);
    m->risk_undefined = flat_before;
    size_t holder = 0;
    double probability = 0.0;
    if (st == PACTA_OK)
        st = most_probable(m, &holder, &probability);
    if (st != PACTA_OK)
        return st;
    for (size_t k = 0; k < m->D; k++)
        forecast[k] = m->x[holder * m->D + k] * 100.0;
    return PACTA_OK;
}

/* The result's note: the salience note, then the risk note if some round needed it, joined
 * by "; " into full (size bytes). */
static void join_notes(const char *note, bool risk_undefined, char *full, size_t size)
{
    const char *parts[2] = {note, risk_undefined ? "in some round every position was equally "
                                                   "probable, so every actor was taken as risk "
                                                   "neutral (KTAB: undefined)"
                                                 : ""};
    full[0] = '\0';
    for (size_t i = 0; i < 2; i++)
        if (parts[i][0] != '\0') {
            if (full[0] != '\0')
                strncat(full, "; ", size - strlen(full) - 1);
            strncat(full, parts[i], size - strlen(full) - 1);
        }
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
    st = pacta_smp_state_alloc(&m);
    if (st != PACTA_OK)
        goto cleanup;
    forecast = pacta_malloc(D * sizeof(double));
    if (forecast == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    if (!scale_inputs(&m, data, note, sizeof note)) {
        st = undefined_everywhere(D, results, note);
        goto cleanup;
    }
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

    st = run_rounds(&m, &h, &stop);
    if (st == PACTA_OK && p->readout == READOUT_PROBABLE)
        st = read_out_probable(&m, forecast);
    if (st != PACTA_OK)
        goto cleanup;
    char full[640];
    join_notes(note, m.risk_undefined, full, sizeof full);
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
    pacta_smp_state_free(&m);
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
