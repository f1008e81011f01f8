/* Reads the YAML sidecar of an alliance table (docs/alliance.md): the editions' titles and
 * sources. The scenario module's YAML tree gives every node its line. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "alliance/read_internal.h"
#include "core/alloc.h"
#include "core/table.h"
#include "core/text.h"
#include "scenario/yaml_tree.h"

static const char *scalar_text(reader_t *r, const char *file, const ynode_t *node,
                               const char *field)
{
    if (node == NULL || pacta_ynode_is_null(node))
        return "";
    if (node->kind != YNODE_SCALAR) {
        r->errors++;
        if (pacta_diag_addf(r->diag, PACTA_SEVERITY_ERROR, file, node->line, node->column, field,
                            "must be text, not %s", pacta_ynode_describe(node)) == PACTA_ENOMEM)
            r->oom = true;
        return "";
    }
    return pacta_alliance_keep(r, node->text);
}

static void unknown_keys(reader_t *r, const char *file, const ynode_t *map,
                         const char *const *known, const char *prefix)
{
    for (size_t i = 0; i < map->count; i++) {
        const char *key = map->keys[i]->text;
        bool found = false;
        for (size_t k = 0; known[k] != NULL; k++)
            found = found || strcmp(known[k], key) == 0;
        if (found)
            continue;
        const char *hint = pacta_suggest(key, known);
        r->errors++;
        if (pacta_diag_addf(r->diag, PACTA_SEVERITY_ERROR, file, map->keys[i]->line,
                            map->keys[i]->column, prefix, "unknown key '%s'%s%s%s", key,
                            hint ? " (did you mean '" : "", hint ? hint : "",
                            hint ? "'?)" : "") == PACTA_ENOMEM)
            r->oom = true;
    }
}

pacta_alliance_edition_t *pacta_alliance_edition_add(edition_list_t *list)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? 2 * list->capacity : 8;
        pacta_alliance_edition_t *bigger =
            pacta_reallocarray(list->items, capacity, sizeof *list->items);
        if (bigger == NULL)
            return NULL;
        list->items = bigger;
        list->capacity = capacity;
    }
    return &list->items[list->count++];
}

/* One entry of the sidecar's editions list (the i-th): reported when it is not a mapping with
 * a valid id. Returns PACTA_ENOMEM or PACTA_OK. */
static pacta_status read_edition(reader_t *r, const char *meta_path, const ynode_t *e, size_t i,
                                 edition_list_t *editions)
{
    static const char *const edition_keys[] = {"id", "title", "published", "source", "notes", NULL};
    char field[64];
    snprintf(field, sizeof field, "editions[%zu]", i);
    if (e->kind != YNODE_MAPPING) {
        r->errors++;
        (void)pacta_diag_addf(r->diag, PACTA_SEVERITY_ERROR, meta_path, e->line, e->column, field,
                              "must be a mapping, not %s", pacta_ynode_describe(e));
        return PACTA_OK;
    }
    unknown_keys(r, meta_path, e, edition_keys, field);
    char sub[96];
    snprintf(sub, sizeof sub, "%s.id", field);
    const char *id = scalar_text(r, meta_path, pacta_ynode_lookup(e, "id"), sub);
    if (!pacta_is_valid_date(id, strlen(id))) {
        r->errors++;
        (void)pacta_diag_addf(r->diag, PACTA_SEVERITY_ERROR, meta_path, e->line, e->column, sub,
                              "'%s' is not an edition date YYYY, YYYY-MM or YYYY-MM-DD", id);
        return PACTA_OK;
    }
    pacta_alliance_edition_t *ed = pacta_alliance_edition_add(editions);
    if (ed == NULL)
        return PACTA_ENOMEM;
    ed->id = id;
    snprintf(sub, sizeof sub, "%s.title", field);
    ed->title = scalar_text(r, meta_path, pacta_ynode_lookup(e, "title"), sub);
    snprintf(sub, sizeof sub, "%s.published", field);
    ed->published = scalar_text(r, meta_path, pacta_ynode_lookup(e, "published"), sub);
    snprintf(sub, sizeof sub, "%s.source", field);
    ed->source = scalar_text(r, meta_path, pacta_ynode_lookup(e, "source"), sub);
    snprintf(sub, sizeof sub, "%s.notes", field);
    ed->notes = scalar_text(r, meta_path, pacta_ynode_lookup(e, "notes"), sub);
    return PACTA_OK;
}

