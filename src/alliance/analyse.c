/* One year of an alliance table: burdens, fair shares, target gaps, the linear path to the
 * Hague target and the recent trend, group totals, and the Olson–Zeckhauser test for every
 * year, the Sandler–Hartley variant and the yearly totals (docs/alliance.md, A1–A12). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alliance/alliance_internal.h"
#include "core/alloc.h"

const double pacta_alliance_targets[PACTA_ALLIANCE_N_TARGETS] = {2.0, 3.5, 5.0};

int pacta_alliance_edition_compare(const char *a, const char *b)
{
    return strcmp(a, b);
}

const pacta_alliance_row_t *pacta_alliance_find_row(const pacta_alliance_data_t *data,
                                                    const char *code, int year, const char *edition)
{
    const pacta_alliance_row_t *best = NULL;
    for (size_t i = 0; i < data->n_rows; i++) {
        const pacta_alliance_row_t *r = &data->rows[i];
        if (r->year != year || strcmp(r->code, code) != 0)
            continue;
        if (edition != NULL) {
            if (strcmp(r->edition, edition) == 0)
                return r;
        } else if (best == NULL || pacta_alliance_edition_compare(r->edition, best->edition) > 0) {
            best = r;
        }
    }
    return best;
}

double pacta_alliance_row_burden(const pacta_alliance_row_t *row, pacta_alliance_trust trust,
                                 pacta_alliance_basis *basis)
{
    /* A1: the published share first (NATO computes it on constant-price GDP, which the
     * money columns cannot reproduce exactly), core defence before total defence because the
     * Hague 3.5 % is about core defence. With --trust money the money figures come first,
     * for a table where the reader found a share that the money contradicts. */
    bool have_money =
        !isnan(row->defence_current) && !isnan(row->gdp_current) && row->gdp_current > 0;
    if (trust == PACTA_ALLIANCE_TRUST_MONEY && have_money) {
        *basis = PACTA_ALLIANCE_BASIS_MONEY;
        return 100.0 * row->defence_current / row->gdp_current;
    }
    if (!isnan(row->core_pct_gdp)) {
        *basis = PACTA_ALLIANCE_BASIS_CORE;
        return row->core_pct_gdp;
    }
    if (!isnan(row->defence_pct_gdp)) {
        *basis = PACTA_ALLIANCE_BASIS_DEFENCE;
        return row->defence_pct_gdp;
    }
    if (have_money) {
        *basis = PACTA_ALLIANCE_BASIS_MONEY;
        return 100.0 * row->defence_current / row->gdp_current;
    }
    *basis = PACTA_ALLIANCE_BASIS_NONE;
    return NAN;
}

bool pacta_alliance_row_is_member(const pacta_alliance_row_t *row)
{
    return row->joined == 0 || row->year >= row->joined;
}

const char *pacta_alliance_basis_name(pacta_alliance_basis basis)
{
    switch (basis) {
    case PACTA_ALLIANCE_BASIS_CORE:
        return "core share";
    case PACTA_ALLIANCE_BASIS_DEFENCE:
        return "defence share";
    case PACTA_ALLIANCE_BASIS_MONEY:
        return "money";
    case PACTA_ALLIANCE_BASIS_NONE:
        break;
    }
    return "none";
}

void pacta_alliance_options_default(pacta_alliance_options_t *options)
{
    options->year = 0;
    options->edition = NULL;
    options->target = 3.5;
    options->trend_years = 5;
    options->path_end = 2035;
    options->path_target = 3.5;
    options->trust = PACTA_ALLIANCE_TRUST_SHARE;
    options->bootstrap = 2000;
    options->seed = 20250625;
    options->level = 0.95;
}

/* GDP and defence in money, published or derived from the burden (A1 solved for the missing
 * one). */
static void money(const pacta_alliance_row_t *row, double burden, double *gdp,
                  bool *gdp_derived, double *defence, bool *defence_derived)
{
    *gdp = row->gdp_current;
    *defence = row->defence_current;
    *gdp_derived = *defence_derived = false;
    if (isnan(*gdp) && !isnan(*defence) && burden > 0) {
        *gdp = 100.0 * *defence / burden;
        *gdp_derived = true;
    }
    if (isnan(*defence) && !isnan(*gdp) && !isnan(burden)) {
        *defence = burden * *gdp / 100.0;
        *defence_derived = true;
    }
}

