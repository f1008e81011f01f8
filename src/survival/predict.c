/* Predictions with intervals from parameter draws (docs/durability.md, eqs. D9-D11). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "survival/linalg.h"
#include "survival/survival_internal.h"

void pacta_surv_prediction_destroy(pacta_surv_prediction_t *pr)
{
    if (pr == NULL)
        return;
    pacta_free(pr->horizon);
    pacta_free(pr->survival);
    pacta_free(pr->lower);
    pacta_free(pr->upper);
    memset(pr, 0, sizeof *pr);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : (x > y);
}

/* The q-quantile of sorted v[0..n) with linear interpolation between order statistics
 * (R's quantile type 7). Infinite values are handled without producing NaN. */
static double quantile_sorted(const double *v, size_t n, double q)
{
    double h = (double)(n - 1) * q;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return v[n - 1];
    double frac = h - (double)lo;
    if (frac == 0.0 || v[lo] == v[lo + 1])
        return v[lo];
    if (isinf(v[lo + 1]))
        return v[lo + 1];
    return v[lo] + frac * (v[lo + 1] - v[lo]);
}

/* Lower and upper percentile of v (sorted in place). */
static void interval(double *v, size_t n, double level, double *lo, double *hi)
{
    qsort(v, n, sizeof *v, compare_doubles);
    *lo = quantile_sorted(v, n, 0.5 * (1.0 - level));
    *hi = quantile_sorted(v, n, 0.5 * (1.0 + level));
}

/* Weibull: draw phi = (beta, beta_0, log rho) ~ N(phi_hat, J V J'). */
static pacta_status draw_weibull(const pacta_surv_model_t *m, const double *x,
                                 const pacta_surv_predict_options_t *o, size_t nh,
                                 const double *horizons, double *surv, double *median)
{
    size_t p = m->p, k = m->k;
    double cov[SURV_MAX_K * SURV_MAX_K], mean[SURV_MAX_K];
    /* Jacobian of log rho is 1/rho on the shape row and column. */
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++) {
            double v = m->cov[a * k + b];
            if (a == p + 1)
                v /= m->shape;
            if (b == p + 1)
                v /= m->shape;
            cov[a * k + b] = v;
        }
    for (size_t j = 0; j < p; j++)
        mean[j] = m->beta[j];
    mean[p] = m->intercept;
    mean[p + 1] = log(m->shape);
    if (pacta_surv_cholesky(cov, k) != k)
        return PACTA_ENUMERIC;
    pacta_rng_t rng;
    pacta_rng_seed(&rng, o->seed);
    double z[SURV_MAX_K], dz[SURV_MAX_K];
    for (size_t r = 0; r < o->draws; r++) {
        for (size_t a = 0; a < k; a++)
            z[a] = pacta_rng_normal(&rng);
        pacta_surv_lower_multiply(cov, k, z, dz);
        double eta = mean[p] + dz[p];
        for (size_t j = 0; j < p; j++)
            eta += (mean[j] + dz[j]) * x[j];
        double rho = exp(mean[p + 1] + dz[p + 1]);
        for (size_t h = 0; h < nh; h++)
            surv[h * o->draws + r] = exp(-exp(eta + rho * log(horizons[h])));
        median[r] = exp((log(log(2.0)) - eta) / rho);
    }
    return PACTA_OK;
}

/* Cox: beta* = beta_hat + L z; log H*(t|x) = log H0(t) + (x - c)'beta_hat
 *   + (x - c - A(t)/H0(t))'(beta* - beta_hat) + u sqrt(V1(t))/H0(t), with one u ~ N(0, 1)
 * per draw shared by all times. */
