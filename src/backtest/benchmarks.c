/* Benchmarks that only a backtest can run, because they need what a DEU table knows about
 * how a proposal was decided (docs/validation.md, eqs. V1 and V2):
 *
 *   status-quo     the reference point itself;
 *   eu-procedural  the Commission proposes the point nearest its own position that the
 *                  Council accepts over the reference point by the proposal's voting rule
 *                  (a qualified majority of vote weights, or unanimity) and, under
 *                  co-decision, the Parliament accepts too (a procedural model in the
 *                  tradition of Steunenberg 1994 and Tsebelis & Garrett 2000). */
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

static void eu_procedural(double quota, const pacta_backtest_set_t *set,
                          const pacta_backtest_case_t *c, const bt_input_t *in, double *forecast,
                          bool *defined)
{
    const pacta_backtest_proposal_t *p = &set->proposals[c->proposal];
    const pacta_scenario_t *s = p->scenario;
    const pacta_issue_data_t *data = &in->data;
    *defined = false;
    *forecast = NAN;
    if (!data->has_status_quo)
        return;
    double q;
    if (strncasecmp(p->rule, "unan", 4) == 0) {
        q = 1.0;
    } else if (strncasecmp(p->rule, "qmv", 3) == 0) {
        q = quota;
    } else {
        return;
    }
    const double d = data->status_quo;
    double total = 0.0, num = 0.0, den = 0.0;
    bool has_commission = false, has_parliament = false;
    double commission = 0.0, parliament = 0.0;
    for (size_t i = 0; i < data->n; i++) {
        const char *id = s->actors[in->actor[i]].id;
        double w = data->capability[i] * data->salience[i];
        num += w * data->position[i];
        den += w;
        if (strcmp(id, "com") == 0) {
            has_commission = true;
            commission = data->position[i];
        } else if (strcmp(id, "ep") == 0) {
            has_parliament = true;
            parliament = data->position[i];
        } else {
            total += data->capability[i];
        }
    }
    if (!(total > 0.0) || !(has_commission || den > 0.0))
        return;
    /* A relative allowance keeps a coalition of exactly q W from failing by rounding. */
    double need = q * total * (1.0 - 1e-12);
    member_t *m = in->members;
    double hi = side_bound(m, collect_members(in, s, m), d, need, +1);
    double lo = side_bound(m, collect_members(in, s, m), d, need, -1);
    if (has_parliament && strncasecmp(p->procedure, "cod", 3) == 0) { /* eq. V2b */
        double r = fabs(d - parliament);
        lo = fmax(lo, parliament - r);
        hi = fmin(hi, parliament + r);
    }
    lo = fmax(lo, 0.0);
    hi = fmin(hi, 100.0);
    double setter = has_commission ? commission : num / den; /* eq. V2c */
    *forecast = fmin(fmax(setter, lo), hi);
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
        eu_procedural(quota, set, c, in, forecast, defined);
        return;
    case BT_NOT_BENCHMARK:
        return;
    }
}
