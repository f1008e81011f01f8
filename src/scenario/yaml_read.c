/* Reads a scenario from YAML (docs/scenario-format.md). Every problem is reported with its
 * line, column and field path; reading goes on after an error so that one run of
 * `pacta check` shows them all. Sections are read in dependency order (sources, issues,
 * actors, proposals, coalitions, war) whatever their order in the file. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/text.h"
#include "scenario/scenario_readers.h"
#include "scenario/yaml_fields.h"

/* ---- sections -------------------------------------------------------------------------- */

static const char *const source_keys[] = {"id", "title", "publisher", "date", "url", "note", NULL};
static const char *const source_required[] = {"id", "title", NULL};

static void read_sources(reader_t *r, const ynode_t *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    yaml_records_t rec;
    if (!pacta_yaml_records_begin(r, root, "sources", PACTA_MAX_SOURCES, sizeof(pacta_source_t),
                                  &rec))
        return;
    pacta_source_t *sources = rec.items;
    const char **ids = rec.ids;
    size_t n = rec.n;
    for (size_t i = 0; i < n; i++) {
        char path[PATH_MAX_BYTES];
        const ynode_t *item =
            pacta_yaml_records_entry(r, &rec, i, "a source (a mapping with id and title)", path);
        pacta_source_t *src = &sources[i];
        src->at = rec.at[i];
        if (item == NULL)
            continue;
        pacta_yaml_check_keys(r, item, path, source_keys, source_required);
        src->id = ids[i] = pacta_yaml_field_id(r, item, path);
        src->title = pacta_yaml_field_text(r, item, "title", path, PACTA_MAX_TEXT_BYTES);
        src->publisher = pacta_yaml_field_text(r, item, "publisher", path, PACTA_MAX_TEXT_BYTES);
        src->date = pacta_yaml_field_date(r, item, path);
        src->url = pacta_yaml_field_text(r, item, "url", path, PACTA_MAX_TEXT_BYTES);
        src->note = pacta_yaml_field_text(r, item, "note", path, PACTA_MAX_LONG_TEXT_BYTES);
    }
    if (!pacta_id_index_build(r->b, &r->sources, ids, n))
        return;
    pacta_yaml_check_duplicate_ids(r, "sources", ids, rec.at, n, &r->sources);
    s->sources = sources;
    s->n_sources = n;
}

static const char *const anchor_keys[] = {"at", "label", "source", "note", NULL};
static const char *const anchor_required[] = {"at", "label", NULL};
static const char *const units_keys[] = {"name", "at_0", "at_100", "decimals", NULL};
static const char *const units_required[] = {"name", "at_0", "at_100", NULL};

static int compare_anchors(const void *a, const void *b)
{
    double x = ((const pacta_anchor_t *)a)->at.value, y = ((const pacta_anchor_t *)b)->at.value;
    return (x > y) - (x < y);
}

