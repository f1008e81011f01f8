/**
 * @file forecast.h
 * @brief Run forecast models over the issues of a scenario, and write the results.
 *
 * Per-issue models forecast each issue independently: the actors with a stance on it, their
 * positions, saliences and capabilities, and the issue's status quo go to each selected
 * model. Joint models (smp) run once over all selected issues, with the actors that have a
 * stance on every one of them, and their result on each issue is filed under that issue.
 * The result records, for every number, the model, its resolved options and its rounds.
 */
#ifndef PACTA_FORECAST_H
#define PACTA_FORECAST_H

#include <stdbool.h>
#include <stddef.h>
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

/** What to forecast. Fill with pacta_forecast_options_default(). Strings are borrowed. */
typedef struct pacta_forecast_options {
    const char *const *models; /**< model names; NULL means every built-in model */
    size_t n_models;
    const char *issue;         /**< only this issue id, or NULL for all */
    const char *profile;       /**< applied to every selected model that defines it, or NULL */
    const pacta_settings_t *settings; /**< --set KEY=VALUE list, or NULL */
    long rounds;               /**< > 0: rounds for iterative models (setting "rounds"); 0: default */
} pacta_forecast_options_t;

/** Defaults: all models, all issues, no profile, no settings. */
PACTA_API void pacta_forecast_options_default(pacta_forecast_options_t *options);

/** One model's result on one issue. */
typedef struct pacta_forecast_entry {
    const pacta_model_config_t *config; /**< model and resolved options */
    pacta_model_result_t result;
    /** The actors of the result's per-actor arrays (positions, ideals, moves), as indices
     * into scenario->actors: the issue's actors for per-issue models, the actors of the
     * joint run for joint models. Borrowed from the forecast. */
    const size_t *actors;
    size_t n_actors;
    /** Joint models: the issues bargained over in the same run, as indices into
     * scenario->issues, in scenario order (this issue among them); NULL otherwise. */
    const size_t *joint_issues;
    size_t n_joint_issues;
} pacta_forecast_entry_t;

/** All models on one issue. */
typedef struct pacta_forecast_issue {
    size_t issue;            /**< index into scenario->issues */
    size_t n_actors;         /**< actors with a stance */
    const size_t *actors;    /**< their indices into scenario->actors (model order) */
    pacta_forecast_entry_t *entries; /**< one per model, in the order requested */
    size_t n_entries;
} pacta_forecast_issue_t;

/** A whole forecast. Owns its configs and results; borrows nothing from the caller. */
typedef struct pacta_forecast {
    pacta_forecast_issue_t *issues;
    size_t n_issues;
    pacta_model_config_t **configs; /**< one per model */
    size_t n_configs;
    size_t *joint_actors; /**< actors of the joint runs (owned; see the entries) */
    size_t n_joint_actors;
    size_t *joint_issues; /**< issues of the joint runs (owned) */
    size_t n_joint_issues;
} pacta_forecast_t;

/**
 * Run the selected models on the selected issues of @p scenario (borrowed; must outlive
 * the result only while the caller reads scenario fields through indices).
 * @return PACTA_OK; PACTA_EINVAL (unknown model, issue, profile or setting; see diag);
 *         PACTA_ENUMERIC; PACTA_ENOMEM.
 * Time: the sum of the models' costs over the issues (joint models: one run over all).
 */
PACTA_API pacta_status pacta_forecast_run(pacta_forecast_t **out, const pacta_scenario_t *scenario,
                                          const pacta_forecast_options_t *options,
                                          pacta_diag_t *diag);

/** Free a forecast. Accepts NULL. */
PACTA_API void pacta_forecast_destroy(pacta_forecast_t *forecast);

/** The JSON schema name and version written by pacta_forecast_write_json(). */
#define PACTA_FORECAST_SCHEMA "pacta.forecast/1"

/**
 * Write @p forecast as JSON (schema pacta.forecast/1, docs/json-schema.md) to @p stream.
 * @return PACTA_OK, PACTA_ENOMEM or PACTA_EIO.
 */
PACTA_API pacta_status pacta_forecast_write_json(const pacta_forecast_t *forecast,
                                                 const pacta_scenario_t *scenario, FILE *stream);

/**
 * Write @p forecast as CSV, one row per issue, model and round (docs/json-schema.md
 * describes the columns). @return PACTA_OK or PACTA_EIO.
 */
PACTA_API pacta_status pacta_forecast_write_csv(const pacta_forecast_t *forecast,
                                                const pacta_scenario_t *scenario, FILE *stream);

/**
 * Write the position history of @p forecast in KTAB's layout (columns actor, dim, turn,
 * pos, ideal; one row per actor, dimension and round, actors in scenario order; docs/
 * json-schema.md): the history of the joint model (smp) when it was selected, else of the
 * first iterative model. dim is the issue's index in the scenario, from 0.
 * @return PACTA_OK; PACTA_EINVAL (no iterative model was selected); PACTA_EIO.
 */
PACTA_API pacta_status pacta_forecast_write_ktab_csv(const pacta_forecast_t *forecast,
                                                     const pacta_scenario_t *scenario,
                                                     FILE *stream);

/** Whether @p forecast has a model with a position history (see the KTAB writer). */
PACTA_API bool pacta_forecast_has_history(const pacta_forecast_t *forecast);

/**
 * Write @p forecast in @p format (format.h): JSON, CSV or KTAB's CSV history, as the
 * functions above. PACTA_EINVAL for a format the library does not write forecasts in
 * (text is the front end's; pacta_format_writes() says which exist).
 */
PACTA_API pacta_status pacta_forecast_write(const pacta_forecast_t *forecast,
                                            const pacta_scenario_t *scenario, pacta_format format,
                                            FILE *stream);

#ifdef __cplusplus
}
#endif

#endif
