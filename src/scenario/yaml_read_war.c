/* Reads the sections the settlement analysis needs: `coalitions:` (groups of actors whose
 * cohesion a deal may test) and `war:` (the belligerents, the odds and costs of fighting
 * on, the contested stake, power shifts, reputation parameters). Format:
 * docs/scenario-format.md; meaning: docs/models.md, "Settlement analysis". */
#include <math.h>
#include <string.h>

#include "core/tolerance.h"
#include "scenario/scenario_readers.h"
#include "scenario/yaml_fields.h"

/* One actor id or a list of them, resolved to indices. Returns the number kept. */
static size_t actor_list(reader_t *r, const ynode_t *node, const char *path, size_t **out)
{
    *out = NULL;
    size_t n = node->kind == YNODE_SEQUENCE ? node->count : 1;
    size_t *indices = pacta_builder_alloc(r->b, n, sizeof(size_t));
    if (indices == NULL)
        return 0;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        const ynode_t *item = node->kind == YNODE_SEQUENCE ? node->values[i] : node;
        char sub[PATH_MAX_BYTES];
        if (node->kind == YNODE_SEQUENCE)
            pacta_yaml_path_printf(sub, "%s[%zu]", path, i);
        else
            pacta_yaml_path_printf(sub, "%s", path);
        const char *id = pacta_yaml_text(r, item, sub, PACTA_MAX_ID_BYTES, false);
        if (id == NULL)
            continue;
        long a = pacta_id_index_find(&r->actors, id);
        if (a < 0) {
            pacta_yaml_unknown_reference(r, item, sub, &r->actors, "actor", "actors", id);
            continue;
        }
        bool repeated = false;
        for (size_t k = 0; k < kept; k++)
            repeated |= indices[k] == (size_t)a;
        if (repeated) {
            pacta_builder_error(r->b, pacta_yaml_loc(item), sub, "actor '%s' is listed twice", id);
            continue;
        }
        indices[kept++] = (size_t)a;
    }
    *out = indices;
    return kept;
}

/* ---- coalitions ------------------------------------------------------------------------ */

static const char *const coalition_keys[] = {"id", "name", "members", "note", "source", NULL};
static const char *const coalition_required[] = {"id", "name", "members", NULL};

void pacta_scenario_read_coalitions(reader_t *r, const ynode_t *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    yaml_records_t rec;
    if (!pacta_yaml_records_begin(r, root, "coalitions", PACTA_MAX_COALITIONS,
                                  sizeof(pacta_coalition_t), &rec))
        return;
    pacta_coalition_t *coalitions = rec.items;
    const char **ids = rec.ids;
    size_t n = rec.n;
    for (size_t i = 0; i < n; i++) {
        char path[PATH_MAX_BYTES];
        const ynode_t *item = pacta_yaml_records_entry(r, &rec, i, "a coalition (a mapping)", path);
        pacta_coalition_t *c = &coalitions[i];
        c->at = rec.at[i];
        if (item == NULL)
            continue;
        pacta_yaml_check_keys(r, item, path, coalition_keys, coalition_required);
        c->id = ids[i] = pacta_yaml_field_id(r, item, path);
        c->name = pacta_yaml_field_text(r, item, "name", path, PACTA_MAX_TEXT_BYTES);
        c->note = pacta_yaml_field_text(r, item, "note", path, PACTA_MAX_LONG_TEXT_BYTES);
        c->source = pacta_yaml_field_source(r, item, path);
        const ynode_t *members = pacta_ynode_lookup(item, "members");
        if (members != NULL) {
            char sub[PATH_MAX_BYTES];
            pacta_yaml_join(sub, path, "members");
            size_t *m = NULL;
            c->n_members = actor_list(r, members, sub, &m);
            c->members = m;
            if (members->kind == YNODE_SEQUENCE && members->count < 2)
                pacta_builder_error(r->b, pacta_yaml_loc(members), sub,
                                    "a coalition needs at least two members");
        }
    }
    id_index_t index;
    if (!pacta_id_index_build(r->b, &index, ids, n))
        return;
    pacta_yaml_check_duplicate_ids(r, "coalitions", ids, rec.at, n, &index);
    s->coalitions = coalitions;
    s->n_coalitions = n;
}

