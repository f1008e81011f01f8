/* pacta durability episodes|fit|predict|show: would a settlement hold? (docs/durability.md) */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void usage_durability(FILE *f)
{
    fputs("Usage: pacta durability episodes --ucdp FILE --pax FILE [--cow FILE] [options]\n"
          "       pacta durability fit EPISODES.csv [--model cox|weibull] [options]\n"
          "       pacta durability predict SCENARIO [options]\n"
          "       pacta durability show [--model-file FILE]\n"
          "\n"
          "How long would a settlement hold? A survival model fitted on real recurrence\n"
          "data (UCDP/PRIO conflict episodes and the PA-X agreements linked to them).\n"
          "\n"
          "episodes: build the peace-episode table (CSV) from the data files.\n"
          "  --ucdp FILE            UCDP/PRIO Armed Conflict Dataset, CSV (required)\n"
          "  --pax FILE             PA-X peace agreements, CSV (required)\n"
          "  --cow FILE             COW inter-state war data (dyadic), CSV: adds cow_war and\n"
          "                         cow_battle_deaths columns\n"
          "  --from DATE, --to DATE keep peace episodes starting in this window\n"
          "                         (default: where PA-X covers the agreement window)\n"
          "  --window DAYS          link agreements this close to the peace start (365)\n"
          "  --censor DATE          end of observation (default: 31 Dec of the last UCDP year)\n"
          "\n"
          "fit: fit a model on an episode table and write it as YAML.\n"
          "  -m, --model NAME       cox (default) or weibull\n"
          "      --ties NAME        efron (default) or breslow (Cox)\n"
          "      --covariates LIST  comma-separated columns (default: the shipped model's)\n"
          "      --created DATE     date recorded in the provenance (default: today)\n"
          "\n"
          "predict: each proposal's probability of holding, median duration, and the\n"
          "provisions that move it most.\n"
          "      --model-file FILE  a fitted model (default: the shipped one)\n"
          "      --horizons LIST    years, comma-separated (default 1,5,10)\n"
          "      --draws N          parameter draws for the intervals (default 4000)\n"
          "      --seed N           seed of the generator (default 1)\n"
          "      --level X          interval coverage (default 0.95)\n"
          "      --proposal ID      only this proposal\n"
          "      --interstate yes|no, --major-war yes|no, --war-years X\n"
          "                         war-level facts (override the scenario's durability: block)\n"
          "  -f, --format FORMAT    text (default) or json\n"
          "\n"
          "Common: -o, --output FILE (write there instead of standard output), -h, --help.\n"
          "Exit status: 0 ok, 1 failure, 2 usage, 3 bad input, 4 numerical failure, 5 I/O.\n",
          f);
}

enum {
    OPT_UCDP = 256,
    OPT_PAX,
    OPT_COW,
    OPT_FROM,
    OPT_TO,
    OPT_WINDOW,
    OPT_CENSOR,
    OPT_TIES,
    OPT_COVARIATES,
    OPT_CREATED,
    OPT_MODEL_FILE,
    OPT_HORIZONS,
    OPT_DRAWS,
    OPT_SEED,
    OPT_LEVEL,
    OPT_PROPOSAL,
    OPT_INTERSTATE,
    OPT_MAJOR_WAR,
    OPT_WAR_YEARS
};

static const struct option long_options[] = {
    {"ucdp", required_argument, NULL, OPT_UCDP},
    {"pax", required_argument, NULL, OPT_PAX},
    {"cow", required_argument, NULL, OPT_COW},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"window", required_argument, NULL, OPT_WINDOW},
    {"censor", required_argument, NULL, OPT_CENSOR},
    {"model", required_argument, NULL, 'm'},
    {"ties", required_argument, NULL, OPT_TIES},
    {"covariates", required_argument, NULL, OPT_COVARIATES},
    {"created", required_argument, NULL, OPT_CREATED},
    {"model-file", required_argument, NULL, OPT_MODEL_FILE},
    {"horizons", required_argument, NULL, OPT_HORIZONS},
    {"draws", required_argument, NULL, OPT_DRAWS},
    {"seed", required_argument, NULL, OPT_SEED},
    {"level", required_argument, NULL, OPT_LEVEL},
    {"proposal", required_argument, NULL, OPT_PROPOSAL},
    {"interstate", required_argument, NULL, OPT_INTERSTATE},
    {"major-war", required_argument, NULL, OPT_MAJOR_WAR},
    {"war-years", required_argument, NULL, OPT_WAR_YEARS},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

