/* pacta init [FILE]: write a commented scenario skeleton that passes pacta check.
 *
 * The skeleton is presentation, so it lives here and is generated rather than copied: the
 * numbers of actors and issues fill in numbered placeholders, and the provision and
 * durability keys with their meanings come from the library's own vocabularies
 * (pacta_provision_specs, pacta_durability_fact_specs), so a key added there appears here.
 * Every key the YAML reader knows is written, each with a comment saying what it means and
 * what range it takes (docs/scenario-format.md is the reference). */
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "command.h"

enum { OPT_ACTORS = 256, OPT_ISSUES, OPT_NO_WAR, OPT_FORCE };

/* Bounds of --actors and --issues: two actors make a bargain (and a war's two sides); the
 * upper bounds keep a skeleton something a person edits by hand. */
enum { MIN_ACTORS = 2, MAX_ACTORS = 100, MIN_ISSUES = 1, MAX_ISSUES = 50 };

/* Comments start at this column, or two spaces after a longer line; a comment that would
 * take the line beyond LINE_WIDTH goes on the line above (except beside a commented-out
 * key). */
enum { COMMENT_COLUMN = 40, LINE_WIDTH = 100 };

static const cli_option_t init_options[] = {
    {OPT_ACTORS, "actors", 0, "N", "placeholder actors to write, 2-100 (default 3)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_ISSUES, "issues", 0, "N", "placeholder issues to write, 1-50 (default 2)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_NO_WAR, "no-war", 0, NULL,
     "leave out the war and durability sections (a negotiation that ends no war)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_FORCE, "force", 0, NULL, "replace FILE when it exists (refused otherwise)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t init_group = {"Options", init_options};

static const char *const synopsis[] = {
    "[FILE] [--actors N] [--issues N] [--no-war] [--force] [-o FILE]", NULL};
static const cli_group_t *const groups[] = {&init_group, &cli_group_output_file, NULL};

static int run(const cli_command_t *command, int argc, char **argv);

const cli_command_t cli_command_init = {
    .name = "init",
    .summary = "write a commented scenario skeleton to fill in",
    .synopsis = synopsis,
    .description =
        "Write a scenario skeleton in YAML: sources, issues, actors, coalitions, proposals, a "
        "war and durability facts, with every key the format knows and a comment on each "
        "saying what it means and what range it takes. Names, numbers and sources are "
        "numbered placeholders to replace; as written, the file passes pacta check and runs "
        "through forecast, evaluate and simulate.\n\n"
        "The skeleton goes to FILE (or -o FILE), or to standard output when neither is "
        "given. An existing file is replaced only with --force.",
    .groups = groups,
    .notes = "docs/scenario-format.md describes every key; its section \"Choosing the "
             "numbers\" says how to choose capabilities, saliences and the war's numbers, "
             "with sources.",
    .operands = CLI_COMPLETE_FILE,
    .output = PACTA_DOCUMENT_SCENARIO,
    .run = run,
};

typedef struct init_args {
    cli_common_t common;
    long actors, issues;
    bool war, force;
} init_args_t;

static int on_option(void *context, int id, char *arg)
{
    init_args_t *a = context;
    switch (id) {
    case OPT_ACTORS:
        return cli_parse_long("--actors", arg, MIN_ACTORS, MAX_ACTORS, &a->actors) ? EXIT_OK
                                                                                   : EXIT_USAGE;
    case OPT_ISSUES:
        return cli_parse_long("--issues", arg, MIN_ISSUES, MAX_ISSUES, &a->issues) ? EXIT_OK
                                                                                   : EXIT_USAGE;
    case OPT_NO_WAR:
        a->war = false;
        return EXIT_OK;
    case OPT_FORCE:
        a->force = true;
        return EXIT_OK;
    default:
        return CLI_NOT_MINE;
    }
}

/* ---- writing ------------------------------------------------------------------------------ */

/* @p comment as comment lines at @p indent, wrapped at spaces to LINE_WIDTH. */
static void comment_lines(FILE *f, int indent, const char *comment)
{
    size_t room = (size_t)(LINE_WIDTH - indent - 2);
    const char *rest = comment;
    while (*rest != '\0') {
        size_t n = strlen(rest);
        if (n > room) {
            n = room;
            while (n > 0 && rest[n] != ' ')
                n--;
            if (n == 0)
                n = strcspn(rest, " ");
        }
        fprintf(f, "%*s# %.*s\n", indent, "", (int)n, rest);
        rest += n;
        rest += strspn(rest, " ");
    }
}

/* One line: the text made from @p format, then "# @p comment" (none when NULL), or the
 * comment on a line of its own above when both would not fit in LINE_WIDTH. */
static void line(FILE *f, const char *comment, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void line(FILE *f, const char *comment, const char *format, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, format);
    vsnprintf(text, sizeof text, format, ap);
    va_end(ap);
    if (comment == NULL) {
        fprintf(f, "%s\n", text);
        return;
    }
    int width = (int)strlen(text), indent = (int)strspn(text, " ");
    int column = width < COMMENT_COLUMN - 1 ? COMMENT_COLUMN : width + 2;
    if (column + 2 + (int)strlen(comment) <= LINE_WIDTH || text[indent] == '#') {
        /* Beside the text; a commented-out key keeps its comment beside it, or the comment
         * would seem to belong to it. Otherwise the comment goes above. */
        fprintf(f, "%s%*s# %s\n", text, column - width, "", comment);
        return;
    }
    comment_lines(f, indent, comment);
    fprintf(f, "%s\n", text);
}

/* A section's heading: a ruled comment line. */
static void heading(FILE *f, const char *title)
{
    char text[128];
    snprintf(text, sizeof text, "# ---- %s ", title);
    fprintf(f, "\n%s", text);
    for (size_t i = strlen(text); i < 92; i++)
        fputc('-', f);
    fputc('\n', f);
}

/* The placeholder numbers. Actor 1 is side A of the war and wants the high end of every
 * issue, actor 2 is side B and wants the low end, the others stand in between; so the war's
 * stake has a side-A end, the forecasts a spread, and the proposals something to judge. */
static long position_of(long actor, long issue, long n_actors)
{
    if (actor == 0)
        return 80 - 5 * (issue % 3);
    if (actor == 1)
        return 15 + 5 * (issue % 3);
    long middle = n_actors == 3 ? 50 : 35 + (30 * (actor - 2)) / (n_actors - 3);
    return middle + 5 * ((actor + issue) % 3 - 1);
}

static long salience_of(long actor, long issue)
{
    if (actor == 0)
        return issue == 0 ? 90 : 60;
    if (actor == 1)
        return issue == 0 ? 80 : 70;
    return 50 + 10 * ((actor + issue) % 4);
}

static long capability_of(long actor)
{
    return actor < 4 ? 40 - 10 * actor : 5;
}

static long status_quo_of(long issue)
{
    return 30 + 10 * (issue % 3);
}

/* Proposal 1 splits the difference between the two sides, to the nearest 5. */
static long midpoint_of(long issue, long n_actors)
{
    long mid = position_of(0, issue, n_actors) + position_of(1, issue, n_actors);
    return 5 * ((mid + 5) / 10);
}

static void write_header(FILE *f, const init_args_t *a)
{
    fprintf(f,
            "# A pacta scenario skeleton with %ld actors and %ld issue%s, written by pacta init.\n"
            "# Every name, number and source in it is a placeholder: replace each with what your\n"
            "# sources say, give each number its source, and delete what you do not need (keys\n"
            "# marked optional). Every number may be plain (40), carry its provenance\n"
            "# ({value: 40, source: S1, note: \"why\"}), or be uncertain ({dist: ...}, as %s\n"
            "# below: simulate draws it afresh in every run).\n"
            "# The format: docs/scenario-format.md; how to choose the numbers: its section\n"
            "# \"Choosing the numbers\". Then: pacta check FILE, pacta forecast FILE,\n"
            "# pacta evaluate FILE, pacta simulate FILE.\n\n",
            a->actors, a->issues, cli_plural((size_t)a->issues),
            a->war ? "war.p" : "actor-1's capability");
    line(f, "the file format's version: must be 1", "format_version: 1");
    line(f, "one line, shown at the top of every report",
         "title: \"Placeholder: who negotiates over what\"");
    line(f, "optional: the date described, YYYY[-MM[-DD]]", "date: 2025-01-01");
    line(f, "optional free text; the block scalar (|) keeps line breaks", "description: |");
    fputs("  Placeholder: what is being negotiated, between whom, as of when, and what is left\n"
          "  out of the model.\n",
          f);
}

static void write_sources(FILE *f, bool war)
{
    heading(f, "sources: what the numbers rest on");
    line(f, "optional; cited by id from the source: of any number", "sources:");
    line(f, "required; letters, digits, _ - . (unique)", "  - id: S1");
    line(f, "required: title or headline",
         "    title: \"Placeholder: where the positions "
         "and saliences come from\"");
    line(f, "optional: outlet, organisation or author", "    publisher: \"Placeholder\"");
    line(f, "optional: publication date, YYYY[-MM[-DD]]", "    date: 2025-01-01");
    line(f, "optional: where it can be read", "    url: https://example.org/replace-me");
    line(f, "optional, e.g. \"secondary: Reuters via reprint\"",
         "    note: \"placeholder: primary or secondary\"");
    line(f, NULL, "  - id: S2");
    line(f, NULL,
         "    title: \"Placeholder: where the capabilities come from (e.g. the Correlates of War "
         "CINC index)\"");
    line(f, NULL, "  - id: S3");
    line(f, NULL, "    title: \"Placeholder: %s\"",
         war ? "estimates of the war's odds and costs" : "the proposals' texts");
}

static void write_issues(FILE *f, const init_args_t *a)
{
    heading(f, "issues: what is bargained over, each a 0-100 scale");
    line(f, "required: at least one", "issues:");
    for (long j = 0; j < a->issues; j++) {
        bool first = j == 0;
        line(f, first ? "required; referenced from actors, proposals and the war" : NULL,
             "  - id: issue-%ld", j + 1);
        line(f, first ? "required: shown in tables" : NULL, "    name: \"Issue %ld\"", j + 1);
        line(f, first ? "optional free text" : NULL,
             "    description: \"Placeholder: what is decided on issue %ld\"", j + 1);
        line(f, first ? "required: the outcome at position 0" : NULL,
             "    low: \"Placeholder: what 0 means\"");
        line(f, first ? "required: the outcome at position 100" : NULL,
             "    high: \"Placeholder: what 100 means\"");
        line(f, first ? "optional: named points, at 0-100 (unique)" : NULL, "    anchors:");
        line(f, NULL, "      - {at: 25, label: \"Placeholder: a named point\", source: S1}");
        line(f, NULL, "      - {at: 60, label: \"Placeholder: another\", note: \"optional note\"}");
        line(f, first ? "optional, 0-100: where it stands without a deal" : NULL,
             "    status_quo: {value: %ld, source: S1, note: \"placeholder\"}", status_quo_of(j));
        if (first) {
            line(f, "optional: the scale in a unit",
                 "    # units: {name: years, at_0: 0, at_100: 10, decimals: 1}");
            line(f, "once decided (pacta backtest)", "    # outcome: {value: 50, source: S1}");
        }
    }
}

static void write_actor(FILE *f, const init_args_t *a, long i)
{
    bool first = i == 0;
    line(f, first ? "required; referenced from the war, coalitions and sponsors" : NULL,
         "  - id: actor-%ld", i + 1);
    line(f, first ? "required: shown in tables" : NULL, "    name: \"Actor %ld\"", i + 1);
    const char *role = !a->war  ? "a party to the negotiation"
                       : i == 0 ? "side A of the war"
                       : i == 1 ? "side B of the war"
                                : "a third party or mediator";
    line(f, first ? "optional free text" : NULL,
         "    description: \"Placeholder: who this is (%s)\"", role);
    const char *capability = "required, >= 0: influence on any scale; only ratios matter";
    if (first && !a->war) /* the one uncertain number, which the war's p is otherwise */
        line(f, capability,
             "    capability: {dist: triangular, min: %ld, mode: %ld, max: %ld, source: S2, "
             "note: \"placeholder\"}",
             capability_of(i) - 10, capability_of(i), capability_of(i) + 10);
    else
        line(f, first ? capability : NULL,
             "    capability: {value: %ld, source: S2, note: \"placeholder\"}", capability_of(i));
    line(f, first || i == 2 ? "optional: whether a deal needs its consent (default false)" : NULL,
         "    veto: %s", i < 2 ? "true" : "false");
    if (first) {
        line(f, "optional, 0.1-10 (bdm --set risk=given)", "    # risk: 1");
        line(f, "optional (smp): weights 0-1, sum at most 1",
             "    # ideal_adjustment: {actor-1: 0.9, actor-2: 0.1}");
    }
    line(f, first ? "required: issue id -> stance (none: no part)" : NULL, "    positions:");
    if (first)
        fputs("      # position: where it stands, 0-100; salience: how much the issue matters to "
              "it,\n"
              "      # 0-100 (its share of the actor's attention: 90 a priority, 50 one concern "
              "among several)\n",
              f);
    for (long j = 0; j < a->issues; j++)
        line(f, NULL, "      issue-%ld: {position: %ld, salience: %ld, source: S1%s}", j + 1,
             position_of(i, j, a->actors), salience_of(i, j),
             first && j == 0 ? ", note: \"placeholder: why\"" : "");
}

static void write_actors(FILE *f, const init_args_t *a)
{
    heading(f, "actors: who bargains");
    line(f, "required: at least one", "actors:");
    for (long i = 0; i < a->actors; i++)
        write_actor(f, a, i);
}

static void write_coalitions(FILE *f, const init_args_t *a)
{
    heading(f, "coalitions: groups whose cohesion a deal may test");
    if (a->actors < 3) {
        fputs("# (optional; a coalition needs two members besides the actors bargaining against\n"
              "# them; with more actors, write for example:)\n"
              "# coalitions:\n"
              "#   - {id: coalition-1, name: \"Coalition 1\", members: [actor-2, actor-3]}\n",
              f);
        return;
    }
    line(f, "optional", "coalitions:");
    line(f, "required (unique)", "  - id: coalition-1");
    line(f, "required: shown in tables", "    name: \"Coalition 1\"");
    line(f, "required: at least two actor ids", "    members: [actor-2, actor-3]");
    line(f, "optional", "    source: S1");
    line(f, "optional", "    note: \"placeholder: what holds them together\"");
}

static void write_provisions(FILE *f)
{
    static const char *const present[] = {"ceasefire", "monitoring", "demilitarised_zone", NULL};
    line(f, "optional: omit what the text is silent on", "    provisions:");
    size_t n = 0;
    const pacta_provision_spec_t *specs = pacta_provision_specs(&n);
    for (size_t k = 0; k < n; k++) {
        if (specs[k].type == PACTA_PROVISION_FLAG) {
            bool on = false;
            for (size_t p = 0; present[p]; p++)
                on |= strcmp(present[p], specs[k].key) == 0;
            comment_lines(f, 6, specs[k].help);
            line(f, NULL, "      %s: %s", specs[k].key, on ? "true" : "false");
        } else {
            comment_lines(f, 6, specs[k].help);
            line(f, NULL, "      %s: %g", specs[k].key, specs[k].min);
        }
    }
}

static void write_proposals(FILE *f, const init_args_t *a)
{
    heading(f, "proposals: concrete deals on the table");
    line(f, "optional", "proposals:");
    line(f, "required (unique)", "  - id: proposal-1");
    line(f, "required: shown in tables", "    name: \"Proposal 1: split the difference\"");
    line(f, "optional: when it was tabled", "    date: 2025-01-01");
    line(f, "optional: an actor id or a list of them", "    sponsor: actor-%ld",
         a->actors >= 3 ? 3L : 1L);
    line(f, "optional: a source id", "    source: S3");
    line(f, "optional free text", "    description: \"Placeholder: what the text says\"");
    line(f, "optional free text", "    note: \"placeholder\"");
    line(f, "required: issue id -> 0-100 (none: left open)", "    positions:");
    for (long j = 0; j < a->issues; j++) {
        if (j == 0)
            line(f, NULL,
                 "      issue-1: {value: %ld, source: S3, note: \"placeholder: which "
                 "clause\"}",
                 midpoint_of(j, a->actors));
        else
            line(f, NULL, "      issue-%ld: %ld", j + 1, midpoint_of(j, a->actors));
    }
    write_provisions(f);
    line(f, NULL, "  - id: proposal-2");
    line(f, NULL, "    name: \"Proposal 2: actor 2's offer\"");
    line(f, NULL, "    sponsor: [actor-2]");
    line(f, a->issues > 1 ? "covers issue 1 only: the others stay open" : NULL, "    positions:");
    line(f, NULL, "      issue-1: %ld", position_of(1, 0, a->actors) + 20);
}

static void write_war(FILE *f, const init_args_t *a)
{
    heading(f, "war: the war a deal would end (docs/models.md, \"Settlement analysis\")");
    fputs("# Shares are side A's share of the contested stake, 0-1; costs are shares of the "
          "stake.\n",
          f);
    line(f, "optional", "war:");
    line(f, "required: an actor id or a list", "  side_a: [actor-1]");
    line(f, "required: the other side; the sides share no actor", "  side_b: [actor-2]");
    fputs("  # required, 0-1: P(side A prevails if the war goes on), or 'capability' (from the\n"
          "  # sides' capabilities); uncertain here: simulate draws it, the others use the mode\n",
          f);
    line(
        f, NULL,
        "  p: {dist: triangular, min: 0.5, mode: 0.6, max: 0.7, source: S3, note: \"assumption\"}");
    line(f, "required, 0-1: side A's cost of fighting on, share of the stake",
         "  cost_a: {value: 0.15, source: S3, note: \"assumption\"}");
    line(f, "required, 0-1: side B's cost",
         "  cost_b: {value: 0.2, source: S3, note: "
         "\"assumption\"}");
    line(f, "required: yearly discount factor, in (0, 1)",
         "  discount: {value: 0.9, note: \"assumption\"}");
    line(f, "required: years a deal must hold, 1-100, whole", "  horizon: 10");
    line(f, "optional: the section's source and note", "  source: S3");
    line(f, NULL, "  note: \"placeholder\"");
    line(f, "required: the issues fought over, weight > 0 (default 1)", "  stake:");
    for (long j = 0; j < a->issues; j++)
        line(f, j == 0 ? "favours_a: high or low, the end side A wants" : NULL,
             "    - {issue: issue-%ld, weight: %d%s}", j + 1, j == 0 ? 2 : 1,
             j == 0 ? ", favours_a: high" : "");
    line(f, "optional: how a deal moves the balance of power", "  shifts:");
    line(f, "required (unique)", "    - id: shift-1");
    line(f, "per point from the status quo (or provision:)", "      issue: issue-%ld", a->issues);
    line(f, "required: change in p per point (< 0: toward B)", "      effect: 0.002");
    line(f, "optional, 0-100: years to phase in (0: at once)", "      years: 2");
    line(f, "optional: p (default) or next_cost", "      affects: p");
    line(f, "optional", "      source: S3");
    line(f, "optional", "      note: \"assumption: placeholder\"");
    line(f, "optional: does conceding now embolden side A later?", "  reputation:");
    line(f, "required, 0-1: observers' belief that side B's camp is resolute",
         "    belief: {value: 0.7, note: \"assumption\"}");
    line(f, "required, 0-1: P(concede | resolute), below the next", "    concede_if_resolute: 0.2");
    line(f, "required, 0-1: P(concede | irresolute)", "    concede_if_irresolute: 0.8");
    line(f, "required, 0-1: A's share of a next stake now", "    next_held: 0.5");
    line(f, "required, 0-1: side A's chance in that next war", "    next_p: 0.5");
    line(f, "required, 0-10: that war's cost, share of its stake", "    next_cost: 0.3");
    line(f, "optional", "    source: S3");
    line(f, "optional", "    note: \"assumption\"");
}

static void write_durability(FILE *f)
{
    heading(f, "durability: facts about the war for pacta durability predict");
    line(f, "optional", "durability:");
    size_t n = 0;
    const pacta_provision_spec_t *specs = pacta_durability_fact_specs(&n);
    for (size_t k = 0; k < n; k++) {
        char comment[512];
        if (specs[k].type == PACTA_PROVISION_FLAG) {
            snprintf(comment, sizeof comment, "true or false: %s", specs[k].help);
            comment_lines(f, 2, comment);
            line(f, NULL, "  %s: {value: true, source: S3}", specs[k].key);
        } else {
            snprintf(comment, sizeof comment, "%g-%g%s%s: %s", specs[k].min, specs[k].max,
                     specs[k].unit ? " " : "", specs[k].unit ? specs[k].unit : "", specs[k].help);
            comment_lines(f, 2, comment);
            line(f, NULL, "  %s: {value: %g, note: \"placeholder\"}", specs[k].key,
                 fmin(fmax(specs[k].min, 2.0), specs[k].max));
        }
    }
}

static void write_skeleton(FILE *f, const init_args_t *a)
{
    write_header(f, a);
    write_sources(f, a->war);
    write_issues(f, a);
    write_actors(f, a);
    write_coalitions(f, a);
    write_proposals(f, a);
    if (a->war) {
        write_war(f, a);
        write_durability(f);
    } else {
        heading(f, "war and durability: left out (pacta init --no-war)");
        fputs("# A war: section (sides, p, costs, discount, horizon, stake) lets evaluate judge\n"
              "# deals against continued war; pacta init without --no-war writes one.\n",
              f);
    }
    heading(f, "model_settings: options of the forecast models");
    fputs("# Optional: model name, then options as pacta help MODEL lists them; --profile and\n"
          "# --set on the command line win. For example:\n"
          "# model_settings:\n"
          "#   bdm: {rounds: 10}\n",
          f);
}

/* ---- the command -------------------------------------------------------------------------- */

static int run(const cli_command_t *command, int argc, char **argv)
{
    init_args_t a;
    memset(&a, 0, sizeof a);
    cli_common_init(&a.common);
    a.actors = 3;
    a.issues = 2;
    a.war = true;
    int first, code = cli_parse(command, argc, argv, &a.common, on_option, &a, &first);
    const char *path = a.common.output;
    if (code == EXIT_OK && argc - first > 1)
        code = cli_usage_error(command, "give at most one file to write");
    else if (code == EXIT_OK && argc - first == 1 && path != NULL)
        code = cli_usage_error(command, "give the file to write once: as FILE or as -o FILE");
    else if (code == EXIT_OK && argc - first == 1)
        path = argv[first];
    cli_output_t out;
    if (code == EXIT_OK && !cli_output_open(&out, path))
        code = EXIT_IO;
    else if (code == EXIT_OK) {
        /* Only a file that writing would replace (not standard output, a descriptor or a
         * device, which cli_output_open writes in place) is protected. */
        struct stat st;
        if (out.temp_path != NULL && !a.force && lstat(out.path, &st) == 0) {
            cli_error("init: %s exists; give --force to replace it", out.path);
            cli_output_close(&out, false);
            code = EXIT_USAGE;
        } else {
            write_skeleton(out.stream, &a);
            code = cli_output_close(&out, true) ? EXIT_OK : EXIT_IO;
        }
    }
    cli_common_destroy(&a.common);
    return code == CLI_HELP_SHOWN ? EXIT_OK : code;
}
