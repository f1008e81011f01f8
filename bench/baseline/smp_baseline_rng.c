/* A frozen copy of src/models/smp_rng.c as of commit 5c12a08, before issue 18 made SMP scale to
 * 1000 actors: the baseline bench/smp_speed and the test unit.smp_scale compare against.
 * Only renamed (pacta_model_smp is bench_smp_baseline, pacta_smp_* baseline_smp_*, the
 * headers smp_baseline_*.h); never edit it. */
/* Random draws of the stochastic Spatial Model of Politics. KTAB draws from one generator
 * shared by threads whose order is not fixed, so a seed does not fix its results. pacta
 * gives each (turn, actor) its own number, derived from the seed by the SplitMix64
 * finaliser (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014; the constants are those of Java's SplittableRandom and of Vigna's
 * splitmix64.c). The construction is counter-based: nothing is carried from one draw to
 * the next, so results do not depend on the number of threads or their schedule. */
#include "smp_baseline_internal.h"

static const uint64_t golden_gamma = 0x9E3779B97F4A7C15u;

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

double baseline_smp_uniform(uint64_t seed, uint64_t turn, uint64_t actor)
{
    /* Two nested SplitMix64 steps key the stream by turn, then by actor; a third gives the
     * number. Its top 53 bits make a double in [0, 1). */
    uint64_t key = mix64(seed + golden_gamma * (turn + 1));
    key = mix64(key + golden_gamma * (actor + 1));
    uint64_t bits = mix64(key + golden_gamma);
    return (double)(bits >> 11) * 0x1.0p-53;
}

size_t baseline_smp_sample(size_t m, const double *p, double u)
{
    double cumulative = 0.0;
    for (size_t i = 0; i < m; i++) {
        cumulative += p[i];
        if (u < cumulative)
            return i;
    }
    return m - 1;
}
