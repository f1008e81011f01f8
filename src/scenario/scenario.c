/* Scenario lifetime, lookups and the load dispatcher (whole-scenario checks: semantics.c). */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/table.h"
#include "core/text.h"
#include "scenario/scenario_internal.h"
#include "scenario/scenario_readers.h"

pacta_status pacta_builder_init(scenario_builder_t *b, const char *file, pacta_diag_t *diag)
{
    memset(b, 0, sizeof *b);
    b->diag = diag;
    b->file = file ? file : "";
    b->owner = pacta_calloc(1, sizeof(scenario_owner_t));
    if (b->owner == NULL)
        return PACTA_ENOMEM;
    b->owner->arena = pacta_arena_create();
    if (b->owner->arena == NULL) {
        pacta_free(b->owner);
        b->owner = NULL;
        return PACTA_ENOMEM;
    }
    b->owner->pub.path = pacta_arena_strdup(b->owner->arena, b->file);
    if (b->owner->pub.path == NULL)
        b->out_of_memory = true;
    b->owner->pub.format_version = PACTA_FORMAT_VERSION;
    return PACTA_OK;
}

pacta_status pacta_builder_finish(scenario_builder_t *b, pacta_scenario_t **out)
{
    pacta_status st = PACTA_OK;
    if (b->out_of_memory)
        st = PACTA_ENOMEM;
    else if (b->errors > 0)
        st = PACTA_EINPUT;
    if (st == PACTA_OK) {
        *out = &b->owner->pub;
    } else {
        pacta_scenario_destroy(b->owner ? &b->owner->pub : NULL);
    }
    b->owner = NULL;
    return st;
}

static void report(scenario_builder_t *b, pacta_severity severity, pacta_location_t at,
                   const char *field, const char *format, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 0)))
#endif
    ;

static void report(scenario_builder_t *b, pacta_severity severity, pacta_location_t at,
                   const char *field, const char *format, va_list ap)
{
    char message[1024];
    vsnprintf(message, sizeof message, format, ap);
    if (pacta_diag_add(b->diag, severity, b->file, at.line, at.column, field, message) ==
        PACTA_ENOMEM)
        b->out_of_memory = true;
}

void pacta_builder_error(scenario_builder_t *b, pacta_location_t at, const char *field,
                         const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    report(b, PACTA_SEVERITY_ERROR, at, field, format, ap);
    va_end(ap);
    b->errors++;
}

void pacta_builder_warning(scenario_builder_t *b, pacta_location_t at, const char *field,
                           const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    report(b, PACTA_SEVERITY_WARNING, at, field, format, ap);
    va_end(ap);
}

void pacta_builder_oom(scenario_builder_t *b)
{
    b->out_of_memory = true;
}

void *pacta_builder_alloc(scenario_builder_t *b, size_t count, size_t size)
{
    void *p = pacta_arena_alloc(b->owner->arena, count, size);
    if (p == NULL)
        b->out_of_memory = true;
    return p;
}

char *pacta_builder_strndup(scenario_builder_t *b, const char *s, size_t n)
{
    char *p = pacta_arena_strndup(b->owner->arena, s, n);
    if (p == NULL)
        b->out_of_memory = true;
    return p;
}

/* ---- ids made from names ----------------------------------------------------------------- */

char *pacta_builder_make_id(scenario_builder_t *b, const char *text, size_t length)
{
    char buf[PACTA_MAX_ID_BYTES + 1];
    size_t k = 0;
    bool gap = false;
    for (size_t i = 0; i < length && k < PACTA_MAX_ID_BYTES; i++) {
        unsigned char c = (unsigned char)text[i];
        if (isalnum(c)) {
            if (gap && k > 0 && k < PACTA_MAX_ID_BYTES)
                buf[k++] = '_';
            gap = false;
            if (k < PACTA_MAX_ID_BYTES)
                buf[k++] = (char)tolower(c);
        } else {
            gap = true;
        }
    }
    if (k == 0)
        buf[k++] = 'x';
    buf[k] = '\0';
    return pacta_builder_strndup(b, buf, k);
}

/* ---- id index ------------------------------------------------------------------------ */

/* Stable merge sort of index positions by id; qsort cannot take the ids as context. */
static void sort_by_id(size_t *order, size_t *scratch, size_t n, const char *const *ids)
{
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                scratch[k++] = strcmp(ids[order[j]], ids[order[i]]) < 0 ? order[j++] : order[i++];
            while (i < mid)
                scratch[k++] = order[i++];
            while (j < hi)
                scratch[k++] = order[j++];
        }
        memcpy(order, scratch, n * sizeof *order);
    }
}

