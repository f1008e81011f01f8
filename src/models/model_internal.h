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
    /* Bytes of scratch memory a run on n actors needs (0 allowed). NULL for joint models. */
    size_t (*workspace_bytes)(const void *params, size_t n);
    /* Run on one issue. data has n >= 1 and values in their domains; scratch holds
     * workspace_bytes(n) bytes, 16-byte aligned. With result NULL only the forecast is
     * produced (into *forecast and *defined) and nothing is allocated; otherwise result is
     * filled (rounds, notes) and *forecast, *defined are set too. NULL for joint models,
     * which pacta_model_run() calls through run_joint with one dimension. */
    pacta_status (*run)(const void *params, const pacta_issue_data_t *data, void *scratch,
                        pacta_model_result_t *result, double *forecast, bool *defined);
    /* Run on data->k dimensions at once (joint models only, else NULL). data has n, k >= 1
     * and values in their domains; results holds k initialised results. Joint models
     * allocate (their state is O(n^2) per round). */
    pacta_status (*run_joint)(const void *params, const pacta_joint_data_t *data,
                              pacta_model_result_t *results, pacta_diag_t *diag);
    /* A joint model that reads a salience of 0 as "takes no part in this issue", so a
     * backtest may run it over all issues of a proposal at once, giving the actors without
     * a stance on an issue salience 0 there (the exchange model). */
    bool joint_partial;
    /* Models whose forecast is read off a distribution over outcomes (choice), else NULL:
     * fill points (ascending) and their probabilities (summing to 1) for one issue, at most
     * max_outcomes(n) of them, using the same scratch as run; *count 0 when the model has
     * no answer. */
    pacta_status (*predictive)(const void *params, const pacta_issue_data_t *data, void *scratch,
                               double *points, double *probability, size_t *count);
    size_t (*max_outcomes)(size_t n);
};

/* One (x, w) pair for sorting; the weighted median's scratch is n of these. */
typedef struct weighted_point {
    double x;
    double w;
    size_t index;
} weighted_point_t;

/* Lower weighted median using caller scratch (n points); see pacta_weighted_median(). */
pacta_status pacta_model_weighted_median(size_t n, const double *x, const double *w,
                                         weighted_point_t *scratch, double *out);

/* Round n bytes up to a multiple of 16, so scratch blocks can be laid end to end. */
static inline size_t model_align(size_t n)
{
    return (n + 15) & ~(size_t)15;
}

extern const pacta_model_t pacta_model_compromise;
extern const pacta_model_t pacta_model_median;
extern const pacta_model_t pacta_model_nash;
extern const pacta_model_t pacta_model_bdm;
extern const pacta_model_t pacta_model_focal;
extern const pacta_model_t pacta_model_smp;
extern const pacta_model_t pacta_model_exchange;
extern const pacta_model_t pacta_model_choice_logit;

/* The predictive distribution of a model that has one (model->predictive != NULL): points
 * and probability hold model->max_outcomes(data->n) entries each; *count receives how many
 * were filled (0: no answer). Returns PACTA_EINVAL for a model without one, invalid data or
 * more actors than the workspace holds. No allocation; thread-safe for distinct
 * workspaces. */
pacta_status pacta_model_predictive(const pacta_model_config_t *config,
                                    const pacta_issue_data_t *data, pacta_workspace_t *workspace,
                                    double *points, double *probability, size_t *count);

/* Index of value in a NULL-terminated choice list (values are pre-checked, so found). */
int pacta_model_choice(const char *value, const char *const *choices);
/* A pre-checked real or integer option value. */
double pacta_model_real(const char *value);

/* Store a per-issue model's forecast in result (nothing when result is NULL, a forecast-only
 * run); an undefined forecast gets the note of a model whose weights c_i s_i are all 0.
 * Returns PACTA_OK or PACTA_ENOMEM (the note). */
pacta_status pacta_model_record(pacta_model_result_t *result, double forecast, bool defined);

/* Set result->note to a copy of a formatted message (PACTA_ENOMEM on failure). A NULL
 * result (a forecast-only run) takes no note. */
pacta_status pacta_model_note(pacta_model_result_t *result, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Allocate n_rounds rounds of n positions each (and risk arrays when with_risk). */
pacta_status pacta_model_alloc_rounds(pacta_model_result_t *result, size_t n, size_t n_rounds,
                                      bool with_risk);

#endif
