#include "core/text.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool looks_non_finite(const char *t, size_t n)
{
    /* Strip one sign and one leading dot (YAML writes .nan, .inf, -.Inf). */
    if (n > 0 && (t[0] == '+' || t[0] == '-')) {
        t++;
        n--;
    }
    if (n > 0 && t[0] == '.') {
        t++;
        n--;
    }
    static const char *const words[] = {"nan", "inf", "infinity"};
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        size_t len = strlen(words[w]);
        if (n != len)
            continue;
        size_t i = 0;
        while (i < len && (t[i] | 0x20) == words[w][i])
            i++;
        if (i == len)
            return true;
    }
    return false;
}

number_error pacta_parse_number(const char *text, size_t length, double *out)
{
    if (length == 0)
        return NUMBER_EMPTY;
    if (looks_non_finite(text, length))
        return NUMBER_NOT_FINITE;

    /* Validate the syntax by hand so strtod never sees hex, nan or trailing junk. */
    size_t i = 0;
    if (text[i] == '+' || text[i] == '-')
        i++;
    size_t digits = 0;
    while (i < length && is_digit(text[i])) {
        i++;
        digits++;
    }
    if (i < length && text[i] == '.') {
        i++;
        while (i < length && is_digit(text[i])) {
            i++;
            digits++;
        }
    }
    if (digits == 0)
        return NUMBER_SYNTAX;
    if (i < length && (text[i] == 'e' || text[i] == 'E')) {
        i++;
        if (i < length && (text[i] == '+' || text[i] == '-'))
            i++;
        size_t exp_digits = 0;
        while (i < length && is_digit(text[i])) {
            i++;
            exp_digits++;
        }
        if (exp_digits == 0)
            return NUMBER_SYNTAX;
    }
    if (i != length)
        return NUMBER_SYNTAX;

    char small[64];
    char *copy = small;
    char *heap = NULL;
    if (length >= sizeof small) {
        heap = malloc(length + 1);
        if (heap == NULL)
            return NUMBER_SYNTAX;
        copy = heap;
    }
    memcpy(copy, text, length);
    copy[length] = '\0';
    errno = 0;
    double v = strtod(copy, NULL);
    int overflow = errno == ERANGE && isinf(v);
    /* glibc also sets ERANGE for results that are merely subnormal; only a non-zero number
     * that reads as zero would silently change meaning. */
    int underflow = errno == ERANGE && v == 0.0;
    free(heap);
    if (overflow || !isfinite(v))
        return NUMBER_OUT_OF_RANGE;
    if (underflow)
        return NUMBER_UNDERFLOW;
    *out = v;
    return NUMBER_OK;
}

number_error pacta_parse_long(const char *text, size_t length, long *out)
{
    if (length == 0)
        return NUMBER_EMPTY;
    size_t i = 0;
    bool negative = false;
    if (text[0] == '+' || text[0] == '-') {
        negative = text[0] == '-';
        i++;
    }
    if (i == length)
        return NUMBER_SYNTAX;
    unsigned long magnitude = 0;
    unsigned long limit = negative ? (unsigned long)LONG_MAX + 1ul : (unsigned long)LONG_MAX;
    for (; i < length; i++) {
        if (!is_digit(text[i]))
            return NUMBER_SYNTAX;
        unsigned long d = (unsigned long)(text[i] - '0');
        if (magnitude > (limit - d) / 10)
            return NUMBER_OUT_OF_RANGE;
        magnitude = magnitude * 10 + d;
    }
    if (negative)
        *out = magnitude == (unsigned long)LONG_MAX + 1ul ? LONG_MIN : -(long)magnitude;
    else
        *out = (long)magnitude;
    return NUMBER_OK;
}

const char *pacta_number_error_text(number_error e)
{
    switch (e) {
    case NUMBER_OK:
        return "is a number";
    case NUMBER_EMPTY:
        return "is empty; expected a number";
    case NUMBER_SYNTAX:
        return "is not a decimal number";
    case NUMBER_NOT_FINITE:
        return "is not a finite number";
    case NUMBER_OUT_OF_RANGE:
        return "is too large to represent";
    case NUMBER_UNDERFLOW:
        return "is too small to represent (it would read as 0); write 0 if that is meant";
    }
    return "is not a number";
}

bool pacta_is_valid_id(const char *text, size_t length)
{
    if (length == 0 || length > 64 || !is_alnum(text[0]))
        return false;
    for (size_t i = 1; i < length; i++) {
        char c = text[i];
        if (!is_alnum(c) && c != '_' && c != '-' && c != '.')
            return false;
    }
    return true;
}

static int parse_fixed_digits(const char *t, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(t[i]))
            return -1;
        v = v * 10 + (t[i] - '0');
    }
    return v;
}

