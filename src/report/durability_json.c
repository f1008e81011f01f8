/* JSON output of durability predictions, schema pacta.durability/1 (docs/json-schema.md).
 * Infinite medians (a Cox survival curve that never reaches 1/2 within the data) are
 * written as null with "reached": false. */
#include <jansson.h>
#include <math.h>

#include <pacta/pacta.h>

#include "core/json_write.h"

typedef struct builder {
    bool failed;
} builder_t;

static json_t *check(builder_t *b, json_t *j)
{
    if (j == NULL)
        b->failed = true;
    return j;
}

static json_t *num(builder_t *b, double v)
{
    return isfinite(v) ? check(b, json_real(v)) : json_null();
}

static json_t *str(builder_t *b, const char *s)
{
    return s ? check(b, json_string(s)) : json_null();
}

static void put(builder_t *b, json_t *o, const char *key, json_t *v)
{
    if (o == NULL || v == NULL || json_object_set_new(o, key, v) != 0)
        b->failed = true;
}

static void append(builder_t *b, json_t *a, json_t *v)
{
    if (a == NULL || v == NULL || json_array_append_new(a, v) != 0)
        b->failed = true;
}

static const char *origin_name(pacta_durability_origin o)
{
    switch (o) {
    case PACTA_ORIGIN_DECLARED:
        return "declared";
    case PACTA_ORIGIN_ASSUMED:
        return "assumed absent";
    case PACTA_ORIGIN_OPTION:
        return "command line";
    case PACTA_ORIGIN_IMPLIED:
        return "implied";
    }
    return "?";
}

static json_t *model_json(builder_t *b, const pacta_durability_model_t *dm, double level)
{
    const pacta_surv_model_t *m = dm->fit;
    json_t *o = check(b, json_object());
    put(b, o, "family", str(b, m->family == PACTA_SURV_WEIBULL ? "weibull" : "cox"));
    put(b, o, "created", str(b, dm->created));
    put(b, o, "episode_rule", str(b, dm->episode_rule));
    put(b, o, "n", check(b, json_integer((json_int_t)m->n)));
    put(b, o, "events", check(b, json_integer((json_int_t)m->events)));
    put(b, o, "loglik", num(b, m->loglik));
    json_t *prov = check(b, json_array());
    for (size_t i = 0; i < dm->n_provenance; i++)
        append(b, prov, str(b, dm->provenance[i]));
    put(b, o, "provenance", prov);
    double z = pacta_normal_quantile(0.5 + 0.5 * level);
    json_t *covs = check(b, json_array());
    for (size_t j = 0; j < m->p; j++) {
        json_t *c = check(b, json_object());
        put(b, c, "name", str(b, m->names[j]));
        put(b, c, "beta", num(b, m->beta[j]));
        put(b, c, "se", num(b, m->se[j]));
        put(b, c, "hazard_ratio", num(b, exp(m->beta[j])));
        put(b, c, "lower", num(b, exp(m->beta[j] - z * m->se[j])));
        put(b, c, "upper", num(b, exp(m->beta[j] + z * m->se[j])));
        append(b, covs, c);
    }
    put(b, o, "covariates", covs);
    if (m->family == PACTA_SURV_WEIBULL) {
        put(b, o, "intercept", num(b, m->intercept));
        put(b, o, "shape", num(b, m->shape));
    }
    return o;
}

static json_t *result_json(builder_t *b, const pacta_durability_report_t *rep,
                           const pacta_durability_result_t *r)
{
    const pacta_surv_model_t *m = rep->model->fit;
    const pacta_surv_prediction_t *pr = &r->prediction;
    json_t *o = check(b, json_object());
    put(b, o, "id", str(b, r->proposal));
    put(b, o, "name", str(b, r->name));
    json_t *covs = check(b, json_object());
    for (size_t j = 0; j < m->p; j++) {
        json_t *c = check(b, json_object());
        put(b, c, "value", num(b, r->x[j]));
        put(b, c, "origin", str(b, origin_name(r->origin[j])));
        put(b, covs, m->names[j], c);
    }
    put(b, o, "covariates", covs);
    json_t *hs = check(b, json_array());
    for (size_t h = 0; h < pr->n_horizons; h++) {
        json_t *x = check(b, json_object());
        put(b, x, "years", num(b, pr->horizon[h]));
        put(b, x, "survival", num(b, pr->survival[h]));
        put(b, x, "lower", num(b, pr->lower[h]));
        put(b, x, "upper", num(b, pr->upper[h]));
        append(b, hs, x);
    }
    put(b, o, "horizons", hs);
    json_t *med = check(b, json_object());
    put(b, med, "years", num(b, pr->median));
    put(b, med, "reached", check(b, json_boolean(isfinite(pr->median))));
    put(b, med, "lower", num(b, pr->median_lower));
    put(b, med, "upper", num(b, pr->median_upper));
    put(b, o, "median", med);
    json_t *effects = check(b, json_array());
    for (size_t k = 0; k < r->n_effects; k++) {
        const pacta_durability_effect_t *e = &r->effects[k];
        json_t *x = check(b, json_object());
        put(b, x, "provision", str(b, m->names[e->covariate]));
        put(b, x, "value", num(b, e->value));
        put(b, x, "survival", num(b, e->survival));
        put(b, x, "toggled", num(b, e->toggled));
        put(b, x, "hazard_ratio", num(b, e->hazard_ratio));
        put(b, x, "lower", num(b, e->hr_lower));
        put(b, x, "upper", num(b, e->hr_upper));
        append(b, effects, x);
    }
    put(b, o, "effects", effects);
    put(b, o, "distance", num(b, r->distance));
    json_t *warnings = check(b, json_array());
    for (size_t i = 0; i < r->n_warnings; i++)
        append(b, warnings, str(b, r->warnings[i]));
    put(b, o, "warnings", warnings);
    json_t *ignored = check(b, json_array());
    for (size_t i = 0; i < r->n_ignored; i++)
        append(b, ignored, str(b, r->ignored[i]));
    put(b, o, "ignored_provisions", ignored);
    return o;
}

pacta_status pacta_durability_write_json(const pacta_durability_report_t *rep,
                                         const pacta_scenario_t *s, FILE *stream)
{
    builder_t b = {false};
    json_t *root = check(&b, json_object());
    put(&b, root, "schema", str(&b, PACTA_DURABILITY_SCHEMA));
    put(&b, root, "scenario", str(&b, s->title));
    put(&b, root, "level", num(&b, rep->level));
    if (rep->n_results > 0)
        put(&b, root, "reference_years",
            num(&b, rep->results[0].prediction.horizon[rep->reference_horizon]));
    put(&b, root, "model", model_json(&b, rep->model, rep->level));
    json_t *props = check(&b, json_array());
    for (size_t i = 0; i < rep->n_results; i++)
        append(&b, props, result_json(&b, rep, &rep->results[i]));
    put(&b, root, "proposals", props);
    pacta_status st = PACTA_OK;
    if (b.failed)
        st = PACTA_ENOMEM;
    else
        st = pacta_json_dump(root, stream);
    json_decref(root);
    return st;
}
