/* pacta evaluate FILE: judge the proposals of a scenario. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "command.h"

enum {
    OPT_PROPOSAL = 256,
    OPT_SET,
    OPT_VARY,
    OPT_NO_PARETO,
    OPT_NO_MODELS,
    OPT_NO_DURABILITY,
    OPT_DURABILITY_MODEL
};

static const cli_option_t evaluate_options[] = {
    {OPT_PROPOSAL, "proposal", 'p', "ID", "only this proposal (default: all)", CLI_COMPLETE_NONE,
     NULL, NULL},
    {OPT_SET, "set", 's', "NAME=VALUE",
     "override a parameter (p, cost_a, cost_b, discount, horizon, belief, ..., shift.ID, "
     "shift.ID.years; docs/models.md); repeatable",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_VARY, "vary", 0, "NAME=FROM:TO:STEP",
     "sensitivity of every verdict over a grid of a parameter; twice for a two-way table",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_NO_PARETO, "no-pareto", 0, NULL, "skip the Pareto search", CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_NO_MODELS, "no-models", 0, NULL, "skip the distance from the forecast models",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_NO_DURABILITY, "no-durability", 0, NULL, "skip the chance that the peace holds 5 years",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_DURABILITY_MODEL, "durability-model", 0, "FILE",
     "that chance from this fitted model (default: the shipped one; see pacta durability)",
     CLI_COMPLETE_FILE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t evaluate_group = {"Evaluation", evaluate_options};

static const char *const synopsis[] = {"FILE [options]", NULL};
static const cli_group_t *const groups[] = {&evaluate_group, &cli_group_judging, &cli_group_output,
                                            &cli_group_csv_input, NULL};

static int run(const cli_command_t *command, int argc, char **argv);

const cli_command_t cli_command_evaluate = {
    .name = "evaluate",
    .summary = "judge each proposal: acceptance, war, emboldening, durability",
    .synopsis = synopsis,
    .description = "Judge each proposal of a scenario: who accepts and who rejects it and why, "
                   "whether every veto player accepts, coalition cohesion, a Pareto check and, "
                   "with a war section, the bargaining range, the commitment problem and "
                   "emboldening, and the chance that its peace holds five years.",
    .groups = groups,
    .notes = "The models and their sources: docs/models.md (settlement analysis).",
    .operands = CLI_COMPLETE_FILE,
    .output = PACTA_DOCUMENT_EVALUATION,
    .run = run,
};

enum { MAX_OVERRIDES = 64 };

/* NAME=VALUE into an override (NAME points into arg, which is modified). */
static bool parse_override(char *arg, pacta_override_t *out)
{
    char *eq = strchr(arg, '=');
    if (eq == NULL || eq == arg) {
        cli_error("--set: '%s' must be NAME=VALUE", arg);
        return false;
    }
    *eq = '\0';
    out->name = arg;
    return cli_parse_double("--set", eq + 1, &out->value);
}

/* NAME=FROM:TO:STEP into a grid. */
static bool parse_vary(char *arg, pacta_vary_t *out)
{
    char *eq = strchr(arg, '=');
    char *c1 = eq ? strchr(eq + 1, ':') : NULL;
    char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    if (eq == NULL || eq == arg || c1 == NULL || c2 == NULL) {
        cli_error("--vary: '%s' must be NAME=FROM:TO:STEP, e.g. p=0.5:0.8:0.05", arg);
        return false;
    }
    *eq = *c1 = *c2 = '\0';
    out->name = arg;
    return cli_parse_double("--vary", eq + 1, &out->from) &&
           cli_parse_double("--vary", c1 + 1, &out->to) &&
           cli_parse_double("--vary", c2 + 1, &out->step);
}

typedef struct request {
    pacta_evaluate_options_t options;
    pacta_override_t overrides[MAX_OVERRIDES];
    pacta_vary_t vary[2];
    size_t n_overrides, n_vary;
    const char *durability_file;
    bool durability;
} request_t;

static int on_option(void *context, int id, char *arg)
{
    request_t *r = context;
    switch (id) {
    case OPT_PROPOSAL:
        r->options.proposal = strcmp(arg, "all") == 0 ? NULL : arg;
        return EXIT_OK;
    case OPT_SET:
        if (r->n_overrides == MAX_OVERRIDES) {
            cli_error("--set: at most %d overrides", MAX_OVERRIDES);
            return EXIT_USAGE;
        }
        return parse_override(arg, &r->overrides[r->n_overrides++]) ? EXIT_OK : EXIT_USAGE;
    case OPT_VARY:
        if (r->n_vary == 2) {
            cli_error("--vary: at most two parameters (a one- or two-way table)");
            return EXIT_USAGE;
        }
        return parse_vary(arg, &r->vary[r->n_vary++]) ? EXIT_OK : EXIT_USAGE;
    case OPT_NO_PARETO:
        r->options.pareto = false;
        return EXIT_OK;
    case OPT_NO_MODELS:
        r->options.compare_models = false;
        return EXIT_OK;
    case OPT_NO_DURABILITY:
        r->durability = false;
        return EXIT_OK;
    case OPT_DURABILITY_MODEL:
        r->durability_file = arg;
        return EXIT_OK;
    default:
        return CLI_NOT_MINE;
    }
}

static int run(const cli_command_t *command, int argc, char **argv)
{
    request_t r = {.durability = true};
    pacta_evaluate_options_default(&r.options);
    cli_common_t common;
    cli_common_init(&common);
    pacta_durability_model_t *durability_model = NULL;
    pacta_scenario_t *scenario = NULL;
    pacta_evaluation_t *evaluation = NULL;
    pacta_sensitivity_t *sensitivity = NULL;
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
    r.options.overrides = r.overrides;
    r.options.n_overrides = r.n_overrides;
    r.options.utility = common.utility;
    r.options.reservation = common.reservation;
    r.options.update = common.update;
    if (pacta_diag_create(&diag) != PACTA_OK) {
        code = cli_out_of_memory();
        goto cleanup;
    }
    code = cli_load(argv[first], PACTA_FORMAT_AUTO, &common.csv, &scenario);
    if (code != EXIT_OK)
        goto cleanup;
    if (r.durability) {
        code = cli_load_durability_model(r.durability_file, &durability_model, diag);
        if (code != EXIT_OK)
            goto cleanup;
        r.options.durability = durability_model;
    }
    pacta_status st = pacta_evaluate(&evaluation, scenario, &r.options, diag);
    if (st == PACTA_OK && r.n_vary > 0)
        st = pacta_evaluate_sensitivity(&sensitivity, scenario, &r.options, r.vary, r.n_vary, diag);
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
    pacta_format format = cli_common_format(&common, command);
    if (format == PACTA_FORMAT_TEXT)
        cli_print_evaluation_text(out.stream, evaluation, sensitivity, scenario);
    else
        st = pacta_evaluation_write(evaluation, sensitivity, scenario, format, out.stream);
    code = cli_output_finish(&out, st);

cleanup:
    if (code == CLI_HELP_SHOWN)
        code = EXIT_OK;
    pacta_sensitivity_destroy(sensitivity);
    pacta_evaluation_destroy(evaluation);
    pacta_durability_model_destroy(durability_model);
    pacta_scenario_destroy(scenario);
    pacta_diag_destroy(diag);
    cli_common_destroy(&common);
    return code;
}
