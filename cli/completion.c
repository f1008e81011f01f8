/* Shell completion scripts from the command table: `pacta completion bash|zsh`. The build
 * writes both into the build tree and cmake --install puts them where bash-completion and
 * zsh look (share/bash-completion/completions/pacta, share/zsh/site-functions/_pacta). */
#include <string.h>

#include "cli.h"
#include "command.h"

/* The words a completion of kind @p kind offers, space-separated, into buf ("" for files,
 * directories and free text). */
static void choice_words(const cli_command_t *command, cli_complete kind,
                         const char *const *choices, char *buf, size_t size)
{
    const char *words[64];
    size_t n = 0;
    switch (kind) {
    case CLI_COMPLETE_CHOICES:
        for (; choices && choices[n] && n < 63; n++)
            words[n] = choices[n];
        break;
    case CLI_COMPLETE_MODELS:
        for (; n < pacta_model_count() && n < 62; n++)
            words[n] = pacta_model_name(pacta_model_at(n));
        words[n++] = "all";
        break;
    case CLI_COMPLETE_FORMATS: {
        pacta_format formats[PACTA_FORMAT_COUNT];
        size_t k = pacta_format_list_written(command->output, formats, PACTA_FORMAT_COUNT);
        for (; n < k; n++)
            words[n] = pacta_format_name(formats[n]);
        break;
    }
    case CLI_COMPLETE_COMMANDS:
        for (; cli_commands[n] && n < 63; n++)
            words[n] = cli_commands[n]->name;
        break;
    default:
        break;
    }
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        int w = snprintf(buf + used, size - used, "%s%s", i ? " " : "", words[i]);
        used += w > 0 ? (size_t)w : 0;
    }
}

/* Every option of a leaf command (one without actions), --help included. */
typedef void (*option_visit_fn)(FILE *f, const cli_command_t *command, const cli_option_t *o);

static const cli_option_t help_option = {CLI_OPT_HELP,      "help", 'h', NULL, "show the help",
                                         CLI_COMPLETE_NONE, NULL,   NULL};

static void each_option(FILE *f, const cli_command_t *command, option_visit_fn visit)
{
    for (size_t g = 0; command->groups && command->groups[g]; g++)
        for (const cli_option_t *o = command->groups[g]->options; o->name; o++)
            if (o->deprecated == NULL)
                visit(f, command, o);
    visit(f, command, &help_option);
}

/* ---- bash --------------------------------------------------------------------------------- */

static void bash_option_word(FILE *f, const cli_command_t *command, const cli_option_t *o)
{
    (void)command;
    fprintf(f, " --%s", o->name);
    if (o->short_name)
        fprintf(f, " -%c", o->short_name);
}

static void bash_option_argument(FILE *f, const cli_command_t *command, const cli_option_t *o)
{
    if (o->arg == NULL)
        return;
    fprintf(f, "        --%s", o->name);
    if (o->short_name)
        fprintf(f, "|-%c", o->short_name);
    char words[1024];
    switch (o->complete) {
    case CLI_COMPLETE_FILE:
        fputs(") _pacta_files; return ;;\n", f);
        break;
    case CLI_COMPLETE_DIR:
        fputs(") _pacta_dirs; return ;;\n", f);
        break;
    case CLI_COMPLETE_NONE:
        fputs(") return ;;\n", f);
        break;
    default:
        choice_words(command, o->complete, o->choices, words, sizeof words);
        fprintf(f, ") _pacta_words \"%s\"; return ;;\n", words);
        break;
    }
}

/* The completion of one leaf command, as a shell function _pacta_NAME. */
static void bash_leaf(FILE *f, const cli_command_t *command)
{
    fputs("_pacta_", f);
    for (const char *p = command->name; *p; p++)
        fputc(*p == ' ' || *p == '-' ? '_' : *p, f);
    fputs("() {\n    case $prev in\n", f);
    each_option(f, command, bash_option_argument);
    fputs("    esac\n    if [[ $cur == -* ]]; then\n        _pacta_words \"", f);
    each_option(f, command, bash_option_word);
    fputs("\"\n        return\n    fi\n", f);
    char words[1024];
    switch (command->operands) {
    case CLI_COMPLETE_FILE:
        fputs("    _pacta_files\n", f);
        break;
    case CLI_COMPLETE_DIR:
        fputs("    _pacta_dirs\n", f);
        break;
    case CLI_COMPLETE_NONE:
        fputs("    :\n", f);
        break;
    default:
        choice_words(command, command->operands, command->operand_choices, words, sizeof words);
        fprintf(f, "    _pacta_words \"%s\"\n", words);
        break;
    }
    fputs("}\n\n", f);
}

