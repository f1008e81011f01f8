/* Cox proportional-hazards regression: Newton-Raphson on the log partial likelihood with
 * Efron's or Breslow's handling of ties, then Breslow's estimator of the baseline cumulative
 * hazard (docs/durability.md, eqs. D5-D8). Covariates are centred at their means, as R's
 * coxph does, which changes nothing in beta but keeps exp(x'beta) well scaled. Observations
 * censored at an event time count as at risk at that time. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "survival/linalg.h"
#include "survival/survival_internal.h"

typedef struct cox_work {
    const pacta_surv_data_t *d;
    size_t p;
    pacta_surv_ties ties;
    size_t *order; /* indices by decreasing time */
    double *xc;    /* n * p centred covariates */
    double *w;     /* n exp(eta) */
} cox_work_t;

/* Sort key: time, then the original index, so that the order is fully determined. */
typedef struct timed {
    double t;
    size_t i;
} timed_t;

static int by_time_desc(const void *a, const void *b)
{
    const timed_t *x = a, *y = b;
    if (x->t != y->t)
        return x->t > y->t ? -1 : 1;
    return x->i < y->i ? -1 : (x->i > y->i);
}

/* Log partial likelihood at beta; with grad non-NULL also the score and information.
 * A surv_eval_fn. */
static double evaluate(const void *ctx, const double *beta, double *grad, double *info)
{
    const cox_work_t *cw = ctx;
    const pacta_surv_data_t *d = cw->d;
    size_t p = cw->p, n = d->n;
    double s1[PACTA_SURV_MAX_COVARIATES], s2[PACTA_SURV_MAX_COVARIATES * PACTA_SURV_MAX_COVARIATES];
    double d1[PACTA_SURV_MAX_COVARIATES], d2[PACTA_SURV_MAX_COVARIATES * PACTA_SURV_MAX_COVARIATES];
    double a1[PACTA_SURV_MAX_COVARIATES];
    double s0 = 0.0, ll = 0.0;
    memset(s1, 0, p * sizeof *s1);
    memset(s2, 0, p * p * sizeof *s2);
    if (grad != NULL) {
        memset(grad, 0, p * sizeof *grad);
        memset(info, 0, p * p * sizeof *info);
    }
    for (size_t i = 0; i < n; i++) {
        double eta = 0.0;
        for (size_t j = 0; j < p; j++)
            eta += beta[j] * cw->xc[i * p + j];
        cw->w[i] = exp(eta);
    }
    size_t pos = 0;
    while (pos < n) {
        /* One distinct time: add everyone with it to the risk set, then score its deaths. */
        double t = d->time[cw->order[pos]];
        size_t end = pos, deaths = 0;
        double dw = 0.0;
        memset(d1, 0, p * sizeof *d1);
        memset(d2, 0, p * p * sizeof *d2);
        while (end < n && d->time[cw->order[end]] == t) {
            size_t i = cw->order[end++];
            const double *x = &cw->xc[i * p];
            double wi = cw->w[i];
            s0 += wi;
            for (size_t a = 0; a < p; a++) {
                s1[a] += wi * x[a];
                for (size_t b = 0; b <= a; b++)
                    s2[a * p + b] += wi * x[a] * x[b];
            }
            if (d->event[i]) {
                deaths++;
                dw += wi;
                ll += log(wi);
                for (size_t a = 0; a < p; a++) {
                    if (grad != NULL)
                        grad[a] += x[a];
                    d1[a] += wi * x[a];
                    for (size_t b = 0; b <= a; b++)
                        d2[a * p + b] += wi * x[a] * x[b];
                }
            }
        }
        pos = end;
        if (deaths == 0)
            continue;
        /* Breslow: every death sees the full risk set. Efron: the k-th of the tied deaths
         * sees the risk set with k/deaths of the tied deaths' weight removed. */
        for (size_t r = 0; r < deaths; r++) {
            double f = cw->ties == PACTA_SURV_TIES_EFRON ? (double)r / (double)deaths : 0.0;
            double z0 = s0 - f * dw;
            ll -= log(z0);
            if (grad == NULL)
                continue;
            for (size_t a = 0; a < p; a++) {
                a1[a] = (s1[a] - f * d1[a]) / z0;
                grad[a] -= a1[a];
            }
            for (size_t a = 0; a < p; a++)
                for (size_t b = 0; b <= a; b++)
                    info[a * p + b] += (s2[a * p + b] - f * d2[a * p + b]) / z0 - a1[a] * a1[b];
        }
    }
    if (grad != NULL)
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < a; b++)
                info[b * p + a] = info[a * p + b];
    return ll;
}

/* Breslow's estimator of the cumulative hazard at x = x_mean, with the two ingredients of
 * the Tsiatis variance, at each distinct event time in increasing order. The pass runs
 * from the latest time backwards (risk sets grow), so the increments are stored first and
 * accumulated forwards afterwards. */
