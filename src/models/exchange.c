/* The exchange model (Stokman & Van Oosten 1994, as applied to the EU by Arregui, Stokman &
 * Thomson 2006): pairs of actors on opposite sides of the expected outcome on two issues
 * trade voting positions, each shifting on the issue it cares less about, at the rate that
 * gives both the same gain; exchanges are realised in the order of their gain and the
 * forecast is the compromise model (the capability x salience weighted mean) of the voting
 * positions after every exchange (docs/models.md eqs. X1-X7).
 *
 * A joint model: it sees every issue of a negotiation at once. A salience of 0 means the
 * actor takes no part in that issue (the backtest gives a DEU proposal's actors salience 0
 * on the issues they have no position on). On one issue nothing can be traded and the
 * forecast is the compromise model's. Time: O(k^2 n^2) candidate trades; the default
 * sequence recomputes them after each realised trade, O(T k^2 n^2) for T trades. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "models/model_internal.h"

enum { OPT_SEQUENCE, OPT_LIMIT, OPT_REALISE, OPT_MAX_EXCHANGES, OPT_COUNT };

static const char *const sequence_choices[] = {"recompute", "once", NULL};
static const char *const limit_choices[] = {"both", "position", "outcome", NULL};

static const pacta_option_spec_t exchange_options[OPT_COUNT] = {
    [OPT_SEQUENCE] = {"sequence", PACTA_OPTION_CHOICE, sequence_choices, 0, 0, "recompute",
                      "X6: recompute every trade's gain after each realised trade and realise "
                      "the best (Decide's equal-gain model), or rank trades once by their "
                      "initial gain and let each actor trade an issue at most once"},
    [OPT_LIMIT] = {"limit", PACTA_OPTION_CHOICE, limit_choices, 0, 0, "both",
                   "X4: how far a shift may go: the supplier's voting position not beyond the "
                   "demander's position, the expected outcome not beyond it, or both"},
    [OPT_REALISE] = {"realise", PACTA_OPTION_REAL, NULL, 0, 1, "1",
                     "X5: share of each equal-gain trade that is realised; 1 is the published "
                     "model, 0 the compromise model (a knob for cross-validation)"},
    [OPT_MAX_EXCHANGES] = {"max_exchanges", PACTA_OPTION_INTEGER, NULL, 0, 1000000, "0",
                           "X6: stop after this many realised trades; 0 for no limit"},
};

typedef struct exchange_params {
    int sequence; /* 0 recompute, 1 once */
    int limit;    /* 0 both, 1 position, 2 outcome */
    double realise;
    long max_exchanges;
} exchange_params_t;

static pacta_status parse(void *params, const char *const *values, pacta_diag_t *diag)
{
    (void)diag;
    exchange_params_t *p = params;
    p->sequence = pacta_model_choice(values[OPT_SEQUENCE], sequence_choices);
    p->limit = pacta_model_choice(values[OPT_LIMIT], limit_choices);
    p->realise = pacta_model_real(values[OPT_REALISE]);
    p->max_exchanges = (long)pacta_model_real(values[OPT_MAX_EXCHANGES]);
    return PACTA_OK;
}

/* A candidate trade: actor a demands issue p (b shifts there toward a) and supplies issue q
 * (a shifts there toward b). */
typedef struct trade {
    size_t a, b, p, q;
    double gain;   /* the equal gain G of eq. X5 in the current state */
    double dp, dq; /* the outcome shifts |dO_p|, |dO_q| it realises */
    size_t order;  /* enumeration order, which breaks ties */
    bool done;
} trade_t;

/* The state of a run: dense n x k arrays (actor-major), as pacta_joint_data_t. */
typedef struct state {
    const pacta_joint_data_t *in;
    double *y;       /* voting positions */
    double *outcome; /* expected outcome per issue (eq. X1 on y) */
    double *weight;  /* W_d = sum_i c_i s_id */
    bool *used;      /* n x k: the actor has traded the issue (sequence=once) */
} state_t;

static double sal(const state_t *s, size_t i, size_t d)
{
    return s->in->salience[i * s->in->k + d];
}

static double pos(const state_t *s, size_t i, size_t d)
{
    return s->in->position[i * s->in->k + d];
}

static bool takes_part(const state_t *s, size_t i, size_t d)
{
    return s->in->capability[i] > 0.0 && sal(s, i, d) > 0.0;
}

/* Eq. X4: the largest outcome shift on issue d that moving supplier i toward the demander's
 * position x (direction dir) allows. */
