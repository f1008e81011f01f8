#include "sim/philox.h"

/* The constants of Philox4x32 (Random123, philox.h). */
#define PHILOX_M0 UINT32_C(0xD2511F53)
#define PHILOX_M1 UINT32_C(0xCD9E8D57)
#define PHILOX_W0 UINT32_C(0x9E3779B9)
#define PHILOX_W1 UINT32_C(0xBB67AE85)

static void round4(uint32_t x[4], const uint32_t k[2])
{
    uint64_t p0 = (uint64_t)PHILOX_M0 * x[0];
    uint64_t p1 = (uint64_t)PHILOX_M1 * x[2];
    uint32_t hi0 = (uint32_t)(p0 >> 32), lo0 = (uint32_t)p0;
    uint32_t hi1 = (uint32_t)(p1 >> 32), lo1 = (uint32_t)p1;
    uint32_t y0 = hi1 ^ x[1] ^ k[0];
    uint32_t y2 = hi0 ^ x[3] ^ k[1];
    x[0] = y0;
    x[1] = lo1;
    x[2] = y2;
    x[3] = lo0;
}

void pacta_sim_philox4x32_10(const uint32_t counter[4], const uint32_t key[2], uint32_t out[4])
{
    uint32_t x[4] = {counter[0], counter[1], counter[2], counter[3]};
    uint32_t k[2] = {key[0], key[1]};
    for (int r = 0; r < 10; r++) {
        if (r > 0) {
            k[0] += PHILOX_W0;
            k[1] += PHILOX_W1;
        }
        round4(x, k);
    }
    for (int i = 0; i < 4; i++)
        out[i] = x[i];
}

double pacta_sim_uniform(uint64_t seed, uint64_t replicate, uint32_t value, uint32_t draw)
{
    uint32_t counter[4] = {draw, value, (uint32_t)replicate, (uint32_t)(replicate >> 32)};
    uint32_t key[2] = {(uint32_t)seed, (uint32_t)(seed >> 32)};
    uint32_t out[4];
    pacta_sim_philox4x32_10(counter, key, out);
    uint64_t bits = ((uint64_t)out[0] << 21) | (out[1] >> 11); /* 53 bits */
    bits &= (UINT64_C(1) << 53) - 1;
    return ((double)bits + 0.5) / 9007199254740992.0; /* (k + 1/2) / 2^53 */
}
