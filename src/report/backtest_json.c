/* JSON output of a backtest, schema pacta.backtest/1 (docs/json-schema.md). */
#include <math.h>
#include <string.h>

#include "report/report_json.h"

#include <pacta/pacta.h>

static json_t *interval(json_build_t *b, const pacta_backtest_interval_t *v)
{
    json_t *o = pacta_jb_object(b);
    pacta_jb_set(b, o, "value", pacta_jb_number(b, v->value));
    pacta_jb_set(b, o, "lo", pacta_jb_number(b, v->lo));
    pacta_jb_set(b, o, "hi", pacta_jb_number(b, v->hi));
    return o;
}

static json_t *scores(json_build_t *b, const pacta_backtest_scores_t *s)
{
    json_t *o = pacta_jb_object(b);
    pacta_jb_set(b, o, "issues", pacta_jb_integer(b, (long long)s->n_issues));
    pacta_jb_set(b, o, "proposals", pacta_jb_integer(b, (long long)s->n_proposals));
    pacta_jb_set(b, o, "mae", interval(b, &s->mae));
    pacta_jb_set(b, o, "rmse", interval(b, &s->rmse));
    pacta_jb_set(b, o, "median_abs_error", interval(b, &s->median));
    pacta_jb_set(b, o, "within", interval(b, &s->within));
    pacta_jb_set(b, o, "paired_issues", pacta_jb_integer(b, (long long)s->n_paired));
    pacta_jb_set(b, o, "mae_difference", interval(b, &s->mae_difference));
    return o;
}

static json_t *model_json(json_build_t *b, const pacta_backtest_result_t *r,
                          const pacta_backtest_model_t *m)
{
    json_t *o = pacta_jb_object(b);
    pacta_jb_set(b, o, "label", pacta_jb_string(b, m->label));
    pacta_jb_set(b, o, "name", pacta_jb_string(b, m->name));
    pacta_jb_set(b, o, "kind", pacta_jb_string(b, m->config ? "model" : "benchmark"));
    pacta_jb_set(b, o, "profile", pacta_jb_string(b, m->profile));
    pacta_jb_set(b, o, "baseline", pacta_jb_bool(m->is_baseline));
    json_t *options = pacta_jb_object(b);
    for (size_t i = 0; m->config && i < pacta_model_config_option_count(m->config); i++) {
        const char *key, *value;
        pacta_model_config_option(m->config, i, &key, &value);
        pacta_jb_set(b, options, key, pacta_jb_string(b, value));
    }
    pacta_jb_set(b, o, "options", options);
    if (m->n_fitted > 0) {
        json_t *fit = pacta_jb_object(b);
        pacta_jb_set(b, fit, "grid_points", pacta_jb_integer(b, (long long)m->grid_size));
        pacta_jb_set(b, fit, "criterion",
                     pacta_jb_string(b, pacta_backtest_criterion_name(r->criterion)));
        json_t *all = pacta_jb_object(b);
        for (size_t k = 0; k < m->n_fitted; k++)
            pacta_jb_set(b, all, m->fitted_keys[k], pacta_jb_number(b, m->fitted_all[k]));
        pacta_jb_set(b, fit, "all", all);
        pacta_jb_set(b, fit, "mae_in_sample", pacta_jb_number(b, m->fitted_mae));
        json_t *folds = pacta_jb_array(b);
        for (size_t f = 0; f < r->n_folds; f++) {
            json_t *one = pacta_jb_object(b);
            for (size_t k = 0; k < m->n_fitted; k++)
                pacta_jb_set(b, one, m->fitted_keys[k],
                             pacta_jb_number(b, m->fitted_folds[f * m->n_fitted + k]));
            pacta_jb_append(b, folds, one);
        }
        pacta_jb_set(b, fit, "folds", folds);
        pacta_jb_set(b, o, "fitted", fit);
    } else {
        pacta_jb_set(b, o, "fitted", json_null());
    }
    pacta_jb_set(b, o, "scores", scores(b, &m->all));
    json_t *by_procedure = pacta_jb_object(b), *by_rule = pacta_jb_object(b);
    for (size_t g = 0; g < r->n_groups; g++)
        pacta_jb_set(b, strcmp(r->groups[g].by, "procedure") == 0 ? by_procedure : by_rule,
                     r->groups[g].value, scores(b, &m->groups[g]));
    pacta_jb_set(b, o, "by_procedure", by_procedure);
    pacta_jb_set(b, o, "by_rule", by_rule);
    return o;
}

