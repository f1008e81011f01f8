/* JSON output of an evaluation, schema pacta.evaluate/1 (docs/json-schema.md). */
#include <math.h>
#include <string.h>

#include "report/json_build.h"

#include <pacta/pacta.h>

static json_t *ids_where(json_build_t *b, const pacta_scenario_t *s,
                         const pacta_proposal_verdict_t *v, int which)
{
    json_t *list = jb_array(b);
    for (size_t a = 0; a < s->n_actors; a++) {
        const pacta_actor_verdict_t *av = &v->actors[a];
        if (!av->takes_part)
            continue;
        bool take = which == 0   ? av->accepts
                    : which == 1 ? !av->accepts
                                 : (!av->accepts && s->actors[a].veto);
        if (take)
            jb_append(b, list, jb_string(b, s->actors[a].id));
    }
    return list;
}

static json_t *per_issue(json_build_t *b, const pacta_scenario_t *s, const double *values,
                         const bool *only)
{
    json_t *o = jb_object(b);
    for (size_t k = 0; k < s->n_issues; k++)
        if (only == NULL || only[k])
            jb_set(b, o, s->issues[k].id, jb_number(b, values[k]));
    return o;
}

static json_t *series(json_build_t *b, const double *values, size_t n)
{
    json_t *a = jb_array(b);
    for (size_t i = 0; i < n; i++)
        jb_append(b, a, jb_number(b, values[i]));
    return a;
}

static json_t *side_json(json_build_t *b, char side)
{
    if (side == 0)
        return json_null();
    char text[2] = {side, 0};
    return jb_string(b, text);
}

static json_t *actors_json(json_build_t *b, const pacta_scenario_t *s,
                           const pacta_proposal_verdict_t *v)
{
    json_t *list = jb_array(b);
    for (size_t a = 0; a < s->n_actors; a++) {
        const pacta_actor_verdict_t *av = &v->actors[a];
        if (!av->takes_part)
            continue;
        json_t *o = jb_object(b);
        jb_set(b, o, "id", jb_string(b, s->actors[a].id));
        jb_set(b, o, "veto", jb_bool(s->actors[a].veto));
        jb_set(b, o, "accepts", jb_bool(av->accepts));
        jb_set(b, o, "gain", jb_number(b, av->gain));
        jb_set(b, o, "loss_deal", jb_number(b, av->loss_deal));
        jb_set(b, o, "loss_reservation", jb_number(b, av->loss_reservation));
        jb_set(b, o, "war_cost", jb_number(b, av->war_cost));
        json_t *contrib = jb_object(b);
        for (size_t k = 0; k < s->n_issues; k++)
            if (s->actors[a].stances[k].present && av->contribution[k] != 0)
                jb_set(b, contrib, s->issues[k].id, jb_number(b, av->contribution[k]));
        jb_set(b, o, "contributions", contrib);
        jb_append(b, list, o);
    }
    return list;
}

