/* Reads KTAB's CSV scenario format (KTAB SMPModel::csvRead, smpread.cpp:67-258):
 *
 *   line 1   scenario name, description, number of actors, number of dimensions[, ...]
 *   line 2   header: three columns (actor, description, capability), then a position and
 *            a salience column per dimension; the position column names the dimension
 *   then     one row per actor: name, description, capability, position_1, salience_1, ...
 *
 * Positions and saliences are on 0-100, an actor's saliences sum to at most 100. Trailing
 * commas, padding spaces and quoted fields are KTAB's own habits and are accepted (libcsv
 * trims unquoted padding). Every actor becomes a pacta actor with a stance on every
 * dimension; every dimension an issue. Problems are reported with line and field. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "core/tolerance.h"
#include "scenario/csv_table.h"

enum { KTAB_FIXED_COLUMNS = 3 };

/* A cell's text without padding (libcsv already trims unquoted cells; quoted ones keep
 * their spaces, which KTAB's reader would keep too, but they never matter in a number). */
static bool cell_integer(const pacta_table_row_t *row, long col, long *out)
{
    if (col >= (long)row->count)
        return false;
    const pacta_table_cell_t *c = &row->cells[col];
    size_t n = c->length;
    const char *s = pacta_table_span_trim(c->text, &n);
    return pacta_parse_long(s, n, out) == NUMBER_OK;
}

bool pacta_ktab_csv_detect(const pacta_table_t *t, size_t *first)
{
    size_t i = 0;
    while (i < t->n_rows && pacta_table_row_blank(&t->rows[i]))
        i++;
    if (i == t->n_rows || t->rows[i].count < 4)
        return false;
    long actors, dims;
    if (!cell_integer(&t->rows[i], 2, &actors) || !cell_integer(&t->rows[i], 3, &dims))
        return false;
    *first = i;
    return true;
}

/* Text of a cell for names and descriptions: NULL when blank. */
static const char *cell_text(scenario_builder_t *b, const pacta_table_row_t *row, long col)
{
    if (col >= (long)row->count || pacta_csv_cell_blank(row, col))
        return NULL;
    const pacta_table_cell_t *c = &row->cells[col];
    size_t n = c->length;
    const char *s = pacta_table_span_trim(c->text, &n);
    return pacta_builder_strndup(b, s, n);
}

/* The next non-blank row after index i, or t->n_rows. */
static size_t next_row(const pacta_table_t *t, size_t i)
{
    i++;
    while (i < t->n_rows && pacta_table_row_blank(&t->rows[i]))
        i++;
    return i;
}

