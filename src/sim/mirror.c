/* A thread's copy of the scenario whose numbers each replicate redraws. Random fields are
 * listed in scenario order (issues, actors, proposals, war), which fixes their stream
 * addresses. */
#include <math.h>
#include <string.h>

#include "core/tolerance.h"
#include "sim/philox.h"
#include "sim/sample.h"
#include "sim/sim_internal.h"

typedef struct builder {
    sim_mirror_t *m;
    pacta_arena_t *arena;
    const pacta_jitter_t *jitter;
    size_t n_jitter;
    size_t cap;
    bool oom;
} builder_t;

/* The jitter for a field kind, or NULL. */
static const pacta_jitter_t *jitter_for(const builder_t *b, pacta_field field)
{
    for (size_t i = 0; i < b->n_jitter; i++)
        if (b->jitter[i].field == field)
            return &b->jitter[i];
    return NULL;
}

/* Register value v (inside the mirror) as random if it is uncertain or jittered. */
static void consider(builder_t *b, pacta_value_t *v, pacta_field field, double lo, double hi)
{
    const pacta_distribution_t *dist = v->dist;
    const pacta_jitter_t *j = dist ? NULL : jitter_for(b, field);
    if (dist == NULL && j != NULL) {
        double sd = j->relative ? j->sd * fabs(v->value) : j->sd;
        if (!(sd > 0))
            return;
        pacta_distribution_t *d = pacta_arena_alloc(b->arena, 1, sizeof *d);
        if (d == NULL) {
            b->oom = true;
            return;
        }
        d->kind = PACTA_DIST_NORMAL;
        d->a = v->value;
        d->b = sd;
        d->lo = lo;
        d->hi = hi;
        dist = d;
    }
    if (dist == NULL)
        return;
    if (b->m->n_fields == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        sim_field_t *grown = pacta_arena_alloc(b->arena, cap, sizeof(sim_field_t));
        if (grown == NULL) {
            b->oom = true;
            return;
        }
        if (b->m->n_fields)
            memcpy(grown, b->m->fields, b->m->n_fields * sizeof(sim_field_t));
        b->m->fields = grown;
        b->cap = cap;
    }
    b->m->fields[b->m->n_fields++] = (sim_field_t){&v->value, dist};
}

/* Copy n elements of size bytes into the arena. */
static void *copy(builder_t *b, const void *src, size_t n, size_t size)
{
    void *dst = pacta_arena_alloc(b->arena, n, size);
    if (dst == NULL)
        b->oom = true;
    else if (n > 0)
        memcpy(dst, src, n * size);
    return dst;
}

