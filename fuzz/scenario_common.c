/* What the scenario harnesses do with a scenario the parser accepted: write it back as YAML
 * and read that again, then run the fast analyses on it so that whatever numbers the parser
 * lets through also reach the numeric code. Every check here is a promise of the
 * documentation (named beside it). */
#include "scenario_common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pacta/pacta.h>

#include "fuzz.h"

void fuzz_check_diagnostics(const pacta_diag_t *diag, pacta_status st)
{
    /* CONVENTIONS.md: bad input gets a located message, never a bare status. */
    if (st == PACTA_EINPUT || st == PACTA_ELIMIT)
        FUZZ_CHECK(pacta_diag_error_count(diag) > 0 || pacta_diag_dropped(diag) > 0,
                   "status %d (%s) without an error message", (int)st, pacta_strerror(st));
    for (size_t i = 0; i < pacta_diag_count(diag); i++) {
        const pacta_diag_entry_t *e = pacta_diag_get(diag, i);
        /* Touch every string, so a dangling one shows under AddressSanitizer. */
        FUZZ_CHECK(e->file != NULL && e->field != NULL && e->message != NULL,
                   "diagnostic %zu has a NULL string", i);
        FUZZ_CHECK(strlen(e->message) > 0, "diagnostic %zu (%s) has an empty message", i, e->field);
        (void)strlen(e->file);
        (void)strlen(e->field);
    }
}

typedef struct write_args {
    const pacta_scenario_t *scenario;
    const void *result;
    const void *extra;
} write_args_t;

static int write_yaml(void *context, FILE *f)
{
    const write_args_t *a = context;
    return pacta_scenario_write_yaml(a->scenario, f) == PACTA_OK;
}

static int write_forecast_json(void *context, FILE *f)
{
    const write_args_t *a = context;
    return pacta_forecast_write_json(a->result, a->scenario, f) == PACTA_OK;
}

static int write_evaluation_json(void *context, FILE *f)
{
    const write_args_t *a = context;
    return pacta_evaluation_write_json(a->result, NULL, a->scenario, f) == PACTA_OK;
}

static int write_durability_json(void *context, FILE *f)
{
    const write_args_t *a = context;
    return pacta_durability_write_json(a->result, a->scenario, f) == PACTA_OK;
}

static int write_simulation_json(void *context, FILE *f)
{
    const write_args_t *a = context;
    return pacta_simulation_write_json(a->result, a->scenario, f) == PACTA_OK;
}

/* Write with @p writer and check that the output is one valid JSON document. */
static void check_json(fuzz_writer_fn writer, write_args_t *args, const char *what)
{
    size_t length = 0;
    char *json = fuzz_capture(writer, args, &length);
    FUZZ_CHECK(json != NULL, "%s: the JSON writer failed", what);
    FUZZ_CHECK(fuzz_json_valid(json, length), "%s: the JSON writer wrote invalid JSON", what);
    free(json);
}

/* scenario.h, pacta_scenario_write_yaml: "Reading the output back gives an equal scenario".
 * Equality is checked as a fixed point: the re-read scenario writes the same text. */
static void round_trip(const pacta_scenario_t *s)
{
    write_args_t args = {.scenario = s};
    size_t length = 0;
    char *text = fuzz_capture(write_yaml, &args, &length);
    FUZZ_CHECK(text != NULL, "the YAML writer failed");
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_scenario_t *again = NULL;
    pacta_status st =
        pacta_scenario_parse(&again, text, length, "round-trip.yaml", "yaml", NULL, diag);
    if (st != PACTA_OK) {
        for (size_t i = 0; i < pacta_diag_count(diag); i++) {
            const pacta_diag_entry_t *e = pacta_diag_get(diag, i);
            fprintf(stderr, "fuzz: round-trip.yaml:%d:%d: %s: %s\n", e->line, e->column, e->field,
                    e->message);
        }
        fprintf(stderr, "fuzz: the written YAML was:\n%.*s\n", (int)length, text);
    }
    FUZZ_CHECK(st == PACTA_OK, "the written YAML does not read back (%s)", pacta_strerror(st));
    write_args_t again_args = {.scenario = again};
    size_t length2 = 0;
    char *text2 = fuzz_capture(write_yaml, &again_args, &length2);
    FUZZ_CHECK(text2 != NULL, "the YAML writer failed on the re-read scenario");
    if (length2 != length || memcmp(text, text2, length) != 0)
        fprintf(stderr, "fuzz: first writing:\n%.*s\nfuzz: second writing:\n%.*s\n", (int)length,
                text, (int)length2, text2);
    FUZZ_CHECK(length2 == length && memcmp(text, text2, length) == 0,
               "writing, reading and writing again changes the scenario");
    free(text2);
    pacta_scenario_destroy(again);
    pacta_diag_destroy(diag);
    free(text);
}