static void read_anchors(reader_t *r, const ynode_t *issue_node, const char *path,
                         pacta_issue_t *issue)
{
    const ynode_t *list = pacta_yaml_list_field(r, issue_node, "anchors", path);
    if (list == NULL)
        return;
    char base[PATH_MAX_BYTES];
    pacta_yaml_join(base, path, "anchors");
    if (!pacta_yaml_check_count(r, list, base, PACTA_MAX_ANCHORS))
        return;
    pacta_anchor_t *anchors = pacta_builder_alloc(r->b, list->count, sizeof(pacta_anchor_t));
    if (anchors == NULL)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        const ynode_t *item = list->values[i];
        char sub[PATH_MAX_BYTES];
        pacta_yaml_path_printf(sub, "%s[%zu]", base, i);
        if (item->kind != YNODE_MAPPING) {
            pacta_builder_error(r->b, pacta_yaml_loc(item), sub,
                                "expected {at: NUMBER, label: TEXT}, found %s",
                                pacta_ynode_describe(item));
            continue;
        }
        pacta_yaml_check_keys(r, item, sub, anchor_keys, anchor_required);
        pacta_anchor_t a;
        memset(&a, 0, sizeof a);
        const ynode_t *at = pacta_ynode_lookup(item, "at");
        char at_path[PATH_MAX_BYTES];
        pacta_yaml_join(at_path, sub, "at");
        bool ok = at != NULL && pacta_yaml_value(r, at, at_path, 0.0, 100.0, &a.at);
        if (ok && a.at.dist != NULL) {
            pacta_builder_error(r->b, pacta_yaml_loc(at), at_path,
                                "an anchor's position cannot be uncertain");
            ok = false;
        }
        a.at.source = pacta_yaml_field_source(r, item, sub);
        const char *note = pacta_yaml_field_text(r, item, "note", sub, PACTA_MAX_LONG_TEXT_BYTES);
        if (note != NULL)
            a.at.note = note;
        a.label = pacta_yaml_field_text(r, item, "label", sub, PACTA_MAX_TEXT_BYTES);
        if (!ok || a.label == NULL)
            continue;
        for (size_t j = 0; j < kept; j++)
            if (anchors[j].at.value == a.at.value) {
                pacta_builder_error(r->b, a.at.at, at_path,
                                    "two anchors at the same point (the other at line %d)",
                                    anchors[j].at.at.line);
                ok = false;
            }
        if (ok)
            anchors[kept++] = a;
    }
    qsort(anchors, kept, sizeof(pacta_anchor_t), compare_anchors);
    issue->anchors = anchors;
    issue->n_anchors = kept;
}

static void read_units(reader_t *r, const ynode_t *issue_node, const char *path,
                       pacta_issue_t *issue)
{
    const ynode_t *node = pacta_yaml_mapping_field(r, issue_node, "units", path);
    if (node == NULL)
        return;
    char base[PATH_MAX_BYTES], sub[PATH_MAX_BYTES];
    pacta_yaml_join(base, path, "units");
    pacta_yaml_check_keys(r, node, base, units_keys, units_required);
    pacta_units_t u;
    memset(&u, 0, sizeof u);
    u.decimals = 2;
    u.name = pacta_yaml_field_text(r, node, "name", base, PACTA_MAX_TEXT_BYTES);
    const ynode_t *lo = pacta_ynode_lookup(node, "at_0"), *hi = pacta_ynode_lookup(node, "at_100");
    const ynode_t *dec = pacta_ynode_lookup(node, "decimals");
    bool ok = u.name != NULL;
    pacta_yaml_join(sub, base, "at_0");
    ok = lo != NULL && pacta_yaml_number(r, lo, sub, &u.at_0) && ok;
    pacta_yaml_join(sub, base, "at_100");
    ok = hi != NULL && pacta_yaml_number(r, hi, sub, &u.at_100) && ok;
    if (dec != NULL) {
        double d;
        pacta_yaml_join(sub, base, "decimals");
        if (pacta_yaml_number(r, dec, sub, &d) && pacta_yaml_check_range(r, dec, sub, d, 0, 10)) {
            if (d != floor(d)) {
                pacta_builder_error(r->b, pacta_yaml_loc(dec), sub, "must be a whole number");
                ok = false;
            }
            u.decimals = (int)d;
        } else {
            ok = false;
        }
    }
    if (ok && u.at_0 == u.at_100) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), base,
                            "at_0 and at_100 are equal; the map would lose the "
                            "scale");
        ok = false;
    }
    if (ok && !isfinite(u.at_100 - u.at_0)) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), base, "at_0 and at_100 are too far apart");
        ok = false;
    }
    u.present = ok;
    issue->units = u;
}

/* The observed outcome of a decided issue (what backtests score forecasts against). It is
 * a recorded fact, so it takes a number with source and note but no distribution. */
