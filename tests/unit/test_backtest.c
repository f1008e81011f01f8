/* Backtests on small fixtures written for these tests (tests/data/backtest/); every
 * expected value is worked out by hand beside its check. Needs nothing outside the repo. */
#include "test.h"

#include <pacta/pacta.h>

#include "backtest/backtest_internal.h"
#include "core/alloc.h"

#define DATA PACTA_SOURCE_DIR "/tests/data/backtest/"

static pacta_diag_t *diag;

static pacta_backtest_set_t *read_set(const char *file, const char *format, const char *capability)
{
    pacta_backtest_read_options_t o;
    pacta_backtest_read_options_default(&o);
    o.format = format;
    o.capability = capability;
    const char *path = file;
    pacta_backtest_set_t *set = NULL;
    pacta_diag_clear(diag);
    pacta_status st = pacta_backtest_read(&set, &path, 1, &o, diag);
    if (st != PACTA_OK) {
        TEST_FAIL_("reading %s gave status %d", file, (int)st);
        for (size_t i = 0; i < pacta_diag_count(diag); i++)
            fprintf(stderr, "  %s\n", pacta_diag_get(diag, i)->message);
    }
    return set;
}

/* Run the listed models (comma-free names) with no bootstrap unless asked. */
static pacta_backtest_result_t *run(const pacta_backtest_set_t *set, const char *const *models,
                                    size_t n, unsigned long bootstrap)
{
    pacta_backtest_options_t o;
    pacta_backtest_options_default(&o);
    o.models = models;
    o.n_models = n;
    o.bootstrap = bootstrap;
    pacta_backtest_result_t *r = NULL;
    pacta_diag_clear(diag);
    pacta_status st = pacta_backtest_run(&r, set, &o, diag);
    if (st != PACTA_OK)
        TEST_FAIL_("run gave status %d", (int)st);
    return r;
}

static const pacta_backtest_model_t *model(const pacta_backtest_result_t *r, const char *label)
{
    for (size_t m = 0; r && m < r->n_models; m++)
        if (strcmp(r->models[m].label, label) == 0)
            return &r->models[m];
    TEST_FAIL_("no model %s in the result", label);
    return NULL;
}

static bool has_diag(int line, const char *field, const char *fragment)
{
    for (size_t i = 0; i < pacta_diag_count(diag); i++) {
        const pacta_diag_entry_t *e = pacta_diag_get(diag, i);
        if ((line == 0 || e->line == line) && strcmp(e->field, field) == 0 &&
            strstr(e->message, fragment) != NULL)
            return true;
    }
    return false;
}

#define ASSERT_DIAG(line, field, fragment)                                                         \
    do {                                                                                           \
        test_checks++;                                                                             \
        if (!has_diag(line, field, fragment))                                                      \
            TEST_FAIL_("no diagnostic line %d %s: ...%s...", line, field, fragment);               \
    } while (0)

/* mini.tsv (CRLF line ends like the DEU III copy): 6 issue rows in 3 proposals, a
 * capability row, one issue without an outcome (p2i2), one with a single actor (p2i3), a
 * salience of 0 (lu on p1i2) and a position of 999 (fr on p2i1). */
