/* In-place heap sort with no allocation. glibc's qsort may allocate a merge buffer, which
 * the models must not do inside a Monte Carlo replicate; with a comparator that orders
 * every pair (no ties), the result is the same as any other correct sort. */
#ifndef PACTA_CORE_SORT_H
#define PACTA_CORE_SORT_H

#include <stddef.h>

/* Sort @p n elements of @p size bytes (at most 64) in ascending order of @p compare. */
void pacta_heapsort(void *base, size_t n, size_t size, int (*compare)(const void *, const void *));

#endif
