/* The model registry, option resolution and the entry point shared by all models. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/text.h"
#include "models/model_internal.h"

static const pacta_model_t *const registry[] = {
    &pacta_model_compromise, &pacta_model_median, &pacta_model_nash,     &pacta_model_bdm,
    &pacta_model_focal,      &pacta_model_smp,    &pacta_model_exchange, &pacta_model_choice_logit,
};

size_t pacta_model_count(void)
{
    return sizeof registry / sizeof registry[0];
}

const pacta_model_t *pacta_model_at(size_t i)
{
    return i < pacta_model_count() ? registry[i] : NULL;
}

const pacta_model_t *pacta_model_find(const char *name)
{
    for (size_t i = 0; i < pacta_model_count(); i++)
        if (strcmp(registry[i]->name, name) == 0)
            return registry[i];
    return NULL;
}

const char *pacta_model_name(const pacta_model_t *model)
{
    return model->name;
}

const char *pacta_model_summary(const pacta_model_t *model)
{
    return model->summary;
}

bool pacta_model_is_iterative(const pacta_model_t *model)
{
    return model->iterative;
}

bool pacta_model_is_joint(const pacta_model_t *model)
{
    return model->run_joint != NULL;
}

const pacta_option_spec_t *pacta_model_options(const pacta_model_t *model, size_t *n)
{
    *n = model->n_options;
    return model->options;
}

const pacta_profile_t *pacta_model_profiles(const pacta_model_t *model, size_t *n)
{
    *n = model->n_profiles;
    return model->profiles;
}

const char *pacta_stop_reason_name(pacta_stop_reason reason)
{
    switch (reason) {
    case PACTA_STOP_NONE:
        return "none";
    case PACTA_STOP_ROUNDS:
        return "rounds";
    case PACTA_STOP_CONVERGED:
        return "converged";
    case PACTA_STOP_UNANIMOUS:
        return "unanimous";
    }
    return "unknown";
}

const char *pacta_move_kind_name(pacta_move_kind kind)
{
    switch (kind) {
    case PACTA_MOVE_NONE:
        return "none";
    case PACTA_MOVE_CONFLICT:
        return "conflict";
    case PACTA_MOVE_COMPROMISE:
        return "compromise";
    case PACTA_MOVE_CAPITULATE:
        return "capitulate";
    case PACTA_MOVE_BARGAIN:
        return "bargain";
    }
    return "unknown";
}

/* ---- results --------------------------------------------------------------------------- */

void pacta_model_result_init(pacta_model_result_t *result)
{
    memset(result, 0, sizeof *result);
}

void pacta_model_result_destroy(pacta_model_result_t *result)
{
    if (result == NULL)
        return;
    for (size_t i = 0; i < result->n_rounds; i++) {
        pacta_free(result->rounds[i].position);
        pacta_free(result->rounds[i].risk);
        pacta_free(result->rounds[i].ideal);
        pacta_free(result->rounds[i].moves);
    }
    pacta_free(result->rounds);
    pacta_free(result->outcomes);
    pacta_free((char *)result->note);
    pacta_model_result_init(result);
}

pacta_status pacta_model_record(pacta_model_result_t *result, double forecast, bool defined)
{
    if (result == NULL)
        return PACTA_OK;
    result->defined = defined;
    result->forecast = forecast;
    if (!defined)
        return pacta_model_note(result, "no actor has both capability and salience above zero");
    return PACTA_OK;
}

pacta_status pacta_model_note(pacta_model_result_t *result, const char *format, ...)
{
    if (result == NULL)
        return PACTA_OK;
    char buf[512];
    va_list ap;
    va_start(ap, format);
    vsnprintf(buf, sizeof buf, format, ap);
    va_end(ap);
    char *copy = pacta_strdup(buf);
    if (copy == NULL)
        return PACTA_ENOMEM;
    pacta_free((char *)result->note);
    result->note = copy;
    return PACTA_OK;
}

pacta_status pacta_model_alloc_rounds(pacta_model_result_t *result, size_t n, size_t n_rounds,
                                      bool with_risk)
{
    result->rounds = pacta_calloc(n_rounds, sizeof(pacta_round_t));
    if (result->rounds == NULL)
        return PACTA_ENOMEM;
    result->n_rounds = n_rounds;
    for (size_t i = 0; i < n_rounds; i++) {
        pacta_round_t *r = &result->rounds[i];
        r->round = (int)i;
        r->position = pacta_calloc(n, sizeof(double));
        if (r->position == NULL)
            return PACTA_ENOMEM;
        if (with_risk) {
            r->risk = pacta_calloc(n, sizeof(double));
            if (r->risk == NULL)
                return PACTA_ENOMEM;
        }
    }
    return PACTA_OK;
}

