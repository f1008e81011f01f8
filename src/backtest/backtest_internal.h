/* Shared by the backtest files: the set's owner, the delimited-table reader, the gathering
 * of one issue's model input, the benchmarks and the statistics. */
#ifndef PACTA_BACKTEST_INTERNAL_H
#define PACTA_BACKTEST_INTERNAL_H

#include <pacta/pacta.h>

#include "core/arena.h"
#include "core/table.h"

/* A set and what it owns: the public struct first, so a set pointer converts back. */
typedef struct set_owner {
    pacta_backtest_set_t pub;
    pacta_arena_t *arena;         /* every array and string of the set */
    pacta_scenario_t **scenarios; /* one per proposal (arena array), each destroyed */
    size_t n_scenarios;
} set_owner_t;

/* ---- delimited tables (table.c) ---------------------------------------------------------- */

/* A tab- or comma-separated file read whole (core/table.h), without its blank rows; rows may
 * differ in length. Returns PACTA_OK, PACTA_EIO, PACTA_ELIMIT, PACTA_EINPUT (not valid
 * delimited text, or empty; see diag) or PACTA_ENOMEM; on failure t is freed. */
pacta_status pacta_bt_table_read(pacta_table_t *t, const char *path, unsigned char delimiter,
                                 pacta_diag_t *diag);

/* ---- readers ----------------------------------------------------------------------------- */

/* Capabilities by actor id from a CSV file with columns actor and capability. */
typedef struct bt_capabilities {
    const char **ids;
    double *values;
    size_t n;
    const char *file;
} bt_capabilities_t;

/* Read a capability file into c (memory from arena). Errors go to diag; returns
 * PACTA_OK, PACTA_EINPUT, PACTA_EIO, PACTA_ELIMIT or PACTA_ENOMEM. */
pacta_status pacta_bt_capabilities_read(bt_capabilities_t *c, pacta_arena_t *arena,
                                        const char *path, pacta_diag_t *diag);
/* The capability of actor id, or -1 when the file does not list it. */
double pacta_bt_capability_of(const bt_capabilities_t *c, const char *id);

/* Read a DEU table into the owner's proposals and cases. */
pacta_status pacta_bt_read_deu(set_owner_t *owner, const char *path,
                               const pacta_backtest_read_options_t *options,
                               const bt_capabilities_t *file_capabilities, pacta_diag_t *diag);

/* ---- one issue's input ------------------------------------------------------------------- */

/* A Council member for eu-procedural: position and vote weight. */
typedef struct member {
    double x;
    double w;
} member_t;

/* The arrays a model sees for one case, for at most max_actors actors, and scratch for the
 * benchmarks. */
typedef struct bt_input {
    double *position, *salience, *capability, *risk;
    member_t *members;
    size_t *actor; /* indices into the proposal scenario's actors */
    size_t n;
    bool any_risk;
    pacta_issue_data_t data;
} bt_input_t;

pacta_status pacta_bt_input_init(bt_input_t *in, size_t max_actors);
void pacta_bt_input_free(bt_input_t *in);
/* Fill in for case c of set (the actors that count: a stance with salience above 0). */
void pacta_bt_input_gather(bt_input_t *in, const pacta_backtest_set_t *set,
                           const pacta_backtest_case_t *c);

/* A proposal as dense n x k arrays for joint models that take partial stances (every actor
 * of its scenario on every issue; a stance that does not count has position 0 and salience
 * 0). Start zeroed; pacta_bt_joint_gather frees what it held before. */
typedef struct bt_joint {
    double *position, *salience, *capability;
    pacta_joint_data_t data;
} bt_joint_t;

pacta_status pacta_bt_joint_gather(bt_joint_t *j, const pacta_backtest_set_t *set, size_t proposal);
void pacta_bt_joint_free(bt_joint_t *j);

/* ---- benchmarks (benchmarks.c) ----------------------------------------------------------- */

typedef enum bt_benchmark {
    BT_NOT_BENCHMARK = 0,
    BT_STATUS_QUO,
    BT_EU_PROCEDURAL,
    BT_PROCEDURAL,
    BT_PROCEDURAL_COMPROMISE
} bt_benchmark;

bt_benchmark pacta_bt_benchmark_find(const char *name);
/* Forecast of a benchmark for one case; *defined false when it has none. quota is
 * eu-procedural's qualified-majority share. */
void pacta_bt_benchmark_forecast(bt_benchmark which, double quota, const pacta_backtest_set_t *set,
                                 const pacta_backtest_case_t *c, const bt_input_t *in,
                                 double *forecast, bool *defined);

/* The qualified-majority quota eu-procedural uses unless --set quota=Q says otherwise. */
#define BT_EU_QMV_QUOTA 0.71

/* ---- statistics (stats.c) ---------------------------------------------------------------- */

/* The 95% percentile interval of the finite values among v[0..n) (sorted in place):
 * quantiles 0.025 and 0.975 with linear interpolation between order statistics. */
void pacta_bt_percentile_interval(double *v, size_t n, double *lo, double *hi);

/* The continuous ranked probability score (eq. V8) of the discrete distribution with k >= 1
 * points (ascending) and their probabilities (summing to 1) for the outcome y:
 * the integral over x of (F(x) - 1{x >= y})^2, which equals E|X - y| - E|X - X'| / 2. O(k). */
double pacta_bt_crps(const double *points, const double *probability, size_t k, double y);

/* The uniform in (0, 1) for (seed, replicate, stream, draw), Philox4x32-10. */
double pacta_bt_uniform(uint64_t seed, uint64_t replicate, uint32_t stream, uint32_t draw);

/* ---- scores (scores.c) ------------------------------------------------------------------- */

/* Score every model of r, whose forecasts, groups and bootstrap settings are filled, on the
 * cases of set: the point statistics and proposal counts of all cases and of each group,
 * then r->bootstrap replicates for their intervals (eqs. V3, V4). Arrays it keeps come from
 * arena. PACTA_ENOMEM on failure. O(models x (groups + 1) x cases x (bootstrap + 1)). */
pacta_status pacta_bt_score_all(pacta_backtest_result_t *r, const pacta_backtest_set_t *set,
                                pacta_arena_t *arena);

#endif
