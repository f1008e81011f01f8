/* A parallel loop over [0, n) on a few threads (POSIX threads). Work is handed out in
 * chunks from a shared counter, so threads that finish early take more; results are the
 * same for any thread count as long as the body writes only the outputs of the indices it
 * is given (and per-thread workspaces indexed by `thread`). */
#ifndef PACTA_CORE_PARALLEL_H
#define PACTA_CORE_PARALLEL_H

#include <stddef.h>

/* The body: handle indices [lo, hi) as thread number `thread` (0 <= thread < threads). */
typedef void (*pacta_parallel_body)(void *context, size_t lo, size_t hi, size_t thread);

/* Run body over [0, n) with at most `threads` threads (the caller's among them). When a
 * thread cannot be started its share runs on the threads that did start, so this never
 * fails. threads <= 1 runs everything on the caller's thread. */
void pacta_parallel_for(size_t threads, size_t n, pacta_parallel_body body, void *context);

/* Number of processors online, at least 1. */
size_t pacta_processor_count(void);

#endif
