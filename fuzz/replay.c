/* A main() for the fuzz harnesses without a fuzzing engine: runs LLVMFuzzerTestOneInput on
 * each file named (directories: on each file in them, in name order), or on standard input
 * when no file is named. Built with any compiler as fuzz_replay_TARGET; CTest runs the
 * regression inputs (tests/regression/) and the seed corpora through it, and AFL++ can run
 * it as a plain stdin target (fuzz/README.md). Exit status 0 when every input ran; a
 * finding aborts (or is reported by the sanitizers) like under the fuzzer. */
#define _GNU_SOURCE /* scandir and alphasort */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static unsigned long ran;

static void run_stream(FILE *f, const char *name)
{
    size_t cap = 4096, len = 0;
    unsigned char *buf = malloc(cap);
    for (;;) {
        if (buf == NULL) {
            fprintf(stderr, "replay: out of memory reading %s\n", name);
            exit(1);
        }
        len += fread(buf + len, 1, cap - len, f);
        if (len < cap)
            break;
        cap *= 2;
        buf = realloc(buf, cap);
    }
    /* A copy of exactly the input's size, so reading past it shows under AddressSanitizer. */
    unsigned char *exact = malloc(len ? len : 1);
    if (exact == NULL)
        exit(1);
    memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    ran++;
}

static void run_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        exit(1);
    }
    if (S_ISDIR(st.st_mode)) {
        struct dirent **entries = NULL;
        int n = scandir(path, &entries, NULL, alphasort);
        if (n < 0) {
            fprintf(stderr, "replay: cannot list %s\n", path);
            exit(1);
        }
        for (int i = 0; i < n; i++) {
            if (entries[i]->d_name[0] != '.') {
                char child[4096];
                snprintf(child, sizeof child, "%s/%s", path, entries[i]->d_name);
                run_path(child);
            }
            free(entries[i]);
        }
        free(entries);
        return;
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        /* Unreadable on purpose (the bad-input corpus has such a file): nothing to run. */
        return;
    }
    run_stream(f, path);
    fclose(f);
}

int main(int argc, char **argv)
{
    /* Absolute paths first: a harness may change directory when it starts (fuzz_cli.c). */
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    if (paths == NULL)
        return 1;
    for (int i = 1; i < argc; i++) {
        paths[i] = realpath(argv[i], NULL);
        if (paths[i] == NULL) {
            fprintf(stderr, "replay: cannot read %s\n", argv[i]);
            return 1;
        }
    }
    if (LLVMFuzzerInitialize != NULL)
        LLVMFuzzerInitialize(&argc, &argv);
    if (argc < 2)
        run_stream(stdin, "standard input");
    for (int i = 1; i < argc; i++) {
        run_path(paths[i]);
        free(paths[i]);
    }
    free(paths);
    fprintf(stderr, "replay: %lu input%s ran\n", ran, ran == 1 ? "" : "s");
    return 0;
}
