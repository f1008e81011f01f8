/* The choice model: which option on the table prevails. The options are the distinct
 * positions the actors hold, the compromise (the weighted mean) and the status quo; each gets
 * a probability from a conditional logit in its support and its distance from the compromise,
 * and the forecast is the median of that distribution, the point forecast that minimises
 * the expected absolute error (docs/models.md eqs. M8). Its defaults were fitted on the DEU
 * III development split by the CRPS, a proper scoring rule (docs/validation.md). O(n log n). */
#include <math.h>

#include "core/alloc.h"
#include "core/sort.h"
#include "models/model_internal.h"

enum {
    OPT_CAPABILITY_POWER,
    OPT_SUPPORT,
    OPT_DISTANCE,
    OPT_FLOOR,
    OPT_MERGE,
    OPT_STATUS_QUO,
    OPT_READOUT,
    OPT_COUNT
};

static const char *const status_quo_choices[] = {"option", "ignore", NULL};
static const char *const readout_choices[] = {"median", "mode", "mean", NULL};
enum { READOUT_MEDIAN, READOUT_MODE, READOUT_MEAN };

static const pacta_option_spec_t choice_options[OPT_COUNT] = {
    [OPT_CAPABILITY_POWER] = {"capability_power", PACTA_OPTION_REAL, NULL, 0, 4, "0.5",
                              "M8a: weight w_i = c_i^p s_i, for the compromise and the "
                              "support (0.5 chosen by the CRPS in every fold on DEU III)"},
    [OPT_SUPPORT] = {"support", PACTA_OPTION_REAL, NULL, 0, 10, "0.14",
                     "M8c, alpha: how much an option's support (its share of the weight) "
                     "raises its probability; 0 ignores support (0.14 fitted on DEU III)"},
    [OPT_DISTANCE] = {"distance", PACTA_OPTION_REAL, NULL, 0, 100, "1.7",
                      "M8c, beta: how fast probability falls with distance from the "
                      "compromise, per 100 scale points; 0 ignores distance (1.7 fitted on "
                      "DEU III)"},
    [OPT_FLOOR] = {"floor", PACTA_OPTION_REAL, NULL, 1e-9, 1, "0.001",
                   "M8c, epsilon: the support given to options nobody holds (the compromise, "
                   "the status quo), added to every option's support"},
    [OPT_MERGE] = {"merge", PACTA_OPTION_REAL, NULL, 0, 50, "0",
                   "M8b: positions at most this many scale points above the lowest of a group "
                   "are one option, at their weighted mean; 0 merges equal positions only (as "
                   "fitted on DEU III, where positions sit on a few shared points)"},
    [OPT_STATUS_QUO] = {"status_quo", PACTA_OPTION_CHOICE, status_quo_choices, 0, 0, "option",
                        "M8b: option counts the status quo among the options on the table "
                        "(when the issue has one); ignore leaves it out"},
    [OPT_READOUT] = {"readout", PACTA_OPTION_CHOICE, readout_choices, 0, 0, "median",
                     "M8d: the forecast read off the distribution: its median (least "
                     "expected absolute error), its mode or its mean"},
};

typedef struct choice_params {
    double power;
    double support;
    double distance;
    double floor;
    double merge;
    bool status_quo;
    int readout;
} choice_params_t;

static pacta_status parse(void *params, const char *const *values, pacta_diag_t *diag)
{
    (void)diag;
    choice_params_t *p = params;
    p->power = pacta_model_real(values[OPT_CAPABILITY_POWER]);
    p->support = pacta_model_real(values[OPT_SUPPORT]);
    p->distance = pacta_model_real(values[OPT_DISTANCE]);
    p->floor = pacta_model_real(values[OPT_FLOOR]);
    p->merge = pacta_model_real(values[OPT_MERGE]);
    p->status_quo = pacta_model_choice(values[OPT_STATUS_QUO], status_quo_choices) == 0;
    p->readout = pacta_model_choice(values[OPT_READOUT], readout_choices);
    return PACTA_OK;
}

