/* Running a backtest: resolve the models, forecast every case (fitting options by
 * cross-validation over proposals when asked), then score each model (scores.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backtest/backtest_internal.h"
#include "core/alloc.h"
#include "core/text.h"
#include "core/tolerance.h"
#include "models/model_internal.h"

/* Most replicates: the replicate table holds models x (groups + 1) x 5 x replicates. */
#define MAX_REPLICATES 100000
/* Most models in one run, and most fitted options per model. */
#define MAX_MODELS 64
#define MAX_FIT_KEYS 8

const char *pacta_backtest_criterion_name(pacta_backtest_criterion criterion)
{
    switch (criterion) {
    case PACTA_BACKTEST_FIT_MAE:
        return "mae";
    case PACTA_BACKTEST_FIT_CRPS:
        return "crps";
    }
    return NULL;
}

void pacta_backtest_options_default(pacta_backtest_options_t *options)
{
    memset(options, 0, sizeof *options);
    options->bootstrap = 2000;
    options->seed = 1;
    options->within = 10.0;
}

/* A result and the arena holding its arrays and strings; configs are freed separately. */
typedef struct result_owner {
    pacta_backtest_result_t pub;
    pacta_arena_t *arena;
} result_owner_t;

void pacta_backtest_result_destroy(pacta_backtest_result_t *result)
{
    if (result == NULL)
        return;
    for (size_t m = 0; m < result->n_models; m++)
        pacta_model_config_destroy((pacta_model_config_t *)result->models[m].config);
    result_owner_t *owner = (result_owner_t *)result;
    pacta_arena_destroy(owner->arena);
    pacta_free(owner);
}

/* One requested model and what will be done with it. */
typedef struct plan {
    const char *label;
    const char *name;
    const char *profile;
    const pacta_model_t *model; /* NULL for a benchmark */
    bt_benchmark benchmark;
    size_t fit[MAX_FIT_KEYS]; /* indices into options->fits declared by the model */
    size_t n_fit;
} plan_t;

typedef struct run {
    const pacta_backtest_set_t *set;
    const pacta_backtest_options_t *o;
    pacta_backtest_result_t *r;
    pacta_arena_t *arena;
    pacta_diag_t *diag;
    bt_input_t in;
    size_t max_actors;
} run_t;

static bool declares(const pacta_model_t *model, const char *key)
{
    size_t n;
    const pacta_option_spec_t *opts = pacta_model_options(model, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(opts[i].key, key) == 0)
            return true;
    return false;
}

/* A --set or --fit key is KEY (for every model that has the option) or LABEL.KEY (for the
 * model requested as LABEL only). Whether spec addresses plan p; *key receives the bare
 * key. */
static bool addresses(const char *spec, const plan_t *p, const char **key)
{
    const char *dot = strrchr(spec, '.');
    *key = dot ? dot + 1 : spec;
    return dot == NULL || (strlen(p->label) == (size_t)(dot - spec) &&
                           strncmp(p->label, spec, (size_t)(dot - spec)) == 0);
}

/* Whether a setting applies to p: a model option it declares, or eu-procedural's quota. */
static bool setting_applies(const char *spec, const plan_t *p, const char **key)
{
    if (!addresses(spec, p, key))
        return false;
    return p->model ? declares(p->model, *key)
                    : p->benchmark >= BT_EU_PROCEDURAL && strcmp(*key, "quota") == 0;
}

/* Whether fit f applies to plan p (benchmarks have nothing to fit). */
static bool fit_applies(const pacta_backtest_fit_t *f, const plan_t *p, const char **key)
{
    return addresses(f->key, p, key) && p->model != NULL && declares(p->model, *key);
}

static char *arena_strndup(run_t *run, const char *s, size_t n)
{
    return pacta_arena_strndup(run->arena, s, n);
}

