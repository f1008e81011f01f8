/* Unit tests of the alliance module: Spearman's rho with ties and its p-values, the reader's
 * diagnostics, burdens, fair shares, target gaps and paths on a hand-made table, editions,
 * the free-riding series, and the shipped NATO table. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <pacta/pacta.h>

#include "core/alloc.h"
#include "test.h"

#define DATA PACTA_SOURCE_DIR "/tests/data/alliance/"

/* Agreement with R's printed values (17 significant digits): the two computations sum the
 * same terms in a different order, so a few units in the last place; 1e-12 leaves room for
 * libm differences in exp and the t distribution, and still fails on any real error. */
#define TOL_R 1e-12

/* ---- Spearman ------------------------------------------------------------------------------ */

static void test_spearman_ties_by_hand(void)
{
    /* x = (1, 2, 2, 4, 5), y = (3, 1, 4, 4, 5).
     * Mid-ranks: rx = (1, 2.5, 2.5, 4, 5)  (the two 2s share ranks 2 and 3)
     *            ry = (2, 1, 3.5, 3.5, 5)  (the two 4s share ranks 3 and 4)
     * Centred on the mean rank 3: dx = (-2, -0.5, -0.5, 1, 2), dy = (-1, -2, 0.5, 0.5, 2).
     * Sxx = 4 + 0.25 + 0.25 + 1 + 4 = 9.5;  Syy = 1 + 4 + 0.25 + 0.25 + 4 = 9.5;
     * Sxy = 2 + 1 - 0.25 + 0.5 + 4 = 7.25;  rho = 7.25 / sqrt(9.5 * 9.5) = 29/38.
     * (The no-ties formula 1 - 6 sum d^2 / (n(n^2-1)) would give 1 - 6*2.5/120 = 0.875; with
     * ties it is not rho, which is why pacta uses Pearson on mid-ranks.)
     * With ties R's cor.test(method = "spearman") uses Student's t with n - 2 = 3 degrees
     * of freedom, and so does pacta: R 4.2.2,
     *   cor.test(c(1,2,2,4,5), c(3,1,4,4,5), method = "spearman")$p.value
     *     = 0.13333911953180613, and with alternative = "greater" 0.066669559765903066. */
    const double x[] = {1, 2, 2, 4, 5}, y[] = {3, 1, 4, 4, 5};
    pacta_alliance_spearman_t s;
    ASSERT_INT_EQ(pacta_alliance_spearman(x, y, 5, &s), PACTA_OK);
    ASSERT_REL(s.rho, 29.0 / 38.0, TOL_EXACT);
    ASSERT_TRUE(s.ties);
    ASSERT_STR_EQ(s.method, "t approximation");
    ASSERT_REL(s.p_two_sided, 0.13333911953180613, TOL_R);
    ASSERT_REL(s.p_greater, 0.066669559765903066, TOL_R);
}

static void test_spearman_exact_perfect(void)
{
    /* Perfect agreement of 4 ranks: only the identity ordering reaches rho = 1 and only the
     * reversal rho = -1, so p_greater = 1/4! = 1/24 and p_two = 2/24 (closed form). */
    const double x[] = {1, 2, 3, 4}, y[] = {10, 20, 30, 40};
    pacta_alliance_spearman_t s;
    ASSERT_INT_EQ(pacta_alliance_spearman(x, y, 4, &s), PACTA_OK);
    ASSERT_REL(s.rho, 1.0, TOL_EXACT);
    ASSERT_TRUE(!s.ties);
    ASSERT_REL(s.p_greater, 1.0 / 24.0, TOL_EXACT);
    ASSERT_REL(s.p_two_sided, 2.0 / 24.0, TOL_EXACT);
}

/* Student's t density, integrated by Simpson's rule: an implementation independent of GSL to
 * check the t approximation's p-values. */
static double t_density(double x, double nu)
{
    return exp(lgamma(0.5 * (nu + 1)) - lgamma(0.5 * nu)) / sqrt(nu * 3.14159265358979323846) *
           pow(1 + x * x / nu, -0.5 * (nu + 1));
}

static double t_upper_tail(double t, double nu)
{
    /* Substitute x = t + u / (1 - u) on u in [0, 1) so the infinite tail becomes finite. */
    const int n = 200000;
    double h = 1.0 / n, sum = 0;
    for (int i = 0; i <= n; i++) {
        double u = i * h;
        double f = 0;
        if (i < n) {
            double x = t + u / (1 - u);
            f = t_density(x, nu) / ((1 - u) * (1 - u));
        }
        sum += f * (i == 0 || i == n ? 1 : (i % 2 ? 4 : 2));
    }
    return sum * h / 3;
}

static void test_spearman_t_approximation(void)
{
    /* n = 10, y swaps neighbours except the last pair, which ties: with ties R (and pacta)
     * use Student's t with 8 degrees of freedom. Checked twice: against a numerical
     * integration of the t density (independent of GSL), and against R 4.2.2,
     *   cor.test(1:10, c(2,1,4,3,6,5,8,7,9,9), method = "spearman"): rho 0.94833264814090068,
     *   p 2.9285883237761139e-05; alternative = "greater": 1.464294161888057e-05. */
    const double x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const double y[] = {2, 1, 4, 3, 6, 5, 8, 7, 9, 9};
    pacta_alliance_spearman_t s;
    ASSERT_INT_EQ(pacta_alliance_spearman(x, y, 10, &s), PACTA_OK);
    ASSERT_REL(s.rho, 0.94833264814090068, TOL_R);
    ASSERT_TRUE(s.ties);
    ASSERT_STR_EQ(s.method, "t approximation");
    double t = s.rho * sqrt(8.0 / (1 - s.rho * s.rho));
    double tail = t_upper_tail(t, 8);
    /* Simpson's rule with 200000 steps is accurate to far better than 1e-9 here. */
    ASSERT_REL(s.p_greater, tail, 1e-6);
    ASSERT_REL(s.p_two_sided, 2 * tail, 1e-6);
    ASSERT_REL(s.p_greater, 1.464294161888057e-05, TOL_R);
    ASSERT_REL(s.p_two_sided, 2.9285883237761139e-05, TOL_R);

    /* Reversed order: p_greater is the other side, P(T >= -t) = 1 - P(T >= t). */
    const double z[] = {9, 10, 7, 8, 5, 6, 3, 4, 1, 1};
    ASSERT_INT_EQ(pacta_alliance_spearman(x, z, 10, &s), PACTA_OK);
    ASSERT_REL(s.rho, -0.94833264814090068, TOL_R);
    ASSERT_REL(s.p_greater, 1 - tail, 1e-6);
}

