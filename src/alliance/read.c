/* Reads an alliance table (docs/alliance.md): a CSV file with one row per (member, year,
 * edition), checked field by field, and its optional YAML sidecar with the editions' titles
 * and sources. libcsv does the RFC 4180 parsing, the scenario module's YAML tree gives every
 * sidecar node its line. Every problem is reported with file, line and field; reading goes
 * on after a bad row so that one run lists them all. */
#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alliance/alliance_internal.h"
#include "core/alloc.h"
#include "core/text.h"
#include "scenario/yaml_tree.h"

/* ---- columns ----------------------------------------------------------------------------- */

typedef enum column {
    COL_MEMBER,
    COL_CODE,
    COL_YEAR,
    COL_EDITION,
    COL_ESTIMATE,
    COL_SOURCE,
    COL_JOINED,
    COL_GDP_CURRENT,
    COL_GDP_CONSTANT,
    COL_DEFENCE_CURRENT,
    COL_DEFENCE_PCT,
    COL_CORE_PCT,
    COL_POPULATION,
    N_COLUMNS
} column;

static const char *const column_names[N_COLUMNS + 1] = {
    "member",          "code",
    "year",            "edition",
    "estimate",        "source",
    "joined",          "gdp_current_musd",
    "gdp_constant_musd", "defence_current_musd",
    "defence_pct_gdp", "core_pct_gdp",
    "population_thousands", NULL,
};

/* The first six columns must be present; the others may be left out. */
enum { N_REQUIRED = COL_SOURCE + 1 };

/* ---- the CSV rows as text ---------------------------------------------------------------- */

typedef struct cells {
    char **text;
    size_t count, capacity;
    int line;
} cells_t;

typedef struct reader {
    alliance_table_t *table;
    pacta_diag_t *diag;
    const char *name;
    size_t errors;
    bool oom;
    bool too_many;
    int line;           /* physical line being fed to the parser */
    cells_t current;    /* the row being collected */
    bool row_open;
    /* header */
    bool have_header;
    bool header_bad;    /* rows are not read when the header is wrong */
    int map[N_COLUMNS]; /* column -> index in the row, -1 when absent */
    size_t n_header;
    /* rows */
    pacta_alliance_row_t *rows;
    size_t n_rows, cap_rows;
} reader_t;

static void report(reader_t *r, pacta_severity severity, int line, const char *field,
                   const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void report(reader_t *r, pacta_severity severity, int line, const char *field,
                   const char *format, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, format);
    vsnprintf(message, sizeof message, format, ap);
    va_end(ap);
    if (severity == PACTA_SEVERITY_ERROR)
        r->errors++;
    if (pacta_diag_add(r->diag, severity, r->name, line, 0, field, message) == PACTA_ENOMEM)
        r->oom = true;
}

static void free_cells(cells_t *c)
{
    for (size_t i = 0; i < c->count; i++)
        pacta_free(c->text[i]);
    c->count = 0;
}

static void on_field(void *data, size_t length, void *ctx)
{
    reader_t *r = ctx;
    if (r->oom || r->too_many)
        return;
    if (!r->row_open) {
        r->current.line = r->line;
        r->row_open = true;
    }
    if (r->current.count == r->current.capacity) {
        size_t capacity = r->current.capacity ? 2 * r->current.capacity : 16;
        if (capacity > 256) {
            report(r, PACTA_SEVERITY_ERROR, r->line, "", "the row has more than 256 fields");
            r->too_many = true;
            return;
        }
        char **text = pacta_reallocarray(r->current.text, capacity, sizeof(char *));
        if (text == NULL) {
            r->oom = true;
            return;
        }
        r->current.text = text;
        r->current.capacity = capacity;
    }
    char *copy = pacta_strndup(data ? data : "", data ? length : 0);
    if (copy == NULL) {
        r->oom = true;
        return;
    }
    r->current.text[r->current.count++] = copy;
}

static void take_row(reader_t *r, const cells_t *c);

static void on_row(int terminator, void *ctx)
{
    (void)terminator;
    reader_t *r = ctx;
    if (!r->row_open)
        r->current.line = r->line; /* a blank line */
    r->row_open = false;
    if (!r->oom && !r->too_many)
        take_row(r, &r->current);
    free_cells(&r->current);
}

