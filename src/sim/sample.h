/* Drawing an uncertain number by inverting its distribution function at a uniform u in
 * (0, 1): one uniform per draw, so a replicate's numbers do not depend on how many
 * uniforms other values consumed. */
#ifndef PACTA_SIM_SAMPLE_H
#define PACTA_SIM_SAMPLE_H

#include <pacta/pacta.h>

/* The value of distribution d at probability u (its quantile), within [d->lo, d->hi]. */
double pacta_sim_quantile(const pacta_distribution_t *d, double u);

#endif
