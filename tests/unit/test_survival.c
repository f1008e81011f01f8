/* The survival engine: linear algebra and normal quantiles against closed forms, the
 * maximum-likelihood fits against R's survival package on a fixture (reference values in
 * tests/reference/durability/fixture.out, written by fixture.R in the same folder with
 * R 4.2.2 and survival 3.5-3), recovery of known parameters from simulated Weibull data,
 * the edge cases of censoring and durations, and the prediction intervals. */
#include "test.h"

#include <pacta/pacta.h>

#include "survival/linalg.h"

/* The requirement: coefficients and standard errors to 1e-6 relative of R. Both
 * fits iterate to rounding level, so the agreement is far closer; 1e-6 is the contract. */
#define TOL_R 1e-6

/* ---- reference values and the fixture --------------------------------------------------- */

enum { MAX_REF = 256 };
static char ref_key[MAX_REF][96];
static double ref_value[MAX_REF];
static size_t n_ref;

static void load_reference(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/reference/durability/fixture.out", PACTA_SOURCE_DIR);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        TEST_FAIL_("cannot read %s", path);
        return;
    }
    char line[256];
    while (fgets(line, sizeof line, f) && n_ref < MAX_REF) {
        if (line[0] == '#')
            continue;
        if (sscanf(line, "%95s %lf", ref_key[n_ref], &ref_value[n_ref]) == 2)
            n_ref++;
    }
    fclose(f);
}

/* The R value stored under key (fixture.out); NAN (and a failure) when missing. */
static double ref(const char *key)
{
    for (size_t i = 0; i < n_ref; i++)
        if (strcmp(ref_key[i], key) == 0)
            return ref_value[i];
    TEST_FAIL_("reference value '%s' missing from fixture.out", key);
    return NAN;
}

enum { FIX_MAX = 200, FIX_P = 3 };
static double fix_time[FIX_MAX], fix_x[FIX_MAX * FIX_P];
static int fix_event[FIX_MAX];
static size_t fix_n;
static const char *const fix_names[FIX_P] = {"x1", "x2", "x3"};

static void load_fixture(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/durability/fixture.csv", PACTA_SOURCE_DIR);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        TEST_FAIL_("cannot read %s", path);
        return;
    }
    char line[256];
    if (fgets(line, sizeof line, f) == NULL) {
        fclose(f);
        return;
    }
    while (fix_n < FIX_MAX && fgets(line, sizeof line, f)) {
        double *x = &fix_x[fix_n * FIX_P];
        if (sscanf(line, "%lf,%d,%lf,%lf,%lf", &fix_time[fix_n], &fix_event[fix_n], &x[0], &x[1],
                   &x[2]) == 5)
            fix_n++;
    }
    fclose(f);
}

static pacta_surv_data_t fixture_data(double *time, int *event)
{
    pacta_surv_data_t d = {fix_n, FIX_P, time, event, fix_x, fix_names};
    return d;
}

static pacta_surv_model_t *fit(const pacta_surv_data_t *d, pacta_surv_family family,
                               pacta_surv_ties ties, pacta_status expect)
{
    pacta_surv_options_t o;
    pacta_surv_options_default(&o);
    o.family = family;
    o.ties = ties;
    pacta_diag_t *diag = NULL;
    pacta_diag_create(&diag);
    pacta_surv_model_t *m = NULL;
    pacta_status st = pacta_surv_fit(&m, d, &o, diag);
    ASSERT_INT_EQ(st, expect);
    if (st != expect)
        for (size_t i = 0; i < pacta_diag_count(diag); i++)
            fprintf(stderr, "  %s: %s\n", pacta_diag_get(diag, i)->field,
                    pacta_diag_get(diag, i)->message);
    pacta_diag_destroy(diag);
    return m;
}

/* ---- closed forms ------------------------------------------------------------------------ */

