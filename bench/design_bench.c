/* pacta design's running time on a scenario (default: the shipped Ukraine scenario): the
 * point search alone, then a robust design (--runs, default 1000 draws with positions jittered
 * by 5 points and the war's p and costs by 0.05) on 1 and on 2 threads side by side, with the
 * ratio of the two, and the same with ten times the draws, where the draws dominate. Prints
 * Markdown (docs/performance.md keeps it).
 *
 * Usage: design_bench [--runs N] [--scenario FILE]
 *
 * Method: a measurement is pacta_design through the public API (what `pacta design` does
 * minus reading the file and printing). Each configuration is timed three times, alternating
 * 1 and 2 threads, and the fastest counts, so that load from other processes on a shared
 * machine inflates neither side more than the other. The JSON of the 1- and 2-thread designs
 * is compared byte for byte: the benchmark refuses to report a speed-up of wrong answers. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pacta/pacta.h>

#include "bench_clock.h"

/* One design; returns seconds (negative on failure) and, when json is given, its JSON. */
static double measure(const pacta_scenario_t *s, const pacta_design_options_t *o, char **json,
                      size_t *size, size_t *n_candidates)
{
    pacta_design_t *d = NULL;
    double start = bench_now();
    pacta_status st = pacta_design(&d, s, o, NULL);
    double seconds = bench_now() - start;
    if (st == PACTA_OK && json != NULL) {
        FILE *f = open_memstream(json, size);
        st = f == NULL ? PACTA_ENOMEM : pacta_design_write_json(d, s, f);
        if (f != NULL)
            fclose(f);
    }
    if (st == PACTA_OK && n_candidates != NULL)
        *n_candidates = d->n_candidates;
    pacta_design_destroy(d);
    return st == PACTA_OK ? seconds : -1.0;
}

/* One row: the robust design with runs draws on 1 and 2 threads, alternating, fastest of
 * three; false when a design fails or the two differ. */
static bool robust_row(const pacta_scenario_t *s, pacta_design_options_t *o, uint64_t runs)
{
    double best[2] = {1e300, 1e300};
    char *json[2] = {NULL, NULL};
    size_t size[2] = {0, 0}, n_candidates = 0;
    bool ok = true;
    o->runs = runs;
    for (int rep = 0; ok && rep < 3; rep++)
        for (unsigned t = 0; ok && t < 2; t++) {
            o->threads = t + 1;
            double sec = measure(s, o, rep == 0 ? &json[t] : NULL, &size[t], &n_candidates);
            ok = sec >= 0;
            if (sec < best[t])
                best[t] = sec;
        }
    if (!ok)
        fprintf(stderr, "design_bench: a design failed\n");
    else if (size[0] == 0 || size[0] != size[1] || memcmp(json[0], json[1], size[0]) != 0) {
        fprintf(stderr, "design_bench: 1 and 2 threads gave different designs\n");
        ok = false;
    } else {
        printf("| robust (%zu deals judged per draw) | %llu | %.2f s | %.2f s | %.2f× |\n",
               n_candidates, (unsigned long long)runs, best[0], best[1], best[0] / best[1]);
    }
    free(json[0]);
    free(json[1]);
    return ok;
}

int main(int argc, char **argv)
{
    const char *path = "examples/ukraine-2025.yaml";
    unsigned long long runs = 1000;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--scenario") == 0 && i + 1 < argc)
            path = argv[++i];
        else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = strtoull(argv[++i], NULL, 10);
        else {
            fprintf(stderr, "usage: design_bench [--runs N] [--scenario FILE]\n");
            return 2;
        }
    }
    pacta_scenario_t *s = NULL;
    if (pacta_scenario_load(&s, path, NULL) != PACTA_OK || runs == 0) {
        fprintf(stderr, "design_bench: cannot load %s (run from the repository root)\n", path);
        pacta_scenario_destroy(s);
        return 3;
    }
    pacta_jitter_t jitter[2] = {{PACTA_FIELD_POSITION, 5.0, false}, {PACTA_FIELD_WAR, 0.05, false}};
    pacta_design_options_t o;
    pacta_design_options_default(&o);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    printf("Scenario %s: %zu actors, %zu issues, %zu proposals; %ld cores; load average %.1f "
           "at the start.\n\n",
           path, s->n_actors, s->n_issues, s->n_proposals, cores, bench_load_average());
    printf("| design | runs | 1 thread | 2 threads | ratio 1 : 2 |\n|---|---:|---:|---:|---:|\n");
    double point = 1e300;
    bool ok = true;
    for (int rep = 0; ok && rep < 3; rep++) {
        double sec = measure(s, &o, NULL, NULL, NULL);
        ok = sec >= 0;
        if (sec < point)
            point = sec;
    }
    if (ok)
        printf("| point search only (one thread) | 0 | %.2f s | | |\n", point);
    o.jitter = jitter;
    o.n_jitter = 2;
    /* The asked number of draws, then ten times as many, where the draws dominate. */
    ok = ok && robust_row(s, &o, runs) && robust_row(s, &o, 10 * runs);
    printf("\nThe 1- and 2-thread designs wrote byte-identical JSON. Load average %.1f at the "
           "end.\n",
           bench_load_average());
    pacta_scenario_destroy(s);
    return ok ? 0 : 1;
}
