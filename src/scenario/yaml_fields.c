/* Field-level helpers shared by the YAML section readers: typed values with provenance,
 * ids, dates, references, and the unknown-key / missing-key checks, each reporting its
 * problem with line, column and field path. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/tolerance.h"
#include "scenario/yaml_fields.h"

/* Truncation of over-long paths is deliberate: they only label messages. */
void pacta_yaml_path_printf(char *out, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    vsnprintf(out, PATH_MAX_BYTES, format, ap);
    va_end(ap);
}

pacta_location_t pacta_yaml_loc(const ynode_t *n)
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
void pacta_yaml_check_keys(reader_t *r, const ynode_t *map, const char *path,
                           const char *const *known, const char *const *required)
{
    for (size_t i = 0; i < map->count; i++) {
        const ynode_t *key = map->keys[i];
        if (in_list(key->text, known))
            continue;
        const char *suggestion = pacta_suggest(key->text, known);
        if (suggestion != NULL)
            pacta_builder_error(r->b, pacta_yaml_loc(key), path,
                                "unknown key '%.64s'; did you mean '%s'?", key->text, suggestion);
        else
            pacta_builder_error(r->b, pacta_yaml_loc(key), path, "unknown key '%.64s'", key->text);
    }
    for (size_t i = 0; required[i] != NULL; i++) {
        const ynode_t *v = pacta_ynode_lookup(map, required[i]);
        if (v == NULL)
            pacta_builder_error(r->b, pacta_yaml_loc(map), path, "missing required field '%s'",
                                required[i]);
    }
}

void pacta_yaml_join(char *out, const char *path, const char *key)
{
    if (path[0] == '\0')
        pacta_yaml_path_printf(out, "%s", key);
    else
        pacta_yaml_path_printf(out, "%s.%s", path, key);
}

/* ---- scalars --------------------------------------------------------------------------- */

/* Text of a scalar, or NULL (reported) when node is not a non-empty text scalar. */
const char *pacta_yaml_text(reader_t *r, const ynode_t *node, const char *path, size_t max_bytes,
                            bool allow_empty)
{
    if (node->kind != YNODE_SCALAR) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path, "expected text, found %s",
                            pacta_ynode_describe(node));
        return NULL;
    }
    if (pacta_ynode_is_null(node) || node->length == 0) {
        if (!allow_empty)
            pacta_builder_error(r->b, pacta_yaml_loc(node), path, "must not be empty");
        return NULL;
    }
    if (node->length > max_bytes) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path, "is %zu bytes long; the limit is %zu",
                            node->length, max_bytes);
        return NULL;
    }
    return pacta_builder_strndup(r->b, node->text, node->length);
}

/* Optional or required text field of a mapping. */
const char *pacta_yaml_field_text(reader_t *r, const ynode_t *map, const char *key,
                                  const char *path, size_t max_bytes)
{
    const ynode_t *node = pacta_ynode_lookup(map, key);
    if (node == NULL)
        return NULL;
    char sub[PATH_MAX_BYTES];
    pacta_yaml_join(sub, path, key);
    return pacta_yaml_text(r, node, sub, max_bytes, false);
}

const char *pacta_yaml_field_id(reader_t *r, const ynode_t *map, const char *path)
{
    const ynode_t *node = pacta_ynode_lookup(map, "id");
    if (node == NULL)
        return NULL;
    char sub[PATH_MAX_BYTES];
    pacta_yaml_join(sub, path, "id");
    if (node->kind != YNODE_SCALAR || pacta_ynode_is_null(node)) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), sub, "expected an id, found %s",
                            pacta_ynode_describe(node));
        return NULL;
    }
    if (!pacta_is_valid_id(node->text, node->length)) {
        if (node->length > PACTA_MAX_ID_BYTES)
            pacta_builder_error(r->b, pacta_yaml_loc(node), sub,
                                "'%.24s...' is %zu bytes long; an id has at most %d", node->text,
                                node->length, PACTA_MAX_ID_BYTES);
        else
            pacta_builder_error(
                r->b, pacta_yaml_loc(node), sub,
                "'%s' is not a valid id: use 1 to 64 letters, digits, '_', '-' or '.', "
                "starting with a letter or digit",
                node->text);
        return NULL;
    }
    return pacta_builder_strndup(r->b, node->text, node->length);
}

