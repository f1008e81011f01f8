/* The parallel loop of parallel.h: a shared atomic chunk counter, POSIX threads. (C11's
 * thrd_create would do, but ThreadSanitizer, as shipped with GCC 12, does not follow
 * threads started that way.) */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/parallel.h"

typedef struct loop {
    pacta_parallel_body body;
    void *context;
    size_t n;
    size_t chunk;
    atomic_size_t next;
} loop_t;

typedef struct worker {
    loop_t *loop;
    size_t thread;
} worker_t;

static void drain(loop_t *loop, size_t thread)
{
    for (;;) {
        size_t lo = atomic_fetch_add(&loop->next, loop->chunk);
        if (lo >= loop->n)
            return;
        size_t hi = loop->n - lo < loop->chunk ? loop->n : lo + loop->chunk;
        loop->body(loop->context, lo, hi, thread);
    }
}

static void *start(void *arg)
{
    worker_t *w = arg;
    drain(w->loop, w->thread);
    return NULL;
}

void pacta_parallel_for(size_t threads, size_t n, pacta_parallel_body body, void *context)
{
    if (n == 0)
        return;
    if (threads > n)
        threads = n;
    if (threads <= 1) {
        body(context, 0, n, 0);
        return;
    }
    loop_t loop = {body, context, n, 0, 0};
    /* About eight chunks per thread balances uneven rows without much counter traffic. */
    loop.chunk = n / (8 * threads);
    if (loop.chunk == 0)
        loop.chunk = 1;
    atomic_init(&loop.next, 0);
    pthread_t *ids = pacta_calloc(threads, sizeof(pthread_t));
    worker_t *workers = pacta_calloc(threads, sizeof(worker_t));
    bool *started = pacta_calloc(threads, sizeof(bool));
    if (ids == NULL || workers == NULL || started == NULL) {
        drain(&loop, 0);
    } else {
        for (size_t t = 1; t < threads; t++) {
            workers[t] = (worker_t){&loop, t};
            started[t] = pthread_create(&ids[t], NULL, start, &workers[t]) == 0;
        }
        drain(&loop, 0);
        for (size_t t = 1; t < threads; t++)
            if (started[t])
                pthread_join(ids[t], NULL);
    }
    pacta_free(ids);
    pacta_free(workers);
    pacta_free(started);
}

size_t pacta_processor_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}
