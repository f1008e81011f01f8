/* A frozen copy of src/models/bdm_kernel.h as of commit 0a55383 (see bdm_baseline.c). */
/* The vote sums of the expected-utility model (docs/models.md M4): the win probability
 * P(a beats b) of S30-S31 and its A4 variants, and the pairwise vote margin of the
 * Condorcet median (A10). Two implementations behind one interface:
 *
 *   naive  every voter for every pair, exactly as the equations are written: O(n) per pair,
 *          and O(n^3) for the all-pairs denominator of probability=scholz-code. It is the
 *          test oracle.
 *   fast   voters sorted once per position set. With linear votes (paper, net, and
 *          scholz-code while every r = 1) the sums over voters are piecewise linear in the
 *          voter's position, so a pair costs a binary search and a few prefix sums kept in
 *          double-double: O(log n). With risk-powered votes (scholz-code, r not all 1) a
 *          table of prefix sums per distinct position (O(n^2) memory and pow calls) gives a
 *          pair in O(log n), and the all-pairs denominator is a sum of gaps per voter, O(n)
 *          per voter.
 *
 * Both give the same numbers up to the order of floating-point additions
 * (tests/unit/test_bdm_fast.c). The kernel lives in caller-provided scratch and never
 * allocates. Private to src/models. */
#ifndef PACTA_BENCH_BDM_BASELINE_KERNEL_H
#define PACTA_BENCH_BDM_BASELINE_KERNEL_H

#include <stdbool.h>
#include <stddef.h>

/* How the sums over voters are computed. */
typedef enum bdm_kernel_kind { BDM_KERNEL_FAST, BDM_KERNEL_NAIVE } bdm_kernel_kind;

/* Which win probability (option probability, ambiguity A4). */
typedef enum bdm_vote_rule {
    BDM_VOTES_PAPER,       /* S31: favourable |votes| over all |votes| */
    BDM_VOTES_SCHOLZ_CODE, /* risk-powered votes over the all-pairs denominator */
    BDM_VOTES_NET          /* max(0, net votes) over all |votes| */
} bdm_vote_rule;

/* One kernel. Fields are private to bdm_kernel.c; the struct is declared here so callers
 * can keep it on the stack. */
typedef struct bdm_kernel {
    bdm_kernel_kind kind;
    bdm_vote_rule rule;
    size_t n;
    /* Borrowed inputs of the current evaluation. */
    const double *x;  /* positions, actor order */
    const double *w;  /* vote weights c*salience */
    const double *cs; /* c*s with s = salience/100 (scholz-code votes) */
    const double *r;  /* risk exponents of the voters (scholz-code) */
    double range;
    double denominator;        /* scholz-code: sum of |votes| over all voters and ordered pairs */
    bool linear;               /* fast scholz-code: every r is 1, so votes are linear */
    double linear_denominator; /* the same in units of c * salience * distance */
    /* Fast state, in scratch: the sorted order and what is derived from it. */
    size_t *order;       /* sorted position -> actor */
    size_t *buffer;      /* merge-sort buffer */
    size_t *group;       /* actor -> index of its distinct position */
    size_t *group_start; /* distinct position g holds sorted voters [start[g], start[g+1]) */
    size_t n_groups;
    double *y;         /* sorted positions */
    double *u;         /* sorted weights w */
    double *group_y;   /* the distinct positions, increasing */
    double *cs_sorted; /* sorted c*s */
    double *r_sorted;  /* sorted risk exponents */
    double *prefix;    /* double-double prefix sums of u and u*y: 4 per index, n + 1 */
    double *table;     /* scholz-code: prefix sums of c*s*D per distinct position */
} bdm_kernel_t;

/* Bytes of scratch a kernel of this kind and rule needs for n actors (monotone in n). The
 * fast scholz-code kernel holds an (n + 1)-by-n table: 8 n^2 bytes. Returns SIZE_MAX when
 * the size does not fit in a size_t. */
size_t baseline_bdm_kernel_workspace_bytes(bdm_kernel_kind kind, bdm_vote_rule rule, size_t n);

/* Set up a kernel for n actors in scratch (baseline_bdm_kernel_workspace_bytes(kind, rule, n)
 * bytes, 16-byte aligned, borrowed for the kernel's life). */
void baseline_bdm_kernel_init(bdm_kernel_t *k, bdm_kernel_kind kind, bdm_vote_rule rule, size_t n,
                              void *scratch);

/* Take the positions x and vote weights w (c * salience) of the n actors, borrowed until
 * the next call. Fast: sorts and builds prefix sums, O(n log n); naive: O(1). Needed before
 * baseline_bdm_kernel_margin and before baseline_bdm_kernel_set_risk. */
void baseline_bdm_kernel_set_positions(bdm_kernel_t *k, const double *x, const double *w);

/* Take what the scholz-code votes need besides positions: cs (c * salience/100), the
 * voters' risk exponents r and the range R, all borrowed; computes the all-pairs
 * denominator. Needed (after baseline_bdm_kernel_set_positions) before
 * baseline_bdm_kernel_probabilities. Other rules ignore cs, r and range. Cost for scholz-code:
 * naive O(n^3); fast O(n log n) when every r is 1 and O(n^2) (with n^2 + n * (distinct positions)
 * pow calls) otherwise. */
void baseline_bdm_kernel_set_risk(bdm_kernel_t *k, const double *cs, const double *r, double range);

/* P(a beats b) into *p_ab and P(b beats a) into *p_ba, for actors at different positions.
 * Naive O(n); fast O(log n). */
void baseline_bdm_kernel_probabilities(const bdm_kernel_t *k, size_t a, size_t b, double *p_ab,
                                       double *p_ba);

/* The net vote for a over b, sum_k w_k (|x_k - x_b| - |x_k - x_a|), for the Condorcet
 * median. Naive O(n); fast O(log n). */
double baseline_bdm_kernel_margin(const bdm_kernel_t *k, size_t a, size_t b);

#endif