bool pacta_is_valid_date(const char *text, size_t length)
{
    if (length != 4 && length != 7 && length != 10)
        return false;
    int year = parse_fixed_digits(text, 4);
    if (year < 0)
        return false;
    if (length == 4)
        return true;
    if (text[4] != '-')
        return false;
    int month = parse_fixed_digits(text + 5, 2);
    if (month < 1 || month > 12)
        return false;
    if (length == 7)
        return true;
    if (text[7] != '-')
        return false;
    int day = parse_fixed_digits(text + 8, 2);
    static const int days_in_month[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int max_day = days_in_month[month - 1];
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && leap)
        max_day = 29;
    return day >= 1 && day <= max_day;
}

size_t pacta_utf8_invalid_at(const char *text, size_t length)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < length) {
        unsigned char c = s[i];
        if (c == 0)
            return i;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t extra;
        unsigned long cp;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (length - i <= extra)
            return i;
        for (size_t k = 1; k <= extra; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        /* Reject overlong forms, surrogates and code points beyond U+10FFFF. */
        if ((extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += extra + 1;
    }
    return length;
}

bool pacta_is_valid_utf8(const char *text, size_t length)
{
    return pacta_utf8_invalid_at(text, length) == length;
}

pacta_status pacta_check_text(const char *text, size_t length, const char *file,
                              pacta_diag_t *diag)
{
    size_t bad = pacta_utf8_invalid_at(text, length);
    if (bad == length)
        return PACTA_OK;
    int line, column;
    pacta_text_position(text, bad, &line, &column);
    if (pacta_diag_add(diag, PACTA_SEVERITY_ERROR, file, line, column, "",
                       "the file is not valid UTF-8 text (binary data or another encoding)") ==
        PACTA_ENOMEM)
        return PACTA_ENOMEM;
    return PACTA_EINPUT;
}

void pacta_text_position(const char *text, size_t offset, int *line, int *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            ++*line;
            *column = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            ++*column;
        }
    }
}

/* Optimal string alignment distance (Levenshtein plus adjacent transpositions), case
 * folded, capped to keep the work bounded for long inputs. */
static size_t edit_distance(const char *a, const char *b)
{
    enum { MAX = 64 };
    size_t n = strlen(a), m = strlen(b);
    if (n > MAX || m > MAX)
        return (size_t)-1;
    size_t d[MAX + 1][MAX + 1];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            char ca = (char)(a[i - 1] | 0x20), cb = (char)(b[j - 1] | 0x20);
            size_t cost = ca == cb ? 0 : 1;
            size_t best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && (a[i - 1] | 0x20) == (b[j - 2] | 0x20) &&
                (a[i - 2] | 0x20) == (b[j - 1] | 0x20) && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[n][m];
}

const char *pacta_suggest(const char *word, const char *const *candidates)
{
    const char *best = NULL;
    size_t best_distance = (size_t)-1;
    size_t len = strlen(word);
    /* Up to a third of the word may be wrong, and at least one edit is allowed. */
    size_t allowed = len / 3 > 1 ? len / 3 : 1;
    if (allowed > 3)
        allowed = 3;
    for (size_t i = 0; candidates[i] != NULL; i++) {
        size_t d = edit_distance(word, candidates[i]);
        if (d < best_distance) {
            best_distance = d;
            best = candidates[i];
        }
    }
    return best_distance <= allowed ? best : NULL;
}

void pacta_format_double(char *buf, size_t size, double value)
{
    if (size == 0)
        return;
    if (!isfinite(value)) {
        snprintf(buf, size, "%g", value);
        return;
    }
    /* The fewest significant digits that read back exactly, found in exponent notation so
     * that the search does not depend on how the number is finally laid out. */
    char e[32];
    int digits = 1;
    for (; digits < 17; digits++) {
        snprintf(e, sizeof e, "%.*e", digits - 1, value);
        if (strtod(e, NULL) == value)
            break;
    }
    /* Exponent notation only for very large or small magnitudes: "50", not "5e+01"; "0.00005",
     * not "5e-05". Elsewhere %g's own choice, which is what a reader expects. */
    bool plain_range = value == 0.0 || (fabs(value) >= 1e-5 && fabs(value) < 1e15);
    if (!plain_range) {
        snprintf(buf, size, "%.*g", digits, value);
        return;
    }
    snprintf(e, sizeof e, "%.*e", digits - 1, value);
    /* e is [-]d[.ddd]e[+-]XX: lay its digits out without the exponent. */
    const char *p = e;
    char mantissa[24];
    size_t n = 0;
    bool negative = *p == '-';
    if (negative)
        p++;
    for (; *p != 'e'; p++)
        if (*p != '.')
            mantissa[n++] = *p;
    int exponent = atoi(p + 1);
    char out[48];
    size_t k = 0;
    if (negative)
        out[k++] = '-';
    if (exponent < 0) {
        out[k++] = '0';
        out[k++] = '.';
        for (int z = 0; z < -exponent - 1; z++)
            out[k++] = '0';
        for (size_t i = 0; i < n; i++)
            out[k++] = mantissa[i];
    } else {
        for (size_t i = 0; i < n || (int)i <= exponent; i++) {
            if ((int)i == exponent + 1)
                out[k++] = '.';
            out[k++] = i < n ? mantissa[i] : '0';
        }
    }
    out[k] = '\0';
    snprintf(buf, size, "%s", out);
}
