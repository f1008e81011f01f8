/* JSON output of an evaluation, schema pacta.evaluate/1 (docs/json-schema.md). */
#include <math.h>

#include "report/report_json.h"

#include <pacta/pacta.h>

static json_t *ids_where(json_build_t *b, const pacta_scenario_t *s,
                         const pacta_proposal_verdict_t *v, int which)
{
    json_t *list = pacta_jb_array(b);
    for (size_t a = 0; a < s->n_actors; a++) {
        const pacta_actor_verdict_t *av = &v->actors[a];
        if (!av->takes_part)
            continue;
        bool take = which == 0   ? av->accepts
                    : which == 1 ? !av->accepts
                                 : (!av->accepts && s->actors[a].veto);
        if (take)
            pacta_jb_append(b, list, pacta_jb_string(b, s->actors[a].id));
    }
    return list;
}

static json_t *per_issue(json_build_t *b, const pacta_scenario_t *s, const double *values,
                         const bool *only)
{
    json_t *o = pacta_jb_object(b);
    for (size_t k = 0; k < s->n_issues; k++)
        if (only == NULL || only[k])
            pacta_jb_set(b, o, s->issues[k].id, pacta_jb_number(b, values[k]));
    return o;
}

static json_t *series(json_build_t *b, const double *values, size_t n)
{
    json_t *a = pacta_jb_array(b);
    for (size_t i = 0; i < n; i++)
        pacta_jb_append(b, a, pacta_jb_number(b, values[i]));
    return a;
}

static json_t *side_json(json_build_t *b, char side)
{
    if (side == 0)
        return json_null();
    char text[2] = {side, 0};
    return pacta_jb_string(b, text);
}

static json_t *actors_json(json_build_t *b, const pacta_scenario_t *s,
                           const pacta_proposal_verdict_t *v)
{
    json_t *list = pacta_jb_array(b);
    for (size_t a = 0; a < s->n_actors; a++) {
        const pacta_actor_verdict_t *av = &v->actors[a];
        if (!av->takes_part)
            continue;
        json_t *o = pacta_jb_object(b);
        pacta_jb_set(b, o, "id", pacta_jb_string(b, s->actors[a].id));
        pacta_jb_set(b, o, "veto", pacta_jb_bool(s->actors[a].veto));
        pacta_jb_set(b, o, "accepts", pacta_jb_bool(av->accepts));
        pacta_jb_set(b, o, "gain", pacta_jb_number(b, av->gain));
        pacta_jb_set(b, o, "loss_deal", pacta_jb_number(b, av->loss_deal));
        pacta_jb_set(b, o, "loss_reservation", pacta_jb_number(b, av->loss_reservation));
        pacta_jb_set(b, o, "war_cost", pacta_jb_number(b, av->war_cost));
        pacta_jb_set(b, o, "close_call", pacta_jb_bool(av->close_call));
        if (isfinite(av->flip_points)) {
            pacta_jb_set(b, o, "flip_points", pacta_jb_number(b, av->flip_points));
            pacta_jb_set(b, o, "flip_issue", pacta_jb_string(b, s->issues[av->flip_issue].id));
        }
        json_t *contrib = pacta_jb_object(b);
        for (size_t k = 0; k < s->n_issues; k++)
            if (s->actors[a].stances[k].present && av->contribution[k] != 0)
                pacta_jb_set(b, contrib, s->issues[k].id, pacta_jb_number(b, av->contribution[k]));
        pacta_jb_set(b, o, "contributions", contrib);
        pacta_jb_append(b, list, o);
    }
    return list;
}

