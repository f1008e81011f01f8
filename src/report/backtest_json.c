/* JSON output of a backtest, schema pacta.backtest/1 (docs/json-schema.md). */
#include <math.h>
#include <string.h>

#include "report/json_build.h"

#include <pacta/pacta.h>

static json_t *interval(json_build_t *b, const pacta_backtest_interval_t *v)
{
    json_t *o = jb_object(b);
    jb_set(b, o, "value", jb_number(b, v->value));
    jb_set(b, o, "lo", jb_number(b, v->lo));
    jb_set(b, o, "hi", jb_number(b, v->hi));
    return o;
}

static json_t *scores(json_build_t *b, const pacta_backtest_scores_t *s)
{
    json_t *o = jb_object(b);
    jb_set(b, o, "issues", jb_integer(b, (long long)s->n_issues));
    jb_set(b, o, "proposals", jb_integer(b, (long long)s->n_proposals));
    jb_set(b, o, "mae", interval(b, &s->mae));
    jb_set(b, o, "rmse", interval(b, &s->rmse));
    jb_set(b, o, "median_abs_error", interval(b, &s->median));
    jb_set(b, o, "within", interval(b, &s->within));
    jb_set(b, o, "paired_issues", jb_integer(b, (long long)s->n_paired));
    jb_set(b, o, "mae_difference", interval(b, &s->mae_difference));
    return o;
}

static json_t *model_json(json_build_t *b, const pacta_backtest_result_t *r,
                          const pacta_backtest_model_t *m)
{
    json_t *o = jb_object(b);
    jb_set(b, o, "label", jb_string(b, m->label));
    jb_set(b, o, "name", jb_string(b, m->name));
    jb_set(b, o, "kind", jb_string(b, m->config ? "model" : "benchmark"));
    jb_set(b, o, "profile", jb_string(b, m->profile));
    jb_set(b, o, "baseline", jb_bool(m->is_baseline));
    json_t *options = jb_object(b);
    for (size_t i = 0; m->config && i < pacta_model_config_option_count(m->config); i++) {
        const char *key, *value;
        pacta_model_config_option(m->config, i, &key, &value);
        jb_set(b, options, key, jb_string(b, value));
    }
    jb_set(b, o, "options", options);
    if (m->n_fitted > 0) {
        json_t *fit = jb_object(b);
        jb_set(b, fit, "grid_points", jb_integer(b, (long long)m->grid_size));
        json_t *all = jb_object(b);
        for (size_t k = 0; k < m->n_fitted; k++)
            jb_set(b, all, m->fitted_keys[k], jb_number(b, m->fitted_all[k]));
        jb_set(b, fit, "all", all);
        json_t *folds = jb_array(b);
        for (size_t f = 0; f < r->n_folds; f++) {
            json_t *one = jb_object(b);
            for (size_t k = 0; k < m->n_fitted; k++)
                jb_set(b, one, m->fitted_keys[k],
                       jb_number(b, m->fitted_folds[f * m->n_fitted + k]));
            jb_append(b, folds, one);
        }
        jb_set(b, fit, "folds", folds);
        jb_set(b, o, "fitted", fit);
    } else {
        jb_set(b, o, "fitted", json_null());
    }
    jb_set(b, o, "scores", scores(b, &m->all));
    json_t *by_procedure = jb_object(b), *by_rule = jb_object(b);
    for (size_t g = 0; g < r->n_groups; g++)
        jb_set(b, strcmp(r->groups[g].by, "procedure") == 0 ? by_procedure : by_rule,
               r->groups[g].value, scores(b, &m->groups[g]));
    jb_set(b, o, "by_procedure", by_procedure);
    jb_set(b, o, "by_rule", by_rule);
    return o;
}

static json_t *input_json(json_build_t *b, const pacta_backtest_set_t *set)
{
    json_t *o = jb_object(b);
    jb_set(b, o, "path", jb_string(b, set->path));
    jb_set(b, o, "format", jb_string(b, set->format));
    jb_set(b, o, "capability", jb_string(b, set->capability));
    jb_set(b, o, "min_actors", jb_integer(b, (long long)set->min_actors));
    jb_set(b, o, "proposals", jb_integer(b, (long long)set->n_proposals));
    jb_set(b, o, "issues", jb_integer(b, (long long)set->n_cases));
    const pacta_backtest_excluded_t *x = &set->excluded;
    json_t *e = jb_object(b);
    jb_set(b, e, "issues_read", jb_integer(b, (long long)x->issues_read));
    jb_set(b, e, "no_outcome", jb_integer(b, (long long)x->no_outcome));
    jb_set(b, e, "too_few_actors", jb_integer(b, (long long)x->too_few_actors));
    jb_set(b, e, "positions_read", jb_integer(b, (long long)x->positions_read));
    jb_set(b, e, "no_salience", jb_integer(b, (long long)x->no_salience));
    jb_set(b, e, "outside_scale", jb_integer(b, (long long)x->outside_scale));
    jb_set(b, o, "excluded", e);
    return o;
}

