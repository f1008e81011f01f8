/* Applies the selected models to the selected issues of a scenario: per-issue models to
 * each issue on its own, joint models (smp) once over all selected issues, or issue by
 * issue when their option "dimensions" asks for it. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "forecast/forecast_internal.h"

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
    pacta_free(forecast->joint_actors);
    pacta_free(forecast->joint_issues);
    for (size_t c = 0; c < forecast->n_configs; c++)
        pacta_model_config_destroy(forecast->configs[c]);
    pacta_free(forecast->configs);
    pacta_free(forecast);
}

/* Resolve the model list into configs. Each model's settings are, in order: the scenario's
 * model_settings for it, --rounds (iterative models), then the --set list; later ones win.
 * A profile applies to the models that define it; naming one that no selected model
 * defines is an error. */
static pacta_status make_configs(pacta_forecast_t *f, const pacta_scenario_t *scenario,
                                 const pacta_forecast_options_t *o,
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
        for (size_t k = 0; st == PACTA_OK && k < scenario->n_model_settings; k++) {
            const pacta_model_setting_t *set = &scenario->model_settings[k];
            if (strcmp(set->model, pacta_model_name(model)) == 0)
                st = pacta_settings_set(own, set->key, set->value);
        }
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
        for (size_t c = 0; c < f->n_configs && !known; c++)
            known = pacta_model_config_lookup(f->configs[c], key) != NULL;
        if (!known) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--set",
                            "no selected model has an option '%s'", key);
            return PACTA_EINVAL;
        }
    }
    return PACTA_OK;
}

/* Append a remark to a result's note ("old; new"). */
static pacta_status append_note(pacta_model_result_t *r, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static pacta_status append_note(pacta_model_result_t *r, const char *format, ...)
{
    char remark[512];
    va_list ap;
    va_start(ap, format);
    vsnprintf(remark, sizeof remark, format, ap);
    va_end(ap);
    const char *old = r->note;
    size_t len = strlen(remark) + (old ? strlen(old) + 2 : 0) + 1;
    char *note = pacta_malloc(len);
    if (note == NULL)
        return PACTA_ENOMEM;
    snprintf(note, len, "%s%s%s", old ? old : "", old ? "; " : "", remark);
    pacta_free((char *)old);
    r->note = note;
    return PACTA_OK;
}

/* ---- per-issue models ---------------------------------------------------------------------- */

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
    a->position = pacta_malloc((n + 1) * sizeof(double));
    a->salience = pacta_malloc((n + 1) * sizeof(double));
    a->capability = pacta_malloc((n + 1) * sizeof(double));
    a->risk = pacta_malloc((n + 1) * sizeof(double));
    a->actors = pacta_malloc((n + 1) * sizeof(size_t));
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

/* ---- joint models -------------------------------------------------------------------------- */

enum { MODE_PER_ISSUE = 0, MODE_JOINT, MODE_SEPARATE, MODE_AUTO_SEPARATE };

/* A joint run's input: the actors with a stance on every issue of the run, in scenario
 * order; actors with stances on only some of them are left out and counted. */
typedef struct joint_input {
    size_t *actors; /* n indices into scenario->actors */
    double *position, *salience, *capability;
    double *adjustment; /* n x n, or NULL when no actor adjusts its ideal otherwise */
    size_t n, k, partial, dropped;
    const char *first_partial; /* id of the first actor left out */
} joint_input_t;

static void joint_release(joint_input_t *j)
{
    pacta_free(j->actors);
    pacta_free(j->position);
    pacta_free(j->salience);
    pacta_free(j->capability);
    pacta_free(j->adjustment);
    memset(j, 0, sizeof *j);
}

/* The ideal-adjustment matrix among the run's actors: identity rows with each actor's
 * entries set; entries toward actors outside the run are dropped (and counted). */
static pacta_status joint_adjustment(const pacta_scenario_t *s, joint_input_t *j)
{
    bool any = false;
    for (size_t i = 0; i < j->n; i++)
        any |= s->actors[j->actors[i]].n_adjustments > 0;
    if (!any)
        return PACTA_OK;
    const size_t n = j->n;
    j->adjustment = pacta_calloc(n * n, sizeof(double));
    long *place = pacta_malloc((s->n_actors + 1) * sizeof(long));
    if (j->adjustment == NULL || place == NULL) {
        pacta_free(place);
        return PACTA_ENOMEM;
    }
    for (size_t a = 0; a < s->n_actors; a++)
        place[a] = -1;
    for (size_t i = 0; i < n; i++)
        place[j->actors[i]] = (long)i;
    for (size_t i = 0; i < n; i++) {
        const pacta_actor_t *actor = &s->actors[j->actors[i]];
        j->adjustment[i * n + i] = 1.0;
        for (size_t e = 0; e < actor->n_adjustments; e++) {
            const long to = place[actor->adjustments[e].toward];
            if (to < 0) {
                j->dropped++;
                continue;
            }
            j->adjustment[i * n + (size_t)to] = actor->adjustments[e].weight.value;
        }
    }
    pacta_free(place);
    return PACTA_OK;
}

static pacta_status joint_gather(const pacta_scenario_t *s, const size_t *issues, size_t k,
                                 joint_input_t *j)
{
    memset(j, 0, sizeof *j);
    j->k = k;
    j->actors = pacta_malloc((s->n_actors + 1) * sizeof(size_t));
    j->position = pacta_malloc((s->n_actors * k + 1) * sizeof(double));
    j->salience = pacta_malloc((s->n_actors * k + 1) * sizeof(double));
    j->capability = pacta_malloc((s->n_actors + 1) * sizeof(double));
    if (!j->actors || !j->position || !j->salience || !j->capability)
        return PACTA_ENOMEM;
    for (size_t a = 0; a < s->n_actors; a++) {
        const pacta_actor_t *actor = &s->actors[a];
        size_t present = 0;
        for (size_t q = 0; q < k; q++)
            present += actor->stances[issues[q]].present;
        if (present < k) {
            if (present > 0 && j->partial++ == 0)
                j->first_partial = actor->id;
            continue;
        }
        for (size_t q = 0; q < k; q++) {
            const pacta_stance_t *st = &actor->stances[issues[q]];
            j->position[j->n * k + q] = st->position.value;
            j->salience[j->n * k + q] = st->salience.value;
        }
        j->capability[j->n] = actor->capability.value;
        j->actors[j->n++] = a;
    }
    return joint_adjustment(s, j);
}

/* Run one joint model on the gathered input; results[q] is the run's q-th issue. */
static pacta_status joint_run(const pacta_scenario_t *s, const pacta_model_config_t *config,
                              const joint_input_t *j, pacta_model_result_t *results,
                              pacta_diag_t *diag)
{
    pacta_status st = PACTA_OK;
    for (size_t q = 0; q < j->k; q++)
        pacta_model_result_init(&results[q]);
    if (j->n == 0) {
        for (size_t q = 0; q < j->k && st == PACTA_OK; q++)
            st = append_note(&results[q], "no actor has a stance on every issue bargained over "
                                          "jointly; use --issue for one issue");
        return st;
    }
    pacta_joint_data_t data = {j->n, j->k, j->position, j->salience, j->capability,
                               j->adjustment};
    st = pacta_model_run_joint(config, &data, results, diag);
    if (st != PACTA_OK) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "", "model %s failed: %s",
                        pacta_model_name(pacta_model_config_model(config)),
                        pacta_strerror(st));
        return st;
    }
    /* Say who was left out, after the model's own remarks. */
    for (size_t q = 0; q < j->k && st == PACTA_OK; q++) {
        if (j->partial > 0)
            st = append_note(&results[q],
                             "%zu actor%s without a stance on every issue bargained over "
                             "jointly %s left out (first: %s); use --issue for one issue",
                             j->partial, j->partial == 1 ? "" : "s",
                             j->partial == 1 ? "was" : "were", j->first_partial);
        if (st == PACTA_OK && j->dropped > 0)
            st = append_note(&results[q],
                             "%zu ideal adjustment%s toward actors outside the run %s ignored",
                             j->dropped, j->dropped == 1 ? "" : "s",
                             j->dropped == 1 ? "was" : "were");
    }
    return st;
}

