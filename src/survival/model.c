/* Model lifecycle, input checks, covariate summaries, point predictions and the
 * accelerated-failure-time conversion. Equations: docs/durability.md. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "survival/linalg.h"
#include "survival/survival_internal.h"

void pacta_surv_options_default(pacta_surv_options_t *options)
{
    memset(options, 0, sizeof *options);
    options->family = PACTA_SURV_WEIBULL;
    options->ties = PACTA_SURV_TIES_EFRON;
    options->max_iterations = 100;
    options->tolerance = 1e-20;
}

void pacta_surv_predict_options_default(pacta_surv_predict_options_t *options)
{
    options->draws = 4000;
    options->seed = 1;
    options->level = 0.95;
}

pacta_status pacta_surv_model_create(pacta_surv_model_t **out, pacta_surv_family family, size_t p,
                                     size_t n_steps)
{
    *out = NULL;
    if (p > PACTA_SURV_MAX_COVARIATES || (family != PACTA_SURV_WEIBULL && family != PACTA_SURV_COX))
        return PACTA_EINVAL;
    pacta_surv_model_t *m = pacta_calloc(1, sizeof *m);
    if (m == NULL)
        return PACTA_ENOMEM;
    m->family = family;
    m->p = p;
    m->k = family == PACTA_SURV_WEIBULL ? p + 2 : p;
    size_t np = p ? p : 1, nk = m->k ? m->k : 1, ns = n_steps ? n_steps : 1;
    m->names = pacta_calloc(np, sizeof *m->names);
    m->beta = pacta_calloc(np, sizeof *m->beta);
    m->se = pacta_calloc(np, sizeof *m->se);
    m->cov = pacta_calloc(nk * nk, sizeof *m->cov);
    m->x_mean = pacta_calloc(np, sizeof *m->x_mean);
    m->x_min = pacta_calloc(np, sizeof *m->x_min);
    m->x_max = pacta_calloc(np, sizeof *m->x_max);
    m->x_nonzero = pacta_calloc(np, sizeof *m->x_nonzero);
    m->x_cov = pacta_calloc(np * np, sizeof *m->x_cov);
    m->n_steps = n_steps;
    m->step_time = pacta_calloc(ns, sizeof *m->step_time);
    m->step_cumhaz = pacta_calloc(ns, sizeof *m->step_cumhaz);
    m->step_var = pacta_calloc(ns, sizeof *m->step_var);
    m->step_a = pacta_calloc(ns * np, sizeof *m->step_a);
    if (!m->names || !m->beta || !m->se || !m->cov || !m->x_mean || !m->x_min || !m->x_max ||
        !m->x_nonzero || !m->x_cov || !m->step_time || !m->step_cumhaz || !m->step_var ||
        !m->step_a) {
        pacta_surv_model_destroy(m);
        return PACTA_ENOMEM;
    }
    *out = m;
    return PACTA_OK;
}

void pacta_surv_model_destroy(pacta_surv_model_t *m)
{
    if (m == NULL)
        return;
    if (m->names != NULL)
        for (size_t j = 0; j < m->p; j++)
            pacta_free(m->names[j]);
    pacta_free(m->names);
    pacta_free(m->beta);
    pacta_free(m->se);
    pacta_free(m->cov);
    pacta_free(m->x_mean);
    pacta_free(m->x_min);
    pacta_free(m->x_max);
    pacta_free(m->x_nonzero);
    pacta_free(m->x_cov);
    pacta_free(m->step_time);
    pacta_free(m->step_cumhaz);
    pacta_free(m->step_var);
    pacta_free(m->step_a);
    pacta_free(m);
}

const char *pacta_surv_parameter_name(const pacta_surv_model_t *m, size_t j)
{
    if (j < m->p)
        return m->names[j] ? m->names[j] : "covariate";
    return j == m->p ? "intercept" : "shape";
}

void pacta_surv_warn_infinite(const pacta_surv_model_t *m, pacta_diag_t *diag)
{
    /* Under monotone likelihood (a covariate that perfectly separates events from
     * survivors) the estimate runs off towards infinity and its standard error with it;
     * R's coxph warns in the same situation. The thresholds flag a hazard ratio beyond
     * e^15 whose interval spans more than e^+-20. */
    for (size_t j = 0; j < m->p; j++)
        if (fabs(m->beta[j]) > 15.0 && m->se[j] > 10.0)
            pacta_diag_addf(diag, PACTA_SEVERITY_WARNING, "", 0, 0, m->names[j],
                            "the coefficient may be infinite (beta = %.3g, standard error "
                            "%.3g): the covariate nearly separates events from survivors",
                            m->beta[j], m->se[j]);
}

