/* A CSV file read whole into rows of text cells, each row knowing the line it starts on
 * (quoted fields may span lines), for the durability readers: UCDP, PA-X, COW and episode
 * tables. A UTF-8 byte-order mark is skipped. */
#ifndef PACTA_DURABILITY_TABLE_H
#define PACTA_DURABILITY_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include <pacta/pacta.h>

#include "core/arena.h"

typedef struct dtable {
    pacta_arena_t *arena; /* owns every string below */
    const char *file;     /* the path, for diagnostics */
    const char **header;  /* n_cols column names */
    size_t n_cols;
    int header_line;
    const char ***cells; /* n_rows rows of n_cols cells ("" when the row is short) */
    int *line;     /* n_rows: the line each row starts on */
    size_t n_rows;
    char **comments; /* leading "#" lines without the "# " (when allowed) */
    size_t n_comments;
} dtable_t;

/* Read path. With allow_comments, lines starting with '#' before the header are kept as
 * comments. Every row must have as many fields as the header (each short or long row is an
 * error naming its line). Returns PACTA_OK, PACTA_EIO (cannot read), PACTA_EINPUT (see
 * diag), PACTA_ELIMIT (over PACTA_MAX_FILE_BYTES) or PACTA_ENOMEM; on failure t is freed. */
pacta_status pacta_dtable_read(dtable_t *t, const char *path, bool allow_comments,
                               pacta_diag_t *diag);

/* Free the table. Accepts a zeroed one. */
void pacta_dtable_free(dtable_t *t);

/* Index of the column named name, or -1. */
long pacta_dtable_column(const dtable_t *t, const char *name);

/* Look up each of names[0..n) into cols[]; report every missing one (naming the file and
 * the header line). Returns the number missing. */
size_t pacta_dtable_require(const dtable_t *t, const char *const *names, size_t n, long *cols,
                            pacta_diag_t *diag);

#endif
