/* Field-level helpers for the YAML scenario reader (yaml_fields.c) and the reader state
 * shared by the section readers (yaml_read.c, yaml_read_war.c). */
#ifndef PACTA_YAML_FIELDS_H
#define PACTA_YAML_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "scenario/scenario_internal.h"
#include "scenario/yaml_tree.h"

/* Longest field path kept for messages. */
enum { PATH_MAX_BYTES = 192 };

typedef struct reader {
    scenario_builder_t *b;
    id_index_t sources;
    id_index_t issues;
    id_index_t actors;
} reader_t;

/* The value of a {value, source, note} mapping: its allowed and required keys. */
extern const char *const pacta_yaml_value_keys[];
extern const char *const pacta_yaml_value_required[];

void pacta_yaml_path_printf(char *out, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
pacta_location_t pacta_yaml_loc(const ynode_t *n);
void pacta_yaml_check_keys(reader_t *r, const ynode_t *map, const char *path,
                           const char *const *known, const char *const *required);
void pacta_yaml_join(char *out, const char *path, const char *key);
const char *pacta_yaml_text(reader_t *r, const ynode_t *node, const char *path, size_t max_bytes,
                            bool allow_empty);
const char *pacta_yaml_field_text(reader_t *r, const ynode_t *map, const char *key,
                                  const char *path, size_t max_bytes);
const char *pacta_yaml_field_id(reader_t *r, const ynode_t *map, const char *path);
const char *pacta_yaml_field_date(reader_t *r, const ynode_t *map, const char *path);
bool pacta_yaml_number(reader_t *r, const ynode_t *node, const char *path, double *out);
bool pacta_yaml_check_range(reader_t *r, const ynode_t *node, const char *path, double v,
                            double min, double max);
const char *pacta_yaml_index_suggest(reader_t *r, const id_index_t *index, const char *word);
void pacta_yaml_unknown_reference(reader_t *r, const ynode_t *node, const char *path,
                                  const id_index_t *index, const char *what, const char *list,
                                  const char *id);
const char *pacta_yaml_source_ref(reader_t *r, const ynode_t *node, const char *path);
const char *pacta_yaml_field_source(reader_t *r, const ynode_t *map, const char *path);
bool pacta_yaml_value(reader_t *r, const ynode_t *node, const char *path, double min, double max,
                      pacta_value_t *out);
bool pacta_yaml_bool(reader_t *r, const ynode_t *node, const char *path, bool *out);
const ynode_t *pacta_yaml_list_field(reader_t *r, const ynode_t *map, const char *key,
                                     const char *path);
const ynode_t *pacta_yaml_mapping_field(reader_t *r, const ynode_t *map, const char *key,
                                        const char *path);
void pacta_yaml_item_path(char *out, const char *list, const ynode_t *item, size_t i);
void pacta_yaml_check_duplicate_ids(reader_t *r, const char *list, const char *const *ids,
                                    const pacta_location_t *at, size_t n, const id_index_t *index);
void pacta_yaml_require_entries(reader_t *r, const ynode_t *root, const char *key,
                                const char *what);
bool pacta_yaml_check_count(reader_t *r, const ynode_t *list, const char *name, size_t limit);
bool pacta_yaml_flag(reader_t *r, const ynode_t *node, const char *path, pacta_value_t *out);

/* A top-level list of records with ids (sources, issues, actors, proposals, coalitions):
 * the list, its entry count (0 when absent or over the limit) and, from the builder, room
 * for the caller's records, their ids (filled by the caller) and their locations. */
typedef struct yaml_records {
    const char *key;
    const ynode_t *list;
    size_t n;
    void *items;
    const char **ids;
    pacta_location_t *at;
} yaml_records_t;

/* Find the list @p key of @p root and allocate its records (@p item_size bytes each), at
 * most @p limit of them (a longer list is reported and read as empty). False when memory
 * ran out. */
bool pacta_yaml_records_begin(reader_t *r, const ynode_t *root, const char *key, size_t limit,
                              size_t item_size, yaml_records_t *out);

/* Entry @p i: its path (for messages) into @p path and its location into at[i]. Returns the
 * entry when it is a mapping; otherwise reports "expected @p what, found ..." and returns
 * NULL. */
const ynode_t *pacta_yaml_records_entry(reader_t *r, yaml_records_t *records, size_t i,
                                        const char *what, char *path);

/* Section readers of yaml_read_war.c. */
void pacta_scenario_read_coalitions(reader_t *r, const ynode_t *root);
void pacta_scenario_read_war(reader_t *r, const ynode_t *root);

#endif