/* Turn "NAME" or "NAME:PROFILE" into a plan. */
static pacta_status make_plan(run_t *run, const char *spec, plan_t *p)
{
    memset(p, 0, sizeof *p);
    const char *colon = strchr(spec, ':');
    size_t name_len = colon ? (size_t)(colon - spec) : strlen(spec);
    p->label = arena_strndup(run, spec, strlen(spec));
    p->name = arena_strndup(run, spec, name_len);
    p->profile = colon ? arena_strndup(run, colon + 1, strlen(colon + 1)) : NULL;
    if (p->label == NULL || p->name == NULL || (colon && p->profile == NULL))
        return PACTA_ENOMEM;
    p->benchmark = pacta_bt_benchmark_find(p->name);
    if (p->benchmark != BT_NOT_BENCHMARK) {
        if (p->profile != NULL) {
            pacta_diag_addf(run->diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--models",
                            "the benchmark %s has no profiles", p->name);
            return PACTA_EINVAL;
        }
        return PACTA_OK;
    }
    p->model = pacta_model_find(p->name);
    if (p->model == NULL) {
        pacta_diag_addf(run->diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--models",
                        "unknown model '%s' (see pacta help; benchmarks: status-quo, "
                        "eu-procedural, procedural, procedural-compromise)",
                        p->name);
        return PACTA_EINVAL;
    }
    for (size_t k = 0; k < run->o->n_fits; k++) {
        const char *key;
        if (!fit_applies(&run->o->fits[k], p, &key))
            continue;
        if (p->n_fit == MAX_FIT_KEYS) {
            pacta_diag_addf(run->diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--fit",
                            "at most %d options can be fitted at once", MAX_FIT_KEYS);
            return PACTA_EINVAL;
        }
        p->fit[p->n_fit++] = k;
    }
    if (p->n_fit > 0 && run->o->criterion == PACTA_BACKTEST_FIT_CRPS &&
        p->model->predictive == NULL) {
        pacta_diag_addf(run->diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--fit-by",
                        "crps scores a predictive distribution, and the model %s forecasts a "
                        "point (models with one: choice); fit it by mae",
                        p->label);
        return PACTA_EINVAL;
    }
    return PACTA_OK;
}

/* Every --set and --fit key must belong to some selected model. */
static pacta_status check_keys(run_t *run, const plan_t *plans, size_t n)
{
    const pacta_backtest_options_t *o = run->o;
    for (size_t i = 0; i < pacta_settings_count(o->settings); i++) {
        const char *key, *value, *bare;
        pacta_settings_get(o->settings, i, &key, &value);
        bool known = false;
        for (size_t m = 0; m < n && !known; m++)
            known = setting_applies(key, &plans[m], &bare);
        if (!known) {
            pacta_diag_addf(run->diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--set",
                            "no selected model has an option '%s'", key);
            return PACTA_EINVAL;
        }
    }
    for (size_t k = 0; k < o->n_fits; k++) {
        const char *key;
        bool known = false;
        for (size_t m = 0; m < n && !known; m++)
            known = fit_applies(&o->fits[k], &plans[m], &key);
        if (!known) {
            pacta_diag_addf(run->diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--fit",
                            "no selected model has an option '%s'", o->fits[k].key);
            return PACTA_EINVAL;
        }
    }
    for (size_t k = 0; k < o->n_fits; k++) {
        const pacta_backtest_fit_t *f = &o->fits[k];
        if (!(f->step > 0) || !isfinite(f->lo) || !isfinite(f->hi) || f->hi < f->lo) {
            pacta_diag_addf(run->diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--fit",
                            "%s: the grid needs LO <= HI and a step above 0", f->key);
            return PACTA_EINVAL;
        }
    }
    return PACTA_OK;
}

/* Forecasts of a joint model that takes partial stances (the exchange model): one run over
 * all issues of each proposal, every case of the proposal taking its issue's forecast. */
