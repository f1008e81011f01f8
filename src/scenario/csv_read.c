/* Reads the flat actor table used by the field's tools: one row per actor with name,
 * capability, then position and salience per issue (docs/scenario-format.md). libcsv does
 * the RFC 4180 parsing; this file maps columns to the scenario model and checks values. */
#include <csv.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/text.h"
#include "scenario/scenario_internal.h"
#include "scenario/csv_table.h"
#include "scenario/scenario_readers.h"

/* ---- header ---------------------------------------------------------------------------- */

/* Lower-case copy with spaces, '_', '-', ':' and '.' removed, for matching header names. */
static void normalise(const char *in, char *out, size_t size)
{
    size_t k = 0;
    for (size_t i = 0; in[i] != '\0' && k + 1 < size; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c == ' ' || c == '_' || c == '-' || c == ':' || c == '.' || c == '\t')
            continue;
        out[k++] = (char)tolower(c);
    }
    out[k] = '\0';
}

/* If header ends with word (after separators), return the length of the prefix without
 * trailing separators; -1 otherwise. */
static long suffix_prefix(const char *header, const char *word)
{
    size_t n = strlen(header), m = strlen(word);
    if (n < m)
        return -1;
    for (size_t i = 0; i < m; i++)
        if (tolower((unsigned char)header[n - m + i]) != word[i])
            return -1;
    size_t end = n - m;
    while (end > 0 && strchr(" _-:.\t", header[end - 1]) != NULL)
        end--;
    if (end > 0 && end == n - m)
        return -1; /* "Xposition" without a separator is not "<X> position" */
    return (long)end;
}


typedef struct issue_columns {
    char *name;
    long position;
    long salience;
} issue_columns_t;

typedef struct layout {
    long actor, capability, veto, risk;
    issue_columns_t *issues;
    size_t n_issues;
} layout_t;

static issue_columns_t *issue_named(layout_t *l, const char *name)
{
    for (size_t i = 0; i < l->n_issues; i++)
        if (strcmp(l->issues[i].name, name) == 0)
            return &l->issues[i];
    return NULL;
}

static bool read_header(scenario_builder_t *b, const pacta_table_row_t *header, layout_t *l)
{
    l->actor = l->capability = l->veto = l->risk = -1;
    l->issues = pacta_builder_alloc(b, header->count, sizeof(issue_columns_t));
    if (l->issues == NULL)
        return false;
    bool ok = true;
    for (size_t i = 0; i < header->count; i++) {
        const char *h = header->cells[i].text;
        char norm[128];
        normalise(h, norm, sizeof norm);
        pacta_location_t at = {header->line, 0};
        char field[96];
        snprintf(field, sizeof field, "header column %zu", i + 1);
        long *slot = NULL;
        if (strcmp(norm, "actor") == 0 || strcmp(norm, "name") == 0)
            slot = &l->actor;
        else if (strcmp(norm, "capability") == 0)
            slot = &l->capability;
        else if (strcmp(norm, "veto") == 0)
            slot = &l->veto;
        else if (strcmp(norm, "risk") == 0)
            slot = &l->risk;
        if (slot != NULL) {
            if (*slot >= 0) {
                pacta_builder_error(b, at, field, "column '%s' appears twice", h);
                ok = false;
            }
            *slot = (long)i;
            continue;
        }
        long pre_p = suffix_prefix(h, "position");
        long pre_s = suffix_prefix(h, "salience");
        long pre = pre_p >= 0 ? pre_p : pre_s;
        if (pre < 0) {
            pacta_builder_error(
                b, at, field,
                "unknown column '%s'; expected Actor, Capability, Veto, Risk, "
                "Position and Salience, or '<issue> Position' and '<issue> Salience'",
                h);
            ok = false;
            continue;
        }
        char *name = pacta_builder_strndup(b, h, (size_t)pre);
        if (name == NULL)
            return false;
        issue_columns_t *ic = issue_named(l, name);
        if (ic == NULL) {
            ic = &l->issues[l->n_issues++];
            ic->name = name;
            ic->position = ic->salience = -1;
        }
        long *target = pre_p >= 0 ? &ic->position : &ic->salience;
        if (*target >= 0) {
            pacta_builder_error(b, at, field, "column '%s' appears twice", h);
            ok = false;
        }
        *target = (long)i;
    }
    pacta_location_t at = {header->line, 0};
    if (l->actor < 0) {
        pacta_builder_error(b, at, "header", "missing required column 'Actor' (or 'Name')");
        ok = false;
    }
    if (l->capability < 0) {
        pacta_builder_error(b, at, "header", "missing required column 'Capability'");
        ok = false;
    }
    if (l->n_issues == 0) {
        pacta_builder_error(b, at, "header",
                            "no issue columns: expected 'Position' and 'Salience' (one issue) or "
                            "'<issue> Position' and '<issue> Salience' pairs");
        ok = false;
    }
    for (size_t k = 0; k < l->n_issues; k++) {
        issue_columns_t *ic = &l->issues[k];
        const char *label = ic->name[0] ? ic->name : "the issue";
        if (ic->position < 0) {
            pacta_builder_error(b, at, "header",
                                "'%s' has a salience column but no position column", label);
            ok = false;
        }
        if (ic->salience < 0) {
            pacta_builder_error(b, at, "header",
                                "'%s' has a position column but no salience column", label);
            ok = false;
        }
    }
    return ok;
}

