/* Bueno de Mesquita's expected-utility ("challenge") model, as reconstructed by Scholz,
 * Calbert & Smith (2011). Equation numbers (eq. Sn) refer to that paper; docs/models.md
 * gives each with its ambiguity and the option that settles it. One round:
 *
 *   1. risk exponents r_i from security (eqs. 32-34), computed with every r = 1;
 *   2. for every ordered pair, the expected utility of challenging (eq. 25a/25b) with the
 *      win probability (eq. 30/31) and the utilities (eqs. 15, 16, 22-24);
 *   3. each actor's offers classified by the octants of Scholz fig. 6 and one chosen;
 *   4. all chosen moves applied at once.
 *
 * The sums over voters behind the win probabilities and the Condorcet margins are in
 * bdm_kernel.c: by default the fast kernel (O(n^2 log n) per round; the scholz-code
 * probability with unequal risk exponents costs O(n^2) pow calls and an n-by-n table),
 * or with kernel=naive the sums as written (O(n^3) per round), kept as the test oracle.
 * It works in caller-provided scratch (workspace_bytes) and allocates only to keep rounds
 * when asked for them. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "models/bdm_formulas.h"
#include "models/bdm_kernel.h"
#include "models/model_internal.h"

/* ---- options ----------------------------------------------------------------------------- */

static const char *const stop_choices[] = {"rounds", "converged", NULL};
static const char *const readout_choices[] = {"median", "mean", NULL};
static const char *const range_choices[] = {"initial", "current", "scale", NULL};
static const char *const probability_choices[] = {"paper", "scholz-code", "net", NULL};
static const char *const resist_choices[] = {"target", "printed", NULL};
static const char *const perspective_choices[] = {"own", "evaluator", NULL};
static const char *const mu_choices[] = {"median", "mean", NULL};
static const char *const t_choices[] = {"position", "1", "0", NULL};
static const char *const conflict_choices[] = {"move", "none", NULL};
static const char *const selection_choices[] = {"least-move", "max-eu", "scholz-code", NULL};
static const char *const on_off[] = {"on", "off", NULL};
static const char *const risk_choices[] = {"endogenous", "neutral", "given", NULL};
static const char *const median_choices[] = {"lower", "condorcet", NULL};
static const char *const kernel_choices[] = {"fast", "naive", NULL};

enum {
    OPT_ROUNDS,
    OPT_STOP,
    OPT_TOLERANCE,
    OPT_READOUT,
    OPT_MEDIAN,
    OPT_RANGE,
    OPT_PROBABILITY,
    OPT_RESIST,
    OPT_PERSPECTIVE,
    OPT_MU,
    OPT_T,
    OPT_Q,
    OPT_CONFLICT,
    OPT_SELECTION,
    OPT_COMPEL,
    OPT_RISK,
    OPT_KERNEL,
    OPT_COUNT
};

/* Defaults are the scholz-code profile: the reading that reproduces Scholz et al.'s
 * published Table 2 most closely. */
