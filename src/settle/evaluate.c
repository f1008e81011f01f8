/* pacta_evaluate(): every proposal judged by acceptance (A1-A4), coalition cohesion, the
 * Pareto check (A5), the distance from the forecast models, and, with a war section, the
 * bargaining range (F1-F2), the commitment problem (C1-C3) and emboldening (R1-R4). */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/tolerance.h"
#include "settle/settle_internal.h"

typedef struct evaluation_owner {
    pacta_evaluation_t pub;
    pacta_arena_t *arena;
} evaluation_owner_t;

void pacta_evaluate_options_default(pacta_evaluate_options_t *options)
{
    memset(options, 0, sizeof *options);
    options->utility = PACTA_UTILITY_LINEAR;
    options->reservation = PACTA_RESERVATION_AUTO;
    options->pareto = true;
    options->compare_models = true;
}

void pacta_evaluation_destroy(pacta_evaluation_t *evaluation)
{
    if (evaluation == NULL)
        return;
    evaluation_owner_t *owner = (evaluation_owner_t *)evaluation;
    pacta_arena_destroy(owner->arena);
    pacta_free(owner);
}

const char *pacta_verdict_name(pacta_verdict_kind kind)
{
    switch (kind) {
    case PACTA_VERDICT_VETOES_ACCEPT:
        return "vetoes_accept";
    case PACTA_VERDICT_INSIDE_RANGE:
        return "inside_range";
    case PACTA_VERDICT_SELF_ENFORCING:
        return "self_enforcing";
    case PACTA_VERDICT_EMBOLDENS:
        return "emboldens";
    case PACTA_VERDICT_COUNT:
        break;
    }
    return "unknown";
}


/* What the tests say together, and where two disagree (issue 14). */
static void reconcile(pacta_proposal_verdict_t *v)
{
    const pacta_bargaining_verdict_t *b = &v->bargaining;
    const pacta_commitment_verdict_t *c = &v->commitment;
    pacta_reconciled_verdict_t *r = &v->reconciled;
    bool in_range = !b->present || b->inside;
    bool holds = !c->present || c->self_enforcing;
    r->viable = v->vetoes_accept && in_range && holds;
    r->fights_on = in_range ? 0 : b->margin_a < b->margin_b ? 'A' : 'B';
    r->stops_holding = !c->present || holds ? -1
                       : c->first_negative >= 0 && (c->powell_year < 0 || c->first_negative <= c->powell_year)
                           ? c->first_negative
                           : c->powell_year;
    r->disagreement = PACTA_DISAGREE_NONE;
    if (b->present && v->vetoes_accept && !b->inside)
        r->disagreement = PACTA_DISAGREE_ACCEPTED_OUT_OF_RANGE;
    else if (b->present && !v->vetoes_accept && b->inside)
        r->disagreement = PACTA_DISAGREE_REJECTED_IN_RANGE;
    else if (b->present && !b->inside && c->present && c->self_enforcing)
        r->disagreement = PACTA_DISAGREE_HOLDS_OUT_OF_RANGE;
}

