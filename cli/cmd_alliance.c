/* pacta alliance FILE: burden sharing in an alliance against the 2 % / 3.5 % / 5 % targets,
 * and the Olson–Zeckhauser free-riding test, as tables, JSON, CSV or pictures. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "command.h"

enum {
    OPT_YEAR = 256,
    OPT_EDITION,
    OPT_TARGET,
    OPT_TREND,
    OPT_TRUST,
    OPT_BOOTSTRAP,
    OPT_SEED,
    OPT_PLOT,
    OPT_PLOTS
};

static const char *const targets[] = {"2", "3.5", "5", NULL};
/* In the order of pacta_alliance_trust. */
static const char *const trusts[] = {"share", "money", NULL};
static const char *const plot_kinds[] = {"burden-gdp", "trend",  "free-riding",
                                         "gaps",       "totals", NULL};

static const cli_option_t alliance_options[] = {
    {OPT_YEAR, "year", 0, "Y", "the year to analyse (default: the latest in the table)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_EDITION, "edition", 0, "E",
     "use the rows of edition E only (default: for each member and year the row of the "
     "newest edition)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_TARGET, "target", 0, "2|3.5|5", "the target the money gap is about (default 3.5)",
     CLI_COMPLETE_CHOICES, targets, NULL},
    {OPT_TREND, "trend-years", 0, "N", "years in the recent trend, ending at the year (default 5)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_TRUST, "trust", 0, "share|money",
     "where the published share and 100 x defence / GDP disagree, the burden is the share "
     "(default) or the money figures' ratio",
     CLI_COMPLETE_CHOICES, trusts, NULL},
    {OPT_BOOTSTRAP, "bootstrap", 0, "B",
     "resamples for the 95 % intervals of Spearman's rho (default 2000; 0: none)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_SEED, "seed", 0, "S", "seed of the bootstrap (default 20250625)", CLI_COMPLETE_NONE, NULL,
     NULL},
    {OPT_PLOT, "plot", 0, "P",
     "with --format svg or png: burden-gdp (default), trend, free-riding, gaps or totals",
     CLI_COMPLETE_CHOICES, plot_kinds, NULL},
    {OPT_PLOTS, "plots", 0, "DIR", "also write all five pictures as SVG and PNG into DIR",
     CLI_COMPLETE_DIR, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t alliance_group = {"Analysis", alliance_options};

static const char *const synopsis[] = {"FILE [options]", NULL};
static const cli_group_t *const groups[] = {&alliance_group, &cli_group_output, NULL};

static int run(const cli_command_t *command, int argc, char **argv);

const cli_command_t cli_command_alliance = {
    .name = "alliance",
    .summary = "alliance burden sharing against the 2 %, 3.5 % and 5 % targets",
    .synopsis = synopsis,
    .description =
        "Burden sharing in an alliance (docs/alliance.md): each member's defence spending in % "
        "of GDP against the 2 % Wales pledge and the Hague 3.5 % core / 5 % total targets for "
        "2035, fair shares, the yearly increase needed to reach 3.5 % by 2035 and whether the "
        "recent trend meets it, totals for the United States and for the European allies and "
        "Canada, and the Olson-Zeckhauser test (Spearman's rho of GDP and burden, p-values as "
        "R's cor.test, a seeded bootstrap interval) and its Sandler-Hartley variant (GDP "
        "against the exploitation index) for every year, for all members and for the European "
        "allies and Canada; each member's share of the alliance's GDP and spending, spending "
        "per capita and per soldier, and the gaps to each target in current and constant 2021 "
        "US$, summed; and the yearly totals (the trend).\n\nFILE is an alliance table (.csv, with "
        "an optional .yaml sidecar beside it), e.g. data/nato-2014-2025.csv. Pictures (svg, "
        "png) need -o FILE.",
    .groups = groups,
    .operands = CLI_COMPLETE_FILE,
    .output = PACTA_DOCUMENT_ALLIANCE,
    .run = run,
};

typedef struct request {
    pacta_alliance_options_t options;
    pacta_alliance_plot_kind plot;
    const char *plots;
} request_t;

static bool parse_plot(const char *text, pacta_alliance_plot_kind *out);

static int on_option(void *context, int id, char *arg)
{
    request_t *r = context;
    long v;
    switch (id) {
    case OPT_YEAR:
        if (!cli_parse_long("--year", arg, 1900, 2100, &v))
            return EXIT_USAGE;
        r->options.year = (int)v;
        return EXIT_OK;
    case OPT_EDITION:
        r->options.edition = arg;
        return EXIT_OK;
    case OPT_TARGET:
        for (int k = 0; targets[k]; k++)
            if (strcmp(arg, targets[k]) == 0) {
                r->options.target = strtod(arg, NULL);
                return EXIT_OK;
            }
        cli_error("--target: '%s' must be 2, 3.5 or 5", arg);
        return EXIT_USAGE;
    case OPT_TREND:
        if (!cli_parse_long("--trend-years", arg, 2, 50, &v))
            return EXIT_USAGE;
        r->options.trend_years = (int)v;
        return EXIT_OK;
    case OPT_TRUST:
        for (int k = 0; trusts[k]; k++)
            if (strcmp(arg, trusts[k]) == 0) {
                r->options.trust = (pacta_alliance_trust)k;
                return EXIT_OK;
            }
        cli_error("--trust: '%s' must be share or money", arg);
        return EXIT_USAGE;
    case OPT_BOOTSTRAP:
        if (!cli_parse_long("--bootstrap", arg, 0, PACTA_ALLIANCE_MAX_BOOTSTRAP, &v))
            return EXIT_USAGE;
        r->options.bootstrap = (size_t)v;
        return EXIT_OK;
    case OPT_SEED:
        if (!cli_parse_long("--seed", arg, 0, 4294967295L, &v))
            return EXIT_USAGE;
        r->options.seed = (unsigned long)v;
        return EXIT_OK;
    case OPT_PLOT:
        return parse_plot(arg, &r->plot) ? EXIT_OK : EXIT_USAGE;
    case OPT_PLOTS:
        r->plots = arg;
        return EXIT_OK;
    default:
        return CLI_NOT_MINE;
    }
}

/* ---- pictures ------------------------------------------------------------------------------ */

static bool parse_plot(const char *text, pacta_alliance_plot_kind *out)
{
    for (int k = 0; k < PACTA_ALLIANCE_N_PLOTS; k++)
        if (strcmp(text, pacta_alliance_plot_name((pacta_alliance_plot_kind)k)) == 0) {
            *out = (pacta_alliance_plot_kind)k;
            return true;
        }
    cli_error("--plot: '%s' is not burden-gdp, trend, free-riding, gaps or totals", text);
    return false;
}

/* Draw into path, safely (cli_output_reserve). */
static int write_plot(const pacta_alliance_result_t *res, const pacta_alliance_data_t *data,
                      pacta_alliance_plot_kind kind, pacta_alliance_plot_format format,
                      const char *path)
{
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK) {
        cli_error("out of memory");
        return EXIT_FAILURE_;
    }
    cli_output_t out;
    int code = EXIT_IO;
    if (cli_output_reserve(&out, path)) {
        pacta_status st = pacta_alliance_plot(res, data, kind, format, cli_output_file(&out), diag);
        cli_print_diagnostics(diag);
        if (st == PACTA_EIO)
            cli_error("%s: cannot write the picture", path);
        code = cli_output_finish(&out, st);
    }
    pacta_diag_destroy(diag);
    return code;
}

static int write_all_plots(const pacta_alliance_result_t *res, const pacta_alliance_data_t *data,
                           const char *dir)
{
    struct stat st;
    /* A folder that does not exist yet is made (one level, as mkdir does): asking for
     * pictures in pictures/ should not fail for want of it. */
    if (stat(dir, &st) != 0 && errno == ENOENT && mkdir(dir, 0777) != 0) {
        cli_error("--plots: cannot make the folder '%s': %s", dir, strerror(errno));
        return EXIT_IO;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        cli_error("--plots: '%s' is not a directory", dir);
        return EXIT_IO;
    }
    int worst = EXIT_OK;
    for (int k = 0; k < PACTA_ALLIANCE_N_PLOTS; k++) {
        for (int fmtk = 0; fmtk < 2; fmtk++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/alliance-%s.%s", dir,
                     pacta_alliance_plot_name((pacta_alliance_plot_kind)k),
                     fmtk == 0 ? "svg" : "png");
            int code = write_plot(res, data, (pacta_alliance_plot_kind)k,
                                  (pacta_alliance_plot_format)fmtk, path);
            if (code == EXIT_BAD_INPUT) {
                cli_error("warning: %s not written", path);
                continue; /* nothing to draw for this year: the others still help */
            }
            if (code != EXIT_OK)
                worst = code;
            else
                fprintf(stderr, "pacta: wrote %s\n", path);
        }
    }
    return worst;
}