static void *csv_realloc(void *p, size_t n)
{
    return pacta_realloc(p, n);
}

/* ---- header ------------------------------------------------------------------------------ */

static void take_header(reader_t *r, const cells_t *c)
{
    r->have_header = true;
    r->n_header = c->count;
    for (int k = 0; k < N_COLUMNS; k++)
        r->map[k] = -1;
    for (size_t i = 0; i < c->count; i++) {
        const char *name = c->text[i];
        int k = 0;
        while (k < N_COLUMNS && strcmp(column_names[k], name) != 0)
            k++;
        if (k == N_COLUMNS) {
            const char *hint = pacta_suggest(name, column_names);
            if (hint != NULL)
                report(r, PACTA_SEVERITY_ERROR, c->line, name,
                       "unknown column (did you mean '%s'?)", hint);
            else
                report(r, PACTA_SEVERITY_ERROR, c->line, name,
                       "unknown column; the columns are described in docs/alliance.md");
            continue;
        }
        if (r->map[k] >= 0) {
            report(r, PACTA_SEVERITY_ERROR, c->line, name, "the column appears twice");
            continue;
        }
        r->map[k] = (int)i;
    }
    for (int k = 0; k < N_REQUIRED; k++)
        if (r->map[k] < 0)
            report(r, PACTA_SEVERITY_ERROR, c->line, column_names[k],
                   "the required column is missing");
    r->header_bad = r->errors > 0;
}

/* ---- fields ------------------------------------------------------------------------------ */

static const char *cell(const reader_t *r, const cells_t *c, column k)
{
    int i = r->map[k];
    return i >= 0 && (size_t)i < c->count ? c->text[i] : "";
}

static const char *keep(reader_t *r, const char *text)
{
    char *s = pacta_arena_strdup(r->table->arena, text);
    if (s == NULL)
        r->oom = true;
    return s ? s : "";
}

static bool read_int(reader_t *r, const cells_t *c, column k, long lo, long hi, bool required,
                     int *out)
{
    const char *t = cell(r, c, k);
    *out = 0;
    if (t[0] == '\0') {
        if (required)
            report(r, PACTA_SEVERITY_ERROR, c->line, column_names[k], "is empty");
        return !required;
    }
    long v;
    number_error e = pacta_parse_long(t, strlen(t), &v);
    if (e != NUMBER_OK || v < lo || v > hi) {
        report(r, PACTA_SEVERITY_ERROR, c->line, column_names[k],
               "'%s' is not a year from %ld to %ld", t, lo, hi);
        return false;
    }
    *out = (int)v;
    return true;
}

/* An optional non-negative number; empty means not available (NAN). */
static bool read_amount(reader_t *r, const cells_t *c, column k, double max, double *out)
{
    const char *t = cell(r, c, k);
    *out = NAN;
    if (t[0] == '\0')
        return true;
    double v;
    number_error e = pacta_parse_number(t, strlen(t), &v);
    if (e != NUMBER_OK) {
        report(r, PACTA_SEVERITY_ERROR, c->line, column_names[k], "'%s' %s", t,
               pacta_number_error_text(e));
        return false;
    }
    if (v < 0) {
        report(r, PACTA_SEVERITY_ERROR, c->line, column_names[k],
               "'%s' is negative; amounts and shares are at least 0", t);
        return false;
    }
    if (v > max) {
        report(r, PACTA_SEVERITY_ERROR, c->line, column_names[k],
               "'%s' is more than %g, which cannot be a share of GDP in %%", t, max);
        return false;
    }
    *out = v;
    return true;
}

static bool valid_code(const char *t)
{
    if (strlen(t) != 3)
        return false;
    for (int i = 0; i < 3; i++)
        if (t[i] < 'A' || t[i] > 'Z')
            return false;
    return true;
}

