/* Writes a scenario as format_version 1 YAML. Strings are always double-quoted with
 * JSON-style escapes (valid YAML), so no text can change meaning; numbers use the shortest
 * form that reads back exactly. The layout mirrors docs/scenario-format.md so the output
 * is a good starting point for hand editing. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "scenario/scenario_internal.h"
#include "scenario/yaml_emit.h"

static void put_field(FILE *f, const char *indent, const char *key, const char *value)
{
    if (value == NULL)
        return;
    fprintf(f, "%s%s: ", indent, key);
    pacta_yaml_put_string(f, value);
    fputc('\n', f);
}

static void put_key_number(FILE *f, const char *key, double v)
{
    fprintf(f, ", %s: ", key);
    pacta_yaml_put_number(f, v);
}

static void put_list(FILE *f, const char *key, const double *v, size_t n)
{
    fprintf(f, ", %s: [", key);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", f);
        pacta_yaml_put_number(f, v[i]);
    }
    fputc(']', f);
}

/* An uncertain number's distribution, as the parameters docs/scenario-format.md names. */
static void put_distribution(FILE *f, const pacta_distribution_t *d)
{
    static const char *const names[] = {"normal", "uniform", "triangular", "beta", "choice"};
    fprintf(f, "dist: %s", names[d->kind]);
    switch (d->kind) {
    case PACTA_DIST_NORMAL:
        put_key_number(f, "mean", d->a);
        put_key_number(f, "sd", d->b);
        break;
    case PACTA_DIST_UNIFORM:
        put_key_number(f, "min", d->lo);
        put_key_number(f, "max", d->hi);
        break;
    case PACTA_DIST_TRIANGULAR:
        put_key_number(f, "min", d->lo);
        put_key_number(f, "mode", d->a);
        put_key_number(f, "max", d->hi);
        break;
    case PACTA_DIST_BETA:
        put_key_number(f, "alpha", d->a);
        put_key_number(f, "beta", d->b);
        put_key_number(f, "min", d->lo);
        put_key_number(f, "max", d->hi);
        break;
    case PACTA_DIST_CHOICE:
        put_list(f, "values", d->values, d->n_values);
        put_list(f, "weights", d->weights, d->n_values);
        break;
    }
    fputs(", ", f);
}

/* A value with its provenance: plain when it has none, else a flow mapping. */
static void put_value(FILE *f, const pacta_value_t *v)
{
    if (v->source == NULL && v->note == NULL && v->dist == NULL) {
        pacta_yaml_put_number(f, v->value);
        return;
    }
    fputc('{', f);
    if (v->dist != NULL)
        put_distribution(f, v->dist);
    fputs("value: ", f);
    pacta_yaml_put_number(f, v->value);
    if (v->source) {
        fputs(", source: ", f);
        pacta_yaml_put_string(f, v->source);
    }
    if (v->note) {
        fputs(", note: ", f);
        pacta_yaml_put_string(f, v->note);
    }
    fputc('}', f);
}

/* Provisions or durability facts, one "key: value" line each at the given indent. */
static void write_keyed(FILE *f, const char *indent, const pacta_provision_t *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const pacta_provision_t *pv = &list[i];
        fprintf(f, "%s%s: ", indent, pv->key);
        if (pv->type == PACTA_PROVISION_FLAG) {
            const char *flag = pv->value.value != 0 ? "true" : "false";
            if (pv->value.source == NULL && pv->value.note == NULL) {
                fputs(flag, f);
            } else {
                fprintf(f, "{value: %s", flag);
                if (pv->value.source) {
                    fputs(", source: ", f);
                    pacta_yaml_put_string(f, pv->value.source);
                }
                if (pv->value.note) {
                    fputs(", note: ", f);
                    pacta_yaml_put_string(f, pv->value.note);
                }
                fputc('}', f);
            }
        } else {
            put_value(f, &pv->value);
        }
        fputc('\n', f);
    }
}

