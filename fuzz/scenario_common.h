/* Shared by the scenario harnesses (scenario_yaml, scenario_csv, ktab_csv, ktab_xml). */
#ifndef PACTA_FUZZ_SCENARIO_COMMON_H
#define PACTA_FUZZ_SCENARIO_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include <pacta/pacta.h>

/* Check what a failed or successful call left in @p diag: an input error has a message, and
 * every message is a readable string. Aborts otherwise. */
void fuzz_check_diagnostics(const pacta_diag_t *diag, pacta_status st);

/* Parse @p data as a scenario in @p format (pacta_scenario_parse, reporting as @p name), check
 * the status and the diagnostics, and exercise what was accepted. */
void fuzz_parse_scenario(const uint8_t *data, size_t size, const char *name, const char *format,
                         const pacta_csv_options_t *csv_options);

/* Write @p scenario as YAML and read it back (the round trip must succeed and be a fixed
 * point), then forecast it with the fast models (and smp when it is small), evaluate its proposals (no Pareto search),
 * predict their durability and run a few Monte Carlo replicates. Aborts when a documented
 * promise is broken. */
void fuzz_exercise_scenario(const pacta_scenario_t *scenario);

#endif
