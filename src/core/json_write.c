#include "core/json_write.h"

#include <math.h>
#include <string.h>

#include "core/text.h"

void pacta_json_format_real(char *buf, size_t size, double value)
{
    if (!isfinite(value)) {
        snprintf(buf, size, "null");
        return;
    }
    char text[32];
    pacta_format_double(text, sizeof text, value);
    /* As jansson writes reals: no '+' and no leading zeros in the exponent, and a ".0" on
     * what would otherwise read back as an integer. */
    char out[40];
    size_t k = 0;
    const char *e = strchr(text, 'e');
    if (e == NULL) {
        k = (size_t)snprintf(out, sizeof out, "%s%s", text, strchr(text, '.') ? "" : ".0");
    } else {
        size_t head = (size_t)(e - text) + 1;
        memcpy(out, text, head);
        k = head;
        const char *p = e + 1;
        if (*p == '+')
            p++;
        else if (*p == '-')
            out[k++] = *p++;
        while (*p == '0' && p[1] != '\0')
            p++;
        while (*p != '\0')
            out[k++] = *p++;
        out[k] = '\0';
    }
    snprintf(buf, size, "%s", out);
}

typedef struct writer {
    FILE *stream;
    pacta_status status;
} writer_t;

static void put(writer_t *w, const char *text, size_t length)
{
    if (w->status == PACTA_OK && length > 0 && fwrite(text, 1, length, w->stream) != length)
        w->status = PACTA_EIO;
}

static void puts_(writer_t *w, const char *text)
{
    put(w, text, strlen(text));
}

static void newline(writer_t *w, size_t depth)
{
    put(w, "\n", 1);
    for (size_t i = 0; i < depth; i++)
        put(w, "  ", 2);
}

static int to_stream(const char *buffer, size_t size, void *data)
{
    writer_t *w = data;
    put(w, buffer, size);
    return w->status == PACTA_OK ? 0 : -1;
}

/* A string or key, escaped by jansson exactly as its own dump would. */
static void string(writer_t *w, const char *text, size_t length)
{
    json_t *s = json_stringn_nocheck(text, length);
    if (s == NULL) {
        if (w->status == PACTA_OK)
            w->status = PACTA_ENOMEM;
        return;
    }
    if (json_dump_callback(s, to_stream, w, JSON_ENCODE_ANY) != 0 && w->status == PACTA_OK)
        w->status = PACTA_EIO;
    json_decref(s);
}

static void value(writer_t *w, const json_t *json, size_t depth)
{
    char buf[48];
    switch (json_typeof(json)) {
    case JSON_OBJECT: {
        if (json_object_size(json) == 0) {
            puts_(w, "{}");
            break;
        }
        puts_(w, "{");
        size_t i = 0, n = json_object_size(json);
        const char *key;
        json_t *member;
        /* jansson iterates an object in insertion order, as JSON_PRESERVE_ORDER dumps it. */
        json_object_foreach((json_t *)json, key, member)
        {
            newline(w, depth + 1);
            string(w, key, strlen(key));
            puts_(w, ": ");
            value(w, member, depth + 1);
            if (++i < n)
                puts_(w, ",");
        }
        newline(w, depth);
        puts_(w, "}");
        break;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(json);
        if (n == 0) {
            puts_(w, "[]");
            break;
        }
        puts_(w, "[");
        for (size_t i = 0; i < n; i++) {
            newline(w, depth + 1);
            value(w, json_array_get(json, i), depth + 1);
            if (i + 1 < n)
                puts_(w, ",");
        }
        newline(w, depth);
        puts_(w, "]");
        break;
    }
    case JSON_STRING:
        string(w, json_string_value(json), json_string_length(json));
        break;
    case JSON_INTEGER:
        snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(json));
        puts_(w, buf);
        break;
    case JSON_REAL:
        pacta_json_format_real(buf, sizeof buf, json_real_value(json));
        puts_(w, buf);
        break;
    case JSON_TRUE:
        puts_(w, "true");
        break;
    case JSON_FALSE:
        puts_(w, "false");
        break;
    case JSON_NULL:
        puts_(w, "null");
        break;
    }
}

pacta_status pacta_json_dump(const json_t *json, FILE *stream)
{
    writer_t w = {stream, PACTA_OK};
    value(&w, json, 0);
    put(&w, "\n", 1);
    return w.status;
}