static void reads_deu_table(void)
{
    pacta_backtest_set_t *set = read_set(DATA "mini.tsv", NULL, NULL);
    if (set == NULL)
        return;
    ASSERT_STR_EQ(set->format, "deu");
    ASSERT_STR_EQ(set->capability, "equal");
    ASSERT_INT_EQ(set->n_proposals, 3);
    ASSERT_INT_EQ(set->n_cases, 4);
    ASSERT_INT_EQ(set->excluded.issues_read, 6);
    ASSERT_INT_EQ(set->excluded.no_outcome, 1);
    ASSERT_INT_EQ(set->excluded.too_few_actors, 1);
    ASSERT_INT_EQ(set->excluded.positions_read, 21); /* 4 + 5 + 4 + 2 + 1 + 5 */
    ASSERT_INT_EQ(set->excluded.no_salience, 1);
    ASSERT_INT_EQ(set->excluded.outside_scale, 1);
    const pacta_backtest_proposal_t *p1 = &set->proposals[0], *p2 = &set->proposals[1];
    ASSERT_STR_EQ(p1->id, "p1");
    ASSERT_STR_EQ(p1->name, "first");
    ASSERT_STR_EQ(p1->procedure, "COD");
    ASSERT_STR_EQ(p1->rule, "QMV");
    ASSERT_STR_EQ(p1->date, "01-02-03");
    ASSERT_STR_EQ(p2->rule, "Unan");
    ASSERT_INT_EQ(p1->line, 3);
    /* The proposal as an ordinary scenario: its two issues, the actors that count. */
    const pacta_scenario_t *s = p1->scenario;
    ASSERT_INT_EQ(s->n_issues, 2);
    ASSERT_STR_EQ(s->issues[0].id, "p1i1");
    ASSERT_TRUE(s->issues[0].has_status_quo && s->issues[0].status_quo.value == 0);
    ASSERT_TRUE(s->issues[0].has_outcome && s->issues[0].outcome.value == 60);
    ASSERT_TRUE(!s->issues[1].has_status_quo); /* rp blank */
    ASSERT_INT_EQ(s->issues[1].at.line, 4);
    ASSERT_INT_EQ(s->n_actors, 4); /* com, ep, de, fr; lu only has a salience of 0 */
    long lu = pacta_scenario_find_actor(s, "lu");
    ASSERT_TRUE(lu < 0);
    long fr = pacta_scenario_find_actor(s, "fr");
    ASSERT_TRUE(fr >= 0);
    if (fr >= 0) {
        ASSERT_TRUE(s->actors[fr].stances[1].present);
        ASSERT_ABS(s->actors[fr].stances[1].position.value, 60, 0);
        ASSERT_ABS(s->actors[fr].capability.value, 1, 0);
    }
    ASSERT_INT_EQ(p2->scenario->n_issues, 1); /* p2i1 only */
    ASSERT_INT_EQ(p2->scenario->n_actors, 3); /* com, de, lu; fr's 999 is off the scale */
    ASSERT_INT_EQ(set->cases[2].proposal, 1);
    ASSERT_INT_EQ(set->cases[2].n_actors, 3);

    /* The scenario writes and reads back like any other, outcome included. */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ASSERT_INT_EQ(pacta_scenario_write_yaml(s, f), PACTA_OK);
    fclose(f);
    pacta_scenario_t *back = NULL;
    ASSERT_INT_EQ(pacta_scenario_parse(&back, buf, len, "p1.yaml", "yaml", NULL, NULL), PACTA_OK);
    if (back != NULL) {
        ASSERT_INT_EQ(back->n_issues, 2);
        ASSERT_TRUE(back->issues[0].has_outcome && back->issues[0].outcome.value == 60);
    }
    pacta_scenario_destroy(back);
    free(buf);
    pacta_backtest_set_destroy(set);
}

/* Equal capabilities (all 1), so weights are saliences. Forecasts, by hand:
 *   p1i1 (out 60, rp 0): com 100/s50, ep 0/s50, de 100/s100, fr 0/s100.
 *        mean (5000 + 10000)/300 = 50; lower median: cumulative weight at 0 is 150 = half -> 0;
 *        Nash: ep and fr sit on rp, so the bargaining set is empty -> rp = 0.
 *   p1i2 (out 40, no rp): com 40, ep 80, de 20, fr 60, all s50. mean 50; median 40.
 *   p2i1 (out 0, rp 100): com 100, de 0, lu 50, all s100. mean 50; median 50; Nash: com
 *        sits on rp -> 100.
 *   p3i1 (out 70, rp 0): com, fr, lu at 30 and ep, de at 70, all s60. mean 230/5 = 46;
 *        median 30; Nash: F = 5 ln x below 30 and 3 ln(60 - x) + 2 ln x above, so the kink
 *        30 (F'(30-) = 1/6 > 0 > F'(30+) = -1/30).
 * Errors: compromise -10, +10, +50, -24; median -60, 0, +50, -40; Nash -60, -, +100, -40. */
