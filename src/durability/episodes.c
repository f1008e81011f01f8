/* Building the peace-episode table from UCDP/PRIO conflict episodes and the PA-X agreements
 * linked to them (docs/durability.md §2 states the rule; this file is its implementation).
 *
 * 1. UCDP rows are conflict-years, unnested (one row per combination of state codes), so
 *    rows are first reduced to one per (conflict_id, year); rows of the same conflict-year
 *    must agree on every episode field.
 * 2. A conflict episode is the run of conflict-years sharing start_date2; it has ended when
 *    its last year has ep_end = 1, on ep_end_date.
 * 3. A peace episode starts on that ep_end_date. It ends in recurrence on the start_date2
 *    of the same conflict's next episode, or is censored at the end of the data.
 * 4. PA-X agreements coded with the same UCDP conflict id and dated within the window
 *    around the peace start (and after the war episode began, before any recurrence)
 *    supply the provision covariates; local agreements (Agtp IntraLocal) are left out. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "core/text.h"
#include "durability/episode_sources.h"

void pacta_episode_options_default(pacta_episode_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->window_days = 365;
}

static const char *basename_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static long long file_bytes(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/* ---- the table ---------------------------------------------------------------------------- */

static const char *const base_columns[] = {
    "conflict_id",        "type",         "incompatibility", "war_start",
    "peace_start",        "peace_end",    "years",           "recurred",
    "interstate",         "major_war",    "war_years",       "log_war_years",
    "agreement",          "ceasefire",    "monitoring",      "third_party_guarantee",
    "demilitarised_zone", "withdrawal",   "territorial",     "power_sharing",
    "agreements",         "agreement_ids"};
enum { N_BASE = sizeof base_columns / sizeof base_columns[0] };
static const char *const cow_output_columns[] = {"cow_war", "cow_battle_deaths"};

typedef struct out_table {
    dtable_t *t;
    size_t cap;
    bool oom;
} out_table_t;

static char *arena_printf(pacta_arena_t *arena, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static char *arena_printf(pacta_arena_t *arena, const char *format, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, format);
    vsnprintf(buf, sizeof buf, format, ap);
    va_end(ap);
    return pacta_arena_strdup(arena, buf);
}

static char *arena_number(pacta_arena_t *arena, double v)
{
    char buf[40];
    pacta_format_double(buf, sizeof buf, v);
    return pacta_arena_strdup(arena, buf);
}

static const char **new_row(out_table_t *o)
{
    dtable_t *t = o->t;
    if (t->n_rows == o->cap) {
        size_t cap = o->cap ? 2 * o->cap : 256;
        const char ***cells = pacta_reallocarray(t->cells, cap, sizeof *cells);
        if (cells == NULL) {
            o->oom = true;
            return NULL;
        }
        t->cells = cells;
        int *lines = pacta_reallocarray(t->line, cap, sizeof *lines);
        if (lines == NULL) {
            o->oom = true;
            return NULL;
        }
        t->line = lines;
        o->cap = cap;
    }
    const char **row = pacta_arena_alloc(t->arena, t->n_cols, sizeof(char *));
    if (row == NULL) {
        o->oom = true;
        return NULL;
    }
    t->cells[t->n_rows] = row;
    t->line[t->n_rows] = 0;
    t->n_rows++;
    return row;
}

static bool add_comment(out_table_t *o, char *text)
{
    dtable_t *t = o->t;
    char **grown = pacta_reallocarray(t->comments, t->n_comments + 1, sizeof *grown);
    if (grown == NULL || text == NULL) {
        if (grown)
            t->comments = grown;
        o->oom = true;
        return false;
    }
    t->comments = grown;
    t->comments[t->n_comments++] = text;
    return true;
}

/* COW war matching the episode's state pair in one of its years; deaths summed for the
 * two states (-1 when unknown). */