pacta_status pacta_forecast_joint_point(const pacta_scenario_t *s,
                                        const pacta_model_config_t *config, const size_t *issues,
                                        size_t k, double *forecasts)
{
    joint_input_t j;
    pacta_model_result_t *results = pacta_calloc(k, sizeof(pacta_model_result_t));
    pacta_status st = results ? joint_gather(s, issues, k, &j) : PACTA_ENOMEM;
    if (st == PACTA_OK)
        st = joint_run(s, config, &j, results, NULL);
    for (size_t q = 0; q < k; q++) {
        forecasts[q] = st == PACTA_OK && results[q].defined ? results[q].forecast : NAN;
        if (results != NULL)
            pacta_model_result_destroy(&results[q]);
    }
    if (results != NULL)
        joint_release(&j);
    pacta_free(results);
    return st;
}

/* ---- the forecast ------------------------------------------------------------------------- */

/* Run every joint model of f over all of f's selected issues at once into
 * joint_results[c * n_issues + q], unless its option "dimensions" says issue by issue
 * ("separate"), or "auto" finds actors that lack a stance on some issue; mode[c] says which.
 * The forecast keeps the joint run's actors for its entries. */
static pacta_status run_joint_models(const pacta_scenario_t *scenario, pacta_forecast_t *f,
                                     int *mode, joint_input_t *joint,
                                     pacta_model_result_t *joint_results, pacta_diag_t *diag)
{
    const size_t n_issues = f->n_joint_issues;
    bool any_joint = false;
    for (size_t c = 0; c < f->n_configs; c++)
        any_joint |= pacta_model_is_joint(pacta_model_config_model(f->configs[c]));
    if (!any_joint)
        return PACTA_OK;
    pacta_status st = joint_gather(scenario, f->joint_issues, n_issues, joint);
    for (size_t c = 0; c < f->n_configs && st == PACTA_OK; c++) {
        if (!pacta_model_is_joint(pacta_model_config_model(f->configs[c])))
            continue;
        const char *dims = pacta_model_config_lookup(f->configs[c], "dimensions");
        mode[c] = MODE_JOINT;
        if (dims != NULL && strcmp(dims, "separate") == 0)
            mode[c] = MODE_SEPARATE;
        if (dims != NULL && strcmp(dims, "auto") == 0 && joint->partial > 0)
            mode[c] = MODE_AUTO_SEPARATE;
        if (mode[c] == MODE_JOINT)
            st = joint_run(scenario, f->configs[c], joint, &joint_results[c * n_issues], diag);
    }
    if (st != PACTA_OK)
        return st;
    f->joint_actors = joint->actors;
    f->n_joint_actors = joint->n;
    joint->actors = NULL;
    return PACTA_OK;
}

