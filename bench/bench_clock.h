/* What the benchmarks share: a monotonic clock and the machine's load, reported beside each
 * figure so that a reader can tell a quiet machine from a busy one. */
#ifndef PACTA_BENCH_CLOCK_H
#define PACTA_BENCH_CLOCK_H

#include <stdio.h>
#include <time.h>

/* The one-minute load average (Linux), or -1. */
static inline double bench_load_average(void)
{
    FILE *f = fopen("/proc/loadavg", "r");
    double v = -1;
    if (f != NULL) {
        if (fscanf(f, "%lf", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

/* Seconds on the monotonic clock. */
static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#endif
