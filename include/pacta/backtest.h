/**
 * @file backtest.h
 * @brief Backtests: score forecast models against what was actually decided.
 *
 * A backtest set is a list of decided proposals, each an ordinary scenario whose issues
 * carry an `outcome`. It is read from a DEU-format table (Decision-making in the European
 * Union: tab-separated, one row per issue, `p<actor>`/`s<actor>` position and salience
 * columns, the reference point `rp` and the outcome `out`) or from pacta scenario files.
 * An inclusion rule decides which actors and issues count.
 *
 * pacta_backtest_run() runs each model on each issue that counts and reports the mean
 * absolute error, root mean squared error, median absolute error and share of issues within
 * a threshold, each with a bootstrap 95% interval that resamples proposals (not issues), and
 * the paired difference of every model's MAE against a baseline (the compromise model) with
 * its interval; also broken down by procedure and voting rule. Model options can be fitted
 * on a grid by cross-validation over proposals. Definitions: docs/validation.md.
 */
#ifndef PACTA_BACKTEST_H
#define PACTA_BACKTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <pacta/diag.h>
#include <pacta/export.h>
#include <pacta/format.h>
#include <pacta/model.h>
#include <pacta/scenario.h>
#include <pacta/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/** How a backtest set is read. Fill with pacta_backtest_read_options_default(). */
typedef struct pacta_backtest_read_options {
    /** "deu" (a DEU tab-separated table), "pacta" (scenario files) or NULL: "pacta" for
     *  names ending in .yaml or .yml, "deu" otherwise. */
    const char *format;
    /** Capabilities: "equal" (every actor 1), "row" (the DEU table's capability row: the
     *  row with blank `prnr` and `isnr`), the path of a CSV file with columns `actor` and
     *  `capability`, or NULL: "equal" for DEU tables, the scenarios' own for pacta files. */
    const char *capability;
    /** Inclusion rule: an issue counts when it has an outcome and at least this many actors
     *  count (an actor counts when its position is a number in [0, 100] and its salience a
     *  number above 0). Default 2, the rule of the DEU reference numbers. */
    size_t min_actors;
} pacta_backtest_read_options_t;

/** Defaults: format from the file name, default capabilities, at least 2 actors. */
PACTA_API void pacta_backtest_read_options_default(pacta_backtest_read_options_t *options);

/** One decided proposal: a scenario and what is known about how it was decided. */
typedef struct pacta_backtest_proposal {
    const char *id;        /**< DEU `prnr`, or the scenario file's path */
    const char *name;      /**< DEU `prname`, or the scenario's title */
    const char *procedure; /**< DEU `proc` (COD, CNS), or "" when unknown */
    const char *rule;      /**< DEU `counvte` (QMV, Unan), or "" when unknown */
    const char *date;      /**< DEU `intro` as written, or "" */
    /** The proposal as an ordinary scenario (status_quo = `rp`, outcome = `out`; only the
     *  stances that count). Owned by the set. */
    const pacta_scenario_t *scenario;
    const double *capability; /**< per actor of the scenario: the capability models see */
    int line;                 /**< first line of the proposal in its file (0 for scenarios) */
} pacta_backtest_proposal_t;

/** One issue that counts: where it is. */
typedef struct pacta_backtest_case {
    size_t proposal; /**< index into the set's proposals */
    size_t issue;    /**< index into that proposal's scenario issues */
    size_t n_actors; /**< actors that count on it */
} pacta_backtest_case_t;

/** What the inclusion rule left out, and why. */
typedef struct pacta_backtest_excluded {
    size_t issues_read;    /**< issue rows (DEU) or issues (scenarios) read */
    size_t no_outcome;     /**< issues without an outcome in [0, 100] */
    size_t too_few_actors; /**< issues with an outcome but fewer counted actors than needed */
    size_t positions_read; /**< positions given (non-blank) */
    size_t no_salience;    /**< positions whose salience is blank or not above 0 */
    size_t outside_scale;  /**< positions or reference points outside [0, 100] */
} pacta_backtest_excluded_t;

/** A backtest set. Read-only once read; may be shared between threads. */
typedef struct pacta_backtest_set {
    const char *path;       /**< the (first) file read */
    const char *format;     /**< "deu" or "pacta" */
    const char *capability; /**< "equal", "row", "scenario" or the capability file's path */
    size_t min_actors;
    const pacta_backtest_proposal_t *proposals; /**< those with at least one issue that counts */
    size_t n_proposals;
    const pacta_backtest_case_t *cases; /**< the issues that count, in file order */
    size_t n_cases;
    pacta_backtest_excluded_t excluded;
} pacta_backtest_set_t;