static void read_outcome(reader_t *r, const ynode_t *item, const char *path, pacta_issue_t *issue)
{
    const ynode_t *node = pacta_ynode_lookup(item, "outcome");
    if (node == NULL || pacta_ynode_is_null(node))
        return;
    char sub[PATH_MAX_BYTES];
    pacta_yaml_join(sub, path, "outcome");
    if (!pacta_yaml_value(r, node, sub, 0.0, 100.0, &issue->outcome))
        return;
    if (issue->outcome.dist != NULL) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), sub,
                            "an outcome is what was decided, not an uncertain input: give a number "
                            "(with source and note if you like), not a distribution");
        return;
    }
    issue->has_outcome = true;
}

static const char *const issue_keys[] = {"id",      "name",  "low",        "high",    "description",
                                         "anchors", "units", "status_quo", "outcome", NULL};
static const char *const issue_required[] = {"id", "name", "low", "high", NULL};

static void read_issues(reader_t *r, const ynode_t *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    yaml_records_t rec;
    if (!pacta_yaml_records_begin(r, root, "issues", PACTA_MAX_ISSUES, sizeof(pacta_issue_t), &rec))
        return;
    pacta_issue_t *issues = rec.items;
    const char **ids = rec.ids;
    size_t n = rec.n;
    for (size_t i = 0; i < n; i++) {
        char path[PATH_MAX_BYTES];
        const ynode_t *item = pacta_yaml_records_entry(r, &rec, i, "an issue (a mapping)", path);
        pacta_issue_t *issue = &issues[i];
        issue->at = rec.at[i];
        if (item == NULL)
            continue;
        pacta_yaml_check_keys(r, item, path, issue_keys, issue_required);
        issue->id = ids[i] = pacta_yaml_field_id(r, item, path);
        issue->name = pacta_yaml_field_text(r, item, "name", path, PACTA_MAX_TEXT_BYTES);
        issue->low = pacta_yaml_field_text(r, item, "low", path, PACTA_MAX_TEXT_BYTES);
        issue->high = pacta_yaml_field_text(r, item, "high", path, PACTA_MAX_TEXT_BYTES);
        issue->description =
            pacta_yaml_field_text(r, item, "description", path, PACTA_MAX_LONG_TEXT_BYTES);
        read_anchors(r, item, path, issue);
        read_units(r, item, path, issue);
        const ynode_t *sq = pacta_ynode_lookup(item, "status_quo");
        if (sq != NULL && !pacta_ynode_is_null(sq)) {
            char sub[PATH_MAX_BYTES];
            pacta_yaml_join(sub, path, "status_quo");
            issue->has_status_quo = pacta_yaml_value(r, sq, sub, 0.0, 100.0, &issue->status_quo);
        }
        read_outcome(r, item, path, issue);
    }
    if (!pacta_id_index_build(r->b, &r->issues, ids, n))
        return;
    pacta_yaml_check_duplicate_ids(r, "issues", ids, rec.at, n, &r->issues);
    s->issues = issues;
    s->n_issues = n;
}

static const char *const stance_keys[] = {"position", "salience", "source", "note", NULL};
static const char *const stance_required[] = {"position", "salience", NULL};

static void read_stance(reader_t *r, const ynode_t *node, const char *path, pacta_stance_t *st)
{
    st->at = pacta_yaml_loc(node);
    if (node->kind != YNODE_MAPPING) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path,
                            "expected a stance {position: 0-100, salience: 0-100}, found %s",
                            pacta_ynode_describe(node));
        return;
    }
    pacta_yaml_check_keys(r, node, path, stance_keys, stance_required);
    char sub[PATH_MAX_BYTES];
    const ynode_t *pos = pacta_ynode_lookup(node, "position"),
                  *sal = pacta_ynode_lookup(node, "salience");
    pacta_yaml_join(sub, path, "position");
    bool ok = pos != NULL && pacta_yaml_value(r, pos, sub, 0.0, 100.0, &st->position);
    pacta_yaml_join(sub, path, "salience");
    ok = sal != NULL && pacta_yaml_value(r, sal, sub, 0.0, 100.0, &st->salience) && ok;
    st->source = pacta_yaml_field_source(r, node, path);
    st->note = pacta_yaml_field_text(r, node, "note", path, PACTA_MAX_LONG_TEXT_BYTES);
    st->present = ok;
}

