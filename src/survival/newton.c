/* Newton-Raphson maximisation of a concave log-likelihood with step halving, shared by the
 * Weibull and Cox fits. */
#include <math.h>
#include <string.h>

#include "survival/linalg.h"
#include "survival/survival_internal.h"

pacta_status pacta_surv_newton(const void *ctx, surv_eval_fn eval, size_t k, double *theta,
                               const pacta_surv_options_t *o, double *ll_out, double *info_out,
                               int *iterations, size_t *bad_column)
{
    double grad[SURV_MAX_K], info[SURV_MAX_K * SURV_MAX_K], l[SURV_MAX_K * SURV_MAX_K];
    double step[SURV_MAX_K], trial[SURV_MAX_K];
    *bad_column = k;
    double ll = eval(ctx, theta, grad, info);
    if (!isfinite(ll))
        return PACTA_ENUMERIC;
    for (int it = 1; it <= o->max_iterations; it++) {
        *iterations = it;
        memcpy(l, info, k * k * sizeof *l);
        size_t bad = pacta_surv_cholesky(l, k);
        if (bad != k) {
            *bad_column = bad;
            return PACTA_ENUMERIC;
        }
        memcpy(step, grad, k * sizeof *step);
        pacta_surv_cholesky_solve(l, k, step);
        /* The Newton decrement g' I^{-1} g is twice the predicted gain of the step. */
        double decrement = 0.0;
        for (size_t a = 0; a < k; a++)
            decrement += grad[a] * step[a];
        if (decrement <= o->tolerance * (1.0 + fabs(ll)))
            goto converged;
        /* Halve the step until the log-likelihood does not fall. */
        double scale = 1.0, ll_new = -INFINITY;
        int halvings = 0;
        for (; halvings < 60; halvings++, scale *= 0.5) {
            for (size_t a = 0; a < k; a++)
                trial[a] = theta[a] + scale * step[a];
            ll_new = eval(ctx, trial, NULL, NULL);
            if (ll_new >= ll)
                break;
        }
        if (halvings == 60) {
            /* No step improves the likelihood: at the maximum up to rounding if the
             * decrement is tiny, otherwise a failure. */
            if (decrement <= 1e-10 * (1.0 + fabs(ll)))
                goto converged;
            return PACTA_ENUMERIC;
        }
        double gain = ll_new - ll;
        memcpy(theta, trial, k * sizeof *theta);
        ll = eval(ctx, theta, grad, info);
        if (!isfinite(ll))
            return PACTA_ENUMERIC;
        /* R's criterion: a step that changes the log-likelihood by a relative 1e-14 or less,
         * taken where the predicted gain was already small. Newton converges
         * quadratically, so the point just reached is then accurate to rounding; this also
         * stops the run-off under monotone likelihood, and the wait for a decrement below
         * the rounding noise of the score. */
        if (gain <= 1e-14 * (1.0 + fabs(ll)) && decrement <= 1e-8 * (1.0 + fabs(ll)))
            goto converged;
    }
    return PACTA_ENUMERIC;
converged:
    *ll_out = ll;
    memcpy(info_out, info, k * k * sizeof *info);
    return PACTA_OK;
}
