/* The command table: every subcommand of pacta, its options and their help, in one place.
 * Help text, argument parsing, did-you-mean suggestions, man pages (cli/man.c) and shell
 * completion (cli/completion.c) are all generated from it, so they cannot disagree. */
#ifndef PACTA_CLI_COMMAND_H
#define PACTA_CLI_COMMAND_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <pacta/pacta.h>

/* What a shell offers when completing an option's argument or a command's operands. */
typedef enum cli_complete {
    CLI_COMPLETE_NONE = 0, /* free text: nothing to offer */
    CLI_COMPLETE_FILE,     /* file names */
    CLI_COMPLETE_DIR,      /* directory names */
    CLI_COMPLETE_CHOICES,  /* the option's fixed choices */
    CLI_COMPLETE_MODELS,   /* forecast model names (and "all") */
    CLI_COMPLETE_FORMATS,  /* the formats the command writes */
    CLI_COMPLETE_COMMANDS, /* pacta's commands (for help) */
} cli_complete;

/* One option. The id is what the parser hands to the command's handler; ids of the shared
 * groups (cli/options.c) are CLI_OPT_* and are handled for the command. */
typedef struct cli_option {
    int id;
    const char *name;           /* long name, without "--" */
    char short_name;            /* or 0 */
    const char *arg;            /* the argument's name in help ("FILE"), NULL for a flag */
    const char *help;           /* one paragraph, wrapped when printed; NULL: an alias of
                                   the option before it, accepted but not listed */
    cli_complete complete;      /* how to complete the argument */
    const char *const *choices; /* NULL-terminated, for CLI_COMPLETE_CHOICES */
    const char *deprecated;     /* not NULL: accepted, not listed, warned about with this */
} cli_option_t;

/* Options listed under one heading. */
typedef struct cli_group {
    const char *title;           /* "Options", "What to simulate", ...; NULL: listed under the
                                    heading of the group before it (the small shared groups) */
    const cli_option_t *options; /* ends with an entry whose name is NULL */
} cli_group_t;

typedef struct cli_command cli_command_t;

/* A command's entry point: argv[0] is the command's name. Returns the exit status. */
typedef int (*cli_run_fn)(const cli_command_t *command, int argc, char **argv);

struct cli_command {
    const char *name;                    /* "forecast"; "durability fit" for actions */
    const char *summary;                 /* one line, for pacta --help and NAME in man */
    const char *const *synopsis;         /* usage lines after "pacta NAME", NULL-ended */
    const char *description;             /* paragraphs separated by blank lines */
    const cli_group_t *const *groups;    /* NULL-terminated */
    const char *notes;                   /* paragraphs printed after the options */
    cli_complete operands;               /* what the command's operands are */
    const char *const *operand_choices;  /* for CLI_COMPLETE_CHOICES operands */
    pacta_document output;               /* what --format writes */
    const cli_command_t *const *actions; /* sub-actions (durability fit ...), or NULL */
    const char *action_noun;             /* what an action is called: "format" for
                                            import; NULL: "action" */
    cli_run_fn run;                      /* NULL for a command made only of actions */
};

/* Exit status of cli_parse() when --help was shown: the command returns EXIT_OK. And what a
 * command's option handler returns for an option it leaves to the shared groups. */
enum { CLI_HELP_SHOWN = -1, CLI_NOT_MINE = -2 };

/* The command table (cli/main.c), NULL-terminated, in the order help lists it. */
extern const cli_command_t *const cli_commands[];

/* The heading group @p g of @p command is listed under: its title, or that of the nearest
 * group before it with one, or "Options". */
const char *cli_group_heading(const cli_command_t *command, size_t g);

/* The command or action named @p name, or NULL. */
const cli_command_t *cli_command_find(const char *name);

/* Print the command's help: synopsis, description, options by group, notes. Wrapped to
 * 80 columns. */
void cli_command_usage(const cli_command_t *command, FILE *f);

/* ---- the shared option groups (cli/options.c) --------------------------------------------- */

enum {
    CLI_OPT_HELP = 1000,
    CLI_OPT_FORMAT,
    CLI_OPT_OUTPUT,
    CLI_OPT_THREADS,
    CLI_OPT_SEED,
    CLI_OPT_RUNS,
    CLI_OPT_MODEL,
    CLI_OPT_ISSUE,
    CLI_OPT_ROUNDS,
    CLI_OPT_PROFILE,
    CLI_OPT_SET,
    CLI_OPT_SALIENCE_SCALE,
    CLI_OPT_SCALE,
    CLI_OPT_UNIT,
    CLI_OPT_UTILITY,
    CLI_OPT_RESERVATION,
    CLI_OPT_UPDATE,
};

