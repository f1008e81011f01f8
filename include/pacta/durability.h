/**
 * @file durability.h
 * @brief Would a settlement hold? Peace episodes from conflict data, a survival model fitted
 *        on them, and predictions for a scenario's proposals.
 *
 * Three steps, each a `pacta durability` subcommand (docs/durability.md):
 *
 * 1. pacta_episodes_build() turns the UCDP/PRIO Armed Conflict Dataset and the PA-X peace
 *    agreements (optionally the COW inter-state wars) into a table of peace episodes: when
 *    fighting stopped, when it resumed or the data end, and the covariates.
 * 2. pacta_durability_fit() fits a Weibull or Cox model (survival.h) on such a table and
 *    keeps the provenance (data files, episode rule, n, events, log-likelihood, date).
 * 3. pacta_durability_predict() applies a fitted model to each proposal of a scenario:
 *    probabilities of holding at given horizons with intervals, the median duration, the
 *    provisions that move it most, and warnings where the proposal lies outside the data.
 */
#ifndef PACTA_DURABILITY_H
#define PACTA_DURABILITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <pacta/diag.h>
#include <pacta/export.h>
#include <pacta/format.h>
#include <pacta/scenario.h>
#include <pacta/status.h>
#include <pacta/survival.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Version of the episode rule and table layout written by pacta_episodes_build(). */
#define PACTA_EPISODE_RULE "pacta.episodes/1"

/** Where the data are and which episodes to keep. Fill with pacta_episode_options_default(). */
typedef struct pacta_episode_options {
    const char *ucdp; /**< UCDP/PRIO ACD CSV, one row per conflict-year (unnested rows allowed) */
    const char *pax;  /**< PA-X agreements CSV */
    const char *cow;  /**< COW inter-state war data (dyadic), or NULL */
    /** Keep peace episodes starting on or after this date (YYYY-MM-DD), or NULL for the
     *  first day of the earliest PA-X year plus the window: agreements on both sides of the
     *  peace start are then inside PA-X's coverage. */
    const char *from;
    /** ... and on or before this date, or NULL for the last PA-X agreement minus the window. */
    const char *to;
    long window_days; /**< agreements dated within this many days of the peace start (365) */
    /** Censor episodes without recurrence here, or NULL for 31 December of the last UCDP year. */
    const char *censor;
} pacta_episode_options_t;

/** Defaults: no files, derived dates, a window of 365 days. */
PACTA_API void pacta_episode_options_default(pacta_episode_options_t *options);

/** A table of peace episodes (or any CSV with the same layout). Read-only once built. */
typedef struct pacta_episodes pacta_episodes_t;

/**
 * Build the peace-episode table from the data files named in @p options (docs/durability.md
 * §2 defines an episode, a recurrence and every column).
 * @return PACTA_OK; PACTA_EINVAL (missing file names, bad dates in options); PACTA_EIO (a
 *         file cannot be read); PACTA_EINPUT (a malformed file: every problem is in @p diag
 *         with file, line and field); PACTA_ENOMEM.
 * Time: O(R log R + E A) for R input rows, E episodes and A agreements. Thread-safe.
 */
PACTA_API pacta_status pacta_episodes_build(pacta_episodes_t **out,
                                            const pacta_episode_options_t *options,
                                            pacta_diag_t *diag);

/**
 * Read an episode table written by pacta_episodes_write_csv() (or edited by hand): leading
 * "#" lines are its provenance, then a header and one row per episode. Only the header is
 * checked here; pacta_durability_fit() checks the columns it uses.
 * @return PACTA_OK, PACTA_EIO, PACTA_EINPUT (see diag), PACTA_ELIMIT or PACTA_ENOMEM.
 */
PACTA_API pacta_status pacta_episodes_load(pacta_episodes_t **out, const char *path,
                                           pacta_diag_t *diag);

/** Write the table as CSV with its provenance as leading "#" lines. PACTA_OK or PACTA_EIO. */
PACTA_API pacta_status pacta_episodes_write_csv(const pacta_episodes_t *episodes, FILE *stream);

/** Number of episodes (rows). */
PACTA_API size_t pacta_episodes_count(const pacta_episodes_t *episodes);

/** Free a table. Accepts NULL. */
PACTA_API void pacta_episodes_destroy(pacta_episodes_t *episodes);