static void take_row(reader_t *r, const cells_t *c)
{
    if (c->count == 0 || (c->count == 1 && c->text[0][0] == '\0'))
        return; /* blank line */
    if (!r->have_header) {
        take_header(r, c);
        return;
    }
    if (r->header_bad)
        return;
    if (c->count != r->n_header) {
        report(r, PACTA_SEVERITY_ERROR, c->line, "",
               "the row has %zu fields but the header has %zu", c->count, r->n_header);
        return;
    }
    if (r->n_rows == PACTA_ALLIANCE_MAX_ROWS) {
        report(r, PACTA_SEVERITY_ERROR, c->line, "", "the table has more than %d rows",
               PACTA_ALLIANCE_MAX_ROWS);
        r->too_many = true;
        return;
    }
    pacta_alliance_row_t row;
    memset(&row, 0, sizeof row);
    row.line = c->line;
    bool ok = true;

    const char *member = cell(r, c, COL_MEMBER);
    if (member[0] == '\0') {
        report(r, PACTA_SEVERITY_ERROR, c->line, "member", "is empty");
        ok = false;
    } else if (!pacta_is_valid_utf8(member, strlen(member))) {
        report(r, PACTA_SEVERITY_ERROR, c->line, "member", "is not valid UTF-8");
        ok = false;
    }
    const char *code = cell(r, c, COL_CODE);
    if (!valid_code(code)) {
        report(r, PACTA_SEVERITY_ERROR, c->line, "code",
               "'%s' is not an ISO 3166-1 alpha-3 code (three capital letters, e.g. USA)",
               code);
        ok = false;
    }
    ok = read_int(r, c, COL_YEAR, 1900, 2100, true, &row.year) && ok;
    const char *edition = cell(r, c, COL_EDITION);
    if (!pacta_is_valid_date(edition, strlen(edition))) {
        report(r, PACTA_SEVERITY_ERROR, c->line, "edition",
               "'%s' is not an edition date YYYY, YYYY-MM or YYYY-MM-DD", edition);
        ok = false;
    }
    const char *estimate = cell(r, c, COL_ESTIMATE);
    if (strcmp(estimate, "yes") == 0 || strcmp(estimate, "true") == 0)
        row.estimate = true;
    else if (strcmp(estimate, "no") == 0 || strcmp(estimate, "false") == 0)
        row.estimate = false;
    else {
        report(r, PACTA_SEVERITY_ERROR, c->line, "estimate", "'%s' must be yes or no",
               estimate);
        ok = false;
    }
    const char *source = cell(r, c, COL_SOURCE);
    if (source[0] == '\0') {
        report(r, PACTA_SEVERITY_ERROR, c->line, "source",
               "is empty; every row names where its figures come from");
        ok = false;
    } else if (!pacta_is_valid_utf8(source, strlen(source))) {
        report(r, PACTA_SEVERITY_ERROR, c->line, "source", "is not valid UTF-8");
        ok = false;
    }
    ok = read_int(r, c, COL_JOINED, 1949, 2100, false, &row.joined) && ok;
    ok = read_amount(r, c, COL_GDP_CURRENT, INFINITY, &row.gdp_current) && ok;
    ok = read_amount(r, c, COL_GDP_CONSTANT, INFINITY, &row.gdp_constant) && ok;
    ok = read_amount(r, c, COL_DEFENCE_CURRENT, INFINITY, &row.defence_current) && ok;
    ok = read_amount(r, c, COL_DEFENCE_PCT, 100, &row.defence_pct_gdp) && ok;
    ok = read_amount(r, c, COL_CORE_PCT, 100, &row.core_pct_gdp) && ok;
    ok = read_amount(r, c, COL_POPULATION, INFINITY, &row.population) && ok;
    if (ok && row.gdp_current == 0) {
        report(r, PACTA_SEVERITY_ERROR, c->line, "gdp_current_musd",
               "is 0; leave the field empty when GDP is not available");
        ok = false;
    }
    if (ok && !isnan(row.defence_current) && !isnan(row.defence_pct_gdp) &&
        !isnan(row.gdp_current)) {
        /* Published shares have two decimals; allow that rounding and a little more for
         * shares NATO computes on constant-price GDP. */
        double computed = 100.0 * row.defence_current / row.gdp_current;
        if (fabs(computed - row.defence_pct_gdp) > 0.05)
            report(r, PACTA_SEVERITY_WARNING, c->line, "defence_pct_gdp",
                   "%g %% differs from 100 × defence / GDP = %.3f %%", row.defence_pct_gdp,
                   computed);
    }
    if (!ok)
        return;
    row.member = keep(r, member);
    row.code = keep(r, code);
    row.edition = keep(r, edition);
    row.source = keep(r, source);
    if (r->n_rows == r->cap_rows) {
        size_t capacity = r->cap_rows ? 2 * r->cap_rows : 64;
        pacta_alliance_row_t *rows = pacta_reallocarray(r->rows, capacity, sizeof *rows);
        if (rows == NULL) {
            r->oom = true;
            return;
        }
        r->rows = rows;
        r->cap_rows = capacity;
    }
    r->rows[r->n_rows++] = row;
}