static double max_shift(const state_t *s, int limit, size_t i, size_t d, double x, double dir)
{
    double by_position = fmax(0.0, (x - s->y[i * s->in->k + d]) * dir) * s->in->capability[i] *
                         sal(s, i, d) / s->weight[d];
    double by_outcome = fmax(0.0, (x - s->outcome[d]) * dir);
    /* Whatever the limit, a voting position stays on the scale. */
    double y = s->y[i * s->in->k + d];
    double by_scale =
        (dir > 0 ? 100.0 - y : y) * s->in->capability[i] * sal(s, i, d) / s->weight[d];
    if (limit == 1)
        return by_position;
    if (limit == 2)
        return fmin(by_outcome, by_scale);
    return fmin(by_position, by_outcome);
}

/* Eqs. X3-X5: the equal-gain shifts of trade t in the current state. */
static void evaluate(const state_t *s, int limit, trade_t *t)
{
    double sap = sal(s, t->a, t->p), saq = sal(s, t->a, t->q);
    double sbp = sal(s, t->b, t->p), sbq = sal(s, t->b, t->q);
    double xap = pos(s, t->a, t->p), xbp = pos(s, t->b, t->p);
    double xaq = pos(s, t->a, t->q), xbq = pos(s, t->b, t->q);
    double room_p = max_shift(s, limit, t->b, t->p, xap, xap > xbp ? 1.0 : -1.0);
    double room_q = max_shift(s, limit, t->a, t->q, xbq, xbq > xaq ? 1.0 : -1.0);
    double rate = (sap + sbp) / (saq + sbq); /* X3: dO_q = rate dO_p */
    t->dp = fmin(room_p, room_q / rate);
    t->dq = rate * t->dp;
    t->gain = sap * t->dp - saq * t->dq; /* X5, = sbq dq - sbp dp */
}

/* Eq. X2: realise a share of trade t: b shifts on p toward a, a on q toward b. */
static void realise(state_t *s, double share, const trade_t *t)
{
    const size_t k = s->in->k;
    const double *c = s->in->capability;
    double dir_p = pos(s, t->a, t->p) > pos(s, t->b, t->p) ? 1.0 : -1.0;
    double dir_q = pos(s, t->b, t->q) > pos(s, t->a, t->q) ? 1.0 : -1.0;
    double dp = share * t->dp, dq = share * t->dq;
    s->y[t->b * k + t->p] += dir_p * dp * s->weight[t->p] / (c[t->b] * sal(s, t->b, t->p));
    s->y[t->a * k + t->q] += dir_q * dq * s->weight[t->q] / (c[t->a] * sal(s, t->a, t->q));
    s->outcome[t->p] += dir_p * dp;
    s->outcome[t->q] += dir_q * dq;
    if (s->used != NULL) {
        s->used[t->a * k + t->p] = s->used[t->a * k + t->q] = true;
        s->used[t->b * k + t->p] = s->used[t->b * k + t->q] = true;
    }
}

/* Eq. X2's condition: opposite sides of the initial expected outcome on both issues, and
 * different salience ratios (else neither gains). Appends the oriented trade. */
static void add_candidate(const state_t *s, size_t i, size_t j, size_t p, size_t q, trade_t *list,
                          size_t *n)
{
    if (!takes_part(s, i, p) || !takes_part(s, i, q) || !takes_part(s, j, p) ||
        !takes_part(s, j, q))
        return;
    double ip = pos(s, i, p) - s->outcome[p], jp = pos(s, j, p) - s->outcome[p];
    double iq = pos(s, i, q) - s->outcome[q], jq = pos(s, j, q) - s->outcome[q];
    if (!(ip * jp < 0.0) || !(iq * jq < 0.0))
        return;
    double lhs = sal(s, i, p) * sal(s, j, q), rhs = sal(s, i, q) * sal(s, j, p);
    if (lhs == rhs)
        return;
    /* i demands p when its salience ratio s_p / s_q is the higher one (X2). */
    list[*n] = lhs > rhs ? (trade_t){.a = i, .b = j, .p = p, .q = q, .order = *n}
                         : (trade_t){.a = j, .b = i, .p = p, .q = q, .order = *n};
    (*n)++;
}

/* Trades are compared by gain; ties keep enumeration order. */
static int by_gain_descending(const void *x, const void *y)
{
    const trade_t *a = x, *b = y;
    if (a->gain != b->gain)
        return a->gain < b->gain ? 1 : -1;
    return (a->order > b->order) - (a->order < b->order);
}

/* Gains below this (utility x scale points) are rounding, not trades. */
#define EXCHANGE_MIN_GAIN 1e-9

static size_t trade_recompute(state_t *s, const exchange_params_t *p, trade_t *list, size_t n)
{
    size_t done = 0;
    while (p->max_exchanges == 0 || (long)done < p->max_exchanges) {
        size_t best = n;
        for (size_t t = 0; t < n; t++) {
            if (list[t].done)
                continue;
            evaluate(s, p->limit, &list[t]);
            if (list[t].gain > EXCHANGE_MIN_GAIN && (best == n || list[t].gain > list[best].gain))
                best = t;
        }
        if (best == n)
            break;
        realise(s, p->realise, &list[best]);
        list[best].done = true;
        done++;
    }
    return done;
}

