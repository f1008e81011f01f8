/* pacta alliance FILE: burden sharing in an alliance against the 2 % / 3.5 % / 5 % targets,
 * and the Olson–Zeckhauser free-riding test, as tables, JSON, CSV or pictures. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void usage_alliance(FILE *f)
{
    fputs("Usage: pacta alliance FILE [options]\n"
          "\n"
          "Burden sharing in an alliance (docs/alliance.md): each member's defence spending in\n"
          "% of GDP against the 2 % Wales pledge and the Hague 3.5 % core / 5 % total targets\n"
          "for 2035, fair shares, the yearly increase needed to reach 3.5 % by 2035 and whether\n"
          "the recent trend meets it, totals for the United States and for the European allies\n"
          "and Canada, and the Olson-Zeckhauser test (Spearman's rho of GDP and burden) for\n"
          "every year, with and without the United States.\n"
          "\n"
          "FILE is an alliance table (.csv, with an optional .yaml sidecar beside it), e.g.\n"
          "data/nato-2014-2025.csv.\n"
          "\n"
          "Options:\n"
          "  --year Y              the year to analyse (default: the latest in the table)\n"
          "  --edition E           use the rows of edition E only (default: for each member and\n"
          "                        year the row of the newest edition)\n"
          "  --target 2|3.5|5      the target the money gap is about (default 3.5)\n"
          "  --trend-years N       years in the recent trend, ending at the year (default 5)\n"
          "  --format F            text (default), json, csv, svg or png\n"
          "  --plot P              with --format svg|png: burden-gdp (default), trend or\n"
          "                        free-riding\n"
          "  --plots DIR           also write all three pictures as SVG and PNG into DIR\n"
          "  -o, --output FILE     write to FILE instead of standard output (needed for svg, png)\n"
          "  -h, --help            show this help\n"
          "\n"
          "Exit status: 0 ok, 2 usage, 3 bad data file, 5 I/O.\n",
          f);
}

enum { OPT_YEAR = 256, OPT_EDITION, OPT_TARGET, OPT_TREND, OPT_FORMAT, OPT_PLOT, OPT_PLOTS };

static const struct option long_options[] = {
    {"year", required_argument, NULL, OPT_YEAR},
    {"edition", required_argument, NULL, OPT_EDITION},
    {"target", required_argument, NULL, OPT_TARGET},
    {"trend-years", required_argument, NULL, OPT_TREND},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"plot", required_argument, NULL, OPT_PLOT},
    {"plots", required_argument, NULL, OPT_PLOTS},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* ---- text tables --------------------------------------------------------------------------- */

/* A number with fixed decimals, or "n/a". */
static const char *fmt(char *buf, size_t size, double v, int decimals)
{
    if (isnan(v))
        snprintf(buf, size, "n/a");
    else
        snprintf(buf, size, "%.*f", decimals, v);
    return buf;
}

