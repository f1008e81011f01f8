/**
 * @file scenario.h
 * @brief A scenario: issues, actors, proposals and sources, loaded from YAML or CSV.
 *
 * A loaded scenario is immutable. It may be shared read-only between threads. All strings
 * and arrays inside it are owned by the scenario and live until pacta_scenario_destroy().
 * The file format is documented in docs/scenario-format.md.
 */
#ifndef PACTA_SCENARIO_H
#define PACTA_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <pacta/diag.h>
#include <pacta/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The scenario format version this library reads and writes. */
#define PACTA_FORMAT_VERSION 1

/** Documented limits; exceeding one is a PACTA_ELIMIT error naming the limit. */
#define PACTA_MAX_FILE_BYTES (64u * 1024u * 1024u)
#define PACTA_MAX_ACTORS 10000
#define PACTA_MAX_ISSUES 1000
#define PACTA_MAX_PROPOSALS 1000
#define PACTA_MAX_SOURCES 10000
#define PACTA_MAX_ANCHORS 100
#define PACTA_MAX_ID_BYTES 64
#define PACTA_MAX_TEXT_BYTES 4096
#define PACTA_MAX_LONG_TEXT_BYTES 65536

/** Where something was written in its file (1-based; 0 when not from a file). */
typedef struct pacta_location {
    int line;
    int column;
} pacta_location_t;

/** A number with its provenance: where it came from and why. */
typedef struct pacta_value {
    double value;
    const char *source; /**< id of a pacta_source_t, or NULL */
    const char *note;   /**< free text ("inferred: ..."), or NULL */
    pacta_location_t at;
} pacta_value_t;

/** A publication the numbers rest on. */
typedef struct pacta_source {
    const char *id;
    const char *title;
    const char *publisher; /**< or NULL */
    const char *date;      /**< YYYY, YYYY-MM or YYYY-MM-DD, or NULL */
    const char *url;       /**< or NULL */
    const char *note;      /**< or NULL */
    pacta_location_t at;
} pacta_source_t;

/** A named point on an issue's 0-100 scale. */
typedef struct pacta_anchor {
    pacta_value_t at;
    const char *label;
} pacta_anchor_t;

/** Linear display map of the 0-100 scale to a unit: 0 -> at_0, 100 -> at_100. */
typedef struct pacta_units {
    bool present;
    const char *name;
    double at_0;
    double at_100;
    int decimals; /**< digits after the decimal point when displayed */
} pacta_units_t;

/** One dimension bargained over. */
typedef struct pacta_issue {
    const char *id;
    const char *name;
    const char *low;         /**< what position 0 means */
    const char *high;        /**< what position 100 means */
    const char *description; /**< or NULL */
    const pacta_anchor_t *anchors; /**< sorted by position */
    size_t n_anchors;
    pacta_units_t units;
    bool has_status_quo;
    pacta_value_t status_quo;
    pacta_location_t at;
} pacta_issue_t;

/** An actor's stance on one issue. */
typedef struct pacta_stance {
    bool present;          /**< false: the actor takes no part in this issue */
    pacta_value_t position; /**< 0-100 */
    pacta_value_t salience; /**< 0-100 */
    const char *source;     /**< applies to the stance as a whole, or NULL */
    const char *note;
    pacta_location_t at;
} pacta_stance_t;

/** One entry of an actor's ideal adjustment (KTAB's IdealAdjustment; used by smp). */
typedef struct pacta_adjustment {
    size_t toward;        /**< index into pacta_scenario_t.actors of the actor followed */
    pacta_value_t weight; /**< in [0, 1] */
} pacta_adjustment_t;

/** A party to the bargain. */
typedef struct pacta_actor {
    const char *id;
    const char *name;
    const char *description; /**< or NULL */
    pacta_value_t capability; /**< >= 0; only ratios matter */
    bool veto;
    bool has_risk;
    pacta_value_t risk;       /**< fixed risk exponent when has_risk */
    const pacta_stance_t *stances; /**< one per issue, indexed like pacta_scenario_t.issues */
    /** How far the actor's ideal point follows the actors' new positions after each round
     * of smp: the actor's row of the adjustment matrix is the identity row (weight 1
     * toward itself, 0 toward others) with these entries replacing its elements; a row's
     * weights sum to at most 1. Usually empty (the ideal is the actor's new position). */
    const pacta_adjustment_t *adjustments;
    size_t n_adjustments;
    pacta_location_t at;
} pacta_actor_t;

/** A concrete deal on the table. */
typedef struct pacta_proposal {
    const char *id;
    const char *name;
    const char *date;        /**< or NULL */
    const char *source;      /**< or NULL */
    const char *description; /**< or NULL */
    const char *note;        /**< or NULL */
    const char *const *sponsors; /**< actor ids */
    size_t n_sponsors;
    const bool *covers;            /**< one per issue: whether the proposal takes a position */
    const pacta_value_t *positions; /**< one per issue; meaningful where covers[k] */
    pacta_location_t at;
} pacta_proposal_t;

/** A model option set by the scenario file (YAML model_settings; KTAB's ModelParameters).
 * pacta forecast applies it to the model before any --set. */
