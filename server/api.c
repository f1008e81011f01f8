/* The JSON API under /api/ (docs/server.md): the scenarios served, the inputs a what-if may
 * change, and forecasts, evaluations and scenarios of a request's scenario with its edits,
 * written by the library's own writers so they are the command's documents, byte for byte. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "server_internal.h"

/* ---- reading a request's scenario ------------------------------------------------------ */

bool api_load_named(const server_app_t *app, const char *name, pacta_scenario_t **out,
                    response_t *r)
{
    char *text = NULL, *path = NULL, why[512];
    size_t length = 0;
    bool ok = false;
    pacta_diag_t *diag = NULL;
    int status = catalog_read(&app->catalog, name, &text, &length, &path, why, sizeof why);
    if (status != 200) {
        response_error(r, status, NULL, "%s", why);
        goto cleanup;
    }
    if (pacta_diag_create(&diag) != PACTA_OK) {
        response_error(r, 500, NULL, "out of memory");
        goto cleanup;
    }
    pacta_status st = pacta_scenario_parse(out, text, length, path, NULL, NULL, diag);
    if (st != PACTA_OK) {
        response_error(r, st == PACTA_ENOMEM ? 500 : 422, diag, "scenario '%s' cannot be read (%s)",
                       name, pacta_strerror(st));
        goto cleanup;
    }
    ok = true;
cleanup:
    pacta_diag_destroy(diag);
    free(text);
    free(path);
    return ok;
}

/* A scenario document as the request's body (YAML, CSV or XML, recognised from content). */
static bool load_body(const request_t *req, pacta_scenario_t **out, response_t *r)
{
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK) {
        response_error(r, 500, NULL, "out of memory");
        return false;
    }
    pacta_status st =
        pacta_scenario_parse(out, req->body, req->body_length, "request body", NULL, NULL, diag);
    if (st != PACTA_OK)
        response_error(r, st == PACTA_ENOMEM ? 500 : 400, diag,
                       "the request body is not a scenario pacta reads (%s)", pacta_strerror(st));
    pacta_diag_destroy(diag);
    return st == PACTA_OK;
}

static const char *const edit_fields[] = {"capability", "position", "salience"};

/* Edit @p k of a request's "edits" into @p e (strings borrowed from @p item); false after
 * filling an error response naming the field. */
static bool read_edit(json_t *item, size_t k, pacta_scenario_edit_t *e, response_t *r)
{
    if (!json_is_object(item)) {
        response_error(r, 400, NULL, "edits[%zu]: must be an object {actor, field, value}", k);
        return false;
    }
    json_t *actor = json_object_get(item, "actor"), *issue = json_object_get(item, "issue");
    json_t *field = json_object_get(item, "field"), *value = json_object_get(item, "value");
    const char *bad = !json_is_string(actor)                    ? "actor: must be a string"
                      : issue != NULL && !json_is_string(issue) ? "issue: must be a string"
                      : !json_is_string(field) ? "field: must be capability, position or salience"
                      : !json_is_number(value) ? "value: must be a number"
                                               : NULL;
    long which = -1;
    for (long f = 0; bad == NULL && f < 3; f++)
        if (strcmp(json_string_value(field), edit_fields[f]) == 0)
            which = f;
    if (bad == NULL && which < 0)
        bad = "field: must be capability, position or salience";
    if (bad == NULL && which > 0 && issue == NULL)
        bad = "issue: a position or salience needs the issue's id";
    if (bad != NULL) {
        response_error(r, 400, NULL, "edits[%zu].%s", k, bad);
        return false;
    }
    e->actor = json_string_value(actor);
    e->issue = issue ? json_string_value(issue) : NULL;
    e->field = (pacta_edit_field)which;
    e->value = json_number_value(value);
    return true;
}