static pacta_status forecast_joint(run_t *run, const pacta_model_config_t *config, double *forecast,
                                   bool *defined)
{
    const pacta_backtest_set_t *set = run->set;
    bt_joint_t joint = {0};
    pacta_model_result_t *results = NULL;
    size_t n_results = 0, current = SIZE_MAX;
    pacta_status st = PACTA_OK;
    for (size_t i = 0; i < set->n_cases && st == PACTA_OK; i++) {
        const pacta_backtest_case_t *c = &set->cases[i];
        const pacta_backtest_proposal_t *p = &set->proposals[c->proposal];
        if (c->proposal != current) {
            for (size_t d = 0; d < n_results; d++)
                pacta_model_result_destroy(&results[d]);
            pacta_free(results);
            n_results = p->scenario->n_issues;
            results = pacta_malloc(n_results * sizeof *results);
            if (results == NULL) {
                n_results = 0;
                st = PACTA_ENOMEM;
                break;
            }
            for (size_t d = 0; d < n_results; d++)
                pacta_model_result_init(&results[d]);
            current = c->proposal;
            st = pacta_bt_joint_gather(&joint, set, c->proposal);
            if (st == PACTA_OK)
                st = pacta_model_run_joint(config, &joint.data, results, run->diag);
            if (st != PACTA_OK) {
                pacta_diag_addf(run->diag, PACTA_SEVERITY_ERROR, p->scenario->path, p->line, 0,
                                p->id, "model %s failed on the proposal: %s",
                                pacta_model_name(pacta_model_config_model(config)),
                                pacta_strerror(st));
                if (st == PACTA_EINVAL)
                    st = PACTA_ENUMERIC;
                break;
            }
        }
        defined[i] = results[c->issue].defined;
        forecast[i] = defined[i] ? results[c->issue].forecast : NAN;
    }
    for (size_t d = 0; d < n_results; d++)
        pacta_model_result_destroy(&results[d]);
    pacta_free(results);
    pacta_bt_joint_free(&joint);
    return st;
}

/* Forecasts of one config on every case. */
static pacta_status forecast_all(run_t *run, const pacta_model_config_t *config, double *forecast,
                                 bool *defined)
{
    if (pacta_model_config_model(config)->joint_partial)
        return forecast_joint(run, config, forecast, defined);
    pacta_workspace_t *ws = NULL;
    pacta_status st = pacta_workspace_create(&ws, &config, 1, run->max_actors);
    if (st != PACTA_OK)
        return st;
    const pacta_backtest_set_t *set = run->set;
    for (size_t i = 0; i < set->n_cases && st == PACTA_OK; i++) {
        pacta_bt_input_gather(&run->in, set, &set->cases[i]);
        st = pacta_model_forecast(config, &run->in.data, ws, &forecast[i], &defined[i]);
        if (st != PACTA_OK) {
            const pacta_backtest_proposal_t *p = &set->proposals[set->cases[i].proposal];
            const pacta_issue_t *issue = &p->scenario->issues[set->cases[i].issue];
            pacta_diag_addf(run->diag, PACTA_SEVERITY_ERROR, p->scenario->path, issue->at.line,
                            issue->at.column, issue->id, "model %s failed: %s",
                            pacta_model_name(pacta_model_config_model(config)), pacta_strerror(st));
            if (st == PACTA_EINVAL)
                st = PACTA_ENUMERIC;
        }
        if (!defined[i])
            forecast[i] = NAN;
    }
    pacta_workspace_destroy(ws);
    return st;
}

/* The CRPS (eq. V8) of one config's predictive distribution on every case, where the
 * model has an answer; loss[i] is NaN where it has none. */
static pacta_status crps_all(run_t *run, const pacta_model_config_t *config, double *loss)
{
    const pacta_model_t *model = pacta_model_config_model(config);
    size_t capacity = model->max_outcomes(run->max_actors);
    pacta_workspace_t *ws = NULL;
    double *points = pacta_malloc(capacity * sizeof(double));
    double *probability = pacta_malloc(capacity * sizeof(double));
    pacta_status st = points && probability ? PACTA_OK : PACTA_ENOMEM;
    if (st == PACTA_OK)
        st = pacta_workspace_create(&ws, &config, 1, run->max_actors);
    const pacta_backtest_set_t *set = run->set;
    for (size_t i = 0; i < set->n_cases && st == PACTA_OK; i++) {
        const pacta_backtest_case_t *c = &set->cases[i];
        size_t k = 0;
        pacta_bt_input_gather(&run->in, set, c);
        st = pacta_model_predictive(config, &run->in.data, ws, points, probability, &k);
        double outcome = set->proposals[c->proposal].scenario->issues[c->issue].outcome.value;
        loss[i] = k > 0 ? pacta_bt_crps(points, probability, k, outcome) : NAN;
    }
    pacta_workspace_destroy(ws);
    pacta_free(points);
    pacta_free(probability);
    return st;
}