static void scores_by_hand(void)
{
    pacta_backtest_set_t *set = read_set(DATA "mini.tsv", NULL, NULL);
    const char *models[] = {"compromise", "median", "nash", "focal", "status-quo", "eu-procedural"};
    pacta_backtest_result_t *r = set ? run(set, models, 6, 0) : NULL;
    if (r == NULL) {
        pacta_backtest_set_destroy(set);
        return;
    }
    ASSERT_INT_EQ(r->n_models, 6);
    ASSERT_INT_EQ(r->baseline, 0);
    const pacta_backtest_scores_t *c = &model(r, "compromise")->all;
    ASSERT_INT_EQ(c->n_issues, 4);
    ASSERT_INT_EQ(c->n_proposals, 3);
    ASSERT_ABS(c->mae.value, 94.0 / 4, TOL_EXACT * 100);          /* (10+10+50+24)/4 */
    ASSERT_ABS(c->rmse.value, sqrt(3276.0 / 4), TOL_EXACT * 100); /* 100+100+2500+576 */
    ASSERT_ABS(c->median.value, 17, TOL_EXACT * 100);             /* (10 + 24)/2 */
    ASSERT_ABS(c->within.value, 0.5, 0);                          /* 10 and 10 */
    ASSERT_ABS(c->mae_difference.value, 0, 0);
    ASSERT_TRUE(isnan(c->mae.lo) && isnan(c->mae.hi)); /* no bootstrap asked */

    const pacta_backtest_scores_t *m = &model(r, "median")->all;
    ASSERT_ABS(m->mae.value, 150.0 / 4, TOL_EXACT * 100); /* 60+0+50+40 */
    ASSERT_ABS(m->rmse.value, sqrt(7700.0 / 4), TOL_EXACT * 100);
    ASSERT_ABS(m->median.value, 45, TOL_EXACT * 100); /* (40 + 50)/2 */
    ASSERT_ABS(m->within.value, 0.25, 0);
    ASSERT_ABS(m->mae_difference.value, 14, TOL_EXACT * 100); /* 37.5 - 23.5 */

    const pacta_backtest_model_t *nash = model(r, "nash");
    ASSERT_INT_EQ(nash->all.n_issues, 3);
    ASSERT_TRUE(!nash->defined[1]); /* p1i2 has no reference point */
    ASSERT_ABS(nash->forecast[3], 30, TOL_SOLVER);
    ASSERT_ABS(nash->all.mae.value, 200.0 / 3, TOL_SOLVER);
    /* Paired on p1i1, p2i1, p3i1: (60 + 100 + 40 - 10 - 50 - 24)/3. */
    ASSERT_INT_EQ(nash->all.n_paired, 3);
    ASSERT_ABS(nash->all.mae_difference.value, 116.0 / 3, TOL_SOLVER);

    /* focal, defaults (capability_power 0.5 changes nothing with equal capabilities;
     * snap 25): p1i1 mean 50, nearest positions 0 and 100 are 50 away -> 50; p1i2 mean 50,
     * 40 and 60 tie at 10 -> the lower, 40; p2i1 lu sits at the mean 50; p3i1 mean 46,
     * nearest 30 (16 away) -> 30. Errors -10, 0, +50, -40. */
    const pacta_backtest_model_t *focal = model(r, "focal");
    ASSERT_ABS(focal->forecast[1], 40, 0);
    ASSERT_ABS(focal->forecast[3], 30, 0);
    ASSERT_ABS(focal->all.mae.value, 25, TOL_EXACT * 100);
    ASSERT_ABS(focal->all.median.value, 25, TOL_EXACT * 100); /* (10 + 40)/2 */

    /* status-quo: the reference point, on the three issues that have one. */
    const pacta_backtest_model_t *sq = model(r, "status-quo");
    ASSERT_INT_EQ(sq->all.n_issues, 3);
    ASSERT_ABS(sq->all.mae.value, 230.0 / 3, TOL_EXACT * 100); /* 60 + 100 + 70 */
    ASSERT_ABS(sq->all.median.value, 70, 0);

    /* eu-procedural (docs/validation.md eq. V2), vote weights 1:
     *   p1i1 COD/QMV, rp 0: members de 100 and fr 0; moving right needs 0.71 x 2 of the
     *        weight, but only de (1) gains -> no move; the EP at 0 = rp blocks too -> 0.
     *   p2i1 CNS/Unan, rp 100: de 0 and lu 50 both gain from moving left; the pivot is lu,
     *        who accepts down to 2 x 50 - 100 = 0 -> [0, 100]; the Commission's 100 -> 100.
     *   p3i1 COD/QMV, rp 0: de 70, fr 30, lu 30; 0.71 x 3 = 2.13 is reached at the second
     *        30 -> up to 60; the EP at 70 accepts up to 140; the Commission's 30 -> 30. */
    const pacta_backtest_model_t *eu = model(r, "eu-procedural");
    ASSERT_INT_EQ(eu->all.n_issues, 3);
    ASSERT_ABS(eu->forecast[0], 0, 0);
    ASSERT_ABS(eu->forecast[2], 100, 0);
    ASSERT_ABS(eu->forecast[3], 30, 0);

    /* Breakdowns: procedures CNS (p2) and COD (p1, p3); rules QMV and Unan. */
    ASSERT_INT_EQ(r->n_groups, 4);
    ASSERT_STR_EQ(r->groups[0].by, "procedure");
    ASSERT_STR_EQ(r->groups[0].value, "CNS");
    ASSERT_STR_EQ(r->groups[1].value, "COD");
    ASSERT_STR_EQ(r->groups[2].by, "rule");
    ASSERT_STR_EQ(r->groups[2].value, "QMV");
    const pacta_backtest_model_t *cm = model(r, "compromise");
    ASSERT_INT_EQ(cm->groups[1].n_issues, 3);
    ASSERT_ABS(cm->groups[1].mae.value, 44.0 / 3, TOL_EXACT * 100); /* 10 + 10 + 24 */
    ASSERT_ABS(cm->groups[3].mae.value, 50, 0);                     /* Unan: p2i1 */
    pacta_backtest_result_destroy(r);
    pacta_backtest_set_destroy(set);
}

/* Capabilities from the table's row (com 4, ep 4, de 4, fr 3, lu 1) or an equal file. On
 * p1i1 the weights are 200, 200, 400, 300: mean (20000 + 40000)/1100 = 600/11. */
static void capability_schemes(void)
{
    const char *models[] = {"compromise"};
    for (int scheme = 0; scheme < 2; scheme++) {
        pacta_backtest_set_t *set =
            read_set(DATA "mini.tsv", "deu", scheme ? DATA "capability.csv" : "row");
        pacta_backtest_result_t *r = set ? run(set, models, 1, 0) : NULL;
        if (r != NULL) {
            ASSERT_ABS(r->models[0].forecast[0], 600.0 / 11, TOL_EXACT * 100);
            ASSERT_ABS(set->proposals[0].capability[3], 3, 0); /* fr */
        }
        pacta_backtest_result_destroy(r);
        pacta_backtest_set_destroy(set);
    }
}

