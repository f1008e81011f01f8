/* Resuming stored runs, many times over, with 1 to 8 threads: a complete store and a partial
 * one (every other block deleted) must each resume to output byte-identical to the
 * uninterrupted run, every time, and a resume must never mark the store worse than it found
 * it. Guards the race that once failed resumes at random (issue 21); under ThreadSanitizer
 * (scripts/test.sh --tsan) it also checks there is no data race left.
 * Usage: resume_stress PACTA SOURCE_DIR [RESUMES]; RESUMES (default 200) per store kind.
 * Exit 0 pass, 1 fail. */
#include "child.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[] = "/tmp/pacta-stress-XXXXXX";

static int exec_sql(const char *db_path, const char *sql)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : 1;
}

/* The store's status column ("running", "partial", "complete"), or "" if unreadable. */
static void store_status(const char *db_path, char out[16])
{
    out[0] = '\0';
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, "SELECT status FROM simulation", -1, &st, NULL) ==
                SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            snprintf(out, 16, "%s", (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
}

static int copy_file(const char *from, const char *to)
{
    size_t n = 0;
    char *bytes = child_slurp(from, &n);
    FILE *f = bytes ? fopen(to, "wb") : NULL;
    int ok = f != NULL && fwrite(bytes, 1, n, f) == n;
    if (f != NULL && fclose(f) != 0)
        ok = 0;
    free(bytes);
    return ok ? 0 : 1;
}

/* Resume a copy of @p store @p count times with 1..8 threads; each output must equal
 * @p expected. Returns the number of failures. */
static int resume_many(const char *pacta, const char *store, const char *kind, int count,
                       const char *expected, size_t expected_n)
{
    char copy[512], out[512], err[512];
    snprintf(copy, sizeof copy, "%s/copy.sqlite", dir);
    snprintf(out, sizeof out, "%s/resumed.json", dir);
    snprintf(err, sizeof err, "%s/stderr", dir);
    int failures = 0;
    for (int i = 0; i < count && failures < 5; i++) {
        char threads[4];
        snprintf(threads, sizeof threads, "%d", 1 + i % 8);
        if (copy_file(store, copy) != 0) {
            fprintf(stderr, "FAIL: cannot copy %s\n", store);
            return failures + 1;
        }
        char *resume[] = {(char *)pacta, "simulate", "--resume", copy, "--threads", threads,
                          "-f", "json", NULL};
        int status = child_wait(child_start(resume, out, err));
        size_t n = 0, n_err = 0;
        char *got = child_slurp(out, &n), *errors = child_slurp(err, &n_err);
        char after[16];
        store_status(copy, after);
        if (status != 0 || got == NULL || n != expected_n || memcmp(got, expected, n) != 0 ||
            strcmp(after, "complete") != 0) {
            fprintf(stderr,
                    "FAIL: %s store, resume %d with %s threads: exit %d, %zu bytes "
                    "(want %zu), store now '%s'; stderr: %.300s\n",
                    kind, i + 1, threads, status, n, expected_n, after,
                    errors ? errors : "(none)");
            failures++;
        }
        free(got);
        free(errors);
    }
    if (failures == 0)
        printf("%d resumes of a %s store with 1-8 threads equal the uninterrupted run\n", count,
               kind);
    return failures;
}

static int stress(const char *pacta, const char *scenario, int count)
{
    char db[512], partial[512], straight[512], err[512];
    snprintf(db, sizeof db, "%s/run.sqlite", dir);
    snprintf(partial, sizeof partial, "%s/partial.sqlite", dir);
    snprintf(straight, sizeof straight, "%s/straight.json", dir);
    snprintf(err, sizeof err, "%s/stderr", dir);
    char *run[] = {(char *)pacta, "simulate", (char *)scenario, "-m", "compromise,median",
                   "--runs", "4000", "--block-size", "16", "--seed", "5", "--jitter",
                   "position=8", "--db", db, "-f", "json", NULL};
    int status = child_wait(child_start(run, straight, err));
    if (status != 0) {
        fprintf(stderr, "FAIL: the stored run exited %d\n", status);
        return 1;
    }
    if (copy_file(db, partial) != 0 ||
        exec_sql(partial, "DELETE FROM block WHERE block % 2 = 1;"
                          "UPDATE simulation SET status = 'partial';") != 0) {
        fprintf(stderr, "FAIL: cannot make the partial store\n");
        return 1;
    }
    size_t n = 0;
    char *expected = child_slurp(straight, &n);
    if (expected == NULL || n == 0) {
        fprintf(stderr, "FAIL: the stored run wrote nothing\n");
        free(expected);
        return 1;
    }
    int failures = resume_many(pacta, db, "complete", count, expected, n) +
                   resume_many(pacta, partial, "partial", count, expected, n);
    free(expected);
    return failures == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: resume_stress PACTA SOURCE_DIR [RESUMES]\n");
        return 2;
    }
    int count = argc == 4 ? atoi(argv[3]) : 200;
    if (count < 1 || mkdtemp(dir) == NULL)
        return 2;
    char scenario[4096];
    snprintf(scenario, sizeof scenario, "%s/examples/emission-standards.yaml", argv[2]);
    int rc = stress(argv[1], scenario, count);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "warning: could not remove %s\n", dir);
    return rc;
}
