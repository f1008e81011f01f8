/* JSON output of a deal design, schema pacta.design/1 (docs/json-schema.md), built and written
 * with the library's one JSON toolkit (core/json_build.h: shortest round-trip numbers). */
#include <math.h>

#include "core/json_build.h"

#include <pacta/pacta.h>

static json_t *searched_point(json_build_t *b, const pacta_design_t *d, const pacta_scenario_t *s,
                              const double *point)
{
    json_t *o = pacta_jb_object(b);
    for (size_t k = 0; k < s->n_issues; k++)
        if (d->searched[k])
            pacta_jb_set(b, o, s->issues[k].id, pacta_jb_number(b, point[k]));
    return o;
}

static json_t *deal_json(json_build_t *b, const pacta_design_t *d, const pacta_scenario_t *s,
                         const pacta_design_deal_t *deal, size_t rank)
{
    json_t *o = pacta_jb_object(b);
    pacta_jb_set(b, o, "rank", pacta_jb_integer(b, (long long)rank));
    pacta_jb_set(b, o, "point", searched_point(b, d, s, deal->point));
    pacta_jb_set(b, o, "objective", pacta_jb_number(b, deal->objective));
    pacta_jb_set(b, o, "min_veto_margin", pacta_jb_number(b, deal->min_veto_margin));
    json_t *actors = pacta_jb_array(b);
    for (size_t a = 0; a < s->n_actors; a++) {
        if (isnan(deal->margin[a]))
            continue;
        json_t *av = pacta_jb_object(b);
        pacta_jb_set(b, av, "id", pacta_jb_string(b, s->actors[a].id));
        pacta_jb_set(b, av, "veto", pacta_jb_bool(s->actors[a].veto));
        pacta_jb_set(b, av, "margin", pacta_jb_number(b, deal->margin[a]));
        pacta_jb_set(b, av, "accepts", pacta_jb_bool(deal->verdict.actors[a].accepts));
        pacta_jb_set(b, av, "binding", pacta_jb_bool(deal->binding[a]));
        pacta_jb_append(b, actors, av);
    }
    pacta_jb_set(b, o, "actors", actors);
    if (d->present[PACTA_DESIGN_RANGE]) {
        json_t *range = pacta_jb_object(b);
        pacta_jb_set(b, range, "x", pacta_jb_number(b, deal->verdict.bargaining.x));
        pacta_jb_set(b, range, "low", pacta_jb_number(b, deal->verdict.bargaining.low));
        pacta_jb_set(b, range, "high", pacta_jb_number(b, deal->verdict.bargaining.high));
        pacta_jb_set(b, range, "margin_a", pacta_jb_number(b, deal->range_margin_a));
        pacta_jb_set(b, range, "margin_b", pacta_jb_number(b, deal->range_margin_b));
        pacta_jb_set(b, o, "range", range);
    } else {
        pacta_jb_set(b, o, "range", json_null());
    }
    pacta_jb_set(b, o, "commitment_slack", pacta_jb_number(b, deal->commitment_slack));
    pacta_jb_set(b, o, "emboldening", pacta_jb_number(b, deal->emboldening));
    json_t *binding = pacta_jb_array(b);
    for (int f = 0; f < PACTA_DESIGN_CONSTRAINT_COUNT; f++)
        if (deal->binds[f])
            pacta_jb_append(b, binding, pacta_jb_string(b, pacta_design_constraint_name((pacta_design_constraint)f)));
    pacta_jb_set(b, o, "binding", binding);
    json_t *distance = pacta_jb_object(b);
    for (size_t q = 0; q < s->n_proposals; q++)
        pacta_jb_set(b, distance, s->proposals[q].id, pacta_jb_number(b, deal->distance[q]));
    pacta_jb_set(b, o, "distance", distance);
    if (d->runs > 0) {
        const pacta_design_robust_t *r = &deal->robust;
        json_t *robust = pacta_jb_object(b);
        pacta_jb_set(b, robust, "p_all", pacta_jb_number(b, r->p_all));
        pacta_jb_set(b, robust, "se_all", pacta_jb_number(b, r->se_all));
        pacta_jb_set(b, robust, "confident", pacta_jb_bool(r->confident));
        json_t *hold = pacta_jb_object(b);
        for (int f = 0; f < PACTA_DESIGN_CONSTRAINT_COUNT; f++) {
            if (!d->present[f])
                continue;
            json_t *h = pacta_jb_object(b);
            pacta_jb_set(b, h, "p", pacta_jb_number(b, r->p_hold[f]));
            pacta_jb_set(b, h, "se", pacta_jb_number(b, r->se_hold[f]));
            pacta_jb_set(b, hold, pacta_design_constraint_name((pacta_design_constraint)f), h);
        }
        pacta_jb_set(b, robust, "holds", hold);
        pacta_jb_set(b, robust, "mean_objective", pacta_jb_number(b, r->mean_objective));
        pacta_jb_set(b, robust, "defined_draws", pacta_jb_integer(b, (long long)r->n_defined));
        pacta_jb_set(b, o, "robust", robust);
    }
    return o;
}

