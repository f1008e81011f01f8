/* The reputation model behind "emboldening" (R1-R4): observers update their belief that
 * the defenders are resolute after a concession, and the aggressor weighs a next attack. */
#include <math.h>
#include <string.h>

#include "settle/settle_internal.h"

double pacta_settle_bayes(double belief, double q_resolute, double q_irresolute, bool conceded,
                          double power)
{
    /* R1: pi' = pi q_R / (pi q_R + (1 - pi) q_W) after a concession; after standing firm
     * the likelihoods are 1 - q_R and 1 - q_W. R1': with the likelihoods raised to the power
     * s in [0, 1] (a power likelihood), s = 1 is R1 and s = 0 leaves the belief alone. */
    double lr = pow(conceded ? q_resolute : 1.0 - q_resolute, power);
    double lw = pow(conceded ? q_irresolute : 1.0 - q_irresolute, power);
    double den = belief * lr + (1.0 - belief) * lw;
    return den > 0 ? belief * lr / den : belief;
}

double pacta_settle_concession_size(double x, double x_status_quo)
{
    /* R1': the share of what side A could still gain (1 - x_sq) that the deal gives it, or of
     * what it holds (x_sq) that the deal takes away. */
    if (x > x_status_quo)
        return x_status_quo < 1.0 ? fmin(1.0, (x - x_status_quo) / (1.0 - x_status_quo)) : 0.0;
    if (x < x_status_quo)
        return x_status_quo > 0.0 ? fmin(1.0, (x_status_quo - x) / x_status_quo) : 0.0;
    return 0.0;
}

double pacta_settle_attack_eu(double belief, double p, double cost)
{
    /* R2: resisted with probability pi (war: p - c), unopposed otherwise (the whole stake). */
    return belief * (p - cost) + (1.0 - belief) * 1.0;
}

double pacta_settle_deterrence_threshold(double held, double p, double cost)
{
    /* R3: attack iff EU > q, i.e. pi < (1 - q)/(1 - p + c). */
    double den = 1.0 - p + cost;
    if (den <= 0)
        return INFINITY;
    return (1.0 - held) / den;
}

void pacta_settle_emboldening(const settle_params_t *params, int concession, double size,
                              pacta_belief_update update, double p_shift, double cost_shift,
                              pacta_emboldening_verdict_t *out)
{
    memset(out, 0, sizeof *out);
    out->present = true;
    out->concession = concession;
    out->concession_size = concession == 0 ? 0.0 : size;
    double power = update == PACTA_UPDATE_SIGN ? 1.0 : out->concession_size;
    out->belief_before = params->belief;
    out->belief_after = concession == 0
                            ? params->belief
                            : pacta_settle_bayes(params->belief, params->concede_if_resolute,
                                                 params->concede_if_irresolute, concession > 0,
                                                 power);
    out->next_p_before = params->next_p;
    out->next_p_after = fmin(1.0, fmax(0.0, params->next_p + p_shift));
    out->next_cost_before = params->next_cost;
    out->next_cost_after = fmax(0.0, params->next_cost + cost_shift);
    out->threshold_before = pacta_settle_deterrence_threshold(params->next_held, out->next_p_before,
                                                              out->next_cost_before);
    out->threshold_after = pacta_settle_deterrence_threshold(params->next_held, out->next_p_after,
                                                             out->next_cost_after);
    out->eu_attack_before =
        pacta_settle_attack_eu(out->belief_before, out->next_p_before, out->next_cost_before);
    out->eu_attack_after =
        pacta_settle_attack_eu(out->belief_after, out->next_p_after, out->next_cost_after);
    /* R4: the emboldening index and the flag "deterred before, not after". */
    out->index = out->eu_attack_after - out->eu_attack_before;
    /* At the threshold the attack gains nothing (EU = q), so the aggressor is deterred. */
    out->deterred_before = out->belief_before >= out->threshold_before;
    out->deterred_after = out->belief_after >= out->threshold_after;
    out->emboldens = out->deterred_before && !out->deterred_after;
}