/* Leave-one-proposal-out fit of focal's snap over {0, 25}. Errors per proposal with snap 0
 * (the mean): p1 {10, 10}, p2 {50}, p3 {24}; with snap 25: p1 {10, 0}, p2 {50}, p3 {40}.
 *   leave out p1: train MAE 37 (snap 0) vs 45 -> 0 -> p1 errors 10, 10;
 *   leave out p2: 44/3 vs 50/3 -> 0 -> p2 error 50;
 *   leave out p3: 70/3 vs 60/3 -> 25 -> p3 error 40.
 * Cross-validated MAE (10 + 10 + 50 + 40)/4 = 27.5; on all proposals 23.5 vs 25 -> 0. */
static void fits_by_leaving_proposals_out(void)
{
    pacta_backtest_set_t *set = read_set(DATA "mini.tsv", NULL, NULL);
    if (set == NULL)
        return;
    pacta_backtest_fit_t fit = {"snap", 0, 25, 25};
    const char *models[] = {"focal"};
    pacta_backtest_options_t o;
    pacta_backtest_options_default(&o);
    o.models = models;
    o.n_models = 1;
    o.bootstrap = 0;
    o.fits = &fit;
    o.n_fits = 1;
    pacta_backtest_result_t *r = NULL;
    ASSERT_INT_EQ(pacta_backtest_run(&r, set, &o, diag), PACTA_OK);
    if (r != NULL) {
        const pacta_backtest_model_t *m = model(r, "focal");
        ASSERT_INT_EQ(r->n_folds, 3);
        ASSERT_TRUE(r->leave_one_out);
        ASSERT_INT_EQ(m->n_fitted, 1);
        ASSERT_INT_EQ(m->grid_size, 2);
        ASSERT_STR_EQ(m->fitted_keys[0], "snap");
        ASSERT_ABS(m->fitted_folds[0], 0, 0);
        ASSERT_ABS(m->fitted_folds[1], 0, 0);
        ASSERT_ABS(m->fitted_folds[2], 25, 0);
        ASSERT_ABS(m->fitted_all[0], 0, 0);
        ASSERT_ABS(m->all.mae.value, 27.5, TOL_EXACT * 100);
        /* The reported config carries the whole-set fit. */
        const char *key, *value;
        pacta_model_config_option(m->config, 1, &key, &value);
        ASSERT_STR_EQ(key, "snap");
        ASSERT_STR_EQ(value, "0");
        /* compromise, the baseline, is added and not fitted. */
        ASSERT_INT_EQ(r->n_models, 2);
        ASSERT_INT_EQ(model(r, "compromise")->n_fitted, 0);
    }
    pacta_backtest_result_destroy(r);

    /* LABEL.KEY fits one model only; 2 folds deal the 3 proposals by seeded keys. */
    pacta_backtest_fit_t qualified = {"focal.snap", 0, 25, 25};
    const char *two[] = {"focal", "focal:mean"};
    o.models = two;
    o.n_models = 2;
    o.fits = &qualified;
    o.folds = 2;
    r = NULL;
    ASSERT_INT_EQ(pacta_backtest_run(&r, set, &o, diag), PACTA_OK);
    if (r != NULL) {
        ASSERT_INT_EQ(model(r, "focal")->n_fitted, 1);
        ASSERT_INT_EQ(model(r, "focal:mean")->n_fitted, 0);
        ASSERT_INT_EQ(r->n_folds, 2);
        ASSERT_TRUE(!r->leave_one_out);
        size_t per_fold[2] = {0, 0};
        for (size_t p = 0; p < 3; p++)
            per_fold[r->fold[p] < 2 ? r->fold[p] : 0]++;
        ASSERT_INT_EQ(per_fold[0], 2); /* ranks 0 and 2 go to fold 0 */
        ASSERT_INT_EQ(per_fold[1], 1);
    }
    pacta_backtest_result_destroy(r);

    /* Keys nobody declares, bad grids and too many folds are usage errors. */
    pacta_backtest_fit_t unknown = {"nope", 0, 1, 1};
    o.fits = &unknown;
    o.folds = 0;
    r = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_backtest_run(&r, set, &o, diag), PACTA_EINVAL);
    ASSERT_DIAG(0, "--fit", "no selected model has an option 'nope'");
    pacta_backtest_fit_t huge = {"snap", 0, 100, 0.001};
    o.fits = &huge;
    ASSERT_INT_EQ(pacta_backtest_run(&r, set, &o, diag), PACTA_EINVAL);
    ASSERT_DIAG(0, "--fit", "more than 10000 points");
    o.fits = NULL;
    o.n_fits = 0;
    o.folds = 4;
    ASSERT_INT_EQ(pacta_backtest_run(&r, set, &o, diag), PACTA_EINVAL);
    ASSERT_DIAG(0, "--folds", "2 to the number of proposals (3)");
    ASSERT_TRUE(r == NULL);
    pacta_backtest_set_destroy(set);
}