const char *pacta_yaml_field_date(reader_t *r, const ynode_t *map, const char *path)
{
    const ynode_t *node = pacta_ynode_lookup(map, "date");
    if (node == NULL)
        return NULL;
    char sub[PATH_MAX_BYTES];
    pacta_yaml_join(sub, path, "date");
    const char *text = pacta_yaml_text(r, node, sub, 32, false);
    if (text != NULL && !pacta_is_valid_date(text, strlen(text))) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), sub,
                            "'%s' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY", text);
        return NULL;
    }
    return text;
}

/* A plain number scalar. */
bool pacta_yaml_number(reader_t *r, const ynode_t *node, const char *path, double *out)
{
    if (node->kind != YNODE_SCALAR) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path, "expected a number, found %s",
                            pacta_ynode_describe(node));
        return false;
    }
    if (pacta_ynode_is_null(node)) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path, "is empty; expected a number");
        return false;
    }
    number_error e = pacta_parse_number(node->text, node->length, out);
    if (e != NUMBER_OK) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path, "'%.40s' %s", node->text,
                            pacta_number_error_text(e));
        return false;
    }
    if (!node->plain) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path,
                            "'%.40s' is quoted text; write numbers without quotes", node->text);
        return false;
    }
    return true;
}

bool pacta_yaml_check_range(reader_t *r, const ynode_t *node, const char *path, double v,
                            double min, double max)
{
    if (v >= min && v <= max)
        return true;
    char vs[32], mins[32], maxs[32];
    pacta_format_double(vs, sizeof vs, v);
    pacta_format_double(mins, sizeof mins, min);
    pacta_format_double(maxs, sizeof maxs, max);
    if (isinf(max))
        pacta_builder_error(r->b, pacta_yaml_loc(node), path, "is %s; it must be at least %s", vs,
                            mins);
    else
        pacta_builder_error(r->b, pacta_yaml_loc(node), path, "is %s, outside the range %s to %s",
                            vs, mins, maxs);
    return false;
}

/* The id in index closest to word, for "did you mean" (error paths only). */
const char *pacta_yaml_index_suggest(reader_t *r, const id_index_t *index, const char *word)
{
    if (index->n == 0)
        return NULL;
    const char **names = pacta_builder_alloc(r->b, index->n + 1, sizeof(char *));
    if (names == NULL)
        return NULL;
    for (size_t j = 0; j < index->n; j++)
        names[j] = index->ids[index->order[j]];
    return pacta_suggest(word, names);
}

/* Report a reference to an id that is not declared in its list. */
void pacta_yaml_unknown_reference(reader_t *r, const ynode_t *node, const char *path,
                                  const id_index_t *index, const char *what, const char *list,
                                  const char *id)
{
    const char *suggestion = pacta_yaml_index_suggest(r, index, id);
    if (suggestion != NULL)
        pacta_builder_error(r->b, pacta_yaml_loc(node), path,
                            "unknown %s '%.64s'; did you mean '%s'?", what, id, suggestion);
    else
        pacta_builder_error(r->b, pacta_yaml_loc(node), path,
                            "unknown %s '%.64s' (not listed under %s)", what, id, list);
}

/* A source reference: must name a declared source. */
const char *pacta_yaml_source_ref(reader_t *r, const ynode_t *node, const char *path)
{
    const char *id = pacta_yaml_text(r, node, path, PACTA_MAX_ID_BYTES, false);
    if (id == NULL)
        return NULL;
    if (pacta_id_index_find(&r->sources, id) < 0) {
        pacta_yaml_unknown_reference(r, node, path, &r->sources, "source", "sources", id);
        return NULL;
    }
    return id;
}

/* The optional `source:` key of the mapping at path: the source it names, or NULL when the
 * key is absent or names no declared source (an error then). */
const char *pacta_yaml_field_source(reader_t *r, const ynode_t *map, const char *path)
{
    const ynode_t *src = pacta_ynode_lookup(map, "source");
    if (src == NULL)
        return NULL;
    char sub[PATH_MAX_BYTES];
    pacta_yaml_join(sub, path, "source");
    return pacta_yaml_source_ref(r, src, sub);
}

const char *const pacta_yaml_value_keys[] = {"value", "source", "note", NULL};
const char *const pacta_yaml_value_required[] = {"value", NULL};