static void test_spearman_edgeworth(void)
{
    /* Without ties and 10 <= n < 1290, R uses the Edgeworth series of AS 89, and so does
     * pacta. n = 10, y swaps neighbours: every rank difference is 1, so
     * rho = 1 - 6 * 10 / (10 * 99) = 31/33 (closed form), S = 10. The series is poor this
     * far in the tail and is clamped to 0, as R's is: R 4.2.2,
     *   cor.test(1:10, c(2,1,4,3,6,5,8,7,10,9), method = "spearman")$p.value = 0
     *   (and 0 with alternative = "greater"; 1 for the reversed order).
     * The 2024 cases on the shipped table (test_nato_against_r) test the series where it
     * is not clamped. */
    const double x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const double y[] = {2, 1, 4, 3, 6, 5, 8, 7, 10, 9};
    const double z[] = {9, 10, 7, 8, 5, 6, 3, 4, 1, 2};
    pacta_alliance_spearman_t s;
    ASSERT_INT_EQ(pacta_alliance_spearman(x, y, 10, &s), PACTA_OK);
    ASSERT_REL(s.rho, 31.0 / 33.0, TOL_EXACT);
    ASSERT_TRUE(!s.ties);
    ASSERT_STR_EQ(s.method, "Edgeworth series (AS 89)");
    ASSERT_ABS(s.p_greater, 0.0, TOL_R);
    ASSERT_ABS(s.p_two_sided, 0.0, TOL_R);
    ASSERT_INT_EQ(pacta_alliance_spearman(x, z, 10, &s), PACTA_OK);
    ASSERT_REL(s.rho, -31.0 / 33.0, TOL_EXACT);
    ASSERT_ABS(s.p_greater, 1.0, TOL_R);
}

static void test_spearman_undefined(void)
{
    const double x[] = {1, 2, 3}, y[] = {5, 5, 5};
    pacta_alliance_spearman_t s;
    ASSERT_INT_EQ(pacta_alliance_spearman(x, y, 3, &s), PACTA_OK);
    ASSERT_TRUE(isnan(s.rho));
    ASSERT_STR_EQ(s.method, "undefined");
    ASSERT_INT_EQ(pacta_alliance_spearman(x, x, 2, &s), PACTA_OK);
    ASSERT_TRUE(isnan(s.rho));
    const double bad[] = {1, NAN, 3};
    ASSERT_INT_EQ(pacta_alliance_spearman(x, bad, 3, &s), PACTA_EINVAL);
}

/* ---- the hand-made table --------------------------------------------------------------------- */

static pacta_alliance_data_t *load(const char *path)
{
    pacta_alliance_data_t *data = NULL;
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        return NULL;
    pacta_status st = pacta_alliance_load(&data, path, diag);
    if (st != PACTA_OK)
        for (size_t i = 0; i < pacta_diag_count(diag); i++)
            fprintf(stderr, "  %s:%d: %s: %s\n", pacta_diag_get(diag, i)->file,
                    pacta_diag_get(diag, i)->line, pacta_diag_get(diag, i)->field,
                    pacta_diag_get(diag, i)->message);
    pacta_diag_destroy(diag);
    return data;
}

static const pacta_alliance_member_t *find(const pacta_alliance_result_t *r, const char *code)
{
    for (size_t i = 0; i < r->n_members; i++)
        if (strcmp(r->members[i].row->code, code) == 0)
            return &r->members[i];
    return NULL;
}