/* The distinct member codes, in table order (rows are sorted by code). */
static size_t member_codes(const pacta_alliance_data_t *data, const char **codes)
{
    size_t n = 0;
    for (size_t i = 0; i < data->n_rows; i++)
        if (n == 0 || strcmp(codes[n - 1], data->rows[i].code) != 0)
            codes[n++] = data->rows[i].code;
    return n;
}

static int compare_members(const void *a, const void *b)
{
    const pacta_alliance_member_t *p = a, *q = b;
    bool pn = isnan(p->burden), qn = isnan(q->burden);
    if (pn != qn)
        return pn ? 1 : -1;
    if (!pn && p->burden != q->burden)
        return p->burden > q->burden ? -1 : 1;
    return strcmp(p->row->member, q->row->member);
}

/* Least-squares slope of the burden over the years (year - span, year], from rows of the
 * given edition (A9). */
static double trend(const pacta_alliance_data_t *data, pacta_alliance_trust trust, const char *code,
                    const char *edition, int year, int span, int *points)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int n = 0;
    for (int y = year - span + 1; y <= year; y++) {
        const pacta_alliance_row_t *r = pacta_alliance_find_row(data, code, y, edition);
        if (r == NULL)
            continue;
        pacta_alliance_basis basis;
        double b = pacta_alliance_row_burden(r, trust, &basis);
        if (isnan(b))
            continue;
        double x = (double)(y - year);
        sx += x;
        sy += b;
        sxx += x * x;
        sxy += x * b;
        n++;
    }
    *points = n;
    if (n < 2)
        return NAN;
    double d = (double)n * sxx - sx * sx;
    return d > 0 ? ((double)n * sxy - sx * sy) / d : NAN;
}

static void add_to_group(pacta_alliance_group_t *g, const pacta_alliance_member_t *m)
{
    if (isnan(m->burden))
        return;
    g->mean_burden += m->burden; /* a sum until the end */
    g->n_members++;
    for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
        if (m->burden >= pacta_alliance_targets[t])
            g->at_target[t]++;
    if (!isnan(m->gdp) && !isnan(m->defence)) {
        g->n_money++;
        g->gdp += m->gdp;
        g->defence += m->defence;
        for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
            g->gap_money[t] += m->gap_money[t];
    }
    if (!isnan(m->gdp_constant) && !isnan(m->defence_constant)) {
        g->n_constant++;
        g->gdp_constant += m->gdp_constant;
        g->defence_constant += m->defence_constant;
        for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
            g->gap_money_constant[t] += m->gap_money_constant[t];
    }
}

/* Member m, whose row for the year is r: its burden, money and gaps to each target (A1, A4),
 * the yearly path to the path target (A5) and its trend against it (A9). */
static void analyse_member(const pacta_alliance_data_t *data, const pacta_alliance_options_t *o,
                           int year, const pacta_alliance_row_t *r, pacta_alliance_member_t *m)
{
    m->row = r;
    m->burden = pacta_alliance_row_burden(r, o->trust, &m->basis);
    money(r, m->burden, &m->gdp, &m->gdp_derived, &m->defence, &m->defence_derived);
    m->spending_share = m->gdp_share = m->fair_share = NAN;
    for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++) {
        m->gap_points[t] =
            isnan(m->burden) ? NAN : fmax(0.0, pacta_alliance_targets[t] - m->burden);
        m->gap_money[t] = m->gap_points[t] * m->gdp / 100.0;
    }
    m->path_per_year = NAN;
    if (!isnan(m->burden) && year < o->path_end)
        m->path_per_year = fmax(0.0, (o->path_target - m->burden) / (double)(o->path_end - year));
    m->trend_per_year =
        trend(data, o->trust, r->code, r->edition, year, o->trend_years, &m->trend_points);
    m->meets_path = -1;
    if (!isnan(m->burden) && m->burden >= o->path_target)
        m->meets_path = 1;
    else if (!isnan(m->trend_per_year) && !isnan(m->path_per_year))
        m->meets_path = m->trend_per_year >= m->path_per_year ? 1 : 0;
    pacta_alliance_member_money(data, m);
}

