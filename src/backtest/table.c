/* Delimited tables read whole (backtest_internal.h). libcsv does the parsing, with a tab or
 * comma delimiter; the text goes to the parser one physical line at a time so every row
 * knows its line number for diagnostics. */
#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "backtest/backtest_internal.h"
#include "core/alloc.h"
#include "core/text.h"

typedef struct collector {
    bt_table_t *t;
    char **fields; /* the row being read */
    size_t n_fields, cap_fields;
    size_t cap_rows;
    int line;     /* physical line fed to the parser */
    int row_line; /* line the open row started on; 0 when none is open */
    bool oom;
} collector_t;

static void on_field(void *data, size_t length, void *ctx)
{
    collector_t *c = ctx;
    if (c->oom)
        return;
    if (c->row_line == 0)
        c->row_line = c->line;
    if (c->n_fields == c->cap_fields) {
        size_t cap = c->cap_fields ? 2 * c->cap_fields : 64;
        char **grown = pacta_reallocarray(c->fields, cap, sizeof *grown);
        if (grown == NULL) {
            c->oom = true;
            return;
        }
        c->fields = grown;
        c->cap_fields = cap;
    }
    char *text = pacta_arena_strndup(c->t->arena, data ? data : "", data ? length : 0);
    if (text == NULL) {
        c->oom = true;
        return;
    }
    c->fields[c->n_fields++] = text;
}

static bool blank_row(char **fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (const char *s = fields[i]; *s; s++)
            if (!isspace((unsigned char)*s))
                return false;
    return true;
}

static void on_row(int terminator, void *ctx)
{
    (void)terminator;
    collector_t *c = ctx;
    int line = c->row_line ? c->row_line : c->line;
    size_t n = c->n_fields;
    c->n_fields = 0;
    c->row_line = 0;
    if (c->oom || n == 0 || blank_row(c->fields, n))
        return;
    bt_table_t *t = c->t;
    if (t->n_rows == c->cap_rows) {
        size_t cap = c->cap_rows ? 2 * c->cap_rows : 256;
        char ***cells = pacta_reallocarray(t->cells, cap, sizeof *cells);
        if (cells != NULL)
            t->cells = cells;
        size_t *counts = cells ? pacta_reallocarray(t->n_cells, cap, sizeof *counts) : NULL;
        if (counts != NULL)
            t->n_cells = counts;
        int *lines = counts ? pacta_reallocarray(t->line, cap, sizeof *lines) : NULL;
        if (lines == NULL) {
            c->oom = true;
            return;
        }
        t->line = lines;
        c->cap_rows = cap;
    }
    char **row = pacta_arena_alloc(t->arena, n, sizeof(char *));
    if (row == NULL) {
        c->oom = true;
        return;
    }
    memcpy(row, c->fields, n * sizeof(char *));
    t->cells[t->n_rows] = row;
    t->n_cells[t->n_rows] = n;
    t->line[t->n_rows] = line;
    t->n_rows++;
}

static void *csv_realloc(void *p, size_t n)
{
    return pacta_realloc(p, n);
}

/* The whole file, NUL-terminated, within the scenario size limit. */
static pacta_status slurp(const char *path, char **out, size_t *length, pacta_diag_t *diag)
{
    *out = NULL;
    *length = 0;
    struct stat info;
    if (stat(path, &info) == 0 && S_ISDIR(info.st_mode)) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "", "is a directory, not a table");
        return PACTA_EIO;
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "", "cannot open: %s",
                        strerror(errno));
        return PACTA_EIO;
    }
    pacta_status st = PACTA_OK;
    size_t cap = 1 << 16, used = 0;
    char *buf = pacta_malloc(cap + 1);
    for (;;) {
        if (buf == NULL) {
            st = PACTA_ENOMEM;
            break;
        }
        size_t got = fread(buf + used, 1, cap - used, f);
        used += got;
        if (used > PACTA_MAX_FILE_BYTES) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "",
                            "is larger than the limit of %u bytes", (unsigned)PACTA_MAX_FILE_BYTES);
            st = PACTA_ELIMIT;
            break;
        }
        if (got == 0) {
            if (ferror(f)) {
                pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "", "cannot read: %s",
                                strerror(errno));
                st = PACTA_EIO;
            }
            break;
        }
        if (used == cap) {
            char *grown = pacta_realloc(buf, 2 * cap + 1);
            if (grown == NULL)
                pacta_free(buf);
            buf = grown;
            cap *= 2;
        }
    }
    fclose(f);
    if (st != PACTA_OK) {
        pacta_free(buf);
        return st;
    }
    buf[used] = '\0';
    *out = buf;
    *length = used;
    return PACTA_OK;
}

