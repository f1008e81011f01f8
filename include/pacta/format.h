/**
 * @file format.h
 * @brief The formats pacta reads and writes, in one registry.
 *
 * Every file pacta reads or writes has a format (YAML, a CSV table, KTAB's XML, JSON...) and
 * holds a kind of document (a scenario, a forecast, an evaluation...). The registry says
 * which formats each kind of document can be read from and written to, names them the same
 * way for every command (`--format json`), and recognises an input's format from its first
 * bytes, falling back on the file name's suffix only when the content does not say. Readers
 * and writers of each kind of document dispatch on these values, so a front end needs no
 * format knowledge of its own.
 */
#ifndef PACTA_FORMAT_H
#define PACTA_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include <pacta/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A file format. The numeric values are part of the API; new formats are appended. */
typedef enum pacta_format {
    PACTA_FORMAT_AUTO = 0, /**< not given: recognise it (inputs) or use the default (outputs) */
    PACTA_FORMAT_TEXT,     /**< tables for people, written by the front end (the CLI) */
    PACTA_FORMAT_JSON,     /**< JSON with a versioned schema (docs/json-schema.md) */
    PACTA_FORMAT_CSV,      /**< comma-separated values (RFC 4180); as input, a flat actor table */
    PACTA_FORMAT_YAML,     /**< YAML 1.2: pacta scenarios and durability models */
    PACTA_FORMAT_KTAB_CSV, /**< KTAB's CSV layouts: scenarios, and actor,dim,turn,pos histories */
    PACTA_FORMAT_KTAB_XML, /**< KTAB's XML scenarios */
    PACTA_FORMAT_DEU,      /**< a DEU (Decision-making in the EU) table, tab-separated */
    PACTA_FORMAT_SVG,      /**< a picture, SVG */
    PACTA_FORMAT_PNG,      /**< a picture, PNG */
    PACTA_FORMAT_HTML,     /**< a self-contained HTML page (report.h) */
} pacta_format;

/** Number of pacta_format values (PACTA_FORMAT_AUTO included). */
#define PACTA_FORMAT_COUNT 11

/** What a file holds. The numeric values are part of the API; new kinds are appended. */
typedef enum pacta_document {
    PACTA_DOCUMENT_SCENARIO = 0,     /**< actors, issues, proposals (scenario.h) */
    PACTA_DOCUMENT_FORECAST,         /**< pacta_forecast_t (forecast.h) */
    PACTA_DOCUMENT_EVALUATION,       /**< pacta_evaluation_t (evaluate.h) */
    PACTA_DOCUMENT_SIMULATION,       /**< pacta_simulation_t (simulate.h) */
    PACTA_DOCUMENT_BACKTEST_SET,     /**< decided issues to score models on (backtest.h) */
    PACTA_DOCUMENT_BACKTEST,         /**< pacta_backtest_result_t (backtest.h) */
    PACTA_DOCUMENT_ALLIANCE_TABLE,   /**< an alliance's members and burdens (alliance.h) */
    PACTA_DOCUMENT_ALLIANCE,         /**< pacta_alliance_result_t (alliance.h) */
    PACTA_DOCUMENT_EPISODES,         /**< a peace-episode table (durability.h) */
    PACTA_DOCUMENT_DURABILITY_MODEL, /**< a fitted durability model (durability.h) */
    PACTA_DOCUMENT_DURABILITY,       /**< pacta_durability_report_t (durability.h) */
    PACTA_DOCUMENT_DESIGN,           /**< pacta_design_t (design.h) */
    PACTA_DOCUMENT_REPORT,           /**< pacta_report_t: a whole analysis (report.h) */
} pacta_document;

/** Number of pacta_document values. */
#define PACTA_DOCUMENT_COUNT 13

/** The format's name as the command line spells it ("json", "ktab-csv"); "auto" for AUTO and
 *  "unknown" for values outside the enum. Static text. Thread-safe. */
PACTA_API const char *pacta_format_name(pacta_format format);

/** One line saying what the format is, for help text. Static text. Thread-safe. */
PACTA_API const char *pacta_format_summary(pacta_format format);

/**
 * The format named @p name (exact spelling, as pacta_format_name() gives it), or
 * PACTA_FORMAT_AUTO when @p name names none. Thread-safe. Time: O(formats).
 */
PACTA_API pacta_format pacta_format_find(const char *name);

/** The kind of document's name ("scenario", "forecast", ...), for messages. Static text. */
PACTA_API const char *pacta_document_name(pacta_document document);

/** Whether the library reads @p document from @p format. Thread-safe. */
PACTA_API bool pacta_format_reads(pacta_format format, pacta_document document);

/**
 * Whether @p document can be written in @p format: by the library, or for
 * PACTA_FORMAT_TEXT by the front end (the library writes no text tables). Thread-safe.
 */
PACTA_API bool pacta_format_writes(pacta_format format, pacta_document document);

/**
 * The formats @p document can be written in, the default first (text where a person reads
 * the result, else the format the document is kept in). Fills at most @p max entries of
 * @p out (borrowed, may be NULL when @p max is 0) and returns how many there are.
 * Thread-safe.
 */
PACTA_API size_t pacta_format_list_written(pacta_document document, pacta_format *out, size_t max);

/** The formats @p document can be read from, as pacta_format_list_written(). */
PACTA_API size_t pacta_format_list_read(pacta_document document, pacta_format *out, size_t max);

/**
 * Recognise the format of an input holding @p document from its content and the suffix of
 * @p name (borrowed, may be NULL). A UTF-8 byte order mark, blank lines and '#' comment lines
 * are skipped, and the first line decides (docs/scenario-format.md, "File formats"):
 *  1. a strong sign in the content: a first character '<' is XML (KTAB's, the only XML pacta
 *     reads); "%YAML", "---", '{' or "key:" is YAML; a row whose third and fourth fields are
 *     whole numbers is KTAB's CSV layout; a header "Actor,...,Capability" is a flat table;
 *  2. else the suffix: .yaml/.yml, .csv, .xml, .tsv/.tab;
 *  3. else a weak sign in the content: a tab is a DEU table, a comma a CSV table;
 *  4. else the document's first input format (pacta_format_list_read(); for scenarios
 *     YAML, whose reader explains best what is wrong).
 * A format the document is not read from is mapped to one it is (a DEU table or KTAB's CSV
 * is a CSV table to readers of CSV). Returns a format pacta_format_reads() accepts for
 * @p document, or PACTA_FORMAT_AUTO when the document is read from none. Thread-safe.
 * Time: linear in the first lines.
 */
PACTA_API pacta_format pacta_format_detect(pacta_document document, const char *text, size_t length,
                                           const char *name);

#ifdef __cplusplus
}
#endif

#endif