typedef struct args {
    const char *action;
    const char *input;
    const char *output;
    const char *format;
    pacta_episode_options_t episodes;
    pacta_durability_fit_options_t fit;
    char *covariate_storage;
    const char *covariates[PACTA_SURV_MAX_COVARIATES + 1];
    const char *model_file;
    pacta_durability_predict_options_t predict;
    double horizons[32];
    /* Which options were given, to reject those that do not belong to the action. */
    bool episode_option, fit_option, predict_option;
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

/* Parse options; returns EXIT_OK, EXIT_USAGE, or -1 after --help. */
static int parse_args(args_t *a, int argc, char **argv)
{
    cli_reset_getopt();
    int c;
    while ((c = getopt_long(argc, argv, "m:f:o:h", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_UCDP:
            a->episodes.ucdp = optarg;
            a->episode_option = true;
            break;
        case OPT_PAX:
            a->episodes.pax = optarg;
            a->episode_option = true;
            break;
        case OPT_COW:
            a->episodes.cow = optarg;
            a->episode_option = true;
            break;
        case OPT_FROM:
        case OPT_TO:
        case OPT_CENSOR: {
            const char *name = c == OPT_FROM ? "--from" : c == OPT_TO ? "--to" : "--censor";
            if (!is_date(optarg)) {
                cli_error("%s: '%s' is not a date YYYY-MM-DD", name, optarg);
                return EXIT_USAGE;
            }
            if (c == OPT_FROM)
                a->episodes.from = optarg;
            else if (c == OPT_TO)
                a->episodes.to = optarg;
            else
                a->episodes.censor = optarg;
            a->episode_option = true;
            break;
        }
        case OPT_WINDOW:
            if (!cli_parse_long("--window", optarg, 0, 36500, &a->episodes.window_days))
                return EXIT_USAGE;
            a->episode_option = true;
            break;
        case 'm':
            if (strcmp(optarg, "cox") == 0)
                a->fit.survival.family = PACTA_SURV_COX;
            else if (strcmp(optarg, "weibull") == 0)
                a->fit.survival.family = PACTA_SURV_WEIBULL;
            else {
                cli_error("--model: '%s' is not cox or weibull", optarg);
                return EXIT_USAGE;
            }
            a->fit_option = true;
            break;
        case OPT_TIES:
            if (strcmp(optarg, "efron") == 0)
                a->fit.survival.ties = PACTA_SURV_TIES_EFRON;
            else if (strcmp(optarg, "breslow") == 0)
                a->fit.survival.ties = PACTA_SURV_TIES_BRESLOW;
            else {
                cli_error("--ties: '%s' is not efron or breslow", optarg);
                return EXIT_USAGE;
            }
            a->fit_option = true;
            break;
        case OPT_COVARIATES:
            if (!parse_covariates(a, optarg))
                return EXIT_USAGE;
            a->fit_option = true;
            break;
        case OPT_CREATED:
            if (!is_date(optarg)) {
                cli_error("--created: '%s' is not a date YYYY-MM-DD", optarg);
                return EXIT_USAGE;
            }
            a->fit.created = optarg;
            a->fit_option = true;
            break;
        case OPT_MODEL_FILE:
            a->model_file = optarg;
            break;
        case OPT_HORIZONS:
            if (!parse_horizons(a, optarg))
                return EXIT_USAGE;
            a->predict_option = true;
            break;
        case OPT_DRAWS: {
            long v;
            if (!cli_parse_long("--draws", optarg, 100, 1000000, &v))
                return EXIT_USAGE;
            a->predict.draws.draws = (size_t)v;
            a->predict_option = true;
            break;
        }
        case OPT_SEED: {
            long v;
            if (!cli_parse_long("--seed", optarg, 0, 2147483647L, &v))
                return EXIT_USAGE;
            a->predict.draws.seed = (uint64_t)v;
            a->predict_option = true;
            break;
        }
        case OPT_LEVEL: {
            double v;
            if (!cli_parse_double("--level", optarg, &v))
                return EXIT_USAGE;
            if (!(v >= 0.5 && v <= 0.999)) {
                cli_error("--level: '%s' must be from 0.5 to 0.999", optarg);
                return EXIT_USAGE;
            }
            a->predict.draws.level = v;
            a->predict_option = true;
            break;
        }
        case OPT_PROPOSAL:
            a->predict.proposal = optarg;
            a->predict_option = true;
            break;
        case OPT_INTERSTATE:
            if (!parse_flag("--interstate", optarg, &a->predict.facts.interstate))
                return EXIT_USAGE;
            a->predict.facts.has_interstate = true;
            a->predict_option = true;
            break;
        case OPT_MAJOR_WAR:
            if (!parse_flag("--major-war", optarg, &a->predict.facts.major_war))
                return EXIT_USAGE;
            a->predict.facts.has_major_war = true;
            a->predict_option = true;
            break;
        case OPT_WAR_YEARS:
            if (!cli_parse_double("--war-years", optarg, &a->predict.facts.war_years))
                return EXIT_USAGE;
            if (!(a->predict.facts.war_years >= 0.0 && a->predict.facts.war_years <= 200.0)) {
                cli_error("--war-years: '%s' must be from 0 to 200", optarg);
                return EXIT_USAGE;
            }
            a->predict.facts.has_war_years = true;
            a->predict_option = true;
            break;
        case 'f':
            if (strcmp(optarg, "text") != 0 && strcmp(optarg, "json") != 0) {
                cli_error("--format: '%s' is not text or json", optarg);
                return EXIT_USAGE;
            }
            a->format = optarg;
            a->predict_option = true;
            break;
        case 'o':
            a->output = optarg;
            break;
        case 'h':
            usage_durability(stdout);
            return -1;
        default:
            usage_durability(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("durability: expected episodes, fit, predict or show");
        usage_durability(stderr);
        return EXIT_USAGE;
    }
    a->action = argv[optind++];
    bool episodes = strcmp(a->action, "episodes") == 0, fit = strcmp(a->action, "fit") == 0,
         predict = strcmp(a->action, "predict") == 0, show = strcmp(a->action, "show") == 0;
    if (!episodes && !fit && !predict && !show) {
        cli_error("durability: unknown action '%s' (episodes, fit, predict or show)", a->action);
        return EXIT_USAGE;
    }
    size_t wanted = fit || predict ? 1 : 0;
    if ((size_t)(argc - optind) != wanted) {
        if (wanted)
            cli_error("durability %s: give exactly one %s", a->action,
                      fit ? "episode table" : "scenario file");
        else
            cli_error("durability %s: unexpected argument '%s'", a->action, argv[optind]);
        return EXIT_USAGE;
    }
    if (wanted)
        a->input = argv[optind];
    if ((a->episode_option && !episodes) || (a->fit_option && !fit) ||
        (a->predict_option && !predict) || (a->model_file && !(predict || show))) {
        cli_error("durability %s: an option given belongs to another action (see "
                  "pacta help durability)",
                  a->action);
        return EXIT_USAGE;
    }
    if (episodes && (a->episodes.ucdp == NULL || a->episodes.pax == NULL)) {
        cli_error("durability episodes: --ucdp and --pax are required");
        return EXIT_USAGE;
    }
    return EXIT_OK;
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
    if (cli_output_open(&out, a->output))
        code = cli_output_finish(&out, pacta_episodes_write_csv(e, out.stream));
    pacta_episodes_destroy(e);
    return code;
}

/* ---- model summaries ---------------------------------------------------------------------- */

static void print_model(FILE *f, const pacta_durability_model_t *dm, double level)
{
    const pacta_surv_model_t *m = dm->fit;
    bool weibull = m->family == PACTA_SURV_WEIBULL;
    fprintf(f, "Model: %s, fitted %s by pacta %s on %zu peace episodes (%zu recurrences)\n",
            weibull ? "Weibull proportional hazards"
            : m->ties == PACTA_SURV_TIES_BRESLOW
                ? "Cox proportional hazards (Breslow ties), Breslow baseline"
                : "Cox proportional hazards (Efron ties), Breslow baseline",
            dm->created, dm->pacta_version, m->n, m->events);
    fprintf(f, "Episode rule: %s (docs/durability.md)\n", dm->episode_rule);
    for (size_t i = 0; i < dm->n_provenance; i++)
        if (strncmp(dm->provenance[i], "ucdp:", 5) == 0 ||
            strncmp(dm->provenance[i], "pax:", 4) == 0 ||
            strncmp(dm->provenance[i], "cow:", 4) == 0 ||
            strncmp(dm->provenance[i], "episodes:", 9) == 0)
            fprintf(f, "  %s\n", dm->provenance[i]);
    fprintf(f, "Log-likelihood %.3f (covariates) vs %.3f (%s); %d iterations\n", m->loglik,
            m->loglik_null, weibull ? "intercept and shape only" : "beta = 0", m->iterations);
    double z = pacta_normal_quantile(0.5 + 0.5 * level);
    fprintf(f, "\n%-22s %9s %8s %8s  %-19s %s\n", "covariate", "beta", "se", "HR", "HR interval",
            "episodes with it");
    for (size_t j = 0; j < m->p; j++) {
        char ci[40];
        snprintf(ci, sizeof ci, "[%.2f, %.2f]", exp(m->beta[j] - z * m->se[j]),
                 exp(m->beta[j] + z * m->se[j]));
        bool binary = m->x_min[j] == 0.0 && m->x_max[j] == 1.0;
        char support[40] = "";
        if (binary)
            snprintf(support, sizeof support, "%zu", m->x_nonzero[j]);
        else
            snprintf(support, sizeof support, "range %.2g to %.2g", m->x_min[j], m->x_max[j]);
        fprintf(f, "%-22s %9.4f %8.4f %8.3f  %-19s %s\n", m->names[j], m->beta[j], m->se[j],
                exp(m->beta[j]), ci, support);
    }
    if (weibull)
        fprintf(f, "%-22s %9.4f %8.4f\n%-22s %9.4f %8.4f  (%s hazard)\n", "intercept (beta_0)",
                m->intercept, m->intercept_se, "shape (rho)", m->shape, m->shape_se,
                m->shape < 1.0 ? "falling" : "rising");
    fprintf(f,
            "HR < 1 means the provision or condition goes with longer peace; intervals %.0f%%.\n",
            100.0 * level);
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
    if (cli_output_open(&out, a->output)) {
        to_file = out.temp_path != NULL;
        code = cli_output_finish(&out, pacta_durability_model_write_yaml(m, out.stream));
    }
    if (code == EXIT_OK && to_file) {
        print_model(stdout, m, 0.95);
        printf("Written to %s\n", a->output);
    }
    pacta_durability_model_destroy(m);
    return code;
}

/* ---- predict ------------------------------------------------------------------------------ */

static const char *fact_origin(const pacta_durability_result_t *r, size_t j)
{
    return r->origin[j] == PACTA_ORIGIN_OPTION ? "command line" : "scenario";
}

/* Print text in a column of width characters (UTF-8 code points), cut with "..." when too
 * long, never inside a character. */
static void put_column(FILE *f, const char *text, size_t width)
{
    size_t chars = 0, len = strlen(text);
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)text[i] & 0xC0) != 0x80;
    if (chars <= width) {
        fputs(text, f);
        for (size_t i = chars; i < width; i++)
            fputc(' ', f);
        return;
    }
    size_t keep = width - 3, seen = 0, i = 0;
    for (; i < len; i++) {
        if (((unsigned char)text[i] & 0xC0) != 0x80) {
            if (seen == keep)
                break;
            seen++;
        }
    }
    fwrite(text, 1, i, f);
    fputs("...", f);
}

/* "0.55 [0.30, 0.75]" */
static void format_probability(char *buf, size_t size, double s, double lo, double hi)
{
    snprintf(buf, size, "%.2f [%.2f, %.2f]", s, lo, hi);
}

static void format_years(char *buf, size_t size, double v, double max_time)
{
    if (isinf(v))
        snprintf(buf, size, ">%.0f", max_time);
    else
        snprintf(buf, size, "%.1f", v);
}

static void print_report(FILE *f, const pacta_durability_report_t *rep, const pacta_scenario_t *s,
                         const args_t *a)
{
    const pacta_durability_model_t *dm = rep->model;
    const pacta_surv_model_t *m = dm->fit;
    fprintf(f, "Would it hold? Durability of the proposals in \"%s\"\n\n", s->title);
    print_model(f, dm, rep->level);
    if (rep->n_results == 0) {
        fputs("\nThe scenario has no proposals.\n", f);
        return;
    }
    /* War-level facts, the same for every proposal. */
    const pacta_durability_result_t *r0 = &rep->results[0];
    fputs("\nWar:", f);
    for (size_t j = 0; j < m->p; j++) {
        if (r0->origin[j] != PACTA_ORIGIN_DECLARED && r0->origin[j] != PACTA_ORIGIN_OPTION)
            continue;
        if (strcmp(m->names[j], "interstate") == 0)
            fprintf(f, " %s (%s);", r0->x[j] ? "between states" : "within a state",
                    fact_origin(r0, j));
        else if (strcmp(m->names[j], "major_war") == 0)
            fprintf(f, " %s (%s);", r0->x[j] ? "1,000+ battle deaths a year" : "minor",
                    fact_origin(r0, j));
        else if (strcmp(m->names[j], "log_war_years") == 0)
            fprintf(f, " %.2f years of fighting (%s);", expm1(r0->x[j]), fact_origin(r0, j));
        else if (strcmp(m->names[j], "war_years") == 0)
            fprintf(f, " %.2f years of fighting (%s);", r0->x[j], fact_origin(r0, j));
    }
    fprintf(f,
            " every proposal counts as an agreement.\nIntervals: %.0f%%, from %zu draws "
            "of the parameters (seed %llu).\n",
            100.0 * rep->level, a->predict.draws.draws, (unsigned long long)a->predict.draws.seed);

    /* The table. */
    const pacta_surv_prediction_t *p0 = &r0->prediction;
    fprintf(f, "\nProbability that the peace holds (%.0f%% interval), and the median duration\n\n",
            100.0 * rep->level);
    fprintf(f, "%-34s", "proposal");
    for (size_t h = 0; h < p0->n_horizons; h++) {
        char head[32];
        snprintf(head, sizeof head, "%g year%s", p0->horizon[h], p0->horizon[h] == 1 ? "" : "s");
        fprintf(f, "  %-18s", head);
    }
    fputs("  median, years\n", f);
    for (size_t i = 0; i < rep->n_results; i++) {
        const pacta_durability_result_t *r = &rep->results[i];
        char label[256];
        snprintf(label, sizeof label, "%s %s", r->proposal, r->name ? r->name : "");
        put_column(f, label, 34);
        for (size_t h = 0; h < r->prediction.n_horizons; h++) {
            char cell[48];
            format_probability(cell, sizeof cell, r->prediction.survival[h], r->prediction.lower[h],
                               r->prediction.upper[h]);
            fprintf(f, "  %-18s", cell);
        }
        char med[24], lo[24], hi[24];
        format_years(med, sizeof med, r->prediction.median, m->max_time);
        format_years(lo, sizeof lo, r->prediction.median_lower, m->max_time);
        format_years(hi, sizeof hi, r->prediction.median_upper, m->max_time);
        fprintf(f, "  %s [%s, %s]\n", med, lo, hi);
    }

    /* Warnings every proposal shares are printed once, after the proposals. */
    size_t n_common = 0;
    const char *common[64];
    for (size_t k = 0; k < r0->n_warnings && n_common < 64; k++) {
        bool everywhere = true;
        for (size_t i = 1; i < rep->n_results && everywhere; i++) {
            bool found = false;
            for (size_t q = 0; q < rep->results[i].n_warnings; q++)
                found |= strcmp(rep->results[i].warnings[q], r0->warnings[k]) == 0;
            everywhere = found;
        }
        if (everywhere && rep->n_results > 1)
            common[n_common++] = r0->warnings[k];
    }

    /* Per proposal: provisions, what moves it, warnings. */
    double ref = p0->horizon[rep->reference_horizon];
    for (size_t i = 0; i < rep->n_results; i++) {
        const pacta_durability_result_t *r = &rep->results[i];
        fprintf(f, "\n%s %s\n", r->proposal, r->name ? r->name : "");
        fputs("  provisions:", f);
        size_t shown = 0;
        for (size_t j = 0; j < m->p; j++)
            if (r->origin[j] == PACTA_ORIGIN_DECLARED && r->n_effects > 0) {
                bool provision = false;
                for (size_t k = 0; k < r->n_effects; k++)
                    provision |= r->effects[k].covariate == j;
                if (provision) {
                    fprintf(f, "%s %s %s", shown ? "," : "", m->names[j], r->x[j] ? "yes" : "no");
                    shown++;
                }
            }
        if (shown == 0)
            fputs(" none declared", f);
        fputc('\n', f);
        size_t assumed = 0;
        for (size_t j = 0; j < m->p; j++)
            if (r->origin[j] == PACTA_ORIGIN_ASSUMED)
                fprintf(f, "%s %s",
                        assumed++ ? "," : "  not declared, taken as absent:", m->names[j]);
        if (assumed)
            fputc('\n', f);
        if (r->n_ignored > 0) {
            fputs("  declared but not in the model (no data on them):", f);
            for (size_t k = 0; k < r->n_ignored; k++)
                fprintf(f, "%s %s", k ? "," : "", r->ignored[k]);
            fputc('\n', f);
        }
        if (r->n_effects > 0) {
            fprintf(f,
                    "  what moves P(holds %g year%s) most, from %.2f as proposed (hazard ratio, "
                    "%.0f%% interval):\n",
                    ref, ref == 1.0 ? "" : "s", r->effects[0].survival, 100.0 * rep->level);
            for (size_t k = 0; k < r->n_effects; k++) {
                const pacta_durability_effect_t *e = &r->effects[k];
                fprintf(f, "    %-22s %-7s %.2f -> %.2f   HR %.2f [%.2f, %.2f]\n",
                        m->names[e->covariate], e->value != 0.0 ? "without" : "with", e->survival,
                        e->toggled, e->hazard_ratio, e->hr_lower, e->hr_upper);
            }
        }
        for (size_t k = 0; k < r->n_warnings; k++) {
            bool shared = false;
            for (size_t q = 0; q < n_common; q++)
                shared |= strcmp(common[q], r->warnings[k]) == 0;
            if (!shared)
                fprintf(f, "  warning: %s\n", r->warnings[k]);
        }
    }
    if (n_common > 0) {
        fputs("\nWarnings for every proposal:\n", f);
        for (size_t q = 0; q < n_common; q++)
            fprintf(f, "  warning: %s\n", common[q]);
    }
    fputs("\nRead with care: the data are mostly civil conflicts since 1991; agreements are\n"
          "not randomly assigned (selection into agreements); Lo, Hashimoto & Reiter (2008)\n"
          "find that the strength of a ceasefire agreement barely matters, and Werner & Yuen\n"
          "(2005) that ceasefires imposed by third parties fail more often, which the data here\n"
          "cannot measure. See docs/durability.md, \"What the data can and cannot support\".\n",
          f);
}

static int run_predict(args_t *a, pacta_diag_t *diag)
{
    pacta_scenario_t *s = NULL;
    pacta_durability_model_t *m = NULL;
    pacta_durability_report_t *rep = NULL;
    cli_input_t input;
    cli_input_init(&input);
    int code = cli_load_durability_model(a->model_file, &m, diag);
    if (code != EXIT_OK)
        return code;
    code = cli_load(a->input, &input, &s);
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
    if (!cli_output_open(&out, a->output)) {
        code = EXIT_IO;
        goto cleanup;
    }
    st = PACTA_OK;
    if (a->format != NULL && strcmp(a->format, "json") == 0)
        st = pacta_durability_write_json(rep, s, out.stream);
    else
        print_report(out.stream, rep, s, a);
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
    if (!cli_output_open(&out, a->output)) {
        pacta_durability_model_destroy(m);
        return EXIT_IO;
    }
    print_model(out.stream, m, 0.95);
    for (size_t i = 0; i < m->n_provenance; i++)
        fprintf(out.stream, "%s%s\n", i ? "  " : "\nProvenance of the episode table:\n  ",
                m->provenance[i]);
    if (!cli_output_close(&out, true))
        code = EXIT_IO;
    pacta_durability_model_destroy(m);
    return code;
}

int cmd_durability(int argc, char **argv)
{
    args_t a;
    memset(&a, 0, sizeof a);
    pacta_episode_options_default(&a.episodes);
    pacta_durability_fit_options_default(&a.fit);
    pacta_durability_predict_options_default(&a.predict);
    pacta_diag_t *diag = NULL;
    int code = parse_args(&a, argc, argv);
    if (code != EXIT_OK) {
        free(a.covariate_storage);
        return code < 0 ? EXIT_OK : code;
    }
    if (pacta_diag_create(&diag) != PACTA_OK) {
        cli_error("out of memory");
        free(a.covariate_storage);
        return EXIT_FAILURE_;
    }
    if (strcmp(a.action, "episodes") == 0)
        code = run_episodes(&a, diag);
    else if (strcmp(a.action, "fit") == 0)
        code = run_fit(&a, diag);
    else if (strcmp(a.action, "predict") == 0)
        code = run_predict(&a, diag);
    else
        code = run_show(&a, diag);
    pacta_diag_destroy(diag);
    free(a.covariate_storage);
    return code;
}
