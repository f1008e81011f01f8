/**
 * @file alliance.h
 * @brief Alliance burden sharing: who carries the cost of NATO's defence, measured against
 *        the 2 % Wales pledge and the 3.5 % / 5 % Hague commitment, and the Olson–Zeckhauser
 *        free-riding test.
 *
 * Data come from an alliance table (docs/alliance.md): a CSV file with one row per
 * (member, year, edition), beside an optional YAML sidecar with the editions' titles and
 * sources. pacta_alliance_load() reads and checks it; pacta_alliance_analyse() computes,
 * for one year, each member's burden, fair-share ratio, gaps to the targets and the path to
 * 3.5 % by 2035, the totals for the United States and for the European allies and Canada,
 * and the Spearman rank correlation between GDP and burden for every year. Writers give
 * JSON (pacta.alliance/2), CSV and pictures (SVG or PNG, drawn with cairo).
 *
 * Equations and sources: docs/alliance.md. Missing numbers are NAN throughout.
 */
#ifndef PACTA_ALLIANCE_H
#define PACTA_ALLIANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <pacta/diag.h>
#include <pacta/export.h>
#include <pacta/format.h>
#include <pacta/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Most rows an alliance table may have (pacta_alliance_load() reports PACTA_ELIMIT past it). */
#define PACTA_ALLIANCE_MAX_ROWS 100000

/** Most bootstrap resamples an analysis may ask for (more is PACTA_EINVAL). */
#define PACTA_ALLIANCE_MAX_BOOTSTRAP 1000000

/** The three targets, in % of GDP: Wales 2014, Hague 2035 core, Hague 2035 total. */
#define PACTA_ALLIANCE_N_TARGETS 3

/** The targets' values in % of GDP, in the order of every per-target array: 2, 3.5, 5. */
extern PACTA_API const double pacta_alliance_targets[PACTA_ALLIANCE_N_TARGETS];

/** One row of an alliance table. Strings are owned by the table. */
typedef struct pacta_alliance_row {
    const char *member;      /**< name as written, e.g. "United States" */
    const char *code;        /**< ISO 3166-1 alpha-3 code, e.g. "USA" */
    const char *edition;     /**< edition id, YYYY, YYYY-MM or YYYY-MM-DD */
    const char *source;      /**< where the row's figures were taken from */
    int year;                /**< the (fiscal) year the figures are for */
    int joined;              /**< year the member joined the alliance; 0 when not given */
    bool estimate;           /**< the edition marks the figures as estimates */
    double gdp_current;      /**< GDP, million US$, current prices and exchange rates */
    double gdp_constant;     /**< GDP, million US$, constant prices (the edition's base year) */
    double defence_current;  /**< defence expenditure, million US$, current prices */
    double defence_pct_gdp;  /**< defence expenditure, % of GDP, as published */
    double core_pct_gdp;     /**< core defence expenditure, % of GDP, where reported */
    double population;       /**< thousands */
    int line;                /**< line of the row in the CSV file */
    double defence_constant; /**< defence expenditure, million US$, constant prices */
    double personnel;        /**< military personnel, thousands */
} pacta_alliance_row_t;

/** One edition of the source tables, from the sidecar (or only the id when there is none). */
typedef struct pacta_alliance_edition {
    const char *id;        /**< as in the rows' edition column */
    const char *title;     /**< e.g. "Defence Expenditure of NATO Countries (2014-2024)" */
    const char *published; /**< publication date, or "" */
    const char *source;    /**< URL or citation, or "" */
    const char *notes;     /**< price base, estimate years, caveats, or "" */
} pacta_alliance_edition_t;