/* ---- rows ------------------------------------------------------------------------------ */


static bool parse_bool_cell(const char *s, bool *out)
{
    char norm[16];
    normalise(s, norm, sizeof norm);
    if (!strcmp(norm, "true") || !strcmp(norm, "yes") || !strcmp(norm, "1") || !strcmp(norm, "y")) {
        *out = true;
        return true;
    }
    if (!strcmp(norm, "false") || !strcmp(norm, "no") || !strcmp(norm, "0") || !strcmp(norm, "n") ||
        !strcmp(norm, "")) {
        *out = false;
        return true;
    }
    return false;
}

static void read_actor_row(scenario_builder_t *b, const pacta_table_row_t *row, const layout_t *l,
                           const pacta_csv_options_t *o, pacta_actor_t *actor,
                           const pacta_issue_t *issues)
{
    pacta_location_t at = {row->line, 0};
    actor->at = at;
    pacta_stance_t *stances = pacta_builder_alloc(b, l->n_issues, sizeof(pacta_stance_t));
    if (stances == NULL)
        return;
    actor->stances = stances;
    const pacta_table_cell_t *name = &row->cells[l->actor];
    char field[160];
    if (pacta_csv_cell_blank(row, l->actor)) {
        pacta_builder_error(b, at, "Actor", "the actor's name is empty");
    } else if (name->length > PACTA_MAX_TEXT_BYTES) {
        pacta_builder_error(b, at, "Actor", "the name is longer than %d bytes",
                            PACTA_MAX_TEXT_BYTES);
    } else {
        actor->name = name->text;
        actor->id = pacta_builder_make_id(b, name->text, name->length);
    }
    const char *who = actor->name ? actor->name : "?";
    snprintf(field, sizeof field, "%s.Capability", who);
    actor->capability.at = at;
    if (pacta_csv_cell_number(b, row, l->capability, field, &actor->capability.value) &&
        actor->capability.value < 0)
        pacta_builder_error(b, at, field, "is negative; capability must be at least 0");
    if (l->veto >= 0 && !parse_bool_cell(row->cells[l->veto].text, &actor->veto)) {
        snprintf(field, sizeof field, "%s.Veto", who);
        pacta_builder_error(b, at, field, "'%.20s' is not true/false/yes/no/1/0",
                            row->cells[l->veto].text);
    }
    if (l->risk >= 0 && !pacta_csv_cell_blank(row, l->risk)) {
        snprintf(field, sizeof field, "%s.Risk", who);
        actor->risk.at = at;
        if (pacta_csv_cell_number(b, row, l->risk, field, &actor->risk.value)) {
            if (actor->risk.value < 0.1 || actor->risk.value > 10)
                pacta_builder_error(b, at, field, "is outside the range 0.1 to 10");
            else
                actor->has_risk = true;
        }
    }
    for (size_t k = 0; k < l->n_issues; k++) {
        const issue_columns_t *ic = &l->issues[k];
        bool no_pos = pacta_csv_cell_blank(row, ic->position),
             no_sal = pacta_csv_cell_blank(row, ic->salience);
        if (no_pos && no_sal)
            continue;
        pacta_stance_t *st = &stances[k];
        st->at = at;
        st->position.at = st->salience.at = at;
        char pfield[160], sfield[160];
        snprintf(pfield, sizeof pfield, "%s.%s.position", who, issues[k].id);
        snprintf(sfield, sizeof sfield, "%s.%s.salience", who, issues[k].id);
        if (no_pos || no_sal) {
            pacta_builder_error(b, at, no_pos ? pfield : sfield,
                                "is blank while the %s is given; give both or neither",
                                no_pos ? "salience" : "position");
            continue;
        }
        double x, s;
        bool ok = pacta_csv_cell_number(b, row, ic->position, pfield, &x);
        ok = pacta_csv_cell_number(b, row, ic->salience, sfield, &s) && ok;
        if (!ok)
            continue;
        if (o->has_scale) {
            double lo = o->scale_low, hi = o->scale_high;
            if (x < fmin(lo, hi) || x > fmax(lo, hi)) {
                pacta_builder_error(b, at, pfield, "%g is outside the scale %g to %g", x, lo, hi);
                ok = false;
            }
            x = (x - lo) / (hi - lo) * 100.0;
        } else if (x < 0 || x > 100) {
            pacta_builder_error(
                b, at, pfield,
                "%g is outside 0 to 100; if positions are in another unit, give its "
                "range with --scale LO:HI",
                x);
            ok = false;
        }
        s *= 100.0 / o->salience_scale;
        if (s < 0 || s > 100) {
            pacta_builder_error(b, at, sfield, "%g is outside 0 to %g",
                                s * o->salience_scale / 100.0, o->salience_scale);
            ok = false;
        }
        st->position.value = x;
        st->salience.value = s;
        st->present = ok;
    }
}

