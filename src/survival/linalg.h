/* Dense linear algebra for the small symmetric matrices of survival fitting (k <= 66):
 * Cholesky factorisation with a singularity test, solves and inverses. Row-major k * k
 * arrays. Hand-written rather than taken from GSL because GSL reports a matrix that is not
 * positive definite through its global error handler, which aborts by default, and the
 * library must neither abort nor change process-wide state. */
#ifndef PACTA_SURVIVAL_LINALG_H
#define PACTA_SURVIVAL_LINALG_H

#include <stdbool.h>
#include <stddef.h>

#include <pacta/survival.h>

/* Largest parameter count: the covariates plus the Weibull intercept and shape. */
#define SURV_MAX_K (PACTA_SURV_MAX_COVARIATES + 2)

/* Relative pivot below which a matrix counts as singular: a pivot d_j <= this times the
 * original diagonal entry a_jj means column j is (numerically) a combination of earlier
 * ones. The value is R's coxph toler.chol default, eps^0.75 (about 1.8e-12). */
#define SURV_CHOL_TOLERANCE 1.8189894035458565e-12

/* Factor the symmetric positive-definite a (k * k; only the lower triangle is read) into
 * L L' in place: on success the lower triangle holds L and the strict upper triangle is
 * zeroed. Returns k on success, or the 0-based index of the first column whose pivot fails
 * the test above (the matrix is then left partly overwritten). */
size_t pacta_surv_cholesky(double *a, size_t k);

/* Solve L L' x = b in place (b becomes x), with L from pacta_surv_cholesky(). */
void pacta_surv_cholesky_solve(const double *l, size_t k, double *b);

/* Inverse of L L' into inv (k * k, full symmetric), with L from pacta_surv_cholesky(). */
void pacta_surv_cholesky_invert(const double *l, size_t k, double *inv);

/* y = L z (lower triangular times vector); y and z may not alias. */
void pacta_surv_lower_multiply(const double *l, size_t k, const double *z, double *y);

#endif
