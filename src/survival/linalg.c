/* Cholesky factorisation, solves and inverses of small symmetric matrices (see linalg.h). */
#include "survival/linalg.h"

#include <math.h>

size_t pacta_surv_cholesky(double *a, size_t k)
{
    for (size_t j = 0; j < k; j++) {
        double diag = a[j * k + j];
        double d = diag;
        for (size_t m = 0; m < j; m++)
            d -= a[j * k + m] * a[j * k + m];
        /* A pivot that is not positive, or that lost all but rounding noise of the original
         * diagonal, means the matrix is not (numerically) positive definite. */
        if (!(d > 0.0) || !(d > SURV_CHOL_TOLERANCE * fabs(diag)) || !isfinite(d))
            return j;
        double ljj = sqrt(d);
        a[j * k + j] = ljj;
        for (size_t i = j + 1; i < k; i++) {
            double s = a[i * k + j];
            for (size_t m = 0; m < j; m++)
                s -= a[i * k + m] * a[j * k + m];
            a[i * k + j] = s / ljj;
        }
        for (size_t i = 0; i < j; i++)
            a[i * k + j] = 0.0;
    }
    return k;
}

void pacta_surv_cholesky_solve(const double *l, size_t k, double *b)
{
    for (size_t i = 0; i < k; i++) {
        double s = b[i];
        for (size_t m = 0; m < i; m++)
            s -= l[i * k + m] * b[m];
        b[i] = s / l[i * k + i];
    }
    for (size_t i = k; i-- > 0;) {
        double s = b[i];
        for (size_t m = i + 1; m < k; m++)
            s -= l[m * k + i] * b[m];
        b[i] = s / l[i * k + i];
    }
}

void pacta_surv_cholesky_invert(const double *l, size_t k, double *inv)
{
    /* Column by column: solve L L' x = e_j. k is small, so O(k^3) with no workspace. */
    for (size_t j = 0; j < k; j++) {
        double col[SURV_MAX_K];
        for (size_t i = 0; i < k; i++)
            col[i] = i == j ? 1.0 : 0.0;
        pacta_surv_cholesky_solve(l, k, col);
        for (size_t i = 0; i < k; i++)
            inv[i * k + j] = col[i];
    }
    /* Symmetrise away the rounding differences between the two triangles. */
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < i; j++) {
            double v = 0.5 * (inv[i * k + j] + inv[j * k + i]);
            inv[i * k + j] = inv[j * k + i] = v;
        }
}

void pacta_surv_lower_multiply(const double *l, size_t k, const double *z, double *y)
{
    for (size_t i = 0; i < k; i++) {
        double s = 0.0;
        for (size_t m = 0; m <= i; m++)
            s += l[i * k + m] * z[m];
        y[i] = s;
    }
}