/* ---- whole-table checks ------------------------------------------------------------------ */

static int compare_key(const void *a, const void *b)
{
    const pacta_alliance_row_t *p = a, *q = b;
    int c = strcmp(p->code, q->code);
    if (c != 0)
        return c;
    if (p->year != q->year)
        return p->year < q->year ? -1 : 1;
    c = pacta_alliance_edition_compare(p->edition, q->edition);
    if (c != 0)
        return c;
    return p->line < q->line ? -1 : p->line > q->line;
}

static void check_table(reader_t *r)
{
    if (!r->have_header) {
        report(r, PACTA_SEVERITY_ERROR, 1, "", "the file is empty; expected a header row");
        return;
    }
    if (r->n_rows == 0 && r->errors == 0) {
        report(r, PACTA_SEVERITY_ERROR, 2, "", "the table has a header but no rows");
        return;
    }
    if (r->n_rows > 0)
        qsort(r->rows, r->n_rows, sizeof *r->rows, compare_key);
    for (size_t i = 1; i < r->n_rows; i++) {
        const pacta_alliance_row_t *p = &r->rows[i - 1], *q = &r->rows[i];
        if (strcmp(p->code, q->code) != 0)
            continue;
        if (strcmp(p->member, q->member) != 0)
            report(r, PACTA_SEVERITY_ERROR, q->line, "member",
                   "'%s' has code %s, which line %d gives to '%s'", q->member, q->code,
                   p->line, p->member);
        if (p->year == q->year && strcmp(p->edition, q->edition) == 0)
            report(r, PACTA_SEVERITY_ERROR, q->line, "edition",
                   "%s %d, edition %s is already on line %d; (member, year, edition) is the "
                   "key",
                   q->code, q->year, q->edition, p->line);
        if (p->joined != q->joined)
            report(r, PACTA_SEVERITY_ERROR, q->line, "joined",
                   "%s joined in %d here but in %d on line %d", q->code, q->joined, p->joined,
                   p->line);
    }
}

/* ---- sidecar ----------------------------------------------------------------------------- */

static const char *scalar_text(reader_t *r, const char *file, const ynode_t *node,
                               const char *field)
{
    if (node == NULL || pacta_ynode_is_null(node))
        return "";
    if (node->kind != YNODE_SCALAR) {
        r->errors++;
        if (pacta_diag_addf(r->diag, PACTA_SEVERITY_ERROR, file, node->line, node->column, field,
                            "must be text, not %s", pacta_ynode_describe(node)) == PACTA_ENOMEM)
            r->oom = true;
        return "";
    }
    return keep(r, node->text);
}

static void unknown_keys(reader_t *r, const char *file, const ynode_t *map,
                         const char *const *known, const char *prefix)
{
    for (size_t i = 0; i < map->count; i++) {
        const char *key = map->keys[i]->text;
        bool found = false;
        for (size_t k = 0; known[k] != NULL; k++)
            found = found || strcmp(known[k], key) == 0;
        if (found)
            continue;
        const char *hint = pacta_suggest(key, known);
        r->errors++;
        if (pacta_diag_addf(r->diag, PACTA_SEVERITY_ERROR, file, map->keys[i]->line,
                            map->keys[i]->column, prefix, "unknown key '%s'%s%s%s", key,
                            hint ? " (did you mean '" : "", hint ? hint : "",
                            hint ? "'?)" : "") == PACTA_ENOMEM)
            r->oom = true;
    }
}

/* The sidecar's editions become the table's; editions used by rows but not described get
 * an entry with only the id. */
