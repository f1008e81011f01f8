/* Writing YAML scalars (yaml_emit.c). */
#ifndef PACTA_YAML_EMIT_H
#define PACTA_YAML_EMIT_H

#include <stdio.h>

/* @p s (UTF-8) as a double-quoted scalar: quotes, backslashes and line breaks escaped, and
 * the characters YAML does not allow as they are (C0 and C1 controls, DEL, U+FEFF, U+FFFE,
 * U+FFFF) written as escapes. */
void pacta_yaml_put_string(FILE *f, const char *s);

/* @p v with the fewest significant digits that read back as the same double. */
void pacta_yaml_put_number(FILE *f, double v);

#endif