static void read_actor(scenario_builder_t *b, const pacta_table_row_t *row,
                       const pacta_table_row_t *header, pacta_actor_t *actor,
                       const pacta_issue_t *issues, size_t n_dims)
{
    pacta_location_t at = {row->line, 0};
    actor->at = at;
    pacta_stance_t *stances = pacta_builder_alloc(b, n_dims, sizeof(pacta_stance_t));
    if (stances == NULL)
        return;
    actor->stances = stances;
    const size_t needed = KTAB_FIXED_COLUMNS + 2 * n_dims;
    if (row->count < needed) {
        pacta_builder_error(b, at, "",
                            "the row has %zu fields; KTAB's format needs %zu: name, description, "
                            "capability, then a position and a salience for each of the %zu "
                            "dimension%s",
                            row->count, needed, n_dims, n_dims == 1 ? "" : "s");
        return;
    }
    for (size_t c = needed; c < row->count; c++)
        if (!pacta_csv_cell_blank(row, (long)c)) {
            pacta_builder_warning(b, at, "",
                                  "field %zu is beyond the %zu fields the header announces; it is "
                                  "ignored, as KTAB does",
                                  c + 1, needed);
            break;
        }
    actor->name = cell_text(b, row, 0);
    if (actor->name == NULL) {
        pacta_builder_error(b, at, "name", "the actor's name is empty");
        return;
    }
    if (strlen(actor->name) > PACTA_MAX_TEXT_BYTES) {
        pacta_builder_error(b, at, "name", "the name is longer than %d bytes",
                            PACTA_MAX_TEXT_BYTES);
        return;
    }
    actor->id = pacta_builder_make_id(b, actor->name, strlen(actor->name));
    actor->description = cell_text(b, row, 1);
    char field[256];
    const char *cap_label = header->cells[2].length ? header->cells[2].text : "capability";
    snprintf(field, sizeof field, "%s.%s", actor->name, cap_label);
    actor->capability.at = at;
    if (pacta_csv_cell_number(b, row, 2, field, &actor->capability.value) &&
        !(actor->capability.value >= 0))
        pacta_builder_error(b, at, field, "is negative; capability must be at least 0");
    double total = 0.0;
    bool all_read = true;
    for (size_t d = 0; d < n_dims; d++) {
        pacta_stance_t *st = &stances[d];
        st->at = st->position.at = st->salience.at = at;
        const long pc = (long)(KTAB_FIXED_COLUMNS + 2 * d), sc = pc + 1;
        char pfield[256], sfield[256];
        snprintf(pfield, sizeof pfield, "%s.%s", actor->name,
                 header->cells[pc].length ? header->cells[pc].text : issues[d].id);
        snprintf(sfield, sizeof sfield, "%s.%s", actor->name,
                 header->cells[sc].length ? header->cells[sc].text : "salience");
        bool ok = true;
        if (pacta_csv_cell_blank(row, pc)) {
            pacta_builder_error(b, at, pfield, "is empty; KTAB's format needs every position");
            ok = false;
        } else if (pacta_csv_cell_number(b, row, pc, pfield, &st->position.value)) {
            if (!(st->position.value >= 0 && st->position.value <= 100)) {
                pacta_builder_error(b, at, pfield, "%g is outside 0 to 100", st->position.value);
                ok = false;
            }
        } else {
            ok = false;
        }
        if (pacta_csv_cell_blank(row, sc)) {
            pacta_builder_error(b, at, sfield, "is empty; KTAB's format needs every salience");
            ok = false;
        } else if (pacta_csv_cell_number(b, row, sc, sfield, &st->salience.value)) {
            if (!(st->salience.value >= 0 && st->salience.value <= 100)) {
                pacta_builder_error(b, at, sfield, "%g is outside 0 to 100", st->salience.value);
                ok = false;
            } else {
                total += st->salience.value;
            }
        } else {
            ok = false;
        }
        st->present = ok;
        all_read = all_read && ok;
    }
    /* KTAB: "no more than 100% of attention to all issues" (smpread.cpp). */
    if (all_read && total > 100.0 + PACTA_SALIENCE_SUM_SLACK) {
        snprintf(field, sizeof field, "%s.salience", actor->name);
        pacta_builder_error(b, at, field,
                            "the saliences sum to %g; in KTAB's format an actor's saliences sum to "
                            "at most 100",
                            total);
    }
}

