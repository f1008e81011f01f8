#include "core/sort.h"

#include <string.h>

enum { MAX_ELEMENT = 64 };

static void swap(unsigned char *a, unsigned char *b, size_t size)
{
    unsigned char t[MAX_ELEMENT];
    memcpy(t, a, size);
    memcpy(a, b, size);
    memcpy(b, t, size);
}

/* Restore the max-heap below @p root in the first @p n elements. */
static void sift_down(unsigned char *a, size_t root, size_t n, size_t size,
                      int (*compare)(const void *, const void *))
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && compare(a + child * size, a + (child + 1) * size) < 0)
            child++;
        if (compare(a + root * size, a + child * size) >= 0)
            return;
        swap(a + root * size, a + child * size, size);
        root = child;
    }
}

void pacta_heapsort(void *base, size_t n, size_t size, int (*compare)(const void *, const void *))
{
    unsigned char *a = base;
    if (n < 2 || size == 0 || size > MAX_ELEMENT)
        return;
    for (size_t i = n / 2; i-- > 0;)
        sift_down(a, i, n, size, compare);
    for (size_t end = n - 1; end > 0; end--) {
        swap(a, a + end * size, size);
        sift_down(a, 0, end, size, compare);
    }
}
