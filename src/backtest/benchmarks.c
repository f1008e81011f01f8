/* Benchmarks that only a backtest can run, because they need what a DEU table knows about
 * how a proposal was decided (docs/validation.md, eqs. V1 and V2):
 *
 *   status-quo     the reference point itself;
 *   eu-procedural  the Commission proposes the point nearest its own position that the
 *                  Council accepts over the reference point by the proposal's voting rule
 *                  (a qualified majority of vote weights, or unanimity) and, under
 *                  co-decision, the Parliament accepts too (a procedural model in the
 *                  tradition of Steunenberg 1994 and Tsebelis & Garrett 2000);
 *   procedural     by procedure: under consultation the Commission sets the agenda as in
 *                  eu-procedural; under co-decision the Parliament and the Council bargain
 *                  as equals (the midpoint of the EP's position and the Council's
 *                  compromise), inside the same winset (Tsebelis & Garrett 2000);
 *   procedural-compromise  the compromise model moved into that winset. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backtest/backtest_internal.h"

bt_benchmark pacta_bt_benchmark_find(const char *name)
{
    if (strcmp(name, "status-quo") == 0)
        return BT_STATUS_QUO;
    if (strcmp(name, "eu-procedural") == 0)
        return BT_EU_PROCEDURAL;
    if (strcmp(name, "procedural") == 0)
        return BT_PROCEDURAL;
    if (strcmp(name, "procedural-compromise") == 0)
        return BT_PROCEDURAL_COMPROMISE;
    return BT_NOT_BENCHMARK;
}

/* Council members that move the outcome away from d on one side: those on that side, most
 * extreme first. The bound is the farthest point x with weight{i : |x - x_i| <= |d - x_i|}
 * >= q W; a member at x_i accepts every point up to 2 x_i - d, so the bound is 2 x_p - d for
 * the pivotal member p reached when the cumulative weight first covers q W (eq. V2a). */
static int by_position_descending(const void *a, const void *b)
{
    double x = ((const member_t *)a)->x, y = ((const member_t *)b)->x;
    return (x < y) - (x > y);
}

static double side_bound(member_t *m, size_t n, double d, double need, int side)
{
    /* Reflect the left side onto the right so one scan serves both. */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        double x = side > 0 ? m[i].x : 2 * d - m[i].x;
        if (x > d)
            m[k++] = (member_t){x, m[i].w};
    }
    qsort(m, k, sizeof *m, by_position_descending);
    double cumulative = 0.0;
    for (size_t i = 0; i < k; i++) {
        cumulative += m[i].w;
        if (cumulative >= need) {
            double reach = 2 * m[i].x - d;
            return side > 0 ? reach : 2 * d - reach;
        }
    }
    return d;
}

/* The Council members that count on the issue, with their vote weights. */
static size_t collect_members(const bt_input_t *in, const pacta_scenario_t *s, member_t *m)
{
    size_t n = 0;
    for (size_t i = 0; i < in->n; i++) {
        const char *id = s->actors[in->actor[i]].id;
        if (strcmp(id, "com") != 0 && strcmp(id, "ep") != 0)
            m[n++] = (member_t){in->position[i], in->capability[i]};
    }
    return n;
}

/* What the procedural benchmarks need to know about one issue (eqs. V2a-V2b, V7). */
typedef struct procedure_view {
    bool has_winset; /* a reference point and a known voting rule */
    double lo, hi;   /* the points the Council (and under COD the EP) prefer to rp */
    bool cod;
    bool has_commission, has_parliament, has_council;
    double commission, parliament;
    double council;    /* the c.s-weighted mean of the Council members */
    double compromise; /* the c.s-weighted mean of every actor (eq. M1) */
    bool has_compromise;
} procedure_view_t;

