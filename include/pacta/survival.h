/**
 * @file survival.h
 * @brief Survival regression with right censoring: Weibull and Cox proportional hazards.
 *
 * Both models write the hazard of observation i as h(t | x_i) = h_0(t) exp(x_i'beta), so a
 * coefficient beta_k is a log hazard ratio (exp(beta_k) < 1 lengthens survival).
 *
 * - Weibull: h_0(t) = rho t^(rho-1) exp(beta_0). Fitted by maximum likelihood with
 *   Newton-Raphson and step halving on the parameters (beta_0, beta, rho), in which the
 *   log-likelihood is concave.
 * - Cox: h_0 left unspecified; beta maximises the partial likelihood (Efron's or Breslow's
 *   handling of tied event times), and the baseline cumulative hazard is Breslow's estimator.
 *
 * Standard errors come from the observed information at the estimate. Predictions of
 * S(t | x) and of the median duration carry intervals obtained by drawing the parameters
 * from their estimated normal distribution with a seeded random number generator that
 * belongs to the call (there is no global random state).
 *
 * Equations, the conversion to R's survreg parametrisation and the references are in
 * docs/durability.md. Every function is thread-safe: a model is read-only after creation.
 */
#ifndef PACTA_SURVIVAL_H
#define PACTA_SURVIVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pacta/diag.h>
#include <pacta/export.h>
#include <pacta/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Which survival model. */
typedef enum pacta_surv_family {
    PACTA_SURV_WEIBULL = 0, /**< parametric Weibull proportional hazards */
    PACTA_SURV_COX = 1,     /**< semi-parametric Cox model with Breslow's baseline */
} pacta_surv_family;

/** How the Cox partial likelihood treats tied event times (ignored by the Weibull model). */
typedef enum pacta_surv_ties {
    PACTA_SURV_TIES_EFRON = 0,   /**< Efron (1977); R's coxph default */
    PACTA_SURV_TIES_BRESLOW = 1, /**< Breslow (1974) */
} pacta_surv_ties;

/** Most covariates a model may have. */
#define PACTA_SURV_MAX_COVARIATES 64

/** Observations to fit. All arrays are borrowed. */
typedef struct pacta_surv_data {
    size_t n;                 /**< observations */
    size_t p;                 /**< covariates (no intercept column) */
    const double *time;       /**< n durations: > 0 for Weibull, >= 0 for Cox */
    const int *event;         /**< n flags: 1 = the event happened at time, 0 = censored */
    const double *x;          /**< n * p covariates, row by row; may be NULL when p == 0 */
    const char *const *names; /**< p covariate names, or NULL for x1, x2, ... */
} pacta_surv_data_t;

/** How to fit. Fill with pacta_surv_options_default(). */
typedef struct pacta_surv_options {
    pacta_surv_family family;
    pacta_surv_ties ties;
    int max_iterations; /**< Newton iterations (default 100) */
    double tolerance;   /**< stop when the Newton decrement is below tolerance * (1 + |loglik|)
                             (default 1e-20), or, as R does, when a step gains less than a
                             relative 1e-14; either way the estimate is at rounding level */
} pacta_surv_options_t;

/** Defaults: Weibull, Efron ties, 100 iterations, tolerance 1e-20. */
PACTA_API void pacta_surv_options_default(pacta_surv_options_t *options);

/**
 * A fitted model: numbers only. Created by pacta_surv_fit() or pacta_surv_model_create()
 * (for a model read from a file), freed by pacta_surv_model_destroy(). Every array is owned
 * by the model. Read-only after creation; may be shared between threads.
 */
typedef struct pacta_surv_model {
    pacta_surv_family family;
    pacta_surv_ties ties; /**< Cox only */
    size_t p;             /**< covariates */
    char **names;         /**< p covariate names */
    double *beta;         /**< p log hazard ratios */
    double *se;           /**< p standard errors of beta */
    /** Parameters in the covariance matrix: p for Cox; p + 2 for Weibull, ordered
     *  (beta_1..beta_p, beta_0, rho). */
    size_t k;
    double *cov;      /**< k * k covariance (inverse observed information) */
    double intercept; /**< Weibull: beta_0, the log baseline hazard scale */
    double intercept_se;
    double shape; /**< Weibull: rho */
    double shape_se;
    double loglik;      /**< at the estimate (Cox: log partial likelihood) */
    double loglik_null; /**< Weibull: intercept and shape only; Cox: beta = 0 */
    size_t n;           /**< observations fitted */
    size_t events;
    int iterations;
    double max_time; /**< longest observed duration */
    /* What the data looked like, for extrapolation checks: per covariate mean, minimum,
     * maximum and the number of observations where it is not 0; the p * p covariance
     * matrix of the covariates (n - 1 denominator) and the largest Mahalanobis distance of
     * an observation from the mean under it (0 when the covariance is singular). */
    double *x_mean;
    double *x_min;
    double *x_max;
    size_t *x_nonzero;
    double *x_cov;
    double max_distance;
    /* Cox baseline: at each distinct event time, the cumulative hazard H_0 at covariates
     * equal to x_mean, the cumulative variance term sum d_j / S0_j^2, and the p-vector
     * sum dH_0j * (weighted risk-set mean of x - x_mean); see docs/durability.md. */
    size_t n_steps;
    double *step_time;
    double *step_cumhaz;
    double *step_var;
    double *step_a; /**< n_steps * p */
} pacta_surv_model_t;

