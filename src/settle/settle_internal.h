/* Shared by the settlement-analysis files. Equation labels (F1, P1, R1, ...) refer to
 * docs/models.md, "Settlement analysis". */
#ifndef PACTA_SETTLE_INTERNAL_H
#define PACTA_SETTLE_INTERNAL_H

#include <pacta/pacta.h>

#include "core/arena.h"

/* The numeric parameters of the war and reputation models, taken from the scenario and
 * then possibly overridden by name (sensitivity runs change one value at a time). */
typedef struct settle_params {
    bool has_war;
    double p;
    double cost_a;
    double cost_b;
    double discount;
    int horizon;
    bool has_reputation;
    double belief;
    double concede_if_resolute;
    double concede_if_irresolute;
    double next_held;
    double next_p;
    double next_cost;
    size_t n_shifts;
    double *shift_effect; /* per scenario war shift */
    double *shift_years;
} settle_params_t;

/* Fill params from the scenario (arrays from arena). */
pacta_status pacta_settle_params_init(settle_params_t *params, const pacta_scenario_t *s,
                                      pacta_arena_t *arena);
/* Set the parameter called name. PACTA_EINVAL (reported) for unknown names or values
 * outside the parameter's domain. */
pacta_status pacta_settle_params_set(settle_params_t *params, const pacta_scenario_t *s,
                                     const char *name, double value, pacta_diag_t *diag);

/* F0: P(side A prevails) from capabilities: sum of A's over both sides'. */
double pacta_settle_capability_p(const pacta_scenario_t *s);

/* F1: side A's share of the stake at a point (one value per issue, 0-100). */
double pacta_settle_stake_share(const pacta_scenario_t *s, const double *point);

/* F2: Fearon's bargaining range for a share x. */
void pacta_settle_bargaining(const settle_params_t *params, double x, double x_status_quo,
                             pacta_bargaining_verdict_t *out);

/* C1: total effect on target of the scenario's shifts for a deal, each ramped to year t
 * (t < 0: fully phased in). point and status_quo give the deal and the status quo per
 * issue; proposal may be NULL (no provisions). */
double pacta_settle_shift(const pacta_scenario_t *s, const settle_params_t *params,
                          const pacta_proposal_t *proposal, const double *point,
                          const double *status_quo, pacta_shift_target target, double t);

/* C3: whether the side whose probability of prevailing falls from p_now to p_next would
 * rather fight now (Powell's one-period condition; costs are shares of the stake). */
bool pacta_settle_powell_breaks(double discount, double p_now, double p_next, double cost_declining,
                                double cost_rising);
/* C3's slack: its right side minus its left, negative exactly when pacta_settle_powell_breaks()
 * (deal design uses it as a continuous constraint). */
double pacta_settle_powell_slack(double discount, double p_now, double p_next,
                                 double cost_declining, double cost_rising);

/* C2-C3 over the horizon: p path, margins, first negative margin, Powell breakdown. The
 * arrays in out come from arena. */
pacta_status pacta_settle_commitment(const pacta_scenario_t *s, const settle_params_t *params,
                                     const pacta_proposal_t *proposal, const double *point,
                                     const double *status_quo, double x, pacta_arena_t *arena,
                                     pacta_commitment_verdict_t *out);

/* R1: Bayes' rule after a concession (conceded) or after standing firm. */
double pacta_settle_bayes(double belief, double q_resolute, double q_irresolute, bool conceded,
                          double power);
/* R2: the aggressor's expected utility of attacking, pi (p - c) + (1 - pi). */
double pacta_settle_attack_eu(double belief, double p, double cost);
/* R3: deterrence threshold pi* = (1 - q)/(1 - p + c); +inf when 1 - p + c <= 0. */
double pacta_settle_deterrence_threshold(double held, double p, double cost);

/* R1-R4 for a deal: concession = +1 (A gains stake), -1 (A loses), 0. */
void pacta_settle_emboldening(const settle_params_t *params, int concession, double size,
                              pacta_belief_update update, double p_shift, double cost_shift,
                              pacta_emboldening_verdict_t *out);
