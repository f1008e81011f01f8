/* Manual pages from the command table: pacta(1) and one pacta-COMMAND(1) per command, in the
 * man(7) macros. `pacta help --man [COMMAND]` prints them; the build writes them into
 * man/ of the build tree and cmake --install puts them in share/man/man1. */
#include <string.h>

#include "cli.h"
#include "command.h"

/* Text in roff: backslashes and hyphens escaped, a leading '.' or '\'' guarded, and the
 * blank lines between paragraphs turned into .PP. */
static void roff(FILE *f, const char *text)
{
    bool line_start = true;
    for (const char *p = text; *p; p++) {
        if (*p == '\n') {
            if (p[1] == '\n') {
                fputs("\n.PP\n", f);
                p++;
            } else {
                fputs("\n.br\n", f);
            }
            line_start = true;
            continue;
        }
        if (line_start && (*p == '.' || *p == '\''))
            fputs("\\&", f);
        line_start = false;
        if (*p == '\\')
            fputs("\\e", f);
        else if (*p == '-')
            fputs("\\-", f);
        else
            fputc(*p, f);
    }
    fputc('\n', f);
}

/* A word inside a line (an option's name or argument): only '-' and '\\' escaped. */
static void roff_word(FILE *f, const char *word)
{
    for (const char *p = word; *p; p++) {
        if (*p == '-')
            fputs("\\-", f);
        else if (*p == '\\')
            fputs("\\e", f);
        else
            fputc(*p, f);
    }
}

/* The command's page name: "pacta-durability" for "durability", "pacta-durability" also
 * for its actions, which are sections of that page. */
static void page_name(const cli_command_t *command, char *buf, size_t size)
{
    snprintf(buf, size, "pacta-%.*s", (int)strcspn(command->name, " "), command->name);
}

static void header(FILE *f, const char *name, const char *summary)
{
    char upper[64];
    size_t i = 0;
    for (; name[i] && i + 1 < sizeof upper; i++)
        upper[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
    upper[i] = '\0';
    /* No date: the page must be the same whenever it is built (reproducible builds). */
    fprintf(f, ".TH %s 1 \"\" \"pacta %s\" \"pacta manual\"\n", upper, pacta_version());
    fputs(".SH NAME\n", f);
    fprintf(f, "%s \\- ", name);
    roff(f, summary);
}

static void synopsis(FILE *f, const cli_command_t *command)
{
    for (size_t i = 0; command->synopsis && command->synopsis[i]; i++) {
        fputs(".br\n.B pacta ", f);
        roff(f, command->name);
        roff(f, command->synopsis[i]);
    }
}

static void options(FILE *f, const cli_command_t *command)
{
    const char *heading = NULL;
    for (size_t g = 0; command->groups && command->groups[g]; g++) {
        const cli_group_t *group = command->groups[g];
        if (heading == NULL || strcmp(heading, cli_group_heading(command, g)) != 0) {
            heading = cli_group_heading(command, g);
            fputs(".SS ", f);
            roff(f, heading);
        }
        for (const cli_option_t *o = group->options; o->name; o++) {
            if (o->deprecated || o->help == NULL)
                continue;
            fputs(".TP\n", f);
            if (o->short_name)
                fprintf(f, "\\fB\\-%c\\fR, ", o->short_name);
            fputs("\\fB\\-\\-", f);
            roff_word(f, o->name);
            fputs("\\fR", f);
            if (o->arg) {
                fputs(" \\fI", f);
                roff_word(f, o->arg);
                fputs("\\fR", f);
            }
            fputc('\n', f);
            char help[1024];
            cli_expand_help(command, o->help, help, sizeof help);
            roff(f, help);
        }
    }
}

static void exit_status(FILE *f)
{
    fputs(".SH EXIT STATUS\n"
          "0 success; 1 failure (or an interrupted simulation); 2 usage error; 3 bad input "
          "(the messages name file, line, column and field); 4 numerical failure; 5 "
          "input/output error.\n",
          f);
}

static void see_also(FILE *f, const cli_command_t *except)
{
    fputs(".SH SEE ALSO\n", f);
    bool first = true;
    for (size_t i = 0; cli_commands[i]; i++) {
        if (cli_commands[i] == except)
            continue;
        fprintf(f, "%s.BR pacta\\-%s (1)", first ? "" : ",\n", cli_commands[i]->name);
        first = false;
    }
    fputs("\n.PP\nThe documentation in the source tree: docs/cli.md, "
          "docs/scenario-format.md, docs/models.md.\n",
          f);
}

static void overview(FILE *f)
{
    header(f, "pacta", "analyse negotiations to end wars and other multi-party bargains");
    fputs(".SH SYNOPSIS\n.B pacta\n.I COMMAND\n[\\fIoptions\\fR]\n.br\n.B pacta\n"
          "\\-\\-version | \\-\\-help\n.SH DESCRIPTION\n",
          f);
    roff(f, "pacta forecasts where multi-party bargaining lands with models from the "
            "literature, judges proposed deals (acceptance, the bargaining range, the "
            "commitment problem, emboldening, durability), measures uncertainty by Monte "
            "Carlo, analyses alliance burden sharing and backtests its models on decided "
            "cases.");
    fputs(".SH COMMANDS\n", f);
    for (size_t i = 0; cli_commands[i]; i++) {
        fprintf(f, ".TP\n.BR pacta\\-%s (1)\n", cli_commands[i]->name);
        roff(f, cli_commands[i]->summary);
    }
    exit_status(f);
    see_also(f, NULL);
}

void cli_write_man(const cli_command_t *command, FILE *f)
{
    if (command == NULL) {
        overview(f);
        return;
    }
    char name[64];
    page_name(command, name, sizeof name);
    header(f, name, command->summary);
    fputs(".SH SYNOPSIS\n", f);
    synopsis(f, command);
    for (size_t i = 0; command->actions && command->actions[i]; i++)
        synopsis(f, command->actions[i]);
    if (command->description) {
        fputs(".SH DESCRIPTION\n", f);
        roff(f, command->description);
    }
    if (command->groups) {
        fputs(".SH OPTIONS\n", f);
        options(f, command);
        fputs(".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nshow the help and exit\n", f);
    }
    for (size_t i = 0; command->actions && command->actions[i]; i++) {
        const cli_command_t *action = command->actions[i];
        fputs(".SH ", f);
        for (const char *p = action->name; *p; p++)
            fputc(*p >= 'a' && *p <= 'z' ? *p - 32 : *p, f);
        fputc('\n', f);
        roff(f, action->summary);
        options(f, action);
    }
    if (command->notes) {
        fputs(".SH NOTES\n", f);
        roff(f, command->notes);
    }
    exit_status(f);
    see_also(f, command);
}
