/* Durability tables (table.h): the library's table reader (core/table.h) with a header row
 * and rows as long as it. */
#include <string.h>

#include "core/alloc.h"
#include "core/table.h"
#include "durability/table.h"

void pacta_dtable_free(dtable_t *t)
{
    if (t == NULL)
        return;
    pacta_arena_destroy(t->arena);
    pacta_free(t->cells);
    pacta_free(t->line);
    pacta_free(t->comments);
    memset(t, 0, sizeof *t);
}

/* The rows of the table read, as the header and rows of as many cells (reporting every row
 * of another length). Returns the number of such rows, or -1 when out of memory. */
static long take_rows(dtable_t *t, const pacta_table_t *in, pacta_diag_t *diag)
{
    long errors = 0;
    t->cells = pacta_reallocarray(NULL, in->n_rows ? in->n_rows : 1, sizeof *t->cells);
    t->line = pacta_reallocarray(NULL, in->n_rows ? in->n_rows : 1, sizeof *t->line);
    if (t->cells == NULL || t->line == NULL)
        return -1;
    for (size_t i = 0; i < in->n_rows; i++) {
        const pacta_table_row_t *row = &in->rows[i];
        if (pacta_table_row_empty(row))
            continue;
        if (t->header != NULL && row->count != t->n_cols) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, t->file, row->line, 0, "",
                            "the row has %zu fields but the header (line %d) has %zu", row->count,
                            t->header_line, t->n_cols);
            errors++;
            continue;
        }
        const char **cells = pacta_arena_alloc(t->arena, row->count, sizeof *cells);
        if (cells == NULL)
            return -1;
        for (size_t j = 0; j < row->count; j++)
            cells[j] = row->cells[j].text;
        if (t->header == NULL) {
            t->header = cells;
            t->n_cols = row->count;
            t->header_line = row->line;
            continue;
        }
        t->cells[t->n_rows] = cells;
        t->line[t->n_rows++] = row->line;
    }
    return errors;
}

pacta_status pacta_dtable_read(dtable_t *t, const char *path, bool allow_comments,
                               pacta_diag_t *diag)
{
    memset(t, 0, sizeof *t);
    pacta_table_options_t o;
    pacta_table_options_default(&o);
    o.comments = allow_comments;
    pacta_table_t in;
    pacta_status st = pacta_table_read(&in, path, &o, diag);
    /* The cells stay in the table's arena, which this table takes over. */
    t->arena = in.arena;
    t->file = in.file;
    t->comments = in.comments;
    t->n_comments = in.n_comments;
    in.own_arena = false;
    in.comments = NULL;
    /* Rows before a syntax error are checked too, so one run reports all their problems. */
    if (st == PACTA_OK || in.end == PACTA_TABLE_SYNTAX) {
        long errors = take_rows(t, &in, diag);
        if (errors < 0)
            st = PACTA_ENOMEM;
        else if (st == PACTA_OK && t->header == NULL) {
            pacta_diag_add(diag, PACTA_SEVERITY_ERROR, t->file, 1, 0, "",
                           "the file is empty: expected a header row");
            st = PACTA_EINPUT;
        } else if (errors > 0)
            st = PACTA_EINPUT;
    }
    pacta_table_free(&in);
    if (st != PACTA_OK)
        pacta_dtable_free(t);
    return st;
}

long pacta_dtable_column(const dtable_t *t, const char *name)
{
    for (size_t j = 0; j < t->n_cols; j++)
        if (strcmp(t->header[j], name) == 0)
            return (long)j;
    return -1;
}

size_t pacta_dtable_require(const dtable_t *t, const char *const *names, size_t n, long *cols,
                            pacta_diag_t *diag)
{
    size_t missing = 0;
    for (size_t i = 0; i < n; i++) {
        cols[i] = pacta_dtable_column(t, names[i]);
        if (cols[i] < 0) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, t->file, t->header_line, 0, names[i],
                            "the header has no column '%s'", names[i]);
            missing++;
        }
    }
    return missing;
}
