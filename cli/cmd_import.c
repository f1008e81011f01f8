/* pacta import csv|ktab FILE -o FILE.yaml: turn a flat actor table or a KTAB scenario
 * (CSV or XML) into a scenario file. */
#include <string.h>

#include "cli.h"
#include "command.h"

enum { OPT_TITLE = 256 };

static const cli_option_t import_options[] = {
    {OPT_TITLE, "title", 0, "TEXT", "the scenario's title (default: from the file name)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t import_group = {"Options", import_options};

static const char *const csv_synopsis[] = {"FILE.csv [-o FILE.yaml] [options]", NULL};
static const cli_group_t *const csv_groups[] = {&import_group, &cli_group_csv_input,
                                                &cli_group_output_file, NULL};
static const char *const ktab_synopsis[] = {"FILE.csv|FILE.xml [-o FILE.yaml]", NULL};
static const cli_group_t *const ktab_groups[] = {&cli_group_output_file, NULL};

static int run(const cli_command_t *command, int argc, char **argv);

static const cli_command_t import_csv = {
    .name = "import csv",
    .summary = "convert a flat actor table (Actor, Capability, then Position and Salience "
               "per issue) into a scenario file",
    .synopsis = csv_synopsis,
    .groups = csv_groups,
    .operands = CLI_COMPLETE_FILE,
    .output = PACTA_DOCUMENT_SCENARIO,
    .run = run,
};

static const cli_command_t import_ktab = {
    .name = "import ktab",
    .summary = "convert a scenario written for KTAB (its CSV or XML format, model parameters "
               "and ideal adjustments included) into a scenario file",
    .synopsis = ktab_synopsis,
    .groups = ktab_groups,
    .operands = CLI_COMPLETE_FILE,
    .output = PACTA_DOCUMENT_SCENARIO,
    .run = run,
};

static const cli_command_t *const actions[] = {&import_csv, &import_ktab, NULL};

const cli_command_t cli_command_import = {
    .name = "import",
    .summary = "convert a flat actor table or a KTAB scenario into a scenario file",
    .description = "Convert a flat actor table or a KTAB scenario into a pacta scenario file "
                   "(YAML; docs/scenario-format.md). Without -o the YAML goes to standard "
                   "output. Each reads only the format it names; the other commands read "
                   "every format directly.",
    .operands = CLI_COMPLETE_FILE,
    .output = PACTA_DOCUMENT_SCENARIO,
    .actions = actions,
    .action_noun = "format",
};

static int on_option(void *context, int id, char *arg)
{
    if (id != OPT_TITLE)
        return CLI_NOT_MINE;
    ((cli_common_t *)context)->csv.title = arg;
    return EXIT_OK;
}

static int run(const cli_command_t *command, int argc, char **argv)
{
    cli_common_t common;
    cli_common_init(&common);
    pacta_scenario_t *s = NULL;
    int first, code = cli_parse(command, argc, argv, &common, on_option, &common, &first);
    if (code == EXIT_OK && first != argc - 1)
        code = cli_usage_error(command,
                               first == argc ? "no file given" : "give exactly one file to import");
    if (code == EXIT_OK) {
        bool ktab = command == &import_ktab;
        code =
            cli_load(argv[first], ktab ? PACTA_FORMAT_KTAB_CSV : PACTA_FORMAT_CSV, &common.csv, &s);
    }
    if (code == EXIT_OK) {
        cli_output_t out;
        code = cli_output_open(&out, common.output)
                   ? cli_output_finish(&out, pacta_scenario_write_yaml(s, out.stream))
                   : EXIT_IO;
    }
    pacta_scenario_destroy(s);
    cli_common_destroy(&common);
    return code == CLI_HELP_SHOWN ? EXIT_OK : code;
}
