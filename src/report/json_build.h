/* Small helpers for building jansson trees that remember allocation failure instead of
 * checking every call; shared by the JSON writers. */
#ifndef PACTA_JSON_BUILD_H
#define PACTA_JSON_BUILD_H

#include <jansson.h>
#include <stdbool.h>

typedef struct json_build {
    bool failed;
} json_build_t;

json_t *pacta_jb_number(json_build_t *b, double v);      /* null for non-finite values */
json_t *pacta_jb_string(json_build_t *b, const char *s); /* null for NULL */
json_t *pacta_jb_bool(bool v);
json_t *pacta_jb_integer(json_build_t *b, long long v);
json_t *pacta_jb_object(json_build_t *b);
json_t *pacta_jb_array(json_build_t *b);
void pacta_jb_set(json_build_t *b, json_t *object, const char *key, json_t *value);
void pacta_jb_append(json_build_t *b, json_t *array, json_t *value);

#endif
