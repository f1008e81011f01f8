/* pacta forecast FILE: run forecast models on a scenario. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void usage_forecast(FILE *f)
{
    fputs("Usage: pacta forecast FILE [options]\n"
          "\n"
          "Forecast where bargaining on each issue of a scenario lands.\n"
          "FILE is a scenario (.yaml), a flat actor table or a KTAB scenario (.csv), or a\n"
          "KTAB scenario (.xml).\n"
          "\n"
          "Options:\n"
          "  -m, --model NAME       compromise, median, nash, bdm, focal, smp or all (default all);\n"
          "                         repeat or separate with commas for several\n"
          "  -i, --issue ID         only this issue\n"
          "  -r, --rounds N         rounds for iterative models (bdm: default 10; smp: at\n"
          "                         most, default 100)\n"
          "  -p, --profile NAME     a model profile (bdm: scholz-code, paper)\n"
          "  -s, --set KEY=VALUE    set a model option (see: pacta help bdm); repeatable\n"
          "  -f, --format FORMAT    text (default), json, csv, or ktab-csv (the position\n"
          "                         history in KTAB's layout: actor,dim,turn,pos,ideal)\n"
          "  -o, --output FILE      write to FILE instead of standard output\n"
          "      --trajectory       text format: show each iterative model's rounds\n"
          "  CSV input: --salience-scale 1|100, --scale LO:HI, --unit NAME\n"
          "  -h, --help             show this help\n",
          f);
}

enum { OPT_TRAJECTORY = 256, OPT_SALIENCE_SCALE, OPT_SCALE, OPT_UNIT };

static const struct option long_options[] = {
    {"model", required_argument, NULL, 'm'},
    {"issue", required_argument, NULL, 'i'},
    {"rounds", required_argument, NULL, 'r'},
    {"profile", required_argument, NULL, 'p'},
    {"set", required_argument, NULL, 's'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"trajectory", no_argument, NULL, OPT_TRAJECTORY},
    {"salience-scale", required_argument, NULL, OPT_SALIENCE_SCALE},
    {"scale", required_argument, NULL, OPT_SCALE},
    {"unit", required_argument, NULL, OPT_UNIT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Add comma-separated model names to the list; "all" selects every model. */
static bool add_models(const char *arg, const char **models, size_t *n, size_t cap, bool *all,
                       char **storage)
{
    char *copy = strdup(arg);
    if (copy == NULL)
        return false;
    *storage = copy;
    for (char *tok = strtok(copy, ","); tok != NULL; tok = strtok(NULL, ",")) {
        if (strcmp(tok, "all") == 0) {
            *all = true;
            continue;
        }
        if (pacta_model_find(tok) == NULL) {
            cli_error("--model: unknown model '%s' (known: compromise, median, nash, bdm, "
                      "focal, smp, all)",
                      tok);
            return false;
        }
        bool seen = false;
        for (size_t i = 0; i < *n; i++)
            seen |= strcmp(models[i], tok) == 0;
        if (!seen && *n < cap)
            models[(*n)++] = tok;
    }
    return true;
}