/** A loaded alliance table. Immutable after loading: may be shared between threads. */
typedef struct pacta_alliance_data {
    const char *path;      /**< the CSV file */
    const char *meta_path; /**< the sidecar that was read, or "" */
    const char *title;     /**< from the sidecar, or "" */
    const char *notes;     /**< from the sidecar, or "" */
    const pacta_alliance_row_t *rows;
    size_t n_rows;
    const pacta_alliance_edition_t *editions; /**< sorted oldest first */
    size_t n_editions;
    int first_year, last_year;
} pacta_alliance_data_t;

/**
 * Read an alliance table. The sidecar is PATH with ".csv" replaced by ".yaml"; it is
 * optional. Every problem found is reported to @p diag with file, line and field.
 * @param out   output: the table, to be freed with pacta_alliance_data_destroy().
 * @param path  borrowed.
 * @param diag  borrowed; may be NULL.
 * @return PACTA_OK; PACTA_EINPUT (malformed, details in @p diag); PACTA_EIO (unreadable);
 *         PACTA_ELIMIT (too many rows); PACTA_ENOMEM.
 */
PACTA_API pacta_status pacta_alliance_load(pacta_alliance_data_t **out, const char *path,
                                           pacta_diag_t *diag);

/** Free a table. Accepts NULL. */
PACTA_API void pacta_alliance_data_destroy(pacta_alliance_data_t *data);

/** Spearman rank correlation with its p-values (docs/alliance.md, equations A6–A8) and, when
 *  pacta_alliance_spearman_bootstrap() has been run on it, a percentile interval (A10). */
typedef struct pacta_alliance_spearman {
    size_t n;           /**< pairs used */
    double rho;         /**< Pearson correlation of the mid-ranks; NAN when undefined */
    double p_two_sided; /**< R's two-sided p: 2 × the tail on rho's side, at most 1 */
    double p_greater;   /**< P(R >= rho): the one-sided test of the exploitation hypothesis */
    bool ties;          /**< some x or y values were tied (mid-ranks were used) */
    const char *method; /**< "exact permutation", "Edgeworth series (AS 89)", "t approximation"
                             or "undefined" */
    double ci_low;      /**< bootstrap percentile interval of rho; NAN when not computed */
    double ci_high;
    size_t bootstrap_used; /**< resamples with a defined rho (0: no interval) */
} pacta_alliance_spearman_t;

/** Largest n for which the p-values (without ties) come from the exact permutation
 *  distribution, as in R. */
#define PACTA_ALLIANCE_EXACT_MAX_N 9

/** Without ties, n below this uses the Edgeworth series of AS 89 (R's limit). */
#define PACTA_ALLIANCE_EDGEWORTH_MAX_N 1290

/**
 * Spearman's rank correlation of @p x and @p y (n pairs). Ties get mid-ranks and rho is the
 * Pearson correlation of the ranks. The p-values follow R's cor.test(method = "spearman")
 * with its default exact = NULL: without ties, for n <= PACTA_ALLIANCE_EXACT_MAX_N the exact
 * distribution of all n! permutations, for n < PACTA_ALLIANCE_EDGEWORTH_MAX_N the Edgeworth
 * series of algorithm AS 89; with ties, or for larger n, Student's t with n-2 degrees of
 * freedom. rho is undefined (NAN, method "undefined") when n < 3 or all x or all y are
 * equal. The interval fields are set to NAN and 0.
 * @return PACTA_OK; PACTA_EINVAL when a value is not finite; PACTA_ENOMEM.
 * Time complexity: O(n log n) for n > 9 or with ties; O(n * n!) otherwise. Thread-safe.
 */
PACTA_API pacta_status pacta_alliance_spearman(const double *x, const double *y, size_t n,
                                               pacta_alliance_spearman_t *out);

