/* Reads an alliance table (docs/alliance.md): a CSV file with one row per (member, year,
 * edition), checked field by field, and its optional YAML sidecar (sidecar.c). The library's
 * table reader (core/table.h) gives every row its line. Every problem is reported with file,
 * line and field; reading goes on after a bad row so that one run lists them all. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alliance/read_internal.h"
#include "core/alloc.h"
#include "core/table.h"
#include "core/text.h"

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
    COL_DEFENCE_CONSTANT,
    COL_PERSONNEL,
    N_COLUMNS
} column;

static const char *const column_names[N_COLUMNS + 1] = {
    "member",
    "code",
    "year",
    "edition",
    "estimate",
    "source",
    "joined",
    "gdp_current_musd",
    "gdp_constant_musd",
    "defence_current_musd",
    "defence_pct_gdp",
    "core_pct_gdp",
    "population_thousands",
    "defence_constant_musd",
    "personnel_thousands",
    NULL,
};

/* The first six columns must be present; the others may be left out. */
enum { N_REQUIRED = COL_SOURCE + 1 };

void pacta_alliance_report(reader_t *r, pacta_severity severity, int line, const char *field,
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

const char *pacta_alliance_keep(reader_t *r, const char *text)
{
    char *s = pacta_arena_strdup(r->table->arena, text);
    if (s == NULL)
        r->oom = true;
    return s ? s : "";
}

/* ---- header ------------------------------------------------------------------------------ */

static void take_header(reader_t *r, const pacta_table_row_t *c)
{
    r->have_header = true;
    r->n_header = c->count;
    for (int k = 0; k < N_COLUMNS; k++)
        r->map[k] = -1;
    for (size_t i = 0; i < c->count; i++) {
        const char *name = c->cells[i].text;
        int k = 0;
        while (k < N_COLUMNS && strcmp(column_names[k], name) != 0)
            k++;
        if (k == N_COLUMNS) {
            const char *hint = pacta_suggest(name, column_names);
            if (hint != NULL)
                pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, name,
                                      "unknown column (did you mean '%s'?)", hint);
            else
                pacta_alliance_report(
                    r, PACTA_SEVERITY_ERROR, c->line, name,
                    "unknown column; the columns are described in docs/alliance.md");
            continue;
        }
        if (r->map[k] >= 0) {
            pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, name,
                                  "the column appears twice");
            continue;
        }
        r->map[k] = (int)i;
    }
    for (int k = 0; k < N_REQUIRED; k++)
        if (r->map[k] < 0)
            pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, column_names[k],
                                  "the required column is missing");
    r->header_bad = r->errors > 0;
}

/* ---- fields ------------------------------------------------------------------------------ */

static const char *cell(const reader_t *r, const pacta_table_row_t *c, column k)
{
    int i = r->map[k];
    return i >= 0 && (size_t)i < c->count ? c->cells[i].text : "";
}

static bool read_int(reader_t *r, const pacta_table_row_t *c, column k, long lo, long hi,
                     bool required, int *out)
{
    const char *t = cell(r, c, k);
    *out = 0;
    if (t[0] == '\0') {
        if (required)
            pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, column_names[k], "is empty");
        return !required;
    }
    long v;
    number_error e = pacta_parse_long(t, strlen(t), &v);
    if (e != NUMBER_OK || v < lo || v > hi) {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, column_names[k],
                              "'%s' is not a year from %ld to %ld", t, lo, hi);
        return false;
    }
    *out = (int)v;
    return true;
}

