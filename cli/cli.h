/* Shared by the pacta command's subcommands. The command uses only the public API. */
#ifndef PACTA_CLI_H
#define PACTA_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include <pacta/pacta.h>

/* Exit codes, documented in docs/cli.md. */
enum {
    EXIT_OK = 0,
    EXIT_FAILURE_ = 1,
    EXIT_USAGE = 2,
    EXIT_BAD_INPUT = 3,
    EXIT_NUMERIC = 4,
    EXIT_IO = 5,
};

/* The pacta command: dispatch argv[1] to its subcommand and return the exit status. Called
 * by main() and, in process and many times over, by the fuzz harness (fuzz/fuzz_cli.c), so
 * no subcommand may exit() or keep state from one call to the next. */
int cli_main(int argc, char **argv);

/* Exit code for a library status. */
int cli_exit_code(pacta_status status);

/* Print diagnostics to stderr as "pacta: FILE:LINE:COL: field: message", sorted by
 * position. Returns the number of errors printed. */
size_t cli_print_diagnostics(const pacta_diag_t *diag);

/* Print "pacta: message" to stderr. */
void cli_error(const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Strict conversions of option arguments; print an error naming the option on failure. */
bool cli_parse_long(const char *option, const char *text, long min, long max, long *out);
bool cli_parse_double(const char *option, const char *text, double *out);

/* Output (-o PATH; cli/output.c, docs/cli.md). NULL, "-" and /dev/stdout are standard
 * output; /dev/stderr, /dev/fd/N and /proc/self/fd/N are that descriptor (shared, so output
 * lands where writing to it would); a device, pipe or socket is written in place; anything
 * else is written to a temporary file beside PATH and renamed onto it only when complete,
 * so a failed run never leaves a half-written file over a good one (a symbolic link is
 * replaced, not followed: it may be another user's). */
typedef struct cli_output {
    FILE *stream;       /* open for writing, or NULL after cli_output_reserve */
    char *path;         /* PATH (NULL for standard output) */
    char *temp_path;    /* the temporary file renamed onto PATH, or NULL */
    char *scratch_path; /* cli_output_reserve: the file copied to stream on closing, or NULL */
} cli_output_t;

/* Open @p path for writing; false after printing why. */
bool cli_output_open(cli_output_t *out, const char *path);
/* For writers that take a file name (the pictures): open @p path, then write the file named
 * by cli_output_file(out) and close. */
bool cli_output_reserve(cli_output_t *out, const char *path);
const char *cli_output_file(const cli_output_t *out);
/* Finish: flush, and move the file into place when @p ok (otherwise discard it). Returns
 * false, after printing why, when the output could not be written or @p ok is false. */
bool cli_output_close(cli_output_t *out, bool ok);
/* Close @p out after writing it ended with status @p st (discarding it unless PACTA_OK) and
 * return the exit code: that of @p st when it failed, else EXIT_IO when the output could not
 * be written. */
int cli_output_finish(cli_output_t *out, pacta_status st);

/* Load a scenario in @p format (PACTA_FORMAT_AUTO: recognised from its content) with the
 * flat-table options @p csv (may be NULL); prints diagnostics. Returns the exit code
 * (EXIT_OK on success). A request for KTAB_CSV reads KTAB's CSV or XML, whichever the file
 * is (pacta import ktab). */
int cli_load(const char *path, pacta_format format, const pacta_csv_options_t *csv,
             pacta_scenario_t **out);

/* Print the diagnostics collected so far and clear them, so none is printed twice. Returns
 * the number of errors. */
size_t cli_report(pacta_diag_t *diag);

/* Print "out of memory" and return EXIT_FAILURE_. */
int cli_out_of_memory(void);

/* Reset getopt before a command parses its options. optind = 0, not 1: glibc then also
 * forgets a half-read "-abc" group of an earlier call, so commands can run one after
 * another in one process (--resume, the fuzz harness). */
void cli_reset_getopt(void);

/* "s" when @p n is not 1, for counts in messages ("1 issue", "2 issues"). */
const char *cli_plural(size_t n);

/* The durability model in @p path, or the shipped one when NULL; diagnostics are printed.
 * Returns an exit code (EXIT_OK on success). */
int cli_load_durability_model(const char *path, pacta_durability_model_t **out, pacta_diag_t *diag);

/* The commands (cli/cmd_*.c), listed by the table in main.c. */
struct cli_command;
extern const struct cli_command cli_command_forecast, cli_command_evaluate, cli_command_simulate,
    cli_command_check, cli_command_init, cli_command_import, cli_command_alliance,
    cli_command_durability, cli_command_backtest, cli_command_design, cli_command_help,
    cli_command_completion, cli_command_report, cli_command_serve;

/* A value on an issue's scale as a person reads it: in the issue's unit when it has one
 * ("8.42 years (73.6)"), else on 0-100 ("73.6") (cli/text_report.c). */
void cli_format_value(char *buf, size_t size, const pacta_issue_t *issue, double v);

/* The issue's labelled point nearest to @p v, "= 50: label" or "≈ 50: label", or how far the
 * nearest is when none lies within 10 scale points. */
void cli_print_anchor(FILE *f, const pacta_issue_t *issue, double v);

/* Text report of a forecast (the default format). */
void cli_print_forecast_text(FILE *f, const pacta_forecast_t *forecast,
                             const pacta_scenario_t *scenario, bool trajectory);

/* Text report of an evaluation (sensitivity may be NULL). */
void cli_print_evaluation_text(FILE *f, const pacta_evaluation_t *evaluation,
                               const pacta_sensitivity_t *sensitivity,
                               const pacta_scenario_t *scenario);

/* Text report of an alliance analysis (cli/alliance_text.c). */
void cli_print_alliance_text(FILE *f, const pacta_alliance_result_t *result,
                             const pacta_alliance_data_t *data);

/* A fitted durability model's summary, with intervals at @p level (cli/durability_text.c). */
void cli_print_durability_model(FILE *f, const pacta_durability_model_t *model, double level);

/* Each proposal's chance of holding, as predicted with @p options. */
void cli_print_durability_report(FILE *f, const pacta_durability_report_t *report,
                                 const pacta_scenario_t *scenario,
                                 const pacta_durability_predict_options_t *options);

/* Text report of a backtest. */
void cli_print_backtest_text(FILE *f, const pacta_backtest_result_t *result);

/* Text report of a deal design (cli/design_text.c). */
void cli_print_design_text(FILE *f, const pacta_design_t *design, const pacta_scenario_t *scenario);

/* Text report of a simulation. */
void cli_print_simulation_text(FILE *f, const pacta_simulation_t *simulation,
                               const pacta_scenario_t *scenario);

#endif
