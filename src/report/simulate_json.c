/* JSON output of a simulation, schema pacta.simulate/1 (docs/json-schema.md). */
#include <math.h>

#include "report/json_build.h"

#include <pacta/pacta.h>

static const char *const quantile_names[5] = {"5", "25", "50", "75", "95"};

static json_t *summary_json(json_build_t *b, const pacta_sim_summary_t *sm)
{
    json_t *o = jb_object(b);
    jb_set(b, o, "n", jb_integer(b, (long long)sm->n));
    jb_set(b, o, "undefined", jb_integer(b, (long long)sm->undefined));
    jb_set(b, o, "mean", jb_number(b, sm->mean));
    jb_set(b, o, "sd", jb_number(b, sm->sd));
    jb_set(b, o, "se", jb_number(b, sm->n > 0 ? sm->sd / sqrt((double)sm->n) : NAN));
    jb_set(b, o, "min", jb_number(b, sm->min));
    jb_set(b, o, "max", jb_number(b, sm->max));
    json_t *q = jb_object(b);
    for (int i = 0; i < 5; i++)
        jb_set(b, q, quantile_names[i], jb_number(b, sm->quantile[i]));
    jb_set(b, o, "quantiles", q);
    /* The 0.01-wide bins, summed into 101 bins of width 1 (the last holds exactly 100). */
    json_t *counts = jb_array(b);
    for (size_t bin = 0; bin <= 100; bin++) {
        uint64_t c = 0;
        for (size_t k = bin * 100; k < (bin + 1) * 100 && k < sm->n_bins; k++)
            c += sm->histogram ? sm->histogram[k] : 0;
        jb_append(b, counts, jb_integer(b, (long long)c));
    }
    json_t *hist = jb_object(b);
    jb_set(b, hist, "bin_width", jb_number(b, 1.0));
    jb_set(b, hist, "counts", counts);
    jb_set(b, o, "histogram", hist);
    return o;
}

static json_t *probability(json_build_t *b, uint64_t yes, uint64_t n)
{
    json_t *o = jb_object(b);
    double p = n > 0 ? (double)yes / (double)n : NAN;
    jb_set(b, o, "p", jb_number(b, p));
    jb_set(b, o, "n", jb_integer(b, (long long)n));
    jb_set(b, o, "se", jb_number(b, n > 0 ? sqrt(p * (1 - p) / (double)n) : NAN));
    return o;
}

pacta_status pacta_simulation_write_json(const pacta_simulation_t *sim, const pacta_scenario_t *s,
                                         FILE *stream)
{
    json_build_t b = {false};
    json_t *root = jb_object(&b);
    jb_set(&b, root, "schema", jb_string(&b, PACTA_SIMULATE_SCHEMA));
    jb_set(&b, root, "pacta_version", jb_string(&b, pacta_version()));
    json_t *scenario = jb_object(&b);
    jb_set(&b, scenario, "title", jb_string(&b, s->title));
    jb_set(&b, scenario, "path", jb_string(&b, s->path));
    jb_set(&b, root, "scenario", scenario);
    jb_set(&b, root, "runs", jb_integer(&b, (long long)sim->runs));
    jb_set(&b, root, "done", jb_integer(&b, (long long)sim->done));
    jb_set(&b, root, "partial", jb_bool(sim->partial));
    jb_set(&b, root, "seed", jb_integer(&b, (long long)sim->seed));
    jb_set(&b, root, "uncertain_inputs", jb_integer(&b, (long long)sim->n_uncertain));
    json_t *models = jb_array(&b);
    for (size_t m = 0; m < sim->n_configs; m++) {
        json_t *mo = jb_object(&b);
        jb_set(&b, mo, "model",
               jb_string(&b, pacta_model_name(pacta_model_config_model(sim->configs[m]))));
        jb_set(&b, mo, "profile", jb_string(&b, pacta_model_config_profile(sim->configs[m])));
        json_t *opts = jb_object(&b);
        for (size_t i = 0; i < pacta_model_config_option_count(sim->configs[m]); i++) {
            const char *key, *value;
            pacta_model_config_option(sim->configs[m], i, &key, &value);
            jb_set(&b, opts, key, jb_string(&b, value));
        }
        jb_set(&b, mo, "options", opts);
        jb_append(&b, models, mo);
    }
    jb_set(&b, root, "models", models);
    json_t *issues = jb_array(&b);
    for (size_t f = 0; f < sim->n_forecasts; f += sim->n_configs) {
        const pacta_issue_t *issue = &s->issues[sim->forecasts[f].issue];
        json_t *io = jb_object(&b);
        jb_set(&b, io, "id", jb_string(&b, issue->id));
        jb_set(&b, io, "name", jb_string(&b, issue->name));
        if (issue->units.present) {
            json_t *u = jb_object(&b);
            jb_set(&b, u, "name", jb_string(&b, issue->units.name));
            jb_set(&b, u, "at_0", jb_number(&b, issue->units.at_0));
            jb_set(&b, u, "at_100", jb_number(&b, issue->units.at_100));
            jb_set(&b, io, "units", u);
        }
        json_t *ms = jb_array(&b);
        for (size_t m = 0; m < sim->n_configs; m++) {
            const pacta_sim_forecast_t *fc = &sim->forecasts[f + m];
            json_t *mo = summary_json(&b, &fc->summary);
            json_t *named = jb_object(&b);
            jb_set(
                &b, named, "model",
                jb_string(&b, pacta_model_name(pacta_model_config_model(sim->configs[fc->model]))));
            jb_set(&b, named, "forecast", mo);
            jb_append(&b, ms, named);
        }
        jb_set(&b, io, "models", ms);
        jb_append(&b, issues, io);
    }
    jb_set(&b, root, "issues", issues);
    json_t *props = jb_array(&b);
    for (size_t p = 0; p < sim->n_proposals; p++) {
        const pacta_sim_proposal_t *sp = &sim->proposals[p];
        json_t *po = jb_object(&b);
        jb_set(&b, po, "id", jb_string(&b, s->proposals[sp->proposal].id));
        json_t *verdicts = jb_object(&b);
        for (int v = 0; v < PACTA_VERDICT_COUNT; v++)
            jb_set(&b, verdicts, pacta_verdict_name((pacta_verdict_kind)v),
                   probability(&b, sp->verdict_true[v], sp->verdict_defined[v]));
        jb_set(&b, po, "verdicts", verdicts);
        json_t *accept = jb_object(&b);
        for (size_t a = 0; a < s->n_actors; a++)
            if (sp->takes_part[a] > 0)
                jb_set(&b, accept, s->actors[a].id,
                       probability(&b, sp->accepts[a], sp->takes_part[a]));
        jb_set(&b, po, "accept", accept);
        jb_append(&b, props, po);
    }
    jb_set(&b, root, "proposals", props);
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