static json_t *verdict_json(json_build_t *b, const pacta_evaluation_t *e,
                            const pacta_scenario_t *s, const pacta_proposal_verdict_t *v)
{
    const pacta_proposal_t *p = &s->proposals[v->proposal];
    json_t *o = jb_object(b);
    jb_set(b, o, "id", jb_string(b, p->id));
    jb_set(b, o, "name", jb_string(b, p->name));
    jb_set(b, o, "date", jb_string(b, p->date));
    json_t *sponsors = jb_array(b);
    for (size_t i = 0; i < p->n_sponsors; i++)
        jb_append(b, sponsors, jb_string(b, p->sponsors[i]));
    jb_set(b, o, "sponsors", sponsors);
    jb_set(b, o, "point", per_issue(b, s, v->point, NULL));
    jb_set(b, o, "accepted_by", ids_where(b, s, v, 0));
    jb_set(b, o, "rejected_by", ids_where(b, s, v, 1));
    jb_set(b, o, "vetoes_rejecting", ids_where(b, s, v, 2));
    jb_set(b, o, "vetoes_accept", jb_bool(v->vetoes_accept));
    jb_set(b, o, "log_nash_product",
           v->nash_defined ? jb_number(b, v->log_nash_product) : json_null());
    jb_set(b, o, "actors", actors_json(b, s, v));
    json_t *coalitions = jb_array(b);
    for (size_t i = 0; i < v->n_coalitions; i++) {
        const pacta_coalition_verdict_t *cv = &v->coalitions[i];
        json_t *c = jb_object(b);
        jb_set(b, c, "id", jb_string(b, s->coalitions[cv->coalition].id));
        jb_set(b, c, "accept", jb_integer(b, (long long)cv->n_accept));
        jb_set(b, c, "reject", jb_integer(b, (long long)cv->n_reject));
        jb_set(b, c, "split", jb_bool(cv->split));
        jb_set(b, c, "gain_min", jb_number(b, cv->gain_min));
        jb_set(b, c, "gain_max", jb_number(b, cv->gain_max));
        jb_set(b, c, "gain_sd", jb_number(b, cv->gain_sd));
        jb_append(b, coalitions, c);
    }
    jb_set(b, o, "coalitions", coalitions);
    json_t *dist = jb_object(b);
    for (size_t m = 0; m < e->n_models; m++)
        jb_set(b, dist, e->models[m], jb_number(b, v->model_distance[m]));
    jb_set(b, o, "model_distance", dist);

    const pacta_bargaining_verdict_t *bv = &v->bargaining;
    json_t *bargaining = json_null();
    if (bv->present) {
        bargaining = jb_object(b);
        jb_set(b, bargaining, "x", jb_number(b, bv->x));
        jb_set(b, bargaining, "x_status_quo", jb_number(b, bv->x_status_quo));
        jb_set(b, bargaining, "low", jb_number(b, bv->low));
        jb_set(b, bargaining, "high", jb_number(b, bv->high));
        jb_set(b, bargaining, "margin_a", jb_number(b, bv->margin_a));
        jb_set(b, bargaining, "margin_b", jb_number(b, bv->margin_b));
        jb_set(b, bargaining, "inside", jb_bool(bv->inside));
    }
    jb_set(b, o, "bargaining", bargaining);

    const pacta_commitment_verdict_t *cv = &v->commitment;
    json_t *commitment = json_null();
    if (cv->present) {
        commitment = jb_object(b);
        jb_set(b, commitment, "p", series(b, cv->p, cv->years + 1));
        jb_set(b, commitment, "margin_a", series(b, cv->margin_a, cv->years + 1));
        jb_set(b, commitment, "margin_b", series(b, cv->margin_b, cv->years + 1));
        jb_set(b, commitment, "first_negative_year",
               cv->first_negative >= 0 ? jb_integer(b, cv->first_negative) : json_null());
        jb_set(b, commitment, "negative_side", side_json(b, cv->negative_side));
        jb_set(b, commitment, "powell_year",
               cv->powell_year >= 0 ? jb_integer(b, cv->powell_year) : json_null());
        jb_set(b, commitment, "powell_side", side_json(b, cv->powell_side));
        jb_set(b, commitment, "self_enforcing", jb_bool(cv->self_enforcing));
    }
    jb_set(b, o, "commitment", commitment);

    const pacta_emboldening_verdict_t *ev = &v->emboldening;
    json_t *emb = json_null();
    if (ev->present) {
        emb = jb_object(b);
        jb_set(b, emb, "concession", jb_integer(b, ev->concession));
        jb_set(b, emb, "belief_before", jb_number(b, ev->belief_before));
        jb_set(b, emb, "belief_after", jb_number(b, ev->belief_after));
        jb_set(b, emb, "next_p_before", jb_number(b, ev->next_p_before));
        jb_set(b, emb, "next_p_after", jb_number(b, ev->next_p_after));
        jb_set(b, emb, "next_cost_before", jb_number(b, ev->next_cost_before));
        jb_set(b, emb, "next_cost_after", jb_number(b, ev->next_cost_after));
        jb_set(b, emb, "threshold_before", jb_number(b, ev->threshold_before));
        jb_set(b, emb, "threshold_after", jb_number(b, ev->threshold_after));
        jb_set(b, emb, "eu_attack_before", jb_number(b, ev->eu_attack_before));
        jb_set(b, emb, "eu_attack_after", jb_number(b, ev->eu_attack_after));
        jb_set(b, emb, "index", jb_number(b, ev->index));
        jb_set(b, emb, "deterred_before", jb_bool(ev->deterred_before));
        jb_set(b, emb, "deterred_after", jb_bool(ev->deterred_after));
        jb_set(b, emb, "emboldens", jb_bool(ev->emboldens));
    }
    jb_set(b, o, "emboldening", emb);

    const pacta_pareto_verdict_t *pv = &v->pareto;
    json_t *pareto = jb_object(b);
    jb_set(b, pareto, "checked", jb_bool(pv->checked));
    jb_set(b, pareto, "dominated", jb_bool(pv->dominated));
    if (pv->dominated) {
        jb_set(b, pareto, "point", per_issue(b, s, pv->point, NULL));
        json_t *gains = jb_object(b);
        for (size_t a = 0; a < s->n_actors; a++)
            if (v->actors[a].takes_part)
                jb_set(b, gains, s->actors[a].id, jb_number(b, pv->gains[a]));
        jb_set(b, pareto, "gains", gains);
        jb_set(b, pareto, "total_gain", jb_number(b, pv->total_gain));
    }
    jb_set(b, o, "pareto", pareto);

    const pacta_durability_verdict_t *dv = &v->durability;
    json_t *dur = json_null();
    if (dv->present) {
        dur = jb_object(b);
        jb_set(b, dur, "years", jb_number(b, dv->years));
        jb_set(b, dur, "survival", jb_number(b, dv->survival));
        jb_set(b, dur, "lower", jb_number(b, dv->lower));
        jb_set(b, dur, "upper", jb_number(b, dv->upper));
        jb_set(b, dur, "level", jb_number(b, e->durability_level));
    }
    jb_set(b, o, "durability", dur);
    return o;
}

