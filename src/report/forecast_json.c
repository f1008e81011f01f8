/* JSON output of a forecast, schema pacta.forecast/1 (docs/json-schema.md). Built as a
 * jansson tree so escaping and number formatting are the library's, not ours. Numbers are
 * written with 17 significant digits so they read back exactly. */
#include <math.h>

#include "report/json_build.h"

#include <pacta/pacta.h>

static json_t *issue_header(json_build_t *b, const pacta_scenario_t *s,
                            const pacta_forecast_issue_t *fi)
{
    const pacta_issue_t *issue = &s->issues[fi->issue];
    json_t *o = jb_object(b);
    jb_set(b, o, "id", jb_string(b, issue->id));
    jb_set(b, o, "name", jb_string(b, issue->name));
    jb_set(b, o, "low", jb_string(b, issue->low));
    jb_set(b, o, "high", jb_string(b, issue->high));
    jb_set(b, o, "status_quo", issue->has_status_quo ? jb_number(b, issue->status_quo.value) : json_null());
    if (issue->units.present) {
        json_t *u = jb_object(b);
        jb_set(b, u, "name", jb_string(b, issue->units.name));
        jb_set(b, u, "at_0", jb_number(b, issue->units.at_0));
        jb_set(b, u, "at_100", jb_number(b, issue->units.at_100));
        jb_set(b, o, "units", u);
    }
    json_t *actors = jb_array(b);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < fi->n_actors; i++) {
        const pacta_actor_t *a = &s->actors[fi->actors[i]];
        jb_append(b, actors, jb_string(b, a->id));
        lo = fmin(lo, a->stances[fi->issue].position.value);
        hi = fmax(hi, a->stances[fi->issue].position.value);
    }
    jb_set(b, o, "actors", actors);
    json_t *spread = jb_object(b);
    jb_set(b, spread, "min", jb_number(b, lo));
    jb_set(b, spread, "max", jb_number(b, hi));
    jb_set(b, o, "positions", spread);
    return o;
}

static json_t *by_actor(json_build_t *b, const pacta_scenario_t *s, const pacta_forecast_entry_t *e,
                        const double *values)
{
    json_t *o = jb_object(b);
    for (size_t i = 0; i < e->n_actors; i++)
        jb_set(b, o, s->actors[e->actors[i]].id, jb_number(b, values[i]));
    return o;
}

static json_t *round_json(json_build_t *b, const pacta_scenario_t *s,
                          const pacta_forecast_issue_t *fi, const pacta_forecast_entry_t *e,
                          const pacta_round_t *r)
{
    const pacta_issue_t *issue = &s->issues[fi->issue];
    json_t *o = jb_object(b);
    jb_set(b, o, "round", jb_integer(b, r->round));
    jb_set(b, o, "median", jb_number(b, r->median));
    jb_set(b, o, "mean", jb_number(b, r->mean));
    if (issue->units.present) {
        jb_set(b, o, "median_units", jb_number(b, pacta_issue_to_units(issue, r->median)));
        jb_set(b, o, "mean_units", jb_number(b, pacta_issue_to_units(issue, r->mean)));
    }
    jb_set(b, o, "positions", by_actor(b, s, e, r->position));
    if (r->ideal != NULL)
        jb_set(b, o, "ideals", by_actor(b, s, e, r->ideal));
    if (r->risk != NULL)
        jb_set(b, o, "risk", by_actor(b, s, e, r->risk));
    if (r->risk != NULL || r->n_moves > 0) {
        json_t *moves = jb_array(b);
        for (size_t m = 0; m < r->n_moves; m++) {
            const pacta_move_t *mv = &r->moves[m];
            json_t *jm = jb_object(b);
            jb_set(b, jm, "actor", jb_string(b, s->actors[e->actors[mv->actor]].id));
            jb_set(b, jm, "kind", jb_string(b, pacta_move_kind_name(mv->kind)));
            jb_set(b, jm, "with", jb_string(b, s->actors[e->actors[mv->counterpart]].id));
            jb_set(b, jm, "from", jb_number(b, mv->from));
            jb_set(b, jm, "to", jb_number(b, mv->to));
            jb_set(b, jm, "eu_actor", jb_number(b, mv->eu_actor));
            jb_set(b, jm, "eu_counterpart", jb_number(b, mv->eu_counterpart));
            jb_append(b, moves, jm);
        }
        jb_set(b, o, "moves", moves);
    }
    return o;
}

