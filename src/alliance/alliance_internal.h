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

/* A member's money figures beyond the burden: constant-price GDP, defence and gaps, spending
 * per capita and per soldier (A4, A11). m->row, m->defence and m->gap_points are set. */
void pacta_alliance_member_money(const pacta_alliance_data_t *data, pacta_alliance_member_t *m);

/* The free-riding tests of one year on its analysed members (A6-A8, A10, A12): oz->all and
 * oz->europe_canada (GDP against burden), oz->sh_all and oz->sh_europe_canada (GDP against
 * the exploitation index), with bootstrap intervals as the options ask. x and y hold n
 * entries. Sets oz->n_members. */
pacta_status pacta_alliance_year_tests(const pacta_alliance_member_t *members, size_t n,
                                       const pacta_alliance_options_t *options,
                                       pacta_alliance_oz_t *oz, double *x, double *y);

#endif
