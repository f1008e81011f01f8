/* The median model: the lower capability x salience weighted median of positions, which in
 * one dimension with linear losses is the Condorcet winner among the actors' positions
 * (docs/models.md eq. 2). O(n log n). */
#include "models/model_internal.h"

typedef struct median_params {
    int unused;
} median_params_t;

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
    return model_align(n * sizeof(double)) + n * sizeof(weighted_point_t);
}

static pacta_status run(const void *params, const pacta_issue_data_t *data, void *scratch,
                        pacta_model_result_t *result, double *forecast, bool *defined)
{
    (void)params;
    double *w = scratch;
    weighted_point_t *points =
        (weighted_point_t *)((char *)scratch + model_align(data->n * sizeof(double)));
    for (size_t i = 0; i < data->n; i++)
        w[i] = data->capability[i] * data->salience[i];
    pacta_status st = pacta_model_weighted_median(data->n, data->position, w, points, forecast);
    *defined = st == PACTA_OK;
    if (st == PACTA_ENUMERIC)
        st = PACTA_OK;
    if (st != PACTA_OK)
        return st;
    return pacta_model_record(result, *forecast, *defined);
}

const pacta_model_t pacta_model_median = {
    .name = "median",
    .summary = "lower capability x salience weighted median of positions",
    .iterative = false,
    .options = NULL,
    .n_options = 0,
    .profiles = NULL,
    .n_profiles = 0,
    .params_size = sizeof(median_params_t),
    .parse = parse,
    .workspace_bytes = workspace_bytes,
    .run = run,
};