static json_t *model_json(json_build_t *b, const pacta_scenario_t *s,
                          const pacta_forecast_issue_t *fi, const pacta_forecast_entry_t *e)
{
    const pacta_issue_t *issue = &s->issues[fi->issue];
    const pacta_model_t *model = pacta_model_config_model(e->config);
    const pacta_model_result_t *res = &e->result;
    json_t *o = jb_object(b);
    jb_set(b, o, "model", jb_string(b, pacta_model_name(model)));
    jb_set(b, o, "profile", jb_string(b, pacta_model_config_profile(e->config)));
    json_t *opts = jb_object(b);
    for (size_t i = 0; i < pacta_model_config_option_count(e->config); i++) {
        const char *key, *value;
        pacta_model_config_option(e->config, i, &key, &value);
        jb_set(b, opts, key, jb_string(b, value));
    }
    jb_set(b, o, "options", opts);
    if (e->joint_issues != NULL) {
        /* Joint models: the issues bargained over together and the actors taking part. */
        json_t *dims = jb_array(b);
        for (size_t q = 0; q < e->n_joint_issues; q++)
            jb_append(b, dims, jb_string(b, s->issues[e->joint_issues[q]].id));
        jb_set(b, o, "dimensions", dims);
        json_t *actors = jb_array(b);
        for (size_t i = 0; i < e->n_actors; i++)
            jb_append(b, actors, jb_string(b, s->actors[e->actors[i]].id));
        jb_set(b, o, "actors", actors);
    }
    jb_set(b, o, "forecast", res->defined ? jb_number(b, res->forecast) : json_null());
    if (issue->units.present)
        jb_set(b, o, "forecast_units",
            res->defined ? jb_number(b, pacta_issue_to_units(issue, res->forecast)) : json_null());
    double at;
    const char *label;
    if (res->defined && pacta_issue_nearest_anchor(issue, res->forecast, &at, &label)) {
        json_t *anchor = jb_object(b);
        jb_set(b, anchor, "at", jb_number(b, at));
        jb_set(b, anchor, "label", jb_string(b, label));
        jb_set(b, o, "nearest_anchor", anchor);
    }
    jb_set(b, o, "note", jb_string(b, res->note));
    if (pacta_model_is_iterative(model)) {
        jb_set(b, o, "stop", jb_string(b, pacta_stop_reason_name(res->stop)));
        json_t *rounds = jb_array(b);
        for (size_t r = 0; r < res->n_rounds; r++)
            jb_append(b, rounds, round_json(b, s, fi, e, &res->rounds[r]));
        jb_set(b, o, "rounds", rounds);
    }
    return o;
}

pacta_status pacta_forecast_write_json(const pacta_forecast_t *f, const pacta_scenario_t *s,
                                       FILE *stream)
{
    json_build_t b = {false};
    json_t *root = jb_object(&b);
    jb_set(&b, root, "schema", jb_string(&b, PACTA_FORECAST_SCHEMA));
    jb_set(&b, root, "pacta_version", jb_string(&b, pacta_version()));
    json_t *scenario = jb_object(&b);
    jb_set(&b, scenario, "title", jb_string(&b, s->title));
    jb_set(&b, scenario, "path", jb_string(&b, s->path));
    jb_set(&b, scenario, "date", jb_string(&b, s->date));
    jb_set(&b, root, "scenario", scenario);
    json_t *issues = jb_array(&b);
    for (size_t i = 0; i < f->n_issues; i++) {
        const pacta_forecast_issue_t *fi = &f->issues[i];
        json_t *jo = issue_header(&b, s, fi);
        json_t *models = jb_array(&b);
        for (size_t e = 0; e < fi->n_entries; e++)
            jb_append(&b, models, model_json(&b, s, fi, &fi->entries[e]));
        jb_set(&b, jo, "models", models);
        jb_append(&b, issues, jo);
    }
    jb_set(&b, root, "issues", issues);
    pacta_status st = PACTA_OK;
    if (b.failed)
        st = PACTA_ENOMEM;
    else if (json_dumpf(root, stream, JSON_INDENT(2) | JSON_REAL_PRECISION(17) |
                                          JSON_PRESERVE_ORDER) != 0 ||
             fputc('\n', stream) == EOF)
        st = PACTA_EIO;
    json_decref(root);
    return st;
}
