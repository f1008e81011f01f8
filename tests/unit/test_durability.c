/* The durability module: the episode rule on small hand-written UCDP and PA-X files (every
 * expected value is worked out by hand in the comments from docs/durability.md §2), bad
 * files reported with file, line and field, fitting from episode tables against R
 * (tests/reference/durability/fixture.out), the model file's round trip, the shipped model
 * against R's fit on the same episodes (tests/reference/durability/episodes.out), and
 * predictions for scenarios. Needs nothing outside the repository. */
#include "test.h"

#include <unistd.h>

#include <pacta/pacta.h>

#define TOL_R 1e-6 /* the contract with R: 1e-6 relative */

static pacta_diag_t *diag;

static void path_of(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/tests/data/durability/%s", PACTA_SOURCE_DIR, name);
}

static bool has_diag(const char *file_end, int line, const char *field, const char *fragment)
{
    for (size_t i = 0; i < pacta_diag_count(diag); i++) {
        const pacta_diag_entry_t *e = pacta_diag_get(diag, i);
        size_t fl = strlen(e->file), el = strlen(file_end);
        if ((file_end[0] == '\0' || (fl >= el && strcmp(e->file + fl - el, file_end) == 0)) &&
            (line == 0 || e->line == line) && (field == NULL || strcmp(e->field, field) == 0) &&
            strstr(e->message, fragment))
            return true;
    }
    return false;
}

static void dump_diags(void)
{
    for (size_t i = 0; i < pacta_diag_count(diag); i++) {
        const pacta_diag_entry_t *e = pacta_diag_get(diag, i);
        fprintf(stderr, "    %s:%d %s: %s\n", e->file, e->line, e->field, e->message);
    }
}

#define ASSERT_DIAG(file, line, field, fragment)                                                   \
    do {                                                                                           \
        test_checks++;                                                                             \
        if (!has_diag(file, line, field, fragment)) {                                              \
            TEST_FAIL_("no diagnostic %s:%d %s: ...%s...; got:", file, line, field ? field : "*",  \
                       fragment);                                                                  \
            dump_diags();                                                                          \
        }                                                                                          \
    } while (0)

/* Key-value reference files written by the R scripts in tests/reference/durability/. */
enum { MAX_REF = 256 };
typedef struct refs {
    char key[MAX_REF][96];
    double value[MAX_REF];
    size_t n;
} refs_t;

static void load_refs(refs_t *r, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/reference/durability/%s", PACTA_SOURCE_DIR, name);
    FILE *f = fopen(path, "r");
    r->n = 0;
    if (f == NULL) {
        TEST_FAIL_("cannot read %s", path);
        return;
    }
    char line[512];
    while (fgets(line, sizeof line, f) && r->n < MAX_REF)
        if (line[0] != '#' && sscanf(line, "%95s %lf", r->key[r->n], &r->value[r->n]) == 2)
            r->n++;
    fclose(f);
}

static double ref(const refs_t *r, const char *key)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->key[i], key) == 0)
            return r->value[i];
    TEST_FAIL_("reference value '%s' missing", key);
    return NAN;
}

/* Write an episode table to a temporary file and load it back. */
static pacta_episodes_t *round_trip(const pacta_episodes_t *e, char *text_out, size_t size)
{
    char path[] = "/tmp/pacta-episodes-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (f == NULL) {
        TEST_FAIL_("cannot create a temporary file");
        return NULL;
    }
    ASSERT_INT_EQ(pacta_episodes_write_csv(e, f), PACTA_OK);
    fclose(f);
    char *text = test_read_file(path);
    if (text && text_out)
        snprintf(text_out, size, "%s", text);
    free(text);
    pacta_episodes_t *back = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_episodes_load(&back, path, diag), PACTA_OK);
    unlink(path);
    return back;
}

/* ---- the episode rule ------------------------------------------------------------------- */