/* Money in million US$ as US$ billion with a thousands separator in the integer part. */
static const char *bn(char *buf, size_t size, double musd)
{
    if (isnan(musd)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    double v = musd / 1000.0;
    if (v >= 1000)
        snprintf(buf, size, "%.0f,%05.1f", floor(v / 1000), fmod(v, 1000));
    else
        snprintf(buf, size, "%.1f", v);
    return buf;
}

/* Member names are padded by display width: UTF-8 continuation bytes take no column. */
static void print_name(FILE *f, const char *s, int width)
{
    int cols = 0;
    for (const char *p = s; *p; p++)
        if (((unsigned char)*p & 0xC0) != 0x80)
            cols++;
    fputs(s, f);
    for (; cols < width; cols++)
        fputc(' ', f);
}

static int compare_need(const void *a, const void *b)
{
    const pacta_alliance_member_t *p = *(const pacta_alliance_member_t *const *)a;
    const pacta_alliance_member_t *q = *(const pacta_alliance_member_t *const *)b;
    double x = isnan(p->path_per_year) ? -1 : p->path_per_year;
    double y = isnan(q->path_per_year) ? -1 : q->path_per_year;
    if (x != y)
        return x > y ? -1 : 1;
    return p->rank - q->rank;
}

static int compare_fair(const void *a, const void *b)
{
    const pacta_alliance_member_t *p = *(const pacta_alliance_member_t *const *)a;
    const pacta_alliance_member_t *q = *(const pacta_alliance_member_t *const *)b;
    double x = isnan(p->fair_share) ? -1 : p->fair_share;
    double y = isnan(q->fair_share) ? -1 : q->fair_share;
    if (x != y)
        return x > y ? -1 : 1;
    return p->rank - q->rank;
}

static void print_text(FILE *f, const pacta_alliance_result_t *res,
                       const pacta_alliance_data_t *data)
{
    char a[32], b[32], c[32], d[32], e[32], g[32];
    const char *tname[] = {"2", "3.5", "5"};
    int ti = res->target_index;
    fprintf(f, "%s\n", data->title[0] ? data->title : data->path);
    fprintf(f, "Year %d; rows: %s; money gap to the %s %% target; path: %.1f %% by %d.\n\n",
            res->year,
            res->edition[0] ? res->edition : "the newest edition for each member",
            tname[ti], res->path_target, res->path_end);

    /* 1. Ranking and gaps. */
    fprintf(f, "Defence burden and gaps to the targets, %d (%% of GDP; e = NATO estimate)\n",
            res->year);
    fprintf(f, "rank  member            code  burden  basis          edition    gap 2  gap 3.5  "
               "gap 5  gap %s, US$ bn\n",
            tname[ti]);
    for (size_t i = 0; i < res->n_members; i++) {
        const pacta_alliance_member_t *m = &res->members[i];
        if (m->rank)
            fprintf(f, "%4d  ", m->rank);
        else
            fputs("   -  ", f);
        print_name(f, m->row->member, 18);
        fprintf(f, "%-4s  %6s%s %-14s %-9s %6s  %7s  %5s  %s\n", m->row->code,
                fmt(a, sizeof a, m->burden, 2), m->row->estimate && !isnan(m->burden) ? "e" : " ",
                pacta_alliance_basis_name(m->basis), m->row->edition,
                fmt(b, sizeof b, m->gap_points[0], 2), fmt(c, sizeof c, m->gap_points[1], 2),
                fmt(d, sizeof d, m->gap_points[2], 2), bn(e, sizeof e, m->gap_money[ti]));
    }
    if (res->n_not_member > 0)
        fprintf(f, "(%zu row%s for members that had not yet joined in %d left out)\n",
                res->n_not_member, res->n_not_member == 1 ? "" : "s", res->year);

    /* 2. Totals. */
    fprintf(f, "\nTotals, %d\n", res->year);
    fprintf(f, "group                        members  >=2  >=3.5  >=5  mean burden  "
               "with money  defence US$ bn   GDP US$ bn  burden\n");
    for (int k = 0; k < 3; k++) {
        const pacta_alliance_group_t *grp = &res->groups[k];
        fprintf(f, "%-27s  %7zu  %3zu  %5zu  %3zu  %11s  %10zu  %14s  %11s  %6s\n", grp->name,
                grp->n_members, grp->at_target[0], grp->at_target[1], grp->at_target[2],
                fmt(a, sizeof a, grp->mean_burden, 2), grp->n_money,
                bn(b, sizeof b, grp->defence), bn(c, sizeof c, grp->gdp),
                fmt(d, sizeof d, grp->burden, 2));
    }

    /* 3. Fair shares, when any member has money figures. */
    const pacta_alliance_member_t **order =
        malloc((res->n_members ? res->n_members : 1) * sizeof *order);
    if (order == NULL)
        return;
    size_t with_money = 0;
    for (size_t i = 0; i < res->n_members; i++)
        if (!isnan(res->members[i].fair_share))
            order[with_money++] = &res->members[i];
    if (with_money > 0) {
        qsort(order, with_money, sizeof *order, compare_fair);
        fprintf(f, "\nFair shares, %d: share of the members' defence spending against share "
                   "of their GDP\n(over the %zu members with money figures; ratio > 1 carries "
                   "more than its economic weight; * derived)\n",
                res->year, with_money);
        fprintf(f, "member            defence US$ bn    GDP US$ bn  spending %%  GDP %%  "
                   "fair-share ratio\n");
        for (size_t i = 0; i < with_money; i++) {
            const pacta_alliance_member_t *m = order[i];
            print_name(f, m->row->member, 18);
            fprintf(f, "%13s%s  %12s%s  %10s  %5s  %16s\n", bn(a, sizeof a, m->defence),
                    m->defence_derived ? "*" : " ", bn(b, sizeof b, m->gdp),
                    m->gdp_derived ? "*" : " ", fmt(c, sizeof c, 100 * m->spending_share, 2),
                    fmt(d, sizeof d, 100 * m->gdp_share, 2), fmt(e, sizeof e, m->fair_share, 2));
        }
    }

    /* 4. The path to the Hague target. */
    size_t n = 0;
    for (size_t i = 0; i < res->n_members; i++)
        if (!isnan(res->members[i].burden))
            order[n++] = &res->members[i];
    qsort(order, n, sizeof *order, compare_need);
    fprintf(f, "\nPath to %.1f %% by %d: increase needed each year on a straight line, against "
               "the trend of the last %d years\n",
            res->path_target, res->path_end, res->trend_years);
    fprintf(f, "member            burden  needed/yr  trend/yr  years  on path\n");
    for (size_t i = 0; i < n; i++) {
        const pacta_alliance_member_t *m = order[i];
        print_name(f, m->row->member, 18);
        fprintf(f, "%6s  %9s  %8s  %5d  %s\n", fmt(a, sizeof a, m->burden, 2),
                fmt(b, sizeof b, m->path_per_year, 3), fmt(c, sizeof c, m->trend_per_year, 3),
                m->trend_points,
                m->meets_path < 0   ? "unknown"
                : m->burden >= res->path_target ? "yes (there)"
                : m->meets_path     ? "yes"
                                    : "no");
    }
    free(order);

    /* 5. The free-riding test. */
    fprintf(f, "\nFree-riding test (Olson & Zeckhauser 1966): Spearman's rho between GDP and "
               "burden\n(rho > 0: larger members carry more; p one-sided for rho > 0; method "
               "and ties in docs/alliance.md)\n");
    fprintf(f, "year  members  with GDP    rho  p (>0)  p (2-sided)  method             |  "
               "without US: n    rho  p (>0)\n");
    for (size_t i = 0; i < res->n_oz; i++) {
        const pacta_alliance_oz_t *oz = &res->oz[i];
        fprintf(f, "%4d  %7zu  %8zu  %5s  %6s  %11s  %-17s  |  %13zu  %5s  %6s\n", oz->year,
                oz->n_members, oz->all.n, fmt(a, sizeof a, oz->all.rho, 2),
                fmt(b, sizeof b, oz->all.p_greater, 3), fmt(c, sizeof c, oz->all.p_two_sided, 3),
                isnan(oz->all.rho) ? "too few with GDP" : oz->all.method,
                oz->without_us.n, fmt(d, sizeof d, oz->without_us.rho, 2),
                fmt(g, sizeof g, oz->without_us.p_greater, 3));
    }

    fprintf(f, "\nNotes\n");
    fprintf(f, "- burden: published core share if given, else the published defence share, "
               "else 100 x defence / GDP.\n");
    fprintf(f, "- Gaps to 5 %% count core defence only; NATO does not report the 1.5 %% of "
               "defence- and security-related spending.\n");
    fprintf(f, "- Money gaps, fair shares and the free-riding test need GDP; members without "
               "it show n/a.\n");
    for (size_t i = 0; i < data->n_editions; i++) {
        const pacta_alliance_edition_t *ed = &data->editions[i];
        fprintf(f, "- edition %s: %s%s%s\n", ed->id, ed->title[0] ? ed->title : "(no title)",
                ed->published[0] ? ", published " : "", ed->published);
    }
}

/* ---- pictures ------------------------------------------------------------------------------ */

static bool parse_plot(const char *text, pacta_alliance_plot_kind *out)
{
    for (int k = 0; k < 3; k++)
        if (strcmp(text, pacta_alliance_plot_name((pacta_alliance_plot_kind)k)) == 0) {
            *out = (pacta_alliance_plot_kind)k;
            return true;
        }
    cli_error("--plot: '%s' is not burden-gdp, trend or free-riding", text);
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
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        cli_error("--plots: '%s' is not a directory", dir);
        return EXIT_IO;
    }
    int worst = EXIT_OK;
    for (int k = 0; k < 3; k++) {
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

int cmd_alliance(int argc, char **argv)
{
    pacta_alliance_options_t options;
    pacta_alliance_options_default(&options);
    const char *format = "text", *output = NULL, *plots = NULL;
    pacta_alliance_plot_kind plot = PACTA_ALLIANCE_PLOT_BURDEN_GDP;
    long v;
    cli_reset_getopt();
    int c;
    while ((c = getopt_long(argc, argv, "ho:", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_YEAR:
            if (!cli_parse_long("--year", optarg, 1900, 2100, &v))
                return EXIT_USAGE;
            options.year = (int)v;
            break;
        case OPT_EDITION:
            options.edition = optarg;
            break;
        case OPT_TARGET:
            if (strcmp(optarg, "2") == 0)
                options.target = 2;
            else if (strcmp(optarg, "3.5") == 0)
                options.target = 3.5;
            else if (strcmp(optarg, "5") == 0)
                options.target = 5;
            else {
                cli_error("--target: '%s' must be 2, 3.5 or 5", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_TREND:
            if (!cli_parse_long("--trend-years", optarg, 2, 50, &v))
                return EXIT_USAGE;
            options.trend_years = (int)v;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") != 0 && strcmp(optarg, "json") != 0 &&
                strcmp(optarg, "csv") != 0 && strcmp(optarg, "svg") != 0 &&
                strcmp(optarg, "png") != 0) {
                cli_error("--format: '%s' must be text, json, csv, svg or png", optarg);
                return EXIT_USAGE;
            }
            format = optarg;
            break;
        case OPT_PLOT:
            if (!parse_plot(optarg, &plot))
                return EXIT_USAGE;
            break;
        case OPT_PLOTS:
            plots = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            usage_alliance(stdout);
            return EXIT_OK;
        default:
            usage_alliance(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        cli_error(optind == argc ? "alliance: no data file given"
                                 : "alliance: give exactly one data file");
        usage_alliance(stderr);
        return EXIT_USAGE;
    }
    bool picture = strcmp(format, "svg") == 0 || strcmp(format, "png") == 0;
    if (picture && (output == NULL || strcmp(output, "-") == 0)) {
        cli_error("--format %s: give the picture's file with -o FILE", format);
        return EXIT_USAGE;
    }
    const char *path = argv[optind];
    pacta_diag_t *diag = NULL;
    pacta_alliance_data_t *data = NULL;
    pacta_alliance_result_t *res = NULL;
    int code = EXIT_OK;
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
    st = pacta_alliance_analyse(&res, data, &options, diag);
    if (st != PACTA_OK) {
        cli_print_diagnostics(diag);
        code = cli_exit_code(st);
        goto cleanup;
    }
    /* Notes (e.g. members without GDP) are for people: only with text output. */
    if (strcmp(format, "text") == 0)
        cli_print_diagnostics(diag);
    if (picture) {
        code = write_plot(res, data, plot,
                          strcmp(format, "svg") == 0 ? PACTA_ALLIANCE_PLOT_SVG
                                                     : PACTA_ALLIANCE_PLOT_PNG,
                          output);
    } else {
        cli_output_t out;
        if (!cli_output_open(&out, output)) {
            code = EXIT_IO;
            goto cleanup;
        }
        if (strcmp(format, "json") == 0)
            st = pacta_alliance_write_json(out.stream, res, data);
        else if (strcmp(format, "csv") == 0)
            st = pacta_alliance_write_csv(out.stream, res);
        else
            print_text(out.stream, res, data);
        code = cli_output_finish(&out, st);
    }
    if (code == EXIT_OK && plots != NULL)
        code = write_all_plots(res, data, plots);
cleanup:
    pacta_alliance_result_destroy(res);
    pacta_alliance_data_destroy(data);
    pacta_diag_destroy(diag);
    return code;
}