/* An optional non-negative number; empty means not available (NAN). */
static bool read_amount(reader_t *r, const pacta_table_row_t *c, column k, double max, double *out)
{
    const char *t = cell(r, c, k);
    *out = NAN;
    if (t[0] == '\0')
        return true;
    double v;
    number_error e = pacta_parse_number(t, strlen(t), &v);
    if (e != NUMBER_OK) {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, column_names[k], "'%s' %s", t,
                              pacta_number_error_text(e));
        return false;
    }
    if (v < 0) {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, column_names[k],
                              "'%s' is negative; amounts and shares are at least 0", t);
        return false;
    }
    if (v > max) {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, column_names[k],
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

/* The largest difference, in points of GDP, between a published share and 100 × defence /
 * GDP that is taken for rounding. NATO publishes shares with two decimals and computes them
 * on constant-price GDP; in its 2026 edition the two agree within 0.06 points for all but the
 * Netherlands' current-price figures of 2022-2026 (docs/alliance.md). */
#define MONEY_TOLERANCE 0.1

/* Warn where the published share and the money figures of the row disagree, in current and
 * in constant prices: one of the series is wrong, and the user should choose which to trust
 * (pacta_alliance_options_t.trust). */
static void check_money(reader_t *r, const pacta_alliance_row_t *row, const char *member)
{
    bool core = !isnan(row->core_pct_gdp);
    double share = core ? row->core_pct_gdp : row->defence_pct_gdp;
    if (isnan(share))
        return;
    const struct {
        double defence, gdp;
        const char *prices;
    } series[2] = {{row->defence_current, row->gdp_current, "current"},
                   {row->defence_constant, row->gdp_constant, "constant"}};
    for (int k = 0; k < 2; k++) {
        if (isnan(series[k].defence) || isnan(series[k].gdp) || series[k].gdp <= 0)
            continue;
        double computed = 100.0 * series[k].defence / series[k].gdp;
        if (fabs(computed - share) > MONEY_TOLERANCE)
            pacta_alliance_report(r, PACTA_SEVERITY_WARNING, row->line,
                                  core ? "core_pct_gdp" : "defence_pct_gdp",
                                  "%s %d: the published share is %.2f %% but 100 × defence / GDP "
                                  "in %s prices is %.2f %%; one of the two series is wrong",
                                  member, row->year, share, series[k].prices, computed);
    }
}

static void take_row(reader_t *r, const pacta_table_row_t *c)
{
    if (pacta_table_row_empty(c))
        return; /* blank line */
    if (!r->have_header) {
        take_header(r, c);
        return;
    }
    if (r->header_bad)
        return;
    if (c->count != r->n_header) {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, "",
                              "the row has %zu fields but the header has %zu", c->count,
                              r->n_header);
        return;
    }
    if (r->n_rows == PACTA_ALLIANCE_MAX_ROWS) {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, "",
                              "the table has more than %d rows", PACTA_ALLIANCE_MAX_ROWS);
        r->too_many = true;
        return;
    }
    pacta_alliance_row_t row;
    memset(&row, 0, sizeof row);
    row.line = c->line;
    bool ok = true;

    const char *member = cell(r, c, COL_MEMBER);
    if (member[0] == '\0') {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, "member", "is empty");
        ok = false;
    } else if (!pacta_is_valid_utf8(member, strlen(member))) {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, "member", "is not valid UTF-8");
        ok = false;
    }
    const char *code = cell(r, c, COL_CODE);
    if (!valid_code(code)) {
        pacta_alliance_report(
            r, PACTA_SEVERITY_ERROR, c->line, "code",
            "'%s' is not an ISO 3166-1 alpha-3 code (three capital letters, e.g. USA)", code);
        ok = false;
    }
    ok = read_int(r, c, COL_YEAR, 1900, 2100, true, &row.year) && ok;
    const char *edition = cell(r, c, COL_EDITION);
    if (!pacta_is_valid_date(edition, strlen(edition))) {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, "edition",
                              "'%s' is not an edition date YYYY, YYYY-MM or YYYY-MM-DD", edition);
        ok = false;
    }
    const char *estimate = cell(r, c, COL_ESTIMATE);
    if (strcmp(estimate, "yes") == 0 || strcmp(estimate, "true") == 0)
        row.estimate = true;
    else if (strcmp(estimate, "no") == 0 || strcmp(estimate, "false") == 0)
        row.estimate = false;
    else {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, "estimate",
                              "'%s' must be yes or no", estimate);
        ok = false;
    }
    const char *source = cell(r, c, COL_SOURCE);
    if (source[0] == '\0') {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, "source",
                              "is empty; every row names where its figures come from");
        ok = false;
    } else if (!pacta_is_valid_utf8(source, strlen(source))) {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, "source", "is not valid UTF-8");
        ok = false;
    }
    ok = read_int(r, c, COL_JOINED, 1949, 2100, false, &row.joined) && ok;
    ok = read_amount(r, c, COL_GDP_CURRENT, INFINITY, &row.gdp_current) && ok;
    ok = read_amount(r, c, COL_GDP_CONSTANT, INFINITY, &row.gdp_constant) && ok;
    ok = read_amount(r, c, COL_DEFENCE_CURRENT, INFINITY, &row.defence_current) && ok;
    ok = read_amount(r, c, COL_DEFENCE_PCT, 100, &row.defence_pct_gdp) && ok;
    ok = read_amount(r, c, COL_CORE_PCT, 100, &row.core_pct_gdp) && ok;
    ok = read_amount(r, c, COL_POPULATION, INFINITY, &row.population) && ok;
    ok = read_amount(r, c, COL_DEFENCE_CONSTANT, INFINITY, &row.defence_constant) && ok;
    ok = read_amount(r, c, COL_PERSONNEL, INFINITY, &row.personnel) && ok;
    if (ok && row.gdp_current == 0) {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, "gdp_current_musd",
                              "is 0; leave the field empty when GDP is not available");
        ok = false;
    }
    if (ok && row.gdp_constant == 0) {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, c->line, "gdp_constant_musd",
                              "is 0; leave the field empty when GDP is not available");
        ok = false;
    }
    if (ok)
        check_money(r, &row, member);
    if (!ok)
        return;
    row.member = pacta_alliance_keep(r, member);
    row.code = pacta_alliance_keep(r, code);
    row.edition = pacta_alliance_keep(r, edition);
    row.source = pacta_alliance_keep(r, source);
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
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, 1, "",
                              "the file is empty; expected a header row");
        return;
    }
    if (r->n_rows == 0 && r->errors == 0) {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, 2, "", "the table has a header but no rows");
        return;
    }
    if (r->n_rows > 0)
        qsort(r->rows, r->n_rows, sizeof *r->rows, compare_key);
    for (size_t i = 1; i < r->n_rows; i++) {
        const pacta_alliance_row_t *p = &r->rows[i - 1], *q = &r->rows[i];
        if (strcmp(p->code, q->code) != 0)
            continue;
        if (strcmp(p->member, q->member) != 0)
            pacta_alliance_report(r, PACTA_SEVERITY_ERROR, q->line, "member",
                                  "'%s' has code %s, which line %d gives to '%s'", q->member,
                                  q->code, p->line, p->member);
        if (p->year == q->year && strcmp(p->edition, q->edition) == 0)
            pacta_alliance_report(
                r, PACTA_SEVERITY_ERROR, q->line, "edition",
                "%s %d, edition %s is already on line %d; (member, year, edition) is the "
                "key",
                q->code, q->year, q->edition, p->line);
        if (p->joined != q->joined)
            pacta_alliance_report(r, PACTA_SEVERITY_ERROR, q->line, "joined",
                                  "%s joined in %d here but in %d on line %d", q->code, q->joined,
                                  p->joined, p->line);
    }
}