/* A number written plainly or as {value, source, note}, checked against [min, max]. */
static const char *const distribution_keys[] = {
    "dist", "value", "mean", "sd", "min", "max", "mode", "alpha", "beta", "values", "weights",
    "source", "note", NULL};
static const char *const distribution_names[] = {"normal", "uniform", "triangular", "beta",
                                                 "choice", NULL};
static const char *const no_required_keys[] = {NULL};

/* A required number of a distribution mapping; reports when missing. */
static bool dist_number(reader_t *r, const ynode_t *map, const char *key, const char *path,
                        double *out)
{
    const ynode_t *v = pacta_ynode_lookup(map, key);
    char sub[PATH_MAX_BYTES];
    pacta_yaml_join(sub, path, key);
    if (v == NULL) {
        pacta_builder_error(r->b, pacta_yaml_loc(map), path, "this distribution needs '%s'", key);
        return false;
    }
    return pacta_yaml_number(r, v, sub, out);
}

/* A list of numbers (choice values and weights). */
static double *dist_list(reader_t *r, const ynode_t *map, const char *key, const char *path,
                         size_t *n)
{
    *n = 0;
    const ynode_t *v = pacta_ynode_lookup(map, key);
    char sub[PATH_MAX_BYTES];
    pacta_yaml_join(sub, path, key);
    if (v == NULL)
        return NULL;
    if (v->kind != YNODE_SEQUENCE || v->count == 0) {
        pacta_builder_error(r->b, pacta_yaml_loc(v), sub,
                            "expected a non-empty list of numbers, found %s",
                            pacta_ynode_describe(v));
        return NULL;
    }
    double *out = pacta_builder_alloc(r->b, v->count, sizeof(double));
    if (out == NULL)
        return NULL;
    bool ok = true;
    for (size_t i = 0; i < v->count; i++) {
        char item[PATH_MAX_BYTES];
        pacta_yaml_path_printf(item, "%s[%zu]", sub, i);
        ok = pacta_yaml_number(r, v->values[i], item, &out[i]) && ok;
    }
    *n = v->count;
    return ok ? out : NULL;
}

/* Standard normal CDF, for checking that a truncated normal keeps some probability. */
static double normal_cdf(double z)
{
    return 0.5 * erfc(-z / sqrt(2.0));
}

/* An uncertain number: {dist: KIND, ...parameters, value?, source?, note?}. The support is
 * the field's range [min, max] intersected with the distribution's own. */
/* The parameters of a normal distribution (mean, sd) into d, and its point value. */
static bool dist_normal(reader_t *r, const ynode_t *node, const char *path, double min, double max,
                        pacta_distribution_t *d, double *point)
{
    bool ok = dist_number(r, node, "mean", path, &d->a) && dist_number(r, node, "sd", path, &d->b);
    if (ok && !(d->b > 0)) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path, "sd must be above 0 (it is %g)",
                            d->b);
        ok = false;
    }
    if (ok && normal_cdf((max - d->a) / d->b) - normal_cdf((min - d->a) / d->b) <
                  PACTA_MIN_PROBABILITY_MASS) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path,
                            "a normal with mean %g and sd %g has almost no probability inside "
                            "%g to %g",
                            d->a, d->b, min, max);
        ok = false;
    }
    *point = d->a;
    return ok;
}

/* The range of a uniform, triangular or beta distribution into d (the field's range unless
 * min and max are given; a beta must have them on an unbounded field), its mode or alpha and
 * beta, and its point value. */
