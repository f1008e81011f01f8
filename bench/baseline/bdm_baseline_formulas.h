/* A frozen copy of src/models/bdm_formulas.h as of commit 0a55383 (see bdm_baseline.c). */
/* The closed-form pieces of the expected-utility model (Scholz et al. 2011), kept apart
 * from the round logic so tests can check each against its equation. All distances are
 * |x_a - x_b| on the position scale; range is R; rho is a risk exponent. */
#ifndef PACTA_BENCH_BDM_BASELINE_FORMULAS_H
#define PACTA_BENCH_BDM_BASELINE_FORMULAS_H

#include <math.h>

/* base^rho. At rho = 1 (every utility of the security pass, and risk=neutral) it returns
 * base itself, which is the exact result and what pow returns (glibc's pow is within 0.52
 * ulp, so it cannot return anything else), without the call. */
static inline double bdm_pow(double base, double rho)
{
    return rho == 1.0 ? base : pow(base, rho);
}

/* Eq. 15: utility of a successful challenge, 2 - 4 (0.5 - 0.5 d/R)^rho. */
static inline double bdm_u_success(double distance, double range, double rho)
{
    return 2.0 - 4.0 * bdm_pow(0.5 - 0.5 * distance / range, rho);
}

/* Eq. 16: utility of a failed challenge, 2 - 4 (0.5 + 0.5 d/R)^rho. */
static inline double bdm_u_failure(double distance, double range, double rho)
{
    return 2.0 - 4.0 * bdm_pow(0.5 + 0.5 * distance / range, rho);
}

/* Eq. 24: utility of the status quo, 2 - 4 (0.5)^rho. */
static inline double bdm_u_status_quo(double rho)
{
    return 2.0 - 4.0 * bdm_pow(0.5, rho);
}

/* Eqs. 22 and 23: the target moves towards mu, better (sign -1) or worse (sign +1) for the
 * challenger: 2 - 4 (0.5 -/+ 0.25 e)^rho with e = (|x_a - mu| + |x_a - x_b|)/R. */
static inline double bdm_u_shift(double to_mu, double distance, double range, double rho,
                                 double sign)
{
    return 2.0 - 4.0 * bdm_pow(0.5 + sign * 0.25 * (to_mu + distance) / range, rho);
}

/* Eq. 25a with the utilities already evaluated: the challenger wins with probability p if
 * the target resists (probability sigma) and wins outright if it does not; from that the
 * status quo (weight q) and the no-challenge alternative (weight 1 - q) are subtracted. */
static inline double bdm_expected_utility(double sigma, double p, double success, double failure,
                                          double status_quo, double q, double no_challenge)
{
    double resist = sigma * (p * success + (1.0 - p) * failure);
    double yield = (1.0 - sigma) * success;
    double eu = resist + yield - q * status_quo;
    if (q < 1.0)
        eu -= (1.0 - q) * no_challenge;
    return eu;
}

/* Eqs. 33-34: risk exponent from security sec within [lo, hi] (hi > lo):
 * basis = (2 sec - hi - lo)/(hi - lo) in [-1, 1], r = (1 - basis/3)/(1 + basis/3) in
 * [0.5, 2]. The least secure actor (sec = hi) gets 0.5, the most secure (sec = lo) gets 2. */
static inline double bdm_risk_exponent(double sec, double lo, double hi)
{
    double basis = (2.0 * sec - hi - lo) / (hi - lo);
    return (1.0 - basis / 3.0) / (1.0 + basis / 3.0);
}

#endif