/* ---- war ------------------------------------------------------------------------------- */

/* A required or optional number with provenance in [min, max]; returns whether present and
 * valid. */
static bool war_value(reader_t *r, const ynode_t *map, const char *key, const char *path,
                      double min, double max, pacta_value_t *out)
{
    const ynode_t *node = pacta_ynode_lookup(map, key);
    if (node == NULL)
        return false;
    char sub[PATH_MAX_BYTES];
    pacta_yaml_join(sub, path, key);
    return pacta_yaml_value(r, node, sub, min, max, out);
}

/* Which end of the issue's scale side A wants: declared, or read off the two sides'
 * capability-weighted mean positions. */
static bool infer_side_a_end(const pacta_scenario_t *s, const pacta_war_t *w, size_t issue,
                             bool *a_high)
{
    double mean[2] = {0, 0}, weight[2] = {0, 0};
    for (int side = 0; side < 2; side++) {
        const size_t *members = side == 0 ? w->side_a : w->side_b;
        size_t n = side == 0 ? w->n_side_a : w->n_side_b;
        for (size_t i = 0; i < n; i++) {
            const pacta_actor_t *a = &s->actors[members[i]];
            const pacta_stance_t *st = &a->stances[issue];
            if (!st->present)
                continue;
            double c = a->capability.value > 0 ? a->capability.value : 1.0;
            mean[side] += c * st->position.value;
            weight[side] += c;
        }
    }
    if (weight[0] == 0 || weight[1] == 0)
        return false;
    double a = mean[0] / weight[0], b = mean[1] / weight[1];
    if (a == b)
        return false;
    *a_high = a > b;
    return true;
}

/* Whether a belligerent's stance on the issue was written but is invalid: it has been
 * reported where it stands, and a failed inference from it would only repeat that error with
 * a wrong remedy. */
static bool side_stance_invalid(const pacta_scenario_t *s, const pacta_war_t *w, size_t issue)
{
    for (int side = 0; side < 2; side++) {
        const size_t *members = side == 0 ? w->side_a : w->side_b;
        size_t n = side == 0 ? w->n_side_a : w->n_side_b;
        for (size_t i = 0; i < n; i++) {
            const pacta_stance_t *st = &s->actors[members[i]].stances[issue];
            if (!st->present && st->at.line > 0)
                return true;
        }
    }
    return false;
}

static const char *const stake_keys[] = {"issue", "weight", "favours_a", NULL};
static const char *const stake_required[] = {"issue", NULL};

