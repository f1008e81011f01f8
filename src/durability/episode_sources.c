/* Reading the three sources of the peace-episode table (docs/durability.md §2): UCDP/PRIO
 * conflict-years reduced to one row per conflict and year, PA-X agreements with their
 * provisions, COW war dyad-years. Every problem is reported with its file and row. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/text.h"
#include "durability/episode_sources.h"

/* ---- reading cells ------------------------------------------------------------------------ */

typedef struct reader {
    const dtable_t *t;
    pacta_diag_t *diag;
    size_t errors;
} reader_t;

static void bad(reader_t *r, size_t row, const char *field, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void bad(reader_t *r, size_t row, const char *field, const char *format, ...)
{
    char message[256];
    va_list ap;
    va_start(ap, format);
    vsnprintf(message, sizeof message, format, ap);
    va_end(ap);
    pacta_diag_add(r->diag, PACTA_SEVERITY_ERROR, r->t->file, r->t->line[row], 0, field, message);
    r->errors++;
}

static const char *cell(const reader_t *r, size_t row, long col)
{
    return r->t->cells[row][col];
}

/* A whole number in [min, max]; reports and returns false otherwise. R's write.csv writes
 * large whole numbers in exponent form (COW's 100000 battle deaths appear as "1e+05"), so
 * a decimal number with an integral value is accepted too. */
static bool get_long(reader_t *r, size_t row, long col, const char *field, long min, long max,
                     long *out)
{
    const char *text = cell(r, row, col);
    long v = 0;
    double d = 0.0;
    bool whole = pacta_parse_long(text, strlen(text), &v) == NUMBER_OK;
    if (!whole && pacta_parse_number(text, strlen(text), &d) == NUMBER_OK && d == floor(d) &&
        fabs(d) < 1e15) {
        v = (long)d;
        whole = true;
    }
    if (!whole || v < min || v > max) {
        bad(r, row, field, "'%.40s' is not a whole number from %ld to %ld", text, min, max);
        return false;
    }
    *out = v;
    return true;
}

static bool get_date(reader_t *r, size_t row, long col, const char *field, long *out)
{
    const char *text = cell(r, row, col);
    if (!pacta_parse_date(text, out)) {
        bad(r, row, field, "'%.40s' is not a date YYYY-MM-DD", text);
        return false;
    }
    return true;
}

/* ---- UCDP --------------------------------------------------------------------------------- */


static int by_conflict_year(const void *a, const void *b)
{
    const conflict_year_t *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    return x->row < y->row ? -1 : (x->row > y->row);
}

enum { U_ID, U_YEAR, U_TYPE, U_INTENSITY, U_INCOMPAT, U_START2, U_EP_END, U_EP_END_DATE, U_N };
static const char *const ucdp_columns[U_N] = {
    "conflict_id",     "year",        "type_of_conflict", "intensity_level",
    "incompatibility", "start_date2", "ep_end",           "ep_end_date"};

/* Read and reduce the UCDP rows to conflict-years sorted by (id, year). */
pacta_status pacta_episodes_read_ucdp(const dtable_t *t, pacta_diag_t *diag, conflict_year_t **out,
                              size_t *n_out, long *last_year)
{
    reader_t r = {t, diag, 0};
    long col[U_N];
    if (pacta_dtable_require(t, ucdp_columns, U_N, col, diag) > 0)
        return PACTA_EINPUT;
    long col_a = pacta_dtable_column(t, "gwno_a"), col_b = pacta_dtable_column(t, "gwno_b");
    conflict_year_t *cy = pacta_calloc(t->n_rows ? t->n_rows : 1, sizeof *cy);
    if (cy == NULL)
        return PACTA_ENOMEM;
    size_t n = 0;
    *last_year = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        conflict_year_t c = {.row = i, .end_date = LONG_MIN};
        bool ok = get_long(&r, i, col[U_ID], "conflict_id", 1, 999999999, &c.id);
        ok &= get_long(&r, i, col[U_YEAR], "year", 1800, 2200, &c.year);
        ok &= get_long(&r, i, col[U_INTENSITY], "intensity_level", 1, 2, &c.intensity);
        ok &= get_long(&r, i, col[U_EP_END], "ep_end", 0, 1, &c.ep_end);
        ok &= get_date(&r, i, col[U_START2], "start_date2", &c.start2);
        c.type = cell(&r, i, col[U_TYPE]);
        c.incompatibility = cell(&r, i, col[U_INCOMPAT]);
        if (c.type[0] == '\0') {
            bad(&r, i, "type_of_conflict", "the type of conflict is empty");
            ok = false;
        }
        if (ok && c.ep_end == 1) {
            long d;
            if (get_date(&r, i, col[U_EP_END_DATE], "ep_end_date", &d)) {
                c.end_date = d;
                if (d < c.start2) {
                    bad(&r, i, "ep_end_date", "the episode ends (%s) before it starts",
                        cell(&r, i, col[U_EP_END_DATE]));
                    ok = false;
                }
            } else {
                ok = false;
            }
        }
        long v;
        const char *a = col_a >= 0 ? cell(&r, i, col_a) : "";
        const char *b = col_b >= 0 ? cell(&r, i, col_b) : "";
        c.gwno_a = pacta_parse_long(a, strlen(a), &v) == NUMBER_OK ? v : 0;
        c.gwno_b = pacta_parse_long(b, strlen(b), &v) == NUMBER_OK ? v : 0;
        if (ok) {
            cy[n++] = c;
            if (c.year > *last_year)
                *last_year = c.year;
        }
    }
    qsort(cy, n, sizeof *cy, by_conflict_year);
    /* Unnested rows of one conflict-year must tell the same story; keep the first. */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (kept > 0 && cy[kept - 1].id == cy[i].id && cy[kept - 1].year == cy[i].year) {
            const conflict_year_t *k = &cy[kept - 1], *c = &cy[i];
            const char *field = NULL;
            if (k->start2 != c->start2)
                field = "start_date2";
            else if (k->ep_end != c->ep_end || k->end_date != c->end_date)
                field = "ep_end_date";
            else if (k->intensity != c->intensity)
                field = "intensity_level";
            else if (strcmp(k->type, c->type) != 0)
                field = "type_of_conflict";
            if (field != NULL) {
                pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, t->file, t->line[c->row], 0, field,
                                "conflict %ld, %ld: differs from the row for the same "
                                "conflict-year on line %d",
                                c->id, c->year, t->line[k->row]);
                r.errors++;
            }
            continue;
        }
        cy[kept++] = cy[i];
    }
    if (r.errors > 0) {
        pacta_free(cy);
        return PACTA_EINPUT;
    }
    *out = cy;
    *n_out = kept;
    return PACTA_OK;
}