/** A covariate that durability models may use, and how a proposal supplies it. */
typedef struct pacta_durability_covariate {
    const char *name; /**< the episode-table column */
    const char *kind; /**< "provision", "fact" or "agreement" */
    const char *key;  /**< the provision or durability-fact key it is read from, or NULL */
    const char *help;
} pacta_durability_covariate_t;

/** The covariates pacta knows how to fill from a scenario; @p n receives their number. */
PACTA_API const pacta_durability_covariate_t *pacta_durability_covariates(size_t *n);

/** The covariates of the default model, NULL-terminated. */
PACTA_API const char *const *pacta_durability_default_covariates(void);

/** How to fit. Fill with pacta_durability_fit_options_default(). */
typedef struct pacta_durability_fit_options {
    pacta_surv_options_t survival; /**< family (default Cox, Efron ties) and iteration */
    const char *const *covariates; /**< column names, NULL-terminated; NULL for the default */
    const char *created;           /**< date to record (YYYY-MM-DD), or NULL for today (UTC) */
    const char *episodes_name;     /**< name of the episode file to record, or NULL */
} pacta_durability_fit_options_t;

/** Defaults: Cox with Efron ties, the default covariates, today's date. */
PACTA_API void pacta_durability_fit_options_default(pacta_durability_fit_options_t *options);

/** A fitted durability model with its provenance. Read-only after creation. */
typedef struct pacta_durability_model {
    pacta_surv_model_t *fit; /**< the numbers (owned) */
    char *created;           /**< YYYY-MM-DD */
    char *pacta_version;     /**< version of pacta that fitted it */
    char *episode_rule;      /**< PACTA_EPISODE_RULE of the table, or "unknown" */
    char *episodes_file;     /**< the episode file's name, or NULL */
    char **provenance;       /**< the episode table's provenance lines (data files, options) */
    size_t n_provenance;
} pacta_durability_model_t;

/**
 * Fit a model on @p episodes: duration column "years", event column "recurred" (0/1) and
 * the covariate columns, every cell a number (each bad cell is reported with file, line and
 * column name).
 * @return PACTA_OK; PACTA_EINVAL (unknown covariate name); PACTA_EINPUT (bad cells, see
 *         diag); PACTA_ENUMERIC (no events, singular information, no convergence);
 *         PACTA_ENOMEM. Thread-safe.
 */
PACTA_API pacta_status pacta_durability_fit(pacta_durability_model_t **out,
                                            const pacta_episodes_t *episodes,
                                            const pacta_durability_fit_options_t *options,
                                            pacta_diag_t *diag);

/** The YAML schema name written by pacta_durability_model_write_yaml(). */
#define PACTA_DURABILITY_MODEL_SCHEMA "pacta.durability-model/1"

/**
 * Write the model as YAML (schema pacta.durability-model/1, docs/durability.md §4): the
 * provenance, then every number at full precision. @return PACTA_OK or PACTA_EIO.
 */
PACTA_API pacta_status pacta_durability_model_write_yaml(const pacta_durability_model_t *model,
                                                         FILE *stream);

/**
 * Read a model written by pacta_durability_model_write_yaml(). @p name is used in
 * diagnostics. Every number is checked (pacta_surv_model_check()).
 * @return PACTA_OK, PACTA_EINPUT (see diag), PACTA_ENOMEM.
 */
PACTA_API pacta_status pacta_durability_model_parse(pacta_durability_model_t **out,
                                                    const char *text, size_t length,
                                                    const char *name, pacta_diag_t *diag);

/** pacta_durability_model_parse() on a file; PACTA_EIO when it cannot be read. */
PACTA_API pacta_status pacta_durability_model_load(pacta_durability_model_t **out, const char *path,
                                                   pacta_diag_t *diag);

/** The model shipped with pacta (data/durability/default.yaml, compiled in). */
PACTA_API const char *pacta_durability_default_model_text(size_t *length);

/** Free a model. Accepts NULL. */
PACTA_API void pacta_durability_model_destroy(pacta_durability_model_t *model);

/** War-level facts given outside the scenario (command-line options override the block). */
typedef struct pacta_durability_facts {
    bool has_interstate;
    bool interstate;
    bool has_major_war;
    bool major_war;
    bool has_war_years;
    double war_years;
} pacta_durability_facts_t;