static size_t trade_once(state_t *s, const exchange_params_t *p, trade_t *list, size_t n)
{
    const size_t k = s->in->k;
    for (size_t t = 0; t < n; t++)
        evaluate(s, p->limit, &list[t]);
    qsort(list, n, sizeof *list, by_gain_descending);
    size_t done = 0;
    for (size_t t = 0; t < n && (p->max_exchanges == 0 || (long)done < p->max_exchanges); t++) {
        const trade_t *c = &list[t];
        if (s->used[c->a * k + c->p] || s->used[c->a * k + c->q] || s->used[c->b * k + c->p] ||
            s->used[c->b * k + c->q])
            continue;
        evaluate(s, p->limit, &list[t]); /* the outcomes may have moved since */
        if (list[t].gain <= EXCHANGE_MIN_GAIN)
            continue;
        realise(s, p->realise, &list[t]);
        done++;
    }
    return done;
}

/* Eq. X1 on the voting positions y: the forecast of issue d. */
static void finish(const state_t *s, size_t d, pacta_model_result_t *r)
{
    const pacta_joint_data_t *in = s->in;
    double num = 0.0;
    for (size_t i = 0; i < in->n; i++)
        num += in->capability[i] * sal(s, i, d) * s->y[i * in->k + d];
    r->defined = s->weight[d] > 0.0 && isfinite(num / s->weight[d]);
    r->forecast = r->defined ? fmin(fmax(num / s->weight[d], 0.0), 100.0) : NAN;
}

static pacta_status run_joint(const void *params, const pacta_joint_data_t *data,
                              pacta_model_result_t *results, pacta_diag_t *diag)
{
    (void)diag;
    const exchange_params_t *p = params;
    const size_t n = data->n, k = data->k;
    pacta_status st = PACTA_ENOMEM;
    state_t s = {.in = data};
    trade_t *list = NULL;
    size_t pairs = n * (n - 1) / 2 * (k * (k - 1) / 2);
    s.y = pacta_malloc(n * k * sizeof(double));
    s.outcome = pacta_calloc(k, sizeof(double));
    s.weight = pacta_calloc(k, sizeof(double));
    s.used = p->sequence == 1 ? pacta_calloc(n * k, sizeof(bool)) : NULL;
    list = pacta_malloc((pairs ? pairs : 1) * sizeof *list);
    if (!s.y || !s.outcome || !s.weight || (p->sequence == 1 && !s.used) || !list)
        goto cleanup;
    memcpy(s.y, data->position, n * k * sizeof(double));
    for (size_t d = 0; d < k; d++) { /* X1 */
        for (size_t i = 0; i < n; i++) {
            double w = data->capability[i] * sal(&s, i, d);
            s.weight[d] += w;
            s.outcome[d] += w * pos(&s, i, d);
        }
        s.outcome[d] = s.weight[d] > 0.0 ? s.outcome[d] / s.weight[d] : NAN;
    }
    size_t n_trades = 0;
    for (size_t q = 1; q < k; q++)
        for (size_t d = 0; d < q; d++)
            for (size_t j = 1; j < n; j++)
                for (size_t i = 0; i < j; i++)
                    if (s.weight[d] > 0.0 && s.weight[q] > 0.0)
                        add_candidate(&s, i, j, d, q, list, &n_trades);
    size_t done = p->sequence == 1 ? trade_once(&s, p, list, n_trades)
                                   : trade_recompute(&s, p, list, n_trades);
    st = PACTA_OK;
    for (size_t d = 0; d < k && st == PACTA_OK; d++) {
        finish(&s, d, &results[d]);
        if (!results[d].defined)
            st = pacta_model_note(&results[d], "no actor has both capability and salience "
                                               "above zero on this issue");
        else
            st = pacta_model_note(&results[d], "%zu of %zu possible exchanges realised", done,
                                  n_trades);
    }

cleanup:
    pacta_free(s.y);
    pacta_free(s.outcome);
    pacta_free(s.weight);
    pacta_free(s.used);
    pacta_free(list);
    return st;
}

const pacta_model_t pacta_model_exchange = {
    .name = "exchange",
    .summary = "Stokman & Van Oosten's exchange model: equal-gain trades of voting positions "
               "between issues, then the compromise model",
    .iterative = false,
    .options = exchange_options,
    .n_options = OPT_COUNT,
    .profiles = NULL,
    .n_profiles = 0,
    .params_size = sizeof(exchange_params_t),
    .parse = parse,
    .workspace_bytes = NULL,
    .run = NULL,
    .run_joint = run_joint,
    .joint_partial = true,
};