static pacta_status read_sidecar(reader_t *r, const char *meta_path, const char *text,
                                 size_t length, pacta_alliance_edition_t **editions,
                                 size_t *n_editions, size_t *cap_editions)
{
    pacta_alliance_data_t *pub = &r->table->pub;
    ynode_t *root = NULL;
    size_t errors = 0;
    pacta_status st =
        pacta_yaml_tree_parse(r->table->arena, text, length, meta_path, r->diag, &root, &errors);
    r->errors += errors;
    if (st != PACTA_OK || root == NULL)
        return st;
    if (root->kind != YNODE_MAPPING) {
        r->errors++;
        return pacta_diag_addf(r->diag, PACTA_SEVERITY_ERROR, meta_path, root->line, root->column,
                               "", "the sidecar must be a mapping, not %s",
                               pacta_ynode_describe(root));
    }
    static const char *const known[] = {"format", "title", "notes", "editions", NULL};
    unknown_keys(r, meta_path, root, known, "");
    const ynode_t *format = pacta_ynode_lookup(root, "format");
    const char *format_text = scalar_text(r, meta_path, format, "format");
    if (strcmp(format_text, "pacta.alliance-data/1") != 0) {
        r->errors++;
        if (pacta_diag_addf(r->diag, PACTA_SEVERITY_ERROR, meta_path,
                            format ? format->line : root->line,
                            format ? format->column : root->column, "format",
                            "must be pacta.alliance-data/1 (got '%s')", format_text) ==
            PACTA_ENOMEM)
            r->oom = true;
    }
    pub->title = scalar_text(r, meta_path, pacta_ynode_lookup(root, "title"), "title");
    pub->notes = scalar_text(r, meta_path, pacta_ynode_lookup(root, "notes"), "notes");
    const ynode_t *list = pacta_ynode_lookup(root, "editions");
    if (list == NULL || pacta_ynode_is_null(list))
        return PACTA_OK;
    if (list->kind != YNODE_SEQUENCE) {
        r->errors++;
        return pacta_diag_addf(r->diag, PACTA_SEVERITY_ERROR, meta_path, list->line, list->column,
                               "editions", "must be a list, not %s", pacta_ynode_describe(list));
    }
    static const char *const edition_keys[] = {"id",     "title", "published",
                                               "source", "notes", NULL};
    for (size_t i = 0; i < list->count && !r->oom; i++) {
        const ynode_t *e = list->values[i];
        char field[64];
        snprintf(field, sizeof field, "editions[%zu]", i);
        if (e->kind != YNODE_MAPPING) {
            r->errors++;
            (void)pacta_diag_addf(r->diag, PACTA_SEVERITY_ERROR, meta_path, e->line, e->column,
                                  field, "must be a mapping, not %s", pacta_ynode_describe(e));
            continue;
        }
        unknown_keys(r, meta_path, e, edition_keys, field);
        char sub[96];
        snprintf(sub, sizeof sub, "%s.id", field);
        const char *id = scalar_text(r, meta_path, pacta_ynode_lookup(e, "id"), sub);
        if (!pacta_is_valid_date(id, strlen(id))) {
            r->errors++;
            (void)pacta_diag_addf(r->diag, PACTA_SEVERITY_ERROR, meta_path, e->line,
                                  e->column, sub,
                                  "'%s' is not an edition date YYYY, YYYY-MM or YYYY-MM-DD",
                                  id);
            continue;
        }
        if (*n_editions == *cap_editions) {
            size_t capacity = *cap_editions ? 2 * *cap_editions : 8;
            pacta_alliance_edition_t *bigger =
                pacta_reallocarray(*editions, capacity, sizeof **editions);
            if (bigger == NULL)
                return PACTA_ENOMEM;
            *editions = bigger;
            *cap_editions = capacity;
        }
        pacta_alliance_edition_t *ed = &(*editions)[(*n_editions)++];
        ed->id = id;
        snprintf(sub, sizeof sub, "%s.title", field);
        ed->title = scalar_text(r, meta_path, pacta_ynode_lookup(e, "title"), sub);
        snprintf(sub, sizeof sub, "%s.published", field);
        ed->published = scalar_text(r, meta_path, pacta_ynode_lookup(e, "published"), sub);
        snprintf(sub, sizeof sub, "%s.source", field);
        ed->source = scalar_text(r, meta_path, pacta_ynode_lookup(e, "source"), sub);
        snprintf(sub, sizeof sub, "%s.notes", field);
        ed->notes = scalar_text(r, meta_path, pacta_ynode_lookup(e, "notes"), sub);
    }
    return r->oom ? PACTA_ENOMEM : PACTA_OK;
}

