/**
 * @file evaluate.h
 * @brief Settlement analysis: judge each proposal of a scenario.
 *
 * For every proposal: who accepts and who rejects it against their reservation value and
 * why (per-issue contributions), whether every veto player accepts, the weighted Nash
 * product, coalition cohesion, a Pareto check, the distance from each model's forecast;
 * and, when the scenario has a `war:` section, Fearon's bargaining range, the commitment
 * problem over the horizon (Powell) and the reputation ("emboldening") model. Sensitivity
 * runs vary one or two declared parameters over a grid and locate where verdicts change.
 * Equations: docs/models.md, "Settlement analysis".
 */
#ifndef PACTA_EVALUATE_H
#define PACTA_EVALUATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <pacta/diag.h>
#include <pacta/durability.h>
#include <pacta/export.h>
#include <pacta/format.h>
#include <pacta/scenario.h>
#include <pacta/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/** How an actor values an outcome: minus its salience-weighted loss over the issues. */
typedef enum pacta_utility {
    PACTA_UTILITY_LINEAR = 0,    /**< loss s|x - v| (the models' convention) */
    PACTA_UTILITY_QUADRATIC = 1, /**< loss s (x - v)^2 / 100 */
} pacta_utility;

/** What an actor compares a deal with. */
typedef enum pacta_reservation {
    PACTA_RESERVATION_AUTO = 0,       /**< continued war when the scenario has one, else status quo */
    PACTA_RESERVATION_STATUS_QUO = 1, /**< every issue stays at its status quo */
    PACTA_RESERVATION_WAR = 2,        /**< the war goes on: a lottery over the stake, minus costs */
} pacta_reservation;

/** How observers' belief in the defenders' resolve responds to a deal (docs/models.md R1). */
typedef enum pacta_belief_update {
    PACTA_UPDATE_GRADED = 0, /**< a power likelihood: the update grows with the concession's size */
    PACTA_UPDATE_SIGN = 1,   /**< the full Bayesian update for any concession, whatever its size */
} pacta_belief_update;

/** A named parameter set to a value, overriding the scenario (see pacta_evaluate_parameters). */
typedef struct pacta_override {
    const char *name;
    double value;
} pacta_override_t;

/** What to evaluate. Fill with pacta_evaluate_options_default(). Strings are borrowed. */
typedef struct pacta_evaluate_options {
    const char *proposal;          /**< only this proposal id, or NULL for all */
    pacta_utility utility;
    pacta_reservation reservation;
    pacta_belief_update update;    /**< how the reputation model updates (default graded) */
    bool pareto;                   /**< run the Pareto search (linear utility only) */
    bool compare_models;           /**< distance from each model's forecast */
    const pacta_override_t *overrides;
    size_t n_overrides;
    /** Also predict how long each deal would hold with this model (borrowed), from the
     *  proposals' provisions and the scenario's durability facts; NULL: not judged. */
    const pacta_durability_model_t *durability;
} pacta_evaluate_options_t;

/** Defaults: all proposals, linear utility, automatic reservation, Pareto search and model
 * comparison on, no overrides, no durability model. */
PACTA_API void pacta_evaluate_options_default(pacta_evaluate_options_t *options);

/** One actor's verdict on a deal. Gains are in salience-weighted scale points (a salience
 * of 100 and a move of 10 points is 10). */
typedef struct pacta_actor_verdict {
    size_t actor;              /**< index into scenario->actors */
    bool takes_part;           /**< false: the actor has no stance on any compared issue */
    double loss_deal;          /**< loss at the deal */
    double loss_reservation;   /**< expected loss at the reservation, war cost included */
    double war_cost;           /**< the part of loss_reservation that is the cost of fighting */
    double gain;               /**< loss_reservation - loss_deal; accepts iff >= 0 */
    bool accepts;
    const double *contribution; /**< per issue: its part of the gain (0 without a stance) */
    /** The smallest move of the deal on one issue, in scale points, that would flip this
     *  verdict (linear loss: |gain| over the actor's largest salience/100 among the compared
     *  issues), and that issue; INFINITY and 0 when no single move can. */
    double flip_points;
    size_t flip_issue;
    bool close_call; /**< flip_points < PACTA_CLOSE_CALL_POINTS */
} pacta_actor_verdict_t;

/** A verdict is a close call when a move of the deal by less than this many scale points on
 *  one issue would flip it (acceptance), ... */
#define PACTA_CLOSE_CALL_POINTS 1.0
/** ... or when a change of less than this in p or a war cost would (the range and the
 *  commitment test: their margins move one for one with p and the costs). */
#define PACTA_CLOSE_CALL_SHARE 0.01
/** Margins of the range and the commitment test count as non-negative down to minus this:
 *  a deal exactly on a bound is inside, whatever the rounding of the sums (issue 20). */