static void test_gaps_and_paths(void)
{
    pacta_alliance_data_t *data = load(DATA "small.csv");
    ASSERT_TRUE(data != NULL);
    if (data == NULL)
        return;
    ASSERT_INT_EQ(data->n_rows, 26);
    ASSERT_INT_EQ(data->n_editions, 2);
    ASSERT_STR_EQ(data->editions[0].title, "First edition");
    pacta_alliance_options_t o;
    pacta_alliance_options_default(&o);
    o.year = 2024;
    o.edition = "2024";
    pacta_alliance_result_t *r = NULL;
    ASSERT_INT_EQ(pacta_alliance_analyse(&r, data, &o, NULL), PACTA_OK);
    if (r == NULL) {
        pacta_alliance_data_destroy(data);
        return;
    }
    /* 2024, edition 2024: burdens USA 3.5, Delta 3.0, Charlie 2.5, Echo 2.0, Bravo 1.0. */
    ASSERT_INT_EQ(r->n_members, 5);
    ASSERT_STR_EQ(r->members[0].row->code, "USA");
    ASSERT_STR_EQ(r->members[4].row->code, "BRV");
    const pacta_alliance_member_t *b = find(r, "BRV");
    ASSERT_TRUE(b != NULL);
    if (b != NULL) {
        /* Bravo: burden 1.0 % of GDP 200 (million US$).
         * Gaps in points: 2 - 1 = 1, 3.5 - 1 = 2.5, 5 - 1 = 4; in money: points x GDP / 100
         * = 2, 5 and 8 million. Path to 3.5 by 2035 from 2024: (3.5 - 1) / 11 = 0.227272...
         * Trend 2020-2024: 0.6, 0.7, 0.8, 0.9, 1.0, least-squares slope 0.1 < 0.227: not on
         * path. */
        ASSERT_REL(b->burden, 1.0, TOL_EXACT);
        ASSERT_INT_EQ(b->basis, PACTA_ALLIANCE_BASIS_DEFENCE);
        ASSERT_REL(b->gap_points[0], 1.0, TOL_EXACT);
        ASSERT_REL(b->gap_points[1], 2.5, TOL_EXACT);
        ASSERT_REL(b->gap_points[2], 4.0, TOL_EXACT);
        ASSERT_REL(b->gap_money[0], 2.0, TOL_EXACT);
        ASSERT_REL(b->gap_money[1], 5.0, TOL_EXACT);
        ASSERT_REL(b->gap_money[2], 8.0, TOL_EXACT);
        ASSERT_REL(b->path_per_year, 2.5 / 11.0, TOL_EXACT);
        ASSERT_REL(b->trend_per_year, 0.1, 1e-12);
        ASSERT_INT_EQ(b->trend_points, 5);
        ASSERT_INT_EQ(b->meets_path, 0);
    }
    const pacta_alliance_member_t *us = find(r, "USA");
    ASSERT_TRUE(us != NULL);
    if (us != NULL) {
        /* Totals of money: defence 35 + 2 + 2.5 + 1.5 + 0.4 = 41.4, GDP 1370; alliance burden
         * B = 100 x 41.4 / 1370. The fair-share ratio (35/41.4) / (1000/1370) equals
         * b_i / B = 3.5 / B (A3). The US is at 3.5: no gap to 3.5, path 0, on path. */
        double B = 100.0 * 41.4 / 1370.0;
        ASSERT_REL(r->groups[0].burden, B, 1e-12);
        ASSERT_REL(r->groups[0].defence, 41.4, 1e-12);
        ASSERT_REL(r->groups[0].gdp, 1370.0, TOL_EXACT);
        ASSERT_REL(us->fair_share, 3.5 / B, 1e-12);
        ASSERT_REL(us->spending_share, 35.0 / 41.4, 1e-12);
        ASSERT_ABS(us->gap_points[1], 0.0, 0.0);
        ASSERT_ABS(us->path_per_year, 0.0, 0.0);
        ASSERT_INT_EQ(us->meets_path, 1);
    }
    /* Groups: the US alone; Europe and Canada the other four, 2 at or above 2 % among them
     * (Charlie 2.5, Delta 3.0; Echo is exactly 2.0, which counts: 3), none at 3.5. */
    ASSERT_INT_EQ(r->groups[1].n_members, 1);
    ASSERT_INT_EQ(r->groups[2].n_members, 4);
    ASSERT_INT_EQ(r->groups[2].at_target[0], 3);
    ASSERT_INT_EQ(r->groups[2].at_target[1], 0);
    ASSERT_REL(r->groups[2].burden, 100.0 * 6.4 / 370.0, 1e-12);
    ASSERT_REL(r->groups[2].mean_burden, (1.0 + 2.5 + 3.0 + 2.0) / 4, 1e-12);
    pacta_alliance_result_destroy(r);
    pacta_alliance_data_destroy(data);
}

static void test_editions(void)
{
    pacta_alliance_data_t *data = load(DATA "small.csv");
    if (data == NULL) {
        ASSERT_TRUE(data != NULL);
        return;
    }
    pacta_alliance_options_t o;
    pacta_alliance_options_default(&o);
    pacta_alliance_result_t *r = NULL;
    /* Default: the newest edition per member, so Charlie 2024 is the 2025 revision, 3.2. */
    ASSERT_INT_EQ(pacta_alliance_analyse(&r, data, &o, NULL), PACTA_OK);
    if (r != NULL) {
        ASSERT_INT_EQ(r->year, 2024);
        const pacta_alliance_member_t *c = find(r, "CHL");
        ASSERT_TRUE(c != NULL && strcmp(c->row->edition, "2025") == 0);
        if (c != NULL) {
            ASSERT_REL(c->burden, 3.2, TOL_EXACT);
            /* The 2025 edition has no earlier years for Charlie: no trend from it. */
            ASSERT_INT_EQ(c->trend_points, 1);
            ASSERT_INT_EQ(c->meets_path, -1);
        }
        /* The other members keep their only (2024) edition. */
        const pacta_alliance_member_t *d = find(r, "DLT");
        ASSERT_TRUE(d != NULL && strcmp(d->row->edition, "2024") == 0);
    }
    pacta_alliance_result_destroy(r);
    r = NULL;
    /* Edition 2024 asked for: Charlie's first figure, 2.5. */
    o.edition = "2024";
    ASSERT_INT_EQ(pacta_alliance_analyse(&r, data, &o, NULL), PACTA_OK);
    if (r != NULL) {
        const pacta_alliance_member_t *c = find(r, "CHL");
        ASSERT_TRUE(c != NULL);
        if (c != NULL)
            ASSERT_REL(c->burden, 2.5, TOL_EXACT);
    }
    pacta_alliance_result_destroy(r);
    r = NULL;
    /* Edition 2025 has only Charlie. */
    o.edition = "2025";
    ASSERT_INT_EQ(pacta_alliance_analyse(&r, data, &o, NULL), PACTA_OK);
    if (r != NULL)
        ASSERT_INT_EQ(r->n_members, 1);
    pacta_alliance_result_destroy(r);
    r = NULL;
    /* Options out of range. */
    o.edition = "2030";
    ASSERT_INT_EQ(pacta_alliance_analyse(&r, data, &o, NULL), PACTA_EINVAL);
    o.edition = NULL;
    o.year = 2019;
    ASSERT_INT_EQ(pacta_alliance_analyse(&r, data, &o, NULL), PACTA_EINVAL);
    o.year = 0;
    o.target = 3;
    ASSERT_INT_EQ(pacta_alliance_analyse(&r, data, &o, NULL), PACTA_EINVAL);
    ASSERT_TRUE(r == NULL);
    pacta_alliance_data_destroy(data);
}