_Static_assert(N_COLUMNS <= sizeof((reader_t *)0)->map / sizeof(int), "reader_t.map is too short");

/* ---- loading ----------------------------------------------------------------------------- */

/* Read the table's rows: the header, then every row checked, then the whole-table checks. */
static pacta_status read_rows(reader_t *r, pacta_table_t *t, const char *path)
{
    pacta_table_options_t o;
    pacta_table_options_default(&o);
    o.unclosed_hint = "(an unterminated quoted field?)";
    o.unclosed_at_row = false;
    o.max_columns = 256;
    pacta_status st = pacta_table_read(t, path, &o, r->diag);
    bool syntax_error = st == PACTA_EINPUT && t->end == PACTA_TABLE_SYNTAX;
    if (st != PACTA_OK && !syntax_error)
        return st;
    /* The rows before a syntax error are checked too; it counts after them, as a header
     * with errors before it would be taken for a bad one. */
    for (size_t i = 0; i < t->n_rows && !r->too_many && !r->oom; i++)
        take_row(r, &t->rows[i]);
    if (syntax_error)
        r->errors++;
    if (t->end == PACTA_TABLE_TOO_MANY_COLUMNS && !r->too_many) {
        pacta_alliance_report(r, PACTA_SEVERITY_ERROR, t->end_line, "",
                              "the row has more than 256 fields");
        r->too_many = true;
    }
    if (r->oom)
        return PACTA_ENOMEM;
    check_table(r);
    return PACTA_OK;
}

