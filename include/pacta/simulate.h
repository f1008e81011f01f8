/**
 * @file simulate.h
 * @brief Monte Carlo: forecasts and verdicts under uncertain inputs, reproducibly.
 *
 * Every uncertain number of a scenario (docs/scenario-format.md, "Uncertainty"), and every
 * number a jitter option perturbs, is drawn afresh in each replicate from a counter-based
 * stream addressed by (seed, replicate, value), so a replicate's inputs do not depend on the
 * order, thread or process that computes it. Each replicate runs the selected models on every
 * selected issue and, when asked, judges every proposal. Results are accumulated exactly
 * (integer histograms and fixed-point sums), so the summaries are bit-identical for any
 * number of threads or processes, and simulations computed in parts can be merged.
 * Method: docs/models.md, "Monte Carlo".
 */
#ifndef PACTA_SIMULATE_H
#define PACTA_SIMULATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <pacta/diag.h>
#include <pacta/evaluate.h>
#include <pacta/export.h>
#include <pacta/forecast.h>
#include <pacta/format.h>
#include <pacta/scenario.h>
#include <pacta/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Which inputs a jitter option perturbs. */
typedef enum pacta_field {
    PACTA_FIELD_POSITION = 0,   /**< actors' positions */
    PACTA_FIELD_SALIENCE = 1,   /**< actors' saliences */
    PACTA_FIELD_CAPABILITY = 2, /**< actors' capabilities */
    PACTA_FIELD_STATUS_QUO = 3, /**< issues' status quos */
    PACTA_FIELD_PROPOSAL = 4,   /**< proposals' positions */
    PACTA_FIELD_WAR = 5,        /**< the war section's p and costs */
} pacta_field;

/** A normal perturbation of every fixed number of one kind (uncertain ones keep theirs). */
typedef struct pacta_jitter {
    pacta_field field;
    double sd;     /**< standard deviation (truncated to the field's range) */
    bool relative; /**< sd is a fraction of each value rather than an amount */
} pacta_jitter_t;

/** Parse "position=5,salience=10,capability=10%" into at most @p max entries.
 * A deviation may be at most the field's range: 100 on the 0-100 scales, 1 for war (p and
 * costs are shares), 100 % when relative; absolute capabilities have no range.
 * @return the number parsed, or -1 (with a message in @p error) on bad syntax or range. */
PACTA_API long pacta_jitter_parse(const char *text, pacta_jitter_t *out, size_t max, char *error,
                                  size_t error_size);

/** Called from the simulating thread every few tenths of a second. */
typedef void (*pacta_progress_fn)(void *user, uint64_t done, uint64_t total);

/** A finished block of replicates: values[r * n_values + v] for r < n_replicates
 *  (see pacta_simulation_layout()). Called with a lock held, one block at a time. */
typedef pacta_status (*pacta_block_fn)(void *user, uint64_t block, const double *values,
                                       size_t n_replicates, size_t n_values);

/** What to simulate. Fill with pacta_simulate_options_default(). Borrowed pointers. */
typedef struct pacta_simulate_options {
    uint64_t runs;        /**< replicates (>= 1) */
    unsigned threads;     /**< worker threads; 0 means one per core */
    uint64_t seed;
    uint32_t block_size;  /**< replicates per block (default 64); results do not depend on it */
    pacta_forecast_options_t forecast; /**< models, issue, profile, settings, rounds */
    bool evaluate;        /**< judge every proposal in every replicate */
    pacta_evaluate_options_t evaluation; /**< utility, reservation (no Pareto, no models) */
    const pacta_jitter_t *jitter;
    size_t n_jitter;
    /** Run only the blocks whose index modulo part_count is part_index (processes of an MPI
     *  job); part_count 0 or 1 means all. */
    unsigned part_index;
    unsigned part_count;
    pacta_progress_fn progress;
    void *progress_user;
    /** Blocks already computed (a resumed run): skip_block returns true to skip one. Called
     *  from every worker thread at once, without a lock: it must only read. */
    bool (*skip_block)(void *user, uint64_t block);
    pacta_block_fn on_block; /**< sink for each finished block, e.g. a database; may be NULL */
    void *block_user;
} pacta_simulate_options_t;