static void test_free_riding_series(void)
{
    /* The Olson-Zeckhauser series of small.csv, newest edition per member. rho from an
     * independent Python 3.11 script (mid-ranks with fractions.Fraction, Pearson on them);
     * p-values without ties by enumerating all orderings with itertools.permutations (the
     * exact distribution R uses for n <= 9); 2020 and 2021 have ties, where R uses Student's
     * t: values from R 4.2.2, cor.test(gdp, burden, method = "spearman") on the rows of
     * those years (0.68377223398316189, 0.34188611699158095; without the US 1/3, 5/6).
     *   year  n  rho          p_two  p_greater | without US: n  rho        p_two  p_greater
     *   2020  4  sqrt(10)/10  0.684  0.342     |             3  -sqrt(3)/2 1/3    5/6
     *   2021  4  sqrt(10)/10  0.684  0.342     |             3  -sqrt(3)/2 1/3    5/6
     *   2022  5  0.1          19/20  19/40     |             4  -0.8       1/3    23/24
     *   2023  5  0.0          1      21/40     |             4  -1.0       1/12   1
     *   2024  5  0.4          31/60  31/120    |             4  -0.2       11/12  5/8
     * Echo joins in 2022, so 2020 and 2021 have four members; in 2020 and 2021 Charlie and
     * Delta tie on burden (2.0 and 2.2). 2024 uses Charlie's revised 3.2. */
    static const struct {
        int year;
        size_t n, n_wo;
        double rho, p2, pg, rho_wo, p2_wo, pg_wo;
    } ref[] = {
        {2020, 4, 3, 0.31622776601683794, 0.68377223398316189, 0.34188611699158095,
         -0.8660254037844387, 1.0 / 3, 5.0 / 6},
        {2021, 4, 3, 0.31622776601683794, 0.68377223398316189, 0.34188611699158095,
         -0.8660254037844387, 1.0 / 3, 5.0 / 6},
        {2022, 5, 4, 0.1, 19.0 / 20, 19.0 / 40, -0.8, 1.0 / 3, 23.0 / 24},
        {2023, 5, 4, 0.0, 1, 21.0 / 40, -1.0, 1.0 / 12, 1},
        {2024, 5, 4, 0.4, 31.0 / 60, 31.0 / 120, -0.2, 11.0 / 12, 5.0 / 8},
    };
    pacta_alliance_data_t *data = load(DATA "small.csv");
    if (data == NULL) {
        ASSERT_TRUE(data != NULL);
        return;
    }
    pacta_alliance_result_t *r = NULL;
    ASSERT_INT_EQ(pacta_alliance_analyse(&r, data, NULL, NULL), PACTA_OK);
    if (r != NULL) {
        ASSERT_INT_EQ(r->n_oz, 5);
        for (size_t i = 0; i < 5 && i < r->n_oz; i++) {
            const pacta_alliance_oz_t *oz = &r->oz[i];
            ASSERT_INT_EQ(oz->year, ref[i].year);
            ASSERT_INT_EQ(oz->all.n, ref[i].n);
            ASSERT_INT_EQ(oz->europe_canada.n, ref[i].n_wo);
            ASSERT_ABS(oz->all.rho, ref[i].rho, 1e-12);
            ASSERT_ABS(oz->all.p_two_sided, ref[i].p2, 1e-12);
            ASSERT_ABS(oz->all.p_greater, ref[i].pg, 1e-12);
            ASSERT_ABS(oz->europe_canada.rho, ref[i].rho_wo, 1e-12);
            ASSERT_ABS(oz->europe_canada.p_two_sided, ref[i].p2_wo, 1e-12);
            ASSERT_ABS(oz->europe_canada.p_greater, ref[i].pg_wo, 1e-12);
        }
    }
    pacta_alliance_result_destroy(r);
    pacta_alliance_data_destroy(data);
}

/* ---- malformed files ------------------------------------------------------------------------- */

/* Whether diag has an error at line with field whose message contains fragment. */
static bool has(const pacta_diag_t *diag, int line, const char *field, const char *fragment)
{
    for (size_t i = 0; i < pacta_diag_count(diag); i++) {
        const pacta_diag_entry_t *e = pacta_diag_get(diag, i);
        if (e->line == line && strcmp(e->field, field) == 0 && strstr(e->message, fragment))
            return true;
    }
    return false;
}

static void test_malformed_money(void)
{
    /* The money columns of issue 19 are checked as strictly, each error with its line. */
    pacta_diag_t *diag = NULL;
    pacta_alliance_data_t *data = NULL;
    ASSERT_INT_EQ(pacta_diag_create(&diag), PACTA_OK);
    ASSERT_INT_EQ(pacta_alliance_load(&data, DATA "bad-money.csv", diag), PACTA_EINPUT);
    ASSERT_TRUE(data == NULL);
    ASSERT_TRUE(has(diag, 3, "personnel_thousands", "'-3' is negative"));
    ASSERT_TRUE(has(diag, 4, "population_thousands", "is not a decimal number"));
    ASSERT_TRUE(has(diag, 5, "gdp_constant_musd", "too large"));
    ASSERT_TRUE(has(diag, 6, "joined", "'19x9' is not a year"));
    ASSERT_TRUE(has(diag, 7, "defence_current_musd", "not a finite number"));
    ASSERT_INT_EQ(pacta_diag_count(diag), 5);
    pacta_diag_destroy(diag);
}