/**
 * Fit a model by maximum likelihood.
 *
 * @param out     output: the model, to be freed with pacta_surv_model_destroy().
 * @param data    observations (borrowed).
 * @param options how to fit (borrowed); NULL for defaults.
 * @param diag    diagnostics (borrowed, may be NULL): each bad observation is named by its
 *                0-based index in the field ("time[12]").
 * @return PACTA_OK; PACTA_EINVAL (n == 0, p too large, NULL arrays); PACTA_EINPUT (a time
 *         that is negative, not finite, or 0 for Weibull; an event flag other than 0/1; a
 *         covariate that is not finite); PACTA_ENUMERIC (no events, so there is nothing to
 *         estimate; an information matrix that is singular, e.g. a constant covariate or
 *         one that separates events perfectly; no convergence); PACTA_ENOMEM.
 * Time: O(iterations * n * k^2) plus O(n log n) to sort for Cox. Thread-safe.
 */
PACTA_API pacta_status pacta_surv_fit(pacta_surv_model_t **out, const pacta_surv_data_t *data,
                                      const pacta_surv_options_t *options, pacta_diag_t *diag);

/**
 * Create an empty model with room for @p p covariates and @p n_steps baseline steps (Cox),
 * for readers that fill it from a file. Every array is zeroed; names are NULL.
 * @return PACTA_OK, PACTA_EINVAL (p too large) or PACTA_ENOMEM.
 */
PACTA_API pacta_status pacta_surv_model_create(pacta_surv_model_t **out, pacta_surv_family family,
                                               size_t p, size_t n_steps);

/** Free a model. Accepts NULL. */
PACTA_API void pacta_surv_model_destroy(pacta_surv_model_t *model);

/**
 * Check a model's numbers (finite, positive variances, a positive-definite covariance,
 * increasing baseline steps) before it is used; a model read from a file should pass this.
 * Each problem goes to @p diag with @p name as the file. @return PACTA_OK or PACTA_EINPUT.
 */
PACTA_API pacta_status pacta_surv_model_check(const pacta_surv_model_t *model, const char *name,
                                              pacta_diag_t *diag);

/**
 * Mahalanobis distance of @p x (p values) from the data's covariate mean under the data's
 * covariate covariance: how unusual the covariate profile is. Compare it with
 * model->max_distance. Returns 0 when p == 0 and NAN when that covariance is singular.
 */
PACTA_API double pacta_surv_distance(const pacta_surv_model_t *model, const double *x);

/** Linear predictor x'beta (without the Weibull intercept). @p x has p entries. */
PACTA_API double pacta_surv_linear_predictor(const pacta_surv_model_t *model, const double *x);

/**
 * Point estimate of S(t | x) at the maximum-likelihood parameters. For Cox, S is the step
 * function exp(-H_0(t) exp((x - x_mean)'beta)); it is 1 before the first event time.
 */
PACTA_API double pacta_surv_survival(const pacta_surv_model_t *model, const double *x, double t);

/**
 * Point estimate of the median duration: the t with S(t | x) = 1/2 (Weibull, closed form),
 * or the first event time at which S(t | x) <= 1/2 (Cox). For Cox, when S stays above 1/2
 * up to the last event time, returns INFINITY.
 */
PACTA_API double pacta_surv_median(const pacta_surv_model_t *model, const double *x);

/**
 * Standard error of log H(t | x) by the delta method: for Weibull from the parameter
 * covariance; for Cox the Tsiatis (1981) variance as in R's survfit.coxph (Breslow
 * baseline). Returns NAN where H(t | x) = 0 (before the first Cox event time).
 */
PACTA_API double pacta_surv_log_cumhaz_se(const pacta_surv_model_t *model, const double *x,
                                          double t);

