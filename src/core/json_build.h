/* Building jansson trees for the library's JSON documents (reports, alliance analyses). Each
 * helper remembers an allocation failure in the builder instead of making every call site
 * check, and a finished tree is written by pacta_jb_finish (core/json_write.h's layout and
 * number spelling). Internal to the library: not part of include/pacta. */
#ifndef PACTA_CORE_JSON_BUILD_H
#define PACTA_CORE_JSON_BUILD_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include <pacta/status.h>

typedef struct json_build {
    bool failed;
} json_build_t;

json_t *pacta_jb_number(json_build_t *b, double v);      /* null for non-finite values */
json_t *pacta_jb_string(json_build_t *b, const char *s); /* null for NULL */
json_t *pacta_jb_bool(bool v);
json_t *pacta_jb_integer(json_build_t *b, long long v);
json_t *pacta_jb_object(json_build_t *b);
json_t *pacta_jb_array(json_build_t *b);
/* Set or append @p value (taken over, may be NULL after a failure); a NULL container or value
 * marks the builder failed. */
void pacta_jb_set(json_build_t *b, json_t *object, const char *key, json_t *value);
void pacta_jb_append(json_build_t *b, json_t *array, json_t *value);

/* Write the document @p root (taken over and released) to @p stream with pacta_json_dump,
 * unless building it failed. Returns PACTA_OK, PACTA_ENOMEM (building or writing ran out of
 * memory) or PACTA_EIO. */
pacta_status pacta_jb_finish(json_build_t *b, json_t *root, FILE *stream);

#endif
