/* Writes a scenario as format_version 1 YAML. Strings are always double-quoted with
 * JSON-style escapes (valid YAML), so no text can change meaning; numbers use the shortest
 * form that reads back exactly. The layout mirrors docs/scenario-format.md so the output
 * is a good starting point for hand editing. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "scenario/scenario_internal.h"

static void put_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(f, "\\x%02x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

static void put_number(FILE *f, double v)
{
    char buf[40];
    pacta_format_double(buf, sizeof buf, v);
    fputs(buf, f);
}

static void put_field(FILE *f, const char *indent, const char *key, const char *value)
{
    if (value == NULL)
        return;
    fprintf(f, "%s%s: ", indent, key);
    put_string(f, value);
    fputc('\n', f);
}

/* A value with its provenance: plain when it has none, else a flow mapping. */
static void put_value(FILE *f, const pacta_value_t *v)
{
    if (v->source == NULL && v->note == NULL) {
        put_number(f, v->value);
        return;
    }
    fputs("{value: ", f);
    put_number(f, v->value);
    if (v->source) {
        fputs(", source: ", f);
        put_string(f, v->source);
    }
    if (v->note) {
        fputs(", note: ", f);
        put_string(f, v->note);
    }
    fputc('}', f);
}

static void write_issue(FILE *f, const pacta_issue_t *issue)
{
    fputs("  - id: ", f);
    put_string(f, issue->id);
    fputc('\n', f);
    put_field(f, "    ", "name", issue->name);
    put_field(f, "    ", "low", issue->low);
    put_field(f, "    ", "high", issue->high);
    put_field(f, "    ", "description", issue->description);
    if (issue->n_anchors > 0) {
        fputs("    anchors:\n", f);
        for (size_t i = 0; i < issue->n_anchors; i++) {
            const pacta_anchor_t *a = &issue->anchors[i];
            fputs("      - {at: ", f);
            put_number(f, a->at.value);
            fputs(", label: ", f);
            put_string(f, a->label);
            if (a->at.source) {
                fputs(", source: ", f);
                put_string(f, a->at.source);
            }
            if (a->at.note) {
                fputs(", note: ", f);
                put_string(f, a->at.note);
            }
            fputs("}\n", f);
        }
    }
    if (issue->units.present) {
        fputs("    units: {name: ", f);
        put_string(f, issue->units.name);
        fputs(", at_0: ", f);
        put_number(f, issue->units.at_0);
        fputs(", at_100: ", f);
        put_number(f, issue->units.at_100);
        fprintf(f, ", decimals: %d}\n", issue->units.decimals);
    }
    if (issue->has_status_quo) {
        fputs("    status_quo: ", f);
        put_value(f, &issue->status_quo);
        fputc('\n', f);
    }
}

static void write_actor(FILE *f, const pacta_scenario_t *s, const pacta_actor_t *a)
{
    fputs("  - id: ", f);
    put_string(f, a->id);
    fputc('\n', f);
    put_field(f, "    ", "name", a->name);
    put_field(f, "    ", "description", a->description);
    fputs("    capability: ", f);
    put_value(f, &a->capability);
    fprintf(f, "\n    veto: %s\n", a->veto ? "true" : "false");
    if (a->has_risk) {
        fputs("    risk: ", f);
        put_value(f, &a->risk);
        fputc('\n', f);
    }
    fputs("    positions:\n", f);
    size_t written = 0;
    for (size_t k = 0; k < s->n_issues; k++) {
        const pacta_stance_t *st = &a->stances[k];
        if (!st->present)
            continue;
        written++;
        fputs("      ", f);
        put_string(f, s->issues[k].id);
        fputs(": {position: ", f);
        put_value(f, &st->position);
        fputs(", salience: ", f);
        put_value(f, &st->salience);
        if (st->source) {
            fputs(", source: ", f);
            put_string(f, st->source);
        }
        if (st->note) {
            fputs(", note: ", f);
            put_string(f, st->note);
        }
        fputs("}\n", f);
    }
    if (written == 0)
        fputs("      {}\n", f);
    if (a->n_adjustments > 0) {
        fputs("    ideal_adjustment:\n", f);
        for (size_t k = 0; k < a->n_adjustments; k++) {
            fputs("      ", f);
            put_string(f, s->actors[a->adjustments[k].toward].id);
            fputs(": ", f);
            put_value(f, &a->adjustments[k].weight);
            fputc('\n', f);
        }
    }
}