static const pacta_option_spec_t bdm_options[OPT_COUNT] = {
    [OPT_ROUNDS] = {"rounds", PACTA_OPTION_INTEGER, NULL, 1, 10000, "10",
                    "most rounds to run (Scholz's tau)"},
    [OPT_STOP] = {"stop", PACTA_OPTION_CHOICE, stop_choices, 0, 0, "rounds",
                  "A11: run exactly 'rounds' rounds (Scholz), or stop once the forecast moves "
                  "less than 'tolerance' between rounds (BDM, Predicting Politics)"},
    [OPT_TOLERANCE] = {"tolerance", PACTA_OPTION_REAL, NULL, 0, 100, "0.01",
                       "smallest change of the forecast (scale points) that counts as movement "
                       "when stop=converged"},
    [OPT_READOUT] = {"readout", PACTA_OPTION_CHOICE, readout_choices, 0, 0, "median",
                     "forecast read off the final round: weighted median (majority rule) or "
                     "weighted mean"},
    [OPT_MEDIAN] = {"median", PACTA_OPTION_CHOICE, median_choices, 0, 0, "lower",
                    "A10: median as the lower weighted median, or the Condorcet actor position "
                    "(max of the worst pairwise vote margin, ties to the smaller)"},
    [OPT_RANGE] = {"range", PACTA_OPTION_CHOICE, range_choices, 0, 0, "initial",
                   "A1: R as max-min of the initial positions, of the current positions, or "
                   "the scale width 100"},
    [OPT_PROBABILITY] = {"probability", PACTA_OPTION_CHOICE, probability_choices, 0, 0,
                         "scholz-code",
                         "A4: win probability as eq. 31, as in Scholz's code (risk-powered votes "
                         "over an all-pairs denominator), or net votes max(0, 2P-1)"},
    [OPT_RESIST] = {"resist_salience", PACTA_OPTION_CHOICE, resist_choices, 0, 0, "target",
                    "A3: salience leading E^j(U_ji): the target's (symmetric with eq. 25a) or "
                    "the challenger's as printed in eq. 25b"},
    [OPT_PERSPECTIVE] = {"risk_perspective", PACTA_OPTION_CHOICE, perspective_choices, 0, 0,
                         "evaluator",
                         "A5: risk exponent in E^j(U_ji): j's own (BDM 1985) or the evaluating "
                         "actor's (Scholz's code)"},
    [OPT_MU] = {"mu", PACTA_OPTION_CHOICE, mu_choices, 0, 0, "median",
                "A6: the expected outcome mu in U_b and U_w (only matters when q < 1)"},
    [OPT_T] = {"t", PACTA_OPTION_CHOICE, t_choices, 0, 0, "position",
               "A7: T = 1 when |x_i - mu| < |x_i - x_j| (Scholz cases 1 and 3A), or a constant "
               "(only matters when q < 1)"},
    [OPT_Q] = {"q", PACTA_OPTION_REAL, NULL, 0, 1, "1",
               "probability Q that the status quo holds when i does not challenge (eq. 25a)"},
    [OPT_CONFLICT] = {"conflict", PACTA_OPTION_CHOICE, conflict_choices, 0, 0, "move",
                      "A8: in the conflict octants the actor with the lower EU moves to the "
                      "other's position, or nobody moves (an uncertain outcome)"},
    [OPT_SELECTION] = {"selection", PACTA_OPTION_CHOICE, selection_choices, 0, 0, "scholz-code",
                       "A9: which offer an actor takes: best category (conflict > compromise > "
                       "compel) then least move, best category then the proposer's highest EU, "
                       "or Scholz's code (least move, but compromises by smallest "
                       "EU-weighted point)"},
    [OPT_COMPEL] = {"compel", PACTA_OPTION_CHOICE, on_off, 0, 0, "off",
                    "A9: whether compel (capitulation) offers exist; Scholz's code never "
                    "generates them"},
    [OPT_RISK] = {"risk", PACTA_OPTION_CHOICE, risk_choices, 0, 0, "endogenous",
                  "risk exponents from security each round (eqs. 32-34), all 1, or the "
                  "scenario's fixed 'risk' values"},
    [OPT_KERNEL] = {"kernel", PACTA_OPTION_CHOICE, kernel_choices, 0, 0, "fast",
                    "how the sums over voters are computed: sorted prefix sums (O(n^2 log n) "
                    "per round) or every voter for every pair as written (O(n^3), the test "
                    "oracle); equal up to rounding"},
};

static const char *const profile_scholz_code[] = {"range=initial",
                                                  "probability=scholz-code",
                                                  "resist_salience=target",
                                                  "risk_perspective=evaluator",
                                                  "selection=scholz-code",
                                                  "compel=off",
                                                  "conflict=move",
                                                  "q=1",
                                                  "risk=endogenous",
                                                  "stop=rounds",
                                                  NULL};
static const char *const profile_paper[] = {"range=initial",
                                            "probability=paper",
                                            "resist_salience=target",
                                            "risk_perspective=own",
                                            "selection=least-move",
                                            "compel=on",
                                            "conflict=move",
                                            "q=1",
                                            "risk=endogenous",
                                            "stop=rounds",
                                            NULL};

static const pacta_profile_t bdm_profiles[] = {
    {"scholz-code",
     "reproduces Scholz's replication code (via jmckib/bdm-scholz-expected-utility-model), "
     "which is closest to Scholz et al. (2011) Table 2",
     profile_scholz_code},
    {"paper", "the equations as printed in Scholz et al. (2011), read literally", profile_paper},
};

