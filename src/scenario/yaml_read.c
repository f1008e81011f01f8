/* Reads a scenario from YAML (docs/scenario-format.md). Every problem is reported with its
 * line, column and field path; reading goes on after an error so that one run of
 * `pacta check` shows them all. Sections are read in dependency order (sources, issues,
 * actors, proposals) whatever their order in the file. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/text.h"
#include "scenario/scenario_internal.h"
#include "scenario/scenario_readers.h"
#include "scenario/yaml_tree.h"

enum { PATH_MAX_BYTES = 192 };

/* Field paths are for messages; a path too long for the buffer is cut short, which is
 * harmless, so truncation is deliberate here. */
static void path_printf(char *out, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void path_printf(char *out, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    vsnprintf(out, PATH_MAX_BYTES, format, ap);
    va_end(ap);
}

typedef struct reader {
    scenario_builder_t *b;
    id_index_t sources;
    id_index_t issues;
    id_index_t actors;
} reader_t;

static pacta_location_t loc(const ynode_t *n)
{
    pacta_location_t at = {0, 0};
    if (n != NULL) {
        at.line = n->line;
        at.column = n->column;
    }
    return at;
}

/* ---- keys ------------------------------------------------------------------------------ */

static bool in_list(const char *key, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (strcmp(key, list[i]) == 0)
            return true;
    return false;
}

/* Report unknown keys (with a suggestion) and missing required ones. */
static void check_keys(reader_t *r, const ynode_t *map, const char *path,
                       const char *const *known, const char *const *required)
{
    for (size_t i = 0; i < map->count; i++) {
        const ynode_t *key = map->keys[i];
        if (in_list(key->text, known))
            continue;
        const char *suggestion = pacta_suggest(key->text, known);
        if (suggestion != NULL)
            builder_error(r->b, loc(key), path, "unknown key '%.64s'; did you mean '%s'?",
                          key->text, suggestion);
        else
            builder_error(r->b, loc(key), path, "unknown key '%.64s'", key->text);
    }
    for (size_t i = 0; required[i] != NULL; i++) {
        const ynode_t *v = ynode_lookup(map, required[i]);
        if (v == NULL)
            builder_error(r->b, loc(map), path, "missing required field '%s'", required[i]);
    }
}

static void join(char *out, const char *path, const char *key)
{
    if (path[0] == '\0')
        path_printf(out, "%s", key);
    else
        path_printf(out, "%s.%s", path, key);
}

/* ---- scalars --------------------------------------------------------------------------- */

/* Text of a scalar, or NULL (reported) when node is not a non-empty text scalar. */
static const char *text_of(reader_t *r, const ynode_t *node, const char *path, size_t max_bytes,
                           bool allow_empty)
{
    if (node->kind != YNODE_SCALAR) {
        builder_error(r->b, loc(node), path, "expected text, found %s", ynode_describe(node));
        return NULL;
    }
    if (ynode_is_null(node) || node->length == 0) {
        if (!allow_empty)
            builder_error(r->b, loc(node), path, "must not be empty");
        return NULL;
    }
    if (node->length > max_bytes) {
        builder_error(r->b, loc(node), path, "is %zu bytes long; the limit is %zu", node->length,
                      max_bytes);
        return NULL;
    }
    return builder_strndup(r->b, node->text, node->length);
}

/* Optional or required text field of a mapping. */
static const char *field_text(reader_t *r, const ynode_t *map, const char *key, const char *path,
                              size_t max_bytes)
{
    const ynode_t *node = ynode_lookup(map, key);
    if (node == NULL)
        return NULL;
    char sub[PATH_MAX_BYTES];
    join(sub, path, key);
    return text_of(r, node, sub, max_bytes, false);
}

static const char *field_id(reader_t *r, const ynode_t *map, const char *path)
{
    const ynode_t *node = ynode_lookup(map, "id");
    if (node == NULL)
        return NULL;
    char sub[PATH_MAX_BYTES];
    join(sub, path, "id");
    if (node->kind != YNODE_SCALAR || ynode_is_null(node)) {
        builder_error(r->b, loc(node), sub, "expected an id, found %s", ynode_describe(node));
        return NULL;
    }
    if (!pacta_is_valid_id(node->text, node->length)) {
        builder_error(r->b, loc(node), sub,
                      "'%.64s' is not a valid id: use 1 to 64 letters, digits, '_', '-' or '.', "
                      "starting with a letter or digit",
                      node->text);
        return NULL;
    }
    return builder_strndup(r->b, node->text, node->length);
}

static const char *field_date(reader_t *r, const ynode_t *map, const char *path)
{
    const ynode_t *node = ynode_lookup(map, "date");
    if (node == NULL)
        return NULL;
    char sub[PATH_MAX_BYTES];
    join(sub, path, "date");
    const char *text = text_of(r, node, sub, 32, false);
    if (text != NULL && !pacta_is_valid_date(text, strlen(text))) {
        builder_error(r->b, loc(node), sub, "'%s' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY",
                      text);
        return NULL;
    }
    return text;
}

/* A plain number scalar. */
static bool number_of(reader_t *r, const ynode_t *node, const char *path, double *out)
{
    if (node->kind != YNODE_SCALAR) {
        builder_error(r->b, loc(node), path, "expected a number, found %s", ynode_describe(node));
        return false;
    }
    if (ynode_is_null(node)) {
        builder_error(r->b, loc(node), path, "is empty; expected a number");
        return false;
    }
    number_error e = pacta_parse_number(node->text, node->length, out);
    if (e != NUMBER_OK) {
        builder_error(r->b, loc(node), path, "'%.40s' %s", node->text, pacta_number_error_text(e));
        return false;
    }
    if (!node->plain) {
        builder_error(r->b, loc(node), path,
                      "'%.40s' is quoted text; write numbers without quotes", node->text);
        return false;
    }
    return true;
}

static bool check_range(reader_t *r, const ynode_t *node, const char *path, double v, double min,
                        double max)
{
    if (v >= min && v <= max)
        return true;
    char vs[32], mins[32], maxs[32];
    pacta_format_double(vs, sizeof vs, v);
    pacta_format_double(mins, sizeof mins, min);
    pacta_format_double(maxs, sizeof maxs, max);
    if (isinf(max))
        builder_error(r->b, loc(node), path, "is %s; it must be at least %s", vs, mins);
    else
        builder_error(r->b, loc(node), path, "is %s, outside the range %s to %s", vs, mins, maxs);
    return false;
}

/* The id in index closest to word, for "did you mean" (error paths only). */
static const char *index_suggest(reader_t *r, const id_index_t *index, const char *word)
{
    if (index->n == 0)
        return NULL;
    const char **names = builder_alloc(r->b, index->n + 1, sizeof(char *));
    if (names == NULL)
        return NULL;
    for (size_t j = 0; j < index->n; j++)
        names[j] = index->ids[index->order[j]];
    return pacta_suggest(word, names);
}

/* Report a reference to an id that is not declared in its list. */
static void unknown_reference(reader_t *r, const ynode_t *node, const char *path,
                              const id_index_t *index, const char *what, const char *list,
                              const char *id)
{
    const char *suggestion = index_suggest(r, index, id);
    if (suggestion != NULL)
        builder_error(r->b, loc(node), path, "unknown %s '%.64s'; did you mean '%s'?", what, id,
                      suggestion);
    else
        builder_error(r->b, loc(node), path, "unknown %s '%.64s' (not listed under %s)", what, id,
                      list);
}

/* A source reference: must name a declared source. */
static const char *source_ref(reader_t *r, const ynode_t *node, const char *path)
{
    const char *id = text_of(r, node, path, PACTA_MAX_ID_BYTES, false);
    if (id == NULL)
        return NULL;
    if (id_index_find(&r->sources, id) < 0) {
        unknown_reference(r, node, path, &r->sources, "source", "sources", id);
        return NULL;
    }
    return id;
}

static const char *const value_keys[] = {"value", "source", "note", NULL};
static const char *const value_required[] = {"value", NULL};

/* A number written plainly or as {value, source, note}, checked against [min, max]. */
static bool value_of(reader_t *r, const ynode_t *node, const char *path, double min, double max,
                     pacta_value_t *out)
{
    memset(out, 0, sizeof *out);
    out->at = loc(node);
    if (node->kind == YNODE_MAPPING) {
        check_keys(r, node, path, value_keys, value_required);
        const ynode_t *v = ynode_lookup(node, "value");
        const ynode_t *src = ynode_lookup(node, "source");
        char sub[PATH_MAX_BYTES];
        if (src != NULL) {
            join(sub, path, "source");
            out->source = source_ref(r, src, sub);
        }
        out->note = field_text(r, node, "note", path, PACTA_MAX_LONG_TEXT_BYTES);
        if (v == NULL)
            return false;
        join(sub, path, "value");
        out->at = loc(v);
        return number_of(r, v, sub, &out->value) && check_range(r, v, sub, out->value, min, max);
    }
    return number_of(r, node, path, &out->value) &&
           check_range(r, node, path, out->value, min, max);
}

static bool bool_of(reader_t *r, const ynode_t *node, const char *path, bool *out)
{
    if (node->kind == YNODE_SCALAR && node->plain) {
        const char *s = node->text;
        if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0) {
            *out = true;
            return true;
        }
        if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "FALSE") == 0) {
            *out = false;
            return true;
        }
    }
    builder_error(r->b, loc(node), path, "expected true or false, found %s%s%.40s%s",
                  ynode_describe(node), node->kind == YNODE_SCALAR ? " '" : "",
                  node->kind == YNODE_SCALAR ? node->text : "",
                  node->kind == YNODE_SCALAR ? "'" : "");
    return false;
}

