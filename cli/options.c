/* The option groups several commands share, and what they parse into (cli_common_t). One
 * definition each, so --format, --seed or --model mean the same and are checked the same
 * way everywhere. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "command.h"

static const cli_option_t output_options[] = {
    {CLI_OPT_FORMAT, "format", 'f', "FORMAT", "the output format: %F", CLI_COMPLETE_FORMATS, NULL,
     NULL},
    {CLI_OPT_OUTPUT, "output", 'o', "FILE",
     "write to FILE instead of standard output (replaced only when complete)", CLI_COMPLETE_FILE,
     NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
const cli_group_t cli_group_output = {"Output", output_options};
/* Commands that write one format only have -o alone. */
const cli_group_t cli_group_output_file = {"Output", output_options + 1};

static const cli_option_t threads_options[] = {
    {CLI_OPT_THREADS, "threads", 't', "T", "worker threads (default: one per core)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
const cli_group_t cli_group_threads = {NULL, threads_options};

static const cli_option_t seed_options[] = {
    {CLI_OPT_SEED, "seed", 0, "S",
     "seed of the random streams, a whole number from 0 to 2^53 (default 1); the same seed "
     "gives the same output",
     CLI_COMPLETE_NONE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
const cli_group_t cli_group_seed = {NULL, seed_options};

static const cli_option_t runs_options[] = {
    {CLI_OPT_RUNS, "runs", 'n', "N", "replicates (default 1000)", CLI_COMPLETE_NONE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
const cli_group_t cli_group_runs = {NULL, runs_options};

static const cli_option_t model_options[] = {
    {CLI_OPT_MODEL, "model", 'm', "NAME",
     "%M or all (default all); repeat or separate with commas for several", CLI_COMPLETE_MODELS,
     NULL, NULL},
    {CLI_OPT_ISSUE, "issue", 'i', "ID", "only this issue", CLI_COMPLETE_NONE, NULL, NULL},
    {CLI_OPT_ROUNDS, "rounds", 'r', "N",
     "rounds of the iterative models (bdm: default 10; smp: at most, default 100)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {CLI_OPT_PROFILE, "profile", 'p', "NAME",
     "a model profile (bdm: scholz-code, paper; see pacta help MODEL)", CLI_COMPLETE_NONE, NULL,
     NULL},
    {CLI_OPT_SET, "set", 's', "KEY=VALUE", "set a model option (see pacta help MODEL); repeatable",
     CLI_COMPLETE_NONE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
const cli_group_t cli_group_models = {"Models", model_options};

static const char *const salience_scales[] = {"1", "100", NULL};

static const cli_option_t csv_input_options[] = {
    {CLI_OPT_SALIENCE_SCALE, "salience-scale", 0, "1|100",
     "a flat table's saliences are on 0-1 (1) or 0-100 (100, the default)", CLI_COMPLETE_CHOICES,
     salience_scales, NULL},
    {CLI_OPT_SCALE, "scale", 0, "LO:HI",
     "a flat table's positions are in a unit from LO to HI (mapped onto 0-100)", CLI_COMPLETE_NONE,
     NULL, NULL},
    {CLI_OPT_UNIT, "unit", 0, "NAME", "the name of that unit, e.g. years", CLI_COMPLETE_NONE, NULL,
     NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
const cli_group_t cli_group_csv_input = {"Flat CSV input", csv_input_options};

static const char *const utilities[] = {"linear", "quadratic", NULL};
static const char *const reservations[] = {"auto", "status-quo", "war", NULL};
static const char *const updates[] = {"graded", "sign", NULL};

static const cli_option_t judging_options[] = {
    {CLI_OPT_UTILITY, "utility", 0, "KIND", "linear (default) or quadratic loss",
     CLI_COMPLETE_CHOICES, utilities, NULL},
    {CLI_OPT_RESERVATION, "reservation", 0, "KIND",
     "what each actor compares a deal with: auto (default: continued war when the scenario "
     "has a war section, else the status quo), status-quo or war",
     CLI_COMPLETE_CHOICES, reservations, NULL},
    {CLI_OPT_UPDATE, "update", 0, "KIND",
     "how a deal moves the belief in the defenders' resolve: graded (default: more for a "
     "larger concession) or sign (the full update for any concession)",
     CLI_COMPLETE_CHOICES, updates, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
const cli_group_t cli_group_judging = {"Judging the proposals", judging_options};

/* The index of @p arg in @p choices, or -1 after an error that lists them. */
static int choice(const char *option, const char *arg, const char *const *choices)
{
    for (int i = 0; choices[i]; i++)
        if (strcmp(arg, choices[i]) == 0)
            return i;
    char list[128];
    cli_list_words(list, sizeof list, choices, " or ");
    const char *near = pacta_suggest(arg, choices);
    if (near)
        cli_error("%s: '%s' is not %s; did you mean '%s'?", option, arg, list, near);
    else
        cli_error("%s: '%s' is not %s", option, arg, list);
    return -1;
}

void cli_common_init(cli_common_t *common)
{
    memset(common, 0, sizeof *common);
    common->seed = 1;
    common->runs = 1000;
    pacta_csv_options_default(&common->csv);
}

void cli_common_destroy(cli_common_t *common)
{
    for (size_t i = 0; i < common->n_model_storage; i++)
        free(common->model_storage[i]);
    pacta_settings_destroy(common->settings);
    memset(common, 0, sizeof *common);
}

pacta_format cli_common_format(const cli_common_t *common, const cli_command_t *command)
{
    if (common->format != PACTA_FORMAT_AUTO)
        return common->format;
    pacta_format first = PACTA_FORMAT_TEXT;
    pacta_format_list_written(command->output, &first, 1);
    return first;
}

bool cli_parse_u64(const char *option, const char *text, uint64_t min, uint64_t max, uint64_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = text[0] == '-' ? 0 : strtoull(text, &end, 10);
    if (text[0] == '-' || text[0] == '\0' || *end != '\0' || errno == ERANGE || v < min ||
        v > max) {
        cli_error("%s: '%s' is not a whole number from %llu to %llu", option, text,
                  (unsigned long long)min, (unsigned long long)max);
        return false;
    }
    *out = v;
    return true;
}

/* The comma-separated model names of one -m argument; "all" selects every model. */
static int add_models(cli_common_t *c, const char *arg)
{
    if (c->n_model_storage == CLI_MAX_MODELS) {
        cli_error("--model: given too many times");
        return EXIT_USAGE;
    }
    char *copy = strdup(arg);
    if (copy == NULL) {
        cli_error("out of memory");
        return EXIT_FAILURE_;
    }
    c->model_storage[c->n_model_storage++] = copy;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (strcmp(tok, "all") == 0) {
            c->all_models = true;
            continue;
        }
        if (pacta_model_find(tok) == NULL) {
            const char *names[32];
            size_t n = 0;
            for (; n < pacta_model_count() && n < 31; n++)
                names[n] = pacta_model_name(pacta_model_at(n));
            names[n] = NULL;
            char list[256];
            cli_list_words(list, sizeof list, names, ", ");
            const char *near = pacta_suggest(tok, names);
            if (near)
                cli_error("--model: unknown model '%s'; did you mean '%s'? (known: %s, all)", tok,
                          near, list);
            else
                cli_error("--model: unknown model '%s' (known: %s, all)", tok, list);
            return EXIT_USAGE;
        }
        bool seen = false;
        for (size_t i = 0; i < c->n_models; i++)
            seen |= strcmp(c->models[i], tok) == 0;
        if (!seen && c->n_models < CLI_MAX_MODELS)
            c->models[c->n_models++] = tok;
    }
    return EXIT_OK;
}

static int set_format(cli_common_t *c, const cli_command_t *command, const char *arg)
{
    pacta_format f = pacta_format_find(arg);
    if (!pacta_format_writes(f, command->output)) {
        char list[128];
        cli_format_list(list, sizeof list, command->output, false);
        cli_error("--format: '%s' is not %s", arg, list);
        return EXIT_USAGE;
    }
    c->format = f;
    c->format_name = arg;
    return EXIT_OK;
}

static int set_setting(cli_common_t *c, const char *arg)
{
    if (c->settings == NULL && pacta_settings_create(&c->settings) != PACTA_OK) {
        cli_error("out of memory");
        return EXIT_FAILURE_;
    }
    pacta_status st = pacta_settings_parse(c->settings, arg);
    if (st != PACTA_OK) {
        cli_error("--set: '%s' must be KEY=VALUE", arg);
        return cli_exit_code(st);
    }
    if (c->n_settings_given == sizeof c->settings_given / sizeof c->settings_given[0]) {
        cli_error("--set: given too many times");
        return EXIT_USAGE;
    }
    c->settings_given[c->n_settings_given++] = arg;
    return EXIT_OK;
}

static int set_csv_input(cli_common_t *c, int id, const char *value)
{
    if (id == CLI_OPT_SALIENCE_SCALE) {
        double v;
        if (!cli_parse_double("--salience-scale", value, &v))
            return EXIT_USAGE;
        if (v != 1.0 && v != 100.0) {
            cli_error("--salience-scale: '%s' must be 1 (saliences on 0-1) or 100 (0-100)", value);
            return EXIT_USAGE;
        }
        c->csv.salience_scale = v;
        return EXIT_OK;
    }
    if (id == CLI_OPT_SCALE) {
        const char *colon = strchr(value, ':');
        char lo[64];
        if (colon == NULL || (size_t)(colon - value) >= sizeof lo) {
            cli_error("--scale: '%s' must be LO:HI, e.g. 4:10", value);
            return EXIT_USAGE;
        }
        memcpy(lo, value, (size_t)(colon - value));
        lo[colon - value] = '\0';
        if (!cli_parse_double("--scale", lo, &c->csv.scale_low) ||
            !cli_parse_double("--scale", colon + 1, &c->csv.scale_high))
            return EXIT_USAGE;
        if (c->csv.scale_low == c->csv.scale_high) {
            cli_error("--scale: the two ends must differ");
            return EXIT_USAGE;
        }
        c->csv.has_scale = true;
        return EXIT_OK;
    }
    c->csv.unit_name = value;
    return EXIT_OK;
}

int cli_common_option(cli_common_t *c, const cli_command_t *command, int id, const char *arg)
{
    long v;
    switch (id) {
    case CLI_OPT_FORMAT:
        return set_format(c, command, arg);
    case CLI_OPT_OUTPUT:
        c->output = arg;
        return EXIT_OK;
    case CLI_OPT_THREADS:
        if (!cli_parse_long("--threads", arg, 1, 1024, &v))
            return EXIT_USAGE;
        c->threads = (unsigned)v;
        return EXIT_OK;
    case CLI_OPT_SEED:
        c->seed_given = true;
        return cli_parse_u64("--seed", arg, 0, CLI_SEED_MAX, &c->seed) ? EXIT_OK : EXIT_USAGE;
    case CLI_OPT_RUNS:
        c->runs_given = true;
        return cli_parse_u64("--runs", arg, 1, UINT64_MAX / 2, &c->runs) ? EXIT_OK : EXIT_USAGE;
    case CLI_OPT_MODEL:
        return add_models(c, arg);
    case CLI_OPT_ISSUE:
        /* One issue or all: a second --issue would otherwise replace the first unseen. */
        if (c->issue != NULL && strcmp(c->issue, arg) != 0) {
            cli_error("--issue: give one issue (here '%s' and '%s'), or none for all", c->issue,
                      arg);
            return EXIT_USAGE;
        }
        c->issue = arg;
        return EXIT_OK;
    case CLI_OPT_ROUNDS:
        return cli_parse_long("--rounds", arg, 1, 10000, &c->rounds) ? EXIT_OK : EXIT_USAGE;
    case CLI_OPT_PROFILE:
        c->profile = arg;
        return EXIT_OK;
    case CLI_OPT_SET:
        return set_setting(c, arg);
    case CLI_OPT_SALIENCE_SCALE:
    case CLI_OPT_SCALE:
    case CLI_OPT_UNIT:
        return set_csv_input(c, id, arg);
    case CLI_OPT_UTILITY: {
        int k = choice("--utility", arg, utilities);
        if (k < 0)
            return EXIT_USAGE;
        /* The choices are listed in the order of pacta_utility. */
        c->utility = (pacta_utility)k;
        c->utility_name = arg;
        return EXIT_OK;
    }
    case CLI_OPT_RESERVATION: {
        int k = choice("--reservation", arg, reservations);
        if (k < 0)
            return EXIT_USAGE;
        c->reservation = (pacta_reservation)k; /* in the order of pacta_reservation */
        c->reservation_name = arg;
        return EXIT_OK;
    }
    case CLI_OPT_UPDATE: {
        int k = choice("--update", arg, updates);
        if (k < 0)
            return EXIT_USAGE;
        c->update = (pacta_belief_update)k; /* in the order of pacta_belief_update */
        c->update_name = arg;
        return EXIT_OK;
    }
    default:
        cli_error("internal error: option %d has no handler", id);
        return EXIT_FAILURE_;
    }
}

void cli_common_forecast_options(const cli_common_t *c, pacta_forecast_options_t *o)
{
    if (!c->all_models && c->n_models > 0) {
        o->models = c->models;
        o->n_models = c->n_models;
    }
    o->issue = c->issue;
    o->rounds = c->rounds;
    o->profile = c->profile;
    o->settings = c->settings;
}