static void cholesky_closed_form(void)
{
    /* [[4, 2], [2, 3]] = L L' with L = [[2, 0], [1, sqrt 2]]; inverse = [[3, -2], [-2, 4]]/8. */
    double a[4] = {4, 2, 2, 3}, inv[4];
    ASSERT_INT_EQ(pacta_surv_cholesky(a, 2), 2);
    ASSERT_ABS(a[0], 2.0, TOL_EXACT);
    ASSERT_ABS(a[2], 1.0, TOL_EXACT);
    ASSERT_ABS(a[3], sqrt(2.0), TOL_EXACT);
    ASSERT_ABS(a[1], 0.0, 0.0);
    pacta_surv_cholesky_invert(a, 2, inv);
    ASSERT_ABS(inv[0], 3.0 / 8.0, TOL_EXACT);
    ASSERT_ABS(inv[1], -2.0 / 8.0, TOL_EXACT);
    ASSERT_ABS(inv[3], 4.0 / 8.0, TOL_EXACT);
    double b[2] = {1, 1};
    pacta_surv_cholesky_solve(a, 2, b); /* x = A^{-1} (1, 1) = (1/8, 2/8) */
    ASSERT_ABS(b[0], 1.0 / 8.0, TOL_EXACT);
    ASSERT_ABS(b[1], 2.0 / 8.0, TOL_EXACT);
    /* Singular [[1, 1], [1, 1]] fails at column 1; indefinite [[1, 2], [2, 1]] too. */
    double s[4] = {1, 1, 1, 1}, t[4] = {1, 2, 2, 1}, z[4] = {0, 0, 0, 1};
    ASSERT_INT_EQ(pacta_surv_cholesky(s, 2), 1);
    ASSERT_INT_EQ(pacta_surv_cholesky(t, 2), 1);
    ASSERT_INT_EQ(pacta_surv_cholesky(z, 2), 0);
}

static void normal_quantile(void)
{
    /* R 4.2.2: qnorm(0.975), qnorm(1e-10), qnorm(0.3) printed with 17 digits. */
    ASSERT_REL(pacta_normal_quantile(0.975), 1.959963984540054, 4 * DBL_EPSILON);
    ASSERT_REL(pacta_normal_quantile(0.025), -1.959963984540054, 4 * DBL_EPSILON);
    ASSERT_REL(pacta_normal_quantile(1e-10), -6.3613409024040557, 8 * DBL_EPSILON);
    ASSERT_REL(pacta_normal_quantile(0.3), -0.52440051270804067, 8 * DBL_EPSILON);
    ASSERT_ABS(pacta_normal_quantile(0.5), 0.0, 0.0);
    ASSERT_TRUE(isnan(pacta_normal_quantile(0.0)));
    ASSERT_TRUE(isnan(pacta_normal_quantile(1.0)));
}

static void rng_properties(void)
{
    pacta_rng_t a, b;
    pacta_rng_seed(&a, 42);
    pacta_rng_seed(&b, 42);
    int same = 1;
    for (int i = 0; i < 1000; i++)
        same &= pacta_rng_next(&a) == pacta_rng_next(&b);
    ASSERT_TRUE(same);
    pacta_rng_seed(&b, 43);
    ASSERT_TRUE(pacta_rng_next(&a) != pacta_rng_next(&b));
    /* splitmix64's first output from state 0 is 0xe220a8397b1dcdaf (Vigna's reference
     * splitmix64.c), so seed 0 gives that as the first state word. */
    pacta_rng_seed(&a, 0);
    ASSERT_TRUE(a.s[0] == UINT64_C(0xe220a8397b1dcdaf));
    /* Moments of 200000 normal deviates: mean 0 (SE 1/sqrt n), variance 1 (SE sqrt(2/n)),
     * each within 5 standard errors; uniforms within (0, 1). */
    pacta_rng_seed(&a, 7);
    const int n = 200000;
    double sum = 0, sum2 = 0, umin = 1, umax = 0;
    for (int i = 0; i < n; i++) {
        double z = pacta_rng_normal(&a);
        sum += z;
        sum2 += z * z;
        double u = pacta_rng_uniform(&a);
        umin = fmin(umin, u);
        umax = fmax(umax, u);
    }
    ASSERT_ABS(sum / n, 0.0, 5.0 / sqrt(n));
    ASSERT_ABS(sum2 / n, 1.0, 5.0 * sqrt(2.0 / n));
    ASSERT_TRUE(umin > 0.0 && umax < 1.0);
}