/* Settings for one grid point: the user's, then key=value for each fitted option. */
static pacta_status grid_settings(run_t *run, const plan_t *p, const double *values,
                                  pacta_settings_t **out)
{
    pacta_status st = pacta_settings_create(out);
    for (size_t i = 0; st == PACTA_OK && i < pacta_settings_count(run->o->settings); i++) {
        const char *key, *value, *bare;
        pacta_settings_get(run->o->settings, i, &key, &value);
        if (setting_applies(key, p, &bare))
            st = pacta_settings_set(*out, bare, value);
    }
    for (size_t k = 0; st == PACTA_OK && k < p->n_fit; k++) {
        char text[40];
        const char *key;
        fit_applies(&run->o->fits[p->fit[k]], p, &key);
        snprintf(text, sizeof text, "%.17g", values[k]);
        st = pacta_settings_set(*out, key, text);
    }
    return st;
}

static pacta_status make_config(run_t *run, const plan_t *p, const double *values,
                                pacta_model_config_t **config)
{
    pacta_settings_t *settings = NULL;
    pacta_status st = grid_settings(run, p, values, &settings);
    if (st == PACTA_OK)
        st = pacta_model_config_create(config, p->model, p->profile, settings, true, run->diag);
    pacta_settings_destroy(settings);
    return st;
}

/* The grid point's value of each fitted option (last option varies fastest), rounded to six
 * digits below the step's so that 0.1 steps give 0.3 rather than 0.30000000000000004, and
 * -0.3 + 6 x 0.05 gives 0. */
static void grid_values(const run_t *run, const plan_t *p, const size_t *counts, size_t g,
                        double *values)
{
    for (size_t k = p->n_fit; k-- > 0;) {
        const pacta_backtest_fit_t *f = &run->o->fits[p->fit[k]];
        char text[400];
        int decimals = (int)fmax(0.0, ceil(-log10(f->step))) + 6;
        snprintf(text, sizeof text, "%.*f", decimals > 30 ? 30 : decimals,
                 f->lo + (double)(g % counts[k]) * f->step);
        values[k] = strtod(text, NULL);
        if (values[k] == 0.0)
            values[k] = 0.0; /* no negative zero */
        g /= counts[k];
    }
}

/* Fit p's options on the grid: for each fold, the grid point with the least criterion (MAE
 * or CRPS) on the other folds' issues (the first on ties) gives the fold's forecasts; the
 * point with the least criterion on all issues gives the config reported (eq. V6). */