static const char *const actor_keys[] = {"id",   "name",        "capability", "veto",
                                         "risk", "description", "positions",  "ideal_adjustment",
                                         NULL};
static const char *const actor_required[] = {"id", "name", "capability", "positions", NULL};

static void read_actor(reader_t *r, const ynode_t *item, const char *path, pacta_actor_t *actor,
                       size_t n_issues)
{
    pacta_stance_t *stances = pacta_builder_alloc(r->b, n_issues, sizeof(pacta_stance_t));
    if (stances == NULL)
        return;
    actor->stances = stances;
    pacta_yaml_check_keys(r, item, path, actor_keys, actor_required);
    actor->id = pacta_yaml_field_id(r, item, path);
    actor->name = pacta_yaml_field_text(r, item, "name", path, PACTA_MAX_TEXT_BYTES);
    actor->description =
        pacta_yaml_field_text(r, item, "description", path, PACTA_MAX_LONG_TEXT_BYTES);
    char sub[PATH_MAX_BYTES];
    const ynode_t *cap = pacta_ynode_lookup(item, "capability");
    if (cap != NULL) {
        pacta_yaml_join(sub, path, "capability");
        pacta_yaml_value(r, cap, sub, 0.0, INFINITY, &actor->capability);
    }
    const ynode_t *veto = pacta_ynode_lookup(item, "veto");
    if (veto != NULL) {
        pacta_yaml_join(sub, path, "veto");
        pacta_yaml_bool(r, veto, sub, &actor->veto);
    }
    const ynode_t *risk = pacta_ynode_lookup(item, "risk");
    if (risk != NULL && !pacta_ynode_is_null(risk)) {
        pacta_yaml_join(sub, path, "risk");
        actor->has_risk = pacta_yaml_value(r, risk, sub, 0.1, 10.0, &actor->risk);
    }
    const ynode_t *positions = pacta_yaml_mapping_field(r, item, "positions", path);
    if (positions == NULL)
        return;
    char base[PATH_MAX_BYTES];
    pacta_yaml_join(base, path, "positions");
    if (positions->count == 0)
        pacta_builder_warning(r->b, pacta_yaml_loc(positions), base,
                              "the actor has no stance on any issue and takes part in nothing");
    for (size_t i = 0; i < positions->count; i++) {
        const ynode_t *key = positions->keys[i];
        pacta_yaml_join(sub, base, key->text);
        long k = pacta_id_index_find(&r->issues, key->text);
        if (k < 0) {
            pacta_yaml_unknown_reference(r, key, sub, &r->issues, "issue", "issues", key->text);
            continue;
        }
        read_stance(r, positions->values[i], sub, &stances[k]);
    }
}

/* ideal_adjustment: {ACTOR: WEIGHT, ...} with weights in [0, 1]. */
static void read_adjustments(reader_t *r, const ynode_t *item, const char *path,
                             pacta_actor_t *actor)
{
    const ynode_t *map = pacta_yaml_mapping_field(r, item, "ideal_adjustment", path);
    if (map == NULL)
        return;
    char base[PATH_MAX_BYTES];
    pacta_yaml_join(base, path, "ideal_adjustment");
    pacta_adjustment_t *adj = pacta_builder_alloc(r->b, map->count, sizeof(pacta_adjustment_t));
    if (adj == NULL)
        return;
    size_t n = 0;
    for (size_t i = 0; i < map->count; i++) {
        const ynode_t *key = map->keys[i];
        char sub[PATH_MAX_BYTES];
        pacta_yaml_join(sub, base, key->text);
        long toward = pacta_id_index_find(&r->actors, key->text);
        if (toward < 0) {
            pacta_yaml_unknown_reference(r, key, sub, &r->actors, "actor", "actors", key->text);
            continue;
        }
        if (!pacta_yaml_value(r, map->values[i], sub, 0.0, 1.0, &adj[n].weight))
            continue;
        if (adj[n].weight.dist != NULL) {
            /* pacta simulate does not draw adjustments; a distribution would be ignored. */
            pacta_builder_error(r->b, pacta_yaml_loc(map->values[i]), sub,
                                "an ideal adjustment cannot be uncertain yet: give a number");
            continue;
        }
        adj[n++].toward = (size_t)toward;
    }
    actor->adjustments = adj;
    actor->n_adjustments = n;
}

