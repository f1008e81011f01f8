/* Reads DEU-format tables (Decision-making in the European Union; docs/validation.md,
 * "DEU tables") into ordinary scenarios, one per legislative proposal, keeping the issues
 * and stances the inclusion rule lets count. The table is tab-separated with a header row;
 * an actor is a pair of columns p<actor> (position) and s<actor> (salience). */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "backtest/backtest_internal.h"
#include "core/alloc.h"
#include "core/text.h"
#include "scenario/scenario_internal.h"

/* One issue row as read. */
typedef struct deu_row {
    int line;
    size_t index;      /* row of the table */
    size_t proposal;   /* index into the distinct prnr values */
    const char *issue; /* isnr */
    bool has_rp, has_out;
    double rp, out;
    double *position; /* per actor; NaN when the actor does not count */
    double *salience;
    size_t counted;
    bool counts; /* the inclusion rule keeps the issue */
} deu_row_t;

typedef struct deu_columns {
    long prnr, isnr, prname, proc, counvte, intro, rp, out;
    long *p, *s;         /* per actor */
    const char **actors; /* actor ids, lower case */
    size_t n_actors;
} deu_columns_t;

typedef struct deu_reader {
    set_owner_t *owner;
    const pacta_table_t *t;
    pacta_diag_t *diag;
    size_t errors;
    bool oom;
} deu_reader_t;

static void error_at(deu_reader_t *r, int line, const char *field, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void error_at(deu_reader_t *r, int line, const char *field, const char *format, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, format);
    vsnprintf(message, sizeof message, format, ap);
    va_end(ap);
    if (pacta_diag_add(r->diag, PACTA_SEVERITY_ERROR, r->t->file, line, 0, field, message) ==
        PACTA_ENOMEM)
        r->oom = true;
    r->errors++;
}

static long find_column(const pacta_table_t *t, const char *name)
{
    char buf[128];
    for (size_t j = 0; j < t->rows[0].count; j++) {
        pacta_table_trim(t->rows[0].cells[j].text, buf, sizeof buf);
        if (strcasecmp(buf, name) == 0)
            return (long)j;
    }
    return -1;
}

static char *arena_text(deu_reader_t *r, const char *cell)
{
    char buf[PACTA_MAX_TEXT_BYTES + 1];
    pacta_table_trim(cell, buf, sizeof buf);
    char *copy = pacta_arena_strdup(r->owner->arena, buf);
    if (copy == NULL)
        r->oom = true;
    return copy;
}

static bool read_header(deu_reader_t *r, deu_columns_t *c)
{
    const pacta_table_t *t = r->t;
    int line = t->rows[0].line;
    static const char *const required[] = {"prnr", "isnr", "rp", "out"};
    long *slots[] = {&c->prnr, &c->isnr, &c->rp, &c->out};
    for (size_t i = 0; i < 4; i++) {
        *slots[i] = find_column(t, required[i]);
        if (*slots[i] < 0)
            error_at(r, line, required[i],
                     "the header has no column '%s' (a DEU table needs prnr, isnr, rp and out)",
                     required[i]);
    }
    c->prname = find_column(t, "prname");
    c->proc = find_column(t, "proc");
    c->counvte = find_column(t, "counvte");
    c->intro = find_column(t, "intro");
    size_t n = t->rows[0].count;
    c->p = pacta_arena_alloc(r->owner->arena, n, sizeof(long));
    c->s = pacta_arena_alloc(r->owner->arena, n, sizeof(long));
    c->actors = pacta_arena_alloc(r->owner->arena, n, sizeof(char *));
    if (c->p == NULL || c->s == NULL || c->actors == NULL) {
        r->oom = true;
        return false;
    }
    /* An actor is a column p<id> with a partner s<id>; "prnr" or "proc" have none. */
    for (size_t j = 0; j < n; j++) {
        char name[128];
        size_t len = pacta_table_trim(t->rows[0].cells[j].text, name, sizeof name);
        if (len < 2 || tolower((unsigned char)name[0]) != 'p')
            continue;
        char partner[128];
        snprintf(partner, sizeof partner, "s%s", name + 1);
        long s = find_column(t, partner);
        if (s < 0)
            continue;
        char id[128];
        for (size_t i = 1; i <= len; i++)
            id[i - 1] = (char)tolower((unsigned char)name[i]);
        if (!pacta_is_valid_id(id, len - 1)) {
            error_at(r, line, name, "'%s' does not give a valid actor id", name);
            continue;
        }
        for (size_t a = 0; a < c->n_actors; a++)
            if (strcmp(c->actors[a], id) == 0)
                error_at(r, line, name, "actor '%s' has two position columns", id);
        c->actors[c->n_actors] = pacta_arena_strdup(r->owner->arena, id);
        if (c->actors[c->n_actors] == NULL) {
            r->oom = true;
            return false;
        }
        c->p[c->n_actors] = (long)j;
        c->s[c->n_actors] = s;
        c->n_actors++;
    }
    if (c->n_actors == 0)
        error_at(r, line, "header",
                 "no actor columns: expected pairs p<actor> and s<actor> (position and salience)");
    return r->errors == 0;
}

