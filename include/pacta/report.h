/**
 * @file report.h
 * @brief A whole analysis of a scenario in one document: the HTML report.
 *
 * A report gathers what the other modules computed for one scenario (its forecast, the
 * evaluation of its proposals, a Monte Carlo simulation) and writes them as one page a
 * person opens in a browser: a self-contained HTML file (inline CSS and SVG, no scripts, no
 * fonts or pictures fetched from anywhere) that is accessible, printable and readable on a
 * phone (docs/cli.md, "pacta report"). The report borrows every part; it computes nothing.
 */
#ifndef PACTA_REPORT_H
#define PACTA_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include <pacta/alliance.h>
#include <pacta/evaluate.h>
#include <pacta/export.h>
#include <pacta/forecast.h>
#include <pacta/format.h>
#include <pacta/scenario.h>
#include <pacta/simulate.h>
#include <pacta/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The parts of a report, all borrowed. Only the scenario is required; a part left NULL is
 *  left out of the page (its section says so). */
typedef struct pacta_report {
    const pacta_scenario_t *scenario;           /**< required */
    const pacta_forecast_t *forecast;           /**< the models' forecasts, or NULL */
    const pacta_evaluation_t *evaluation;       /**< the proposals' verdicts, or NULL */
    const pacta_simulation_t *simulation;       /**< a finished simulation, or NULL */
    const pacta_alliance_result_t *alliance;    /**< an alliance analysis, or NULL */
    const pacta_alliance_data_t *alliance_data; /**< its table; required with alliance */
} pacta_report_t;

/**
 * Write @p report as one self-contained HTML5 page to @p stream. Every string of the
 * scenario is escaped for HTML; links are written only for sources whose url starts with
 * http:// or https://. Thread-safe for distinct streams.
 * @return PACTA_OK; PACTA_EINVAL (no scenario); PACTA_EIO (a write failed).
 * Time: linear in the size of the parts (rounds x actors for the trajectories, bins for
 * the histograms).
 */
PACTA_API pacta_status pacta_report_write_html(const pacta_report_t *report, FILE *stream);

/** Write @p report in @p format: HTML as above; PACTA_EINVAL for any other format
 *  (pacta_format_writes(format, PACTA_DOCUMENT_REPORT) says which exist). */
PACTA_API pacta_status pacta_report_write(const pacta_report_t *report, pacta_format format,
                                          FILE *stream);

/**
 * The reconciled verdict of @p verdict (a proposal of @p scenario) in words, as evaluate and
 * the HTML report print it after "viable: " or alone: "every veto player accepts, ..." or
 * "blocked by Russia (veto); side A expects more by fighting on (...); would not last: ...",
 * with "; it emboldens the aggressor" when it does. Writes at most @p size bytes with a NUL
 * (cut if longer); returns the length written. Thread-safe.
 */
PACTA_API size_t pacta_verdict_describe(char *buf, size_t size, const pacta_scenario_t *scenario,
                                        const pacta_proposal_verdict_t *verdict);

/**
 * Write @p text (UTF-8, borrowed; NULL writes nothing) to @p stream escaped for HTML text
 * and attribute values: & < > " ' become entities, every other byte (non-ASCII included) is
 * written as it is. Returns false when a write failed.
 */
PACTA_API bool pacta_html_escape(FILE *stream, const char *text);

#ifdef __cplusplus
}
#endif

#endif