static void view_issue(double quota, const pacta_backtest_proposal_t *p, const bt_input_t *in,
                       procedure_view_t *v)
{
    const pacta_scenario_t *s = p->scenario;
    const pacta_issue_data_t *data = &in->data;
    memset(v, 0, sizeof *v);
    v->cod = strncasecmp(p->procedure, "cod", 3) == 0;
    double total = 0.0, num = 0.0, den = 0.0, cnum = 0.0, cden = 0.0;
    for (size_t i = 0; i < data->n; i++) {
        const char *id = s->actors[in->actor[i]].id;
        double w = data->capability[i] * data->salience[i];
        num += w * data->position[i];
        den += w;
        if (strcmp(id, "com") == 0) {
            v->has_commission = true;
            v->commission = data->position[i];
        } else if (strcmp(id, "ep") == 0) {
            v->has_parliament = true;
            v->parliament = data->position[i];
        } else {
            total += data->capability[i];
            cnum += w * data->position[i];
            cden += w;
        }
    }
    v->has_compromise = den > 0.0;
    v->compromise = v->has_compromise ? num / den : NAN;
    v->has_council = cden > 0.0;
    v->council = v->has_council ? cnum / cden : NAN;
    double q;
    if (strncasecmp(p->rule, "unan", 4) == 0)
        q = 1.0;
    else if (strncasecmp(p->rule, "qmv", 3) == 0)
        q = quota;
    else
        return;
    if (!data->has_status_quo || !(total > 0.0))
        return;
    const double d = data->status_quo;
    /* A relative allowance keeps a coalition of exactly q W from failing by rounding. */
    double need = q * total * (1.0 - 1e-12);
    member_t *m = in->members;
    v->hi = side_bound(m, collect_members(in, s, m), d, need, +1);
    v->lo = side_bound(m, collect_members(in, s, m), d, need, -1);
    if (v->has_parliament && v->cod) { /* eq. V2b */
        double r = fabs(d - v->parliament);
        v->lo = fmax(v->lo, v->parliament - r);
        v->hi = fmin(v->hi, v->parliament + r);
    }
    v->lo = fmax(v->lo, 0.0);
    v->hi = fmin(v->hi, 100.0);
    v->has_winset = true;
}

/* The point of the winset nearest x, or x itself when there is no winset. */
static double into_winset(const procedure_view_t *v, double x)
{
    return v->has_winset ? fmin(fmax(x, v->lo), v->hi) : x;
}

static void procedural(bt_benchmark which, double quota, const pacta_backtest_set_t *set,
                       const pacta_backtest_case_t *c, const bt_input_t *in, double *forecast,
                       bool *defined)
{
    procedure_view_t v;
    view_issue(quota, &set->proposals[c->proposal], in, &v);
    *defined = false;
    *forecast = NAN;
    double target;
    switch (which) {
    case BT_EU_PROCEDURAL: /* eq. V2c */
        if (!v.has_winset || !(v.has_commission || v.has_compromise))
            return;
        target = v.has_commission ? v.commission : v.compromise;
        break;
    case BT_PROCEDURAL: /* eq. V7a */
        if (v.cod && v.has_parliament && v.has_council)
            target = 0.5 * (v.parliament + v.council);
        else if (!v.cod && v.has_commission && v.has_winset)
            target = v.commission;
        else if (v.has_council)
            target = v.council;
        else
            return;
        break;
    case BT_PROCEDURAL_COMPROMISE: /* eq. V7b */
        if (!v.has_compromise)
            return;
        target = v.compromise;
        break;
    default:
        return;
    }
    *forecast = into_winset(&v, target);
    *defined = true;
}

void pacta_bt_benchmark_forecast(bt_benchmark which, double quota, const pacta_backtest_set_t *set,
                                 const pacta_backtest_case_t *c, const bt_input_t *in,
                                 double *forecast, bool *defined)
{
    *defined = false;
    *forecast = NAN;
    switch (which) {
    case BT_STATUS_QUO: /* eq. V1 */
        *defined = in->data.has_status_quo;
        *forecast = *defined ? in->data.status_quo : NAN;
        return;
    case BT_EU_PROCEDURAL:
    case BT_PROCEDURAL:
    case BT_PROCEDURAL_COMPROMISE:
        procedural(which, quota, set, c, in, forecast, defined);
        return;
    case BT_NOT_BENCHMARK:
        return;
    }
}