static json_t *sensitivity_json(json_build_t *b, const pacta_sensitivity_t *r,
                                const pacta_scenario_t *s)
{
    json_t *o = jb_object(b);
    json_t *params = jb_array(b);
    for (size_t d = 0; d < r->n_params; d++) {
        json_t *p = jb_object(b);
        jb_set(b, p, "name", jb_string(b, r->names[d]));
        jb_set(b, p, "values", series(b, r->values[d], r->n_values[d]));
        jb_append(b, params, p);
    }
    jb_set(b, o, "parameters", params);
    json_t *grid = jb_array(b);
    for (size_t i = 0; i < r->n_values[0]; i++)
        for (size_t j = 0; j < (r->n_params > 1 ? r->n_values[1] : 1); j++) {
            json_t *cell = jb_object(b);
            json_t *at = jb_array(b);
            jb_append(b, at, jb_number(b, r->values[0][i]));
            if (r->n_params > 1)
                jb_append(b, at, jb_number(b, r->values[1][j]));
            jb_set(b, cell, "at", at);
            json_t *props = jb_object(b);
            for (size_t p = 0; p < r->n_proposals; p++) {
                const signed char *v = r->verdicts +
                                       ((i * r->n_values[1] + j) * r->n_proposals + p) *
                                           PACTA_VERDICT_COUNT;
                json_t *pv = jb_object(b);
                for (int k = 0; k < PACTA_VERDICT_COUNT; k++)
                    jb_set(b, pv, pacta_verdict_name((pacta_verdict_kind)k),
                           v[k] < 0 ? json_null() : jb_bool(v[k] == 1));
                jb_set(b, props, s->proposals[r->proposals[p]].id, pv);
            }
            jb_set(b, cell, "proposals", props);
            jb_append(b, grid, cell);
        }
    jb_set(b, o, "grid", grid);
    json_t *cross = jb_array(b);
    for (size_t i = 0; i < r->n_crossings; i++) {
        const pacta_crossing_t *c = &r->crossings[i];
        json_t *co = jb_object(b);
        jb_set(b, co, "proposal", jb_string(b, s->proposals[c->proposal].id));
        jb_set(b, co, "verdict", jb_string(b, pacta_verdict_name(c->verdict)));
        jb_set(b, co, "at", jb_number(b, c->value));
        jb_set(b, co, "before", jb_bool(c->before));
        jb_set(b, co, "after", jb_bool(c->after));
        jb_append(b, cross, co);
    }
    jb_set(b, o, "crossings", cross);
    return o;
}

pacta_status pacta_evaluation_write_json(const pacta_evaluation_t *e,
                                         const pacta_sensitivity_t *sensitivity,
                                         const pacta_scenario_t *s, FILE *stream)
{
    json_build_t b = {false};
    json_t *root = jb_object(&b);
    jb_set(&b, root, "schema", jb_string(&b, PACTA_EVALUATE_SCHEMA));
    jb_set(&b, root, "pacta_version", jb_string(&b, pacta_version()));
    json_t *scenario = jb_object(&b);
    jb_set(&b, scenario, "title", jb_string(&b, s->title));
    jb_set(&b, scenario, "path", jb_string(&b, s->path));
    jb_set(&b, scenario, "date", jb_string(&b, s->date));
    jb_set(&b, root, "scenario", scenario);
    jb_set(&b, root, "utility",
           jb_string(&b, e->utility == PACTA_UTILITY_QUADRATIC ? "quadratic" : "linear"));
    jb_set(&b, root, "reservation",
           jb_string(&b, e->reservation == PACTA_RESERVATION_WAR ? "war" : "status-quo"));
    json_t *params = jb_object(&b);
    for (size_t i = 0; i < e->n_parameters; i++)
        jb_set(&b, params, e->parameter_names[i], jb_number(&b, e->parameter_values[i]));
    jb_set(&b, root, "parameters", params);
    jb_set(&b, root, "durability_note",
           e->durability_note ? jb_string(&b, e->durability_note) : json_null());
    json_t *proposals = jb_array(&b);
    for (size_t i = 0; i < e->n_proposals; i++)
        jb_append(&b, proposals, verdict_json(&b, e, s, &e->proposals[i]));
    jb_set(&b, root, "proposals", proposals);
    if (sensitivity != NULL)
        jb_set(&b, root, "sensitivity", sensitivity_json(&b, sensitivity, s));
    pacta_status st = PACTA_OK;
    if (b.failed)
        st = PACTA_ENOMEM;
    else if (json_dumpf(root, stream,
                        JSON_INDENT(2) | JSON_REAL_PRECISION(17) | JSON_PRESERVE_ORDER) != 0 ||
             fputc('\n', stream) == EOF)
        st = PACTA_EIO;
    json_decref(root);
    return st;
}
