/* The war a deal would end: side A's share of the stake (F1), Fearon's bargaining range
 * (F2), the power shifts a deal sets off (C1) and Powell's commitment problem (C2, C3). */
#include <math.h>
#include <string.h>

#include "settle/settle_internal.h"

double pacta_settle_capability_p(const pacta_scenario_t *s)
{
    const pacta_war_t *w = &s->war;
    double a = 0, b = 0;
    for (size_t i = 0; i < w->n_side_a; i++)
        a += s->actors[w->side_a[i]].capability.value;
    for (size_t i = 0; i < w->n_side_b; i++)
        b += s->actors[w->side_b[i]].capability.value;
    return a + b > 0 ? a / (a + b) : 0.5;
}

double pacta_settle_stake_share(const pacta_scenario_t *s, const double *point)
{
    const pacta_war_t *w = &s->war;
    double sum = 0, weight = 0;
    for (size_t i = 0; i < w->n_stake; i++) {
        const pacta_stake_issue_t *st = &w->stake[i];
        double v = point[st->issue] / 100.0;
        double share = st->a_prefers_high ? v : 1.0 - v;
        sum += st->weight.value * share;
        weight += st->weight.value;
    }
    return weight > 0 ? sum / weight : 0.0;
}

void pacta_settle_bargaining(const settle_params_t *params, double x, double x_status_quo,
                             pacta_bargaining_verdict_t *out)
{
    memset(out, 0, sizeof *out);
    out->present = true;
    out->p = params->p;
    out->cost_a = params->cost_a;
    out->cost_b = params->cost_b;
    out->x = x;
    out->x_status_quo = x_status_quo;
    out->low = fmax(0.0, params->p - params->cost_a);
    out->high = fmin(1.0, params->p + params->cost_b);
    out->margin_a = x - (params->p - params->cost_a);
    out->margin_b = (params->p + params->cost_b) - x;
    out->inside = out->margin_a >= -PACTA_MARGIN_SLACK && out->margin_b >= -PACTA_MARGIN_SLACK;
    out->close_call = fabs(fmin(out->margin_a, out->margin_b)) < PACTA_CLOSE_CALL_SHARE;
}

/* Fraction of a shift in force t years after signing (linear phase-in). */
static double ramp(double t, double years)
{
    if (t < 0 || years <= 0)
        return 1.0;
    return fmin(1.0, t / years);
}

double pacta_settle_shift(const pacta_scenario_t *s, const settle_params_t *params,
                          const pacta_proposal_t *proposal, const double *point,
                          const double *status_quo, pacta_shift_target target, double t)
{
    double total = 0;
    for (size_t i = 0; i < s->war.n_shifts; i++) {
        const pacta_power_shift_t *sh = &s->war.shifts[i];
        if (sh->target != target)
            continue;
        double amount = 0;
        if (sh->basis == PACTA_SHIFT_ISSUE) {
            amount = point[sh->issue] - status_quo[sh->issue];
        } else if (proposal != NULL) {
            /* A provision the text does not mention counts as absent. */
            const pacta_provision_t *pv = pacta_proposal_provision(proposal, sh->provision);
            amount = pv ? pv->value.value : 0.0;
        }
        total += params->shift_effect[i] * amount * ramp(t, params->shift_years[i]);
    }
    return total;
}

double pacta_settle_powell_slack(double discount, double p_now, double p_next,
                                 double cost_declining, double cost_rising)
{
    /* C3: delta (p_t - p_{t+1}) > (1 - delta)(1 - p_t) + c_D + delta c_R. The costs are
     * shares of the stake's whole value, so this is Powell's condition with per-period costs
     * as shares of the per-period flow, or equally with lump sums C = c/(1 - delta). The
     * slack is the right side minus the left: negative when the condition breaks. */
    double lhs = discount * (p_now - p_next);
    double rhs = (1.0 - discount) * (1.0 - p_now) + cost_declining + discount * cost_rising;
    return rhs - lhs;
}

bool pacta_settle_powell_breaks(double discount, double p_now, double p_next, double cost_declining,
                                double cost_rising)
{
    return pacta_settle_powell_slack(discount, p_now, p_next, cost_declining, cost_rising) < 0;
}

static double clip01(double v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

pacta_status pacta_settle_commitment(const pacta_scenario_t *s, const settle_params_t *params,
                                     const pacta_proposal_t *proposal, const double *point,
                                     const double *status_quo, double x, pacta_arena_t *arena,
                                     pacta_commitment_verdict_t *out)
{
    memset(out, 0, sizeof *out);
    size_t years = (size_t)params->horizon;
    double *p = pacta_arena_alloc(arena, years + 1, sizeof(double));
    double *ma = pacta_arena_alloc(arena, years + 1, sizeof(double));
    double *mb = pacta_arena_alloc(arena, years + 1, sizeof(double));
    if (p == NULL || ma == NULL || mb == NULL)
        return PACTA_ENOMEM;
    out->present = true;
    out->years = years;
    out->first_negative = -1;
    out->powell_year = -1;
    for (size_t t = 0; t <= years; t++) {
        /* C1: p(t) = clip(p0 + sum of shifts in force at t). */
        p[t] = clip01(params->p + pacta_settle_shift(s, params, proposal, point, status_quo,
                                                     PACTA_SHIFT_P, (double)t));
        /* C2: the margins of F2 along the path. */
        ma[t] = x - (p[t] - params->cost_a);
        mb[t] = (p[t] + params->cost_b) - x;
        if (out->first_negative < 0 &&
            (ma[t] < -PACTA_MARGIN_SLACK || mb[t] < -PACTA_MARGIN_SLACK)) {
            out->first_negative = (int)t;
            out->negative_side = ma[t] < -PACTA_MARGIN_SLACK ? 'A' : 'B';
        }
        out->min_margin = t == 0 ? fmin(ma[t], mb[t]) : fmin(out->min_margin, fmin(ma[t], mb[t]));
        if (t > 0 && out->powell_year < 0) {
            /* C3 for whichever side is losing power between t-1 and t. */
            if (p[t] < p[t - 1] && pacta_settle_powell_breaks(params->discount, p[t - 1], p[t],
                                                              params->cost_a, params->cost_b)) {
                out->powell_year = (int)t - 1;
                out->powell_side = 'A';
            } else if (p[t] > p[t - 1] &&
                       pacta_settle_powell_breaks(params->discount, 1 - p[t - 1], 1 - p[t],
                                                  params->cost_b, params->cost_a)) {
                out->powell_year = (int)t - 1;
                out->powell_side = 'B';
            }
        }
    }
    out->p = p;
    out->margin_a = ma;
    out->margin_b = mb;
    out->self_enforcing = out->first_negative < 0 && out->powell_year < 0;
    out->close_call = fabs(out->min_margin) < PACTA_CLOSE_CALL_SHARE;
    return PACTA_OK;
}
