/* Shared by the files of the server: the catalogue of scenarios, the answers of the API and
 * pages, and the response they build. Only the public API of pacta is used. */
#ifndef PACTA_SERVER_INTERNAL_H
#define PACTA_SERVER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <pacta/pacta.h>

#include "server.h"

/* ---- the catalogue (catalog.c) ------------------------------------------------------- */

/* Where the scenarios are: a directory (listed afresh at every request, so files added or
 * changed show up) or a fixed list of files. Read-only once made, shared by all threads. */
typedef struct catalog {
    char *dir;    /* without trailing slashes, or NULL */
    int dir_fd;   /* open on dir, or -1 */
    char **names; /* files mode: the names served (base names) */
    char **paths; /* and the paths they are read from */
    size_t n;
} catalog_t;

/* Longest scenario name accepted. */
enum { CATALOG_MAX_NAME = 255 };

/* Open the catalogue; false after printing why to @p err. */
bool catalog_open(catalog_t *c, const char *dir, const char *const *files, size_t n_files,
                  FILE *err);
void catalog_close(catalog_t *c);

/* The names served now, sorted; *out is an array of strings freed with catalog_free_names().
 * Returns how many, or (size_t)-1 when the directory cannot be read. */
size_t catalog_list(const catalog_t *c, char ***out);
void catalog_free_names(char **names, size_t n);

/* Whether @p name could name a scenario: 1-255 characters of letters, digits, '-', '_' and
 * '.', not starting with '.'. Anything else (a '/', "..", a NUL) is refused before any file
 * is looked at. */
bool catalog_name_ok(const char *name);

/* Read scenario @p name: its text into *text (malloc'd, NUL-terminated) and its path as
 * diagnostics name it into *path (malloc'd). Returns an HTTP status: 200; 400 (a bad name);
 * 403 (a symbolic link or not a regular file); 404 (no such scenario); 413 (larger than
 * PACTA_MAX_FILE_BYTES); 500. @p why receives a message when not 200. */
int catalog_read(const catalog_t *c, const char *name, char **text, size_t *length, char **path,
                 char *why, size_t why_size);

/* ---- responses (response.c) ------------------------------------------------------------ */

typedef struct response {
    int status;
    const char *type; /* Content-Type (static text) */
    char *body;       /* malloc'd */
    size_t length;
    char allow[32]; /* the Allow header of a 405, or "" */
    char csp[256];  /* Content-Security-Policy other than the default, or "" */
} response_t;

/* An error: {"error": {"status": S, "message": M, "diagnostics": [...]}}, with the
 * diagnostics of @p diag when not NULL. */
void response_error(response_t *r, int status, const pacta_diag_t *diag, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* A body written to a memory stream: open, write into r->stream, finish. */
typedef struct body_writer {
    FILE *stream;
    char *text;
    size_t length;
} body_writer_t;

bool body_open(body_writer_t *w);
/* Close the stream and hand its text to @p r with @p status and @p type; on failure (a
 * write failed, or @p ok is false) a 500 error instead. */
void body_finish(body_writer_t *w, response_t *r, bool ok, int status, const char *type);

/* A JSON document (jansson's json_t, taken over) as the response. */
void response_json(response_t *r, int status, void *json);

/* ---- the application (api.c, pages.c) ------------------------------------------------- */

/* What every request handler sees: the catalogue and the shipped durability model. */
typedef struct server_app {
    catalog_t catalog;
    pacta_durability_model_t *durability; /* read-only, shared */
    size_t max_body;
    char script_csp[256]; /* the Content-Security-Policy of pages with the what-if script */
} server_app_t;

/* A request as the handlers see it. */
typedef struct request {
    const char *method;       /* "GET", "POST", ... */
    const char *path;         /* decoded, starting with '/' */
    const char *format;       /* ?format=, or NULL */
    const char *content_type; /* or NULL */
    const char *body;         /* NUL-terminated */
    size_t body_length;
} request_t;

/* Answer a request under /api/. */
void api_handle(const server_app_t *app, const request_t *req, response_t *r);

/* Answer a request for a page: / and /scenarios/NAME. */
void pages_handle(const server_app_t *app, const request_t *req, response_t *r);

/* Load scenario @p name of the catalogue into *out, or fill an error response (4xx for a bad
 * or unknown name, 422 for a served file with errors) and return false. */
bool api_load_named(const server_app_t *app, const char *name, pacta_scenario_t **out,
                    response_t *r);

/* The results a request asks for: the scenario it names or holds, with its edits applied.
 * Fills *out, or an error response in @p r and returns false. */
bool api_request_scenario(const server_app_t *app, const request_t *req, pacta_scenario_t **out,
                          response_t *r);

/* Run the forecast and (when there are proposals) the evaluation of @p s as the CLI's
 * forecast, evaluate and report commands do by default. *forecast and *evaluation are NULL
 * when not asked for (NULL pointers) or not applicable. Returns PACTA_OK or the first
 * failure, with details in @p diag. */
pacta_status api_analyse(const server_app_t *app, const pacta_scenario_t *s,
                         pacta_forecast_t **forecast, pacta_evaluation_t **evaluation,
                         pacta_diag_t *diag);

/* The what-if script and its style (server/whatif.js, server/whatif.css, compiled in by
 * CMake from whatif.c.in). */
extern const char *const server_whatif_js;
extern const char *const server_whatif_css;

#endif