#define PACTA_MARGIN_SLACK 1e-9

/** Spread of a coalition's members' gains. */
typedef struct pacta_coalition_verdict {
    size_t coalition; /**< index into scenario->coalitions */
    double gain_min;
    double gain_max;
    double gain_sd;   /**< population standard deviation */
    size_t n_accept;
    size_t n_reject;
    bool split;       /**< some members accept what others reject */
} pacta_coalition_verdict_t;

/** Fearon's bargaining range for the stake (shares are side A's). */
typedef struct pacta_bargaining_verdict {
    bool present;
    double p;            /**< P(side A prevails) */
    double cost_a, cost_b;
    double x;            /**< side A's share of the stake under the deal */
    double x_status_quo; /**< under the status quo */
    double low, high;    /**< the range [p - c_A, p + c_B], clipped to [0, 1] */
    double margin_a;     /**< x - (p - c_A): >= 0 when A prefers the deal to war */
    double margin_b;     /**< (p + c_B) - x: >= 0 when B does */
    bool inside;         /**< both margins >= -PACTA_MARGIN_SLACK */
    bool close_call;     /**< the smaller margin is within PACTA_CLOSE_CALL_SHARE of 0 */
} pacta_bargaining_verdict_t;

/** Whether the deal survives the shift of power it creates, year by year. */
typedef struct pacta_commitment_verdict {
    bool present;
    size_t years;          /**< the horizon; arrays below have years + 1 entries (t = 0..years) */
    const double *p;       /**< projected P(side A prevails) */
    const double *margin_a;
    const double *margin_b;
    int first_negative;    /**< first year a margin is negative, or -1 */
    char negative_side;    /**< 'A' or 'B' for that year, or 0 */
    int powell_year;       /**< first year t whose shift to t+1 breaks the Powell condition, or -1 */
    char powell_side;      /**< the declining side that would rather fight: 'A', 'B' or 0 */
    bool self_enforcing;   /**< no negative margin and no Powell breakdown within the horizon */
    double min_margin;     /**< the smallest margin of either side over the horizon */
    bool close_call;       /**< min_margin is within PACTA_CLOSE_CALL_SHARE of 0 */
} pacta_commitment_verdict_t;

/** The reputation model: does the deal embolden side A? */
typedef struct pacta_emboldening_verdict {
    bool present;
    int concession;            /**< +1 side A gains stake over the status quo, -1 loses, 0 neither */
    double concession_size;    /**< share of what could be conceded (or held) that the deal
                                    concedes (holds): the likelihoods' power in a graded update */
    double belief_before;      /**< pi */
    double belief_after;       /**< pi' after Bayes' rule */
    double next_p_before, next_p_after;
    double next_cost_before, next_cost_after;
    double threshold_before;   /**< pi* = (1 - q)/(1 - p + c); +inf when never deterred */
    double threshold_after;
    double eu_attack_before;   /**< pi (p - c) + (1 - pi) */
    double eu_attack_after;
    double index;              /**< eu_attack_after - eu_attack_before */
    bool deterred_before;      /**< pi > pi* */
    bool deterred_after;
    bool emboldens;            /**< deterred before the deal, not after */
} pacta_emboldening_verdict_t;

/** Result of the search for an outcome every actor weakly prefers to the deal. */
typedef struct pacta_pareto_verdict {
    bool checked;          /**< false: not run (option off, or quadratic utility) */
    bool dominated;        /**< a point every actor weakly prefers, one strictly, exists */
    const double *point;   /**< per issue, when dominated */
    const double *gains;   /**< per actor, its gain at that point over the deal */
    double total_gain;
} pacta_pareto_verdict_t;

/** How long the peace after the deal would hold (pacta_durability_predict). */
typedef struct pacta_durability_verdict {
    bool present;         /**< a model was given and the scenario has the facts it needs */
    double years;         /**< the horizon (5 years) */
    double survival;      /**< P(the peace holds that long) */
    double lower, upper;  /**< its interval at the evaluation's durability_level */
} pacta_durability_verdict_t;

/** Where two tests of a deal disagree (issue 14: one verdict, reconciled). */
typedef enum pacta_disagreement {
    PACTA_DISAGREE_NONE = 0,
    /** Every veto player accepts on its stated positions, yet a side expects a larger share
     *  of the stake by fighting on (acceptance weighs every issue; the range only the stake,
     *  with p and the war costs). */
    PACTA_DISAGREE_ACCEPTED_OUT_OF_RANGE = 1,
    /** The stake split is inside the range, yet veto players reject the deal as a whole: the
     *  obstacle is off the stake. */
    PACTA_DISAGREE_REJECTED_IN_RANGE = 2,
    /** Outside today's range, yet self-enforcing once signed: the deal's immediate shifts of
     *  power close the gap (docs/models.md C2). */
    PACTA_DISAGREE_HOLDS_OUT_OF_RANGE = 3,
} pacta_disagreement;

