/* Helpers shared by the fuzz harnesses (see fuzz.h). */
#define _GNU_SOURCE /* mkdtemp, open_memstream and nftw with FTW_DEPTH|FTW_PHYS */
#include "fuzz.h"

#include <errno.h>
#include <ftw.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void fuzz_fail(const char *file, int line, const char *condition, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    fprintf(stderr, "fuzz: %s:%d: check failed: %s: ", file, line, condition);
    vfprintf(stderr, format, ap);
    fputc('\n', stderr);
    va_end(ap);
    fflush(stderr);
    abort();
}

static char scratch[256];
static pid_t scratch_owner;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

void fuzz_remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void remove_scratch(void)
{
    /* Only the process that made the directory removes it (not a forked child). */
    if (scratch[0] != '\0' && scratch_owner == getpid())
        fuzz_remove_tree(scratch);
}

const char *fuzz_scratch_dir(void)
{
    if (scratch[0] != '\0')
        return scratch;
    struct stat st;
    const char *base = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm" : NULL;
    if (base == NULL)
        base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(scratch, sizeof scratch, "%s/pacta-fuzz-XXXXXX", base);
    if (mkdtemp(scratch) == NULL) {
        fprintf(stderr, "fuzz: cannot make a scratch directory in %s: %s\n", base, strerror(errno));
        abort();
    }
    scratch_owner = getpid();
    atexit(remove_scratch);
    return scratch;
}

void fuzz_write_file(const char *name, const void *data, size_t size, char *path, size_t capacity)
{
    int n = snprintf(path, capacity, "%s/%s", fuzz_scratch_dir(), name);
    if (n < 0 || (size_t)n >= capacity) {
        fprintf(stderr, "fuzz: path too long: %s\n", name);
        abort();
    }
    FILE *f = fopen(path, "wb");
    if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        fprintf(stderr, "fuzz: cannot write %s: %s\n", path, strerror(errno));
        abort();
    }
}

size_t fuzz_split(const uint8_t *data, size_t size, const uint8_t **parts, size_t *lengths,
                  size_t max)
{
    const size_t sep = sizeof FUZZ_SEPARATOR - 1;
    size_t n = 0, start = 0;
    for (size_t i = 0; n + 1 < max && i + sep <= size; i++) {
        if (memcmp(data + i, FUZZ_SEPARATOR, sep) == 0) {
            parts[n] = data + start;
            lengths[n] = i - start;
            n++;
            start = i + sep;
            i = start - 1;
        }
    }
    parts[n] = data + start;
    lengths[n] = size - start;
    return n + 1;
}

char *fuzz_strndup(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL)
        abort();
    if (size > 0)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

FILE *fuzz_null_stream(void)
{
    static FILE *null_stream;
    if (null_stream == NULL)
        null_stream = fopen("/dev/null", "w");
    if (null_stream == NULL)
        abort();
    return null_stream;
}

char *fuzz_capture(fuzz_writer_fn writer, void *context, size_t *length)
{
    char *buffer = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buffer, &size);
    if (f == NULL)
        abort();
    int ok = writer(context, f);
    if (fclose(f) != 0)
        abort();
    if (!ok) {
        free(buffer);
        return NULL;
    }
    *length = size;
    return buffer;
}

bool fuzz_json_valid(const char *text, size_t length)
{
    json_error_t error;
    /* JSON_ALLOW_NUL: a string may hold an escaped NUL; the writer's job is only to escape. */
    json_t *root = json_loadb(text, length, JSON_ALLOW_NUL, &error);
    if (root == NULL) {
        fprintf(stderr, "fuzz: invalid JSON at line %d, column %d: %s\n", error.line, error.column,
                error.text);
        return false;
    }
    json_decref(root);
    return true;
}

static int write_model(void *context, FILE *f)
{
    return pacta_durability_model_write_yaml(context, f) == PACTA_OK;
}

void fuzz_check_model_round_trip(const pacta_durability_model_t *m)
{
    size_t length = 0;
    char *text = fuzz_capture(write_model, (void *)m, &length);
    FUZZ_CHECK(text != NULL, "the model writer failed");
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_durability_model_t *again = NULL;
    pacta_status st = pacta_durability_model_parse(&again, text, length, "written.yaml", diag);
    if (st != PACTA_OK)
        fprintf(stderr, "fuzz: the written model was:\n%.*s\nfuzz: first problem: %s\n",
                (int)length, text,
                pacta_diag_count(diag) ? pacta_diag_get(diag, 0)->message : "none");
    FUZZ_CHECK(st == PACTA_OK, "a written model does not read back: %s", pacta_strerror(st));
    size_t length2 = 0;
    char *text2 = fuzz_capture(write_model, again, &length2);
    if (text2 == NULL || length2 != length || memcmp(text, text2, length) != 0)
        fprintf(stderr, "fuzz: first writing:\n%.*s\nfuzz: second writing:\n%.*s\n", (int)length,
                text, (int)length2, text2 ? text2 : "");
    FUZZ_CHECK(text2 != NULL && length2 == length && memcmp(text, text2, length) == 0,
               "writing, reading and writing a model again changes it");
    free(text2);
    pacta_durability_model_destroy(again);
    pacta_diag_destroy(diag);
    free(text);
}
