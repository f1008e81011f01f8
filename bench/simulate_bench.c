/* pacta simulate's throughput on a scenario (default: the shipped Ukraine scenario):
 * replicates per second for each model alone and for the three baseline models together,
 * on 1 and on 2 threads side by side, then the issue's targets at full size: 100 000
 * replicates with the three baseline models, and with the BDM model (10 rounds), on every
 * core. Each replicate draws the scenario's uncertain inputs and, as the command does by
 * default, also judges every proposal. Prints Markdown (docs/performance.md keeps it).
 *
 * Usage: simulate_bench [--quick] [--scenario FILE]
 *   --quick  skip the two full-size target runs
 *
 * Method: a measurement is pacta_simulation_create + run + finish through the public API
 * (what `pacta simulate` does minus reading the file and printing). Throughput runs are
 * repeated three times per thread count, alternating 1 and 2 threads, and the fastest
 * counts, so that load from other processes on a shared machine inflates neither side more
 * than the other. The accumulators of the 1- and 2-thread runs are compared byte for byte:
 * the benchmark refuses to report a speed-up of wrong answers. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pacta/pacta.h>

#include "bench_clock.h"

typedef struct setup {
    const char *label;
    const char *const *models;
    size_t n_models;
    uint64_t runs; /* per throughput measurement */
} setup_t;

/* Run one simulation; returns seconds (negative on failure) and its serialised sums. */
static double measure(const pacta_scenario_t *s, const setup_t *u, uint64_t runs,
                      unsigned threads, void **bytes, size_t *size)
{
    pacta_simulate_options_t o;
    pacta_simulate_options_default(&o);
    o.runs = runs;
    o.threads = threads;
    o.seed = 2026;
    o.forecast.models = u->models;
    o.forecast.n_models = u->n_models;
    o.evaluate = s->n_proposals > 0;
    pacta_simulation_t *sim = NULL;
    double start = bench_now();
    pacta_status st = pacta_simulation_create(&sim, s, &o, NULL);
    if (st == PACTA_OK)
        st = pacta_simulation_run(sim);
    if (st == PACTA_OK)
        st = pacta_simulation_finish(sim);
    double seconds = bench_now() - start;
    if (st == PACTA_OK && bytes != NULL)
        st = pacta_simulation_serialize(sim, bytes, size);
    pacta_simulation_destroy(sim);
    return st == PACTA_OK ? seconds : -1.0;
}

static bool throughput(const pacta_scenario_t *s, const setup_t *u)
{
    double best[2] = {1e300, 1e300};
    void *first[2] = {NULL, NULL};
    size_t first_size[2] = {0, 0};
    for (int rep = 0; rep < 3; rep++)
        for (unsigned t = 0; t < 2; t++) {
            void *bytes = NULL;
            size_t size = 0;
            double sec = measure(s, u, u->runs, t + 1, rep == 0 ? &bytes : NULL, &size);
            if (sec < 0) {
                fprintf(stderr, "simulate_bench: %s failed\n", u->label);
                return false;
            }
            if (rep == 0) {
                first[t] = bytes;
                first_size[t] = size;
            }
            if (sec < best[t])
                best[t] = sec;
        }
    bool same = first_size[0] == first_size[1] && first_size[0] > 0 &&
                memcmp(first[0], first[1], first_size[0]) == 0;
    free(first[0]);
    free(first[1]);
    if (!same) {
        fprintf(stderr, "simulate_bench: %s: 1 and 2 threads gave different sums\n", u->label);
        return false;
    }
    double r1 = (double)u->runs / best[0], r2 = (double)u->runs / best[1];
    printf("| %s | %llu | %.0f | %.0f | %.2f× | %.1f s |\n", u->label,
           (unsigned long long)u->runs, r1, r2, r2 / r1, 100000.0 / r2);
    return true;
}

static bool target(const pacta_scenario_t *s, const setup_t *u, double limit, unsigned threads)
{
    double sec = measure(s, u, 100000, threads, NULL, NULL);
    if (sec < 0) {
        fprintf(stderr, "simulate_bench: %s failed\n", u->label);
        return false;
    }
    printf("| %s | 100000 | %u | %.1f s | ≤ %.0f s | %s |\n", u->label, threads, sec, limit,
           sec <= limit ? "met" : "NOT met");
    return true;
}

int main(int argc, char **argv)
{
    const char *path = "examples/ukraine-2025.yaml";
    bool quick = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0)
            quick = true;
        else if (strcmp(argv[i], "--scenario") == 0 && i + 1 < argc)
            path = argv[++i];
        else {
            fprintf(stderr, "usage: simulate_bench [--quick] [--scenario FILE]\n");
            return 2;
        }
    }
    pacta_scenario_t *s = NULL;
    if (pacta_scenario_load(&s, path, NULL) != PACTA_OK) {
        fprintf(stderr, "simulate_bench: cannot load %s (run from the repository root)\n", path);
        return 3;
    }
    static const char *const compromise[] = {"compromise"}, *const median[] = {"median"},
                             *const nash[] = {"nash"}, *const bdm[] = {"bdm"},
                             *const baseline[] = {"compromise", "median", "nash"};
    const setup_t setups[] = {
        {"compromise", compromise, 1, 20000},
        {"median", median, 1, 20000},
        {"nash", nash, 1, 20000},
        {"bdm (10 rounds)", bdm, 1, 2000},
        {"compromise, median, nash", baseline, 3, 20000},
    };
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    printf("Scenario %s: %zu actors, %zu issues, %zu proposals judged in every replicate; "
           "%ld cores; load average %.1f at the start.\n\n",
           path, s->n_actors, s->n_issues, s->n_proposals, cores, bench_load_average());
    printf("| models | runs | replicates/s, 1 thread | replicates/s, 2 threads | speed-up | "
           "100 000 runs at 2 threads |\n|---|---:|---:|---:|---:|---:|\n");
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof setups / sizeof setups[0]; i++)
        ok = throughput(s, &setups[i]);
    if (ok && !quick) {
        unsigned threads = cores > 0 ? (unsigned)cores : 1;
        printf("\n| target | runs | threads | time | limit | |\n|---|---:|---:|---:|---:|---|\n");
        ok = target(s, &setups[4], 10, threads) && target(s, &setups[3], 120, threads);
    }
    printf("\nLoad average %.1f at the end.\n", bench_load_average());
    pacta_scenario_destroy(s);
    return ok ? 0 : 1;
}
