/* JSON output of a forecast, schema pacta.forecast/1 (docs/json-schema.md). Built as a
 * jansson tree (core/json_build.h) so strings are escaped by jansson; numbers are written with
 * the fewest digits that read back exactly (core/json_write.h). */
#include <math.h>

#include "report/report_json.h"

#include <pacta/pacta.h>

static json_t *issue_header(json_build_t *b, const pacta_scenario_t *s,
                            const pacta_forecast_issue_t *fi)
{
    const pacta_issue_t *issue = &s->issues[fi->issue];
    json_t *o = pacta_jb_object(b);
    pacta_jb_set(b, o, "id", pacta_jb_string(b, issue->id));
    pacta_jb_set(b, o, "name", pacta_jb_string(b, issue->name));
    pacta_jb_set(b, o, "low", pacta_jb_string(b, issue->low));
    pacta_jb_set(b, o, "high", pacta_jb_string(b, issue->high));
    pacta_jb_set(b, o, "status_quo",
                 issue->has_status_quo ? pacta_jb_number(b, issue->status_quo.value) : json_null());
    if (issue->units.present) {
        json_t *u = pacta_jb_object(b);
        pacta_jb_set(b, u, "name", pacta_jb_string(b, issue->units.name));
        pacta_jb_set(b, u, "at_0", pacta_jb_number(b, issue->units.at_0));
        pacta_jb_set(b, u, "at_100", pacta_jb_number(b, issue->units.at_100));
        pacta_jb_set(b, o, "units", u);
    }
    json_t *actors = pacta_jb_array(b);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < fi->n_actors; i++) {
        const pacta_actor_t *a = &s->actors[fi->actors[i]];
        pacta_jb_append(b, actors, pacta_jb_string(b, a->id));
        lo = fmin(lo, a->stances[fi->issue].position.value);
        hi = fmax(hi, a->stances[fi->issue].position.value);
    }
    pacta_jb_set(b, o, "actors", actors);
    json_t *spread = pacta_jb_object(b);
    pacta_jb_set(b, spread, "min", pacta_jb_number(b, lo));
    pacta_jb_set(b, spread, "max", pacta_jb_number(b, hi));
    pacta_jb_set(b, o, "positions", spread);
    return o;
}

static json_t *by_actor(json_build_t *b, const pacta_scenario_t *s, const pacta_forecast_entry_t *e,
                        const double *values)
{
    json_t *o = pacta_jb_object(b);
    for (size_t i = 0; i < e->n_actors; i++)
        pacta_jb_set(b, o, s->actors[e->actors[i]].id, pacta_jb_number(b, values[i]));
    return o;
}

static json_t *round_json(json_build_t *b, const pacta_scenario_t *s,
                          const pacta_forecast_issue_t *fi, const pacta_forecast_entry_t *e,
                          const pacta_round_t *r)
{
    const pacta_issue_t *issue = &s->issues[fi->issue];
    json_t *o = pacta_jb_object(b);
    pacta_jb_set(b, o, "round", pacta_jb_integer(b, r->round));
    pacta_jb_set(b, o, "median", pacta_jb_number(b, r->median));
    pacta_jb_set(b, o, "mean", pacta_jb_number(b, r->mean));
    if (issue->units.present) {
        pacta_jb_set(b, o, "median_units",
                     pacta_jb_number(b, pacta_issue_to_units(issue, r->median)));
        pacta_jb_set(b, o, "mean_units", pacta_jb_number(b, pacta_issue_to_units(issue, r->mean)));
    }
    pacta_jb_set(b, o, "positions", by_actor(b, s, e, r->position));
    if (r->ideal != NULL)
        pacta_jb_set(b, o, "ideals", by_actor(b, s, e, r->ideal));
    if (r->risk != NULL)
        pacta_jb_set(b, o, "risk", by_actor(b, s, e, r->risk));
    if (r->risk != NULL || r->n_moves > 0) {
        json_t *moves = pacta_jb_array(b);
        for (size_t m = 0; m < r->n_moves; m++) {
            const pacta_move_t *mv = &r->moves[m];
            json_t *jm = pacta_jb_object(b);
            pacta_jb_set(b, jm, "actor", pacta_jb_string(b, s->actors[e->actors[mv->actor]].id));
            pacta_jb_set(b, jm, "kind", pacta_jb_string(b, pacta_move_kind_name(mv->kind)));
            pacta_jb_set(b, jm, "with",
                         pacta_jb_string(b, s->actors[e->actors[mv->counterpart]].id));
            pacta_jb_set(b, jm, "from", pacta_jb_number(b, mv->from));
            pacta_jb_set(b, jm, "to", pacta_jb_number(b, mv->to));
            pacta_jb_set(b, jm, "eu_actor", pacta_jb_number(b, mv->eu_actor));
            pacta_jb_set(b, jm, "eu_counterpart", pacta_jb_number(b, mv->eu_counterpart));
            pacta_jb_append(b, moves, jm);
        }
        pacta_jb_set(b, o, "moves", moves);
    }
    return o;
}