static void read_actors(reader_t *r, const ynode_t *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    yaml_records_t rec;
    if (!pacta_yaml_records_begin(r, root, "actors", PACTA_MAX_ACTORS, sizeof(pacta_actor_t), &rec))
        return;
    pacta_actor_t *actors = rec.items;
    const char **ids = rec.ids;
    size_t n = rec.n;
    for (size_t i = 0; i < n; i++) {
        char path[PATH_MAX_BYTES];
        const ynode_t *item = pacta_yaml_records_entry(r, &rec, i, "an actor (a mapping)", path);
        actors[i].at = rec.at[i];
        if (item == NULL) {
            actors[i].stances = pacta_builder_alloc(r->b, s->n_issues, sizeof(pacta_stance_t));
            continue;
        }
        read_actor(r, item, path, &actors[i], s->n_issues);
        ids[i] = actors[i].id;
    }
    if (!pacta_id_index_build(r->b, &r->actors, ids, n))
        return;
    pacta_yaml_check_duplicate_ids(r, "actors", ids, rec.at, n, &r->actors);
    /* Ideal adjustments name other actors, so they are read once all ids are known. */
    for (size_t i = 0; i < n; i++) {
        const ynode_t *item = rec.list->values[i];
        if (item->kind != YNODE_MAPPING)
            continue;
        char path[PATH_MAX_BYTES];
        pacta_yaml_item_path(path, "actors", item, i);
        read_adjustments(r, item, path, &actors[i]);
    }
    s->actors = actors;
    s->n_actors = n;
}

static const char *const setting_types = "a model option's value (text or a number)";

/* model_settings: {MODEL: {OPTION: VALUE, ...}, ...}; checked against the models later. */
static void read_model_settings(reader_t *r, const ynode_t *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    const ynode_t *models = pacta_yaml_mapping_field(r, root, "model_settings", "");
    if (models == NULL)
        return;
    size_t total = 0;
    for (size_t m = 0; m < models->count; m++)
        if (models->values[m]->kind == YNODE_MAPPING)
            total += models->values[m]->count;
    pacta_model_setting_t *settings =
        pacta_builder_alloc(r->b, total, sizeof(pacta_model_setting_t));
    if (settings == NULL)
        return;
    size_t n = 0;
    for (size_t m = 0; m < models->count; m++) {
        const ynode_t *model = models->values[m];
        char path[PATH_MAX_BYTES];
        pacta_yaml_join(path, "model_settings", models->keys[m]->text);
        if (model->kind != YNODE_MAPPING) {
            pacta_builder_error(r->b, pacta_yaml_loc(model), path,
                                "expected a mapping of option: value lines, found %s",
                                pacta_ynode_describe(model));
            continue;
        }
        const char *name =
            pacta_builder_strndup(r->b, models->keys[m]->text, models->keys[m]->length);
        for (size_t k = 0; k < model->count; k++) {
            const ynode_t *value = model->values[k];
            char sub[PATH_MAX_BYTES];
            pacta_yaml_join(sub, path, model->keys[k]->text);
            if (value->kind != YNODE_SCALAR || pacta_ynode_is_null(value)) {
                pacta_builder_error(r->b, pacta_yaml_loc(value), sub, "expected %s, found %s",
                                    setting_types, pacta_ynode_describe(value));
                continue;
            }
            pacta_model_setting_t *set = &settings[n++];
            set->model = name;
            set->key = pacta_builder_strndup(r->b, model->keys[k]->text, model->keys[k]->length);
            set->value = pacta_builder_strndup(r->b, value->text, value->length);
            set->at = pacta_yaml_loc(value);
        }
    }
    s->model_settings = settings;
    s->n_model_settings = n;
}