static json_t *relaxation_json(json_build_t *b, const pacta_design_t *d, const pacta_scenario_t *s)
{
    const pacta_design_relaxation_t *r = &d->relaxation;
    json_t *o = pacta_jb_object(b);
    pacta_jb_set(b, o, "obstacle", pacta_jb_string(b, pacta_design_constraint_name(r->obstacle)));
    pacta_jb_set(b, o, "minimax", pacta_jb_number(b, r->minimax));
    pacta_jb_set(b, o, "point", searched_point(b, d, s, r->point));
    json_t *violation = pacta_jb_object(b);
    json_t *alone = pacta_jb_object(b);
    for (int f = 0; f < PACTA_DESIGN_CONSTRAINT_COUNT; f++) {
        if (!d->present[f])
            continue;
        const char *name = pacta_design_constraint_name((pacta_design_constraint)f);
        pacta_jb_set(b, violation, name, pacta_jb_number(b, r->violation[f]));
        pacta_jb_set(b, alone, name, pacta_jb_number(b, r->alone[f]));
    }
    pacta_jb_set(b, o, "violation", violation);
    pacta_jb_set(b, o, "alone", alone);
    return o;
}

pacta_status pacta_design_write_json(const pacta_design_t *d, const pacta_scenario_t *s,
                                     FILE *stream)
{
    json_build_t b = {false};
    json_t *root = pacta_jb_object(&b);
    pacta_jb_set(&b, root, "schema", pacta_jb_string(&b, PACTA_DESIGN_SCHEMA));
    pacta_jb_set(&b, root, "pacta_version", pacta_jb_string(&b, pacta_version()));
    json_t *scenario = pacta_jb_object(&b);
    pacta_jb_set(&b, scenario, "title", pacta_jb_string(&b, s->title));
    pacta_jb_set(&b, scenario, "path", pacta_jb_string(&b, s->path));
    pacta_jb_set(&b, scenario, "date", pacta_jb_string(&b, s->date));
    pacta_jb_set(&b, root, "scenario", scenario);
    pacta_jb_set(&b, root, "objective", pacta_jb_string(&b, pacta_design_objective_name(d->objective)));
    pacta_jb_set(&b, root, "utility",
        pacta_jb_string(&b, d->utility == PACTA_UTILITY_QUADRATIC ? "quadratic" : "linear"));
    pacta_jb_set(&b, root, "reservation",
        pacta_jb_string(&b, d->reservation == PACTA_RESERVATION_WAR ? "war" : "status-quo"));
    pacta_jb_set(&b, root, "seed", pacta_jb_integer(&b, (long long)d->seed));
    pacta_jb_set(&b, root, "starts", pacta_jb_integer(&b, (long long)d->n_starts));
    pacta_jb_set(&b, root, "feasible_starts", pacta_jb_integer(&b, (long long)d->n_feasible_starts));
    pacta_jb_set(&b, root, "evaluations", pacta_jb_integer(&b, (long long)d->n_evaluations));
    json_t *issues = pacta_jb_array(&b);
    for (size_t k = 0; k < s->n_issues; k++)
        if (d->searched[k])
            pacta_jb_append(&b, issues, pacta_jb_string(&b, s->issues[k].id));
    pacta_jb_set(&b, root, "searched_issues", issues);
    json_t *constraints = pacta_jb_object(&b);
    for (int f = 0; f < PACTA_DESIGN_CONSTRAINT_COUNT; f++)
        pacta_jb_set(&b, constraints, pacta_design_constraint_name((pacta_design_constraint)f),
            pacta_jb_bool(d->present[f]));
    pacta_jb_set(&b, root, "constraints", constraints);
    pacta_jb_set(&b, root, "max_emboldening",
        d->present[PACTA_DESIGN_EMBOLDENING] ? pacta_jb_number(&b, d->max_emboldening) : json_null());
    pacta_jb_set(&b, root, "feasible", pacta_jb_bool(d->feasible));
    if (d->runs > 0) {
        /* Only with --runs, so the output of a point design is unchanged. */
        json_t *robust = pacta_jb_object(&b);
        pacta_jb_set(&b, robust, "runs", pacta_jb_integer(&b, (long long)d->runs));
        pacta_jb_set(&b, robust, "random_inputs", pacta_jb_integer(&b, (long long)d->n_random));
        pacta_jb_set(&b, robust, "confidence", pacta_jb_number(&b, d->confidence));
        pacta_jb_set(&b, robust, "candidates", pacta_jb_integer(&b, (long long)d->n_candidates));
        pacta_jb_set(&b, robust, "confident", pacta_jb_bool(d->confident));
        pacta_jb_set(&b, root, "robust", robust);
    }
    json_t *deals = pacta_jb_array(&b);
    for (size_t i = 0; i < d->n_deals; i++)
        pacta_jb_append(&b, deals, deal_json(&b, d, s, &d->deals[i], i + 1));
    pacta_jb_set(&b, root, "deals", deals);
    pacta_jb_set(&b, root, "relaxation", d->feasible ? json_null() : relaxation_json(&b, d, s));
    return pacta_jb_finish(&b, root, stream);
}
