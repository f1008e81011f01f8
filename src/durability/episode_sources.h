/* The three sources of the peace-episode table, read and reduced (episode_sources.c):
 * UCDP/PRIO conflict-years, PA-X agreements and COW war dyad-years. */
#ifndef PACTA_DURABILITY_EPISODE_SOURCES_H
#define PACTA_DURABILITY_EPISODE_SOURCES_H

#include <stdbool.h>
#include <stddef.h>

#include "durability/durability_internal.h"

typedef struct conflict_year {
    long id, year;
    long intensity;
    long ep_end;
    long start2;   /* days */
    long end_date; /* days, or LONG_MIN when the episode did not end this year */
    const char *type;
    const char *incompatibility;
    long gwno_a, gwno_b; /* primary state codes (0 when blank), for COW matching */
    size_t row;
} conflict_year_t;

typedef struct agreement {
    long id;
    long date;
    long conflict;
    bool local;
    bool ceasefire, monitoring, guarantee, dmz, withdrawal, territorial, power_sharing;
} agreement_t;

typedef struct cow_row {
    long war, c1, c2, year, deaths1, deaths2;
} cow_row_t;

/* Read and reduce the UCDP rows to conflict-years sorted by (id, year); *last_year is the
 * last year in the data. */
pacta_status pacta_episodes_read_ucdp(const dtable_t *t, pacta_diag_t *diag, conflict_year_t **out,
                                      size_t *n_out, long *last_year);
/* Read the PA-X agreements with a UCDP conflict id; *first and *last bound their dates. */
pacta_status pacta_episodes_read_pax(const dtable_t *t, pacta_diag_t *diag, agreement_t **out,
                                     size_t *n_out, long *first, long *last);
/* Read the COW war dyad-years. */
pacta_status pacta_episodes_read_cow(const dtable_t *t, pacta_diag_t *diag, cow_row_t **out,
                                     size_t *n_out);

#endif
