/* pacta backtest FILE...: score forecast models against decided issues. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void usage_backtest(FILE *f)
{
    fputs("Usage: pacta backtest FILE... [options]\n"
          "\n"
          "Score forecast models against what was actually decided: a DEU table (one\n"
          "tab-separated row per issue) or scenario files whose issues carry an outcome.\n"
          "Prints MAE, RMSE, median absolute error and the share within 10 points, each\n"
          "with a bootstrap 95% interval over proposals, and every model's MAE minus the\n"
          "compromise model's.\n"
          "\n"
          "Input:\n"
          "      --format deu|pacta     input format (default: pacta for .yaml/.yml, else deu)\n"
          "      --capability equal|row|FILE\n"
          "                             capabilities: all 1 (DEU default), the DEU table's\n"
          "                             capability row, or a CSV file of actor,capability\n"
          "                             (scenario files default to their own)\n"
          "      --min-actors N         an issue counts with N actors that count (default 2)\n"
          "Models:\n"
          "  -m, --models LIST          NAME or NAME:PROFILE, comma-separated, repeatable;\n"
          "                             default every model; benchmarks: status-quo,\n"
          "                             eu-procedural\n"
          "  -s, --set KEY=VALUE        a model option, for every model that has it\n"
          "      --baseline NAME        the model others are paired with (default compromise)\n"
          "      --fit KEY=LO:HI:STEP   fit an option by cross-validation over proposals\n"
          "      --folds K              0: leave one proposal out (default); K >= 2: K folds\n"
          "Scores:\n"
          "      --bootstrap N          replicates (default 2000; 0: no intervals)\n"
          "      --seed S               seed of the replicates and folds (default 1)\n"
          "      --within X             threshold of the 'within' share (default 10)\n"
          "Output:\n"
          "      --output-format F      text (default), json (pacta.backtest/1) or csv (one\n"
          "                             row per issue and model); --format json|csv|text\n"
          "                             means the same\n"
          "      --issues FILE          also write the per-issue CSV to FILE\n"
          "  -o, --output FILE          write to FILE instead of standard output\n"
          "  -h, --help                 show this help\n"
          "\n"
          "Definitions and the DEU results: docs/validation.md.\n",
          f);
}

enum {
    OPT_FORMAT = 256,
    OPT_CAPABILITY,
    OPT_MIN_ACTORS,
    OPT_BASELINE,
    OPT_FIT,
    OPT_FOLDS,
    OPT_BOOTSTRAP,
    OPT_SEED,
    OPT_WITHIN,
    OPT_OUTPUT_FORMAT,
    OPT_ISSUES,
};

static const struct option long_options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"capability", required_argument, NULL, OPT_CAPABILITY},
    {"min-actors", required_argument, NULL, OPT_MIN_ACTORS},
    {"models", required_argument, NULL, 'm'},
    {"model", required_argument, NULL, 'm'},
    {"set", required_argument, NULL, 's'},
    {"baseline", required_argument, NULL, OPT_BASELINE},
    {"fit", required_argument, NULL, OPT_FIT},
    {"folds", required_argument, NULL, OPT_FOLDS},
    {"bootstrap", required_argument, NULL, OPT_BOOTSTRAP},
    {"seed", required_argument, NULL, OPT_SEED},
    {"within", required_argument, NULL, OPT_WITHIN},
    {"output-format", required_argument, NULL, OPT_OUTPUT_FORMAT},
    {"issues", required_argument, NULL, OPT_ISSUES},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
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

static bool parse_seed(const char *text, uint64_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (text[0] == '\0' || text[0] == '-' || *end != '\0' || errno == ERANGE) {
        cli_error("--seed: '%s' is not a whole number from 0 to 2^64-1", text);
        return false;
    }
    *out = (uint64_t)v;
    return true;
}

int cmd_backtest(int argc, char **argv)
{
    int code = EXIT_OK;
    const char *models[MAX_ITEMS];
    pacta_backtest_fit_t fits[MAX_ITEMS];
    char *storage[2 * MAX_ITEMS] = {NULL};
    size_t n_models = 0, n_fits = 0, n_storage = 0;
    const char *output_format = "text", *output = NULL, *issues_path = NULL;
    pacta_backtest_read_options_t read_options;
    pacta_backtest_read_options_default(&read_options);
    pacta_backtest_options_t options;
    pacta_backtest_options_default(&options);
    pacta_settings_t *settings = NULL;
    pacta_diag_t *diag = NULL;
    pacta_backtest_set_t *set = NULL;
    pacta_backtest_result_t *result = NULL;

    if (pacta_settings_create(&settings) != PACTA_OK || pacta_diag_create(&diag) != PACTA_OK) {
        cli_error("out of memory");
        code = EXIT_FAILURE_;
        goto cleanup;
    }
    cli_reset_getopt();
    int c;
    long number;
    while ((c = getopt_long(argc, argv, "m:s:o:h", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_FORMAT:
            if (strcmp(optarg, "deu") == 0 || strcmp(optarg, "pacta") == 0) {
                read_options.format = optarg;
            } else if (strcmp(optarg, "text") == 0 || strcmp(optarg, "json") == 0 ||
                       strcmp(optarg, "csv") == 0) {
                output_format = optarg;
            } else {
                cli_error("--format: '%s' is not an input format (deu, pacta) or an output "
                          "format (text, json, csv)",
                          optarg);
                code = EXIT_USAGE;
                goto cleanup;
            }
            break;
        case OPT_OUTPUT_FORMAT:
            output_format = optarg;
            if (strcmp(optarg, "text") && strcmp(optarg, "json") && strcmp(optarg, "csv")) {
                cli_error("--output-format: '%s' is not text, json or csv", optarg);
                code = EXIT_USAGE;
                goto cleanup;
            }
            break;
        case OPT_CAPABILITY:
            read_options.capability = optarg;
            break;
        case OPT_MIN_ACTORS:
            if (!cli_parse_long("--min-actors", optarg, 1, PACTA_MAX_ACTORS, &number)) {
                code = EXIT_USAGE;
                goto cleanup;
            }
            read_options.min_actors = (size_t)number;
            break;
        case 'm': {
            char *copy = n_storage < 2 * MAX_ITEMS ? strdup(optarg) : NULL;
            if (copy == NULL) {
                cli_error("--models: too many lists");
                code = EXIT_USAGE;
                goto cleanup;
            }
            storage[n_storage++] = copy;
            for (char *tok = strtok(copy, ","); tok != NULL; tok = strtok(NULL, ",")) {
                if (n_models == MAX_ITEMS) {
                    cli_error("--models: at most %d models", MAX_ITEMS);
                    code = EXIT_USAGE;
                    goto cleanup;
                }
                models[n_models++] = tok;
            }
            break;
        }
        case 's': {
            pacta_status st = pacta_settings_parse(settings, optarg);
            if (st != PACTA_OK) {
                cli_error("--set: '%s' must be KEY=VALUE", optarg);
                code = cli_exit_code(st);
                goto cleanup;
            }
            break;
        }
        case OPT_BASELINE:
            options.baseline = optarg;
            break;
        case OPT_FIT:
            if (n_fits == MAX_ITEMS || n_storage == 2 * MAX_ITEMS ||
                !parse_fit(optarg, &fits[n_fits], &storage[n_storage++])) {
                code = EXIT_USAGE;
                goto cleanup;
            }
            n_fits++;
            break;
        case OPT_FOLDS:
            if (!cli_parse_long("--folds", optarg, 0, 1000000, &number)) {
                code = EXIT_USAGE;
                goto cleanup;
            }
            options.folds = (size_t)number;
            break;
        case OPT_BOOTSTRAP:
            if (!cli_parse_long("--bootstrap", optarg, 0, 100000, &number)) {
                code = EXIT_USAGE;
                goto cleanup;
            }
            options.bootstrap = (unsigned long)number;
            break;
        case OPT_SEED:
            if (!parse_seed(optarg, &options.seed)) {
                code = EXIT_USAGE;
                goto cleanup;
            }
            break;
        case OPT_WITHIN:
            if (!cli_parse_double("--within", optarg, &options.within) || options.within < 0) {
                if (options.within < 0)
                    cli_error("--within: '%s' must be at least 0", optarg);
                code = EXIT_USAGE;
                goto cleanup;
            }
            break;
        case OPT_ISSUES:
            issues_path = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            usage_backtest(stdout);
            goto cleanup;
        default:
            usage_backtest(stderr);
            code = EXIT_USAGE;
            goto cleanup;
        }
    }
    if (optind >= argc) {
        cli_error("backtest: no file given");
        usage_backtest(stderr);
        code = EXIT_USAGE;
        goto cleanup;
    }
    if (n_models > 0) {
        options.models = models;
        options.n_models = n_models;
    }
    options.settings = settings;
    options.fits = n_fits ? fits : NULL;
    options.n_fits = n_fits;

    pacta_status st = pacta_backtest_read(&set, (const char *const *)(argv + optind),
                                          (size_t)(argc - optind), &read_options, diag);
    cli_print_diagnostics(diag);
    pacta_diag_clear(diag);
    if (st != PACTA_OK) {
        code = cli_exit_code(st);
        goto cleanup;
    }
    st = pacta_backtest_run(&result, set, &options, diag);
    cli_print_diagnostics(diag);
    if (st != PACTA_OK) {
        code = cli_exit_code(st);
        goto cleanup;
    }
    if (issues_path != NULL) {
        cli_output_t issues;
        if (!cli_output_open(&issues, issues_path)) {
            code = EXIT_IO;
            goto cleanup;
        }
        code = cli_output_finish(&issues, pacta_backtest_write_csv(result, issues.stream));
        if (code != EXIT_OK)
            goto cleanup;
    }
    cli_output_t out;
    if (!cli_output_open(&out, output)) {
        code = EXIT_IO;
        goto cleanup;
    }
    st = PACTA_OK;
    if (strcmp(output_format, "json") == 0)
        st = pacta_backtest_write_json(result, true, out.stream);
    else if (strcmp(output_format, "csv") == 0)
        st = pacta_backtest_write_csv(result, out.stream);
    else
        cli_print_backtest_text(out.stream, result);
    code = cli_output_finish(&out, st);

cleanup:
    for (size_t i = 0; i < n_storage; i++)
        free(storage[i]);
    pacta_backtest_result_destroy(result);
    pacta_backtest_set_destroy(set);
    pacta_settings_destroy(settings);
    pacta_diag_destroy(diag);
    return code;
}