/* ---- against R --------------------------------------------------------------------------- */

static void check_weibull(const pacta_surv_model_t *m, const char *prefix)
{
    char key[128];
    if (m == NULL)
        return;
    for (size_t j = 0; j < FIX_P; j++) {
        snprintf(key, sizeof key, "%s.ph.coef.%s", prefix, fix_names[j]);
        ASSERT_REL(m->beta[j], ref(key), TOL_R);
        snprintf(key, sizeof key, "%s.ph.se.%s", prefix, fix_names[j]);
        ASSERT_REL(m->se[j], ref(key), TOL_R);
    }
    snprintf(key, sizeof key, "%s.ph.intercept", prefix);
    ASSERT_REL(m->intercept, ref(key), TOL_R);
    snprintf(key, sizeof key, "%s.ph.intercept.se", prefix);
    ASSERT_REL(m->intercept_se, ref(key), TOL_R);
    snprintf(key, sizeof key, "%s.ph.shape", prefix);
    ASSERT_REL(m->shape, ref(key), TOL_R);
    snprintf(key, sizeof key, "%s.ph.shape.se", prefix);
    ASSERT_REL(m->shape_se, ref(key), TOL_R);
    snprintf(key, sizeof key, "%s.loglik", prefix);
    ASSERT_REL(m->loglik, ref(key), TOL_R);
    snprintf(key, sizeof key, "%s.loglik.null", prefix);
    ASSERT_REL(m->loglik_null, ref(key), TOL_R);
    /* The same fit in R's own (AFT) parametrisation. */
    double coef[FIX_P + 1], se[FIX_P + 1], ls, ls_se;
    ASSERT_INT_EQ(pacta_surv_weibull_aft(m, coef, se, &ls, &ls_se), PACTA_OK);
    snprintf(key, sizeof key, "%s.aft.coef.(Intercept)", prefix);
    ASSERT_REL(coef[0], ref(key), TOL_R);
    snprintf(key, sizeof key, "%s.aft.se.(Intercept)", prefix);
    ASSERT_REL(se[0], ref(key), TOL_R);
    for (size_t j = 0; j < FIX_P; j++) {
        snprintf(key, sizeof key, "%s.aft.coef.%s", prefix, fix_names[j]);
        ASSERT_REL(coef[j + 1], ref(key), TOL_R);
        snprintf(key, sizeof key, "%s.aft.se.%s", prefix, fix_names[j]);
        ASSERT_REL(se[j + 1], ref(key), TOL_R);
    }
    snprintf(key, sizeof key, "%s.aft.logscale", prefix);
    ASSERT_REL(ls, ref(key), TOL_R);
    snprintf(key, sizeof key, "%s.aft.logscale.se", prefix);
    ASSERT_REL(ls_se, ref(key), TOL_R);
}