/* R1': the size in [0, 1] of the concession (x > x_sq) or of the stand (x < x_sq). */
double pacta_settle_concession_size(double x, double x_status_quo);

/* Everything one evaluation run shares across proposals. */
typedef struct settle_context {
    const pacta_scenario_t *s;
    const pacta_evaluate_options_t *o;
    const settle_params_t *params;
    pacta_reservation reservation;
    pacta_arena_t *arena;
    pacta_diag_t *diag;
    const double *status_quo; /* per issue, NAN without one */
    const bool *in_stake;     /* per issue */
    const double *forecast;   /* [m * n_issues + k] */
    size_t n_models;
} settle_context_t;

/* A1: an actor's loss at value v on one issue. */
double pacta_settle_loss(pacta_utility utility, double salience, double ideal, double v);

/* A2-A4 for one actor at a deal point (compared: issues both defined on). */
pacta_status pacta_settle_judge_actor(const settle_context_t *c, size_t actor, const double *point,
                                      const bool *compared, pacta_actor_verdict_t *out);

/* Coalition cohesion from the actors' verdicts. */
void pacta_settle_judge_coalitions(const settle_context_t *c, const pacta_actor_verdict_t *actors,
                                   pacta_coalition_verdict_t *out);

/* Search for an outcome every actor weakly prefers to the deal (linear utility). */
pacta_status pacta_settle_pareto(const pacta_scenario_t *s, const double *deal,
                                 const bool *compared, pacta_arena_t *arena,
                                 pacta_pareto_verdict_t *out, pacta_diag_t *diag);

/* Fill each verdict's durability from options->durability (durability.c); a scenario that
 * lacks the facts gets e->durability_note instead of an error. */
pacta_status pacta_settle_durability(pacta_evaluation_t *e, pacta_proposal_verdict_t *verdicts,
                                     size_t count, const pacta_scenario_t *s,
                                     const pacta_evaluate_options_t *o, pacta_arena_t *arena);

/* The context of an evaluation run: the reservation used (AUTO resolved), the status quo
 * and stake membership per issue (arrays from arena); no forecast models. Checks nothing:
 * run pacta_evaluate_check() first. */
pacta_status pacta_settle_context_init(settle_context_t *c, const pacta_scenario_t *s,
                                       const pacta_evaluate_options_t *o,
                                       const settle_params_t *params, pacta_arena_t *arena,
                                       pacta_diag_t *diag);

/* Judge one deal given as a point on every issue: acceptance (A1-A4), coalitions, the war
 * models (F1-F2, C1-C3, R1-R4) and, when c->o asks, the Pareto check; everything the
 * verdict points to comes from c->arena. compared says which issues enter the actors'
 * losses. proposal may be NULL for a deal that is no shipped proposal (deal design): it
 * then has no provisions and no distance from the models; v->proposal is left alone. */
pacta_status pacta_settle_judge_point(const settle_context_t *c, const pacta_proposal_t *proposal,
                                      const double *point, const bool *compared,
                                      pacta_proposal_verdict_t *v);

/* pacta_evaluate() into a caller's evaluation struct and arena (no other allocation when
 * options skip the Pareto search and the models): Monte Carlo replicates reuse both. */
pacta_status pacta_settle_evaluate_into(pacta_evaluation_t *e, pacta_arena_t *arena,
                                        const pacta_scenario_t *s,
                                        const pacta_evaluate_options_t *o,
                                        const settle_params_t *params, pacta_diag_t *diag);

/* pacta_evaluate() with explicit parameters (evaluate.c); sensitivity runs call it. */
pacta_status pacta_settle_evaluate_with(pacta_evaluation_t **out, const pacta_scenario_t *s,
                                        const pacta_evaluate_options_t *o,
                                        const settle_params_t *params, pacta_diag_t *diag);

#endif