static void write_proposal(FILE *f, const pacta_scenario_t *s, const pacta_proposal_t *p)
{
    fputs("  - id: ", f);
    put_string(f, p->id);
    fputc('\n', f);
    put_field(f, "    ", "name", p->name);
    put_field(f, "    ", "date", p->date);
    if (p->n_sponsors > 0) {
        fputs("    sponsor: [", f);
        for (size_t i = 0; i < p->n_sponsors; i++) {
            if (i)
                fputs(", ", f);
            put_string(f, p->sponsors[i]);
        }
        fputs("]\n", f);
    }
    put_field(f, "    ", "source", p->source);
    put_field(f, "    ", "description", p->description);
    put_field(f, "    ", "note", p->note);
    fputs("    positions:\n", f);
    size_t written = 0;
    for (size_t k = 0; k < s->n_issues; k++) {
        if (!p->covers[k])
            continue;
        written++;
        fputs("      ", f);
        put_string(f, s->issues[k].id);
        fputs(": ", f);
        put_value(f, &p->positions[k]);
        fputc('\n', f);
    }
    if (written == 0)
        fputs("      {}\n", f);
}

pacta_status pacta_scenario_write_yaml(const pacta_scenario_t *s, FILE *f)
{
    fprintf(f, "# pacta scenario (docs/scenario-format.md)\nformat_version: %d\n",
            PACTA_FORMAT_VERSION);
    put_field(f, "", "title", s->title);
    put_field(f, "", "description", s->description);
    put_field(f, "", "date", s->date);
    if (s->n_sources > 0) {
        fputs("\nsources:\n", f);
        for (size_t i = 0; i < s->n_sources; i++) {
            const pacta_source_t *src = &s->sources[i];
            fputs("  - id: ", f);
            put_string(f, src->id);
            fputc('\n', f);
            put_field(f, "    ", "title", src->title);
            put_field(f, "    ", "publisher", src->publisher);
            put_field(f, "    ", "date", src->date);
            put_field(f, "    ", "url", src->url);
            put_field(f, "    ", "note", src->note);
        }
    }
    if (s->n_model_settings > 0) {
        fputs("\nmodel_settings:\n", f);
        /* Grouped by model, models in order of first appearance. */
        for (size_t i = 0; i < s->n_model_settings; i++) {
            const char *model = s->model_settings[i].model;
            bool seen = false;
            for (size_t j = 0; j < i && !seen; j++)
                seen = strcmp(s->model_settings[j].model, model) == 0;
            if (seen)
                continue;
            fputs("  ", f);
            put_string(f, model);
            fputs(":\n", f);
            for (size_t j = i; j < s->n_model_settings; j++) {
                const pacta_model_setting_t *set = &s->model_settings[j];
                if (strcmp(set->model, model) != 0)
                    continue;
                fputs("    ", f);
                put_string(f, set->key);
                fputs(": ", f);
                put_string(f, set->value);
                fputc('\n', f);
            }
        }
    }
    fputs("\nissues:\n", f);
    for (size_t k = 0; k < s->n_issues; k++)
        write_issue(f, &s->issues[k]);
    fputs("\nactors:\n", f);
    for (size_t a = 0; a < s->n_actors; a++)
        write_actor(f, s, &s->actors[a]);
    if (s->n_proposals > 0) {
        fputs("\nproposals:\n", f);
        for (size_t p = 0; p < s->n_proposals; p++)
            write_proposal(f, s, &s->proposals[p]);
    }
    return ferror(f) ? PACTA_EIO : PACTA_OK;
}
