/* pacta simulate FILE: Monte Carlo over the scenario's uncertain inputs. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "simulate_mpi.h"

/* Seeds stop at 2^53 so that every JSON reader, including JavaScript's, reads them exactly. */
#define SEED_MAX (UINT64_C(1) << 53)

void usage_simulate(FILE *f)
{
    fputs("Usage: pacta simulate FILE [--runs N] [options]\n"
          "       pacta simulate --resume RUN.sqlite [run options]\n"
          "\n"
          "Run the forecast models (and judge the proposals) N times with every uncertain\n"
          "input drawn afresh (docs/scenario-format.md, \"Uncertainty\"). The same seed gives\n"
          "the same output on any number of threads or MPI processes.\n"
          "\n"
          "What to simulate (stored with a run):\n"
          "  -n, --runs N              replicates (default 1000)\n"
          "      --seed S              seed of the random streams, 0 to 2^53 (default 1)\n"
          "      --block-size B        replicates per block, the unit of work and of storage\n"
          "                            (default 64; results do not depend on it)\n"
          "      --jitter SPEC         perturb every fixed number of a kind, e.g.\n"
          "                            position=5,salience=10,capability=10%\n"
          "  -m, --model NAME          as for forecast (default all); also -i, --issue ID;\n"
          "                            -r, --rounds N; -p, --profile NAME; -s, --set KEY=VALUE\n"
          "      --evaluate            judge the proposals in every replicate (the default\n"
          "      --no-evaluate         when the scenario has proposals)\n"
          "      --utility KIND        linear or quadratic (as for evaluate)\n"
          "      --reservation KIND    auto, status-quo or war (as for evaluate)\n"
          "How to run it:\n"
          "  -t, --threads T           worker threads (default: one per core)\n"
          "      --db RUN.sqlite       store the run block by block as it goes\n"
          "      --resume RUN.sqlite   continue a stored run to the same final output\n"
          "      --no-progress         no progress bar (shown only on a terminal anyway)\n"
          "  -f, --format FORMAT       text (default), json or csv\n"
          "  -o, --output FILE         write to FILE instead of standard output\n"
          "  -h, --help                show this help\n"
          "\n"
          "Ctrl-C stops cleanly: blocks under way finish, the partial result is written and\n"
          "marked partial, and the exit status is 1. Under mpirun the replicates are split\n"
          "across processes (docs/cluster.md).\n",
          f);
}

enum {
    OPT_SEED = 256,
    OPT_JITTER,
    OPT_EVALUATE,
    OPT_NO_EVALUATE,
    OPT_UTILITY,
    OPT_RESERVATION,
    OPT_DB,
    OPT_RESUME,
    OPT_NO_PROGRESS,
    OPT_BLOCK_SIZE
};

