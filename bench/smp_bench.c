/* Benchmark of the smp model (KTAB's Spatial Model of Politics), through the public API.
 *
 *   smp_bench generate ACTORS DIMS SEED      write a synthetic scenario in KTAB's CSV layout
 *   smp_bench run FILE [REPEATS] [--set K=V]...   time smp on FILE
 *
 * generate: actors as KTAB's own random scenarios make them (smp_scenario.h); numbers are
 * written with 2 decimals, as in KTAB's examples. KTAB itself reads at most 250 actors.
 *
 * run: loads FILE, runs smp to KTAB's stopping rule REPEATS times (default 3) and prints one
 * line: file, actors, dimensions, rounds, the median wall time in total and per round
 * (including reading the file and the output arrays, excluding nothing), and the peak
 * resident memory of the process. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <pacta/pacta.h>

#include "smp_scenario.h"

static int generate(long actors, long dims, unsigned long long seed)
{
    if (actors < 1 || dims < 1 || dims > 100) {
        fprintf(stderr, "smp_bench: generate needs ACTORS >= 1 and 1 <= DIMS <= 100\n");
        return 2;
    }
    const size_t n = (size_t)actors, D = (size_t)dims;
    double *x = malloc(n * D * sizeof(double)), *s = malloc(n * D * sizeof(double));
    double *c = malloc(n * sizeof(double));
    if (x == NULL || s == NULL || c == NULL) {
        free(x);
        free(s);
        free(c);
        return 1;
    }
    smp_scenario_generate(seed, n, D, x, s, c);
    printf("Synthetic-%ld-%ld,Synthetic SMP scenario (SplitMix64 seed %llu),%ld,%ld,\n", actors,
           dims, seed, actors, dims);
    printf("Actor,Description,Power");
    for (long d = 0; d < dims; d++)
        printf(",Dim-%ld,Sal-%ld", d + 1, d + 1);
    printf(",\n");
    for (size_t i = 0; i < n; i++) {
        printf("SActor-%04zu,Random spatial actor,%.2f", i, c[i]);
        for (size_t d = 0; d < D; d++)
            printf(",%.2f,%.2f", x[i * D + d], s[i * D + d]);
        printf(",\n");
    }
    free(x);
    free(s);
    free(c);
    return fflush(stdout) == 0 ? 0 : 5;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int run(const char *path, int repeats, int n_set, char **set)
{
    pacta_settings_t *settings = NULL;
    if (pacta_settings_create(&settings) != PACTA_OK)
        return 1;
    for (int i = 0; i < n_set; i++)
        if (pacta_settings_parse(settings, set[i]) != PACTA_OK) {
            fprintf(stderr, "smp_bench: bad setting '%s'\n", set[i]);
            pacta_settings_destroy(settings);
            return 2;
        }
    const char *models[] = {"smp"};
    double times[64];
    size_t actors = 0, dims = 0, rounds = 0;
    int code = 0;
    for (int r = 0; r < repeats && code == 0; r++) {
        double start = now();
        pacta_scenario_t *s = NULL;
        pacta_forecast_t *f = NULL;
        pacta_diag_t *diag = NULL;
        pacta_diag_create(&diag);
        pacta_status st = pacta_scenario_load(&s, path, diag);
        if (st == PACTA_OK) {
            pacta_forecast_options_t o;
            pacta_forecast_options_default(&o);
            o.models = models;
            o.n_models = 1;
            o.settings = settings;
            st = pacta_forecast_run(&f, s, &o, diag);
        }
        times[r] = now() - start;
        if (st != PACTA_OK) {
            for (size_t i = 0; i < pacta_diag_count(diag); i++)
                fprintf(stderr, "smp_bench: %s:%d: %s\n", path, pacta_diag_get(diag, i)->line,
                        pacta_diag_get(diag, i)->message);
            code = 1;
        } else {
            actors = s->n_actors;
            dims = s->n_issues;
            rounds = f->issues[0].entries[0].result.n_rounds - 1;
        }
        pacta_forecast_destroy(f);
        pacta_scenario_destroy(s);
        pacta_diag_destroy(diag);
    }
    pacta_settings_destroy(settings);
    if (code != 0)
        return code;
    qsort(times, (size_t)repeats, sizeof times[0], compare);
    double median = times[repeats / 2];
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    const char *name = strrchr(path, '/');
    printf("%-28s %6zu %4zu %6zu %11.4f %12.6f %9.1f\n", name ? name + 1 : path, actors, dims,
           rounds, median, rounds ? median / (double)rounds : 0.0, usage.ru_maxrss / 1024.0);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "generate") == 0)
        return generate(strtol(argv[2], NULL, 10), strtol(argv[3], NULL, 10),
                        strtoull(argv[4], NULL, 10));
    if (argc >= 3 && strcmp(argv[1], "run") == 0) {
        int repeats = 3, first_set = 3;
        if (argc >= 4 && strcmp(argv[3], "--set") != 0) {
            repeats = atoi(argv[3]);
            first_set = 4;
        }
        if (repeats < 1 || repeats > 64) {
            fprintf(stderr, "smp_bench: REPEATS must be 1 to 64\n");
            return 2;
        }
        char *set[64];
        int n_set = 0;
        for (int i = first_set; i + 1 < argc && n_set < 64; i += 2)
            if (strcmp(argv[i], "--set") == 0)
                set[n_set++] = argv[i + 1];
        return run(argv[2], repeats, n_set, set);
    }
    if (argc == 2 && strcmp(argv[1], "header") == 0) {
        printf("%-28s %6s %4s %6s %11s %12s %9s\n", "scenario", "actors", "dims", "rounds",
               "total_s", "per_round_s", "peak_MiB");
        return 0;
    }
    fprintf(stderr, "usage: smp_bench generate ACTORS DIMS SEED\n"
                    "       smp_bench run FILE [REPEATS] [--set KEY=VALUE]...\n"
                    "       smp_bench header\n");
    return 2;
}