static const char *const proposal_keys[] = {"id",         "name",        "date", "sponsor",
                                            "source",     "description", "note", "positions",
                                            "provisions", NULL};

/* A mapping of documented keys (proposal provisions, durability facts) whose values are
 * checked against their specs. @p what names the kind of key in messages ("provision").
 * Returns the number of entries kept in *out_list. */
static size_t read_keyed(reader_t *r, const ynode_t *map, const char *base,
                         const pacta_provision_spec_t *specs, size_t n_specs, const char *what,
                         pacta_provision_t **out_list)
{
    *out_list = NULL;
    const char **names = pacta_builder_alloc(r->b, n_specs + 1, sizeof(char *));
    pacta_provision_t *out = pacta_builder_alloc(r->b, map->count, sizeof(pacta_provision_t));
    if (names == NULL || out == NULL)
        return 0;
    for (size_t k = 0; k < n_specs; k++)
        names[k] = specs[k].key;
    char sub[PATH_MAX_BYTES];
    size_t kept = 0;
    for (size_t i = 0; i < map->count; i++) {
        const ynode_t *key = map->keys[i];
        pacta_yaml_join(sub, base, key->text);
        const pacta_provision_spec_t *spec = NULL;
        for (size_t k = 0; k < n_specs; k++)
            if (strcmp(specs[k].key, key->text) == 0)
                spec = &specs[k];
        if (spec == NULL) {
            const char *suggestion = pacta_suggest(key->text, names);
            if (suggestion != NULL)
                pacta_builder_error(r->b, pacta_yaml_loc(key), base,
                                    "unknown %s '%.64s'; did you mean '%s'?", what, key->text,
                                    suggestion);
            else
                pacta_builder_error(r->b, pacta_yaml_loc(key), base,
                                    "unknown %s '%.64s' (docs/scenario-format.md lists them)", what,
                                    key->text);
            continue;
        }
        pacta_provision_t *pv = &out[kept];
        pv->key = spec->key;
        pv->type = spec->type;
        bool ok = spec->type == PACTA_PROVISION_FLAG
                      ? pacta_yaml_flag(r, map->values[i], sub, &pv->value)
                      : pacta_yaml_value(r, map->values[i], sub, spec->min, spec->max, &pv->value);
        if (ok)
            kept++;
    }
    *out_list = out;
    return kept;
}

static void read_provisions(reader_t *r, const ynode_t *item, const char *path, pacta_proposal_t *p)
{
    const ynode_t *map = pacta_yaml_mapping_field(r, item, "provisions", path);
    if (map == NULL)
        return;
    size_t n_specs;
    const pacta_provision_spec_t *specs = pacta_provision_specs(&n_specs);
    char base[PATH_MAX_BYTES];
    pacta_yaml_join(base, path, "provisions");
    pacta_provision_t *list = NULL;
    p->n_provisions = read_keyed(r, map, base, specs, n_specs, "provision", &list);
    p->provisions = list;
}

/* The top-level durability: block of war-level facts used by the durability model. */
static void read_durability(reader_t *r, const ynode_t *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    const ynode_t *map = pacta_yaml_mapping_field(r, root, "durability", "");
    if (map == NULL)
        return;
    s->durability_at = pacta_yaml_loc(map);
    size_t n_specs;
    const pacta_provision_spec_t *specs = pacta_durability_fact_specs(&n_specs);
    pacta_provision_t *list = NULL;
    s->n_durability = read_keyed(r, map, "durability", specs, n_specs, "durability fact", &list);
    s->durability = list;
}
static const char *const proposal_required[] = {"id", "name", "positions", NULL};