/* A list-valued field; NULL (reported) when present but not a list. */
static const ynode_t *list_field(reader_t *r, const ynode_t *map, const char *key,
                                 const char *path)
{
    const ynode_t *node = ynode_lookup(map, key);
    if (node == NULL)
        return NULL;
    if (ynode_is_null(node))
        return NULL;
    if (node->kind != YNODE_SEQUENCE) {
        char sub[PATH_MAX_BYTES];
        join(sub, path, key);
        builder_error(r->b, loc(node), sub, "expected a list (items starting with '- '), found %s",
                      ynode_describe(node));
        return NULL;
    }
    return node;
}

static const ynode_t *mapping_field(reader_t *r, const ynode_t *map, const char *key,
                                    const char *path)
{
    const ynode_t *node = ynode_lookup(map, key);
    if (node == NULL || ynode_is_null(node))
        return NULL;
    if (node->kind != YNODE_MAPPING) {
        char sub[PATH_MAX_BYTES];
        join(sub, path, key);
        builder_error(r->b, loc(node), sub, "expected a mapping (key: value lines), found %s",
                      ynode_describe(node));
        return NULL;
    }
    return node;
}

/* Path of item i of a list whose items carry ids: "actors[ukraine]" or "actors[3]". */
static void item_path(char *out, const char *list, const ynode_t *item, size_t i)
{
    const ynode_t *id = item->kind == YNODE_MAPPING ? ynode_lookup(item, "id") : NULL;
    if (id != NULL && id->kind == YNODE_SCALAR && pacta_is_valid_id(id->text, id->length))
        path_printf(out, "%s[%s]", list, id->text);
    else
        path_printf(out, "%s[%zu]", list, i);
}

