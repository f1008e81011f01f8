/* pacta check FILE: validate a scenario and report every problem. */
#include <string.h>

#include "cli.h"
#include "command.h"

static const char *const synopsis[] = {"FILE [options]", NULL};
static const cli_group_t *const groups[] = {&cli_group_csv_input, NULL};

static int run(const cli_command_t *command, int argc, char **argv);

const cli_command_t cli_command_check = {
    .name = "check",
    .summary = "check a scenario file and report every problem",
    .synopsis = synopsis,
    .description = "Check a scenario in any format pacta reads (YAML, a flat actor table, KTAB's "
                   "CSV or XML) and report every problem as FILE:LINE:COL: field: message. "
                   "Exits 0 when the file is usable (warnings may be printed), 3 when it is "
                   "not.",
    .groups = groups,
    .operands = CLI_COMPLETE_FILE,
    .output = PACTA_DOCUMENT_SCENARIO,
    .run = run,
};

static int run(const cli_command_t *command, int argc, char **argv)
{
    cli_common_t common;
    cli_common_init(&common);
    int first, code = cli_parse(command, argc, argv, &common, NULL, NULL, &first);
    if (code == EXIT_OK)
        code = cli_one_scenario(command, argc, first);
    pacta_scenario_t *s = NULL;
    if (code == EXIT_OK)
        code = cli_load(argv[first], PACTA_FORMAT_AUTO, &common.csv, &s);
    if (code == EXIT_OK && s->n_proposals > 0) {
        /* What evaluate and simulate need of the proposals, checked by the same function. */
        pacta_evaluate_options_t options;
        pacta_evaluate_options_default(&options);
        pacta_diag_t *diag = NULL;
        if (pacta_diag_create(&diag) != PACTA_OK) {
            code = cli_out_of_memory();
        } else if (pacta_evaluate_check(s, &options, diag) != PACTA_OK) {
            cli_report(diag);
            code = EXIT_BAD_INPUT;
        }
        pacta_diag_destroy(diag);
    }
    if (code == EXIT_OK) {
        printf("%s: ok: %zu actor%s, %zu issue%s, %zu proposal%s, %zu source%s\n", argv[first],
               s->n_actors, cli_plural(s->n_actors), s->n_issues, cli_plural(s->n_issues),
               s->n_proposals, cli_plural(s->n_proposals), s->n_sources, cli_plural(s->n_sources));
        if (fflush(stdout) != 0)
            code = EXIT_IO;
    }
    pacta_scenario_destroy(s);
    cli_common_destroy(&common);
    return code == CLI_HELP_SHOWN ? EXIT_OK : code;
}
