/* Weighted mean and lower weighted median: the two summaries every model reports per
 * round, and the compromise and median models themselves. */
#include <math.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "core/sort.h"
#include "models/model_internal.h"

pacta_status pacta_weighted_mean(size_t n, const double *x, const double *w, double *out)
{
    double num = 0.0, den = 0.0;
    for (size_t i = 0; i < n; i++) {
        num += w[i] * x[i];
        den += w[i];
    }
    if (!(den > 0.0) || !isfinite(num / den))
        return PACTA_ENUMERIC;
    *out = num / den;
    return PACTA_OK;
}

/* Ties in position keep input order so the result never depends on qsort's internals. */
static int compare_points(const void *a, const void *b)
{
    const weighted_point_t *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return (p->index > q->index) - (p->index < q->index);
}

pacta_status pacta_model_weighted_median(size_t n, const double *x, const double *w,
                                         weighted_point_t *p, double *out)
{
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += w[i];
    if (!(total > 0.0) || !isfinite(total))
        return PACTA_ENUMERIC;
    for (size_t i = 0; i < n; i++) {
        p[i].x = x[i];
        p[i].w = w[i];
        p[i].index = i;
    }
    pacta_heapsort(p, n, sizeof *p, compare_points);
    /* Lower median: the first position at which the cumulative weight reaches half. The
     * comparison is against total/2 computed once, exactly as stated in docs/models.md. */
    double half = total / 2.0, cumulative = 0.0;
    *out = p[n - 1].x;
    for (size_t i = 0; i < n; i++) {
        cumulative += p[i].w;
        if (cumulative >= half) {
            *out = p[i].x;
            break;
        }
    }
    return PACTA_OK;
}

pacta_status pacta_weighted_median(size_t n, const double *x, const double *w, double *out)
{
    weighted_point_t *p = pacta_malloc((n ? n : 1) * sizeof *p);
    if (p == NULL)
        return PACTA_ENOMEM;
    pacta_status st = pacta_model_weighted_median(n, x, w, p, out);
    pacta_free(p);
    return st;
}