/**
 * Bootstrap percentile interval for the rho in @p s (computed by pacta_alliance_spearman()
 * on the same x and y): @p replicates resamples of the n pairs with replacement drawn from
 * pacta's xoshiro256** (pacta_rng_seed(), <pacta/survival.h>) seeded with @p seed, rho of each (resamples with no ranking are left out),
 * and the (1 − level)/2 and (1 + level)/2 quantiles of the sorted values (GSL's
 * interpolation, R's type 7). Sets s->ci_low, s->ci_high and s->bootstrap_used (NAN, NAN, 0
 * when rho is undefined). The same seed gives the same interval on every machine.
 * @return PACTA_OK; PACTA_EINVAL when level is not in (0, 1) or replicates is 0;
 *         PACTA_ENOMEM.
 * Time complexity: O(replicates · n log n). Thread-safe.
 */
PACTA_API pacta_status pacta_alliance_spearman_bootstrap(const double *x, const double *y, size_t n,
                                                         size_t replicates, unsigned long seed,
                                                         double level,
                                                         pacta_alliance_spearman_t *s);

/** Which series a member's burden is taken from when the published share and the money
 *  figures are both given (docs/alliance.md, A1). */
typedef enum pacta_alliance_trust {
    PACTA_ALLIANCE_TRUST_SHARE = 0, /**< the published share (the default) */
    PACTA_ALLIANCE_TRUST_MONEY = 1  /**< 100 × defence / GDP in current US$ */
} pacta_alliance_trust;

/** Options of an analysis. */
typedef struct pacta_alliance_options {
    int year;                   /**< 0: the latest year in the table */
    const char *edition;        /**< NULL: for each member and year the newest edition's row */
    double target;              /**< the target the ranked table is about: 2, 3.5 or 5 */
    int trend_years;            /**< years of the recent trend, ending at the year (default 5) */
    int path_end;               /**< year of the Hague target (2035) */
    double path_target;         /**< level to reach by path_end, % of GDP (3.5, core) */
    pacta_alliance_trust trust; /**< share (default) or money first in A1 */
    size_t bootstrap;   /**< resamples for the intervals of rho (A10); 0: none (default 2000) */
    unsigned long seed; /**< seed of every bootstrap (default 20250625) */
    double level;       /**< coverage of the intervals (default 0.95) */
} pacta_alliance_options_t;

/** Fill @p options with the defaults: latest year, newest edition, target 3.5, 5 trend
 *  years, 3.5 % by 2035, the published shares trusted first, 2000 bootstrap resamples with
 *  seed 20250625 (the day of the Hague summit) for 95 % intervals. */
PACTA_API void pacta_alliance_options_default(pacta_alliance_options_t *options);

/** Where a member's burden comes from. */
typedef enum pacta_alliance_basis {
    PACTA_ALLIANCE_BASIS_NONE = 0,    /**< no burden can be formed */
    PACTA_ALLIANCE_BASIS_CORE = 1,    /**< core defence share, as published */
    PACTA_ALLIANCE_BASIS_DEFENCE = 2, /**< defence share, as published */
    PACTA_ALLIANCE_BASIS_MONEY = 3,   /**< 100 × defence / GDP, both in current US$ */
} pacta_alliance_basis;

/** Short text for a basis ("core share", "defence share", "money", "none"). */
PACTA_API const char *pacta_alliance_basis_name(pacta_alliance_basis basis);

/** One member in the analysed year. Money in million US$, current prices; NAN when
 *  unknown. */
