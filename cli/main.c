/* The pacta command: the command table and dispatch. Uses only <pacta/pacta.h>. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "command.h"

/* One command a line, in the order 'pacta --help' lists them. */
// clang-format off
const cli_command_t *const cli_commands[] = {
    &cli_command_forecast,
    &cli_command_evaluate,
    &cli_command_simulate,
    &cli_command_design,
    &cli_command_report,
    &cli_command_serve,
    &cli_command_check,
    &cli_command_init,
    &cli_command_import,
    &cli_command_alliance,
    &cli_command_durability,
    &cli_command_backtest,
    &cli_command_help,
    &cli_command_completion,
    NULL,
};
// clang-format on

static void usage(FILE *f)
{
    fputs("Usage: pacta COMMAND [options]\n"
          "\n"
          "Analyse negotiations to end wars and other multi-party bargains.\n"
          "\n"
          "Commands:\n",
          f);
    for (size_t i = 0; cli_commands[i]; i++)
        fprintf(f, "  %-12s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
    fputs("\n"
          "Options:\n"
          "  -h, --help   show this help\n"
          "  -V, --version\n"
          "               show the version\n"
          "\n"
          "Exit status: 0 ok, 1 failure, 2 usage, 3 bad input, 4 numerical failure, 5 I/O.\n"
          "'pacta help COMMAND' and the man pages (pacta-COMMAND(1)) describe each command;\n"
          "docs/cli.md, docs/scenario-format.md and docs/models.md the rest.\n",
          f);
}

/* The names of @p list's commands (or of a command's actions, without the command's name),
 * NULL-terminated, for suggestions and messages. */
static size_t command_names(const cli_command_t *const *list, const char **names, size_t max,
                            size_t skip)
{
    size_t n = 0;
    for (; list[n] && n + 1 < max; n++)
        names[n] = list[n]->name + skip;
    names[n] = NULL;
    return n;
}

static int unknown_command(const char *name)
{
    const char *names[32];
    command_names(cli_commands, names, 32, 0);
    const char *near = pacta_suggest(name, names);
    if (near)
        cli_error("unknown command '%s'; did you mean '%s'? (try: pacta --help)", name, near);
    else
        cli_error("unknown command '%s' (try: pacta --help)", name);
    return EXIT_USAGE;
}

/* Whether @p arg is an option of one of @p command's actions that takes its argument from
 * the next word ("--ucdp FILE", "-o FILE"), so that word is not the action. */
static bool takes_next_word(const cli_command_t *command, const char *arg)
{
    if (arg[0] != '-' || strchr(arg, '=') != NULL)
        return false;
    for (size_t a = 0; command->actions[a]; a++)
        for (size_t g = 0; command->actions[a]->groups && command->actions[a]->groups[g]; g++)
            for (const cli_option_t *o = command->actions[a]->groups[g]->options; o->name; o++) {
                if (o->arg == NULL)
                    continue;
                if ((arg[1] == '-' && strcmp(arg + 2, o->name) == 0) ||
                    (arg[1] == o->short_name && arg[2] == '\0'))
                    return true;
            }
    return false;
}

/* A command made of actions (durability fit, import csv): find the action among the
 * operands, wherever the options put it, and run it with the action as argv[0]. */
static int run_action(const cli_command_t *command, int argc, char **argv)
{
    int at = 1;
    while (at < argc && argv[at][0] == '-' && strcmp(argv[at], "--") != 0) {
        if (strcmp(argv[at], "-h") == 0 || strcmp(argv[at], "--help") == 0) {
            cli_command_usage(command, stdout);
            return EXIT_OK;
        }
        at += takes_next_word(command, argv[at]) ? 2 : 1;
    }
    if (at < argc && strcmp(argv[at], "--") == 0)
        at++;
    const char *names[16];
    size_t skip = strlen(command->name) + 1;
    command_names(command->actions, names, 16, skip);
    char list[128];
    cli_list_words(list, sizeof list, names, " or ");
    if (at >= argc) {
        cli_error("%s: expected %s", command->name, list);
        cli_command_usage(command, stderr);
        return EXIT_USAGE;
    }
    for (size_t a = 0; command->actions[a]; a++) {
        if (strcmp(command->actions[a]->name + skip, argv[at]) != 0)
            continue;
        /* Move the action word to argv[0]; the options before it keep their order. */
        char *action = argv[at];
        memmove(argv + 2, argv + 1, (size_t)(at - 1) * sizeof *argv);
        argv[1] = action;
        return command->actions[a]->run(command->actions[a], argc - 1, argv + 1);
    }
    const char *near = pacta_suggest(argv[at], names);
    const char *noun = command->action_noun ? command->action_noun : "action";
    if (near)
        cli_error("%s: unknown %s '%s'; did you mean '%s'? (%s)", command->name, noun, argv[at],
                  near, list);
    else
        cli_error("%s: unknown %s '%s' (%s)", command->name, noun, argv[at], list);
    return EXIT_USAGE;
}

int cli_main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(name, "-V") == 0 || strcmp(name, "--version") == 0) {
        printf("pacta %s\n", pacta_version());
        return EXIT_OK;
    }
    for (size_t i = 0; cli_commands[i]; i++) {
        const cli_command_t *c = cli_commands[i];
        if (strcmp(c->name, name) != 0)
            continue;
        return c->actions ? run_action(c, argc - 1, argv + 1) : c->run(c, argc - 1, argv + 1);
    }
    return unknown_command(name);
}

