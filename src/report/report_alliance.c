/* The alliance section of the HTML report (issue 19): the gaps of every member to the 2 %,
 * 3.5 % and 5 % targets in US$ with their sums, spending per capita, and the Olson–Zeckhauser
 * and Sandler–Hartley tests for every year, from a finished pacta_alliance_analyse() result
 * (docs/alliance.md). Computes nothing; every name is escaped. */
#include <math.h>

#include <pacta/report.h>

#include "report/html.h"

/* Money in million US$ as US$ bn with one decimal, or "n/a". */
static void bn(FILE *f, double musd)
{
    if (isnan(musd))
        fputs("<td class=\"n\">n/a</td>", f);
    else
        fprintf(f, "<td class=\"n\">%.1f</td>", musd / 1000);
}

static void num(FILE *f, double v, int decimals)
{
    if (isnan(v))
        fputs("<td class=\"n\">n/a</td>", f);
    else
        fprintf(f, "<td class=\"n\">%.*f</td>", decimals, v);
}

static void gaps(FILE *f, const pacta_alliance_result_t *res)
{
    fprintf(f,
            "<div class=\"wrap\"><table>\n<caption>Gaps to the targets in %d, US$ bn (what each "
            "member would have to add; current prices unless marked)</caption>\n"
            "<thead><tr><th scope=\"col\">Member</th><th scope=\"col\">Burden, %% of GDP</th>"
            "<th scope=\"col\">to 2 %%</th><th scope=\"col\">to 3.5 %%</th>"
            "<th scope=\"col\">to 5 %%</th><th scope=\"col\">to 3.5 %%, 2021 prices</th>"
            "<th scope=\"col\">Exploitation index</th><th scope=\"col\">US$ per capita</th>"
            "</tr></thead>\n<tbody>\n",
            res->year);
    for (size_t i = 0; i < res->n_members; i++) {
        const pacta_alliance_member_t *m = &res->members[i];
        if (isnan(m->burden))
            continue;
        fputs("<tr><th scope=\"row\">", f);
        pacta_html_escape(f, m->row->member);
        fputs("</th>", f);
        num(f, m->burden, 2);
        for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
            bn(f, m->gap_money[t]);
        bn(f, m->gap_money_constant[1]);
        num(f, m->fair_share, 2);
        num(f, m->per_capita, 0);
        fputs("</tr>\n", f);
    }
    for (int k = 0; k < 3; k += 2) {
        const pacta_alliance_group_t *g = &res->groups[k];
        fprintf(f, "<tr><th scope=\"row\">Sum, %s</th>",
                k == 0 ? "all members" : "European allies and Canada");
        num(f, g->burden, 2);
        for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
            bn(f, g->gap_money[t]);
        bn(f, g->gap_money_constant[1]);
        fputs("<td></td><td></td></tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
}

static void test_cells(FILE *f, const pacta_alliance_spearman_t *s)
{
    num(f, s->rho, 2);
    num(f, s->p_greater, 3);
    if (s->bootstrap_used > 0)
        fprintf(f, "<td class=\"n\">[%.2f, %.2f]</td>", s->ci_low, s->ci_high);
    else
        fputs("<td class=\"n\">n/a</td>", f);
}

static void tests(FILE *f, const pacta_alliance_result_t *res)
{
    fprintf(f,
            "<div class=\"wrap\"><table>\n<caption>Free riding: Spearman's rho of GDP with the "
            "burden (Olson–Zeckhauser) and with the exploitation index (Sandler–Hartley); "
            "p one-sided for rho &gt; 0; %.0f %% bootstrap intervals (%zu resamples, seed "
            "%lu)</caption>\n<thead><tr><th scope=\"col\">Year</th><th scope=\"col\">Members</th>"
            "<th scope=\"col\">O–Z rho</th><th scope=\"col\">p</th><th scope=\"col\">interval</th>"
            "<th scope=\"col\">O–Z rho, Europe+Canada</th><th scope=\"col\">p</th>"
            "<th scope=\"col\">interval</th><th scope=\"col\">S–H rho</th><th scope=\"col\">p</th>"
            "<th scope=\"col\">interval</th></tr></thead>\n<tbody>\n",
            100 * res->level, res->bootstrap, res->seed);
    for (size_t i = 0; i < res->n_oz; i++) {
        const pacta_alliance_oz_t *oz = &res->oz[i];
        fprintf(f, "<tr><th scope=\"row\">%d</th><td class=\"n\">%zu</td>", oz->year,
                oz->n_members);
        test_cells(f, &oz->all);
        test_cells(f, &oz->europe_canada);
        test_cells(f, &oz->sh_all);
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
}

void pacta_html_alliance(FILE *f, const pacta_alliance_result_t *res,
                         const pacta_alliance_data_t *data)
{
    fputs("<section id=\"alliance\">\n<h2>Alliance burden sharing</h2>\n<p>", f);
    pacta_html_escape(f, data->title[0] ? data->title : data->path);
    fputs(". Burdens, gaps and tests as in <code>pacta alliance</code> (docs/alliance.md); "
          "gaps to 5 % count core defence only.</p>\n",
          f);
    gaps(f, res);
    tests(f, res);
    fputs("</section>\n", f);
}