/* ---- the command --------------------------------------------------------------------------- */

static int run(const cli_command_t *command, int argc, char **argv)
{
    request_t r = {.plot = PACTA_ALLIANCE_PLOT_BURDEN_GDP};
    pacta_alliance_options_default(&r.options);
    cli_common_t common;
    cli_common_init(&common);
    int first, code = cli_parse(command, argc, argv, &common, on_option, &r, &first);
    const char *output = common.output;
    pacta_format format = cli_common_format(&common, command);
    cli_common_destroy(&common);
    if (code != EXIT_OK)
        return code == CLI_HELP_SHOWN ? EXIT_OK : code;
    if (first != argc - 1)
        return cli_usage_error(command,
                               first == argc ? "no data file given" : "give exactly one data file");
    bool picture = format == PACTA_FORMAT_SVG || format == PACTA_FORMAT_PNG;
    if (picture && (output == NULL || strcmp(output, "-") == 0)) {
        cli_error("--format %s: give the picture's file with -o FILE", pacta_format_name(format));
        return EXIT_USAGE;
    }
    const char *path = argv[first];
    pacta_diag_t *diag = NULL;
    pacta_alliance_data_t *data = NULL;
    pacta_alliance_result_t *res = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK) {
        cli_error("out of memory");
        return EXIT_FAILURE_;
    }
    pacta_status st = pacta_alliance_load(&data, path, diag);
    size_t errors = cli_print_diagnostics(diag);
    pacta_diag_clear(diag);
    if (st != PACTA_OK) {
        if (st == PACTA_EINPUT)
            cli_error("%s: %zu error%s; nothing was done", path, errors, errors == 1 ? "" : "s");
        code = cli_exit_code(st);
        goto cleanup;
    }
    st = pacta_alliance_analyse(&res, data, &r.options, diag);
    if (st != PACTA_OK) {
        cli_print_diagnostics(diag);
        code = cli_exit_code(st);
        goto cleanup;
    }
    /* Notes (e.g. members without GDP) are for people: only with text output. */
    if (format == PACTA_FORMAT_TEXT)
        cli_print_diagnostics(diag);
    if (picture) {
        code = write_plot(
            res, data, r.plot,
            format == PACTA_FORMAT_SVG ? PACTA_ALLIANCE_PLOT_SVG : PACTA_ALLIANCE_PLOT_PNG, output);
    } else {
        cli_output_t out;
        if (!cli_output_open(&out, output)) {
            code = EXIT_IO;
            goto cleanup;
        }
        if (format == PACTA_FORMAT_TEXT)
            cli_print_alliance_text(out.stream, res, data);
        else
            st = pacta_alliance_write(res, data, format, out.stream);
        code = cli_output_finish(&out, st);
    }
    if (code == EXIT_OK && r.plots != NULL)
        code = write_all_plots(res, data, r.plots);
cleanup:
    pacta_alliance_result_destroy(res);
    pacta_alliance_data_destroy(data);
    pacta_diag_destroy(diag);
    return code;
}
