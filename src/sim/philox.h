/* Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror & Shaw, "Parallel
 * random numbers: as easy as 1, 2, 3" (SC 2011), as in the Random123 library. A block of
 * four 32-bit words is a pure function of a 128-bit counter and a 64-bit key, so every
 * replicate and every uncertain value gets its own numbers without any shared state. */
#ifndef PACTA_SIM_PHILOX_H
#define PACTA_SIM_PHILOX_H

#include <stdint.h>

/* out = Philox4x32-10(counter, key). */
void pacta_sim_philox4x32_10(const uint32_t counter[4], const uint32_t key[2], uint32_t out[4]);

/* The uniform number in (0, 1) for draw `draw` of uncertain value `value` in replicate
 * `replicate` under `seed`: counter (draw, value, replicate low, replicate high), key (seed
 * low, seed high); the first two output words give 53 random bits, centred in their
 * interval so 0 and 1 never occur. */
double pacta_sim_uniform(uint64_t seed, uint64_t replicate, uint32_t value, uint32_t draw);

#endif