static void read_sponsors(reader_t *r, const ynode_t *node, const char *path, pacta_proposal_t *p)
{
    size_t n = node->kind == YNODE_SEQUENCE ? node->count : 1;
    const char **sponsors = pacta_builder_alloc(r->b, n, sizeof(char *));
    if (sponsors == NULL)
        return;
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
        if (pacta_id_index_find(&r->actors, id) < 0) {
            pacta_yaml_unknown_reference(r, item, sub, &r->actors, "actor", "actors", id);
            continue;
        }
        sponsors[kept++] = id;
    }
    p->sponsors = sponsors;
    p->n_sponsors = kept;
}

static void read_proposal(reader_t *r, const ynode_t *item, const char *path, pacta_proposal_t *p,
                          size_t n_issues)
{
    bool *covers = pacta_builder_alloc(r->b, n_issues, sizeof(bool));
    pacta_value_t *positions = pacta_builder_alloc(r->b, n_issues, sizeof(pacta_value_t));
    if (covers == NULL || positions == NULL)
        return;
    p->covers = covers;
    p->positions = positions;
    pacta_yaml_check_keys(r, item, path, proposal_keys, proposal_required);
    p->id = pacta_yaml_field_id(r, item, path);
    p->name = pacta_yaml_field_text(r, item, "name", path, PACTA_MAX_TEXT_BYTES);
    p->date = pacta_yaml_field_date(r, item, path);
    p->description = pacta_yaml_field_text(r, item, "description", path, PACTA_MAX_LONG_TEXT_BYTES);
    p->note = pacta_yaml_field_text(r, item, "note", path, PACTA_MAX_LONG_TEXT_BYTES);
    char sub[PATH_MAX_BYTES];
    p->source = pacta_yaml_field_source(r, item, path);
    const ynode_t *sponsor = pacta_ynode_lookup(item, "sponsor");
    if (sponsor != NULL && !pacta_ynode_is_null(sponsor)) {
        pacta_yaml_join(sub, path, "sponsor");
        read_sponsors(r, sponsor, sub, p);
    }
    read_provisions(r, item, path, p);
    const ynode_t *pos = pacta_yaml_mapping_field(r, item, "positions", path);
    if (pos == NULL)
        return;
    char base[PATH_MAX_BYTES];
    pacta_yaml_join(base, path, "positions");
    for (size_t i = 0; i < pos->count; i++) {
        const ynode_t *key = pos->keys[i];
        pacta_yaml_join(sub, base, key->text);
        long k = pacta_id_index_find(&r->issues, key->text);
        if (k < 0) {
            pacta_yaml_unknown_reference(r, key, sub, &r->issues, "issue", "issues", key->text);
            continue;
        }
        if (pacta_yaml_value(r, pos->values[i], sub, 0.0, 100.0, &positions[k])) {
            covers[k] = true;
        }
    }
    if (pos->count == 0)
        pacta_builder_warning(r->b, pacta_yaml_loc(pos), base,
                              "the proposal takes no position on any issue");
}

static void read_proposals(reader_t *r, const ynode_t *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    yaml_records_t rec;
    if (!pacta_yaml_records_begin(r, root, "proposals", PACTA_MAX_PROPOSALS,
                                  sizeof(pacta_proposal_t), &rec))
        return;
    pacta_proposal_t *proposals = rec.items;
    const char **ids = rec.ids;
    size_t n = rec.n;
    for (size_t i = 0; i < n; i++) {
        char path[PATH_MAX_BYTES];
        const ynode_t *item = pacta_yaml_records_entry(r, &rec, i, "a proposal (a mapping)", path);
        proposals[i].at = rec.at[i];
        if (item == NULL)
            continue;
        read_proposal(r, item, path, &proposals[i], s->n_issues);
        ids[i] = proposals[i].id;
    }
    id_index_t index;
    if (!pacta_id_index_build(r->b, &index, ids, n))
        return;
    pacta_yaml_check_duplicate_ids(r, "proposals", ids, rec.at, n, &index);
    s->proposals = proposals;
    s->n_proposals = n;
}