static pacta_status baseline(pacta_surv_model_t *m, const cox_work_t *cw)
{
    const pacta_surv_data_t *d = cw->d;
    size_t p = cw->p, n = d->n, pp = p ? p : 1, steps = 0;
    evaluate(cw, m->beta, NULL, NULL); /* fills the weights at the estimate */
    double *tt = pacta_calloc(n, sizeof *tt), *dh = pacta_calloc(n, sizeof *dh);
    double *dv = pacta_calloc(n, sizeof *dv), *da = pacta_calloc(n * pp, sizeof *da);
    pacta_status st = PACTA_ENOMEM;
    if (!tt || !dh || !dv || !da)
        goto cleanup;
    double s0 = 0.0, s1[PACTA_SURV_MAX_COVARIATES] = {0};
    size_t pos = 0;
    while (pos < n) {
        double t = d->time[cw->order[pos]];
        size_t end = pos, deaths = 0;
        while (end < n && d->time[cw->order[end]] == t) {
            size_t i = cw->order[end++];
            s0 += cw->w[i];
            for (size_t a = 0; a < p; a++)
                s1[a] += cw->w[i] * cw->xc[i * p + a];
            deaths += (size_t)d->event[i];
        }
        pos = end;
        if (deaths == 0)
            continue;
        tt[steps] = t;
        dh[steps] = (double)deaths / s0;
        dv[steps] = (double)deaths / (s0 * s0);
        for (size_t a = 0; a < p; a++)
            da[steps * pp + a] = dh[steps] * s1[a] / s0;
        steps++;
    }
    pacta_free(m->step_time);
    pacta_free(m->step_cumhaz);
    pacta_free(m->step_var);
    pacta_free(m->step_a);
    m->n_steps = steps;
    m->step_time = pacta_calloc(steps, sizeof *m->step_time);
    m->step_cumhaz = pacta_calloc(steps, sizeof *m->step_cumhaz);
    m->step_var = pacta_calloc(steps, sizeof *m->step_var);
    m->step_a = pacta_calloc(steps * pp, sizeof *m->step_a);
    if (!m->step_time || !m->step_cumhaz || !m->step_var || !m->step_a)
        goto cleanup;
    double h = 0.0, v = 0.0, run[PACTA_SURV_MAX_COVARIATES] = {0};
    for (size_t s = 0; s < steps; s++) {
        size_t src = steps - 1 - s;
        h += dh[src];
        v += dv[src];
        m->step_time[s] = tt[src];
        m->step_cumhaz[s] = h;
        m->step_var[s] = v;
        for (size_t a = 0; a < p; a++) {
            run[a] += da[src * pp + a];
            m->step_a[s * p + a] = run[a];
        }
    }
    st = PACTA_OK;
cleanup:
    pacta_free(tt);
    pacta_free(dh);
    pacta_free(dv);
    pacta_free(da);
    return st;
}

pacta_status pacta_surv_fit_cox(pacta_surv_model_t *m, const pacta_surv_data_t *d,
                                const pacta_surv_options_t *o, pacta_diag_t *diag)
{
    size_t n = d->n, p = d->p;
    cox_work_t cw = {d,
                     p,
                     o->ties,
                     pacta_calloc(n, sizeof(size_t)),
                     pacta_calloc(n * (p ? p : 1), sizeof(double)),
                     pacta_calloc(n, sizeof(double))};
    pacta_status st = PACTA_ENOMEM;
    if (!cw.order || !cw.xc || !cw.w)
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        cw.order[i] = i;
        for (size_t j = 0; j < p; j++)
            cw.xc[i * p + j] = d->x[i * p + j] - m->x_mean[j];
    }
    {
        timed_t *keys = pacta_calloc(n, sizeof *keys);
        if (keys == NULL)
            goto cleanup;
        for (size_t i = 0; i < n; i++)
            keys[i] = (timed_t){d->time[i], i};
        qsort(keys, n, sizeof *keys, by_time_desc);
        for (size_t i = 0; i < n; i++)
            cw.order[i] = keys[i].i;
        pacta_free(keys);
    }

    double beta[PACTA_SURV_MAX_COVARIATES] = {0};
    double info[PACTA_SURV_MAX_COVARIATES * PACTA_SURV_MAX_COVARIATES];
    double l[PACTA_SURV_MAX_COVARIATES * PACTA_SURV_MAX_COVARIATES];
    m->loglik_null = evaluate(&cw, beta, NULL, NULL);
    m->loglik = m->loglik_null;
    if (p > 0) {
        size_t bad = p;
        st = pacta_surv_newton(&cw, evaluate, p, beta, o, &m->loglik, info, &m->iterations, &bad);
        if (st != PACTA_OK) {
            if (bad < p)
                pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, m->names[bad],
                                "the information matrix is singular: this covariate is "
                                "constant among those at risk or a combination of the others");
            else
                pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "",
                                "Newton-Raphson did not converge in %d iterations",
                                o->max_iterations);
            goto cleanup;
        }
        memcpy(l, info, p * p * sizeof *l);
        bad = pacta_surv_cholesky(l, p);
        if (bad != p) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, m->names[bad],
                            "the information matrix is singular at the estimate");
            st = PACTA_ENUMERIC;
            goto cleanup;
        }
        pacta_surv_cholesky_invert(l, p, m->cov);
    }
    for (size_t j = 0; j < p; j++) {
        m->beta[j] = beta[j];
        m->se[j] = sqrt(m->cov[j * p + j]);
    }
    st = baseline(m, &cw);
cleanup:
    pacta_free(cw.order);
    pacta_free(cw.xc);
    pacta_free(cw.w);
    return st;
}