static void read_stake(reader_t *r, const ynode_t *war, const char *path, pacta_war_t *w)
{
    const pacta_scenario_t *s = &r->b->owner->pub;
    const ynode_t *list = pacta_yaml_list_field(r, war, "stake", path);
    if (list == NULL)
        return;
    char base[PATH_MAX_BYTES];
    pacta_yaml_join(base, path, "stake");
    if (list->count == 0) {
        pacta_builder_error(r->b, pacta_yaml_loc(list), base, "the stake needs at least one issue");
        return;
    }
    pacta_stake_issue_t *stake =
        pacta_builder_alloc(r->b, list->count, sizeof(pacta_stake_issue_t));
    if (stake == NULL)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        const ynode_t *item = list->values[i];
        char sub[PATH_MAX_BYTES], field[PATH_MAX_BYTES];
        pacta_yaml_path_printf(sub, "%s[%zu]", base, i);
        if (item->kind != YNODE_MAPPING) {
            pacta_builder_error(r->b, pacta_yaml_loc(item), sub,
                                "expected {issue: ID, weight: NUMBER}, found %s",
                                pacta_ynode_describe(item));
            continue;
        }
        pacta_yaml_check_keys(r, item, sub, stake_keys, stake_required);
        pacta_stake_issue_t st;
        memset(&st, 0, sizeof st);
        st.weight.value = 1.0;
        st.weight.at = pacta_yaml_loc(item);
        bool ok = true;
        const ynode_t *issue = pacta_ynode_lookup(item, "issue");
        long k = -1;
        if (issue != NULL) {
            pacta_yaml_join(field, sub, "issue");
            const char *id = pacta_yaml_text(r, issue, field, PACTA_MAX_ID_BYTES, false);
            k = id ? pacta_id_index_find(&r->issues, id) : -1;
            if (id != NULL && k < 0)
                pacta_yaml_unknown_reference(r, issue, field, &r->issues, "issue", "issues", id);
            for (size_t j = 0; k >= 0 && j < kept; j++)
                if (stake[j].issue == (size_t)k) {
                    pacta_builder_error(r->b, pacta_yaml_loc(issue), field,
                                        "issue '%s' is in the stake twice", id);
                    k = -1;
                }
        }
        ok = k >= 0;
        if (pacta_ynode_lookup(item, "weight") != NULL &&
            !war_value(r, item, "weight", sub, PACTA_STAKE_WEIGHT_MIN, PACTA_STAKE_WEIGHT_MAX,
                       &st.weight))
            ok = false;
        const ynode_t *end = pacta_ynode_lookup(item, "favours_a");
        if (end != NULL) {
            pacta_yaml_join(field, sub, "favours_a");
            const char *word = pacta_yaml_text(r, end, field, 16, false);
            if (word != NULL && strcmp(word, "high") != 0 && strcmp(word, "low") != 0) {
                pacta_builder_error(r->b, pacta_yaml_loc(end), field,
                                    "expected high or low, found '%s'", word);
                ok = false;
            } else if (word != NULL) {
                st.a_prefers_high = strcmp(word, "high") == 0;
                st.declared = true;
            }
        }
        if (!ok)
            continue;
        st.issue = (size_t)k;
        if (!st.declared && !infer_side_a_end(s, w, st.issue, &st.a_prefers_high)) {
            if (!side_stance_invalid(s, w, st.issue))
                pacta_builder_error(
                    r->b, pacta_yaml_loc(item), sub,
                    "cannot tell which end of '%s' side A wants (the two sides' positions "
                    "are equal or missing); declare favours_a: high or low",
                    s->issues[st.issue].id);
            continue;
        }
        stake[kept++] = st;
    }
    w->stake = stake;
    w->n_stake = kept;
}

static const char *const shift_keys[] = {"id",      "issue",  "provision", "effect", "years",
                                         "affects", "source", "note",      NULL};
static const char *const shift_required[] = {"id", "effect", NULL};

