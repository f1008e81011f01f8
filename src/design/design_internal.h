/* Shared by the deal design files: the search problem (design.c) and the robust
 * re-ranking over Monte Carlo draws (robust.c). */
#ifndef PACTA_DESIGN_INTERNAL_H
#define PACTA_DESIGN_INTERNAL_H

#include <nlopt.h>

#include <pacta/pacta.h>

#include "core/arena.h"
#include "settle/settle_internal.h"

/* What one optimiser run does: maximise the objective with every family hard, or minimise
 * the largest violation of the relaxed families (a bit mask) with the others hard. */
typedef enum run_mode { RUN_OBJECTIVE, RUN_RELAX } run_mode;

/* The search problem, shared by every run; the scratch arena holds one candidate's verdict
 * and is reset before the next. */
typedef struct problem {
    const pacta_scenario_t *s;
    const pacta_design_options_t *o;
    pacta_evaluate_options_t eo;
    settle_context_t c;
    pacta_arena_t *scratch;
    size_t n_vars;     /* searched issues */
    size_t *var_issue; /* per variable, its issue */
    double *point;     /* per issue, the candidate */
    bool *compared;
    size_t *veto; /* the veto players that take part */
    size_t n_veto;
    bool present[PACTA_DESIGN_CONSTRAINT_COUNT];
    size_t n_slacks;
    unsigned char *family; /* per slack */
    double *slack;         /* per slack, scale points: >= 0 when met */
    double objective;      /* natural value at the candidate (NAN when undefined) */
    double smooth;         /* what the optimiser maximises */
    pacta_proposal_verdict_t verdict;
    size_t n_evaluations;
    pacta_status error;
    /* the current run */
    run_mode mode;
    unsigned relaxed;
    bool aux; /* the last variable is an epigraph level */
    double *last_x;
    bool have_last;
    nlopt_opt opt;
} problem_t;

/* A feasible end point of one start. */
typedef struct candidate {
    double *point; /* per issue */
    double objective;
    size_t start;
} candidate_t;

/* Judge the candidate x (the searched issues' values) into p's scratch arena and fill its
 * slacks, objective and verdict. */
pacta_status pacta_design_judge(problem_t *p, const double *x);
/* Whether the candidate last judged meets every family exactly as evaluate judges it. */
bool pacta_design_exactly_feasible(const problem_t *p);
/* Whether two points (per issue) differ by at least the distinctness on a searched issue. */
bool pacta_design_far_apart(const problem_t *p, const double *a, const double *b);
/* Judge point into arena and fill a deal. */
pacta_status pacta_design_make_deal(problem_t *p, pacta_arena_t *arena, const double *point,
                                    pacta_design_deal_t *deal);
/* qsort order of candidates: best objective first, NAN last, ties by start. */
int pacta_design_by_objective(const void *pa, const void *pb);
/* Robust deals (robust.c): the distinct feasible end points judged over the draws and
 * re-ranked; the best p->o->top become deals[0..*n_deals). */
pacta_status pacta_design_robust_deals(problem_t *p, pacta_design_t *d, pacta_arena_t *arena,
                                       pacta_arena_t *work, const candidate_t *found,
                                       size_t n_found, pacta_design_deal_t *deals, size_t *n_deals);

#endif