static bool finite_array(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return false;
    return true;
}

/* Whether every number of a fitted model is finite. */
static bool all_finite(const pacta_surv_model_t *m)
{
    bool ok = isfinite(m->loglik) && isfinite(m->loglik_null) && finite_array(m->beta, m->p) &&
              finite_array(m->se, m->p) && finite_array(m->cov, m->k * m->k);
    if (m->family == PACTA_SURV_WEIBULL)
        return ok && isfinite(m->intercept) && isfinite(m->intercept_se) && isfinite(m->shape) &&
               isfinite(m->shape_se);
    return ok && finite_array(m->step_time, m->n_steps) &&
           finite_array(m->step_cumhaz, m->n_steps) && finite_array(m->step_var, m->n_steps) &&
           finite_array(m->step_a, m->n_steps * m->p);
}

/* Reject unusable observations, naming each. Returns the number of problems. */
static size_t check_data(const pacta_surv_data_t *d, pacta_surv_family family, pacta_diag_t *diag,
                         size_t *events)
{
    size_t problems = 0;
    *events = 0;
    for (size_t i = 0; i < d->n; i++) {
        char field[64];
        double t = d->time[i];
        snprintf(field, sizeof field, "time[%zu]", i);
        if (!isfinite(t) || t < 0.0) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, field,
                            "a duration must be a finite number >= 0, found %g", t);
            problems++;
        } else if (t == 0.0 && family == PACTA_SURV_WEIBULL) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, field,
                            "a duration of 0 has no Weibull likelihood (log t is -infinity); "
                            "drop it, give it a small positive value, or use the Cox model");
            problems++;
        }
        snprintf(field, sizeof field, "event[%zu]", i);
        if (d->event[i] != 0 && d->event[i] != 1) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, field,
                            "an event flag must be 0 (censored) or 1 (event), found %d",
                            d->event[i]);
            problems++;
        } else {
            *events += (size_t)d->event[i];
        }
        for (size_t j = 0; j < d->p; j++)
            if (!isfinite(d->x[i * d->p + j])) {
                snprintf(field, sizeof field, "x[%zu][%zu]", i, j);
                pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, field,
                                "a covariate must be a finite number");
                problems++;
            }
    }
    return problems;
}

/* Means, ranges, non-zero counts, covariance and the largest Mahalanobis distance. */
static void summarise_covariates(pacta_surv_model_t *m, const pacta_surv_data_t *d)
{
    size_t p = d->p, n = d->n;
    for (size_t j = 0; j < p; j++) {
        double sum = 0.0, lo = INFINITY, hi = -INFINITY;
        size_t nz = 0;
        for (size_t i = 0; i < n; i++) {
            double v = d->x[i * p + j];
            sum += v;
            lo = fmin(lo, v);
            hi = fmax(hi, v);
            nz += v != 0.0;
        }
        m->x_mean[j] = sum / (double)n;
        m->x_min[j] = lo;
        m->x_max[j] = hi;
        m->x_nonzero[j] = nz;
    }
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b <= a; b++) {
            double s = 0.0;
            for (size_t i = 0; i < n; i++)
                s += (d->x[i * p + a] - m->x_mean[a]) * (d->x[i * p + b] - m->x_mean[b]);
            s = n > 1 ? s / (double)(n - 1) : 0.0;
            m->x_cov[a * p + b] = m->x_cov[b * p + a] = s;
        }
    m->max_distance = 0.0;
    for (size_t i = 0; i < n; i++) {
        double dist = pacta_surv_distance(m, &d->x[i * p]);
        if (isfinite(dist))
            m->max_distance = fmax(m->max_distance, dist);
    }
}