static pacta_status fit_model(run_t *run, const plan_t *p, pacta_backtest_model_t *m)
{
    pacta_backtest_result_t *r = run->r;
    const size_t C = run->set->n_cases, F = r->n_folds;
    size_t counts[MAX_FIT_KEYS], total = 1;
    for (size_t k = 0; k < p->n_fit; k++) {
        const pacta_backtest_fit_t *f = &run->o->fits[p->fit[k]];
        double steps = floor((f->hi - f->lo) / f->step + PACTA_GRID_SLACK);
        if (steps + 1 > PACTA_BACKTEST_MAX_GRID ||
            total * (size_t)(steps + 1) > PACTA_BACKTEST_MAX_GRID) {
            pacta_diag_addf(run->diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--fit",
                            "the grid for %s has more than %d points", p->label,
                            PACTA_BACKTEST_MAX_GRID);
            return PACTA_EINVAL;
        }
        counts[k] = (size_t)steps + 1;
        total *= counts[k];
    }
    pacta_status st = PACTA_ENOMEM;
    double *forecast = pacta_malloc(total * C * sizeof(double));
    bool *defined = pacta_malloc(total * C * sizeof(bool));
    /* Per grid point and fold, then (from index total * F) per grid point over all folds. */
    double *sum = pacta_calloc(total * (F + 1), sizeof(double));
    double *count = pacta_calloc(total * (F + 1), sizeof(double));
    size_t *chosen = pacta_malloc(F * sizeof(size_t));
    bool crps = run->o->criterion == PACTA_BACKTEST_FIT_CRPS;
    double *loss = crps ? pacta_malloc(C * sizeof(double)) : NULL;
    pacta_model_config_t *config = NULL;
    if (!forecast || !defined || !sum || !count || !chosen || (crps && !loss))
        goto cleanup;
    double values[MAX_FIT_KEYS];
    for (size_t g = 0; g < total; g++) {
        grid_values(run, p, counts, g, values);
        st = make_config(run, p, values, &config);
        if (st == PACTA_OK)
            st = forecast_all(run, config, forecast + g * C, defined + g * C);
        if (st == PACTA_OK && crps)
            st = crps_all(run, config, loss);
        pacta_model_config_destroy(config);
        config = NULL;
        if (st != PACTA_OK)
            goto cleanup;
        for (size_t i = 0; i < C; i++) {
            if (!defined[g * C + i])
                continue;
            const pacta_backtest_case_t *c = &run->set->cases[i];
            double outcome =
                run->set->proposals[c->proposal].scenario->issues[c->issue].outcome.value;
            size_t f = r->fold[c->proposal];
            double l = crps ? loss[i] : fabs(forecast[g * C + i] - outcome);
            if (isnan(l))
                continue;
            sum[g * F + f] += l;
            count[g * F + f] += 1;
        }
    }
    for (size_t g = 0; g < total; g++)
        for (size_t h = 0; h < F; h++) {
            sum[total * F + g] += sum[g * F + h];
            count[total * F + g] += count[g * F + h];
        }
    /* For each fold (and, as fold F, for none left out): the grid point with the least
     * criterion on the issues of the other folds. Training sums are the grid point's total minus
     * the fold's, so equal forecasts give equal sums and ties go to the first point. */
    size_t best_all = 0;
    for (size_t f = 0; f <= F; f++) {
        size_t best = 0;
        double best_mae = INFINITY;
        for (size_t g = 0; g < total; g++) {
            double s = sum[total * F + g], n = count[total * F + g];
            if (f < F) {
                s -= sum[g * F + f];
                n -= count[g * F + f];
            }
            double mae = n > 0 ? s / n : INFINITY;
            if (mae < best_mae) {
                best_mae = mae;
                best = g;
            }
        }
        if (f < F)
            chosen[f] = best;
        else
            best_all = best;
    }
    m->n_fitted = p->n_fit;
    m->grid_size = total;
    m->fitted_keys = pacta_arena_alloc(run->arena, p->n_fit, sizeof(char *));
    m->fitted_all = pacta_arena_alloc(run->arena, p->n_fit, sizeof(double));
    m->fitted_folds = pacta_arena_alloc(run->arena, F * p->n_fit, sizeof(double));
    if (!m->fitted_keys || !m->fitted_all || !m->fitted_folds) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    for (size_t k = 0; k < p->n_fit; k++)
        fit_applies(&run->o->fits[p->fit[k]], p, &m->fitted_keys[k]);
    grid_values(run, p, counts, best_all, m->fitted_all);
    double in_sample = 0.0;
    size_t n_in_sample = 0;
    for (size_t i = 0; i < C; i++) {
        const pacta_backtest_case_t *c = &run->set->cases[i];
        if (!defined[best_all * C + i])
            continue;
        in_sample +=
            fabs(forecast[best_all * C + i] -
                 run->set->proposals[c->proposal].scenario->issues[c->issue].outcome.value);
        n_in_sample++;
    }
    m->fitted_mae = n_in_sample > 0 ? in_sample / (double)n_in_sample : NAN;
    for (size_t f = 0; f < F; f++)
        grid_values(run, p, counts, chosen[f], m->fitted_folds + f * p->n_fit);
    for (size_t i = 0; i < C; i++) {
        size_t g = chosen[r->fold[run->set->cases[i].proposal]];
        m->forecast[i] = forecast[g * C + i];
        m->defined[i] = defined[g * C + i];
    }
    st = make_config(run, p, m->fitted_all, &config);
    if (st == PACTA_OK)
        m->config = config;
    config = NULL;

cleanup:
    pacta_model_config_destroy(config);
    pacta_free(forecast);
    pacta_free(defined);
    pacta_free(sum);
    pacta_free(count);
    pacta_free(chosen);
    pacta_free(loss);
    return st;
}

static pacta_status run_plan(run_t *run, const plan_t *p, pacta_backtest_model_t *m)
{
    const pacta_backtest_set_t *set = run->set;
    m->label = p->label;
    m->name = p->name;
    m->profile = p->profile;
    if (p->benchmark != BT_NOT_BENCHMARK) {
        double quota = BT_EU_QMV_QUOTA;
        for (size_t i = 0; i < pacta_settings_count(run->o->settings); i++) {
            const char *key, *value, *bare;
            pacta_settings_get(run->o->settings, i, &key, &value);
            if (!setting_applies(key, p, &bare))
                continue;
            if (pacta_parse_number(value, strlen(value), &quota) != NUMBER_OK ||
                !(quota > 0 && quota <= 1)) {
                pacta_diag_addf(run->diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--set",
                                "%s: quota '%s' is not a share above 0 and at most 1", p->label,
                                value);
                return PACTA_EINVAL;
            }
        }
        for (size_t i = 0; i < set->n_cases; i++) {
            pacta_bt_input_gather(&run->in, set, &set->cases[i]);
            pacta_bt_benchmark_forecast(p->benchmark, quota, set, &set->cases[i], &run->in,
                                        &m->forecast[i], &m->defined[i]);
        }
        return PACTA_OK;
    }
    if (p->n_fit > 0)
        return fit_model(run, p, m);
    pacta_model_config_t *config = NULL;
    pacta_status st = make_config(run, p, NULL, &config);
    if (st != PACTA_OK)
        return st;
    m->config = config;
    return forecast_all(run, config, m->forecast, m->defined);
}