static void read_shifts(reader_t *r, const ynode_t *war, const char *path, pacta_war_t *w)
{
    const ynode_t *list = pacta_yaml_list_field(r, war, "shifts", path);
    if (list == NULL)
        return;
    char base[PATH_MAX_BYTES];
    pacta_yaml_join(base, path, "shifts");
    pacta_power_shift_t *shifts =
        pacta_builder_alloc(r->b, list->count, sizeof(pacta_power_shift_t));
    const char **ids = pacta_builder_alloc(r->b, list->count, sizeof(char *));
    pacta_location_t *at = pacta_builder_alloc(r->b, list->count, sizeof(pacta_location_t));
    if (shifts == NULL || ids == NULL || at == NULL)
        return;
    size_t n_specs;
    const pacta_provision_spec_t *specs = pacta_provision_specs(&n_specs);
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        const ynode_t *item = list->values[i];
        char sub[PATH_MAX_BYTES], field[PATH_MAX_BYTES];
        pacta_yaml_item_path(sub, base, item, i);
        if (item->kind != YNODE_MAPPING) {
            pacta_builder_error(r->b, pacta_yaml_loc(item), sub,
                                "expected a shift (a mapping), found %s",
                                pacta_ynode_describe(item));
            continue;
        }
        pacta_yaml_check_keys(r, item, sub, shift_keys, shift_required);
        pacta_power_shift_t sh;
        memset(&sh, 0, sizeof sh);
        sh.at = pacta_yaml_loc(item);
        sh.id = pacta_yaml_field_id(r, item, sub);
        bool ok = sh.id != NULL;
        const ynode_t *issue = pacta_ynode_lookup(item, "issue");
        const ynode_t *provision = pacta_ynode_lookup(item, "provision");
        if ((issue == NULL) == (provision == NULL)) {
            pacta_builder_error(
                r->b, pacta_yaml_loc(item), sub,
                "give exactly one of 'issue' (effect per scale point) or 'provision' "
                "(effect per unit of the provision)");
            ok = false;
        } else if (issue != NULL) {
            pacta_yaml_join(field, sub, "issue");
            const char *id = pacta_yaml_text(r, issue, field, PACTA_MAX_ID_BYTES, false);
            long k = id ? pacta_id_index_find(&r->issues, id) : -1;
            if (id != NULL && k < 0)
                pacta_yaml_unknown_reference(r, issue, field, &r->issues, "issue", "issues", id);
            ok = ok && k >= 0;
            sh.basis = PACTA_SHIFT_ISSUE;
            sh.issue = k >= 0 ? (size_t)k : 0;
        } else {
            pacta_yaml_join(field, sub, "provision");
            const char *key = pacta_yaml_text(r, provision, field, PACTA_MAX_ID_BYTES, false);
            sh.basis = PACTA_SHIFT_PROVISION;
            sh.provision = NULL;
            for (size_t k = 0; key != NULL && k < n_specs; k++)
                if (strcmp(specs[k].key, key) == 0)
                    sh.provision = specs[k].key;
            if (key != NULL && sh.provision == NULL)
                pacta_builder_error(r->b, pacta_yaml_loc(provision), field,
                                    "unknown provision '%s' (docs/scenario-format.md lists them)",
                                    key);
            ok = ok && sh.provision != NULL;
        }
        ok = war_value(r, item, "effect", sub, -1e12, 1e12, &sh.effect) && ok;
        sh.years.at = sh.at;
        if (pacta_ynode_lookup(item, "years") != NULL &&
            !war_value(r, item, "years", sub, 0, 100, &sh.years))
            ok = false;
        const ynode_t *affects = pacta_ynode_lookup(item, "affects");
        if (affects != NULL) {
            pacta_yaml_join(field, sub, "affects");
            const char *word = pacta_yaml_text(r, affects, field, 16, false);
            if (word != NULL && strcmp(word, "p") == 0)
                sh.target = PACTA_SHIFT_P;
            else if (word != NULL && strcmp(word, "next_cost") == 0)
                sh.target = PACTA_SHIFT_NEXT_COST;
            else if (word != NULL) {
                pacta_builder_error(r->b, pacta_yaml_loc(affects), field,
                                    "expected p or next_cost, found '%s'", word);
                ok = false;
            }
        }
        sh.effect.source = pacta_yaml_field_source(r, item, sub);
        const char *note = pacta_yaml_field_text(r, item, "note", sub, PACTA_MAX_LONG_TEXT_BYTES);
        if (note != NULL)
            sh.effect.note = note;
        if (!ok)
            continue;
        ids[kept] = sh.id;
        at[kept] = sh.at;
        shifts[kept++] = sh;
    }
    id_index_t index;
    if (!pacta_id_index_build(r->b, &index, ids, kept))
        return;
    pacta_yaml_check_duplicate_ids(r, base, ids, at, kept, &index);
    w->shifts = shifts;
    w->n_shifts = kept;
}

static const char *const reputation_keys[] = {"belief",
                                              "concede_if_resolute",
                                              "concede_if_irresolute",
                                              "next_held",
                                              "next_p",
                                              "next_cost",
                                              "source",
                                              "note",
                                              NULL};
static const char *const reputation_required[] = {
    "belief", "concede_if_resolute", "concede_if_irresolute", "next_held", "next_p", "next_cost",
    NULL};

static void read_reputation(reader_t *r, const ynode_t *war, const char *path, pacta_war_t *w)
{
    const ynode_t *map = pacta_yaml_mapping_field(r, war, "reputation", path);
    if (map == NULL)
        return;
    char base[PATH_MAX_BYTES];
    pacta_yaml_join(base, path, "reputation");
    pacta_yaml_check_keys(r, map, base, reputation_keys, reputation_required);
    pacta_reputation_t *rep = &w->reputation;
    rep->at = pacta_yaml_loc(map);
    rep->source = pacta_yaml_field_source(r, map, base);
    rep->note = pacta_yaml_field_text(r, map, "note", base, PACTA_MAX_LONG_TEXT_BYTES);
    bool ok = war_value(r, map, "belief", base, 0, 1, &rep->belief);
    ok = war_value(r, map, "concede_if_resolute", base, 0, 1, &rep->concede_if_resolute) && ok;
    ok = war_value(r, map, "concede_if_irresolute", base, 0, 1, &rep->concede_if_irresolute) && ok;
    ok = war_value(r, map, "next_held", base, 0, 1, &rep->next_held) && ok;
    ok = war_value(r, map, "next_p", base, 0, 1, &rep->next_p) && ok;
    ok = war_value(r, map, "next_cost", base, 0, 10, &rep->next_cost) && ok;
    if (ok && rep->concede_if_resolute.value >= rep->concede_if_irresolute.value)
        pacta_builder_warning(
            r->b, rep->at, base,
            "concede_if_resolute is not below concede_if_irresolute, so a concession "
            "would not signal weakness; check the two probabilities");
    rep->present = ok;
}