static void write_issue(FILE *f, const pacta_issue_t *issue)
{
    fputs("  - id: ", f);
    pacta_yaml_put_string(f, issue->id);
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
            pacta_yaml_put_number(f, a->at.value);
            fputs(", label: ", f);
            pacta_yaml_put_string(f, a->label);
            if (a->at.source) {
                fputs(", source: ", f);
                pacta_yaml_put_string(f, a->at.source);
            }
            if (a->at.note) {
                fputs(", note: ", f);
                pacta_yaml_put_string(f, a->at.note);
            }
            fputs("}\n", f);
        }
    }
    if (issue->units.present) {
        fputs("    units: {name: ", f);
        pacta_yaml_put_string(f, issue->units.name);
        fputs(", at_0: ", f);
        pacta_yaml_put_number(f, issue->units.at_0);
        fputs(", at_100: ", f);
        pacta_yaml_put_number(f, issue->units.at_100);
        fprintf(f, ", decimals: %d}\n", issue->units.decimals);
    }
    if (issue->has_status_quo) {
        fputs("    status_quo: ", f);
        put_value(f, &issue->status_quo);
        fputc('\n', f);
    }
    if (issue->has_outcome) {
        fputs("    outcome: ", f);
        put_value(f, &issue->outcome);
        fputc('\n', f);
    }
}

static void write_actor(FILE *f, const pacta_scenario_t *s, const pacta_actor_t *a)
{
    fputs("  - id: ", f);
    pacta_yaml_put_string(f, a->id);
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
        pacta_yaml_put_string(f, s->issues[k].id);
        fputs(": {position: ", f);
        put_value(f, &st->position);
        fputs(", salience: ", f);
        put_value(f, &st->salience);
        if (st->source) {
            fputs(", source: ", f);
            pacta_yaml_put_string(f, st->source);
        }
        if (st->note) {
            fputs(", note: ", f);
            pacta_yaml_put_string(f, st->note);
        }
        fputs("}\n", f);
    }
    if (written == 0)
        fputs("      {}\n", f);
    if (a->n_adjustments > 0) {
        fputs("    ideal_adjustment:\n", f);
        for (size_t k = 0; k < a->n_adjustments; k++) {
            fputs("      ", f);
            pacta_yaml_put_string(f, s->actors[a->adjustments[k].toward].id);
            fputs(": ", f);
            put_value(f, &a->adjustments[k].weight);
            fputc('\n', f);
        }
    }
}

static void write_proposal(FILE *f, const pacta_scenario_t *s, const pacta_proposal_t *p)
{
    fputs("  - id: ", f);
    pacta_yaml_put_string(f, p->id);
    fputc('\n', f);
    put_field(f, "    ", "name", p->name);
    put_field(f, "    ", "date", p->date);
    if (p->n_sponsors > 0) {
        fputs("    sponsor: [", f);
        for (size_t i = 0; i < p->n_sponsors; i++) {
            if (i)
                fputs(", ", f);
            pacta_yaml_put_string(f, p->sponsors[i]);
        }
        fputs("]\n", f);
    }
    put_field(f, "    ", "source", p->source);
    put_field(f, "    ", "description", p->description);
    put_field(f, "    ", "note", p->note);
    if (p->n_provisions > 0) {
        fputs("    provisions:\n", f);
        write_keyed(f, "      ", p->provisions, p->n_provisions);
    }
    fputs("    positions:\n", f);
    size_t written = 0;
    for (size_t k = 0; k < s->n_issues; k++) {
        if (!p->covers[k])
            continue;
        written++;
        fputs("      ", f);
        pacta_yaml_put_string(f, s->issues[k].id);
        fputs(": ", f);
        put_value(f, &p->positions[k]);
        fputc('\n', f);
    }
    if (written == 0)
        fputs("      {}\n", f);
}

static void put_id_list(FILE *f, const pacta_scenario_t *s, const size_t *actors, size_t n)
{
    fputc('[', f);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", f);
        pacta_yaml_put_string(f, s->actors[actors[i]].id);
    }
    fputc(']', f);
}

static void put_named_value(FILE *f, const char *indent, const char *key, const pacta_value_t *v)
{
    fprintf(f, "%s%s: ", indent, key);
    put_value(f, v);
    fputc('\n', f);
}