void pacta_ktab_csv_read(scenario_builder_t *b, const pacta_table_t *t, size_t first)
{
    pacta_scenario_t *s = &b->owner->pub;
    const pacta_table_row_t *top = &t->rows[first];
    pacta_location_t top_at = {top->line, 0};
    long n_actors = 0, n_dims = 0;
    cell_integer(top, 2, &n_actors);
    cell_integer(top, 3, &n_dims);
    bool ok = true;
    if (n_actors < 1) {
        pacta_builder_error(b, top_at, "number of actors",
                            "is %ld; line 1 of KTAB's format gives name, description, number of "
                            "actors, number of dimensions",
                            n_actors);
        ok = false;
    } else if (n_actors > PACTA_MAX_ACTORS) {
        pacta_builder_error(b, top_at, "number of actors", "is %ld; the limit is %d", n_actors,
                            PACTA_MAX_ACTORS);
        ok = false;
    }
    if (n_dims < 1) {
        pacta_builder_error(b, top_at, "number of dimensions", "is %ld; at least 1 is needed",
                            n_dims);
        ok = false;
    } else if (n_dims > PACTA_MAX_ISSUES) {
        pacta_builder_error(b, top_at, "number of dimensions", "is %ld; the limit is %d", n_dims,
                            PACTA_MAX_ISSUES);
        ok = false;
    }
    s->title = cell_text(b, top, 0);
    s->description = cell_text(b, top, 1);
    if (s->title == NULL)
        s->title = pacta_builder_strndup(b, "KTAB scenario", strlen("KTAB scenario"));
    if (!ok)
        return;

    const size_t header_index = next_row(t, first);
    if (header_index == t->n_rows) {
        pacta_builder_error(b, top_at, "header", "line 1 is not followed by KTAB's header line");
        return;
    }
    const pacta_table_row_t *header = &t->rows[header_index];
    const size_t D = (size_t)n_dims, needed = KTAB_FIXED_COLUMNS + 2 * D;
    if (header->count < needed) {
        pacta_builder_error(b, (pacta_location_t){header->line, 0}, "header",
                            "has %zu fields; %ld dimensions need %zu: actor, description, "
                            "capability, then a position and a salience column per dimension",
                            header->count, n_dims, needed);
        return;
    }

    /* Dimensions: named by their position columns (smpread.cpp:140-160). */
    pacta_issue_t *issues = pacta_builder_alloc(b, D, sizeof(pacta_issue_t));
    if (issues == NULL)
        return;
    for (size_t d = 0; d < D; d++) {
        pacta_issue_t *issue = &issues[d];
        const long col = (long)(KTAB_FIXED_COLUMNS + 2 * d);
        issue->at = (pacta_location_t){header->line, 0};
        issue->name = cell_text(b, header, col);
        if (issue->name == NULL) {
            char buf[32];
            snprintf(buf, sizeof buf, "Dimension %zu", d + 1);
            issue->name = pacta_builder_strndup(b, buf, strlen(buf));
        }
        if (issue->name == NULL)
            return;
        issue->id = pacta_builder_make_id(b, issue->name, strlen(issue->name));
        issue->low = pacta_builder_strndup(b, "position 0", strlen("position 0"));
        issue->high = pacta_builder_strndup(b, "position 100", strlen("position 100"));
        for (size_t e = 0; e < d; e++)
            if (issue->id && issues[e].id && strcmp(issue->id, issues[e].id) == 0)
                pacta_builder_error(b, issue->at, "header",
                                    "dimensions %zu and %zu ('%s', '%s') give the same issue id "
                                    "'%s'; rename one",
                                    e + 1, d + 1, issues[e].name, issue->name, issue->id);
    }
    s->issues = issues;
    s->n_issues = D;

    pacta_actor_t *actors = pacta_builder_alloc(b, (size_t)n_actors, sizeof(pacta_actor_t));
    if (actors == NULL)
        return;
    size_t n = 0, i = header_index;
    while (n < (size_t)n_actors) {
        i = next_row(t, i);
        if (i == t->n_rows)
            break;
        read_actor(b, &t->rows[i], header, &actors[n], issues, D);
        if (actors[n].id != NULL)
            for (size_t j = 0; j < n; j++)
                if (actors[j].id && strcmp(actors[j].id, actors[n].id) == 0) {
                    pacta_builder_error(b, actors[n].at, "name",
                                        "'%s' gives the same id '%s' as the actor on line %d",
                                        actors[n].name, actors[n].id, actors[j].at.line);
                    break;
                }
        n++;
    }
    if (n < (size_t)n_actors && t->end != PACTA_TABLE_SYNTAX)
        pacta_builder_error(b, top_at, "number of actors",
                            "line 1 announces %ld actors but the file has %zu actor row%s",
                            n_actors, n, n == 1 ? "" : "s");
    size_t extra = 0;
    int extra_line = 0;
    for (size_t k = next_row(t, i); k < t->n_rows; k = next_row(t, k))
        if (extra++ == 0)
            extra_line = t->rows[k].line;
    if (extra > 0)
        pacta_builder_warning(b, (pacta_location_t){extra_line, 0}, "",
                              "%zu row%s after the %ld actors line 1 announces %s ignored, as KTAB "
                              "does",
                              extra, extra == 1 ? "" : "s", n_actors, extra == 1 ? "is" : "are");
    /* Rows whose stances could not be set up are not actors. */
    size_t kept = 0;
    for (size_t k = 0; k < n; k++)
        if (actors[k].stances != NULL && actors[k].id != NULL)
            actors[kept++] = actors[k];
    s->actors = actors;
    s->n_actors = kept;
}