pacta_status pacta_settle_judge_point(const settle_context_t *c, const pacta_proposal_t *prop,
                                      const double *point, const bool *compared,
                                      pacta_proposal_verdict_t *v)
{
    const pacta_scenario_t *s = c->s;
    const size_t n_issues = s->n_issues;
    pacta_actor_verdict_t *actors =
        pacta_arena_alloc(c->arena, s->n_actors, sizeof(pacta_actor_verdict_t));
    pacta_coalition_verdict_t *coalitions =
        pacta_arena_alloc(c->arena, s->n_coalitions, sizeof(pacta_coalition_verdict_t));
    double *distance = pacta_arena_alloc(c->arena, c->n_models, sizeof(double));
    if (!actors || !coalitions || !distance)
        return PACTA_ENOMEM;
    v->point = point;
    v->actors = actors;
    v->coalitions = coalitions;
    v->n_coalitions = s->n_coalitions;
    v->model_distance = distance;

    pacta_status st = PACTA_OK;
    double weight_total = 0, log_nash = 0;
    bool nash = true;
    for (size_t a = 0; a < s->n_actors; a++) {
        st = pacta_settle_judge_actor(c, a, point, compared, &actors[a]);
        if (st != PACTA_OK)
            return st;
        const pacta_actor_verdict_t *av = &actors[a];
        if (!av->takes_part)
            continue;
        if (av->accepts)
            v->n_accept++;
        else
            v->n_reject++;
        if (s->actors[a].veto && !av->accepts)
            v->n_veto_reject++;
        /* A4: the weighted Nash product of gains, weights = capability shares. */
        double w = s->actors[a].capability.value;
        weight_total += w;
        if (av->gain > 0)
            log_nash += w * log(av->gain);
        else if (w > 0)
            nash = false;
    }
    v->vetoes_accept = v->n_veto_reject == 0;
    v->nash_defined = nash && weight_total > 0;
    v->log_nash_product = v->nash_defined ? log_nash / weight_total : NAN;
    pacta_settle_judge_coalitions(c, actors, coalitions);

    for (size_t m = 0; m < c->n_models; m++) {
        double sum = 0;
        size_t n = 0;
        for (size_t k = 0; prop != NULL && k < n_issues; k++) {
            double f = c->forecast[m * n_issues + k];
            if (prop->covers[k] && !isnan(f)) {
                sum += fabs(point[k] - f);
                n++;
            }
        }
        distance[m] = n > 0 ? sum / (double)n : NAN;
    }

    if (c->params->has_war) {
        double x = pacta_settle_stake_share(s, point);
        double x_sq = pacta_settle_stake_share(s, c->status_quo);
        pacta_settle_bargaining(c->params, x, x_sq, &v->bargaining);
        st = pacta_settle_commitment(s, c->params, prop, point, c->status_quo, x, c->arena,
                                     &v->commitment);
        if (st != PACTA_OK)
            return st;
        if (c->params->has_reputation && !isnan(x_sq)) {
            int concession = x > x_sq + PACTA_POSITION_SLACK   ? 1
                             : x < x_sq - PACTA_POSITION_SLACK ? -1
                                                               : 0;
            double dp = v->commitment.p[v->commitment.years] - v->commitment.p[0];
            double dc = pacta_settle_shift(s, c->params, prop, point, c->status_quo,
                                           PACTA_SHIFT_NEXT_COST, -1.0);
            pacta_settle_emboldening(c->params, concession,
                                     pacta_settle_concession_size(x, x_sq), c->o->update, dp, dc,
                                     &v->emboldening);
        }
    }
    if (c->o->pareto && c->o->utility == PACTA_UTILITY_LINEAR)
        st = pacta_settle_pareto(s, point, compared, c->arena, &v->pareto, c->diag);
    reconcile(v);
    return st;
}

static pacta_status judge_proposal(const settle_context_t *c, size_t index,
                                   pacta_proposal_verdict_t *v)
{
    const pacta_scenario_t *s = c->s;
    const pacta_proposal_t *prop = &s->proposals[index];
    const size_t n_issues = s->n_issues;
    double *point = pacta_arena_alloc(c->arena, n_issues, sizeof(double));
    bool *compared = pacta_arena_alloc(c->arena, n_issues, sizeof(bool));
    if (!point || !compared)
        return PACTA_ENOMEM;
    v->proposal = index;

    /* The deal on every issue: its own position, else the status quo (an issue the text
     * leaves open stays where it is). An issue is compared when the deal and the
     * reservation are both defined on it. */
    bool war = c->reservation == PACTA_RESERVATION_WAR;
    for (size_t k = 0; k < n_issues; k++) {
        bool has_sq = !isnan(c->status_quo[k]);
        point[k] = prop->covers[k] ? prop->positions[k].value : c->status_quo[k];
        compared[k] = prop->covers[k] ? (has_sq || (war && c->in_stake[k])) : has_sq;
    }
    return pacta_settle_judge_point(c, prop, point, compared, v);
}

