/* The money side of an alliance analysis: a member's constant-price gaps and its spending per
 * inhabitant and per soldier (docs/alliance.md, A4, A11), and the free-riding tests of one
 * year, Olson–Zeckhauser (A6) and the Sandler–Hartley variant with the exploitation index
 * (A12), each for all members and for the European allies and Canada, with bootstrap
 * intervals (A10). */
#include <math.h>
#include <string.h>

#include "alliance/alliance_internal.h"

/* The member's population in thousands: of the row, else of the latest earlier year of the
 * same edition that has one (World Bank figures end before NATO's estimates do). */
static double population(const pacta_alliance_data_t *data, const pacta_alliance_row_t *row,
                         int *year)
{
    *year = 0;
    for (int y = row->year; y >= data->first_year; y--) {
        const pacta_alliance_row_t *r =
            y == row->year ? row : pacta_alliance_find_row(data, row->code, y, row->edition);
        if (r != NULL && !isnan(r->population) && r->population > 0) {
            *year = y;
            return r->population;
        }
    }
    return NAN;
}

void pacta_alliance_member_money(const pacta_alliance_data_t *data, pacta_alliance_member_t *m)
{
    const pacta_alliance_row_t *r = m->row;
    m->gdp_constant = r->gdp_constant;
    m->defence_constant = r->defence_constant;
    for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
        m->gap_money_constant[t] = m->gap_points[t] * m->gdp_constant / 100.0;
    /* Million US$ per thousand people is thousand US$ per person: × 1000 gives US$. */
    double pop = population(data, r, &m->population_year);
    m->per_capita = 1000.0 * m->defence / pop;
    m->per_soldier = r->personnel > 0 ? 1000.0 * m->defence / r->personnel : NAN;
}

/* Spearman's rho of x and y over the first n members that pass, with its interval. */
static pacta_status test(const pacta_alliance_options_t *o, const double *x, const double *y,
                         size_t n, pacta_alliance_spearman_t *out)
{
    pacta_status st = pacta_alliance_spearman(x, y, n, out);
    if (st == PACTA_OK && o->bootstrap > 0)
        st = pacta_alliance_spearman_bootstrap(x, y, n, o->bootstrap, o->seed, o->level, out);
    return st;
}

/* GDP against the burden (which = 0) or the exploitation index (which = 1) of the members
 * with both, the United States left out when without_us. */
static size_t pairs(const pacta_alliance_member_t *members, size_t n, int which, bool without_us,
                    double *x, double *y)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const pacta_alliance_member_t *m = &members[i];
        double v = which == 0 ? m->burden : m->fair_share;
        if (isnan(v) || isnan(m->gdp))
            continue;
        if (without_us && strcmp(m->row->code, ALLIANCE_US_CODE) == 0)
            continue;
        x[k] = m->gdp;
        y[k] = v;
        k++;
    }
    return k;
}

pacta_status pacta_alliance_year_tests(const pacta_alliance_member_t *members, size_t n,
                                       const pacta_alliance_options_t *options,
                                       pacta_alliance_oz_t *oz, double *x, double *y)
{
    pacta_alliance_spearman_t *out[4] = {&oz->all, &oz->europe_canada, &oz->sh_all,
                                         &oz->sh_europe_canada};
    oz->n_members = 0;
    for (size_t i = 0; i < n; i++)
        oz->n_members += !isnan(members[i].burden);
    for (int k = 0; k < 4; k++) {
        size_t m = pairs(members, n, k / 2, k % 2 == 1, x, y);
        pacta_status st = test(options, x, y, m, out[k]);
        if (st != PACTA_OK)
            return st;
    }
    return PACTA_OK;
}
