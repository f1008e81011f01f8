/* Shared by the scenario harnesses (fuzz_scenario_yaml.c, fuzz_scenario_csv.c). */
#ifndef PACTA_FUZZ_SCENARIO_COMMON_H
#define PACTA_FUZZ_SCENARIO_COMMON_H

#include <pacta/pacta.h>

/* Check what a failed or successful call left in @p diag: an input error has a message, and
 * every message is a readable string. Aborts otherwise. */
void fuzz_check_diagnostics(const pacta_diag_t *diag, pacta_status st);

/* Write @p scenario as YAML and read it back (the round trip must succeed and be a fixed
 * point), then forecast it with the fast models, evaluate its proposals (no Pareto search),
 * predict their durability and run a few Monte Carlo replicates. Aborts when a documented
 * promise is broken. */
void fuzz_exercise_scenario(const pacta_scenario_t *scenario);

#endif