typedef struct pacta_alliance_member {
    const pacta_alliance_row_t *row; /**< the row used (borrowed from the table) */
    pacta_alliance_basis basis;
    double burden; /**< % of GDP (A1) */
    double gdp;    /**< published, or derived as 100 × defence / burden */
    bool gdp_derived;
    double defence; /**< published, or derived as burden × GDP / 100 */
    bool defence_derived;
    double spending_share; /**< share of the members' total defence spending (A2) */
    double gdp_share;      /**< share of the members' total GDP */
    double fair_share;     /**< spending_share / gdp_share (A3); > 1 carries more */
    double gap_points[PACTA_ALLIANCE_N_TARGETS]; /**< max(0, target − burden) (A4) */
    double gap_money[PACTA_ALLIANCE_N_TARGETS];  /**< gap_points × GDP / 100 */
    double path_per_year;    /**< increase a year needed to reach path_target by path_end (A5) */
    double trend_per_year;   /**< least-squares slope of the burden over the recent years */
    int trend_points;        /**< years the slope was fitted on (0: no trend) */
    int meets_path;          /**< 1 trend >= path, 0 below, -1 unknown */
    int rank;                /**< 1 = highest burden */
    double gdp_constant;     /**< GDP, million US$, constant (2021) prices, as published */
    double defence_constant; /**< defence, million US$, constant (2021) prices, as published */
    double gap_money_constant[PACTA_ALLIANCE_N_TARGETS]; /**< gap_points × gdp_constant / 100 */
    double per_capita;   /**< defence (current US$) per inhabitant, US$ (A11) */
    int population_year; /**< the population's year: the row's, else the latest earlier one
                              of the member; 0 when none */
    double per_soldier;  /**< defence (current US$) per member of the armed forces, US$ */
} pacta_alliance_member_t;

/** Totals of a group of members (the alliance, the United States, Europe and Canada). */
typedef struct pacta_alliance_group {
    const char *name;
    size_t n_members;                           /**< members with a burden */
    size_t n_money;                             /**< of those, with defence and GDP in money */
    double defence;                             /**< sum over n_money members, million US$ */
    double gdp;                                 /**< sum over n_money members, million US$ */
    double burden;                              /**< 100 × defence / gdp; NAN when n_money = 0 */
    double mean_burden;                         /**< unweighted mean over n_members */
    size_t at_target[PACTA_ALLIANCE_N_TARGETS]; /**< members at or above each target */
    double gap_money[PACTA_ALLIANCE_N_TARGETS]; /**< sum of the members' gaps, million US$
                                                     current; over members with GDP */
    double gap_money_constant[PACTA_ALLIANCE_N_TARGETS]; /**< the same at constant prices,
                                                              over members with constant GDP */
    size_t n_constant;       /**< members with defence and GDP at constant prices */
    double defence_constant; /**< sum over n_constant members, million US$ (2021 prices) */
    double gdp_constant;     /**< sum over n_constant members, million US$ (2021 prices) */
} pacta_alliance_group_t;

/** One year of the series: the free-riding tests and the group totals (the trend). */
typedef struct pacta_alliance_oz {
    int year;
    size_t n_members;                           /**< members with a burden in that year */
    pacta_alliance_spearman_t all;              /**< Olson–Zeckhauser: GDP vs burden (A6) */
    pacta_alliance_spearman_t europe_canada;    /**< the same without the United States */
    pacta_alliance_spearman_t sh_all;           /**< Sandler–Hartley: GDP vs exploitation index
                                                     (A12), members with money */
    pacta_alliance_spearman_t sh_europe_canada; /**< the same without the United States */
    pacta_alliance_group_t groups[3]; /**< the year's totals, as pacta_alliance_result_t's */
} pacta_alliance_oz_t;

/** Result of pacta_alliance_analyse(). */
typedef struct pacta_alliance_result {
    int year;
    const char *edition; /**< the edition asked for, or "" for newest per member */
    double target;
    int target_index; /**< index of target in pacta_alliance_targets */
    int trend_years, path_end;
    double path_target;
    pacta_alliance_trust trust;
    pacta_alliance_member_t *members; /**< members with a row in the year, by rank */
    size_t n_members;
    size_t n_not_member; /**< rows skipped because the year is before the member joined */
    pacta_alliance_group_t groups[3]; /**< [0] all, [1] United States, [2] Europe and Canada */
    pacta_alliance_oz_t *oz;          /**< one per year of the table, oldest first */
    size_t n_oz;
    size_t bootstrap; /**< as in the options */
    unsigned long seed;
    double level;
} pacta_alliance_result_t;

