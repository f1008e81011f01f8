/**
 * @file design.h
 * @brief Deal design: search the settlement space for deals that every veto player accepts.
 *
 * Every searched issue's value ranges over [0, 100]. A deal is feasible when (a) every veto
 * player accepts it (its gain over its reservation is >= 0, as pacta_evaluate() judges, A1-A4),
 * (b) with a war section, it lies inside the belligerents' bargaining range (F2), (c) with a
 * war section, it is self-enforcing over the horizon (C1-C3), and (d) with a reputation block
 * and a bound, its emboldening index (R4) is not above the bound. Among feasible deals the
 * search maximises an objective by COBYLA (NLopt) from several starts and reports the best
 * distinct ones; when none is feasible it reports the smallest relaxation that admits one.
 * Method and sources: docs/design-search.md.
 */
#ifndef PACTA_DESIGN_H
#define PACTA_DESIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <pacta/diag.h>
#include <pacta/evaluate.h>
#include <pacta/export.h>
#include <pacta/scenario.h>
#include <pacta/simulate.h>
#include <pacta/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/** What the search maximises over feasible deals. */
typedef enum pacta_design_objective {
    PACTA_DESIGN_MIN_MARGIN = 0, /**< the smallest gain of a veto player */
    PACTA_DESIGN_NASH = 1,       /**< sum of w_i ln gain_i / sum w_i over veto players,
                                      w = capability (the log of the weighted Nash product) */
    PACTA_DESIGN_DURABILITY = 2, /**< P(peace holds 5 years): not yet available (the durability
                                      model's covariates are provisions, which the search does
                                      not vary); pacta_design() rejects it with PACTA_EINVAL */
} pacta_design_objective;

/** The families of constraints a deal must meet. */
typedef enum pacta_design_constraint {
    PACTA_DESIGN_VETOES = 0,      /**< (a) every veto player's gain >= 0 (scale points) */
    PACTA_DESIGN_RANGE = 1,       /**< (b) inside the bargaining range (shares of the stake) */
    PACTA_DESIGN_COMMITMENT = 2,  /**< (c) margins stay >= 0 and no Powell breakdown (shares) */
    PACTA_DESIGN_EMBOLDENING = 3, /**< (d) emboldening index <= the bound (index units) */
    PACTA_DESIGN_CONSTRAINT_COUNT = 4
} pacta_design_constraint;

/** How to search. Fill with pacta_design_options_default(). */
typedef struct pacta_design_options {
    pacta_design_objective objective;
    size_t top;               /**< how many distinct deals to report (default 3) */
    double distinct;          /**< deals differ by at least this on some issue (default 5) */
    bool bound_emboldening;   /**< apply constraint (d) (needs a reputation block) */
    double max_emboldening;   /**< the bound of (d) */
    bool all_issues;          /**< search every issue, not only those the proposals cover */
    uint64_t seed;            /**< of the random starts (default 1) */
    size_t starts;            /**< random starts besides the proposals and the status quo (20) */
    double binding_tolerance; /**< a constraint binds when its slack is within this (1e-3) */
    pacta_utility utility;
    pacta_reservation reservation;
    pacta_belief_update update; /**< how the reputation model updates (default graded) */
    /** Robust designs: with runs > 0 every feasible end point of the search is judged again
     * in runs Monte Carlo draws of the scenario (replicate r draws what pacta_simulation's
     * replicate r draws for the same seed and jitter) and the deals are re-ranked by the
     * objective averaged over the draws, those whose constraints all hold in at least a
     * share confidence of the draws first (docs/design-search.md, "Robust designs"). */
    uint64_t runs;
    const pacta_jitter_t *jitter; /**< borrowed: perturbations of fixed numbers */
    size_t n_jitter;
    unsigned threads;  /**< worker threads for the draws; 0 means one per core */
    double confidence; /**< the least P(every constraint holds) a robust deal needs (0.9) */
} pacta_design_options_t;

/** Defaults: min-margin objective, top 3 deals 5 points apart, no emboldening bound, the
 * proposals' issues, seed 1, 20 random starts, linear utility, automatic reservation, no
 * Monte Carlo draws (confidence 0.9 when some are asked for), one thread per core. */
PACTA_API void pacta_design_options_default(pacta_design_options_t *options);

/** Static name of an objective ("min-margin", "nash", "durability"), or "unknown". */
PACTA_API const char *pacta_design_objective_name(pacta_design_objective objective);

/** The objective named @p name; false when none is. */
PACTA_API bool pacta_design_objective_find(const char *name, pacta_design_objective *out);

/** Static name of a constraint family ("vetoes", "range", "commitment", "emboldening"). */
PACTA_API const char *pacta_design_constraint_name(pacta_design_constraint constraint);

/** How a deal fares over the Monte Carlo draws of a robust design. Probabilities are shares
 * of the draws; a standard error is sqrt(p (1 - p) / runs). */
typedef struct pacta_design_robust {
    double p_hold[PACTA_DESIGN_CONSTRAINT_COUNT];  /**< per family: P(it holds); NAN when
                                                        the family is not in force */
    double se_hold[PACTA_DESIGN_CONSTRAINT_COUNT]; /**< their standard errors */
    double p_all;                                  /**< P(every family holds at once) */
    double se_all;
    double mean_objective; /**< the objective averaged over the draws where it is defined
                                (NAN when it is in none) */
    uint64_t n_defined;    /**< those draws (always runs for min-margin) */
    bool confident;        /**< p_all >= the confidence asked for */
} pacta_design_robust_t;

