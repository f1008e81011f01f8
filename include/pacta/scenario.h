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
#include <pacta/export.h>
#include <pacta/format.h>
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
#define PACTA_MAX_COALITIONS 1000
#define PACTA_MAX_ANCHORS 100
#define PACTA_MAX_ID_BYTES 64
#define PACTA_MAX_TEXT_BYTES 4096
#define PACTA_MAX_LONG_TEXT_BYTES 65536

/** Where something was written in its file (1-based; 0 when not from a file). */
typedef struct pacta_location {
    int line;
    int column;
} pacta_location_t;

/** Kind of an uncertain input's distribution (docs/scenario-format.md, "Uncertainty"). */
typedef enum pacta_distribution_kind {
    PACTA_DIST_NORMAL = 0,     /**< a = mean, b = sd; truncated to [lo, hi] */
    PACTA_DIST_UNIFORM = 1,    /**< on [lo, hi] */
    PACTA_DIST_TRIANGULAR = 2, /**< on [lo, hi] with mode a */
    PACTA_DIST_BETA = 3,       /**< Beta(a, b) scaled to [lo, hi] */
    PACTA_DIST_CHOICE = 4,     /**< one of values[] with probabilities proportional to weights[] */
} pacta_distribution_kind;

/** What is known about an uncertain number. */
typedef struct pacta_distribution {
    pacta_distribution_kind kind;
    double a;
    double b;
    double lo; /**< support: within the field's own range */
    double hi;
    const double *values; /**< choice only */
    const double *weights;
    size_t n_values;
} pacta_distribution_t;

/** A number with its provenance: where it came from and why. */
typedef struct pacta_value {
    double value;       /**< the point value (for an uncertain number, its central value) */
    const char *source; /**< id of a pacta_source_t, or NULL */
    const char *note;   /**< free text ("inferred: ..."), or NULL */
    const pacta_distribution_t *dist; /**< NULL for a fixed number */
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
    bool has_outcome;      /**< whether the issue records what was actually decided */
    pacta_value_t outcome; /**< the observed outcome on 0-100, for backtests (backtest.h) */
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

/** Kind of a provision's value. */
typedef enum pacta_provision_type {
    PACTA_PROVISION_FLAG = 0,   /**< true/false, stored as 1/0 */
    PACTA_PROVISION_NUMBER = 1, /**< a number within the spec's range */
} pacta_provision_type;

/** A documented provision key that proposals may declare (docs/scenario-format.md). */
typedef struct pacta_provision_spec {
    const char *key;
    pacta_provision_type type;
    double min;        /**< for numbers */
    double max;
    const char *unit;  /**< for numbers, or NULL */
    const char *help;  /**< what it means and which analyses read it */
} pacta_provision_spec_t;

/** The documented provision keys; @p n receives their number. Static, thread-safe. */
PACTA_API const pacta_provision_spec_t *pacta_provision_specs(size_t *n);

/**
 * The documented keys of a scenario's top-level `durability:` block: facts about the war
 * (not about any one proposal) that durability models read, such as whether it is fought
 * between states. Same representation as provisions. @p n receives their number.
 */
PACTA_API const pacta_provision_spec_t *pacta_durability_fact_specs(size_t *n);

/** One provision of a proposal: a documented key and its value with provenance. */
typedef struct pacta_provision {
    const char *key;
    pacta_provision_type type;
    pacta_value_t value; /**< 1 or 0 for flags */
} pacta_provision_t;

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
    const pacta_provision_t *provisions; /**< what the text provides, in file order */
    size_t n_provisions;
    pacta_location_t at;
} pacta_proposal_t;

/** The provision with key @p key, or NULL when the proposal does not declare it. */
PACTA_API const pacta_provision_t *pacta_proposal_provision(const pacta_proposal_t *proposal,
                                                            const char *key);

/** A declared group of actors (an alliance, a bloc) whose cohesion deals are checked for. */
typedef struct pacta_coalition {
    const char *id;
    const char *name;
    const char *note;        /**< or NULL */
    const char *source;      /**< or NULL */
    const size_t *members;   /**< actor indices */
    size_t n_members;
    pacta_location_t at;
} pacta_coalition_t;

/** One issue of the contested stake in the war section. */
typedef struct pacta_stake_issue {
    size_t issue;         /**< index into the scenario's issues */
    pacta_value_t weight; /**< > 0; weights are normalised over the stake */
    bool a_prefers_high;  /**< whether position 100 is side A's end of the scale */
    bool declared;        /**< whether the end was declared (favours_a) or inferred */
} pacta_stake_issue_t;

/** What a power shift depends on. */
typedef enum pacta_shift_basis {
    PACTA_SHIFT_ISSUE = 0,     /**< per scale point of the proposal away from the status quo */
    PACTA_SHIFT_PROVISION = 1, /**< times the provision's value (1/0 for flags) */
} pacta_shift_basis;

/** What a power shift moves. */
typedef enum pacta_shift_target {
    PACTA_SHIFT_P = 0,         /**< side A's probability of prevailing in this war */
    PACTA_SHIFT_NEXT_COST = 1, /**< the aggressor's cost of a next war (reputation model) */
} pacta_shift_target;

