/* What other modules of the library need from forecast.c. */
#ifndef PACTA_FORECAST_INTERNAL_H
#define PACTA_FORECAST_INTERNAL_H

#include <pacta/pacta.h>

/* Run a joint model once over @p issues (k scenario indices) of @p s, gathering the actors
 * exactly as pacta_forecast_run does, and write each issue's forecast (NAN when undefined)
 * into forecasts[q]. Allocates while it runs (joint models keep O(n^2) state); frees all. */
pacta_status pacta_forecast_joint_point(const pacta_scenario_t *s,
                                        const pacta_model_config_t *config, const size_t *issues,
                                        size_t k, double *forecasts);

#endif