/* The forecast of every model on every issue, for the distance from each deal. */
static pacta_status run_models(settle_context_t *c, pacta_evaluation_t *e)
{
    pacta_forecast_options_t fo;
    pacta_forecast_options_default(&fo);
    pacta_forecast_t *f = NULL;
    pacta_status st = pacta_forecast_run(&f, c->s, &fo, c->diag);
    if (st != PACTA_OK)
        return st;
    size_t n_models = f->n_configs, n_issues = c->s->n_issues;
    const char **names = pacta_arena_alloc(c->arena, n_models, sizeof(char *));
    double *forecast = pacta_arena_alloc(c->arena, n_models * n_issues, sizeof(double));
    if (names == NULL || forecast == NULL) {
        pacta_forecast_destroy(f);
        return PACTA_ENOMEM;
    }
    for (size_t m = 0; m < n_models; m++)
        names[m] = pacta_model_name(pacta_model_config_model(f->configs[m]));
    for (size_t i = 0; i < f->n_issues; i++)
        for (size_t m = 0; m < f->issues[i].n_entries; m++) {
            const pacta_model_result_t *r = &f->issues[i].entries[m].result;
            forecast[m * n_issues + f->issues[i].issue] = r->defined ? r->forecast : NAN;
        }
    pacta_forecast_destroy(f);
    c->forecast = forecast;
    c->n_models = n_models;
    e->models = names;
    e->n_models = n_models;
    e->forecast = forecast;
    return PACTA_OK;
}

/* Keep the parameter values used (after overrides) with the result, for the output. */
static pacta_status record_parameters(pacta_evaluation_t *e, const pacta_scenario_t *s,
                                      const settle_params_t *params, pacta_arena_t *arena)
{
    if (!params->has_war)
        return PACTA_OK;
    size_t n = 5 + (params->has_reputation ? 6 : 0) + 2 * params->n_shifts;
    const char **names = pacta_arena_alloc(arena, n, sizeof(char *));
    double *values = pacta_arena_alloc(arena, n, sizeof(double));
    if (names == NULL || values == NULL)
        return PACTA_ENOMEM;
    size_t i = 0;
#define PUT(name, v) (names[i] = (name), values[i++] = (v))
    PUT("p", params->p);
    PUT("cost_a", params->cost_a);
    PUT("cost_b", params->cost_b);
    PUT("discount", params->discount);
    PUT("horizon", (double)params->horizon);
    if (params->has_reputation) {
        PUT("belief", params->belief);
        PUT("concede_if_resolute", params->concede_if_resolute);
        PUT("concede_if_irresolute", params->concede_if_irresolute);
        PUT("next_held", params->next_held);
        PUT("next_p", params->next_p);
        PUT("next_cost", params->next_cost);
    }
    for (size_t k = 0; k < params->n_shifts; k++) {
        const char *id = s->war.shifts[k].id;
        size_t len = strlen(id);
        char *effect = pacta_arena_alloc(arena, len + 7, 1);
        char *years = pacta_arena_alloc(arena, len + 13, 1);
        if (effect == NULL || years == NULL)
            return PACTA_ENOMEM;
        memcpy(effect, "shift.", 6);
        memcpy(effect + 6, id, len + 1);
        memcpy(years, effect, len + 6);
        memcpy(years + len + 6, ".years", 7);
        PUT(effect, params->shift_effect[k]);
        PUT(years, params->shift_years[k]);
    }
#undef PUT
    e->parameter_names = names;
    e->parameter_values = values;
    e->n_parameters = i;
    return PACTA_OK;
}

pacta_status pacta_settle_context_init(settle_context_t *c, const pacta_scenario_t *s,
                                       const pacta_evaluate_options_t *o,
                                       const settle_params_t *params, pacta_arena_t *arena,
                                       pacta_diag_t *diag)
{
    memset(c, 0, sizeof *c);
    c->s = s;
    c->o = o;
    c->params = params;
    c->arena = arena;
    c->diag = diag;
    c->reservation = o->reservation;
    if (c->reservation == PACTA_RESERVATION_AUTO)
        c->reservation = s->war.present ? PACTA_RESERVATION_WAR : PACTA_RESERVATION_STATUS_QUO;
    double *sq = pacta_arena_alloc(c->arena, s->n_issues, sizeof(double));
    bool *in_stake = pacta_arena_alloc(c->arena, s->n_issues, sizeof(bool));
    if (sq == NULL || in_stake == NULL)
        return PACTA_ENOMEM;
    for (size_t k = 0; k < s->n_issues; k++)
        sq[k] = s->issues[k].has_status_quo ? s->issues[k].status_quo.value : NAN;
    for (size_t i = 0; s->war.present && i < s->war.n_stake; i++)
        in_stake[s->war.stake[i].issue] = true;
    c->status_quo = sq;
    c->in_stake = in_stake;
    return PACTA_OK;
}