/* The sidecar's title, notes and editions (the table's editions: those used by rows but not
 * described get an entry with only the id, in read.c). */
static pacta_status read_sidecar(reader_t *r, const char *meta_path, const char *text,
                                 size_t length, edition_list_t *editions)
{
    pacta_alliance_data_t *pub = &r->table->pub;
    ynode_t *root = NULL;
    size_t errors = 0;
    pacta_status st =
        pacta_yaml_tree_parse(r->table->arena, text, length, meta_path, r->diag, &root, &errors);
    r->errors += errors;
    if (st != PACTA_OK || root == NULL)
        return st;
    if (root->kind != YNODE_MAPPING) {
        r->errors++;
        return pacta_diag_addf(r->diag, PACTA_SEVERITY_ERROR, meta_path, root->line, root->column,
                               "", "the sidecar must be a mapping, not %s",
                               pacta_ynode_describe(root));
    }
    static const char *const known[] = {"format", "title", "notes", "editions", NULL};
    unknown_keys(r, meta_path, root, known, "");
    const ynode_t *format = pacta_ynode_lookup(root, "format");
    const char *format_text = scalar_text(r, meta_path, format, "format");
    if (strcmp(format_text, "pacta.alliance-data/1") != 0) {
        r->errors++;
        if (pacta_diag_addf(
                r->diag, PACTA_SEVERITY_ERROR, meta_path, format ? format->line : root->line,
                format ? format->column : root->column, "format",
                "must be pacta.alliance-data/1 (got '%s')", format_text) == PACTA_ENOMEM)
            r->oom = true;
    }
    pub->title = scalar_text(r, meta_path, pacta_ynode_lookup(root, "title"), "title");
    pub->notes = scalar_text(r, meta_path, pacta_ynode_lookup(root, "notes"), "notes");
    const ynode_t *list = pacta_ynode_lookup(root, "editions");
    if (list == NULL || pacta_ynode_is_null(list))
        return PACTA_OK;
    if (list->kind != YNODE_SEQUENCE) {
        r->errors++;
        return pacta_diag_addf(r->diag, PACTA_SEVERITY_ERROR, meta_path, list->line, list->column,
                               "editions", "must be a list, not %s", pacta_ynode_describe(list));
    }
    for (size_t i = 0; i < list->count && !r->oom; i++)
        if (read_edition(r, meta_path, list->values[i], i, editions) != PACTA_OK)
            return PACTA_ENOMEM;
    return r->oom ? PACTA_ENOMEM : PACTA_OK;
}

static char *sidecar_path(const char *path)
{
    size_t n = strlen(path);
    size_t stem = n >= 4 && strcmp(path + n - 4, ".csv") == 0 ? n - 4 : n;
    char *meta = pacta_malloc(stem + 6);
    if (meta != NULL) {
        memcpy(meta, path, stem);
        memcpy(meta + stem, ".yaml", 6);
    }
    return meta;
}

pacta_status pacta_alliance_read_sidecar(reader_t *r, const char *path, edition_list_t *editions)
{
    char *meta_path = sidecar_path(path);
    if (meta_path == NULL)
        return PACTA_ENOMEM;
    pacta_status st = PACTA_OK;
    char *text = NULL;
    size_t length = 0;
    struct stat info;
    /* A table without a sidecar is fine. */
    if (strcmp(meta_path, path) == 0 || (stat(meta_path, &info) != 0 && errno == ENOENT))
        goto cleanup;
    st = pacta_file_read(meta_path, "a YAML sidecar", &text, &length, r->diag);
    if (st == PACTA_OK) {
        r->table->pub.meta_path = pacta_alliance_keep(r, meta_path);
        st = read_sidecar(r, r->table->pub.meta_path, text, length, editions);
    }
cleanup:
    pacta_free(text);
    pacta_free(meta_path);
    return st;
}