/** What the tests say together. */
typedef struct pacta_reconciled_verdict {
    bool viable;          /**< vetoes accept, inside the range, self-enforcing (as present) */
    char fights_on;       /**< 'A' or 'B': the side outside the range that would fight on, or 0 */
    int stops_holding;    /**< first year the deal stops holding (margin or Powell), or -1 */
    pacta_disagreement disagreement;
} pacta_reconciled_verdict_t;

/** Everything about one proposal. */
typedef struct pacta_proposal_verdict {
    size_t proposal;                      /**< index into scenario->proposals */
    const double *point;                  /**< the deal on every issue (status quo where open) */
    const pacta_actor_verdict_t *actors;  /**< one per scenario actor */
    size_t n_accept;
    size_t n_reject;
    size_t n_veto_reject;
    bool vetoes_accept;                   /**< every veto player that takes part accepts */
    bool nash_defined;                    /**< every participant gains strictly */
    double log_nash_product;              /**< sum of w_i ln gain_i, w = capability shares */
    const double *model_distance;         /**< per model: mean |deal - forecast| on covered issues */
    const pacta_coalition_verdict_t *coalitions;
    size_t n_coalitions;
    pacta_bargaining_verdict_t bargaining;
    pacta_commitment_verdict_t commitment;
    pacta_emboldening_verdict_t emboldening;
    pacta_pareto_verdict_t pareto;
    pacta_durability_verdict_t durability;
    pacta_reconciled_verdict_t reconciled;
} pacta_proposal_verdict_t;

/** An evaluation of a scenario's proposals. */
typedef struct pacta_evaluation {
    const pacta_proposal_verdict_t *proposals;
    size_t n_proposals;
    pacta_utility utility;
    pacta_reservation reservation; /**< the reservation used (never AUTO) */
    pacta_belief_update update;    /**< the reputation model's update used */
    const char *const *models;     /**< names of the models compared, when compare_models */
    size_t n_models;
    const double *forecast;        /**< per model and issue: [m * n_issues + k], NAN if undefined */
    size_t n_issues;
    const char *const *parameter_names; /**< the war and reputation parameters used, after */
    const double *parameter_values;     /**< overrides (p, cost_a, ...); none without a war */
    size_t n_parameters;
    double durability_level;        /**< coverage of the durability intervals (0.95) */
    const char *durability_note;    /**< why durability was asked for but not judged, or NULL */
} pacta_evaluation_t;

/**
 * Free what evaluating left behind in the calling thread: the Pareto check's linear-programme
 * solver (GLPK) keeps an environment per thread that lives until this call or the end of the
 * process, so a program that evaluates in threads it creates and ends (a server's connection
 * threads) calls this before each such thread ends. Harmless when the thread holds nothing;
 * a later evaluation in the thread simply sets the solver up again. Thread-safe (acts on the
 * calling thread only). Time: O(1).
 */
PACTA_API void pacta_evaluate_thread_cleanup(void);

/**
 * Check that @p scenario holds what evaluating its proposals with @p options needs: a status
 * quo on every issue a proposal takes a position on (or, under a war reservation, on every
 * stake issue a proposal leaves open), a status quo for every shift measured from one, and a
 * war section when the reservation is war. pacta_evaluate() runs it first; 'pacta check' runs
 * it too, so both reject the same files. Each problem goes to @p diag at the issue's place.
 * @return PACTA_OK; PACTA_EINPUT (see diag); PACTA_EINVAL (war reservation without a war
 *         section); PACTA_ENOMEM. Thread-safe; O(P I).
 */
PACTA_API pacta_status pacta_evaluate_check(const pacta_scenario_t *scenario,
                                            const pacta_evaluate_options_t *options,
                                            pacta_diag_t *diag);

/**
 * Evaluate the proposals of @p scenario (borrowed; must outlive the result).
 * @return PACTA_OK; PACTA_EINVAL (unknown proposal or parameter, or nothing to evaluate;
 *         see diag); PACTA_EINPUT (the scenario lacks something the analysis needs, e.g. a
 *         status quo on an issue a proposal covers); PACTA_ENUMERIC; PACTA_ENOMEM.
 * Time: O(P (A I + T)) plus the forecast models and one linear programme per proposal.
 */
PACTA_API pacta_status pacta_evaluate(pacta_evaluation_t **out, const pacta_scenario_t *scenario,
                                      const pacta_evaluate_options_t *options, pacta_diag_t *diag);