int cmd_forecast(int argc, char **argv)
{
    int code = EXIT_OK;
    const char *models[16];
    char *model_storage[16] = {NULL};
    size_t n_models = 0, n_storage = 0;
    bool all = false, trajectory = false;
    const char *format = "text", *output = NULL;
    pacta_forecast_options_t options;
    pacta_forecast_options_default(&options);
    pacta_settings_t *settings = NULL;
    pacta_scenario_t *scenario = NULL;
    pacta_forecast_t *forecast = NULL;
    pacta_diag_t *diag = NULL;
    cli_input_t input;
    cli_input_init(&input);

    if (pacta_settings_create(&settings) != PACTA_OK || pacta_diag_create(&diag) != PACTA_OK) {
        cli_error("out of memory");
        code = EXIT_FAILURE_;
        goto cleanup;
    }
    cli_reset_getopt();
    int c;
    while ((c = getopt_long(argc, argv, "m:i:r:p:s:f:o:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'm':
            if (n_storage == 16 || !add_models(optarg, models, &n_models, 16, &all,
                                                &model_storage[n_storage++])) {
                code = EXIT_USAGE;
                goto cleanup;
            }
            break;
        case 'i':
            options.issue = optarg;
            break;
        case 'r':
            if (!cli_parse_long("--rounds", optarg, 1, 10000, &options.rounds)) {
                code = EXIT_USAGE;
                goto cleanup;
            }
            break;
        case 'p':
            options.profile = optarg;
            break;
        case 's': {
            pacta_status st = pacta_settings_parse(settings, optarg);
            if (st != PACTA_OK) {
                cli_error("--set: '%s' must be KEY=VALUE", optarg);
                code = cli_exit_code(st);
                goto cleanup;
            }
            break;
        }
        case 'f':
            format = optarg;
            if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv") &&
                strcmp(format, "ktab-csv")) {
                cli_error("--format: '%s' is not text, json, csv or ktab-csv", optarg);
                code = EXIT_USAGE;
                goto cleanup;
            }
            break;
        case 'o':
            output = optarg;
            break;
        case OPT_TRAJECTORY:
            trajectory = true;
            break;
        case OPT_SALIENCE_SCALE:
        case OPT_SCALE:
        case OPT_UNIT:
            if (!cli_input_option(&input,
                                  c == OPT_SALIENCE_SCALE ? "salience-scale"
                                  : c == OPT_SCALE        ? "scale"
                                                          : "unit",
                                  optarg)) {
                code = EXIT_USAGE;
                goto cleanup;
            }
            break;
        case 'h':
            usage_forecast(stdout);
            goto cleanup;
        default:
            usage_forecast(stderr);
            code = EXIT_USAGE;
            goto cleanup;
        }
    }
    if (optind != argc - 1) {
        cli_error(optind == argc ? "forecast: no scenario file given"
                                 : "forecast: give exactly one scenario file");
        usage_forecast(stderr);
        code = EXIT_USAGE;
        goto cleanup;
    }
    if (!all && n_models > 0) {
        options.models = models;
        options.n_models = n_models;
    }
    options.settings = settings;

    code = cli_load(argv[optind], &input, &scenario);
    if (code != EXIT_OK)
        goto cleanup;
    pacta_status st = pacta_forecast_run(&forecast, scenario, &options, diag);
    cli_print_diagnostics(diag);
    if (st != PACTA_OK) {
        code = cli_exit_code(st);
        goto cleanup;
    }
    if (strcmp(format, "ktab-csv") == 0 && !pacta_forecast_has_history(forecast)) {
        cli_error("--format ktab-csv writes a position history; select an iterative model "
                  "(--model smp or bdm)");
        code = EXIT_USAGE;
        goto cleanup;
    }
    cli_output_t out;
    if (!cli_output_open(&out, output)) {
        code = EXIT_IO;
        goto cleanup;
    }
    st = PACTA_OK;
    if (strcmp(format, "json") == 0)
        st = pacta_forecast_write_json(forecast, scenario, out.stream);
    else if (strcmp(format, "csv") == 0)
        st = pacta_forecast_write_csv(forecast, scenario, out.stream);
    else if (strcmp(format, "ktab-csv") == 0)
        st = pacta_forecast_write_ktab_csv(forecast, scenario, out.stream);
    else
        cli_print_forecast_text(out.stream, forecast, scenario, trajectory);
    code = cli_output_finish(&out, st);

cleanup:
    for (size_t i = 0; i < n_storage; i++)
        free(model_storage[i]);
    pacta_forecast_destroy(forecast);
    pacta_scenario_destroy(scenario);
    pacta_settings_destroy(settings);
    pacta_diag_destroy(diag);
    return code;
}
