/* The format readers behind pacta_scenario_parse(). Text is valid UTF-8 without a BOM. */
#ifndef PACTA_SCENARIO_READERS_H
#define PACTA_SCENARIO_READERS_H

#include <pacta/pacta.h>

pacta_status pacta_scenario_read_yaml(pacta_scenario_t **out, const char *text, size_t length,
                                      const char *name, pacta_diag_t *diag);
/* A flat actor table, or a KTAB CSV scenario when its first lines are in KTAB's layout;
 * with ktab_only, anything else is an error. */
pacta_status pacta_scenario_read_csv(pacta_scenario_t **out, const char *text, size_t length,
                                     const char *name, const pacta_csv_options_t *options,
                                     bool ktab_only, pacta_diag_t *diag);

/* A KTAB scenario in XML (ktab_xml.c). */
pacta_status pacta_scenario_read_ktab_xml(pacta_scenario_t **out, const char *text, size_t length,
                                          const char *name, pacta_diag_t *diag);

#endif