static int compare_edition(const void *a, const void *b)
{
    const pacta_alliance_edition_t *p = a, *q = b;
    return pacta_alliance_edition_compare(p->id, q->id);
}

/* ---- files ------------------------------------------------------------------------------- */

/* Read a whole file. Returns PACTA_EIO with errno kept when it cannot be opened. */
static pacta_status slurp(const char *path, char **text, size_t *length)
{
    *text = NULL;
    *length = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return PACTA_EIO;
    pacta_status st = PACTA_OK;
    size_t cap = 65536, len = 0;
    char *buf = pacta_malloc(cap);
    if (buf == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    for (;;) {
        if (len + 1 >= cap) {
            if (cap > SIZE_MAX / 4) {
                st = PACTA_ELIMIT;
                goto cleanup;
            }
            char *bigger = pacta_realloc(buf, cap * 2);
            if (bigger == NULL) {
                st = PACTA_ENOMEM;
                goto cleanup;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        st = PACTA_EIO;
        goto cleanup;
    }
    buf[len] = '\0';
    *text = buf;
    *length = len;
    buf = NULL;
cleanup:
    pacta_free(buf);
    fclose(f);
    return st;
}

static char *sidecar_path(const char *path)
{
    size_t n = strlen(path);
    size_t stem = n >= 4 && strcmp(path + n - 4, ".csv") == 0 ? n - 4 : n;
    char *meta = pacta_malloc(stem + 6);
    if (meta != NULL) {
        memcpy(meta, path, stem);
        memcpy(meta + stem, ".yaml", 6);
    }
    return meta;
}

pacta_status pacta_alliance_load(pacta_alliance_data_t **out, const char *path,
                                 pacta_diag_t *diag)
{
    *out = NULL;
    pacta_status st = PACTA_OK;
    char *text = NULL, *meta_text = NULL, *meta_path = NULL;
    size_t length = 0, meta_length = 0;
    pacta_alliance_edition_t *editions = NULL;
    size_t n_editions = 0, cap_editions = 0;
    struct csv_parser parser;
    bool parser_ready = false;
    reader_t r;
    memset(&r, 0, sizeof r);
    r.diag = diag;
    r.name = path;

    r.table = pacta_calloc(1, sizeof *r.table);
    if (r.table == NULL || (r.table->arena = pacta_arena_create()) == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    pacta_alliance_data_t *pub = &r.table->pub;
    pub->path = keep(&r, path);
    pub->meta_path = pub->title = pub->notes = "";

    st = slurp(path, &text, &length);
    if (st != PACTA_OK) {
        if (st == PACTA_EIO)
            (void)pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "",
                                  "cannot read: %s", strerror(errno));
        goto cleanup;
    }
    st = pacta_check_text(text, length, path, diag);
    if (st != PACTA_OK)
        goto cleanup;

    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    parser_ready = true;
    csv_set_realloc_func(&parser, csv_realloc);
    csv_set_free_func(&parser, pacta_free);
    /* One physical line at a time, so each row knows its line. A UTF-8 byte-order mark, as
     * spreadsheet programs write, is skipped. */
    size_t pos = length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    bool syntax_ok = true;
    r.line = 1;
    while (pos < length && syntax_ok && !r.too_many && !r.oom) {
        const char *nl = memchr(text + pos, '\n', length - pos);
        size_t end = nl ? (size_t)(nl - text) + 1 : length;
        if (csv_parse(&parser, text + pos, end - pos, on_field, on_row, &r) != end - pos) {
            if (csv_error(&parser) == CSV_ENOMEM)
                r.oom = true;
            else
                report(&r, PACTA_SEVERITY_ERROR, r.line, "", "not valid CSV: %s",
                       csv_strerror(csv_error(&parser)));
            syntax_ok = false;
        }
        pos = end;
        r.line++;
    }
    if (syntax_ok && !r.oom && !r.too_many && csv_fini(&parser, on_field, on_row, &r) != 0)
        report(&r, PACTA_SEVERITY_ERROR, r.line - 1, "",
               "not valid CSV: %s (an unterminated quoted field?)",
               csv_strerror(csv_error(&parser)));
    free_cells(&r.current);
    if (r.oom) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    check_table(&r);

    meta_path = sidecar_path(path);
    if (meta_path == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    if (strcmp(meta_path, path) != 0) {
        pacta_status ms = slurp(meta_path, &meta_text, &meta_length);
        if (ms == PACTA_OK) {
            pub->meta_path = keep(&r, meta_path);
            ms = read_sidecar(&r, pub->meta_path, meta_text, meta_length, &editions,
                              &n_editions, &cap_editions);
        } else if (ms == PACTA_EIO && errno == ENOENT) {
            ms = PACTA_OK; /* no sidecar: fine */
        } else if (ms == PACTA_EIO) {
            (void)pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, meta_path, 0, 0, "",
                                  "cannot read: %s", strerror(errno));
        }
        if (ms != PACTA_OK) {
            st = ms;
            goto cleanup;
        }
    }
    if (r.oom) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    if (r.too_many) {
        st = PACTA_ELIMIT;
        goto cleanup;
    }
    if (r.errors > 0 || pacta_diag_error_count(diag) > 0) {
        st = PACTA_EINPUT;
        goto cleanup;
    }

    /* Editions: every id used by a row, described by the sidecar where it says so. */
    for (size_t i = 0; i < r.n_rows; i++) {
        bool known = false;
        for (size_t k = 0; k < n_editions && !known; k++)
            known = strcmp(editions[k].id, r.rows[i].edition) == 0;
        if (known)
            continue;
        if (pub->meta_path[0] != '\0')
            report(&r, PACTA_SEVERITY_WARNING, r.rows[i].line, "edition",
                   "edition %s is not described in %s", r.rows[i].edition, pub->meta_path);
        if (n_editions == cap_editions) {
            size_t capacity = cap_editions ? 2 * cap_editions : 8;
            pacta_alliance_edition_t *bigger =
                pacta_reallocarray(editions, capacity, sizeof *editions);
            if (bigger == NULL) {
                st = PACTA_ENOMEM;
                goto cleanup;
            }
            editions = bigger;
            cap_editions = capacity;
        }
        editions[n_editions++] =
            (pacta_alliance_edition_t){r.rows[i].edition, "", "", "", ""};
    }
    qsort(editions, n_editions, sizeof *editions, compare_edition);

    pacta_alliance_row_t *rows = pacta_arena_alloc(r.table->arena, r.n_rows, sizeof *rows);
    pacta_alliance_edition_t *eds =
        pacta_arena_alloc(r.table->arena, n_editions ? n_editions : 1, sizeof *eds);
    if (rows == NULL || eds == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    memcpy(rows, r.rows, r.n_rows * sizeof *rows);
    if (n_editions > 0)
        memcpy(eds, editions, n_editions * sizeof *eds);
    pub->rows = rows;
    pub->n_rows = r.n_rows;
    pub->editions = eds;
    pub->n_editions = n_editions;
    pub->first_year = pub->last_year = rows[0].year;
    for (size_t i = 0; i < r.n_rows; i++) {
        if (rows[i].year < pub->first_year)
            pub->first_year = rows[i].year;
        if (rows[i].year > pub->last_year)
            pub->last_year = rows[i].year;
    }
    if (r.oom) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    *out = pub;
    r.table = NULL;
cleanup:
    if (parser_ready)
        csv_free(&parser);
    free_cells(&r.current);
    pacta_free(r.current.text);
    pacta_free(r.rows);
    pacta_free(editions);
    pacta_free(text);
    pacta_free(meta_text);
    pacta_free(meta_path);
    if (r.table != NULL)
        pacta_alliance_data_destroy(&r.table->pub);
    return st;
}

void pacta_alliance_data_destroy(pacta_alliance_data_t *data)
{
    if (data == NULL)
        return;
    alliance_table_t *t = (alliance_table_t *)data;
    pacta_arena_destroy(t->arena);
    pacta_free(t);
}