/** Free an evaluation. Accepts NULL. */
PACTA_API void pacta_evaluation_destroy(pacta_evaluation_t *evaluation);

/**
 * Names of the scalar parameters that overrides and sensitivity runs may set for
 * @p scenario: p, cost_a, cost_b, discount, horizon and, with a reputation block, belief,
 * concede_if_resolute, concede_if_irresolute, next_held, next_p, next_cost. Besides these,
 * every shift of the war section can be set as shift.<id> (its effect) and shift.<id>.years.
 * Returns the count; @p names (may be NULL) receives up to @p max static strings.
 */
PACTA_API size_t pacta_evaluate_parameters(const pacta_scenario_t *scenario, const char **names,
                                           size_t max);

/** The verdicts a sensitivity run tracks. */
typedef enum pacta_verdict_kind {
    PACTA_VERDICT_VETOES_ACCEPT = 0, /**< every veto player accepts */
    PACTA_VERDICT_INSIDE_RANGE = 1,  /**< inside the bargaining range */
    PACTA_VERDICT_SELF_ENFORCING = 2,
    PACTA_VERDICT_EMBOLDENS = 3,
    PACTA_VERDICT_COUNT = 4
} pacta_verdict_kind;

/** Static name of a verdict ("vetoes_accept", ...). */
PACTA_API const char *pacta_verdict_name(pacta_verdict_kind kind);

/** A grid of values for one parameter: from, to (inclusive), step > 0. */
typedef struct pacta_vary {
    const char *name;
    double from;
    double to;
    double step;
} pacta_vary_t;

/** Where a verdict changes along a one-parameter grid. */
typedef struct pacta_crossing {
    size_t proposal;         /**< index into scenario->proposals */
    pacta_verdict_kind verdict;
    double value;            /**< the parameter value at the change, located by bisection */
    bool before;             /**< the verdict just below value */
    bool after;
} pacta_crossing_t;

/** A sensitivity run: verdicts on a grid of one or two parameters. */
typedef struct pacta_sensitivity {
    size_t n_params;              /**< 1 or 2 */
    const char *names[2];
    const double *values[2];      /**< grid values of each parameter */
    size_t n_values[2];
    size_t n_proposals;
    const size_t *proposals;      /**< indices into scenario->proposals */
    /** verdicts[((i * n_values[1] + j) * n_proposals + p) * PACTA_VERDICT_COUNT + v]:
     *  1 true, 0 false, -1 not applicable (the analysis is absent). */
    const signed char *verdicts;
    const pacta_crossing_t *crossings; /**< one-parameter runs only */
    size_t n_crossings;
} pacta_sensitivity_t;

/**
 * Evaluate on the grid of one or two parameters (@p n_vary is 1 or 2). Crossings are located
 * to within 1e-9 of the parameter by bisection between grid points.
 * @return as pacta_evaluate(); PACTA_EINVAL also for an unknown parameter or a bad grid
 *         (more than 10 000 points per parameter).
 */
PACTA_API pacta_status pacta_evaluate_sensitivity(pacta_sensitivity_t **out,
                                                  const pacta_scenario_t *scenario,
                                                  const pacta_evaluate_options_t *options,
                                                  const pacta_vary_t *vary, size_t n_vary,
                                                  pacta_diag_t *diag);

/** Free a sensitivity run. Accepts NULL. */
PACTA_API void pacta_sensitivity_destroy(pacta_sensitivity_t *sensitivity);

/** The JSON schema name and version written by pacta_evaluation_write_json(). */
#define PACTA_EVALUATE_SCHEMA "pacta.evaluate/1"

/**
 * Write an evaluation (and, when @p sensitivity is not NULL, the sensitivity run) as JSON
 * (docs/json-schema.md). @return PACTA_OK, PACTA_ENOMEM or PACTA_EIO.
 */
PACTA_API pacta_status pacta_evaluation_write_json(const pacta_evaluation_t *evaluation,
                                                   const pacta_sensitivity_t *sensitivity,
                                                   const pacta_scenario_t *scenario, FILE *stream);

/** Write an evaluation as CSV, one row per proposal and actor (docs/json-schema.md). */
PACTA_API pacta_status pacta_evaluation_write_csv(const pacta_evaluation_t *evaluation,
                                                  const pacta_scenario_t *scenario, FILE *stream);

/** Write an evaluation in @p format (JSON or CSV, as above); PACTA_EINVAL for others. */
PACTA_API pacta_status pacta_evaluation_write(const pacta_evaluation_t *evaluation,
                                              const pacta_sensitivity_t *sensitivity,
                                              const pacta_scenario_t *scenario, pacta_format format,
                                              FILE *stream);

#ifdef __cplusplus
}
#endif

#endif
