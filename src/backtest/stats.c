/* Small statistics for backtests: the seeded uniform stream and percentile intervals. */
#include <math.h>
#include <stdlib.h>

#include "backtest/backtest_internal.h"
#include "sim/philox.h"

double pacta_bt_uniform(uint64_t seed, uint64_t replicate, uint32_t stream, uint32_t draw)
{
    return pacta_sim_uniform(seed, replicate, stream, draw);
}

double pacta_bt_crps(const double *points, const double *probability, size_t k, double y)
{
    /* Eq. V8 as the integral of (F(x) - 1{x >= y})^2: F is a step function, so the integral
     * is a sum over the intervals between consecutive points of the union of the support
     * and y, on each of which F and the indicator are constant. */
    double score = 0.0, cdf = 0.0, at = fmin(points[0], y);
    bool passed = false; /* whether y lies at or left of the interval's start */
    size_t j = 0;
    while (j < k || !passed) {
        double next = j < k ? points[j] : INFINITY;
        if (!passed && y <= next) {
            score += (y - at) * cdf * cdf;
            at = y;
            passed = true;
            continue;
        }
        double gap = next - at, miss = passed ? 1.0 - cdf : cdf;
        score += gap * miss * miss;
        at = next;
        cdf += probability[j++];
    }
    return score;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Quantile p of sorted v[0..n) by linear interpolation between order statistics: position
 * h = (n - 1) p, value v[floor h] + (h - floor h) (v[floor h + 1] - v[floor h]) (Hyndman &
 * Fan 1996, definition 7; R's default). */
static double quantile(const double *v, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t i = (size_t)floor(h);
    if (i + 1 >= n)
        return v[n - 1];
    return v[i] + (h - (double)i) * (v[i + 1] - v[i]);
}

void pacta_bt_percentile_interval(double *v, size_t n, double *lo, double *hi)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]))
            v[k++] = v[i];
    if (k == 0) {
        *lo = *hi = NAN;
        return;
    }
    qsort(v, k, sizeof *v, compare_double);
    *lo = quantile(v, k, 0.025);
    *hi = quantile(v, k, 0.975);
}
