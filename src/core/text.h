/* Small text helpers shared by the parsers: strict number and identifier syntax, and the
 * "did you mean" suggestion for misspelt keys. */
#ifndef PACTA_CORE_TEXT_H
#define PACTA_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <pacta/diag.h>
#include <pacta/status.h>

/* Why a piece of text is not a number. */
typedef enum number_error {
    NUMBER_OK = 0,
    NUMBER_EMPTY,
    NUMBER_SYNTAX,      /* not a decimal number */
    NUMBER_NOT_FINITE,  /* nan, inf, .nan, .inf in any spelling */
    NUMBER_OUT_OF_RANGE, /* overflows a double */
    NUMBER_UNDERFLOW     /* not zero, but too small for a double: it would read as 0 */
} number_error;

/* Parse a decimal number: optional sign, digits with an optional fraction, optional
 * exponent. No hex, no leading/trailing space, no "nan"/"inf". Underflow to a subnormal or
 * zero is accepted (the value is exactly what strtod gives). */
number_error pacta_parse_number(const char *text, size_t length, double *out);

/* Parse a base-10 integer into a long with full range checks. */
number_error pacta_parse_long(const char *text, size_t length, long *out);

/* Text for a number_error ("is not a number", ...). */
const char *pacta_number_error_text(number_error e);

/* Whether text is a valid id: 1..64 bytes of [A-Za-z0-9_.-], starting alphanumeric. */
bool pacta_is_valid_id(const char *text, size_t length);

/* Whether text is a date YYYY, YYYY-MM or YYYY-MM-DD with a valid month and day. */
bool pacta_is_valid_date(const char *text, size_t length);

/* Whether text is well-formed UTF-8 without NUL bytes. */
bool pacta_is_valid_utf8(const char *text, size_t length);

/* The offset of the first byte of text that is not part of well-formed UTF-8 (or is NUL);
 * length when all of it is. */
size_t pacta_utf8_invalid_at(const char *text, size_t length);

/* The 1-based line and column (in characters) of byte offset in text. */
void pacta_text_position(const char *text, size_t offset, int *line, int *column);

/* Check that a file's @p text is UTF-8 without NUL bytes, as every reader requires (a NUL
 * would cut a cell short; libfyaml can loop on invalid bytes; JSON cannot carry them). If it
 * is not, report "the file is not valid UTF-8 text" at the first bad byte's line and column
 * under @p file. Returns PACTA_OK, PACTA_EINPUT (reported) or PACTA_ENOMEM. */
pacta_status pacta_check_text(const char *text, size_t length, const char *file,
                              pacta_diag_t *diag);

/* pacta_suggest(), the "did you mean" of every message, is public: <pacta/diag.h>. */

/* Format a double with the fewest significant digits (up to 17) that read back exactly. */
void pacta_format_double(char *buf, size_t size, double value);

#endif