void pacta_bt_table_free(bt_table_t *t)
{
    if (t == NULL)
        return;
    pacta_arena_destroy(t->arena);
    pacta_free(t->cells);
    pacta_free(t->n_cells);
    pacta_free(t->line);
    memset(t, 0, sizeof *t);
}

pacta_status pacta_bt_table_read(bt_table_t *t, const char *path, unsigned char delimiter,
                                 pacta_diag_t *diag)
{
    memset(t, 0, sizeof *t);
    collector_t c = {.t = t};
    struct csv_parser parser;
    bool parser_ready = false;
    char *text = NULL;
    size_t length = 0;
    pacta_status st = slurp(path, &text, &length, diag);
    if (st != PACTA_OK)
        return st;
    /* Cells become names in the JSON output, which cannot carry invalid UTF-8 (fuzzing
     * find), and a NUL byte would cut a cell short. */
    st = pacta_check_text(text, length, path, diag);
    if (st != PACTA_OK) {
        pacta_free(text);
        return st;
    }
    st = PACTA_ENOMEM;
    t->arena = pacta_arena_create();
    if (t->arena == NULL || (t->file = pacta_arena_strdup(t->arena, path)) == NULL)
        goto cleanup;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        goto cleanup;
    parser_ready = true;
    csv_set_delim(&parser, delimiter);
    csv_set_realloc_func(&parser, csv_realloc);
    csv_set_free_func(&parser, pacta_free);
    size_t pos = length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    bool bad = false;
    c.line = 1;
    while (pos < length && !c.oom && !bad) {
        const char *nl = memchr(text + pos, '\n', length - pos);
        size_t end = nl ? (size_t)(nl - text) + 1 : length;
        if (csv_parse(&parser, text + pos, end - pos, on_field, on_row, &c) != end - pos) {
            if (csv_error(&parser) == CSV_ENOMEM) {
                c.oom = true;
                break;
            }
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, t->file, c.line, 0, "",
                            "not valid %s text: %s", delimiter == '\t' ? "tab-separated" : "CSV",
                            csv_strerror(csv_error(&parser)));
            bad = true;
        }
        pos = end;
        c.line++;
    }
    if (!c.oom && !bad && csv_fini(&parser, on_field, on_row, &c) != 0) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, t->file, c.row_line ? c.row_line : c.line - 1,
                        0, "", "not valid %s text: %s (an unclosed quote?)",
                        delimiter == '\t' ? "tab-separated" : "CSV",
                        csv_strerror(csv_error(&parser)));
        bad = true;
    }
    if (c.oom)
        goto cleanup;
    if (!bad && t->n_rows == 0) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, t->file, 1, 0, "",
                       "the file is empty: expected a header row");
        bad = true;
    }
    st = bad ? PACTA_EINPUT : PACTA_OK;
cleanup:
    if (parser_ready)
        csv_free(&parser);
    pacta_free(c.fields);
    pacta_free(text);
    if (st != PACTA_OK)
        pacta_bt_table_free(t);
    return st;
}

size_t pacta_bt_trim(const char *cell, char *buf, size_t size)
{
    const char *s = cell;
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
