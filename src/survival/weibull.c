/* Weibull proportional-hazards regression by maximum likelihood (docs/durability.md, eqs.
 * D1-D4). Parameters theta = (beta_1..beta_p, beta_0, rho); for observation i with
 * eta_i = beta_0 + x_i'beta and cumulative hazard L_i = t_i^rho exp(eta_i),
 *   loglik = sum_i d_i (log rho + eta_i + (rho - 1) log t_i) - sum_i L_i,
 * which is concave in theta (d log rho is concave, the terms in eta and rho are linear, and
 * -exp(eta + rho log t) is minus the exponential of a linear function), so Newton-Raphson
 * with step halving converges from any start with rho > 0. */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "survival/linalg.h"
#include "survival/survival_internal.h"

typedef struct weibull_work {
    const pacta_surv_data_t *d;
    size_t p, k;
    double *logt; /* n */
} weibull_work_t;

/* Log-likelihood at theta; with grad non-NULL also the score and the observed information
 * (minus the Hessian). Returns -INFINITY when rho <= 0. A surv_eval_fn. */
static double evaluate(const void *ctx, const double *theta, double *grad, double *info)
{
    const weibull_work_t *w = ctx;
    const pacta_surv_data_t *d = w->d;
    size_t p = w->p, k = w->k;
    double rho = theta[p + 1];
    if (!(rho > 0.0))
        return -INFINITY;
    double logrho = log(rho), ll = 0.0;
    if (grad != NULL) {
        memset(grad, 0, k * sizeof *grad);
        memset(info, 0, k * k * sizeof *info);
    }
    double z[SURV_MAX_K];
    for (size_t i = 0; i < d->n; i++) {
        const double *x = d->p ? &d->x[i * p] : NULL;
        double eta = theta[p];
        for (size_t j = 0; j < p; j++)
            eta += theta[j] * x[j];
        double u = w->logt[i];
        double cum = exp(eta + rho * u);
        int ev = d->event[i];
        if (ev)
            ll += logrho + eta + (rho - 1.0) * u;
        ll -= cum;
        if (grad == NULL)
            continue;
        /* d eta / d theta = (x, 1, 0); d (rho u) / d rho = u. */
        for (size_t j = 0; j < p; j++)
            z[j] = x[j];
        z[p] = 1.0;
        z[p + 1] = u;
        for (size_t a = 0; a <= p; a++)
            grad[a] += ((double)ev - cum) * z[a];
        grad[p + 1] += (double)ev * (1.0 / rho + u) - cum * u;
        for (size_t a = 0; a < k; a++)
            for (size_t b = 0; b <= a; b++)
                info[a * k + b] += cum * z[a] * z[b];
        if (ev)
            info[(p + 1) * k + p + 1] += 1.0 / (rho * rho);
    }
    if (grad != NULL)
        for (size_t a = 0; a < k; a++)
            for (size_t b = 0; b < a; b++)
                info[b * k + a] = info[a * k + b];
    return ll;
}

pacta_status pacta_surv_fit_weibull(pacta_surv_model_t *m, const pacta_surv_data_t *d,
                                    const pacta_surv_options_t *o, pacta_diag_t *diag)
{
    size_t p = d->p, k = p + 2;
    weibull_work_t w = {d, p, k, pacta_calloc(d->n, sizeof(double))};
    if (w.logt == NULL)
        return PACTA_ENOMEM;
    double total_time = 0.0;
    for (size_t i = 0; i < d->n; i++) {
        w.logt[i] = log(d->time[i]);
        total_time += d->time[i];
    }
    /* Start from the exponential model's estimate: rho = 1, exp(beta_0) = events / exposure. */
    double theta[SURV_MAX_K] = {0};
    theta[p] = log((double)m->events / total_time);
    theta[p + 1] = 1.0;
    double info[SURV_MAX_K * SURV_MAX_K];
    size_t bad = k;
    int iterations = 0;
    pacta_status st = PACTA_OK;

    /* The null model first (its log-likelihood is reported for the likelihood-ratio test). */
    weibull_work_t w0 = {d, 0, 2, w.logt};
    pacta_surv_data_t d0 = *d;
    d0.p = 0;
    w0.d = &d0;
    double theta0[2] = {theta[p], 1.0}, info0[4];
    int it0 = 0;
    st = pacta_surv_newton(&w0, evaluate, 2, theta0, o, &m->loglik_null, info0, &it0, &bad);
    if (st != PACTA_OK) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "",
                       "the Weibull likelihood has no maximum for these durations (are they "
                       "all equal?)");
        goto cleanup;
    }
    theta[p] = theta0[0];
    theta[p + 1] = theta0[1];
    st = pacta_surv_newton(&w, evaluate, k, theta, o, &m->loglik, info, &iterations, &bad);
    if (st != PACTA_OK) {
        if (bad < k)
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, pacta_surv_parameter_name(m, bad),
                            "the information matrix is singular: this parameter is constant "
                            "or a combination of the others in the data");
        else
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "",
                            "Newton-Raphson did not converge in %d iterations", o->max_iterations);
        goto cleanup;
    }
    m->iterations = iterations;
    {
        double l[SURV_MAX_K * SURV_MAX_K];
        memcpy(l, info, k * k * sizeof *l);
        bad = pacta_surv_cholesky(l, k);
        if (bad != k) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, pacta_surv_parameter_name(m, bad),
                            "the information matrix is singular at the estimate");
            st = PACTA_ENUMERIC;
            goto cleanup;
        }
        pacta_surv_cholesky_invert(l, k, m->cov);
    }
    for (size_t j = 0; j < p; j++) {
        m->beta[j] = theta[j];
        m->se[j] = sqrt(m->cov[j * k + j]);
    }
    m->intercept = theta[p];
    m->intercept_se = sqrt(m->cov[p * k + p]);
    m->shape = theta[p + 1];
    m->shape_se = sqrt(m->cov[(p + 1) * k + p + 1]);

cleanup:
    pacta_free(w.logt);
    return st;
}