/* A numeric cell: true with *blank set for an empty cell, false (reported) for text that is
 * not a number. */
static bool number_cell(deu_reader_t *r, int line, const char *cell, const char *field,
                        double *value, bool *blank)
{
    char buf[64];
    size_t n = pacta_table_trim(cell, buf, sizeof buf);
    *blank = n == 0;
    *value = NAN;
    if (*blank)
        return true;
    number_error e = pacta_parse_number(buf, n, value);
    if (e != NUMBER_OK) {
        error_at(r, line, field, "'%.40s' %s", buf, pacta_number_error_text(e));
        *value = NAN;
        return false;
    }
    return true;
}

/* A capability file that does not list an actor who counts (reported against that file). */
static void missing_capability(deu_reader_t *r, const char *file, const char *actor,
                               const deu_row_t *row)
{
    if (pacta_diag_addf(r->diag, PACTA_SEVERITY_ERROR, file, 0, 0, actor,
                        "the capability file does not list actor '%s', which has a position on "
                        "issue %s (%s line %d)",
                        actor, row->issue, r->t->file, row->line) == PACTA_ENOMEM)
        r->oom = true;
    r->errors++;
}

static bool in_scale(double v)
{
    return v >= 0.0 && v <= 100.0;
}

/* Find or add the proposal key prnr; returns its index. */
static size_t proposal_index(deu_reader_t *r, const char ***keys, size_t *n, size_t *cap,
                             const char *prnr)
{
    for (size_t i = *n; i-- > 0;)
        if (strcmp((*keys)[i], prnr) == 0)
            return i;
    if (*n == *cap) {
        size_t grown_cap = *cap ? 2 * *cap : 64;
        const char **grown = pacta_arena_alloc(r->owner->arena, grown_cap, sizeof(char *));
        if (grown == NULL) {
            r->oom = true;
            return 0;
        }
        if (*n > 0)
            memcpy(grown, *keys, *n * sizeof(char *));
        *keys = grown;
        *cap = grown_cap;
    }
    (*keys)[*n] = prnr;
    return (*n)++;
}

static void read_row(deu_reader_t *r, const deu_columns_t *c, size_t index, deu_row_t *row,
                     const pacta_backtest_read_options_t *o)
{
    const pacta_table_t *t = r->t;
    const pacta_table_cell_t *cells = t->rows[index].cells;
    pacta_backtest_excluded_t *x = &r->owner->pub.excluded;
    char field[160];
    x->issues_read++;
    bool blank;
    snprintf(field, sizeof field, "%s.out", row->issue);
    number_cell(r, row->line, cells[c->out].text, field, &row->out, &blank);
    row->has_out = !blank && in_scale(row->out);
    snprintf(field, sizeof field, "%s.rp", row->issue);
    if (number_cell(r, row->line, cells[c->rp].text, field, &row->rp, &blank) && !blank) {
        row->has_rp = in_scale(row->rp);
        x->outside_scale += !row->has_rp;
    }
    for (size_t a = 0; a < c->n_actors; a++) {
        double p, s;
        bool no_p, no_s;
        row->position[a] = row->salience[a] = NAN;
        snprintf(field, sizeof field, "%s.p%s", row->issue, c->actors[a]);
        bool ok = number_cell(r, row->line, cells[c->p[a]].text, field, &p, &no_p);
        snprintf(field, sizeof field, "%s.s%s", row->issue, c->actors[a]);
        ok = number_cell(r, row->line, cells[c->s[a]].text, field, &s, &no_s) && ok;
        if (!ok || no_p)
            continue;
        x->positions_read++;
        if (!in_scale(p)) {
            x->outside_scale++;
            continue;
        }
        if (no_s || !(s > 0.0)) {
            x->no_salience++;
            continue;
        }
        if (s > 100.0) {
            error_at(r, row->line, field, "salience %g is above 100 (saliences are on 0-100)", s);
            continue;
        }
        row->position[a] = p;
        row->salience[a] = s;
        row->counted++;
    }
    if (!row->has_out)
        x->no_outcome++;
    else if (row->counted < o->min_actors)
        x->too_few_actors++;
    row->counts = row->has_out && row->counted >= o->min_actors;
}