typedef struct bdm_params {
    int rounds;
    int stop;
    double tolerance;
    int readout;
    int median;
    int range;
    int probability;
    int resist;
    int perspective;
    int mu;
    int t;
    double q;
    int conflict;
    int selection;
    bool compel;
    int risk;
    int kernel;
} bdm_params_t;

enum { STOP_ROUNDS, STOP_CONVERGED };
enum { RANGE_INITIAL, RANGE_CURRENT, RANGE_SCALE };
enum { PROB_PAPER, PROB_SCHOLZ_CODE, PROB_NET };
enum { RESIST_TARGET, RESIST_PRINTED };
enum { PERSPECTIVE_OWN, PERSPECTIVE_EVALUATOR };
enum { T_POSITION, T_ONE, T_ZERO };
enum { SELECT_LEAST_MOVE, SELECT_MAX_EU, SELECT_SCHOLZ_CODE };
enum { RISK_ENDOGENOUS, RISK_NEUTRAL, RISK_GIVEN };
enum { MEDIAN_LOWER, MEDIAN_CONDORCET };

static pacta_status parse(void *params, const char *const *v, pacta_diag_t *diag)
{
    (void)diag;
    bdm_params_t *p = params;
    p->rounds = (int)pacta_model_real(v[OPT_ROUNDS]);
    p->stop = pacta_model_choice(v[OPT_STOP], stop_choices);
    p->tolerance = pacta_model_real(v[OPT_TOLERANCE]);
    p->readout = pacta_model_choice(v[OPT_READOUT], readout_choices);
    p->median = pacta_model_choice(v[OPT_MEDIAN], median_choices);
    p->range = pacta_model_choice(v[OPT_RANGE], range_choices);
    p->probability = pacta_model_choice(v[OPT_PROBABILITY], probability_choices);
    p->resist = pacta_model_choice(v[OPT_RESIST], resist_choices);
    p->perspective = pacta_model_choice(v[OPT_PERSPECTIVE], perspective_choices);
    p->mu = pacta_model_choice(v[OPT_MU], mu_choices);
    p->t = pacta_model_choice(v[OPT_T], t_choices);
    p->q = pacta_model_real(v[OPT_Q]);
    p->conflict = pacta_model_choice(v[OPT_CONFLICT], conflict_choices);
    p->selection = pacta_model_choice(v[OPT_SELECTION], selection_choices);
    p->compel = pacta_model_choice(v[OPT_COMPEL], on_off) == 0;
    p->risk = pacta_model_choice(v[OPT_RISK], risk_choices);
    p->kernel = pacta_model_choice(v[OPT_KERNEL], kernel_choices);
    return PACTA_OK;
}

/* ---- state of one run ------------------------------------------------------------------ */

/* An offer one actor receives from another. */
typedef struct offer {
    pacta_move_kind kind;
    size_t from;
    double to;
    double eu_self;
    double eu_other;
    double key;
} offer_t;

typedef struct bdm {
    const bdm_params_t *p;
    size_t n;
    double *s;  /* salience as a probability, s/100 (A2) */
    double *w;  /* vote weight c*s */
    double *cs; /* c * s/100, the scholz-code vote weight */
    double *x;  /* positions at the start of the round */
    double *next;
    double *r; /* risk exponents in force */
    double *ones;
    double *sec;
    double *sq;               /* U_sq(r_i) for the exponents in force */
    double *sq_ones;          /* U_sq(1) */
    offer_t *best;            /* each actor's best offer so far in a round */
    weighted_point_t *points; /* scratch for the weighted median */
    bdm_kernel_t kernel;      /* the sums over voters */
    double range;
    double mu;
} bdm_t;

/* What a challenge over distance d is worth at one risk exponent: U_s, U_f (S15, S16) and
 * U_sq (S24). */
typedef struct stakes {
    double success;
    double failure;
    double status_quo;
} stakes_t;

static stakes_t stakes_at(const bdm_t *m, double d, double rho, double status_quo)
{
    return (stakes_t){bdm_u_success(d, m->range, rho), bdm_u_failure(d, m->range, rho), status_quo};
}

/* Expected utility of challenger a over distance d > 0 (eq. 25a), with risk exponent rho,
 * the resisting probability sigma, prob = P(a beats the target) and u evaluated at rho. */