static void test_malformed(void)
{
    pacta_diag_t *diag = NULL;
    pacta_alliance_data_t *data = NULL;
    ASSERT_INT_EQ(pacta_diag_create(&diag), PACTA_OK);
    ASSERT_INT_EQ(pacta_alliance_load(&data, DATA "bad-values.csv", diag), PACTA_EINPUT);
    ASSERT_TRUE(data == NULL);
    ASSERT_TRUE(has(diag, 2, "year", "'20x4' is not a year"));
    ASSERT_TRUE(has(diag, 3, "code", "'us' is not an ISO 3166-1 alpha-3 code"));
    ASSERT_TRUE(has(diag, 4, "defence_pct_gdp", "is negative"));
    ASSERT_TRUE(has(diag, 5, "estimate", "'maybe' must be yes or no"));
    ASSERT_TRUE(has(diag, 6, "", "the row has 6 fields but the header has 8"));
    ASSERT_TRUE(has(diag, 8, "edition", "is already on line 7"));
    ASSERT_TRUE(has(diag, 9, "edition", "'24-06' is not an edition date"));
    ASSERT_TRUE(has(diag, 9, "defence_pct_gdp", "more than 100"));

    ASSERT_STR_CONTAINS(pacta_diag_get(diag, 0)->file, "bad-values.csv");
    pacta_diag_clear(diag);

    ASSERT_INT_EQ(pacta_alliance_load(&data, DATA "bad-header.csv", diag), PACTA_EINPUT);
    ASSERT_TRUE(has(diag, 1, "defense_pct_gdp", "did you mean 'defence_pct_gdp'"));
    ASSERT_TRUE(has(diag, 1, "source", "the required column is missing"));
    pacta_diag_clear(diag);

    ASSERT_INT_EQ(pacta_alliance_load(&data, DATA "bad-sidecar.csv", diag), PACTA_EINPUT);
    ASSERT_TRUE(has(diag, 1, "format", "must be pacta.alliance-data/1"));
    ASSERT_TRUE(has(diag, 2, "", "unknown key 'edtions' (did you mean 'editions'?)"));
    pacta_diag_clear(diag);

    ASSERT_INT_EQ(pacta_alliance_load(&data, DATA "no-such-file.csv", diag), PACTA_EIO);
    ASSERT_TRUE(pacta_diag_count(diag) == 1);
    pacta_diag_destroy(diag);
}

/* ---- the shipped NATO table ------------------------------------------------------------------ */

/* The shipped table, checked to load. */
static pacta_alliance_data_t *load_nato(void)
{
    pacta_alliance_data_t *data = load(PACTA_SOURCE_DIR "/data/nato-2014-2025.csv");
    ASSERT_TRUE(data != NULL);
    return data;
}

static void test_shipped_nato_table(void)
{
    pacta_alliance_data_t *data = load_nato();
    if (data == NULL)
        return;
    ASSERT_INT_EQ(data->first_year, 2014);
    ASSERT_INT_EQ(data->last_year, 2026);
    ASSERT_INT_EQ(data->n_editions, 4);
    ASSERT_STR_CONTAINS(data->meta_path, "nato-2014-2025.yaml");
    /* Every one of the 32 allies has a row in every year 2014-2026 from the 2026 edition. */
    for (int y = 2014; y <= 2026; y++) {
        size_t n = 0;
        for (size_t i = 0; i < data->n_rows; i++)
            n += data->rows[i].year == y && strcmp(data->rows[i].edition, "2026") == 0;
        ASSERT_INT_EQ(n, 32);
    }
    pacta_alliance_result_t *r = NULL;
    pacta_alliance_options_t o;
    pacta_alliance_options_default(&o);
    o.year = 2025;
    ASSERT_INT_EQ(pacta_alliance_analyse(&r, data, &o, NULL), PACTA_OK);
    if (r != NULL) {
        /* 2025, 2026 edition, Table 3: Poland 4.25 (estimate) is first, Albania 1.48 last of
         * the 31 with a burden; Iceland has none. 28 allies at 2 % or more. */
        ASSERT_INT_EQ(r->year, 2025);
        ASSERT_STR_EQ(r->members[0].row->code, "POL");
        ASSERT_REL(r->members[0].burden, 4.25, TOL_EXACT);
        ASSERT_TRUE(r->members[0].row->estimate);
        ASSERT_STR_EQ(r->members[30].row->code, "ALB");
        ASSERT_TRUE(isnan(r->members[31].burden));
        ASSERT_INT_EQ(r->groups[0].n_members, 31);
        ASSERT_INT_EQ(r->groups[0].at_target[0], 28);
        ASSERT_INT_EQ(r->groups[0].at_target[1], 4);
    }
    pacta_alliance_result_destroy(r);
    r = NULL;

    /* The free-riding test where the table has money figures: 2024, June 2024 edition,
     * the 15 allies with defence expenditure in US$ (GDP derived as 100 x defence / share).
     * rho = -0.16071428571428573 for all 15 and -0.35824175824175825 for the 14 without the
     * US: computed by an independent Python 3.11 script (mid-ranks and Pearson with
     * fractions.Fraction over the same 15 rows of data/nato-2014-2025.csv). No ties, so the
     * Edgeworth series: R 4.2.2 on the same rows (gdp = 100 * defence_current_musd /
     * defence_pct_gdp), cor.test(gdp, share, method = "spearman", alternative = "greater")
     * gives p = 0.72101974969223215 (two-sided 0.56672705129971623). */
    o.year = 2024;
    o.edition = "2024-06";
    ASSERT_INT_EQ(pacta_alliance_analyse(&r, data, &o, NULL), PACTA_OK);
    if (r != NULL) {
        const pacta_alliance_oz_t *oz = &r->oz[2024 - 2014];
        ASSERT_INT_EQ(oz->all.n, 15);
        ASSERT_INT_EQ(oz->europe_canada.n, 14);
        ASSERT_ABS(oz->all.rho, -0.16071428571428573, 1e-12);
        ASSERT_ABS(oz->europe_canada.rho, -0.35824175824175825, 1e-12);
        ASSERT_STR_EQ(oz->all.method, "Edgeworth series (AS 89)");
        ASSERT_REL(oz->all.p_greater, 0.72101974969223215, TOL_R);
        ASSERT_REL(oz->all.p_two_sided, 0.56672705129971623, TOL_R);
        /* The other years have no money figures in this edition. */
        ASSERT_TRUE(isnan(r->oz[0].all.rho));
    }
    pacta_alliance_result_destroy(r);
    pacta_alliance_data_destroy(data);
}

