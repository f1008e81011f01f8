/* Runs one data-driven CLI test case (tests/cli/README.md): the pacta command with the
 * case's arguments, then checks the exit code, stdout as JSON (numbers compared with a
 * tolerance) or text, and fragments of stderr. Exit 0 pass, 1 fail, 77 skipped. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { MAX_ARGS = 64, MAX_CHECKS = 32 };

static const char *source_dir, *shared_dir, *tmp_dir;
static int failures;

/* Everything allocated is remembered and freed at exit, so the runner itself is clean
 * under LeakSanitizer. */
static void *owned[4 * MAX_ARGS];
static size_t n_owned;

static void *own(void *p)
{
    if (p == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    if (n_owned < sizeof owned / sizeof owned[0])
        owned[n_owned++] = p;
    return p;
}

static void free_owned(void)
{
    while (n_owned > 0)
        free(owned[--n_owned]);
}

static void fail(const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
static void fail(const char *format, ...)
{
    failures++;
    va_list ap;
    va_start(ap, format);
    fprintf(stderr, "FAIL: ");
    vfprintf(stderr, format, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, len = 0, got;
    char *buf = malloc(cap);
    while (buf != NULL && (got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (len + 1 == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (bigger == NULL) {
                free(buf);
                buf = NULL;
            }
            buf = bigger;
        }
    }
    fclose(f);
    if (buf)
        buf[len] = '\0';
    return buf;
}

/* Expand @examples/..., @tests/..., @shared/... and @tmp/... into paths. */
static char *expand(const char *token)
{
    char *out = own(malloc(8192));
    if (strncmp(token, "@shared/", 8) == 0)
        snprintf(out, 8192, "%s/%s", shared_dir, token + 8);
    else if (strncmp(token, "@tmp/", 5) == 0)
        snprintf(out, 8192, "%s/%s", tmp_dir, token + 5);
    else if (token[0] == '@')
        snprintf(out, 8192, "%s/%s", source_dir, token + 1);
    else
        snprintf(out, 8192, "%s", token);
    return out;
}

/* Split on blanks; double quotes group words. */
static int split(char *line, char **argv, int max)
{
    int n = 0;
    char *p = line;
    while (*p && n < max) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        char *word = p, *w = p;
        bool quoted = false;
        while (*p && (quoted || (*p != ' ' && *p != '\t'))) {
            if (*p == '"')
                quoted = !quoted;
            else
                *w++ = *p;
            p++;
        }
        if (*p)
            p++;
        *w = '\0';
        argv[n++] = expand(word);
    }
    return n;
}

/* Expected JSON must be contained in the actual JSON: objects by key (extra keys in the
 * actual output are fine), arrays element by element with equal length, numbers within the
 * tolerance, everything else equal. */
static void match(json_t *expected, json_t *actual, double tol, const char *path)
{
    char sub[1024];
    if (json_is_number(expected)) {
        if (!json_is_number(actual)) {
            fail("%s: expected a number", path);
            return;
        }
        double e = json_number_value(expected), a = json_number_value(actual);
        if (!(fabs(a - e) <= tol)) {
            fail("%s: %.17g, expected %.17g within %g", path, a, e, tol);
        }
        return;
    }
    if (json_is_object(expected)) {
        if (!json_is_object(actual)) {
            fail("%s: expected an object", path);
            return;
        }
        const char *key;
        json_t *value;
        json_object_foreach(expected, key, value)
        {
            snprintf(sub, sizeof sub, "%s.%s", path, key);
            json_t *got = json_object_get(actual, key);
            if (got == NULL)
                fail("%s: missing", sub);
            else
                match(value, got, tol, sub);
        }
        return;
    }
    if (json_is_array(expected)) {
        if (!json_is_array(actual) || json_array_size(actual) != json_array_size(expected)) {
            fail("%s: expected an array of %zu", path, json_array_size(expected));
            return;
        }
        for (size_t i = 0; i < json_array_size(expected); i++) {
            snprintf(sub, sizeof sub, "%s[%zu]", path, i);
            match(json_array_get(expected, i), json_array_get(actual, i), tol, sub);
        }
        return;
    }
    if (!json_equal(expected, actual))
        fail("%s: differs", path);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: run_case PACTA CASE SOURCE_DIR\n");
        return 2;
    }
    const char *pacta = argv[1], *case_path = argv[2];
    source_dir = argv[3];
    static char shared[4096], tmp_template[] = "/tmp/pacta-cli-XXXXXX";
    const char *env = getenv("PACTA_SHARED");
    snprintf(shared, sizeof shared, "%s", env && *env ? env : "");
    if (!*shared)
        snprintf(shared, sizeof shared, "%s/../shared", source_dir);
    shared_dir = shared;
    tmp_dir = mkdtemp(tmp_template);
    if (tmp_dir == NULL) {
        perror("mkdtemp");
        return 1;
    }

    atexit(free_owned);
    char *text = read_all(case_path);
    if (text != NULL)
        own(text);
    if (text == NULL) {
        fprintf(stderr, "cannot read %s\n", case_path);
        return 1;
    }
    char *args[MAX_ARGS + 2] = {NULL};
    int n_args = 0, want_exit = 0;
    const char *json_file = NULL, *out_contains[MAX_CHECKS], *err_contains[MAX_CHECKS];
    const char *out_absent[MAX_CHECKS], *file_checks[MAX_CHECKS];
    int n_out = 0, n_err = 0, n_absent = 0, n_files = 0;
    double tol = 1e-9;
    bool needs_shared = false, stdout_empty = false;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *colon = strstr(line, ": ");
        if (colon == NULL) {
            fprintf(stderr, "%s: bad line: %s\n", case_path, line);
            return 1;
        }
        *colon = '\0';
        char *value = colon + 2;
        if (strcmp(line, "args") == 0)
            n_args = split(value, args + 1, MAX_ARGS);
        else if (strcmp(line, "exit") == 0)
            want_exit = atoi(value);
        else if (strcmp(line, "stdout-json") == 0)
            json_file = expand(value);
        else if (strcmp(line, "tolerance") == 0)
            tol = strtod(value, NULL);
        else if (strcmp(line, "stdout-contains") == 0 && n_out < MAX_CHECKS)
            out_contains[n_out++] = value;
        else if (strcmp(line, "stdout-lacks") == 0 && n_absent < MAX_CHECKS)
            out_absent[n_absent++] = value;
        else if (strcmp(line, "stderr-contains") == 0 && n_err < MAX_CHECKS)
            err_contains[n_err++] = value;
        else if (strcmp(line, "stdout-empty") == 0)
            stdout_empty = strcmp(value, "yes") == 0;
        else if (strcmp(line, "file-exists") == 0 && n_files < MAX_CHECKS)
            file_checks[n_files++] = expand(value);
        else if (strcmp(line, "requires") == 0 && strcmp(value, "shared") == 0)
            needs_shared = true;
        else {
            fprintf(stderr, "%s: unknown key '%s'\n", case_path, line);
            return 1;
        }
    }
    if (needs_shared && !is_dir(shared_dir)) {
        printf("skipped: the case reads the reference data in ../shared (or $PACTA_SHARED), and "
               "%s is absent\n",
               shared_dir);
        return 77;
    }
    args[0] = (char *)pacta;
    char out_path[4200], err_path[4200];
    snprintf(out_path, sizeof out_path, "%s/stdout", tmp_dir);
    snprintf(err_path, sizeof err_path, "%s/stderr", tmp_dir);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(out_path, "w", stdout) || !freopen(err_path, "w", stderr))
            _exit(126);
        execv(pacta, args);
        _exit(127);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0) {
        perror("fork/wait");
        return 1;
    }
    char *out = own(read_all(out_path)), *err = own(read_all(err_path));
    if (!WIFEXITED(status)) {
        fail("pacta did not exit normally (signal %d)", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    } else if (WEXITSTATUS(status) != want_exit) {
        fail("exit status %d, expected %d", WEXITSTATUS(status), want_exit);
    }
    for (int i = 0; i < n_out; i++)
        if (strstr(out, out_contains[i]) == NULL)
            fail("stdout lacks: %s", out_contains[i]);
    for (int i = 0; i < n_absent; i++)
        if (strstr(out, out_absent[i]) != NULL)
            fail("stdout contains: %s", out_absent[i]);
    for (int i = 0; i < n_err; i++)
        if (strstr(err, err_contains[i]) == NULL)
            fail("stderr lacks: %s", err_contains[i]);
    if (stdout_empty && out[0] != '\0')
        fail("stdout is not empty: %.200s", out);
    for (int i = 0; i < n_files; i++)
        if (access(file_checks[i], F_OK) != 0)
            fail("no file %s", file_checks[i]);
    if (json_file != NULL) {
        json_error_t e;
        json_t *expected = json_load_file(json_file, 0, &e);
        json_t *actual = json_loads(out, 0, &e);
        if (expected == NULL)
            fail("cannot read expected JSON %s", json_file);
        else if (actual == NULL)
            fail("stdout is not JSON: %s", e.text);
        else
            match(expected, actual, tol, "$");
        json_decref(expected);
        json_decref(actual);
    }
    if (failures) {
        fprintf(stderr, "--- command:");
        for (int i = 0; i <= n_args; i++)
            fprintf(stderr, " %s", args[i]);
        fprintf(stderr, "\n--- stdout:\n%.4000s\n--- stderr:\n%.4000s\n", out, err);
    }
    /* Leave nothing behind: remove the files the case wrote into its scratch directory. */
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "warning: could not remove %s\n", tmp_dir);
    return failures ? 1 : 0;
}