static const char *const war_keys[] = {"side_a",   "side_b",  "p",     "cost_a", "cost_b",
                                       "discount", "horizon", "stake", "shifts", "reputation",
                                       "source",   "note",    NULL};
static const char *const war_required[] = {"side_a",   "side_b",  "p",     "cost_a", "cost_b",
                                           "discount", "horizon", "stake", NULL};

void pacta_scenario_read_war(reader_t *r, const ynode_t *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    const ynode_t *war = pacta_yaml_mapping_field(r, root, "war", "");
    if (war == NULL)
        return;
    const char *path = "war";
    pacta_war_t *w = &s->war;
    w->at = pacta_yaml_loc(war);
    pacta_yaml_check_keys(r, war, path, war_keys, war_required);
    size_t errors_before = r->b->errors;
    char sub[PATH_MAX_BYTES];
    size_t *side = NULL;
    const ynode_t *a = pacta_ynode_lookup(war, "side_a"), *b = pacta_ynode_lookup(war, "side_b");
    if (a != NULL) {
        pacta_yaml_join(sub, path, "side_a");
        w->n_side_a = actor_list(r, a, sub, &side);
        w->side_a = side;
    }
    if (b != NULL) {
        pacta_yaml_join(sub, path, "side_b");
        w->n_side_b = actor_list(r, b, sub, &side);
        w->side_b = side;
    }
    for (size_t i = 0; i < w->n_side_a; i++)
        for (size_t j = 0; j < w->n_side_b; j++)
            if (w->side_a[i] == w->side_b[j])
                pacta_builder_error(r->b, pacta_yaml_loc(b), "war.side_b",
                                    "actor '%s' is on both sides", s->actors[w->side_a[i]].id);
    const ynode_t *p = pacta_ynode_lookup(war, "p");
    if (p != NULL && p->kind == YNODE_SCALAR && p->plain && strcmp(p->text, "capability") == 0) {
        w->p_method = PACTA_P_CAPABILITY;
        w->p.at = pacta_yaml_loc(p);
    } else if (p != NULL) {
        w->p_method = PACTA_P_GIVEN;
        war_value(r, war, "p", path, 0, 1, &w->p);
    }
    war_value(r, war, "cost_a", path, 0, 1, &w->cost_a);
    war_value(r, war, "cost_b", path, 0, 1, &w->cost_b);
    if (war_value(r, war, "discount", path, PACTA_DISCOUNT_ABOVE, PACTA_DISCOUNT_BELOW,
                  &w->discount) &&
        (w->discount.value <= PACTA_DISCOUNT_ABOVE || w->discount.value >= PACTA_DISCOUNT_BELOW))
        pacta_builder_error(r->b, w->discount.at, "war.discount",
                            "is %g; the discount factor must lie strictly between %g and %g",
                            w->discount.value, PACTA_DISCOUNT_ABOVE, PACTA_DISCOUNT_BELOW);
    if (war_value(r, war, "horizon", path, 1, 100, &w->horizon) &&
        (w->horizon.value != floor(w->horizon.value) || w->horizon.dist != NULL))
        pacta_builder_error(r->b, w->horizon.at, "war.horizon",
                            "must be a whole number of years (and cannot be uncertain)");
    if (w->n_side_a > 0 && w->n_side_b > 0)
        read_stake(r, war, path, w);
    read_shifts(r, war, path, w);
    read_reputation(r, war, path, w);
    w->source = pacta_yaml_field_source(r, war, path);
    w->note = pacta_yaml_field_text(r, war, "note", path, PACTA_MAX_LONG_TEXT_BYTES);
    w->present = r->b->errors == errors_before;
}