bool pacta_id_index_build(scenario_builder_t *b, id_index_t *index, const char *const *ids,
                          size_t n)
{
    memset(index, 0, sizeof *index);
    index->ids = pacta_builder_alloc(b, n, sizeof(char *));
    index->order = pacta_builder_alloc(b, n, sizeof(size_t));
    size_t *scratch = pacta_builder_alloc(b, n, sizeof(size_t));
    if (index->ids == NULL || index->order == NULL || scratch == NULL)
        return false;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        index->ids[i] = ids[i];
        if (ids[i] != NULL)
            index->order[kept++] = i;
    }
    index->n = kept;
    sort_by_id(index->order, scratch, kept, index->ids);
    return true;
}

long pacta_id_index_find(const id_index_t *index, const char *id)
{
    size_t lo = 0, hi = index->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(index->ids[index->order[mid]], id);
        if (c == 0) {
            /* Return the first of equal ids (the original, not a duplicate). */
            while (mid > 0 && strcmp(index->ids[index->order[mid - 1]], id) == 0)
                mid--;
            return (long)index->order[mid];
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* ---- public lifetime and lookups -------------------------------------------------------- */

void pacta_scenario_destroy(pacta_scenario_t *scenario)
{
    if (scenario == NULL)
        return;
    scenario_owner_t *owner = (scenario_owner_t *)scenario;
    pacta_arena_destroy(owner->arena);
    pacta_free(owner);
}

long pacta_scenario_find_issue(const pacta_scenario_t *scenario, const char *id)
{
    for (size_t i = 0; i < scenario->n_issues; i++)
        if (strcmp(scenario->issues[i].id, id) == 0)
            return (long)i;
    return -1;
}

long pacta_scenario_find_actor(const pacta_scenario_t *scenario, const char *id)
{
    for (size_t i = 0; i < scenario->n_actors; i++)
        if (strcmp(scenario->actors[i].id, id) == 0)
            return (long)i;
    return -1;
}

double pacta_issue_to_units(const pacta_issue_t *issue, double scale_value)
{
    if (!issue->units.present)
        return scale_value;
    return issue->units.at_0 + (issue->units.at_100 - issue->units.at_0) * scale_value / 100.0;
}

bool pacta_issue_nearest_anchor(const pacta_issue_t *issue, double scale_value, double *at_out,
                                const char **label_out)
{
    double best_at = 0.0;
    const char *best_label = issue->low;
    double best_distance = fabs(scale_value - 0.0);
    for (size_t i = 0; i < issue->n_anchors; i++) {
        double d = fabs(scale_value - issue->anchors[i].at.value);
        if (d < best_distance) {
            best_distance = d;
            best_at = issue->anchors[i].at.value;
            best_label = issue->anchors[i].label;
        }
    }
    if (fabs(scale_value - 100.0) < best_distance) {
        best_at = 100.0;
        best_label = issue->high;
    }
    if (at_out)
        *at_out = best_at;
    if (label_out)
        *label_out = best_label;
    return true;
}

/* ---- loading ------------------------------------------------------------------------- */

void pacta_csv_options_default(pacta_csv_options_t *options)
{
    memset(options, 0, sizeof *options);
    options->salience_scale = 100.0;
}

/* Read @p text in format @p f, recognising it first when AUTO (text checked already). */
static pacta_status read_as(pacta_scenario_t **out, const char *text, size_t length,
                            const char *name, pacta_format f,
                            const pacta_csv_options_t *csv_options, pacta_diag_t *diag)
{
    if (f == PACTA_FORMAT_AUTO)
        f = pacta_format_detect(PACTA_DOCUMENT_SCENARIO, text, length, name);
    pacta_csv_options_t defaults;
    pacta_csv_options_default(&defaults);
    switch (f) {
    case PACTA_FORMAT_CSV:
    case PACTA_FORMAT_KTAB_CSV:
        return pacta_scenario_read_csv(out, text, length, name,
                                       csv_options ? csv_options : &defaults,
                                       f == PACTA_FORMAT_KTAB_CSV, diag);
    case PACTA_FORMAT_KTAB_XML:
        return pacta_scenario_read_ktab_xml(out, text, length, name, diag);
    case PACTA_FORMAT_YAML:
        return pacta_scenario_read_yaml(out, text, length, name, diag);
    default:
        return PACTA_EINVAL;
    }
}

pacta_status pacta_scenario_parse_as(pacta_scenario_t **out, const char *text, size_t length,
                                     const char *name, pacta_format format,
                                     const pacta_csv_options_t *csv_options, pacta_diag_t *diag)
{
    *out = NULL;
    if (name == NULL)
        name = "";
    if (format != PACTA_FORMAT_AUTO && !pacta_format_reads(format, PACTA_DOCUMENT_SCENARIO))
        return PACTA_EINVAL;
    if (length > PACTA_MAX_FILE_BYTES) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, name, 0, 0, "",
                        "is larger than the limit of %u bytes", (unsigned)PACTA_MAX_FILE_BYTES);
        return PACTA_ELIMIT;
    }
    /* A UTF-8 byte order mark is allowed and ignored. */
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        length -= 3;
    }
    size_t blank = 0;
    while (blank < length && (text[blank] == ' ' || text[blank] == '\t' ||
                              text[blank] == '\n' || text[blank] == '\r'))
        blank++;
    if (blank == length) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, name, 0, 0, "",
                       "the file is empty; a scenario needs at least format_version, title, "
                       "issues and actors");
        return PACTA_EINPUT;
    }
    pacta_status text_status = pacta_check_text(text, length, name, diag);
    if (text_status != PACTA_OK)
        return text_status;

    return read_as(out, text, length, name, format, csv_options, diag);
}