static bool dist_ranged(reader_t *r, const ynode_t *node, const char *path, double min, double max,
                        pacta_distribution_t *d, double *point)
{
    bool ok = true;
    bool has_min = pacta_ynode_lookup(node, "min") != NULL,
         has_max = pacta_ynode_lookup(node, "max") != NULL;
    if (d->kind == PACTA_DIST_BETA && (!has_min || !has_max) && (isinf(min) || isinf(max))) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path,
                            "a beta distribution on an unbounded field needs min and max");
        return false;
    }
    if (d->kind != PACTA_DIST_BETA || has_min)
        ok = dist_number(r, node, "min", path, &d->lo) && ok;
    if (d->kind != PACTA_DIST_BETA || has_max)
        ok = dist_number(r, node, "max", path, &d->hi) && ok;
    if (ok && !(d->lo < d->hi)) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path, "min (%g) must be below max (%g)",
                            d->lo, d->hi);
        ok = false;
    }
    if (ok && (d->lo < min || d->hi > max)) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path,
                            "the range %g to %g reaches outside the field's range %g to %g", d->lo,
                            d->hi, min, max);
        ok = false;
    }
    if (d->kind == PACTA_DIST_TRIANGULAR) {
        ok = dist_number(r, node, "mode", path, &d->a) && ok;
        if (ok && (d->a < d->lo || d->a > d->hi)) {
            pacta_builder_error(r->b, pacta_yaml_loc(node), path, "mode %g is outside min to max",
                                d->a);
            ok = false;
        }
        *point = d->a;
    } else if (d->kind == PACTA_DIST_BETA) {
        ok = dist_number(r, node, "alpha", path, &d->a) && ok;
        ok = dist_number(r, node, "beta", path, &d->b) && ok;
        if (ok && !(d->a > 0 && d->b > 0)) {
            pacta_builder_error(r->b, pacta_yaml_loc(node), path, "alpha and beta must be above 0");
            ok = false;
        }
        *point = d->lo + (d->hi - d->lo) * d->a / (d->a + d->b);
    } else {
        *point = 0.5 * (d->lo + d->hi);
    }
    return ok;
}

/* The values and weights (equal unless given) of a choice into d; the point value is the
 * first of the heaviest values. */
static bool dist_choice(reader_t *r, const ynode_t *node, const char *path, double min, double max,
                        pacta_distribution_t *d, double *point)
{
    bool ok = true;
    size_t nv = 0, nw = 0;
    double *values = dist_list(r, node, "values", path, &nv);
    double *weights = dist_list(r, node, "weights", path, &nw);
    if (pacta_ynode_lookup(node, "values") == NULL) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path, "this distribution needs 'values'");
        return false;
    }
    if (values == NULL || (pacta_ynode_lookup(node, "weights") != NULL && weights == NULL))
        return false;
    if (weights != NULL && nw != nv) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path, "%zu values but %zu weights", nv, nw);
        return false;
    }
    if (weights == NULL) {
        weights = pacta_builder_alloc(r->b, nv, sizeof(double));
        if (weights == NULL)
            return false;
        for (size_t i = 0; i < nv; i++)
            weights[i] = 1.0;
    }
    double total = 0;
    size_t best = 0;
    for (size_t i = 0; i < nv; i++) {
        if (values[i] < min || values[i] > max) {
            pacta_builder_error(r->b, pacta_yaml_loc(node), path,
                                "value %g is outside the range %g to %g", values[i], min, max);
            ok = false;
        }
        if (!(weights[i] >= 0)) {
            pacta_builder_error(r->b, pacta_yaml_loc(node), path, "weights must not be negative");
            ok = false;
        }
        total += weights[i];
        if (weights[i] > weights[best])
            best = i;
    }
    if (ok && !(total > 0)) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path, "the weights add up to zero");
        ok = false;
    }
    d->values = values;
    d->weights = weights;
    d->n_values = nv;
    *point = values[best];
    return ok;
}

static bool yaml_distribution(reader_t *r, const ynode_t *node, const char *path, double min,
                              double max, pacta_value_t *out)
{
    pacta_yaml_check_keys(r, node, path, distribution_keys, no_required_keys);
    char sub[PATH_MAX_BYTES];
    pacta_yaml_join(sub, path, "dist");
    const char *name = pacta_yaml_text(r, pacta_ynode_lookup(node, "dist"), sub, 32, false);
    if (name == NULL)
        return false;
    int kind = -1;
    for (int i = 0; distribution_names[i] != NULL; i++)
        if (strcmp(distribution_names[i], name) == 0)
            kind = i;
    if (kind < 0) {
        pacta_builder_error(r->b, pacta_yaml_loc(pacta_ynode_lookup(node, "dist")), sub,
                            "unknown distribution '%s'; use normal, uniform, triangular, beta or "
                            "choice",
                            name);
        return false;
    }
    pacta_distribution_t *d = pacta_builder_alloc(r->b, 1, sizeof *d);
    if (d == NULL)
        return false;
    d->kind = (pacta_distribution_kind)kind;
    d->lo = min;
    d->hi = max;
    bool ok = true;
    double point = NAN;
    switch (d->kind) {
    case PACTA_DIST_NORMAL:
        ok = dist_normal(r, node, path, min, max, d, &point);
        break;
    case PACTA_DIST_UNIFORM:
    case PACTA_DIST_TRIANGULAR:
    case PACTA_DIST_BETA:
        ok = dist_ranged(r, node, path, min, max, d, &point);
        break;
    case PACTA_DIST_CHOICE:
        ok = dist_choice(r, node, path, min, max, d, &point);
        break;
    }
    if (!ok)
        return false;
    /* The point value: declared, or the distribution's central value. */
    const ynode_t *v = pacta_ynode_lookup(node, "value");
    if (v != NULL) {
        pacta_yaml_join(sub, path, "value");
        if (!pacta_yaml_number(r, v, sub, &point) ||
            !pacta_yaml_check_range(r, v, sub, point, min, max))
            return false;
    } else if (point < min || point > max) {
        pacta_builder_error(r->b, pacta_yaml_loc(node), path,
                            "the distribution's central value %g is outside %g to %g; give value:",
                            point, min, max);
        return false;
    }
    out->value = point;
    out->dist = d;
    return true;
}

