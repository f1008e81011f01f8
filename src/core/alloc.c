#include "core/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef PACTA_ALLOC_FAILURE_INJECTION
/* Test builds only: a process-wide countdown. Not thread-safe, which is fine for the
 * single-threaded allocation-failure sweep that uses it. */
static unsigned long fail_at;
static unsigned long allocations;

static int should_fail(void)
{
    allocations++;
    return fail_at != 0 && allocations >= fail_at;
}

unsigned long pacta_alloc_fail_after(unsigned long n)
{
    unsigned long made = allocations;
    allocations = 0;
    fail_at = n;
    return made;
}
#else
static int should_fail(void)
{
    return 0;
}

unsigned long pacta_alloc_fail_after(unsigned long n)
{
    (void)n;
    return 0;
}
#endif

void *pacta_malloc(size_t size)
{
    if (should_fail())
        return NULL;
    return malloc(size ? size : 1);
}

void *pacta_calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    if (count == 0 || size == 0)
        return calloc(1, 1);
    return calloc(count, size);
}

void *pacta_realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    return realloc(ptr, size ? size : 1);
}

void *pacta_reallocarray(void *ptr, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    return pacta_realloc(ptr, count * size);
}

void pacta_free(void *ptr)
{
    free(ptr);
}

char *pacta_strndup(const char *s, size_t n)
{
    char *copy = pacta_malloc(n + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *pacta_strdup(const char *s)
{
    return pacta_strndup(s, strlen(s));
}
