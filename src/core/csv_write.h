/* Writing CSV cells, for every CSV output of the library (reports, alliance analyses): text
 * quoted by libcsv, numbers in the shortest round-trip spelling (pacta_format_double), each
 * cell followed by the separator or the end of its row. Internal to the library: not part of
 * include/pacta. */
#ifndef PACTA_CORE_CSV_WRITE_H
#define PACTA_CORE_CSV_WRITE_H

#include <stdio.h>

/* @p text (borrowed; NULL writes an empty text) quoted by libcsv, then the character @p end
 * (',' or '\n'). Write errors are left in @p stream's error flag, which callers check once. */
void pacta_csv_text(FILE *stream, const char *text, char end);

/* @p value with the fewest digits that read back exactly, or nothing when it is not finite
 * (an empty cell: no value), then the character @p end. */
void pacta_csv_number(FILE *stream, double value, char end);

#endif
