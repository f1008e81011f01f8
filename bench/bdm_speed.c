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
 * side more than the other; times are the thread's CPU time. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* This thread's CPU time: on a shared machine it counts only the time the benchmark ran, so
 * a batch that loses the processor to another process is not charged for it. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
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
    instances_t in = {sc->n_issues, runs, NULL, NULL, NULL, NULL, sc->n_actors};
    in.n = calloc(in.n_issues, sizeof *in.n);
    in.s = calloc(in.n_issues, sizeof *in.s);
    in.c = calloc(in.n_issues, sizeof *in.c);
    in.x = calloc(runs * in.n_issues * in.max_n, sizeof *in.x);
    double *old_out = calloc(runs * in.n_issues, sizeof(double));
    double *new_out = calloc(runs * in.n_issues, sizeof(double));
    if (!in.n || !in.s || !in.c || !in.x || !old_out || !new_out)
        return 1;
    for (size_t is = 0; is < in.n_issues; is++) {
        in.s[is] = calloc(in.max_n, sizeof(double));
        in.c[is] = calloc(in.max_n, sizeof(double));
        if (!in.s[is] || !in.c[is])
            return 1;
        size_t n = 0;
        for (size_t a = 0; a < sc->n_actors; a++) {
            const pacta_stance_t *st = &sc->actors[a].stances[is];
            if (!st->present)
                continue;
            in.s[is][n] = st->salience.value;
            in.c[is][n] = sc->actors[a].capability.value;
            for (size_t run = 0; run < runs; run++) {
                uint64_t state = run * 1000003u + is * 1009u + a;
                double u = (double)(splitmix64(&state) >> 11) * 0x1.0p-53;
                double x = st->position.value + 10.0 * u - 5.0;
                positions(&in, run, is)[n] = x < 0 ? 0 : x > 100 ? 100 : x;
            }
            n++;
        }
        in.n[is] = n;
    }
    runner_t old_r, new_r;
    if (!runner_open(&old_r, &bench_bdm_baseline, in.max_n) ||
        !runner_open(&new_r, pacta_model_find("bdm"), in.max_n)) {
        fprintf(stderr, "bdm_speed: cannot set up the models\n");
        return 1;
    }
    double old_best = INFINITY, new_best = INFINITY;
    for (size_t k = 0; k < repeat; k++) {
        old_best = fmin(old_best, batch(&old_r, &in, old_out));
        new_best = fmin(new_best, batch(&new_r, &in, new_out));
    }
    size_t differ = 0;
    double worst = 0.0;
    for (size_t i = 0; i < runs * in.n_issues; i++) {
        double a = old_out[i], b = new_out[i];
        if (isnan(a) != isnan(b)) {
            differ++;
            continue;
        }
        if (isnan(a))
            continue;
        double rel = fabs(a - b) / fmax(fabs(a), 1.0);
        worst = fmax(worst, rel);
        if (rel > 1e-12)
            differ++;
    }
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
    runner_close(&old_r);
    runner_close(&new_r);
    for (size_t is = 0; is < in.n_issues; is++) {
        free(in.s[is]);
        free(in.c[is]);
    }
    free(in.n);
    free(in.s);
    free(in.c);
    free(in.x);
    free(old_out);
    free(new_out);
    pacta_scenario_destroy(sc);
    return differ == 0 ? 0 : 1;
}