static void episode_rule(void)
{
    char ucdp[4096], pax[4096];
    path_of(ucdp, sizeof ucdp, "ucdp-small.csv");
    path_of(pax, sizeof pax, "pax-small.csv");
    pacta_episode_options_t o;
    pacta_episode_options_default(&o);
    o.ucdp = ucdp;
    o.pax = pax;
    o.from = "1991-01-01";
    o.to = "1998-12-31";
    pacta_episodes_t *e = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_episodes_build(&e, &o, diag), PACTA_OK);
    if (e == NULL) {
        dump_diags();
        return;
    }
    /* Conflict 1 ends twice (1993-06-30, 1996-08-01) and conflict 2 once (1994-05-10);
     * conflict 3 never ends and conflict 4 ends in 1989, before the window. */
    ASSERT_INT_EQ(pacta_episodes_count(e), 3);
    static char text[16384];
    pacta_episodes_t *back = round_trip(e, text, sizeof text);
    ASSERT_STR_CONTAINS(text, "# pacta durability episodes: rule " PACTA_EPISODE_RULE);
    ASSERT_STR_CONTAINS(text, "censored 1999-12-31"); /* 31 Dec of the last UCDP year */
    ASSERT_STR_CONTAINS(text, "count: 3 episodes, 1 recurrences");
    /* Conflict 1, first peace: 1993-06-30 to the next episode's start 1996-03-01 = 975
     * days = 2.6694045174537986 years of 365.25 days (Python: repr(975/365.25)); recurred. War
     * 1992-02-01 to 1993-06-30 = 516 days inclusive = 1.4127310061601643 years, log1p of it
     * 0.88073...; intensity 2 in 1993. Agreement 11 (1993-05-01) is in the window
     * (CeProv 1, ImPK 1); 12 (1996-01-01) is not. */
    ASSERT_STR_CONTAINS(text, "\n1,intrastate,government,1992-02-01,1993-06-30,1996-03-01,"
                              "2.6694045174537986,1,0,1,1.4127310061601643,");
    ASSERT_STR_CONTAINS(text, ",1,1,1,0,0,0,0,0,1,11\n");
    /* Conflict 1, second peace: 1996-08-01, censored 1999-12-31 (1247 days); agreement 16
     * (StUni 1, Terps 3: territorial and power sharing); 12 predates this war episode. */
    ASSERT_STR_CONTAINS(text, "\n1,intrastate,government,1996-03-01,1996-08-01,1999-12-31,"
                              "3.4140999315537304,0,0,0,");
    ASSERT_STR_CONTAINS(text, ",1,0,0,0,0,0,1,1,1,16\n");
    /* Conflict 2, interstate, intensity 2: agreement 13 (SsrGua, DdrDemil, SsrFf, StBor,
     * Polps 2); 14 is local (IntraLocal) and 15 has no UCDP link (NA). */
    ASSERT_STR_CONTAINS(text, "\n2,interstate,territory,1994-01-15,1994-05-10,1999-12-31,");
    ASSERT_STR_CONTAINS(text, ",1,0,0,1,1,1,1,1,1,13\n");
    /* The header row, in the documented order. */
    ASSERT_STR_CONTAINS(text, "\nconflict_id,type,incompatibility,war_start,peace_start,"
                              "peace_end,years,recurred,interstate,major_war,war_years,"
                              "log_war_years,agreement,ceasefire,monitoring,"
                              "third_party_guarantee,demilitarised_zone,withdrawal,"
                              "territorial,power_sharing,agreements,agreement_ids\n");
    if (back != NULL)
        ASSERT_INT_EQ(pacta_episodes_count(back), 3);
    pacta_episodes_destroy(back);
    pacta_episodes_destroy(e);

    /* The default window: the first day of PA-X's first year plus the window, to the last
     * agreement minus the window: 1993-01-01 + 365 days = 1994-01-01 to 1996-09-01 - 365
     * days = 1995-09-02. Only conflict 2's peace (1994-05-10) starts then. */
    o.from = o.to = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_episodes_build(&e, &o, diag), PACTA_OK);
    if (e != NULL) {
        ASSERT_INT_EQ(pacta_episodes_count(e), 1);
        back = round_trip(e, text, sizeof text);
        pacta_episodes_destroy(back);
        ASSERT_STR_CONTAINS(text, "peace starts 1994-01-01 to 1995-09-02");
        ASSERT_STR_CONTAINS(text, "\n2,interstate,territory,1994-01-15,1994-05-10,");
    }
    pacta_episodes_destroy(e);
    /* A window with no episode gives an empty table and a warning. */
    o.from = "1980-01-01";
    o.to = "1980-12-31";
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_episodes_build(&e, &o, diag), PACTA_OK);
    if (e != NULL)
        ASSERT_INT_EQ(pacta_episodes_count(e), 0);
    ASSERT_DIAG("", 0, "", "no peace episode starts inside the window");
    pacta_episodes_destroy(e);
}