/* Apply the request's edits to *s (replacing it), or fill an error response. */
static bool apply_edits(json_t *list, pacta_scenario_t **s, response_t *r)
{
    size_t n = json_array_size(list);
    pacta_scenario_edit_t *edits = calloc(n ? n : 1, sizeof *edits);
    pacta_scenario_t *edited = NULL;
    pacta_diag_t *diag = NULL;
    bool ok = false;
    if (edits == NULL || pacta_diag_create(&diag) != PACTA_OK) {
        response_error(r, 500, NULL, "out of memory");
        goto cleanup;
    }
    for (size_t k = 0; k < n; k++)
        if (!read_edit(json_array_get(list, k), k, &edits[k], r))
            goto cleanup;
    pacta_status st = pacta_scenario_edit(&edited, *s, edits, n, diag);
    if (st != PACTA_OK) {
        response_error(r, st == PACTA_ENOMEM ? 500 : 400, diag, "the edits cannot be applied");
        goto cleanup;
    }
    pacta_scenario_destroy(*s);
    *s = edited;
    ok = true;
cleanup:
    pacta_diag_destroy(diag);
    free(edits);
    return ok;
}

/* A JSON request: {"scenario": NAME, "edits": [...]}. */
static bool load_json_request(const server_app_t *app, const request_t *req, pacta_scenario_t **out,
                              response_t *r)
{
    json_error_t error;
    json_t *doc = json_loadb(req->body, req->body_length, JSON_REJECT_DUPLICATES, &error);
    bool ok = false;
    if (doc == NULL) {
        response_error(r, 400, NULL, "request body:%d:%d: %s", error.line, error.column,
                       error.text);
        return false;
    }
    json_t *name = json_object_get(doc, "scenario"), *edits = json_object_get(doc, "edits");
    const char *key;
    json_t *value;
    json_object_foreach(doc, key, value)
    {
        if (strcmp(key, "scenario") != 0 && strcmp(key, "edits") != 0) {
            response_error(r, 400, NULL, "%s: unknown member; a request has scenario and edits",
                           key);
            goto cleanup;
        }
    }
    if (!json_is_object(doc) || !json_is_string(name)) {
        response_error(r, 400, NULL,
                       "scenario: must be the name of a served scenario (GET /api/scenarios)");
        goto cleanup;
    }
    if (edits != NULL && !json_is_array(edits)) {
        response_error(r, 400, NULL, "edits: must be an array of {actor, issue, field, value}");
        goto cleanup;
    }
    if (!api_load_named(app, json_string_value(name), out, r))
        goto cleanup;
    ok = edits == NULL || apply_edits(edits, out, r);
    if (!ok) {
        pacta_scenario_destroy(*out);
        *out = NULL;
    }
cleanup:
    json_decref(doc);
    return ok;
}

bool api_request_scenario(const server_app_t *app, const request_t *req, pacta_scenario_t **out,
                          response_t *r)
{
    *out = NULL;
    const char *type = req->content_type ? req->content_type : "";
    if (strncmp(type, "application/json", 16) == 0)
        return load_json_request(app, req, out, r);
    return load_body(req, out, r);
}

/* ---- analyses --------------------------------------------------------------------------- */

pacta_status api_analyse(const server_app_t *app, const pacta_scenario_t *s,
                         pacta_forecast_t **forecast, pacta_evaluation_t **evaluation,
                         pacta_diag_t *diag)
{
    pacta_status st = PACTA_OK;
    if (forecast != NULL) {
        pacta_forecast_options_t fo;
        pacta_forecast_options_default(&fo);
        st = pacta_forecast_run(forecast, s, &fo, diag);
    }
    if (st == PACTA_OK && evaluation != NULL && s->n_proposals > 0) {
        pacta_evaluate_options_t eo;
        pacta_evaluate_options_default(&eo);
        eo.durability = app->durability;
        st = pacta_evaluate(evaluation, s, &eo, diag);
    }
    return st;
}

typedef enum product { PRODUCT_FORECAST, PRODUCT_EVALUATE, PRODUCT_SCENARIO } product_t;

static const char *content_type(pacta_format f)
{
    return f == PACTA_FORMAT_CSV    ? "text/csv; charset=utf-8"
           : f == PACTA_FORMAT_YAML ? "application/yaml; charset=utf-8"
                                    : "application/json";
}

/* The format ?format= asks for (json, or yaml for a scenario, by default); AUTO after filling
 * an error response when the product is not written in it. */
