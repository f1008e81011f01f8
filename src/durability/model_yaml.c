/* Durability models as YAML files (schema pacta.durability-model/1, docs/durability.md §4):
 * provenance first, then every number at full precision so that reading the file back gives
 * the same doubles. Reading reuses the scenario reader's located YAML tree. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/table.h"
#include "core/text.h"
#include "durability/durability_internal.h"
#include "scenario/yaml_emit.h"
#include "scenario/yaml_tree.h"

/* ---- writing ------------------------------------------------------------------------------ */

static void put_row(FILE *f, const char *indent, const double *v, size_t n)
{
    fprintf(f, "%s- [", indent);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", f);
        pacta_yaml_put_number(f, v[i]);
    }
    fputs("]\n", f);
}

pacta_status pacta_durability_model_write_yaml(const pacta_durability_model_t *dm, FILE *f)
{
    const pacta_surv_model_t *m = dm->fit;
    bool weibull = m->family == PACTA_SURV_WEIBULL;
    fputs("# A fitted durability model (docs/durability.md). Numbers only: the episode data\n"
          "# it was fitted on are not included; the provenance says how to rebuild them.\n",
          f);
    fprintf(f, "schema: %s\n", PACTA_DURABILITY_MODEL_SCHEMA);
    fprintf(f, "model: %s\n", weibull ? "weibull" : "cox");
    if (!weibull)
        fprintf(f, "ties: %s\n", m->ties == PACTA_SURV_TIES_BRESLOW ? "breslow" : "efron");
    fputs("time_unit: years\n", f);
    fputs("provenance:\n  created: ", f);
    pacta_yaml_put_string(f, dm->created);
    fputs("\n  pacta_version: ", f);
    pacta_yaml_put_string(f, dm->pacta_version);
    fputs("\n  episode_rule: ", f);
    pacta_yaml_put_string(f, dm->episode_rule);
    fputc('\n', f);
    if (dm->episodes_file) {
        fputs("  episodes_file: ", f);
        pacta_yaml_put_string(f, dm->episodes_file);
        fputc('\n', f);
    }
    fputs("  data:\n", f);
    if (dm->n_provenance == 0)
        fputs("    []\n", f);
    for (size_t i = 0; i < dm->n_provenance; i++) {
        fputs("    - ", f);
        pacta_yaml_put_string(f, dm->provenance[i]);
        fputc('\n', f);
    }
    fprintf(f, "fit:\n  n: %zu\n  events: %zu\n  iterations: %d\n  loglik: ", m->n, m->events,
            m->iterations);
    pacta_yaml_put_number(f, m->loglik);
    fputs("\n  loglik_null: ", f);
    pacta_yaml_put_number(f, m->loglik_null);
    fputs("\n  max_time: ", f);
    pacta_yaml_put_number(f, m->max_time);
    fputs("\n  max_distance: ", f);
    pacta_yaml_put_number(f, m->max_distance);
    fputc('\n', f);
    if (weibull) {
        fputs("weibull:\n  intercept: ", f);
        pacta_yaml_put_number(f, m->intercept);
        fputs("\n  intercept_se: ", f);
        pacta_yaml_put_number(f, m->intercept_se);
        fputs("\n  shape: ", f);
        pacta_yaml_put_number(f, m->shape);
        fputs("\n  shape_se: ", f);
        pacta_yaml_put_number(f, m->shape_se);
        fputc('\n', f);
    }
    /* A model without covariates (the baseline alone) is valid; its list is written empty. */
    fputs(m->p == 0 ? "covariates: []\n" : "covariates:\n", f);
    for (size_t j = 0; j < m->p; j++) {
        fputs("  - name: ", f);
        pacta_yaml_put_string(f, m->names[j]);
        fputs("\n    beta: ", f);
        pacta_yaml_put_number(f, m->beta[j]);
        fputs("\n    se: ", f);
        pacta_yaml_put_number(f, m->se[j]);
        fputs("\n    hazard_ratio: ", f);
        pacta_yaml_put_number(f, exp(m->beta[j]));
        fputs("\n    mean: ", f);
        pacta_yaml_put_number(f, m->x_mean[j]);
        fputs("\n    min: ", f);
        pacta_yaml_put_number(f, m->x_min[j]);
        fputs("\n    max: ", f);
        pacta_yaml_put_number(f, m->x_max[j]);
        fprintf(f, "\n    nonzero: %zu\n", m->x_nonzero[j]);
    }
    fputs("# Covariance of the estimates, in the order of the covariates", f);
    fputs(weibull ? ", then intercept and shape.\ncovariance:\n" : ".\ncovariance:\n", f);
    if (m->k == 0)
        fputs("  []\n", f);
    for (size_t a = 0; a < m->k; a++)
        put_row(f, "  ", &m->cov[a * m->k], m->k);
    fputs("# Covariance of the covariates in the episode data (extrapolation checks).\n"
          "data_covariance:\n",
          f);
    if (m->p == 0)
        fputs("  []\n", f);
    for (size_t a = 0; a < m->p; a++)
        put_row(f, "  ", &m->x_cov[a * m->p], m->p);
    if (!weibull) {
        fputs("# Breslow baseline at the covariate means: per event time [t, H0(t), sum d/S0^2,\n"
              "# A_1(t) .. A_p(t)] (docs/durability.md, eq. D8).\nbaseline:\n",
              f);
        double row[PACTA_SURV_MAX_COVARIATES + 3];
        for (size_t s = 0; s < m->n_steps; s++) {
            row[0] = m->step_time[s];
            row[1] = m->step_cumhaz[s];
            row[2] = m->step_var[s];
            for (size_t j = 0; j < m->p; j++)
                row[3 + j] = m->step_a[s * m->p + j];
            put_row(f, "  ", row, 3 + m->p);
        }
    }
    return ferror(f) ? PACTA_EIO : PACTA_OK;
}