static void bad_files(void)
{
    char ucdp[4096], pax[4096], good_ucdp[4096], good_pax[4096];
    path_of(ucdp, sizeof ucdp, "ucdp-bad.csv");
    path_of(pax, sizeof pax, "pax-bad.csv");
    path_of(good_ucdp, sizeof good_ucdp, "ucdp-small.csv");
    path_of(good_pax, sizeof good_pax, "pax-small.csv");
    pacta_episode_options_t o;
    pacta_episode_options_default(&o);
    o.ucdp = ucdp;
    o.pax = pax;
    pacta_episodes_t *e = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_episodes_build(&e, &o, diag), PACTA_EINPUT);
    ASSERT_TRUE(e == NULL);
    /* Every problem of both files in one run, each with its file, line and field. */
    ASSERT_DIAG("ucdp-bad.csv", 3, "year", "'19x3' is not a whole number from 1800 to 2200");
    ASSERT_DIAG("ucdp-bad.csv", 4, "intensity_level", "'3' is not a whole number from 1 to 2");
    ASSERT_DIAG("ucdp-bad.csv", 5, "start_date2", "'1995-13-01' is not a date YYYY-MM-DD");
    ASSERT_DIAG("ucdp-bad.csv", 7, "ep_end_date",
                "differs from the row for the same "
                "conflict-year on line 6");
    ASSERT_DIAG("ucdp-bad.csv", 8, "ep_end_date", "'' is not a date");
    /* PA-X: the short row starts on line 4, after a quoted field spanning lines 2-3. */
    ASSERT_DIAG("pax-bad.csv", 4, "", "the row has 3 fields but the header (line 1) has 4");
    /* A missing file. */
    o.ucdp = good_ucdp;
    o.pax = "/nonexistent/pax.csv";
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_episodes_build(&e, &o, diag), PACTA_EIO);
    ASSERT_DIAG("/nonexistent/pax.csv", 0, "", "cannot open");
    /* A header without the columns the rule needs: PA-X given as UCDP. */
    o.ucdp = good_pax;
    o.pax = good_pax;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_episodes_build(&e, &o, diag), PACTA_EINPUT);
    ASSERT_DIAG("pax-small.csv", 1, "type_of_conflict", "the header has no column");
    /* Options are checked. */
    o.from = "1991-02-30";
    ASSERT_INT_EQ(pacta_episodes_build(&e, &o, diag), PACTA_EINVAL);
}

/* ---- fitting from an episode table ------------------------------------------------------ */

static pacta_durability_model_t *fit_fixture_with(pacta_surv_family family,
                                                  const char *const *covs)
{
    char path[4096];
    path_of(path, sizeof path, "episodes-fixture.csv");
    pacta_episodes_t *e = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_episodes_load(&e, path, diag), PACTA_OK);
    if (e == NULL)
        return NULL;
    pacta_durability_fit_options_t o;
    pacta_durability_fit_options_default(&o);
    o.covariates = covs;
    o.created = "2025-12-31";
    o.episodes_name = "episodes-fixture.csv";
    o.survival.family = family;
    pacta_durability_model_t *m = NULL;
    ASSERT_INT_EQ(pacta_durability_fit(&m, e, &o, diag), PACTA_OK);
    pacta_episodes_destroy(e);
    return m;
}

static pacta_durability_model_t *fit_fixture(pacta_surv_family family)
{
    static const char *const covs[] = {"monitoring", "log_war_years", "ceasefire", NULL};
    return fit_fixture_with(family, covs);
}

