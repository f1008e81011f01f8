/* The command table's machinery: finding commands, parsing their options with getopt_long
 * from the table, and printing their help. */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "command.h"

enum { MAX_OPTIONS = 64, WIDTH = 80, HELP_COLUMN = 26 };

static const cli_command_t *find_in(const cli_command_t *const *list, const char *name)
{
    for (size_t i = 0; list && list[i]; i++) {
        if (strcmp(list[i]->name, name) == 0)
            return list[i];
        const cli_command_t *action = find_in(list[i]->actions, name);
        if (action != NULL)
            return action;
    }
    return NULL;
}

const cli_command_t *cli_command_find(const char *name)
{
    return find_in(cli_commands, name);
}

/* ---- iterating over a command's options --------------------------------------------------- */

typedef struct option_iter {
    const cli_command_t *command;
    size_t group, index;
} option_iter_t;

static const cli_option_t help_option = {CLI_OPT_HELP,      "help", 'h', NULL, "show this help",
                                         CLI_COMPLETE_NONE, NULL,   NULL};

/* The next option of the command, its groups' options then --help; NULL at the end. */
static const cli_option_t *next_option(option_iter_t *it)
{
    const cli_group_t *const *groups = it->command->groups;
    while (groups && groups[it->group]) {
        const cli_option_t *o = &groups[it->group]->options[it->index];
        if (o->name != NULL) {
            it->index++;
            return o;
        }
        it->group++;
        it->index = 0;
    }
    if (it->index == 0) {
        it->index = 1; /* past the end of the groups: --help once */
        return &help_option;
    }
    return NULL;
}

static const cli_option_t *option_by_id(const cli_command_t *command, int id)
{
    option_iter_t it = {command, 0, 0};
    for (const cli_option_t *o; (o = next_option(&it)) != NULL;)
        if (o->id == id)
            return o;
    return NULL;
}

const char *cli_option_display(const cli_command_t *command, int id)
{
    static _Thread_local char buf[64];
    const cli_option_t *o = option_by_id(command, id);
    snprintf(buf, sizeof buf, "--%s", o ? o->name : "?");
    return buf;
}

/* ---- help --------------------------------------------------------------------------------- */