static void check_cox(const pacta_surv_model_t *m, const char *prefix)
{
    char key[128];
    if (m == NULL)
        return;
    for (size_t j = 0; j < FIX_P; j++) {
        snprintf(key, sizeof key, "%s.coef.%s", prefix, fix_names[j]);
        ASSERT_REL(m->beta[j], ref(key), TOL_R);
        snprintf(key, sizeof key, "%s.se.%s", prefix, fix_names[j]);
        ASSERT_REL(m->se[j], ref(key), TOL_R);
    }
    snprintf(key, sizeof key, "%s.loglik", prefix);
    ASSERT_REL(m->loglik, ref(key), TOL_R);
    snprintf(key, sizeof key, "%s.loglik.null", prefix);
    ASSERT_REL(m->loglik_null, ref(key), TOL_R);
    /* survfit(ctype = 1) at x = (1, 0.5, 0): S(t) and its standard error, which R gives for
     * S itself: se(S) = S * H * se(log H). */
    const double x[FIX_P] = {1, 0.5, 0};
    for (int t = 2; t <= 5; t += 3) {
        double s = pacta_surv_survival(m, x, t);
        snprintf(key, sizeof key, "%s.surv.%d", prefix, t);
        ASSERT_REL(s, ref(key), TOL_R);
        snprintf(key, sizeof key, "%s.surv.se.%d", prefix, t);
        ASSERT_REL(s * -log(s) * pacta_surv_log_cumhaz_se(m, x, t), ref(key), TOL_R);
    }
    snprintf(key, sizeof key, "%s.median", prefix);
    ASSERT_REL(pacta_surv_median(m, x), ref(key), TOL_EXACT);
}

static void against_r(void)
{
    pacta_surv_data_t d = fixture_data(fix_time, fix_event);
    pacta_surv_model_t *m = fit(&d, PACTA_SURV_WEIBULL, PACTA_SURV_TIES_EFRON, PACTA_OK);
    check_weibull(m, "weibull");
    if (m) {
        ASSERT_INT_EQ(m->n, fix_n);
        ASSERT_INT_EQ(m->events, 41); /* table(d$event) in R: 39 censored, 41 events */
    }
    pacta_surv_model_destroy(m);
    m = fit(&d, PACTA_SURV_COX, PACTA_SURV_TIES_EFRON, PACTA_OK);
    check_cox(m, "efron");
    pacta_surv_model_destroy(m);
    m = fit(&d, PACTA_SURV_COX, PACTA_SURV_TIES_BRESLOW, PACTA_OK);
    check_cox(m, "breslow");
    pacta_surv_model_destroy(m);
}

/* ---- censoring and duration edge cases --------------------------------------------------- */

static void edge_none_censored(void)
{
    int all[FIX_MAX];
    for (size_t i = 0; i < fix_n; i++)
        all[i] = 1;
    pacta_surv_data_t d = fixture_data(fix_time, all);
    pacta_surv_model_t *m = fit(&d, PACTA_SURV_WEIBULL, PACTA_SURV_TIES_EFRON, PACTA_OK);
    check_weibull(m, "uncensored.weibull");
    pacta_surv_model_destroy(m);
    m = fit(&d, PACTA_SURV_COX, PACTA_SURV_TIES_EFRON, PACTA_OK);
    check_cox(m, "uncensored.efron");
    pacta_surv_model_destroy(m);
}

static void edge_all_censored(void)
{
    int none[FIX_MAX] = {0};
    pacta_surv_data_t d = fixture_data(fix_time, none);
    pacta_diag_t *diag = NULL;
    pacta_diag_create(&diag);
    for (int family = 0; family < 2; family++) {
        pacta_surv_options_t o;
        pacta_surv_options_default(&o);
        o.family = (pacta_surv_family)family;
        pacta_surv_model_t *m = NULL;
        ASSERT_INT_EQ(pacta_surv_fit(&m, &d, &o, diag), PACTA_ENUMERIC);
        ASSERT_TRUE(m == NULL);
    }
    ASSERT_TRUE(pacta_diag_count(diag) == 2);
    ASSERT_STR_CONTAINS(pacta_diag_get(diag, 0)->message, "every observation is censored");
    pacta_diag_destroy(diag);
}

