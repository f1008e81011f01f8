/* The focal model: the compromise (a weighted mean) with damped capability, optionally
 * moved toward the status quo, then settled on the nearest position an actor actually holds
 * when one is close enough (docs/models.md eq. M5). Its defaults were fitted on the DEU III
 * development split by cross-validation over proposals (docs/validation.md). O(n). */
#include <math.h>

#include "models/model_internal.h"

enum { OPT_CAPABILITY_POWER, OPT_SNAP, OPT_SHRINK, OPT_COUNT };

static const pacta_option_spec_t focal_options[OPT_COUNT] = {
    [OPT_CAPABILITY_POWER] = {"capability_power", PACTA_OPTION_REAL, NULL, 0, 4, "0.5",
                              "M5a: weight w_i = c_i^p s_i; 1 is the compromise model's weight, "
                              "0 ignores capability (0.5 fitted on DEU III, GDP capabilities)"},
    [OPT_SNAP] = {"snap", PACTA_OPTION_REAL, NULL, 0, 100, "25",
                  "M5c: settle on the nearest actor position when it is at most this many "
                  "scale points from the (shrunk) mean; 0 never settles (25 fitted on DEU III)"},
    [OPT_SHRINK] = {"shrink", PACTA_OPTION_REAL, NULL, -1, 1, "0",
                    "M5b: move the mean this fraction of the way to the status quo (when the "
                    "issue has one); negative values move it away"},
};

typedef struct focal_params {
    double power;
    double snap;
    double shrink;
} focal_params_t;

static pacta_status parse(void *params, const char *const *values, pacta_diag_t *diag)
{
    (void)diag;
    focal_params_t *p = params;
    p->power = pacta_model_real(values[OPT_CAPABILITY_POWER]);
    p->snap = pacta_model_real(values[OPT_SNAP]);
    p->shrink = pacta_model_real(values[OPT_SHRINK]);
    return PACTA_OK;
}

static size_t workspace_bytes(const void *params, size_t n)
{
    (void)params;
    (void)n;
    return 0;
}

static pacta_status run(const void *params, const pacta_issue_data_t *data, void *scratch,
                        pacta_model_result_t *result, double *forecast, bool *defined)
{
    (void)scratch;
    const focal_params_t *p = params;
    /* M5a, summed in input order. pow(0, 0) is 1, so p = 0 gives every actor the weight of
     * its salience alone. */
    double num = 0.0, den = 0.0;
    for (size_t i = 0; i < data->n; i++) {
        double w = pow(data->capability[i], p->power) * data->salience[i];
        num += w * data->position[i];
        den += w;
    }
    *defined = den > 0.0 && isfinite(num / den);
    *forecast = NAN;
    double mean = NAN;
    bool settled = false;
    if (*defined) {
        mean = num / den;
        if (data->has_status_quo) /* M5b */
            mean += p->shrink * (data->status_quo - mean);
        mean = fmin(fmax(mean, 0.0), 100.0);
        /* M5c: the nearest position of an actor with a say (ties to the lower position). */
        double nearest = NAN, gap = INFINITY;
        for (size_t i = 0; i < data->n; i++) {
            double w = pow(data->capability[i], p->power) * data->salience[i];
            double g = fabs(data->position[i] - mean);
            if (w > 0.0 && (g < gap || (g == gap && data->position[i] < nearest))) {
                gap = g;
                nearest = data->position[i];
            }
        }
        settled = gap <= p->snap;
        *forecast = settled ? nearest : mean;
    }
    pacta_status st = pacta_model_record(result, *forecast, *defined);
    if (st != PACTA_OK || result == NULL || !*defined)
        return st;
    if (settled)
        return pacta_model_note(result, "the weighted mean %.4g settled on the actor position %.4g",
                                mean, *forecast);
    return PACTA_OK;
}

static const char *const profile_compromise[] = {"capability_power=1", "snap=0", "shrink=0", NULL};

static const char *const profile_mean[] = {"capability_power=0", "snap=0", "shrink=0", NULL};

static const pacta_profile_t focal_profiles[] = {
    {"compromise", "switches every refinement off: the compromise model (eq. M1) exactly",
     profile_compromise},
    {"mean",
     "the salience-weighted mean, capability ignored: the compromise model with equal "
     "capabilities, whatever the scenario's",
     profile_mean},
};

const pacta_model_t pacta_model_focal = {
    .name = "focal",
    .summary = "compromise with damped capability, settled on the nearest actor position "
               "(fitted on DEU III)",
    .iterative = false,
    .options = focal_options,
    .n_options = OPT_COUNT,
    .profiles = focal_profiles,
    .n_profiles = sizeof focal_profiles / sizeof focal_profiles[0],
    .params_size = sizeof(focal_params_t),
    .parse = parse,
    .workspace_bytes = workspace_bytes,
    .run = run,
};