static json_t *verdict_json(json_build_t *b, const pacta_evaluation_t *e,
                            const pacta_scenario_t *s, const pacta_proposal_verdict_t *v)
{
    const pacta_proposal_t *p = &s->proposals[v->proposal];
    json_t *o = pacta_jb_object(b);
    pacta_jb_set(b, o, "id", pacta_jb_string(b, p->id));
    pacta_jb_set(b, o, "name", pacta_jb_string(b, p->name));
    pacta_jb_set(b, o, "date", pacta_jb_string(b, p->date));
    json_t *sponsors = pacta_jb_array(b);
    for (size_t i = 0; i < p->n_sponsors; i++)
        pacta_jb_append(b, sponsors, pacta_jb_string(b, p->sponsors[i]));
    pacta_jb_set(b, o, "sponsors", sponsors);
    pacta_jb_set(b, o, "point", per_issue(b, s, v->point, NULL));
    pacta_jb_set(b, o, "accepted_by", ids_where(b, s, v, 0));
    pacta_jb_set(b, o, "rejected_by", ids_where(b, s, v, 1));
    pacta_jb_set(b, o, "vetoes_rejecting", ids_where(b, s, v, 2));
    pacta_jb_set(b, o, "vetoes_accept", pacta_jb_bool(v->vetoes_accept));
    pacta_jb_set(b, o, "log_nash_product",
                 v->nash_defined ? pacta_jb_number(b, v->log_nash_product) : json_null());
    pacta_jb_set(b, o, "actors", actors_json(b, s, v));
    static const char *const disagreements[] = {NULL, "accepted_out_of_range",
                                                "rejected_in_range", "holds_out_of_range"};
    const pacta_reconciled_verdict_t *rv = &v->reconciled;
    json_t *verdict = pacta_jb_object(b);
    pacta_jb_set(b, verdict, "viable", pacta_jb_bool(rv->viable));
    pacta_jb_set(b, verdict, "blocked_by", ids_where(b, s, v, 2));
    char side[2] = {rv->fights_on, '\0'};
    pacta_jb_set(b, verdict, "fights_on", rv->fights_on ? pacta_jb_string(b, side) : json_null());
    pacta_jb_set(b, verdict, "stops_holding_year",
                 rv->stops_holding >= 0 ? pacta_jb_integer(b, rv->stops_holding) : json_null());
    pacta_jb_set(b, verdict, "emboldens",
                 pacta_jb_bool(v->emboldening.present && v->emboldening.emboldens));
    pacta_jb_set(b, verdict, "disagreement",
                 rv->disagreement ? pacta_jb_string(b, disagreements[rv->disagreement])
                                  : json_null());
    pacta_jb_set(b, o, "verdict", verdict);
    json_t *coalitions = pacta_jb_array(b);
    for (size_t i = 0; i < v->n_coalitions; i++) {
        const pacta_coalition_verdict_t *cv = &v->coalitions[i];
        json_t *c = pacta_jb_object(b);
        pacta_jb_set(b, c, "id", pacta_jb_string(b, s->coalitions[cv->coalition].id));
        pacta_jb_set(b, c, "accept", pacta_jb_integer(b, (long long)cv->n_accept));
        pacta_jb_set(b, c, "reject", pacta_jb_integer(b, (long long)cv->n_reject));
        pacta_jb_set(b, c, "split", pacta_jb_bool(cv->split));
        pacta_jb_set(b, c, "gain_min", pacta_jb_number(b, cv->gain_min));
        pacta_jb_set(b, c, "gain_max", pacta_jb_number(b, cv->gain_max));
        pacta_jb_set(b, c, "gain_sd", pacta_jb_number(b, cv->gain_sd));
        pacta_jb_append(b, coalitions, c);
    }
    pacta_jb_set(b, o, "coalitions", coalitions);
    json_t *dist = pacta_jb_object(b);
    for (size_t m = 0; m < e->n_models; m++)
        pacta_jb_set(b, dist, e->models[m], pacta_jb_number(b, v->model_distance[m]));
    pacta_jb_set(b, o, "model_distance", dist);

    const pacta_bargaining_verdict_t *bv = &v->bargaining;
    json_t *bargaining = json_null();
    if (bv->present) {
        bargaining = pacta_jb_object(b);
        pacta_jb_set(b, bargaining, "x", pacta_jb_number(b, bv->x));
        pacta_jb_set(b, bargaining, "x_status_quo", pacta_jb_number(b, bv->x_status_quo));
        pacta_jb_set(b, bargaining, "low", pacta_jb_number(b, bv->low));
        pacta_jb_set(b, bargaining, "high", pacta_jb_number(b, bv->high));
        pacta_jb_set(b, bargaining, "margin_a", pacta_jb_number(b, bv->margin_a));
        pacta_jb_set(b, bargaining, "margin_b", pacta_jb_number(b, bv->margin_b));
        pacta_jb_set(b, bargaining, "inside", pacta_jb_bool(bv->inside));
        pacta_jb_set(b, bargaining, "close_call", pacta_jb_bool(bv->close_call));
    }
    pacta_jb_set(b, o, "bargaining", bargaining);

    const pacta_commitment_verdict_t *cv = &v->commitment;
    json_t *commitment = json_null();
    if (cv->present) {
        commitment = pacta_jb_object(b);
        pacta_jb_set(b, commitment, "p", series(b, cv->p, cv->years + 1));
        pacta_jb_set(b, commitment, "margin_a", series(b, cv->margin_a, cv->years + 1));
        pacta_jb_set(b, commitment, "margin_b", series(b, cv->margin_b, cv->years + 1));
        pacta_jb_set(b, commitment, "first_negative_year",
                     cv->first_negative >= 0 ? pacta_jb_integer(b, cv->first_negative)
                                             : json_null());
        pacta_jb_set(b, commitment, "negative_side", side_json(b, cv->negative_side));
        pacta_jb_set(b, commitment, "powell_year",
                     cv->powell_year >= 0 ? pacta_jb_integer(b, cv->powell_year) : json_null());
        pacta_jb_set(b, commitment, "powell_side", side_json(b, cv->powell_side));
        pacta_jb_set(b, commitment, "self_enforcing", pacta_jb_bool(cv->self_enforcing));
        pacta_jb_set(b, commitment, "min_margin", pacta_jb_number(b, cv->min_margin));
        pacta_jb_set(b, commitment, "close_call", pacta_jb_bool(cv->close_call));
    }
    pacta_jb_set(b, o, "commitment", commitment);

    const pacta_emboldening_verdict_t *ev = &v->emboldening;
    json_t *emb = json_null();
    if (ev->present) {
        emb = pacta_jb_object(b);
        pacta_jb_set(b, emb, "concession", pacta_jb_integer(b, ev->concession));
        pacta_jb_set(b, emb, "concession_size", pacta_jb_number(b, ev->concession_size));
        pacta_jb_set(b, emb, "belief_before", pacta_jb_number(b, ev->belief_before));
        pacta_jb_set(b, emb, "belief_after", pacta_jb_number(b, ev->belief_after));
        pacta_jb_set(b, emb, "next_p_before", pacta_jb_number(b, ev->next_p_before));
        pacta_jb_set(b, emb, "next_p_after", pacta_jb_number(b, ev->next_p_after));
        pacta_jb_set(b, emb, "next_cost_before", pacta_jb_number(b, ev->next_cost_before));
        pacta_jb_set(b, emb, "next_cost_after", pacta_jb_number(b, ev->next_cost_after));
        pacta_jb_set(b, emb, "threshold_before", pacta_jb_number(b, ev->threshold_before));
        pacta_jb_set(b, emb, "threshold_after", pacta_jb_number(b, ev->threshold_after));
        pacta_jb_set(b, emb, "eu_attack_before", pacta_jb_number(b, ev->eu_attack_before));
        pacta_jb_set(b, emb, "eu_attack_after", pacta_jb_number(b, ev->eu_attack_after));
        pacta_jb_set(b, emb, "index", pacta_jb_number(b, ev->index));
        pacta_jb_set(b, emb, "deterred_before", pacta_jb_bool(ev->deterred_before));
        pacta_jb_set(b, emb, "deterred_after", pacta_jb_bool(ev->deterred_after));
        pacta_jb_set(b, emb, "emboldens", pacta_jb_bool(ev->emboldens));
    }
    pacta_jb_set(b, o, "emboldening", emb);

    const pacta_pareto_verdict_t *pv = &v->pareto;
    json_t *pareto = pacta_jb_object(b);
    pacta_jb_set(b, pareto, "checked", pacta_jb_bool(pv->checked));
    pacta_jb_set(b, pareto, "dominated", pacta_jb_bool(pv->dominated));
    if (pv->dominated) {
        pacta_jb_set(b, pareto, "point", per_issue(b, s, pv->point, NULL));
        json_t *gains = pacta_jb_object(b);
        for (size_t a = 0; a < s->n_actors; a++)
            if (v->actors[a].takes_part)
                pacta_jb_set(b, gains, s->actors[a].id, pacta_jb_number(b, pv->gains[a]));
        pacta_jb_set(b, pareto, "gains", gains);
        pacta_jb_set(b, pareto, "total_gain", pacta_jb_number(b, pv->total_gain));
    }
    pacta_jb_set(b, o, "pareto", pareto);

    const pacta_durability_verdict_t *dv = &v->durability;
    json_t *dur = json_null();
    if (dv->present) {
        dur = pacta_jb_object(b);
        pacta_jb_set(b, dur, "years", pacta_jb_number(b, dv->years));
        pacta_jb_set(b, dur, "survival", pacta_jb_number(b, dv->survival));
        pacta_jb_set(b, dur, "lower", pacta_jb_number(b, dv->lower));
        pacta_jb_set(b, dur, "upper", pacta_jb_number(b, dv->upper));
        pacta_jb_set(b, dur, "level", pacta_jb_number(b, e->durability_level));
    }
    pacta_jb_set(b, o, "durability", dur);
    return o;
}

