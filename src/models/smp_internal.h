/* Shared by the files of the Spatial Model of Politics (smp.c, smp_round.c, smp_pce.c,
 * smp_rng.c): its kernels. The state of a run and the round are in smp_state.h. */
#ifndef PACTA_SMP_INTERNAL_H
#define PACTA_SMP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <pacta/status.h>

/* The innermost loops of a round are compiled three times where the compiler can choose
 * between versions at load time (GCC/Clang on x86-64 Linux, ifunc): for processors with
 * AVX-512, with AVX2, and for any other. All do the same IEEE operations in the same order,
 * without fused multiply-adds (-ffp-contract=off), so they give the same bits. Only for
 * static functions: GCC exports the dispatcher of an external one whatever -fvisibility
 * says. Not under the sanitizers: their runtimes are not yet set up when the loader runs
 * the ifunc resolvers, and under ThreadSanitizer that crashes the program at start. */
#if defined(__GNUC__) && defined(__x86_64__) && defined(__linux__) &&                              \
    !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define SMP_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
/* Kernels written with AVX-512 intrinsics, called after a run-time check of the processor
 * (__builtin_cpu_supports), under the same conditions as the clones. */
#define SMP_AVX512_KERNELS 1
#else
#define SMP_VECTOR_CLONES
#define SMP_AVX512_KERNELS 0
#endif

/* K4: coalition strengths among m options for nv voters with weights w under a voting rule
 * (KTAB Model::coalitions). ut is option-major: ut[i * nv + k] is voter k's utility of
 * option i. Fills c[i * m + j] (strength of the coalition for i against j) for the pairs
 * with row_lo <= i < row_hi and j < i, both orientations, and the diagonal of those rows;
 * disjoint row ranges may be filled by different threads. O((row_hi - row_lo) m nv). */
void pacta_smp_coalitions(size_t nv, size_t m, const double *w, const double *ut, int rule,
                          double *c, size_t row_lo, size_t row_hi);

/* K4 as pacta_smp_coalitions, bit for bit, from voter-major utilities: uv[k * m + i] is
 * voter k's utility of option i. The rows' pairs are summed side by side, which is several
 * times faster; acc is scratch (one per thread). pacta_smp_coalitions stays as the
 * plain statement of K4 the tests compare this with. acc holds SMP_COALITION_SCRATCH
 * doubles. O((row_hi - row_lo) m nv). */
/* Doubles of scratch pacta_smp_coalitions_voter_major needs, whatever m. */
#define SMP_COALITION_SCRATCH (2 * 16 * 128)

void pacta_smp_coalitions_voter_major(size_t nv, size_t m, const double *w, const double *uv,
                                      int rule, double *c, size_t row_lo, size_t row_hi,
                                      double *acc);

/* Options per panel of pacta_smp_coalitions_panels' layout. */
#define SMP_PANEL 16

/* The index of voter k's utility of option j in the panel layout for nv voters: options in
 * panels of SMP_PANEL, each panel voter-major (nv x SMP_PANEL doubles), so that a block of
 * options is read in the order it is stored. m options take ceil(m / SMP_PANEL) panels. */
static inline size_t smp_panel_index(size_t nv, size_t k, size_t j)
{
    return (j / SMP_PANEL) * nv * SMP_PANEL + k * SMP_PANEL + j % SMP_PANEL;
}

/* K4 as pacta_smp_coalitions, bit for bit, from utilities in the panel layout
 * (smp_panel_index). Rows of 4 options against panels of 16 are summed in registers (with
 * AVX-512 for the proportional rule, where the processor has it). The padding of the last
 * panel must hold finite numbers. O((row_hi - row_lo) m nv). */
void pacta_smp_coalitions_panels(size_t nv, size_t m, const double *w, const double *up, int rule,
                                 double *c, size_t row_lo, size_t row_hi);

/* K5, K6: the victory matrix vp (m * m, vp[i * m + j] = P[i > j]) and the probability p of
 * each option (m) from coalition strengths c, under a victory-probability model and a
 * probabilistic Condorcet election model (KTAB Model::probCE2). work holds 3 m^2 doubles
 * for the Markov models (unused by the conditional one).
 * @return PACTA_OK, or PACTA_ENUMERIC when a Markov iteration does not converge in 1000
 * steps (KTAB asserts there). O(m^2) for the conditional model, O(m^2) per Markov step. */
pacta_status pacta_smp_pce(int vpm, int pcem, size_t m, const double *c, double *vp, double *p,
                           double *work);

/* The uniform number in [0, 1) that actor `actor` draws in turn `turn` of a run seeded with
 * `seed` (stochastic state transitions). A counter-based stream: the same (seed, turn,
 * actor) always gives the same number, whatever the order in which actors are processed. */
double pacta_smp_uniform(uint64_t seed, uint64_t turn, uint64_t actor);

/* Index drawn from the probabilities p[0..m) with the uniform u: the first index whose
 * cumulative probability exceeds u (the last one when rounding leaves u above the sum). */
size_t pacta_smp_sample(size_t m, const double *p, double u);

#endif