double pacta_surv_distance(const pacta_surv_model_t *m, const double *x)
{
    size_t p = m->p;
    if (p == 0)
        return 0.0;
    double l[PACTA_SURV_MAX_COVARIATES * PACTA_SURV_MAX_COVARIATES];
    double v[PACTA_SURV_MAX_COVARIATES];
    memcpy(l, m->x_cov, p * p * sizeof *l);
    if (pacta_surv_cholesky(l, p) != p)
        return NAN;
    for (size_t j = 0; j < p; j++)
        v[j] = x[j] - m->x_mean[j];
    double diff[PACTA_SURV_MAX_COVARIATES];
    memcpy(diff, v, p * sizeof *v);
    pacta_surv_cholesky_solve(l, p, v);
    double q = 0.0;
    for (size_t j = 0; j < p; j++)
        q += diff[j] * v[j];
    return sqrt(fmax(q, 0.0));
}

pacta_status pacta_surv_fit(pacta_surv_model_t **out, const pacta_surv_data_t *data,
                            const pacta_surv_options_t *options, pacta_diag_t *diag)
{
    *out = NULL;
    pacta_surv_options_t defaults;
    if (options == NULL) {
        pacta_surv_options_default(&defaults);
        options = &defaults;
    }
    if (data == NULL || data->n == 0 || data->time == NULL || data->event == NULL ||
        (data->p > 0 && data->x == NULL) || data->p > PACTA_SURV_MAX_COVARIATES ||
        options->max_iterations < 1 || !(options->tolerance >= 0.0))
        return PACTA_EINVAL;
    size_t events = 0;
    if (check_data(data, options->family, diag, &events) > 0)
        return PACTA_EINPUT;
    if (events == 0) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "event",
                       "every observation is censored: with no events the hazard cannot be "
                       "estimated");
        return PACTA_ENUMERIC;
    }
    if (options->family == PACTA_SURV_WEIBULL && data->n < data->p + 2) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "",
                        "%zu observations cannot identify %zu parameters", data->n, data->p + 2);
        return PACTA_ENUMERIC;
    }
    pacta_surv_model_t *m = NULL;
    pacta_status st = pacta_surv_model_create(&m, options->family, data->p, 0);
    if (st != PACTA_OK)
        return st;
    m->ties = options->ties;
    m->n = data->n;
    m->events = events;
    for (size_t j = 0; j < data->p; j++) {
        char fallback[32];
        snprintf(fallback, sizeof fallback, "x%zu", j + 1);
        m->names[j] = pacta_strdup(data->names && data->names[j] ? data->names[j] : fallback);
        if (m->names[j] == NULL) {
            pacta_surv_model_destroy(m);
            return PACTA_ENOMEM;
        }
    }
    m->max_time = 0.0;
    for (size_t i = 0; i < data->n; i++)
        m->max_time = fmax(m->max_time, data->time[i]);
    summarise_covariates(m, data);
    st = options->family == PACTA_SURV_WEIBULL ? pacta_surv_fit_weibull(m, data, options, diag)
                                               : pacta_surv_fit_cox(m, data, options, diag);
    if (st != PACTA_OK) {
        pacta_surv_model_destroy(m);
        return st;
    }
    pacta_surv_warn_infinite(m, diag);
    if (!all_finite(m)) {
        /* Seen with an infinite coefficient: exp(beta x) overflows in the baseline. Such a
         * model could neither predict nor be written (fuzzing find). */
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "",
                       "the fit gave numbers that are not finite: a covariate separates the "
                       "episodes that ended from those that did not (monotone likelihood), so "
                       "its coefficient is infinite; leave it out or merge its categories");
        pacta_surv_model_destroy(m);
        return PACTA_ENUMERIC;
    }
    *out = m;
    return PACTA_OK;
}

