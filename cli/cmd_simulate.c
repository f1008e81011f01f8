/* pacta simulate FILE: Monte Carlo over the scenario's uncertain inputs. */
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "command.h"
#include "simulate_mpi.h"

enum {
    OPT_BLOCK_SIZE = 256,
    OPT_JITTER,
    OPT_EVALUATE,
    OPT_NO_EVALUATE,
    OPT_DB,
    OPT_RESUME,
    OPT_NO_PROGRESS,
};

static const cli_option_t what_options[] = {
    {OPT_BLOCK_SIZE, "block-size", 0, "B",
     "replicates per block, the unit of work and of storage (default 64; results do not "
     "depend on it)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_JITTER, "jitter", 0, "SPEC",
     "perturb every fixed number of a kind, e.g. position=5,salience=10,capability=10%",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_EVALUATE, "evaluate", 0, NULL,
     "judge the proposals in every replicate (the default when the scenario has proposals)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_NO_EVALUATE, "no-evaluate", 0, NULL, "do not judge the proposals", CLI_COMPLETE_NONE, NULL,
     NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t what_group = {"What to simulate (stored with a run)", what_options};

static const cli_option_t how_options[] = {
    {OPT_DB, "db", 0, "RUN.sqlite", "store the run block by block as it goes", CLI_COMPLETE_FILE,
     NULL, NULL},
    {OPT_RESUME, "resume", 0, "RUN.sqlite",
     "continue a stored run to the same final output (give only the options of this group "
     "and of Output)",
     CLI_COMPLETE_FILE, NULL, NULL},
    {OPT_NO_PROGRESS, "no-progress", 0, NULL, "no progress bar (shown only on a terminal anyway)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t how_group = {"How to run it", how_options};

static const char *const synopsis[] = {"FILE [--runs N] [options]",
                                       "--resume RUN.sqlite [run options]", NULL};
static const cli_group_t *const groups[] = {&what_group,        &cli_group_runs,    &cli_group_seed,
                                            &cli_group_models,  &cli_group_judging, &how_group,
                                            &cli_group_threads, &cli_group_output,  NULL};

static int run(const cli_command_t *command, int argc, char **argv);

const cli_command_t cli_command_simulate = {
    .name = "simulate",
    .summary = "Monte Carlo over uncertain inputs, on every core",
    .synopsis = synopsis,
    .description = "Run the forecast models (and judge the proposals) N times with every "
                   "uncertain input drawn afresh (docs/scenario-format.md, \"Uncertainty\"). "
                   "The same seed gives the same output on any number of threads or MPI "
                   "processes.",
    .groups = groups,
    .notes = "Ctrl-C stops cleanly: blocks under way finish, the partial result is written "
             "and marked partial, and the exit status is 1. Under mpirun the replicates are "
             "split across processes (docs/cluster.md).",
    .operands = CLI_COMPLETE_FILE,
    .output = PACTA_DOCUMENT_SIMULATION,
    .run = run,
};

/* Everything the command line says. Defining options decide the numbers and are stored with
 * a run (the shared groups' runs, seed, models and judging, and what_group); run options
 * only say how to compute and where to write. */
typedef struct request {
    cli_common_t common;
    uint64_t block_size;
    const char *jitter;
    int evaluate; /* -1: when the scenario has proposals */
    bool own_defining_seen;
    const char *scenario;
    const char *db;
    const char *resume;
    bool progress;
} request_t;

static void request_init(request_t *r)
{
    memset(r, 0, sizeof *r);
    cli_common_init(&r->common);
    r->block_size = 64;
    r->evaluate = -1;
    r->progress = true;
}

static bool defining_seen(const request_t *r)
{
    const cli_common_t *c = &r->common;
    return r->own_defining_seen || c->runs_given || c->seed_given || c->n_models > 0 ||
           c->all_models || c->issue || c->rounds > 0 || c->profile || c->n_settings_given > 0 ||
           c->utility_name || c->reservation_name || c->update_name;
}

static int on_option(void *context, int id, char *arg)
{
    request_t *r = context;
    switch (id) {
    case OPT_BLOCK_SIZE:
        r->own_defining_seen = true;
        return cli_parse_u64("--block-size", arg, 1, 65536, &r->block_size) ? EXIT_OK : EXIT_USAGE;
    case OPT_JITTER:
        r->own_defining_seen = true;
        r->jitter = arg;
        return EXIT_OK;
    case OPT_EVALUATE:
    case OPT_NO_EVALUATE:
        r->own_defining_seen = true;
        r->evaluate = id == OPT_EVALUATE;
        return EXIT_OK;
    case OPT_DB:
        r->db = arg;
        return EXIT_OK;
    case OPT_RESUME:
        r->resume = arg;
        return EXIT_OK;
    case OPT_NO_PROGRESS:
        r->progress = false;
        return EXIT_OK;
    default:
        return CLI_NOT_MINE;
    }
}

/* Parse argv into r: EXIT_OK, CLI_HELP_SHOWN or an exit status after printing why. */
static int parse(const cli_command_t *command, int argc, char **argv, request_t *r)
{
    int first, code = cli_parse(command, argc, argv, &r->common, on_option, r, &first);
    if (code != EXIT_OK)
        return code;
    if (argc - first > 1)
        return cli_usage_error(command, "give exactly one scenario file");
    if (first < argc)
        r->scenario = argv[first];
    return EXIT_OK;
}

/* The defining options as an argument list, for storing with a run (and re-parsing). */
static char **defining_arguments(const request_t *r)
{
    const cli_common_t *c = &r->common;
    enum { MAX = 2 * (CLI_MAX_MODELS + 64 + 12) + 1 };
    char **out = calloc(MAX, sizeof(char *));
    if (out == NULL)
        return NULL;
    size_t n = 0;
    char number[32];
#define ARG(text) (out[n++] = strdup(text))
#define NUMBER(option, value)                                                                      \
    do {                                                                                           \
        snprintf(number, sizeof number, "%llu", (unsigned long long)(value));                      \
        ARG(option);                                                                               \
        ARG(number);                                                                               \
    } while (0)
    NUMBER("--runs", c->runs);
    NUMBER("--seed", c->seed);
    NUMBER("--block-size", r->block_size);
    if (r->jitter) {
        ARG("--jitter");
        ARG(r->jitter);
    }
    for (size_t i = 0; !c->all_models && i < c->n_models; i++) {
        ARG("--model");
        ARG(c->models[i]);
    }
    if (c->issue) {
        ARG("--issue");
        ARG(c->issue);
    }
    if (c->rounds > 0)
        NUMBER("--rounds", c->rounds);
    if (c->profile) {
        ARG("--profile");
        ARG(c->profile);
    }
    for (size_t i = 0; i < c->n_settings_given; i++) {
        ARG("--set");
        ARG(c->settings_given[i]);
    }
    if (r->evaluate >= 0)
        ARG(r->evaluate ? "--evaluate" : "--no-evaluate");
    if (c->utility_name) {
        ARG("--utility");
        ARG(c->utility_name);
    }
    if (c->reservation_name) {
        ARG("--reservation");
        ARG(c->reservation_name);
    }
    if (c->update_name) {
        ARG("--update");
        ARG(c->update_name);
    }
#undef NUMBER
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
static bool build_options(const request_t *r, const pacta_scenario_t *s, pacta_jitter_t *jitter,
                          size_t max_jitter, pacta_simulate_options_t *o)
{
    const cli_common_t *c = &r->common;
    pacta_simulate_options_default(o);
    o->runs = c->runs;
    o->seed = c->seed;
    o->block_size = (uint32_t)r->block_size;
    o->threads = c->threads;
    if (r->jitter != NULL) {
        char error[256];
        long n = pacta_jitter_parse(r->jitter, jitter, max_jitter, error, sizeof error);
        if (n < 0) {
            cli_error("--jitter: %s", error);
            return false;
        }
        o->jitter = jitter;
        o->n_jitter = (size_t)n;
    }
    cli_common_forecast_options(c, &o->forecast);
    o->evaluate = r->evaluate < 0 ? s->n_proposals > 0 : r->evaluate == 1;
    o->evaluation.utility = c->utility;
    o->evaluation.reservation = c->reservation;
    o->evaluation.update = c->update;
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

/* Everything a run owns, released by one function. */
typedef struct session {
    request_t request;
    request_t stored;   /* the stored run's defining options, with --resume */
    char **stored_argv; /* what they were parsed from */
    char **defining;    /* the defining options written with --db */
    char *text;         /* the scenario's text, stored with --db */
    pacta_jitter_t jitter[16];
    pacta_scenario_t *scenario;
    pacta_simulation_t *simulation;
    pacta_sim_store_t *store;
    pacta_diag_t *diag;
} session_t;

static void session_end(session_t *s)
{
    pacta_sim_store_close(s->store);
    free(s->stored_argv);
    free_arguments(s->defining);
    free(s->text);
    pacta_simulation_destroy(s->simulation);
    pacta_scenario_destroy(s->scenario);
    pacta_diag_destroy(s->diag);
    cli_common_destroy(&s->stored.common);
    cli_common_destroy(&s->request.common);
}

/* --resume: open the store, and let its stored arguments and scenario decide what to
 * simulate; this invocation keeps only its run options. */
static int resume(const cli_command_t *command, session_t *s)
{
    request_t *r = &s->request;
    const char *stored_text, *scenario_path;
    const char *const *arguments;
    size_t length = 0;
    pacta_status st = pacta_sim_store_open(&s->store, r->resume, &stored_text, &length,
                                           &scenario_path, &arguments, s->diag);
    cli_report(s->diag);
    if (st != PACTA_OK)
        return st == PACTA_EIO ? EXIT_BAD_INPUT : cli_exit_code(st);
    size_t n = 0;
    while (arguments[n])
        n++;
    s->stored_argv = calloc(n + 2, sizeof(char *));
    if (s->stored_argv == NULL)
        return cli_out_of_memory();
    s->stored_argv[0] = (char *)command->name;
    for (size_t i = 0; i < n; i++)
        s->stored_argv[i + 1] = (char *)arguments[i];
    if (parse(command, (int)n + 1, s->stored_argv, &s->stored) != EXIT_OK) {
        cli_error("%s: the stored arguments do not parse", r->resume);
        return EXIT_BAD_INPUT;
    }
    /* The run options are this invocation's. */
    s->stored.common.threads = r->common.threads;
    s->stored.common.format = r->common.format;
    s->stored.common.output = r->common.output;
    s->stored.progress = r->progress;
    s->stored.resume = r->resume;
    s->stored.scenario = scenario_path;
    /* Recognised as the first run recognised it: from the same text and name. */
    st = pacta_scenario_parse_as(&s->scenario, stored_text, length, scenario_path,
                                 PACTA_FORMAT_AUTO, NULL, s->diag);
    cli_report(s->diag);
    return st == PACTA_OK ? EXIT_OK : cli_exit_code(st);
}

/* --db: create the store with the scenario's exact text, so a resumed run needs nothing
 * else. */
static int create_store(session_t *s, const request_t *r)
{
    size_t length = 0;
    FILE *f = fopen(r->scenario, "rb");
    if (f != NULL) {
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        fseek(f, 0, SEEK_SET);
        s->text = size >= 0 ? malloc((size_t)size + 1) : NULL;
        length = s->text ? fread(s->text, 1, (size_t)size, f) : 0;
        fclose(f);
    }
    s->defining = defining_arguments(r);
    if (s->text == NULL || s->defining == NULL) {
        cli_error("%s: cannot read the scenario again to store it", r->scenario);
        return EXIT_IO;
    }
    pacta_status st = pacta_sim_store_create(&s->store, r->db, r->scenario, s->text, length,
                                             (const char *const *)s->defining, s->diag);
    cli_report(s->diag);
    return st == PACTA_OK ? EXIT_OK : EXIT_IO;
}

/* Run the replicates with Ctrl-C stopping them cleanly, then merge and store. */
static pacta_status compute(session_t *s, const request_t *r, pacta_simulate_options_t *options,
                            int mpi_rank, int mpi_size)
{
    progress_t progress = {{0, 0}, false};
    clock_gettime(CLOCK_MONOTONIC, &progress.start);
    if (r->progress && mpi_rank == 0 && isatty(STDERR_FILENO)) {
        options->progress = show_progress;
        options->progress_user = &progress;
    }
    pacta_status st = pacta_simulation_create(&s->simulation, s->scenario, options, s->diag);
    if (st == PACTA_OK && s->store != NULL)
        st = pacta_sim_store_load(s->store, s->simulation, s->diag);
    cli_report(s->diag);
    if (st != PACTA_OK)
        return st;
    struct sigaction action, previous;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    interruptible = s->simulation;
    sigaction(SIGINT, &action, &previous);
    st = pacta_simulation_run(s->simulation);
    sigaction(SIGINT, &previous, NULL);
    interruptible = NULL;
    if (progress.shown)
        fputc('\n', stderr);
    if (st == PACTA_OK && mpi_size > 1)
        st = simulate_mpi_combine(s->simulation);
    if (st == PACTA_OK)
        st = pacta_simulation_finish(s->simulation);
    if (st == PACTA_OK && s->store != NULL)
        st = pacta_sim_store_finish(s->store, s->simulation);
    if (st != PACTA_OK) {
        pacta_sim_store_explain(s->store, s->diag);
        cli_report(s->diag);
        cli_error("simulation failed: %s", pacta_strerror(st));
    }
    return st;
}

/* Write the summaries (rank 0 only); a partial run exits 1 after writing. */
static int write_result(const cli_command_t *command, const session_t *s, const request_t *r)
{
    const pacta_simulation_t *sim = s->simulation;
    if (sim->n_uncertain == 0)
        fprintf(stderr,
                "pacta: note: %s declares no distributions and no --jitter was given, "
                "so every run is the point forecast; see 'pacta help simulate'\n",
                s->scenario->path);
    const char *store = r->resume != NULL ? r->resume : r->db;
    if (sim->partial && store != NULL)
        cli_error("stopped after %llu of %llu runs; the results are partial; the finished "
                  "blocks are stored: continue with 'pacta simulate --resume %s'",
                  (unsigned long long)sim->done, (unsigned long long)sim->runs, store);
    else if (sim->partial)
        cli_error("stopped after %llu of %llu runs; the results are partial (give --db "
                  "RUN.sqlite to store the blocks so that a stopped run can be resumed)",
                  (unsigned long long)sim->done, (unsigned long long)sim->runs);
    cli_output_t out;
    if (!cli_output_open(&out, r->common.output))
        return EXIT_IO;
    pacta_format format = cli_common_format(&r->common, command);
    pacta_status st = PACTA_OK;
    if (format == PACTA_FORMAT_TEXT)
        cli_print_simulation_text(out.stream, sim, s->scenario);
    else
        st = pacta_simulation_write(sim, s->scenario, format, out.stream);
    int code = cli_output_finish(&out, st);
    return code == EXIT_OK && sim->partial ? EXIT_FAILURE_ : code;
}

static int run(const cli_command_t *command, int argc, char **argv)
{
    session_t s;
    memset(&s, 0, sizeof s);
    request_init(&s.request);
    request_init(&s.stored);
    int mpi_rank = 0, mpi_size = 1;
    int code = parse(command, argc, argv, &s.request);
    if (code != EXIT_OK)
        goto cleanup;
    if (pacta_diag_create(&s.diag) != PACTA_OK) {
        code = cli_out_of_memory();
        goto cleanup;
    }
    const request_t *r = &s.request;
    if (r->resume != NULL && (r->db != NULL || r->scenario != NULL || defining_seen(r))) {
        cli_error("--resume: give only run options (--threads, --format, --output, "
                  "--no-progress); what to simulate comes from the stored run");
        code = EXIT_USAGE;
        goto cleanup;
    }
    if (r->resume == NULL && r->scenario == NULL) {
        code = cli_usage_error(command, "no scenario file given");
        goto cleanup;
    }
    if (r->resume != NULL) {
        code = resume(command, &s);
        r = &s.stored;
    } else {
        code = cli_load(r->scenario, PACTA_FORMAT_AUTO, NULL, &s.scenario);
    }
    if (code != EXIT_OK)
        goto cleanup;

    pacta_simulate_options_t options;
    if (!build_options(r, s.scenario, s.jitter, sizeof s.jitter / sizeof s.jitter[0], &options)) {
        code = EXIT_USAGE;
        goto cleanup;
    }
    code = simulate_mpi_begin(&mpi_rank, &mpi_size);
    if (code != EXIT_OK)
        goto cleanup;
    if (mpi_size > 1) {
        if (r->db != NULL || r->resume != NULL) {
            cli_error("--db and --resume work in a single process, not under mpirun");
            code = EXIT_USAGE;
            goto cleanup;
        }
        options.part_index = (unsigned)mpi_rank;
        options.part_count = (unsigned)mpi_size;
    }
    if (r->db != NULL && (code = create_store(&s, r)) != EXIT_OK)
        goto cleanup;
    if (s.store != NULL)
        pacta_sim_store_attach(s.store, &options);
    pacta_status st = compute(&s, r, &options, mpi_rank, mpi_size);
    if (st != PACTA_OK)
        code = cli_exit_code(st);
    else if (mpi_rank == 0) /* other processes only contribute their replicates */
        code = write_result(command, &s, r);

cleanup:
    simulate_mpi_end();
    session_end(&s);
    return code == CLI_HELP_SHOWN ? EXIT_OK : code;
}
