/* pacta report FILE: the whole analysis of a scenario as one self-contained HTML page. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "command.h"

enum { OPT_NO_DURABILITY = 256, OPT_DURABILITY_MODEL, OPT_ALLIANCE, OPT_ALLIANCE_YEAR };

static const cli_option_t report_options[] = {
    {OPT_NO_DURABILITY, "no-durability", 0, NULL, "skip the chance that the peace holds 5 years",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_DURABILITY_MODEL, "durability-model", 0, "FILE",
     "that chance from this fitted model (default: the shipped one; see pacta durability)",
     CLI_COMPLETE_FILE, NULL, NULL},
    {OPT_ALLIANCE, "alliance", 0, "TABLE",
     "add an alliance section: pacta alliance's gaps in US$ and free-riding tests on TABLE",
     CLI_COMPLETE_FILE, NULL, NULL},
    {OPT_ALLIANCE_YEAR, "alliance-year", 0, "Y",
     "the year of the alliance section (default: the latest in TABLE)", CLI_COMPLETE_NONE, NULL,
     NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t report_group = {"Report", report_options};

static const char *const synopsis[] = {"FILE [-o REPORT.html] [options]", NULL};
static const cli_group_t *const groups[] = {
    &report_group,          &cli_group_models,    &cli_group_judging,
    &cli_group_runs,        &cli_group_seed,      &cli_group_threads,
    &cli_group_output_file, &cli_group_csv_input, NULL};

static int run(const cli_command_t *command, int argc, char **argv);

const cli_command_t cli_command_report = {
    .name = "report",
    .summary = "the whole analysis as one self-contained HTML page",
    .synopsis = synopsis,
    .description = "Write one HTML page that holds a scenario's whole analysis: its actors, "
                   "issues and sources, each model's forecast with its round-by-round "
                   "trajectory, every proposal's evaluation and reconciled verdict with the "
                   "chance that its peace holds, and, with --runs, the Monte Carlo "
                   "distributions of the forecasts and verdicts. The page needs no network: "
                   "its style and pictures (SVG) are inline and it runs no scripts.",
    .groups = groups,
    .notes = "Without --runs no simulation is run. Open the page in any browser; it prints "
             "and reads on a phone too (docs/cli.md, pacta report).",
    .operands = CLI_COMPLETE_FILE,
    .output = PACTA_DOCUMENT_REPORT,
    .run = run,
};

typedef struct request {
    bool durability;
    const char *durability_file;
    const char *alliance_file;
    int alliance_year;
} request_t;

static int on_option(void *context, int id, char *arg)
{
    request_t *r = context;
    switch (id) {
    case OPT_NO_DURABILITY:
        r->durability = false;
        return EXIT_OK;
    case OPT_DURABILITY_MODEL:
        r->durability_file = arg;
        return EXIT_OK;
    case OPT_ALLIANCE:
        r->alliance_file = arg;
        return EXIT_OK;
    case OPT_ALLIANCE_YEAR: {
        long v;
        if (!cli_parse_long("--alliance-year", arg, 1900, 2100, &v))
            return EXIT_USAGE;
        r->alliance_year = (int)v;
        return EXIT_OK;
    }
    default:
        return CLI_NOT_MINE;
    }
}

/* The alliance section's analysis: the table at path, analysed with the defaults for year
 * (0: the latest). */
static pacta_status alliance(pacta_alliance_data_t **data, pacta_alliance_result_t **res,
                             const char *path, int year, pacta_diag_t *diag)
{
    pacta_status st = pacta_alliance_load(data, path, diag);
    if (st != PACTA_OK)
        return st;
    pacta_alliance_options_t o;
    pacta_alliance_options_default(&o);
    o.year = year;
    return pacta_alliance_analyse(res, *data, &o, diag);
}

