/* pacta evaluate FILE: judge the proposals of a scenario. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void usage_evaluate(FILE *f)
{
    fputs("Usage: pacta evaluate FILE [options]\n"
          "\n"
          "Judge each proposal of a scenario: who accepts and who rejects it and why, whether\n"
          "every veto player accepts, coalition cohesion, a Pareto check and, with a war\n"
          "section, the bargaining range, the commitment problem and emboldening.\n"
          "\n"
          "Options:\n"
          "  -p, --proposal ID           only this proposal (default: all)\n"
          "      --utility KIND          linear (default) or quadratic loss\n"
          "      --reservation KIND      auto (default: war when the scenario has one),\n"
          "                              status-quo or war\n"
          "  -s, --set NAME=VALUE        override a parameter (p, cost_a, cost_b, discount,\n"
          "                              horizon, belief, ..., shift.ID, shift.ID.years)\n"
          "      --vary NAME=FROM:TO:STEP  sensitivity over a grid; twice for a 2-D table\n"
          "      --no-pareto             skip the Pareto search\n"
          "      --no-models             skip the distance from the forecast models\n"
          "      --no-durability         skip the chance that the peace holds 5 years\n"
          "      --durability-model FILE that chance from this fitted model (default: the\n"
          "                              shipped one; see pacta durability)\n"
          "  -f, --format FORMAT         text (default), json or csv\n"
          "  -o, --output FILE           write to FILE instead of standard output\n"
          "  -h, --help                  show this help\n",
          f);
}

enum {
    OPT_UTILITY = 256,
    OPT_RESERVATION,
    OPT_VARY,
    OPT_NO_PARETO,
    OPT_NO_MODELS,
    OPT_NO_DURABILITY,
    OPT_DURABILITY_MODEL
};

static const struct option long_options[] = {
    {"proposal", required_argument, NULL, 'p'},
    {"utility", required_argument, NULL, OPT_UTILITY},
    {"reservation", required_argument, NULL, OPT_RESERVATION},
    {"set", required_argument, NULL, 's'},
    {"vary", required_argument, NULL, OPT_VARY},
    {"no-pareto", no_argument, NULL, OPT_NO_PARETO},
    {"no-models", no_argument, NULL, OPT_NO_MODELS},
    {"no-durability", no_argument, NULL, OPT_NO_DURABILITY},
    {"durability-model", required_argument, NULL, OPT_DURABILITY_MODEL},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
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

int cmd_evaluate(int argc, char **argv)
{
    int code = EXIT_OK;
    pacta_evaluate_options_t options;
    pacta_evaluate_options_default(&options);
    pacta_override_t overrides[MAX_OVERRIDES];
    pacta_vary_t vary[2];
    size_t n_overrides = 0, n_vary = 0;
    const char *format = "text", *output = NULL, *durability_file = NULL;
    bool durability = true;
    pacta_durability_model_t *durability_model = NULL;
    pacta_scenario_t *scenario = NULL;
    pacta_evaluation_t *evaluation = NULL;
    pacta_sensitivity_t *sensitivity = NULL;
    pacta_diag_t *diag = NULL;
    cli_input_t input;
    cli_input_init(&input);
    if (pacta_diag_create(&diag) != PACTA_OK) {
        cli_error("out of memory");
        return EXIT_FAILURE_;
    }

    cli_reset_getopt();
    int c;
    while ((c = getopt_long(argc, argv, "p:s:f:o:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'p':
            options.proposal = strcmp(optarg, "all") == 0 ? NULL : optarg;
            break;
        case OPT_UTILITY:
            if (strcmp(optarg, "linear") == 0)
                options.utility = PACTA_UTILITY_LINEAR;
            else if (strcmp(optarg, "quadratic") == 0)
                options.utility = PACTA_UTILITY_QUADRATIC;
            else {
                cli_error("--utility: '%s' is not linear or quadratic", optarg);
                code = EXIT_USAGE;
                goto cleanup;
            }
            break;
        case OPT_RESERVATION:
            if (strcmp(optarg, "auto") == 0)
                options.reservation = PACTA_RESERVATION_AUTO;
            else if (strcmp(optarg, "status-quo") == 0)
                options.reservation = PACTA_RESERVATION_STATUS_QUO;
            else if (strcmp(optarg, "war") == 0)
                options.reservation = PACTA_RESERVATION_WAR;
            else {
                cli_error("--reservation: '%s' is not auto, status-quo or war", optarg);
                code = EXIT_USAGE;
                goto cleanup;
            }
            break;
        case 's':
            if (n_overrides == MAX_OVERRIDES) {
                cli_error("--set: at most %d overrides", MAX_OVERRIDES);
                code = EXIT_USAGE;
                goto cleanup;
            }
            if (!parse_override(optarg, &overrides[n_overrides++])) {
                code = EXIT_USAGE;
                goto cleanup;
            }
            break;
        case OPT_VARY:
            if (n_vary == 2) {
                cli_error("--vary: at most two parameters (a one- or two-way table)");
                code = EXIT_USAGE;
                goto cleanup;
            }
            if (!parse_vary(optarg, &vary[n_vary++])) {
                code = EXIT_USAGE;
                goto cleanup;
            }
            break;
        case OPT_NO_PARETO:
            options.pareto = false;
            break;
        case OPT_NO_MODELS:
            options.compare_models = false;
            break;
        case OPT_NO_DURABILITY:
            durability = false;
            break;
        case OPT_DURABILITY_MODEL:
            durability_file = optarg;
            break;
        case 'f':
            format = optarg;
            if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv")) {
                cli_error("--format: '%s' is not text, json or csv", optarg);
                code = EXIT_USAGE;
                goto cleanup;
            }
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            usage_evaluate(stdout);
            goto cleanup;
        default:
            usage_evaluate(stderr);
            code = EXIT_USAGE;
            goto cleanup;
        }
    }
    if (optind != argc - 1) {
        cli_error(optind == argc ? "evaluate: no scenario file given"
                                 : "evaluate: give exactly one scenario file");
        usage_evaluate(stderr);
        code = EXIT_USAGE;
        goto cleanup;
    }
    options.overrides = overrides;
    options.n_overrides = n_overrides;
    if (durability_file != NULL && !durability) {
        cli_error("--durability-model and --no-durability contradict each other");
        code = EXIT_USAGE;
        goto cleanup;
    }
    code = cli_load(argv[optind], &input, &scenario);
    if (code != EXIT_OK)
        goto cleanup;
    if (durability) {
        code = cli_load_durability_model(durability_file, &durability_model, diag);
        if (code != EXIT_OK)
            goto cleanup;
        options.durability = durability_model;
    }
    pacta_status st = pacta_evaluate(&evaluation, scenario, &options, diag);
    if (st == PACTA_OK && n_vary > 0)
        st = pacta_evaluate_sensitivity(&sensitivity, scenario, &options, vary, n_vary, diag);
    cli_print_diagnostics(diag);
    if (st != PACTA_OK) {
        code = cli_exit_code(st);
        goto cleanup;
    }
    cli_output_t out;
    if (!cli_output_open(&out, output)) {
        code = EXIT_IO;
        goto cleanup;
    }
    if (strcmp(format, "json") == 0)
        st = pacta_evaluation_write_json(evaluation, sensitivity, scenario, out.stream);
    else if (strcmp(format, "csv") == 0)
        st = pacta_evaluation_write_csv(evaluation, scenario, out.stream);
    else
        cli_print_evaluation_text(out.stream, evaluation, sensitivity, scenario);
    code = cli_output_finish(&out, st);

cleanup:
    pacta_sensitivity_destroy(sensitivity);
    pacta_evaluation_destroy(evaluation);
    pacta_durability_model_destroy(durability_model);
    pacta_scenario_destroy(scenario);
    pacta_diag_destroy(diag);
    return code;
}