/* A joint model on issue k alone (its actors are the issue's), with a note saying why when
 * dimensions=auto chose it (joint is the all-issue input that had actors without stances). */
static pacta_status run_separately(const pacta_scenario_t *scenario,
                                   const pacta_model_config_t *config, size_t k, bool automatic,
                                   const joint_input_t *joint, joint_input_t *single,
                                   pacta_model_result_t *result, pacta_diag_t *diag)
{
    pacta_status st = joint_gather(scenario, &k, 1, single);
    if (st == PACTA_OK)
        st = joint_run(scenario, config, single, result, diag);
    joint_release(single);
    if (st == PACTA_OK && automatic)
        st = append_note(result,
                         "bargained issue by issue: %zu actor%s lack%s a stance on "
                         "some of the issues (first: %s); --set dimensions=joint "
                         "bargains over all issues at once without them",
                         joint->partial, joint->partial == 1 ? "" : "s",
                         joint->partial == 1 ? "s" : "", joint->first_partial);
    return st;
}

pacta_status pacta_forecast_run(pacta_forecast_t **out, const pacta_scenario_t *scenario,
                                const pacta_forecast_options_t *options, pacta_diag_t *diag)
{
    *out = NULL;
    pacta_status st = PACTA_OK;
    issue_arrays_t arrays;
    memset(&arrays, 0, sizeof arrays);
    joint_input_t joint, single;
    memset(&joint, 0, sizeof joint);
    memset(&single, 0, sizeof single);
    int *mode = NULL; /* per config: how it runs */
    /* joint_results[c * n_issues + q]: joint config c's result on selected issue q. */
    pacta_model_result_t *joint_results = NULL;
    size_t n_joint_results = 0;
    pacta_forecast_t *f = pacta_calloc(1, sizeof *f);
    if (f == NULL)
        return PACTA_ENOMEM;

    /* --rounds is shorthand for the iterative models' "rounds" setting. */
    char rounds[32];
    if (options->rounds > 0)
        snprintf(rounds, sizeof rounds, "%ld", options->rounds);
    st = make_configs(f, scenario, options, options->settings,
                      options->rounds > 0 ? rounds : NULL, diag);
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
    f->joint_issues = pacta_calloc(n_issues, sizeof(size_t));
    mode = pacta_calloc(f->n_configs, sizeof(int));
    n_joint_results = n_issues * f->n_configs;
    joint_results = pacta_calloc(n_joint_results, sizeof(pacta_model_result_t));
    if (!f->issues || !f->joint_issues || !mode || !joint_results) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    for (size_t q = 0; q < n_issues; q++)
        f->joint_issues[q] = only >= 0 ? (size_t)only : q;
    f->n_joint_issues = n_issues;

    /* Joint models first: one run each over all selected issues. */
    st = run_joint_models(scenario, f, mode, &joint, joint_results, diag);
    if (st != PACTA_OK)
        goto cleanup;

    for (size_t q = 0; q < n_issues; q++) {
        size_t k = f->joint_issues[q];
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
            e->actors = fi->actors;
            e->n_actors = fi->n_actors;
            if (mode[c] == MODE_JOINT) {
                /* The joint run's result on this issue moves into the entry. */
                e->result = joint_results[c * n_issues + q];
                pacta_model_result_init(&joint_results[c * n_issues + q]);
                e->actors = f->joint_actors;
                e->n_actors = f->n_joint_actors;
                e->joint_issues = f->joint_issues;
                e->n_joint_issues = f->n_joint_issues;
                continue;
            }
            if (mode[c] == MODE_SEPARATE || mode[c] == MODE_AUTO_SEPARATE) {
                st = run_separately(scenario, f->configs[c], k, mode[c] == MODE_AUTO_SEPARATE,
                                    &joint, &single, &e->result, diag);
                if (st != PACTA_OK)
                    goto cleanup;
                continue;
            }
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
    joint_release(&joint);
    joint_release(&single);
    if (joint_results != NULL)
        for (size_t i = 0; i < n_joint_results; i++)
            pacta_model_result_destroy(&joint_results[i]);
    pacta_free(joint_results);
    pacta_free(mode);
    if (st != PACTA_OK)
        pacta_forecast_destroy(f);
    else
        *out = f;
    return st;
}
