/* Shared by the survival fitting files. */
#ifndef PACTA_SURVIVAL_INTERNAL_H
#define PACTA_SURVIVAL_INTERNAL_H

#include <pacta/pacta.h>

/* Log-likelihood at theta; when grad is not NULL also the score (k) and the observed
 * information, minus the Hessian (k * k, full). */
typedef double (*surv_eval_fn)(const void *ctx, const double *theta, double *grad, double *info);

/* Maximise a concave log-likelihood from theta (updated in place) by Newton-Raphson with
 * step halving. On success ll_out and info_out (k * k) hold the values at the estimate.
 * PACTA_ENUMERIC when the information is singular (bad_column names the parameter, or is
 * k when the failure is not tied to one) or when the iteration does not converge. */
pacta_status pacta_surv_newton(const void *ctx, surv_eval_fn eval, size_t k, double *theta,
                               const pacta_surv_options_t *options, double *ll_out,
                               double *info_out, int *iterations, size_t *bad_column);

/* Fit the Weibull model into m (created with the right p; names and covariate summaries
 * already filled). Reports problems to diag. */
pacta_status pacta_surv_fit_weibull(pacta_surv_model_t *m, const pacta_surv_data_t *data,
                                    const pacta_surv_options_t *options, pacta_diag_t *diag);

/* Fit the Cox model into m, including the baseline steps (allocated here). */
pacta_status pacta_surv_fit_cox(pacta_surv_model_t *m, const pacta_surv_data_t *data,
                                const pacta_surv_options_t *options, pacta_diag_t *diag);

/* Name of parameter j in the covariance order, for messages. */
const char *pacta_surv_parameter_name(const pacta_surv_model_t *m, size_t j);

/* Warn about coefficients that look infinite (monotone likelihood). */
void pacta_surv_warn_infinite(const pacta_surv_model_t *m, pacta_diag_t *diag);

#endif
