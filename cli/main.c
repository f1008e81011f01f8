/* The pacta command: dispatches to subcommands. Uses only <pacta/pacta.h>. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fputs("Usage: pacta COMMAND [options]\n"
          "\n"
          "Analyse negotiations to end wars and other multi-party bargains.\n"
          "\n"
          "Commands:\n"
          "  forecast FILE        forecast where bargaining on each issue lands\n"
          "  evaluate FILE        judge each proposal: acceptance, war, emboldening\n"
          "  simulate FILE        Monte Carlo over uncertain inputs, on every core\n"
          "  check FILE           check a scenario file and report every problem\n"
          "  import csv FILE.csv  convert a flat actor table into a scenario file\n"
          "  import ktab FILE     convert a KTAB scenario (.csv or .xml) into a scenario file\n"
          "  alliance FILE        alliance burden sharing against the 2 %, 3.5 % and 5 % targets\n"
          "  durability ACTION    would a settlement hold? episodes, fit, predict, show\n"
          "  backtest FILE        score the models against decided issues (DEU data)\n"
          "  help [COMMAND|MODEL] help on a command, or a model's options and profiles\n"
          "\n"
          "Options:\n"
          "  -h, --help           show this help\n"
          "  -V, --version        show the version\n"
          "\n"
          "Exit status: 0 ok, 1 failure, 2 usage, 3 bad input, 4 numerical failure, 5 I/O.\n"
          "Documentation: docs/cli.md (commands), docs/scenario-format.md, docs/models.md.\n",
          f);
}

static void describe_model(const pacta_model_t *m)
{
    printf("%s: %s\n", pacta_model_name(m), pacta_model_summary(m));
    size_t n;
    const pacta_option_spec_t *opts = pacta_model_options(m, &n);
    if (n > 0)
        printf("\nOptions (--set KEY=VALUE):\n");
    for (size_t i = 0; i < n; i++) {
        const pacta_option_spec_t *o = &opts[i];
        printf("  %s = ", o->key);
        if (o->kind == PACTA_OPTION_CHOICE) {
            for (size_t c = 0; o->choices[c]; c++)
                printf("%s%s", c ? "|" : "", o->choices[c]);
        } else {
            if (o->kind == PACTA_OPTION_INTEGER)
                printf("integer from %.0f to %.0f", o->min, o->max);
            else
                printf("number from %g to %g", o->min, o->max);
        }
        printf("  (default %s)\n      %s\n", o->default_value, o->help);
    }
    const pacta_profile_t *profiles = pacta_model_profiles(m, &n);
    if (n > 0)
        printf("\nProfiles (--profile NAME):\n");
    for (size_t i = 0; i < n; i++) {
        printf("  %s: %s\n     ", profiles[i].name, profiles[i].help);
        for (size_t k = 0; profiles[i].settings[k]; k++)
            printf(" %s", profiles[i].settings[k]);
        printf("\n");
    }
    printf("\nEquations and sources: docs/models.md\n");
}

static int help(int argc, char **argv)
{
    if (argc < 2) {
        usage(stdout);
        printf("\nModels:\n");
        for (size_t i = 0; i < pacta_model_count(); i++)
            printf("  %-11s %s\n", pacta_model_name(pacta_model_at(i)),
                   pacta_model_summary(pacta_model_at(i)));
        return EXIT_OK;
    }
    const char *topic = argv[1];
    if (strcmp(topic, "forecast") == 0)
        usage_forecast(stdout);
    else if (strcmp(topic, "check") == 0)
        usage_check(stdout);
    else if (strcmp(topic, "import") == 0)
        usage_import(stdout);
    else if (strcmp(topic, "evaluate") == 0)
        usage_evaluate(stdout);
    else if (strcmp(topic, "simulate") == 0)
        usage_simulate(stdout);
    else if (strcmp(topic, "alliance") == 0)
        usage_alliance(stdout);
    else if (strcmp(topic, "durability") == 0)
        usage_durability(stdout);
    else if (strcmp(topic, "backtest") == 0)
        usage_backtest(stdout);
    else if (pacta_model_find(topic) != NULL)
        describe_model(pacta_model_find(topic));
    else {
        cli_error("help: no command or model named '%s'", topic);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

int cli_main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *command = argv[1];
    if (strcmp(command, "-h") == 0 || strcmp(command, "--help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(command, "-V") == 0 || strcmp(command, "--version") == 0) {
        printf("pacta %s\n", pacta_version());
        return EXIT_OK;
    }
    if (strcmp(command, "forecast") == 0)
        return cmd_forecast(argc - 1, argv + 1);
    if (strcmp(command, "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (strcmp(command, "import") == 0)
        return cmd_import(argc - 1, argv + 1);
    if (strcmp(command, "evaluate") == 0)
        return cmd_evaluate(argc - 1, argv + 1);
    if (strcmp(command, "simulate") == 0)
        return cmd_simulate(argc - 1, argv + 1);
    if (strcmp(command, "alliance") == 0)
        return cmd_alliance(argc - 1, argv + 1);
    if (strcmp(command, "durability") == 0)
        return cmd_durability(argc - 1, argv + 1);
    if (strcmp(command, "backtest") == 0)
        return cmd_backtest(argc - 1, argv + 1);
    if (strcmp(command, "help") == 0)
        return help(argc - 1, argv + 1);
    cli_error("unknown command '%s' (try: pacta --help)", command);
    return EXIT_USAGE;
}

/* The fuzz harness (fuzz/fuzz_cli.c) calls cli_main() itself and builds this file with
 * PACTA_CLI_NO_MAIN. */
#ifndef PACTA_CLI_NO_MAIN
int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
#endif