static pacta_format chosen_format(const request_t *req, product_t what, response_t *r)
{
    if (req->format == NULL)
        return what == PRODUCT_SCENARIO ? PACTA_FORMAT_YAML : PACTA_FORMAT_JSON;
    pacta_format f = pacta_format_find(req->format);
    bool ok = what == PRODUCT_SCENARIO ? f == PACTA_FORMAT_YAML
                                       : f == PACTA_FORMAT_JSON || f == PACTA_FORMAT_CSV;
    if (!ok) {
        response_error(r, 400, NULL, "format: '%s' is not one of %s", req->format,
                       what == PRODUCT_SCENARIO ? "yaml" : "json, csv");
        return PACTA_FORMAT_AUTO;
    }
    return f;
}

/* Write @p what of scenario @p s in the requested format as the response. */
static void produce(const server_app_t *app, const request_t *req, const pacta_scenario_t *s,
                    product_t what, response_t *r)
{
    pacta_forecast_t *forecast = NULL;
    pacta_evaluation_t *evaluation = NULL;
    pacta_diag_t *diag = NULL;
    body_writer_t w = {0};
    pacta_format f = chosen_format(req, what, r);
    if (f == PACTA_FORMAT_AUTO)
        goto cleanup;
    if (pacta_diag_create(&diag) != PACTA_OK || !body_open(&w)) {
        response_error(r, 500, NULL, "out of memory");
        goto cleanup;
    }
    pacta_status st = api_analyse(app, s, what == PRODUCT_FORECAST ? &forecast : NULL,
                                  what == PRODUCT_EVALUATE ? &evaluation : NULL, diag);
    if (st != PACTA_OK) {
        response_error(r, st == PACTA_EINPUT ? 400 : 500, diag, "the %s failed (%s)",
                       what == PRODUCT_FORECAST ? "forecast" : "evaluation", pacta_strerror(st));
        goto cleanup;
    }
    if (what == PRODUCT_EVALUATE && evaluation == NULL) {
        response_error(r, 400, NULL, "proposals: the scenario has none to evaluate");
        goto cleanup;
    }
    if (what == PRODUCT_FORECAST)
        st = pacta_forecast_write(forecast, s, f, w.stream);
    else if (what == PRODUCT_EVALUATE)
        st = pacta_evaluation_write(evaluation, NULL, s, f, w.stream);
    else
        st = pacta_scenario_write_yaml(s, w.stream);
    body_finish(&w, r, st == PACTA_OK, 200, content_type(f));
cleanup:
    if (w.stream != NULL)
        body_finish(&w, r, false, 500, NULL);
    pacta_evaluation_destroy(evaluation);
    pacta_forecast_destroy(forecast);
    pacta_diag_destroy(diag);
}

/* ---- the documents of the API itself ----------------------------------------------------- */

static void api_index(response_t *r)
{
    json_t *doc =
        json_pack("{s:s, s:s, s:[s,s,s,s,s,s,s,s,s]}", "schema", "pacta.server/1", "pacta_version",
                  pacta_version(), "endpoints", "GET /api/", "GET /api/scenarios",
                  "GET /api/scenarios/NAME", "GET /api/scenarios/NAME/forecast",
                  "GET /api/scenarios/NAME/evaluate", "GET /api/scenarios/NAME/scenario",
                  "POST /api/forecast", "POST /api/evaluate", "POST /api/scenario");
    response_json(r, 200, doc);
}

static void api_list(const server_app_t *app, response_t *r)
{
    char **names = NULL;
    size_t n = catalog_list(&app->catalog, &names);
    if (n == (size_t)-1) {
        response_error(r, 500, NULL, "the directory cannot be read");
        return;
    }
    json_t *list = json_array();
    for (size_t i = 0; list != NULL && i < n; i++) {
        char url[CATALOG_MAX_NAME + 16];
        snprintf(url, sizeof url, "/scenarios/%s", names[i]);
        json_array_append_new(list, json_pack("{s:s, s:s}", "name", names[i], "page", url));
    }
    catalog_free_names(names, n);
    response_json(r, 200,
                  json_pack("{s:s, s:o}", "schema", "pacta.scenarios/1", "scenarios", list));
}

