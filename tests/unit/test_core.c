/* Core helpers: strict number syntax, ids, dates, UTF-8, suggestions, diagnostics,
 * the arena. */
#include "test.h"

#include "core/arena.h"
#include "core/json_write.h"
#include "core/sort.h"
#include "core/text.h"

#include <pacta/pacta.h>

static number_error parse(const char *s, double *v)
{
    return pacta_parse_number(s, strlen(s), v);
}

static void numbers_accepted(void)
{
    double v = 0;
    ASSERT_INT_EQ(parse("42", &v), NUMBER_OK);
    ASSERT_ABS(v, 42.0, 0.0);
    ASSERT_INT_EQ(parse("-1.5", &v), NUMBER_OK);
    ASSERT_ABS(v, -1.5, 0.0);
    ASSERT_INT_EQ(parse("2.5e-3", &v), NUMBER_OK);
    ASSERT_ABS(v, 2.5e-3, 0.0);
    ASSERT_INT_EQ(parse(".5", &v), NUMBER_OK);
    ASSERT_ABS(v, 0.5, 0.0);
    ASSERT_INT_EQ(parse("7.", &v), NUMBER_OK);
    ASSERT_ABS(v, 7.0, 0.0);
    /* Subnormal results are kept (strtod flags them, but the value is still the number);
     * zero written small is still zero. */
    ASSERT_INT_EQ(parse("1e-310", &v), NUMBER_OK);
    ASSERT_REL(v, 1e-310, 1e-6);
    ASSERT_INT_EQ(parse("0e-400", &v), NUMBER_OK);
    ASSERT_ABS(v, 0.0, 0.0);
}

static void numbers_rejected(void)
{
    double u = 1.0;
    /* A non-zero number that would read as 0 changes meaning: refused. */
    ASSERT_INT_EQ(parse("1e-400", &u), NUMBER_UNDERFLOW);
    ASSERT_INT_EQ(parse("-2.5e-999", &u), NUMBER_UNDERFLOW);
    double v = 0;
    ASSERT_INT_EQ(parse("", &v), NUMBER_EMPTY);
    ASSERT_INT_EQ(parse("nan", &v), NUMBER_NOT_FINITE);
    ASSERT_INT_EQ(parse(".nan", &v), NUMBER_NOT_FINITE);
    ASSERT_INT_EQ(parse("-.inf", &v), NUMBER_NOT_FINITE);
    ASSERT_INT_EQ(parse("Infinity", &v), NUMBER_NOT_FINITE);
    ASSERT_INT_EQ(parse("0x10", &v), NUMBER_SYNTAX);
    ASSERT_INT_EQ(parse("1,5", &v), NUMBER_SYNTAX);
    ASSERT_INT_EQ(parse(" 1", &v), NUMBER_SYNTAX);
    ASSERT_INT_EQ(parse("1e", &v), NUMBER_SYNTAX);
    ASSERT_INT_EQ(parse("-", &v), NUMBER_SYNTAX);
    ASSERT_INT_EQ(parse("1e400", &v), NUMBER_OUT_OF_RANGE);
    long l;
    ASSERT_INT_EQ(pacta_parse_long("9223372036854775807", 19, &l), NUMBER_OK);
    ASSERT_INT_EQ(pacta_parse_long("9223372036854775808", 19, &l), NUMBER_OUT_OF_RANGE);
    ASSERT_INT_EQ(pacta_parse_long("-9223372036854775808", 20, &l), NUMBER_OK);
    ASSERT_INT_EQ(pacta_parse_long("1.0", 3, &l), NUMBER_SYNTAX);
}

