/* A CSV file read into rows of text cells, each row with its line number; shared by the
 * flat actor table reader (csv_read.c) and the KTAB reader (ktab_csv.c). libcsv does the
 * RFC 4180 parsing: it trims unquoted padding, accepts quoted fields and trailing commas. */
#ifndef PACTA_SCENARIO_CSV_TABLE_H
#define PACTA_SCENARIO_CSV_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "scenario/scenario_internal.h"

typedef struct cell {
    char *text; /* NUL-terminated, in the builder arena */
    size_t length;
} cell_t;

typedef struct row {
    cell_t *cells;
    size_t count;
    size_t capacity;
    int line;
} row_t;

typedef struct table {
    scenario_builder_t *b;
    row_t *rows;
    size_t count;
    size_t capacity;
    int line;        /* physical line being fed to the parser */
    bool row_open;   /* a field of the current row has been seen */
    bool too_many;
    bool syntax_error; /* parsing stopped at malformed CSV */
} table_t;

enum { CSV_MAX_COLUMNS = 2 * PACTA_MAX_ISSUES + 8 };

/* Parse all rows; feed one physical line at a time so rows know their line number. A
 * syntax error is reported and ends parsing, but the complete rows before it are kept so
 * their problems are reported in the same run. Returns false only when nothing more can
 * be done (out of memory, too many rows or columns). */
bool pacta_csv_table_parse(table_t *t, const char *text, size_t length);

/* Whether cell col of row holds only white space. */
bool pacta_csv_cell_blank(const row_t *row, long col);

/* Whether every cell of row is blank. */
bool pacta_csv_row_blank(const row_t *row);

/* The number in cell col (padding spaces ignored), or false after reporting field. */
bool pacta_csv_cell_number(scenario_builder_t *b, const row_t *row, long col, const char *field,
                           double *out);

/* Whether the table is in KTAB's layout: its first non-blank row has at least four fields
 * and the third and fourth are integers (the numbers of actors and dimensions). *first
 * receives that row's index. */
bool pacta_ktab_csv_detect(const table_t *t, size_t *first);

/* Read a table in KTAB's layout (ktab_csv.c) into the builder's scenario, reporting every
 * problem with its line and field. */
void pacta_ktab_csv_read(scenario_builder_t *b, const table_t *t, size_t first);

#endif