static double expected_utility(const bdm_t *m, size_t a, double d, double rho, double sigma,
                               double prob, const stakes_t *u)
{
    double no_challenge = 0.0;
    if (m->p->q < 1.0) {
        double to_mu = fabs(m->x[a] - m->mu);
        double t = m->p->t == T_ONE ? 1.0 : m->p->t == T_ZERO ? 0.0 : (to_mu < d ? 1.0 : 0.0);
        no_challenge = t * bdm_u_shift(to_mu, d, m->range, rho, -1.0) +
                       (1.0 - t) * bdm_u_shift(to_mu, d, m->range, rho, +1.0);
    }
    return bdm_expected_utility(sigma, prob, u->success, u->failure, u->status_quo, m->p->q,
                                no_challenge);
}

/* The four expected utilities the offers between a and b (at different positions) need,
 * with risk exponents r, status-quo utilities sq[i] = U_sq(r_i) and the win probabilities
 * p_ab = P(a beats b), p_ba = P(b beats a):
 *   eu[0] = E^a(U_ab): a's exponent, b's salience as the chance b resists;
 *   eu[1] = E^b(U_ba) as a sees it (the A3 and A5 variants);
 *   eu[2] = E^b(U_ba) and eu[3] = E^a(U_ab) as b sees it, the same from b's side.
 * Only the two exponents r_a and r_b occur, so U_s and U_f are evaluated at most twice. */
static void pair_utilities(const bdm_t *m, size_t a, size_t b, double p_ab, double p_ba,
                           const double *r, const double *sq, double eu[4])
{
    double d = fabs(m->x[a] - m->x[b]);
    stakes_t ua = stakes_at(m, d, r[a], sq[a]);
    stakes_t ub =
        r[b] == r[a] ? (stakes_t){ua.success, ua.failure, sq[b]} : stakes_at(m, d, r[b], sq[b]);
    bool own = m->p->perspective == PERSPECTIVE_OWN;
    bool printed = m->p->resist == RESIST_PRINTED;
    const double *s = m->s;
    eu[0] = expected_utility(m, a, d, r[a], s[b], p_ab, &ua);
    eu[1] =
        expected_utility(m, b, d, own ? r[b] : r[a], printed ? s[b] : s[a], p_ba, own ? &ub : &ua);
    eu[2] = expected_utility(m, b, d, r[b], s[a], p_ba, &ub);
    eu[3] =
        expected_utility(m, a, d, own ? r[a] : r[b], printed ? s[a] : s[b], p_ab, own ? &ua : &ub);
}

/* The two terms of the security pass (eqs. 32-34, every r = 1): eu[1] and eu[3] of
 * pair_utilities, which is what the pass adds up, without the two it does not use. At r = 1
 * both actors' stakes are the same utilities; the arithmetic is pair_utilities' own. */
static void security_terms(const bdm_t *m, size_t a, size_t b, double p_ab, double p_ba,
                           double *to_a, double *to_b)
{
    double d = fabs(m->x[a] - m->x[b]);
    stakes_t u = stakes_at(m, d, 1.0, m->sq_ones[a]); /* every U_sq(1) is 0 */
    bool printed = m->p->resist == RESIST_PRINTED;
    const double *s = m->s;
    *to_a = expected_utility(m, b, d, 1.0, printed ? s[b] : s[a], p_ba, &u);
    *to_b = expected_utility(m, a, d, 1.0, printed ? s[a] : s[b], p_ab, &u);
}

/* Lower weighted median or Condorcet actor of the positions x (A10). */
static pacta_status median_of(bdm_t *m, const double *x, double *out)
{
    if (m->p->median == MEDIAN_LOWER)
        return pacta_model_weighted_median(m->n, x, m->w, m->points, out);
    /* Condorcet actor: the position whose worst pairwise vote margin is largest. */
    pacta_bdm_kernel_set_positions(&m->kernel, x, m->w);
    double best = 0.0, best_margin = -INFINITY;
    for (size_t j = 0; j < m->n; j++) {
        double worst = INFINITY;
        for (size_t k = 0; k < m->n; k++) {
            if (x[k] == x[j])
                continue;
            double margin = pacta_bdm_kernel_margin(&m->kernel, j, k);
            if (margin < worst)
                worst = margin;
        }
        if (worst > best_margin || (worst == best_margin && x[j] < best)) {
            best_margin = worst;
            best = x[j];
        }
    }
    *out = best;
    return PACTA_OK;
}

