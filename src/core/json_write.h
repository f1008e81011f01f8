/* Writing a jansson tree as a JSON document, for every JSON output of the library (reports,
 * alliance analyses). The layout is jansson's JSON_INDENT(2) with insertion order; reals are
 * written with the fewest digits that read back exactly (pacta_format_double), which jansson
 * cannot do per value: its JSON_REAL_PRECISION(17) writes 0.1 as 0.10000000000000001.
 * Internal to the library: not part of include/pacta. */
#ifndef PACTA_CORE_JSON_WRITE_H
#define PACTA_CORE_JSON_WRITE_H

#include <jansson.h>
#include <stdio.h>

#include <pacta/status.h>

/* Write @p json (borrowed) to @p stream as a document followed by a newline: objects and
 * arrays one member a line, indented by two spaces a level, "key": value, {} and [] when
 * empty; strings and keys escaped by jansson; integers as integers; reals in the shortest
 * round-trip spelling, with ".0" added when it would otherwise read as an integer and the
 * exponent as jansson writes it ("1e300", "5e-324"). jansson holds no non-finite reals; were
 * one there it would be written as null, as the writers write non-finite values.
 * Returns PACTA_OK, PACTA_ENOMEM or PACTA_EIO (a write failed; the stream's error flag says
 * so too). */
pacta_status pacta_json_dump(const json_t *json, FILE *stream);

/* The JSON spelling of the real @p value into @p buf (at least 32 bytes), as pacta_json_dump
 * writes it; "null" for a non-finite value. */
void pacta_json_format_real(char *buf, size_t size, double value);

#endif
