/* pacta design FILE: search for deals every veto player accepts. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "command.h"

enum {
    OPT_OBJECTIVE = 256,
    OPT_TOP,
    OPT_DISTINCT,
    OPT_MAX_EMBOLDENING,
    OPT_ISSUES,
    OPT_STARTS,
    OPT_JITTER,
    OPT_CONFIDENCE
};

static const char *const objectives[] = {"min-margin", "nash", "durability", NULL};
static const char *const issue_choices[] = {"proposals", "all", NULL};

static const cli_option_t design_options[] = {
    {OPT_OBJECTIVE, "objective", 0, "NAME",
     "what to maximise: min-margin (the smallest veto player's gain, default) or nash (the "
     "veto players' weighted Nash product); durability is not yet available",
     CLI_COMPLETE_CHOICES, objectives, NULL},
    {OPT_TOP, "top", 'k', "K", "report the best K distinct deals (default 3)", CLI_COMPLETE_NONE,
     NULL, NULL},
    {OPT_DISTINCT, "distinct", 0, "D",
     "deals count as distinct when at least D scale points apart on some issue (default 5)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_MAX_EMBOLDENING, "max-emboldening", 0, "X",
     "only deals whose emboldening index is at most X (needs a reputation block)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_ISSUES, "issues", 0, "WHICH",
     "which issues to search: proposals (those any proposal covers, default) or all",
     CLI_COMPLETE_CHOICES, issue_choices, NULL},
    {OPT_STARTS, "starts", 0, "N",
     "random starts besides the proposals and the status quo (default 20)", CLI_COMPLETE_NONE, NULL,
     NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t design_group = {"Design", design_options};

/* --runs is the shared option (parsed by cli_common_option) with design's own default. */
static const cli_option_t robust_options[] = {
    {CLI_OPT_RUNS, "runs", 'n', "N",
     "judge the deals found in N Monte Carlo draws of the scenario and re-rank them by the "
     "objective averaged over the draws (default: none, the point scenario only)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_JITTER, "jitter", 0, "SPEC",
     "perturb every fixed number of a kind in the draws, e.g. position=5,salience=10,"
     "capability=10% (as simulate takes it)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_CONFIDENCE, "confidence", 0, "P",
     "rank first the deals whose constraints all hold in at least a share P of the draws "
     "(default 0.9)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t robust_group = {"Robust designs", robust_options};

/* What the options parse into besides the shared ones. */
typedef struct request {
    pacta_design_options_t o;
    const char *jitter;
    bool confidence_given;
} request_t;

static const char *const synopsis[] = {"FILE [options]", NULL};
static const cli_group_t *const groups[] = {
    &design_group,      &robust_group,     &cli_group_seed,      &cli_group_threads,
    &cli_group_judging, &cli_group_output, &cli_group_csv_input, NULL};

static int run(const cli_command_t *command, int argc, char **argv);

const cli_command_t cli_command_design = {
    .name = "design",
    .summary = "search for deals every veto player accepts",
    .synopsis = synopsis,
    .description =
        "Search the settlement space (every searched issue from 0 to 100) for deals that every "
        "veto player accepts and that, with a war section, lie inside the bargaining range and "
        "are self-enforcing, and, with --max-emboldening, do not embolden beyond the bound. "
        "Among them it maximises the objective by COBYLA from every proposal, the status quo "
        "and seeded random starts, and reports the best distinct deals with each actor's "
        "margin, the constraints that bind and the distance from each proposal. When no deal "
        "meets every constraint it reports the smallest relaxation that admits one. With "
        "--runs N it judges every deal found in N Monte Carlo draws of the scenario (the "
        "draws simulate makes for the same seed and jitter), reports the probability that "
        "each constraint holds, and ranks first the deals whose constraints all hold with at "
        "least the --confidence asked for; the same seed gives the same output on any number "
        "of threads.",
    .groups = groups,
    .notes = "The method and its sources: docs/design-search.md; the models: docs/models.md.",
    .operands = CLI_COMPLETE_FILE,
    .output = PACTA_DOCUMENT_DESIGN,
    .run = run,
};

static int on_option(void *context, int id, char *arg)
{
    request_t *r = context;
    pacta_design_options_t *o = &r->o;
    uint64_t n;
    switch (id) {
    case OPT_JITTER:
        r->jitter = arg;
        return EXIT_OK;
    case OPT_CONFIDENCE:
        if (!cli_parse_double("--confidence", arg, &o->confidence))
            return EXIT_USAGE;
        if (!(o->confidence >= 0 && o->confidence <= 1)) {
            cli_error("--confidence: '%s' is not a probability from 0 to 1", arg);
            return EXIT_USAGE;
        }
        r->confidence_given = true;
        return EXIT_OK;
    case OPT_OBJECTIVE:
        if (!pacta_design_objective_find(arg, &o->objective)) {
            cli_error("--objective: '%s' is not min-margin, nash or durability", arg);
            return EXIT_USAGE;
        }
        if (o->objective == PACTA_DESIGN_DURABILITY) {
            cli_error("--objective durability is not yet available: the durability model's "
                      "covariates are provisions, which the search does not vary "
                      "(docs/design-search.md); use min-margin or nash");
            return EXIT_USAGE;
        }
        return EXIT_OK;
    case OPT_TOP:
        if (!cli_parse_u64("--top", arg, 1, 1000, &n))
            return EXIT_USAGE;
        o->top = (size_t)n;
        return EXIT_OK;
    case OPT_STARTS:
        if (!cli_parse_u64("--starts", arg, 0, 100000, &n))
            return EXIT_USAGE;
        o->starts = (size_t)n;
        return EXIT_OK;
    case OPT_DISTINCT:
        if (!cli_parse_double("--distinct", arg, &o->distinct))
            return EXIT_USAGE;
        if (!(o->distinct >= 0 && o->distinct <= 100)) {
            cli_error("--distinct: '%s' is not a distance from 0 to 100 scale points", arg);
            return EXIT_USAGE;
        }
        return EXIT_OK;
    case OPT_MAX_EMBOLDENING:
        if (!cli_parse_double("--max-emboldening", arg, &o->max_emboldening))
            return EXIT_USAGE;
        o->bound_emboldening = true;
        return EXIT_OK;
    case OPT_ISSUES:
        if (strcmp(arg, "all") == 0 || strcmp(arg, "proposals") == 0) {
            o->all_issues = strcmp(arg, "all") == 0;
            return EXIT_OK;
        }
        cli_error("--issues: '%s' is not proposals or all", arg);
        return EXIT_USAGE;
    default:
        return CLI_NOT_MINE;
    }
}

static int run(const cli_command_t *command, int argc, char **argv)
{
    request_t request = {0};
    pacta_design_options_t *options = &request.o;
    pacta_design_options_default(options);
    pacta_jitter_t jitter[16];
    cli_common_t common;
    cli_common_init(&common);
    pacta_scenario_t *scenario = NULL;
    pacta_design_t *design = NULL;
    pacta_diag_t *diag = NULL;
    int first, code = cli_parse(command, argc, argv, &common, on_option, &request, &first);
    if (code != EXIT_OK)
        goto cleanup;
    if ((code = cli_one_scenario(command, argc, first)) != EXIT_OK)
        goto cleanup;
    options->seed = common.seed;
    options->utility = common.utility;
    options->reservation = common.reservation;
    options->update = common.update;
    options->threads = common.threads;
    if (common.runs_given)
        options->runs = common.runs;
    if (options->runs == 0 && (request.jitter != NULL || request.confidence_given)) {
        code = cli_usage_error(command, request.jitter != NULL
                                            ? "--jitter needs Monte Carlo draws: give --runs N"
                                            : "--confidence needs Monte Carlo draws: give "
                                              "--runs N");
        goto cleanup;
    }
    if (request.jitter != NULL) {
        char error[256];
        long n = pacta_jitter_parse(request.jitter, jitter, sizeof jitter / sizeof jitter[0], error,
                                    sizeof error);
        if (n < 0) {
            cli_error("--jitter: %s", error);
            code = EXIT_USAGE;
            goto cleanup;
        }
        options->jitter = jitter;
        options->n_jitter = (size_t)n;
    }
    if (pacta_diag_create(&diag) != PACTA_OK) {
        code = cli_out_of_memory();
        goto cleanup;
    }
    code = cli_load(argv[first], PACTA_FORMAT_AUTO, &common.csv, &scenario);
    if (code != EXIT_OK)
        goto cleanup;
    pacta_status st = pacta_design(&design, scenario, options, diag);
    cli_report(diag);
    if (st != PACTA_OK) {
        /* Out of memory says so (e.g. --runs too large for the candidates' outcomes). */
        code = st == PACTA_ENOMEM ? cli_out_of_memory() : cli_exit_code(st);
        goto cleanup;
    }
    cli_output_t out;
    if (!cli_output_open(&out, common.output)) {
        code = EXIT_IO;
        goto cleanup;
    }
    if (cli_common_format(&common, command) == PACTA_FORMAT_TEXT)
        cli_print_design_text(out.stream, design, scenario);
    else
        st = pacta_design_write_json(design, scenario, out.stream);
    code = cli_output_finish(&out, st);

cleanup:
    if (code == CLI_HELP_SHOWN)
        code = EXIT_OK;
    pacta_design_destroy(design);
    pacta_scenario_destroy(scenario);
    pacta_diag_destroy(diag);
    cli_common_destroy(&common);
    return code;
}