pacta_status pacta_scenario_parse(pacta_scenario_t **out, const char *text, size_t length,
                                  const char *name, const char *format,
                                  const pacta_csv_options_t *csv_options, pacta_diag_t *diag)
{
    pacta_format f = PACTA_FORMAT_AUTO;
    if (format != NULL && strcmp(format, "auto") != 0) {
        f = pacta_format_find(format);
        if (!pacta_format_reads(f, PACTA_DOCUMENT_SCENARIO)) {
            *out = NULL;
            return PACTA_EINVAL;
        }
    }
    return pacta_scenario_parse_as(out, text, length, name, f, csv_options, diag);
}

/* KTAB's XML when the content (or else the name) says XML, otherwise KTAB's CSV layout:
 * pacta_scenario_load_ktab() reads nothing but KTAB's formats. */
static pacta_format ktab_format(const char *text, size_t length, const char *name)
{
    return pacta_format_detect(PACTA_DOCUMENT_SCENARIO, text, length, name) ==
                   PACTA_FORMAT_KTAB_XML
               ? PACTA_FORMAT_KTAB_XML
               : PACTA_FORMAT_KTAB_CSV;
}

static pacta_status load(pacta_scenario_t **out, const char *path, pacta_format format,
                         bool ktab, const pacta_csv_options_t *csv_options, pacta_diag_t *diag)
{
    *out = NULL;
    char *text = NULL;
    size_t length = 0;
    pacta_status st = pacta_file_read(path, "a scenario file", &text, &length, diag);
    if (st == PACTA_OK) {
        if (ktab)
            format = ktab_format(text, length, path);
        st = pacta_scenario_parse_as(out, text, length, path, format, csv_options, diag);
    }
    pacta_free(text);
    return st;
}

pacta_status pacta_scenario_load(pacta_scenario_t **out, const char *path, pacta_diag_t *diag)
{
    return load(out, path, PACTA_FORMAT_AUTO, false, NULL, diag);
}

pacta_status pacta_scenario_load_as(pacta_scenario_t **out, const char *path, pacta_format format,
                                    const pacta_csv_options_t *csv_options, pacta_diag_t *diag)
{
    if (format != PACTA_FORMAT_AUTO && !pacta_format_reads(format, PACTA_DOCUMENT_SCENARIO)) {
        *out = NULL;
        return PACTA_EINVAL;
    }
    return load(out, path, format, false, csv_options, diag);
}

pacta_status pacta_scenario_load_csv(pacta_scenario_t **out, const char *path,
                                     const pacta_csv_options_t *options, pacta_diag_t *diag)
{
    return load(out, path, PACTA_FORMAT_CSV, false, options, diag);
}

pacta_status pacta_scenario_load_ktab(pacta_scenario_t **out, const char *path,
                                      pacta_diag_t *diag)
{
    return load(out, path, PACTA_FORMAT_AUTO, true, NULL, diag);
}