int pacta_model_choice(const char *value, const char *const *choices)
{
    for (int i = 0; choices[i] != NULL; i++)
        if (strcmp(value, choices[i]) == 0)
            return i;
    return 0;
}

double pacta_model_real(const char *value)
{
    double v = 0.0;
    pacta_parse_number(value, strlen(value), &v);
    return v;
}

/* ---- settings -------------------------------------------------------------------------- */

struct pacta_settings {
    char **keys;
    char **values;
    size_t count;
    size_t capacity;
};

pacta_status pacta_settings_create(pacta_settings_t **out)
{
    *out = pacta_calloc(1, sizeof(pacta_settings_t));
    return *out ? PACTA_OK : PACTA_ENOMEM;
}

void pacta_settings_destroy(pacta_settings_t *settings)
{
    if (settings == NULL)
        return;
    for (size_t i = 0; i < settings->count; i++) {
        pacta_free(settings->keys[i]);
        pacta_free(settings->values[i]);
    }
    pacta_free(settings->keys);
    pacta_free(settings->values);
    pacta_free(settings);
}

pacta_status pacta_settings_set(pacta_settings_t *settings, const char *key, const char *value)
{
    if (settings->count == settings->capacity) {
        size_t capacity = settings->capacity ? 2 * settings->capacity : 8;
        char **keys = pacta_reallocarray(settings->keys, capacity, sizeof(char *));
        if (keys == NULL)
            return PACTA_ENOMEM;
        settings->keys = keys;
        char **values = pacta_reallocarray(settings->values, capacity, sizeof(char *));
        if (values == NULL)
            return PACTA_ENOMEM;
        settings->values = values;
        settings->capacity = capacity;
    }
    char *k = pacta_strdup(key), *v = pacta_strdup(value);
    if (k == NULL || v == NULL) {
        pacta_free(k);
        pacta_free(v);
        return PACTA_ENOMEM;
    }
    settings->keys[settings->count] = k;
    settings->values[settings->count] = v;
    settings->count++;
    return PACTA_OK;
}

pacta_status pacta_settings_parse(pacta_settings_t *settings, const char *assignment)
{
    const char *eq = strchr(assignment, '=');
    if (eq == NULL || eq == assignment)
        return PACTA_EINVAL;
    char *key = pacta_strndup(assignment, (size_t)(eq - assignment));
    if (key == NULL)
        return PACTA_ENOMEM;
    pacta_status st = pacta_settings_set(settings, key, eq + 1);
    pacta_free(key);
    return st;
}

size_t pacta_settings_count(const pacta_settings_t *settings)
{
    return settings ? settings->count : 0;
}

void pacta_settings_get(const pacta_settings_t *settings, size_t i, const char **key,
                        const char **value)
{
    *key = settings->keys[i];
    *value = settings->values[i];
}

const char *pacta_settings_lookup(const pacta_settings_t *settings, const char *key)
{
    if (settings == NULL)
        return NULL;
    for (size_t i = settings->count; i-- > 0;)
        if (strcmp(settings->keys[i], key) == 0)
            return settings->values[i];
    return NULL;
}

/* ---- configs --------------------------------------------------------------------------- */

struct pacta_model_config {
    const pacta_model_t *model;
    const char *profile;
    char **values;
    void *params;
};

void pacta_model_config_destroy(pacta_model_config_t *config)
{
    if (config == NULL)
        return;
    if (config->values != NULL)
        for (size_t i = 0; i < config->model->n_options; i++)
            pacta_free(config->values[i]);
    pacta_free(config->values);
    pacta_free(config->params);
    pacta_free(config);
}

static long find_option(const pacta_model_t *model, const char *key)
{
    for (size_t i = 0; i < model->n_options; i++)
        if (strcmp(model->options[i].key, key) == 0)
            return (long)i;
    return -1;
}