/* ---- reading ------------------------------------------------------------------------------ */

typedef struct mreader {
    const char *name;
    pacta_diag_t *diag;
    size_t errors;
} mreader_t;

static void err(mreader_t *r, const ynode_t *node, const char *field, const char *message)
{
    pacta_diag_add(r->diag, PACTA_SEVERITY_ERROR, r->name, node ? node->line : 0,
                   node ? node->column : 0, field, message);
    r->errors++;
}

static const ynode_t *need(mreader_t *r, const ynode_t *map, const char *key, ynode_kind kind,
                           const char *field)
{
    const ynode_t *v = map && map->kind == YNODE_MAPPING ? pacta_ynode_lookup(map, key) : NULL;
    char message[160];
    if (v == NULL) {
        snprintf(message, sizeof message, "missing '%s'", key);
        err(r, map, field, message);
        return NULL;
    }
    if (v->kind != kind) {
        snprintf(message, sizeof message, "expected %s, found %s",
                 kind == YNODE_SCALAR    ? "a value"
                 : kind == YNODE_MAPPING ? "a mapping"
                                         : "a list",
                 pacta_ynode_describe(v));
        err(r, v, field, message);
        return NULL;
    }
    return v;
}

static bool number(mreader_t *r, const ynode_t *node, const char *field, double *out)
{
    if (node == NULL)
        return false;
    if (node->kind != YNODE_SCALAR || !node->plain ||
        pacta_parse_number(node->text, node->length, out) != NUMBER_OK) {
        err(r, node, field, "expected a finite number");
        return false;
    }
    return true;
}

static bool field_number(mreader_t *r, const ynode_t *map, const char *key, const char *field,
                         double *out)
{
    return number(r, need(r, map, key, YNODE_SCALAR, field), field, out);
}

/* A count: a whole number from 0 to 10^9. */
static bool field_count(mreader_t *r, const ynode_t *map, const char *key, const char *field,
                        size_t *out)
{
    double v = 0.0;
    if (!field_number(r, map, key, field, &v))
        return false;
    if (!(v >= 0.0 && v <= 1e9 && v == floor(v))) {
        err(r, pacta_ynode_lookup(map, key), field, "expected a whole number from 0 to 10^9");
        return false;
    }
    *out = (size_t)v;
    return true;
}

static char *field_text(mreader_t *r, const ynode_t *map, const char *key, const char *field,
                        bool required, bool *oom)
{
    const ynode_t *v = map ? pacta_ynode_lookup(map, key) : NULL;
    if (v == NULL) {
        if (required)
            need(r, map, key, YNODE_SCALAR, field);
        return NULL;
    }
    if (v->kind != YNODE_SCALAR) {
        err(r, v, field, "expected text");
        return NULL;
    }
    char *s = pacta_strndup(v->text, v->length);
    if (s == NULL)
        *oom = true;
    return s;
}

/* A list of n rows of width numbers into out (row-major). */
static void matrix(mreader_t *r, const ynode_t *list, const char *field, size_t n, size_t width,
                   double *out)
{
    if (list == NULL)
        return;
    char message[128];
    if (list->count != n) {
        snprintf(message, sizeof message, "expected %zu rows, found %zu", n, list->count);
        err(r, list, field, message);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const ynode_t *row = list->values[i];
        if (row->kind != YNODE_SEQUENCE || row->count != width) {
            snprintf(message, sizeof message, "row %zu: expected a list of %zu numbers", i + 1,
                     width);
            err(r, row, field, message);
            continue;
        }
        for (size_t j = 0; j < width; j++)
            number(r, row->values[j], field, &out[i * width + j]);
    }
}

