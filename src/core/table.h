/* Delimited text tables (CSV, TSV) read whole into rows of cells, each cell and row with the
 * line it is on, for every table reader of the library: the flat and KTAB scenario tables,
 * DEU and capability tables, alliance tables, UCDP/PA-X/COW and episode tables. libcsv does
 * the RFC 4180 parsing (strict quotes; unquoted cells trimmed of spaces and tabs); the text is
 * fed to it one physical line at a time so that each row knows its line even when quoted
 * fields span lines. Internal to the library: not part of include/pacta. */
#ifndef PACTA_CORE_TABLE_H
#define PACTA_CORE_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include <pacta/diag.h>
#include <pacta/status.h>

#include "core/arena.h"

typedef struct pacta_table_cell {
    const char *text; /* NUL-terminated, in the table's arena */
    size_t length;    /* bytes before the NUL */
    int line;         /* the line the cell ends on */
} pacta_table_cell_t;

typedef struct pacta_table_row {
    pacta_table_cell_t *cells;
    size_t count;
    int line; /* the line of its first cell's end (a row of no cells: of its end) */
} pacta_table_row_t;

/* Why reading stopped before the end of the text. */
typedef enum pacta_table_end {
    PACTA_TABLE_COMPLETE = 0,
    PACTA_TABLE_SYNTAX,           /* not valid CSV there (reported) */
    PACTA_TABLE_TOO_MANY_COLUMNS, /* a row had more than max_columns cells (not reported) */
    PACTA_TABLE_TOO_MANY_ROWS     /* more than max_rows rows (not reported) */
} pacta_table_end;

typedef struct pacta_table_options {
    unsigned char delimiter;   /* ',' (default) or '\t' */
    const char *what;          /* names the text in "not valid WHAT: ..."; "CSV" by default */
    const char *unclosed_hint; /* follows the message for a quote still open at the end */
    bool unclosed_at_row;      /* report that on the open row's line, not the last line */
    bool skip_bom;             /* a leading UTF-8 byte-order mark is skipped (default) */
    bool comments;             /* lines starting with '#' before the first non-empty row are
                                * comments, kept without the "#" and one space */
    size_t max_columns;        /* 0: no limit; reading stops at the first longer row */
    size_t max_rows;           /* 0: no limit; reading stops when a row more is complete */
    const char *directory;     /* pacta_table_read: what a directory is not ("a table") */
} pacta_table_options_t;

typedef struct pacta_table {
    pacta_arena_t *arena; /* the cells' memory: the caller's, or the table's own */
    bool own_arena;
    const char *file; /* the name diagnostics give, in the arena */
    pacta_table_row_t *rows;
    size_t n_rows;
    char **comments;
    size_t n_comments;
    pacta_table_end end;
    int end_line;     /* the physical line reading stopped on (when end is not COMPLETE) */
    int end_row_line; /* the line of the row being read when it stopped (0: none open) */
} pacta_table_t;

void pacta_table_options_default(pacta_table_options_t *options);

/* Parse @p text (UTF-8 checked by the caller) into @p t; @p file names it in diagnostics.
 * With @p arena the cells are allocated there (a scenario's arena, so its names can point
 * into them), otherwise in an arena of the table's. A syntax error is reported and ends
 * reading, keeping the complete rows before it (t->end says so). Returns PACTA_OK,
 * PACTA_EINPUT (a syntax error) or PACTA_ENOMEM. pacta_table_free() must be called in every
 * case. */
pacta_status pacta_table_parse(pacta_table_t *t, const char *text, size_t length, const char *file,
                               pacta_arena_t *arena, const pacta_table_options_t *options,
                               pacta_diag_t *diag);

/* Read the file @p path (pacta_file_read) and parse it; the text must be UTF-8 without NUL
 * bytes (pacta_check_text). Returns what those do; pacta_table_free() must be called in
 * every case. */
pacta_status pacta_table_read(pacta_table_t *t, const char *path,
                              const pacta_table_options_t *options, pacta_diag_t *diag);

/* Free what the table owns. Accepts a zeroed table. */
void pacta_table_free(pacta_table_t *t);

/* Whether every byte of the cell is white space (an empty cell is blank). */
bool pacta_table_cell_blank(const pacta_table_cell_t *cell);

/* Whether every cell of the row is blank (a row of no cells is blank). */
bool pacta_table_row_blank(const pacta_table_row_t *row);

/* Whether the row is an empty line: no cells, or one empty cell. */
bool pacta_table_row_empty(const pacta_table_row_t *row);

/* Index of the cell of @p row whose text is @p name, or -1. */
long pacta_table_find(const pacta_table_row_t *row, const char *name);

/* The @p n bytes at @p text without the spaces, tabs and carriage returns around them (libcsv
 * trims unquoted cells; quoted ones and spreadsheet padding keep theirs): returns where the
 * trimmed text starts and sets *n to its length. No copy is made. */
const char *pacta_table_span_trim(const char *text, size_t *n);

/* The cell's text without white space around it, in buf (cut to size - 1 bytes); returns its
 * length. */
size_t pacta_table_trim(const char *text, char *buf, size_t size);

/* Read the whole file @p path into a NUL-terminated buffer (*text, freed with pacta_free),
 * with one message for each way that fails: "cannot open: REASON", "is a directory, not
 * WHAT" (@p what), "is larger than the limit of PACTA_MAX_FILE_BYTES bytes", "cannot read:
 * REASON". Returns PACTA_OK, PACTA_EIO, PACTA_ELIMIT or PACTA_ENOMEM. */
pacta_status pacta_file_read(const char *path, const char *what, char **text, size_t *length,
                             pacta_diag_t *diag);

#endif