/* Bootstrap: seeded and repeatable; replicates only recombine proposals, so the compromise
 * model's MAE interval lies within the proposals' own MAEs (p1 10, p2 50, p3 24). */
static void bootstrap_intervals(void)
{
    pacta_backtest_set_t *set = read_set(DATA "mini.tsv", NULL, NULL);
    const char *models[] = {"compromise", "median"};
    pacta_backtest_result_t *a = set ? run(set, models, 2, 500) : NULL;
    pacta_backtest_result_t *b = set ? run(set, models, 2, 500) : NULL;
    if (a != NULL && b != NULL) {
        const pacta_backtest_interval_t *x = &a->models[0].all.mae, *y = &b->models[0].all.mae;
        ASSERT_TRUE(x->lo == y->lo && x->hi == y->hi);
        ASSERT_TRUE(x->lo >= 10 && x->hi <= 50 && x->lo <= x->value && x->value <= x->hi);
        ASSERT_TRUE(x->lo < x->hi);
        /* The baseline's difference with itself is 0 in every replicate. */
        ASSERT_ABS(a->models[0].all.mae_difference.lo, 0, 0);
        ASSERT_ABS(a->models[0].all.mae_difference.hi, 0, 0);
        /* Within is a share: its bounds are multiples of 1/4 ... 1/12 in [0, 1]. */
        ASSERT_TRUE(a->models[1].all.within.lo >= 0 && a->models[1].all.within.hi <= 1);
    }
    pacta_backtest_result_destroy(a);
    pacta_backtest_result_destroy(b);

    pacta_backtest_set_destroy(set);

    /* Definition 7 quantiles of 1..101: h = 100 x 0.025 = 2.5 -> 3.5; h = 97.5 -> 98.5. NaN
     * values are left out. */
    double v[103];
    for (int i = 0; i < 101; i++)
        v[i] = 101 - i;
    v[101] = NAN;
    v[102] = NAN;
    double lo, hi;
    pacta_bt_percentile_interval(v, 103, &lo, &hi);
    ASSERT_ABS(lo, 3.5, TOL_EXACT * 10);
    ASSERT_ABS(hi, 98.5, TOL_EXACT * 100);
}

/* decided.yaml: one scenario file = one proposal. Own capabilities (x 1, y 3; z has
 * salience 0 on a and does not count):
 *   a: (1*50*20 + 3*50*80)/200 = 65, outcome 60 -> +5;
 *   b: (1*100*0 + 3*20*100)/160 = 37.5, outcome 50 -> -12.5;  c has no outcome.
 * MAE 8.75; with one proposal every replicate is the set itself, so lo = hi = value.
 * With equal capabilities: a (20 + 80)/2 = 50 -> -10; b 2000/120 -> -100/3. */
static void scenario_files(void)
{
    pacta_backtest_set_t *set = read_set(DATA "decided.yaml", NULL, NULL);
    const char *models[] = {"compromise"};
    pacta_backtest_result_t *r = set ? run(set, models, 1, 200) : NULL;
    if (r != NULL) {
        ASSERT_STR_EQ(set->format, "pacta");
        ASSERT_STR_EQ(set->capability, "scenario");
        ASSERT_INT_EQ(set->n_cases, 2);
        ASSERT_INT_EQ(set->excluded.no_outcome, 1);
        ASSERT_INT_EQ(set->excluded.no_salience, 1);
        ASSERT_INT_EQ(set->cases[0].n_actors, 2);
        ASSERT_INT_EQ(r->n_groups, 0);
        const pacta_backtest_interval_t *mae = &r->models[0].all.mae;
        ASSERT_ABS(mae->value, 8.75, TOL_EXACT * 100);
        ASSERT_ABS(mae->lo, 8.75, TOL_EXACT * 100);
        ASSERT_ABS(mae->hi, 8.75, TOL_EXACT * 100);
    }
    pacta_backtest_result_destroy(r);
    pacta_backtest_set_destroy(set);
    set = read_set(DATA "decided.yaml", "pacta", "equal");
    r = set ? run(set, models, 1, 0) : NULL;
    if (r != NULL)
        ASSERT_ABS(r->models[0].all.mae.value, (10 + 100.0 / 3) / 2, TOL_EXACT * 100);
    pacta_backtest_result_destroy(r);
    pacta_backtest_set_destroy(set);
}