/** One designed deal and how it fares. Arrays are owned by the design. */
typedef struct pacta_design_deal {
    const double *point;    /**< per scenario issue: searched ones as found, others at the
                                 status quo (NAN without one) */
    double objective;       /**< the objective's value */
    double min_veto_margin; /**< smallest gain of a veto player that takes part */
    const double *margin;   /**< per actor: its gain (NAN when it takes no part) */
    const bool *binding;    /**< per actor: a veto player whose gain is within tolerance of 0 */
    double range_margin_a;  /**< F2 margins (NAN without a war) */
    double range_margin_b;
    double commitment_slack; /**< smallest C2 margin or C3 slack over the horizon (NAN: no war) */
    double emboldening;      /**< R4 index (NAN without a reputation block) */
    /** per family: some constraint of it is within tolerance of its bound */
    bool binds[PACTA_DESIGN_CONSTRAINT_COUNT];
    const double *distance; /**< per proposal: mean |deal - proposal| over searched issues */
    pacta_proposal_verdict_t verdict; /**< the full judgement of the deal (proposal unset) */
    pacta_design_robust_t robust;     /**< over the draws, when the design's runs > 0 */
} pacta_design_deal_t;

/** The smallest relaxation that admits a deal, when none is feasible. */
typedef struct pacta_design_relaxation {
    /** The largest violation over all families, minimised; violations are measured in
     * scale points (gains as they are, shares and the index times 100). */
    double minimax;
    const double *point; /**< per issue: where that minimum is reached */
    /** per family: its violation at that point, in the family's own units (0: met) */
    double violation[PACTA_DESIGN_CONSTRAINT_COUNT];
    /** per family: the smallest violation of it alone that admits a deal with every other
     * family met, in its own units; INFINITY when the other families cannot be met together,
     * NAN when the family is not in force */
    double alone[PACTA_DESIGN_CONSTRAINT_COUNT];
    /** the family whose relaxation alone admits a deal at the least cost (in scale points);
     * when none does, the family with the largest violation at point */
    pacta_design_constraint obstacle;
} pacta_design_relaxation_t;

/** The result of a search. */
typedef struct pacta_design {
    pacta_design_objective objective;
    size_t n_issues;      /**< = scenario->n_issues */
    const bool *searched; /**< per issue */
    size_t n_searched;
    bool present[PACTA_DESIGN_CONSTRAINT_COUNT]; /**< which families are in force */
    double max_emboldening;        /**< the bound, when present[PACTA_DESIGN_EMBOLDENING] */
    pacta_reservation reservation; /**< the reservation used (never AUTO) */
    pacta_utility utility;
    uint64_t seed;
    size_t n_starts;                  /**< starts run: proposals, status quo and random ones */
    size_t n_evaluations;             /**< candidate deals judged */
    size_t n_feasible_starts;         /**< starts that ended at a feasible deal */
    bool feasible;                    /**< some deal meets every constraint */
    const pacta_design_deal_t *deals; /**< best first, when feasible */
    size_t n_deals;
    pacta_design_relaxation_t relaxation; /**< when not feasible */
    /* Robust designs (runs > 0); the thread count is not kept: it never changes a result. */
    uint64_t runs;       /**< Monte Carlo draws (0: the point scenario only) */
    double confidence;   /**< the least P(every constraint holds) asked for */
    size_t n_random;     /**< inputs each draw draws afresh (0: every draw is the point) */
    size_t n_candidates; /**< distinct feasible end points judged over the draws */
    bool confident;      /**< some deal reaches the confidence (deals lists those first) */
} pacta_design_t;

/**
 * Search the settlement space of @p scenario (borrowed; must outlive the result).
 * Deterministic: the same scenario, options and seed give the same result.
 * @return PACTA_OK (feasible or not: see design->feasible); PACTA_EINVAL (the durability
 *         objective, an emboldening bound without a reputation block, no veto player, no
 *         issue to search, a confidence outside [0, 1], a jitter without runs, bad options;
 *         see diag); PACTA_EINPUT (the scenario lacks what
 *         evaluating a deal needs, e.g. a status quo); PACTA_ENUMERIC (the optimiser
 *         failed); PACTA_ENOMEM.
 * With options->runs > 0 the distinct feasible deals are then judged in that many Monte
 * Carlo draws on options->threads threads (the result does not depend on their number) and
 * re-ranked (docs/design-search.md, "Robust designs").
 * Thread-safe for distinct results. Time: O(S E (A I + T)) for S starts and at most E
 * evaluations per start (E grows with the number of searched issues), plus O(N S (A I + T))
 * for N draws, divided among the threads.
 */
PACTA_API pacta_status pacta_design(pacta_design_t **out, const pacta_scenario_t *scenario,
                                    const pacta_design_options_t *options, pacta_diag_t *diag);

/** Free a design. Accepts NULL. */
PACTA_API void pacta_design_destroy(pacta_design_t *design);

/** The JSON schema name and version written by pacta_design_write_json(). */
#define PACTA_DESIGN_SCHEMA "pacta.design/1"

/** Write a design as JSON (docs/json-schema.md, "pacta.design/1"). @return PACTA_OK,
 * PACTA_ENOMEM or PACTA_EIO. */
PACTA_API pacta_status pacta_design_write_json(const pacta_design_t *design,
                                               const pacta_scenario_t *scenario, FILE *stream);

#ifdef __cplusplus
}
#endif

#endif
