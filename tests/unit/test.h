/* A minimal unit-test harness: tolerance asserts that print both values and the tolerance,
 * one executable per module, exit 0 (pass), 1 (fail) or 77 (skipped). A test that skips
 * prints one line "skipped: REASON" first: ctest hides a skipped test's output, and
 * scripts/test.sh lists these lines from its log under the summary. */
#ifndef PACTA_TEST_H
#define PACTA_TEST_H

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int test_failures;
static int test_checks;
static const char *test_current;

#define TEST_FAIL_(...)                                                                        \
    do {                                                                                       \
        test_failures++;                                                                       \
        fprintf(stderr, "%s:%d: %s: ", __FILE__, __LINE__, test_current);                      \
        fprintf(stderr, __VA_ARGS__);                                                          \
        fputc('\n', stderr);                                                                   \
    } while (0)

#define ASSERT_TRUE(cond)                                                                      \
    do {                                                                                       \
        test_checks++;                                                                         \
        if (!(cond))                                                                           \
            TEST_FAIL_("expected true: %s", #cond);                                            \
    } while (0)

#define ASSERT_INT_EQ(actual, expected)                                                        \
    do {                                                                                       \
        long long a_ = (long long)(actual), e_ = (long long)(expected);                        \
        test_checks++;                                                                         \
        if (a_ != e_)                                                                          \
            TEST_FAIL_("%s is %lld, expected %lld", #actual, a_, e_);                          \
    } while (0)

#define ASSERT_STR_EQ(actual, expected)                                                        \
    do {                                                                                       \
        const char *a_ = (actual), *e_ = (expected);                                           \
        test_checks++;                                                                         \
        if (a_ == NULL || e_ == NULL ? a_ != e_ : strcmp(a_, e_) != 0)                         \
            TEST_FAIL_("%s is \"%s\", expected \"%s\"", #actual, a_ ? a_ : "(null)",           \
                       e_ ? e_ : "(null)");                                                    \
    } while (0)

#define ASSERT_STR_CONTAINS(actual, fragment)                                                  \
    do {                                                                                       \
        const char *a_ = (actual), *f_ = (fragment);                                           \
        test_checks++;                                                                         \
        if (a_ == NULL || strstr(a_, f_) == NULL)                                              \
            TEST_FAIL_("%s is \"%s\", expected it to contain \"%s\"", #actual,                 \
                       a_ ? a_ : "(null)", f_);                                                \
    } while (0)

/* |actual - expected| <= tol */
#define ASSERT_ABS(actual, expected, tol)                                                      \
    do {                                                                                       \
        double a_ = (actual), e_ = (expected), t_ = (tol);                                     \
        test_checks++;                                                                         \
        if (!(fabs(a_ - e_) <= t_))                                                            \
            TEST_FAIL_("%s = %.17g, expected %.17g within %.3g (off by %.3g)", #actual, a_,    \
                       e_, t_, fabs(a_ - e_));                                                 \
    } while (0)

/* |actual - expected| <= tol * |expected| */
#define ASSERT_REL(actual, expected, tol)                                                      \
    do {                                                                                       \
        double a_ = (actual), e_ = (expected), t_ = (tol);                                     \
        test_checks++;                                                                         \
        if (!(fabs(a_ - e_) <= t_ * fabs(e_)))                                                 \
            TEST_FAIL_("%s = %.17g, expected %.17g within relative %.3g (off by %.3g)",        \
                       #actual, a_, e_, t_, fabs(a_ - e_) / fabs(e_));                         \
    } while (0)

/* Named tolerances: a few ulps for closed forms, and the solver tolerance for Nash. */
#define TOL_EXACT (8 * DBL_EPSILON)
#define TOL_SOLVER 1e-9

#define RUN_TEST(fn)                                                                           \
    do {                                                                                       \
        test_current = #fn;                                                                    \
        fn();                                                                                  \
    } while (0)

static inline int test_finish(const char *suite)
{
    if (test_failures) {
        fprintf(stderr, "%s: %d of %d checks failed\n", suite, test_failures, test_checks);
        return 1;
    }
    printf("%s: %d checks passed\n", suite, test_checks);
    return 0;
}

/* ../shared beside the repository, or $PACTA_SHARED; NULL when absent. */
static inline const char *test_shared_dir(void)
{
    static char path[4096];
    const char *env = getenv("PACTA_SHARED");
    if (env != NULL && env[0] != '\0')
        snprintf(path, sizeof path, "%s", env);
    else
        snprintf(path, sizeof path, "%s/../shared", PACTA_SOURCE_DIR);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return NULL;
    return path;
}

/* Read a whole file into a malloc'd NUL-terminated string, or NULL. */
static inline char *test_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len - 1 == 0) {
            char *bigger = realloc(buf, cap * 2);
            if (bigger == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[len] = '\0';
    return buf;
}

#endif
