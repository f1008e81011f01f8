/* Spearman's rank correlation with mid-ranks for ties (docs/alliance.md, A6), its p-values
 * chosen as R's cor.test(method = "spearman") chooses them (A7, A8): without ties the null
 * distribution of S = sum d^2 (exactly for n <= 9, by the Edgeworth series of Best and
 * Roberts' algorithm AS 89 for 10 <= n < 1290), with ties or for larger n Student's t
 * (GSL); and a seeded bootstrap percentile interval for rho (A10). */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pacta/survival.h>

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

/* The workspace of rank_correlation(): 2n doubles and n ranked_t. */
typedef struct rank_work {
    double *rx, *ry;
    ranked_t *sorted;
} rank_work_t;

/* rho of x and y (A6) with the centred ranks left in w->rx, w->ry and their cross product in
 * *sxy (NULL allowed); NAN when all x or all y are equal. */
static double rank_correlation(const double *x, const double *y, size_t n, rank_work_t *w,
                               bool *ties, double *sxy_out)
{
    bool tx = mid_ranks(x, n, w->rx, w->sorted);
    bool ty = mid_ranks(y, n, w->ry, w->sorted);
    if (ties != NULL)
        *ties = tx || ty;
    /* Centre the ranks: the mean rank is (n + 1) / 2 with or without ties. */
    double mean = 0.5 * (double)(n + 1);
    double sxx = 0, syy = 0, sxy = 0;
    for (size_t i = 0; i < n; i++) {
        w->rx[i] -= mean;
        w->ry[i] -= mean;
        sxx += w->rx[i] * w->rx[i];
        syy += w->ry[i] * w->ry[i];
        sxy += w->rx[i] * w->ry[i];
    }
    if (sxy_out != NULL)
        *sxy_out = sxy;
    if (sxx == 0 || syy == 0)
        return NAN; /* no ranking to correlate */
    return fmin(1.0, fmax(-1.0, sxy / sqrt(sxx * syy)));
}

/* Exact one-sided p-values by enumerating every permutation of the centred y ranks against
 * the centred x ranks (Heap's algorithm, iterative): P(rho* >= rho) and P(rho* <= rho). The
 * statistic is the cross product, whose order over permutations is that of rho because the
 * sums of squares do not change. Used without ties only, as R does. */
static void exact_tails(const double *cx, double *cy, size_t n, double observed, double scale,
                        double *p_greater, double *p_less)
{
    size_t c[PACTA_ALLIANCE_EXACT_MAX_N] = {0};
    /* Products of ranks are integers or halves, so exact in a double; the tolerance only
     * guards against equal statistics summed in a different order. */
    double eps = PACTA_RANK_STATISTIC_SLACK * scale;
    unsigned long total = 0, greater = 0, less = 0;
    for (;;) {
        double s = 0;
        for (size_t i = 0; i < n; i++)
            s += cx[i] * cy[i];
        total++;
        if (s >= observed - eps)
            greater++;
        if (s <= observed + eps)
            less++;
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
    *p_greater = (double)greater / (double)total;
    *p_less = (double)less / (double)total;
}

/* P(S >= s) for S = sum d^2 of n untied ranks under independence, by the Edgeworth series
 * of AS 89 (Best & Roberts 1975, Applied Statistics 24(3):377-379; docs/alliance.md A7). The
 * continuity correction uses s - 1; S takes even values only. */
static double edgeworth_upper(double s, size_t n)
{
    static const double c[12] = {0.2274, 0.2531, 0.1745, 0.0758, 0.1033, 0.3932,
                                 0.0879, 0.0151, 0.0072, 0.0831, 0.0131, 4.6e-4};
    double nn = (double)n, b = 1.0 / nn;
    if (s <= 0)
        return 1.0;
    if (s > nn * (nn * nn - 1) / 3) /* above the largest possible S */
        return 0.0;
    double x = (6.0 * (s - 1) * b / (nn * nn - 1) - 1) * sqrt(nn - 1);
    double y = x * x;
    double u =
        x * b *
        (c[0] + b * (c[1] + c[2] * b) +
         y * (-c[3] + b * (c[4] + c[5] * b) -
              y * b * (c[6] + c[7] * b - y * (c[8] - c[9] * b + y * b * (c[10] - c[11] * y)))));
    double p = u / exp(y / 2) + gsl_cdf_ugaussian_Q(x);
    return fmin(1.0, fmax(0.0, p));
}

/* One-sided p-values from Student's t with n - 2 degrees of freedom (A8). */
static void t_tails(double rho, size_t n, double *p_greater, double *p_less)
{
    double df = (double)(n - 2);
    if (fabs(rho) >= 1) {
        *p_greater = rho > 0 ? 0 : 1;
        *p_less = rho > 0 ? 1 : 0;
        return;
    }
    double t = rho * sqrt(df / (1 - rho * rho));
    *p_greater = gsl_cdf_tdist_Q(t, df);
    *p_less = gsl_cdf_tdist_P(t, df);
}

pacta_status pacta_alliance_spearman(const double *x, const double *y, size_t n,
                                     pacta_alliance_spearman_t *out)
{
    pacta_status st = PACTA_OK;
    rank_work_t w = {NULL, NULL, NULL};
    *out = (pacta_alliance_spearman_t){n, NAN, NAN, NAN, false, "undefined", NAN, NAN, 0};
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]) || !isfinite(y[i]))
            return PACTA_EINVAL;
    if (n < 3)
        return PACTA_OK;
    w.rx = pacta_malloc(n * sizeof *w.rx);
    w.ry = pacta_malloc(n * sizeof *w.ry);
    w.sorted = pacta_malloc(n * sizeof *w.sorted);
    if (w.rx == NULL || w.ry == NULL || w.sorted == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    double sxy;
    double rho = rank_correlation(x, y, n, &w, &out->ties, &sxy);
    if (isnan(rho))
        goto cleanup;
    out->rho = rho;
    double greater, less;
    if (!out->ties && n <= PACTA_ALLIANCE_EXACT_MAX_N) {
        /* Without ties sum of squared centred ranks is n(n^2 - 1)/12 on each side. */
        double scale = (double)n * ((double)n * (double)n - 1) / 12;
        exact_tails(w.rx, w.ry, n, sxy, scale, &greater, &less);
        out->method = "exact permutation";
    } else if (!out->ties && n < PACTA_ALLIANCE_EDGEWORTH_MAX_N) {
        /* S = (n^3 - n)(1 - rho)/6, an even integer without ties; R rounds it likewise. */
        double nn = (double)n;
        double s = nearbyint((nn * nn * nn - nn) * (1 - rho) / 6);
        less = edgeworth_upper(s, n);            /* P(S >= s) = P(rho* <= rho) */
        greater = 1 - edgeworth_upper(s + 2, n); /* P(S <= s) = P(rho* >= rho) */
        out->method = "Edgeworth series (AS 89)";
    } else {
        t_tails(rho, n, &greater, &less);
        out->method = "t approximation";
    }
    out->p_greater = greater;
    /* R's two-sided p: twice the tail on the side of the observed rho, at most 1. */
    out->p_two_sided = fmin(1.0, 2 * (rho >= 0 ? greater : less));
cleanup:
    pacta_free(w.rx);
    pacta_free(w.ry);
    pacta_free(w.sorted);
    return st;
}

