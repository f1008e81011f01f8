/* The pages of pacta serve: the index of the scenarios served, and each scenario's report
 * (the HTML report of pacta report, written by the library) with a what-if panel whose
 * sliders re-run the forecast and evaluation through the JSON API (server/whatif.js). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "server_internal.h"

static const char page_style[] =
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;"
    "line-height:1.45;color:#111}a{color:#0645ad}.muted{color:#555}\n";

/* The start of a page of the server's own (the index), with a blank icon so that browsers
 * ask for no favicon. */
static void page_head(FILE *f, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
          "<link rel=\"icon\" href=\"data:,\"/>\n<title>",
          f);
    pacta_html_escape(f, title);
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n", page_style);
}

static void index_page(const server_app_t *app, response_t *r)
{
    char **names = NULL;
    size_t n = catalog_list(&app->catalog, &names);
    body_writer_t w;
    if (n == (size_t)-1) {
        response_error(r, 500, NULL, "the directory cannot be read");
        return;
    }
    if (!body_open(&w)) {
        catalog_free_names(names, n);
        response_error(r, 500, NULL, "out of memory");
        return;
    }
    FILE *f = w.stream;
    page_head(f, "pacta serve");
    fputs("<header><h1>Scenarios</h1>\n<p class=\"muted\">Served by pacta ", f);
    pacta_html_escape(f, pacta_version());
    fputs(". Open a scenario for its report and what-if sliders; the JSON API is under "
          "<a href=\"/api/\"><code>/api/</code></a> (docs/server.md).</p></header>\n<main>\n",
          f);
    if (n == 0)
        fputs("<p>No scenario files (.yaml, .yml, .csv, .xml) here.</p>\n", f);
    else
        fputs("<table><caption>The scenarios served</caption>\n<thead><tr><th scope=\"col\">"
              "File</th><th scope=\"col\">Title</th></tr></thead>\n<tbody>\n",
              f);
    for (size_t i = 0; i < n; i++) {
        response_t scratch = {0};
        pacta_scenario_t *s = NULL;
        bool ok = api_load_named(app, names[i], &s, &scratch);
        free(scratch.body);
        fputs("<tr><td><a href=\"/scenarios/", f);
        pacta_html_escape(f, names[i]);
        fputs("\">", f);
        pacta_html_escape(f, names[i]);
        fputs("</a></td><td>", f);
        pacta_html_escape(f, ok ? s->title : "(cannot be read: pacta check says why)");
        fputs("</td></tr>\n", f);
        pacta_scenario_destroy(s);
    }
    if (n > 0)
        fputs("</tbody></table>\n", f);
    fputs("</main>\n</body>\n</html>\n", f);
    catalog_free_names(names, n);
    body_finish(&w, r, true, 200, "text/html; charset=utf-8");
}

/* A slider for one number of the what-if. */
static void slider(FILE *f, size_t a, const char *what, const pacta_actor_t *actor,
                   const char *issue, const char *label, double value, double max, double step)
{
    fprintf(f, "<div class=\"wi-row\"><label for=\"wi-%zu-%s\">", a, what);
    pacta_html_escape(f, label);
    fprintf(f,
            "</label><input type=\"range\" id=\"wi-%zu-%s\" min=\"0\" max=\"%.17g\" "
            "step=\"%.17g\" value=\"%.17g\" data-default=\"%.17g\" data-actor=\"",
            a, what, max, step, value, value);
    pacta_html_escape(f, actor->id);
    fputs("\" data-field=\"", f);
    fputs(strncmp(what, "pos", 3) == 0   ? "position"
          : strncmp(what, "sal", 3) == 0 ? "salience"
                                         : "capability",
          f);
    if (issue != NULL) {
        fputs("\" data-issue=\"", f);
        pacta_html_escape(f, issue);
    }
    fprintf(f, "\"/><output for=\"wi-%zu-%s\">%g</output></div>\n", a, what, value);
}