/* ---- money: the Olson-Zeckhauser and Sandler-Hartley tests against R, gaps, bootstrap -------- */

static void test_nato_against_r(void)
{
    /* The shipped table, newest edition per member (every year's rows are NATO's 2026
     * edition), GDP in current US$ against the core share (O-Z) and against the exploitation
     * index (S-H), members counted from their accession year. Reference values from R 4.2.2
     * (Debian r-base-core 4.2.2.20221110-2), run once outside the repository:
     *   d <- read.csv("data/nato-2014-2025.csv")
     *   d <- d[d$edition == "2026" & d$year >= d$joined & !is.na(d$core_pct_gdp), ]
     *   s <- d[d$year == YEAR, ]; e <- s[s$code != "USA", ]
     *   E <- (s$defence_current_musd / sum(s$defence_current_musd)) /
     *        (s$gdp_current_musd / sum(s$gdp_current_musd))
     *   cor.test(s$gdp_current_musd, s$core_pct_gdp, method = "spearman")        # O-Z, all
     *   cor.test(e$gdp_current_musd, e$core_pct_gdp, method = "spearman")        # Europe+Canada
     *   cor.test(s$gdp_current_musd, E, method = "spearman")                     # S-H, all
     *   cor.test(s$gdp_current_musd[s$code != "USA"], E[s$code != "USA"], method = "spearman")
     * each also with alternative = "greater", printed with sprintf("%.17g"). The core shares
     * have ties (t approximation); the exploitation indices do not (Edgeworth series). */
    static const struct {
        int year, test; /* test: 0 O-Z all, 1 O-Z Europe+Canada, 2 S-H all, 3 S-H Europe+Canada */
        size_t n;
        double rho, p2, pg;
    } ref[] = {
        {2014, 0, 27, 0.28676136769609401, 0.14700017659678621, 0.073500088298393107},
        {2014, 1, 26, 0.20112881046585621, 0.32450715253865903, 0.16225357626932951},
        {2014, 2, 27, 0.27655677655677652, 0.16219319160312043, 0.081096595801560215},
        {2014, 3, 26, 0.18974358974358971, 0.35158446967674217, 0.17579223483837109},
        {2019, 0, 28, -0.034218451870684286, 0.86275983164778924, 0.56862008417610532},
        {2019, 2, 28, -0.036124794745484398, 0.85528137029103357, 0.57345208968307448},
        {2020, 3, 28, 0, 1, 0.50055529428058876},
        {2023, 1, 29, -0.10521129214343997, 0.58701331277840829, 0.70649334361079585},
        {2024, 0, 31, 0.12803710116484865, 0.49244914313561705, 0.24622457156780853},
        {2024, 1, 30, 0.053843586939033357, 0.77749338740581453, 0.38874669370290726},
        {2024, 2, 31, 0.1028225806451613, 0.58064887481427363, 0.29032443740713682},
        {2024, 3, 30, 0.026028921023359287, 0.89162528438429978, 0.44581264219214989},
        {2026, 0, 31, 0.0909824657241355, 0.62642592079203774, 0.31321296039601887},
        {2026, 2, 31, 0.087903225806451629, 0.63701697255846912, 0.31850848627923456},
    };
    pacta_alliance_data_t *data = load_nato();
    if (data == NULL)
        return;
    pacta_alliance_result_t *r = NULL;
    pacta_alliance_options_t o;
    pacta_alliance_options_default(&o);
    o.year = 2024;
    ASSERT_INT_EQ(pacta_alliance_analyse(&r, data, &o, NULL), PACTA_OK);
    if (r != NULL) {
        ASSERT_INT_EQ(r->n_oz, 13);
        /* The O-Z correlation is defined in every year 2014-2026 (issue 19). */
        for (size_t i = 0; i < r->n_oz; i++) {
            ASSERT_INT_EQ(r->oz[i].year, 2014 + (int)i);
            ASSERT_TRUE(!isnan(r->oz[i].all.rho) && !isnan(r->oz[i].europe_canada.rho));
            ASSERT_TRUE(!isnan(r->oz[i].all.p_two_sided) && !isnan(r->oz[i].sh_all.rho));
        }
        for (size_t k = 0; k < sizeof ref / sizeof ref[0]; k++) {
            const pacta_alliance_oz_t *oz = &r->oz[ref[k].year - 2014];
            const pacta_alliance_spearman_t *t[] = {&oz->all, &oz->europe_canada, &oz->sh_all,
                                                    &oz->sh_europe_canada};
            const pacta_alliance_spearman_t *s = t[ref[k].test];
            ASSERT_INT_EQ(s->n, ref[k].n);
            ASSERT_ABS(s->rho, ref[k].rho, TOL_R);
            ASSERT_ABS(s->p_two_sided, ref[k].p2, TOL_R);
            ASSERT_ABS(s->p_greater, ref[k].pg, TOL_R);
            ASSERT_STR_EQ(s->method,
                          ref[k].test < 2 ? "t approximation" : "Edgeworth series (AS 89)");
        }
        /* Finland joined in 2023, Sweden in 2024: 29 members in 2022, 30 in 2023, 31 after. */
        ASSERT_INT_EQ(r->oz[2022 - 2014].n_members, 29);
        ASSERT_INT_EQ(r->oz[2023 - 2014].n_members, 30);
        ASSERT_INT_EQ(r->oz[2024 - 2014].n_members, 31);
        ASSERT_INT_EQ(r->oz[2026 - 2014].groups[0].n_money, 31);
    }
    pacta_alliance_result_destroy(r);
    pacta_alliance_data_destroy(data);
}