/** A documented mapping from a proposal's content to a change of the balance of power,
 * phased in linearly over a number of years (docs/models.md, settlement models). */
typedef struct pacta_power_shift {
    const char *id;
    pacta_shift_basis basis;
    pacta_shift_target target;
    size_t issue;           /**< for PACTA_SHIFT_ISSUE */
    const char *provision;  /**< for PACTA_SHIFT_PROVISION: a provision key */
    pacta_value_t effect;   /**< change per scale point, or per unit of the provision */
    pacta_value_t years;    /**< phase-in time, >= 0 (0: at once) */
    pacta_location_t at;
} pacta_power_shift_t;

/** Parameters of the reputation ("emboldening") model; all probabilities in [0, 1]. */
typedef struct pacta_reputation {
    bool present;
    pacta_value_t belief;                /**< pi: observers' belief the defenders are resolute */
    pacta_value_t concede_if_resolute;   /**< q_R */
    pacta_value_t concede_if_irresolute; /**< q_W */
    pacta_value_t next_held;             /**< q: the aggressor's current share of a next stake */
    pacta_value_t next_p;                /**< its probability of winning a next war */
    pacta_value_t next_cost;             /**< its cost of a next war, as a share of that stake */
    const char *source; /**< id of a pacta_source_t for the block as a whole, or NULL */
    const char *note;   /**< or NULL */
    pacta_location_t at;
} pacta_reputation_t;

/** How side A's probability of prevailing is obtained. */
typedef enum pacta_p_method {
    PACTA_P_GIVEN = 0,      /**< stated in the scenario, with its source */
    PACTA_P_CAPABILITY = 1, /**< sum of side A's capabilities over both sides' (docs/models.md) */
} pacta_p_method;

/** The war a deal would end (Fearon 1995; Powell 2006). Shares are of the contested stake. */
typedef struct pacta_war {
    bool present;
    const size_t *side_a; /**< actor indices of side A (the side whose share x is measured) */
    size_t n_side_a;
    const size_t *side_b;
    size_t n_side_b;
    pacta_p_method p_method;
    pacta_value_t p;        /**< P(side A prevails), when given */
    pacta_value_t cost_a;   /**< A's cost of fighting on, share of the stake */
    pacta_value_t cost_b;
    pacta_value_t discount; /**< per-year discount factor in (0, 1) */
    pacta_value_t horizon;  /**< years over which a deal must hold */
    const pacta_stake_issue_t *stake;
    size_t n_stake;
    const pacta_power_shift_t *shifts;
    size_t n_shifts;
    pacta_reputation_t reputation;
    const char *source; /**< id of a pacta_source_t for the section as a whole, or NULL */
    const char *note;   /**< or NULL */
    pacta_location_t at;
} pacta_war_t;
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
    const pacta_coalition_t *coalitions;
    size_t n_coalitions;
    pacta_war_t war; /**< war.present is false when the scenario has no war section */
    const pacta_provision_t *durability; /**< the `durability:` block's facts, in file order */
    size_t n_durability;
    pacta_location_t durability_at;      /**< where the block is (0 when absent) */
    const pacta_model_setting_t *model_settings; /**< in file order; later entries win */
    size_t n_model_settings;
} pacta_scenario_t;

/** The durability fact with key @p key, or NULL when the scenario does not give it. */
PACTA_API const pacta_provision_t *pacta_scenario_durability_fact(const pacta_scenario_t *scenario,
                                                                  const char *key);

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
PACTA_API void pacta_csv_options_default(pacta_csv_options_t *options);

/**
 * Read and check a scenario in any format pacta reads (format.h): a pacta YAML scenario, a
 * flat actor table (CSV, read with default options), or a KTAB scenario (KTAB's CSV layout
 * or its XML). The format is recognised from the content first and the file name's suffix
 * second (pacta_format_detect()), so a file with the wrong suffix is still read right.
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
PACTA_API pacta_status pacta_scenario_load(pacta_scenario_t **out, const char *path,
                                           pacta_diag_t *diag);

/**
 * Read and check a scenario in @p format, or in the format recognised from its content and
 * name when @p format is PACTA_FORMAT_AUTO. @p csv_options (borrowed, may be NULL for
 * defaults) apply to flat CSV tables. PACTA_FORMAT_CSV reads a flat table, or KTAB's layout
 * when its first row says so; PACTA_FORMAT_KTAB_CSV only KTAB's layout.
 * Same statuses as pacta_scenario_load(), and PACTA_EINVAL when @p format is not one that
 * scenarios are read from (pacta_format_reads()).
 */
PACTA_API pacta_status pacta_scenario_load_as(pacta_scenario_t **out, const char *path,
                                              pacta_format format,
                                              const pacta_csv_options_t *csv_options,
                                              pacta_diag_t *diag);

/**
 * Read and check a scenario from memory, as pacta_scenario_load_as(). @p name (borrowed,
 * may be NULL) is used in diagnostics and, with PACTA_FORMAT_AUTO, as the suffix that
 * decides when the content does not.
 */