/** Defaults: 1000 runs, one thread per core, seed 1, blocks of 64, all models and issues,
 *  no evaluation (the command line turns it on when the scenario has proposals). */
PACTA_API void pacta_simulate_options_default(pacta_simulate_options_t *options);

/** Summary of one simulated quantity on the 0-100 scale. */
typedef struct pacta_sim_summary {
    uint64_t n;          /**< replicates with a defined value */
    uint64_t undefined;  /**< replicates where the model had no answer */
    double mean;
    double sd;           /**< sample standard deviation (n - 1) */
    double min, max;
    double quantile[5];  /**< 5, 25, 50, 75, 95 %, to within the 0.01-wide bin, inside [min, max] */
    const uint64_t *histogram; /**< counts in bins of width 0.01 over [0, 100] */
    size_t n_bins;
} pacta_sim_summary_t;

/** One model on one issue. */
typedef struct pacta_sim_forecast {
    size_t issue; /**< index into scenario->issues */
    size_t model; /**< index into the simulation's configs */
    pacta_sim_summary_t summary;
} pacta_sim_forecast_t;

/** One proposal's verdicts across replicates. */
typedef struct pacta_sim_proposal {
    size_t proposal;              /**< index into scenario->proposals */
    uint64_t verdict_true[PACTA_VERDICT_COUNT];    /**< replicates where the verdict held */
    uint64_t verdict_defined[PACTA_VERDICT_COUNT]; /**< replicates where it applied */
    const uint64_t *accepts;      /**< per actor: replicates in which it accepted */
    const uint64_t *takes_part;   /**< per actor: replicates in which it took part */
} pacta_sim_proposal_t;

/** A simulation: its accumulators and, once finished, the summaries. */
typedef struct pacta_simulation {
    uint64_t runs;          /**< replicates asked for */
    uint64_t done;          /**< replicates accumulated */
    bool partial;           /**< stopped early: done < runs */
    uint64_t seed;
    unsigned threads;
    uint32_t block_size;
    size_t n_uncertain;     /**< inputs drawn afresh in each replicate (0: all runs alike) */
    const pacta_model_config_t *const *configs; /**< the models, in the order asked */
    size_t n_configs;
    const pacta_sim_forecast_t *forecasts;      /**< [issue-major: i * n_configs + m] */
    size_t n_forecasts;
    const pacta_sim_proposal_t *proposals;
    size_t n_proposals;
} pacta_simulation_t;

/**
 * Prepare a simulation of @p scenario (borrowed; must outlive the simulation): resolve the
 * models, check that one replicate runs (so errors surface before any work), and set up
 * empty accumulators. @return PACTA_OK; PACTA_EINVAL (options, see diag); PACTA_EINPUT;
 * PACTA_ENOMEM.
 */
PACTA_API pacta_status pacta_simulation_create(pacta_simulation_t **out,
                                               const pacta_scenario_t *scenario,
                                               const pacta_simulate_options_t *options,
                                               pacta_diag_t *diag);

/** Number of values per replicate and the meaning of value @p v (issue/model or proposal). */
PACTA_API size_t pacta_simulation_layout(const pacta_simulation_t *simulation);

/**
 * Run the replicates (those not skipped) on options->threads threads, accumulating as they
 * finish. May be called once. @return PACTA_OK (also when stopped: see partial);
 * PACTA_ENOMEM; a status from options->on_block.
 * Time: runs x (models x issues + evaluation) / threads.
 */
PACTA_API pacta_status pacta_simulation_run(pacta_simulation_t *simulation);

/**
 * Ask a running simulation to stop: blocks under way finish, later ones are not started,
 * and pacta_simulation_run() returns with the result marked partial. Async-signal-safe and
 * callable from any thread (it sets one lock-free atomic flag); a stop before the run means
 * nothing runs.
 */
PACTA_API void pacta_simulation_stop(pacta_simulation_t *simulation);

/** Add a block computed elsewhere (a stored run) as if it had just been computed. */
PACTA_API pacta_status pacta_simulation_add_block(pacta_simulation_t *simulation, uint64_t block,
                                                  const double *values, size_t n_replicates);

/** Serialise the accumulators (to merge the parts of an MPI job). */
PACTA_API pacta_status pacta_simulation_serialize(const pacta_simulation_t *simulation, void **data,
                                                  size_t *size);

