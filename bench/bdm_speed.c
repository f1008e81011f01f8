/* The BDM model as pacta simulate runs it, against a frozen copy of the model as it was
 * before issue 18 made its round faster (bench/baseline/, the code of commit 0a55383), in
 * one run: replicates per second of each on one thread, their ratio, and the time 100 000
 * replicates would take on two cores at the measured rate. It also checks that both give
 * the same forecast on every issue of every replicate (to 1e-12 relative) and refuses to
 * report a speed-up of different answers.
 *
 * Usage: bdm_speed [--runs N] [--repeat K] [--scenario FILE]
 *   defaults: 2000 runs, 3 repetitions, examples/ukraine-2025.yaml
 *
 * A replicate runs the model (default options: the scholz-code profile, 10 rounds) on every
 * issue of the scenario with every position moved by U(-5, 5) and clamped to [0, 100], as
 * `pacta simulate -m bdm --jitter position=5` draws them (the draws here are our own:
 * SplitMix64 seeded with the replicate index, a double being the top 53 bits times 2^-53).
 * Only the model runs: the draws are made once, before timing, and nothing is allocated
 * while timing (one workspace per model). Old and new batches alternate, K of each, and the
 * fastest of each counts, so load from other processes on a shared machine inflates neither
 * side more than the other; times are the thread's CPU time.
 *
 * A second table measures the run issue 18 timed: `pacta simulate -m bdm` with the
 * scenario's own draws and no --jitter. Those draws touch only the war's inputs, which no
 * forecast model reads, so before the issue every replicate reran BDM on the same issues.
 * "Before" is the frozen model alone on every issue of every replicate, a lower bound on
 * what such a replicate cost (it leaves out the draws and the judging of the proposals);
 * "now" is the whole of pacta_simulation_create + run + finish on one thread through the
 * public API, proposals judged as the command does. Both are timed in the process's CPU
 * time, and each issue's simulated forecast must equal the frozen model's to 1e-12. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_clock.h"
#include "models/model_internal.h"

#include <pacta/pacta.h>

extern const pacta_model_t bench_bdm_baseline;

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* CPU time of this thread or of the whole process: on a shared machine it counts only the
 * time the benchmark ran, so a batch that loses the processor to another process is not
 * charged for it. The process clock also counts the simulation's worker thread. */
static double cpu_seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double now(void)
{
    return cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
}

/* One model ready to run: its parsed default options and a workspace. */
typedef struct runner {
    const pacta_model_t *model;
    void *params;
    void *scratch;
} runner_t;

static bool runner_open(runner_t *r, const pacta_model_t *model, size_t max_n)
{
    const char *values[64];
    if (model->n_options > 64)
        return false;
    for (size_t i = 0; i < model->n_options; i++)
        values[i] = model->options[i].default_value;
    r->model = model;
    r->params = calloc(1, model->params_size);
    r->scratch = NULL;
    if (r->params == NULL || model->parse(r->params, values, NULL) != PACTA_OK)
        return false;
    size_t bytes = model->workspace_bytes(r->params, max_n);
    r->scratch = aligned_alloc(16, model_align(bytes > 0 ? bytes : 16));
    return r->scratch != NULL;
}

static void runner_close(runner_t *r)
{
    free(r->params);
    free(r->scratch);
}

typedef struct instances {
    size_t n_issues, runs;
    size_t *n;       /* actors per issue */
    double **s, **c; /* salience and capability per issue */
    double *x;       /* positions: runs x issues x max_n */
    size_t max_n;
} instances_t;

static double *positions(const instances_t *in, size_t run, size_t issue)
{
    return in->x + (run * in->n_issues + issue) * in->max_n;
}

/* All replicates' forecasts of one model into out (runs x issues); returns seconds. */
static double batch(const runner_t *r, const instances_t *in, double *out)
{
    double start = now();
    for (size_t run = 0; run < in->runs; run++) {
        for (size_t is = 0; is < in->n_issues; is++) {
            pacta_issue_data_t data = {
                in->n[is], positions(in, run, is), in->s[is], in->c[is], NULL, false, 0};
            bool defined = false;
            double f = NAN;
            if (r->model->run(r->params, &data, r->scratch, NULL, &f, &defined) != PACTA_OK)
                f = NAN;
            out[run * in->n_issues + is] = defined ? f : NAN;
        }
    }
    return now() - start;
}

static void instances_free(instances_t *in)
{
    for (size_t is = 0; in->s != NULL && is < in->n_issues; is++) {
        free(in->s[is]);
        free(in->c[is]);
    }
    free(in->n);
    free(in->s);
    free(in->c);
    free(in->x);
}

