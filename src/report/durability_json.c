/* JSON output of durability predictions, schema pacta.durability/1 (docs/json-schema.md).
 * Infinite medians (a Cox survival curve that never reaches 1/2 within the data) are
 * written as null with "reached": false. */
#include <math.h>

#include <pacta/pacta.h>

#include "core/json_build.h"

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

static json_t *model_json(json_build_t *b, const pacta_durability_model_t *dm, double level)
{
    const pacta_surv_model_t *m = dm->fit;
    json_t *o = pacta_jb_object(b);
    pacta_jb_set(b, o, "family",
                 pacta_jb_string(b, m->family == PACTA_SURV_WEIBULL ? "weibull" : "cox"));
    pacta_jb_set(b, o, "created", pacta_jb_string(b, dm->created));
    pacta_jb_set(b, o, "episode_rule", pacta_jb_string(b, dm->episode_rule));
    pacta_jb_set(b, o, "n", pacta_jb_integer(b, (long long)m->n));
    pacta_jb_set(b, o, "events", pacta_jb_integer(b, (long long)m->events));
    pacta_jb_set(b, o, "loglik", pacta_jb_number(b, m->loglik));
    json_t *prov = pacta_jb_array(b);
    for (size_t i = 0; i < dm->n_provenance; i++)
        pacta_jb_append(b, prov, pacta_jb_string(b, dm->provenance[i]));
    pacta_jb_set(b, o, "provenance", prov);
    double z = pacta_normal_quantile(0.5 + 0.5 * level);
    json_t *covs = pacta_jb_array(b);
    for (size_t j = 0; j < m->p; j++) {
        json_t *c = pacta_jb_object(b);
        pacta_jb_set(b, c, "name", pacta_jb_string(b, m->names[j]));
        pacta_jb_set(b, c, "beta", pacta_jb_number(b, m->beta[j]));
        pacta_jb_set(b, c, "se", pacta_jb_number(b, m->se[j]));
        pacta_jb_set(b, c, "hazard_ratio", pacta_jb_number(b, exp(m->beta[j])));
        pacta_jb_set(b, c, "lower", pacta_jb_number(b, exp(m->beta[j] - z * m->se[j])));
        pacta_jb_set(b, c, "upper", pacta_jb_number(b, exp(m->beta[j] + z * m->se[j])));
        pacta_jb_append(b, covs, c);
    }
    pacta_jb_set(b, o, "covariates", covs);
    if (m->family == PACTA_SURV_WEIBULL) {
        pacta_jb_set(b, o, "intercept", pacta_jb_number(b, m->intercept));
        pacta_jb_set(b, o, "shape", pacta_jb_number(b, m->shape));
    }
    return o;
}

static json_t *result_json(json_build_t *b, const pacta_durability_report_t *rep,
                           const pacta_durability_result_t *r)
{
    const pacta_surv_model_t *m = rep->model->fit;
    const pacta_surv_prediction_t *pr = &r->prediction;
    json_t *o = pacta_jb_object(b);
    pacta_jb_set(b, o, "id", pacta_jb_string(b, r->proposal));
    pacta_jb_set(b, o, "name", pacta_jb_string(b, r->name));
    json_t *covs = pacta_jb_object(b);
    for (size_t j = 0; j < m->p; j++) {
        json_t *c = pacta_jb_object(b);
        pacta_jb_set(b, c, "value", pacta_jb_number(b, r->x[j]));
        pacta_jb_set(b, c, "origin", pacta_jb_string(b, origin_name(r->origin[j])));
        pacta_jb_set(b, covs, m->names[j], c);
    }
    pacta_jb_set(b, o, "covariates", covs);
    json_t *hs = pacta_jb_array(b);
    for (size_t h = 0; h < pr->n_horizons; h++) {
        json_t *x = pacta_jb_object(b);
        pacta_jb_set(b, x, "years", pacta_jb_number(b, pr->horizon[h]));
        pacta_jb_set(b, x, "survival", pacta_jb_number(b, pr->survival[h]));
        pacta_jb_set(b, x, "lower", pacta_jb_number(b, pr->lower[h]));
        pacta_jb_set(b, x, "upper", pacta_jb_number(b, pr->upper[h]));
        pacta_jb_append(b, hs, x);
    }
    pacta_jb_set(b, o, "horizons", hs);
    json_t *med = pacta_jb_object(b);
    pacta_jb_set(b, med, "years", pacta_jb_number(b, pr->median));
    pacta_jb_set(b, med, "reached", pacta_jb_bool(isfinite(pr->median)));
    pacta_jb_set(b, med, "lower", pacta_jb_number(b, pr->median_lower));
    pacta_jb_set(b, med, "upper", pacta_jb_number(b, pr->median_upper));
    pacta_jb_set(b, o, "median", med);
    json_t *effects = pacta_jb_array(b);
    for (size_t k = 0; k < r->n_effects; k++) {
        const pacta_durability_effect_t *e = &r->effects[k];
        json_t *x = pacta_jb_object(b);
        pacta_jb_set(b, x, "provision", pacta_jb_string(b, m->names[e->covariate]));
        pacta_jb_set(b, x, "value", pacta_jb_number(b, e->value));
        pacta_jb_set(b, x, "survival", pacta_jb_number(b, e->survival));
        pacta_jb_set(b, x, "toggled", pacta_jb_number(b, e->toggled));
        pacta_jb_set(b, x, "hazard_ratio", pacta_jb_number(b, e->hazard_ratio));
        pacta_jb_set(b, x, "lower", pacta_jb_number(b, e->hr_lower));
        pacta_jb_set(b, x, "upper", pacta_jb_number(b, e->hr_upper));
        pacta_jb_append(b, effects, x);
    }
    pacta_jb_set(b, o, "effects", effects);
    pacta_jb_set(b, o, "distance", pacta_jb_number(b, r->distance));
    json_t *warnings = pacta_jb_array(b);
    for (size_t i = 0; i < r->n_warnings; i++)
        pacta_jb_append(b, warnings, pacta_jb_string(b, r->warnings[i]));
    pacta_jb_set(b, o, "warnings", warnings);
    json_t *ignored = pacta_jb_array(b);
    for (size_t i = 0; i < r->n_ignored; i++)
        pacta_jb_append(b, ignored, pacta_jb_string(b, r->ignored[i]));
    pacta_jb_set(b, o, "ignored_provisions", ignored);
    return o;
}

pacta_status pacta_durability_write_json(const pacta_durability_report_t *rep,
                                         const pacta_scenario_t *s, FILE *stream)
{
    json_build_t b = {false};
    json_t *root = pacta_jb_object(&b);
    pacta_jb_set(&b, root, "schema", pacta_jb_string(&b, PACTA_DURABILITY_SCHEMA));
    pacta_jb_set(&b, root, "scenario", pacta_jb_string(&b, s->title));
    pacta_jb_set(&b, root, "level", pacta_jb_number(&b, rep->level));
    if (rep->n_results > 0)
        pacta_jb_set(
            &b, root, "reference_years",
            pacta_jb_number(&b, rep->results[0].prediction.horizon[rep->reference_horizon]));
    pacta_jb_set(&b, root, "model", model_json(&b, rep->model, rep->level));
    json_t *props = pacta_jb_array(&b);
    for (size_t i = 0; i < rep->n_results; i++)
        pacta_jb_append(&b, props, result_json(&b, rep, &rep->results[i]));
    pacta_jb_set(&b, root, "proposals", props);
    return pacta_jb_finish(&b, root, stream);
}