static bool match_cow(const cow_row_t *cow, size_t n_cow, const conflict_year_t *years,
                      size_t n_years, long *war, long *deaths)
{
    for (size_t y = 0; y < n_years; y++) {
        long a = years[y].gwno_a, b = years[y].gwno_b;
        if (a == 0 || b == 0)
            continue;
        for (size_t i = 0; i < n_cow; i++) {
            const cow_row_t *c = &cow[i];
            if (c->year != years[y].year ||
                !((c->c1 == a && c->c2 == b) || (c->c1 == b && c->c2 == a)))
                continue;
            *war = c->war;
            *deaths = c->deaths1 >= 0 && c->deaths2 >= 0 ? c->deaths1 + c->deaths2 : -1;
            return true;
        }
    }
    return false;
}

/* ---- the build, step by step -------------------------------------------------------------- */

/* The three inputs, read and reduced. */
typedef struct inputs {
    dtable_t ucdp, pax, cowt;
    conflict_year_t *cy;
    agreement_t *ag;
    cow_row_t *cow;
    size_t n_cy, n_ag, n_cow;
    long last_year, pax_first, pax_last;
} inputs_t;

static void free_inputs(inputs_t *in)
{
    pacta_free(in->cy);
    pacta_free(in->ag);
    pacta_free(in->cow);
    pacta_dtable_free(&in->ucdp);
    pacta_dtable_free(&in->pax);
    pacta_dtable_free(&in->cowt);
}

/* Read every file before giving up, so one run reports the problems of all three. */
static pacta_status read_inputs(const pacta_episode_options_t *o, inputs_t *in, pacta_diag_t *diag)
{
    pacta_status st = pacta_dtable_read(&in->ucdp, o->ucdp, false, diag);
    pacta_status st2 = pacta_dtable_read(&in->pax, o->pax, false, diag);
    if (st == PACTA_OK)
        st = pacta_episodes_read_ucdp(&in->ucdp, diag, &in->cy, &in->n_cy, &in->last_year);
    if (st2 == PACTA_OK)
        st2 = pacta_episodes_read_pax(&in->pax, diag, &in->ag, &in->n_ag, &in->pax_first, &in->pax_last);
    if (st == PACTA_OK)
        st = st2;
    if (o->cow != NULL) {
        st2 = pacta_dtable_read(&in->cowt, o->cow, false, diag);
        if (st2 == PACTA_OK)
            st2 = pacta_episodes_read_cow(&in->cowt, diag, &in->cow, &in->n_cow);
        if (st == PACTA_OK)
            st = st2;
    }
    if (st == PACTA_OK && in->n_cy == 0) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, in->ucdp.file, 0, 0, "",
                       "the file has no conflict-years");
        st = PACTA_EINPUT;
    }
    return st;
}

/* Which peace starts are kept, and where the data end. */
typedef struct window {
    long from, to, censor; /* days */
} window_t;

/* The options' dates, or by default: peace starts from the window after the January of the
 * first PA-X agreement to the window before the last, censored at the end of UCDP's last
 * year. */
static bool make_window(const pacta_episode_options_t *o, const inputs_t *in, window_t *w)
{
    if ((o->from && !pacta_parse_date(o->from, &w->from)) ||
        (o->to && !pacta_parse_date(o->to, &w->to)) ||
        (o->censor && !pacta_parse_date(o->censor, &w->censor)))
        return false;
    if (in == NULL)
        return true;
    char first_pax[11];
    pacta_days_to_date(in->pax_first, first_pax);
    first_pax[5] = '0', first_pax[6] = '1', first_pax[8] = '0', first_pax[9] = '1';
    if (o->from == NULL)
        w->from = pacta_date_to_days(first_pax) + o->window_days;
    if (o->to == NULL)
        w->to = in->pax_last - o->window_days;
    if (o->censor == NULL) {
        char end[16];
        snprintf(end, sizeof end, "%04ld-12-31", in->last_year);
        w->censor = pacta_date_to_days(end);
    }
    return true;
}

