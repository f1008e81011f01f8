/* The format readers behind pacta_scenario_parse(). Text is valid UTF-8 without a BOM. */
#ifndef PACTA_SCENARIO_READERS_H
#define PACTA_SCENARIO_READERS_H

#include <pacta/pacta.h>

pacta_status scenario_read_yaml(pacta_scenario_t **out, const char *text, size_t length,
                                const char *name, pacta_diag_t *diag);
pacta_status scenario_read_csv(pacta_scenario_t **out, const char *text, size_t length,
                               const char *name, const pacta_csv_options_t *options,
                               pacta_diag_t *diag);

#endif
