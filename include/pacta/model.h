/**
 * @file model.h
 * @brief The common interface of the forecast models.
 *
 * A model maps one issue — the actors taking part, with position, salience and capability —
 * to a forecast on the issue's 0-100 scale. Iterative models also return their rounds.
 * Models are looked up by name ("compromise", "median", "nash", "bdm", "focal", "smp",
 * "exchange", "choice"). Each
 * declares its options (key=value settings with documented choices and defaults) and named
 * profiles that bundle settings. Equations and sources: docs/models.md.
 *
 * Usage: build a pacta_settings_t, call pacta_model_config_create() once, then
 * pacta_model_run() for as many issues as needed; a config is read-only while running and
 * may be shared between threads.
 *
 * Joint models ("smp") bargain over several issues at once: each actor has a position on
 * every dimension and moves on all of them together. They take a pacta_joint_data_t (n
 * actors x k dimensions) through pacta_model_run_joint() and return one result per
 * dimension; run on a single issue with pacta_model_run() they see one dimension.
 */
#ifndef PACTA_MODEL_H
#define PACTA_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include <pacta/diag.h>
#include <pacta/export.h>
#include <pacta/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One issue as a model sees it: n actors, arrays borrowed from the caller. */
typedef struct pacta_issue_data {
    size_t n;                 /**< number of actors taking part (>= 1) */
    const double *position;   /**< n values in [0, 100] */
    const double *salience;   /**< n values in [0, 100] */
    const double *capability; /**< n values >= 0 */
    const double *risk;       /**< n fixed risk exponents, or NULL */
    bool has_status_quo;
    double status_quo; /**< in [0, 100] when has_status_quo */
} pacta_issue_data_t;

/** What moved an actor in a round of an iterative model. */
typedef enum pacta_move_kind {
    PACTA_MOVE_NONE = 0,
    PACTA_MOVE_CONFLICT = 1,   /**< lost a confrontation: moves to the challenger */
    PACTA_MOVE_COMPROMISE = 2, /**< concedes part of the distance */
    PACTA_MOVE_CAPITULATE = 3, /**< gives in without a fight: moves to the challenger */
    PACTA_MOVE_BARGAIN = 4,    /**< takes the position a bargain with the counterpart gives it */
} pacta_move_kind;

/** One actor's move in a round. Indices refer to pacta_issue_data_t order. */
typedef struct pacta_move {
    size_t actor;
    pacta_move_kind kind;
    size_t counterpart; /**< whose offer was taken */
    double from;
    double to;
    double eu_actor;       /**< the mover's expected utility of challenging the counterpart */
    double eu_counterpart; /**< the counterpart's, as the mover sees it */
} pacta_move_t;

/** The state after one round (round 0 is the input). */
typedef struct pacta_round {
    int round;
    double median;    /**< weighted median of the positions (weights c*s) */
    double mean;      /**< weighted mean of the positions (weights c*s) */
    double *position; /**< n positions */
    double *risk;     /**< n risk values used in the round, or NULL (bdm: exponents r_i;
                           smp: risk attitudes R_i in [-1/2, 1]) */
    double *ideal;    /**< n ideal points after the round, or NULL (models without them) */
    pacta_move_t *moves;
    size_t n_moves;
} pacta_round_t;

/** Why an iterative model stopped. */
typedef enum pacta_stop_reason {
    PACTA_STOP_NONE = 0,      /**< not iterative */
    PACTA_STOP_ROUNDS = 1,    /**< ran the fixed number of rounds */
    PACTA_STOP_CONVERGED = 2, /**< the forecast moved less than the tolerance */
    PACTA_STOP_UNANIMOUS = 3, /**< every actor holds the same position: nothing left to bargain */
} pacta_stop_reason;

/** Static name of a stop reason ("rounds", "converged", ...). */
PACTA_API const char *pacta_stop_reason_name(pacta_stop_reason reason);

/** Static name of a move kind ("conflict", "compromise", ...). */
PACTA_API const char *pacta_move_kind_name(pacta_move_kind kind);

/** One possible outcome of a model that forecasts a distribution over outcomes. */
typedef struct pacta_outcome {
    double at;          /**< on the 0-100 scale */
    double probability; /**< the model's chance that the issue settles here */
} pacta_outcome_t;

/** Output of one model run on one issue. Initialise with pacta_model_result_init(). */
typedef struct pacta_model_result {
    bool defined;     /**< false when the model has no answer here (see note) */
    double forecast;  /**< on the 0-100 scale when defined */
    const char *note; /**< why undefined, or a remark about the answer; owned; may be NULL */
    pacta_stop_reason stop;
    size_t n_actors;
    pacta_round_t *rounds; /**< n_rounds entries for iterative models (round 0 first) */
    size_t n_rounds;
    /** Models whose forecast is read off a distribution over outcomes (choice): its points
     *  in ascending order with probabilities summing to 1; NULL (n_outcomes 0) otherwise.
     *  Owned. */
    pacta_outcome_t *outcomes;
    size_t n_outcomes;
} pacta_model_result_t;