/** Merge serialised accumulators of the same simulation computed elsewhere. */
PACTA_API pacta_status pacta_simulation_merge(pacta_simulation_t *simulation, const void *data,
                                              size_t size);

/** Compute the summaries from the accumulators (after run, add_block and merge). */
PACTA_API pacta_status pacta_simulation_finish(pacta_simulation_t *simulation);

/** Free a simulation. Accepts NULL. */
PACTA_API void pacta_simulation_destroy(pacta_simulation_t *simulation);

/** The JSON schema name and version written by pacta_simulation_write_json(). */
#define PACTA_SIMULATE_SCHEMA "pacta.simulate/1"

/** Write the summaries as JSON (docs/json-schema.md). */
PACTA_API pacta_status pacta_simulation_write_json(const pacta_simulation_t *simulation,
                                                   const pacta_scenario_t *scenario, FILE *stream);

/** Write the summaries as CSV (docs/json-schema.md). */
PACTA_API pacta_status pacta_simulation_write_csv(const pacta_simulation_t *simulation,
                                                  const pacta_scenario_t *scenario, FILE *stream);

/* ---- stored runs ------------------------------------------------------------------- */

/** A simulation stored in an SQLite file as it runs: the scenario text and its SHA-256, the
 *  arguments that define the run, and every finished block of replicates, each committed in
 *  its own transaction, so a killed run loses nothing already committed. */
typedef struct pacta_sim_store pacta_sim_store_t;

/**
 * Create a new store at @p path for a run of the scenario whose file text is @p text
 * (@p length bytes, read from @p scenario_path) with the defining @p arguments (a
 * NULL-terminated list, e.g. the command line without output options).
 * @return PACTA_OK; PACTA_EIO (cannot create, or the file already holds a run: resume it
 *         instead); PACTA_ENOMEM.
 */
PACTA_API pacta_status pacta_sim_store_create(pacta_sim_store_t **out, const char *path,
                                              const char *scenario_path, const char *text,
                                              size_t length, const char *const *arguments,
                                              pacta_diag_t *diag);

/**
 * Open a stored run to resume it. @p text, @p scenario_path and @p arguments receive the
 * stored scenario text, its original path and the defining arguments (owned by the store,
 * valid until it is closed). The text is checked against its stored SHA-256.
 * @return PACTA_OK; PACTA_EIO (missing, unreadable or not a pacta run); PACTA_EINPUT
 *         (the stored scenario does not match its hash); PACTA_ENOMEM.
 */
PACTA_API pacta_status pacta_sim_store_open(pacta_sim_store_t **out, const char *path,
                                            const char **text, size_t *length,
                                            const char **scenario_path,
                                            const char *const **arguments, pacta_diag_t *diag);

/** Route the options' block callbacks to the store: stored blocks are skipped, finished
 *  blocks are stored. Call before pacta_simulation_create(). */
PACTA_API void pacta_sim_store_attach(pacta_sim_store_t *store, pacta_simulate_options_t *options);

/** Feed every stored block into @p simulation (after create, before run). Also records the
 *  run's layout, checking it against a stored one. */
PACTA_API pacta_status pacta_sim_store_load(pacta_sim_store_t *store,
                                            pacta_simulation_t *simulation, pacta_diag_t *diag);

/** Record the run's outcome ("complete" or "partial") and replicate count. */
PACTA_API pacta_status pacta_sim_store_finish(pacta_sim_store_t *store,
                                              const pacta_simulation_t *simulation);

/** After a run that failed with PACTA_EIO, say which block could not be stored and why
 *  (SQLite's message); adds nothing when every block was stored. Accepts NULL. */
PACTA_API void pacta_sim_store_explain(const pacta_sim_store_t *store, pacta_diag_t *diag);

/** Close a store. Accepts NULL. */
PACTA_API void pacta_sim_store_close(pacta_sim_store_t *store);

/** Write the summaries in @p format (JSON or CSV, as above); PACTA_EINVAL for others. */
PACTA_API pacta_status pacta_simulation_write(const pacta_simulation_t *simulation,
                                              const pacta_scenario_t *scenario, pacta_format format,
                                              FILE *stream);

#ifdef __cplusplus
}
#endif

#endif