static void edge_ties(void)
{
    /* The fixture's durations are rounded to 0.1, so 14 event times are shared (R:
     * sum(duplicated(d$time[d$event == 1]))); Efron and Breslow must then differ, and both
     * match R above. Here: with no ties at all the two methods coincide exactly. */
    double t[5] = {1, 2, 3, 4, 5}, x[5] = {0, 1, 0, 1, 1};
    int e[5] = {1, 1, 0, 1, 1};
    pacta_surv_data_t d = {5, 1, t, e, x, NULL};
    pacta_surv_model_t *a = fit(&d, PACTA_SURV_COX, PACTA_SURV_TIES_EFRON, PACTA_OK);
    pacta_surv_model_t *b = fit(&d, PACTA_SURV_COX, PACTA_SURV_TIES_BRESLOW, PACTA_OK);
    if (a && b) {
        ASSERT_ABS(a->beta[0], b->beta[0], 0.0);
        ASSERT_STR_EQ(a->names[0], "x1");
    }
    pacta_surv_model_destroy(a);
    pacta_surv_model_destroy(b);
    pacta_surv_data_t f = fixture_data(fix_time, fix_event);
    a = fit(&f, PACTA_SURV_COX, PACTA_SURV_TIES_EFRON, PACTA_OK);
    b = fit(&f, PACTA_SURV_COX, PACTA_SURV_TIES_BRESLOW, PACTA_OK);
    if (a && b)
        ASSERT_TRUE(fabs(a->beta[0] - b->beta[0]) > 1e-3);
    pacta_surv_model_destroy(a);
    pacta_surv_model_destroy(b);
}

static void edge_zero_durations(void)
{
    double t[FIX_MAX];
    memcpy(t, fix_time, sizeof t);
    t[0] = t[1] = t[2] = 0.0;
    pacta_surv_data_t d = fixture_data(t, fix_event);
    /* Cox: zero durations are ordinary (only the order matters); R agrees. */
    pacta_surv_model_t *m = fit(&d, PACTA_SURV_COX, PACTA_SURV_TIES_EFRON, PACTA_OK);
    check_cox(m, "zero.efron");
    pacta_surv_model_destroy(m);
    /* Weibull: log 0 has no likelihood; each zero is named (survreg refuses them too). */
    pacta_diag_t *diag = NULL;
    pacta_diag_create(&diag);
    pacta_surv_options_t o;
    pacta_surv_options_default(&o);
    ASSERT_INT_EQ(pacta_surv_fit(&m, &d, &o, diag), PACTA_EINPUT);
    ASSERT_INT_EQ(pacta_diag_error_count(diag), 3);
    ASSERT_STR_EQ(pacta_diag_get(diag, 0)->field, "time[0]");
    ASSERT_STR_CONTAINS(pacta_diag_get(diag, 2)->message, "use the Cox model");
    pacta_diag_destroy(diag);
}

static void edge_bad_input(void)
{
    double t[4] = {1, -2, NAN, 3}, x[4] = {0, 1, 1, INFINITY};
    int e[4] = {1, 2, 0, 1};
    pacta_surv_data_t d = {4, 1, t, e, x, NULL};
    pacta_diag_t *diag = NULL;
    pacta_diag_create(&diag);
    pacta_surv_model_t *m = NULL;
    ASSERT_INT_EQ(pacta_surv_fit(&m, &d, NULL, diag), PACTA_EINPUT);
    /* time[1] negative, event[1] = 2, time[2] NaN, x[3][0] infinite. */
    ASSERT_INT_EQ(pacta_diag_error_count(diag), 4);
    ASSERT_STR_EQ(pacta_diag_get(diag, 0)->field, "time[1]");
    ASSERT_STR_EQ(pacta_diag_get(diag, 1)->field, "event[1]");
    ASSERT_STR_EQ(pacta_diag_get(diag, 3)->field, "x[3][0]");
    pacta_surv_data_t empty = {0, 0, t, e, NULL, NULL};
    ASSERT_INT_EQ(pacta_surv_fit(&m, &empty, NULL, diag), PACTA_EINVAL);
    pacta_diag_destroy(diag);
}