/** Prepare an empty result. */
PACTA_API void pacta_model_result_init(pacta_model_result_t *result);

/** Free what a result owns and make it empty again. Accepts NULL. */
PACTA_API void pacta_model_result_destroy(pacta_model_result_t *result);

/* ---- settings ---------------------------------------------------------------------- */

/** An ordered list of key=value settings (later entries override earlier ones). */
typedef struct pacta_settings pacta_settings_t;

/** Create an empty list. @return PACTA_OK or PACTA_ENOMEM. */
PACTA_API pacta_status pacta_settings_create(pacta_settings_t **out);

/** Free a list. Accepts NULL. */
PACTA_API void pacta_settings_destroy(pacta_settings_t *settings);

/** Append key=value (copied). @return PACTA_OK, PACTA_ENOMEM. */
PACTA_API pacta_status pacta_settings_set(pacta_settings_t *settings, const char *key,
                                          const char *value);

/**
 * Append a "KEY=VALUE" string as given to --set.
 * @return PACTA_OK, PACTA_EINVAL (no '=' or empty key), PACTA_ENOMEM.
 */
PACTA_API pacta_status pacta_settings_parse(pacta_settings_t *settings, const char *assignment);

/** Number of entries. */
PACTA_API size_t pacta_settings_count(const pacta_settings_t *settings);

/** Entry @p i; @p key and @p value are borrowed. */
PACTA_API void pacta_settings_get(const pacta_settings_t *settings, size_t i, const char **key,
                                  const char **value);

/** The last value set for @p key, or NULL. */
PACTA_API const char *pacta_settings_lookup(const pacta_settings_t *settings, const char *key);

/* ---- models ------------------------------------------------------------------------ */

/** Kind of an option's value. */
typedef enum pacta_option_kind {
    PACTA_OPTION_CHOICE = 0, /**< one of a fixed list of words */
    PACTA_OPTION_REAL = 1,   /**< a finite number in [min, max] */
    PACTA_OPTION_INTEGER = 2 /**< an integer in [min, max] */
} pacta_option_kind;

/** Declaration of one model option. */
typedef struct pacta_option_spec {
    const char *key;
    pacta_option_kind kind;
    const char *const *choices; /**< NULL-terminated, for PACTA_OPTION_CHOICE */
    double min;
    double max;
    const char *default_value;
    const char *help; /**< one sentence; cites the ambiguity or equation it settles */
} pacta_option_spec_t;

/** A named bundle of settings. */
typedef struct pacta_profile {
    const char *name;
    const char *help;
    const char *const *settings; /**< NULL-terminated "key=value" strings */
} pacta_profile_t;

/** A model (opaque; static, never freed). */
typedef struct pacta_model pacta_model_t;

/** Number of built-in models. */
PACTA_API size_t pacta_model_count(void);

/** Built-in model @p i (0-based), in a fixed order. */
PACTA_API const pacta_model_t *pacta_model_at(size_t i);

/** The model named @p name, or NULL. */
PACTA_API const pacta_model_t *pacta_model_find(const char *name);

/** Short name ("bdm"). */
PACTA_API const char *pacta_model_name(const pacta_model_t *model);

/** One line saying what the model is. */
PACTA_API const char *pacta_model_summary(const pacta_model_t *model);

/** Whether the model works in rounds. */
PACTA_API bool pacta_model_is_iterative(const pacta_model_t *model);

/** Whether the model bargains over several issues jointly (see pacta_model_run_joint()). */
PACTA_API bool pacta_model_is_joint(const pacta_model_t *model);

/** The model's options; @p n receives their number. */
PACTA_API const pacta_option_spec_t *pacta_model_options(const pacta_model_t *model, size_t *n);

/** The model's profiles; @p n receives their number. */
PACTA_API const pacta_profile_t *pacta_model_profiles(const pacta_model_t *model, size_t *n);

/** A model with its options resolved and checked. Read-only once created. */
typedef struct pacta_model_config pacta_model_config_t;

/**
 * Resolve options: defaults, then profile @p profile (may be NULL), then @p settings (may be
 * NULL) in order. Settings whose key the model does not declare are errors unless
 * @p ignore_unknown (used when one --set list is shared by several models).
 * @return PACTA_OK; PACTA_EINVAL (unknown profile or key, bad value; see diag); PACTA_ENOMEM.
 */
PACTA_API pacta_status pacta_model_config_create(pacta_model_config_t **out,
                                                 const pacta_model_t *model, const char *profile,
                                                 const pacta_settings_t *settings,
                                                 bool ignore_unknown, pacta_diag_t *diag);

/** Free a config. Accepts NULL. */
PACTA_API void pacta_model_config_destroy(pacta_model_config_t *config);

/** The model a config belongs to. */
PACTA_API const pacta_model_t *pacta_model_config_model(const pacta_model_config_t *config);

/** Number of resolved options (every declared option, in declaration order). */
PACTA_API size_t pacta_model_config_option_count(const pacta_model_config_t *config);