/* Check value against spec; on success store its canonical text in *slot. */
static pacta_status set_option(const pacta_model_t *model, const pacta_option_spec_t *spec,
                               const char *value, char **slot, const char *origin,
                               pacta_diag_t *diag)
{
    char canonical[64];
    const char *text = value;
    if (spec->kind == PACTA_OPTION_CHOICE) {
        bool found = false;
        for (size_t i = 0; spec->choices[i] != NULL; i++)
            if (strcmp(spec->choices[i], value) == 0)
                found = true;
        if (!found) {
            char list[256] = "";
            for (size_t i = 0; spec->choices[i] != NULL; i++) {
                if (i)
                    strncat(list, ", ", sizeof list - strlen(list) - 1);
                strncat(list, spec->choices[i], sizeof list - strlen(list) - 1);
            }
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, origin,
                            "%s option %s: '%s' is not one of: %s", model->name, spec->key, value,
                            list);
            return PACTA_EINVAL;
        }
    } else {
        double v = 0.0;
        number_error e = pacta_parse_number(value, strlen(value), &v);
        if (e != NUMBER_OK) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, origin, "%s option %s: '%s' %s",
                            model->name, spec->key, value, pacta_number_error_text(e));
            return PACTA_EINVAL;
        }
        if (spec->kind == PACTA_OPTION_INTEGER && v != floor(v)) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, origin,
                            "%s option %s: '%s' is not a whole number", model->name, spec->key,
                            value);
            return PACTA_EINVAL;
        }
        if (v < spec->min || v > spec->max) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, origin,
                            "%s option %s: %s is outside the range %g to %g", model->name,
                            spec->key, value, spec->min, spec->max);
            return PACTA_EINVAL;
        }
        pacta_format_double(canonical, sizeof canonical, v);
        text = canonical;
    }
    char *copy = pacta_strdup(text);
    if (copy == NULL)
        return PACTA_ENOMEM;
    pacta_free(*slot);
    *slot = copy;
    return PACTA_OK;
}

pacta_status pacta_model_config_create(pacta_model_config_t **out, const pacta_model_t *model,
                                       const char *profile, const pacta_settings_t *settings,
                                       bool ignore_unknown, pacta_diag_t *diag)
{
    *out = NULL;
    pacta_status st = PACTA_OK;
    pacta_model_config_t *config = pacta_calloc(1, sizeof *config);
    if (config == NULL)
        return PACTA_ENOMEM;
    config->model = model;
    config->values = pacta_calloc(model->n_options, sizeof(char *));
    config->params = pacta_calloc(1, model->params_size);
    if (config->values == NULL || config->params == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < model->n_options; i++) {
        config->values[i] = pacta_strdup(model->options[i].default_value);
        if (config->values[i] == NULL) {
            st = PACTA_ENOMEM;
            goto cleanup;
        }
    }
    if (profile != NULL) {
        const pacta_profile_t *p = NULL;
        for (size_t i = 0; i < model->n_profiles; i++)
            if (strcmp(model->profiles[i].name, profile) == 0)
                p = &model->profiles[i];
        if (p == NULL) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--profile",
                            "model %s has no profile '%s'", model->name, profile);
            st = PACTA_EINVAL;
            goto cleanup;
        }
        config->profile = p->name;
        for (size_t i = 0; p->settings[i] != NULL; i++) {
            const char *eq = strchr(p->settings[i], '=');
            char key[64];
            snprintf(key, sizeof key, "%.*s", (int)(eq - p->settings[i]), p->settings[i]);
            long k = find_option(model, key);
            st = set_option(model, &model->options[k], eq + 1, &config->values[k], "--profile",
                            diag);
            if (st != PACTA_OK)
                goto cleanup;
        }
    }
    for (size_t i = 0; i < pacta_settings_count(settings); i++) {
        const char *key, *value;
        pacta_settings_get(settings, i, &key, &value);
        long k = find_option(model, key);
        if (k < 0) {
            if (ignore_unknown)
                continue;
            const char *names[64];
            size_t m = 0;
            for (size_t j = 0; j < model->n_options && m < 63; j++)
                names[m++] = model->options[j].key;
            names[m] = NULL;
            const char *suggestion = pacta_suggest(key, names);
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--set",
                            "model %s has no option '%s'%s%s%s", model->name, key,
                            suggestion ? "; did you mean '" : "", suggestion ? suggestion : "",
                            suggestion ? "'?" : "");
            st = PACTA_EINVAL;
            goto cleanup;
        }
        st = set_option(model, &model->options[k], value, &config->values[k], "--set", diag);
        if (st != PACTA_OK)
            goto cleanup;
    }
    st = model->parse(config->params, (const char *const *)config->values, diag);

