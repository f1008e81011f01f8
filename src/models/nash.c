/* Asymmetric Nash bargaining solution with linear-loss utilities (docs/models.md eq. 3):
 *
 *   x* = argmax_x  sum_i w_i ln g_i(x),   g_i(x) = |d - x_i| - |x - x_i|,
 *
 * over the open interval where every g_i > 0, with d the issue's status quo. Each g_i is
 * positive on (x_i - r_i, x_i + r_i), r_i = |d - x_i|, so the feasible region is the
 * intersection (L, U) of those intervals. The objective is strictly concave there and
 * smooth except at the positions x_i, so the maximiser is either a kink x_i where the
 * one-sided derivatives change sign, or the unique root of the derivative between two
 * adjacent kinks. We find the bracketing kinks exactly, then solve inside the bracket
 * with Newton steps safeguarded by bisection: no grid. O(n log n + n * iterations). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/sort.h"
#include "models/model_internal.h"

enum nash_weights { WEIGHTS_CS, WEIGHTS_S, WEIGHTS_EQUAL };

typedef struct nash_params {
    enum nash_weights weights;
} nash_params_t;

static const char *const weight_choices[] = {"capability-salience", "salience", "equal", NULL};

static const pacta_option_spec_t nash_options[] = {
    {"weights", PACTA_OPTION_CHOICE, weight_choices, 0, 0, "capability-salience",
     "bargaining weight w_i: c_i*s_i (default), s_i alone (the DEU convention when capability "
     "is unknown) or 1"},
};

static pacta_status parse(void *params, const char *const *values, pacta_diag_t *diag)
{
    (void)diag;
    nash_params_t *p = params;
    p->weights = (enum nash_weights)pacta_model_choice(values[0], weight_choices);
    return PACTA_OK;
}

typedef struct term {
    double x; /* ideal point */
    double r; /* reach: distance to the disagreement point */
    double w; /* weight */
} term_t;

/* One-sided derivative of the objective at x: side = -1 from the left, +1 from the right,
 * 0 for a point that is not a kink. */
static double derivative(const term_t *t, size_t n, double x, int side)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        double dx = x - t[i].x;
        double sign = dx > 0 ? 1.0 : dx < 0 ? -1.0 : (double)side;
        sum -= t[i].w * sign / (t[i].r - fabs(dx));
    }
    return sum;
}

static double second_derivative(const term_t *t, size_t n, double x)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        double g = t[i].r - fabs(x - t[i].x);
        sum -= t[i].w / (g * g);
    }
    return sum;
}

/* Root of the (smooth, strictly decreasing) derivative inside (lo, hi), where it is
 * positive near lo and negative near hi. */
static double solve_segment(const term_t *t, size_t n, double lo, double hi)
{
    double x = 0.5 * (lo + hi);
    for (int iter = 0; iter < 200; iter++) {
        double f = derivative(t, n, x, 0);
        if (f == 0.0)
            return x;
        if (f > 0)
            lo = x;
        else
            hi = x;
        double fp = second_derivative(t, n, x);
        double next = x - f / fp;
        /* Newton when it stays strictly inside the bracket, bisection otherwise. */
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        if (fabs(next - x) <= 1e-15 * fmax(1.0, fabs(x)) || hi - lo <= 1e-14)
            return next;
        x = next;
    }
    return x;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static size_t workspace_bytes(const void *params, size_t n)
{
    (void)params;
    return model_align(n * sizeof(term_t)) + n * sizeof(double);
}

/* Set the result (when kept) of a run: forecast, whether defined, and a remark. */
static pacta_status finish(pacta_model_result_t *result, double *forecast, bool *defined,
                           bool is_defined, double value, const char *note)
{
    *defined = is_defined;
    *forecast = is_defined ? value : NAN;
    if (result == NULL)
        return PACTA_OK;
    result->defined = is_defined;
    result->forecast = *forecast;
    return note ? pacta_model_note(result, "%s", note) : PACTA_OK;
}

static pacta_status run(const void *params, const pacta_issue_data_t *data, void *scratch,
                        pacta_model_result_t *result, double *forecast, bool *defined)
{
    const nash_params_t *p = params;
    if (!data->has_status_quo)
        return finish(result, forecast, defined, false, 0,
                      "the issue has no status_quo, which the Nash solution needs as its "
                      "disagreement point");
    const double d = data->status_quo;
    term_t *t = scratch;
    double *kinks = (double *)((char *)scratch + model_align(data->n * sizeof(term_t)));
    size_t m = 0;
    for (size_t i = 0; i < data->n; i++) {
        double w = p->weights == WEIGHTS_CS  ? data->capability[i] * data->salience[i]
                   : p->weights == WEIGHTS_S ? data->salience[i]
                                             : 1.0;
        /* An actor with no weight has no say: its gain does not enter the product. */
        if (!(w > 0.0))
            continue;
        t[m].x = data->position[i];
        t[m].r = fabs(d - data->position[i]);
        t[m].w = w;
        m++;
    }
    if (m == 0)
        return finish(result, forecast, defined, false, 0,
                      "no actor has a positive bargaining weight");
    double lo = -INFINITY, hi = INFINITY;
    for (size_t i = 0; i < m; i++) {
        lo = fmax(lo, t[i].x - t[i].r);
        hi = fmin(hi, t[i].x + t[i].r);
    }
    if (!(lo < hi))
        return finish(result, forecast, defined, true, d,
                      "no outcome gives every actor a gain over the status quo (the bargaining "
                      "set is empty); the forecast is the status quo");
    size_t k = 0;
    for (size_t i = 0; i < m; i++)
        if (t[i].x > lo && t[i].x < hi)
            kinks[k++] = t[i].x;
    pacta_heapsort(kinks, k, sizeof *kinks, compare_double);

    /* Walk the kinks left to right; the derivative decreases throughout. */
    double left = lo;
    double answer = NAN;
    for (size_t i = 0; i < k; i++) {
        if (i > 0 && kinks[i] == kinks[i - 1])
            continue;
        double right_derivative = derivative(t, m, kinks[i], +1);
        if (right_derivative <= 0.0) {
            double left_derivative = derivative(t, m, kinks[i], -1);
            answer = left_derivative >= 0.0 ? kinks[i] : solve_segment(t, m, left, kinks[i]);
            break;
        }
        left = kinks[i];
    }
    if (isnan(answer))
        answer = solve_segment(t, m, left, hi);
    return finish(result, forecast, defined, true, answer, NULL);
}

const pacta_model_t pacta_model_nash = {
    .name = "nash",
    .summary = "asymmetric Nash bargaining solution, linear losses, status quo as disagreement",
    .iterative = false,
    .options = nash_options,
    .n_options = sizeof nash_options / sizeof nash_options[0],
    .profiles = NULL,
    .n_profiles = 0,
    .params_size = sizeof(nash_params_t),
    .parse = parse,
    .workspace_bytes = workspace_bytes,
    .run = run,
};