/* The capability each actor gets under the chosen scheme; NaN where none is known. */
static bool actor_capabilities(deu_reader_t *r, const deu_columns_t *c, long cap_row,
                               const char *scheme, const bt_capabilities_t *file, double *out)
{
    const pacta_table_t *t = r->t;
    for (size_t a = 0; a < c->n_actors; a++) {
        out[a] = NAN;
        if (strcmp(scheme, "equal") == 0) {
            out[a] = 1.0;
        } else if (strcmp(scheme, "row") == 0) {
            if (cap_row < 0)
                continue;
            char field[96];
            snprintf(field, sizeof field, "capability.p%s", c->actors[a]);
            double v;
            bool blank;
            if (number_cell(r, t->rows[cap_row].line, t->rows[cap_row].cells[c->p[a]].text, field,
                            &v, &blank) &&
                !blank) {
                if (v < 0)
                    error_at(r, t->rows[cap_row].line, field,
                             "capability %g is negative; a capability is at least 0", v);
                else
                    out[a] = v;
            }
        } else {
            double v = pacta_bt_capability_of(file, c->actors[a]);
            out[a] = v >= 0 ? v : NAN;
        }
    }
    if (strcmp(scheme, "row") == 0 && cap_row < 0) {
        error_at(r, t->rows[0].line, "capability",
                 "--capability row needs a capability row (a row with blank prnr and isnr, "
                 "such as line 2 of the DEU III copy), but the table has none");
        return false;
    }
    return true;
}

/* Procedure and voting rule belong to the proposal; say so when its rows disagree (the
 * first row's values are used). */
static void warn_if_mixed(deu_reader_t *r, const deu_columns_t *c, const deu_row_t *rows,
                          size_t n_rows, size_t proposal, const deu_row_t *first)
{
    const long cols[2] = {c->proc, c->counvte};
    const char *names[2] = {"proc", "counvte"};
    for (int k = 0; k < 2; k++) {
        if (cols[k] < 0)
            continue;
        char want[64], got[64];
        pacta_table_trim(r->t->rows[first->index].cells[cols[k]].text, want, sizeof want);
        for (size_t i = 0; i < n_rows; i++) {
            if (rows[i].proposal != proposal || !rows[i].counts)
                continue;
            pacta_table_trim(r->t->rows[rows[i].index].cells[cols[k]].text, got, sizeof got);
            if (strcmp(want, got) != 0) {
                if (pacta_diag_addf(r->diag, PACTA_SEVERITY_WARNING, r->t->file, rows[i].line, 0,
                                    names[k],
                                    "'%s' differs from '%s' on line %d, the proposal's first "
                                    "issue; the breakdowns use '%s'",
                                    got, want, first->line, want) == PACTA_ENOMEM)
                    r->oom = true;
                break;
            }
        }
    }
}