/* The members in one year, analysed and sorted by burden (A1, A4, A5, A9, A11). Returns how
 * many; *n_not_member counts the rows of members that had not yet joined. */
static size_t analyse_year(const pacta_alliance_data_t *data, const pacta_alliance_options_t *o,
                           const char **codes, size_t n_codes, int year,
                           pacta_alliance_member_t *members, size_t *n_not_member)
{
    size_t n = 0;
    *n_not_member = 0;
    for (size_t k = 0; k < n_codes; k++) {
        const pacta_alliance_row_t *r = pacta_alliance_find_row(data, codes[k], year, o->edition);
        if (r == NULL)
            continue;
        if (!pacta_alliance_row_is_member(r)) {
            (*n_not_member)++;
            continue;
        }
        memset(&members[n], 0, sizeof members[n]);
        analyse_member(data, o, year, r, &members[n++]);
    }
    qsort(members, n, sizeof *members, compare_members);
    return n;
}

/* The members' ranks, the three groups' totals and means (A2) and each member's shares of
 * spending and GDP (A3), on members sorted. Returns how many members with a burden have no
 * GDP. */
static size_t groups_and_shares(pacta_alliance_member_t *members, size_t n_members,
                                pacta_alliance_group_t *groups)
{
    memset(groups, 0, 3 * sizeof *groups);
    groups[0].name = "All members";
    groups[1].name = "United States";
    groups[2].name = "European allies and Canada";
    size_t no_gdp = 0;
    for (size_t i = 0; i < n_members; i++) {
        pacta_alliance_member_t *m = &members[i];
        m->rank = isnan(m->burden) ? 0 : (int)i + 1;
        add_to_group(&groups[0], m);
        add_to_group(&groups[strcmp(m->row->code, ALLIANCE_US_CODE) == 0 ? 1 : 2], m);
        if (!isnan(m->burden) && isnan(m->gdp))
            no_gdp++;
    }
    for (int g = 0; g < 3; g++) {
        pacta_alliance_group_t *grp = &groups[g];
        grp->mean_burden = grp->n_members ? grp->mean_burden / (double)grp->n_members : NAN;
        grp->burden = grp->n_money ? 100.0 * grp->defence / grp->gdp : NAN;
        if (grp->n_money == 0) {
            grp->defence = grp->gdp = NAN;
            for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
                grp->gap_money[t] = NAN;
        }
        if (grp->n_constant == 0) {
            grp->defence_constant = grp->gdp_constant = NAN;
            for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
                grp->gap_money_constant[t] = NAN;
        }
    }
    const pacta_alliance_group_t *all = &groups[0];
    for (size_t i = 0; i < n_members; i++) {
        pacta_alliance_member_t *m = &members[i];
        if (isnan(m->gdp) || isnan(m->defence) || all->n_money == 0)
            continue;
        m->spending_share = m->defence / all->defence;
        m->gdp_share = m->gdp / all->gdp;
        m->fair_share = m->spending_share / m->gdp_share;
    }
    return no_gdp;
}

