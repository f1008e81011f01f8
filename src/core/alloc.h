/* Allocation wrappers used by all library code. A build with
 * PACTA_ALLOC_FAILURE_INJECTION lets tests make the n-th allocation fail, to prove that
 * every failure path returns PACTA_ENOMEM and leaks nothing. */
#ifndef PACTA_CORE_ALLOC_H
#define PACTA_CORE_ALLOC_H

#include <stddef.h>

void *pacta_malloc(size_t size);
void *pacta_calloc(size_t count, size_t size);
void *pacta_realloc(void *ptr, size_t size);
/* realloc of count*size bytes that fails (returns NULL) on overflow. */
void *pacta_reallocarray(void *ptr, size_t count, size_t size);
void pacta_free(void *ptr);
char *pacta_strdup(const char *s);
char *pacta_strndup(const char *s, size_t n);

/* Test hook (effective only with PACTA_ALLOC_FAILURE_INJECTION): the n-th allocation from
 * now on (1-based) and every later one fail; 0 disables. Returns the number of allocations
 * made since the last call. */
unsigned long pacta_alloc_fail_after(unsigned long n);

#endif