/** Resolved option @p i as key and value text (borrowed). */
PACTA_API void pacta_model_config_option(const pacta_model_config_t *config, size_t i,
                                         const char **key, const char **value);

/** The resolved value (borrowed) of option @p key, or NULL when the model has no such option. */
PACTA_API const char *pacta_model_config_lookup(const pacta_model_config_t *config,
                                                const char *key);

/** The profile applied, or NULL. */
PACTA_API const char *pacta_model_config_profile(const pacta_model_config_t *config);

/**
 * Run a model on one issue. @p result must be initialised (pacta_model_result_init) and is
 * overwritten. A model without an answer for this input (e.g. Nash with no status quo)
 * returns PACTA_OK with result->defined false and a note. A joint model sees the issue as
 * its only dimension (pacta_model_run_joint() with k = 1).
 * @return PACTA_OK; PACTA_EINVAL (n == 0 or a value outside its domain); PACTA_ENUMERIC;
 *         PACTA_ENOMEM.
 * Thread-safe for distinct results. Complexity is documented per model in docs/models.md.
 */
PACTA_API pacta_status pacta_model_run(const pacta_model_config_t *config,
                                       const pacta_issue_data_t *data, pacta_model_result_t *result,
                                       pacta_diag_t *diag);

/* ---- forecast-only runs in a workspace (Monte Carlo) ---------------------------------- */

/** Scratch memory for running models without allocating. One per thread. */
typedef struct pacta_workspace pacta_workspace_t;

/**
 * Create a workspace large enough for any of @p configs on up to @p max_actors actors.
 * @return PACTA_OK or PACTA_ENOMEM.
 */
PACTA_API pacta_status pacta_workspace_create(pacta_workspace_t **out,
                                              const pacta_model_config_t *const *configs,
                                              size_t n_configs, size_t max_actors);

/** Free a workspace. Accepts NULL. */
PACTA_API void pacta_workspace_destroy(pacta_workspace_t *workspace);

/**
 * Run a model for its forecast only: no rounds, no notes, no allocation (except joint
 * models such as smp, which run in full on the one issue and keep the forecast). @p forecast
 * and @p defined receive the result (the same number pacta_model_run() gives).
 * @return PACTA_OK; PACTA_EINVAL (invalid data, or more actors than the workspace holds);
 *         PACTA_ENUMERIC; PACTA_ENOMEM (joint models). Thread-safe for distinct workspaces.
 */
PACTA_API pacta_status pacta_model_forecast(const pacta_model_config_t *config,
                                            const pacta_issue_data_t *data,
                                            pacta_workspace_t *workspace, double *forecast,
                                            bool *defined);
/**
 * Several issues bargained over together, as a joint model sees them: n actors, k
 * dimensions. All arrays are borrowed from the caller and row-major: the value of actor i
 * on dimension d is at [i * k + d].
 */
typedef struct pacta_joint_data {
    size_t n;                 /**< number of actors (>= 1) */
    size_t k;                 /**< number of dimensions (>= 1) */
    const double *position;   /**< n * k values in [0, 100] */
    const double *salience;   /**< n * k values in [0, 100] */
    const double *capability; /**< n values >= 0 */
    /** n * n ideal-adjustment matrix, or NULL for the identity. Row i says how actor i's
     * ideal point follows the new positions after a round: y_i' = sum_j A_ij x_j' +
     * (1 - sum_j A_ij) y_i. Entries in [0, 1], row sums at most 1. */
    const double *adjustment;
} pacta_joint_data_t;

/**
 * Run a joint model on k dimensions at once. @p results points to data->k results, each
 * initialised with pacta_model_result_init(); result d receives dimension d (its rounds'
 * positions, ideals and moves on that dimension and its forecast), all with the same
 * rounds, stop reason and note. A model without an answer for this input returns PACTA_OK
 * with every result's defined false and a note.
 * @return PACTA_OK; PACTA_EINVAL (not a joint model, n or k == 0, a value outside its
 *         domain); PACTA_ENUMERIC; PACTA_ENOMEM. On error every result is left empty.
 * Thread-safe for distinct results. Complexity is documented per model in docs/models.md.
 */
PACTA_API pacta_status pacta_model_run_joint(const pacta_model_config_t *config,
                                             const pacta_joint_data_t *data,
                                             pacta_model_result_t *results, pacta_diag_t *diag);

/* ---- summaries shared by the models and the output ------------------------------------- */

/**
 * Lower weighted median: the smallest position whose cumulative weight (positions sorted
 * ascending) reaches half the total weight. Weights must be >= 0 with a positive sum.
 * @return PACTA_OK, PACTA_ENUMERIC (no positive weight), PACTA_ENOMEM. O(n log n).
 */
PACTA_API pacta_status pacta_weighted_median(size_t n, const double *x, const double *w,
                                             double *out);

/** Weighted mean sum(w x)/sum(w). @return PACTA_OK or PACTA_ENUMERIC (no positive weight). */
PACTA_API pacta_status pacta_weighted_mean(size_t n, const double *x, const double *w, double *out);

#ifdef __cplusplus
}
#endif

#endif