/* Several roundings of decimal inputs (3.5 - 2.02 is not 1.48 exactly). */
#define TOL_ARITH 1e-13

static void test_nato_gaps_by_hand(void)
{
    /* 2024, NATO 2026 edition rows of data/nato-2014-2025.csv (core share; GDP current and
     * constant 2021 million US$; personnel and population thousands):
     *   Germany      2.00  4,686,831  4,378,673  181.4  83,516.593   defence 93,747 M$
     *   Netherlands  2.02  1,213,438  1,112,830   43.0  17,993.485   defence 21,885 M$
     *   Poland       3.75    919,155    751,117  216.9  36,559.233   defence 34,454 M$
     * Gap to a target tau in million US$ = max(0, tau - share) x GDP / 100 (A4):
     *   Germany  3.5: 1.50 x 46,868.31 = 70,302.465    5: 3.00 x 46,868.31 = 140,604.93
     *            constant 3.5: 1.50 x 43,786.73 = 65,680.095   5: 3.00 x 43,786.73 = 131,360.19
     *   Netherl. 3.5: 1.48 x 12,134.38 = 17,958.8824   5: 2.98 x 12,134.38 = 36,160.4524
     *            constant 3.5: 1.48 x 11,128.30 = 16,469.884   5: 2.98 x 11,128.30 = 33,162.334
     *   Poland   3.5: 0 (3.75 is above)            5: 1.25 x 9,191.55 = 11,489.4375
     *            constant 5: 1.25 x 7,511.17 = 9,388.9625; 2 %: 0 for all three.
     * Per capita (A11): Germany 93,747e6 / 83,516,593 = 1,122.4955... US$, per soldier
     * 93,747e6 / 181,400 = 516,797.13... US$. */
    static const struct {
        const char *code;
        double gap[3], gap_constant[3], per_capita, per_soldier;
    } ref[] = {
        {"DEU",
         {0, 70302.465, 140604.93},
         {0, 65680.095, 131360.19},
         93747e6 / 83516593.0,
         93747e6 / 181400.0},
        {"NLD",
         {0, 17958.8824, 36160.4524},
         {0, 16469.884, 33162.334},
         21885e6 / 17993485.0,
         21885e6 / 43000.0},
        {"POL", {0, 0, 11489.4375}, {0, 0, 9388.9625}, 34454e6 / 36559233.0, 34454e6 / 216900.0},
    };
    pacta_alliance_data_t *data = load_nato();
    if (data == NULL)
        return;
    pacta_alliance_result_t *r = NULL;
    pacta_alliance_options_t o;
    pacta_alliance_options_default(&o);
    o.year = 2024;
    o.bootstrap = 0;
    ASSERT_INT_EQ(pacta_alliance_analyse(&r, data, &o, NULL), PACTA_OK);
    for (size_t k = 0; r != NULL && k < 3; k++) {
        const pacta_alliance_member_t *m = NULL;
        for (size_t i = 0; i < r->n_members; i++)
            if (strcmp(r->members[i].row->code, ref[k].code) == 0)
                m = &r->members[i];
        ASSERT_TRUE(m != NULL);
        if (m == NULL)
            continue;
        for (int t = 0; t < 3; t++) {
            ASSERT_ABS(m->gap_money[t], ref[k].gap[t], TOL_ARITH * ref[k].gap[2]);
            ASSERT_ABS(m->gap_money_constant[t], ref[k].gap_constant[t],
                       TOL_ARITH * ref[k].gap_constant[2]);
        }
        ASSERT_REL(m->per_capita, ref[k].per_capita, TOL_ARITH);
        ASSERT_INT_EQ(m->population_year, 2024);
        ASSERT_REL(m->per_soldier, ref[k].per_soldier, TOL_ARITH);
    }
    if (r != NULL) {
        /* The group sums are the sums of the members' gaps (checked here on the members). */
        double sum = 0, sum_eu = 0;
        for (size_t i = 0; i < r->n_members; i++) {
            const pacta_alliance_member_t *m = &r->members[i];
            if (isnan(m->gap_money[1]))
                continue;
            sum += m->gap_money[1];
            if (strcmp(m->row->code, "USA") != 0)
                sum_eu += m->gap_money[1];
        }
        ASSERT_REL(r->groups[0].gap_money[1], sum, TOL_ARITH);
        ASSERT_REL(r->groups[2].gap_money[1], sum_eu, TOL_ARITH);
        /* No bootstrap was asked for. */
        ASSERT_TRUE(isnan(r->oz[0].all.ci_low) && r->oz[0].all.bootstrap_used == 0);
    }
    pacta_alliance_result_destroy(r);
    r = NULL;
    /* 2026 has no World Bank population yet: per capita uses the member's 2024 figure. */
    o.year = 2026;
    ASSERT_INT_EQ(pacta_alliance_analyse(&r, data, &o, NULL), PACTA_OK);
    for (size_t i = 0; r != NULL && i < r->n_members; i++)
        if (!isnan(r->members[i].defence))
            ASSERT_INT_EQ(r->members[i].population_year, 2024);
    pacta_alliance_result_destroy(r);
    pacta_alliance_data_destroy(data);
}

