/* The head that the JSON reports share: the schema and pacta version every document starts
 * with, and the scenario it describes. */
#ifndef PACTA_REPORT_JSON_H
#define PACTA_REPORT_JSON_H

#include <stdbool.h>

#include <pacta/pacta.h>

#include "core/json_build.h"

/* A new document object holding "schema": @p schema and "pacta_version", and, when @p s is
 * not NULL, "scenario": {title, path[, date when @p with_date]}. */
json_t *pacta_report_json_root(json_build_t *b, const char *schema, const pacta_scenario_t *s,
                               bool with_date);

#endif
