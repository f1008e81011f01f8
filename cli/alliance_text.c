/* The text tables of pacta alliance: rankings and gaps, totals, fair shares, the path to the
 * Hague target and the free-riding test. */
#include <math.h>
#include <stdlib.h>

#include "cli.h"

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

/* The gap table in US$: each member's gap to each target at current and at constant 2021
 * prices (A4), and the sums for the alliance and for the European allies and Canada. */
static void print_gaps(FILE *f, const pacta_alliance_result_t *res)
{
    char v[6][32];
    fprintf(f,
            "\nGaps in money, %d: what each member would have to add to reach each target "
            "(US$ bn; 0.0 = there)\n",
            res->year);
    fprintf(f, "member                   current prices          |    constant 2021 prices\n");
    fprintf(f, "                     to 2 %%  to 3.5 %%    to 5 %%  |  to 2 %%  to 3.5 %%    to "
               "5 %%\n");
    for (size_t i = 0; i < res->n_members; i++) {
        const pacta_alliance_member_t *m = &res->members[i];
        if (isnan(m->gap_money[0]) && isnan(m->gap_money_constant[0]))
            continue;
        print_name(f, m->row->member, 18);
        for (int t = 0; t < 3; t++) {
            bn(v[t], sizeof v[t], m->gap_money[t]);
            bn(v[3 + t], sizeof v[3 + t], m->gap_money_constant[t]);
        }
        fprintf(f, "%8s  %8s  %8s  |  %6s  %8s  %8s\n", v[0], v[1], v[2], v[3], v[4], v[5]);
    }
    for (int k = 0; k < 3; k += 2) {
        const pacta_alliance_group_t *grp = &res->groups[k];
        fprintf(f, "%-18s", k == 0 ? "Sum, all members" : "Sum, Europe+Canada");
        for (int t = 0; t < 3; t++) {
            bn(v[t], sizeof v[t], grp->gap_money[t]);
            bn(v[3 + t], sizeof v[3 + t], grp->gap_money_constant[t]);
        }
        fprintf(f, "%8s  %8s  %8s  |  %6s  %8s  %8s\n", v[0], v[1], v[2], v[3], v[4], v[5]);
    }
}

/* One line of a free-riding table: rho, p-values, interval, method. */
static void print_test(FILE *f, const pacta_alliance_spearman_t *s)
{
    char a[32], b[32], c[32], d[32], e[32];
    fprintf(f, "  %3zu  %5s  %6s  %6s  [%5s, %5s]  %-24s", s->n, fmt(a, sizeof a, s->rho, 2),
            fmt(b, sizeof b, s->p_greater, 3), fmt(c, sizeof c, s->p_two_sided, 3),
            fmt(d, sizeof d, s->ci_low, 2), fmt(e, sizeof e, s->ci_high, 2),
            isnan(s->rho) ? "too few with GDP" : s->method);
}

/* The Olson-Zeckhauser test and the Sandler-Hartley variant for every year, all members and
 * the European allies and Canada (A6-A8, A10, A12). */
static void print_tests(FILE *f, const pacta_alliance_result_t *res)
{
    static const char *const title[2] = {
        "Free-riding test (Olson & Zeckhauser 1966): Spearman's rho between GDP and burden",
        "Sandler-Hartley variant: Spearman's rho between GDP and the exploitation index"};
    for (int v = 0; v < 2; v++) {
        fprintf(f,
                "\n%s\n(rho > 0: larger members carry more; p (>0) one-sided, p (2) two-sided "
                "as R's cor.test; %.0f %% bootstrap interval; docs/alliance.md)\n",
                title[v], 100 * res->level);
        fprintf(f, "year  members  |  all:  n    rho  p (>0)   p (2)  interval        method  "
                   "                  |  Europe+Canada: n    rho  p (>0)   p (2)  interval\n");
        for (size_t i = 0; i < res->n_oz; i++) {
            const pacta_alliance_oz_t *oz = &res->oz[i];
            fprintf(f, "%4d  %7zu  |    ", oz->year, oz->n_members);
            print_test(f, v == 0 ? &oz->all : &oz->sh_all);
            fputs("  |             ", f);
            const pacta_alliance_spearman_t *s =
                v == 0 ? &oz->europe_canada : &oz->sh_europe_canada;
            char a[32], b[32], c[32], d[32], e[32];
            fprintf(f, "%3zu  %5s  %6s  %6s  [%5s, %5s]\n", s->n, fmt(a, sizeof a, s->rho, 2),
                    fmt(b, sizeof b, s->p_greater, 3), fmt(c, sizeof c, s->p_two_sided, 3),
                    fmt(d, sizeof d, s->ci_low, 2), fmt(e, sizeof e, s->ci_high, 2));
        }
    }
}

/* The trend: each year's members, spending and burden of the alliance and of the European
 * allies and Canada, and their gap to 3.5 % (members counted from their accession year). */