static void fit_against_r(void)
{
    /* episodes-fixture.csv is fixture.csv with x1, x2, x3 renamed monitoring,
     * log_war_years, ceasefire, so R's fits of fixture.csv apply. */
    refs_t r;
    load_refs(&r, "fixture.out");
    static const char *const x[3] = {"x1", "x2", "x3"};
    pacta_durability_model_t *m = fit_fixture(PACTA_SURV_COX);
    if (m != NULL) {
        ASSERT_STR_EQ(m->fit->names[0], "monitoring");
        ASSERT_STR_EQ(m->created, "2025-12-31");
        ASSERT_STR_EQ(m->episode_rule, "unknown"); /* the file has no rule line */
        ASSERT_INT_EQ(m->n_provenance, 2);
        for (size_t j = 0; j < 3; j++) {
            char key[64];
            snprintf(key, sizeof key, "efron.coef.%s", x[j]);
            ASSERT_REL(m->fit->beta[j], ref(&r, key), TOL_R);
            snprintf(key, sizeof key, "efron.se.%s", x[j]);
            ASSERT_REL(m->fit->se[j], ref(&r, key), TOL_R);
        }
        ASSERT_REL(m->fit->loglik, ref(&r, "efron.loglik"), TOL_R);
    }
    pacta_durability_model_destroy(m);
    m = fit_fixture(PACTA_SURV_WEIBULL);
    if (m != NULL) {
        for (size_t j = 0; j < 3; j++) {
            char key[64];
            snprintf(key, sizeof key, "weibull.ph.coef.%s", x[j]);
            ASSERT_REL(m->fit->beta[j], ref(&r, key), TOL_R);
        }
        ASSERT_REL(m->fit->shape, ref(&r, "weibull.ph.shape"), TOL_R);
    }
    pacta_durability_model_destroy(m);
}

static void fit_bad_table(void)
{
    char path[4096];
    path_of(path, sizeof path, "episodes-bad.csv");
    pacta_episodes_t *e = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_episodes_load(&e, path, diag), PACTA_OK);
    if (e == NULL)
        return;
    const char *covs[] = {"monitoring", "ceasefire", NULL};
    pacta_durability_fit_options_t o;
    pacta_durability_fit_options_default(&o);
    o.covariates = covs;
    pacta_durability_model_t *m = NULL;
    ASSERT_INT_EQ(pacta_durability_fit(&m, e, &o, diag), PACTA_EINPUT);
    /* Line 1 is a comment, line 2 the header. */
    ASSERT_DIAG("episodes-bad.csv", 4, "years", "'abc' is not a decimal number");
    ASSERT_DIAG("episodes-bad.csv", 5, "recurred", "must be 0 (censored) or 1 (recurred), found 2");
    ASSERT_DIAG("episodes-bad.csv", 6, "monitoring", "'yes' is not a decimal number");
    /* An unknown column. */
    const char *missing[] = {"monitoring", "peacekeepers", NULL};
    o.covariates = missing;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_durability_fit(&m, e, &o, diag), PACTA_EINPUT);
    ASSERT_DIAG("episodes-bad.csv", 2, "peacekeepers", "the header has no covariate column");
    pacta_episodes_destroy(e);
    /* Zero durations: named with their line for Weibull. */
    char tmp[] = "/tmp/pacta-zero-XXXXXX";
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (f == NULL)
        return;
    fputs("years,recurred,monitoring\n1,1,0\n0,1,1\n2,0,1\n3,1,0\n", f);
    fclose(f);
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_episodes_load(&e, tmp, diag), PACTA_OK);
    const char *one[] = {"monitoring", NULL};
    o.covariates = one;
    o.survival.family = PACTA_SURV_WEIBULL;
    ASSERT_INT_EQ(pacta_durability_fit(&m, e, &o, diag), PACTA_EINPUT);
    ASSERT_DIAG("", 3, "years", "a duration of 0 has no Weibull likelihood");
    pacta_episodes_destroy(e);
    unlink(tmp);
}

/* ---- model files ------------------------------------------------------------------------ */

static pacta_durability_model_t *yaml_round_trip(const pacta_durability_model_t *m)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ASSERT_INT_EQ(pacta_durability_model_write_yaml(m, f), PACTA_OK);
    fclose(f);
    pacta_durability_model_t *back = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_durability_model_parse(&back, buf, len, "m.yaml", diag), PACTA_OK);
    if (back == NULL)
        dump_diags();
    free(buf);
    return back;
}

