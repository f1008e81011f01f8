/* Running models over a scenario and writing JSON and CSV. */
#include "test.h"

#include <jansson.h>

#include <pacta/pacta.h>

static pacta_scenario_t *load(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/%s", PACTA_SOURCE_DIR, name);
    pacta_scenario_t *s = NULL;
    pacta_scenario_load(&s, path, NULL);
    return s;
}

static char *to_string(const pacta_forecast_t *f, const pacta_scenario_t *s, bool json)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    pacta_status st = json ? pacta_forecast_write_json(f, s, out) : pacta_forecast_write_csv(f, s, out);
    fclose(out);
    ASSERT_INT_EQ(st, PACTA_OK);
    return buf;
}

static void all_models_on_emission(void)
{
    pacta_scenario_t *s = load("emission-standards.yaml");
    ASSERT_TRUE(s != NULL);
    if (s == NULL)
        return;
    pacta_forecast_options_t o;
    pacta_forecast_options_default(&o);
    pacta_forecast_t *f = NULL;
    ASSERT_INT_EQ(pacta_forecast_run(&f, s, &o, NULL), PACTA_OK);
    ASSERT_INT_EQ(f->n_issues, 1);
    ASSERT_INT_EQ(f->issues[0].n_entries, 5);
    ASSERT_INT_EQ(f->issues[0].n_actors, 10);
    /* Round 0 of the emission case on the 0-100 scale: (7.389955686853767 - 4)/6*100. */
    ASSERT_ABS(f->issues[0].entries[0].result.forecast, (7.389955686853767 - 4) / 6 * 100, 1e-12);
    ASSERT_ABS(f->issues[0].entries[1].result.forecast, 50.0, 0.0);
    ASSERT_TRUE(!f->issues[0].entries[2].result.defined); /* no status quo for Nash */

    char *json = to_string(f, s, true);
    json_error_t err;
    json_t *root = json_loads(json, 0, &err);
    ASSERT_TRUE(root != NULL);
    ASSERT_STR_EQ(json_string_value(json_object_get(root, "schema")), "pacta.forecast/1");
    json_t *issue = json_array_get(json_object_get(root, "issues"), 0);
    ASSERT_STR_EQ(json_string_value(json_object_get(issue, "id")), "delay");
    json_t *bdm = json_array_get(json_object_get(issue, "models"), 3);
    ASSERT_STR_EQ(json_string_value(json_object_get(bdm, "model")), "bdm");
    ASSERT_STR_EQ(json_string_value(json_object_get(bdm, "stop")), "rounds");
    ASSERT_STR_EQ(json_string_value(json_object_get(json_object_get(bdm, "options"), "selection")),
                  "scholz-code");
    json_t *rounds = json_object_get(bdm, "rounds");
    ASSERT_INT_EQ(json_array_size(rounds), 11);
    /* jmckib @55f63e9 round 1 median in years, 8.415932 (see test_bdm.c). */
    ASSERT_ABS(json_real_value(json_object_get(json_array_get(rounds, 1), "median_units")),
               8.415932, 6e-7);
    ASSERT_TRUE(json_is_null(json_object_get(json_array_get(json_object_get(issue, "models"), 2),
                                             "forecast")));
    json_decref(root);
    free(json);

    char *csv = to_string(f, s, false);
    ASSERT_STR_CONTAINS(csv, "issue,model,profile,round,median,mean,forecast,forecast_units,stop,note\n");
    ASSERT_STR_CONTAINS(csv, "\"delay\",\"median\",\"\",\"\",,,50,7,\"\",\"\"\n");
    ASSERT_STR_CONTAINS(csv, "\"delay\",\"bdm\",\"\",\"10\",50,");
    free(csv);
    pacta_forecast_destroy(f);
    pacta_scenario_destroy(s);
}

