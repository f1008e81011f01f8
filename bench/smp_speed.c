/* The smp model (KTAB's Spatial Model of Politics) against a frozen copy of it from before
 * issue 18 made it scale (bench/baseline/smp_baseline*, the code of commit 5c12a08), in one
 * run: wall time of each to KTAB's stopping rule on the same synthetic scenario, their
 * ratio, and whether both recorded the same history (every round's positions, ideals and
 * risk attitudes, bit for bit). A speed-up of a different history is reported as a failure
 * (exit 1).
 *
 * Usage: smp_speed [--actors N] [--dims D] [--seed S] [--new-only] [--set KEY=VALUE]...
 *   defaults: 300 actors, 1 dimension, seed 100 N + D (bench/run-smp.sh's files)
 *
 * The scenario is the one `smp_bench generate N D S` writes (smp_scenario.h, numbers
 * rounded to 2 decimals as in the file), built in memory. --set passes
 * model options to both (threads=2, say; results do not depend on it). --new-only skips the
 * old code (at 1000 actors it takes about 5.5 minutes). The models run through their
 * run_joint entry points, as pacta forecast runs them, without reading or writing files. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "models/model_internal.h"

#include <pacta/pacta.h>

#include "smp_scenario.h"

extern const pacta_model_t bench_smp_baseline;
extern const pacta_model_t pacta_model_smp;

static double clock_seconds(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct timing {
    double wall, cpu;
} timing_t;

/* Parse the model's options: defaults, then KEY=VALUE overrides. */
static void *parse_options(const pacta_model_t *model, int n_set, char **set)
{
    const char *values[64];
    if (model->n_options > 64)
        return NULL;
    for (size_t i = 0; i < model->n_options; i++) {
        values[i] = model->options[i].default_value;
        for (int k = 0; k < n_set; k++) {
            size_t len = strlen(model->options[i].key);
            if (strncmp(set[k], model->options[i].key, len) == 0 && set[k][len] == '=')
                values[i] = set[k] + len + 1;
        }
    }
    void *params = calloc(1, model->params_size);
    if (params != NULL && model->parse(params, values, NULL) != PACTA_OK) {
        free(params);
        params = NULL;
    }
    return params;
}

/* One run of a model: wall and process CPU seconds, wall negative on failure. */
static timing_t run(const pacta_model_t *model, void *params, const pacta_joint_data_t *data,
                    pacta_model_result_t *results)
{
    for (size_t d = 0; d < data->k; d++) {
        pacta_model_result_init(&results[d]);
        results[d].n_actors = data->n;
    }
    const double wall = clock_seconds(CLOCK_MONOTONIC);
    const double cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    pacta_status st = model->run_joint(params, data, results, NULL);
    timing_t t = {clock_seconds(CLOCK_MONOTONIC) - wall,
                  clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu};
    if (st != PACTA_OK)
        t.wall = -1.0;
    return t;
}

static bool same(const pacta_model_result_t *a, const pacta_model_result_t *b, size_t D, size_t n)
{
    for (size_t d = 0; d < D; d++) {
        if (a[d].n_rounds != b[d].n_rounds || a[d].forecast != b[d].forecast)
            return false;
        for (size_t t = 0; t < a[d].n_rounds; t++) {
            const pacta_round_t *ra = &a[d].rounds[t], *rb = &b[d].rounds[t];
            for (size_t i = 0; i < n; i++)
                if (ra->position[i] != rb->position[i] || ra->ideal[i] != rb->ideal[i] ||
                    (ra->risk != NULL && ra->risk[i] != rb->risk[i]))
                    return false;
        }
    }
    return true;
}

/* FNV-1a over the bits of every round's positions, ideals and risk attitudes, the round
 * counts and forecasts: with --new-only, a fingerprint of the history to compare between
 * builds where running the old code would take minutes (1000 actors). */
static uint64_t fnv(uint64_t h, const void *p, size_t size)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < size; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