/* The Monte Carlo part: the forecasts and, when there are proposals, the verdicts. */
static pacta_status simulate(pacta_simulation_t **out, const pacta_scenario_t *scenario,
                             const cli_common_t *c, pacta_diag_t *diag)
{
    pacta_simulate_options_t o;
    pacta_simulate_options_default(&o);
    o.runs = c->runs;
    o.seed = c->seed;
    o.threads = c->threads;
    cli_common_forecast_options(c, &o.forecast);
    o.evaluate = scenario->n_proposals > 0;
    o.evaluation.utility = c->utility;
    o.evaluation.reservation = c->reservation;
    o.evaluation.update = c->update;
    pacta_status st = pacta_simulation_create(out, scenario, &o, diag);
    if (st == PACTA_OK)
        st = pacta_simulation_run(*out);
    if (st == PACTA_OK)
        st = pacta_simulation_finish(*out);
    return st;
}

static int run(const cli_command_t *command, int argc, char **argv)
{
    request_t r = {.durability = true};
    cli_common_t common;
    cli_common_init(&common);
    pacta_durability_model_t *durability_model = NULL;
    pacta_scenario_t *scenario = NULL;
    pacta_forecast_t *forecast = NULL;
    pacta_evaluation_t *evaluation = NULL;
    pacta_simulation_t *simulation = NULL;
    pacta_alliance_data_t *alliance_data = NULL;
    pacta_alliance_result_t *alliance_result = NULL;
    pacta_diag_t *diag = NULL;
    int first, code = cli_parse(command, argc, argv, &common, on_option, &r, &first);
    if (code != EXIT_OK)
        goto cleanup;
    if ((code = cli_one_scenario(command, argc, first)) != EXIT_OK)
        goto cleanup;
    if (r.durability_file != NULL && !r.durability) {
        cli_error("--durability-model and --no-durability contradict each other");
        code = EXIT_USAGE;
        goto cleanup;
    }
    if (pacta_diag_create(&diag) != PACTA_OK) {
        code = cli_out_of_memory();
        goto cleanup;
    }
    code = cli_load(argv[first], PACTA_FORMAT_AUTO, &common.csv, &scenario);
    if (code != EXIT_OK)
        goto cleanup;
    pacta_forecast_options_t fo;
    pacta_forecast_options_default(&fo);
    cli_common_forecast_options(&common, &fo);
    pacta_status st = pacta_forecast_run(&forecast, scenario, &fo, diag);
    if (st == PACTA_OK && scenario->n_proposals > 0) {
        pacta_evaluate_options_t eo;
        pacta_evaluate_options_default(&eo);
        eo.utility = common.utility;
        eo.reservation = common.reservation;
        eo.update = common.update;
        if (r.durability) {
            code = cli_load_durability_model(r.durability_file, &durability_model, diag);
            if (code != EXIT_OK)
                goto cleanup;
            eo.durability = durability_model;
        }
        st = pacta_evaluate(&evaluation, scenario, &eo, diag);
    }
    if (st == PACTA_OK && common.runs_given)
        st = simulate(&simulation, scenario, &common, diag);
    if (st == PACTA_OK && r.alliance_file != NULL)
        st = alliance(&alliance_data, &alliance_result, r.alliance_file, r.alliance_year, diag);
    cli_report(diag);
    if (st != PACTA_OK) {
        code = cli_exit_code(st);
        goto cleanup;
    }
    cli_output_t out;
    if (!cli_output_open(&out, common.output)) {
        code = EXIT_IO;
        goto cleanup;
    }
    pacta_report_t report = {scenario,   forecast,        evaluation,
                             simulation, alliance_result, alliance_data};
    st = pacta_report_write(&report, PACTA_FORMAT_HTML, out.stream);
    code = cli_output_finish(&out, st);

cleanup:
    if (code == CLI_HELP_SHOWN)
        code = EXIT_OK;
    pacta_simulation_destroy(simulation);
    pacta_alliance_result_destroy(alliance_result);
    pacta_alliance_data_destroy(alliance_data);
    pacta_evaluation_destroy(evaluation);
    pacta_forecast_destroy(forecast);
    pacta_durability_model_destroy(durability_model);
    pacta_scenario_destroy(scenario);
    pacta_diag_destroy(diag);
    cli_common_destroy(&common);
    return code;
}