static json_t *issues_json(json_build_t *b, const pacta_backtest_result_t *r)
{
    const pacta_backtest_set_t *set = r->set;
    json_t *list = jb_array(b);
    for (size_t i = 0; i < set->n_cases; i++) {
        const pacta_backtest_case_t *c = &set->cases[i];
        const pacta_backtest_proposal_t *p = &set->proposals[c->proposal];
        const pacta_issue_t *issue = &p->scenario->issues[c->issue];
        json_t *o = jb_object(b);
        jb_set(b, o, "proposal", jb_string(b, p->id));
        jb_set(b, o, "issue", jb_string(b, issue->id));
        jb_set(b, o, "procedure", jb_string(b, p->procedure));
        jb_set(b, o, "rule", jb_string(b, p->rule));
        jb_set(b, o, "actors", jb_integer(b, (long long)c->n_actors));
        jb_set(b, o, "reference_point",
               issue->has_status_quo ? jb_number(b, issue->status_quo.value) : json_null());
        jb_set(b, o, "outcome", jb_number(b, issue->outcome.value));
        jb_set(b, o, "fold",
               r->n_folds ? jb_integer(b, (long long)r->fold[c->proposal]) : json_null());
        json_t *forecasts = jb_object(b);
        for (size_t m = 0; m < r->n_models; m++)
            jb_set(b, forecasts, r->models[m].label,
                   r->models[m].defined[i] ? jb_number(b, r->models[m].forecast[i]) : json_null());
        jb_set(b, o, "forecasts", forecasts);
        jb_append(b, list, o);
    }
    return list;
}

pacta_status pacta_backtest_write_json(const pacta_backtest_result_t *r, bool with_issues,
                                       FILE *stream)
{
    json_build_t b = {false};
    json_t *root = jb_object(&b);
    jb_set(&b, root, "schema", jb_string(&b, PACTA_BACKTEST_SCHEMA));
    jb_set(&b, root, "pacta_version", jb_string(&b, pacta_version()));
    jb_set(&b, root, "input", input_json(&b, r->set));
    json_t *boot = jb_object(&b);
    jb_set(&b, boot, "replicates", jb_integer(&b, (long long)r->bootstrap));
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
    jb_set(&b, boot, "seed", jb_string(&b, seed));
    jb_set(&b, boot, "generator", jb_string(&b, "philox4x32-10"));
    jb_set(&b, boot, "resampled", jb_string(&b, "proposals"));
    jb_set(&b, boot, "interval", jb_string(&b, "percentile 2.5%-97.5%"));
    jb_set(&b, root, "bootstrap", boot);
    jb_set(&b, root, "within", jb_number(&b, r->within));
    jb_set(&b, root, "baseline", jb_string(&b, r->models[r->baseline].label));
    if (r->n_folds > 0) {
        json_t *cv = jb_object(&b);
        jb_set(&b, cv, "folds", jb_integer(&b, (long long)r->n_folds));
        jb_set(&b, cv, "scheme",
               jb_string(&b, r->leave_one_out ? "leave-one-proposal-out" : "k-fold by proposal"));
        jb_set(&b, root, "cross_validation", cv);
    } else {
        jb_set(&b, root, "cross_validation", json_null());
    }
    json_t *models = jb_array(&b);
    for (size_t m = 0; m < r->n_models; m++)
        jb_append(&b, models, model_json(&b, r, &r->models[m]));
    jb_set(&b, root, "models", models);
    if (with_issues)
        jb_set(&b, root, "issues", issues_json(&b, r));
    pacta_status st = PACTA_OK;
    if (b.failed)
        st = PACTA_ENOMEM;
    else if (json_dumpf(root, stream,
                        JSON_INDENT(2) | JSON_REAL_PRECISION(17) | JSON_PRESERVE_ORDER) != 0 ||
             fputc('\n', stream) == EOF)
        st = PACTA_EIO;
    json_decref(root);
    return st;
}
