/* Fitting by the CRPS (docs/validation.md eqs. V6, V8): the score against its closed forms
 * and the fit on a small fixture written for the tests (tests/data/backtest/mini.tsv).
 * Needs nothing outside the repo. */
#include "test.h"

#include <pacta/pacta.h>

#include "backtest/backtest_internal.h"
#include "models/model_internal.h"

#define DATA PACTA_SOURCE_DIR "/tests/data/backtest/"

static pacta_diag_t *diag;

static pacta_backtest_set_t *read_mini(void)
{
    pacta_backtest_read_options_t o;
    pacta_backtest_read_options_default(&o);
    const char *path = DATA "mini.tsv";
    pacta_backtest_set_t *set = NULL;
    ASSERT_INT_EQ(pacta_backtest_read(&set, &path, 1, &o, NULL), PACTA_OK);
    return set;
}

/* Eq. V8 against its closed forms and against the other form of the score,
 * E|X - y| - E|X - X'| / 2, summed pair by pair (Gneiting & Raftery 2007, eq. 21). */
static void crps_closed_forms(void)
{
    /* A point mass scores its absolute error. */
    const double at40[] = {40}, one[] = {1};
    ASSERT_ABS(pacta_bt_crps(at40, one, 1, 40), 0, 0);
    ASSERT_ABS(pacta_bt_crps(at40, one, 1, 100), 60, 0);
    ASSERT_ABS(pacta_bt_crps(at40, one, 1, 15), 25, 0);
    /* Half at 0 and half at 100: the integral of (1/2)^2 over 100 points is 25 wherever y
     * lies between them; beyond 100 add the distance, as F = 1 there. */
    const double ends[] = {0, 100}, halves[] = {0.5, 0.5};
    ASSERT_ABS(pacta_bt_crps(ends, halves, 2, 0), 25, 1e-12);
    ASSERT_ABS(pacta_bt_crps(ends, halves, 2, 37), 25, 1e-12);
    ASSERT_ABS(pacta_bt_crps(ends, halves, 2, 100), 25, 1e-12);
    const double x[] = {0, 12.5, 40, 55, 100}, p[] = {0.1, 0.3, 0.05, 0.35, 0.2};
    const double ys[] = {-10, 0, 5, 12.5, 47, 55, 99, 100, 130};
    for (size_t t = 0; t < sizeof ys / sizeof ys[0]; t++) {
        double first = 0, pairs = 0;
        for (size_t i = 0; i < 5; i++) {
            first += p[i] * fabs(x[i] - ys[t]);
            for (size_t j = 0; j < 5; j++)
                pairs += p[i] * p[j] * fabs(x[i] - x[j]);
        }
        ASSERT_ABS(pacta_bt_crps(x, p, 5, ys[t]), first - pairs / 2, 1e-12);
    }
}

/* --fit-by crps: a point model cannot be fitted by it (a diagnostic, not a crash); the
 * choice model can, and the value it chooses on all proposals is the grid point of least
 * summed CRPS, which a loop over the grid with the other form of the score confirms. On
 * this grid the least MAE would choose 5, the least CRPS 0. */
static void fit_by_crps(void)
{
    pacta_backtest_set_t *set = read_mini();
    if (set == NULL)
        return;
    pacta_backtest_fit_t fit = {"distance", 0, 20, 5};
    const char *point[] = {"focal"}, *choice[] = {"choice"};
    pacta_backtest_options_t o;
    pacta_backtest_options_default(&o);
    o.bootstrap = 0;
    o.fits = &fit;
    o.n_fits = 1;
    o.criterion = PACTA_BACKTEST_FIT_CRPS;
    pacta_backtest_fit_t snap = {"snap", 0, 10, 5};
    o.models = point;
    o.n_models = 1;
    o.fits = &snap;
    pacta_backtest_result_t *r = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_backtest_run(&r, set, &o, diag), PACTA_EINVAL);
    ASSERT_TRUE(r == NULL);
    ASSERT_TRUE(pacta_diag_count(diag) == 1 &&
                strstr(pacta_diag_get(diag, 0)->message, "crps scores a predictive") != NULL);
    o.models = choice;
    o.fits = &fit;
    ASSERT_INT_EQ(pacta_backtest_run(&r, set, &o, NULL), PACTA_OK);
    if (r != NULL) {
        ASSERT_INT_EQ(r->criterion, PACTA_BACKTEST_FIT_CRPS);
        double best = INFINITY, best_value = NAN;
        for (double d = 0; d <= 20; d += 5) {
            pacta_settings_t *settings = NULL;
            pacta_settings_create(&settings);
            char text[32];
            snprintf(text, sizeof text, "%g", d);
            pacta_settings_set(settings, "distance", text);
            pacta_model_config_t *config = NULL;
            pacta_model_config_create(&config, pacta_model_find("choice"), NULL, settings, false,
                                      NULL);
            double total = 0;
            bt_input_t in;
            pacta_bt_input_init(&in, 8);
            for (size_t i = 0; config && i < set->n_cases; i++) {
                const pacta_backtest_case_t *c = &set->cases[i];
                pacta_bt_input_gather(&in, set, c);
                pacta_model_result_t full;
                pacta_model_result_init(&full);
                pacta_model_run(config, &in.data, &full, NULL);
                pacta_workspace_t *ws = NULL;
                pacta_workspace_create(&ws, (const pacta_model_config_t *const *)&config, 1, 8);
                double points[10], prob[10];
                size_t k = 0;
                pacta_model_predictive(config, &in.data, ws, points, prob, &k);
                double y = set->proposals[c->proposal].scenario->issues[c->issue].outcome.value;
                double first = 0, pairs = 0;
                for (size_t a = 0; a < k; a++) {
                    first += prob[a] * fabs(points[a] - y);
                    for (size_t b = 0; b < k; b++)
                        pairs += prob[a] * prob[b] * fabs(points[a] - points[b]);
                }
                total += k > 0 ? first - pairs / 2 : 0;
                /* The forecast is the distribution's lower median. */
                double cumulative = 0;
                for (size_t a = 0; a < k; a++) {
                    cumulative += prob[a];
                    if (cumulative >= 0.5) {
                        ASSERT_ABS(full.forecast, points[a], 0);
                        break;
                    }
                }
                pacta_workspace_destroy(ws);
                pacta_model_result_destroy(&full);
            }
            pacta_bt_input_free(&in);
            pacta_model_config_destroy(config);
            pacta_settings_destroy(settings);
            if (total < best - 1e-12) {
                best = total;
                best_value = d;
            }
        }
        ASSERT_ABS(r->models[0].fitted_all[0], best_value, 0);
        ASSERT_ABS(best_value, 0, 0);
    }
    pacta_backtest_result_destroy(r);
    pacta_backtest_set_destroy(set);
}

int main(void)
{
    pacta_diag_create(&diag);
    RUN_TEST(crps_closed_forms);
    RUN_TEST(fit_by_crps);
    pacta_diag_destroy(diag);
    return test_finish("backtest_fit");
}