static const struct option long_options[] = {
    {"runs", required_argument, NULL, 'n'},
    {"threads", required_argument, NULL, 't'},
    {"seed", required_argument, NULL, OPT_SEED},
    {"jitter", required_argument, NULL, OPT_JITTER},
    {"model", required_argument, NULL, 'm'},
    {"issue", required_argument, NULL, 'i'},
    {"rounds", required_argument, NULL, 'r'},
    {"profile", required_argument, NULL, 'p'},
    {"set", required_argument, NULL, 's'},
    {"evaluate", no_argument, NULL, OPT_EVALUATE},
    {"no-evaluate", no_argument, NULL, OPT_NO_EVALUATE},
    {"utility", required_argument, NULL, OPT_UTILITY},
    {"reservation", required_argument, NULL, OPT_RESERVATION},
    {"db", required_argument, NULL, OPT_DB},
    {"resume", required_argument, NULL, OPT_RESUME},
    {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
    {"block-size", required_argument, NULL, OPT_BLOCK_SIZE},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

enum { MAX_ITEMS = 32 };

/* Everything the command line says. Defining options decide the numbers and are stored with
 * a run; run options only say how to compute and where to write. */
typedef struct request {
    /* defining */
    uint64_t runs;
    uint64_t seed;
    uint64_t block_size;
    const char *jitter;
    const char *models[MAX_ITEMS];
    size_t n_models;
    const char *issue;
    long rounds;
    const char *profile;
    const char *settings[MAX_ITEMS];
    size_t n_settings;
    int evaluate; /* -1: when the scenario has proposals */
    const char *utility;
    const char *reservation;
    const char *scenario;
    bool defining_seen;
    /* run */
    unsigned threads;
    const char *format;
    const char *output;
    const char *db;
    const char *resume;
    bool progress;
    bool help;
} request_t;

/* A whole number in [min, max]. */
static bool parse_u64(const char *option, const char *text, uint64_t min, uint64_t max,
                      uint64_t *out)
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

static bool add_item(const char *option, const char **list, size_t *n, const char *value)
{
    if (*n == MAX_ITEMS) {
        cli_error("%s: at most %d", option, MAX_ITEMS);
        return false;
    }
    list[(*n)++] = value;
    return true;
}

/* Parse argv into r. Returns false after printing an error. */
static bool parse(int argc, char **argv, request_t *r)
{
    cli_reset_getopt();
    int c;
    while ((c = getopt_long(argc, argv, "n:t:m:i:r:p:s:f:o:h", long_options, NULL)) != -1) {
        long v;
        bool defining = true;
        switch (c) {
        case 'n':
            if (!parse_u64("--runs", optarg, 1, UINT64_MAX / 2, &r->runs))
                return false;
            break;
        case OPT_SEED:
            if (!parse_u64("--seed", optarg, 0, SEED_MAX, &r->seed))
                return false;
            break;
        case OPT_JITTER:
            r->jitter = optarg;
            break;
        case OPT_BLOCK_SIZE:
            if (!parse_u64("--block-size", optarg, 1, 65536, &r->block_size))
                return false;
            break;
        case 'm':
            if (!add_item("--model", r->models, &r->n_models, optarg))
                return false;
            break;
        case 'i':
            r->issue = optarg;
            break;
        case 'r':
            if (!cli_parse_long("--rounds", optarg, 1, 10000, &r->rounds))
                return false;
            break;
        case 'p':
            r->profile = optarg;
            break;
        case 's':
            if (!add_item("--set", r->settings, &r->n_settings, optarg))
                return false;
            break;
        case OPT_EVALUATE:
        case OPT_NO_EVALUATE:
            r->evaluate = c == OPT_EVALUATE;
            break;
        case OPT_UTILITY:
            r->utility = optarg;
            break;
        case OPT_RESERVATION:
            r->reservation = optarg;
            break;
        default:
            defining = false;
            switch (c) {
            case 't':
                if (!cli_parse_long("--threads", optarg, 1, 1024, &v))
                    return false;
                r->threads = (unsigned)v;
                break;
            case OPT_DB:
                r->db = optarg;
                break;
            case OPT_RESUME:
                r->resume = optarg;
                break;
            case OPT_NO_PROGRESS:
                r->progress = false;
                break;
            case 'f':
                r->format = optarg;
                break;
            case 'o':
                r->output = optarg;
                break;
            case 'h':
                r->help = true;
                break;
            default:
                usage_simulate(stderr);
                return false;
            }
        }
        r->defining_seen |= defining;
    }
    if (optind < argc)
        r->scenario = argv[optind];
    if (argc - optind > 1) {
        cli_error("simulate: give exactly one scenario file");
        return false;
    }
    return true;
}

/* The defining options as an argument list, for storing with a run (and re-parsing). */
static char **defining_arguments(const request_t *r)
{
    enum { MAX = 2 * (2 * MAX_ITEMS + 12) + 1 };
    char **out = calloc(MAX, sizeof(char *));
    if (out == NULL)
        return NULL;
    size_t n = 0;
    char number[32];
#define ARG(text) (out[n++] = strdup(text))
    snprintf(number, sizeof number, "%llu", (unsigned long long)r->runs);
    ARG("--runs");
    ARG(number);
    snprintf(number, sizeof number, "%llu", (unsigned long long)r->seed);
    ARG("--seed");
    ARG(number);
    snprintf(number, sizeof number, "%llu", (unsigned long long)r->block_size);
    ARG("--block-size");
    ARG(number);
    if (r->jitter) {
        ARG("--jitter");
        ARG(r->jitter);
    }
    for (size_t i = 0; i < r->n_models; i++) {
        ARG("--model");
        ARG(r->models[i]);
    }
    if (r->issue) {
        ARG("--issue");
        ARG(r->issue);
    }
    if (r->rounds > 0) {
        snprintf(number, sizeof number, "%ld", r->rounds);
        ARG("--rounds");
        ARG(number);
    }
    if (r->profile) {
        ARG("--profile");
        ARG(r->profile);
    }
    for (size_t i = 0; i < r->n_settings; i++) {
        ARG("--set");
        ARG(r->settings[i]);
    }
    if (r->evaluate >= 0)
        ARG(r->evaluate ? "--evaluate" : "--no-evaluate");
    if (r->utility) {
        ARG("--utility");
        ARG(r->utility);
    }
    if (r->reservation) {
        ARG("--reservation");
        ARG(r->reservation);
    }
#undef ARG
    for (size_t i = 0; i < n; i++)
        if (out[i] == NULL) {
            for (size_t k = 0; k < n; k++)
                free(out[k]);
            free(out);
            return NULL;
        }
    return out;
}

static void free_arguments(char **args)
{
    for (size_t i = 0; args && args[i]; i++)
        free(args[i]);
    free(args);
}

/* Turn the defining options into library options; strings stay owned by the request. */
static bool build_options(const request_t *r, const pacta_scenario_t *s,
                          pacta_settings_t *settings, pacta_jitter_t *jitter,
                          char **model_copy, const char **names, pacta_simulate_options_t *o)
{
    pacta_simulate_options_default(o);
    o->runs = r->runs;
    o->seed = r->seed;
    o->block_size = (uint32_t)r->block_size;
    o->threads = r->threads;
    if (r->jitter != NULL) {
        char error[256];
        long n = pacta_jitter_parse(r->jitter, jitter, 16, error, sizeof error);
        if (n < 0) {
            cli_error("--jitter: %s", error);
            return false;
        }
        o->jitter = jitter;
        o->n_jitter = (size_t)n;
    }
    /* Models may be comma-separated; "all" (or none) means every model. */
    size_t n_names = 0;
    bool all = r->n_models == 0;
    for (size_t i = 0; i < r->n_models; i++) {
        model_copy[i] = strdup(r->models[i]);
        if (model_copy[i] == NULL)
            return false;
        for (char *t = strtok(model_copy[i], ","); t; t = strtok(NULL, ",")) {
            if (strcmp(t, "all") == 0)
                all = true;
            else if (pacta_model_find(t) == NULL) {
                cli_error("--model: unknown model '%s'", t);
                return false;
            } else if (n_names < MAX_ITEMS)
                names[n_names++] = t;
        }
    }
    if (!all) {
        o->forecast.models = names;
        o->forecast.n_models = n_names;
    }
    o->forecast.issue = r->issue;
    o->forecast.rounds = r->rounds;
    o->forecast.profile = r->profile;
    for (size_t i = 0; i < r->n_settings; i++)
        if (pacta_settings_parse(settings, r->settings[i]) != PACTA_OK) {
            cli_error("--set: '%s' must be KEY=VALUE", r->settings[i]);
            return false;
        }
    o->forecast.settings = settings;
    o->evaluate = r->evaluate < 0 ? s->n_proposals > 0 : r->evaluate == 1;
    if (r->utility != NULL) {
        if (strcmp(r->utility, "linear") == 0)
            o->evaluation.utility = PACTA_UTILITY_LINEAR;
        else if (strcmp(r->utility, "quadratic") == 0)
            o->evaluation.utility = PACTA_UTILITY_QUADRATIC;
        else {
            cli_error("--utility: '%s' is not linear or quadratic", r->utility);
            return false;
        }
    }
    if (r->reservation != NULL) {
        if (strcmp(r->reservation, "auto") == 0)
            o->evaluation.reservation = PACTA_RESERVATION_AUTO;
        else if (strcmp(r->reservation, "status-quo") == 0)
            o->evaluation.reservation = PACTA_RESERVATION_STATUS_QUO;
        else if (strcmp(r->reservation, "war") == 0)
            o->evaluation.reservation = PACTA_RESERVATION_WAR;
        else {
            cli_error("--reservation: '%s' is not auto, status-quo or war", r->reservation);
            return false;
        }
    }
    return true;
}

/* ---- progress and interruption --------------------------------------------------------- */

/* The simulation SIGINT stops. Set before the handler is installed and before the worker
 * threads start (so any thread that takes the signal sees it); pacta_simulation_stop is
 * async-signal-safe. */
static pacta_simulation_t *volatile interruptible;

static void on_interrupt(int signal_number)
{
    (void)signal_number;
    pacta_simulation_stop(interruptible);
}

typedef struct progress {
    struct timespec start;
    bool shown;
} progress_t;

/* A one-line bar on stderr: "[#####.....]  45%  45000/100000  8.2k runs/s  ETA 0:07". */
static void show_progress(void *user, uint64_t done, uint64_t total)
{
    progress_t *p = user;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double elapsed = (double)(now.tv_sec - p->start.tv_sec) +
                     1e-9 * (double)(now.tv_nsec - p->start.tv_nsec);
    double rate = elapsed > 0 ? (double)done / elapsed : 0;
    double fraction = total ? (double)done / (double)total : 1;
    char bar[31];
    int filled = (int)(fraction * 30);
    for (int i = 0; i < 30; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[30] = '\0';
    long eta = rate > 0 ? (long)((double)(total - done) / rate) : 0;
    fprintf(stderr, "\r[%s] %3d%%  %llu/%llu  %.1fk runs/s  ETA %ld:%02ld ", bar,
            (int)(fraction * 100), (unsigned long long)done, (unsigned long long)total,
            rate / 1000, eta / 60, eta % 60);
    p->shown = true;
}

/* ---- the command --------------------------------------------------------------------- */

int cmd_simulate(int argc, char **argv)
{
    int code = EXIT_OK;
    request_t r;
    memset(&r, 0, sizeof r);
    r.runs = 1000;
    r.seed = 1;
    r.block_size = 64;
    r.evaluate = -1;
    r.format = "text";
    r.progress = true;
    request_t stored;
    char **stored_argv = NULL;
    char **defining = NULL;
    char *model_copy[MAX_ITEMS] = {NULL};
    const char *model_names[MAX_ITEMS];
    pacta_jitter_t jitter[16];
    pacta_settings_t *settings = NULL;
    pacta_scenario_t *scenario = NULL;
    pacta_simulation_t *sim = NULL;
    pacta_sim_store_t *store = NULL;
    pacta_diag_t *diag = NULL;
    char *text = NULL;
    int mpi_rank = 0, mpi_size = 1;
    if (pacta_settings_create(&settings) != PACTA_OK || pacta_diag_create(&diag) != PACTA_OK) {
        cli_error("out of memory");
        code = EXIT_FAILURE_;
        goto cleanup;
    }
    if (!parse(argc, argv, &r)) {
        code = EXIT_USAGE;
        goto cleanup;
    }
    if (r.help) {
        usage_simulate(stdout);
        goto cleanup;
    }
    if (strcmp(r.format, "text") && strcmp(r.format, "json") && strcmp(r.format, "csv")) {
        cli_error("--format: '%s' is not text, json or csv", r.format);
        code = EXIT_USAGE;
        goto cleanup;
    }
    if (r.resume != NULL && (r.db != NULL || r.scenario != NULL || r.defining_seen)) {
        cli_error("--resume: give only run options (--threads, --format, --output, "
                  "--no-progress); what to simulate comes from the stored run");
        code = EXIT_USAGE;
        goto cleanup;
    }
    if (r.resume == NULL && r.scenario == NULL) {
        cli_error("simulate: no scenario file given");
        usage_simulate(stderr);
        code = EXIT_USAGE;
        goto cleanup;
    }

    size_t length = 0;
    if (r.resume != NULL) {
        /* The stored run decides what to simulate: parse its arguments as if given now,
         * then keep this invocation's run options. */
        const char *stored_text, *scenario_path;
        const char *const *arguments;
        pacta_status st = pacta_sim_store_open(&store, r.resume, &stored_text, &length,
                                               &scenario_path, &arguments, diag);
        cli_print_diagnostics(diag);
        if (st != PACTA_OK) {
            code = st == PACTA_EIO ? EXIT_BAD_INPUT : cli_exit_code(st);
            goto cleanup;
        }
        size_t n = 0;
        while (arguments[n])
            n++;
        stored_argv = calloc(n + 2, sizeof(char *));
        if (stored_argv == NULL) {
            code = EXIT_FAILURE_;
            goto cleanup;
        }
        stored_argv[0] = argv[0];
        for (size_t i = 0; i < n; i++)
            stored_argv[i + 1] = (char *)arguments[i];
        memset(&stored, 0, sizeof stored);
        stored.runs = 1000;
        stored.seed = 1;
        stored.block_size = 64;
        stored.evaluate = -1;
        if (!parse((int)n + 1, stored_argv, &stored)) {
            cli_error("%s: the stored arguments do not parse", r.resume);
            code = EXIT_BAD_INPUT;
            goto cleanup;
        }
        stored.threads = r.threads;
        stored.format = r.format;
        stored.output = r.output;
        stored.progress = r.progress;
        stored.resume = r.resume;
        stored.scenario = scenario_path;
        r = stored;
        /* Recognised as the first run recognised it: from the same text and name. */
        pacta_status pst = pacta_scenario_parse_as(&scenario, stored_text, length, scenario_path,
                                                   PACTA_FORMAT_AUTO, NULL, diag);
        cli_print_diagnostics(diag);
        if (pst != PACTA_OK) {
            code = cli_exit_code(pst);
            goto cleanup;
        }
    } else {
        cli_input_t input;
        cli_input_init(&input);
        code = cli_load(r.scenario, &input, &scenario);
        if (code != EXIT_OK)
            goto cleanup;
    }

    pacta_simulate_options_t options;
    if (!build_options(&r, scenario, settings, jitter, model_copy, model_names, &options)) {
        code = EXIT_USAGE;
        goto cleanup;
    }
    code = simulate_mpi_begin(&mpi_rank, &mpi_size);
    if (code != EXIT_OK)
        goto cleanup;
    if (mpi_size > 1) {
        if (r.db != NULL || r.resume != NULL) {
            cli_error("--db and --resume work in a single process, not under mpirun");
            code = EXIT_USAGE;
            goto cleanup;
        }
        options.part_index = (unsigned)mpi_rank;
        options.part_count = (unsigned)mpi_size;
    }
    if (r.db != NULL) {
        /* Store the scenario's exact text, so a resumed run needs nothing else. */
        FILE *f = fopen(r.scenario, "rb");
        if (f != NULL) {
            fseek(f, 0, SEEK_END);
            long size = ftell(f);
            fseek(f, 0, SEEK_SET);
            text = size >= 0 ? malloc((size_t)size + 1) : NULL;
            length = text ? fread(text, 1, (size_t)size, f) : 0;
            fclose(f);
        }
        defining = defining_arguments(&r);
        if (text == NULL || defining == NULL) {
            cli_error("%s: cannot read the scenario again to store it", r.scenario);
            code = EXIT_IO;
            goto cleanup;
        }
        pacta_status st = pacta_sim_store_create(&store, r.db, r.scenario, text, length,
                                                 (const char *const *)defining, diag);
        cli_print_diagnostics(diag);
        if (st != PACTA_OK) {
            code = EXIT_IO;
            goto cleanup;
        }
    }
    if (store != NULL)
        pacta_sim_store_attach(store, &options);
    progress_t progress = {{0, 0}, false};
    clock_gettime(CLOCK_MONOTONIC, &progress.start);
    if (r.progress && mpi_rank == 0 && isatty(STDERR_FILENO)) {
        options.progress = show_progress;
        options.progress_user = &progress;
    }

    pacta_status st = pacta_simulation_create(&sim, scenario, &options, diag);
    if (st == PACTA_OK && store != NULL)
        st = pacta_sim_store_load(store, sim, diag);
    cli_print_diagnostics(diag);
    if (st != PACTA_OK) {
        code = cli_exit_code(st);
        goto cleanup;
    }
    struct sigaction action, previous;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    interruptible = sim;
    sigaction(SIGINT, &action, &previous);
    st = pacta_simulation_run(sim);
    sigaction(SIGINT, &previous, NULL);
    interruptible = NULL;
    if (progress.shown)
        fputc('\n', stderr);
    if (st == PACTA_OK && mpi_size > 1)
        st = simulate_mpi_combine(sim);
    if (st == PACTA_OK)
        st = pacta_simulation_finish(sim);
    if (st == PACTA_OK && store != NULL)
        st = pacta_sim_store_finish(store, sim);
    if (st != PACTA_OK) {
        cli_error("simulation failed: %s", pacta_strerror(st));
        code = cli_exit_code(st);
        goto cleanup;
    }
    if (mpi_rank != 0) /* other processes only contribute their replicates */
        goto cleanup;
    if (sim->n_uncertain == 0)
        fprintf(stderr, "pacta: note: %s declares no distributions and no --jitter was given, "
                        "so every run is the point forecast; see 'pacta help simulate'\n",
                scenario->path);
    if (sim->partial)
        cli_error("stopped after %llu of %llu runs; the results are partial",
                  (unsigned long long)sim->done, (unsigned long long)sim->runs);
    cli_output_t out;
    if (!cli_output_open(&out, r.output)) {
        code = EXIT_IO;
        goto cleanup;
    }
    if (strcmp(r.format, "json") == 0)
        st = pacta_simulation_write_json(sim, scenario, out.stream);
    else if (strcmp(r.format, "csv") == 0)
        st = pacta_simulation_write_csv(sim, scenario, out.stream);
    else
        cli_print_simulation_text(out.stream, sim, scenario);
    code = cli_output_finish(&out, st);
    if (code == EXIT_OK && sim->partial)
        code = EXIT_FAILURE_;

cleanup:
    simulate_mpi_end();
    pacta_sim_store_close(store);
    for (size_t i = 0; i < MAX_ITEMS; i++)
        free(model_copy[i]);
    free(stored_argv);
    free_arguments(defining);
    free(text);
    pacta_simulation_destroy(sim);
    pacta_scenario_destroy(scenario);
    pacta_settings_destroy(settings);
    pacta_diag_destroy(diag);
    return code;
}