/* Bad input: every problem with its file, line and field, exit status 3's PACTA_EINPUT. */
static void bad_input(void)
{
    pacta_backtest_read_options_t o;
    pacta_backtest_read_options_default(&o);
    pacta_backtest_set_t *set = NULL;
    const char *path = DATA "bad-text.tsv";
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_backtest_read(&set, &path, 1, &o, diag), PACTA_EINPUT);
    ASSERT_DIAG(2, "q1i1.pb", "'high' is not a decimal number");
    ASSERT_DIAG(3, "q1i2.sb", "'lots' is not a decimal number");
    ASSERT_DIAG(4, "q2i1.out", "'maybe' is not a decimal number");
    ASSERT_STR_EQ(pacta_diag_get(diag, 0)->file, DATA "bad-text.tsv");

    path = DATA "bad-columns.tsv";
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_backtest_read(&set, &path, 1, &o, diag), PACTA_EINPUT);
    ASSERT_DIAG(1, "rp", "the header has no column 'rp'");
    ASSERT_DIAG(1, "out", "the header has no column 'out'");

    path = DATA "bad-rows.tsv";
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_backtest_read(&set, &path, 1, &o, diag), PACTA_EINPUT);
    ASSERT_DIAG(3, "isnr", "issue 'q1i1' is already on line 2");
    ASSERT_DIAG(4, "isnr", "is blank");
    ASSERT_DIAG(5, "", "the row has 4 fields but the header has 8");

    path = DATA "mini.tsv";
    o.capability = DATA "bad-capability.csv";
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_backtest_read(&set, &path, 1, &o, diag), PACTA_EINPUT);
    ASSERT_DIAG(4, "ep", "capability '-1' is negative");
    ASSERT_DIAG(5, "de", "'four' is not a decimal number");

    /* A capability file without lu, who counts on p2i1 (line 5 of mini.tsv). */
    o.capability = DATA "bad-missing.csv";
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_backtest_read(&set, &path, 1, &o, diag), PACTA_EINPUT);
    ASSERT_DIAG(0, "lu", "does not list actor 'lu', which has a position on issue p2i1");

    /* Options that make no sense are usage errors. */
    o.capability = "row";
    path = DATA "decided.yaml";
    ASSERT_INT_EQ(pacta_backtest_read(&set, &path, 1, &o, diag), PACTA_EINVAL);
    const char *two[] = {DATA "mini.tsv", DATA "mini.tsv"};
    o.capability = NULL;
    ASSERT_INT_EQ(pacta_backtest_read(&set, two, 2, &o, diag), PACTA_EINVAL);
    o.format = "xml";
    ASSERT_INT_EQ(pacta_backtest_read(&set, two, 1, &o, diag), PACTA_EINVAL);
    o.format = NULL;
    o.min_actors = 6; /* no issue has six actors that count */
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_backtest_read(&set, two, 1, &o, diag), PACTA_EINPUT);
    ASSERT_DIAG(0, "", "no issue counts");
    path = DATA "absent.tsv";
    o.min_actors = 2;
    ASSERT_INT_EQ(pacta_backtest_read(&set, &path, 1, &o, diag), PACTA_EIO);
    ASSERT_TRUE(set == NULL);

    /* Unknown models and settings. */
    set = read_set(DATA "mini.tsv", NULL, NULL);
    if (set != NULL) {
        pacta_backtest_options_t ro;
        pacta_backtest_options_default(&ro);
        const char *bad_models[] = {"compromise", "oracle"};
        ro.models = bad_models;
        ro.n_models = 2;
        pacta_backtest_result_t *r = NULL;
        pacta_diag_clear(diag);
        ASSERT_INT_EQ(pacta_backtest_run(&r, set, &ro, diag), PACTA_EINVAL);
        ASSERT_DIAG(0, "--models", "unknown model 'oracle'");
        pacta_settings_t *settings = NULL;
        pacta_settings_create(&settings);
        pacta_settings_set(settings, "quota", "0.5");
        ro.n_models = 1;
        ro.settings = settings;
        pacta_diag_clear(diag);
        ASSERT_INT_EQ(pacta_backtest_run(&r, set, &ro, diag), PACTA_EINVAL);
        ASSERT_DIAG(0, "--set", "no selected model has an option 'quota'");
        const char *eu[] = {"eu-procedural"};
        ro.models = eu;
        ASSERT_INT_EQ(pacta_backtest_run(&r, set, &ro, diag), PACTA_OK);
        pacta_backtest_result_destroy(r);
        r = NULL;
        pacta_settings_set(settings, "eu-procedural.quota", "1.5");
        pacta_diag_clear(diag);
        ASSERT_INT_EQ(pacta_backtest_run(&r, set, &ro, diag), PACTA_EINVAL);
        ASSERT_DIAG(0, "--set", "quota '1.5' is not a share");
        pacta_settings_destroy(settings);
    }
    pacta_backtest_set_destroy(set);
}

/* LABEL.KEY settings reach that model only: with focal.snap=0 the plain focal model keeps
 * the mean 50 on p1i2 (its default snap 25 would settle on 40), and a key for a model that
 * lacks the option is an error. */