pacta_status pacta_alliance_spearman_bootstrap(const double *x, const double *y, size_t n,
                                               size_t replicates, unsigned long seed, double level,
                                               pacta_alliance_spearman_t *s)
{
    pacta_status st = PACTA_OK;
    rank_work_t w = {NULL, NULL, NULL};
    double *bx = NULL, *by = NULL, *rhos = NULL;
    /* pacta's xoshiro256** keeps its state here, on the stack: nothing to allocate, and no
     * library error handler that could abort on failure. */
    pacta_rng_t rng;
    s->ci_low = s->ci_high = NAN;
    s->bootstrap_used = 0;
    if (!(level > 0 && level < 1) || replicates == 0)
        return PACTA_EINVAL;
    if (n < 3 || isnan(s->rho))
        return PACTA_OK;
    w.rx = pacta_malloc(n * sizeof *w.rx);
    w.ry = pacta_malloc(n * sizeof *w.ry);
    w.sorted = pacta_malloc(n * sizeof *w.sorted);
    bx = pacta_malloc(n * sizeof *bx);
    by = pacta_malloc(n * sizeof *by);
    rhos = pacta_malloc(replicates * sizeof *rhos);
    if (w.rx == NULL || w.ry == NULL || w.sorted == NULL || bx == NULL || by == NULL ||
        rhos == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    pacta_rng_seed(&rng, (uint64_t)seed);
    size_t used = 0;
    for (size_t b = 0; b < replicates; b++) {
        /* Resample the n pairs with replacement (Efron & Tibshirani 1993, ch. 6). */
        for (size_t i = 0; i < n; i++) {
            /* Uniform on (0, 1) times n, truncated: every index with probability 1/n (up
             * to 2^-53). */
            size_t k = (size_t)(pacta_rng_uniform(&rng) * (double)n);
            if (k >= n)
                k = n - 1;
            bx[i] = x[k];
            by[i] = y[k];
        }
        double r = rank_correlation(bx, by, n, &w, NULL, NULL);
        if (!isnan(r)) /* a resample of one repeated pair has no ranking: left out */
            rhos[used++] = r;
    }
    s->bootstrap_used = used;
    if (used > 0) {
        /* Percentile interval (Efron & Tibshirani 1993, ch. 13), quantiles interpolated
         * between order statistics as GSL does (R's type 7). */
        gsl_sort(rhos, 1, used);
        s->ci_low = gsl_stats_quantile_from_sorted_data(rhos, 1, used, 0.5 * (1 - level));
        s->ci_high = gsl_stats_quantile_from_sorted_data(rhos, 1, used, 0.5 * (1 + level));
    }
cleanup:
    pacta_free(w.rx);
    pacta_free(w.ry);
    pacta_free(w.sorted);
    pacta_free(bx);
    pacta_free(by);
    pacta_free(rhos);
    return st;
}