double pacta_surv_linear_predictor(const pacta_surv_model_t *m, const double *x)
{
    double eta = 0.0;
    for (size_t j = 0; j < m->p; j++)
        eta += m->beta[j] * x[j];
    return eta;
}

/* Index of the last baseline step at or before t, or -1. Binary search. */
static long step_at(const pacta_surv_model_t *m, double t)
{
    size_t lo = 0, hi = m->n_steps;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->step_time[mid] <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (long)lo - 1;
}

/* (x - x_mean)'beta: the Cox linear predictor relative to the baseline's covariates. */
static double centred_predictor(const pacta_surv_model_t *m, const double *x)
{
    double eta = 0.0;
    for (size_t j = 0; j < m->p; j++)
        eta += m->beta[j] * (x[j] - m->x_mean[j]);
    return eta;
}

double pacta_surv_survival(const pacta_surv_model_t *m, const double *x, double t)
{
    if (m->family == PACTA_SURV_WEIBULL) {
        if (t <= 0.0)
            return 1.0;
        double eta = m->intercept + pacta_surv_linear_predictor(m, x);
        return exp(-exp(eta + m->shape * log(t)));
    }
    long j = step_at(m, t);
    if (j < 0)
        return 1.0;
    return exp(-m->step_cumhaz[j] * exp(centred_predictor(m, x)));
}

double pacta_surv_median(const pacta_surv_model_t *m, const double *x)
{
    if (m->family == PACTA_SURV_WEIBULL) {
        double eta = m->intercept + pacta_surv_linear_predictor(m, x);
        return exp((log(log(2.0)) - eta) / m->shape);
    }
    double r = exp(centred_predictor(m, x));
    for (size_t j = 0; j < m->n_steps; j++)
        if (m->step_cumhaz[j] * r >= log(2.0))
            return m->step_time[j];
    return INFINITY;
}

double pacta_surv_log_cumhaz_se(const pacta_surv_model_t *m, const double *x, double t)
{
    size_t p = m->p;
    if (m->family == PACTA_SURV_WEIBULL) {
        if (t <= 0.0)
            return NAN;
        /* log H = beta_0 + x'beta + rho log t; gradient (x, 1, log t) in covariance order. */
        double g[SURV_MAX_K];
        for (size_t j = 0; j < p; j++)
            g[j] = x[j];
        g[p] = 1.0;
        g[p + 1] = log(t);
        double v = 0.0;
        for (size_t a = 0; a < m->k; a++)
            for (size_t b = 0; b < m->k; b++)
                v += g[a] * m->cov[a * m->k + b] * g[b];
        return sqrt(fmax(v, 0.0));
    }
    long s = step_at(m, t);
    if (s < 0 || !(m->step_cumhaz[s] > 0.0))
        return NAN;
    /* Tsiatis (1981): var H(t|x) = r^2 [ sum d/S0^2 + q'Vq ], q = (x - c) H0 - A(t), where
     * H0, A are at the centring point c = x_mean. On the log scale divide by H^2. */
    double h0 = m->step_cumhaz[s];
    double q[PACTA_SURV_MAX_COVARIATES];
    for (size_t j = 0; j < p; j++)
        q[j] = (x[j] - m->x_mean[j]) - m->step_a[(size_t)s * p + j] / h0;
    double v = m->step_var[s] / (h0 * h0);
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b < p; b++)
            v += q[a] * m->cov[a * p + b] * q[b];
    return sqrt(fmax(v, 0.0));
}