/* ---- groups and folds ------------------------------------------------------------------ */

/* Distinct non-empty procedures, then voting rules, each sorted. */
static pacta_status make_groups(run_t *run)
{
    const pacta_backtest_set_t *set = run->set;
    pacta_backtest_result_t *r = run->r;
    r->groups =
        pacta_arena_alloc(run->arena, 2 * set->n_proposals + 1, sizeof(pacta_backtest_group_t));
    if (r->groups == NULL)
        return PACTA_ENOMEM;
    for (int by = 0; by < 2; by++) {
        size_t first = r->n_groups;
        for (size_t p = 0; p < set->n_proposals; p++) {
            const char *v = by == 0 ? set->proposals[p].procedure : set->proposals[p].rule;
            if (v[0] == '\0')
                continue;
            size_t at = first;
            while (at < r->n_groups && strcmp(r->groups[at].value, v) < 0)
                at++;
            if (at < r->n_groups && strcmp(r->groups[at].value, v) == 0)
                continue;
            memmove(&r->groups[at + 1], &r->groups[at],
                    (r->n_groups - at) * sizeof(pacta_backtest_group_t));
            r->groups[at] = (pacta_backtest_group_t){by == 0 ? "procedure" : "rule", v};
            r->n_groups++;
        }
    }
    return PACTA_OK;
}