static void edge_singular(void)
{
    /* A constant covariate cannot be estimated: the information matrix is singular and
     * the error names the covariate. */
    double x[FIX_MAX * FIX_P];
    memcpy(x, fix_x, sizeof x);
    for (size_t i = 0; i < fix_n; i++)
        x[i * FIX_P + 2] = 1.0;
    pacta_surv_data_t d = {fix_n, FIX_P, fix_time, fix_event, x, fix_names};
    for (int family = 0; family < 2; family++) {
        pacta_diag_t *diag = NULL;
        pacta_diag_create(&diag);
        pacta_surv_options_t o;
        pacta_surv_options_default(&o);
        o.family = (pacta_surv_family)family;
        pacta_surv_model_t *m = NULL;
        ASSERT_INT_EQ(pacta_surv_fit(&m, &d, &o, diag), PACTA_ENUMERIC);
        ASSERT_TRUE(pacta_diag_count(diag) >= 1);
        if (pacta_diag_count(diag) >= 1) {
            /* Weibull: x3 = 1 duplicates the intercept, which is reported at the second of
             * the pair in parameter order (x3 comes first, so the intercept is named). */
            ASSERT_STR_CONTAINS(pacta_diag_get(diag, 0)->message, "singular");
            ASSERT_STR_EQ(pacta_diag_get(diag, 0)->field, family == 0 ? "intercept" : "x3");
        }
        pacta_diag_destroy(diag);
    }
}

static void edge_separation_warns(void)
{
    /* x = 1 exactly for the observations that fail before anyone with x = 0: the partial
     * likelihood increases without bound in beta, as in R's "coefficient may be infinite". */
    double t[8] = {1, 2, 3, 4, 5, 6, 7, 8}, x[8] = {1, 1, 1, 1, 0, 0, 0, 0};
    int e[8] = {1, 1, 1, 1, 1, 0, 1, 0};
    pacta_surv_data_t d = {8, 1, t, e, x, NULL};
    pacta_surv_options_t o;
    pacta_surv_options_default(&o);
    o.family = PACTA_SURV_COX;
    pacta_diag_t *diag = NULL;
    pacta_diag_create(&diag);
    pacta_surv_model_t *m = NULL;
    ASSERT_INT_EQ(pacta_surv_fit(&m, &d, &o, diag), PACTA_OK);
    ASSERT_TRUE(pacta_diag_count(diag) == 1 &&
                pacta_diag_get(diag, 0)->severity == PACTA_SEVERITY_WARNING);
    if (pacta_diag_count(diag) == 1)
        ASSERT_STR_CONTAINS(pacta_diag_get(diag, 0)->message, "may be infinite");
    pacta_surv_model_destroy(m);
    pacta_diag_destroy(diag);
}

/* ---- recovery of known parameters -------------------------------------------------------- */

static void recovers_weibull(void)
{
    /* 4000 observations from h(t|x) = rho t^(rho-1) exp(beta_0 + x'beta) with beta_0 = -1.5,
     * beta = (-0.7, 0.4, 0.5), rho = 0.8, by inversion t = (-log U / exp(eta))^(1/rho), and
     * independent uniform censoring on (0, 15). Seed 2025. Every estimate must lie within 5
     * of its reported standard errors of the truth (CONVENTIONS: Monte Carlo checks). */
    enum { N = 4000 };
    static double t[N], x[N * 3];
    static int e[N];
    const double beta[3] = {-0.7, 0.4, 0.5}, beta0 = -1.5, rho = 0.8;
    pacta_rng_t rng;
    pacta_rng_seed(&rng, 2025);
    for (size_t i = 0; i < N; i++) {
        x[i * 3 + 0] = pacta_rng_uniform(&rng) < 0.4;
        x[i * 3 + 1] = pacta_rng_normal(&rng);
        x[i * 3 + 2] = pacta_rng_uniform(&rng) < 0.3;
        double eta = beta0 + beta[0] * x[i * 3] + beta[1] * x[i * 3 + 1] + beta[2] * x[i * 3 + 2];
        double ti = pow(-log(pacta_rng_uniform(&rng)) / exp(eta), 1.0 / rho);
        double ci = 15.0 * pacta_rng_uniform(&rng);
        t[i] = fmin(ti, ci);
        e[i] = ti <= ci;
    }
    pacta_surv_data_t d = {N, 3, t, e, x, NULL};
    pacta_surv_model_t *m = fit(&d, PACTA_SURV_WEIBULL, PACTA_SURV_TIES_EFRON, PACTA_OK);
    if (m != NULL) {
        for (size_t j = 0; j < 3; j++)
            ASSERT_ABS(m->beta[j], beta[j], 5 * m->se[j]);
        ASSERT_ABS(m->intercept, beta0, 5 * m->intercept_se);
        ASSERT_ABS(m->shape, rho, 5 * m->shape_se);
        /* A test that could not fail would be a bug: the standard errors must be small
         * enough to tell the truth from a sign error. */
        for (size_t j = 0; j < 3; j++)
            ASSERT_TRUE(5 * m->se[j] < fabs(beta[j]));
    }
    pacta_surv_model_destroy(m);
    /* The Cox model estimates the same beta (the baseline is left free). */
    m = fit(&d, PACTA_SURV_COX, PACTA_SURV_TIES_EFRON, PACTA_OK);
    if (m != NULL)
        for (size_t j = 0; j < 3; j++)
            ASSERT_ABS(m->beta[j], beta[j], 5 * m->se[j]);
    pacta_surv_model_destroy(m);
}