/* Risk exponents from security (eqs. 32-34). Security is what the others expect from
 * challenging i, all computed with r = 1. */
static void update_risk(bdm_t *m, const pacta_issue_data_t *data)
{
    if (m->p->risk == RISK_NEUTRAL) {
        for (size_t i = 0; i < m->n; i++)
            m->r[i] = 1.0;
        return;
    }
    if (m->p->risk == RISK_GIVEN) {
        for (size_t i = 0; i < m->n; i++)
            m->r[i] = data->risk ? data->risk[i] : 1.0;
        return;
    }
    if (m->p->probability == PROB_SCHOLZ_CODE)
        pacta_bdm_kernel_set_risk(&m->kernel, m->cs, m->ones, m->range);
    /* Each pair once, for both directions. sec[i] still adds its terms in the order
     * j = 0, 1, ..., n - 1; a co-located pair contributes 0 (nothing to gain). */
    for (size_t i = 0; i < m->n; i++)
        m->sec[i] = 0.0;
    for (size_t a = 0; a < m->n; a++) {
        for (size_t b = a + 1; b < m->n; b++) {
            double to_a = 0.0, to_b = 0.0;
            if (m->x[a] != m->x[b]) {
                double p_ab, p_ba;
                pacta_bdm_kernel_probabilities(&m->kernel, a, b, &p_ab, &p_ba);
                security_terms(m, a, b, p_ab, p_ba, &to_a, &to_b);
            }
            m->sec[a] += to_a;
            m->sec[b] += to_b;
        }
    }
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < m->n; i++) {
        lo = fmin(lo, m->sec[i]);
        hi = fmax(hi, m->sec[i]);
    }
    for (size_t i = 0; i < m->n; i++) {
        if (!(hi > lo)) {
            /* Everyone equally secure (e.g. all at one position): the risk basis is 0/0.
             * We define it as risk neutrality, r = 1 (docs/models.md). */
            m->r[i] = 1.0;
            continue;
        }
        m->r[i] = bdm_risk_exponent(m->sec[i], lo, hi);
    }
}

/* Rank of a move kind for category-first selection (lower is preferred). */
static int category_rank(pacta_move_kind kind)
{
    return kind == PACTA_MOVE_CONFLICT ? 0 : kind == PACTA_MOVE_COMPROMISE ? 1 : 2;
}

/* Whether candidate beats best under the chosen selection rule (A9). */
static bool better_offer(const bdm_t *m, size_t i, const offer_t *cand, const offer_t *best)
{
    if (best->kind == PACTA_MOVE_NONE)
        return true;
    int rc = category_rank(cand->kind), rb = category_rank(best->kind);
    if (rc != rb)
        return rc < rb;
    double xi = m->x[i];
    switch (m->p->selection) {
    case SELECT_SCHOLZ_CODE:
        /* Scholz's code: least move, except that compromises are ranked by the
         * EU-weighted point (|a| x_i + |b| x_j)/(|a| + |b|), smallest first. Strict
         * comparisons keep the first offer on ties. */
        return cand->key < best->key;
    case SELECT_MAX_EU:
        return cand->eu_other > best->eu_other;
    default: {
        double dc = fabs(cand->to - xi), db = fabs(best->to - xi);
        if (dc != db)
            return dc < db;
        return cand->to < best->to; /* equal moves: the lower destination */
    }
    }
}

/* The offer j makes to i, if any (Scholz fig. 6 octants, seen from i's side), from
 * a = E^i(U_ij) and b = E^j(U_ji) as i sees them. */
static bool classify(const bdm_t *m, size_t i, size_t j, double a, double b, offer_t *o)
{
    double xi = m->x[i], xj = m->x[j];
    o->from = j;
    o->eu_self = a;
    o->eu_other = b;
    if (b > a && a > 0) {
        if (m->p->conflict != 0)
            return false;
        o->kind = PACTA_MOVE_CONFLICT;
        o->to = xj;
    } else if (b > 0 && 0 > a && b > fabs(a)) {
        o->kind = PACTA_MOVE_COMPROMISE;
        o->to = xi + (xj - xi) * fabs(a / b); /* eq. 36 */
    } else if (m->p->compel && b > 0 && 0 > a && fabs(a) > b) {
        o->kind = PACTA_MOVE_CAPITULATE;
        o->to = xj;
    } else {
        return false;
    }
    if (m->p->selection == SELECT_SCHOLZ_CODE)
        o->key = o->kind == PACTA_MOVE_COMPROMISE
                     ? (fabs(a) * xi + fabs(b) * xj) / (fabs(a) + fabs(b))
                     : fabs(xi - o->to);
    return true;
}