/* Duplicate ids in a list: report each repeat with the first occurrence's line. */
static void check_duplicate_ids(reader_t *r, const char *list, const char *const *ids,
                                const pacta_location_t *at, size_t n, const id_index_t *index)
{
    for (size_t i = 0; i < n; i++) {
        if (ids[i] == NULL)
            continue;
        long first = id_index_find(index, ids[i]);
        if (first >= 0 && (size_t)first != i) {
            char path[PATH_MAX_BYTES];
            path_printf(path, "%s[%s].id", list, ids[i]);
            builder_error(r->b, at[i], path, "duplicate id '%s' (first used at line %d)", ids[i],
                          at[first].line);
        }
    }
}

/* A required list that is present but empty (or null) is an error of its own. */
static void require_entries(reader_t *r, const ynode_t *root, const char *key, const char *what)
{
    const ynode_t *node = ynode_lookup(root, key);
    if (node != NULL && (ynode_is_null(node) || (node->kind == YNODE_SEQUENCE && node->count == 0)))
        builder_error(r->b, loc(node), key, "the scenario has no %s; at least one is needed", what);
}

static bool check_count(reader_t *r, const ynode_t *list, const char *name, size_t limit)
{
    if (list->count <= limit)
        return true;
    builder_error(r->b, loc(list), name, "has %zu entries; the limit is %zu", list->count, limit);
    return false;
}

/* ---- sections -------------------------------------------------------------------------- */

static const char *const source_keys[] = {"id", "title", "publisher", "date", "url", "note", NULL};
static const char *const source_required[] = {"id", "title", NULL};