void cli_list_words(char *buf, size_t size, const char *const *words, const char *last)
{
    size_t n = 0, used = 0;
    while (words[n])
        n++;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        const char *sep = i == 0 ? "" : i + 1 == n ? last : ", ";
        int w = snprintf(buf + used, size - used, "%s%s", sep, words[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

void cli_format_list(char *buf, size_t size, pacta_document document, bool mark_default)
{
    pacta_format formats[PACTA_FORMAT_COUNT];
    size_t n = pacta_format_list_written(document, formats, PACTA_FORMAT_COUNT);
    char first[32];
    const char *names[PACTA_FORMAT_COUNT + 1];
    for (size_t i = 0; i < n; i++)
        names[i] = pacta_format_name(formats[i]);
    names[n] = NULL;
    if (mark_default && n > 1) {
        snprintf(first, sizeof first, "%s (default)", names[0]);
        names[0] = first;
    }
    cli_list_words(buf, size, names, " or ");
}

void cli_expand_help(const cli_command_t *command, const char *help, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (const char *p = help ? help : ""; *p && used + 1 < size; p++) {
        char part[512];
        if (p[0] == '%' && p[1] == 'F') {
            cli_format_list(part, sizeof part, command->output, true);
        } else if (p[0] == '%' && p[1] == 'M') {
            const char *names[33];
            size_t n = 0;
            for (; n < pacta_model_count() && n < 32; n++)
                names[n] = pacta_model_name(pacta_model_at(n));
            names[n] = NULL;
            cli_list_words(part, sizeof part, names, ", ");
        } else {
            buf[used++] = *p;
            buf[used] = '\0';
            continue;
        }
        p++;
        int w = snprintf(buf + used, size - used, "%s", part);
        used += w > 0 ? (size_t)w : 0;
        if (used >= size)
            used = size - 1;
    }
}

/* Print @p text from the current column @p at, wrapped at WIDTH with continuation lines
 * indented by @p indent. A newline in the text breaks the line; two make a blank line. */
static void wrap(FILE *f, const char *text, size_t at, size_t indent)
{
    size_t column = at;
    bool words = false; /* the current line has a word of this text */
    for (const char *p = text; *p;) {
        if (*p == '\n') {
            fputc('\n', f);
            p++;
            column = 0;
            words = false;
            if (*p != '\n' && *p != '\0') {
                fprintf(f, "%*s", (int)indent, "");
                column = indent;
            }
            continue;
        }
        if (*p == ' ') {
            p++;
            continue;
        }
        size_t n = strcspn(p, " \n");
        /* Columns, not bytes: UTF-8 continuation bytes take none. */
        size_t cols = 0;
        for (size_t i = 0; i < n; i++)
            cols += ((unsigned char)p[i] & 0xC0) != 0x80;
        if (words && column + 1 + cols > WIDTH) {
            fprintf(f, "\n%*s", (int)indent, "");
            column = indent;
            words = false;
        }
        if (words) {
            fputc(' ', f);
            column++;
        }
        fwrite(p, 1, n, f);
        column += cols;
        words = true;
        p += n;
    }
    fputc('\n', f);
}

/* The usage lines; "Usage:" before the first line of all when @p first. */
static void print_synopsis(const cli_command_t *command, FILE *f, bool first)
{
    for (size_t i = 0; command->synopsis && command->synopsis[i]; i++)
        fprintf(f, "%s pacta %s %s\n", first && i == 0 ? "Usage:" : "      ", command->name,
                command->synopsis[i]);
}

const char *cli_group_heading(const cli_command_t *command, size_t g)
{
    for (size_t k = g + 1; k-- > 0;)
        if (command->groups[k]->title != NULL)
            return command->groups[k]->title;
    return "Options";
}

/* "-f, --format FORMAT" into buf. */
static void option_label(const cli_option_t *o, char *buf, size_t size)
{
    snprintf(buf, size, "%s%c%s--%s%s%s", o->short_name ? "-" : "    ",
             o->short_name ? o->short_name : ' ', o->short_name ? ", " : "", o->name,
             o->arg ? " " : "", o->arg ? o->arg : "");
    if (!o->short_name)
        memmove(buf, buf + 1, strlen(buf)); /* "    " + ' ' became five columns */
}

void cli_command_usage(const cli_command_t *command, FILE *f)
{
    print_synopsis(command, f, true);
    for (size_t i = 0; command->actions && command->actions[i]; i++)
        print_synopsis(command->actions[i], f, i == 0 && command->synopsis == NULL);
    if (command->description) {
        fputc('\n', f);
        wrap(f, command->description, 0, 0);
    }
    const cli_command_t *parts[16] = {command};
    size_t n_parts = 1;
    for (size_t i = 0; command->actions && command->actions[i] && n_parts < 16; i++)
        parts[n_parts++] = command->actions[i];
    for (size_t k = 0; k < n_parts; k++) {
        const cli_command_t *c = parts[k];
        if (k > 0) {
            fprintf(f, "\n%s: ", c->name);
            wrap(f, c->summary, strlen(c->name) + 2, 0);
        }
        const char *heading = NULL;
        for (size_t g = 0; c->groups && c->groups[g]; g++) {
            const cli_group_t *group = c->groups[g];
            bool any = false;
            for (const cli_option_t *o = group->options; o->name; o++)
                any |= o->deprecated == NULL && o->help != NULL;
            if (!any)
                continue;
            if (heading == NULL || strcmp(heading, cli_group_heading(c, g)) != 0) {
                heading = cli_group_heading(c, g);
                fprintf(f, "\n%s:\n", heading);
            }
            for (const cli_option_t *o = group->options; o->name; o++) {
                if (o->deprecated || o->help == NULL)
                    continue; /* deprecated spellings and aliases are not listed */
                char label[96];
                option_label(o, label, sizeof label);
                fprintf(f, "  %s", label);
                size_t at = 2 + strlen(label);
                if (at + 2 > HELP_COLUMN) {
                    fprintf(f, "\n%*s", HELP_COLUMN, "");
                } else {
                    fprintf(f, "%*s", (int)(HELP_COLUMN - at), "");
                }
                char help[1024];
                cli_expand_help(c, o->help, help, sizeof help);
                wrap(f, help, HELP_COLUMN, HELP_COLUMN);
            }
        }
    }
    fprintf(f, "\n  -h, --help              show this help\n");
    if (command->notes) {
        fputc('\n', f);
        wrap(f, command->notes, 0, 0);
    }
}

int cli_usage_error(const cli_command_t *command, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    fprintf(stderr, "pacta: %s: ", command->name);
    vfprintf(stderr, format, ap);
    fputc('\n', stderr);
    va_end(ap);
    print_synopsis(command, stderr, true);
    fprintf(stderr, "Try 'pacta help %s' for the options.\n", command->name);
    return EXIT_USAGE;
}

int cli_one_scenario(const cli_command_t *command, int argc, int first)
{
    if (first == argc - 1)
        return EXIT_OK;
    return cli_usage_error(command, first == argc ? "no scenario file given"
                                                  : "give exactly one scenario file");
}

/* ---- parsing ------------------------------------------------------------------------------ */

/* The action beside @p command (durability fit beside durability predict) that has the
 * option @p name, or NULL. */
static const cli_command_t *sibling_with_option(const cli_command_t *command, const char *name)
{
    for (size_t i = 0; cli_commands[i]; i++) {
        const cli_command_t *const *actions = cli_commands[i]->actions;
        bool mine = false;
        for (size_t a = 0; actions && actions[a]; a++)
            mine |= actions[a] == command;
        for (size_t a = 0; mine && actions[a]; a++) {
            option_iter_t it = {actions[a], 0, 0};
            for (const cli_option_t *o; actions[a] != command && (o = next_option(&it));)
                if (strcmp(o->name, name) == 0)
                    return actions[a];
        }
    }
    return NULL;
}

/* An unknown or malformed option: say which, with the nearest option name when there is a
 * plausible one. */
static void unknown_option(const cli_command_t *command, const char *arg)
{
    const char *names[MAX_OPTIONS + 1];
    size_t n = 0;
    option_iter_t it = {command, 0, 0};
    for (const cli_option_t *o; (o = next_option(&it)) != NULL && n < MAX_OPTIONS;)
        if (o->deprecated == NULL)
            names[n++] = o->name;
    names[n] = NULL;
    const char *word = arg;
    while (*word == '-')
        word++;
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)strcspn(word, "="), word);
    const char *near = arg[0] == '-' && arg[1] == '-' ? pacta_suggest(name, names) : NULL;
    const cli_command_t *owner = sibling_with_option(command, name);
    if (owner != NULL)
        cli_usage_error(command, "the option '%s' belongs to another action: pacta %s", arg,
                        owner->name);
    else if (near)
        cli_usage_error(command, "unknown option '%s'; did you mean '--%s'?", arg, near);
    else
        cli_usage_error(command, "unknown option '%s'", arg);
}

int cli_parse(const cli_command_t *command, int argc, char **argv, cli_common_t *common,
              cli_option_fn handle, void *context, int *first_operand)
{
    struct option longs[MAX_OPTIONS + 1];
    char shorts[2 * MAX_OPTIONS + 2];
    size_t n = 0, s = 0;
    shorts[s++] = ':'; /* report a missing argument as ':' so the message can name it */
    option_iter_t it = {command, 0, 0};
    for (const cli_option_t *o; (o = next_option(&it)) != NULL && n < MAX_OPTIONS;) {
        longs[n++] =
            (struct option){o->name, o->arg ? required_argument : no_argument, NULL, o->id};
        if (o->short_name) {
            shorts[s++] = o->short_name;
            if (o->arg)
                shorts[s++] = ':';
        }
    }
    longs[n] = (struct option){NULL, 0, NULL, 0};
    shorts[s] = '\0';

    cli_reset_getopt();
    opterr = 0; /* the messages below name the command and suggest a fix */
    int c, code = EXIT_OK;
    while (code == EXIT_OK && (c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        char *arg = optarg;
        if (c == '?') {
            char letter[3] = {'-', (char)optopt, '\0'};
            unknown_option(command, optopt > 0 && optopt < 128 ? letter : argv[optind - 1]);
            return EXIT_USAGE;
        }
        if (c == ':')
            return cli_usage_error(command, "option '%s' needs an argument", argv[optind - 1]);
        /* A short option returns its letter: map it to the option's id. */
        const cli_option_t *o = NULL;
        it = (option_iter_t){command, 0, 0};
        while ((o = next_option(&it)) != NULL && o->id != c && o->short_name != c)
            ;
        if (o == NULL)
            return cli_usage_error(command, "unexpected option");
        if (o->deprecated)
            cli_error("warning: --%s is deprecated: %s", o->name, o->deprecated);
        if (o->id == CLI_OPT_HELP) {
            cli_command_usage(command, stdout);
            return CLI_HELP_SHOWN;
        }
        code = handle ? handle(context, o->id, arg) : CLI_NOT_MINE;
        if (code == CLI_NOT_MINE && o->id > CLI_OPT_HELP && common != NULL)
            code = cli_common_option(common, command, o->id, arg);
        if (code == CLI_NOT_MINE) {
            cli_error("internal error: --%s has no handler", o->name);
            code = EXIT_FAILURE_;
        }
    }
    if (code != EXIT_OK)
        return code;
    *first_operand = optind;
    return EXIT_OK;
}