pacta_status pacta_sim_mirror_create(sim_mirror_t *m, const pacta_scenario_t *s,
                                     const pacta_jitter_t *jitter, size_t n_jitter,
                                     pacta_arena_t *arena)
{
    memset(m, 0, sizeof *m);
    m->s = *s;
    builder_t b = {m, arena, jitter, n_jitter, 0, false};

    pacta_issue_t *issues = copy(&b, s->issues, s->n_issues, sizeof(pacta_issue_t));
    pacta_actor_t *actors = copy(&b, s->actors, s->n_actors, sizeof(pacta_actor_t));
    pacta_proposal_t *proposals = copy(&b, s->proposals, s->n_proposals, sizeof(pacta_proposal_t));
    if (b.oom)
        return PACTA_ENOMEM;
    for (size_t k = 0; k < s->n_issues; k++)
        if (issues[k].has_status_quo)
            consider(&b, &issues[k].status_quo, PACTA_FIELD_STATUS_QUO, 0, 100);
    for (size_t a = 0; a < s->n_actors; a++) {
        consider(&b, &actors[a].capability, PACTA_FIELD_CAPABILITY, 0, INFINITY);
        if (actors[a].has_risk)
            consider(&b, &actors[a].risk, (pacta_field)-1, 0.1, 10);
        pacta_stance_t *st = copy(&b, s->actors[a].stances, s->n_issues, sizeof(pacta_stance_t));
        if (st == NULL)
            return PACTA_ENOMEM;
        for (size_t k = 0; k < s->n_issues; k++) {
            if (!st[k].present)
                continue;
            consider(&b, &st[k].position, PACTA_FIELD_POSITION, 0, 100);
            consider(&b, &st[k].salience, PACTA_FIELD_SALIENCE, 0, 100);
        }
        actors[a].stances = st;
    }
    for (size_t p = 0; p < s->n_proposals; p++) {
        pacta_value_t *pos = copy(&b, s->proposals[p].positions, s->n_issues,
                                  sizeof(pacta_value_t));
        pacta_provision_t *prov = copy(&b, s->proposals[p].provisions,
                                       s->proposals[p].n_provisions, sizeof(pacta_provision_t));
        if (pos == NULL || prov == NULL)
            return PACTA_ENOMEM;
        for (size_t k = 0; k < s->n_issues; k++)
            if (s->proposals[p].covers[k])
                consider(&b, &pos[k], PACTA_FIELD_PROPOSAL, 0, 100);
        for (size_t i = 0; i < s->proposals[p].n_provisions; i++)
            if (prov[i].type == PACTA_PROVISION_NUMBER)
                consider(&b, &prov[i].value, (pacta_field)-1, -INFINITY, INFINITY);
        proposals[p].positions = pos;
        proposals[p].provisions = prov;
    }
    if (s->war.present) {
        pacta_war_t *w = &m->s.war;
        if (w->p_method == PACTA_P_GIVEN)
            consider(&b, &w->p, PACTA_FIELD_WAR, 0, 1);
        consider(&b, &w->cost_a, PACTA_FIELD_WAR, 0, 1);
        consider(&b, &w->cost_b, PACTA_FIELD_WAR, 0, 1);
        consider(&b, &w->discount, (pacta_field)-1, PACTA_DISCOUNT_MIN, PACTA_DISCOUNT_MAX);
        pacta_stake_issue_t *stake = copy(&b, s->war.stake, s->war.n_stake,
                                          sizeof(pacta_stake_issue_t));
        pacta_power_shift_t *shifts = copy(&b, s->war.shifts, s->war.n_shifts,
                                           sizeof(pacta_power_shift_t));
        if (stake == NULL || shifts == NULL)
            return PACTA_ENOMEM;
        for (size_t i = 0; i < s->war.n_stake; i++)
            consider(&b, &stake[i].weight, (pacta_field)-1, PACTA_STAKE_WEIGHT_MIN, PACTA_STAKE_WEIGHT_MAX);
        for (size_t i = 0; i < s->war.n_shifts; i++) {
            consider(&b, &shifts[i].effect, (pacta_field)-1, -1e12, 1e12);
            consider(&b, &shifts[i].years, (pacta_field)-1, 0, 100);
        }
        w->stake = stake;
        w->shifts = shifts;
        pacta_reputation_t *r = &w->reputation;
        if (r->present) {
            consider(&b, &r->belief, (pacta_field)-1, 0, 1);
            consider(&b, &r->concede_if_resolute, (pacta_field)-1, 0, 1);
            consider(&b, &r->concede_if_irresolute, (pacta_field)-1, 0, 1);
            consider(&b, &r->next_held, (pacta_field)-1, 0, 1);
            consider(&b, &r->next_p, (pacta_field)-1, 0, 1);
            consider(&b, &r->next_cost, (pacta_field)-1, 0, 10);
        }
    }
    m->s.issues = issues;
    m->s.actors = actors;
    m->s.proposals = proposals;
    return b.oom ? PACTA_ENOMEM : PACTA_OK;
}

void pacta_sim_mirror_sample(sim_mirror_t *m, uint64_t seed, uint64_t replicate)
{
    for (size_t i = 0; i < m->n_fields; i++) {
        double u = pacta_sim_uniform(seed, replicate, (uint32_t)i, 0);
        *m->fields[i].target = pacta_sim_quantile(m->fields[i].dist, u);
    }
}