static void ids_and_dates(void)
{
    ASSERT_TRUE(pacta_is_valid_id("us-28-point", 11));
    ASSERT_TRUE(pacta_is_valid_id("S12b", 4));
    ASSERT_TRUE(!pacta_is_valid_id("_x", 2));
    ASSERT_TRUE(!pacta_is_valid_id("a b", 3));
    ASSERT_TRUE(!pacta_is_valid_id("", 0));
    char long_id[66];
    memset(long_id, 'a', 65);
    long_id[65] = '\0';
    ASSERT_TRUE(!pacta_is_valid_id(long_id, 65));
    ASSERT_TRUE(pacta_is_valid_id(long_id, 64));
    ASSERT_TRUE(pacta_is_valid_date("2025-04-23", 10));
    ASSERT_TRUE(pacta_is_valid_date("2025-04", 7));
    ASSERT_TRUE(pacta_is_valid_date("1994", 4));
    ASSERT_TRUE(pacta_is_valid_date("2024-02-29", 10));
    ASSERT_TRUE(!pacta_is_valid_date("2025-02-29", 10));
    ASSERT_TRUE(!pacta_is_valid_date("2025-13-01", 10));
    ASSERT_TRUE(!pacta_is_valid_date("23 April 2025", 13));
}

static void utf8(void)
{
    ASSERT_TRUE(pacta_is_valid_utf8("Zelensky ≈ Зеленський", strlen("Zelensky ≈ Зеленський")));
    ASSERT_TRUE(!pacta_is_valid_utf8("\xff", 1));
    ASSERT_TRUE(!pacta_is_valid_utf8("\xc0\xaf", 2));     /* overlong '/' */
    ASSERT_TRUE(!pacta_is_valid_utf8("\xed\xa0\x80", 3)); /* a surrogate */
    ASSERT_TRUE(!pacta_is_valid_utf8("\xe2\x89", 2));     /* truncated */
    ASSERT_TRUE(!pacta_is_valid_utf8("a\0b", 3));
}

static void suggestions(void)
{
    static const char *const keys[] = {"capability", "salience", "position", "veto", NULL};
    ASSERT_STR_EQ(pacta_suggest("capabilty", keys), "capability");
    ASSERT_STR_EQ(pacta_suggest("Salience", keys), "salience");
    ASSERT_STR_EQ(pacta_suggest("postion", keys), "position");
    ASSERT_STR_EQ(pacta_suggest("vteo", keys), "veto"); /* a transposition is one edit */
    ASSERT_TRUE(pacta_suggest("colour", keys) == NULL);
}