/**
 * The Weibull model in the accelerated-failure-time form used by R's survreg:
 * log T = mu + x'alpha + sigma W with W standard minimum extreme value, where
 * sigma = 1/rho, mu = -beta_0/rho and alpha = -beta/rho. Standard errors by the delta method
 * (exact at the estimate, where the score is zero).
 * @param coef   output: p + 1 values (mu, then alpha_1..alpha_p), as R prints them.
 * @param se     output: their p + 1 standard errors.
 * @param log_scale, log_scale_se  output: log sigma and its standard error.
 * @return PACTA_OK, or PACTA_EINVAL for a Cox model.
 */
PACTA_API pacta_status pacta_surv_weibull_aft(const pacta_surv_model_t *model, double *coef,
                                              double *se, double *log_scale, double *log_scale_se);

/** How to predict with intervals. Fill with pacta_surv_predict_options_default(). */
typedef struct pacta_surv_predict_options {
    size_t draws;  /**< parameter draws (default 4000) */
    uint64_t seed; /**< seed of the generator (default 1) */
    double level;  /**< interval coverage (default 0.95) */
} pacta_surv_predict_options_t;

/** Defaults: 4000 draws, seed 1, 95% intervals. */
PACTA_API void pacta_surv_predict_options_default(pacta_surv_predict_options_t *options);

/** A prediction at one covariate vector. Owned by the caller (see pacta_surv_predict()). */
typedef struct pacta_surv_prediction {
    size_t n_horizons;
    double *horizon;  /**< the times asked for */
    double *survival; /**< point estimate S(t | x) per horizon */
    double *lower;    /**< interval per horizon (percentiles of the draws) */
    double *upper;
    double median; /**< point estimate; INFINITY when not reached (Cox) */
    double median_lower;
    double median_upper; /**< INFINITY when more than (1 - level)/2 of draws never reach 1/2 */
} pacta_surv_prediction_t;

/**
 * Predict S(t | x) at each horizon and the median duration with intervals.
 *
 * Draws: Weibull parameters (beta, beta_0, log rho) from their normal approximation; for
 * Cox, beta from N(beta_hat, V) and the log baseline cumulative hazard with its
 * first-order dependence on beta and its own sampling error (docs/durability.md). The
 * generator is xoshiro256** seeded through splitmix64 from options->seed, private to the
 * call, so the same seed gives the same intervals on every platform with IEEE doubles.
 *
 * @param model    the model (borrowed).
 * @param x        p covariate values (borrowed).
 * @param horizons n_horizons times > 0 (borrowed).
 * @param options  NULL for defaults.
 * @param out      output: filled; free with pacta_surv_prediction_destroy().
 * @return PACTA_OK; PACTA_EINVAL (bad options or horizons); PACTA_ENUMERIC (the covariance
 *         is not positive definite); PACTA_ENOMEM.
 * Time: O(draws * (k^2 + n_horizons + n_steps)). Thread-safe.
 */
PACTA_API pacta_status pacta_surv_predict(const pacta_surv_model_t *model, const double *x,
                                          const double *horizons, size_t n_horizons,
                                          const pacta_surv_predict_options_t *options,
                                          pacta_surv_prediction_t *out);

/** Free the arrays of a prediction and zero it. Accepts NULL and zeroed predictions. */
PACTA_API void pacta_surv_prediction_destroy(pacta_surv_prediction_t *prediction);

/**
 * The standard normal quantile function Phi^{-1}(p) for 0 < p < 1: Newton's method on
 * Phi(z) = erfc(-z / sqrt 2) / 2, safeguarded by bisection, to a relative step of 1e-15.
 * Returns NAN outside (0, 1).
 */
PACTA_API double pacta_normal_quantile(double p);

/** A seeded pseudo-random generator: xoshiro256** (Blackman & Vigna 2018). */
typedef struct pacta_rng {
    uint64_t s[4];
    bool has_spare;
    double spare;
} pacta_rng_t;

/** Seed @p rng: the four state words are the first outputs of splitmix64 started at seed. */
PACTA_API void pacta_rng_seed(pacta_rng_t *rng, uint64_t seed);

/** Next 64 random bits. */
PACTA_API uint64_t pacta_rng_next(pacta_rng_t *rng);

/** Uniform on (0, 1) with 53 random bits; never exactly 0 or 1. */
PACTA_API double pacta_rng_uniform(pacta_rng_t *rng);

/** Standard normal deviate (Marsaglia's polar method). */
PACTA_API double pacta_rng_normal(pacta_rng_t *rng);

#ifdef __cplusplus
}
#endif

#endif
