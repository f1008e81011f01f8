/* Capability files for backtests: a CSV table with a header naming the columns `actor` and
 * `capability` (others are ignored), one row per actor; rows whose first cell starts with
 * '#' are comments, e.g. the sources of the numbers (docs/validation.md). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "backtest/backtest_internal.h"
#include "core/text.h"

static bool comment(const pacta_table_t *t, size_t r)
{
    char buf[8];
    pacta_table_trim(t->rows[r].cells[0].text, buf, sizeof buf);
    return buf[0] == '#';
}

static long column(const pacta_table_t *t, size_t header, const char *name)
{
    char buf[64];
    for (size_t j = 0; j < t->rows[header].count; j++) {
        pacta_table_trim(t->rows[header].cells[j].text, buf, sizeof buf);
        if (strcasecmp(buf, name) == 0)
            return (long)j;
    }
    return -1;
}

pacta_status pacta_bt_capabilities_read(bt_capabilities_t *c, pacta_arena_t *arena,
                                        const char *path, pacta_diag_t *diag)
{
    memset(c, 0, sizeof *c);
    pacta_table_t t;
    pacta_status st = pacta_bt_table_read(&t, path, ',', diag);
    if (st != PACTA_OK)
        return st;
    st = PACTA_ENOMEM;
    c->file = pacta_arena_strdup(arena, path);
    c->ids = pacta_arena_alloc(arena, t.n_rows, sizeof(char *));
    c->values = pacta_arena_alloc(arena, t.n_rows, sizeof(double));
    if (c->file == NULL || c->ids == NULL || c->values == NULL)
        goto cleanup;
    st = PACTA_OK;
    size_t h = 0;
    while (h < t.n_rows && comment(&t, h))
        h++;
    if (h == t.n_rows) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "",
                       "the capability file has only comments: expected a header row");
        st = PACTA_EINPUT;
        goto cleanup;
    }
    long actor = column(&t, h, "actor"), capability = column(&t, h, "capability");
    if (actor < 0 || capability < 0) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, t.rows[h].line, 0, "header",
                        "a capability file needs the columns 'actor' and 'capability'%s",
                        actor < 0 && capability < 0 ? ""
                        : actor < 0                 ? " (no 'actor' column)"
                                                    : " (no 'capability' column)");
        st = PACTA_EINPUT;
        goto cleanup;
    }
    for (size_t r = h + 1; r < t.n_rows; r++) {
        int line = t.rows[r].line;
        if (comment(&t, r))
            continue;
        if (t.rows[r].count != t.rows[h].count) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, line, 0, "",
                            "the row has %zu fields but the header has %zu", t.rows[r].count,
                            t.rows[h].count);
            st = PACTA_EINPUT;
            continue;
        }
        char id[PACTA_MAX_ID_BYTES + 2], num[64];
        size_t id_len = pacta_table_trim(t.rows[r].cells[actor].text, id, sizeof id);
        for (size_t i = 0; i < id_len; i++)
            id[i] = (char)tolower((unsigned char)id[i]);
        if (id_len == 0 || id_len > PACTA_MAX_ID_BYTES) {
            pacta_diag_add(diag, PACTA_SEVERITY_ERROR, path, line, 0, "actor",
                           id_len ? "the actor id is longer than 64 bytes" : "the actor is blank");
            st = PACTA_EINPUT;
            continue;
        }
        double v = 0.0;
        size_t n = pacta_table_trim(t.rows[r].cells[capability].text, num, sizeof num);
        number_error e = pacta_parse_number(num, n, &v);
        if (e != NUMBER_OK || v < 0) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, line, 0, id, "capability '%.40s' %s",
                            num,
                            e != NUMBER_OK ? pacta_number_error_text(e)
                                           : "is negative; a capability is at least 0");
            st = PACTA_EINPUT;
            continue;
        }
        if (pacta_bt_capability_of(c, id) >= 0) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, line, 0, id,
                            "actor '%s' is listed twice", id);
            st = PACTA_EINPUT;
            continue;
        }
        c->ids[c->n] = pacta_arena_strdup(arena, id);
        if (c->ids[c->n] == NULL) {
            st = PACTA_ENOMEM;
            goto cleanup;
        }
        c->values[c->n++] = v;
    }
    if (st == PACTA_OK && c->n == 0) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, path, t.rows[h].line, 0, "",
                       "the capability file lists no actor");
        st = PACTA_EINPUT;
    }
cleanup:
    pacta_table_free(&t);
    return st;
}

double pacta_bt_capability_of(const bt_capabilities_t *c, const char *id)
{
    for (size_t i = 0; c != NULL && i < c->n; i++)
        if (strcasecmp(c->ids[i], id) == 0)
            return c->values[i];
    return -1.0;
}
