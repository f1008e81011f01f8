/* A frozen copy of src/models/smp_pce.c as of commit 5c12a08, before issue 18 made SMP scale to
 * 1000 actors: the baseline bench/smp_speed and the test unit.smp_scale compare against.
 * Only renamed (pacta_model_smp is bench_smp_baseline, pacta_smp_* baseline_smp_*, the
 * headers smp_baseline_*.h); never edit it. */
/* Probabilistic Condorcet elections for the Spatial Model of Politics: coalition strengths
 * (K4), pairwise victory probabilities (K5) and the probability of each option (K6), as in
 * KTAB's Model::coalitions, Model::vProb and Model::probCE2 (kmodel.cpp:417-860). The loop
 * orders are KTAB's, so sums and products round the same way. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "smp_baseline_formulas.h"
#include "smp_baseline_internal.h"

void baseline_smp_coalitions(size_t nv, size_t m, const double *w, const double *ut, int rule,
                          double *c, size_t row_lo, size_t row_hi)
{
    /* Every coalition starts at 1e-8 so that no probability is 0/0 (kmodel.cpp:519). */
    const double min_c = 1e-8;
    for (size_t i = row_lo; i < row_hi; i++) {
        const double *ui = ut + i * nv;
        for (size_t j = 0; j < i; j++) {
            const double *uj = ut + j * nv;
            double cij = min_c, cji = min_c;
            if (rule == SMP_VR_PROP) {
                /* The default rule, without the switch in the inner loop. */
                for (size_t k = 0; k < nv; k++) {
                    const double v = w[k] * (ui[k] - uj[k]);
                    cij = cij + smp_positive(v);
                    cji = cji + smp_negative(v);
                }
            } else {
                for (size_t k = 0; k < nv; k++) {
                    const double v = smp_vote(rule, w[k], ui[k], uj[k]);
                    cij = cij + smp_positive(v);
                    cji = cji + smp_negative(v);
                }
            }
            c[i * m + j] = cij;
            c[j * m + i] = cji;
        }
        c[i * m + i] = min_c;
    }
}

static void victory_matrix(int vpm, size_t m, const double *c, double *vp)
{
    for (size_t i = 0; i < m; i++) {
        for (size_t j = 0; j < i; j++)
            smp_victory(vpm, c[i * m + j], c[j * m + i], &vp[i * m + j], &vp[j * m + i]);
        vp[i * m + i] = 0.5;
    }
}

/* K6, conditional: p_i = prod_j P[i > j] / sum_l prod_j P[l > j] (kmodel.cpp:794-812). With
 * more options than KTAB allows (250), every product can underflow; the same quantity is
 * then computed from sums of logarithms. */
static void conditional(size_t m, const double *vp, double *p)
{
    double total = 0.0;
    for (size_t i = 0; i < m; i++) {
        double pi = 1.0;
        for (size_t j = 0; j < m; j++)
            pi = pi * vp[i * m + j];
        p[i] = pi;
        total = total + p[i];
    }
    if (total >= DBL_MIN * 0x1p52) {
        for (size_t i = 0; i < m; i++)
            p[i] = p[i] / total;
        return;
    }
    double most = -INFINITY;
    for (size_t i = 0; i < m; i++) {
        double lp = 0.0;
        for (size_t j = 0; j < m; j++)
            lp += log(vp[i * m + j]);
        p[i] = lp;
        most = lp > most ? lp : most;
    }
    total = 0.0;
    for (size_t i = 0; i < m; i++) {
        p[i] = exp(p[i] - most);
        total += p[i];
    }
    for (size_t i = 0; i < m; i++)
        p[i] /= total;
}

enum { MARKOV_MAX_STEPS = 1000 };

/* K6, Markov with incentives: a challenge against the current favourite j comes from i with
 * probability proportional to c_ij P[i > j]; iterate the chain from the uniform distribution,
 * averaging old and new, until no probability changes by more than 1e-8
 * (Model::markovIncentivePCE, kmodel.cpp). */
static pacta_status markov_incentive(size_t m, const double *c, const double *vp, double *p,
                                     double *work)
{
    double *challenge = work, *ct = work + m * m, *q = work + 2 * m * m;
    const double eps_support = 1e-10, p_tol = 1e-8;
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < m; j++) {
            double incentive = c[i * m + j] * vp[i * m + j];
            if (i == j)
                incentive = incentive + eps_support;
            ct[i * m + j] = incentive;
        }
    for (size_t j = 0; j < m; j++) {
        double sum = 0.0;
        for (size_t k = 0; k < m; k++)
            sum = sum + ct[k * m + j];
        for (size_t i = 0; i < m; i++)
            challenge[i * m + j] = ct[i * m + j] / sum;
    }
    for (size_t i = 0; i < m; i++)
        p[i] = 1.0 / (double)m;
    double change = 1.0;
    size_t steps = 0;
    while (p_tol < change) {
        if (steps++ == MARKOV_MAX_STEPS)
            return PACTA_ENUMERIC;
        for (size_t i = 0; i < m; i++)
            for (size_t j = 0; j < m; j++)
                ct[i * m + j] = p[i] * challenge[j * m + i];
        change = 0.0;
        for (size_t i = 0; i < m; i++) {
            double qi = 0.0;
            for (size_t j = 0; j < m; j++)
                qi = qi + vp[i * m + j] * (ct[i * m + j] + ct[j * m + i]);
            q[i] = qi;
            const double d = fabs(q[i] - p[i]);
            change = (d > change) ? d : change;
        }
        for (size_t i = 0; i < m; i++)
            p[i] = (p[i] + q[i]) / 2.0;
    }
    return PACTA_OK;
}

/* K6, Markov with uniform challenges: q_i = sum_j P[i > j] (p_i + p_j) / m, averaged with p
 * until no probability changes by more than 1e-6 (Model::markovUniformPCE). */
static pacta_status markov_uniform(size_t m, const double *vp, double *p, double *work)
{
    double *q = work;
    const double p_tol = 1e-6;
    for (size_t i = 0; i < m; i++)
        p[i] = 1.0 / (double)m;
    double change = 1.0;
    size_t steps = 0;
    while (p_tol < change) {
        if (steps++ == MARKOV_MAX_STEPS)
            return PACTA_ENUMERIC;
        change = 0;
        for (size_t i = 0; i < m; i++) {
            double pi = 0.0;
            for (size_t j = 0; j < m; j++)
                pi = pi + vp[i * m + j] * (p[i] + p[j]);
            q[i] = pi / (double)m;
            const double d = fabs(q[i] - p[i]);
            change = (d > change) ? d : change;
        }
        for (size_t i = 0; i < m; i++)
            p[i] = (p[i] + q[i]) / 2.0;
    }
    return PACTA_OK;
}

pacta_status baseline_smp_pce(int vpm, int pcem, size_t m, const double *c, double *vp, double *p,
                           double *work)
{
    victory_matrix(vpm, m, c, vp);
    switch (pcem) {
    case SMP_PCE_MARKOV_INCENTIVE:
        return markov_incentive(m, c, vp, p, work);
    case SMP_PCE_MARKOV_UNIFORM:
        return markov_uniform(m, vp, p, work);
    default:
        conditional(m, vp, p);
        return PACTA_OK;
    }
}
