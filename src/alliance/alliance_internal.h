/* Private to src/alliance: the loaded table's owner struct, and helpers shared by the
 * analysis, the writers and the plots. */
#ifndef PACTA_ALLIANCE_INTERNAL_H
#define PACTA_ALLIANCE_INTERNAL_H

#include <pacta/alliance.h>

#include "core/arena.h"

/* The public struct comes first, so a pacta_alliance_data_t pointer is also one of these. */
typedef struct alliance_table {
    pacta_alliance_data_t pub;
    pacta_arena_t *arena;
} alliance_table_t;

/* ISO code of the member whose totals are split from the rest ("United States"). */
#define ALLIANCE_US_CODE "USA"

/* Compare two edition ids (YYYY, YYYY-MM, YYYY-MM-DD): chronological order, which for these
 * forms is the byte order. */
int pacta_alliance_edition_compare(const char *a, const char *b);

/* The row for (code, year): of edition `edition` when not NULL, otherwise of the newest
 * edition that has one. NULL when there is none. */
const pacta_alliance_row_t *pacta_alliance_find_row(const pacta_alliance_data_t *data,
                                                    const char *code, int year,
                                                    const char *edition);

/* A member's burden from one row (A1), and where it came from. NAN when none. */
double pacta_alliance_row_burden(const pacta_alliance_row_t *row, pacta_alliance_trust trust,
                                 pacta_alliance_basis *basis);

/* Whether the row's member belonged to the alliance in the row's year (unknown: yes). */
bool pacta_alliance_row_is_member(const pacta_alliance_row_t *row);

#endif
