/* Who accepts a deal and why (A1-A4): each actor's loss at the deal against its loss at the
 * reservation, issue by issue, with the war's cost for the belligerents. */
#include <math.h>
#include <string.h>

#include "core/tolerance.h"
#include "settle/settle_internal.h"

double pacta_settle_loss(pacta_utility utility, double salience, double ideal, double v)
{
    /* A1: salience-weighted distance (salience 0-100 read as 0-1), in scale points. */
    double d = fabs(ideal - v);
    double s = salience / 100.0;
    return utility == PACTA_UTILITY_QUADRATIC ? s * d * d / 100.0 : s * d;
}

static bool is_member(const size_t *list, size_t n, size_t a)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == a)
            return true;
    return false;
}

/* Side A's end (100 or 0) of stake issue k. */
static double end_of_a(const pacta_scenario_t *s, size_t k)
{
    for (size_t i = 0; i < s->war.n_stake; i++)
        if (s->war.stake[i].issue == k)
            return s->war.stake[i].a_prefers_high ? 100.0 : 0.0;
    return 100.0;
}

/* A2-A3 for one actor. */
pacta_status pacta_settle_judge_actor(const settle_context_t *c, size_t a, const double *point,
                                      const bool *compared, pacta_actor_verdict_t *v)
{
    const pacta_scenario_t *s = c->s;
    const pacta_actor_t *actor = &s->actors[a];
    double *contribution = pacta_arena_alloc(c->arena, s->n_issues, sizeof(double));
    if (contribution == NULL)
        return PACTA_ENOMEM;
    v->actor = a;
    v->contribution = contribution;
    bool war = c->reservation == PACTA_RESERVATION_WAR;
    double p = c->params->p, stake_value = 0;
    for (size_t k = 0; k < s->n_issues; k++) {
        const pacta_stance_t *st = &actor->stances[k];
        if (!compared[k] || !st->present)
            continue;
        v->takes_part = true;
        double x = st->position.value, sal = st->salience.value;
        double at_deal = pacta_settle_loss(c->o->utility, sal, x, point[k]);
        double at_reservation;
        if (war && c->in_stake[k]) {
            /* The war goes on: side A wins the stake with probability p. */
            double ea = end_of_a(s, k), eb = 100.0 - ea;
            double la = pacta_settle_loss(c->o->utility, sal, x, ea);
            double lb = pacta_settle_loss(c->o->utility, sal, x, eb);
            at_reservation = p * la + (1.0 - p) * lb;
            stake_value += lb - la; /* what winning is worth to this actor, from A's side */
        } else {
            at_reservation = pacta_settle_loss(c->o->utility, sal, x, c->status_quo[k]);
        }
        v->loss_deal += at_deal;
        v->loss_reservation += at_reservation;
        contribution[k] = at_reservation - at_deal;
    }
    if (war) {
        /* A3: a belligerent also pays the cost of fighting on, a share of what the stake is
         * worth to it. */
        const pacta_war_t *w = &s->war;
        if (is_member(w->side_a, w->n_side_a, a))
            v->war_cost = c->params->cost_a * fmax(0.0, stake_value);
        else if (is_member(w->side_b, w->n_side_b, a))
            v->war_cost = c->params->cost_b * fmax(0.0, -stake_value);
        v->loss_reservation += v->war_cost;
    }
    v->gain = v->loss_reservation - v->loss_deal;
    /* A4: accept iff the deal is at least as good; the tolerance only absorbs rounding. */
    v->accepts = v->takes_part && v->gain >= -PACTA_GAIN_SLACK;
    /* How close the call is: the gain moves by the loss's slope at the deal for each point the
     * deal moves on an issue, so |gain| / the steepest slope is the smallest single move that
     * flips the verdict (exact for linear loss, to first order for quadratic). */
    v->flip_points = INFINITY;
    v->flip_issue = 0;
    for (size_t k = 0; v->takes_part && k < s->n_issues; k++) {
        const pacta_stance_t *st = &actor->stances[k];
        if (!compared[k] || !st->present)
            continue;
        double x = st->position.value, sal = st->salience.value, y = point[k];
        double here = pacta_settle_loss(c->o->utility, sal, x, y);
        double up = y < 100.0 ? pacta_settle_loss(c->o->utility, sal, x, fmin(100.0, y + 1.0))
                              : here;
        double down = y > 0.0 ? pacta_settle_loss(c->o->utility, sal, x, fmax(0.0, y - 1.0))
                              : here;
        double slope = fmax(fabs(up - here), fabs(down - here));
        if (slope > 0 && fabs(v->gain) / slope < v->flip_points) {
            v->flip_points = fabs(v->gain) / slope;
            v->flip_issue = k;
        }
    }
    v->close_call = v->flip_points < PACTA_CLOSE_CALL_POINTS;
    return PACTA_OK;
}

void pacta_settle_judge_coalitions(const settle_context_t *c, const pacta_actor_verdict_t *actors,
                                   pacta_coalition_verdict_t *out)
{
    const pacta_scenario_t *s = c->s;
    for (size_t q = 0; q < s->n_coalitions; q++) {
        const pacta_coalition_t *co = &s->coalitions[q];
        pacta_coalition_verdict_t *v = &out[q];
        v->coalition = q;
        v->gain_min = INFINITY;
        v->gain_max = -INFINITY;
        double sum = 0, sum2 = 0;
        size_t n = 0;
        for (size_t i = 0; i < co->n_members; i++) {
            const pacta_actor_verdict_t *av = &actors[co->members[i]];
            if (!av->takes_part)
                continue;
            n++;
            sum += av->gain;
            sum2 += av->gain * av->gain;
            v->gain_min = fmin(v->gain_min, av->gain);
            v->gain_max = fmax(v->gain_max, av->gain);
            if (av->accepts)
                v->n_accept++;
            else
                v->n_reject++;
        }
        if (n == 0) {
            v->gain_min = v->gain_max = NAN;
            continue;
        }
        double mean = sum / (double)n;
        v->gain_sd = sqrt(fmax(0.0, sum2 / (double)n - mean * mean));
        v->split = v->n_accept > 0 && v->n_reject > 0;
    }
}
