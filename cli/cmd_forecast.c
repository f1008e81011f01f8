/* pacta forecast FILE: run forecast models on a scenario. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "command.h"

enum { OPT_TRAJECTORY = 256 };

static const cli_option_t forecast_options[] = {
    {OPT_TRAJECTORY, "trajectory", 0, NULL, "text format: show each iterative model's rounds",
     CLI_COMPLETE_NONE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t forecast_group = {"Forecast", forecast_options};

static const char *const synopsis[] = {"FILE [options]", NULL};
static const cli_group_t *const groups[] = {&cli_group_models, &forecast_group, &cli_group_output,
                                            &cli_group_csv_input, NULL};

static int run(const cli_command_t *command, int argc, char **argv);

const cli_command_t cli_command_forecast = {
    .name = "forecast",
    .summary = "forecast where bargaining on each issue lands",
    .synopsis = synopsis,
    .description = "Forecast where bargaining on each issue of a scenario lands, with every "
                   "model or those chosen. FILE is a scenario in any format pacta reads: a "
                   "pacta scenario (YAML), a flat actor table (CSV) or a KTAB scenario (CSV "
                   "or XML), recognised from its content. The ktab-csv format writes the "
                   "position history in KTAB's layout (actor,dim,turn,pos,ideal).",
    .groups = groups,
    .notes = "Equations and sources: docs/models.md; the JSON and CSV layouts: "
             "docs/json-schema.md.",
    .operands = CLI_COMPLETE_FILE,
    .output = PACTA_DOCUMENT_FORECAST,
    .run = run,
};

static int on_option(void *context, int id, char *arg)
{
    (void)arg;
    if (id != OPT_TRAJECTORY)
        return CLI_NOT_MINE;
    *(bool *)context = true;
    return EXIT_OK;
}

static int run(const cli_command_t *command, int argc, char **argv)
{
    bool trajectory = false;
    cli_common_t common;
    cli_common_init(&common);
    pacta_scenario_t *scenario = NULL;
    pacta_forecast_t *forecast = NULL;
    pacta_diag_t *diag = NULL;
    int first, code = cli_parse(command, argc, argv, &common, on_option, &trajectory, &first);
    if (code != EXIT_OK)
        goto cleanup;
    if ((code = cli_one_scenario(command, argc, first)) != EXIT_OK)
        goto cleanup;
    pacta_forecast_options_t options;
    pacta_forecast_options_default(&options);
    cli_common_forecast_options(&common, &options);
    code = cli_load(argv[first], PACTA_FORMAT_AUTO, &common.csv, &scenario);
    if (code != EXIT_OK)
        goto cleanup;
    if (pacta_diag_create(&diag) != PACTA_OK) {
        code = cli_out_of_memory();
        goto cleanup;
    }
    pacta_status st = pacta_forecast_run(&forecast, scenario, &options, diag);
    cli_report(diag);
    if (st != PACTA_OK) {
        code = cli_exit_code(st);
        goto cleanup;
    }
    pacta_format format = cli_common_format(&common, command);
    if (format == PACTA_FORMAT_KTAB_CSV && !pacta_forecast_has_history(forecast)) {
        cli_error("--format ktab-csv writes a position history; select an iterative model "
                  "(--model smp or bdm)");
        code = EXIT_USAGE;
        goto cleanup;
    }
    cli_output_t out;
    if (!cli_output_open(&out, common.output)) {
        code = EXIT_IO;
        goto cleanup;
    }
    st = PACTA_OK;
    if (format == PACTA_FORMAT_TEXT)
        cli_print_forecast_text(out.stream, forecast, scenario, trajectory);
    else
        st = pacta_forecast_write(forecast, scenario, format, out.stream);
    code = cli_output_finish(&out, st);

cleanup:
    if (code == CLI_HELP_SHOWN)
        code = EXIT_OK;
    pacta_forecast_destroy(forecast);
    pacta_scenario_destroy(scenario);
    pacta_diag_destroy(diag);
    cli_common_destroy(&common);
    return code;
}
