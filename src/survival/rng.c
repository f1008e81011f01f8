/* The seeded generator and normal deviates used for prediction intervals, and the normal
 * quantile function. The generator is xoshiro256** and its seeding is splitmix64, both as
 * described by Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM
 * TOMS 47(4), 2021 (preprint 2018); normal deviates use Marsaglia's polar method
 * (Marsaglia & Bray 1964). State lives in the caller's pacta_rng_t: there is no global
 * random state. */
#include <math.h>

#include <pacta/survival.h>

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

void pacta_rng_seed(pacta_rng_t *rng, uint64_t seed)
{
    uint64_t state = seed;
    for (int i = 0; i < 4; i++)
        rng->s[i] = splitmix64(&state);
    rng->has_spare = false;
    rng->spare = 0.0;
}

uint64_t pacta_rng_next(pacta_rng_t *rng)
{
    uint64_t *s = rng->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double pacta_rng_uniform(pacta_rng_t *rng)
{
    /* 53 random bits, shifted by half a unit so that 0 and 1 cannot occur. */
    return ((double)(pacta_rng_next(rng) >> 11) + 0.5) * 0x1.0p-53;
}

double pacta_rng_normal(pacta_rng_t *rng)
{
    if (rng->has_spare) {
        rng->has_spare = false;
        return rng->spare;
    }
    double u, v, s;
    do {
        u = 2.0 * pacta_rng_uniform(rng) - 1.0;
        v = 2.0 * pacta_rng_uniform(rng) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    double f = sqrt(-2.0 * log(s) / s);
    rng->spare = v * f;
    rng->has_spare = true;
    return u * f;
}

/* sqrt(2 pi); written out because M_PI is not in ISO C. */
static const double SQRT_2PI = 2.5066282746310005024;

/* Phi(z) for z <= 0 without cancellation. */
static double lower_tail(double z)
{
    return 0.5 * erfc(-z / sqrt(2.0));
}

double pacta_normal_quantile(double p)
{
    if (!(p > 0.0 && p < 1.0))
        return NAN;
    if (p > 0.5)
        return -pacta_normal_quantile(1.0 - p);
    if (p == 0.5)
        return 0.0;
    /* Solve lower_tail(z) = p on [lo, 0]; Phi(-40) is far below the smallest double. */
    double lo = -40.0, hi = 0.0, z = -1.0;
    for (int i = 0; i < 200; i++) {
        double f = lower_tail(z) - p;
        if (f > 0.0)
            hi = z;
        else
            lo = z;
        double density = exp(-0.5 * z * z) / SQRT_2PI;
        double next = z - f / density;
        /* Newton step when it stays inside the bracket, bisection otherwise. */
        if (!(next > lo && next < hi) || !isfinite(next))
            next = 0.5 * (lo + hi);
        double step = fabs(next - z);
        z = next;
        if (step <= 1e-15 * fabs(z))
            break;
    }
    return z;
}
