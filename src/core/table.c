/* Delimited text tables read whole (table.h). */
#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <pacta/scenario.h>

#include "core/alloc.h"
#include "core/table.h"
#include "core/text.h"

/* The state of one parse: the row being collected is kept on the heap until it is complete,
 * then copied into the arena at its size. */
typedef struct collector {
    pacta_table_t *t;
    const pacta_table_options_t *o;
    pacta_table_cell_t *fields; /* the open row */
    size_t n_fields, cap_fields;
    size_t cap_rows, cap_comments;
    int line;     /* the physical line being fed to the parser */
    int row_line; /* the line the open row's first cell ended on; 0 when none */
    bool oom;
} collector_t;

static bool stopped(const collector_t *c)
{
    return c->oom || c->t->end != PACTA_TABLE_COMPLETE;
}

static void stop(collector_t *c, pacta_table_end end)
{
    c->t->end = end;
    c->t->end_line = c->line;
    c->t->end_row_line = c->row_line;
}

static void on_field(void *data, size_t length, void *ctx)
{
    collector_t *c = ctx;
    if (stopped(c))
        return;
    if (c->row_line == 0)
        c->row_line = c->line;
    if (c->o->max_columns > 0 && c->n_fields == c->o->max_columns) {
        stop(c, PACTA_TABLE_TOO_MANY_COLUMNS);
        return;
    }
    if (c->n_fields == c->cap_fields) {
        size_t cap = c->cap_fields ? 2 * c->cap_fields : 16;
        pacta_table_cell_t *grown = pacta_reallocarray(c->fields, cap, sizeof *grown);
        if (grown == NULL) {
            c->oom = true;
            return;
        }
        c->fields = grown;
        c->cap_fields = cap;
    }
    size_t n = data ? length : 0;
    char *text = pacta_arena_strndup(c->t->arena, data ? data : "", n);
    if (text == NULL) {
        c->oom = true;
        return;
    }
    c->fields[c->n_fields++] = (pacta_table_cell_t){text, n, c->line};
}

static void on_row(int terminator, void *ctx)
{
    (void)terminator;
    collector_t *c = ctx;
    if (stopped(c))
        return;
    pacta_table_t *t = c->t;
    if (t->n_rows == c->cap_rows) {
        size_t cap = c->cap_rows ? 2 * c->cap_rows : 64;
        pacta_table_row_t *grown = pacta_reallocarray(t->rows, cap, sizeof *grown);
        if (grown == NULL) {
            c->oom = true;
            return;
        }
        t->rows = grown;
        c->cap_rows = cap;
    }
    pacta_table_row_t *row = &t->rows[t->n_rows];
    row->line = c->row_line ? c->row_line : c->line;
    row->count = c->n_fields;
    row->cells = pacta_arena_alloc(t->arena, c->n_fields ? c->n_fields : 1, sizeof *row->cells);
    if (row->cells == NULL) {
        c->oom = true;
        return;
    }
    if (c->n_fields > 0)
        memcpy(row->cells, c->fields, c->n_fields * sizeof *row->cells);
    t->n_rows++;
    c->n_fields = 0;
    c->row_line = 0;
    if (c->o->max_rows > 0 && t->n_rows > c->o->max_rows)
        stop(c, PACTA_TABLE_TOO_MANY_ROWS);
}

/* Whether every row so far is an empty line, so a '#' line may still be a comment. */
static bool only_empty_rows(const pacta_table_t *t)
{
    for (size_t i = 0; i < t->n_rows; i++)
        if (!pacta_table_row_empty(&t->rows[i]))
            return false;
    return true;
}

