/* Spearman's rank correlation with mid-ranks for ties (docs/alliance.md, A6), and its
 * p-values: the exact permutation distribution for small n (A7), Student's t otherwise
 * (A8, GSL's t distribution). */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alliance/alliance_internal.h"
#include "core/alloc.h"
#include "core/tolerance.h"

typedef struct ranked {
    double value;
    size_t index;
} ranked_t;

static int compare_ranked(const void *a, const void *b)
{
    const ranked_t *p = a, *q = b;
    if (p->value != q->value)
        return p->value < q->value ? -1 : 1;
    return p->index < q->index ? -1 : p->index > q->index;
}

/* Mid-ranks (1-based): tied values share the mean of the ranks they occupy. Returns whether
 * there were ties. work holds n entries. */
static bool mid_ranks(const double *v, size_t n, double *rank, ranked_t *work)
{
    bool ties = false;
    for (size_t i = 0; i < n; i++)
        work[i] = (ranked_t){v[i], i};
    qsort(work, n, sizeof *work, compare_ranked);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && work[j].value == work[i].value)
            j++;
        if (j - i > 1)
            ties = true;
        double mid = 0.5 * (double)(i + 1 + j); /* mean of ranks i+1 .. j */
        for (size_t k = i; k < j; k++)
            rank[work[k].index] = mid;
        i = j;
    }
    return ties;
}

/* Exact p-values by enumerating every permutation of the centred y ranks against the
 * centred x ranks (Heap's algorithm, iterative). The statistic is the cross product, whose
 * order over permutations is that of rho because the sums of squares do not change. */
static void exact_p(const double *cx, double *cy, size_t n, double observed, double scale,
                    double *p_two, double *p_greater)
{
    size_t c[PACTA_ALLIANCE_EXACT_MAX_N] = {0};
    /* Products of ranks are sums of multiples of 1/4 at most, so exact in a double; the
     * tolerance only guards against equal statistics computed in a different order. */
    double eps = PACTA_RANK_STATISTIC_SLACK * scale;
    unsigned long total = 0, two = 0, greater = 0;
    for (;;) {
        double s = 0;
        for (size_t i = 0; i < n; i++)
            s += cx[i] * cy[i];
        total++;
        if (fabs(s) >= fabs(observed) - eps)
            two++;
        if (s >= observed - eps)
            greater++;
        size_t i = 1;
        while (i < n && c[i] >= i) {
            c[i] = 0;
            i++;
        }
        if (i >= n)
            break;
        size_t j = i % 2 == 0 ? 0 : c[i];
        double t = cy[j];
        cy[j] = cy[i];
        cy[i] = t;
        c[i]++;
    }
    *p_two = (double)two / (double)total;
    *p_greater = (double)greater / (double)total;
}

pacta_status pacta_alliance_spearman(const double *x, const double *y, size_t n,
                                     pacta_alliance_spearman_t *out)
{
    pacta_status st = PACTA_OK;
    double *rx = NULL, *ry = NULL;
    ranked_t *work = NULL;
    *out = (pacta_alliance_spearman_t){n, NAN, NAN, NAN, false, "undefined"};
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]) || !isfinite(y[i]))
            return PACTA_EINVAL;
    if (n < 3)
        return PACTA_OK;
    rx = pacta_malloc(n * sizeof *rx);
    ry = pacta_malloc(n * sizeof *ry);
    work = pacta_malloc(n * sizeof *work);
    if (rx == NULL || ry == NULL || work == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    bool tx = mid_ranks(x, n, rx, work);
    bool ty = mid_ranks(y, n, ry, work);
    out->ties = tx || ty;
    /* Centre the ranks: the mean rank is (n + 1) / 2 with or without ties. */
    double mean = 0.5 * (double)(n + 1);
    double sxx = 0, syy = 0, sxy = 0;
    for (size_t i = 0; i < n; i++) {
        rx[i] -= mean;
        ry[i] -= mean;
        sxx += rx[i] * rx[i];
        syy += ry[i] * ry[i];
        sxy += rx[i] * ry[i];
    }
    if (sxx == 0 || syy == 0)
        goto cleanup; /* all x or all y equal: no ranking to correlate */
    double scale = sqrt(sxx * syy);
    double rho = sxy / scale;
    if (rho > 1)
        rho = 1;
    if (rho < -1)
        rho = -1;
    out->rho = rho;
    if (n <= PACTA_ALLIANCE_EXACT_MAX_N) {
        exact_p(rx, ry, n, sxy, scale, &out->p_two_sided, &out->p_greater);
        out->method = "exact permutation";
    } else {
        double df = (double)(n - 2);
        if (fabs(rho) >= 1) {
            out->p_two_sided = 0;
            out->p_greater = rho > 0 ? 0 : 1;
        } else {
            double t = rho * sqrt(df / (1 - rho * rho));
            out->p_two_sided = 2 * gsl_cdf_tdist_Q(fabs(t), df);
            out->p_greater = gsl_cdf_tdist_Q(t, df);
        }
        if (out->p_two_sided > 1)
            out->p_two_sided = 1;
        out->method = "t approximation";
    }
cleanup:
    pacta_free(rx);
    pacta_free(ry);
    pacta_free(work);
    return st;
}