/* ---- PA-X --------------------------------------------------------------------------------- */


enum {
    P_ID,
    P_DATE,
    P_UCDP,
    P_TYPE,
    P_CEPROV,
    P_IMPK,
    P_SSRGUA,
    P_DEMIL,
    P_SSRFF,
    P_STBOR,
    P_STIND,
    P_STUNI,
    P_STREF,
    P_POLPS,
    P_TERPS,
    P_MPS,
    P_N
};
static const char *const pax_columns[P_N] = {
    "AgtId", "Dat",   "UcdpCon", "Agtp",  "CeProv", "ImPK",  "SsrGua", "DdrDemil",
    "SsrFf", "StBor", "StInd",   "StUni", "StRef",  "Polps", "Terps",  "Mps"};

pacta_status pacta_episodes_read_pax(const dtable_t *t, pacta_diag_t *diag, agreement_t **out,
                             size_t *n_out, long *first, long *last)
{
    reader_t r = {t, diag, 0};
    long col[P_N];
    if (pacta_dtable_require(t, pax_columns, P_N, col, diag) > 0)
        return PACTA_EINPUT;
    agreement_t *ag = pacta_calloc(t->n_rows ? t->n_rows : 1, sizeof *ag);
    if (ag == NULL)
        return PACTA_ENOMEM;
    size_t n = 0;
    *first = LONG_MAX;
    *last = LONG_MIN;
    for (size_t i = 0; i < t->n_rows; i++) {
        agreement_t a = {0};
        long code[P_N] = {0};
        bool ok = get_long(&r, i, col[P_ID], "AgtId", 1, 999999999, &a.id);
        ok &= get_date(&r, i, col[P_DATE], "Dat", &a.date);
        /* Provision codes: 0/1 flags, or 0-3 levels for the power-sharing families. */
        for (int k = P_CEPROV; k < P_N; k++) {
            long max = k >= P_POLPS ? 3 : 1;
            ok &= get_long(&r, i, col[k], pax_columns[k], 0, max, &code[k]);
        }
        /* UcdpCon: a conflict id, or NA / empty when PA-X links none. */
        const char *u = cell(&r, i, col[P_UCDP]);
        size_t ul = strlen(u);
        while (ul > 0 && u[ul - 1] == ' ')
            ul--;
        long cid = 0;
        if (ul == 0 || (ul == 2 && strncmp(u, "NA", 2) == 0))
            cid = 0;
        else if (pacta_parse_long(u, ul, &cid) != NUMBER_OK || cid < 1) {
            bad(&r, i, "UcdpCon", "'%.40s' is not a UCDP conflict id (or NA)", u);
            ok = false;
        }
        if (!ok)
            continue;
        a.conflict = cid;
        a.local = strcmp(cell(&r, i, col[P_TYPE]), "IntraLocal") == 0;
        a.ceasefire = code[P_CEPROV] == 1;
        a.monitoring = code[P_IMPK] == 1;
        a.guarantee = code[P_SSRGUA] == 1;
        a.dmz = code[P_DEMIL] == 1;
        a.withdrawal = code[P_SSRFF] == 1;
        a.territorial = code[P_STBOR] || code[P_STIND] || code[P_STUNI] || code[P_STREF];
        a.power_sharing = code[P_POLPS] > 0 || code[P_TERPS] > 0 || code[P_MPS] > 0;
        *first = a.date < *first ? a.date : *first;
        *last = a.date > *last ? a.date : *last;
        ag[n++] = a;
    }
    if (r.errors > 0 || n == 0) {
        if (r.errors == 0)
            pacta_diag_add(diag, PACTA_SEVERITY_ERROR, t->file, 0, 0, "",
                           "the file has no agreements");
        pacta_free(ag);
        return PACTA_EINPUT;
    }
    *out = ag;
    *n_out = n;
    return PACTA_OK;
}