/* An empty episode table with the base columns and, with COW, the war columns. */
static pacta_status create_table(pacta_episodes_t **out, bool with_cow)
{
    pacta_episodes_t *e = pacta_calloc(1, sizeof *e);
    if (e == NULL)
        return PACTA_ENOMEM;
    dtable_t *t = &e->table;
    t->arena = pacta_arena_create();
    t->file = "episodes";
    t->n_cols = N_BASE + (with_cow ? 2 : 0);
    t->header = t->arena ? pacta_arena_alloc(t->arena, t->n_cols, sizeof(char *)) : NULL;
    if (t->header == NULL) {
        pacta_episodes_destroy(e);
        return PACTA_ENOMEM;
    }
    for (size_t j = 0; j < N_BASE; j++)
        t->header[j] = base_columns[j];
    if (with_cow) {
        t->header[N_BASE] = cow_output_columns[0];
        t->header[N_BASE + 1] = cow_output_columns[1];
    }
    *out = e;
    return PACTA_OK;
}

/* One peace episode: the conflict-years of the war before it and how it ends. */
typedef struct episode {
    const conflict_year_t *years; /* the war episode's years, years[n_years - 1] the last */
    size_t n_years;
    long peace_start, peace_end; /* days */
    bool recurred;
} episode_t;

/* The provisions of the agreements that cover an episode. */
typedef struct provisions {
    bool any, ceasefire, monitoring, guarantee, dmz, withdrawal, territorial, power_sharing;
    size_t count;
    char ids[2048]; /* agreement ids, ';'-separated */
} provisions_t;

/* Agreements: same conflict, within the window, after the war began and before any
 * recurrence; local agreements excluded. */
static void gather_provisions(const inputs_t *in, long window_days, const episode_t *ep,
                              provisions_t *p)
{
    const conflict_year_t *first = &ep->years[0], *last = &ep->years[ep->n_years - 1];
    memset(p, 0, sizeof *p);
    for (size_t a = 0; a < in->n_ag; a++) {
        const agreement_t *g = &in->ag[a];
        if (g->conflict != last->id || g->local || g->date < first->start2 ||
            g->date < ep->peace_start - window_days || g->date > ep->peace_start + window_days ||
            (ep->recurred && g->date >= ep->peace_end))
            continue;
        p->any = true;
        p->ceasefire |= g->ceasefire;
        p->monitoring |= g->monitoring;
        p->guarantee |= g->guarantee;
        p->dmz |= g->dmz;
        p->withdrawal |= g->withdrawal;
        p->territorial |= g->territorial;
        p->power_sharing |= g->power_sharing;
        p->count++;
        size_t used = strlen(p->ids);
        if (used + 24 < sizeof p->ids)
            snprintf(p->ids + used, sizeof p->ids - used, "%s%ld", used ? ";" : "", g->id);
    }
}

/* Append the row of one episode (the columns of base_columns, then COW's). */
static void write_episode(out_table_t *ot, const inputs_t *in, const pacta_episode_options_t *o,
                          const episode_t *ep)
{
    const conflict_year_t *first = &ep->years[0], *last = &ep->years[ep->n_years - 1];
    long intensity = 1;
    for (size_t k = 0; k < ep->n_years; k++)
        intensity = ep->years[k].intensity > intensity ? ep->years[k].intensity : intensity;
    double war_years = (double)(ep->peace_start - first->start2 + 1) / 365.25;
    provisions_t p;
    gather_provisions(in, o->window_days, ep, &p);
    const char **row = new_row(ot);
    if (row == NULL)
        return;
    pacta_arena_t *A = ot->t->arena;
    char d0[11], d1[11], d2[11];
    pacta_days_to_date(first->start2, d0);
    pacta_days_to_date(ep->peace_start, d1);
    pacta_days_to_date(ep->peace_end, d2);
    size_t c = 0;
    row[c++] = arena_printf(A, "%ld", last->id);
    row[c++] = pacta_arena_strdup(A, last->type);
    row[c++] = pacta_arena_strdup(A, last->incompatibility);
    row[c++] = pacta_arena_strdup(A, d0);
    row[c++] = pacta_arena_strdup(A, d1);
    row[c++] = pacta_arena_strdup(A, d2);
    row[c++] = arena_number(A, (double)(ep->peace_end - ep->peace_start) / 365.25);
    row[c++] = arena_printf(A, "%d", ep->recurred ? 1 : 0);
    row[c++] = arena_printf(A, "%d", strcmp(last->type, "interstate") == 0);
    row[c++] = arena_printf(A, "%d", intensity == 2);
    row[c++] = arena_number(A, war_years);
    row[c++] = arena_number(A, log1p(war_years));
    const bool flags[] = {p.any, p.ceasefire,  p.monitoring,  p.guarantee,
                          p.dmz, p.withdrawal, p.territorial, p.power_sharing};
    for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++)
        row[c++] = arena_printf(A, "%d", flags[k]);
    row[c++] = arena_printf(A, "%zu", p.count);
    row[c++] = pacta_arena_strdup(A, p.ids);
    if (o->cow) {
        long war = 0, deaths = -1;
        bool found = strcmp(last->type, "interstate") == 0 &&
                     match_cow(in->cow, in->n_cow, first, ep->n_years, &war, &deaths);
        row[c++] = found ? arena_printf(A, "%ld", war) : pacta_arena_strdup(A, "");
        row[c++] =
            found && deaths >= 0 ? arena_printf(A, "%ld", deaths) : pacta_arena_strdup(A, "");
    }
    for (size_t k = 0; k < c; k++)
        if (row[k] == NULL)
            ot->oom = true;
}

