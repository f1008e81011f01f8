/* The compromise model: the capability x salience weighted mean of positions
 * (docs/models.md eq. 1). O(n). */
#include <math.h>

#include "models/model_internal.h"

typedef struct compromise_params {
    int unused;
} compromise_params_t;

static pacta_status parse(void *params, const char *const *values, pacta_diag_t *diag)
{
    (void)params;
    (void)values;
    (void)diag;
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
    (void)params;
    (void)scratch;
    /* Eq. M1, summed in input order. */
    double num = 0.0, den = 0.0;
    for (size_t i = 0; i < data->n; i++) {
        double w = data->capability[i] * data->salience[i];
        num += w * data->position[i];
        den += w;
    }
    *defined = den > 0.0 && isfinite(num / den);
    *forecast = *defined ? num / den : NAN;
    return pacta_model_record(result, *forecast, *defined);
}

const pacta_model_t pacta_model_compromise = {
    .name = "compromise",
    .summary = "capability x salience weighted mean of positions (the compromise model)",
    .iterative = false,
    .options = NULL,
    .n_options = 0,
    .profiles = NULL,
    .n_profiles = 0,
    .params_size = sizeof(compromise_params_t),
    .parse = parse,
    .workspace_bytes = workspace_bytes,
    .run = run,
};
