/* A YAML document as a small tree whose every node knows its line and column. libfyaml's
 * event parser does the lexing; this layer adds what pacta's checks need and libfyaml's
 * document API does not give (a location for mappings and sequences, duplicate keys with
 * both locations, a depth limit, and no aliases). */
#ifndef PACTA_YAML_TREE_H
#define PACTA_YAML_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include <pacta/pacta.h>

#include "core/arena.h"

typedef enum ynode_kind { YNODE_SCALAR, YNODE_MAPPING, YNODE_SEQUENCE } ynode_kind;

typedef struct ynode ynode_t;
struct ynode {
    ynode_kind kind;
    int line;   /* 1-based */
    int column; /* 1-based */
    /* Scalars: NUL-terminated text; plain is false for quoted and block scalars. */
    const char *text;
    size_t length;
    bool plain;
    /* Mappings: keys[i] (scalars) and values[i]; sequences: values[i]. */
    ynode_t **keys;
    ynode_t **values;
    size_t count;
    size_t capacity;
};

/* Deepest nesting accepted; deeper input is reported instead of recursing without bound. */
#define YAML_MAX_DEPTH 64

/* Parse text into a tree allocated in arena. Syntax errors, aliases, tags, duplicate keys,
 * non-scalar keys, several documents and too deep nesting are reported to diag under name.
 * Returns the root (NULL for an empty document or on error) and sets *errors to the number
 * of errors reported. */
pacta_status pacta_yaml_tree_parse(pacta_arena_t *arena, const char *text, size_t length,
                                   const char *name, pacta_diag_t *diag, ynode_t **root,
                                   size_t *errors);

/* Whether a scalar is YAML's null: plain "", "~", "null", "Null" or "NULL". */
bool pacta_ynode_is_null(const ynode_t *node);

/* Value for key in a mapping, or NULL. */
ynode_t *pacta_ynode_lookup(const ynode_t *mapping, const char *key);

/* "a mapping", "a list", "text" or "a number": what a node is, for messages. */
const char *pacta_ynode_describe(const ynode_t *node);

#endif