/* ---- predictions ------------------------------------------------------------------------- */

static void prediction_intervals(void)
{
    pacta_surv_data_t d = fixture_data(fix_time, fix_event);
    const double x[FIX_P] = {1, 0.5, 0}, horizons[3] = {1, 5, 10};
    for (int family = 0; family < 2; family++) {
        pacta_surv_model_t *m = fit(&d, (pacta_surv_family)family, PACTA_SURV_TIES_EFRON, PACTA_OK);
        if (m == NULL)
            continue;
        pacta_surv_predict_options_t o;
        pacta_surv_predict_options_default(&o);
        o.draws = 20000;
        pacta_surv_prediction_t a, b;
        ASSERT_INT_EQ(pacta_surv_predict(m, x, horizons, 3, &o, &a), PACTA_OK);
        ASSERT_INT_EQ(pacta_surv_predict(m, x, horizons, 3, &o, &b), PACTA_OK);
        double z = pacta_normal_quantile(0.975);
        for (size_t h = 0; h < 3; h++) {
            /* Same seed, same numbers; the point estimate lies inside its interval. */
            ASSERT_ABS(a.lower[h], b.lower[h], 0.0);
            ASSERT_TRUE(a.lower[h] < a.survival[h] && a.survival[h] < a.upper[h]);
            /* The draws reproduce the delta-method interval exp(-H exp(+-z se)) of log H
             * (the form R's survfit uses with conf.type = "log-log") to Monte Carlo and
             * second-order accuracy: within 0.02 in probability. */
            double s = a.survival[h], hz = -log(s);
            double se = pacta_surv_log_cumhaz_se(m, x, horizons[h]);
            ASSERT_ABS(a.lower[h], exp(-hz * exp(z * se)), 0.02);
            ASSERT_ABS(a.upper[h], exp(-hz * exp(-z * se)), 0.02);
        }
        ASSERT_TRUE(a.median_lower < a.median && a.median < a.median_upper);
        /* A different seed gives different (but close) intervals. */
        o.seed = 2;
        pacta_surv_prediction_t c;
        ASSERT_INT_EQ(pacta_surv_predict(m, x, horizons, 3, &o, &c), PACTA_OK);
        ASSERT_TRUE(c.lower[1] != a.lower[1]);
        ASSERT_ABS(c.lower[1], a.lower[1], 0.02);
        pacta_surv_prediction_destroy(&a);
        pacta_surv_prediction_destroy(&b);
        pacta_surv_prediction_destroy(&c);
        /* Bad horizons and options are usage errors. */
        const double bad[1] = {0.0};
        ASSERT_INT_EQ(pacta_surv_predict(m, x, bad, 1, NULL, &a), PACTA_EINVAL);
        o.level = 1.0;
        ASSERT_INT_EQ(pacta_surv_predict(m, x, horizons, 3, &o, &a), PACTA_EINVAL);
        pacta_surv_model_destroy(m);
    }
}