/**
 * Read a backtest set: one DEU table, or one or more scenario files (each file is one
 * proposal, the unit the bootstrap resamples).
 *
 * Bad input is reported to @p diag as file, line, field and message, every problem found
 * in one pass: a missing column, text where a number belongs, a duplicate issue id, a
 * capability file that misses an actor. Values the inclusion rule is about (blank cells,
 * positions outside 0-100, saliences of 0) are not errors; they are counted in
 * pacta_backtest_set_t.excluded.
 *
 * @param out      output: the set, freed with pacta_backtest_set_destroy().
 * @param paths    @p n_paths file names (borrowed); a DEU table must be the only one.
 * @param options  how to read (borrowed; NULL for defaults).
 * @param diag     diagnostics (borrowed, may be NULL).
 * @return PACTA_OK; PACTA_EINVAL (bad options, e.g. an unknown format or two DEU tables);
 *         PACTA_EINPUT (see diag; also when no issue counts); PACTA_EIO; PACTA_ELIMIT;
 *         PACTA_ENOMEM. Thread-safe. Time: linear in the input size.
 */
PACTA_API pacta_status pacta_backtest_read(pacta_backtest_set_t **out, const char *const *paths,
                                           size_t n_paths,
                                           const pacta_backtest_read_options_t *options,
                                           pacta_diag_t *diag);

/** Free a set. Accepts NULL. */
PACTA_API void pacta_backtest_set_destroy(pacta_backtest_set_t *set);

/** One option fitted by cross-validation: values lo, lo + step, ... up to hi. */
typedef struct pacta_backtest_fit {
    const char *key; /**< a model option KEY (every model declaring it) or LABEL.KEY (the
                          model requested as LABEL only); borrowed */
    double lo;
    double hi;
    double step; /**< > 0 */
} pacta_backtest_fit_t;

/** What a fit minimises over the training folds (docs/validation.md eq. V6). */
typedef enum pacta_backtest_criterion {
    /** The mean absolute error of the forecasts. */
    PACTA_BACKTEST_FIT_MAE = 0,
    /** The mean continuous ranked probability score of the model's predictive distribution
     *  (models that forecast one, such as choice): a proper scoring rule, smooth in the
     *  options, whose best point forecast is the median (eq. V8). */
    PACTA_BACKTEST_FIT_CRPS = 1,
} pacta_backtest_criterion;

/** Static name of a criterion ("mae", "crps"), or NULL for a value out of range. */
PACTA_API const char *pacta_backtest_criterion_name(pacta_backtest_criterion criterion);

/** Most grid points (the product over a model's fitted options) a fit may have. */
#define PACTA_BACKTEST_MAX_GRID 10000

/** What to run. Fill with pacta_backtest_options_default(); strings are borrowed. */
typedef struct pacta_backtest_options {
    /** Models as "NAME" or "NAME:PROFILE": registered models (pacta_model_find) or the
     *  backtest benchmarks "status-quo" (the reference point itself), "eu-procedural",
     *  "procedural" and "procedural-compromise" (docs/validation.md). Joint models that take
     *  partial stances (exchange) run once over all issues of each proposal. NULL: every
     *  registered model. */
    const char *const *models;
    size_t n_models;
    /** Settings, or NULL: KEY=VALUE applies to every model that has the option KEY,
     *  LABEL.KEY=VALUE to the model requested as LABEL only (so "focal.snap=0" leaves
     *  "focal:mean" alone). The procedural benchmarks take "quota" (default 0.71). */
    const pacta_settings_t *settings;
    /** The model every other is paired against; added when not listed. NULL: "compromise". */
    const char *baseline;
    /** Bootstrap replicates (0: no intervals). Default 2000. */
    unsigned long bootstrap;
    /** Seed of the generator (Philox4x32-10) that draws replicates and folds. Default 1. */
    uint64_t seed;
    /** Options to fit by cross-validation, for every model that declares them, or NULL. */
    const pacta_backtest_fit_t *fits;
    size_t n_fits;
    /** Folds for fitting: 0 (default) leaves one proposal out at a time; K >= 2 deals the
     *  proposals at random (seeded) into K folds. */
    size_t folds;
    /** What the fit minimises (default PACTA_BACKTEST_FIT_MAE). With CRPS every fitted model
     *  must have a predictive distribution. */
    pacta_backtest_criterion criterion;
    /** "Within" threshold on the 0-100 scale (default 10). */
    double within;
} pacta_backtest_options_t;

/** Defaults: every model, compromise baseline, 2000 replicates, seed 1, no fitting. */
PACTA_API void pacta_backtest_options_default(pacta_backtest_options_t *options);

/** A statistic and its bootstrap 95% percentile interval (NaN when undefined). */
typedef struct pacta_backtest_interval {
    double value;
    double lo;
    double hi;
} pacta_backtest_interval_t;

/** A model's scores on a set of issues. Errors are forecast minus outcome. */
typedef struct pacta_backtest_scores {
    size_t n_issues;                  /**< issues where the model has a forecast */
    size_t n_proposals;               /**< proposals those issues belong to */
    pacta_backtest_interval_t mae;    /**< mean absolute error */
    pacta_backtest_interval_t rmse;   /**< root mean squared error */
    pacta_backtest_interval_t median; /**< median absolute error */
    pacta_backtest_interval_t within; /**< share of issues with |error| <= the threshold */
    size_t n_paired; /**< issues where both this model and the baseline have a forecast */
    /** MAE of this model minus MAE of the baseline on the paired issues (negative: better). */
    pacta_backtest_interval_t mae_difference;
} pacta_backtest_scores_t;