static void model_round_trip(void)
{
    for (int family = 0; family < 2; family++) {
        pacta_durability_model_t *m = fit_fixture((pacta_surv_family)family);
        if (m == NULL)
            continue;
        pacta_durability_model_t *b = yaml_round_trip(m);
        if (b != NULL) {
            const pacta_surv_model_t *x = m->fit, *y = b->fit;
            /* Numbers are written with the fewest digits that read back exactly. */
            ASSERT_INT_EQ(y->family, x->family);
            ASSERT_INT_EQ(y->p, x->p);
            ASSERT_INT_EQ(y->n, x->n);
            ASSERT_INT_EQ(y->events, x->events);
            ASSERT_ABS(y->loglik, x->loglik, 0.0);
            for (size_t j = 0; j < x->p; j++) {
                ASSERT_STR_EQ(y->names[j], x->names[j]);
                ASSERT_ABS(y->beta[j], x->beta[j], 0.0);
                ASSERT_ABS(y->se[j], x->se[j], 0.0);
                ASSERT_ABS(y->x_mean[j], x->x_mean[j], 0.0);
                ASSERT_INT_EQ(y->x_nonzero[j], x->x_nonzero[j]);
            }
            for (size_t a = 0; a < x->k * x->k; a++)
                ASSERT_ABS(y->cov[a], x->cov[a], 0.0);
            ASSERT_ABS(y->shape, x->shape, 0.0);
            ASSERT_INT_EQ(y->n_steps, x->n_steps);
            for (size_t s = 0; s < x->n_steps && s < y->n_steps; s++) {
                ASSERT_ABS(y->step_cumhaz[s], x->step_cumhaz[s], 0.0);
                ASSERT_ABS(y->step_a[s * x->p], x->step_a[s * x->p], 0.0);
            }
            ASSERT_STR_EQ(b->created, m->created);
            ASSERT_STR_EQ(b->episodes_file, "episodes-fixture.csv");
            ASSERT_INT_EQ(b->n_provenance, m->n_provenance);
        }
        pacta_durability_model_destroy(b);
        pacta_durability_model_destroy(m);
    }
}

static void model_file_errors(void)
{
    char path[4096];
    path_of(path, sizeof path, "bad-model.yaml");
    pacta_durability_model_t *m = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_durability_model_load(&m, path, diag), PACTA_EINPUT);
    /* Reported where the list starts (line 10; the key is on line 9). */
    ASSERT_DIAG("bad-model.yaml", 10, "covariance", "expected 3 rows, found 2");
    const char *wrong = "schema: pacta.durability-model/9\nmodel: cox\n";
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_durability_model_parse(&m, wrong, strlen(wrong), "w.yaml", diag),
                  PACTA_EINPUT);
    ASSERT_DIAG("w.yaml", 1, "schema", "unsupported schema");
    /* Counts must be whole and consistent. */
    const char *counts = "schema: pacta.durability-model/1\nmodel: weibull\n"
                         "provenance: {created: x, pacta_version: y, episode_rule: z}\n"
                         "fit: {n: -5, events: 2.5, iterations: 3, loglik: -1, loglik_null: -2,"
                         " max_time: 1, max_distance: 1}\n"
                         "weibull: {intercept: 0, intercept_se: 1, shape: 1, shape_se: 1}\n"
                         "covariates: []\ncovariance: [[1, 0], [0, 1]]\ndata_covariance: []\n";
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_durability_model_parse(&m, counts, strlen(counts), "c.yaml", diag),
                  PACTA_EINPUT);
    ASSERT_DIAG("c.yaml", 4, "fit.n", "expected a whole number from 0 to 10^9");
    ASSERT_DIAG("c.yaml", 4, "fit.events", "expected a whole number from 0 to 10^9");
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_durability_model_load(&m, "/nonexistent/m.yaml", diag), PACTA_EIO);
}

/* ---- the shipped model ------------------------------------------------------------------ */