static void cox_before_first_event(void)
{
    /* Before the first event time the Breslow baseline is 0: S = 1 exactly, with no
     * uncertainty, and log H has no standard error. */
    pacta_surv_data_t d = fixture_data(fix_time, fix_event);
    pacta_surv_model_t *m = fit(&d, PACTA_SURV_COX, PACTA_SURV_TIES_EFRON, PACTA_OK);
    if (m == NULL)
        return;
    const double x[FIX_P] = {0, 0, 0}, early[1] = {0.5 * m->step_time[0]};
    ASSERT_ABS(pacta_surv_survival(m, x, early[0]), 1.0, 0.0);
    ASSERT_TRUE(isnan(pacta_surv_log_cumhaz_se(m, x, early[0])));
    pacta_surv_prediction_t pr;
    ASSERT_INT_EQ(pacta_surv_predict(m, x, early, 1, NULL, &pr), PACTA_OK);
    ASSERT_ABS(pr.lower[0], 1.0, 0.0);
    ASSERT_ABS(pr.upper[0], 1.0, 0.0);
    pacta_surv_prediction_destroy(&pr);
    /* Model checks: a covariance that is not positive definite is rejected. */
    ASSERT_INT_EQ(pacta_surv_model_check(m, "m.yaml", NULL), PACTA_OK);
    m->cov[0] = -1.0;
    ASSERT_INT_EQ(pacta_surv_model_check(m, "m.yaml", NULL), PACTA_EINPUT);
    pacta_surv_model_destroy(m);
}

static void distance(void)
{
    /* Mahalanobis distance: at the covariate mean it is 0; every observation is within the
     * stored maximum, and a point far outside is farther. */
    pacta_surv_data_t d = fixture_data(fix_time, fix_event);
    pacta_surv_model_t *m = fit(&d, PACTA_SURV_COX, PACTA_SURV_TIES_EFRON, PACTA_OK);
    if (m == NULL)
        return;
    ASSERT_ABS(pacta_surv_distance(m, m->x_mean), 0.0, TOL_EXACT);
    for (size_t i = 0; i < fix_n; i++)
        ASSERT_TRUE(pacta_surv_distance(m, &fix_x[i * FIX_P]) <= m->max_distance + 1e-12);
    const double far[FIX_P] = {1, 10, 1};
    ASSERT_TRUE(pacta_surv_distance(m, far) > m->max_distance);
    size_t ones = 0;
    for (size_t i = 0; i < fix_n; i++)
        ones += fix_x[i * FIX_P] != 0.0;
    ASSERT_INT_EQ(m->x_nonzero[0], ones);
    ASSERT_ABS(m->x_min[0], 0.0, 0.0);
    ASSERT_ABS(m->x_max[0], 1.0, 0.0);
    pacta_surv_model_destroy(m);
}

int main(void)
{
    load_reference();
    load_fixture();
    ASSERT_INT_EQ(fix_n, 80);
    RUN_TEST(cholesky_closed_form);
    RUN_TEST(normal_quantile);
    RUN_TEST(rng_properties);
    RUN_TEST(against_r);
    RUN_TEST(edge_none_censored);
    RUN_TEST(edge_all_censored);
    RUN_TEST(edge_ties);
    RUN_TEST(edge_zero_durations);
    RUN_TEST(edge_bad_input);
    RUN_TEST(edge_singular);
    RUN_TEST(edge_separation_warns);
    RUN_TEST(recovers_weibull);
    RUN_TEST(prediction_intervals);
    RUN_TEST(cox_before_first_event);
    RUN_TEST(distance);
    return test_finish("survival");
}