static const char *const top_keys[] = {
    "format_version", "title",     "description", "date", "durability",     "sources", "issues",
    "actors",         "proposals", "coalitions",  "war",  "model_settings", NULL};
static const char *const top_required[] = {"format_version", "title", "issues", "actors", NULL};

static void read_root(reader_t *r, const ynode_t *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    pacta_location_t start = {1, 1};
    if (root == NULL || root->kind != YNODE_MAPPING) {
        pacta_builder_error(r->b, root ? pacta_yaml_loc(root) : start, "",
                            "this is not a pacta scenario: the top level must be a mapping with "
                            "format_version, title, issues and actors (found %s)",
                            pacta_ynode_describe(root));
        return;
    }
    pacta_yaml_check_keys(r, root, "", top_keys, top_required);
    const ynode_t *version = pacta_ynode_lookup(root, "format_version");
    if (version != NULL) {
        long v = 0;
        bool ok = version->kind == YNODE_SCALAR && version->plain &&
                  pacta_parse_long(version->text, version->length, &v) == NUMBER_OK;
        if (!ok)
            pacta_builder_error(r->b, pacta_yaml_loc(version), "format_version",
                                "expected the integer %d, found %s", PACTA_FORMAT_VERSION,
                                pacta_ynode_describe(version));
        else if (v != PACTA_FORMAT_VERSION)
            pacta_builder_error(r->b, pacta_yaml_loc(version), "format_version",
                                "unsupported format_version %ld; this pacta reads version %d", v,
                                PACTA_FORMAT_VERSION);
    }
    s->title = pacta_yaml_field_text(r, root, "title", "", PACTA_MAX_TEXT_BYTES);
    s->description = pacta_yaml_field_text(r, root, "description", "", PACTA_MAX_LONG_TEXT_BYTES);
    s->date = pacta_yaml_field_date(r, root, "");
    pacta_yaml_require_entries(r, root, "issues", "issues");
    pacta_yaml_require_entries(r, root, "actors", "actors");
    read_sources(r, root);
    read_issues(r, root);
    read_actors(r, root);
    read_proposals(r, root);
    pacta_scenario_read_coalitions(r, root);
    pacta_scenario_read_war(r, root);
    read_durability(r, root);
    read_model_settings(r, root);
    pacta_scenario_check_semantics(r->b);
}

pacta_status pacta_scenario_read_yaml(pacta_scenario_t **out, const char *text, size_t length,
                                      const char *name, pacta_diag_t *diag)
{
    *out = NULL;
    scenario_builder_t b;
    pacta_status st = pacta_builder_init(&b, name, diag);
    if (st != PACTA_OK)
        return st;
    pacta_arena_t *tree_arena = pacta_arena_create();
    if (tree_arena == NULL) {
        pacta_builder_oom(&b);
        return pacta_builder_finish(&b, out);
    }
    ynode_t *root = NULL;
    size_t syntax_errors = 0;
    st = pacta_yaml_tree_parse(tree_arena, text, length, name, diag, &root, &syntax_errors);
    if (st != PACTA_OK) {
        pacta_builder_oom(&b);
    } else if (syntax_errors > 0) {
        b.errors += syntax_errors;
    } else {
        reader_t r;
        memset(&r, 0, sizeof r);
        r.b = &b;
        read_root(&r, root);
    }
    pacta_arena_destroy(tree_arena);
    return pacta_builder_finish(&b, out);
}
