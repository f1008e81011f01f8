/* Applies the selected models to each selected issue of a scenario. */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

#include <pacta/pacta.h>

void pacta_forecast_options_default(pacta_forecast_options_t *options)
{
    memset(options, 0, sizeof *options);
}

void pacta_forecast_destroy(pacta_forecast_t *forecast)
{
    if (forecast == NULL)
        return;
    for (size_t i = 0; i < forecast->n_issues; i++) {
        pacta_forecast_issue_t *fi = &forecast->issues[i];
        for (size_t e = 0; e < fi->n_entries; e++)
            pacta_model_result_destroy(&fi->entries[e].result);
        pacta_free(fi->entries);
        pacta_free((size_t *)fi->actors);
    }
    pacta_free(forecast->issues);
    for (size_t c = 0; c < forecast->n_configs; c++)
        pacta_model_config_destroy(forecast->configs[c]);
    pacta_free(forecast->configs);
    pacta_free(forecast);
}

/* Resolve the model list into configs. A profile applies to the models that define it;
 * naming one that no selected model defines is an error. */
static pacta_status make_configs(pacta_forecast_t *f, const pacta_forecast_options_t *o,
                                 const pacta_settings_t *settings, const char *rounds,
                                 pacta_diag_t *diag)
{
    size_t n = o->models ? o->n_models : pacta_model_count();
    f->configs = pacta_calloc(n, sizeof(pacta_model_config_t *));
    if (f->configs == NULL)
        return PACTA_ENOMEM;
    bool profile_used = false;
    for (size_t i = 0; i < n; i++) {
        const pacta_model_t *model =
            o->models ? pacta_model_find(o->models[i]) : pacta_model_at(i);
        if (model == NULL) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--model",
                            "unknown model '%s'", o->models[i]);
            return PACTA_EINVAL;
        }
        const char *profile = NULL;
        size_t n_profiles;
        const pacta_profile_t *profiles = pacta_model_profiles(model, &n_profiles);
        for (size_t k = 0; o->profile && k < n_profiles; k++)
            if (strcmp(profiles[k].name, o->profile) == 0)
                profile = o->profile;
        profile_used |= profile != NULL;
        /* --rounds applies to the iterative models only, before the --set list (so an
         * explicit --set rounds=N wins). With several models one --set list serves them
         * all, so keys another model owns are not errors here; keys no model owns are
         * caught below. */
        pacta_settings_t *own = NULL;
        pacta_status st = pacta_settings_create(&own);
        if (st == PACTA_OK && pacta_model_is_iterative(model) && rounds != NULL)
            st = pacta_settings_set(own, "rounds", rounds);
        for (size_t k = 0; st == PACTA_OK && k < pacta_settings_count(settings); k++) {
            const char *key, *value;
            pacta_settings_get(settings, k, &key, &value);
            st = pacta_settings_set(own, key, value);
        }
        if (st == PACTA_OK)
            st = pacta_model_config_create(&f->configs[i], model, profile, own, n > 1, diag);
        pacta_settings_destroy(own);
        if (st != PACTA_OK)
            return st;
        f->n_configs++;
    }
    if (o->profile && !profile_used) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--profile",
                        "no selected model has a profile named '%s'", o->profile);
        return PACTA_EINVAL;
    }
    for (size_t i = 0; i < pacta_settings_count(settings); i++) {
        const char *key, *value;
        pacta_settings_get(settings, i, &key, &value);
        bool known = false;
        for (size_t c = 0; c < f->n_configs && !known; c++) {
            const pacta_model_t *model = pacta_model_config_model(f->configs[c]);
            size_t n_options;
            const pacta_option_spec_t *opts = pacta_model_options(model, &n_options);
            for (size_t k = 0; k < n_options; k++)
                if (strcmp(opts[k].key, key) == 0)
                    known = true;
        }
        if (!known) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--set",
                            "no selected model has an option '%s'", key);
            return PACTA_EINVAL;
        }
    }
    return PACTA_OK;
}

/* The arrays a model sees for one issue: actors with a stance, in scenario order. */
typedef struct issue_arrays {
    double *position, *salience, *capability, *risk;
    size_t *actors;
    size_t n;
    bool any_risk;
} issue_arrays_t;