typedef struct pacta_model_setting {
    const char *model; /**< a model name, e.g. "smp" */
    const char *key;   /**< one of the model's options */
    const char *value; /**< a valid value of that option */
    pacta_location_t at;
} pacta_model_setting_t;

/** A whole scenario. Read-only after loading. */
typedef struct pacta_scenario {
    int format_version;
    const char *path;        /**< the file it was read from, or "" */
    const char *title;
    const char *description; /**< or NULL */
    const char *date;        /**< or NULL */
    const pacta_source_t *sources;
    size_t n_sources;
    const pacta_issue_t *issues;
    size_t n_issues;
    const pacta_actor_t *actors;
    size_t n_actors;
    const pacta_proposal_t *proposals;
    size_t n_proposals;
    const pacta_model_setting_t *model_settings; /**< in file order; later entries win */
    size_t n_model_settings;
} pacta_scenario_t;

/** How a flat CSV actor table is to be read. */
typedef struct pacta_csv_options {
    double salience_scale; /**< 100 (default) or 1: saliences given on 0-1 are multiplied by 100 */
    bool has_scale;        /**< positions are in a unit from scale_low to scale_high */
    double scale_low;
    double scale_high;
    const char *unit_name; /**< name of that unit, or NULL */
    const char *title;     /**< scenario title, or NULL for one made from the file name */
} pacta_csv_options_t;

/** Fill @p options with defaults (saliences on 0-100, positions on 0-100). */
void pacta_csv_options_default(pacta_csv_options_t *options);

/**
 * Read and check a scenario. YAML unless the name ends in ".csv" (a flat actor table read
 * with default options, or a KTAB scenario when its first lines are in KTAB's layout) or
 * ".xml" (a KTAB scenario in XML).
 *
 * Every problem found is reported to @p diag (borrowed; may be NULL). On any error nothing
 * is returned and the diagnostics say what is wrong.
 *
 * @param out   output: the scenario, to be freed with pacta_scenario_destroy().
 * @param path  file to read (borrowed).
 * @param diag  diagnostics (borrowed, may be NULL).
 * @return PACTA_OK; PACTA_EIO (cannot open or read); PACTA_EINPUT (malformed, see diag);
 *         PACTA_ELIMIT (too large); PACTA_ENOMEM.
 * Thread-safe (no shared state). Time: linear in the file size plus O(A*I) for A actors and
 * I issues.
 */
pacta_status pacta_scenario_load(pacta_scenario_t **out, const char *path, pacta_diag_t *diag);

/**
 * Read and check a scenario from memory. @p name is used in diagnostics (e.g. the path).
 * @p format is "yaml", "csv" (a flat table, or KTAB's layout when detected), "ktab-csv"
 * (KTAB's layout only) or "ktab-xml"; @p csv_options may be NULL for defaults.
 * Same statuses as pacta_scenario_load().
 */
pacta_status pacta_scenario_parse(pacta_scenario_t **out, const char *text, size_t length,
                                  const char *name, const char *format,
                                  const pacta_csv_options_t *csv_options, pacta_diag_t *diag);

/** Read a flat CSV actor table from a file with explicit options. See pacta_scenario_load(). */
pacta_status pacta_scenario_load_csv(pacta_scenario_t **out, const char *path,
                                     const pacta_csv_options_t *options, pacta_diag_t *diag);

/**
 * Read a scenario written for KTAB (the KAPSARC Toolkit for Behavioral Analysis): KTAB's
 * XML format when the name ends in ".xml", else KTAB's CSV layout (docs/scenario-format.md).
 * A CSV file that is not in KTAB's layout is an error. Same statuses as
 * pacta_scenario_load(); pacta_scenario_load() and pacta_scenario_load_csv() also recognise
 * KTAB files by their extension and first lines.
 */
pacta_status pacta_scenario_load_ktab(pacta_scenario_t **out, const char *path,
                                      pacta_diag_t *diag);

/** Free a scenario. Accepts NULL. */
void pacta_scenario_destroy(pacta_scenario_t *scenario);

/**
 * Write @p scenario as a format_version 1 YAML document to @p stream (borrowed).
 * Reading the output back gives an equal scenario (numbers are written with 17 significant
 * digits when needed). @return PACTA_OK or PACTA_EIO.
 */
pacta_status pacta_scenario_write_yaml(const pacta_scenario_t *scenario, FILE *stream);

/** Index of the issue with id @p id, or -1. Linear time. */
long pacta_scenario_find_issue(const pacta_scenario_t *scenario, const char *id);

/** Index of the actor with id @p id, or -1. Linear time. */
long pacta_scenario_find_actor(const pacta_scenario_t *scenario, const char *id);

/** Map a 0-100 scale value to the issue's display unit (identity without units). */
double pacta_issue_to_units(const pacta_issue_t *issue, double scale_value);

/**
 * The anchor nearest to @p scale_value (ties to the lower one), or NULL when the issue has
 * no anchors. The ends 0 and 100 count as anchors labelled by low and high; @p label_out
 * receives the label and @p at_out its position.
 */
bool pacta_issue_nearest_anchor(const pacta_issue_t *issue, double scale_value, double *at_out,
                                const char **label_out);

#ifdef __cplusplus
}
#endif

#endif