static void qualified_settings(void)
{
    pacta_backtest_set_t *set = read_set(DATA "mini.tsv", NULL, NULL);
    if (set == NULL)
        return;
    pacta_settings_t *settings = NULL;
    pacta_settings_create(&settings);
    pacta_settings_set(settings, "focal.snap", "0");
    const char *models[] = {"focal", "focal:mean", "compromise"};
    pacta_backtest_options_t o;
    pacta_backtest_options_default(&o);
    o.models = models;
    o.n_models = 3;
    o.bootstrap = 0;
    o.settings = settings;
    pacta_backtest_result_t *r = NULL;
    ASSERT_INT_EQ(pacta_backtest_run(&r, set, &o, diag), PACTA_OK);
    if (r != NULL) {
        /* p1i2: mean 50; snap 0 keeps it, the default snap 25 would give 40. */
        ASSERT_ABS(model(r, "focal")->forecast[1], 50, 0);
        ASSERT_ABS(model(r, "focal:mean")->forecast[1], 50, 0);
        const char *key, *value;
        pacta_model_config_option(model(r, "focal")->config, 1, &key, &value);
        ASSERT_STR_EQ(value, "0");
    }
    pacta_backtest_result_destroy(r);
    r = NULL;
    pacta_settings_set(settings, "median.snap", "0"); /* median has no option snap */
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_backtest_run(&r, set, &o, diag), PACTA_EINVAL);
    ASSERT_DIAG(0, "--set", "no selected model has an option 'median.snap'");
    pacta_settings_destroy(settings);
    pacta_backtest_set_destroy(set);
}

/* JSON and CSV carry what the text shows (the CLI cases check their content). */
static void writers(void)
{
    pacta_backtest_set_t *set = read_set(DATA "mini.tsv", NULL, NULL);
    const char *models[] = {"compromise", "nash"};
    pacta_backtest_result_t *r = set ? run(set, models, 2, 50) : NULL;
    if (r != NULL) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        ASSERT_INT_EQ(pacta_backtest_write_csv(r, f), PACTA_OK);
        fclose(f);
        /* Header, then 4 issues x 2 models. */
        size_t lines = 0;
        for (size_t i = 0; i < len; i++)
            lines += buf[i] == '\n';
        ASSERT_INT_EQ(lines, 9);
        ASSERT_STR_CONTAINS(buf, "\"p1\",\"p1i2\",\"COD\",\"QMV\",4,,40,\"nash\",,,\n");
        ASSERT_STR_CONTAINS(buf, "\"p3\",\"p3i1\",\"COD\",\"QMV\",5,0,70,\"compromise\",46,-24,\n");
        free(buf);
        buf = NULL;
        f = open_memstream(&buf, &len);
        ASSERT_INT_EQ(pacta_backtest_write_json(r, true, f), PACTA_OK);
        fclose(f);
        ASSERT_STR_CONTAINS(buf, "\"schema\": \"pacta.backtest/1\"");
        ASSERT_STR_CONTAINS(buf, "\"nash\": null");
        free(buf);
    }
    pacta_backtest_result_destroy(r);
    pacta_backtest_set_destroy(set);
}

/* With PACTA_ALLOC_FAILURE_INJECTION: every allocation of read + run fails in turn; each
 * must give PACTA_ENOMEM and leak nothing (the sanitizer build checks for leaks). */
static void allocation_failures(void)
{
    const char *path = DATA "mini.tsv";
    const char *models[] = {"compromise", "focal", "eu-procedural"};
    pacta_backtest_fit_t fit = {"snap", 0, 25, 25};
    pacta_backtest_read_options_t ro;
    pacta_backtest_read_options_default(&ro);
    ro.capability = DATA "capability.csv";
    pacta_backtest_options_t o;
    pacta_backtest_options_default(&o);
    o.models = models;
    o.n_models = 3;
    o.bootstrap = 20;
    o.fits = &fit;
    o.n_fits = 1;
    pacta_alloc_fail_after(0);
    pacta_backtest_set_t *set = NULL;
    pacta_backtest_result_t *r = NULL;
    if (pacta_backtest_read(&set, &path, 1, &ro, NULL) == PACTA_OK)
        (void)pacta_backtest_run(&r, set, &o, NULL);
    unsigned long total = pacta_alloc_fail_after(0);
    pacta_backtest_result_destroy(r);
    pacta_backtest_set_destroy(set);
    if (total == 0) {
        printf("backtest: allocation-failure sweep skipped (not an injection build)\n");
        return;
    }
    for (unsigned long n = 1; n <= total; n++) {
        set = NULL;
        r = NULL;
        pacta_alloc_fail_after(n);
        pacta_status st = pacta_backtest_read(&set, &path, 1, &ro, NULL);
        if (st == PACTA_OK)
            st = pacta_backtest_run(&r, set, &o, NULL);
        pacta_alloc_fail_after(0);
        if (st != PACTA_ENOMEM)
            fprintf(stderr, "allocation %lu of %lu failed but the call returned %d\n", n, total,
                    (int)st);
        ASSERT_INT_EQ(st, PACTA_ENOMEM);
        ASSERT_TRUE(r == NULL);
        pacta_backtest_set_destroy(set);
    }
}