/* The sliders of one actor, in a disclosure so that a long list stays short. */
static void actor_sliders(FILE *f, const pacta_scenario_t *s, size_t a, double cap_max)
{
    const pacta_actor_t *actor = &s->actors[a];
    fputs("<details class=\"wi-actor\"><summary>", f);
    pacta_html_escape(f, actor->name ? actor->name : actor->id);
    fputs("</summary>\n", f);
    slider(f, a, "cap", actor, NULL, "Capability", actor->capability.value, cap_max,
           cap_max / 500.0);
    for (size_t i = 0; i < s->n_issues; i++) {
        const pacta_stance_t *st = &actor->stances[i];
        if (!st->present)
            continue;
        char what[32], label[160];
        snprintf(what, sizeof what, "pos-%zu", i);
        snprintf(label, sizeof label, "%s: position", s->issues[i].name);
        slider(f, a, what, actor, s->issues[i].id, label, st->position.value, 100.0, 1.0);
        snprintf(what, sizeof what, "sal-%zu", i);
        snprintf(label, sizeof label, "%s: salience", s->issues[i].name);
        slider(f, a, what, actor, s->issues[i].id, label, st->salience.value, 100.0, 1.0);
    }
    fputs("</details>\n", f);
}

/* The what-if panel: sliders, the recomputed results (filled by the script) and downloads. */
static void whatif_panel(FILE *f, const char *name, const pacta_scenario_t *s)
{
    double cap_max = 0.0;
    for (size_t a = 0; a < s->n_actors; a++)
        cap_max = fmax(cap_max, s->actors[a].capability.value);
    /* Room to double the strongest actor; a power of ten above so the steps are round. */
    cap_max = cap_max > 0.0 ? pow(10.0, ceil(log10(2.0 * cap_max))) : 100.0;
    fputs("<section id=\"what-if\" aria-labelledby=\"what-if-h\">\n<h2 id=\"what-if-h\">What "
          "if</h2>\n<p>Move a slider to change an actor's capability, or its position or "
          "salience on an issue. The server re-runs the forecast and the evaluation with the "
          "changes (the JSON API, docs/server.md) and the tables below show them beside the "
          "scenario as written; the rest of the page is the scenario as written.</p>\n"
          "<p id=\"wi-status\" role=\"status\" aria-live=\"polite\">Loading the forecasts"
          "&hellip;</p>\n<p id=\"wi-error\" role=\"alert\" hidden></p>\n<form id=\"wi-form\" "
          "data-scenario=\"",
          f);
    pacta_html_escape(f, name);
    fprintf(f, "\" data-proposals=\"%zu\">\n", s->n_proposals);
    for (size_t a = 0; a < s->n_actors; a++)
        actor_sliders(f, s, a, cap_max);
    fputs("<p><button type=\"button\" id=\"wi-reset\">Reset every slider</button></p>\n"
          "</form>\n<h3>Forecasts with the changes</h3>\n<div class=\"wrap\"><table "
          "id=\"wi-forecast\"><caption>Each model's forecast on the 0-100 scale: with the "
          "changes, and as written in brackets</caption><thead></thead><tbody></tbody></table>"
          "</div>\n<h3>Verdicts with the changes</h3>\n<ul id=\"wi-verdicts\"></ul>\n"
          "<h3>Downloads</h3>\n<p>With the changes: "
          "<button type=\"button\" data-download=\"scenario\" data-format=\"yaml\">scenario "
          "(YAML)</button> <button type=\"button\" data-download=\"forecast\" "
          "data-format=\"json\">forecast (JSON)</button> <button type=\"button\" "
          "data-download=\"forecast\" data-format=\"csv\">forecast (CSV)</button>",
          f);
    if (s->n_proposals > 0)
        fputs(" <button type=\"button\" data-download=\"evaluate\" data-format=\"json\">"
              "evaluation (JSON)</button> <button type=\"button\" data-download=\"evaluate\" "
              "data-format=\"csv\">evaluation (CSV)</button>",
              f);
    fputs("</p>\n</section>\n", f);
}

