/* The compromise model: the capability x salience weighted mean of positions
 * (docs/models.md eq. 1). O(n). */
#include <stdlib.h>

#include "core/alloc.h"
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

static pacta_status run(const void *params, const pacta_issue_data_t *data,
                        pacta_model_result_t *result, pacta_diag_t *diag)
{
    (void)params;
    (void)diag;
    double *w = pacta_malloc(data->n * sizeof(double));
    if (w == NULL)
        return PACTA_ENOMEM;
    model_weights(data, w);
    pacta_status st = pacta_weighted_mean(data->n, data->position, w, &result->forecast);
    pacta_free(w);
    if (st == PACTA_ENUMERIC) {
        result->defined = false;
        return model_note(result, "no actor has both capability and salience above zero");
    }
    result->defined = st == PACTA_OK;
    return st;
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
    .run = run,
};