/* Keep the line [from, to) as a comment, without "#", one space and the line end. */
static void take_comment(collector_t *c, const char *text, size_t from, size_t to)
{
    pacta_table_t *t = c->t;
    if (t->n_comments == c->cap_comments) {
        size_t cap = c->cap_comments ? 2 * c->cap_comments : 16;
        char **grown = pacta_reallocarray(t->comments, cap, sizeof *grown);
        if (grown == NULL) {
            c->oom = true;
            return;
        }
        t->comments = grown;
        c->cap_comments = cap;
    }
    from++;
    if (from < to && text[from] == ' ')
        from++;
    while (to > from && (text[to - 1] == '\n' || text[to - 1] == '\r'))
        to--;
    char *comment = pacta_arena_strndup(t->arena, text + from, to - from);
    if (comment == NULL)
        c->oom = true;
    else
        t->comments[t->n_comments++] = comment;
}

static void *csv_realloc(void *p, size_t n)
{
    return pacta_realloc(p, n);
}

void pacta_table_options_default(pacta_table_options_t *options)
{
    memset(options, 0, sizeof *options);
    options->delimiter = ',';
    options->what = "CSV";
    options->unclosed_hint = "(an unclosed quote?)";
    options->unclosed_at_row = true;
    options->skip_bom = true;
    options->directory = "a table";
}

/* Feed the text to libcsv line by line; returns false when the text is not valid CSV. */
static bool feed(collector_t *c, struct csv_parser *parser, const char *text, size_t length,
                 pacta_diag_t *diag)
{
    pacta_table_t *t = c->t;
    const pacta_table_options_t *o = c->o;
    size_t pos = o->skip_bom && length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    c->line = 1;
    while (pos < length && !stopped(c)) {
        const char *nl = memchr(text + pos, '\n', length - pos);
        size_t end = nl ? (size_t)(nl - text) + 1 : length;
        if (o->comments && c->row_line == 0 && text[pos] == '#' && only_empty_rows(t)) {
            take_comment(c, text, pos, end);
        } else if (csv_parse(parser, text + pos, end - pos, on_field, on_row, c) != end - pos) {
            int e = csv_error(parser);
            if (e == CSV_ENOMEM) {
                c->oom = true;
                return true;
            }
            stop(c, PACTA_TABLE_SYNTAX);
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, t->file, c->line, 0, "", "not valid %s: %s",
                            o->what, csv_strerror(e));
            return false;
        }
        pos = end;
        c->line++;
    }
    if (stopped(c))
        return true;
    if (csv_fini(parser, on_field, on_row, c) != 0) {
        int line = o->unclosed_at_row && c->row_line ? c->row_line : c->line - 1;
        stop(c, PACTA_TABLE_SYNTAX);
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, t->file, line, 0, "", "not valid %s: %s %s",
                        o->what, csv_strerror(csv_error(parser)), o->unclosed_hint);
        return false;
    }
    return true;
}

pacta_status pacta_table_parse(pacta_table_t *t, const char *text, size_t length, const char *file,
                               pacta_arena_t *arena, const pacta_table_options_t *options,
                               pacta_diag_t *diag)
{
    memset(t, 0, sizeof *t);
    pacta_table_options_t defaults;
    if (options == NULL) {
        pacta_table_options_default(&defaults);
        options = &defaults;
    }
    t->arena = arena;
    if (arena == NULL) {
        t->arena = pacta_arena_create();
        t->own_arena = true;
        if (t->arena == NULL)
            return PACTA_ENOMEM;
    }
    t->file = pacta_arena_strdup(t->arena, file ? file : "");
    if (t->file == NULL)
        return PACTA_ENOMEM;
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return PACTA_ENOMEM;
    csv_set_delim(&parser, options->delimiter);
    csv_set_realloc_func(&parser, csv_realloc);
    csv_set_free_func(&parser, pacta_free);
    collector_t c = {.t = t, .o = options};
    bool valid = feed(&c, &parser, text, length, diag);
    csv_free(&parser);
    pacta_free(c.fields);
    if (c.oom)
        return PACTA_ENOMEM;
    return valid ? PACTA_OK : PACTA_EINPUT;
}