pacta_status pacta_alliance_analyse(pacta_alliance_result_t **out,
                                    const pacta_alliance_data_t *data,
                                    const pacta_alliance_options_t *options, pacta_diag_t *diag)
{
    *out = NULL;
    pacta_status st = PACTA_OK;
    pacta_alliance_result_t *res = NULL;
    const char **codes = NULL;
    double *gdp = NULL, *burden = NULL;
    pacta_alliance_member_t *scratch = NULL;
    pacta_alliance_options_t defaults;
    if (options == NULL) {
        pacta_alliance_options_default(&defaults);
        options = &defaults;
    }
    int target_index = -1;
    for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
        if (options->target == pacta_alliance_targets[t])
            target_index = t;
    int year = options->year == 0 ? data->last_year : options->year;
    if (target_index < 0 || options->trend_years < 2 || options->trend_years > 50 ||
        options->path_end < 1950 || options->path_end > 2200 ||
        !(options->path_target > 0 && options->path_target <= 100) ||
        (options->trust != PACTA_ALLIANCE_TRUST_SHARE &&
         options->trust != PACTA_ALLIANCE_TRUST_MONEY) ||
        options->bootstrap > PACTA_ALLIANCE_MAX_BOOTSTRAP ||
        !(options->level > 0 && options->level < 1))
        return PACTA_EINVAL;
    if (year < data->first_year || year > data->last_year) {
        (void)pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, data->path, 0, 0, "year",
                              "%d is not in the table, which covers %d to %d", year,
                              data->first_year, data->last_year);
        return PACTA_EINVAL;
    }
    if (options->edition != NULL) {
        bool found = false;
        for (size_t i = 0; i < data->n_editions && !found; i++)
            found = strcmp(data->editions[i].id, options->edition) == 0;
        if (!found) {
            (void)pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, data->path, 0, 0, "edition",
                                  "edition '%s' is not in the table", options->edition);
            return PACTA_EINVAL;
        }
    }

    res = pacta_calloc(1, sizeof *res);
    codes = pacta_malloc((data->n_rows ? data->n_rows : 1) * sizeof *codes);
    if (res == NULL || codes == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    size_t n_codes = member_codes(data, codes);
    res->year = year;
    res->edition = options->edition ? options->edition : "";
    res->target = options->target;
    res->target_index = target_index;
    res->trend_years = options->trend_years;
    res->path_end = options->path_end;
    res->path_target = options->path_target;
    res->trust = options->trust;
    res->members = pacta_calloc(n_codes ? n_codes : 1, sizeof *res->members);
    gdp = pacta_malloc((n_codes ? n_codes : 1) * sizeof *gdp);
    burden = pacta_malloc((n_codes ? n_codes : 1) * sizeof *burden);
    scratch = pacta_calloc(n_codes ? n_codes : 1, sizeof *scratch);
    if (res->members == NULL || gdp == NULL || burden == NULL || scratch == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }

    res->bootstrap = options->bootstrap;
    res->seed = options->seed;
    res->level = options->level;
    res->n_members =
        analyse_year(data, options, codes, n_codes, year, res->members, &res->n_not_member);

    /* Groups and shares (A2, A3). */
    size_t no_gdp = groups_and_shares(res->members, res->n_members, res->groups);
    if (no_gdp > 0)
        (void)pacta_diag_addf(
            diag, PACTA_SEVERITY_NOTE, data->path, 0, 0, "gdp_current_musd",
            "%zu of %zu members have no GDP for %d in the rows used, so their money gaps and "
            "fair shares are not computed and they are left out of the free-riding test",
            no_gdp, res->groups[0].n_members, year);

    /* Every year: its totals (the trend) and the free-riding tests (A6-A8, A10, A12). */
    res->n_oz = (size_t)(data->last_year - data->first_year + 1);
    res->oz = pacta_calloc(res->n_oz, sizeof *res->oz);
    if (res->oz == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < res->n_oz; i++) {
        pacta_alliance_oz_t *oz = &res->oz[i];
        size_t skipped, n = analyse_year(data, options, codes, n_codes, data->first_year + (int)i,
                                         scratch, &skipped);
        (void)groups_and_shares(scratch, n, oz->groups);
        oz->year = data->first_year + (int)i;
        st = pacta_alliance_year_tests(scratch, n, options, oz, gdp, burden);
        if (st != PACTA_OK)
            goto cleanup;
    }
    *out = res;
    res = NULL;
cleanup:
    pacta_alliance_result_destroy(res);
    pacta_free(codes);
    pacta_free(gdp);
    pacta_free(burden);
    pacta_free(scratch);
    return st;
}

void pacta_alliance_result_destroy(pacta_alliance_result_t *result)
{
    if (result == NULL)
        return;
    pacta_free(result->members);
    pacta_free(result->oz);
    pacta_free(result);
}