/** How to predict. Fill with pacta_durability_predict_options_default(). */
typedef struct pacta_durability_predict_options {
    const double *horizons; /**< years (default 1, 5, 10) */
    size_t n_horizons;
    size_t reference_horizon; /**< index of the horizon used to rank provisions (default 1) */
    pacta_surv_predict_options_t draws; /**< draws, seed, level */
    pacta_durability_facts_t facts;     /**< overrides of the scenario's durability: block */
    const char *proposal;               /**< only this proposal id, or NULL for all */
} pacta_durability_predict_options_t;

/** Defaults: horizons 1, 5 and 10 years, ranked at 5; 4000 draws, seed 1, 95%. */
PACTA_API void
pacta_durability_predict_options_default(pacta_durability_predict_options_t *options);

/** Where one covariate's value came from for a proposal. */
typedef enum pacta_durability_origin {
    PACTA_ORIGIN_DECLARED = 0, /**< the proposal or the durability: block gives it */
    PACTA_ORIGIN_ASSUMED = 1,  /**< a provision the proposal leaves out: taken as absent (0) */
    PACTA_ORIGIN_OPTION = 2,   /**< a command-line fact */
    PACTA_ORIGIN_IMPLIED = 3,  /**< "agreement": every proposal is one */
} pacta_durability_origin;

/** The effect of switching one provision on or off for a proposal. */
typedef struct pacta_durability_effect {
    size_t covariate;          /**< index into the model's covariates */
    double value;              /**< the proposal's value (0 or 1) */
    double survival;           /**< S at the reference horizon as proposed */
    double toggled;            /**< S with the provision switched */
    double hazard_ratio;       /**< exp(beta) of the provision */
    double hr_lower, hr_upper; /**< its confidence interval at the prediction level */
} pacta_durability_effect_t;

/** One proposal's prediction. */
typedef struct pacta_durability_result {
    const char *proposal; /**< id (borrowed from the scenario) */
    const char *name;
    double *x; /**< covariate values used, one per model covariate */
    pacta_durability_origin *origin;
    pacta_surv_prediction_t prediction;
    pacta_durability_effect_t
        *effects; /**< provision covariates, largest |toggled - survival| first */
    size_t n_effects;
    double distance; /**< Mahalanobis distance from the data's covariate mean */
    char **warnings; /**< extrapolation and data-support warnings, sentences */
    size_t n_warnings;
    const char **ignored; /**< declared provisions the model does not use */
    size_t n_ignored;
} pacta_durability_result_t;

/** Predictions for a scenario's proposals. Owns everything except borrowed scenario strings. */
typedef struct pacta_durability_report {
    const pacta_durability_model_t *model; /**< borrowed */
    double level;
    size_t reference_horizon;
    pacta_durability_result_t *results;
    size_t n_results;
} pacta_durability_report_t;

/**
 * Predict every proposal of @p scenario with @p model (both borrowed; they must outlive the
 * report). Provisions a proposal leaves out count as absent; facts come from @p options,
 * then the scenario's durability: block.
 * @return PACTA_OK; PACTA_EINPUT (a fact the model needs is missing, or the model uses a
 *         covariate pacta cannot fill; see diag); PACTA_EINVAL (bad options, unknown
 *         proposal); PACTA_ENUMERIC; PACTA_ENOMEM. Thread-safe.
 */
PACTA_API pacta_status pacta_durability_predict(pacta_durability_report_t **out,
                                                const pacta_durability_model_t *model,
                                                const pacta_scenario_t *scenario,
                                                const pacta_durability_predict_options_t *options,
                                                pacta_diag_t *diag);

/** Free a report. Accepts NULL. */
PACTA_API void pacta_durability_report_destroy(pacta_durability_report_t *report);

/** The JSON schema name written by pacta_durability_write_json(). */
#define PACTA_DURABILITY_SCHEMA "pacta.durability/1"

/** Write @p report as JSON (docs/json-schema.md). PACTA_OK, PACTA_ENOMEM or PACTA_EIO. */
PACTA_API pacta_status pacta_durability_write_json(const pacta_durability_report_t *report,
                                                   const pacta_scenario_t *scenario, FILE *stream);

/** Write @p report in @p format (JSON); PACTA_EINVAL for others. */
PACTA_API pacta_status pacta_durability_write(const pacta_durability_report_t *report,
                                              const pacta_scenario_t *scenario, pacta_format format,
                                              FILE *stream);

#ifdef __cplusplus
}
#endif

#endif