static json_t *input_json(json_build_t *b, const pacta_backtest_set_t *set)
{
    json_t *o = pacta_jb_object(b);
    pacta_jb_set(b, o, "path", pacta_jb_string(b, set->path));
    pacta_jb_set(b, o, "format", pacta_jb_string(b, set->format));
    pacta_jb_set(b, o, "capability", pacta_jb_string(b, set->capability));
    pacta_jb_set(b, o, "min_actors", pacta_jb_integer(b, (long long)set->min_actors));
    pacta_jb_set(b, o, "proposals", pacta_jb_integer(b, (long long)set->n_proposals));
    pacta_jb_set(b, o, "issues", pacta_jb_integer(b, (long long)set->n_cases));
    const pacta_backtest_excluded_t *x = &set->excluded;
    json_t *e = pacta_jb_object(b);
    pacta_jb_set(b, e, "issues_read", pacta_jb_integer(b, (long long)x->issues_read));
    pacta_jb_set(b, e, "no_outcome", pacta_jb_integer(b, (long long)x->no_outcome));
    pacta_jb_set(b, e, "too_few_actors", pacta_jb_integer(b, (long long)x->too_few_actors));
    pacta_jb_set(b, e, "positions_read", pacta_jb_integer(b, (long long)x->positions_read));
    pacta_jb_set(b, e, "no_salience", pacta_jb_integer(b, (long long)x->no_salience));
    pacta_jb_set(b, e, "outside_scale", pacta_jb_integer(b, (long long)x->outside_scale));
    pacta_jb_set(b, o, "excluded", e);
    return o;
}

static json_t *issues_json(json_build_t *b, const pacta_backtest_result_t *r)
{
    const pacta_backtest_set_t *set = r->set;
    json_t *list = pacta_jb_array(b);
    for (size_t i = 0; i < set->n_cases; i++) {
        const pacta_backtest_case_t *c = &set->cases[i];
        const pacta_backtest_proposal_t *p = &set->proposals[c->proposal];
        const pacta_issue_t *issue = &p->scenario->issues[c->issue];
        json_t *o = pacta_jb_object(b);
        pacta_jb_set(b, o, "proposal", pacta_jb_string(b, p->id));
        pacta_jb_set(b, o, "issue", pacta_jb_string(b, issue->id));
        pacta_jb_set(b, o, "procedure", pacta_jb_string(b, p->procedure));
        pacta_jb_set(b, o, "rule", pacta_jb_string(b, p->rule));
        pacta_jb_set(b, o, "actors", pacta_jb_integer(b, (long long)c->n_actors));
        pacta_jb_set(b, o, "reference_point",
                     issue->has_status_quo ? pacta_jb_number(b, issue->status_quo.value)
                                           : json_null());
        pacta_jb_set(b, o, "outcome", pacta_jb_number(b, issue->outcome.value));
        pacta_jb_set(b, o, "fold",
                     r->n_folds ? pacta_jb_integer(b, (long long)r->fold[c->proposal])
                                : json_null());
        json_t *forecasts = pacta_jb_object(b);
        for (size_t m = 0; m < r->n_models; m++)
            pacta_jb_set(b, forecasts, r->models[m].label,
                         r->models[m].defined[i] ? pacta_jb_number(b, r->models[m].forecast[i])
                                                 : json_null());
        pacta_jb_set(b, o, "forecasts", forecasts);
        pacta_jb_append(b, list, o);
    }
    return list;
}

pacta_status pacta_backtest_write_json(const pacta_backtest_result_t *r, bool with_issues,
                                       FILE *stream)
{
    json_build_t b = {false};
    json_t *root = pacta_report_json_root(&b, PACTA_BACKTEST_SCHEMA, NULL, false);
    pacta_jb_set(&b, root, "input", input_json(&b, r->set));
    json_t *boot = pacta_jb_object(&b);
    pacta_jb_set(&b, boot, "replicates", pacta_jb_integer(&b, (long long)r->bootstrap));
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
    pacta_jb_set(&b, boot, "seed", pacta_jb_string(&b, seed));
    pacta_jb_set(&b, boot, "generator", pacta_jb_string(&b, "philox4x32-10"));
    pacta_jb_set(&b, boot, "resampled", pacta_jb_string(&b, "proposals"));
    pacta_jb_set(&b, boot, "interval", pacta_jb_string(&b, "percentile 2.5%-97.5%"));
    pacta_jb_set(&b, root, "bootstrap", boot);
    pacta_jb_set(&b, root, "within", pacta_jb_number(&b, r->within));
    pacta_jb_set(&b, root, "baseline", pacta_jb_string(&b, r->models[r->baseline].label));
    if (r->n_folds > 0) {
        json_t *cv = pacta_jb_object(&b);
        pacta_jb_set(&b, cv, "folds", pacta_jb_integer(&b, (long long)r->n_folds));
        pacta_jb_set(&b, cv, "scheme",
                     pacta_jb_string(&b, r->leave_one_out ? "leave-one-proposal-out"
                                                          : "k-fold by proposal"));
        pacta_jb_set(&b, root, "cross_validation", cv);
    } else {
        pacta_jb_set(&b, root, "cross_validation", json_null());
    }
    json_t *models = pacta_jb_array(&b);
    for (size_t m = 0; m < r->n_models; m++)
        pacta_jb_append(&b, models, model_json(&b, r, &r->models[m]));
    pacta_jb_set(&b, root, "models", models);
    if (with_issues)
        pacta_jb_set(&b, root, "issues", issues_json(&b, r));
    return pacta_jb_finish(&b, root, stream);
}