pacta_status pacta_surv_weibull_aft(const pacta_surv_model_t *m, double *coef, double *se,
                                    double *log_scale, double *log_scale_se)
{
    if (m->family != PACTA_SURV_WEIBULL)
        return PACTA_EINVAL;
    size_t p = m->p, k = m->k;
    double rho = m->shape;
    /* phi = (mu, alpha_1..alpha_p, log sigma) as functions of theta = (beta, beta_0, rho):
     * mu = -beta_0/rho, alpha_j = -beta_j/rho, log sigma = -log rho. J = d phi / d theta. */
    double jac[SURV_MAX_K * SURV_MAX_K];
    memset(jac, 0, sizeof jac);
    coef[0] = -m->intercept / rho;
    jac[0 * k + p] = -1.0 / rho;
    jac[0 * k + p + 1] = m->intercept / (rho * rho);
    for (size_t j = 0; j < p; j++) {
        coef[j + 1] = -m->beta[j] / rho;
        jac[(j + 1) * k + j] = -1.0 / rho;
        jac[(j + 1) * k + p + 1] = m->beta[j] / (rho * rho);
    }
    *log_scale = -log(rho);
    jac[(p + 1) * k + p + 1] = -1.0 / rho;
    for (size_t a = 0; a < k; a++) {
        double v = 0.0;
        for (size_t b = 0; b < k; b++)
            for (size_t c = 0; c < k; c++)
                v += jac[a * k + b] * m->cov[b * k + c] * jac[a * k + c];
        v = sqrt(fmax(v, 0.0));
        if (a < p + 1)
            se[a] = v;
        else
            *log_scale_se = v;
    }
    return PACTA_OK;
}

pacta_status pacta_surv_model_check(const pacta_surv_model_t *m, const char *name,
                                    pacta_diag_t *diag)
{
    size_t problems = 0;
    const char *file = name ? name : "";
#define BAD(field, ...)                                                                            \
    do {                                                                                           \
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, file, 0, 0, field, __VA_ARGS__);               \
        problems++;                                                                                \
    } while (0)
    for (size_t j = 0; j < m->p; j++) {
        if (!isfinite(m->beta[j]) || !(m->se[j] > 0.0) || !isfinite(m->se[j]))
            BAD(m->names[j] ? m->names[j] : "", "a coefficient and its standard error must be "
                                                "finite, the error positive");
        if (!isfinite(m->x_mean[j]) || !(m->x_min[j] <= m->x_max[j]))
            BAD(m->names[j] ? m->names[j] : "", "the covariate's range in the data is not valid");
    }
    for (size_t a = 0; a < m->k * m->k; a++)
        if (!isfinite(m->cov[a])) {
            BAD("covariance", "every entry must be a finite number");
            break;
        }
    if (m->k > 0) {
        double l[SURV_MAX_K * SURV_MAX_K];
        memcpy(l, m->cov, m->k * m->k * sizeof *l);
        size_t bad = pacta_surv_cholesky(l, m->k);
        if (bad != m->k)
            BAD("covariance", "the matrix is not positive definite (fails at %s)",
                pacta_surv_parameter_name(m, bad));
    }
    if (m->family == PACTA_SURV_WEIBULL) {
        if (!(m->shape > 0.0) || !isfinite(m->shape) || !isfinite(m->intercept))
            BAD("shape", "the Weibull shape must be a positive number and the intercept finite");
    } else {
        for (size_t s = 0; s < m->n_steps; s++) {
            bool ok = isfinite(m->step_time[s]) && m->step_time[s] >= 0.0 &&
                      isfinite(m->step_cumhaz[s]) && m->step_cumhaz[s] >= 0.0 &&
                      isfinite(m->step_var[s]) && m->step_var[s] >= 0.0;
            if (s > 0)
                ok = ok && m->step_time[s] > m->step_time[s - 1] &&
                     m->step_cumhaz[s] >= m->step_cumhaz[s - 1];
            if (!ok) {
                char field[64];
                snprintf(field, sizeof field, "baseline[%zu]", s);
                BAD(field, "baseline steps must have increasing times, a non-decreasing "
                           "cumulative hazard and non-negative variances");
                break;
            }
        }
        if (m->n_steps == 0)
            BAD("baseline", "a Cox model needs at least one baseline step");
    }
#undef BAD
    return problems ? PACTA_EINPUT : PACTA_OK;
}
