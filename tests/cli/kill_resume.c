/* Two process-level tests of pacta simulate that a case file cannot express:
 *   kill    a run stored with --db is killed (SIGKILL) mid-way; --resume completes it and the
 *           output equals an uninterrupted run's, byte for byte;
 *   sigint  Ctrl-C (SIGINT) stops a run cleanly: exit status 1, output marked partial.
 * Usage: kill_resume PACTA SOURCE_DIR kill|sigint. Exit 0 pass, 1 fail. */
#include "child.h"

#include <jansson.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[] = "/tmp/pacta-kill-XXXXXX";

/* Blocks committed so far (0 while the database is not there yet). */
static int stored_blocks(const char *db_path)
{
    sqlite3 *db = NULL;
    int n = 0;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM block", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}

static int test_kill(const char *pacta, const char *scenario)
{
    char db[512], killed[512], resumed[512], straight[512], err[512];
    snprintf(db, sizeof db, "%s/run.sqlite", dir);
    snprintf(killed, sizeof killed, "%s/killed.json", dir);
    snprintf(resumed, sizeof resumed, "%s/resumed.json", dir);
    snprintf(straight, sizeof straight, "%s/straight.json", dir);
    snprintf(err, sizeof err, "%s/stderr", dir);
    char *run[] = {(char *)pacta, "simulate", (char *)scenario, "-m", "bdm", "--issue", "crimea",
                   "--runs", "1500", "--block-size", "4", "--threads", "1", "--seed", "11",
                   "--jitter", "position=5", "--db", db, "-f", "json", "-o", killed, NULL};
    pid_t pid = child_start(run, "/dev/null", err);
    int blocks = 0;
    for (int wait = 0; wait < 6000 && blocks < 3; wait++) {
        child_pause_ms(10);
        blocks = stored_blocks(db);
    }
    kill(pid, SIGKILL);
    int status = child_wait(pid);
    if (blocks < 3 || status != 128 + SIGKILL) {
        fprintf(stderr, "FAIL: the run was not killed mid-way (%d blocks, status %d)\n", blocks,
                status);
        return 1;
    }
    int kept = stored_blocks(db);
    if (kept < 3 || kept >= 375) {
        fprintf(stderr, "FAIL: %d blocks survived the kill; expected a part of 375\n", kept);
        return 1;
    }
    char *resume[] = {(char *)pacta, "simulate", "--resume", db, "--threads", "2",
                      "-f", "json", "-o", resumed, NULL};
    if ((status = child_wait(child_start(resume, "/dev/null", err))) != 0) {
        fprintf(stderr, "FAIL: --resume exited %d\n", status);
        return 1;
    }
    char *whole[] = {(char *)pacta, "simulate", (char *)scenario, "-m", "bdm", "--issue", "crimea",
                     "--runs", "1500", "--seed", "11", "--jitter", "position=5", "-f", "json",
                     "-o", straight, NULL};
    if ((status = child_wait(child_start(whole, "/dev/null", err))) != 0) {
        fprintf(stderr, "FAIL: the uninterrupted run exited %d\n", status);
        return 1;
    }
    size_t na = 0, nb = 0;
    char *a = child_slurp(resumed, &na), *b = child_slurp(straight, &nb);
    int ok = a && b && na == nb && memcmp(a, b, na) == 0;
    if (!ok)
        fprintf(stderr, "FAIL: the resumed output differs from the uninterrupted one\n");
    else
        printf("killed after %d blocks of 375; resumed output equals the uninterrupted run "
               "(%zu bytes)\n",
               kept, na);
    free(a);
    free(b);
    return ok ? 0 : 1;
}

static int test_sigint(const char *pacta, const char *scenario)
{
    char out[512], err[512];
    snprintf(out, sizeof out, "%s/partial.json", dir);
    snprintf(err, sizeof err, "%s/stderr", dir);
    char *run[] = {(char *)pacta, "simulate", (char *)scenario, "-m", "bdm", "--issue", "crimea",
                   "--runs", "1000000", "--threads", "2", "-f", "json", NULL};
    pid_t pid = child_start(run, out, err);
    child_pause_ms(800);
    kill(pid, SIGINT);
    int status = child_wait(pid);
    size_t n = 0;
    char *text = child_slurp(out, &n), *errors = child_slurp(err, &n);
    json_error_t e;
    json_t *j = text ? json_loads(text, 0, &e) : NULL;
    int ok = status == 1 && j != NULL && json_is_true(json_object_get(j, "partial")) &&
             json_integer_value(json_object_get(j, "done")) > 0 &&
             json_integer_value(json_object_get(j, "done")) < 1000000 && errors &&
             strstr(errors, "the results are partial") != NULL;
    if (!ok)
        fprintf(stderr, "FAIL: status %d, output %.300s, stderr %.300s\n", status,
                text ? text : "(none)", errors ? errors : "(none)");
    else
        printf("SIGINT stopped the run after %lld of 1000000 runs; output marked partial\n",
               (long long)json_integer_value(json_object_get(j, "done")));
    json_decref(j);
    free(text);
    free(errors);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: kill_resume PACTA SOURCE_DIR kill|sigint\n");
        return 2;
    }
    if (mkdtemp(dir) == NULL)
        return 1;
    char scenario[4096];
    snprintf(scenario, sizeof scenario, "%s/examples/ukraine-2025.yaml", argv[2]);
    int rc = strcmp(argv[3], "kill") == 0 ? test_kill(argv[1], scenario)
                                          : test_sigint(argv[1], scenario);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "warning: could not remove %s\n", dir);
    return rc;
}
