/* The expected-utility (BDM) model's time per round, fast kernel against naive, on
 * synthetic single-issue instances of 10, 100, 1 000 and 10 000 actors, for the paper and
 * scholz-code profiles. Prints a Markdown table (docs/performance.md keeps the figures).
 *
 * Usage: bdm_round [--max-naive SECONDS] [--sizes N,N,...] [--profile paper|scholz-code]
 *
 * Instances: actor i gets position U(0, 100), salience U(10, 100) and capability U(1, 10),
 * drawn in that order from SplitMix64 (Steele, Lea & Flood, OOPSLA 2014) seeded with 2026
 * plus the number of actors; a double is the top 53 bits times 2^-53. One run is one round
 * (rounds=1) through the public API in a workspace made once (pacta_model_forecast), so it
 * includes the round-0 median, which is O(n log n). A batch repeats the run until 0.2 s have
 * passed (at least once) and gives the mean; fast and naive batches alternate, up to 5 of
 * each or until a kernel has used 20 s, and the fastest batch counts, so that load from
 * other processes on a shared machine inflates neither side more than the other. A naive
 * kernel is skipped when the previous size's naive time, scaled by (n / n_previous)^3,
 * exceeds --max-naive (default 60 s); the table then gives that estimate in brackets. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pacta/pacta.h>

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double uniform(uint64_t *state, double lo, double hi)
{
    return lo + (hi - lo) * ((double)(splitmix64(state) >> 11) * 0x1.0p-53);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* One kernel's configuration and workspace, and its best batch so far. */
typedef struct runner {
    pacta_model_config_t *config;
    pacta_workspace_t *workspace;
    double best;  /* seconds per run in the fastest batch */
    double spent; /* seconds in all batches */
} runner_t;

static bool runner_open(runner_t *r, const char *profile, const char *kernel, size_t n)
{
    memset(r, 0, sizeof *r);
    r->best = INFINITY;
    pacta_settings_t *set = NULL;
    char setting[32];
    snprintf(setting, sizeof setting, "kernel=%s", kernel);
    bool ok = pacta_settings_create(&set) == PACTA_OK &&
              pacta_settings_parse(set, setting) == PACTA_OK &&
              pacta_settings_parse(set, "rounds=1") == PACTA_OK &&
              pacta_model_config_create(&r->config, pacta_model_find("bdm"), profile, set,
                                        false, NULL) == PACTA_OK;
    pacta_settings_destroy(set);
    const pacta_model_config_t *configs[1] = {r->config};
    return ok && pacta_workspace_create(&r->workspace, configs, 1, n) == PACTA_OK;
}

static void runner_close(runner_t *r)
{
    pacta_workspace_destroy(r->workspace);
    pacta_model_config_destroy(r->config);
}

/* One batch; false on failure. */
static bool batch(runner_t *r, const pacta_issue_data_t *data)
{
    double start = now(), elapsed = 0.0, forecast;
    bool defined;
    int runs = 0;
    do {
        if (pacta_model_forecast(r->config, data, r->workspace, &forecast, &defined) !=
                PACTA_OK ||
            !defined)
            return false;
        runs++;
        elapsed = now() - start;
    } while (elapsed < 0.2);
    r->spent += elapsed;
    if (elapsed / runs < r->best)
        r->best = elapsed / runs;
    return true;
}

static void print_time(double seconds)
{
    if (seconds >= 1.0)
        printf("%.2f s", seconds);
    else if (seconds >= 1e-3)
        printf("%.2f ms", seconds * 1e3);
    else
        printf("%.1f µs", seconds * 1e6);
}

int main(int argc, char **argv)
{
    double max_naive = 60.0;
    size_t sizes[16] = {10, 100, 1000, 10000};
    size_t n_sizes = 4;
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--max-naive") == 0 && i + 1 < argc) {
            max_naive = atof(argv[++i]);
        } else if (strcmp(argv[i], "--sizes") == 0 && i + 1 < argc) {
            n_sizes = 0;
            for (char *tok = strtok(argv[++i], ","); tok && n_sizes < 16; tok = strtok(NULL, ","))
                sizes[n_sizes++] = (size_t)strtoul(tok, NULL, 10);
        } else if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
            only = argv[++i];
        } else {
            fprintf(stderr,
                    "usage: %s [--max-naive SECONDS] [--sizes N,N,...] [--profile NAME]\n",
                    argv[0]);
            return 2;
        }
    }
    static const char *const profiles[] = {"paper", "scholz-code"};
    printf("| profile | actors | fast | naive | naive / fast |\n");
    printf("|---|---:|---:|---:|---:|\n");
    for (int p = 0; p < 2; p++) {
        if (only != NULL && strcmp(only, profiles[p]) != 0)
            continue;
        double naive_previous = -1.0;
        size_t n_previous = 0;
        for (size_t s = 0; s < n_sizes; s++) {
            size_t n = sizes[s];
            double *x = malloc(n * sizeof *x), *sal = malloc(n * sizeof *sal),
                   *cap = malloc(n * sizeof *cap);
            if (x == NULL || sal == NULL || cap == NULL)
                return 1;
            uint64_t state = 2026 + (uint64_t)n;
            for (size_t i = 0; i < n; i++) {
                x[i] = uniform(&state, 0, 100);
                sal[i] = uniform(&state, 10, 100);
                cap[i] = uniform(&state, 1, 10);
            }
            pacta_issue_data_t data = {n, x, sal, cap, NULL, false, 0};
            double estimate = naive_previous > 0
                                  ? naive_previous * pow((double)n / (double)n_previous, 3)
                                  : 0.0;
            bool with_naive = estimate <= max_naive;
            runner_t fast_r, naive_r;
            if (!runner_open(&fast_r, profiles[p], "fast", n) ||
                (with_naive && !runner_open(&naive_r, profiles[p], "naive", n))) {
                fprintf(stderr, "bdm_round: cannot set up %s on %zu actors\n", profiles[p], n);
                return 1;
            }
            for (int rep = 0; rep < 5; rep++) {
                bool more = false;
                if (rep == 0 || fast_r.spent < 20.0) {
                    more = true;
                    if (!batch(&fast_r, &data))
                        return 1;
                }
                if (with_naive && (rep == 0 || naive_r.spent < 20.0)) {
                    more = true;
                    if (!batch(&naive_r, &data))
                        return 1;
                }
                if (!more)
                    break;
            }
            double fast = fast_r.best, naive = with_naive ? naive_r.best : -1.0;
            runner_close(&fast_r);
            if (with_naive)
                runner_close(&naive_r);
            printf("| %s | %zu | ", profiles[p], n);
            print_time(fast);
            printf(" | ");
            if (naive > 0) {
                print_time(naive);
                printf(" | %.*f× |\n", naive / fast < 10 ? 1 : 0, naive / fast);
                naive_previous = naive;
                n_previous = n;
            } else {
                printf("[~");
                print_time(estimate);
                printf(", skipped] | [~%.0f×] |\n", estimate / fast);
            }
            fflush(stdout);
            free(x);
            free(sal);
            free(cap);
        }
    }
    return 0;
}
