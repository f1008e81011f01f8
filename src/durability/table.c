/* Reading whole CSV files into rows of cells with line numbers (see table.h). libcsv does
 * the RFC 4180 parsing; the text is fed one physical line at a time so that each row knows
 * the line it starts on even when quoted fields span lines (as PA-X's do). */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/text.h"
#include "durability/table.h"

typedef struct builder {
    dtable_t *t;
    pacta_diag_t *diag;
    char **fields; /* the current row, growing */
    size_t n_fields, cap_fields;
    char ***rows;
    int *lines;
    size_t n_rows, cap_rows;
    int line;     /* physical line being fed */
    int row_line; /* line the current row started on, 0 when no row is open */
    bool oom;
    size_t errors;
} builder_t;

static void on_field(void *data, size_t length, void *ctx)
{
    builder_t *b = ctx;
    if (b->oom)
        return;
    if (b->row_line == 0)
        b->row_line = b->line;
    if (b->n_fields == b->cap_fields) {
        size_t cap = b->cap_fields ? 2 * b->cap_fields : 32;
        char **grown = pacta_reallocarray(b->fields, cap, sizeof *grown);
        if (grown == NULL) {
            b->oom = true;
            return;
        }
        b->fields = grown;
        b->cap_fields = cap;
    }
    char *text = pacta_arena_strndup(b->t->arena, data ? data : "", data ? length : 0);
    if (text == NULL) {
        b->oom = true;
        return;
    }
    b->fields[b->n_fields++] = text;
}

static void on_row(int terminator, void *ctx)
{
    (void)terminator;
    builder_t *b = ctx;
    if (b->oom)
        return;
    int line = b->row_line ? b->row_line : b->line;
    size_t n = b->n_fields;
    b->n_fields = 0;
    b->row_line = 0;
    if (n == 0 || (n == 1 && b->fields[0][0] == '\0'))
        return; /* blank line */
    dtable_t *t = b->t;
    if (t->header == NULL) {
        t->header = pacta_arena_alloc(t->arena, n, sizeof(char *));
        if (t->header == NULL) {
            b->oom = true;
            return;
        }
        memcpy(t->header, b->fields, n * sizeof(char *));
        t->n_cols = n;
        t->header_line = line;
        return;
    }
    if (n != t->n_cols) {
        pacta_diag_addf(b->diag, PACTA_SEVERITY_ERROR, t->file, line, 0, "",
                        "the row has %zu fields but the header (line %d) has %zu", n,
                        t->header_line, t->n_cols);
        b->errors++;
        return;
    }
    if (b->n_rows == b->cap_rows) {
        size_t cap = b->cap_rows ? 2 * b->cap_rows : 256;
        char ***rows = pacta_reallocarray(b->rows, cap, sizeof *rows);
        int *lines = rows ? pacta_reallocarray(b->lines, cap, sizeof *lines) : NULL;
        if (rows)
            b->rows = rows;
        if (rows == NULL || lines == NULL) {
            b->oom = true;
            return;
        }
        b->lines = lines;
        b->cap_rows = cap;
    }
    char **cells = pacta_arena_alloc(t->arena, n, sizeof(char *));
    if (cells == NULL) {
        b->oom = true;
        return;
    }
    memcpy(cells, b->fields, n * sizeof(char *));
    b->rows[b->n_rows] = cells;
    b->lines[b->n_rows] = line;
    b->n_rows++;
}

static void *csv_realloc(void *p, size_t n)
{
    return pacta_realloc(p, n);
}

static pacta_status read_file(const char *path, char **out, size_t *length, pacta_diag_t *diag)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "", "cannot open: %s",
                        strerror(errno));
        return PACTA_EIO;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = pacta_malloc(cap);
    pacta_status st = PACTA_OK;
    while (buf != NULL) {
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (len > PACTA_MAX_FILE_BYTES) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "",
                            "the file is larger than the limit of %u bytes", PACTA_MAX_FILE_BYTES);
            st = PACTA_ELIMIT;
            break;
        }
        if (got == 0)
            break;
        if (len == cap) {
            char *grown = pacta_realloc(buf, cap * 2);
            if (grown == NULL) {
                pacta_free(buf);
                buf = NULL;
                break;
            }
            buf = grown;
            cap *= 2;
        }
    }
    if (buf == NULL && st == PACTA_OK)
        st = PACTA_ENOMEM;
    if (st == PACTA_OK && ferror(f)) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "", "cannot read: %s",
                        strerror(errno));
        st = PACTA_EIO;
    }
    fclose(f);
    if (st != PACTA_OK) {
        pacta_free(buf);
        return st;
    }
    *out = buf;
    *length = len;
    return PACTA_OK;
}

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