static void shipped_model_matches_r(void)
{
    /* data/durability/default.yaml (compiled in) and weibull.yaml against R's fits on the
     * same episode table: episodes.out, written by episodes.R. */
    refs_t r;
    load_refs(&r, "episodes.out");
    size_t len = 0;
    const char *text = pacta_durability_default_model_text(&len);
    pacta_durability_model_t *m = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_durability_model_parse(&m, text, len, "default.yaml", diag), PACTA_OK);
    if (m == NULL) {
        dump_diags();
        return;
    }
    const pacta_surv_model_t *f = m->fit;
    ASSERT_INT_EQ(f->family, PACTA_SURV_COX);
    ASSERT_INT_EQ(f->n, (size_t)ref(&r, "n"));
    ASSERT_INT_EQ(f->events, (size_t)ref(&r, "events"));
    ASSERT_STR_EQ(m->episode_rule, PACTA_EPISODE_RULE);
    const char *const *names = pacta_durability_default_covariates();
    for (size_t j = 0; j < f->p; j++) {
        char key[96];
        ASSERT_STR_EQ(f->names[j], names[j]);
        snprintf(key, sizeof key, "cox.coef.%s", f->names[j]);
        ASSERT_REL(f->beta[j], ref(&r, key), TOL_R);
        snprintf(key, sizeof key, "cox.se.%s", f->names[j]);
        ASSERT_REL(f->se[j], ref(&r, key), TOL_R);
    }
    ASSERT_REL(f->loglik, ref(&r, "cox.loglik"), TOL_R);
    ASSERT_REL(f->loglik_null, ref(&r, "cox.loglik.null"), TOL_R);
    /* R's first recurrence is the first baseline step. */
    ASSERT_REL(f->step_time[0], ref(&r, "check.first.event"), TOL_EXACT);
    pacta_durability_model_destroy(m);
    /* The compiled-in text is data/durability/default.yaml, byte for byte. */
    char path[4096];
    snprintf(path, sizeof path, "%s/data/durability/default.yaml", PACTA_SOURCE_DIR);
    char *file = test_read_file(path);
    ASSERT_TRUE(file != NULL && strlen(file) == len && memcmp(file, text, len) == 0);
    free(file);

    snprintf(path, sizeof path, "%s/data/durability/weibull.yaml", PACTA_SOURCE_DIR);
    ASSERT_INT_EQ(pacta_durability_model_load(&m, path, diag), PACTA_OK);
    if (m == NULL)
        return;
    f = m->fit;
    for (size_t j = 0; j < f->p; j++) {
        char key[96];
        snprintf(key, sizeof key, "weibull.ph.coef.%s", f->names[j]);
        ASSERT_REL(f->beta[j], ref(&r, key), TOL_R);
        snprintf(key, sizeof key, "weibull.ph.se.%s", f->names[j]);
        ASSERT_REL(f->se[j], ref(&r, key), TOL_R);
    }
    ASSERT_REL(f->intercept, ref(&r, "weibull.ph.intercept"), TOL_R);
    ASSERT_REL(f->intercept_se, ref(&r, "weibull.ph.intercept.se"), TOL_R);
    ASSERT_REL(f->shape, ref(&r, "weibull.ph.shape"), TOL_R);
    ASSERT_REL(f->shape_se, ref(&r, "weibull.ph.shape.se"), TOL_R);
    ASSERT_REL(f->loglik, ref(&r, "weibull.loglik"), TOL_R);
    /* And in R's own parametrisation. */
    double coef[PACTA_SURV_MAX_COVARIATES + 1], se[PACTA_SURV_MAX_COVARIATES + 1], ls, lss;
    ASSERT_INT_EQ(pacta_surv_weibull_aft(f, coef, se, &ls, &lss), PACTA_OK);
    ASSERT_REL(coef[0], ref(&r, "weibull.aft.coef.(Intercept)"), TOL_R);
    for (size_t j = 0; j < f->p; j++) {
        char key[96];
        snprintf(key, sizeof key, "weibull.aft.se.%s", f->names[j]);
        ASSERT_REL(se[j + 1], ref(&r, key), TOL_R);
    }
    ASSERT_REL(ls, ref(&r, "weibull.aft.logscale"), TOL_R);
    pacta_durability_model_destroy(m);
}

/* ---- predictions ------------------------------------------------------------------------ */

static pacta_scenario_t *small_scenario(void)
{
    char path[4096];
    path_of(path, sizeof path, "small.yaml");
    pacta_scenario_t *s = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_load(&s, path, diag), PACTA_OK);
    return s;
}

