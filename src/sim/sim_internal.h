/* Shared by the Monte Carlo files. */
#ifndef PACTA_SIM_INTERNAL_H
#define PACTA_SIM_INTERNAL_H

#include <pacta/pacta.h>

#include "core/arena.h"

/* Fixed-point sums are 128-bit integers in units of 2^-64 (GCC and Clang extension). */
__extension__ typedef __int128 sim_i128;

/* One uncertain number of a scenario: where its draw goes and what it is drawn from. The
 * canonical index of a field in the list is its stream address, so a replicate's draws are
 * the same whatever computes it. */
typedef struct sim_field {
    double *target;                   /* the value inside a thread's mirror */
    const pacta_distribution_t *dist; /* the declared distribution or a jitter's normal */
} sim_field_t;

/* A thread's mutable copy of the scenario: the same strings, its own numbers. */
typedef struct sim_mirror {
    pacta_scenario_t s;
    sim_field_t *fields;
    size_t n_fields;
} sim_mirror_t;

/* Build a mirror (arrays in arena) and its list of random fields; jitter distributions are
 * built once per mirror. */
pacta_status pacta_sim_mirror_create(sim_mirror_t *m, const pacta_scenario_t *s,
                                     const pacta_jitter_t *jitter, size_t n_jitter,
                                     pacta_arena_t *arena);

/* Draw every random field for one replicate. */
void pacta_sim_mirror_sample(sim_mirror_t *m, uint64_t seed, uint64_t replicate);

/* Accumulator of one value per replicate: exact sums and a histogram (values on 0-100), or
 * for 0/1 flags only the counts. */
typedef struct sim_acc {
    uint64_t n;
    uint64_t ones;
    sim_i128 sum;
    sim_i128 sumsq;
    double min;
    double max;
    uint64_t *histogram; /* SIM_BINS counts, or NULL for flags */
} sim_acc_t;

enum { SIM_BINS = 10001 }; /* 0.01-wide bins over [0, 100] */

void pacta_sim_acc_add(sim_acc_t *a, double v);
void pacta_sim_acc_merge(sim_acc_t *into, const sim_acc_t *from);

#endif