/* -f/--format and -o/--output: what to write and where. */
extern const cli_group_t cli_group_output;
/* -o/--output alone, for commands that write one format. */
extern const cli_group_t cli_group_output_file;
/* -t/--threads. */
extern const cli_group_t cli_group_threads;
/* --seed. */
extern const cli_group_t cli_group_seed;
/* -n/--runs. */
extern const cli_group_t cli_group_runs;
/* -m/--model, -i/--issue, -r/--rounds, -p/--profile, -s/--set: the forecast models. */
extern const cli_group_t cli_group_models;
/* --salience-scale, --scale, --unit: how to read a flat CSV actor table. */
extern const cli_group_t cli_group_csv_input;
/* --utility, --reservation: how proposals are judged (evaluate, simulate). */
extern const cli_group_t cli_group_judging;

enum { CLI_MAX_MODELS = 16 };

/* What the shared groups parse into. Initialise with cli_common_init() and free with
 * cli_common_destroy(). */
typedef struct cli_common {
    pacta_format format;     /* CLI_FORMAT_*; PACTA_FORMAT_AUTO until given */
    const char *format_name; /* as given */
    const char *output;      /* -o, or NULL */
    unsigned threads;        /* 0: one per core */
    uint64_t seed;           /* default 1 */
    bool seed_given;
    uint64_t runs; /* default 1000 */
    bool runs_given;
    /* forecast models */
    const char *models[CLI_MAX_MODELS];
    size_t n_models;
    bool all_models;
    char *model_storage[CLI_MAX_MODELS];
    size_t n_model_storage;
    const char *issue;
    long rounds; /* 0: the model's default */
    const char *profile;
    pacta_settings_t *settings;     /* --set, created on first use */
    const char *settings_given[64]; /* the raw KEY=VALUE texts, in order */
    size_t n_settings_given;
    /* flat CSV input */
    pacta_csv_options_t csv;
    /* judging */
    pacta_utility utility;
    const char *utility_name; /* as given, or NULL */
    pacta_reservation reservation;
    const char *reservation_name;
    pacta_belief_update update;
    const char *update_name;
} cli_common_t;

void cli_common_init(cli_common_t *common);
void cli_common_destroy(cli_common_t *common);

/* The output format to use: the given one, or the default for @p command's document. */
pacta_format cli_common_format(const cli_common_t *common, const cli_command_t *command);

/* Handle option @p id of a shared group with argument @p arg (NULL for a flag). Returns
 * EXIT_OK or EXIT_USAGE after printing why. */
int cli_common_option(cli_common_t *common, const cli_command_t *command, int id, const char *arg);

/* The seed's upper bound: 2^53, so that every JSON reader reads seeds exactly. */
#define CLI_SEED_MAX (UINT64_C(1) << 53)

/* ---- parsing ------------------------------------------------------------------------------ */

/* A command's own options: return EXIT_OK, an exit status after printing why, or
 * CLI_NOT_MINE for an option of a shared group that cli_common_option() handles. A command
 * may thus take over a shared option (backtest's deprecated --format deu). */
typedef int (*cli_option_fn)(void *context, int id, char *arg);

/* Parse @p argv (argv[0] is the command) with getopt_long over the command's groups. Options
 * of the shared groups go into @p common (which may be NULL when the command has none); the
 * others to @p handle with @p context. -h/--help prints the help and returns CLI_HELP_SHOWN;
 * an unknown option prints a suggestion and the usage and returns EXIT_USAGE. On success,
 * *first_operand is the index of the first operand in argv (getopt permutes operands to the
 * end). */
int cli_parse(const cli_command_t *command, int argc, char **argv, cli_common_t *common,
              cli_option_fn handle, void *context, int *first_operand);

/* Apply the models group (-m -i -r -p -s) to forecast options. Strings stay owned by
 * @p common. */
void cli_common_forecast_options(const cli_common_t *common, pacta_forecast_options_t *options);

/* A whole number in [min, max]; prints an error naming @p option otherwise. */
bool cli_parse_u64(const char *option, const char *text, uint64_t min, uint64_t max, uint64_t *out);

/* "a, b or c" (with @p last " or ") or "a, b, c" (with ", ") into @p buf. */
void cli_list_words(char *buf, size_t size, const char *const *words, const char *last);

/* The formats @p document is written in, "text, json or csv"; with @p mark_default the
 * first gets " (default)". */
void cli_format_list(char *buf, size_t size, pacta_document document, bool mark_default);

/* An option's help with its placeholders filled in: %F the command's output formats, %M
 * the forecast models. */
void cli_expand_help(const cli_command_t *command, const char *help, char *buf, size_t size);

/* Print "COMMAND: MESSAGE" and the usage to stderr; return EXIT_USAGE. */
int cli_usage_error(const cli_command_t *command, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* EXIT_OK when exactly one operand (the scenario file) follows the options at argv[first],
 * else the usage error "no scenario file given" or "give exactly one scenario file". */
int cli_one_scenario(const cli_command_t *command, int argc, int first);

/* The option's display form ("--format"), for messages. */
const char *cli_option_display(const cli_command_t *command, int id);

/* ---- generated documents ------------------------------------------------------------------ */

/* Write the man page of @p command (NULL: pacta(1), the overview) in roff to @p f. */
void cli_write_man(const cli_command_t *command, FILE *f);

/* Write a completion script for @p shell ("bash" or "zsh"); false for another shell. */
bool cli_write_completion(const char *shell, FILE *f);

#endif