/* The fast models (docs/limits.md, "Memory and time"): bdm with few rounds. */
static const char *const fast_models[] = {"compromise", "median", "nash", "bdm"};
enum { N_FAST_MODELS = 4, FEW_ROUNDS = 3 };

/* Forecast @p s with @p models and check every result and writer. */
static void forecast_with(const pacta_scenario_t *s, const char *const *models, size_t n_models)
{
    pacta_forecast_options_t o;
    pacta_forecast_options_default(&o);
    o.models = models;
    o.n_models = n_models;
    o.rounds = FEW_ROUNDS;
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_forecast_t *f = NULL;
    pacta_status st = pacta_forecast_run(&f, s, &o, diag);
    fuzz_check_diagnostics(diag, st);
    FUZZ_CHECK(st == PACTA_OK || st == PACTA_ENUMERIC,
               "forecasting a valid scenario with valid options failed: %s", pacta_strerror(st));
    if (st == PACTA_OK) {
        for (size_t k = 0; k < f->n_issues; k++) {
            for (size_t m = 0; m < f->issues[k].n_entries; m++) {
                const pacta_model_result_t *r = &f->issues[k].entries[m].result;
                /* docs/limits.md: a model answers on the 0-100 scale or declines, never NaN. */
                if (r->defined)
                    FUZZ_CHECK(isfinite(r->forecast) && r->forecast >= 0 && r->forecast <= 100,
                               "issue %zu, model %s: forecast %.17g is off the 0-100 scale", k,
                               models[m], r->forecast);
                else
                    FUZZ_CHECK(r->note != NULL, "issue %zu, model %s declines without a note", k,
                               models[m]);
            }
        }
        write_args_t args = {.scenario = s, .result = f};
        check_json(write_forecast_json, &args, "forecast");
        FUZZ_CHECK(pacta_forecast_write_csv(f, s, fuzz_null_stream()) == PACTA_OK,
                   "the forecast CSV writer failed");
        if (pacta_forecast_has_history(f))
            FUZZ_CHECK(pacta_forecast_write_ktab_csv(f, s, fuzz_null_stream()) == PACTA_OK,
                       "the KTAB history writer failed");
    }
    pacta_forecast_destroy(f);
    pacta_diag_destroy(diag);
}

/* KTAB's model (smp) bargains over all issues at once; only on scenarios small enough to
 * stay fast (its round is O(n^3) per dimension). */
enum { JOINT_MAX_ACTORS = 24, JOINT_MAX_ISSUES = 4 };

static void forecast(const pacta_scenario_t *s)
{
    forecast_with(s, fast_models, N_FAST_MODELS);
    static const char *const joint_models[] = {"smp"};
    if (s->n_actors <= JOINT_MAX_ACTORS && s->n_issues <= JOINT_MAX_ISSUES)
        forecast_with(s, joint_models, 1);
}