/* ---- pacta help ---------------------------------------------------------------------------- */

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

enum { OPT_MAN = 256 };

static const cli_option_t help_options[] = {
    {OPT_MAN, "man", 0, NULL,
     "write the command's manual page (roff; pacta(1) without a command) instead: the "
     "installed man pages are made this way",
     CLI_COMPLETE_NONE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t help_group = {"Options", help_options};
static const cli_group_t *const help_groups[] = {&help_group, NULL};
static const char *const help_synopsis[] = {"[COMMAND|MODEL]", "--man [COMMAND]", NULL};

static int on_help_option(void *context, int id, char *arg)
{
    (void)arg;
    if (id != OPT_MAN)
        return CLI_NOT_MINE;
    *(bool *)context = true;
    return EXIT_OK;
}

static int help(const cli_command_t *self, int argc, char **argv)
{
    bool man = false;
    int first, code = cli_parse(self, argc, argv, NULL, on_help_option, &man, &first);
    if (code != EXIT_OK)
        return code == CLI_HELP_SHOWN ? EXIT_OK : code;
    if (argc - first > 2 || (argc - first == 2 && !cli_command_find(argv[first])))
        return cli_usage_error(self, "give one command or model");
    /* "help durability fit" names an action as two words. */
    char joined[64] = "";
    if (argc - first == 2)
        snprintf(joined, sizeof joined, "%s %s", argv[first], argv[first + 1]);
    const char *topic = argc - first == 2 ? joined : argc > first ? argv[first] : NULL;
    const cli_command_t *command = topic ? cli_command_find(topic) : NULL;
    if (man) {
        if (topic != NULL && command == NULL)
            return cli_usage_error(self, "no command named '%s'", topic);
        cli_write_man(command, stdout);
        return fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
    }
    if (topic == NULL) {
        usage(stdout);
        printf("\nModels:\n");
        for (size_t i = 0; i < pacta_model_count(); i++)
            printf("  %-11s %s\n", pacta_model_name(pacta_model_at(i)),
                   pacta_model_summary(pacta_model_at(i)));
    } else if (command != NULL) {
        cli_command_usage(command, stdout);
    } else if (pacta_model_find(topic) != NULL) {
        describe_model(pacta_model_find(topic));
    } else {
        const char *names[64];
        size_t n = command_names(cli_commands, names, 48, 0);
        for (size_t i = 0; i < pacta_model_count() && n + 1 < 64; i++)
            names[n++] = pacta_model_name(pacta_model_at(i));
        names[n] = NULL;
        const char *near = pacta_suggest(topic, names);
        if (near)
            cli_error("help: no command or model named '%s'; did you mean '%s'?", topic, near);
        else
            cli_error("help: no command or model named '%s'", topic);
        return EXIT_USAGE;
    }
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
}

const cli_command_t cli_command_help = {
    .name = "help",
    .summary = "help on a command, or a model's options and profiles",
    .synopsis = help_synopsis,
    .description = "Without an argument, list the commands and models. With a command, its "
                   "options; with a model (compromise, bdm, smp, ...), its options for --set "
                   "and its profiles.",
    .groups = help_groups,
    .operands = CLI_COMPLETE_COMMANDS,
    .output = PACTA_DOCUMENT_SCENARIO,
    .run = help,
};

/* ---- pacta completion ---------------------------------------------------------------------- */

static const char *const completion_synopsis[] = {"bash|zsh", NULL};
static const char *const shells[] = {"bash", "zsh", NULL};

static int completion(const cli_command_t *self, int argc, char **argv)
{
    int first, code = cli_parse(self, argc, argv, NULL, NULL, NULL, &first);
    if (code != EXIT_OK)
        return code == CLI_HELP_SHOWN ? EXIT_OK : code;
    if (argc - first != 1)
        return cli_usage_error(self, "name the shell: bash or zsh");
    if (!cli_write_completion(argv[first], stdout)) {
        const char *near = pacta_suggest(argv[first], shells);
        return cli_usage_error(self, "no completion for the shell '%s'%s%s%s; bash or zsh",
                               argv[first], near ? " (did you mean '" : "", near ? near : "",
                               near ? "'?)" : "");
    }
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
}

const cli_command_t cli_command_completion = {
    .name = "completion",
    .summary = "print a shell completion script (bash or zsh)",
    .synopsis = completion_synopsis,
    .description = "Print a script that completes pacta's commands, options and their "
                   "arguments in the shell: for bash, eval \"$(pacta completion bash)\" or "
                   "install it as share/bash-completion/completions/pacta (cmake --install "
                   "does); for zsh, save it as _pacta in a directory of $fpath.",
    .operands = CLI_COMPLETE_CHOICES,
    .operand_choices = shells,
    .output = PACTA_DOCUMENT_SCENARIO,
    .run = completion,
};

/* The fuzz harness (fuzz/fuzz_cli.c) calls cli_main() itself and builds this file with
 * PACTA_CLI_NO_MAIN. */
#ifndef PACTA_CLI_NO_MAIN
int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
#endif