/* ---- COW ---------------------------------------------------------------------------------- */


enum { C_WAR, C_C1, C_C2, C_YEAR, C_D1, C_D2, C_N };
static const char *const cow_columns[C_N] = {"warnum", "ccode1",    "ccode2",
                                             "year",   "batdeath1", "batdeath2"};

pacta_status pacta_episodes_read_cow(const dtable_t *t, pacta_diag_t *diag, cow_row_t **out, size_t *n_out)
{
    reader_t r = {t, diag, 0};
    long col[C_N];
    if (pacta_dtable_require(t, cow_columns, C_N, col, diag) > 0)
        return PACTA_EINPUT;
    cow_row_t *rows = pacta_calloc(t->n_rows ? t->n_rows : 1, sizeof *rows);
    if (rows == NULL)
        return PACTA_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        cow_row_t c;
        bool ok = get_long(&r, i, col[C_WAR], "warnum", 1, 999999, &c.war);
        ok &= get_long(&r, i, col[C_C1], "ccode1", 1, 9999, &c.c1);
        ok &= get_long(&r, i, col[C_C2], "ccode2", 1, 9999, &c.c2);
        ok &= get_long(&r, i, col[C_YEAR], "year", 1800, 2200, &c.year);
        /* -9 codes an unknown death toll in COW. */
        ok &= get_long(&r, i, col[C_D1], "batdeath1", -9, 100000000, &c.deaths1);
        ok &= get_long(&r, i, col[C_D2], "batdeath2", -9, 100000000, &c.deaths2);
        if (ok)
            rows[n++] = c;
    }
    if (r.errors > 0) {
        pacta_free(rows);
        return PACTA_EINPUT;
    }
    *out = rows;
    *n_out = n;
    return PACTA_OK;
}

