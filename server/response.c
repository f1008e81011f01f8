/* Building responses: bodies written to memory, JSON documents, and the one shape of every
 * error (docs/server.md, "Errors"). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "server_internal.h"

/* The last resort when even an error cannot be built. */
static void out_of_memory(response_t *r)
{
    static const char text[] = "{\"error\": {\"status\": 500, \"message\": \"out of memory\"}}\n";
    free(r->body);
    r->status = 500;
    r->type = "application/json";
    r->body = malloc(sizeof text);
    r->length = r->body ? sizeof text - 1 : 0;
    if (r->body != NULL)
        memcpy(r->body, text, sizeof text);
}

void response_json(response_t *r, int status, void *json)
{
    json_t *doc = json;
    free(r->body);
    r->body =
        doc ? json_dumps(doc, JSON_INDENT(2) | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(17)) : NULL;
    json_decref(doc);
    if (r->body == NULL) {
        out_of_memory(r);
        return;
    }
    r->length = strlen(r->body);
    /* A final newline, as the command writes. */
    char *grown = realloc(r->body, r->length + 2);
    if (grown != NULL) {
        r->body = grown;
        r->body[r->length++] = '\n';
        r->body[r->length] = '\0';
    }
    r->status = status;
    r->type = "application/json";
}

static const char *severity_name(pacta_severity s)
{
    return s == PACTA_SEVERITY_ERROR ? "error" : s == PACTA_SEVERITY_WARNING ? "warning" : "note";
}

/* The diagnostics as a JSON array, each entry as the command prints it and in parts. */
static json_t *diagnostics_json(const pacta_diag_t *diag)
{
    json_t *list = json_array();
    for (size_t i = 0; list != NULL && diag != NULL && i < pacta_diag_count(diag); i++) {
        const pacta_diag_entry_t *e = pacta_diag_get(diag, i);
        json_array_append_new(list, json_pack("{s:s, s:s, s:i, s:i, s:s, s:s}", "severity",
                                              severity_name(e->severity), "file", e->file, "line",
                                              e->line, "column", e->column, "field", e->field,
                                              "message", e->message));
    }
    return list;
}

/* "FILE:LINE:COL: field: message" of the first error of @p diag in the file (the lowest
 * line and column, as the command sorts them) into @p buf, or "". */
static void first_error(const pacta_diag_t *diag, char *buf, size_t size)
{
    const pacta_diag_entry_t *first = NULL;
    buf[0] = '\0';
    for (size_t i = 0; diag != NULL && i < pacta_diag_count(diag); i++) {
        const pacta_diag_entry_t *e = pacta_diag_get(diag, i);
        if (e->severity == PACTA_SEVERITY_ERROR &&
            (first == NULL || e->line < first->line ||
             (e->line == first->line && e->column < first->column)))
            first = e;
    }
    if (first != NULL)
        snprintf(buf, size, "%s:%d:%d: %s%s%s", first->file, first->line, first->column,
                 first->field, first->field[0] ? ": " : "", first->message);
}

void response_error(response_t *r, int status, const pacta_diag_t *diag, const char *format, ...)
{
    char message[1024], detail[768];
    va_list ap;
    va_start(ap, format);
    vsnprintf(message, sizeof message, format, ap);
    va_end(ap);
    first_error(diag, detail, sizeof detail);
    if (detail[0] != '\0') {
        size_t n = strlen(message);
        snprintf(message + n, sizeof message - n, "%s%s", n ? ": " : "", detail);
    }
    json_t *error = json_pack("{s:i, s:s}", "status", status, "message", message);
    if (error != NULL && diag != NULL && pacta_diag_count(diag) > 0)
        json_object_set_new(error, "diagnostics", diagnostics_json(diag));
    response_json(r, status, error ? json_pack("{s:o}", "error", error) : NULL);
}

bool body_open(body_writer_t *w)
{
    w->text = NULL;
    w->length = 0;
    w->stream = open_memstream(&w->text, &w->length);
    return w->stream != NULL;
}

void body_finish(body_writer_t *w, response_t *r, bool ok, int status, const char *type)
{
    bool written = w->stream != NULL && !ferror(w->stream);
    if (w->stream != NULL && fclose(w->stream) != 0)
        written = false;
    w->stream = NULL;
    if (!ok || !written || w->text == NULL) {
        free(w->text);
        w->text = NULL;
        response_error(r, 500, NULL, "the response could not be written");
        return;
    }
    free(r->body);
    r->body = w->text;
    r->length = w->length;
    r->status = status;
    r->type = type;
    w->text = NULL;
}