/* At most n positions, the compromise and the status quo. */
static size_t max_options(size_t n)
{
    return n + 2;
}

static size_t workspace_bytes(const void *params, size_t n)
{
    (void)params;
    return max_options(n) * sizeof(weighted_point_t);
}

static int by_position(const void *a, const void *b)
{
    const weighted_point_t *x = a, *y = b;
    if (x->x != y->x)
        return x->x < y->x ? -1 : 1;
    /* Equal positions merge into one option, so their order does not matter; the index
     * makes the order total, as pacta_heapsort asks. */
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Eq. M8a-M8c: the options in ascending order and their probabilities, summing to 1 (the
 * compromise in *mean). points holds max_options(n) entries of scratch. Returns false when
 * no actor has a positive weight. */
static bool distribution(const choice_params_t *p, const pacta_issue_data_t *data,
                         weighted_point_t *points, size_t *count, double *mean)
{
    double num = 0.0, den = 0.0;
    size_t k = 0;
    for (size_t i = 0; i < data->n; i++) {
        /* pow(0, 0) is 1: with p = 0 every actor weighs its salience alone. */
        double w = pow(data->capability[i], p->power) * data->salience[i];
        if (!(w > 0.0))
            continue;
        num += w * data->position[i];
        den += w;
        points[k++] = (weighted_point_t){data->position[i], w, i};
    }
    if (!(den > 0.0) || !isfinite(num / den))
        return false;
    double m = fmin(fmax(num / den, 0.0), 100.0);
    *mean = m;
    /* Options nobody holds carry weight 0, so their support is the floor alone. */
    points[k++] = (weighted_point_t){m, 0.0, data->n};
    if (p->status_quo && data->has_status_quo)
        points[k++] = (weighted_point_t){data->status_quo, 0.0, data->n + 1};
    pacta_heapsort(points, k, sizeof *points, by_position);
    /* M8b: one option per group of positions at most `merge` above the group's lowest (equal
     * positions when merge is 0); its support is the weight of those who hold it, and a group
     * of different positions stands at their weighted mean. */
    size_t distinct = 0;
    double start = 0.0, sum_xw = 0.0, sum_w = 0.0;
    bool mixed = false;
    for (size_t j = 0; j <= k; j++) {
        bool join = j < k && distinct > 0 && points[j].x - start <= p->merge;
        if (!join && mixed && sum_w > 0.0)
            points[distinct - 1].x = fmin(fmax(sum_xw / sum_w, 0.0), 100.0);
        if (j == k)
            break;
        if (join) {
            mixed |= points[j].x != points[distinct - 1].x;
            points[distinct - 1].w += points[j].w;
        } else {
            start = points[j].x;
            sum_xw = sum_w = 0.0;
            mixed = false;
            points[distinct++] = points[j];
        }
        sum_xw += points[j].w * points[j].x;
        sum_w += points[j].w;
    }
    /* M8c: u = alpha log(support + floor) - beta |x - m| / 100, made probabilities with the
     * largest u subtracted first so that exp cannot overflow. The w field now holds u, then
     * the probability. */
    double top = -INFINITY;
    for (size_t j = 0; j < distinct; j++) {
        double u = p->support * log(points[j].w / den + p->floor) -
                   p->distance * fabs(points[j].x - m) / 100.0;
        points[j].w = u;
        top = fmax(top, u);
    }
    double total = 0.0;
    for (size_t j = 0; j < distinct; j++) {
        points[j].w = exp(points[j].w - top);
        total += points[j].w;
    }
    for (size_t j = 0; j < distinct; j++)
        points[j].w /= total;
    *count = distinct;
    return true;
}

/* Eq. M8d. */
static double read_out(int readout, const weighted_point_t *points, size_t count)
{
    if (readout == READOUT_MEAN) {
        double sum = 0.0;
        for (size_t j = 0; j < count; j++)
            sum += points[j].w * points[j].x;
        return fmin(fmax(sum, 0.0), 100.0);
    }
    if (readout == READOUT_MODE) {
        size_t best = 0; /* ties to the lower option */
        for (size_t j = 1; j < count; j++)
            if (points[j].w > points[best].w)
                best = j;
        return points[best].x;
    }
    /* The lower median: the first option at which the cumulative probability reaches 1/2. */
    double cumulative = 0.0;
    for (size_t j = 0; j < count; j++) {
        cumulative += points[j].w;
        if (cumulative >= 0.5)
            return points[j].x;
    }
    return points[count - 1].x; /* rounding left the sum a hair below 1/2 */
}

/* The note names the most probable options, in scale order. */
static pacta_status describe(pacta_model_result_t *result, const weighted_point_t *points,
                             size_t count, double mean)
{
    enum { SHOWN = 6 };
    double cut = -1.0; /* the SHOWN-th largest probability */
    if (count > SHOWN) {
        double top[SHOWN] = {0};
        for (size_t j = 0; j < count; j++) {
            double v = points[j].w;
            for (size_t t = 0; t < SHOWN; t++)
                if (v > top[t]) {
                    double swap = top[t];
                    top[t] = v;
                    v = swap;
                }
        }
        cut = top[SHOWN - 1];
    }
    char text[SHOWN * 40 + 64];
    size_t used = 0, shown = 0;
    for (size_t j = 0; j < count && shown < SHOWN; j++) {
        if (points[j].w < cut)
            continue;
        shown++;
        int written =
            snprintf(text + used, sizeof text - used, "%s%.4g%s %.0f%%", used ? ", " : "",
                     points[j].x, points[j].x == mean ? " (compromise)" : "", 100.0 * points[j].w);
        if (written < 0 || (size_t)written >= sizeof text - used)
            break;
        used += (size_t)written;
    }
    if (shown < count)
        return pacta_model_note(result, "chance of each option: %s; %zu less likely not shown",
                                text, count - shown);
    return pacta_model_note(result, "chance of each option: %s", text);
}

static pacta_status predictive(const void *params, const pacta_issue_data_t *data, void *scratch,
                               double *points, double *probability, size_t *count)
{
    weighted_point_t *options = scratch;
    double mean;
    *count = 0;
    if (!distribution(params, data, options, count, &mean))
        return PACTA_OK;
    for (size_t j = 0; j < *count; j++) {
        points[j] = options[j].x;
        probability[j] = options[j].w;
    }
    return PACTA_OK;
}

static pacta_status run(const void *params, const pacta_issue_data_t *data, void *scratch,
                        pacta_model_result_t *result, double *forecast, bool *defined)
{
    const choice_params_t *p = params;
    weighted_point_t *options = scratch;
    size_t count = 0;
    double mean = NAN;
    *defined = distribution(p, data, options, &count, &mean);
    *forecast = *defined ? read_out(p->readout, options, count) : NAN;
    pacta_status st = pacta_model_record(result, *forecast, *defined);
    if (st != PACTA_OK || result == NULL || !*defined)
        return st;
    result->outcomes = pacta_malloc(count * sizeof *result->outcomes);
    if (result->outcomes == NULL)
        return PACTA_ENOMEM;
    for (size_t j = 0; j < count; j++)
        result->outcomes[j] = (pacta_outcome_t){options[j].x, options[j].w};
    result->n_outcomes = count;
    return describe(result, options, count, mean);
}

const pacta_model_t pacta_model_choice_logit = {
    .name = "choice",
    .summary = "which option on the table prevails: a conditional logit over the positions, "
               "the compromise and the status quo, read off at its median (fitted on DEU III)",
    .iterative = false,
    .options = choice_options,
    .n_options = OPT_COUNT,
    .profiles = NULL,
    .n_profiles = 0,
    .params_size = sizeof(choice_params_t),
    .parse = parse,
    .workspace_bytes = workspace_bytes,
    .run = run,
    .predictive = predictive,
    .max_outcomes = max_options,
};