static json_t *sensitivity_json(json_build_t *b, const pacta_sensitivity_t *r,
                                const pacta_scenario_t *s)
{
    json_t *o = pacta_jb_object(b);
    json_t *params = pacta_jb_array(b);
    for (size_t d = 0; d < r->n_params; d++) {
        json_t *p = pacta_jb_object(b);
        pacta_jb_set(b, p, "name", pacta_jb_string(b, r->names[d]));
        pacta_jb_set(b, p, "values", series(b, r->values[d], r->n_values[d]));
        pacta_jb_append(b, params, p);
    }
    pacta_jb_set(b, o, "parameters", params);
    json_t *grid = pacta_jb_array(b);
    for (size_t i = 0; i < r->n_values[0]; i++)
        for (size_t j = 0; j < (r->n_params > 1 ? r->n_values[1] : 1); j++) {
            json_t *cell = pacta_jb_object(b);
            json_t *at = pacta_jb_array(b);
            pacta_jb_append(b, at, pacta_jb_number(b, r->values[0][i]));
            if (r->n_params > 1)
                pacta_jb_append(b, at, pacta_jb_number(b, r->values[1][j]));
            pacta_jb_set(b, cell, "at", at);
            json_t *props = pacta_jb_object(b);
            for (size_t p = 0; p < r->n_proposals; p++) {
                const signed char *v = r->verdicts +
                                       ((i * r->n_values[1] + j) * r->n_proposals + p) *
                                           PACTA_VERDICT_COUNT;
                json_t *pv = pacta_jb_object(b);
                for (int k = 0; k < PACTA_VERDICT_COUNT; k++)
                    pacta_jb_set(b, pv, pacta_verdict_name((pacta_verdict_kind)k),
                                 v[k] < 0 ? json_null() : pacta_jb_bool(v[k] == 1));
                pacta_jb_set(b, props, s->proposals[r->proposals[p]].id, pv);
            }
            pacta_jb_set(b, cell, "proposals", props);
            pacta_jb_append(b, grid, cell);
        }
    pacta_jb_set(b, o, "grid", grid);
    json_t *cross = pacta_jb_array(b);
    for (size_t i = 0; i < r->n_crossings; i++) {
        const pacta_crossing_t *c = &r->crossings[i];
        json_t *co = pacta_jb_object(b);
        pacta_jb_set(b, co, "proposal", pacta_jb_string(b, s->proposals[c->proposal].id));
        pacta_jb_set(b, co, "verdict", pacta_jb_string(b, pacta_verdict_name(c->verdict)));
        pacta_jb_set(b, co, "at", pacta_jb_number(b, c->value));
        pacta_jb_set(b, co, "before", pacta_jb_bool(c->before));
        pacta_jb_set(b, co, "after", pacta_jb_bool(c->after));
        pacta_jb_append(b, cross, co);
    }
    pacta_jb_set(b, o, "crossings", cross);
    return o;
}

