#include "core/arena.h"

#include <stdint.h>
#include <string.h>

#include "core/alloc.h"

enum { ARENA_ALIGN = 16, ARENA_CHUNK = 64 * 1024 };

typedef struct chunk {
    struct chunk *next;
    size_t used;
    size_t capacity;
    _Alignas(16) unsigned char data[];
} chunk_t;

/* Chunks form a list; allocation fills the current chunk, then moves on to the next one
 * already in the list (after a reset) before asking malloc for a new one. */
struct pacta_arena {
    chunk_t *head;
    chunk_t *current;
};

pacta_arena_t *pacta_arena_create(void)
{
    return pacta_calloc(1, sizeof(pacta_arena_t));
}

void pacta_arena_destroy(pacta_arena_t *arena)
{
    if (arena == NULL)
        return;
    chunk_t *c = arena->head;
    while (c != NULL) {
        chunk_t *next = c->next;
        pacta_free(c);
        c = next;
    }
    pacta_free(arena);
}

void pacta_arena_reset(pacta_arena_t *arena)
{
    for (chunk_t *c = arena->head; c != NULL; c = c->next)
        c->used = 0;
    arena->current = arena->head;
}

void *pacta_arena_alloc(pacta_arena_t *arena, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    size_t bytes = count * size;
    if (bytes > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    bytes = (bytes + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (bytes == 0)
        bytes = ARENA_ALIGN;

    chunk_t *c = arena->current;
    while (c != NULL && c->capacity - c->used < bytes && c->next != NULL) {
        c = c->next;
        arena->current = c;
    }
    if (c == NULL || c->capacity - c->used < bytes) {
        size_t capacity = bytes > ARENA_CHUNK ? bytes : ARENA_CHUNK;
        if (capacity > SIZE_MAX - sizeof(chunk_t))
            return NULL;
        chunk_t *fresh = pacta_malloc(sizeof(chunk_t) + capacity);
        if (fresh == NULL)
            return NULL;
        fresh->used = 0;
        fresh->capacity = capacity;
        fresh->next = NULL;
        if (c == NULL)
            arena->head = fresh;
        else
            c->next = fresh;
        arena->current = fresh;
        c = fresh;
    }
    void *p = c->data + c->used;
    c->used += bytes;
    memset(p, 0, bytes);
    return p;
}

char *pacta_arena_strndup(pacta_arena_t *arena, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *copy = pacta_arena_alloc(arena, n + 1, 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *pacta_arena_strdup(pacta_arena_t *arena, const char *s)
{
    return pacta_arena_strndup(arena, s, strlen(s));
}