/* The round's weighted median and mean of the positions x. */
static pacta_status summarise(bdm_t *m, const double *x, double *median, double *mean)
{
    pacta_status st = median_of(m, x, median);
    if (st == PACTA_OK)
        st = pacta_weighted_mean(m->n, x, m->w, mean);
    return st;
}

static double spread(const double *x, size_t n)
{
    double lo = x[0], hi = x[0];
    for (size_t i = 1; i < n; i++) {
        lo = fmin(lo, x[i]);
        hi = fmax(hi, x[i]);
    }
    return hi - lo;
}

enum { BDM_ARRAYS = 10 }; /* s, w, cs, x, next, r, ones, sec, sq, sq_ones */

static bdm_kernel_kind kernel_kind(const bdm_params_t *p)
{
    return p->kernel == 0 ? BDM_KERNEL_FAST : BDM_KERNEL_NAIVE;
}

static bdm_vote_rule vote_rule(const bdm_params_t *p)
{
    return p->probability == PROB_SCHOLZ_CODE ? BDM_VOTES_SCHOLZ_CODE
           : p->probability == PROB_NET       ? BDM_VOTES_NET
                                              : BDM_VOTES_PAPER;
}

/* Bytes before the kernel's scratch. */
static size_t own_bytes(size_t n)
{
    return model_align(BDM_ARRAYS * n * sizeof(double)) + model_align(n * sizeof(pacta_move_t)) +
           model_align(n * sizeof(offer_t)) + model_align(n * sizeof(weighted_point_t));
}

/* The positions of every round are kept (after the kernel's scratch) so that a forecast-only
 * run with stop=rounds can recognise a cycle: a round's positions determine the next
 * round's entirely (the range, mu, the risk exponents and every offer are functions of them
 * and of the fixed inputs), so once the positions of round t repeat those of an earlier
 * round s, round T's positions are those of round s + (T - s) mod (t - s), bit for bit, and
 * the rounds in between need not be run. Kept only while it is small. */
enum { HISTORY_MAX_DOUBLES = 1 << 16 };

static size_t history_doubles(const bdm_params_t *p, size_t n)
{
    if (p->stop != STOP_ROUNDS || n > HISTORY_MAX_DOUBLES ||
        (size_t)p->rounds + 1 > HISTORY_MAX_DOUBLES / (n > 0 ? n : 1))
        return 0;
    return ((size_t)p->rounds + 1) * n;
}

static size_t workspace_bytes(const void *params, size_t n)
{
    const bdm_params_t *p = params;
    size_t kernel = pacta_bdm_kernel_workspace_bytes(kernel_kind(p), vote_rule(p), n);
    if (n > SIZE_MAX / 1024 || kernel > SIZE_MAX - own_bytes(n) - history_doubles(p, n) * 8)
        return SIZE_MAX; /* beyond any real run; the caller's allocation then fails */
    return own_bytes(n) + kernel + history_doubles(p, n) * sizeof(double);
}

/* Where the history is kept in scratch, or NULL when it is not kept. Cycles are followed only
 * when nothing but the forecast is wanted. */
static double *history_in(const bdm_params_t *p, size_t n, void *scratch)
{
    if (history_doubles(p, n) == 0)
        return NULL;
    size_t kernel = pacta_bdm_kernel_workspace_bytes(kernel_kind(p), vote_rule(p), n);
    return (double *)((char *)scratch + own_bytes(n) + kernel);
}

/* The earlier round whose positions equal x (rounds 0 .. t - 1 of history), or t. */
static size_t repeated_round(const double *history, size_t t, const double *x, size_t n)
{
    for (size_t s = 0; s < t; s++)
        if (memcmp(history + s * n, x, n * sizeof(double)) == 0)
            return s;
    return t;
}

/* After round now: if its positions m->x repeat an earlier round's, the summary of the last
 * round's positions (which the cycle determines) into *median and *mean and *cycle = true;
 * otherwise the positions are added to the history. */