static int compare_edition(const void *a, const void *b)
{
    const pacta_alliance_edition_t *p = a, *q = b;
    return pacta_alliance_edition_compare(p->id, q->id);
}

/* Every edition a row names, described by the sidecar where it says so, in date order. */
static pacta_status complete_editions(reader_t *r, edition_list_t *editions)
{
    const pacta_alliance_data_t *pub = &r->table->pub;
    for (size_t i = 0; i < r->n_rows; i++) {
        bool known = false;
        for (size_t k = 0; k < editions->count && !known; k++)
            known = strcmp(editions->items[k].id, r->rows[i].edition) == 0;
        if (known)
            continue;
        if (pub->meta_path[0] != '\0')
            pacta_alliance_report(r, PACTA_SEVERITY_WARNING, r->rows[i].line, "edition",
                                  "edition %s is not described in %s", r->rows[i].edition,
                                  pub->meta_path);
        pacta_alliance_edition_t *e = pacta_alliance_edition_add(editions);
        if (e == NULL)
            return PACTA_ENOMEM;
        *e = (pacta_alliance_edition_t){r->rows[i].edition, "", "", "", ""};
    }
    qsort(editions->items, editions->count, sizeof *editions->items, compare_edition);
    return PACTA_OK;
}

/* Move the rows and editions into the table's arena, with the range of years. */
static pacta_status publish(reader_t *r, const edition_list_t *editions)
{
    pacta_alliance_data_t *pub = &r->table->pub;
    size_t n_editions = editions->count;
    pacta_alliance_row_t *rows = pacta_arena_alloc(r->table->arena, r->n_rows, sizeof *rows);
    pacta_alliance_edition_t *eds =
        pacta_arena_alloc(r->table->arena, n_editions ? n_editions : 1, sizeof *eds);
    if (rows == NULL || eds == NULL)
        return PACTA_ENOMEM;
    memcpy(rows, r->rows, r->n_rows * sizeof *rows);
    if (n_editions > 0)
        memcpy(eds, editions->items, n_editions * sizeof *eds);
    pub->rows = rows;
    pub->n_rows = r->n_rows;
    pub->editions = eds;
    pub->n_editions = n_editions;
    pub->first_year = pub->last_year = rows[0].year;
    for (size_t i = 0; i < r->n_rows; i++) {
        if (rows[i].year < pub->first_year)
            pub->first_year = rows[i].year;
        if (rows[i].year > pub->last_year)
            pub->last_year = rows[i].year;
    }
    return r->oom ? PACTA_ENOMEM : PACTA_OK;
}

pacta_status pacta_alliance_load(pacta_alliance_data_t **out, const char *path, pacta_diag_t *diag)
{
    *out = NULL;
    pacta_status st = PACTA_ENOMEM;
    pacta_table_t t;
    memset(&t, 0, sizeof t);
    edition_list_t editions = {NULL, 0, 0};
    reader_t r;
    memset(&r, 0, sizeof r);
    r.diag = diag;
    r.name = path;
    r.table = pacta_calloc(1, sizeof *r.table);
    if (r.table == NULL || (r.table->arena = pacta_arena_create()) == NULL)
        goto cleanup;
    pacta_alliance_data_t *pub = &r.table->pub;
    pub->path = pacta_alliance_keep(&r, path);
    pub->meta_path = pub->title = pub->notes = "";

    st = read_rows(&r, &t, path);
    if (st == PACTA_OK)
        st = pacta_alliance_read_sidecar(&r, path, &editions);
    if (st == PACTA_OK) {
        if (r.oom)
            st = PACTA_ENOMEM;
        else if (r.too_many)
            st = PACTA_ELIMIT;
        else if (r.errors > 0 || pacta_diag_error_count(diag) > 0)
            st = PACTA_EINPUT;
    }
    if (st == PACTA_OK)
        st = complete_editions(&r, &editions);
    if (st == PACTA_OK)
        st = publish(&r, &editions);
    if (st == PACTA_OK) {
        *out = pub;
        r.table = NULL;
    }
cleanup:
    pacta_table_free(&t);
    pacta_free(r.rows);
    pacta_free(editions.items);
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