static pacta_status draw_cox(const pacta_surv_model_t *m, const double *x,
                             const pacta_surv_predict_options_t *o, size_t nh,
                             const double *horizons, double *surv, double *median)
{
    size_t p = m->p, ns = m->n_steps;
    double l[PACTA_SURV_MAX_COVARIATES * PACTA_SURV_MAX_COVARIATES];
    memcpy(l, m->cov, p * p * sizeof *l);
    if (p > 0 && pacta_surv_cholesky(l, p) != p)
        return PACTA_ENUMERIC;
    double eta = 0.0;
    for (size_t j = 0; j < p; j++)
        eta += m->beta[j] * (x[j] - m->x_mean[j]);
    /* Per step: the point log H, the sensitivity vector and the baseline noise scale. */
    double *base = pacta_calloc(ns, sizeof *base), *noise = pacta_calloc(ns, sizeof *noise);
    double *sens = pacta_calloc(ns * (p ? p : 1), sizeof *sens);
    long *hstep = pacta_calloc(nh ? nh : 1, sizeof *hstep);
    double *logh = pacta_calloc(ns, sizeof *logh);
    pacta_status st = PACTA_ENOMEM;
    if (!base || !noise || !sens || !hstep || !logh)
        goto cleanup;
    for (size_t s = 0; s < ns; s++) {
        double h0 = m->step_cumhaz[s];
        base[s] = h0 > 0.0 ? log(h0) + eta : -INFINITY;
        noise[s] = h0 > 0.0 ? sqrt(m->step_var[s]) / h0 : 0.0;
        for (size_t j = 0; j < p; j++)
            sens[s * p + j] = h0 > 0.0 ? (x[j] - m->x_mean[j]) - m->step_a[s * p + j] / h0 : 0.0;
    }
    for (size_t h = 0; h < nh; h++) {
        long s = -1;
        for (size_t q = 0; q < ns && m->step_time[q] <= horizons[h]; q++)
            s = (long)q;
        hstep[h] = s;
    }
    pacta_rng_t rng;
    pacta_rng_seed(&rng, o->seed);
    double z[PACTA_SURV_MAX_COVARIATES], db[PACTA_SURV_MAX_COVARIATES];
    for (size_t r = 0; r < o->draws; r++) {
        for (size_t j = 0; j < p; j++)
            z[j] = pacta_rng_normal(&rng);
        double u = pacta_rng_normal(&rng);
        pacta_surv_lower_multiply(l, p, z, db);
        median[r] = INFINITY;
        for (size_t s = 0; s < ns; s++) {
            double v = base[s] + u * noise[s];
            for (size_t j = 0; j < p; j++)
                v += sens[s * p + j] * db[j];
            logh[s] = v;
            if (isinf(median[r]) && v >= log(log(2.0)))
                median[r] = m->step_time[s];
        }
        for (size_t h = 0; h < nh; h++)
            surv[h * o->draws + r] = hstep[h] < 0 ? 1.0 : exp(-exp(logh[hstep[h]]));
    }
    st = PACTA_OK;
cleanup:
    pacta_free(base);
    pacta_free(noise);
    pacta_free(sens);
    pacta_free(hstep);
    pacta_free(logh);
    return st;
}

pacta_status pacta_surv_predict(const pacta_surv_model_t *m, const double *x,
                                const double *horizons, size_t nh,
                                const pacta_surv_predict_options_t *options,
                                pacta_surv_prediction_t *out)
{
    memset(out, 0, sizeof *out);
    pacta_surv_predict_options_t defaults;
    if (options == NULL) {
        pacta_surv_predict_options_default(&defaults);
        options = &defaults;
    }
    if (options->draws < 2 || options->draws > 10000000 || !(options->level > 0.0) ||
        !(options->level < 1.0) || (nh > 0 && horizons == NULL))
        return PACTA_EINVAL;
    for (size_t h = 0; h < nh; h++)
        if (!(horizons[h] > 0.0) || !isfinite(horizons[h]))
            return PACTA_EINVAL;
    size_t nd = options->draws, nn = nh ? nh : 1;
    out->horizon = pacta_calloc(nn, sizeof(double));
    out->survival = pacta_calloc(nn, sizeof(double));
    out->lower = pacta_calloc(nn, sizeof(double));
    out->upper = pacta_calloc(nn, sizeof(double));
    double *surv = pacta_calloc(nn * nd, sizeof(double)),
           *median = pacta_calloc(nd, sizeof(double));
    pacta_status st = PACTA_ENOMEM;
    if (!out->horizon || !out->survival || !out->lower || !out->upper || !surv || !median)
        goto cleanup;
    out->n_horizons = nh;
    st = m->family == PACTA_SURV_WEIBULL ? draw_weibull(m, x, options, nh, horizons, surv, median)
                                         : draw_cox(m, x, options, nh, horizons, surv, median);
    if (st != PACTA_OK)
        goto cleanup;
    for (size_t h = 0; h < nh; h++) {
        out->horizon[h] = horizons[h];
        out->survival[h] = pacta_surv_survival(m, x, horizons[h]);
        interval(&surv[h * nd], nd, options->level, &out->lower[h], &out->upper[h]);
    }
    out->median = pacta_surv_median(m, x);
    interval(median, nd, options->level, &out->median_lower, &out->median_upper);
cleanup:
    pacta_free(surv);
    pacta_free(median);
    if (st != PACTA_OK)
        pacta_surv_prediction_destroy(out);
    return st;
}
