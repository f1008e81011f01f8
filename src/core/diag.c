#include <pacta/diag.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

struct pacta_diag {
    pacta_diag_entry_t *entries;
    size_t count;
    size_t capacity;
    size_t errors;
    size_t dropped;
};

pacta_status pacta_diag_create(pacta_diag_t **out)
{
    *out = pacta_calloc(1, sizeof(pacta_diag_t));
    return *out == NULL ? PACTA_ENOMEM : PACTA_OK;
}

static void free_entry(pacta_diag_entry_t *e)
{
    pacta_free((char *)e->file);
    pacta_free((char *)e->field);
    pacta_free((char *)e->message);
}

void pacta_diag_clear(pacta_diag_t *diag)
{
    if (diag == NULL)
        return;
    for (size_t i = 0; i < diag->count; i++)
        free_entry(&diag->entries[i]);
    diag->count = 0;
    diag->errors = 0;
    diag->dropped = 0;
}

void pacta_diag_destroy(pacta_diag_t *diag)
{
    if (diag == NULL)
        return;
    pacta_diag_clear(diag);
    pacta_free(diag->entries);
    pacta_free(diag);
}

size_t pacta_diag_count(const pacta_diag_t *diag)
{
    return diag == NULL ? 0 : diag->count;
}

size_t pacta_diag_error_count(const pacta_diag_t *diag)
{
    return diag == NULL ? 0 : diag->errors;
}

size_t pacta_diag_dropped(const pacta_diag_t *diag)
{
    return diag == NULL ? 0 : diag->dropped;
}

const pacta_diag_entry_t *pacta_diag_get(const pacta_diag_t *diag, size_t i)
{
    if (diag == NULL || i >= diag->count)
        return NULL;
    return &diag->entries[i];
}

pacta_status pacta_diag_add(pacta_diag_t *diag, pacta_severity severity, const char *file,
                            int line, int column, const char *field, const char *message)
{
    if (diag == NULL)
        return PACTA_OK;
    if (severity == PACTA_SEVERITY_ERROR)
        diag->errors++;
    if (diag->count >= PACTA_DIAG_MAX_ENTRIES) {
        diag->dropped++;
        return PACTA_OK;
    }
    if (diag->count == diag->capacity) {
        size_t capacity = diag->capacity ? 2 * diag->capacity : 16;
        pacta_diag_entry_t *grown =
            pacta_reallocarray(diag->entries, capacity, sizeof(pacta_diag_entry_t));
        if (grown == NULL) {
            diag->dropped++;
            return PACTA_ENOMEM;
        }
        diag->entries = grown;
        diag->capacity = capacity;
    }
    pacta_diag_entry_t e = {severity, NULL, line, column, NULL, NULL};
    e.file = pacta_strdup(file ? file : "");
    e.field = pacta_strdup(field ? field : "");
    e.message = pacta_strdup(message ? message : "");
    if (e.file == NULL || e.field == NULL || e.message == NULL) {
        free_entry(&e);
        diag->dropped++;
        return PACTA_ENOMEM;
    }
    diag->entries[diag->count++] = e;
    return PACTA_OK;
}

pacta_status pacta_diag_addf(pacta_diag_t *diag, pacta_severity severity, const char *file,
                             int line, int column, const char *field, const char *format, ...)
{
    if (diag == NULL)
        return PACTA_OK;
    char small[512];
    va_list ap;
    va_start(ap, format);
    int needed = vsnprintf(small, sizeof small, format, ap);
    va_end(ap);
    if (needed < 0)
        return pacta_diag_add(diag, severity, file, line, column, field, format);
    if ((size_t)needed < sizeof small)
        return pacta_diag_add(diag, severity, file, line, column, field, small);

    char *big = pacta_malloc((size_t)needed + 1);
    if (big == NULL) {
        if (severity == PACTA_SEVERITY_ERROR)
            diag->errors++;
        diag->dropped++;
        return PACTA_ENOMEM;
    }
    va_start(ap, format);
    vsnprintf(big, (size_t)needed + 1, format, ap);
    va_end(ap);
    pacta_status st = pacta_diag_add(diag, severity, file, line, column, field, big);
    pacta_free(big);
    return st;
}