static void test_bootstrap_reproducible(void)
{
    pacta_alliance_data_t *data = load_nato();
    if (data == NULL)
        return;
    pacta_alliance_result_t *a = NULL, *b = NULL, *c = NULL;
    pacta_alliance_options_t o;
    pacta_alliance_options_default(&o);
    ASSERT_INT_EQ(pacta_alliance_analyse(&a, data, &o, NULL), PACTA_OK);
    ASSERT_INT_EQ(pacta_alliance_analyse(&b, data, &o, NULL), PACTA_OK);
    o.seed = 7;
    ASSERT_INT_EQ(pacta_alliance_analyse(&c, data, &o, NULL), PACTA_OK);
    size_t differ = 0;
    for (size_t i = 0; a != NULL && b != NULL && c != NULL && i < a->n_oz; i++) {
        const pacta_alliance_spearman_t *s[] = {&a->oz[i].all, &a->oz[i].europe_canada,
                                                &a->oz[i].sh_all, &a->oz[i].sh_europe_canada};
        const pacta_alliance_spearman_t *t[] = {&b->oz[i].all, &b->oz[i].europe_canada,
                                                &b->oz[i].sh_all, &b->oz[i].sh_europe_canada};
        for (int k = 0; k < 4; k++) {
            /* Same seed, same interval, bit for bit. */
            ASSERT_TRUE(s[k]->ci_low == t[k]->ci_low && s[k]->ci_high == t[k]->ci_high);
            /* n >= 26 pairs: a resample with one repeated pair never happens in 2000. */
            ASSERT_INT_EQ(s[k]->bootstrap_used, 2000);
            ASSERT_TRUE(s[k]->ci_low <= s[k]->rho && s[k]->rho <= s[k]->ci_high);
            ASSERT_TRUE(s[k]->ci_high - s[k]->ci_low > 0.1);
        }
        differ += a->oz[i].all.ci_low != c->oz[i].all.ci_low;
    }
    /* Another seed gives other resamples: a test that could not tell seeds apart would pass
     * with any interval. */
    ASSERT_TRUE(differ > 0);
    pacta_alliance_result_destroy(a);
    pacta_alliance_result_destroy(b);
    pacta_alliance_result_destroy(c);
    pacta_alliance_data_destroy(data);

    /* Bad arguments. */
    const double x[] = {1, 2, 3, 4}, y[] = {1, 3, 2, 4};
    pacta_alliance_spearman_t s;
    ASSERT_INT_EQ(pacta_alliance_spearman(x, y, 4, &s), PACTA_OK);
    ASSERT_INT_EQ(pacta_alliance_spearman_bootstrap(x, y, 4, 100, 1, 1.0, &s), PACTA_EINVAL);
    ASSERT_INT_EQ(pacta_alliance_spearman_bootstrap(x, y, 4, 0, 1, 0.9, &s), PACTA_EINVAL);
    ASSERT_INT_EQ(pacta_alliance_spearman_bootstrap(x, y, 4, 100, 1, 0.9, &s), PACTA_OK);
    ASSERT_TRUE(s.bootstrap_used > 0 && s.bootstrap_used <= 100);
}

/* With PACTA_ALLOC_FAILURE_INJECTION: make every library allocation of load + analyse fail in
 * turn; each must return PACTA_ENOMEM with nothing allocated (the sanitizer build checks for
 * leaks). Without it the sweep has nothing to count and is skipped. */
static void test_allocation_failures(void)
{
    pacta_alloc_fail_after(0);
    pacta_alliance_data_t *data = NULL;
    pacta_alliance_result_t *r = NULL;
    if (pacta_alliance_load(&data, DATA "small.csv", NULL) == PACTA_OK)
        (void)pacta_alliance_analyse(&r, data, NULL, NULL);
    unsigned long total = pacta_alloc_fail_after(0);
    pacta_alliance_result_destroy(r);
    pacta_alliance_data_destroy(data);
    if (total == 0) {
        printf("alliance: allocation-failure sweep skipped (not an injection build)\n");
        return;
    }
    for (unsigned long n = 1; n <= total; n++) {
        pacta_alloc_fail_after(n);
        data = NULL;
        r = NULL;
        pacta_status st = pacta_alliance_load(&data, DATA "small.csv", NULL);
        if (st == PACTA_OK)
            st = pacta_alliance_analyse(&r, data, NULL, NULL);
        pacta_alloc_fail_after(0);
        if (st != PACTA_ENOMEM)
            fprintf(stderr, "allocation %lu of %lu failed but the call returned %d\n", n, total,
                    (int)st);
        ASSERT_INT_EQ(st, PACTA_ENOMEM);
        ASSERT_TRUE(r == NULL);
        pacta_alliance_data_destroy(data);
    }
}

int main(void)
{
    RUN_TEST(test_spearman_ties_by_hand);
    RUN_TEST(test_spearman_exact_perfect);
    RUN_TEST(test_spearman_t_approximation);
    RUN_TEST(test_spearman_edgeworth);
    RUN_TEST(test_nato_against_r);
    RUN_TEST(test_nato_gaps_by_hand);
    RUN_TEST(test_bootstrap_reproducible);
    RUN_TEST(test_spearman_undefined);
    RUN_TEST(test_gaps_and_paths);
    RUN_TEST(test_editions);
    RUN_TEST(test_free_riding_series);
    RUN_TEST(test_malformed);
    RUN_TEST(test_malformed_money);
    RUN_TEST(test_shipped_nato_table);
    RUN_TEST(test_allocation_failures);
    return test_finish("alliance");
}
