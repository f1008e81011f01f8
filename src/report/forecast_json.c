/* JSON output of a forecast, schema pacta.forecast/1 (docs/json-schema.md). Built as a
 * jansson tree so escaping and number formatting are the library's, not ours. Numbers are
 * written with 17 significant digits so they read back exactly. */
#include <jansson.h>
#include <math.h>

#include <pacta/pacta.h>

/* Build helpers that remember allocation failure instead of checking every call. */
typedef struct builder {
    bool failed;
} builder_t;

static json_t *num(builder_t *b, double v)
{
    if (!isfinite(v))
        return json_null();
    json_t *j = json_real(v);
    if (j == NULL)
        b->failed = true;
    return j;
}

static json_t *str(builder_t *b, const char *s)
{
    if (s == NULL)
        return json_null();
    json_t *j = json_string(s);
    if (j == NULL)
        b->failed = true;
    return j;
}

static void put(builder_t *b, json_t *obj, const char *key, json_t *value)
{
    if (obj == NULL || value == NULL || json_object_set_new(obj, key, value) != 0)
        b->failed = true;
}

static void append(builder_t *b, json_t *arr, json_t *value)
{
    if (arr == NULL || value == NULL || json_array_append_new(arr, value) != 0)
        b->failed = true;
}

static json_t *obj(builder_t *b)
{
    json_t *j = json_object();
    if (j == NULL)
        b->failed = true;
    return j;
}

static json_t *arr(builder_t *b)
{
    json_t *j = json_array();
    if (j == NULL)
        b->failed = true;
    return j;
}

static json_t *issue_header(builder_t *b, const pacta_scenario_t *s,
                            const pacta_forecast_issue_t *fi)
{
    const pacta_issue_t *issue = &s->issues[fi->issue];
    json_t *o = obj(b);
    put(b, o, "id", str(b, issue->id));
    put(b, o, "name", str(b, issue->name));
    put(b, o, "low", str(b, issue->low));
    put(b, o, "high", str(b, issue->high));
    put(b, o, "status_quo", issue->has_status_quo ? num(b, issue->status_quo.value) : json_null());
    if (issue->units.present) {
        json_t *u = obj(b);
        put(b, u, "name", str(b, issue->units.name));
        put(b, u, "at_0", num(b, issue->units.at_0));
        put(b, u, "at_100", num(b, issue->units.at_100));
        put(b, o, "units", u);
    }
    json_t *actors = arr(b);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < fi->n_actors; i++) {
        const pacta_actor_t *a = &s->actors[fi->actors[i]];
        append(b, actors, str(b, a->id));
        lo = fmin(lo, a->stances[fi->issue].position.value);
        hi = fmax(hi, a->stances[fi->issue].position.value);
    }
    put(b, o, "actors", actors);
    json_t *spread = obj(b);
    put(b, spread, "min", num(b, lo));
    put(b, spread, "max", num(b, hi));
    put(b, o, "positions", spread);
    return o;
}

static json_t *by_actor(builder_t *b, const pacta_scenario_t *s, const pacta_forecast_entry_t *e,
                        const double *values)
{
    json_t *o = obj(b);
    for (size_t i = 0; i < e->n_actors; i++)
        put(b, o, s->actors[e->actors[i]].id, num(b, values[i]));
    return o;
}

static json_t *round_json(builder_t *b, const pacta_scenario_t *s,
                          const pacta_forecast_issue_t *fi, const pacta_forecast_entry_t *e,
                          const pacta_round_t *r)
{
    const pacta_issue_t *issue = &s->issues[fi->issue];
    json_t *o = obj(b);
    put(b, o, "round", json_integer(r->round));
    put(b, o, "median", num(b, r->median));
    put(b, o, "mean", num(b, r->mean));
    if (issue->units.present) {
        put(b, o, "median_units", num(b, pacta_issue_to_units(issue, r->median)));
        put(b, o, "mean_units", num(b, pacta_issue_to_units(issue, r->mean)));
    }
    put(b, o, "positions", by_actor(b, s, e, r->position));
    if (r->ideal != NULL)
        put(b, o, "ideals", by_actor(b, s, e, r->ideal));
    if (r->risk != NULL)
        put(b, o, "risk", by_actor(b, s, e, r->risk));
    if (r->risk != NULL || r->n_moves > 0) {
        json_t *moves = arr(b);
        for (size_t m = 0; m < r->n_moves; m++) {
            const pacta_move_t *mv = &r->moves[m];
            json_t *jm = obj(b);
            put(b, jm, "actor", str(b, s->actors[e->actors[mv->actor]].id));
            put(b, jm, "kind", str(b, pacta_move_kind_name(mv->kind)));
            put(b, jm, "with", str(b, s->actors[e->actors[mv->counterpart]].id));
            put(b, jm, "from", num(b, mv->from));
            put(b, jm, "to", num(b, mv->to));
            put(b, jm, "eu_actor", num(b, mv->eu_actor));
            put(b, jm, "eu_counterpart", num(b, mv->eu_counterpart));
            append(b, moves, jm);
        }
        put(b, o, "moves", moves);
    }
    return o;
}

