/* pacta backtest FILE...: score forecast models against decided issues. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "command.h"

enum {
    OPT_INPUT_FORMAT = 256,
    OPT_CAPABILITY,
    OPT_MIN_ACTORS,
    OPT_MODELS,
    OPT_SET,
    OPT_BASELINE,
    OPT_FIT,
    OPT_FOLDS,
    OPT_FIT_BY,
    OPT_BOOTSTRAP,
    OPT_WITHIN,
    OPT_OUTPUT_FORMAT,
    OPT_ISSUES,
};

static const char *const input_formats[] = {"deu", "pacta", NULL};
static const char *const criteria[] = {"mae", "crps", NULL};

static const cli_option_t input_options[] = {
    {OPT_INPUT_FORMAT, "input-format", 0, "deu|pacta",
     "the files' format: a DEU table or pacta scenarios with outcomes (default: recognised "
     "from the content, then the name)",
     CLI_COMPLETE_CHOICES, input_formats, NULL},
    {OPT_CAPABILITY, "capability", 0, "equal|row|FILE",
     "capabilities: all 1 (the DEU default), the DEU table's capability row, or a CSV file "
     "of actor,capability (scenario files default to their own)",
     CLI_COMPLETE_FILE, NULL, NULL},
    {OPT_MIN_ACTORS, "min-actors", 0, "N", "an issue counts with N actors that count (default 2)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t input_group = {"Input", input_options};

static const cli_option_t model_options[] = {
    {OPT_MODELS, "models", 'm', "LIST",
     "NAME or NAME:PROFILE, comma-separated, repeatable; default every model; benchmarks: "
     "status-quo, eu-procedural, procedural, procedural-compromise",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_MODELS, "model", 0, "LIST", NULL, CLI_COMPLETE_NONE, NULL, NULL}, /* an alias */
    {OPT_SET, "set", 's', "KEY=VALUE", "a model option, for every model that has it",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_BASELINE, "baseline", 0, "NAME",
     "the model the others are paired with (default compromise)", CLI_COMPLETE_MODELS, NULL, NULL},
    {OPT_FIT, "fit", 0, "KEY=LO:HI:STEP", "fit an option by cross-validation over proposals",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_FOLDS, "folds", 0, "K", "0: leave one proposal out (default); K >= 2: K folds",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_FIT_BY, "fit-by", 0, "mae|crps",
     "what the fit minimises on the training folds: the forecasts' MAE (default) or the CRPS "
     "of the predictive distribution (models that have one: choice)",
     CLI_COMPLETE_CHOICES, criteria, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t model_group = {"Models", model_options};

static const cli_option_t score_options[] = {
    {OPT_BOOTSTRAP, "bootstrap", 0, "N", "replicates (default 2000; 0: no intervals)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_WITHIN, "within", 0, "X", "threshold of the 'within' share (default 10)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_ISSUES, "issues", 0, "FILE", "also write the per-issue CSV to FILE", CLI_COMPLETE_FILE,
     NULL, NULL},
    {OPT_OUTPUT_FORMAT, "output-format", 0, "FORMAT", NULL, CLI_COMPLETE_FORMATS, NULL,
     "use --format (it means the output format in every command)"},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t score_group = {"Scores", score_options};

static const char *const synopsis[] = {"FILE... [options]", NULL};
static const cli_group_t *const groups[] = {&input_group,    &model_group,      &score_group,
                                            &cli_group_seed, &cli_group_output, NULL};

static int run(const cli_command_t *command, int argc, char **argv);

const cli_command_t cli_command_backtest = {
    .name = "backtest",
    .summary = "score the models against decided issues (DEU data)",
    .synopsis = synopsis,
    .description = "Score forecast models against what was actually decided: a DEU table (one "
                   "tab-separated row per issue) or scenario files whose issues carry an "
                   "outcome. Prints MAE, RMSE, median absolute error and the share within 10 "
                   "points, each with a bootstrap 95% interval over proposals, and every "
                   "model's MAE minus the compromise model's. The JSON schema is "
                   "pacta.backtest/1; the CSV has one row per issue and model.",
    .groups = groups,
    .notes = "--format deu|pacta, which named the input format before 0.2, is still accepted "
             "for this release, with a warning; use --input-format. Definitions and the DEU "
             "results: docs/validation.md.",
    .operands = CLI_COMPLETE_FILE,
    .output = PACTA_DOCUMENT_BACKTEST,
    .run = run,
};

enum { MAX_ITEMS = 64 };

/* Parse KEY=LO:HI:STEP. */
static bool parse_fit(const char *arg, pacta_backtest_fit_t *fit, char **storage)
{
    char *copy = strdup(arg);
    *storage = copy;
    if (copy == NULL)
        return false;
    char *eq = strchr(copy, '=');
    char *c1 = eq ? strchr(eq + 1, ':') : NULL;
    char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    if (eq == NULL || eq == copy || c1 == NULL || c2 == NULL) {
        cli_error("--fit: '%s' must be KEY=LO:HI:STEP, e.g. snap=0:50:2.5", arg);
        return false;
    }
    *eq = *c1 = *c2 = '\0';
    fit->key = copy;
    if (!cli_parse_double("--fit", eq + 1, &fit->lo) ||
        !cli_parse_double("--fit", c1 + 1, &fit->hi) ||
        !cli_parse_double("--fit", c2 + 1, &fit->step))
        return false;
    if (!(fit->step > 0) || fit->hi < fit->lo) {
        cli_error("--fit: '%s' needs LO <= HI and a STEP above 0", arg);
        return false;
    }
    return true;
}

typedef struct request {
    const char *models[MAX_ITEMS];
    pacta_backtest_fit_t fits[MAX_ITEMS];
    char *storage[2 * MAX_ITEMS];
    size_t n_models, n_fits, n_storage;
    const char *issues_path;
    pacta_backtest_read_options_t read;
    pacta_backtest_options_t options;
    pacta_settings_t *settings;
    cli_common_t *common;
} request_t;

static int add_models(request_t *r, const char *arg)
{
    char *copy = r->n_storage < 2 * MAX_ITEMS ? strdup(arg) : NULL;
    if (copy == NULL) {
        cli_error("--models: too many lists");
        return EXIT_USAGE;
    }
    r->storage[r->n_storage++] = copy;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (r->n_models == MAX_ITEMS) {
            cli_error("--models: at most %d models", MAX_ITEMS);
            return EXIT_USAGE;
        }
        r->models[r->n_models++] = tok;
    }
    return EXIT_OK;
}

static int set_input_format(request_t *r, const char *arg)
{
    if (strcmp(arg, "deu") != 0 && strcmp(arg, "pacta") != 0) {
        cli_error("--input-format: '%s' is not deu or pacta", arg);
        return EXIT_USAGE;
    }
    r->read.format = arg;
    return EXIT_OK;
}

static int on_option(void *context, int id, char *arg)
{
    request_t *r = context;
    long number;
    switch (id) {
    case OPT_INPUT_FORMAT:
        return set_input_format(r, arg);
    case CLI_OPT_FORMAT:
        /* Before 0.2, --format named the input format; accepted for one more release. */
        if (strcmp(arg, "deu") == 0 || strcmp(arg, "pacta") == 0) {
            cli_error("warning: --format %s is deprecated: use --input-format %s (--format "
                      "names the output format, as in every command)",
                      arg, arg);
            return set_input_format(r, arg);
        }
        return CLI_NOT_MINE;
    case OPT_OUTPUT_FORMAT:
        return cli_common_option(r->common, &cli_command_backtest, CLI_OPT_FORMAT, arg);
    case OPT_CAPABILITY:
        r->read.capability = arg;
        return EXIT_OK;
    case OPT_MIN_ACTORS:
        if (!cli_parse_long("--min-actors", arg, 1, PACTA_MAX_ACTORS, &number))
            return EXIT_USAGE;
        r->read.min_actors = (size_t)number;
        return EXIT_OK;
    case OPT_MODELS:
        return add_models(r, arg);
    case OPT_SET: {
        pacta_status st = pacta_settings_parse(r->settings, arg);
        if (st != PACTA_OK)
            cli_error("--set: '%s' must be KEY=VALUE", arg);
        return cli_exit_code(st);
    }
    case OPT_BASELINE:
        r->options.baseline = arg;
        return EXIT_OK;
    case OPT_FIT:
        if (r->n_fits == MAX_ITEMS || r->n_storage == 2 * MAX_ITEMS ||
            !parse_fit(arg, &r->fits[r->n_fits], &r->storage[r->n_storage++]))
            return EXIT_USAGE;
        r->n_fits++;
        return EXIT_OK;
    case OPT_FOLDS:
        if (!cli_parse_long("--folds", arg, 0, 1000000, &number))
            return EXIT_USAGE;
        r->options.folds = (size_t)number;
        return EXIT_OK;
    case OPT_FIT_BY:
        if (strcmp(arg, "mae") == 0)
            r->options.criterion = PACTA_BACKTEST_FIT_MAE;
        else if (strcmp(arg, "crps") == 0)
            r->options.criterion = PACTA_BACKTEST_FIT_CRPS;
        else {
            cli_error("--fit-by: '%s' is not mae or crps", arg);
            return EXIT_USAGE;
        }
        return EXIT_OK;
    case OPT_BOOTSTRAP:
        if (!cli_parse_long("--bootstrap", arg, 0, 100000, &number))
            return EXIT_USAGE;
        r->options.bootstrap = (unsigned long)number;
        return EXIT_OK;
    case OPT_WITHIN:
        if (!cli_parse_double("--within", arg, &r->options.within))
            return EXIT_USAGE;
        if (r->options.within < 0) {
            cli_error("--within: '%s' must be at least 0", arg);
            return EXIT_USAGE;
        }
        return EXIT_OK;
    case OPT_ISSUES:
        r->issues_path = arg;
        return EXIT_OK;
    default:
        return CLI_NOT_MINE;
    }
}

/* Write the per-issue CSV to --issues FILE, then the result in its format. */
static int write_result(const cli_command_t *command, const request_t *r,
                        const pacta_backtest_result_t *result)
{
    if (r->issues_path != NULL) {
        cli_output_t issues;
        if (!cli_output_open(&issues, r->issues_path))
            return EXIT_IO;
        int code = cli_output_finish(&issues, pacta_backtest_write_csv(result, issues.stream));
        if (code != EXIT_OK)
            return code;
    }
    cli_output_t out;
    if (!cli_output_open(&out, r->common->output))
        return EXIT_IO;
    pacta_format format = cli_common_format(r->common, command);
    pacta_status st = PACTA_OK;
    if (format == PACTA_FORMAT_TEXT)
        cli_print_backtest_text(out.stream, result);
    else
        st = pacta_backtest_write(result, format, out.stream);
    return cli_output_finish(&out, st);
}

static int run(const cli_command_t *command, int argc, char **argv)
{
    cli_common_t common;
    cli_common_init(&common);
    request_t r = {.common = &common};
    pacta_backtest_read_options_default(&r.read);
    pacta_backtest_options_default(&r.options);
    pacta_diag_t *diag = NULL;
    pacta_backtest_set_t *set = NULL;
    pacta_backtest_result_t *result = NULL;
    int first, code = EXIT_OK;
    if (pacta_settings_create(&r.settings) != PACTA_OK || pacta_diag_create(&diag) != PACTA_OK) {
        code = cli_out_of_memory();
        goto cleanup;
    }
    code = cli_parse(command, argc, argv, &common, on_option, &r, &first);
    if (code != EXIT_OK)
        goto cleanup;
    if (first >= argc) {
        code = cli_usage_error(command, "no file given");
        goto cleanup;
    }
    if (r.n_models > 0) {
        r.options.models = r.models;
        r.options.n_models = r.n_models;
    }
    if (common.seed_given)
        r.options.seed = common.seed;
    r.options.settings = r.settings;
    r.options.fits = r.n_fits ? r.fits : NULL;
    r.options.n_fits = r.n_fits;

    pacta_status st = pacta_backtest_read(&set, (const char *const *)(argv + first),
                                          (size_t)(argc - first), &r.read, diag);
    cli_report(diag);
    if (st == PACTA_OK) {
        st = pacta_backtest_run(&result, set, &r.options, diag);
        cli_report(diag);
    }
    code = st == PACTA_OK ? write_result(command, &r, result) : cli_exit_code(st);

cleanup:
    if (code == CLI_HELP_SHOWN)
        code = EXIT_OK;
    for (size_t i = 0; i < r.n_storage; i++)
        free(r.storage[i]);
    pacta_backtest_result_destroy(result);
    pacta_backtest_set_destroy(set);
    pacta_settings_destroy(r.settings);
    pacta_diag_destroy(diag);
    cli_common_destroy(&common);
    return code;
}