static pacta_status read_model(mreader_t *r, const ynode_t *root, pacta_durability_model_t *dm)
{
    bool oom = false;
    if (root == NULL || root->kind != YNODE_MAPPING) {
        err(r, root, "", "not a durability model: expected a mapping with schema, model, ...");
        return PACTA_EINPUT;
    }
    const ynode_t *schema = need(r, root, "schema", YNODE_SCALAR, "schema");
    if (schema && strcmp(schema->text, PACTA_DURABILITY_MODEL_SCHEMA) != 0) {
        err(r, schema, "schema",
            "unsupported schema; this pacta reads " PACTA_DURABILITY_MODEL_SCHEMA);
        return PACTA_EINPUT;
    }
    const ynode_t *family = need(r, root, "model", YNODE_SCALAR, "model");
    if (family == NULL)
        return PACTA_EINPUT;
    bool weibull = strcmp(family->text, "weibull") == 0;
    if (!weibull && strcmp(family->text, "cox") != 0) {
        err(r, family, "model", "expected weibull or cox");
        return PACTA_EINPUT;
    }
    const ynode_t *covs = need(r, root, "covariates", YNODE_SEQUENCE, "covariates");
    const ynode_t *base = weibull ? NULL : need(r, root, "baseline", YNODE_SEQUENCE, "baseline");
    if (covs == NULL || (!weibull && base == NULL))
        return PACTA_EINPUT;
    size_t p = covs->count;
    if (p > PACTA_SURV_MAX_COVARIATES) {
        err(r, covs, "covariates", "too many covariates");
        return PACTA_EINPUT;
    }
    pacta_status st = pacta_surv_model_create(
        &dm->fit, weibull ? PACTA_SURV_WEIBULL : PACTA_SURV_COX, p, weibull ? 0 : base->count);
    if (st != PACTA_OK)
        return st;
    pacta_surv_model_t *m = dm->fit;
    const ynode_t *ties = pacta_ynode_lookup(root, "ties");
    if (ties != NULL && ties->kind == YNODE_SCALAR && strcmp(ties->text, "breslow") == 0)
        m->ties = PACTA_SURV_TIES_BRESLOW;
    const ynode_t *prov = need(r, root, "provenance", YNODE_MAPPING, "provenance");
    if (prov != NULL) {
        dm->created = field_text(r, prov, "created", "provenance.created", true, &oom);
        dm->pacta_version =
            field_text(r, prov, "pacta_version", "provenance.pacta_version", true, &oom);
        dm->episode_rule =
            field_text(r, prov, "episode_rule", "provenance.episode_rule", true, &oom);
        dm->episodes_file =
            field_text(r, prov, "episodes_file", "provenance.episodes_file", false, &oom);
        const ynode_t *data = pacta_ynode_lookup(prov, "data");
        if (data != NULL && data->kind == YNODE_SEQUENCE && data->count > 0) {
            dm->provenance = pacta_calloc(data->count, sizeof(char *));
            if (dm->provenance == NULL)
                return PACTA_ENOMEM;
            for (size_t i = 0; i < data->count; i++) {
                const ynode_t *v = data->values[i];
                if (v->kind != YNODE_SCALAR) {
                    err(r, v, "provenance.data", "expected text");
                    continue;
                }
                dm->provenance[dm->n_provenance] = pacta_strndup(v->text, v->length);
                if (dm->provenance[dm->n_provenance] == NULL)
                    return PACTA_ENOMEM;
                dm->n_provenance++;
            }
        }
    }
    const ynode_t *fit = need(r, root, "fit", YNODE_MAPPING, "fit");
    size_t count = 0;
    field_count(r, fit, "n", "fit.n", &m->n);
    field_count(r, fit, "events", "fit.events", &m->events);
    if (field_count(r, fit, "iterations", "fit.iterations", &count))
        m->iterations = count > 1000000 ? 1000000 : (int)count;
    field_number(r, fit, "loglik", "fit.loglik", &m->loglik);
    field_number(r, fit, "loglik_null", "fit.loglik_null", &m->loglik_null);
    field_number(r, fit, "max_time", "fit.max_time", &m->max_time);
    field_number(r, fit, "max_distance", "fit.max_distance", &m->max_distance);
    if (weibull) {
        const ynode_t *w = need(r, root, "weibull", YNODE_MAPPING, "weibull");
        field_number(r, w, "intercept", "weibull.intercept", &m->intercept);
        field_number(r, w, "intercept_se", "weibull.intercept_se", &m->intercept_se);
        field_number(r, w, "shape", "weibull.shape", &m->shape);
        field_number(r, w, "shape_se", "weibull.shape_se", &m->shape_se);
    }
    for (size_t j = 0; j < p; j++) {
        const ynode_t *c = covs->values[j];
        char field[64];
        snprintf(field, sizeof field, "covariates[%zu]", j);
        if (c->kind != YNODE_MAPPING) {
            err(r, c, field, "expected a mapping with name, beta, se, mean, min, max, nonzero");
            continue;
        }
        m->names[j] = field_text(r, c, "name", field, true, &oom);
        field_number(r, c, "beta", field, &m->beta[j]);
        field_number(r, c, "se", field, &m->se[j]);
        field_number(r, c, "mean", field, &m->x_mean[j]);
        field_number(r, c, "min", field, &m->x_min[j]);
        field_number(r, c, "max", field, &m->x_max[j]);
        field_count(r, c, "nonzero", field, &m->x_nonzero[j]);
        if (m->names[j] == NULL && !oom)
            m->names[j] = pacta_strdup("?");
    }
    matrix(r, need(r, root, "covariance", YNODE_SEQUENCE, "covariance"), "covariance", m->k, m->k,
           m->cov);
    matrix(r, need(r, root, "data_covariance", YNODE_SEQUENCE, "data_covariance"),
           "data_covariance", p, p, m->x_cov);
    if (!weibull) {
        double *rows = pacta_calloc(base->count * (p + 3) + 1, sizeof *rows);
        if (rows == NULL)
            return PACTA_ENOMEM;
        matrix(r, base, "baseline", base->count, p + 3, rows);
        for (size_t s = 0; s < base->count; s++) {
            m->step_time[s] = rows[s * (p + 3)];
            m->step_cumhaz[s] = rows[s * (p + 3) + 1];
            m->step_var[s] = rows[s * (p + 3) + 2];
            for (size_t j = 0; j < p; j++)
                m->step_a[s * p + j] = rows[s * (p + 3) + 3 + j];
        }
        pacta_free(rows);
    }
    if (oom)
        return PACTA_ENOMEM;
    if (r->errors > 0)
        return PACTA_EINPUT;
    if (m->events > m->n || m->n == 0)
        err(r, fit, "fit", "events must be at most n, and n positive");
    for (size_t j = 0; j < p; j++)
        if (m->x_nonzero[j] > m->n)
            err(r, covs->values[j], "covariates", "nonzero must be at most n");
    /* Every name must be unique. */
    for (size_t j = 0; j < p; j++) {
        for (size_t i = 0; i < j; i++)
            if (strcmp(m->names[i], m->names[j]) == 0)
                err(r, covs->values[j], "covariates", "a covariate is listed twice");
    }
    if (r->errors > 0)
        return PACTA_EINPUT;
    return pacta_surv_model_check(m, r->name, r->diag);
}