static void predictions(void)
{
    pacta_durability_model_t *m = fit_fixture(PACTA_SURV_COX);
    pacta_scenario_t *s = small_scenario();
    if (m == NULL || s == NULL) {
        pacta_durability_model_destroy(m);
        pacta_scenario_destroy(s);
        return;
    }
    pacta_durability_predict_options_t o;
    pacta_durability_predict_options_default(&o);
    pacta_durability_report_t *rep = NULL;
    /* small.yaml has no durability: block and the model needs war_years (log_war_years). */
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_durability_predict(&rep, m, s, &o, diag), PACTA_EINPUT);
    ASSERT_DIAG("small.yaml", 0, "durability", "the model needs 'war_years'");
    ASSERT_DIAG("small.yaml", 0, "durability", "--war-years");
    /* log1p(40) = 3.71 is beyond the data's largest log_war_years (2.64 in fixture.csv). */
    o.facts.has_war_years = true;
    o.facts.war_years = 40.0;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_durability_predict(&rep, m, s, &o, diag), PACTA_OK);
    if (rep == NULL) {
        dump_diags();
    } else {
        ASSERT_INT_EQ(rep->n_results, 2);
        const pacta_durability_result_t *bare = &rep->results[0], *full = &rep->results[1];
        ASSERT_STR_EQ(bare->proposal, "bare");
        /* Covariates: monitoring (absent for bare), log_war_years, ceasefire (declared). */
        ASSERT_ABS(bare->x[0], 0.0, 0.0);
        ASSERT_INT_EQ(bare->origin[0], PACTA_ORIGIN_ASSUMED);
        ASSERT_ABS(bare->x[1], log1p(40.0), TOL_EXACT);
        ASSERT_INT_EQ(bare->origin[1], PACTA_ORIGIN_OPTION);
        ASSERT_ABS(bare->x[2], 1.0, 0.0);
        ASSERT_INT_EQ(bare->origin[2], PACTA_ORIGIN_DECLARED);
        ASSERT_ABS(full->x[0], 1.0, 0.0);
        /* Point predictions are the survival function at the covariates. */
        ASSERT_ABS(bare->prediction.survival[1], pacta_surv_survival(m->fit, bare->x, 5.0), 0.0);
        /* Monitoring has HR exp(-0.706) < 1, so the monitored proposal holds longer. */
        ASSERT_TRUE(full->prediction.survival[1] > bare->prediction.survival[1]);
        /* Effects: the two provision covariates, largest change first; switching
         * monitoring on for "bare" gives exactly the "full" covariates' survival. */
        ASSERT_INT_EQ(bare->n_effects, 2);
        if (bare->n_effects == 2) {
            const pacta_durability_effect_t *a = &bare->effects[0], *b = &bare->effects[1];
            ASSERT_TRUE(fabs(a->toggled - a->survival) >= fabs(b->toggled - b->survival));
            const pacta_durability_effect_t *mon = a->covariate == 0 ? a : b;
            ASSERT_INT_EQ(mon->covariate, 0);
            ASSERT_ABS(mon->toggled, full->prediction.survival[1], TOL_EXACT);
            ASSERT_REL(mon->hazard_ratio, exp(m->fit->beta[0]), TOL_EXACT);
            ASSERT_TRUE(mon->hr_lower < mon->hazard_ratio && mon->hazard_ratio < mon->hr_upper);
        }
        /* Provisions the model does not use are listed. */
        ASSERT_INT_EQ(full->n_ignored, 2);
        ASSERT_STR_EQ(full->ignored[0], "third_party_guarantee");
        ASSERT_STR_EQ(full->ignored[1], "joint_commission");
        /* Extrapolation is flagged. */
        bool range = false;
        for (size_t k = 0; k < bare->n_warnings; k++)
            range |= strstr(bare->warnings[k], "log_war_years = 3.71") != NULL &&
                     strstr(bare->warnings[k], "outside the range") != NULL;
        ASSERT_TRUE(range);
        /* JSON output is complete. */
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        ASSERT_INT_EQ(pacta_durability_write_json(rep, s, f), PACTA_OK);
        fclose(f);
        ASSERT_STR_CONTAINS(buf, "\"schema\": \"pacta.durability/1\"");
        ASSERT_STR_CONTAINS(buf, "\"origin\": \"assumed absent\"");
        free(buf);
    }
    pacta_durability_report_destroy(rep);
    rep = NULL;
    /* One proposal only; an unknown one is a usage error. */
    o.proposal = "full";
    ASSERT_INT_EQ(pacta_durability_predict(&rep, m, s, &o, diag), PACTA_OK);
    if (rep)
        ASSERT_INT_EQ(rep->n_results, 1);
    pacta_durability_report_destroy(rep);
    o.proposal = "nope";
    ASSERT_INT_EQ(pacta_durability_predict(&rep, m, s, &o, diag), PACTA_EINVAL);
    pacta_durability_model_destroy(m);
    pacta_scenario_destroy(s);
}