/* Every issue's present actors, with every position moved by U(-width, width) and clamped
 * to [0, 100] in each of runs replicates (width 0: the scenario's own positions). */
static bool instances_build(instances_t *in, const pacta_scenario_t *sc, size_t runs,
                            double width)
{
    *in = (instances_t){sc->n_issues, runs, NULL, NULL, NULL, NULL, sc->n_actors};
    in->n = calloc(in->n_issues, sizeof *in->n);
    in->s = calloc(in->n_issues, sizeof *in->s);
    in->c = calloc(in->n_issues, sizeof *in->c);
    in->x = calloc(runs * in->n_issues * in->max_n, sizeof *in->x);
    if (!in->n || !in->s || !in->c || !in->x)
        return false;
    for (size_t is = 0; is < in->n_issues; is++) {
        in->s[is] = calloc(in->max_n, sizeof(double));
        in->c[is] = calloc(in->max_n, sizeof(double));
        if (!in->s[is] || !in->c[is])
            return false;
        size_t n = 0;
        for (size_t a = 0; a < sc->n_actors; a++) {
            const pacta_stance_t *st = &sc->actors[a].stances[is];
            if (!st->present)
                continue;
            in->s[is][n] = st->salience.value;
            in->c[is][n] = sc->actors[a].capability.value;
            for (size_t run = 0; run < runs; run++) {
                uint64_t state = run * 1000003u + is * 1009u + a;
                double u = (double)(splitmix64(&state) >> 11) * 0x1.0p-53;
                double x = st->position.value + width * (2.0 * u - 1.0);
                positions(in, run, is)[n] = x < 0 ? 0 : x > 100 ? 100 : x;
            }
            n++;
        }
        in->n[is] = n;
    }
    return true;
}

/* Forecasts differing by more than 1e-12 relative (or defined in one only); *worst gets the
 * largest relative difference. */
static size_t count_differences(const double *a, const double *b, size_t count, double *worst)
{
    size_t differ = 0;
    for (size_t i = 0; i < count; i++) {
        if (isnan(a[i]) != isnan(b[i])) {
            differ++;
            continue;
        }
        if (isnan(a[i]))
            continue;
        double rel = fabs(a[i] - b[i]) / fmax(fabs(a[i]), 1.0);
        *worst = fmax(*worst, rel);
        if (rel > 1e-12)
            differ++;
    }
    return differ;
}

/* One pacta_simulate of runs replicates with the BDM model on one thread; returns its
 * process CPU seconds (negative on failure) and each issue's forecast in out, NaN unless
 * every replicate gave the same one. */
static double simulate_bdm(const pacta_scenario_t *sc, uint64_t runs, double *out)
{
    static const char *const models[] = {"bdm"};
    pacta_simulate_options_t o;
    pacta_simulate_options_default(&o);
    o.runs = runs;
    o.threads = 1;
    o.seed = 2026;
    o.forecast.models = models;
    o.forecast.n_models = 1;
    o.evaluate = sc->n_proposals > 0;
    pacta_simulation_t *sim = NULL;
    double start = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID);
    pacta_status st = pacta_simulation_create(&sim, sc, &o, NULL);
    if (st == PACTA_OK)
        st = pacta_simulation_run(sim);
    if (st == PACTA_OK)
        st = pacta_simulation_finish(sim);
    double seconds = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) - start;
    for (size_t is = 0; st == PACTA_OK && is < sc->n_issues; is++) {
        const pacta_sim_summary_t *sum = &sim->forecasts[is].summary;
        out[is] = sum->n == runs && sum->min == sum->max ? sum->min : NAN;
    }
    pacta_simulation_destroy(sim);
    return st == PACTA_OK ? seconds : -1.0;
}

/* The second table (see the top of the file): the frozen model on old_runs replicates of
 * the undrawn issues against pacta_simulate on new_runs. Returns false on failure or on a
 * forecast that differs. */