static void read_sources(reader_t *r, const ynode_t *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    const ynode_t *list = list_field(r, root, "sources", "");
    size_t n = list ? list->count : 0;
    if (list && !check_count(r, list, "sources", PACTA_MAX_SOURCES))
        n = 0;
    pacta_source_t *sources = builder_alloc(r->b, n, sizeof(pacta_source_t));
    const char **ids = builder_alloc(r->b, n, sizeof(char *));
    pacta_location_t *at = builder_alloc(r->b, n, sizeof(pacta_location_t));
    if (sources == NULL || ids == NULL || at == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        const ynode_t *item = list->values[i];
        char path[PATH_MAX_BYTES];
        item_path(path, "sources", item, i);
        pacta_source_t *src = &sources[i];
        src->at = at[i] = loc(item);
        if (item->kind != YNODE_MAPPING) {
            builder_error(r->b, loc(item), path, "expected a source (a mapping with id and title), "
                                                 "found %s",
                          ynode_describe(item));
            continue;
        }
        check_keys(r, item, path, source_keys, source_required);
        src->id = ids[i] = field_id(r, item, path);
        src->title = field_text(r, item, "title", path, PACTA_MAX_TEXT_BYTES);
        src->publisher = field_text(r, item, "publisher", path, PACTA_MAX_TEXT_BYTES);
        src->date = field_date(r, item, path);
        src->url = field_text(r, item, "url", path, PACTA_MAX_TEXT_BYTES);
        src->note = field_text(r, item, "note", path, PACTA_MAX_LONG_TEXT_BYTES);
    }
    if (!id_index_build(r->b, &r->sources, ids, n))
        return;
    check_duplicate_ids(r, "sources", ids, at, n, &r->sources);
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
    const ynode_t *list = list_field(r, issue_node, "anchors", path);
    if (list == NULL)
        return;
    char base[PATH_MAX_BYTES];
    join(base, path, "anchors");
    if (!check_count(r, list, base, PACTA_MAX_ANCHORS))
        return;
    pacta_anchor_t *anchors = builder_alloc(r->b, list->count, sizeof(pacta_anchor_t));
    if (anchors == NULL)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        const ynode_t *item = list->values[i];
        char sub[PATH_MAX_BYTES];
        path_printf(sub, "%s[%zu]", base, i);
        if (item->kind != YNODE_MAPPING) {
            builder_error(r->b, loc(item), sub, "expected {at: NUMBER, label: TEXT}, found %s",
                          ynode_describe(item));
            continue;
        }
        check_keys(r, item, sub, anchor_keys, anchor_required);
        pacta_anchor_t a;
        memset(&a, 0, sizeof a);
        const ynode_t *at = ynode_lookup(item, "at");
        char at_path[PATH_MAX_BYTES];
        join(at_path, sub, "at");
        bool ok = at != NULL && value_of(r, at, at_path, 0.0, 100.0, &a.at);
        const ynode_t *src = ynode_lookup(item, "source");
        if (src != NULL) {
            char src_path[PATH_MAX_BYTES];
            join(src_path, sub, "source");
            a.at.source = source_ref(r, src, src_path);
        }
        const char *note = field_text(r, item, "note", sub, PACTA_MAX_LONG_TEXT_BYTES);
        if (note != NULL)
            a.at.note = note;
        a.label = field_text(r, item, "label", sub, PACTA_MAX_TEXT_BYTES);
        if (!ok || a.label == NULL)
            continue;
        for (size_t j = 0; j < kept; j++)
            if (anchors[j].at.value == a.at.value) {
                builder_error(r->b, a.at.at, at_path,
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
    const ynode_t *node = mapping_field(r, issue_node, "units", path);
    if (node == NULL)
        return;
    char base[PATH_MAX_BYTES], sub[PATH_MAX_BYTES];
    join(base, path, "units");
    check_keys(r, node, base, units_keys, units_required);
    pacta_units_t u;
    memset(&u, 0, sizeof u);
    u.decimals = 2;
    u.name = field_text(r, node, "name", base, PACTA_MAX_TEXT_BYTES);
    const ynode_t *lo = ynode_lookup(node, "at_0"), *hi = ynode_lookup(node, "at_100");
    const ynode_t *dec = ynode_lookup(node, "decimals");
    bool ok = u.name != NULL;
    join(sub, base, "at_0");
    ok = lo != NULL && number_of(r, lo, sub, &u.at_0) && ok;
    join(sub, base, "at_100");
    ok = hi != NULL && number_of(r, hi, sub, &u.at_100) && ok;
    if (dec != NULL) {
        double d;
        join(sub, base, "decimals");
        if (number_of(r, dec, sub, &d) && check_range(r, dec, sub, d, 0, 10)) {
            if (d != floor(d)) {
                builder_error(r->b, loc(dec), sub, "must be a whole number");
                ok = false;
            }
            u.decimals = (int)d;
        } else {
            ok = false;
        }
    }
    if (ok && u.at_0 == u.at_100) {
        builder_error(r->b, loc(node), base, "at_0 and at_100 are equal; the map would lose the "
                                             "scale");
        ok = false;
    }
    if (ok && !isfinite(u.at_100 - u.at_0)) {
        builder_error(r->b, loc(node), base, "at_0 and at_100 are too far apart");
        ok = false;
    }
    u.present = ok;
    issue->units = u;
}

static const char *const issue_keys[] = {"id",      "name",  "low",        "high", "description",
                                         "anchors", "units", "status_quo", NULL};
static const char *const issue_required[] = {"id", "name", "low", "high", NULL};

static void read_issues(reader_t *r, const ynode_t *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    const ynode_t *list = list_field(r, root, "issues", "");
    size_t n = list ? list->count : 0;
    if (list && !check_count(r, list, "issues", PACTA_MAX_ISSUES))
        n = 0;
    pacta_issue_t *issues = builder_alloc(r->b, n, sizeof(pacta_issue_t));
    const char **ids = builder_alloc(r->b, n, sizeof(char *));
    pacta_location_t *at = builder_alloc(r->b, n, sizeof(pacta_location_t));
    if (issues == NULL || ids == NULL || at == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        const ynode_t *item = list->values[i];
        char path[PATH_MAX_BYTES];
        item_path(path, "issues", item, i);
        pacta_issue_t *issue = &issues[i];
        issue->at = at[i] = loc(item);
        if (item->kind != YNODE_MAPPING) {
            builder_error(r->b, loc(item), path, "expected an issue (a mapping), found %s",
                          ynode_describe(item));
            continue;
        }
        check_keys(r, item, path, issue_keys, issue_required);
        issue->id = ids[i] = field_id(r, item, path);
        issue->name = field_text(r, item, "name", path, PACTA_MAX_TEXT_BYTES);
        issue->low = field_text(r, item, "low", path, PACTA_MAX_TEXT_BYTES);
        issue->high = field_text(r, item, "high", path, PACTA_MAX_TEXT_BYTES);
        issue->description = field_text(r, item, "description", path, PACTA_MAX_LONG_TEXT_BYTES);
        read_anchors(r, item, path, issue);
        read_units(r, item, path, issue);
        const ynode_t *sq = ynode_lookup(item, "status_quo");
        if (sq != NULL && !ynode_is_null(sq)) {
            char sub[PATH_MAX_BYTES];
            join(sub, path, "status_quo");
            issue->has_status_quo = value_of(r, sq, sub, 0.0, 100.0, &issue->status_quo);
        }
    }
    if (!id_index_build(r->b, &r->issues, ids, n))
        return;
    check_duplicate_ids(r, "issues", ids, at, n, &r->issues);
    s->issues = issues;
    s->n_issues = n;
}

static const char *const stance_keys[] = {"position", "salience", "source", "note", NULL};
static const char *const stance_required[] = {"position", "salience", NULL};

static void read_stance(reader_t *r, const ynode_t *node, const char *path, pacta_stance_t *st)
{
    st->at = loc(node);
    if (node->kind != YNODE_MAPPING) {
        builder_error(r->b, loc(node), path,
                      "expected a stance {position: 0-100, salience: 0-100}, found %s",
                      ynode_describe(node));
        return;
    }
    check_keys(r, node, path, stance_keys, stance_required);
    char sub[PATH_MAX_BYTES];
    const ynode_t *pos = ynode_lookup(node, "position"), *sal = ynode_lookup(node, "salience");
    join(sub, path, "position");
    bool ok = pos != NULL && value_of(r, pos, sub, 0.0, 100.0, &st->position);
    join(sub, path, "salience");
    ok = sal != NULL && value_of(r, sal, sub, 0.0, 100.0, &st->salience) && ok;
    const ynode_t *src = ynode_lookup(node, "source");
    if (src != NULL) {
        join(sub, path, "source");
        st->source = source_ref(r, src, sub);
    }
    st->note = field_text(r, node, "note", path, PACTA_MAX_LONG_TEXT_BYTES);
    st->present = ok;
}

static const char *const actor_keys[] = {"id",        "name",       "capability",
                                         "veto",      "risk",       "description",
                                         "positions", "ideal_adjustment", NULL};
static const char *const actor_required[] = {"id", "name", "capability", "positions", NULL};

static void read_actor(reader_t *r, const ynode_t *item, const char *path, pacta_actor_t *actor,
                       size_t n_issues)
{
    pacta_stance_t *stances = builder_alloc(r->b, n_issues, sizeof(pacta_stance_t));
    if (stances == NULL)
        return;
    actor->stances = stances;
    check_keys(r, item, path, actor_keys, actor_required);
    actor->id = field_id(r, item, path);
    actor->name = field_text(r, item, "name", path, PACTA_MAX_TEXT_BYTES);
    actor->description = field_text(r, item, "description", path, PACTA_MAX_LONG_TEXT_BYTES);
    char sub[PATH_MAX_BYTES];
    const ynode_t *cap = ynode_lookup(item, "capability");
    if (cap != NULL) {
        join(sub, path, "capability");
        value_of(r, cap, sub, 0.0, INFINITY, &actor->capability);
    }
    const ynode_t *veto = ynode_lookup(item, "veto");
    if (veto != NULL) {
        join(sub, path, "veto");
        bool_of(r, veto, sub, &actor->veto);
    }
    const ynode_t *risk = ynode_lookup(item, "risk");
    if (risk != NULL && !ynode_is_null(risk)) {
        join(sub, path, "risk");
        actor->has_risk = value_of(r, risk, sub, 0.1, 10.0, &actor->risk);
    }
    const ynode_t *positions = mapping_field(r, item, "positions", path);
    if (positions == NULL)
        return;
    char base[PATH_MAX_BYTES];
    join(base, path, "positions");
    if (positions->count == 0)
        builder_warning(r->b, loc(positions), base,
                        "the actor has no stance on any issue and takes part in nothing");
    for (size_t i = 0; i < positions->count; i++) {
        const ynode_t *key = positions->keys[i];
        join(sub, base, key->text);
        long k = id_index_find(&r->issues, key->text);
        if (k < 0) {
            unknown_reference(r, key, sub, &r->issues, "issue", "issues", key->text);
            continue;
        }
        read_stance(r, positions->values[i], sub, &stances[k]);
    }
}

/* ideal_adjustment: {ACTOR: WEIGHT, ...} with weights in [0, 1]. */
static void read_adjustments(reader_t *r, const ynode_t *item, const char *path,
                             pacta_actor_t *actor)
{
    const ynode_t *map = mapping_field(r, item, "ideal_adjustment", path);
    if (map == NULL)
        return;
    char base[PATH_MAX_BYTES];
    join(base, path, "ideal_adjustment");
    pacta_adjustment_t *adj = builder_alloc(r->b, map->count, sizeof(pacta_adjustment_t));
    if (adj == NULL)
        return;
    size_t n = 0;
    for (size_t i = 0; i < map->count; i++) {
        const ynode_t *key = map->keys[i];
        char sub[PATH_MAX_BYTES];
        join(sub, base, key->text);
        long toward = id_index_find(&r->actors, key->text);
        if (toward < 0) {
            unknown_reference(r, key, sub, &r->actors, "actor", "actors", key->text);
            continue;
        }
        if (value_of(r, map->values[i], sub, 0.0, 1.0, &adj[n].weight))
            adj[n++].toward = (size_t)toward;
    }
    actor->adjustments = adj;
    actor->n_adjustments = n;
}

static void read_actors(reader_t *r, const ynode_t *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    const ynode_t *list = list_field(r, root, "actors", "");
    size_t n = list ? list->count : 0;
    if (list && !check_count(r, list, "actors", PACTA_MAX_ACTORS))
        n = 0;
    pacta_actor_t *actors = builder_alloc(r->b, n, sizeof(pacta_actor_t));
    const char **ids = builder_alloc(r->b, n, sizeof(char *));
    pacta_location_t *at = builder_alloc(r->b, n, sizeof(pacta_location_t));
    if (actors == NULL || ids == NULL || at == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        const ynode_t *item = list->values[i];
        char path[PATH_MAX_BYTES];
        item_path(path, "actors", item, i);
        actors[i].at = at[i] = loc(item);
        if (item->kind != YNODE_MAPPING) {
            builder_error(r->b, loc(item), path, "expected an actor (a mapping), found %s",
                          ynode_describe(item));
            actors[i].stances = builder_alloc(r->b, s->n_issues, sizeof(pacta_stance_t));
            continue;
        }
        read_actor(r, item, path, &actors[i], s->n_issues);
        ids[i] = actors[i].id;
    }
    if (!id_index_build(r->b, &r->actors, ids, n))
        return;
    check_duplicate_ids(r, "actors", ids, at, n, &r->actors);
    /* Ideal adjustments name other actors, so they are read once all ids are known. */
    for (size_t i = 0; i < n; i++) {
        const ynode_t *item = list->values[i];
        if (item->kind != YNODE_MAPPING)
            continue;
        char path[PATH_MAX_BYTES];
        item_path(path, "actors", item, i);
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
    const ynode_t *models = mapping_field(r, root, "model_settings", "");
    if (models == NULL)
        return;
    size_t total = 0;
    for (size_t m = 0; m < models->count; m++)
        if (models->values[m]->kind == YNODE_MAPPING)
            total += models->values[m]->count;
    pacta_model_setting_t *settings = builder_alloc(r->b, total, sizeof(pacta_model_setting_t));
    if (settings == NULL)
        return;
    size_t n = 0;
    for (size_t m = 0; m < models->count; m++) {
        const ynode_t *model = models->values[m];
        char path[PATH_MAX_BYTES];
        join(path, "model_settings", models->keys[m]->text);
        if (model->kind != YNODE_MAPPING) {
            builder_error(r->b, loc(model), path,
                          "expected a mapping of option: value lines, found %s",
                          ynode_describe(model));
            continue;
        }
        const char *name = builder_strndup(r->b, models->keys[m]->text,
                                           models->keys[m]->length);
        for (size_t k = 0; k < model->count; k++) {
            const ynode_t *value = model->values[k];
            char sub[PATH_MAX_BYTES];
            join(sub, path, model->keys[k]->text);
            if (value->kind != YNODE_SCALAR || ynode_is_null(value)) {
                builder_error(r->b, loc(value), sub, "expected %s, found %s", setting_types,
                              ynode_describe(value));
                continue;
            }
            pacta_model_setting_t *set = &settings[n++];
            set->model = name;
            set->key = builder_strndup(r->b, model->keys[k]->text, model->keys[k]->length);
            set->value = builder_strndup(r->b, value->text, value->length);
            set->at = loc(value);
        }
    }
    s->model_settings = settings;
    s->n_model_settings = n;
}

static const char *const proposal_keys[] = {"id",     "name",        "date", "sponsor",
                                            "source", "description", "note", "positions",
                                            NULL};
static const char *const proposal_required[] = {"id", "name", "positions", NULL};

static void read_sponsors(reader_t *r, const ynode_t *node, const char *path,
                          pacta_proposal_t *p)
{
    size_t n = node->kind == YNODE_SEQUENCE ? node->count : 1;
    const char **sponsors = builder_alloc(r->b, n, sizeof(char *));
    if (sponsors == NULL)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        const ynode_t *item = node->kind == YNODE_SEQUENCE ? node->values[i] : node;
        char sub[PATH_MAX_BYTES];
        if (node->kind == YNODE_SEQUENCE)
            path_printf(sub, "%s[%zu]", path, i);
        else
            path_printf(sub, "%s", path);
        const char *id = text_of(r, item, sub, PACTA_MAX_ID_BYTES, false);
        if (id == NULL)
            continue;
        if (id_index_find(&r->actors, id) < 0) {
            unknown_reference(r, item, sub, &r->actors, "actor", "actors", id);
            continue;
        }
        sponsors[kept++] = id;
    }
    p->sponsors = sponsors;
    p->n_sponsors = kept;
}

static void read_proposal(reader_t *r, const ynode_t *item, const char *path,
                          pacta_proposal_t *p, size_t n_issues)
{
    bool *covers = builder_alloc(r->b, n_issues, sizeof(bool));
    pacta_value_t *positions = builder_alloc(r->b, n_issues, sizeof(pacta_value_t));
    if (covers == NULL || positions == NULL)
        return;
    p->covers = covers;
    p->positions = positions;
    check_keys(r, item, path, proposal_keys, proposal_required);
    p->id = field_id(r, item, path);
    p->name = field_text(r, item, "name", path, PACTA_MAX_TEXT_BYTES);
    p->date = field_date(r, item, path);
    p->description = field_text(r, item, "description", path, PACTA_MAX_LONG_TEXT_BYTES);
    p->note = field_text(r, item, "note", path, PACTA_MAX_LONG_TEXT_BYTES);
    char sub[PATH_MAX_BYTES];
    const ynode_t *src = ynode_lookup(item, "source");
    if (src != NULL) {
        join(sub, path, "source");
        p->source = source_ref(r, src, sub);
    }
    const ynode_t *sponsor = ynode_lookup(item, "sponsor");
    if (sponsor != NULL && !ynode_is_null(sponsor)) {
        join(sub, path, "sponsor");
        read_sponsors(r, sponsor, sub, p);
    }
    const ynode_t *pos = mapping_field(r, item, "positions", path);
    if (pos == NULL)
        return;
    char base[PATH_MAX_BYTES];
    join(base, path, "positions");
    for (size_t i = 0; i < pos->count; i++) {
        const ynode_t *key = pos->keys[i];
        join(sub, base, key->text);
        long k = id_index_find(&r->issues, key->text);
        if (k < 0) {
            unknown_reference(r, key, sub, &r->issues, "issue", "issues", key->text);
            continue;
        }
        if (value_of(r, pos->values[i], sub, 0.0, 100.0, &positions[k])) {
            covers[k] = true;
        }
    }
    if (pos->count == 0)
        builder_warning(r->b, loc(pos), base, "the proposal takes no position on any issue");
}

static void read_proposals(reader_t *r, const ynode_t *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    const ynode_t *list = list_field(r, root, "proposals", "");
    size_t n = list ? list->count : 0;
    if (list && !check_count(r, list, "proposals", PACTA_MAX_PROPOSALS))
        n = 0;
    pacta_proposal_t *proposals = builder_alloc(r->b, n, sizeof(pacta_proposal_t));
    const char **ids = builder_alloc(r->b, n, sizeof(char *));
    pacta_location_t *at = builder_alloc(r->b, n, sizeof(pacta_location_t));
    if (proposals == NULL || ids == NULL || at == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        const ynode_t *item = list->values[i];
        char path[PATH_MAX_BYTES];
        item_path(path, "proposals", item, i);
        proposals[i].at = at[i] = loc(item);
        if (item->kind != YNODE_MAPPING) {
            builder_error(r->b, loc(item), path, "expected a proposal (a mapping), found %s",
                          ynode_describe(item));
            continue;
        }
        read_proposal(r, item, path, &proposals[i], s->n_issues);
        ids[i] = proposals[i].id;
    }
    id_index_t index;
    if (!id_index_build(r->b, &index, ids, n))
        return;
    check_duplicate_ids(r, "proposals", ids, at, n, &index);
    s->proposals = proposals;
    s->n_proposals = n;
}

static const char *const top_keys[] = {"format_version", "title",     "description",
                                       "date",           "sources",   "issues",
                                       "actors",         "proposals", "model_settings",
                                       NULL};
static const char *const top_required[] = {"format_version", "title", "issues", "actors", NULL};

static void read_root(reader_t *r, const ynode_t *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    pacta_location_t start = {1, 1};
    if (root == NULL || root->kind != YNODE_MAPPING) {
        builder_error(r->b, root ? loc(root) : start, "",
                      "this is not a pacta scenario: the top level must be a mapping with "
                      "format_version, title, issues and actors (found %s)",
                      ynode_describe(root));
        return;
    }
    check_keys(r, root, "", top_keys, top_required);
    const ynode_t *version = ynode_lookup(root, "format_version");
    if (version != NULL) {
        long v = 0;
        bool ok = version->kind == YNODE_SCALAR && version->plain &&
                  pacta_parse_long(version->text, version->length, &v) == NUMBER_OK;
        if (!ok)
            builder_error(r->b, loc(version), "format_version", "expected the integer %d, found %s",
                          PACTA_FORMAT_VERSION, ynode_describe(version));
        else if (v != PACTA_FORMAT_VERSION)
            builder_error(r->b, loc(version), "format_version",
                          "unsupported format_version %ld; this pacta reads version %d", v,
                          PACTA_FORMAT_VERSION);
    }
    s->title = field_text(r, root, "title", "", PACTA_MAX_TEXT_BYTES);
    s->description = field_text(r, root, "description", "", PACTA_MAX_LONG_TEXT_BYTES);
    s->date = field_date(r, root, "");
    require_entries(r, root, "issues", "issues");
    require_entries(r, root, "actors", "actors");
    read_sources(r, root);
    read_issues(r, root);
    read_actors(r, root);
    read_proposals(r, root);
    read_model_settings(r, root);
    scenario_check_semantics(r->b);
}

pacta_status scenario_read_yaml(pacta_scenario_t **out, const char *text, size_t length,
                                const char *name, pacta_diag_t *diag)
{
    *out = NULL;
    scenario_builder_t b;
    pacta_status st = builder_init(&b, name, diag);
    if (st != PACTA_OK)
        return st;
    pacta_arena_t *tree_arena = pacta_arena_create();
    if (tree_arena == NULL) {
        builder_oom(&b);
        return builder_finish(&b, out);
    }
    ynode_t *root = NULL;
    size_t syntax_errors = 0;
    st = yaml_tree_parse(tree_arena, text, length, name, diag, &root, &syntax_errors);
    if (st != PACTA_OK) {
        builder_oom(&b);
    } else if (syntax_errors > 0) {
        b.errors += syntax_errors;
    } else {
        reader_t r;
        memset(&r, 0, sizeof r);
        r.b = &b;
        read_root(&r, root);
    }
    pacta_arena_destroy(tree_arena);
    return builder_finish(&b, out);
}