/* The procedural benchmarks on mini.tsv (docs/validation.md eqs. V2, V7), vote weights 1;
 * winsets as worked for eu-procedural in scores_by_hand:
 *   p1i1 COD, rp 0: winset [0, 0], so both give 0.
 *   p1i2 COD, no rp (no winset): procedural, the EP's 80 and the Council's mean of de 20 and
 *        fr 60 (40) split: 60; procedural-compromise, the compromise 50.
 *   p2i1 CNS/Unan, rp 100: winset [0, 100]; procedural, the Commission's 100;
 *        procedural-compromise 50.
 *   p3i1 COD/QMV, rp 0: winset [0, 60] (the Council's pivot at 30; the EP at 70 accepts up
 *        to 140); procedural, (70 + 130/3)/2 = 170/3; procedural-compromise 46. */
static void procedural_by_hand(void)
{
    pacta_backtest_set_t *set = read_set(DATA "mini.tsv", NULL, NULL);
    const char *models[] = {"procedural", "procedural-compromise", "exchange", "compromise"};
    pacta_backtest_result_t *r = set ? run(set, models, 4, 0) : NULL;
    if (r == NULL) {
        pacta_backtest_set_destroy(set);
        return;
    }
    const double proc[4] = {0, 60, 100, 170.0 / 3}, pc[4] = {0, 50, 50, 46};
    const pacta_backtest_model_t *p = model(r, "procedural");
    const pacta_backtest_model_t *q = model(r, "procedural-compromise");
    for (size_t i = 0; i < 4; i++) {
        ASSERT_TRUE(p->defined[i] && q->defined[i]);
        ASSERT_ABS(p->forecast[i], proc[i], 1e-12);
        ASSERT_ABS(q->forecast[i], pc[i], 1e-12);
    }
    /* The exchange model runs once per proposal; p2 and p3 have one issue each, so nothing
     * is traded there and it is the compromise model (50 and 46). */
    const pacta_backtest_model_t *x = model(r, "exchange");
    ASSERT_ABS(x->forecast[2], 50, 1e-12);
    ASSERT_ABS(x->forecast[3], 46, 1e-12);
    pacta_backtest_result_destroy(r);
    pacta_backtest_set_destroy(set);
}

/* K-fold cross-validation is a function of the seed: two runs with the same seed give the
 * same folds, fitted values, out-of-fold forecasts and intervals. The in-sample MAE of the
 * whole-set fit is the least MAE over the grid, so at most that of any one grid point:
 * realise = 0 is the compromise model, whose MAE on mini.tsv is 94/4 (scores_by_hand). */
static void cross_validation_is_reproducible(void)
{
    pacta_backtest_set_t *set = read_set(DATA "mini.tsv", NULL, NULL);
    if (set == NULL)
        return;
    const char *models[] = {"exchange"};
    pacta_backtest_fit_t fit = {"realise", 0, 1, 0.25};
    pacta_backtest_result_t *r[2] = {NULL, NULL};
    for (int k = 0; k < 2; k++) {
        pacta_backtest_options_t o;
        pacta_backtest_options_default(&o);
        o.models = models;
        o.n_models = 1;
        o.bootstrap = 200;
        o.seed = 7;
        o.folds = 3;
        o.fits = &fit;
        o.n_fits = 1;
        ASSERT_INT_EQ(pacta_backtest_run(&r[k], set, &o, NULL), PACTA_OK);
    }
    if (r[0] && r[1]) {
        ASSERT_INT_EQ(r[0]->n_folds, 3);
        const pacta_backtest_model_t *a = model(r[0], "exchange"), *b = model(r[1], "exchange");
        for (size_t p = 0; p < set->n_proposals; p++)
            ASSERT_INT_EQ(r[0]->fold[p], r[1]->fold[p]);
        for (size_t i = 0; i < set->n_cases; i++)
            ASSERT_TRUE(a->forecast[i] == b->forecast[i]);
        ASSERT_TRUE(a->all.mae.lo == b->all.mae.lo && a->all.mae.hi == b->all.mae.hi);
        ASSERT_TRUE(a->fitted_all[0] == b->fitted_all[0]);
        ASSERT_TRUE(a->fitted_mae <= 94.0 / 4 + 1e-12);
        ASSERT_TRUE(isfinite(a->fitted_mae));
    }
    pacta_backtest_result_destroy(r[0]);
    pacta_backtest_result_destroy(r[1]);
    pacta_backtest_set_destroy(set);
}

int main(void)
{
    pacta_diag_create(&diag);
    RUN_TEST(reads_deu_table);
    RUN_TEST(scores_by_hand);
    RUN_TEST(capability_schemes);
    RUN_TEST(fits_by_leaving_proposals_out);
    RUN_TEST(bootstrap_intervals);
    RUN_TEST(scenario_files);
    RUN_TEST(bad_input);
    RUN_TEST(qualified_settings);
    RUN_TEST(writers);
    RUN_TEST(procedural_by_hand);
    RUN_TEST(cross_validation_is_reproducible);
    RUN_TEST(allocation_failures);
    pacta_diag_destroy(diag);
    return test_finish("backtest");
}