/* What a what-if may change: each actor's capability and stances, with the issues'. */
static json_t *inputs_json(const char *name, const pacta_scenario_t *s)
{
    json_t *issues = json_array(), *actors = json_array(), *proposals = json_array();
    for (size_t i = 0; i < s->n_issues; i++)
        json_array_append_new(issues, json_pack("{s:s, s:s?, s:s?, s:s?}", "id", s->issues[i].id,
                                                "name", s->issues[i].name, "low", s->issues[i].low,
                                                "high", s->issues[i].high));
    for (size_t a = 0; a < s->n_actors; a++) {
        const pacta_actor_t *actor = &s->actors[a];
        json_t *stances = json_array();
        for (size_t i = 0; i < s->n_issues; i++) {
            const pacta_stance_t *st = &actor->stances[i];
            if (st->present)
                json_array_append_new(
                    stances, json_pack("{s:s, s:f, s:f}", "issue", s->issues[i].id, "position",
                                       st->position.value, "salience", st->salience.value));
        }
        json_array_append_new(actors, json_pack("{s:s, s:s?, s:f, s:o}", "id", actor->id, "name",
                                                actor->name, "capability", actor->capability.value,
                                                "stances", stances));
    }
    for (size_t p = 0; p < s->n_proposals; p++)
        json_array_append_new(proposals, json_pack("{s:s, s:s?}", "id", s->proposals[p].id, "name",
                                                   s->proposals[p].name));
    return json_pack("{s:s, s:s, s:s, s:s?, s:o, s:o, s:o}", "schema", "pacta.inputs/1",
                     "pacta_version", pacta_version(), "name", name, "title", s->title, "issues",
                     issues, "actors", actors, "proposals", proposals);
}

/* GET /api/scenarios/NAME[/forecast|/evaluate|/scenario]. */
static void api_scenario(const server_app_t *app, const request_t *req, const char *rest,
                         response_t *r)
{
    char name[CATALOG_MAX_NAME + 1];
    const char *slash = strchr(rest, '/');
    size_t n = slash ? (size_t)(slash - rest) : strlen(rest);
    const char *what = slash ? slash + 1 : "";
    static const char *const products[] = {"forecast", "evaluate", "scenario"};
    long product = -1;
    for (long k = 0; k < 3; k++)
        if (strcmp(what, products[k]) == 0)
            product = k;
    if (n > CATALOG_MAX_NAME || (what[0] != '\0' && product < 0)) {
        response_error(r, 404, NULL, "no such resource: %s (GET /api/ lists them)", req->path);
        return;
    }
    memcpy(name, rest, n);
    name[n] = '\0';
    pacta_scenario_t *s = NULL;
    if (!api_load_named(app, name, &s, r))
        return;
    if (product < 0)
        response_json(r, 200, inputs_json(name, s));
    else
        produce(app, req, s, (product_t)product, r);
    pacta_scenario_destroy(s);
}

/* Whether @p req uses @p method; fills a 405 otherwise. */
static bool method_is(const request_t *req, const char *method, response_t *r)
{
    if (strcmp(req->method, method) == 0)
        return true;
    response_error(r, 405, NULL, "%s %s: use %s", req->method, req->path, method);
    snprintf(r->allow, sizeof r->allow, "%s", method);
    return false;
}

void api_handle(const server_app_t *app, const request_t *req, response_t *r)
{
    const char *p = req->path + 4; /* after "/api" */
    static const struct {
        const char *path;
        product_t what;
    } posts[] = {{"/forecast", PRODUCT_FORECAST},
                 {"/evaluate", PRODUCT_EVALUATE},
                 {"/scenario", PRODUCT_SCENARIO}};
    if (strcmp(p, "") == 0 || strcmp(p, "/") == 0) {
        if (method_is(req, "GET", r))
            api_index(r);
        return;
    }
    if (strcmp(p, "/scenarios") == 0 || strcmp(p, "/scenarios/") == 0) {
        if (method_is(req, "GET", r))
            api_list(app, r);
        return;
    }
    if (strncmp(p, "/scenarios/", 11) == 0) {
        if (method_is(req, "GET", r))
            api_scenario(app, req, p + 11, r);
        return;
    }
    for (size_t k = 0; k < sizeof posts / sizeof posts[0]; k++) {
        if (strcmp(p, posts[k].path) != 0)
            continue;
        pacta_scenario_t *s = NULL;
        if (method_is(req, "POST", r) && api_request_scenario(app, req, &s, r))
            produce(app, req, s, posts[k].what, r);
        pacta_scenario_destroy(s);
        return;
    }
    response_error(r, 404, NULL, "no such resource: %s (GET /api/ lists them)", req->path);
}