static pacta_status build_scenario(deu_reader_t *r, const deu_columns_t *c, const deu_row_t *rows,
                                   size_t n_rows, size_t proposal, const double *capability,
                                   pacta_backtest_proposal_t *out, pacta_scenario_t **scenario)
{
    scenario_builder_t b;
    pacta_status st = pacta_builder_init(&b, r->t->file, r->diag);
    if (st != PACTA_OK)
        return st;
    pacta_scenario_t *s = &b.owner->pub;
    size_t n_issues = 0;
    for (size_t i = 0; i < n_rows; i++)
        n_issues += rows[i].counts && rows[i].proposal == proposal;
    bool *takes_part = pacta_builder_alloc(&b, c->n_actors, sizeof(bool));
    size_t *rows_of = pacta_builder_alloc(&b, n_issues, sizeof(size_t));
    pacta_issue_t *issues = pacta_builder_alloc(&b, n_issues, sizeof(pacta_issue_t));
    if (takes_part == NULL || rows_of == NULL || issues == NULL)
        return pacta_builder_finish(&b, scenario);
    size_t k = 0;
    for (size_t i = 0; i < n_rows; i++) {
        if (!rows[i].counts || rows[i].proposal != proposal)
            continue;
        const deu_row_t *row = &rows[i];
        pacta_issue_t *issue = &issues[k];
        rows_of[k++] = i;
        pacta_location_t at = {row->line, 0};
        issue->id = pacta_builder_strndup(&b, row->issue, strlen(row->issue));
        issue->name = issue->id;
        issue->low = "position 0 on the DEU issue scale";
        issue->high = "position 100 on the DEU issue scale";
        issue->at = at;
        issue->has_status_quo = row->has_rp;
        issue->status_quo = (pacta_value_t){
            .value = row->has_rp ? row->rp : 0.0, .note = "DEU reference point (rp)", .at = at};
        issue->has_outcome = true;
        issue->outcome = (pacta_value_t){.value = row->out, .note = "DEU outcome (out)", .at = at};
        for (size_t a = 0; a < c->n_actors; a++)
            takes_part[a] |= !isnan(row->position[a]);
    }
    s->issues = issues;
    s->n_issues = n_issues;
    size_t n_actors = 0;
    for (size_t a = 0; a < c->n_actors; a++)
        n_actors += takes_part[a];
    pacta_actor_t *actors = pacta_builder_alloc(&b, n_actors, sizeof(pacta_actor_t));
    double *caps = pacta_arena_alloc(r->owner->arena, n_actors ? n_actors : 1, sizeof(double));
    if (actors == NULL || caps == NULL) {
        r->oom |= caps == NULL;
        return pacta_builder_finish(&b, scenario);
    }
    size_t m = 0;
    for (size_t a = 0; a < c->n_actors; a++) {
        if (!takes_part[a])
            continue;
        pacta_actor_t *actor = &actors[m];
        pacta_stance_t *stances = pacta_builder_alloc(&b, n_issues, sizeof(pacta_stance_t));
        if (stances == NULL)
            return pacta_builder_finish(&b, scenario);
        actor->id = pacta_builder_strndup(&b, c->actors[a], strlen(c->actors[a]));
        actor->name = actor->id;
        actor->capability.value = capability[a];
        actor->at = (pacta_location_t){r->t->rows[0].line, 0};
        for (size_t q = 0; q < n_issues; q++) {
            const deu_row_t *row = &rows[rows_of[q]];
            if (isnan(row->position[a]))
                continue;
            pacta_location_t at = {row->line, 0};
            stances[q].present = true;
            stances[q].position = (pacta_value_t){.value = row->position[a], .at = at};
            stances[q].salience = (pacta_value_t){.value = row->salience[a], .at = at};
            stances[q].at = at;
        }
        actor->stances = stances;
        caps[m++] = capability[a];
    }
    s->actors = actors;
    s->n_actors = n_actors;
    s->title = pacta_builder_strndup(&b, out->name, strlen(out->name));
    char description[512];
    snprintf(description, sizeof description,
             "DEU proposal %s (procedure %s, Council voting rule %s, introduced %s)", out->id,
             out->procedure[0] ? out->procedure : "not given",
             out->rule[0] ? out->rule : "not given",
             out->date[0] ? out->date : "on a date not given");
    s->description = pacta_builder_strndup(&b, description, strlen(description));
    out->capability = caps;
    out->line = rows[rows_of[0]].line;
    pacta_scenario_check_semantics(&b);
    return pacta_builder_finish(&b, scenario);
}

/* The issue rows of a DEU table, read and checked, and the proposals they name. */
typedef struct deu_rows {
    deu_row_t *rows;
    size_t n;
    const char **keys; /* proposal keys (prnr), in file order */
    size_t n_keys, cap_keys;
    long cap_row; /* the table row of the capability row, -1 when there is none */
} deu_rows_t;

/* Read every row after the header: the capability row (blank prnr and isnr) is noted, every
 * other row becomes an issue row; each problem is reported and the row skipped. */