static const char *file_stem(const char *path, size_t *length)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    *length = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return base;
}

pacta_status pacta_scenario_read_csv(pacta_scenario_t **out, const char *text, size_t length,
                                     const char *name, const pacta_csv_options_t *options,
                                     bool ktab_only, pacta_diag_t *diag)
{
    *out = NULL;
    scenario_builder_t b;
    pacta_status st = pacta_builder_init(&b, name, diag);
    if (st != PACTA_OK)
        return st;
    if (!(options->salience_scale == 1.0 || options->salience_scale == 100.0) ||
        (options->has_scale &&
         (!isfinite(options->scale_low) || !isfinite(options->scale_high) ||
          options->scale_low == options->scale_high))) {
        pacta_builder_finish(&b, out);
        return PACTA_EINVAL;
    }
    pacta_scenario_t *s = &b.owner->pub;
    pacta_table_t t;
    layout_t l;
    memset(&l, 0, sizeof l);
    if (!pacta_csv_table_parse(&b, &t, text, length))
        goto done;
    size_t ktab_first = 0;
    if (pacta_ktab_csv_detect(&t, &ktab_first)) {
        /* KTAB's format fixes positions and saliences to 0-100. */
        if (options->has_scale || options->salience_scale != 100.0 || options->unit_name)
            pacta_builder_warning(&b, (pacta_location_t){t.rows[ktab_first].line, 0}, "",
                                  "this is a KTAB scenario, whose positions and saliences are on "
                                  "0-100; --scale, --unit and --salience-scale are ignored");
        pacta_ktab_csv_read(&b, &t, ktab_first);
        pacta_scenario_check_semantics(&b);
        goto done;
    }
    if (ktab_only) {
        pacta_builder_error(&b, (pacta_location_t){1, 0}, "",
                            "not in KTAB's CSV layout: its first line must give the scenario name, "
                            "a description, the number of actors and the number of dimensions");
        goto done;
    }
    size_t first = 0;
    while (first < t.n_rows && pacta_table_row_blank(&t.rows[first]))
        first++;
    if (first == t.n_rows) {
        pacta_builder_error(&b, (pacta_location_t){1, 0}, "", "the table has no header row");
        goto done;
    }
    if (!read_header(&b, &t.rows[first], &l))
        goto done;

    size_t stem_len;
    const char *stem = file_stem(name, &stem_len);
    pacta_issue_t *issues = pacta_builder_alloc(&b, l.n_issues, sizeof(pacta_issue_t));
    if (issues == NULL)
        goto done;
    for (size_t k = 0; k < l.n_issues; k++) {
        pacta_issue_t *issue = &issues[k];
        const char *label = l.issues[k].name;
        size_t label_len = strlen(label);
        if (label_len == 0) {
            label = stem;
            label_len = stem_len;
        }
        issue->id = pacta_builder_make_id(&b, label, label_len);
        issue->name = pacta_builder_strndup(&b, label, label_len);
        issue->at = (pacta_location_t){t.rows[first].line, 0};
        char lo[64], hi[64];
        if (options->has_scale) {
            snprintf(lo, sizeof lo, "%g%s%s", options->scale_low, options->unit_name ? " " : "",
                     options->unit_name ? options->unit_name : "");
            snprintf(hi, sizeof hi, "%g%s%s", options->scale_high, options->unit_name ? " " : "",
                     options->unit_name ? options->unit_name : "");
            issue->units.present = true;
            issue->units.name =
                pacta_builder_strndup(&b, options->unit_name ? options->unit_name : "units",
                                      strlen(options->unit_name ? options->unit_name : "units"));
            issue->units.at_0 = options->scale_low;
            issue->units.at_100 = options->scale_high;
            issue->units.decimals = 2;
        } else {
            snprintf(lo, sizeof lo, "position 0");
            snprintf(hi, sizeof hi, "position 100");
        }
        issue->low = pacta_builder_strndup(&b, lo, strlen(lo));
        issue->high = pacta_builder_strndup(&b, hi, strlen(hi));
        for (size_t j = 0; j < k; j++)
            if (issue->id && issues[j].id && strcmp(issue->id, issues[j].id) == 0)
                pacta_builder_error(&b, issue->at, "header",
                                    "two issue columns give the same issue id '%s'", issue->id);
    }
    s->issues = issues;
    s->n_issues = l.n_issues;

    size_t n_rows = 0;
    for (size_t i = first + 1; i < t.n_rows; i++)
        if (!pacta_table_row_blank(&t.rows[i]))
            n_rows++;
    pacta_actor_t *actors = pacta_builder_alloc(&b, n_rows, sizeof(pacta_actor_t));
    if (actors == NULL)
        goto done;
    size_t n = 0;
    for (size_t i = first + 1; i < t.n_rows; i++) {
        const pacta_table_row_t *row = &t.rows[i];
        if (pacta_table_row_blank(row))
            continue;
        if (row->count != t.rows[first].count) {
            pacta_builder_error(&b, (pacta_location_t){row->line, 0}, "",
                                "the row has %zu fields but the header has %zu", row->count,
                                t.rows[first].count);
            continue;
        }
        read_actor_row(&b, row, &l, options, &actors[n], issues);
        /* Ids made from names must stay unique: "Ukraine" and "ukraine" would collide. */
        if (actors[n].id != NULL)
            for (size_t j = 0; j < n; j++)
                if (actors[j].id && strcmp(actors[j].id, actors[n].id) == 0) {
                    pacta_builder_error(&b, actors[n].at, "Actor",
                                        "'%s' gives the same id '%s' as the actor on line %d",
                                        actors[n].name, actors[n].id, actors[j].at.line);
                    break;
                }
        if (actors[n].stances == NULL)
            continue;
        n++;
    }
    s->actors = actors;
    s->n_actors = n;
    if (n_rows == 0 && t.end != PACTA_TABLE_SYNTAX)
        pacta_builder_error(&b, (pacta_location_t){t.rows[first].line, 0}, "",
                            "the table has a header but no actor rows");
    char title[256];
    if (options->title)
        snprintf(title, sizeof title, "%s", options->title);
    else
        snprintf(title, sizeof title, "Actors from %.*s", (int)stem_len, stem);
    s->title = pacta_builder_strndup(&b, title, strlen(title));
    pacta_scenario_check_semantics(&b);
done:
    pacta_table_free(&t);
    return pacta_builder_finish(&b, out);
}