pacta_status pacta_evaluation_write_json(const pacta_evaluation_t *e,
                                         const pacta_sensitivity_t *sensitivity,
                                         const pacta_scenario_t *s, FILE *stream)
{
    json_build_t b = {false};
    json_t *root = pacta_report_json_root(&b, PACTA_EVALUATE_SCHEMA, s, true);
    pacta_jb_set(
        &b, root, "utility",
        pacta_jb_string(&b, e->utility == PACTA_UTILITY_QUADRATIC ? "quadratic" : "linear"));
    pacta_jb_set(
        &b, root, "reservation",
        pacta_jb_string(&b, e->reservation == PACTA_RESERVATION_WAR ? "war" : "status-quo"));
    pacta_jb_set(&b, root, "update",
                 pacta_jb_string(&b, e->update == PACTA_UPDATE_SIGN ? "sign" : "graded"));
    json_t *params = pacta_jb_object(&b);
    for (size_t i = 0; i < e->n_parameters; i++)
        pacta_jb_set(&b, params, e->parameter_names[i],
                     pacta_jb_number(&b, e->parameter_values[i]));
    pacta_jb_set(&b, root, "parameters", params);
    pacta_jb_set(&b, root, "durability_note",
                 e->durability_note ? pacta_jb_string(&b, e->durability_note) : json_null());
    json_t *proposals = pacta_jb_array(&b);
    for (size_t i = 0; i < e->n_proposals; i++)
        pacta_jb_append(&b, proposals, verdict_json(&b, e, s, &e->proposals[i]));
    pacta_jb_set(&b, root, "proposals", proposals);
    if (sensitivity != NULL)
        pacta_jb_set(&b, root, "sensitivity", sensitivity_json(&b, sensitivity, s));
    return pacta_jb_finish(&b, root, stream);
}
