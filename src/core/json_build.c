#include "core/json_build.h"

#include <math.h>

#include "core/json_write.h"

json_t *pacta_jb_number(json_build_t *b, double v)
{
    if (!isfinite(v))
        return json_null();
    json_t *j = json_real(v);
    if (j == NULL)
        b->failed = true;
    return j;
}

json_t *pacta_jb_string(json_build_t *b, const char *s)
{
    if (s == NULL)
        return json_null();
    json_t *j = json_string(s);
    if (j == NULL)
        b->failed = true;
    return j;
}

json_t *pacta_jb_bool(bool v)
{
    return json_boolean(v);
}

json_t *pacta_jb_integer(json_build_t *b, long long v)
{
    json_t *j = json_integer(v);
    if (j == NULL)
        b->failed = true;
    return j;
}

json_t *pacta_jb_object(json_build_t *b)
{
    json_t *j = json_object();
    if (j == NULL)
        b->failed = true;
    return j;
}

json_t *pacta_jb_array(json_build_t *b)
{
    json_t *j = json_array();
    if (j == NULL)
        b->failed = true;
    return j;
}

void pacta_jb_set(json_build_t *b, json_t *object, const char *key, json_t *value)
{
    if (object == NULL || value == NULL || json_object_set_new(object, key, value) != 0)
        b->failed = true;
}

void pacta_jb_append(json_build_t *b, json_t *array, json_t *value)
{
    if (array == NULL || value == NULL || json_array_append_new(array, value) != 0)
        b->failed = true;
}

pacta_status pacta_jb_finish(json_build_t *b, json_t *root, FILE *stream)
{
    pacta_status st = b->failed || root == NULL ? PACTA_ENOMEM : pacta_json_dump(root, stream);
    json_decref(root);
    return st;
}
