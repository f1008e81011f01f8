/* Shared by the scenario readers (YAML, CSV), the checks and the writer. */
#ifndef PACTA_SCENARIO_INTERNAL_H
#define PACTA_SCENARIO_INTERNAL_H

#include <pacta/pacta.h>

#include "core/arena.h"

/* A scenario and the arena holding everything it points to. The public struct comes first
 * so a pacta_scenario_t pointer converts back to its owner. */
typedef struct scenario_owner {
    pacta_scenario_t pub;
    pacta_arena_t *arena;
} scenario_owner_t;

/* State of one load: where problems are reported and how many there were. */
typedef struct scenario_builder {
    scenario_owner_t *owner;
    pacta_diag_t *diag;
    const char *file;
    size_t errors;
    bool out_of_memory;
} scenario_builder_t;

/* Sorted (id, index) pairs for O(log n) lookups of ids. */
typedef struct id_index {
    const char **ids;
    size_t *order;
    size_t n;
} id_index_t;

pacta_status pacta_builder_init(scenario_builder_t *b, const char *file, pacta_diag_t *diag);
/* On success hands the scenario to *out; otherwise frees it. Returns the load's status. */
pacta_status pacta_builder_finish(scenario_builder_t *b, pacta_scenario_t **out);

void pacta_builder_error(scenario_builder_t *b, pacta_location_t at, const char *field,
                         const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
void pacta_builder_warning(scenario_builder_t *b, pacta_location_t at, const char *field,
                           const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
void pacta_builder_oom(scenario_builder_t *b);

/* Arena helpers that record allocation failure in the builder. */
void *pacta_builder_alloc(scenario_builder_t *b, size_t count, size_t size);
char *pacta_builder_strndup(scenario_builder_t *b, const char *s, size_t n);

/* An id made from arbitrary text: letters and digits kept (lower-cased), runs of anything
 * else become '_' ("x" when nothing is left). Memory comes from the arena. */
char *pacta_builder_make_id(scenario_builder_t *b, const char *text, size_t length);

/* Build an index over ids[0..n) (NULL ids are skipped). Memory comes from the arena. */
bool pacta_id_index_build(scenario_builder_t *b, id_index_t *index, const char *const *ids,
                          size_t n);
/* Index of id, or -1. */
long pacta_id_index_find(const id_index_t *index, const char *id);

/* Checks that need the whole scenario: every issue has a stance, weights are usable,
 * saliences look like 0-100. Reports into the builder. */
void pacta_scenario_check_semantics(scenario_builder_t *b);

#endif