static uint64_t digest(const pacta_model_result_t *a, size_t D, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t d = 0; d < D; d++) {
        h = fnv(h, &a[d].n_rounds, sizeof a[d].n_rounds);
        h = fnv(h, &a[d].forecast, sizeof a[d].forecast);
        for (size_t t = 0; t < a[d].n_rounds; t++) {
            const pacta_round_t *r = &a[d].rounds[t];
            h = fnv(h, r->position, n * sizeof *r->position);
            h = fnv(h, r->ideal, n * sizeof *r->ideal);
            if (r->risk != NULL)
                h = fnv(h, r->risk, n * sizeof *r->risk);
        }
    }
    return h;
}

int main(int argc, char **argv)
{
    size_t n = 300, D = 1;
    uint64_t seed = 0;
    bool new_only = false;
    char *set[32];
    int n_set = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--actors") == 0 && i + 1 < argc)
            n = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--dims") == 0 && i + 1 < argc)
            D = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--set") == 0 && i + 1 < argc && n_set < 32)
            set[n_set++] = argv[++i];
        else if (strcmp(argv[i], "--new-only") == 0)
            new_only = true;
        else {
            fprintf(stderr, "usage: smp_speed [--actors N] [--dims D] [--seed S] [--new-only] "
                            "[--set KEY=VALUE]...\n");
            return 2;
        }
    }
    if (n < 2 || D < 1 || D > 100)
        return 2;
    if (seed == 0)
        seed = 100 * n + D;
    double *x = calloc(n * D, sizeof(double)), *s = calloc(n * D, sizeof(double));
    double *c = calloc(n, sizeof(double));
    pacta_model_result_t *old_r = calloc(D, sizeof *old_r), *new_r = calloc(D, sizeof *new_r);
    void *old_p = parse_options(&bench_smp_baseline, n_set, set);
    void *new_p = parse_options(&pacta_model_smp, n_set, set);
    if (!x || !s || !c || !old_r || !new_r || !old_p || !new_p) {
        fprintf(stderr, "smp_speed: out of memory or a bad --set\n");
        return 1;
    }
    smp_scenario_generate(seed, n, D, x, s, c);
    smp_scenario_as_written(n * D, x);
    smp_scenario_as_written(n * D, s);
    smp_scenario_as_written(n, c);
    pacta_joint_data_t data = {n, D, x, s, c, NULL};
    timing_t t_new = run(&pacta_model_smp, new_p, &data, new_r);
    timing_t t_old = {0.0, 0.0};
    if (!new_only)
        t_old = run(&bench_smp_baseline, old_p, &data, old_r);
    if (t_new.wall < 0 || t_old.wall < 0) {
        fprintf(stderr, "smp_speed: a run failed\n");
        return 1;
    }
    size_t rounds = new_r[0].n_rounds - 1;
    printf("smp, %zu actors x %zu dimensions (seed %llu), %zu rounds to KTAB's stopping rule", n, D,
           (unsigned long long)seed, rounds);
    for (int k = 0; k < n_set; k++)
        printf(", %s", set[k]);
    printf("\n| code | wall (s) | per round (s) | CPU (s) |\n|---|---:|---:|---:|\n");
    if (!new_only)
        printf("| before issue 18 (bench/baseline) | %.3f | %.4f | %.3f |\n", t_old.wall,
               t_old.wall / (double)rounds, t_old.cpu);
    printf("| now | %.3f | %.4f | %.3f |\n", t_new.wall, t_new.wall / (double)rounds, t_new.cpu);
    printf("history digest (FNV-1a of every round's bits): %016llx\n",
           (unsigned long long)digest(new_r, D, n));
    int code = 0;
    if (!new_only) {
        bool identical = same(old_r, new_r, D, n);
        printf("speed-up: %.2fx wall, %.2fx CPU; histories %s\n", t_old.wall / t_new.wall,
               t_old.cpu / t_new.cpu,
               identical ? "identical (every round, bit for bit)" : "DIFFER");
        code = identical ? 0 : 1;
    }
    for (size_t d = 0; d < D; d++) {
        pacta_model_result_destroy(&old_r[d]);
        pacta_model_result_destroy(&new_r[d]);
    }
    free(old_r);
    free(new_r);
    free(old_p);
    free(new_p);
    free(x);
    free(s);
    free(c);
    return code;
}