/* A distribution model's outcomes, each with the actors who hold that position. */
static json_t *outcomes_json(json_build_t *b, const pacta_scenario_t *s,
                             const pacta_forecast_issue_t *fi, const pacta_model_result_t *res)
{
    const pacta_issue_t *issue = &s->issues[fi->issue];
    json_t *list = pacta_jb_array(b);
    for (size_t j = 0; j < res->n_outcomes; j++) {
        const pacta_outcome_t *out = &res->outcomes[j];
        json_t *o = pacta_jb_object(b);
        pacta_jb_set(b, o, "at", pacta_jb_number(b, out->at));
        if (issue->units.present)
            pacta_jb_set(b, o, "at_units",
                         pacta_jb_number(b, pacta_issue_to_units(issue, out->at)));
        pacta_jb_set(b, o, "probability", pacta_jb_number(b, out->probability));
        json_t *holders = pacta_jb_array(b);
        for (size_t i = 0; i < fi->n_actors; i++) {
            const pacta_actor_t *a = &s->actors[fi->actors[i]];
            if (a->stances[fi->issue].position.value == out->at)
                pacta_jb_append(b, holders, pacta_jb_string(b, a->id));
        }
        pacta_jb_set(b, o, "held_by", holders);
        pacta_jb_set(b, o, "status_quo",
                     pacta_jb_bool(issue->has_status_quo && issue->status_quo.value == out->at));
        pacta_jb_append(b, list, o);
    }
    return list;
}

static json_t *model_json(json_build_t *b, const pacta_scenario_t *s,
                          const pacta_forecast_issue_t *fi, const pacta_forecast_entry_t *e)
{
    const pacta_issue_t *issue = &s->issues[fi->issue];
    const pacta_model_t *model = pacta_model_config_model(e->config);
    const pacta_model_result_t *res = &e->result;
    json_t *o = pacta_jb_object(b);
    pacta_jb_set(b, o, "model", pacta_jb_string(b, pacta_model_name(model)));
    pacta_jb_set(b, o, "profile", pacta_jb_string(b, pacta_model_config_profile(e->config)));
    json_t *opts = pacta_jb_object(b);
    for (size_t i = 0; i < pacta_model_config_option_count(e->config); i++) {
        const char *key, *value;
        pacta_model_config_option(e->config, i, &key, &value);
        pacta_jb_set(b, opts, key, pacta_jb_string(b, value));
    }
    pacta_jb_set(b, o, "options", opts);
    if (e->joint_issues != NULL) {
        /* Joint models: the issues bargained over together and the actors taking part. */
        json_t *dims = pacta_jb_array(b);
        for (size_t q = 0; q < e->n_joint_issues; q++)
            pacta_jb_append(b, dims, pacta_jb_string(b, s->issues[e->joint_issues[q]].id));
        pacta_jb_set(b, o, "dimensions", dims);
        json_t *actors = pacta_jb_array(b);
        for (size_t i = 0; i < e->n_actors; i++)
            pacta_jb_append(b, actors, pacta_jb_string(b, s->actors[e->actors[i]].id));
        pacta_jb_set(b, o, "actors", actors);
    }
    pacta_jb_set(b, o, "forecast", res->defined ? pacta_jb_number(b, res->forecast) : json_null());
    if (issue->units.present)
        pacta_jb_set(b, o, "forecast_units",
                     res->defined ? pacta_jb_number(b, pacta_issue_to_units(issue, res->forecast))
                                  : json_null());
    double at;
    const char *label;
    if (res->defined && pacta_issue_nearest_anchor(issue, res->forecast, &at, &label)) {
        json_t *anchor = pacta_jb_object(b);
        pacta_jb_set(b, anchor, "at", pacta_jb_number(b, at));
        pacta_jb_set(b, anchor, "label", pacta_jb_string(b, label));
        pacta_jb_set(b, o, "nearest_anchor", anchor);
    }
    pacta_jb_set(b, o, "note", pacta_jb_string(b, res->note));
    if (res->outcomes != NULL)
        pacta_jb_set(b, o, "outcomes", outcomes_json(b, s, fi, res));
    if (pacta_model_is_iterative(model)) {
        pacta_jb_set(b, o, "stop", pacta_jb_string(b, pacta_stop_reason_name(res->stop)));
        json_t *rounds = pacta_jb_array(b);
        for (size_t r = 0; r < res->n_rounds; r++)
            pacta_jb_append(b, rounds, round_json(b, s, fi, e, &res->rounds[r]));
        pacta_jb_set(b, o, "rounds", rounds);
    }
    return o;
}

pacta_status pacta_forecast_write_json(const pacta_forecast_t *f, const pacta_scenario_t *s,
                                       FILE *stream)
{
    json_build_t b = {false};
    json_t *root = pacta_report_json_root(&b, PACTA_FORECAST_SCHEMA, s, true);
    json_t *issues = pacta_jb_array(&b);
    for (size_t i = 0; i < f->n_issues; i++) {
        const pacta_forecast_issue_t *fi = &f->issues[i];
        json_t *jo = issue_header(&b, s, fi);
        json_t *models = pacta_jb_array(&b);
        for (size_t e = 0; e < fi->n_entries; e++)
            pacta_jb_append(&b, models, model_json(&b, s, fi, &fi->entries[e]));
        pacta_jb_set(&b, jo, "models", models);
        pacta_jb_append(&b, issues, jo);
    }
    pacta_jb_set(&b, root, "issues", issues);
    return pacta_jb_finish(&b, root, stream);
}