/* Leave-one-proposal-out, or K folds dealt in the order of seeded uniform keys (eq. V5). */
static pacta_status make_folds(run_t *run)
{
    const size_t P = run->set->n_proposals;
    pacta_backtest_result_t *r = run->r;
    r->fold = pacta_arena_alloc(run->arena, P, sizeof(size_t));
    double *key = pacta_malloc(P * sizeof(double));
    size_t *order = pacta_malloc(P * sizeof(size_t));
    pacta_status st = PACTA_ENOMEM;
    if (r->fold == NULL || key == NULL || order == NULL)
        goto cleanup;
    st = PACTA_OK;
    if (run->o->folds == 0) {
        r->n_folds = P;
        r->leave_one_out = true;
        for (size_t p = 0; p < P; p++)
            r->fold[p] = p;
        goto cleanup;
    }
    r->n_folds = run->o->folds;
    for (size_t p = 0; p < P; p++) {
        key[p] = pacta_bt_uniform(r->seed, p, 1, 0);
        order[p] = p;
    }
    /* Insertion sort by key (ties by index): P is at most a few thousand. */
    for (size_t i = 1; i < P; i++) {
        size_t v = order[i], j = i;
        while (j > 0 && key[order[j - 1]] > key[v]) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
    for (size_t rank = 0; rank < P; rank++)
        r->fold[order[rank]] = rank % r->n_folds;
cleanup:
    pacta_free(key);
    pacta_free(order);
    return st;
}

/* ---- entry point ------------------------------------------------------------------------ */

pacta_status pacta_backtest_run(pacta_backtest_result_t **out, const pacta_backtest_set_t *set,
                                const pacta_backtest_options_t *options, pacta_diag_t *diag)
{
    *out = NULL;
    pacta_backtest_options_t defaults;
    pacta_backtest_options_default(&defaults);
    const pacta_backtest_options_t *o = options ? options : &defaults;
    if (o->bootstrap > MAX_REPLICATES) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--bootstrap",
                        "at most %d replicates", MAX_REPLICATES);
        return PACTA_EINVAL;
    }
    if (!(o->within >= 0) || !isfinite(o->within)) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--within",
                       "the threshold must be a number of at least 0");
        return PACTA_EINVAL;
    }
    if (pacta_backtest_criterion_name(o->criterion) == NULL) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--fit-by",
                       "the criterion must be mae or crps");
        return PACTA_EINVAL;
    }
    if (o->folds == 1 || o->folds > set->n_proposals) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--folds",
                        "folds must be 0 (one proposal at a time) or 2 to the number of "
                        "proposals (%zu)",
                        set->n_proposals);
        return PACTA_EINVAL;
    }
    pacta_status st = PACTA_ENOMEM;
    result_owner_t *owner = pacta_calloc(1, sizeof *owner);
    if (owner == NULL)
        return PACTA_ENOMEM;
    run_t run = {.set = set, .o = o, .r = &owner->pub, .diag = diag};
    plan_t *plans = NULL;
    owner->arena = run.arena = pacta_arena_create();
    if (owner->arena == NULL)
        goto cleanup;
    pacta_backtest_result_t *r = &owner->pub;
    r->set = set;
    r->bootstrap = o->bootstrap;
    r->seed = o->seed;
    r->within = o->within;
    r->criterion = o->criterion;

    /* The model list, with the baseline added when missing. */
    const char *baseline = o->baseline ? o->baseline : "compromise";
    size_t n_requested = o->models ? o->n_models : pacta_model_count();
    if (n_requested + 1 > MAX_MODELS) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--models",
                        "at most %d models in one backtest", MAX_MODELS - 1);
        st = PACTA_EINVAL;
        goto cleanup;
    }
    plans = pacta_calloc(n_requested + 1, sizeof(plan_t));
    if (plans == NULL)
        goto cleanup;
    size_t n_plans = 0;
    long base_index = -1;
    for (size_t i = 0; i <= n_requested; i++) {
        const char *spec = i < n_requested
                               ? (o->models ? o->models[i] : pacta_model_name(pacta_model_at(i)))
                               : baseline;
        bool seen = false;
        for (size_t k = 0; k < n_plans && !seen; k++)
            if (strcmp(plans[k].label, spec) == 0) {
                seen = true;
                if (i == n_requested)
                    base_index = (long)k;
            }
        if (seen)
            continue;
        st = make_plan(&run, spec, &plans[n_plans]);
        if (st != PACTA_OK)
            goto cleanup;
        if (i == n_requested)
            base_index = (long)n_plans;
        n_plans++;
    }
    st = check_keys(&run, plans, n_plans);
    if (st != PACTA_OK)
        goto cleanup;

    st = PACTA_ENOMEM;
    for (size_t i = 0; i < set->n_cases; i++)
        if (set->cases[i].n_actors > run.max_actors)
            run.max_actors = set->cases[i].n_actors;
    if (pacta_bt_input_init(&run.in, run.max_actors) != PACTA_OK)
        goto cleanup;
    r->models = pacta_arena_alloc(run.arena, n_plans, sizeof(pacta_backtest_model_t));
    if (r->models == NULL || make_groups(&run) != PACTA_OK)
        goto cleanup;
    bool fitting = false;
    for (size_t k = 0; k < n_plans; k++)
        fitting |= plans[k].n_fit > 0;
    if (fitting && make_folds(&run) != PACTA_OK)
        goto cleanup;
    r->n_models = n_plans;
    r->baseline = (size_t)base_index;
    for (size_t k = 0; k < n_plans; k++) {
        pacta_backtest_model_t *m = &r->models[k];
        m->is_baseline = k == r->baseline;
        m->fitted_mae = NAN;
        m->forecast = pacta_arena_alloc(run.arena, set->n_cases, sizeof(double));
        m->defined = pacta_arena_alloc(run.arena, set->n_cases, sizeof(bool));
        m->groups = pacta_arena_alloc(run.arena, r->n_groups + 1, sizeof(pacta_backtest_scores_t));
        if (m->forecast == NULL || m->defined == NULL || m->groups == NULL) {
            st = PACTA_ENOMEM;
            goto cleanup;
        }
        st = run_plan(&run, &plans[k], m);
        if (st != PACTA_OK)
            goto cleanup;
    }
    st = pacta_bt_score_all(r, set, run.arena);

cleanup:
    pacta_bt_input_free(&run.in);
    pacta_free(plans);
    if (st != PACTA_OK)
        pacta_backtest_result_destroy(&owner->pub);
    else
        *out = &owner->pub;
    return st;
}