static void evaluate(const pacta_scenario_t *s)
{
    if (s->n_proposals == 0)
        return;
    pacta_evaluate_options_t o;
    pacta_evaluate_options_default(&o);
    o.pareto = false;         /* GLPK's linear programme: slow, and not fed by the parser */
    o.compare_models = false; /* the models ran above */
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_evaluation_t *e = NULL;
    pacta_status st = pacta_evaluate(&e, s, &o, diag);
    fuzz_check_diagnostics(diag, st);
    if (st == PACTA_OK) {
        write_args_t args = {.scenario = s, .result = e};
        check_json(write_evaluation_json, &args, "evaluation");
        FUZZ_CHECK(pacta_evaluation_write_csv(e, s, fuzz_null_stream()) == PACTA_OK,
                   "the evaluation CSV writer failed");
    }
    pacta_evaluation_destroy(e);
    pacta_diag_destroy(diag);
}

/* Durability predictions with the shipped model, on few draws (the minimum the command
 * accepts is 100). */
static void durability(const pacta_scenario_t *s)
{
    static pacta_durability_model_t *model;
    if (s->n_proposals == 0)
        return;
    if (model == NULL) {
        size_t length = 0;
        const char *text = pacta_durability_default_model_text(&length);
        if (pacta_durability_model_parse(&model, text, length, "default.yaml", NULL) != PACTA_OK)
            abort();
    }
    pacta_durability_predict_options_t o;
    pacta_durability_predict_options_default(&o);
    o.draws.draws = 100;
    /* Give the war-level facts, so that predictions run on scenarios without the block. */
    o.facts.has_interstate = true;
    o.facts.interstate = true;
    o.facts.has_major_war = true;
    o.facts.major_war = false;
    o.facts.has_war_years = true;
    o.facts.war_years = 3;
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_durability_report_t *r = NULL;
    pacta_status st = pacta_durability_predict(&r, model, s, &o, diag);
    fuzz_check_diagnostics(diag, st);
    if (st == PACTA_OK) {
        write_args_t args = {.scenario = s, .result = r};
        check_json(write_durability_json, &args, "durability");
    }
    pacta_durability_report_destroy(r);
    pacta_diag_destroy(diag);
}

/* A few Monte Carlo replicates on one thread: draws from the distributions the parser read. */
static void simulate(const pacta_scenario_t *s)
{
    pacta_simulate_options_t o;
    pacta_simulate_options_default(&o);
    o.runs = 8;
    o.threads = 1;
    o.block_size = 4;
    o.forecast.models = fast_models;
    o.forecast.n_models = N_FAST_MODELS;
    o.forecast.rounds = FEW_ROUNDS;
    o.evaluate = s->n_proposals > 0;
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_simulation_t *sim = NULL;
    pacta_status st = pacta_simulation_create(&sim, s, &o, diag);
    fuzz_check_diagnostics(diag, st);
    if (st == PACTA_OK && sim->n_uncertain > 0) {
        st = pacta_simulation_run(sim);
        if (st == PACTA_OK)
            st = pacta_simulation_finish(sim);
        FUZZ_CHECK(st == PACTA_OK || st == PACTA_ENUMERIC, "simulation failed: %s",
                   pacta_strerror(st));
        if (st == PACTA_OK) {
            write_args_t args = {.scenario = s, .result = sim};
            check_json(write_simulation_json, &args, "simulation");
        }
    }
    pacta_simulation_destroy(sim);
    pacta_diag_destroy(diag);
}

void fuzz_exercise_scenario(const pacta_scenario_t *s)
{
    round_trip(s);
    forecast(s);
    evaluate(s);
    durability(s);
    simulate(s);
}

void fuzz_parse_scenario(const uint8_t *data, size_t size, const char *name, const char *format,
                         const pacta_csv_options_t *csv_options)
{
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_scenario_t *s = NULL;
    pacta_status st =
        pacta_scenario_parse(&s, (const char *)data, size, name, format, csv_options, diag);
    fuzz_check_diagnostics(diag, st);
    FUZZ_CHECK(st == PACTA_OK || st == PACTA_EINPUT || st == PACTA_ELIMIT, "unexpected status %s",
               pacta_strerror(st));
    FUZZ_CHECK((st == PACTA_OK) == (s != NULL), "a scenario with status %s", pacta_strerror(st));
    if (s != NULL)
        fuzz_exercise_scenario(s);
    pacta_scenario_destroy(s);
    pacta_diag_destroy(diag);
}
