/* Small statistics for backtests: the seeded uniform stream and percentile intervals. */
#include <math.h>
#include <stdlib.h>

#include "backtest/backtest_internal.h"
#include "sim/philox.h"

double pacta_bt_uniform(uint64_t seed, uint64_t replicate, uint32_t stream, uint32_t draw)
{
    return pacta_sim_uniform(seed, replicate, stream, draw);
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
