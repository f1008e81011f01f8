/* A frozen copy of src/models/smp_internal.h as of commit 5c12a08, before issue 18 made SMP scale to
 * 1000 actors: the baseline bench/smp_speed and the test unit.smp_scale compare against.
 * Only renamed (pacta_model_smp is bench_smp_baseline, pacta_smp_* baseline_smp_*, the
 * headers smp_baseline_*.h); never edit it. */
/* Shared by the files of the Spatial Model of Politics (smp.c, smp_round.c, smp_pce.c,
 * smp_rng.c): its kernels. The state of a run and the round are in smp_state.h. */
#ifndef BASELINE_SMP_INTERNAL_H
#define BASELINE_SMP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <pacta/status.h>

/* K4: coalition strengths among m options for nv voters with weights w under a voting rule
 * (KTAB Model::coalitions). ut is option-major: ut[i * nv + k] is voter k's utility of
 * option i. Fills c[i * m + j] (strength of the coalition for i against j) for the pairs
 * with row_lo <= i < row_hi and j < i, both orientations, and the diagonal of those rows;
 * disjoint row ranges may be filled by different threads. O((row_hi - row_lo) m nv). */
void baseline_smp_coalitions(size_t nv, size_t m, const double *w, const double *ut, int rule,
                          double *c, size_t row_lo, size_t row_hi);

/* K5, K6: the victory matrix vp (m * m, vp[i * m + j] = P[i > j]) and the probability p of
 * each option (m) from coalition strengths c, under a victory-probability model and a
 * probabilistic Condorcet election model (KTAB Model::probCE2). work holds 3 m^2 doubles
 * for the Markov models (unused by the conditional one).
 * @return PACTA_OK, or PACTA_ENUMERIC when a Markov iteration does not converge in 1000
 * steps (KTAB asserts there). O(m^2) for the conditional model, O(m^2) per Markov step. */
pacta_status baseline_smp_pce(int vpm, int pcem, size_t m, const double *c, double *vp, double *p,
                           double *work);

/* The uniform number in [0, 1) that actor `actor` draws in turn `turn` of a run seeded with
 * `seed` (stochastic state transitions). A counter-based stream: the same (seed, turn,
 * actor) always gives the same number, whatever the order in which actors are processed. */
double baseline_smp_uniform(uint64_t seed, uint64_t turn, uint64_t actor);

/* Index drawn from the probabilities p[0..m) with the uniform u: the first index whose
 * cumulative probability exceeds u (the last one when rounding leaves u above the sum). */
size_t baseline_smp_sample(size_t m, const double *p, double u);

#endif
