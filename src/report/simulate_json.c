/* JSON output of a simulation, schema pacta.simulate/1 (docs/json-schema.md). */
#include <math.h>

#include "report/report_json.h"

#include <pacta/pacta.h>

static const char *const quantile_names[5] = {"5", "25", "50", "75", "95"};

static json_t *summary_json(json_build_t *b, const pacta_sim_summary_t *sm)
{
    json_t *o = pacta_jb_object(b);
    pacta_jb_set(b, o, "n", pacta_jb_integer(b, (long long)sm->n));
    pacta_jb_set(b, o, "undefined", pacta_jb_integer(b, (long long)sm->undefined));
    pacta_jb_set(b, o, "mean", pacta_jb_number(b, sm->mean));
    pacta_jb_set(b, o, "sd", pacta_jb_number(b, sm->sd));
    pacta_jb_set(b, o, "se", pacta_jb_number(b, sm->n > 0 ? sm->sd / sqrt((double)sm->n) : NAN));
    pacta_jb_set(b, o, "min", pacta_jb_number(b, sm->min));
    pacta_jb_set(b, o, "max", pacta_jb_number(b, sm->max));
    json_t *q = pacta_jb_object(b);
    for (int i = 0; i < 5; i++)
        pacta_jb_set(b, q, quantile_names[i], pacta_jb_number(b, sm->quantile[i]));
    pacta_jb_set(b, o, "quantiles", q);
    /* The 0.01-wide bins, summed into 101 bins of width 1 (the last holds exactly 100). */
    json_t *counts = pacta_jb_array(b);
    for (size_t bin = 0; bin <= 100; bin++) {
        uint64_t c = 0;
        for (size_t k = bin * 100; k < (bin + 1) * 100 && k < sm->n_bins; k++)
            c += sm->histogram ? sm->histogram[k] : 0;
        pacta_jb_append(b, counts, pacta_jb_integer(b, (long long)c));
    }
    json_t *hist = pacta_jb_object(b);
    pacta_jb_set(b, hist, "bin_width", pacta_jb_number(b, 1.0));
    pacta_jb_set(b, hist, "counts", counts);
    pacta_jb_set(b, o, "histogram", hist);
    return o;
}

static json_t *probability(json_build_t *b, uint64_t yes, uint64_t n)
{
    json_t *o = pacta_jb_object(b);
    double p = n > 0 ? (double)yes / (double)n : NAN;
    pacta_jb_set(b, o, "p", pacta_jb_number(b, p));
    pacta_jb_set(b, o, "n", pacta_jb_integer(b, (long long)n));
    pacta_jb_set(b, o, "se", pacta_jb_number(b, n > 0 ? sqrt(p * (1 - p) / (double)n) : NAN));
    return o;
}

pacta_status pacta_simulation_write_json(const pacta_simulation_t *sim, const pacta_scenario_t *s,
                                         FILE *stream)
{
    json_build_t b = {false};
    json_t *root = pacta_report_json_root(&b, PACTA_SIMULATE_SCHEMA, s, false);
    pacta_jb_set(&b, root, "runs", pacta_jb_integer(&b, (long long)sim->runs));
    pacta_jb_set(&b, root, "done", pacta_jb_integer(&b, (long long)sim->done));
    pacta_jb_set(&b, root, "partial", pacta_jb_bool(sim->partial));
    pacta_jb_set(&b, root, "seed", pacta_jb_integer(&b, (long long)sim->seed));
    pacta_jb_set(&b, root, "uncertain_inputs", pacta_jb_integer(&b, (long long)sim->n_uncertain));
    json_t *models = pacta_jb_array(&b);
    for (size_t m = 0; m < sim->n_configs; m++) {
        json_t *mo = pacta_jb_object(&b);
        pacta_jb_set(
            &b, mo, "model",
            pacta_jb_string(&b, pacta_model_name(pacta_model_config_model(sim->configs[m]))));
        pacta_jb_set(&b, mo, "profile",
                     pacta_jb_string(&b, pacta_model_config_profile(sim->configs[m])));
        json_t *opts = pacta_jb_object(&b);
        for (size_t i = 0; i < pacta_model_config_option_count(sim->configs[m]); i++) {
            const char *key, *value;
            pacta_model_config_option(sim->configs[m], i, &key, &value);
            pacta_jb_set(&b, opts, key, pacta_jb_string(&b, value));
        }
        pacta_jb_set(&b, mo, "options", opts);
        pacta_jb_append(&b, models, mo);
    }
    pacta_jb_set(&b, root, "models", models);
    json_t *issues = pacta_jb_array(&b);
    for (size_t f = 0; f < sim->n_forecasts; f += sim->n_configs) {
        const pacta_issue_t *issue = &s->issues[sim->forecasts[f].issue];
        json_t *io = pacta_jb_object(&b);
        pacta_jb_set(&b, io, "id", pacta_jb_string(&b, issue->id));
        pacta_jb_set(&b, io, "name", pacta_jb_string(&b, issue->name));
        if (issue->units.present) {
            json_t *u = pacta_jb_object(&b);
            pacta_jb_set(&b, u, "name", pacta_jb_string(&b, issue->units.name));
            pacta_jb_set(&b, u, "at_0", pacta_jb_number(&b, issue->units.at_0));
            pacta_jb_set(&b, u, "at_100", pacta_jb_number(&b, issue->units.at_100));
            pacta_jb_set(&b, io, "units", u);
        }
        json_t *ms = pacta_jb_array(&b);
        for (size_t m = 0; m < sim->n_configs; m++) {
            const pacta_sim_forecast_t *fc = &sim->forecasts[f + m];
            json_t *mo = summary_json(&b, &fc->summary);
            json_t *named = pacta_jb_object(&b);
            pacta_jb_set(&b, named, "model",
                         pacta_jb_string(&b, pacta_model_name(pacta_model_config_model(
                                                 sim->configs[fc->model]))));
            pacta_jb_set(&b, named, "forecast", mo);
            pacta_jb_append(&b, ms, named);
        }
        pacta_jb_set(&b, io, "models", ms);
        pacta_jb_append(&b, issues, io);
    }
    pacta_jb_set(&b, root, "issues", issues);
    json_t *props = pacta_jb_array(&b);
    for (size_t p = 0; p < sim->n_proposals; p++) {
        const pacta_sim_proposal_t *sp = &sim->proposals[p];
        json_t *po = pacta_jb_object(&b);
        pacta_jb_set(&b, po, "id", pacta_jb_string(&b, s->proposals[sp->proposal].id));
        json_t *verdicts = pacta_jb_object(&b);
        for (int v = 0; v < PACTA_VERDICT_COUNT; v++)
            pacta_jb_set(&b, verdicts, pacta_verdict_name((pacta_verdict_kind)v),
                         probability(&b, sp->verdict_true[v], sp->verdict_defined[v]));
        pacta_jb_set(&b, po, "verdicts", verdicts);
        json_t *accept = pacta_jb_object(&b);
        for (size_t a = 0; a < s->n_actors; a++)
            if (sp->takes_part[a] > 0)
                pacta_jb_set(&b, accept, s->actors[a].id,
                             probability(&b, sp->accepts[a], sp->takes_part[a]));
        pacta_jb_set(&b, po, "accept", accept);
        pacta_jb_append(&b, props, po);
    }
    pacta_jb_set(&b, root, "proposals", props);
    return pacta_jb_finish(&b, root, stream);
}