PACTA_API pacta_status pacta_scenario_parse_as(pacta_scenario_t **out, const char *text,
                                               size_t length, const char *name, pacta_format format,
                                               const pacta_csv_options_t *csv_options,
                                               pacta_diag_t *diag);

/**
 * As pacta_scenario_parse_as() with the format given by its name (pacta_format_name():
 * "yaml", "csv", "ktab-csv", "ktab-xml"), or NULL or "auto" to recognise it.
 * PACTA_EINVAL for a name that is no scenario format.
 */
PACTA_API pacta_status pacta_scenario_parse(pacta_scenario_t **out, const char *text, size_t length,
                                            const char *name, const char *format,
                                            const pacta_csv_options_t *csv_options,
                                            pacta_diag_t *diag);

/** Read a flat CSV actor table from a file with explicit options. See pacta_scenario_load(). */
PACTA_API pacta_status pacta_scenario_load_csv(pacta_scenario_t **out, const char *path,
                                               const pacta_csv_options_t *options,
                                               pacta_diag_t *diag);

/**
 * Read a scenario written for KTAB (the KAPSARC Toolkit for Behavioral Analysis): KTAB's
 * XML format when the content (or else the name) is XML, else KTAB's CSV layout
 * (docs/scenario-format.md). A CSV file that is not in KTAB's layout is an error. Same
 * statuses as pacta_scenario_load(), which also recognises KTAB files.
 */
PACTA_API pacta_status pacta_scenario_load_ktab(pacta_scenario_t **out, const char *path,
                                                pacta_diag_t *diag);

/** Free a scenario. Accepts NULL. */
PACTA_API void pacta_scenario_destroy(pacta_scenario_t *scenario);

/**
 * Write @p scenario as a format_version 1 YAML document to @p stream (borrowed).
 * Reading the output back gives an equal scenario (numbers are written with 17 significant
 * digits when needed). @return PACTA_OK or PACTA_EIO.
 */
PACTA_API pacta_status pacta_scenario_write_yaml(const pacta_scenario_t *scenario, FILE *stream);

/** Which number of an actor a pacta_scenario_edit_t replaces. */
typedef enum pacta_edit_field {
    PACTA_EDIT_CAPABILITY = 0, /**< the actor's capability (>= 0) */
    PACTA_EDIT_POSITION = 1,   /**< its position on an issue (0-100) */
    PACTA_EDIT_SALIENCE = 2,   /**< its salience of an issue (0-100) */
} pacta_edit_field;

/** One change of a what-if: actor @p actor's @p field (on @p issue) becomes @p value. */
typedef struct pacta_scenario_edit {
    const char *actor;      /**< an actor's id (borrowed) */
    const char *issue;      /**< an issue's id for positions and saliences; ignored (may be
                                 NULL) for capabilities */
    pacta_edit_field field; /**< what to replace */
    double value;           /**< the new point value; it replaces any distribution */
} pacta_scenario_edit_t;

/**
 * A copy of @p base with @p n edits applied in order (a later edit of the same number wins),
 * checked as a loaded scenario is (docs/scenario-format.md). An edited number keeps its
 * source and note but loses its distribution: the what-if fixes it. @p base is unchanged.
 * Each edit that names no actor or issue of the scenario, an issue the actor takes no part
 * in, or a value out of the field's range is an error in @p diag (borrowed, may be NULL)
 * with the field "edits[K].actor", "edits[K].issue" or "edits[K].value"; all are reported.
 * @param out  output: the edited scenario, freed with pacta_scenario_destroy(); NULL on error.
 * @param edits borrowed; may be NULL when @p n is 0 (a plain copy).
 * @return PACTA_OK; PACTA_EINPUT (a bad edit, or the edited scenario fails a check);
 *         PACTA_EINVAL (NULL @p out or @p base); PACTA_ENOMEM; PACTA_EIO.
 * Thread-safe (@p base is only read). Time: linear in the size of the scenario plus
 * O(n (A + I)) for A actors and I issues.
 */
PACTA_API pacta_status pacta_scenario_edit(pacta_scenario_t **out, const pacta_scenario_t *base,
                                           const pacta_scenario_edit_t *edits, size_t n,
                                           pacta_diag_t *diag);

/** Index of the issue with id @p id, or -1. Linear time. */
PACTA_API long pacta_scenario_find_issue(const pacta_scenario_t *scenario, const char *id);

/** Index of the actor with id @p id, or -1. Linear time. */
PACTA_API long pacta_scenario_find_actor(const pacta_scenario_t *scenario, const char *id);

/** Map a 0-100 scale value to the issue's display unit (identity without units). */
PACTA_API double pacta_issue_to_units(const pacta_issue_t *issue, double scale_value);

/**
 * The labelled point nearest to @p scale_value (ties to the lower one): an anchor, or one of
 * the ends 0 and 100, labelled by low and high, so an issue without anchors still has two.
 * @p label_out receives the label and @p at_out its position; returns true.
 */
PACTA_API bool pacta_issue_nearest_anchor(const pacta_issue_t *issue, double scale_value,
                                          double *at_out, const char **label_out);

#ifdef __cplusplus
}
#endif

#endif