pacta_status pacta_dtable_read(dtable_t *t, const char *path, bool allow_comments,
                               pacta_diag_t *diag)
{
    memset(t, 0, sizeof *t);
    t->file = path;
    char *text = NULL;
    size_t length = 0;
    builder_t b = {.t = t, .diag = diag};
    struct csv_parser parser;
    bool parser_ready = false;
    pacta_status st = read_file(path, &text, &length, diag);
    if (st != PACTA_OK)
        return st;
    /* Cells are C strings: a NUL byte would cut one short without a word (fuzzing find). */
    st = pacta_check_text(text, length, path, diag);
    if (st != PACTA_OK) {
        pacta_free(text);
        return st;
    }
    st = PACTA_ENOMEM;
    t->arena = pacta_arena_create();
    if (t->arena == NULL)
        goto cleanup;
    t->file = pacta_arena_strdup(t->arena, path);
    if (t->file == NULL)
        goto cleanup;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        goto cleanup;
    parser_ready = true;
    csv_set_realloc_func(&parser, csv_realloc);
    csv_set_free_func(&parser, pacta_free);
    size_t pos = 0;
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3; /* UTF-8 byte-order mark (PA-X has one) */
    b.line = 1;
    size_t cap_comments = 0;
    bool syntax_error = false;
    while (pos < length && !b.oom) {
        const char *nl = memchr(text + pos, '\n', length - pos);
        size_t end = nl ? (size_t)(nl - text) + 1 : length;
        if (allow_comments && t->header == NULL && b.row_line == 0 && text[pos] == '#') {
            if (t->n_comments == cap_comments) {
                size_t cap = cap_comments ? 2 * cap_comments : 16;
                char **grown = pacta_reallocarray(t->comments, cap, sizeof *grown);
                if (grown == NULL) {
                    b.oom = true;
                    break;
                }
                t->comments = grown;
                cap_comments = cap;
            }
            size_t from = pos + 1, to = end;
            if (from < to && text[from] == ' ')
                from++;
            while (to > from && (text[to - 1] == '\n' || text[to - 1] == '\r'))
                to--;
            char *c = pacta_arena_strndup(t->arena, text + from, to - from);
            if (c == NULL) {
                b.oom = true;
                break;
            }
            t->comments[t->n_comments++] = c;
        } else if (csv_parse(&parser, text + pos, end - pos, on_field, on_row, &b) != end - pos) {
            int e = csv_error(&parser);
            if (e == CSV_ENOMEM) {
                b.oom = true;
                break;
            }
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, t->file, b.line, 0, "", "not valid CSV: %s",
                            csv_strerror(e));
            syntax_error = true;
            break;
        }
        pos = end;
        b.line++;
    }
    if (!b.oom && !syntax_error && csv_fini(&parser, on_field, on_row, &b) != 0) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, t->file, b.row_line ? b.row_line : b.line - 1,
                        0, "", "not valid CSV: %s (an unclosed quote?)",
                        csv_strerror(csv_error(&parser)));
        syntax_error = true;
    }
    if (b.oom)
        goto cleanup;
    if (!syntax_error && t->header == NULL) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, t->file, 1, 0, "",
                       "the file is empty: expected a header row");
        syntax_error = true;
    }
    t->cells = b.rows;
    t->line = b.lines;
    t->n_rows = b.n_rows;
    b.rows = NULL;
    b.lines = NULL;
    st = syntax_error || b.errors > 0 ? PACTA_EINPUT : PACTA_OK;
cleanup:
    if (parser_ready)
        csv_free(&parser);
    pacta_free(b.fields);
    pacta_free(b.rows);
    pacta_free(b.lines);
    pacta_free(text);
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