static void read_rows(deu_reader_t *r, const deu_columns_t *c, deu_rows_t *d,
                      const pacta_backtest_read_options_t *options)
{
    const pacta_table_t *t = r->t;
    pacta_arena_t *arena = r->owner->arena;
    d->rows = pacta_arena_alloc(arena, t->n_rows, sizeof(deu_row_t));
    if (d->rows == NULL) {
        r->oom = true;
        return;
    }
    size_t width = t->rows[0].count;
    for (size_t i = 1; i < t->n_rows && !r->oom; i++) {
        int line = t->rows[i].line;
        if (t->rows[i].count != width) {
            error_at(r, line, "", "the row has %zu fields but the header has %zu", t->rows[i].count,
                     width);
            continue;
        }
        char prnr[PACTA_MAX_ID_BYTES + 2], isnr[PACTA_MAX_ID_BYTES + 2];
        size_t prnr_len = pacta_table_trim(t->rows[i].cells[c->prnr].text, prnr, sizeof prnr);
        size_t isnr_len = pacta_table_trim(t->rows[i].cells[c->isnr].text, isnr, sizeof isnr);
        if (prnr_len == 0 && isnr_len == 0) {
            /* The capability row: blank identifiers, a number per actor. */
            if (d->cap_row >= 0)
                error_at(r, line, "prnr",
                         "a second row with blank prnr and isnr (the capability row is line %d)",
                         t->rows[d->cap_row].line);
            else
                d->cap_row = (long)i;
            continue;
        }
        if (prnr_len == 0 || isnr_len == 0) {
            error_at(r, line, prnr_len == 0 ? "prnr" : "isnr",
                     "is blank; every issue row needs its proposal (prnr) and issue (isnr)");
            continue;
        }
        if (!pacta_is_valid_id(isnr, isnr_len)) {
            error_at(r, line, "isnr",
                     "'%.40s' is not a valid issue id (1-64 letters, digits, '_', '.', '-')", isnr);
            continue;
        }
        bool duplicate = false;
        for (size_t j = 0; j < d->n && !duplicate; j++)
            if (strcmp(d->rows[j].issue, isnr) == 0) {
                error_at(r, line, "isnr", "issue '%s' is already on line %d", isnr,
                         d->rows[j].line);
                duplicate = true;
            }
        if (duplicate)
            continue;
        deu_row_t *row = &d->rows[d->n];
        row->line = line;
        row->index = i;
        row->issue = pacta_arena_strdup(arena, isnr);
        const char *key = arena_text(r, t->rows[i].cells[c->prnr].text);
        row->position = pacta_arena_alloc(arena, c->n_actors, sizeof(double));
        row->salience = pacta_arena_alloc(arena, c->n_actors, sizeof(double));
        if (row->issue == NULL || key == NULL || row->position == NULL || row->salience == NULL) {
            r->oom = true;
            break;
        }
        row->proposal = proposal_index(r, &d->keys, &d->n_keys, &d->cap_keys, key);
        read_row(r, c, i, row, options);
        d->n++;
    }
}

/* Every actor that counts somewhere needs a capability; reports each one that has none. */
static void check_capabilities(deu_reader_t *r, const deu_columns_t *c, const deu_rows_t *d,
                               const double *capability, const bt_capabilities_t *file_capabilities)
{
    const char *scheme = r->owner->pub.capability;
    for (size_t a = 0; a < c->n_actors; a++) {
        if (!isnan(capability[a]))
            continue;
        for (size_t i = 0; i < d->n; i++)
            if (d->rows[i].counts && !isnan(d->rows[i].position[a])) {
                if (strcmp(scheme, "row") == 0)
                    error_at(r, r->t->rows[d->cap_row].line, c->actors[a],
                             "actor '%s' has a position on issue %s (line %d) but no capability "
                             "in the capability row",
                             c->actors[a], d->rows[i].issue, d->rows[i].line);
                else
                    missing_capability(r, file_capabilities->file, c->actors[a], &d->rows[i]);
                break;
            }
    }
}

/* One scenario per proposal that keeps at least one issue, in file order, with the cases
 * (proposal, issue) of the set. */