static void write_war(FILE *f, const pacta_scenario_t *s)
{
    const pacta_war_t *w = &s->war;
    fputs("\nwar:\n  side_a: ", f);
    put_id_list(f, s, w->side_a, w->n_side_a);
    fputs("\n  side_b: ", f);
    put_id_list(f, s, w->side_b, w->n_side_b);
    fputc('\n', f);
    if (w->p_method == PACTA_P_CAPABILITY)
        fputs("  p: capability\n", f);
    else
        put_named_value(f, "  ", "p", &w->p);
    put_named_value(f, "  ", "cost_a", &w->cost_a);
    put_named_value(f, "  ", "cost_b", &w->cost_b);
    put_named_value(f, "  ", "discount", &w->discount);
    put_named_value(f, "  ", "horizon", &w->horizon);
    fputs("  stake:\n", f);
    for (size_t i = 0; i < w->n_stake; i++) {
        const pacta_stake_issue_t *st = &w->stake[i];
        fputs("    - {issue: ", f);
        pacta_yaml_put_string(f, s->issues[st->issue].id);
        fputs(", weight: ", f);
        put_value(f, &st->weight);
        if (st->declared)
            fprintf(f, ", favours_a: %s", st->a_prefers_high ? "high" : "low");
        fputs("}\n", f);
    }
    if (w->n_shifts > 0)
        fputs("  shifts:\n", f);
    for (size_t i = 0; i < w->n_shifts; i++) {
        const pacta_power_shift_t *sh = &w->shifts[i];
        fputs("    - id: ", f);
        pacta_yaml_put_string(f, sh->id);
        fputc('\n', f);
        if (sh->basis == PACTA_SHIFT_ISSUE) {
            fputs("      issue: ", f);
            pacta_yaml_put_string(f, s->issues[sh->issue].id);
        } else {
            fputs("      provision: ", f);
            pacta_yaml_put_string(f, sh->provision);
        }
        fprintf(f, "\n      effect: ");
        pacta_yaml_put_number(f, sh->effect.value);
        fputc('\n', f);
        put_named_value(f, "      ", "years", &sh->years);
        fprintf(f, "      affects: %s\n", sh->target == PACTA_SHIFT_P ? "p" : "next_cost");
        if (sh->effect.source) {
            fputs("      source: ", f);
            pacta_yaml_put_string(f, sh->effect.source);
            fputc('\n', f);
        }
        if (sh->effect.note) {
            fputs("      note: ", f);
            pacta_yaml_put_string(f, sh->effect.note);
            fputc('\n', f);
        }
    }
    const pacta_reputation_t *r = &w->reputation;
    if (r->present) {
        fputs("  reputation:\n", f);
        put_named_value(f, "    ", "belief", &r->belief);
        put_named_value(f, "    ", "concede_if_resolute", &r->concede_if_resolute);
        put_named_value(f, "    ", "concede_if_irresolute", &r->concede_if_irresolute);
        put_named_value(f, "    ", "next_held", &r->next_held);
        put_named_value(f, "    ", "next_p", &r->next_p);
        put_named_value(f, "    ", "next_cost", &r->next_cost);
    }
}

pacta_status pacta_scenario_write_yaml(const pacta_scenario_t *s, FILE *f)
{
    fprintf(f, "# pacta scenario (docs/scenario-format.md)\nformat_version: %d\n",
            PACTA_FORMAT_VERSION);
    put_field(f, "", "title", s->title);
    put_field(f, "", "description", s->description);
    put_field(f, "", "date", s->date);
    if (s->n_durability > 0) {
        fputs("\ndurability:\n", f);
        write_keyed(f, "  ", s->durability, s->n_durability);
    }
    if (s->n_sources > 0) {
        fputs("\nsources:\n", f);
        for (size_t i = 0; i < s->n_sources; i++) {
            const pacta_source_t *src = &s->sources[i];
            fputs("  - id: ", f);
            pacta_yaml_put_string(f, src->id);
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
            pacta_yaml_put_string(f, model);
            fputs(":\n", f);
            for (size_t j = i; j < s->n_model_settings; j++) {
                const pacta_model_setting_t *set = &s->model_settings[j];
                if (strcmp(set->model, model) != 0)
                    continue;
                fputs("    ", f);
                pacta_yaml_put_string(f, set->key);
                fputs(": ", f);
                pacta_yaml_put_string(f, set->value);
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
    if (s->n_coalitions > 0)
        fputs("\ncoalitions:\n", f);
    for (size_t i = 0; i < s->n_coalitions; i++) {
        const pacta_coalition_t *c = &s->coalitions[i];
        fputs("  - id: ", f);
        pacta_yaml_put_string(f, c->id);
        fputc('\n', f);
        put_field(f, "    ", "name", c->name);
        fputs("    members: ", f);
        put_id_list(f, s, c->members, c->n_members);
        fputc('\n', f);
        put_field(f, "    ", "source", c->source);
        put_field(f, "    ", "note", c->note);
    }
    if (s->war.present)
        write_war(f, s);
    return ferror(f) ? PACTA_EIO : PACTA_OK;
}