/**
 * Analyse one year of a table.
 * @param out      output: the result, to be freed with pacta_alliance_result_destroy().
 * @param data     borrowed; must outlive the result (members point into it).
 * @param options  borrowed; NULL for the defaults.
 * @param diag     borrowed, may be NULL: receives notes such as members without GDP.
 * @return PACTA_OK; PACTA_EINVAL (an option out of range, e.g. a year or edition that is
 *         not in the table, or a target other than 2, 3.5 or 5); PACTA_ENOMEM.
 * Time complexity: O(R log R) in the number of rows R. Thread-safe for distinct results.
 */
PACTA_API pacta_status pacta_alliance_analyse(pacta_alliance_result_t **out,
                                              const pacta_alliance_data_t *data,
                                              const pacta_alliance_options_t *options,
                                              pacta_diag_t *diag);

/** Free a result. Accepts NULL. */
PACTA_API void pacta_alliance_result_destroy(pacta_alliance_result_t *result);

/**
 * Write the result as JSON, schema "pacta.alliance/2" (docs/json-schema.md).
 * @return PACTA_OK; PACTA_EIO; PACTA_ENOMEM.
 */
PACTA_API pacta_status pacta_alliance_write_json(FILE *f, const pacta_alliance_result_t *result,
                                                 const pacta_alliance_data_t *data);

/**
 * Write the member table as CSV, one row per member, header first (docs/json-schema.md).
 * @return PACTA_OK; PACTA_EIO.
 */
PACTA_API pacta_status pacta_alliance_write_csv(FILE *f, const pacta_alliance_result_t *result);

/** The pictures. */
typedef enum pacta_alliance_plot_kind {
    PACTA_ALLIANCE_PLOT_BURDEN_GDP = 0,  /**< burden against GDP (log scale), targets drawn */
    PACTA_ALLIANCE_PLOT_TREND = 1,       /**< burden over time, one small panel per member */
    PACTA_ALLIANCE_PLOT_FREE_RIDING = 2, /**< Spearman rho over time, with and without the US */
    PACTA_ALLIANCE_PLOT_GAPS = 3,        /**< each member's gap to 3.5 % and 5 %, US$ bn, as bars */
    PACTA_ALLIANCE_PLOT_TOTALS = 4       /**< the groups' spending over the years, constant US$ */
} pacta_alliance_plot_kind;

/** Number of plot kinds. */
#define PACTA_ALLIANCE_N_PLOTS 5

/** Picture file formats. */
typedef enum pacta_alliance_plot_format {
    PACTA_ALLIANCE_PLOT_SVG = 0,
    PACTA_ALLIANCE_PLOT_PNG = 1
} pacta_alliance_plot_format;

/** Name of a plot kind ("burden-gdp", "trend", "free-riding", "gaps", "totals"). */
PACTA_API const char *pacta_alliance_plot_name(pacta_alliance_plot_kind kind);

/**
 * Draw a picture into the file @p path (written in place; the CLI writes to a temporary
 * name and renames). The same drawing code makes SVG and PNG.
 * @return PACTA_OK; PACTA_EINPUT when the result has nothing to draw (e.g. no member with
 *         GDP for the burden-GDP plot; the reason goes to @p diag); PACTA_EIO; PACTA_ENOMEM.
 */
PACTA_API pacta_status pacta_alliance_plot(const pacta_alliance_result_t *result,
                                           const pacta_alliance_data_t *data,
                                           pacta_alliance_plot_kind kind,
                                           pacta_alliance_plot_format format, const char *path,
                                           pacta_diag_t *diag);

/** Write @p result in @p format: JSON or CSV, as above; PACTA_EINVAL for others (pictures
 *  are written to a file by pacta_alliance_plot()). */
PACTA_API pacta_status pacta_alliance_write(const pacta_alliance_result_t *result,
                                            const pacta_alliance_data_t *data, pacta_format format,
                                            FILE *stream);

#ifdef __cplusplus
}
#endif

#endif