static void print_trend(FILE *f, const pacta_alliance_result_t *res)
{
    fprintf(f,
            "\nTrend %d-%d: members counted from their accession year (US$ bn; burden = "
            "100 x defence / GDP, current prices)\n",
            res->oz[0].year, res->oz[res->n_oz - 1].year);
    fprintf(f, "year  members  defence, all  const. 2021  burden  |  Europe+Canada: defence  "
               "const. 2021  burden  gap to 3.5 %%\n");
    for (size_t i = 0; i < res->n_oz; i++) {
        const pacta_alliance_group_t *all = &res->oz[i].groups[0], *eu = &res->oz[i].groups[2];
        char a[32], b[32], c[32], d[32], e[32], g[32], h[32];
        fprintf(f, "%4d  %7zu  %12s  %11s  %6s  |  %22s  %11s  %6s  %12s\n", res->oz[i].year,
                all->n_members, bn(a, sizeof a, all->defence),
                bn(b, sizeof b, all->defence_constant), fmt(c, sizeof c, all->burden, 2),
                bn(d, sizeof d, eu->defence), bn(e, sizeof e, eu->defence_constant),
                fmt(g, sizeof g, eu->burden, 2), bn(h, sizeof h, eu->gap_money[1]));
    }
}

void cli_print_alliance_text(FILE *f, const pacta_alliance_result_t *res,
                             const pacta_alliance_data_t *data)
{
    char a[32], b[32], c[32], d[32], e[32], g[32], h[32];
    const char *tname[] = {"2", "3.5", "5"};
    int ti = res->target_index;
    fprintf(f, "%s\n", data->title[0] ? data->title : data->path);
    fprintf(f, "Year %d; rows: %s; money gap to the %s %% target; path: %.1f %% by %d.\n\n",
            res->year, res->edition[0] ? res->edition : "the newest edition for each member",
            tname[ti], res->path_target, res->path_end);

    /* 1. Ranking and gaps. */
    fprintf(f, "Defence burden and gaps to the targets, %d (%% of GDP; e = NATO estimate)\n",
            res->year);
    fprintf(f,
            "rank  member            code  burden  basis          edition    gap 2  gap 3.5  "
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
                fmt(a, sizeof a, grp->mean_burden, 2), grp->n_money, bn(b, sizeof b, grp->defence),
                bn(c, sizeof c, grp->gdp), fmt(d, sizeof d, grp->burden, 2));
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
        fprintf(f,
                "\nFair shares, %d: share of the members' defence spending against share "
                "of their GDP\n(over the %zu members with money figures; ratio > 1 carries "
                "more than its economic weight; * derived)\n",
                res->year, with_money);
        fprintf(f, "member            defence US$ bn    GDP US$ bn  spending %%  GDP %%  "
                   "fair-share ratio  US$/capita  US$ k/soldier\n");
        for (size_t i = 0; i < with_money; i++) {
            const pacta_alliance_member_t *m = order[i];
            print_name(f, m->row->member, 18);
            fprintf(f, "%13s%s  %12s%s  %10s  %5s  %16s  %10s%s  %13s\n",
                    bn(a, sizeof a, m->defence), m->defence_derived ? "*" : " ",
                    bn(b, sizeof b, m->gdp), m->gdp_derived ? "*" : " ",
                    fmt(c, sizeof c, 100 * m->spending_share, 2),
                    fmt(d, sizeof d, 100 * m->gdp_share, 2), fmt(e, sizeof e, m->fair_share, 2),
                    fmt(g, sizeof g, m->per_capita, 0),
                    m->population_year && m->population_year != res->year ? "p" : " ",
                    fmt(h, sizeof h, m->per_soldier / 1000, 1));
        }
    }

    /* 4. The path to the Hague target. */
    size_t n = 0;
    for (size_t i = 0; i < res->n_members; i++)
        if (!isnan(res->members[i].burden))
            order[n++] = &res->members[i];
    qsort(order, n, sizeof *order, compare_need);
    fprintf(f,
            "\nPath to %.1f %% by %d: increase needed each year on a straight line, against "
            "the trend of the last %d years\n",
            res->path_target, res->path_end, res->trend_years);
    fprintf(f, "member            burden  needed/yr  trend/yr  years  on path\n");
    for (size_t i = 0; i < n; i++) {
        const pacta_alliance_member_t *m = order[i];
        print_name(f, m->row->member, 18);
        fprintf(f, "%6s  %9s  %8s  %5d  %s\n", fmt(a, sizeof a, m->burden, 2),
                fmt(b, sizeof b, m->path_per_year, 3), fmt(c, sizeof c, m->trend_per_year, 3),
                m->trend_points,
                m->meets_path < 0               ? "unknown"
                : m->burden >= res->path_target ? "yes (there)"
                : m->meets_path                 ? "yes"
                                                : "no");
    }
    free(order);

    print_gaps(f, res);
    print_tests(f, res);
    print_trend(f, res);

    fprintf(f, "\nNotes\n");
    fprintf(f, "- burden: published core share if given, else the published defence share, "
               "else 100 x defence / GDP.\n");
    fprintf(f, "- Gaps to 5 %% count core defence only; NATO does not report the 1.5 %% of "
               "defence- and security-related spending.\n");
    fprintf(f, "- Money gaps, fair shares and the free-riding test need GDP; members without "
               "it show n/a.\n");
    fprintf(f, "- fair-share ratio = Sandler-Hartley exploitation index: share of the "
               "alliance's defence spending / share of its GDP (docs/alliance.md A12).\n");
    fprintf(f,
            "- US$/capita: World Bank population; p = latest earlier year's population "
            "(none yet for the year). Intervals: %zu bootstrap resamples, seed %lu.\n",
            res->bootstrap, res->seed);
    for (size_t i = 0; i < data->n_editions; i++) {
        const pacta_alliance_edition_t *ed = &data->editions[i];
        fprintf(f, "- edition %s: %s%s%s\n", ed->id, ed->title[0] ? ed->title : "(no title)",
                ed->published[0] ? ", published " : "", ed->published);
    }
}
