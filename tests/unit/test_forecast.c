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
    ASSERT_INT_EQ(f->issues[0].n_entries, 8); /* compromise, median, nash, bdm, focal, smp,
                                                 exchange, choice */
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

/* ---- joint models and KTAB files ----------------------------------------------------------- */

static pacta_forecast_t *forecast_with(const pacta_scenario_t *s, const char *model,
                                       const char *issue, const char *const *settings)
{
    pacta_settings_t *set = NULL;
    pacta_settings_create(&set);
    for (size_t i = 0; settings && settings[i]; i++)
        pacta_settings_parse(set, settings[i]);
    const char *models[] = {model};
    pacta_forecast_options_t o;
    pacta_forecast_options_default(&o);
    o.models = models;
    o.n_models = 1;
    o.issue = issue;
    o.settings = set;
    pacta_forecast_t *f = NULL;
    pacta_status st = pacta_forecast_run(&f, s, &o, NULL);
    ASSERT_INT_EQ(st, PACTA_OK);
    pacta_settings_destroy(set);
    return f;
}

static pacta_scenario_t *load_file(const char *relative)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", PACTA_SOURCE_DIR, relative);
    pacta_scenario_t *s = NULL;
    ASSERT_INT_EQ(pacta_scenario_load(&s, path, NULL), PACTA_OK);
    return s;
}

static void joint_runs(void)
{
    pacta_scenario_t *s = load_file("tests/data/ktab/quirks.csv");
    if (s == NULL)
        return;
    pacta_forecast_t *f = forecast_with(s, "smp", NULL, NULL);
    if (f != NULL) {
        /* One run over both issues: both entries name both issues and all four actors and
         * share the number of rounds. */
        ASSERT_INT_EQ(f->n_issues, 2);
        for (size_t q = 0; q < 2; q++) {
            const pacta_forecast_entry_t *e = &f->issues[q].entries[0];
            ASSERT_INT_EQ(e->n_joint_issues, 2);
            ASSERT_INT_EQ(e->joint_issues[1], 1);
            ASSERT_INT_EQ(e->n_actors, 4);
            ASSERT_INT_EQ(e->result.n_rounds, f->issues[0].entries[0].result.n_rounds);
            ASSERT_TRUE(e->result.rounds[1].ideal != NULL);
        }
        /* The KTAB layout: a header and one row per actor, issue and round. */
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        ASSERT_INT_EQ(pacta_forecast_write_ktab_csv(f, s, out), PACTA_OK);
        fclose(out);
        size_t lines = 0;
        for (size_t i = 0; i < len; i++)
            lines += buf[i] == '\n';
        ASSERT_INT_EQ(lines, 1 + 4 * 2 * f->issues[0].entries[0].result.n_rounds);
        ASSERT_TRUE(strncmp(buf, "actor,dim,turn,pos,ideal\n\"Alpha, Inc\",0,0,30,30\n",
                            strlen("actor,dim,turn,pos,ideal\n\"Alpha, Inc\",0,0,30,30\n")) ==
                    0);
        free(buf);
    }
    pacta_forecast_destroy(f);
    /* dimensions=separate: one run per issue, so the issues may differ in rounds, and no
     * entry is joint. */
    const char *separate[] = {"dimensions=separate", NULL};
    f = forecast_with(s, "smp", NULL, separate);
    if (f != NULL)
        for (size_t q = 0; q < 2; q++)
            ASSERT_TRUE(f->issues[q].entries[0].joint_issues == NULL);
    pacta_forecast_destroy(f);
    /* --issue: a joint model on that issue alone. */
    f = forecast_with(s, "smp", "dim_b", NULL);
    if (f != NULL) {
        ASSERT_INT_EQ(f->n_issues, 1);
        ASSERT_INT_EQ(f->issues[0].entries[0].n_joint_issues, 1);
    }
    pacta_forecast_destroy(f);
    /* No iterative model, no history to write. */
    f = forecast_with(s, "median", NULL, NULL);
    ASSERT_TRUE(f != NULL && !pacta_forecast_has_history(f));
    ASSERT_INT_EQ(pacta_forecast_write_ktab_csv(f, s, stdout), PACTA_EINVAL);
    pacta_forecast_destroy(f);
    pacta_scenario_destroy(s);
}