static void build_proposals(deu_reader_t *r, const deu_columns_t *c, const deu_rows_t *d,
                            const double *capability)
{
    set_owner_t *owner = r->owner;
    pacta_arena_t *arena = owner->arena;
    const deu_row_t *rows = d->rows;
    size_t n_keys = d->n_keys, n_rows = d->n;
    pacta_backtest_proposal_t *proposals =
        pacta_arena_alloc(arena, n_keys ? n_keys : 1, sizeof(pacta_backtest_proposal_t));
    owner->scenarios = pacta_arena_alloc(arena, n_keys ? n_keys : 1, sizeof(pacta_scenario_t *));
    pacta_backtest_case_t *cases =
        pacta_arena_alloc(arena, n_rows ? n_rows : 1, sizeof(pacta_backtest_case_t));
    if (proposals == NULL || owner->scenarios == NULL || cases == NULL) {
        r->oom = true;
        return;
    }
    size_t n_proposals = 0, n_cases = 0;
    for (size_t p = 0; p < n_keys && !r->oom; p++) {
        const deu_row_t *first = NULL;
        for (size_t i = 0; i < n_rows && first == NULL; i++)
            if (rows[i].proposal == p && rows[i].counts)
                first = &rows[i];
        if (first == NULL)
            continue;
        const pacta_table_cell_t *cells = r->t->rows[first->index].cells;
        pacta_backtest_proposal_t *out = &proposals[n_proposals];
        out->id = d->keys[p];
        out->name = c->prname >= 0 ? arena_text(r, cells[c->prname].text) : NULL;
        if (out->name != NULL && out->name[0] == '\0')
            out->name = NULL;
        if (out->name == NULL)
            out->name = d->keys[p];
        out->procedure = c->proc >= 0 ? arena_text(r, cells[c->proc].text) : "";
        out->rule = c->counvte >= 0 ? arena_text(r, cells[c->counvte].text) : "";
        out->date = c->intro >= 0 ? arena_text(r, cells[c->intro].text) : "";
        if (r->oom || out->procedure == NULL || out->rule == NULL || out->date == NULL) {
            r->oom = true;
            break;
        }
        warn_if_mixed(r, c, rows, n_rows, p, first);
        pacta_scenario_t *scenario = NULL;
        pacta_status st = build_scenario(r, c, rows, n_rows, p, capability, out, &scenario);
        if (st != PACTA_OK) {
            r->oom |= st == PACTA_ENOMEM;
            r->errors += st != PACTA_ENOMEM;
            break;
        }
        owner->scenarios[owner->n_scenarios++] = scenario;
        out->scenario = scenario;
        size_t k = 0;
        for (size_t i = 0; i < n_rows; i++)
            if (rows[i].proposal == p && rows[i].counts)
                cases[n_cases++] = (pacta_backtest_case_t){n_proposals, k++, rows[i].counted};
        n_proposals++;
    }
    owner->pub.proposals = proposals;
    owner->pub.n_proposals = n_proposals;
    owner->pub.cases = cases;
    owner->pub.n_cases = n_cases;
}

pacta_status pacta_bt_read_deu(set_owner_t *owner, const char *path,
                               const pacta_backtest_read_options_t *options,
                               const bt_capabilities_t *file_capabilities, pacta_diag_t *diag)
{
    pacta_table_t t;
    pacta_status st = pacta_bt_table_read(&t, path, '\t', diag);
    if (st != PACTA_OK)
        return st;
    deu_reader_t r = {.owner = owner, .t = &t, .diag = diag};
    deu_columns_t c;
    memset(&c, 0, sizeof c);
    deu_rows_t d = {.cap_row = -1};
    double *capability = NULL;
    if (read_header(&r, &c))
        read_rows(&r, &c, &d, options);
    if (d.rows != NULL && !r.oom && r.errors == 0) {
        capability = pacta_arena_alloc(owner->arena, c.n_actors, sizeof(double));
        if (capability == NULL)
            r.oom = true;
        else if (actor_capabilities(&r, &c, d.cap_row, owner->pub.capability, file_capabilities,
                                    capability))
            check_capabilities(&r, &c, &d, capability, file_capabilities);
        else
            capability = NULL;
    }
    if (capability != NULL && !r.oom && r.errors == 0)
        build_proposals(&r, &c, &d, capability);
    pacta_table_free(&t);
    if (r.oom)
        return PACTA_ENOMEM;
    return r.errors > 0 ? PACTA_EINPUT : PACTA_OK;
}
