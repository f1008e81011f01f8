/* Rows of text cells from CSV text (csv_table.h). */
#include <csv.h>
#include <ctype.h>
#include <string.h>

#include "core/alloc.h"
#include "core/text.h"
#include "scenario/csv_table.h"

static row_t *current_row(table_t *t)
{
    if (!t->row_open) {
        if (t->count == t->capacity) {
            size_t capacity = t->capacity ? 2 * t->capacity : 32;
            row_t *rows = pacta_builder_alloc(t->b, capacity, sizeof(row_t));
            if (rows == NULL)
                return NULL;
            if (t->count > 0)
                memcpy(rows, t->rows, t->count * sizeof(row_t));
            t->rows = rows;
            t->capacity = capacity;
        }
        memset(&t->rows[t->count], 0, sizeof(row_t));
        t->rows[t->count].line = t->line;
        t->count++;
        t->row_open = true;
    }
    return &t->rows[t->count - 1];
}

static void on_field(void *data, size_t length, void *ctx)
{
    table_t *t = ctx;
    if (t->b->out_of_memory || t->too_many)
        return;
    row_t *row = current_row(t);
    if (row == NULL)
        return;
    if (row->count == CSV_MAX_COLUMNS) {
        pacta_builder_error(t->b, (pacta_location_t){row->line, 0}, "",
                            "the row has more than %d columns", CSV_MAX_COLUMNS);
        t->too_many = true;
        return;
    }
    if (row->count == row->capacity) {
        size_t capacity = row->capacity ? 2 * row->capacity : 8;
        cell_t *cells = pacta_builder_alloc(t->b, capacity, sizeof(cell_t));
        if (cells == NULL)
            return;
        if (row->count > 0)
            memcpy(cells, row->cells, row->count * sizeof(cell_t));
        row->cells = cells;
        row->capacity = capacity;
    }
    cell_t *c = &row->cells[row->count++];
    c->text = pacta_builder_strndup(t->b, data ? data : "", data ? length : 0);
    c->length = data ? length : 0;
}

static void on_row(int terminator, void *ctx)
{
    (void)terminator;
    table_t *t = ctx;
    if (!t->row_open)
        (void)current_row(t); /* an empty line still counts as a (blank) row */
    t->row_open = false;
    if (t->count > PACTA_MAX_ACTORS + 1 && !t->too_many) {
        pacta_builder_error(t->b, (pacta_location_t){t->line, 0}, "",
                            "the table has more than %d actor rows", PACTA_MAX_ACTORS);
        t->too_many = true;
    }
}

static void *csv_realloc(void *p, size_t n)
{
    return pacta_realloc(p, n);
}

bool pacta_csv_table_parse(table_t *t, const char *text, size_t length)
{
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        pacta_builder_oom(t->b);
        return false;
    }
    csv_set_realloc_func(&parser, csv_realloc);
    csv_set_free_func(&parser, pacta_free);
    bool ok = true;
    size_t pos = 0;
    t->line = 1;
    while (pos < length && ok && !t->too_many && !t->b->out_of_memory) {
        const char *nl = memchr(text + pos, '\n', length - pos);
        size_t end = nl ? (size_t)(nl - text) + 1 : length;
        if (csv_parse(&parser, text + pos, end - pos, on_field, on_row, t) != end - pos) {
            int e = csv_error(&parser);
            if (e == CSV_ENOMEM)
                pacta_builder_oom(t->b);
            else
                pacta_builder_error(t->b, (pacta_location_t){t->line, 0}, "", "not valid CSV: %s",
                                    csv_strerror(e));
            ok = false;
        }
        pos = end;
        t->line++;
    }
    if (ok && csv_fini(&parser, on_field, on_row, t) != 0) {
        pacta_builder_error(t->b, (pacta_location_t){t->line - 1, 0}, "",
                            "not valid CSV: %s (an unterminated quoted field?)",
                            csv_strerror(csv_error(&parser)));
        ok = false;
    }
    csv_free(&parser);
    t->syntax_error = !ok;
    if (!ok && t->row_open && t->count > 0) {
        t->count--; /* the row cut short by the error */
        t->row_open = false;
    }
    return !t->too_many && !t->b->out_of_memory;
}

bool pacta_csv_cell_number(scenario_builder_t *b, const row_t *row, long col, const char *field,
                           double *out)
{
    const cell_t *c = &row->cells[col];
    /* Spreadsheet exports often pad cells with spaces; they carry no meaning here. */
    const char *s = c->text;
    size_t n = c->length;
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    number_error e = pacta_parse_number(s, n, out);
    if (e != NUMBER_OK) {
        pacta_builder_error(b, (pacta_location_t){row->line, 0}, field, "'%.40s' %s", c->text,
                            pacta_number_error_text(e));
        return false;
    }
    return true;
}

bool pacta_csv_cell_blank(const row_t *row, long col)
{
    const cell_t *c = &row->cells[col];
    for (size_t i = 0; i < c->length; i++)
        if (!isspace((unsigned char)c->text[i]))
            return false;
    return true;
}

bool pacta_csv_row_blank(const row_t *row)
{
    for (size_t i = 0; i < row->count; i++)
        if (!pacta_csv_cell_blank(row, (long)i))
            return false;
    return true;
}