static pacta_status gather(const pacta_scenario_t *s, size_t k, issue_arrays_t *a)
{
    memset(a, 0, sizeof *a);
    size_t n = 0;
    for (size_t i = 0; i < s->n_actors; i++)
        n += s->actors[i].stances[k].present;
    a->position = pacta_malloc(n * sizeof(double));
    a->salience = pacta_malloc(n * sizeof(double));
    a->capability = pacta_malloc(n * sizeof(double));
    a->risk = pacta_malloc(n * sizeof(double));
    a->actors = pacta_malloc(n * sizeof(size_t));
    if (!a->position || !a->salience || !a->capability || !a->risk || !a->actors)
        return PACTA_ENOMEM;
    for (size_t i = 0; i < s->n_actors; i++) {
        const pacta_actor_t *actor = &s->actors[i];
        const pacta_stance_t *st = &actor->stances[k];
        if (!st->present)
            continue;
        a->position[a->n] = st->position.value;
        a->salience[a->n] = st->salience.value;
        a->capability[a->n] = actor->capability.value;
        a->risk[a->n] = actor->has_risk ? actor->risk.value : 1.0;
        a->any_risk |= actor->has_risk;
        a->actors[a->n] = i;
        a->n++;
    }
    return PACTA_OK;
}

static void release(issue_arrays_t *a)
{
    pacta_free(a->position);
    pacta_free(a->salience);
    pacta_free(a->capability);
    pacta_free(a->risk);
    pacta_free(a->actors);
    memset(a, 0, sizeof *a);
}

pacta_status pacta_forecast_run(pacta_forecast_t **out, const pacta_scenario_t *scenario,
                                const pacta_forecast_options_t *options, pacta_diag_t *diag)
{
    *out = NULL;
    pacta_status st = PACTA_OK;
    issue_arrays_t arrays;
    memset(&arrays, 0, sizeof arrays);
    pacta_forecast_t *f = pacta_calloc(1, sizeof *f);
    if (f == NULL)
        return PACTA_ENOMEM;

    /* --rounds is shorthand for the iterative models' "rounds" setting. */
    char rounds[32];
    if (options->rounds > 0)
        snprintf(rounds, sizeof rounds, "%ld", options->rounds);
    st = make_configs(f, options, options->settings, options->rounds > 0 ? rounds : NULL, diag);
    if (st != PACTA_OK)
        goto cleanup;

    long only = -1;
    if (options->issue != NULL) {
        only = pacta_scenario_find_issue(scenario, options->issue);
        if (only < 0) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, scenario->path, 0, 0, "--issue",
                            "the scenario has no issue '%s'", options->issue);
            st = PACTA_EINVAL;
            goto cleanup;
        }
    }
    size_t n_issues = only >= 0 ? 1 : scenario->n_issues;
    f->issues = pacta_calloc(n_issues, sizeof(pacta_forecast_issue_t));
    if (f->issues == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    for (size_t q = 0; q < n_issues; q++) {
        size_t k = only >= 0 ? (size_t)only : q;
        pacta_forecast_issue_t *fi = &f->issues[q];
        f->n_issues++;
        fi->issue = k;
        fi->entries = pacta_calloc(f->n_configs, sizeof(pacta_forecast_entry_t));
        if (fi->entries == NULL) {
            st = PACTA_ENOMEM;
            goto cleanup;
        }
        st = gather(scenario, k, &arrays);
        if (st != PACTA_OK)
            goto cleanup;
        fi->actors = arrays.actors;
        fi->n_actors = arrays.n;
        arrays.actors = NULL;
        const pacta_issue_t *issue = &scenario->issues[k];
        pacta_issue_data_t data = {arrays.n,          arrays.position,        arrays.salience,
                                   arrays.capability, arrays.any_risk ? arrays.risk : NULL,
                                   issue->has_status_quo, issue->status_quo.value};
        for (size_t c = 0; c < f->n_configs; c++) {
            pacta_forecast_entry_t *e = &fi->entries[c];
            e->config = f->configs[c];
            pacta_model_result_init(&e->result);
            fi->n_entries++;
            st = pacta_model_run(f->configs[c], &data, &e->result, diag);
            if (st != PACTA_OK) {
                pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, scenario->path, issue->at.line,
                                issue->at.column, issue->id, "model %s failed: %s",
                                pacta_model_name(pacta_model_config_model(f->configs[c])),
                                pacta_strerror(st));
                goto cleanup;
            }
        }
        release(&arrays);
    }

cleanup:
    release(&arrays);
    if (st != PACTA_OK)
        pacta_forecast_destroy(f);
    else
        *out = f;
    return st;
}