static pacta_status follow_cycle(bdm_t *m, double *history, size_t now, bool *cycle, double *median,
                                 double *mean)
{
    size_t n = m->n, earlier = repeated_round(history, now, m->x, n);
    if (earlier == now) {
        memcpy(history + now * n, m->x, n * sizeof(double));
        return PACTA_OK;
    }
    size_t last = earlier + ((size_t)m->p->rounds - earlier) % (now - earlier);
    *cycle = true;
    return summarise(m, history + last * n, median, mean);
}

/* Every actor takes its best offer, all at once; the moves into moves. Returns their number. */
static size_t apply_moves(bdm_t *m, pacta_move_t *moves)
{
    size_t n_moves = 0;
    for (size_t i = 0; i < m->n; i++) {
        offer_t best = m->best[i];
        m->next[i] = m->x[i];
        if (best.kind != PACTA_MOVE_NONE) {
            m->next[i] = best.to;
            moves[n_moves++] = (pacta_move_t){i,       best.kind,    best.from,    m->x[i],
                                              best.to, best.eu_self, best.eu_other};
        }
    }
    memcpy(m->x, m->next, m->n * sizeof(double));
    return n_moves;
}

/* Copy a round's state into the kept result (full runs only). */
static pacta_status keep_round(pacta_round_t *round, const bdm_t *m, const pacta_move_t *moves,
                               size_t n_moves, double median, double mean, bool with_risk)
{
    memcpy(round->position, m->x, m->n * sizeof(double));
    if (with_risk)
        memcpy(round->risk, m->r, m->n * sizeof(double));
    round->median = median;
    round->mean = mean;
    if (n_moves > 0) {
        round->moves = pacta_malloc(n_moves * sizeof(pacta_move_t));
        if (round->moves == NULL)
            return PACTA_ENOMEM;
        memcpy(round->moves, moves, n_moves * sizeof(pacta_move_t));
        round->n_moves = n_moves;
    }
    return PACTA_OK;
}

