/* A bump allocator: many small allocations freed together. A scenario keeps all its
 * strings and arrays in one arena, so destroying it (or abandoning a half-built one after
 * an error) is a single call that cannot leak. */
#ifndef PACTA_CORE_ARENA_H
#define PACTA_CORE_ARENA_H

#include <stddef.h>

typedef struct pacta_arena pacta_arena_t;

pacta_arena_t *pacta_arena_create(void);
void pacta_arena_destroy(pacta_arena_t *arena);
/* Forget every allocation but keep the memory, so a loop that allocates the same amounts
 * each time stops calling malloc after its first pass. */
void pacta_arena_reset(pacta_arena_t *arena);
/* Zeroed, 16-byte aligned memory; NULL on overflow or allocation failure. */
void *pacta_arena_alloc(pacta_arena_t *arena, size_t count, size_t size);
char *pacta_arena_strndup(pacta_arena_t *arena, const char *s, size_t n);
char *pacta_arena_strdup(pacta_arena_t *arena, const char *s);

#endif