static bool undrawn_issues(const pacta_scenario_t *sc, const runner_t *old_r, size_t old_runs,
                           size_t new_runs, size_t repeat)
{
    instances_t in;
    double *old_out = calloc(old_runs * sc->n_issues, sizeof(double));
    double *new_out = calloc(sc->n_issues, sizeof(double));
    bool ok = old_out != NULL && new_out != NULL && instances_build(&in, sc, old_runs, 0.0);
    double old_best = INFINITY, new_best = INFINITY;
    for (size_t k = 0; ok && k < repeat; k++) {
        double old_start = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID);
        batch(old_r, &in, old_out);
        old_best = fmin(old_best, cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) - old_start);
        double t = simulate_bdm(sc, new_runs, new_out);
        ok = t >= 0;
        new_best = fmin(new_best, t);
    }
    double worst = 0.0;
    size_t differ = 0;
    for (size_t run = 0; ok && run < old_runs; run++)
        differ += count_differences(old_out + run * sc->n_issues, new_out, sc->n_issues, &worst);
    if (ok) {
        double old_rate = old_runs / old_best, new_rate = new_runs / new_best;
        printf("\npacta simulate -m bdm with the scenario's own draws (no --jitter), one "
               "thread, best of %zu:\n\n",
               repeat);
        printf("| code | replicates timed | replicates per CPU second | 100 000 replicates on "
               "2 cores |\n|---|---:|---:|---:|\n");
        printf("| bdm before issue 18, model alone (bench/baseline) | %zu | %.0f | %.1f s |\n",
               old_runs, old_rate, 1e5 / old_rate / 2);
        printf("| pacta simulate now, whole run | %zu | %.0f | %.1f s |\n\n", new_runs, new_rate,
               1e5 / new_rate / 2);
        printf("speed-up: %.1fx; issue forecasts differing from the frozen model's by more than "
               "1e-12: %zu of %zu (largest relative difference %.3g)\n",
               new_rate / old_rate, differ, old_runs * sc->n_issues, worst);
    }
    if (!ok)
        fprintf(stderr, "bdm_speed: the undrawn-issues measurement failed\n");
    if (old_out != NULL && new_out != NULL)
        instances_free(&in);
    free(old_out);
    free(new_out);
    return ok && differ == 0;
}

int main(int argc, char **argv)
{
    const char *path = "examples/ukraine-2025.yaml";
    size_t runs = 2000, repeat = 3;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--scenario") == 0 && i + 1 < argc)
            path = argv[++i];
        else {
            fprintf(stderr, "usage: bdm_speed [--runs N] [--repeat K] [--scenario FILE]\n");
            return 2;
        }
    }
    pacta_scenario_t *sc = NULL;
    if (runs == 0 || repeat == 0 || pacta_scenario_load(&sc, path, NULL) != PACTA_OK) {
        fprintf(stderr, "bdm_speed: cannot read %s (run from the repository root)\n", path);
        return 1;
    }
    instances_t in;
    double *old_out = calloc(runs * sc->n_issues, sizeof(double));
    double *new_out = calloc(runs * sc->n_issues, sizeof(double));
    runner_t old_r, new_r;
    if (!old_out || !new_out || !instances_build(&in, sc, runs, 5.0) ||
        !runner_open(&old_r, &bench_bdm_baseline, in.max_n) ||
        !runner_open(&new_r, pacta_model_find("bdm"), in.max_n)) {
        fprintf(stderr, "bdm_speed: cannot set up the models\n");
        return 1;
    }
    double old_best = INFINITY, new_best = INFINITY;
    for (size_t k = 0; k < repeat; k++) {
        old_best = fmin(old_best, batch(&old_r, &in, old_out));
        new_best = fmin(new_best, batch(&new_r, &in, new_out));
    }
    double worst = 0.0;
    size_t differ = count_differences(old_out, new_out, runs * in.n_issues, &worst);
    printf("load average %.1f\n\n", bench_load_average());
    printf("scenario %s: %zu issues, %zu replicates, positions +-5, best of %zu\n\n", path,
           in.n_issues, runs, repeat);
    printf("| model | replicates per CPU second | 100 000 replicates on 2 cores |\n");
    printf("|---|---:|---:|\n");
    printf("| bdm before issue 18 (bench/baseline) | %.0f | %.1f s |\n", runs / old_best,
           1e5 / (runs / old_best) / 2);
    printf("| bdm now | %.0f | %.1f s |\n\n", runs / new_best, 1e5 / (runs / new_best) / 2);
    printf("speed-up: %.2fx; forecasts differing by more than 1e-12: %zu of %zu (largest "
           "relative difference %.3g)\n",
           old_best / new_best, differ, runs * in.n_issues, worst);
    /* The frozen model reruns every replicate at the jittered rate; a tenth of the jittered
     * replicates keeps its batch short, and simulate gets 50 times as many so that its
     * batch is long enough to time. */
    size_t old_runs = runs / 10 > 0 ? runs / 10 : 1;
    bool undrawn_ok = undrawn_issues(sc, &old_r, old_runs, 50 * old_runs, repeat);
    runner_close(&old_r);
    runner_close(&new_r);
    instances_free(&in);
    free(old_out);
    free(new_out);
    pacta_scenario_destroy(sc);
    return differ == 0 && undrawn_ok ? 0 : 1;
}