bool pacta_yaml_value(reader_t *r, const ynode_t *node, const char *path, double min, double max,
                      pacta_value_t *out)
{
    memset(out, 0, sizeof *out);
    out->at = pacta_yaml_loc(node);
    if (node->kind == YNODE_MAPPING) {
        out->source = pacta_yaml_field_source(r, node, path);
        out->note = pacta_yaml_field_text(r, node, "note", path, PACTA_MAX_LONG_TEXT_BYTES);
        if (pacta_ynode_lookup(node, "dist") != NULL)
            return yaml_distribution(r, node, path, min, max, out);
        pacta_yaml_check_keys(r, node, path, pacta_yaml_value_keys, pacta_yaml_value_required);
        const ynode_t *v = pacta_ynode_lookup(node, "value");
        if (v == NULL)
            return false;
        char sub[PATH_MAX_BYTES];
        pacta_yaml_join(sub, path, "value");
        out->at = pacta_yaml_loc(v);
        return pacta_yaml_number(r, v, sub, &out->value) &&
               pacta_yaml_check_range(r, v, sub, out->value, min, max);
    }
    return pacta_yaml_number(r, node, path, &out->value) &&
           pacta_yaml_check_range(r, node, path, out->value, min, max);
}

bool pacta_yaml_bool(reader_t *r, const ynode_t *node, const char *path, bool *out)
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
    pacta_builder_error(
        r->b, pacta_yaml_loc(node), path, "expected true or false, found %s%s%.40s%s",
        pacta_ynode_describe(node), node->kind == YNODE_SCALAR ? " '" : "",
        node->kind == YNODE_SCALAR ? node->text : "", node->kind == YNODE_SCALAR ? "'" : "");
    return false;
}

/* A list-valued field; NULL (reported) when present but not a list. */
const ynode_t *pacta_yaml_list_field(reader_t *r, const ynode_t *map, const char *key,
                                     const char *path)
{
    const ynode_t *node = pacta_ynode_lookup(map, key);
    if (node == NULL)
        return NULL;
    if (pacta_ynode_is_null(node))
        return NULL;
    if (node->kind != YNODE_SEQUENCE) {
        char sub[PATH_MAX_BYTES];
        pacta_yaml_join(sub, path, key);
        pacta_builder_error(r->b, pacta_yaml_loc(node), sub,
                            "expected a list (items starting with '- '), found %s",
                            pacta_ynode_describe(node));
        return NULL;
    }
    return node;
}

const ynode_t *pacta_yaml_mapping_field(reader_t *r, const ynode_t *map, const char *key,
                                        const char *path)
{
    const ynode_t *node = pacta_ynode_lookup(map, key);
    if (node == NULL || pacta_ynode_is_null(node))
        return NULL;
    if (node->kind != YNODE_MAPPING) {
        char sub[PATH_MAX_BYTES];
        pacta_yaml_join(sub, path, key);
        pacta_builder_error(r->b, pacta_yaml_loc(node), sub,
                            "expected a mapping (key: value lines), found %s",
                            pacta_ynode_describe(node));
        return NULL;
    }
    return node;
}

