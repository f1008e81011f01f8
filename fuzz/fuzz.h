/* Shared by the fuzz harnesses (fuzz/README.md). Each harness defines
 * LLVMFuzzerTestOneInput; libFuzzer, AFL++ (through its libFuzzer driver) or fuzz/replay.c
 * calls it. The harnesses check invariants the documentation promises and abort() when
 * one fails, so a fuzzer records the input as a crash like any memory error. */
#ifndef PACTA_FUZZ_H
#define PACTA_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <pacta/pacta.h>

/* The entry points every fuzzing engine calls. LLVMFuzzerInitialize is optional (weak):
 * only harnesses with set-up to do define it. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Print "fuzz: FILE:LINE: check failed: COND: message" and abort(). */
void fuzz_fail(const char *file, int line, const char *condition, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((noreturn, format(printf, 4, 5)))
#endif
    ;

#define FUZZ_CHECK(condition, ...)                                                                 \
    do {                                                                                           \
        if (!(condition))                                                                          \
            fuzz_fail(__FILE__, __LINE__, #condition, __VA_ARGS__);                                \
    } while (0)

/* A private directory for this process's files (in /dev/shm when it exists, for speed),
 * created on first use and removed with everything in it at exit. */
const char *fuzz_scratch_dir(void);

/* Write @p size bytes to NAME inside the scratch directory (replacing it) and return the
 * path in @p path (of @p capacity bytes). Aborts when the file cannot be written: that is a
 * problem of the machine, not a finding. */
void fuzz_write_file(const char *name, const void *data, size_t size, char *path, size_t capacity);

/* Split @p data at each occurrence of FUZZ_SEPARATOR into at most @p max parts; returns the
 * number of parts (at least 1). The multi-file harnesses (alliance table and sidecar, UCDP,
 * PA-X and COW files) take their files from one input this way. */
#define FUZZ_SEPARATOR "\n=====\n"
size_t fuzz_split(const uint8_t *data, size_t size, const uint8_t **parts, size_t *lengths,
                  size_t max);

/* A copy of @p data with a terminating NUL, for APIs that take C strings (free() it). */
char *fuzz_strndup(const uint8_t *data, size_t size);

/* The stream /dev/null, opened once. */
FILE *fuzz_null_stream(void);

/* Write with @p writer to a memory buffer and return it (free() it), its length in @p length.
 * Aborts on failure of the buffer itself. */
typedef int (*fuzz_writer_fn)(void *context, FILE *stream);
char *fuzz_capture(fuzz_writer_fn writer, void *context, size_t *length);

/* Whether @p text (of @p length bytes) is one valid JSON document (parsed with jansson). */
bool fuzz_json_valid(const char *text, size_t length);

/* Write @p model as YAML, read it back and write it again: the reading must succeed and the
 * two writings be equal (durability.h). Aborts otherwise. */
void fuzz_check_model_round_trip(const pacta_durability_model_t *model);

/* Remove @p path and, if it is a directory, everything in it (symbolic links not followed). */
void fuzz_remove_tree(const char *path);

/* Write @p model as YAML, read it back and write it again: the reading must succeed and the
 * two writings be equal (durability.h). Aborts otherwise. */
void fuzz_check_model_round_trip(const pacta_durability_model_t *model);

/* Remove @p path and, if it is a directory, everything in it (symbolic links not followed). */
void fuzz_remove_tree(const char *path);

#endif
