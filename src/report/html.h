/* The pieces of the HTML report (src/report/report_html.c): the page's head and foot, and
 * the two inline SVG plots, a trajectory and a histogram. Each writes to a stream and leaves
 * error checking to the caller (ferror once at the end). */
#ifndef PACTA_REPORT_HTML_H
#define PACTA_REPORT_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <pacta/alliance.h>
#include <pacta/forecast.h>
#include <pacta/scenario.h>

/* "<!DOCTYPE html>" up to and including "<body>": charset, viewport, the title (escaped)
 * and the inline style sheet. */
void pacta_html_head(FILE *f, const char *title);

/* "</body></html>". */
void pacta_html_tail(FILE *f);

/* The colour of series @p i of a plot (a fixed palette, repeated). Static text. */
const char *pacta_html_colour(size_t i);

/* An inline SVG (role="img", with <title> @p title, escaped, and a <desc> that gives every
 * line's first and last value) plotting the positions of @p entry's actors (names from
 * @p scenario) round by round, and the weighted median as a dashed black line; then a key
 * naming the actors' colours. */
void pacta_html_trajectory(FILE *f, const char *title, const pacta_scenario_t *scenario,
                           const pacta_forecast_entry_t *entry);

/* An inline SVG histogram of @p n_bins counts over [0, 100], regrouped into 50 bars. */
void pacta_html_histogram(FILE *f, const char *title, const char *desc, const uint64_t *counts,
                          size_t n_bins);

/* The alliance section (report_alliance.c): gaps in US$ and the free-riding tests of a
 * finished analysis, with the table it was made from. */
void pacta_html_alliance(FILE *f, const pacta_alliance_result_t *res,
                         const pacta_alliance_data_t *data);

#endif