pacta_status pacta_durability_model_parse(pacta_durability_model_t **out, const char *text,
                                          size_t length, const char *name, pacta_diag_t *diag)
{
    *out = NULL;
    pacta_arena_t *arena = pacta_arena_create();
    pacta_durability_model_t *dm = pacta_calloc(1, sizeof *dm);
    pacta_status st = PACTA_ENOMEM;
    if (arena == NULL || dm == NULL)
        goto cleanup;
    ynode_t *root = NULL;
    size_t errors = 0;
    st = pacta_yaml_tree_parse(arena, text, length, name, diag, &root, &errors);
    if (st != PACTA_OK)
        goto cleanup;
    if (errors > 0) {
        st = PACTA_EINPUT;
        goto cleanup;
    }
    mreader_t r = {name, diag, 0};
    st = read_model(&r, root, dm);
    if (st == PACTA_OK) {
        *out = dm;
        dm = NULL;
    }
cleanup:
    pacta_durability_model_destroy(dm);
    pacta_arena_destroy(arena);
    return st;
}

pacta_status pacta_durability_model_load(pacta_durability_model_t **out, const char *path,
                                         pacta_diag_t *diag)
{
    *out = NULL;
    char *text = NULL;
    size_t length = 0;
    pacta_status st = pacta_file_read(path, "a durability model file", &text, &length, diag);
    if (st == PACTA_OK)
        st = pacta_durability_model_parse(out, text, length, path, diag);
    pacta_free(text);
    return st;
}