static void write_bash(FILE *f)
{
    fprintf(f,
            "# bash completion for pacta %s, written by 'pacta completion bash' from the\n"
            "# command table; do not edit. Install as\n"
            "# share/bash-completion/completions/pacta, or eval \"$(pacta completion bash)\".\n\n",
            pacta_version());
    fputs("_pacta_words() { mapfile -t COMPREPLY < <(compgen -W \"$1\" -- \"$cur\"); }\n"
          "_pacta_files() {\n"
          "    compopt -o filenames 2>/dev/null\n"
          "    mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n"
          "}\n"
          "_pacta_dirs() {\n"
          "    compopt -o filenames 2>/dev/null\n"
          "    mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")\n"
          "}\n\n",
          f);
    for (size_t i = 0; cli_commands[i]; i++) {
        const cli_command_t *c = cli_commands[i];
        if (c->actions == NULL)
            bash_leaf(f, c);
        for (size_t a = 0; c->actions && c->actions[a]; a++)
            bash_leaf(f, c->actions[a]);
    }
    fputs("_pacta() {\n"
          "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
          "    local command=\"\" action=\"\" i\n"
          "    COMPREPLY=()\n"
          "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
          "        case ${COMP_WORDS[i]} in\n"
          "        -*) ;;\n"
          "        *) if [[ -z $command ]]; then command=${COMP_WORDS[i]}; "
          "elif [[ -z $action ]]; then action=${COMP_WORDS[i]}; fi ;;\n"
          "        esac\n"
          "    done\n"
          "    case $command in\n"
          "    \"\") _pacta_words \"",
          f);
    for (size_t i = 0; cli_commands[i]; i++)
        fprintf(f, "%s ", cli_commands[i]->name);
    fputs("--help --version\" ;;\n", f);
    for (size_t i = 0; cli_commands[i]; i++) {
        const cli_command_t *c = cli_commands[i];
        if (c->actions == NULL) {
            fprintf(f, "    %s) _pacta_%s ;;\n", c->name, c->name);
            continue;
        }
        /* An action is the first word after the command; the options come after it. */
        fprintf(f, "    %s)\n        case $action in\n", c->name);
        const char *names[16];
        size_t n = 0, skip = strlen(c->name) + 1;
        for (size_t a = 0; c->actions[a] && n < 15; a++) {
            names[n++] = c->actions[a]->name + skip;
            fprintf(f, "        %s) _pacta_%s_%s ;;\n", c->actions[a]->name + skip, c->name,
                    c->actions[a]->name + skip);
        }
        fprintf(f, "        *) _pacta_words \"");
        for (size_t a = 0; a < n; a++)
            fprintf(f, "%s%s", a ? " " : "", names[a]);
        fputs(" --help\" ;;\n        esac ;;\n", f);
    }
    fputs("    esac\n}\ncomplete -F _pacta pacta\n", f);
}

/* ---- zsh ---------------------------------------------------------------------------------- */

/* A description for zsh's menus: the help's first clause, with the characters _arguments
 * gives meaning to escaped and single quotes made safe. */
static void zsh_description(FILE *f, const cli_command_t *command, const char *help)
{
    char text[1024];
    cli_expand_help(command, help, text, sizeof text);
    size_t n = strcspn(text, ";(\n");
    if (n > 70)
        n = 70;
    while (n > 0 && text[n - 1] == ' ')
        n--;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (c == '\'')
            fputs("'\\''", f);
        else if (c == '[' || c == ']' || c == ':' || c == '\\')
            fprintf(f, "\\%c", c);
        else
            fputc(c, f);
    }
}

static void zsh_action(FILE *f, const cli_command_t *command, cli_complete kind,
                       const char *const *choices)
{
    char words[1024];
    switch (kind) {
    case CLI_COMPLETE_FILE:
        fputs("_files", f);
        break;
    case CLI_COMPLETE_DIR:
        fputs("_files -/", f);
        break;
    case CLI_COMPLETE_NONE:
        fputs(" ", f);
        break;
    default:
        choice_words(command, kind, choices, words, sizeof words);
        fprintf(f, "(%s)", words);
        break;
    }
}