static pacta_status run(const void *params, const pacta_issue_data_t *data, void *scratch,
                        pacta_model_result_t *result, double *forecast, bool *defined)
{
    const bdm_params_t *p = params;
    const size_t n = data->n;
    pacta_status st = PACTA_OK;
    *defined = false;
    *forecast = NAN;
    bdm_t m;
    memset(&m, 0, sizeof m);
    m.p = p;
    m.n = n;
    double *block = scratch;
    pacta_move_t *moves =
        (pacta_move_t *)((char *)scratch + model_align(BDM_ARRAYS * n * sizeof(double)));
    m.best = (offer_t *)((char *)moves + model_align(n * sizeof(pacta_move_t)));
    m.points = (weighted_point_t *)((char *)m.best + model_align(n * sizeof(offer_t)));
    pacta_bdm_kernel_init(&m.kernel, kernel_kind(p), vote_rule(p), n,
                          (char *)scratch + own_bytes(n));
    double *history = result == NULL ? history_in(p, n, scratch) : NULL;
    m.s = block;
    m.w = block + n;
    m.x = block + 2 * n;
    m.next = block + 3 * n;
    m.r = block + 4 * n;
    m.ones = block + 5 * n;
    m.sec = block + 6 * n;
    m.cs = block + 7 * n;
    m.sq = block + 8 * n;
    m.sq_ones = block + 9 * n;
    double total_weight = 0.0;
    for (size_t i = 0; i < n; i++) {
        m.s[i] = data->salience[i] / 100.0;
        m.w[i] = data->capability[i] * data->salience[i];
        m.cs[i] = data->capability[i] * m.s[i];
        m.x[i] = data->position[i];
        m.r[i] = 1.0;
        m.ones[i] = 1.0;
        m.sq_ones[i] = bdm_u_status_quo(1.0);
        total_weight += m.w[i];
    }
    if (!(total_weight > 0.0)) {
        if (result != NULL)
            result->defined = false;
        return pacta_model_note(result, "no actor has both capability and salience above zero");
    }

    if (result != NULL) {
        st = pacta_model_alloc_rounds(result, n, (size_t)p->rounds + 1, true);
        if (st != PACTA_OK)
            return st;
        pacta_free(result->rounds[0].risk);
        result->rounds[0].risk = NULL;
    }
    double median, mean;
    st = summarise(&m, m.x, &median, &mean);
    if (st != PACTA_OK)
        return st;
    if (result != NULL &&
        (st = keep_round(&result->rounds[0], &m, moves, 0, median, mean, false)) != PACTA_OK)
        return st;

    const double initial_range = spread(m.x, n);
    if (history != NULL)
        memcpy(history, m.x, n * sizeof(double));
    size_t done = 0;
    pacta_stop_reason stop = PACTA_STOP_ROUNDS;
    for (int t = 1; t <= p->rounds; t++) {
        double current = spread(m.x, n);
        if (current == 0.0 && p->stop == STOP_CONVERGED) {
            stop = PACTA_STOP_UNANIMOUS;
            break;
        }
        m.range = p->range == RANGE_INITIAL   ? initial_range
                  : p->range == RANGE_CURRENT ? current
                                              : 100.0;
        if (p->q < 1.0)
            m.mu = p->mu == 0 ? median : mean;

        pacta_bdm_kernel_set_positions(&m.kernel, m.x, m.w);
        update_risk(&m, data);
        if (p->probability == PROB_SCHOLZ_CODE)
            pacta_bdm_kernel_set_risk(&m.kernel, m.cs, m.r, m.range);

        for (size_t i = 0; i < n; i++)
            m.sq[i] = bdm_u_status_quo(m.r[i]);
        /* Every pair once, both directions: actor i still sees its offers in the order
         * j = 0, 1, ..., n - 1, which decides ties. */
        memset(m.best, 0, n * sizeof *m.best);
        for (size_t a = 0; a < n; a++) {
            for (size_t b = a + 1; b < n; b++) {
                if (m.x[a] == m.x[b])
                    continue;
                double p_ab, p_ba, eu[4];
                pacta_bdm_kernel_probabilities(&m.kernel, a, b, &p_ab, &p_ba);
                pair_utilities(&m, a, b, p_ab, p_ba, m.r, m.sq, eu);
                offer_t cand;
                memset(&cand, 0, sizeof cand);
                if (classify(&m, a, b, eu[0], eu[1], &cand) &&
                    better_offer(&m, a, &cand, &m.best[a]))
                    m.best[a] = cand;
                memset(&cand, 0, sizeof cand);
                if (classify(&m, b, a, eu[2], eu[3], &cand) &&
                    better_offer(&m, b, &cand, &m.best[b]))
                    m.best[b] = cand;
            }
        }
        size_t n_moves = apply_moves(&m, moves);
        double before = p->readout == 0 ? median : mean;
        st = summarise(&m, m.x, &median, &mean);
        if (st != PACTA_OK)
            return st;
        if (result != NULL && (st = keep_round(&result->rounds[t], &m, moves, n_moves, median, mean,
                                               true)) != PACTA_OK)
            return st;
        done = (size_t)t;
        if (history != NULL && t < p->rounds) {
            bool cycle = false;
            st = follow_cycle(&m, history, (size_t)t, &cycle, &median, &mean);
            if (st != PACTA_OK)
                return st;
            if (cycle)
                break;
        }
        if (p->stop == STOP_CONVERGED) {
            double after = p->readout == 0 ? median : mean;
            if (fabs(after - before) < p->tolerance) {
                stop = PACTA_STOP_CONVERGED;
                break;
            }
        }
    }
    *forecast = p->readout == 0 ? median : mean;
    *defined = true;
    if (result == NULL)
        return PACTA_OK;
    /* Rounds not reached are released so n_rounds is exactly what ran. */
    for (size_t k = done + 1; k < result->n_rounds; k++) {
        pacta_free(result->rounds[k].position);
        pacta_free(result->rounds[k].risk);
        result->rounds[k].position = NULL;
        result->rounds[k].risk = NULL;
    }
    result->n_rounds = done + 1;
    result->stop = stop;
    result->forecast = *forecast;
    result->defined = true;
    return PACTA_OK;
}

const pacta_model_t pacta_model_bdm = {
    .name = "bdm",
    .summary = "Bueno de Mesquita's expected-utility challenge model (Scholz et al. 2011)",
    .iterative = true,
    .options = bdm_options,
    .n_options = OPT_COUNT,
    .profiles = bdm_profiles,
    .n_profiles = sizeof bdm_profiles / sizeof bdm_profiles[0],
    .params_size = sizeof(bdm_params_t),
    .parse = parse,
    .workspace_bytes = workspace_bytes,
    .run = run,
};