static void auto_dimensions(void)
{
    /* The Ukraine scenario: 11 of 14 actors lack a stance on some issue, so auto bargains
     * issue by issue (and says so); joint keeps the 3 complete actors (and says so). */
    pacta_scenario_t *s = load("ukraine-2025.yaml");
    if (s == NULL)
        return;
    pacta_forecast_t *f = forecast_with(s, "smp", NULL, NULL);
    if (f != NULL) {
        const pacta_forecast_entry_t *e = &f->issues[0].entries[0];
        ASSERT_TRUE(e->joint_issues == NULL);
        ASSERT_INT_EQ(e->n_actors, f->issues[0].n_actors);
        ASSERT_STR_CONTAINS(e->result.note, "bargained issue by issue: 11 actors");
    }
    pacta_forecast_destroy(f);
    const char *joint[] = {"dimensions=joint", NULL};
    f = forecast_with(s, "smp", NULL, joint);
    if (f != NULL) {
        const pacta_forecast_entry_t *e = &f->issues[0].entries[0];
        ASSERT_INT_EQ(e->n_joint_issues, s->n_issues);
        ASSERT_INT_EQ(e->n_actors, 3);
        ASSERT_STR_CONTAINS(e->result.note, "11 actors without a stance on every issue");
    }
    pacta_forecast_destroy(f);
    pacta_scenario_destroy(s);
}

static void scenario_settings(void)
{
    /* The XML's ModelParameters are the model's options; --set still wins. */
    pacta_scenario_t *s = load_file("tests/data/ktab/example.xml");
    if (s == NULL)
        return;
    pacta_forecast_t *f = forecast_with(s, "smp", NULL, NULL);
    if (f != NULL) {
        ASSERT_STR_EQ(pacta_model_config_lookup(f->configs[0], "PCEModel"), "MarkovIncentive");
        ASSERT_STR_EQ(pacta_model_config_lookup(f->configs[0], "seed"), "3782709451298239");
    }
    pacta_forecast_destroy(f);
    const char *over[] = {"PCEModel=Conditional", NULL};
    f = forecast_with(s, "smp", NULL, over);
    if (f != NULL)
        ASSERT_STR_EQ(pacta_model_config_lookup(f->configs[0], "PCEModel"), "Conditional");
    pacta_forecast_destroy(f);

    /* The same scenario through YAML (pacta import ktab) gives the same history. */
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ASSERT_INT_EQ(pacta_scenario_write_yaml(s, out), PACTA_OK);
    fclose(out);
    pacta_scenario_t *y = NULL;
    ASSERT_INT_EQ(pacta_scenario_parse(&y, buf, len, "imported.yaml", "yaml", NULL, NULL),
                  PACTA_OK);
    free(buf);
    pacta_forecast_t *a = forecast_with(s, "smp", NULL, NULL);
    pacta_forecast_t *b = y ? forecast_with(y, "smp", NULL, NULL) : NULL;
    if (a != NULL && b != NULL) {
        for (size_t q = 0; q < a->n_issues; q++) {
            const pacta_model_result_t *ra = &a->issues[q].entries[0].result;
            const pacta_model_result_t *rb = &b->issues[q].entries[0].result;
            ASSERT_INT_EQ(rb->n_rounds, ra->n_rounds);
            for (size_t t = 0; t < ra->n_rounds && t < rb->n_rounds; t++)
                for (size_t i = 0; i < ra->n_actors; i++) {
                    ASSERT_ABS(rb->rounds[t].position[i], ra->rounds[t].position[i], 0.0);
                    ASSERT_ABS(rb->rounds[t].ideal[i], ra->rounds[t].ideal[i], 0.0);
                }
        }
        /* Bob's ideal follows the adjustment: round 1 ideal = 0.07 Alice + 0.75 Bob +
         * 0.18 of his old ideal (15.9), all on the 0-100 scale. */
        const pacta_round_t *r1 = &a->issues[0].entries[0].result.rounds[1];
        ASSERT_ABS(r1->ideal[1], 0.07 * r1->position[0] + 0.75 * r1->position[1] + 0.18 * 15.9,
                   1e-9);
    }
    pacta_forecast_destroy(a);
    pacta_forecast_destroy(b);
    pacta_scenario_destroy(y);
    pacta_scenario_destroy(s);
}

int main(void)
{
    RUN_TEST(all_models_on_emission);
    RUN_TEST(selection_and_errors);
    RUN_TEST(whole_ukraine_scenario);
    RUN_TEST(joint_runs);
    RUN_TEST(auto_dimensions);
    RUN_TEST(scenario_settings);
    return test_finish("forecast");
}
