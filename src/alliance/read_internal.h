/* Private to the alliance table reader (read.c) and its sidecar reader (sidecar.c). */
#ifndef PACTA_ALLIANCE_READ_INTERNAL_H
#define PACTA_ALLIANCE_READ_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "alliance/alliance_internal.h"

/* The state of one reading: what has been read and how many errors it found. */
typedef struct reader {
    alliance_table_t *table;
    pacta_diag_t *diag;
    const char *name; /* the table's path */
    size_t errors;
    bool oom;
    bool too_many;
    /* the table's header */
    bool have_header;
    bool header_bad; /* rows are not read when the header is wrong */
    int map[16];     /* column -> index in the row, -1 when absent (read.c) */
    size_t n_header;
    /* the rows read */
    pacta_alliance_row_t *rows;
    size_t n_rows, cap_rows;
} reader_t;

/* A growing list of editions. */
typedef struct edition_list {
    pacta_alliance_edition_t *items;
    size_t count, capacity;
} edition_list_t;

/* Report a problem at line of the table (counting errors). */
void pacta_alliance_report(reader_t *r, pacta_severity severity, int line, const char *field,
                           const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* A copy of text in the table's arena ("" when out of memory, which r remembers). */
const char *pacta_alliance_keep(reader_t *r, const char *text);

/* Room for one more edition; NULL when out of memory. */
pacta_alliance_edition_t *pacta_alliance_edition_add(edition_list_t *list);

/* Read the YAML sidecar of the table at path (the same name ending in .yaml instead of
 * .csv), when there is one, into the table's title and notes and into editions. Problems
 * are reported and counted in r; returns PACTA_OK, PACTA_EIO, PACTA_ELIMIT or
 * PACTA_ENOMEM. */
pacta_status pacta_alliance_read_sidecar(reader_t *r, const char *path, edition_list_t *editions);

#endif
