/* pacta durability episodes|fit|predict|show: would a settlement hold? (docs/durability.md) */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "command.h"

enum {
    OPT_UCDP = 256,
    OPT_PAX,
    OPT_COW,
    OPT_FROM,
    OPT_TO,
    OPT_WINDOW,
    OPT_CENSOR,
    OPT_MODEL,
    OPT_TIES,
    OPT_COVARIATES,
    OPT_CREATED,
    OPT_MODEL_FILE,
    OPT_HORIZONS,
    OPT_DRAWS,
    OPT_LEVEL,
    OPT_PROPOSAL,
    OPT_INTERSTATE,
    OPT_MAJOR_WAR,
    OPT_WAR_YEARS
};

static const char *const families[] = {"cox", "weibull", NULL};
static const char *const ties[] = {"efron", "breslow", NULL};
static const char *const yes_no[] = {"yes", "no", NULL};

static const cli_option_t episode_options[] = {
    {OPT_UCDP, "ucdp", 0, "FILE", "UCDP/PRIO Armed Conflict Dataset, CSV (required)",
     CLI_COMPLETE_FILE, NULL, NULL},
    {OPT_PAX, "pax", 0, "FILE", "PA-X peace agreements, CSV (required)", CLI_COMPLETE_FILE, NULL,
     NULL},
    {OPT_COW, "cow", 0, "FILE",
     "COW inter-state war data (dyadic), CSV: adds the cow_war and cow_battle_deaths columns",
     CLI_COMPLETE_FILE, NULL, NULL},
    {OPT_FROM, "from", 0, "DATE",
     "keep peace episodes starting on or after DATE (default: where PA-X covers the "
     "agreement window)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_TO, "to", 0, "DATE", "keep peace episodes starting on or before DATE", CLI_COMPLETE_NONE,
     NULL, NULL},
    {OPT_WINDOW, "window", 0, "DAYS", "link agreements this close to the peace start (365)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_CENSOR, "censor", 0, "DATE",
     "end of observation (default: 31 December of the last UCDP year)", CLI_COMPLETE_NONE, NULL,
     NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t episode_group = {"Data", episode_options};

static const cli_option_t fit_options[] = {
    {OPT_MODEL, "model", 'm', "NAME", "cox (default) or weibull", CLI_COMPLETE_CHOICES, families,
     NULL},
    {OPT_TIES, "ties", 0, "NAME", "efron (default) or breslow (Cox)", CLI_COMPLETE_CHOICES, ties,
     NULL},
    {OPT_COVARIATES, "covariates", 0, "LIST",
     "comma-separated columns (default: the shipped model's)", CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_CREATED, "created", 0, "DATE", "date recorded in the provenance (default: today)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t fit_group = {"Fit", fit_options};

static const cli_option_t model_file_options[] = {
    {OPT_MODEL_FILE, "model-file", 0, "FILE", "a fitted model (default: the shipped one)",
     CLI_COMPLETE_FILE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t model_file_group = {"Model", model_file_options};

static const cli_option_t predict_options[] = {
    {OPT_HORIZONS, "horizons", 0, "LIST", "years, comma-separated (default 1,5,10)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_DRAWS, "draws", 0, "N", "parameter draws for the intervals (default 4000)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_LEVEL, "level", 0, "X", "interval coverage (default 0.95)", CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_PROPOSAL, "proposal", 0, "ID", "only this proposal", CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_INTERSTATE, "interstate", 0, "yes|no",
     "the war is between states (overrides the scenario's durability: block)", CLI_COMPLETE_CHOICES,
     yes_no, NULL},
    {OPT_MAJOR_WAR, "major-war", 0, "yes|no",
     "the war has 1,000 or more battle deaths a year (overrides the scenario)",
     CLI_COMPLETE_CHOICES, yes_no, NULL},
    {OPT_WAR_YEARS, "war-years", 0, "X", "years of fighting (overrides the scenario)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t predict_group = {"Prediction", predict_options};

static int run(const cli_command_t *command, int argc, char **argv);

static const char *const episodes_synopsis[] = {"--ucdp FILE --pax FILE [--cow FILE] [options]",
                                                NULL};
static const cli_group_t *const episodes_groups[] = {&episode_group, &cli_group_output_file, NULL};
static const cli_command_t durability_episodes = {
    .name = "durability episodes",
    .summary = "build the peace-episode table (CSV) from the conflict data files",
    .synopsis = episodes_synopsis,
    .groups = episodes_groups,
    .output = PACTA_DOCUMENT_EPISODES,
    .run = run,
};

static const char *const fit_synopsis[] = {"EPISODES.csv [--model cox|weibull] [options]", NULL};
static const cli_group_t *const fit_groups[] = {&fit_group, &cli_group_output_file, NULL};
static const cli_command_t durability_fit = {
    .name = "durability fit",
    .summary = "fit a model on an episode table and write it as YAML",
    .synopsis = fit_synopsis,
    .groups = fit_groups,
    .operands = CLI_COMPLETE_FILE,
    .output = PACTA_DOCUMENT_DURABILITY_MODEL,
    .run = run,
};

static const char *const predict_synopsis[] = {"SCENARIO [options]", NULL};
static const cli_group_t *const predict_groups[] = {&model_file_group, &predict_group,
                                                    &cli_group_seed, &cli_group_output, NULL};
static const cli_command_t durability_predict = {
    .name = "durability predict",
    .summary = "each proposal's probability of holding, median duration, and the provisions "
               "that move it most",
    .synopsis = predict_synopsis,
    .groups = predict_groups,
    .operands = CLI_COMPLETE_FILE,
    .output = PACTA_DOCUMENT_DURABILITY,
    .run = run,
};

static const char *const show_synopsis[] = {"[--model-file FILE]", NULL};
static const cli_group_t *const show_groups[] = {&model_file_group, &cli_group_output_file, NULL};
static const cli_command_t durability_show = {
    .name = "durability show",
    .summary = "summarise a fitted model: coefficients, hazard ratios and provenance",
    .synopsis = show_synopsis,
    .groups = show_groups,
    .output = PACTA_DOCUMENT_DURABILITY_MODEL,
    .run = run,
};

static const cli_command_t *const actions[] = {&durability_episodes, &durability_fit,
                                               &durability_predict, &durability_show, NULL};

const cli_command_t cli_command_durability = {
    .name = "durability",
    .summary = "would a settlement hold? episodes, fit, predict, show",
    .description = "How long would a settlement hold? A survival model fitted on real "
                   "recurrence data (UCDP/PRIO conflict episodes and the PA-X agreements "
                   "linked to them); docs/durability.md.",
    .output = PACTA_DOCUMENT_DURABILITY,
    .actions = actions,
};

typedef struct args {
    const char *input;
    cli_common_t common;
    pacta_episode_options_t episodes;
    pacta_durability_fit_options_t fit;
    char *covariate_storage;
    const char *covariates[PACTA_SURV_MAX_COVARIATES + 1];
    const char *model_file;
    pacta_durability_predict_options_t predict;
    double horizons[32];
} args_t;

static bool is_date(const char *s)
{
    return strlen(s) == 10 && s[4] == '-' && s[7] == '-';
}

static bool parse_flag(const char *option, const char *text, bool *out)
{
    if (strcmp(text, "yes") == 0 || strcmp(text, "true") == 0 || strcmp(text, "1") == 0) {
        *out = true;
        return true;
    }
    if (strcmp(text, "no") == 0 || strcmp(text, "false") == 0 || strcmp(text, "0") == 0) {
        *out = false;
        return true;
    }
    cli_error("%s: '%s' must be yes or no", option, text);
    return false;
}

static bool parse_horizons(args_t *a, const char *text)
{
    char *copy = strdup(text);
    if (copy == NULL)
        return false;
    size_t n = 0;
    bool ok = true;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok && ok; tok = strtok_r(NULL, ",", &save)) {
        double v;
        if (n == 32) {
            cli_error("--horizons: at most 32 horizons");
            ok = false;
        } else if (!cli_parse_double("--horizons", tok, &v)) {
            ok = false;
        } else if (!(v > 0.0) || v > 1000.0) {
            cli_error("--horizons: '%s' must be a number of years above 0 (at most 1000)", tok);
            ok = false;
        } else {
            a->horizons[n++] = v;
        }
    }
    free(copy);
    if (ok && n == 0) {
        cli_error("--horizons: give at least one number of years");
        ok = false;
    }
    if (ok) {
        a->predict.horizons = a->horizons;
        a->predict.n_horizons = n;
        /* Rank provisions at 5 years when asked for, else at the middle horizon. */
        a->predict.reference_horizon = n / 2;
        for (size_t h = 0; h < n; h++)
            if (a->horizons[h] == 5.0)
                a->predict.reference_horizon = h;
    }
    return ok;
}

static bool parse_covariates(args_t *a, const char *text)
{
    free(a->covariate_storage);
    a->covariate_storage = strdup(text);
    if (a->covariate_storage == NULL)
        return false;
    size_t n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(a->covariate_storage, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        if (n == PACTA_SURV_MAX_COVARIATES) {
            cli_error("--covariates: at most %d", PACTA_SURV_MAX_COVARIATES);
            return false;
        }
        a->covariates[n++] = tok;
    }
    a->covariates[n] = NULL;
    if (n == 0) {
        cli_error("--covariates: give at least one column name");
        return false;
    }
    a->fit.covariates = a->covariates;
    return true;
}

/* Choose @p arg from @p choices into *out (the index); false after an error naming them. */
static bool pick(const char *option, const char *arg, const char *const *choices, int *out)
{
    for (int i = 0; choices[i]; i++)
        if (strcmp(arg, choices[i]) == 0) {
            *out = i;
            return true;
        }
    char list[64];
    cli_list_words(list, sizeof list, choices, " or ");
    cli_error("%s: '%s' is not %s", option, arg, list);
    return false;
}

static int on_option(void *context, int id, char *arg)
{
    args_t *a = context;
    int k;
    long v;
    switch (id) {
    case OPT_UCDP:
        a->episodes.ucdp = arg;
        return EXIT_OK;
    case OPT_PAX:
        a->episodes.pax = arg;
        return EXIT_OK;
    case OPT_COW:
        a->episodes.cow = arg;
        return EXIT_OK;
    case OPT_FROM:
    case OPT_TO:
    case OPT_CENSOR:
    case OPT_CREATED: {
        const char *name = id == OPT_FROM     ? "--from"
                           : id == OPT_TO     ? "--to"
                           : id == OPT_CENSOR ? "--censor"
                                              : "--created";
        if (!is_date(arg)) {
            cli_error("%s: '%s' is not a date YYYY-MM-DD", name, arg);
            return EXIT_USAGE;
        }
        const char **field = id == OPT_FROM     ? &a->episodes.from
                             : id == OPT_TO     ? &a->episodes.to
                             : id == OPT_CENSOR ? &a->episodes.censor
                                                : &a->fit.created;
        *field = arg;
        return EXIT_OK;
    }
    case OPT_WINDOW:
        return cli_parse_long("--window", arg, 0, 36500, &a->episodes.window_days) ? EXIT_OK
                                                                                   : EXIT_USAGE;
    case OPT_MODEL:
        if (!pick("--model", arg, families, &k))
            return EXIT_USAGE;
        a->fit.survival.family = k == 0 ? PACTA_SURV_COX : PACTA_SURV_WEIBULL;
        return EXIT_OK;
    case OPT_TIES:
        if (!pick("--ties", arg, ties, &k))
            return EXIT_USAGE;
        a->fit.survival.ties = k == 0 ? PACTA_SURV_TIES_EFRON : PACTA_SURV_TIES_BRESLOW;
        return EXIT_OK;
    case OPT_COVARIATES:
        return parse_covariates(a, arg) ? EXIT_OK : EXIT_USAGE;
    case OPT_MODEL_FILE:
        a->model_file = arg;
        return EXIT_OK;
    case OPT_HORIZONS:
        return parse_horizons(a, arg) ? EXIT_OK : EXIT_USAGE;
    case OPT_DRAWS:
        if (!cli_parse_long("--draws", arg, 100, 1000000, &v))
            return EXIT_USAGE;
        a->predict.draws.draws = (size_t)v;
        return EXIT_OK;
    case OPT_LEVEL: {
        double x;
        if (!cli_parse_double("--level", arg, &x))
            return EXIT_USAGE;
        if (!(x >= 0.5 && x <= 0.999)) {
            cli_error("--level: '%s' must be from 0.5 to 0.999", arg);
            return EXIT_USAGE;
        }
        a->predict.draws.level = x;
        return EXIT_OK;
    }
    case OPT_PROPOSAL:
        a->predict.proposal = arg;
        return EXIT_OK;
    case OPT_INTERSTATE:
        if (!parse_flag("--interstate", arg, &a->predict.facts.interstate))
            return EXIT_USAGE;
        a->predict.facts.has_interstate = true;
        return EXIT_OK;
    case OPT_MAJOR_WAR:
        if (!parse_flag("--major-war", arg, &a->predict.facts.major_war))
            return EXIT_USAGE;
        a->predict.facts.has_major_war = true;
        return EXIT_OK;
    case OPT_WAR_YEARS:
        if (!cli_parse_double("--war-years", arg, &a->predict.facts.war_years))
            return EXIT_USAGE;
        if (!(a->predict.facts.war_years >= 0.0 && a->predict.facts.war_years <= 200.0)) {
            cli_error("--war-years: '%s' must be from 0 to 200", arg);
            return EXIT_USAGE;
        }
        a->predict.facts.has_war_years = true;
        return EXIT_OK;
    default:
        return CLI_NOT_MINE;
    }
}

/* ---- episodes ----------------------------------------------------------------------------- */

static int run_episodes(const args_t *a, pacta_diag_t *diag)
{
    pacta_episodes_t *e = NULL;
    pacta_status st = pacta_episodes_build(&e, &a->episodes, diag);
    size_t errors = cli_print_diagnostics(diag);
    if (st != PACTA_OK) {
        if (st == PACTA_EINPUT)
            cli_error("%zu error%s in the data; no episode table was written", errors,
                      errors == 1 ? "" : "s");
        else if (st == PACTA_EINVAL)
            cli_error("durability episodes: invalid dates in the options");
        return st == PACTA_EIO ? EXIT_BAD_INPUT : cli_exit_code(st);
    }
    cli_output_t out;
    int code = EXIT_IO;
    if (cli_output_open(&out, a->common.output))
        code = cli_output_finish(&out, pacta_episodes_write_csv(e, out.stream));
    pacta_episodes_destroy(e);
    return code;
}

/* ---- fit ---------------------------------------------------------------------------------- */

static int run_fit(args_t *a, pacta_diag_t *diag)
{
    pacta_episodes_t *e = NULL;
    pacta_durability_model_t *m = NULL;
    pacta_status st = pacta_episodes_load(&e, a->input, diag);
    if (st == PACTA_OK) {
        const char *slash = strrchr(a->input, '/');
        a->fit.episodes_name = slash ? slash + 1 : a->input;
        st = pacta_durability_fit(&m, e, &a->fit, diag);
    }
    size_t errors = cli_print_diagnostics(diag);
    pacta_episodes_destroy(e);
    if (st != PACTA_OK) {
        if (st == PACTA_EINPUT)
            cli_error("%s: %zu error%s; nothing was fitted", a->input, errors,
                      errors == 1 ? "" : "s");
        else if (st == PACTA_EINVAL)
            cli_error("durability fit: unsupported covariates");
        return st == PACTA_EIO ? EXIT_BAD_INPUT : cli_exit_code(st);
    }
    cli_output_t out;
    int code = EXIT_IO;
    bool to_file = false; /* not standard output or a descriptor: the summary can go there */
    if (cli_output_open(&out, a->common.output)) {
        to_file = out.temp_path != NULL;
        code = cli_output_finish(&out, pacta_durability_model_write_yaml(m, out.stream));
    }
    if (code == EXIT_OK && to_file) {
        cli_print_durability_model(stdout, m, 0.95);
        printf("Written to %s\n", a->common.output);
    }
    pacta_durability_model_destroy(m);
    return code;
}

/* ---- predict ------------------------------------------------------------------------------ */

static int run_predict(args_t *a, pacta_diag_t *diag)
{
    pacta_scenario_t *s = NULL;
    pacta_durability_model_t *m = NULL;
    pacta_durability_report_t *rep = NULL;
    int code = cli_load_durability_model(a->model_file, &m, diag);
    if (code != EXIT_OK)
        return code;
    code = cli_load(a->input, PACTA_FORMAT_AUTO, NULL, &s);
    if (code != EXIT_OK)
        goto cleanup;
    pacta_status st = pacta_durability_predict(&rep, m, s, &a->predict, diag);
    size_t errors = cli_print_diagnostics(diag);
    if (st != PACTA_OK) {
        if (st == PACTA_EINPUT)
            cli_error("%s: %zu error%s; nothing was predicted", a->input, errors,
                      errors == 1 ? "" : "s");
        code = cli_exit_code(st);
        goto cleanup;
    }
    cli_output_t out;
    if (!cli_output_open(&out, a->common.output)) {
        code = EXIT_IO;
        goto cleanup;
    }
    st = PACTA_OK;
    pacta_format format = cli_common_format(&a->common, &durability_predict);
    if (format == PACTA_FORMAT_TEXT)
        cli_print_durability_report(out.stream, rep, s, &a->predict);
    else
        st = pacta_durability_write(rep, s, format, out.stream);
    code = cli_output_finish(&out, st);
cleanup:
    pacta_durability_report_destroy(rep);
    pacta_durability_model_destroy(m);
    pacta_scenario_destroy(s);
    return code;
}

static int run_show(const args_t *a, pacta_diag_t *diag)
{
    pacta_durability_model_t *m = NULL;
    int code = cli_load_durability_model(a->model_file, &m, diag);
    if (code != EXIT_OK)
        return code;
    cli_output_t out;
    if (!cli_output_open(&out, a->common.output)) {
        pacta_durability_model_destroy(m);
        return EXIT_IO;
    }
    cli_print_durability_model(out.stream, m, 0.95);
    for (size_t i = 0; i < m->n_provenance; i++)
        fprintf(out.stream, "%s%s\n", i ? "  " : "\nProvenance of the episode table:\n  ",
                m->provenance[i]);
    if (!cli_output_close(&out, true))
        code = EXIT_IO;
    pacta_durability_model_destroy(m);
    return code;
}

static int run(const cli_command_t *command, int argc, char **argv)
{
    args_t a;
    memset(&a, 0, sizeof a);
    cli_common_init(&a.common);
    pacta_episode_options_default(&a.episodes);
    pacta_durability_fit_options_default(&a.fit);
    pacta_durability_predict_options_default(&a.predict);
    pacta_diag_t *diag = NULL;
    int first, code = cli_parse(command, argc, argv, &a.common, on_option, &a, &first);
    if (code != EXIT_OK)
        goto cleanup;
    if (a.common.seed_given)
        a.predict.draws.seed = a.common.seed;
    bool wants_input = command == &durability_fit || command == &durability_predict;
    if (argc - first != (wants_input ? 1 : 0)) {
        code = wants_input
                   ? cli_usage_error(command, "give exactly one %s",
                                     command == &durability_fit ? "episode table" : "scenario file")
                   : cli_usage_error(command, "unexpected argument '%s'", argv[first]);
        goto cleanup;
    }
    if (wants_input)
        a.input = argv[first];
    if (command == &durability_episodes && (a.episodes.ucdp == NULL || a.episodes.pax == NULL)) {
        code = cli_usage_error(command, "--ucdp and --pax are required");
        goto cleanup;
    }
    if (pacta_diag_create(&diag) != PACTA_OK) {
        code = cli_out_of_memory();
        goto cleanup;
    }
    if (command == &durability_episodes)
        code = run_episodes(&a, diag);
    else if (command == &durability_fit)
        code = run_fit(&a, diag);
    else if (command == &durability_predict)
        code = run_predict(&a, diag);
    else
        code = run_show(&a, diag);

cleanup:
    pacta_diag_destroy(diag);
    free(a.covariate_storage);
    cli_common_destroy(&a.common);
    return code == CLI_HELP_SHOWN ? EXIT_OK : code;
}