static json_t *model_json(builder_t *b, const pacta_scenario_t *s,
                          const pacta_forecast_issue_t *fi, const pacta_forecast_entry_t *e)
{
    const pacta_issue_t *issue = &s->issues[fi->issue];
    const pacta_model_t *model = pacta_model_config_model(e->config);
    const pacta_model_result_t *res = &e->result;
    json_t *o = obj(b);
    put(b, o, "model", str(b, pacta_model_name(model)));
    put(b, o, "profile", str(b, pacta_model_config_profile(e->config)));
    json_t *opts = obj(b);
    for (size_t i = 0; i < pacta_model_config_option_count(e->config); i++) {
        const char *key, *value;
        pacta_model_config_option(e->config, i, &key, &value);
        put(b, opts, key, str(b, value));
    }
    put(b, o, "options", opts);
    if (e->joint_issues != NULL) {
        /* Joint models: the issues bargained over together and the actors taking part. */
        json_t *dims = arr(b);
        for (size_t q = 0; q < e->n_joint_issues; q++)
            append(b, dims, str(b, s->issues[e->joint_issues[q]].id));
        put(b, o, "dimensions", dims);
        json_t *actors = arr(b);
        for (size_t i = 0; i < e->n_actors; i++)
            append(b, actors, str(b, s->actors[e->actors[i]].id));
        put(b, o, "actors", actors);
    }
    put(b, o, "forecast", res->defined ? num(b, res->forecast) : json_null());
    if (issue->units.present)
        put(b, o, "forecast_units",
            res->defined ? num(b, pacta_issue_to_units(issue, res->forecast)) : json_null());
    double at;
    const char *label;
    if (res->defined && pacta_issue_nearest_anchor(issue, res->forecast, &at, &label)) {
        json_t *anchor = obj(b);
        put(b, anchor, "at", num(b, at));
        put(b, anchor, "label", str(b, label));
        put(b, o, "nearest_anchor", anchor);
    }
    put(b, o, "note", str(b, res->note));
    if (pacta_model_is_iterative(model)) {
        put(b, o, "stop", str(b, pacta_stop_reason_name(res->stop)));
        json_t *rounds = arr(b);
        for (size_t r = 0; r < res->n_rounds; r++)
            append(b, rounds, round_json(b, s, fi, e, &res->rounds[r]));
        put(b, o, "rounds", rounds);
    }
    return o;
}

pacta_status pacta_forecast_write_json(const pacta_forecast_t *f, const pacta_scenario_t *s,
                                       FILE *stream)
{
    builder_t b = {false};
    json_t *root = obj(&b);
    put(&b, root, "schema", str(&b, PACTA_FORECAST_SCHEMA));
    put(&b, root, "pacta_version", str(&b, pacta_version()));
    json_t *scenario = obj(&b);
    put(&b, scenario, "title", str(&b, s->title));
    put(&b, scenario, "path", str(&b, s->path));
    put(&b, scenario, "date", str(&b, s->date));
    put(&b, root, "scenario", scenario);
    json_t *issues = arr(&b);
    for (size_t i = 0; i < f->n_issues; i++) {
        const pacta_forecast_issue_t *fi = &f->issues[i];
        json_t *jo = issue_header(&b, s, fi);
        json_t *models = arr(&b);
        for (size_t e = 0; e < fi->n_entries; e++)
            append(&b, models, model_json(&b, s, fi, &fi->entries[e]));
        put(&b, jo, "models", models);
        append(&b, issues, jo);
    }
    put(&b, root, "issues", issues);
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