cleanup:
    if (st != PACTA_OK)
        pacta_model_config_destroy(config);
    else
        *out = config;
    return st;
}

const pacta_model_t *pacta_model_config_model(const pacta_model_config_t *config)
{
    return config->model;
}

size_t pacta_model_config_option_count(const pacta_model_config_t *config)
{
    return config->model->n_options;
}

void pacta_model_config_option(const pacta_model_config_t *config, size_t i, const char **key,
                               const char **value)
{
    *key = config->model->options[i].key;
    *value = config->values[i];
}

const char *pacta_model_config_lookup(const pacta_model_config_t *config, const char *key)
{
    long i = find_option(config->model, key);
    return i < 0 ? NULL : config->values[i];
}

const char *pacta_model_config_profile(const pacta_model_config_t *config)
{
    return config->profile;
}

static bool in_range(double v, double lo, double hi)
{
    return isfinite(v) && v >= lo && v <= hi;
}

/* Every value in its domain (the same check for full and forecast-only runs). */
static bool data_valid(const pacta_issue_data_t *data, pacta_diag_t *diag)
{
    if (data == NULL || data->n == 0 || data->position == NULL || data->salience == NULL ||
        data->capability == NULL) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "",
                       "a model needs at least one actor with position, salience and capability");
        return false;
    }
    for (size_t i = 0; i < data->n; i++) {
        if (!in_range(data->position[i], 0, 100) || !in_range(data->salience[i], 0, 100) ||
            !in_range(data->capability[i], 0, INFINITY) ||
            (data->risk != NULL && !in_range(data->risk[i], 0.1, 10))) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "",
                            "actor %zu has a value outside its domain", i);
            return false;
        }
    }
    if (data->has_status_quo && !in_range(data->status_quo, 0, 100)) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "status_quo",
                       "the status quo is outside 0 to 100");
        return false;
    }
    return true;
}

/* ---- workspaces ------------------------------------------------------------------------ */

struct pacta_workspace {
    void *memory;
    size_t bytes;
    size_t max_actors;
};

pacta_status pacta_workspace_create(pacta_workspace_t **out,
                                    const pacta_model_config_t *const *configs, size_t n_configs,
                                    size_t max_actors)
{
    *out = NULL;
    size_t bytes = 16;
    for (size_t i = 0; i < n_configs; i++) {
        const pacta_model_t *m = configs[i]->model;
        if (m->workspace_bytes == NULL)
            continue; /* joint models allocate their own state */
        size_t need = m->workspace_bytes(configs[i]->params, max_actors);
        if (need > bytes)
            bytes = need;
    }
    pacta_workspace_t *ws = pacta_calloc(1, sizeof *ws);
    if (ws == NULL)
        return PACTA_ENOMEM;
    /* malloc's alignment (16 on the platforms we build for) is what the models need. */
    ws->memory = pacta_malloc(bytes);
    if (ws->memory == NULL) {
        pacta_free(ws);
        return PACTA_ENOMEM;
    }
    ws->bytes = bytes;
    ws->max_actors = max_actors;
    *out = ws;
    return PACTA_OK;
}

void pacta_workspace_destroy(pacta_workspace_t *workspace)
{
    if (workspace == NULL)
        return;
    pacta_free(workspace->memory);
    pacta_free(workspace);
}

pacta_status pacta_model_forecast(const pacta_model_config_t *config,
                                  const pacta_issue_data_t *data, pacta_workspace_t *workspace,
                                  double *forecast, bool *defined)
{
    *defined = false;
    *forecast = NAN;
    if (!data_valid(data, NULL))
        return PACTA_EINVAL;
    const pacta_model_t *m = config->model;
    if (m->run == NULL) {
        /* A joint model on one issue: a full run (it allocates), keeping the forecast. */
        pacta_model_result_t result;
        pacta_model_result_init(&result);
        pacta_joint_data_t joint = {data->n,          1,   data->position, data->salience,
                                    data->capability, NULL};
        pacta_status st = m->run_joint(config->params, &joint, &result, NULL);
        if (st == PACTA_OK) {
            *defined = result.defined;
            *forecast = result.forecast;
        }
        pacta_model_result_destroy(&result);
        return st;
    }
    if (data->n > workspace->max_actors ||
        m->workspace_bytes(config->params, data->n) > workspace->bytes)
        return PACTA_EINVAL;
    return m->run(config->params, data, workspace->memory, NULL, forecast, defined);
}

