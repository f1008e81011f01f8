/* Shared by the durability files. */
#ifndef PACTA_DURABILITY_INTERNAL_H
#define PACTA_DURABILITY_INTERNAL_H

#include <pacta/pacta.h>

#include "durability/table.h"

/* An episode table is a CSV table held as text cells; built tables have line 0 rows. */
struct pacta_episodes {
    dtable_t table;
};

/* Days since 1970-01-01 of a valid YYYY-MM-DD (proleptic Gregorian). */
long pacta_date_to_days(const char *text);

/* Parse a strict YYYY-MM-DD into days; false when it is not one. */
bool pacta_parse_date(const char *text, long *days);

/* Write the date of a day count as YYYY-MM-DD into buf (at least 11 bytes). */
void pacta_days_to_date(long days, char *buf);

/* Today's date (UTC) as YYYY-MM-DD. */
void pacta_today(char *buf);

/* The covariate spec with this name, or NULL. */
const pacta_durability_covariate_t *pacta_durability_covariate_find(const char *name);

#endif