/** A subset of the issues for breakdowns: those whose proposal has by = value. */
typedef struct pacta_backtest_group {
    const char *by;    /**< "procedure" or "rule" */
    const char *value; /**< e.g. "COD", "QMV" */
} pacta_backtest_group_t;

/** One model's results. */
typedef struct pacta_backtest_model {
    const char *label;   /**< as requested ("bdm:paper") */
    const char *name;    /**< model or benchmark name */
    const char *profile; /**< or NULL */
    /** Resolved options (with fitted values set to their whole-set fit); NULL for the
     *  benchmarks. */
    const pacta_model_config_t *config;
    bool is_baseline;
    double *forecast; /**< per case; out-of-fold forecasts when options were fitted */
    bool *defined;    /**< per case */
    pacta_backtest_scores_t all;
    pacta_backtest_scores_t *groups; /**< one per pacta_backtest_result_t.groups entry */
    /* Fitting (n_fitted == 0 when nothing was fitted). */
    size_t n_fitted;
    const char **fitted_keys; /**< n_fitted option keys */
    double *fitted_all;       /**< n_fitted values fitted on every proposal */
    double *fitted_folds;     /**< n_folds x n_fitted values, fold-major */
    size_t grid_size;         /**< grid points tried */
    /** In-sample ("development") MAE of fitted_all on every issue it forecasts: the error
     *  of the shipped values on the data that chose them, against the out-of-fold MAE in
     *  all.mae. NaN when nothing was fitted. */
    double fitted_mae;
} pacta_backtest_model_t;

/** The results of a backtest. Owns everything but the set, which it borrows. */
typedef struct pacta_backtest_result {
    const pacta_backtest_set_t *set;
    pacta_backtest_model_t *models;
    size_t n_models;
    size_t baseline; /**< index into models */
    pacta_backtest_group_t *groups;
    size_t n_groups;
    unsigned long bootstrap;
    uint64_t seed;
    double within;
    size_t n_folds;                     /**< 0 when nothing was fitted */
    pacta_backtest_criterion criterion; /**< what the fits minimised */
    bool leave_one_out;                 /**< each fold is one proposal */
    size_t *fold;                       /**< per proposal: its fold (when n_folds > 0) */
} pacta_backtest_result_t;

/**
 * Run the models on every case of @p set and score them.
 *
 * Each replicate of the bootstrap draws as many proposals as the set has, uniformly with
 * replacement (replicate b, draw j: proposal floor(u * P) with u the Philox uniform for
 * (seed, b, 0, j)), and recomputes every statistic on the issues of the drawn proposals.
 * Intervals are the 2.5% and 97.5% quantiles (linear interpolation between order
 * statistics) of the replicates where the statistic is defined. Output is identical for a
 * given seed on every platform with IEEE doubles.
 *
 * @param out    output: the result, freed with pacta_backtest_result_destroy().
 * @param set    the set (borrowed; must outlive the result).
 * @param options what to run (borrowed; NULL for defaults).
 * @param diag   diagnostics (borrowed, may be NULL).
 * @return PACTA_OK; PACTA_EINVAL (unknown model, profile, setting or fitted key, a grid over
 *         PACTA_BACKTEST_MAX_GRID, more folds than proposals; see diag); PACTA_ENUMERIC (a
 *         model failed); PACTA_ENOMEM. Time: models x cases x grid points model runs, plus
 *         O(replicates x models x (groups + 1) x cases).
 */
PACTA_API pacta_status pacta_backtest_run(pacta_backtest_result_t **out,
                                          const pacta_backtest_set_t *set,
                                          const pacta_backtest_options_t *options,
                                          pacta_diag_t *diag);

/** Free a result. Accepts NULL. */
PACTA_API void pacta_backtest_result_destroy(pacta_backtest_result_t *result);

/** The JSON schema name and version written by pacta_backtest_write_json(). */
#define PACTA_BACKTEST_SCHEMA "pacta.backtest/1"

/**
 * Write @p result as JSON (schema pacta.backtest/1, docs/json-schema.md), with every
 * issue's forecasts when @p with_issues. @return PACTA_OK, PACTA_ENOMEM or PACTA_EIO.
 */
PACTA_API pacta_status pacta_backtest_write_json(const pacta_backtest_result_t *result,
                                                 bool with_issues, FILE *stream);

/**
 * Write the per-issue results as CSV: one row per issue and model (docs/json-schema.md
 * lists the columns). @return PACTA_OK or PACTA_EIO.
 */
PACTA_API pacta_status pacta_backtest_write_csv(const pacta_backtest_result_t *result,
                                                FILE *stream);

/** Write @p result in @p format: JSON with every issue's forecasts, or CSV, as above;
 *  PACTA_EINVAL for others. */
PACTA_API pacta_status pacta_backtest_write(const pacta_backtest_result_t *result,
                                            pacta_format format, FILE *stream);

#ifdef __cplusplus
}
#endif

#endif
