/* A scenario's CSV text read into a table of cells (core/table.h), shared by the flat actor
 * table reader (csv_read.c) and the KTAB reader (ktab_csv.c), with the scenario's limits on
 * rows and columns. */
#ifndef PACTA_SCENARIO_CSV_TABLE_H
#define PACTA_SCENARIO_CSV_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/table.h"
#include "scenario/scenario_internal.h"

enum { CSV_MAX_COLUMNS = 2 * PACTA_MAX_ISSUES + 8 };

/* Parse all rows into t (cells in the builder's arena; pacta_table_free() it afterwards). A
 * syntax error is reported and ends parsing, but the complete rows before it are kept so
 * their problems are reported in the same run. Returns false only when nothing more can
 * be done (out of memory, too many rows or columns). */
bool pacta_csv_table_parse(scenario_builder_t *b, pacta_table_t *t, const char *text,
                           size_t length);

/* Whether cell col of row holds only white space. */
bool pacta_csv_cell_blank(const pacta_table_row_t *row, long col);

/* The number in cell col (padding spaces ignored), or false after reporting field. */
bool pacta_csv_cell_number(scenario_builder_t *b, const pacta_table_row_t *row, long col,
                           const char *field, double *out);

/* Whether the table is in KTAB's layout: its first non-blank row has at least four fields
 * and the third and fourth are integers (the numbers of actors and dimensions). *first
 * receives that row's index. */
bool pacta_ktab_csv_detect(const pacta_table_t *t, size_t *first);

/* Read a table in KTAB's layout (ktab_csv.c) into the builder's scenario, reporting every
 * problem with its line and field. */
void pacta_ktab_csv_read(scenario_builder_t *b, const pacta_table_t *t, size_t first);

#endif
