/* Exact accumulation: a replicate's value enters integer counts, a fixed-point sum in units
 * of 2^-64 (128 bits; room for values up to 10^4 squared over 10^9 runs) and a histogram of
 * 0.01-wide bins. Integer addition is associative,
 * so the result does not depend on which thread or process added what, or in which order. */
#include <math.h>
#include <string.h>

#include "sim/sim_internal.h"

/* v in units of 2^-64: the integer part goes in whole, the fraction (exact, in [0, 1)) is
 * scaled by 2^64 exactly and truncated, which drops only bits below 2^-64. */
static sim_i128 fixed(double v)
{
    double ip = floor(v);
    double frac = v - ip;
    return ((sim_i128)(int64_t)ip << 64) + (sim_i128)(uint64_t)ldexp(frac, 64);
}

void pacta_sim_acc_add(sim_acc_t *a, double v)
{
    if (isnan(v))
        return;
    if (a->n == 0 || v < a->min)
        a->min = v;
    if (a->n == 0 || v > a->max)
        a->max = v;
    a->n++;
    if (a->histogram == NULL) {
        a->ones += v != 0.0;
        return;
    }
    a->sum += fixed(v);
    a->sumsq += fixed(v * v);
    long bin = (long)floor(v * 100.0);
    if (bin < 0)
        bin = 0;
    if (bin >= SIM_BINS)
        bin = SIM_BINS - 1;
    a->histogram[bin]++;
}

void pacta_sim_acc_merge(sim_acc_t *into, const sim_acc_t *from)
{
    if (from->n == 0)
        return;
    if (into->n == 0 || from->min < into->min)
        into->min = from->min;
    if (into->n == 0 || from->max > into->max)
        into->max = from->max;
    into->n += from->n;
    into->ones += from->ones;
    into->sum += from->sum;
    into->sumsq += from->sumsq;
    if (into->histogram != NULL && from->histogram != NULL)
        for (size_t b = 0; b < SIM_BINS; b++)
            into->histogram[b] += from->histogram[b];
}