pacta_status pacta_model_predictive(const pacta_model_config_t *config,
                                    const pacta_issue_data_t *data, pacta_workspace_t *workspace,
                                    double *points, double *probability, size_t *count)
{
    *count = 0;
    const pacta_model_t *m = config->model;
    if (m->predictive == NULL || !data_valid(data, NULL) || data->n > workspace->max_actors ||
        m->workspace_bytes(config->params, data->n) > workspace->bytes)
        return PACTA_EINVAL;
    return m->predictive(config->params, data, workspace->memory, points, probability, count);
}

pacta_status pacta_model_run(const pacta_model_config_t *config, const pacta_issue_data_t *data,
                             pacta_model_result_t *result, pacta_diag_t *diag)
{
    pacta_model_result_destroy(result);
    if (!data_valid(data, diag))
        return PACTA_EINVAL;
    result->n_actors = data->n;
    pacta_status st;
    const pacta_model_t *m = config->model;
    if (m->run != NULL) {
        size_t bytes = m->workspace_bytes(config->params, data->n);
        void *scratch = pacta_malloc(bytes ? bytes : 16);
        if (scratch == NULL)
            return PACTA_ENOMEM;
        double forecast;
        bool defined;
        st = m->run(config->params, data, scratch, result, &forecast, &defined);
        pacta_free(scratch);
    } else {
        /* A joint model on one issue: one dimension. */
        pacta_joint_data_t joint = {data->n,          1,   data->position, data->salience,
                                    data->capability, NULL};
        st = m->run_joint(config->params, &joint, result, diag);
    }
    if (st != PACTA_OK)
        pacta_model_result_destroy(result);
    return st;
}

pacta_status pacta_model_run_joint(const pacta_model_config_t *config,
                                   const pacta_joint_data_t *data, pacta_model_result_t *results,
                                   pacta_diag_t *diag)
{
    if (config->model->run_joint == NULL) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "",
                        "model %s does not bargain over several issues jointly",
                        config->model->name);
        return PACTA_EINVAL;
    }
    if (data == NULL || data->k == 0) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "",
                       "a joint model needs at least one dimension");
        return PACTA_EINVAL;
    }
    for (size_t d = 0; d < data->k; d++)
        pacta_model_result_destroy(&results[d]);
    if (data->n == 0 || data->position == NULL || data->salience == NULL ||
        data->capability == NULL) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "",
                       "a model needs at least one actor with position, salience and capability");
        return PACTA_EINVAL;
    }
    if (data->n > SIZE_MAX / data->k || data->n > SIZE_MAX / data->n) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "", "too many actors or dimensions");
        return PACTA_EINVAL;
    }
    for (size_t i = 0; i < data->n; i++) {
        bool ok = in_range(data->capability[i], 0, INFINITY);
        for (size_t d = 0; d < data->k; d++)
            ok = ok && in_range(data->position[i * data->k + d], 0, 100) &&
                 in_range(data->salience[i * data->k + d], 0, 100);
        if (!ok) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "",
                            "actor %zu has a value outside its domain", i);
            return PACTA_EINVAL;
        }
        if (data->adjustment != NULL) {
            /* The same tolerance as KTAB's newIdeals (smp.cpp): a row may sum to slightly
             * above 1 through rounding in the input. */
            double sum = 0.0;
            for (size_t j = 0; j < data->n; j++) {
                double a = data->adjustment[i * data->n + j];
                if (!in_range(a, 0, 1)) {
                    pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "",
                                    "ideal adjustment of actor %zu toward actor %zu is outside "
                                    "0 to 1",
                                    i, j);
                    return PACTA_EINVAL;
                }
                sum += a;
            }
            if (sum > 1.0 + 1e-10) {
                pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "",
                                "the ideal adjustments of actor %zu sum to %g, more than 1", i,
                                sum);
                return PACTA_EINVAL;
            }
        }
    }
    for (size_t d = 0; d < data->k; d++)
        results[d].n_actors = data->n;
    pacta_status st = config->model->run_joint(config->params, data, results, diag);
    if (st != PACTA_OK)
        for (size_t d = 0; d < data->k; d++)
            pacta_model_result_destroy(&results[d]);
    return st;
}
