/* What a model implements, and helpers shared by the model files. */
#ifndef PACTA_MODEL_INTERNAL_H
#define PACTA_MODEL_INTERNAL_H

#include <pacta/pacta.h>

/* A model's table of operations. Options are resolved to text (one entry per declared
 * option, in declaration order) before parse() turns them into the model's own params. */
struct pacta_model {
    const char *name;
    const char *summary;
    bool iterative;
    const pacta_option_spec_t *options;
    size_t n_options;
    const pacta_profile_t *profiles;
    size_t n_profiles;
    size_t params_size;
    /* Fill params from resolved option values; values are already checked against their
     * spec. Return PACTA_EINVAL with a diagnostic for combinations that make no sense. */
    pacta_status (*parse)(void *params, const char *const *values, pacta_diag_t *diag);
    /* Run on one issue. data has n >= 1 and values in their domains. NULL for joint
     * models, which pacta_model_run() calls through run_joint with one dimension. */
    pacta_status (*run)(const void *params, const pacta_issue_data_t *data,
                        pacta_model_result_t *result, pacta_diag_t *diag);
    /* Run on data->k dimensions at once (joint models only, else NULL). data has n, k >= 1
     * and values in their domains; results holds k initialised results. */
    pacta_status (*run_joint)(const void *params, const pacta_joint_data_t *data,
                              pacta_model_result_t *results, pacta_diag_t *diag);
};

extern const pacta_model_t pacta_model_compromise;
extern const pacta_model_t pacta_model_median;
extern const pacta_model_t pacta_model_nash;
extern const pacta_model_t pacta_model_bdm;
extern const pacta_model_t pacta_model_smp;

/* Index of value in a NULL-terminated choice list (values are pre-checked, so found). */
int model_choice(const char *value, const char *const *choices);
/* A pre-checked real or integer option value. */
double model_real(const char *value);

/* Set result->note to a copy of a formatted message (PACTA_ENOMEM on failure). */
pacta_status model_note(pacta_model_result_t *result, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Allocate n_rounds rounds of n positions each (and risk arrays when with_risk). */
pacta_status model_alloc_rounds(pacta_model_result_t *result, size_t n, size_t n_rounds,
                                bool with_risk);

/* Weights c*s of the actors. */
void model_weights(const pacta_issue_data_t *data, double *w);

#endif