static void formatting(void)
{
    char buf[40];
    /* Each expected spelling is the shortest decimal that strtod reads back as the same
     * double (checked for every case); plain notation from 1e-5 to 1e15. JSON spells reals
     * as jansson does (".0" on integral values, no '+' or leading zeros in the exponent),
     * with the same digits. */
    static const struct {
        double value;
        const char *text, *json;
    } cases[] = {
        {0.1, "0.1", "0.1"}, /* jansson's precision 17: 0.10000000000000001 */
        {1.0 / 3.0, "0.3333333333333333", "0.3333333333333333"},
        {50, "50", "50.0"},
        {105.3, "105.3", "105.3"},
        {105.29999999999998, "105.29999999999998", "105.29999999999998"},
        {1e300, "1e+300", "1e300"},
        {-0.0, "-0", "-0.0"},
        {5e-324, "5e-324", "5e-324"},  /* the least subnormal */
        {5e-5, "0.00005", "0.00005"},  /* was 5.0000000000000002e-05 */
        {1e-5, "0.00001", "0.00001"},  /* the low end of plain notation */
        {2.5e-6, "2.5e-06", "2.5e-6"}, /* below it */
        {123456789012345678.0, "1.2345678901234568e+17", "1.2345678901234568e17"},
        {9007199254740992.0, "9007199254740992", "9007199254740992.0"}, /* 2^53 */
        {1e15, "1e+15", "1e15"},
        {999999999999999.9, "999999999999999.9", "999999999999999.9"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pacta_format_double(buf, sizeof buf, cases[i].value);
        ASSERT_STR_EQ(buf, cases[i].text);
        ASSERT_TRUE(strtod(buf, NULL) == cases[i].value);
        ASSERT_INT_EQ(signbit(strtod(buf, NULL)) != 0, signbit(cases[i].value) != 0);
        pacta_json_format_real(buf, sizeof buf, cases[i].value);
        ASSERT_STR_EQ(buf, cases[i].json);
        ASSERT_TRUE(strtod(buf, NULL) == cases[i].value);
    }
    /* Not numbers: the CSV writers leave such cells empty and the JSON builders write null,
     * so neither asks; the formatter still writes C's words rather than garbage. */
    pacta_format_double(buf, sizeof buf, INFINITY);
    ASSERT_STR_EQ(buf, "inf");
    pacta_format_double(buf, sizeof buf, -INFINITY);
    ASSERT_STR_EQ(buf, "-inf");
    pacta_format_double(buf, sizeof buf, NAN);
    ASSERT_STR_CONTAINS(buf, "nan");

    pacta_json_format_real(buf, sizeof buf, NAN);
    ASSERT_STR_EQ(buf, "null");
    pacta_json_format_real(buf, sizeof buf, -INFINITY);
    ASSERT_STR_EQ(buf, "null");
}

/* What pacta_json_dump wrote, read back from a temporary file (owned by the caller). */
static char *dumped(const json_t *json)
{
    FILE *f = tmpfile();
    if (f == NULL)
        return NULL;
    char *text = NULL;
    if (pacta_json_dump(json, f) == PACTA_OK && fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        rewind(f);
        text = calloc((size_t)n + 1, 1);
        if (text != NULL && fread(text, 1, (size_t)n, f) != (size_t)n) {
            free(text);
            text = NULL;
        }
    }
    fclose(f);
    return text;
}

static void json_layout(void)
{
    /* Without reals the dump is jansson's own JSON_INDENT(2) layout, byte for byte:
     * nesting, empty containers, escaped keys and strings, integers, literals. */
    json_t *root = json_pack("{s:s, s:I, s:b, s:n, s:{}, s:[], s:[i, {s:s}, [s]], s:s}", "name",
                             "quote \" and \\ and \u00e9 and \n", "big",
                             (json_int_t)123456789012345678, "yes", 1, "none", "empty_object",
                             "empty_array", "nested", -7, "k\tey", "v", "deep", "order", "last");
    ASSERT_TRUE(root != NULL);
    char *ours = dumped(root);
    char *theirs = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    ASSERT_TRUE(ours != NULL && theirs != NULL);
    if (ours != NULL && theirs != NULL) {
        ASSERT_INT_EQ(strlen(ours), strlen(theirs) + 1);
        ASSERT_TRUE(strncmp(ours, theirs, strlen(theirs)) == 0);
        ASSERT_TRUE(ours[strlen(theirs)] == '\n');
    }
    free(ours);
    free(theirs);
    json_decref(root);

    /* Reals: the shortest spelling, where jansson's precision 17 gives 0.10000000000000001. */
    root = json_pack("{s:f, s:[f, f, f], s:i}", "p", 0.1, "xs", 105.3, 5e-5, 1e300, "n", 3);
    ours = dumped(root);
    ASSERT_STR_EQ(ours, "{\n  \"p\": 0.1,\n  \"xs\": [\n    105.3,\n    0.00005,\n    1e300\n"
                        "  ],\n  \"n\": 3\n}\n");
    free(ours);
    json_decref(root);
}

static void diagnostics(void)
{
    pacta_diag_t *d = NULL;
    ASSERT_INT_EQ(pacta_diag_create(&d), PACTA_OK);
    pacta_diag_addf(d, PACTA_SEVERITY_ERROR, "f.yaml", 3, 7, "actors[x].veto", "bad %d", 1);
    pacta_diag_add(d, PACTA_SEVERITY_WARNING, "f.yaml", 1, 1, "", "odd");
    ASSERT_INT_EQ(pacta_diag_count(d), 2);
    ASSERT_INT_EQ(pacta_diag_error_count(d), 1);
    const pacta_diag_entry_t *e = pacta_diag_get(d, 0);
    ASSERT_STR_EQ(e->file, "f.yaml");
    ASSERT_INT_EQ(e->line, 3);
    ASSERT_INT_EQ(e->column, 7);
    ASSERT_STR_EQ(e->field, "actors[x].veto");
    ASSERT_STR_EQ(e->message, "bad 1");
    for (int i = 0; i < PACTA_DIAG_MAX_ENTRIES + 5; i++)
        pacta_diag_add(d, PACTA_SEVERITY_ERROR, "", 0, 0, "", "many");
    ASSERT_INT_EQ(pacta_diag_count(d), PACTA_DIAG_MAX_ENTRIES);
    ASSERT_INT_EQ(pacta_diag_dropped(d), 7);
    ASSERT_INT_EQ(pacta_diag_error_count(d), PACTA_DIAG_MAX_ENTRIES + 6);
    pacta_diag_destroy(d);
    pacta_diag_destroy(NULL);
    ASSERT_STR_EQ(pacta_strerror(PACTA_EINPUT), "invalid input");
    ASSERT_STR_EQ(pacta_strerror((pacta_status)99), "unknown status");
}

static void arena(void)
{
    pacta_arena_t *a = pacta_arena_create();
    ASSERT_TRUE(a != NULL);
    char *s = pacta_arena_strdup(a, "hello");
    ASSERT_STR_EQ(s, "hello");
    double *big = pacta_arena_alloc(a, 100000, sizeof(double)); /* larger than a chunk */
    ASSERT_TRUE(big != NULL && big[99999] == 0.0);
    ASSERT_TRUE(((size_t)big & 15) == 0);
    char *after = pacta_arena_strdup(a, "still works");
    ASSERT_STR_EQ(after, "still works");
    ASSERT_TRUE(pacta_arena_alloc(a, (size_t)-1, 16) == NULL); /* overflow is refused */
    pacta_arena_destroy(a);

    /* After a reset the same allocations reuse the same memory: no malloc in the loop. */
    a = pacta_arena_create();
    void *first[3];
    first[0] = pacta_arena_alloc(a, 1000, 1);
    first[1] = pacta_arena_alloc(a, 70000, 1); /* a chunk of its own */
    first[2] = pacta_arena_alloc(a, 10, 8);
    for (int pass = 0; pass < 3; pass++) {
        pacta_arena_reset(a);
        ASSERT_TRUE(pacta_arena_alloc(a, 1000, 1) == first[0]);
        ASSERT_TRUE(pacta_arena_alloc(a, 70000, 1) == first[1]);
        ASSERT_TRUE(pacta_arena_alloc(a, 10, 8) == first[2]);
    }
    pacta_arena_destroy(a);
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void heapsort_matches_qsort(void)
{
    /* Against the C library's qsort on arrays of every length up to 300, with many
     * duplicates (values from a small set) and with distinct values. */
    double a[300], b[300];
    unsigned long seed = 12345;
    for (size_t n = 0; n <= 300; n++) {
        for (int distinct = 0; distinct < 2; distinct++) {
            for (size_t i = 0; i < n; i++) {
                seed = seed * 6364136223846793005UL + 1442695040888963407UL;
                a[i] = b[i] = distinct ? (double)(seed >> 11) : (double)((seed >> 33) % 7);
            }
            pacta_heapsort(a, n, sizeof *a, by_value);
            qsort(b, n, sizeof *b, by_value);
            if (n > 0 && memcmp(a, b, n * sizeof *a) != 0) {
                ASSERT_TRUE(!"heapsort and qsort disagree");
                return;
            }
        }
    }
    ASSERT_TRUE(true);
}

int main(void)
{
    RUN_TEST(numbers_accepted);
    RUN_TEST(numbers_rejected);
    RUN_TEST(ids_and_dates);
    RUN_TEST(utf8);
    RUN_TEST(suggestions);
    RUN_TEST(formatting);
    RUN_TEST(json_layout);
    RUN_TEST(diagnostics);
    RUN_TEST(arena);
    RUN_TEST(heapsort_matches_qsort);
    return test_finish("core");
}