/* Walk conflicts; within one, episodes are runs of years with the same start_date2. Adds a
 * row for every peace episode that starts inside the window; counts the recurrences. */
static pacta_status walk_episodes(out_table_t *ot, const inputs_t *in,
                                  const pacta_episode_options_t *o, const window_t *w,
                                  size_t *recurrences, pacta_diag_t *diag)
{
    const conflict_year_t *cy = in->cy;
    for (size_t i = 0; i < in->n_cy && !ot->oom;) {
        size_t j = i;
        while (j < in->n_cy && cy[j].id == cy[i].id && cy[j].start2 == cy[i].start2)
            j++;
        const conflict_year_t *last = &cy[j - 1];
        /* The next episode of the same conflict, if any, is where peace ends. */
        episode_t ep = {&cy[i], j - i, last->end_date, 0, j < in->n_cy && cy[j].id == cy[i].id};
        ep.peace_end = ep.recurred ? cy[j].start2 : w->censor;
        i = j;
        if (last->ep_end != 1 || ep.peace_start < w->from || ep.peace_start > w->to)
            continue;
        if (!ep.recurred && ep.peace_end < ep.peace_start)
            continue; /* starts after the censoring date */
        if (ep.peace_end < ep.peace_start) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, in->ucdp.file, in->ucdp.line[cy[j].row], 0,
                            "start_date2",
                            "conflict %ld restarts before its previous episode ended", last->id);
            return PACTA_EINPUT;
        }
        write_episode(ot, in, o, &ep);
        *recurrences += ep.recurred;
    }
    return ot->oom ? PACTA_ENOMEM : PACTA_OK;
}

/* Provenance, written as the file's leading comment lines. */
static pacta_status add_provenance(out_table_t *ot, const inputs_t *in,
                                   const pacta_episode_options_t *o, const window_t *w,
                                   size_t recurrences)
{
    pacta_arena_t *A = ot->t->arena;
    char df[11], dt[11], dc[11], p0[11], p1[11];
    pacta_days_to_date(w->from, df);
    pacta_days_to_date(w->to, dt);
    pacta_days_to_date(w->censor, dc);
    pacta_days_to_date(in->pax_first, p0);
    pacta_days_to_date(in->pax_last, p1);
    add_comment(ot, arena_printf(A, "pacta durability episodes: rule %s, pacta %s",
                                 PACTA_EPISODE_RULE, PACTA_VERSION_STRING));
    add_comment(ot, arena_printf(A, "ucdp: %s (%lld bytes, %zu rows, %zu conflict-years to %ld)",
                                 basename_of(o->ucdp), file_bytes(o->ucdp), in->ucdp.n_rows,
                                 in->n_cy, in->last_year));
    add_comment(ot, arena_printf(A, "pax: %s (%lld bytes, %zu agreements, %s to %s)",
                                 basename_of(o->pax), file_bytes(o->pax), in->n_ag, p0, p1));
    if (o->cow)
        add_comment(ot, arena_printf(A, "cow: %s (%lld bytes, %zu dyad-years)", basename_of(o->cow),
                                     file_bytes(o->cow), in->n_cow));
    add_comment(ot, arena_printf(A,
                                 "episodes: peace starts %s to %s; agreements within %ld days; "
                                 "censored %s",
                                 df, dt, o->window_days, dc));
    add_comment(
        ot, arena_printf(A, "count: %zu episodes, %zu recurrences", ot->t->n_rows, recurrences));
    add_comment(ot, arena_printf(A, "definitions: docs/durability.md section 2"));
    return ot->oom ? PACTA_ENOMEM : PACTA_OK;
}