/* Evaluate with explicit parameters (shared by pacta_evaluate and the sensitivity runs). */
pacta_status pacta_settle_evaluate_into(pacta_evaluation_t *e, pacta_arena_t *arena,
                                        const pacta_scenario_t *s,
                                        const pacta_evaluate_options_t *o,
                                        const settle_params_t *params, pacta_diag_t *diag)
{
    pacta_status st = PACTA_OK;
    memset(e, 0, sizeof *e);
    settle_context_t c;
    st = pacta_evaluate_check(s, o, diag);
    if (st != PACTA_OK)
        goto cleanup;
    st = pacta_settle_context_init(&c, s, o, params, arena, diag);
    if (st != PACTA_OK)
        goto cleanup;
    size_t first = 0, count = s->n_proposals;
    if (o->proposal != NULL) {
        count = 0;
        for (size_t p = 0; p < s->n_proposals; p++)
            if (strcmp(s->proposals[p].id, o->proposal) == 0) {
                first = p;
                count = 1;
            }
        if (count == 0) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "--proposal",
                            "the scenario has no proposal '%s'", o->proposal);
            st = PACTA_EINVAL;
            goto cleanup;
        }
    } else if (count == 0) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "proposals",
                       "the scenario has no proposals to evaluate");
        st = PACTA_EINVAL;
        goto cleanup;
    }
    if (o->compare_models) {
        st = run_models(&c, e);
        if (st != PACTA_OK)
            goto cleanup;
    }
    pacta_proposal_verdict_t *verdicts =
        pacta_arena_alloc(c.arena, count, sizeof(pacta_proposal_verdict_t));
    if (verdicts == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < count; i++) {
        pacta_status one = judge_proposal(&c, first + i, &verdicts[i]);
        if (one == PACTA_ENOMEM) {
            st = one;
            goto cleanup;
        }
        if (one != PACTA_OK)
            st = one;
    }
    if (st == PACTA_OK)
        st = pacta_settle_durability(e, verdicts, count, s, o, c.arena);
    if (st != PACTA_OK)
        goto cleanup;
    e->proposals = verdicts;
    e->n_proposals = count;
    e->utility = o->utility;
    e->reservation = c.reservation;
    e->update = o->update;
    e->n_issues = s->n_issues;
    st = record_parameters(e, s, params, c.arena);

cleanup:
    return st;
}

pacta_status pacta_settle_evaluate_with(pacta_evaluation_t **out, const pacta_scenario_t *s,
                                        const pacta_evaluate_options_t *o,
                                        const settle_params_t *params, pacta_diag_t *diag)
{
    *out = NULL;
    evaluation_owner_t *owner = pacta_calloc(1, sizeof *owner);
    if (owner == NULL)
        return PACTA_ENOMEM;
    owner->arena = pacta_arena_create();
    if (owner->arena == NULL) {
        pacta_free(owner);
        return PACTA_ENOMEM;
    }
    pacta_status st = pacta_settle_evaluate_into(&owner->pub, owner->arena, s, o, params, diag);
    if (st != PACTA_OK)
        pacta_evaluation_destroy(&owner->pub);
    else
        *out = &owner->pub;
    return st;
}

pacta_status pacta_evaluate(pacta_evaluation_t **out, const pacta_scenario_t *s,
                            const pacta_evaluate_options_t *o, pacta_diag_t *diag)
{
    *out = NULL;
    pacta_arena_t *arena = pacta_arena_create();
    if (arena == NULL)
        return PACTA_ENOMEM;
    settle_params_t params;
    pacta_status st = pacta_settle_params_init(&params, s, arena);
    for (size_t i = 0; st == PACTA_OK && i < o->n_overrides; i++)
        st = pacta_settle_params_set(&params, s, o->overrides[i].name, o->overrides[i].value, diag);
    if (st == PACTA_OK)
        st = pacta_settle_evaluate_with(out, s, o, &params, diag);
    pacta_arena_destroy(arena);
    return st;
}