static void baseline_only(void)
{
    /* A model without covariates (the library allows it; the command asks for at least one)
     * is written with an empty list, reads back, and predicts the same for every proposal.
     * Found by fuzzing: the list was written as an empty value, which did not read back. */
    static const char *const none[] = {NULL};
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/ukraine-2025.yaml", PACTA_SOURCE_DIR);
    pacta_scenario_t *s = NULL;
    ASSERT_INT_EQ(pacta_scenario_load(&s, path, diag), PACTA_OK);
    for (int family = 0; family < 2 && s != NULL; family++) {
        pacta_durability_model_t *m = fit_fixture_with((pacta_surv_family)family, none);
        pacta_durability_model_t *b = m ? yaml_round_trip(m) : NULL;
        pacta_durability_report_t *rep = NULL;
        if (b != NULL) {
            ASSERT_INT_EQ(b->fit->p, 0);
            ASSERT_INT_EQ(pacta_durability_predict(&rep, b, s, NULL, diag), PACTA_OK);
        }
        if (rep != NULL) {
            ASSERT_INT_EQ(rep->n_results, 9);
            const pacta_surv_prediction_t *first = &rep->results[0].prediction;
            for (size_t i = 1; i < rep->n_results; i++)
                for (size_t h = 0; h < first->n_horizons; h++)
                    ASSERT_ABS(rep->results[i].prediction.survival[h], first->survival[h], 0.0);
            for (size_t h = 0; h < first->n_horizons; h++)
                ASSERT_TRUE(first->survival[h] >= 0 && first->survival[h] <= 1);
        }
        pacta_durability_report_destroy(rep);
        pacta_durability_model_destroy(b);
        pacta_durability_model_destroy(m);
    }
    pacta_scenario_destroy(s);
}

static void ukraine_example(void)
{
    /* The shipped Ukraine scenario predicts with the shipped model, from its durability:
     * block, with intervals for every proposal. */
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/ukraine-2025.yaml", PACTA_SOURCE_DIR);
    pacta_scenario_t *s = NULL;
    pacta_durability_model_t *m = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_load(&s, path, diag), PACTA_OK);
    size_t len = 0;
    const char *text = pacta_durability_default_model_text(&len);
    ASSERT_INT_EQ(pacta_durability_model_parse(&m, text, len, "default.yaml", diag), PACTA_OK);
    if (s == NULL || m == NULL) {
        pacta_scenario_destroy(s);
        pacta_durability_model_destroy(m);
        return;
    }
    pacta_durability_report_t *rep = NULL;
    ASSERT_INT_EQ(pacta_durability_predict(&rep, m, s, NULL, diag), PACTA_OK);
    if (rep != NULL) {
        ASSERT_INT_EQ(rep->n_results, 9);
        for (size_t i = 0; i < rep->n_results; i++) {
            const pacta_surv_prediction_t *pr = &rep->results[i].prediction;
            for (size_t h = 1; h < pr->n_horizons; h++)
                ASSERT_TRUE(pr->lower[h] < pr->survival[h] && pr->survival[h] < pr->upper[h]);
            /* Every proposal is interstate: 13 of 267 episodes, flagged. */
            bool thin = false;
            for (size_t k = 0; k < rep->results[i].n_warnings; k++)
                thin |= strstr(rep->results[i].warnings[k], "interstate = 1") != NULL;
            ASSERT_TRUE(thin);
        }
    }
    pacta_durability_report_destroy(rep);
    pacta_durability_model_destroy(m);
    pacta_scenario_destroy(s);
}

int main(void)
{
    pacta_diag_create(&diag);
    RUN_TEST(episode_rule);
    RUN_TEST(bad_files);
    RUN_TEST(fit_against_r);
    RUN_TEST(fit_bad_table);
    RUN_TEST(model_round_trip);
    RUN_TEST(baseline_only);
    RUN_TEST(model_file_errors);
    RUN_TEST(shipped_model_matches_r);
    RUN_TEST(predictions);
    RUN_TEST(ukraine_example);
    pacta_diag_destroy(diag);
    return test_finish("durability");
}