pacta_status pacta_episodes_build(pacta_episodes_t **out, const pacta_episode_options_t *o,
                                  pacta_diag_t *diag)
{
    *out = NULL;
    window_t w = {0, 0, 0};
    if (o == NULL || o->ucdp == NULL || o->pax == NULL || o->window_days < 0 ||
        o->window_days > 36500 || !make_window(o, NULL, &w))
        return PACTA_EINVAL;
    inputs_t in = {0};
    pacta_episodes_t *e = NULL;
    pacta_status st = read_inputs(o, &in, diag);
    if (st == PACTA_OK) {
        make_window(o, &in, &w);
        st = create_table(&e, o->cow != NULL);
    }
    out_table_t ot = {e ? &e->table : NULL, 0, false};
    size_t recurrences = 0;
    if (st == PACTA_OK)
        st = walk_episodes(&ot, &in, o, &w, &recurrences, diag);
    if (st == PACTA_OK)
        st = add_provenance(&ot, &in, o, &w, recurrences);
    if (st == PACTA_OK) {
        if (e->table.n_rows == 0)
            pacta_diag_add(diag, PACTA_SEVERITY_WARNING, o->ucdp, 0, 0, "",
                           "no peace episode starts inside the window");
        *out = e;
        e = NULL;
    }
    pacta_episodes_destroy(e);
    free_inputs(&in);
    return st;
}

pacta_status pacta_episodes_load(pacta_episodes_t **out, const char *path, pacta_diag_t *diag)
{
    *out = NULL;
    pacta_episodes_t *e = pacta_calloc(1, sizeof *e);
    if (e == NULL)
        return PACTA_ENOMEM;
    pacta_status st = pacta_dtable_read(&e->table, path, true, diag);
    if (st != PACTA_OK) {
        pacta_free(e);
        return st;
    }
    *out = e;
    return PACTA_OK;
}

size_t pacta_episodes_count(const pacta_episodes_t *e)
{
    return e ? e->table.n_rows : 0;
}

void pacta_episodes_destroy(pacta_episodes_t *e)
{
    if (e == NULL)
        return;
    pacta_dtable_free(&e->table);
    pacta_free(e);
}

/* A CSV field, quoted when it holds a separator, quote or line break, begins or ends with
 * a blank (which the reader would trim from an unquoted field), or begins with '#' or a
 * byte-order mark (which would make the header line a comment, or be skipped at the start
 * of the file). */
static void put_field(FILE *f, const char *s)
{
    size_t n = strlen(s);
    bool edge = n > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '#' || s[n - 1] == ' ' ||
                          s[n - 1] == '\t' || strncmp(s, "\xEF\xBB\xBF", 3) == 0);
    if (!edge && strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

pacta_status pacta_episodes_write_csv(const pacta_episodes_t *e, FILE *f)
{
    const dtable_t *t = &e->table;
    for (size_t i = 0; i < t->n_comments; i++)
        fprintf(f, "# %s\n", t->comments[i]);
    for (size_t j = 0; j < t->n_cols; j++) {
        if (j)
            fputc(',', f);
        put_field(f, t->header[j]);
    }
    fputc('\n', f);
    for (size_t i = 0; i < t->n_rows; i++) {
        for (size_t j = 0; j < t->n_cols; j++) {
            if (j)
                fputc(',', f);
            put_field(f, t->cells[i][j] ? t->cells[i][j] : "");
        }
        fputc('\n', f);
    }
    return ferror(f) ? PACTA_EIO : PACTA_OK;
}