static void zsh_spec(FILE *f, const cli_command_t *command, const cli_option_t *o, const char *form)
{
    fprintf(f, "    '*%s%s[", form, o->arg ? (form[1] == '-' ? "=" : "+") : "");
    zsh_description(f, command, o->help);
    fputc(']', f);
    if (o->arg) {
        fputc(':', f);
        for (const char *p = o->arg; *p; p++)
            fputc(*p == ':' ? '_' : *p, f);
        fputc(':', f);
        zsh_action(f, command, o->complete, o->choices);
    }
    fputs("' \\\n", f);
}

static void zsh_option(FILE *f, const cli_command_t *command, const cli_option_t *o)
{
    char form[64];
    snprintf(form, sizeof form, "--%s", o->name);
    zsh_spec(f, command, o, form);
    if (o->short_name) {
        snprintf(form, sizeof form, "-%c", o->short_name);
        zsh_spec(f, command, o, form);
    }
}

static void zsh_function_name(FILE *f, const char *name)
{
    fputs("_pacta_", f);
    for (const char *p = name; *p; p++)
        fputc(*p == ' ' || *p == '-' ? '_' : *p, f);
}

static void zsh_leaf(FILE *f, const cli_command_t *command)
{
    zsh_function_name(f, command->name);
    fputs("() {\n  _arguments -s \\\n", f);
    each_option(f, command, zsh_option);
    fputs("    '*:operand:", f);
    zsh_action(f, command, command->operands, command->operand_choices);
    fputs("'\n}\n\n", f);
}

static void zsh_describe(FILE *f, const cli_command_t *const *list, size_t skip, const char *what)
{
    fputs("    local -a choices\n    choices=(\n", f);
    for (size_t i = 0; list[i]; i++) {
        fprintf(f, "      '%s:", list[i]->name + skip);
        zsh_description(f, list[i], list[i]->summary);
        fputs("'\n", f);
    }
    fprintf(f, "    )\n    _describe '%s' choices\n", what);
}

static void write_zsh(FILE *f)
{
    fprintf(f,
            "#compdef pacta\n# zsh completion for pacta %s, written by 'pacta completion zsh'"
            " from the\n# command table; do not edit. Install as _pacta in a directory of"
            " $fpath.\n\n",
            pacta_version());
    for (size_t i = 0; cli_commands[i]; i++) {
        const cli_command_t *c = cli_commands[i];
        if (c->actions == NULL)
            zsh_leaf(f, c);
        for (size_t a = 0; c->actions && c->actions[a]; a++)
            zsh_leaf(f, c->actions[a]);
    }
    fputs("_pacta() {\n  if (( CURRENT == 2 )); then\n", f);
    zsh_describe(f, cli_commands, 0, "command");
    fputs("    return\n  fi\n  local command=$words[2]\n  shift words\n  (( CURRENT-- ))\n"
          "  case $command in\n",
          f);
    for (size_t i = 0; cli_commands[i]; i++) {
        const cli_command_t *c = cli_commands[i];
        if (c->actions == NULL) {
            fprintf(f, "  %s) ", c->name);
            zsh_function_name(f, c->name);
            fputs(" ;;\n", f);
            continue;
        }
        size_t skip = strlen(c->name) + 1;
        fprintf(f, "  %s)\n    if (( CURRENT == 2 )); then\n", c->name);
        zsh_describe(f, c->actions, skip, "action");
        fputs("      return\n    fi\n    local action=$words[2]\n    shift words\n"
              "    (( CURRENT-- ))\n    case $action in\n",
              f);
        for (size_t a = 0; c->actions[a]; a++) {
            fprintf(f, "    %s) ", c->actions[a]->name + skip);
            zsh_function_name(f, c->actions[a]->name);
            fputs(" ;;\n", f);
        }
        fputs("    esac ;;\n", f);
    }
    fputs("  esac\n}\n\n_pacta \"$@\"\n", f);
}

bool cli_write_completion(const char *shell, FILE *f)
{
    if (strcmp(shell, "bash") == 0)
        write_bash(f);
    else if (strcmp(shell, "zsh") == 0)
        write_zsh(f);
    else
        return false;
    return true;
}