/* Path of item i of a list whose items carry ids: "actors[ukraine]" or "actors[3]". */
void pacta_yaml_item_path(char *out, const char *list, const ynode_t *item, size_t i)
{
    const ynode_t *id = item->kind == YNODE_MAPPING ? pacta_ynode_lookup(item, "id") : NULL;
    if (id != NULL && id->kind == YNODE_SCALAR && pacta_is_valid_id(id->text, id->length))
        pacta_yaml_path_printf(out, "%s[%s]", list, id->text);
    else
        pacta_yaml_path_printf(out, "%s[%zu]", list, i);
}

/* Duplicate ids in a list: report each repeat with the first occurrence's line. */
void pacta_yaml_check_duplicate_ids(reader_t *r, const char *list, const char *const *ids,
                                    const pacta_location_t *at, size_t n, const id_index_t *index)
{
    for (size_t i = 0; i < n; i++) {
        if (ids[i] == NULL)
            continue;
        long first = pacta_id_index_find(index, ids[i]);
        if (first >= 0 && (size_t)first != i) {
            char path[PATH_MAX_BYTES];
            pacta_yaml_path_printf(path, "%s[%s].id", list, ids[i]);
            pacta_builder_error(r->b, at[i], path, "duplicate id '%s' (first used at line %d)",
                                ids[i], at[first].line);
        }
    }
}

/* A required list that is present but empty (or null) is an error of its own. */
void pacta_yaml_require_entries(reader_t *r, const ynode_t *root, const char *key, const char *what)
{
    const ynode_t *node = pacta_ynode_lookup(root, key);
    if (node != NULL &&
        (pacta_ynode_is_null(node) || (node->kind == YNODE_SEQUENCE && node->count == 0)))
        pacta_builder_error(r->b, pacta_yaml_loc(node), key,
                            "the scenario has no %s; at least one is needed", what);
}

bool pacta_yaml_check_count(reader_t *r, const ynode_t *list, const char *name, size_t limit)
{
    if (list->count <= limit)
        return true;
    pacta_builder_error(r->b, pacta_yaml_loc(list), name, "has %zu entries; the limit is %zu",
                        list->count, limit);
    return false;
}

/* A flag written plainly (true/false) or as {value: true, source, note}. */
bool pacta_yaml_flag(reader_t *r, const ynode_t *node, const char *path, pacta_value_t *out)
{
    memset(out, 0, sizeof *out);
    out->at = pacta_yaml_loc(node);
    const ynode_t *v = node;
    char sub[PATH_MAX_BYTES];
    pacta_yaml_path_printf(sub, "%s", path);
    if (node->kind == YNODE_MAPPING) {
        pacta_yaml_check_keys(r, node, path, pacta_yaml_value_keys, pacta_yaml_value_required);
        out->source = pacta_yaml_field_source(r, node, path);
        out->note = pacta_yaml_field_text(r, node, "note", path, PACTA_MAX_LONG_TEXT_BYTES);
        v = pacta_ynode_lookup(node, "value");
        if (v == NULL)
            return false;
        pacta_yaml_join(sub, path, "value");
        out->at = pacta_yaml_loc(v);
    }
    bool flag = false;
    if (!pacta_yaml_bool(r, v, sub, &flag))
        return false;
    out->value = flag ? 1.0 : 0.0;
    return true;
}

bool pacta_yaml_records_begin(reader_t *r, const ynode_t *root, const char *key, size_t limit,
                              size_t item_size, yaml_records_t *out)
{
    memset(out, 0, sizeof *out);
    out->key = key;
    out->list = pacta_yaml_list_field(r, root, key, "");
    if (out->list != NULL && pacta_yaml_check_count(r, out->list, key, limit))
        out->n = out->list->count;
    out->items = pacta_builder_alloc(r->b, out->n, item_size);
    out->ids = pacta_builder_alloc(r->b, out->n, sizeof(char *));
    out->at = pacta_builder_alloc(r->b, out->n, sizeof(pacta_location_t));
    return out->items != NULL && out->ids != NULL && out->at != NULL;
}

const ynode_t *pacta_yaml_records_entry(reader_t *r, yaml_records_t *records, size_t i,
                                        const char *what, char *path)
{
    const ynode_t *item = records->list->values[i];
    pacta_yaml_item_path(path, records->key, item, i);
    records->at[i] = pacta_yaml_loc(item);
    if (item->kind == YNODE_MAPPING)
        return item;
    pacta_builder_error(r->b, pacta_yaml_loc(item), path, "expected %s, found %s", what,
                        pacta_ynode_describe(item));
    return NULL;
}