/* Write @p text up to @p mark (which must be in it), then call back, then the rest. */
static const char *copy_until(FILE *f, const char *text, const char *mark)
{
    const char *at = strstr(text, mark);
    if (at == NULL)
        return text;
    at += strlen(mark);
    fwrite(text, 1, (size_t)(at - text), f);
    return at;
}

static void scenario_page(const server_app_t *app, const char *name, response_t *r)
{
    pacta_scenario_t *s = NULL;
    pacta_forecast_t *forecast = NULL;
    pacta_evaluation_t *evaluation = NULL;
    pacta_diag_t *diag = NULL;
    body_writer_t report = {0}, page = {0};
    response_t inner = {0};
    if (!api_load_named(app, name, &s, r))
        goto cleanup;
    if (pacta_diag_create(&diag) != PACTA_OK || !body_open(&report) || !body_open(&page)) {
        response_error(r, 500, NULL, "out of memory");
        goto cleanup;
    }
    pacta_status st = api_analyse(app, s, &forecast, &evaluation, diag);
    if (st != PACTA_OK) {
        response_error(r, st == PACTA_EINPUT ? 422 : 500, diag, "the analysis failed (%s)",
                       pacta_strerror(st));
        goto cleanup;
    }
    pacta_report_t parts = {.scenario = s, .forecast = forecast, .evaluation = evaluation};
    st = pacta_report_write_html(&parts, report.stream);
    body_finish(&report, &inner, st == PACTA_OK, 200, "text/html");
    if (inner.status != 200) {
        response_error(r, 500, NULL, "the report could not be written");
        goto cleanup;
    }
    /* The report with the panel spliced in: the script's style in the head, a way back
     * after <body>, the panel first in <main>, the script last. */
    FILE *f = page.stream;
    const char *rest = copy_until(f, inner.body, "</title>\n");
    fprintf(f, "<link rel=\"icon\" href=\"data:,\"/>\n<style>%s</style>\n", server_whatif_css);
    rest = copy_until(f, rest, "<body>\n");
    fputs("<p class=\"muted\"><a href=\"/\">All scenarios</a></p>\n", f);
    rest = copy_until(f, rest, "<main>\n");
    whatif_panel(f, name, s);
    const char *end = strstr(rest, "</body>");
    fwrite(rest, 1, end ? (size_t)(end - rest) : strlen(rest), f);
    fprintf(f, "<script>%s</script>\n%s", server_whatif_js, end ? end : "");
    body_finish(&page, r, true, 200, "text/html; charset=utf-8");
    snprintf(r->csp, sizeof r->csp, "%s", app->script_csp);
cleanup:
    if (report.stream != NULL)
        body_finish(&report, &inner, false, 500, NULL);
    if (page.stream != NULL)
        body_finish(&page, &inner, false, 500, NULL);
    free(inner.body);
    pacta_evaluation_destroy(evaluation);
    pacta_forecast_destroy(forecast);
    pacta_scenario_destroy(s);
    pacta_diag_destroy(diag);
}

void pages_handle(const server_app_t *app, const request_t *req, response_t *r)
{
    bool page = strcmp(req->path, "/") == 0 || strcmp(req->path, "/index.html") == 0 ||
                strncmp(req->path, "/scenarios/", 11) == 0;
    if (!page) {
        response_error(r, 404, NULL, "no such page: %s (the index is /, the API /api/)", req->path);
        return;
    }
    if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0) {
        response_error(r, 405, NULL, "%s %s: pages are read with GET", req->method, req->path);
        snprintf(r->allow, sizeof r->allow, "GET, HEAD");
        return;
    }
    if (req->path[1] == 's')
        scenario_page(app, req->path + 11, r);
    else
        index_page(app, r);
}