static void selection_and_errors(void)
{
    pacta_scenario_t *s = load("ukraine-2025.yaml");
    ASSERT_TRUE(s != NULL);
    if (s == NULL)
        return;
    pacta_diag_t *d = NULL;
    pacta_diag_create(&d);
    pacta_forecast_options_t o;
    pacta_forecast_options_default(&o);
    const char *models[] = {"bdm", "median"};
    o.models = models;
    o.n_models = 2;
    o.issue = "crimea";
    o.rounds = 3;
    o.profile = "paper";
    pacta_forecast_t *f = NULL;
    ASSERT_INT_EQ(pacta_forecast_run(&f, s, &o, d), PACTA_OK);
    if (f) {
        ASSERT_INT_EQ(f->n_issues, 1);
        ASSERT_STR_EQ(s->issues[f->issues[0].issue].id, "crimea");
        ASSERT_INT_EQ(f->issues[0].entries[0].result.n_rounds, 4);
        ASSERT_STR_EQ(pacta_model_config_profile(f->issues[0].entries[0].config), "paper");
        ASSERT_TRUE(pacta_model_config_profile(f->issues[0].entries[1].config) == NULL);
    }
    pacta_forecast_destroy(f);

    o.issue = "atlantis";
    ASSERT_INT_EQ(pacta_forecast_run(&f, s, &o, d), PACTA_EINVAL);
    ASSERT_STR_CONTAINS(pacta_diag_get(d, 0)->message, "no issue 'atlantis'");
    o.issue = NULL;

    pacta_diag_clear(d);
    const char *only_mean[] = {"compromise"};
    o.models = only_mean;
    o.n_models = 1;
    ASSERT_INT_EQ(pacta_forecast_run(&f, s, &o, d), PACTA_EINVAL);
    ASSERT_STR_CONTAINS(pacta_diag_get(d, 0)->message, "no selected model has a profile");

    pacta_diag_clear(d);
    o.profile = NULL;
    o.models = NULL;
    pacta_settings_t *set = NULL;
    pacta_settings_create(&set);
    pacta_settings_parse(set, "colour=red");
    o.settings = set;
    ASSERT_INT_EQ(pacta_forecast_run(&f, s, &o, d), PACTA_EINVAL);
    ASSERT_STR_CONTAINS(pacta_diag_get(d, 0)->message, "no selected model has an option 'colour'");
    pacta_settings_destroy(set);

    pacta_diag_clear(d);
    const char *unknown[] = {"oracle"};
    o.settings = NULL;
    o.models = unknown;
    ASSERT_INT_EQ(pacta_forecast_run(&f, s, &o, d), PACTA_EINVAL);
    ASSERT_STR_CONTAINS(pacta_diag_get(d, 0)->message, "unknown model 'oracle'");
    pacta_diag_destroy(d);
    pacta_scenario_destroy(s);
}

static void whole_ukraine_scenario(void)
{
    /* Every model on every issue gives a finite forecast on the scale or says why not. */
    pacta_scenario_t *s = load("ukraine-2025.yaml");
    if (s == NULL)
        return;
    pacta_forecast_options_t o;
    pacta_forecast_options_default(&o);
    pacta_forecast_t *f = NULL;
    ASSERT_INT_EQ(pacta_forecast_run(&f, s, &o, NULL), PACTA_OK);
    ASSERT_INT_EQ(f->n_issues, s->n_issues);
    for (size_t i = 0; i < f->n_issues; i++)
        for (size_t e = 0; e < f->issues[i].n_entries; e++) {
            const pacta_model_result_t *r = &f->issues[i].entries[e].result;
            if (r->defined)
                ASSERT_TRUE(r->forecast >= 0 && r->forecast <= 100);
            else
                ASSERT_TRUE(r->note != NULL);
        }
    pacta_forecast_destroy(f);
    pacta_scenario_destroy(s);
}

int main(void)
{
    RUN_TEST(all_models_on_emission);
    RUN_TEST(selection_and_errors);
    RUN_TEST(whole_ukraine_scenario);
    return test_finish("forecast");
}
