/* Synthetic scenarios for the smp model, made the way KTAB's own random scenarios are
 * (smp.cpp randomSMP and SMPActor::randomize): capability uniform on [10, 200), a total
 * salience uniform on [0.75, 0.99) split over the dimensions in proportion to uniforms on
 * [0.1, 1), positions uniform on [0, 100), saliences truncated to 2 decimals so that an
 * actor's never sum above 100. The generator is SplitMix64 seeded with the seed, so the
 * scenarios are the same on every machine. Used by bench/smp_bench (which writes them in
 * KTAB's CSV layout), bench/smp_speed and tests/unit/test_smp_scale.c. */
#ifndef PACTA_BENCH_SMP_SCENARIO_H
#define PACTA_BENCH_SMP_SCENARIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline double smp_scenario_uniform(uint64_t *state, double lo, double hi)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    z ^= z >> 31;
    return lo + (hi - lo) * ((double)(z >> 11) * 0x1.0p-53);
}

/* n actors on D <= 100 dimensions: positions x and saliences s (n x D, actor-major) and
 * capabilities c (n), before rounding to the 2 decimals the CSV file has. */
static inline void smp_scenario_generate(uint64_t seed, size_t n, size_t D, double *x, double *s,
                                         double *c)
{
    uint64_t state = seed;
    double weight[100];
    for (size_t i = 0; i < n; i++) {
        c[i] = smp_scenario_uniform(&state, 10.0, 200.0);
        double total = smp_scenario_uniform(&state, 0.75, 0.99), sum = 0.0;
        for (size_t d = 0; d < D; d++)
            sum += weight[d] = smp_scenario_uniform(&state, 0.1, 1.0);
        for (size_t d = 0; d < D; d++) {
            x[i * D + d] = smp_scenario_uniform(&state, 0.0, 100.0);
            s[i * D + d] = (double)(long)(10000.0 * total * weight[d] / sum) / 100.0;
        }
    }
}

/* Every value as the CSV file has it ("%.2f" read back), so that a scenario built in
 * memory is the one pacta reads from smp_bench's file. */
static inline void smp_scenario_as_written(size_t count, double *v)
{
    char text[64];
    for (size_t i = 0; i < count; i++) {
        snprintf(text, sizeof text, "%.2f", v[i]);
        v[i] = strtod(text, NULL);
    }
}

#endif
