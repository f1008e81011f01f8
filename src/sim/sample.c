#include "sim/sample.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

/* Truncated normal: map u into [Phi(a), Phi(b)] and invert. For bounds far in the upper
 * tail the complementary functions keep the precision that Phi itself would lose. */
static double truncated_normal(double mean, double sd, double lo, double hi, double u)
{
    double a = (lo - mean) / sd, b = (hi - mean) / sd;
    double z;
    if (a > 0) {
        double qa = gsl_cdf_ugaussian_Q(a), qb = gsl_cdf_ugaussian_Q(b);
        z = gsl_cdf_ugaussian_Qinv(qa - u * (qa - qb));
    } else {
        double pa = gsl_cdf_ugaussian_P(a), pb = gsl_cdf_ugaussian_P(b);
        z = gsl_cdf_ugaussian_Pinv(pa + u * (pb - pa));
    }
    double x = mean + sd * z;
    return x < lo ? lo : x > hi ? hi : x;
}

static double triangular(double lo, double mode, double hi, double u)
{
    double cut = (mode - lo) / (hi - lo);
    if (u < cut)
        return lo + sqrt(u * (hi - lo) * (mode - lo));
    return hi - sqrt((1.0 - u) * (hi - lo) * (hi - mode));
}

static double choice(const pacta_distribution_t *d, double u)
{
    double total = 0;
    for (size_t i = 0; i < d->n_values; i++)
        total += d->weights[i];
    double target = u * total, cumulative = 0;
    for (size_t i = 0; i < d->n_values; i++) {
        cumulative += d->weights[i];
        if (target < cumulative && d->weights[i] > 0)
            return d->values[i];
    }
    /* Rounding at the top end: the last value with positive weight. */
    for (size_t i = d->n_values; i-- > 0;)
        if (d->weights[i] > 0)
            return d->values[i];
    return d->values[0];
}

double pacta_sim_quantile(const pacta_distribution_t *d, double u)
{
    switch (d->kind) {
    case PACTA_DIST_NORMAL:
        return truncated_normal(d->a, d->b, d->lo, d->hi, u);
    case PACTA_DIST_UNIFORM:
        return d->lo + u * (d->hi - d->lo);
    case PACTA_DIST_TRIANGULAR:
        return triangular(d->lo, d->a, d->hi, u);
    case PACTA_DIST_BETA:
        return d->lo + (d->hi - d->lo) * gsl_cdf_beta_Pinv(u, d->a, d->b);
    case PACTA_DIST_CHOICE:
        return choice(d, u);
    }
    return d->lo;
}