pacta_status pacta_table_read(pacta_table_t *t, const char *path,
                              const pacta_table_options_t *options, pacta_diag_t *diag)
{
    memset(t, 0, sizeof *t);
    char *text = NULL;
    size_t length = 0;
    pacta_status st =
        pacta_file_read(path, options ? options->directory : "a table", &text, &length, diag);
    /* Cells are C strings and become JSON text: a NUL byte would cut one short without a
     * word, and JSON cannot carry bytes that are not UTF-8 (fuzzing finds). */
    if (st == PACTA_OK)
        st = pacta_check_text(text, length, path, diag);
    if (st == PACTA_OK)
        st = pacta_table_parse(t, text, length, path, NULL, options, diag);
    pacta_free(text);
    return st;
}

void pacta_table_free(pacta_table_t *t)
{
    if (t == NULL)
        return;
    if (t->own_arena)
        pacta_arena_destroy(t->arena);
    pacta_free(t->rows);
    pacta_free(t->comments);
    memset(t, 0, sizeof *t);
}

bool pacta_table_cell_blank(const pacta_table_cell_t *cell)
{
    for (size_t i = 0; i < cell->length; i++)
        if (!isspace((unsigned char)cell->text[i]))
            return false;
    return true;
}

bool pacta_table_row_blank(const pacta_table_row_t *row)
{
    for (size_t i = 0; i < row->count; i++)
        if (!pacta_table_cell_blank(&row->cells[i]))
            return false;
    return true;
}

bool pacta_table_row_empty(const pacta_table_row_t *row)
{
    return row->count == 0 || (row->count == 1 && row->cells[0].length == 0);
}

long pacta_table_find(const pacta_table_row_t *row, const char *name)
{
    for (size_t j = 0; j < row->count; j++)
        if (strcmp(row->cells[j].text, name) == 0)
            return (long)j;
    return -1;
}

static bool padding(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

const char *pacta_table_span_trim(const char *text, size_t *n)
{
    while (*n > 0 && padding(*text)) {
        text++;
        (*n)--;
    }
    while (*n > 0 && padding(text[*n - 1]))
        (*n)--;
    return text;
}

size_t pacta_table_trim(const char *text, char *buf, size_t size)
{
    const char *s = text;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    if (n >= size)
        n = size - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return n;
}

pacta_status pacta_file_read(const char *path, const char *what, char **text, size_t *length,
                             pacta_diag_t *diag)
{
    *text = NULL;
    *length = 0;
    pacta_status st = PACTA_OK;
    FILE *f = NULL;
    char *buf = NULL;
    struct stat info;
    if (stat(path, &info) != 0 || (f = fopen(path, "rb")) == NULL) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "", "cannot open: %s",
                        strerror(errno));
        return PACTA_EIO;
    }
    if (S_ISDIR(info.st_mode)) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "", "is a directory, not %s", what);
        st = PACTA_EIO;
        goto cleanup;
    }
    size_t capacity = 0, used = 0;
    for (;;) {
        if (used == capacity) {
            if (capacity >= PACTA_MAX_FILE_BYTES) {
                pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "",
                                "is larger than the limit of %u bytes",
                                (unsigned)PACTA_MAX_FILE_BYTES);
                st = PACTA_ELIMIT;
                goto cleanup;
            }
            size_t grown = capacity ? 2 * capacity : 64 * 1024;
            if (grown > PACTA_MAX_FILE_BYTES)
                grown = PACTA_MAX_FILE_BYTES;
            char *bigger = pacta_realloc(buf, grown + 1);
            if (bigger == NULL) {
                st = PACTA_ENOMEM;
                goto cleanup;
            }
            buf = bigger;
            capacity = grown;
        }
        size_t got = fread(buf + used, 1, capacity - used, f);
        used += got;
        if (got == 0) {
            if (ferror(f)) {
                pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "", "cannot read: %s",
                                strerror(errno));
                st = PACTA_EIO;
                goto cleanup;
            }
            break;
        }
    }
    buf[used] = '\0';
    *text = buf;
    *length = used;
    buf = NULL;
cleanup:
    fclose(f);
    pacta_free(buf);
    return st;
}
