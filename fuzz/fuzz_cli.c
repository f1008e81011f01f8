/* Fuzz target cli: the pacta command line, in process. The input is split on NUL bytes into
 * arguments (argv[1], argv[2], ...) and given to cli_main(), the command's dispatcher.
 *
 * The command runs in a scratch directory holding copies of examples/, data/, tests/data/
 * and tests/bad/, so the arguments can name real files by their paths in the source tree
 * ("check examples/ukraine-2025.yaml"). Arguments that leave that directory (absolute paths,
 * "..") are not run. After each run the directory is put back as it was: files the command
 * wrote (-o, --plots, --db) are removed and changed copies are restored, so every run sees
 * the same files. Standard output goes to /dev/null; run with -close_fd_mask=2 to silence
 * the error messages as well (scripts/fuzz.sh does).
 *
 * Checks: the exit status is one of the documented ones (0-5), no temporary output file
 * ("FILE.tmp-XXXXXX") is left behind (cli.h: a failed run never leaves a half-written file;
 * inputs with ".tmp-" in an argument are not run, as their own output may be named so),
 * and nothing carries over to the next command ("pacta check --help" run after each input
 * must still succeed).
 *
 * Arguments asking for legitimately long work are skipped rather than reported as hangs
 * (see too_costly()), and pacta simulate is given few runs. */
#define _GNU_SOURCE /* st_mtim */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "fuzz.h"

#ifndef PACTA_SOURCE_DIR
#error "PACTA_SOURCE_DIR must name the source tree (the files the arguments may name)"
#endif

enum { MAX_ARGS = 64, MAX_FILES = 1024 };

/* The files copied into the scratch directory, with what they should look like. */
typedef struct seed_file {
    char *path; /* relative to the scratch directory */
    char *data;
    size_t size;
    struct stat st; /* as last written */
} seed_file_t;

static seed_file_t files[MAX_FILES];
static size_t n_files;

static char *read_whole(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (buf == NULL)
            abort();
        len += fread(buf + len, 1, cap - len, f);
        if (len < cap)
            break;
        cap *= 2;
        buf = realloc(buf, cap);
    }
    fclose(f);
    *size = len;
    return buf;
}

static void write_seed(seed_file_t *s)
{
    FILE *f = fopen(s->path, "wb");
    if (f == NULL || (s->size > 0 && fwrite(s->data, 1, s->size, f) != s->size) || fclose(f) != 0 ||
        lstat(s->path, &s->st) != 0) {
        fprintf(stderr, "fuzz: cannot write %s: %s\n", s->path, strerror(errno));
        abort();
    }
}

static void make_dirs(const char *path)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(buf, 0777);
            *p = '/';
        }
    }
}

/* Copy the regular files under SOURCE/rel into the scratch directory (the current one). */
static void copy_tree(const char *rel)
{
    char from[1024];
    snprintf(from, sizeof from, "%s/%s", PACTA_SOURCE_DIR, rel);
    DIR *d = opendir(from);
    if (d == NULL)
        return;
    mkdir(rel, 0777);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char child[1024], full[2048];
        snprintf(child, sizeof child, "%s/%s", rel, e->d_name);
        snprintf(full, sizeof full, "%s/%s", PACTA_SOURCE_DIR, child);
        struct stat st;
        if (lstat(full, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            copy_tree(child);
        } else if (S_ISREG(st.st_mode) && n_files < MAX_FILES) {
            seed_file_t *s = &files[n_files];
            s->data = read_whole(full, &s->size);
            if (s->data == NULL)
                continue; /* unreadable on purpose (the bad-input corpus has such files) */
            s->path = strdup(child);
            make_dirs(s->path);
            write_seed(s);
            n_files++;
        }
    }
    closedir(d);
}

/* The directory to return to after a run: the fuzzer reads and writes its corpus by
 * relative paths between runs. */
static int home = -1;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    home = open(".", O_RDONLY | O_DIRECTORY);
    if (home < 0 || chdir(fuzz_scratch_dir()) != 0)
        abort();
    copy_tree("examples");
    copy_tree("data");
    copy_tree("tests/data");
    copy_tree("tests/bad");
    if (fchdir(home) != 0 || freopen("/dev/null", "w", stdout) == NULL)
        abort();
    return 0;
}

/* ---- putting the directory back ----------------------------------------------------------- */

static const char *leaked_temp;

static seed_file_t *find_seed(const char *path)
{
    for (size_t i = 0; i < n_files; i++)
        if (strcmp(files[i].path, path) == 0)
            return &files[i];
    return NULL;
}

static bool is_seed_dir(const char *path)
{
    size_t n = strlen(path);
    for (size_t i = 0; i < n_files; i++)
        if (strncmp(files[i].path, path, n) == 0 && files[i].path[n] == '/')
            return true;
    return false;
}

/* Remove what the run added under @p dir ("." for the top) and restore changed copies. */
static void restore(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[1024];
        if (strcmp(dir, ".") == 0)
            snprintf(path, sizeof path, "%s", e->d_name);
        else
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) != 0)
            continue;
        if (strstr(e->d_name, ".tmp-") != NULL && leaked_temp == NULL)
            leaked_temp = strdup(path);
        seed_file_t *s = find_seed(path);
        if (s != NULL) {
            if (!S_ISREG(st.st_mode) || st.st_ino != s->st.st_ino || st.st_size != s->st.st_size ||
                st.st_mtim.tv_sec != s->st.st_mtim.tv_sec ||
                st.st_mtim.tv_nsec != s->st.st_mtim.tv_nsec || st.st_mode != s->st.st_mode) {
                if (S_ISDIR(st.st_mode))
                    fuzz_remove_tree(path);
                else
                    unlink(path);
                write_seed(s);
            }
        } else if (S_ISDIR(st.st_mode) && is_seed_dir(path)) {
            restore(path);
        } else if (S_ISDIR(st.st_mode)) {
            fuzz_remove_tree(path);
        } else {
            unlink(path);
        }
    }
    closedir(d);
    /* A copy the run removed (none should: the command only writes) comes back too. */
    if (strcmp(dir, ".") == 0) {
        for (size_t i = 0; i < n_files; i++) {
            struct stat st;
            if (lstat(files[i].path, &st) != 0) {
                make_dirs(files[i].path);
                write_seed(&files[i]);
            }
        }
    }
}

/* ---- which arguments run ------------------------------------------------------------------ */

/* Whether @p arg names something outside the scratch directory. */
static bool escapes(const char *arg)
{
    const char *value = strchr(arg, '=');
    value = value ? value + 1 : arg;
    if (arg[0] == '/' || value[0] == '/' || arg[0] == '~')
        return true;
    return strstr(arg, "..") != NULL;
}

/* Grid points of an argument of the form NAME=FROM:TO:STEP (evaluate --vary), or 1. */
static double grid_points(const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (eq == NULL)
        return 1;
    char *end = NULL;
    double from = strtod(eq + 1, &end);
    if (*end != ':')
        return 1;
    double to = strtod(end + 1, &end);
    if (*end != ':')
        return 1;
    double step = strtod(end + 1, &end);
    if (!(step > 0))
        return 1; /* refused by the command */
    double n = (to > from ? to - from : from - to) / step;
    return n == n ? n + 1 : 1e300;
}

/* Whether the arguments ask for work that is long by design, within the documented limits
 * (docs/limits.md): many rounds, threads, draws or grid points. Such a run would be reported
 * as a hang without being one. Skipped: any number of 100 or more (years from 1900 to 2100
 * excepted, also inside dates), any number with an exponent, and sensitivity grids of more
 * than 400 points in all. (simulate's runs are capped separately, see the caller.) */
static bool too_costly(int argc, char **argv)
{
    double points = 1;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        points *= grid_points(s);
        for (size_t k = 0; s[k] != '\0'; k++) {
            if ((s[k] == 'e' || s[k] == 'E') && k > 0 && (s[k - 1] >= '0' && s[k - 1] <= '9') &&
                ((s[k + 1] >= '0' && s[k + 1] <= '9') || s[k + 1] == '+' || s[k + 1] == '-'))
                return true;
            if (s[k] >= '0' && s[k] <= '9' && (k == 0 || s[k - 1] < '0' || s[k - 1] > '9')) {
                size_t digits = strspn(s + k, "0123456789");
                if (digits > 4)
                    return true;
                long v = strtol(s + k, NULL, 10);
                if (v >= 100 && !(digits == 4 && v >= 1900 && v <= 2100))
                    return true;
            }
        }
    }
    return points > 400;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = fuzz_strndup(data, size);
    char *argv[MAX_ARGS + 3]; /* the program, at most MAX_ARGS arguments (the rest are
                               * dropped), one inserted, NULL */
    int argc = 0;
    static char program[] = "pacta";
    argv[argc++] = program;
    size_t start = 0;
    for (size_t i = 0; i <= size && argc <= MAX_ARGS; i++) {
        if (i == size || data[i] == '\0') {
            if (!(i == size && start == size && argc > 1)) /* a trailing NUL ends the list */
                argv[argc++] = copy + start;
            start = i + 1;
        }
    }
    argv[argc] = NULL;
    /* pacta simulate runs 1,000 replicates unless told otherwise, minutes of work under the
     * sanitizers: a run of it gets "--runs=2" first, which its own --runs (below 100)
     * overrides. A resumed run takes its runs from the store and refuses --runs. */
    static char few_runs[] = "--runs=2";
    bool resume = false;
    for (int i = 1; i < argc; i++)
        resume |= strncmp(argv[i], "--resu", 6) == 0;
    if (argc >= 2 && strcmp(argv[1], "simulate") == 0 && !resume) {
        memmove(argv + 3, argv + 2, (size_t)(argc - 1) * sizeof *argv);
        argv[2] = few_runs;
        argc++;
    }
    bool run = !too_costly(argc, argv);
    /* pacta serve that starts serves until a signal: only its help and usage errors are
     * fuzzed, so it runs only with --help among its arguments. */
    if (argc >= 2 && strcmp(argv[1], "serve") == 0) {
        bool help_asked = false;
        for (int i = 2; i < argc; i++)
            help_asked |= strcmp(argv[i], "--help") == 0;
        run = run && help_asked;
    }
    for (int i = 1; i < argc && run; i++)
        run = !escapes(argv[i]) && strstr(argv[i], ".tmp-") == NULL;
    if (run) {
        if (chdir(fuzz_scratch_dir()) != 0)
            abort();
        int code = cli_main(argc, argv);
        fflush(stdout);
        fflush(stderr);
        restore(".");
        if (fchdir(home) != 0)
            abort();
        if (leaked_temp != NULL)
            fuzz_fail(__FILE__, __LINE__, "no temporary file is left",
                      "the command left %s behind (exit status %d)", leaked_temp, code);
        FUZZ_CHECK(code >= 0 && code <= 5, "exit status %d is not one of the documented 0-5", code);
        /* Nothing may carry over to the next command: a plain "check --help" must still
         * succeed after whatever ran (option parsing keeps state between calls). */
        static char check[] = "check", help[] = "--help";
        char *canary[] = {program, check, help, NULL};
        int canary_code = cli_main(3, canary);
        fflush(stdout);
        FUZZ_CHECK(canary_code == 0, "'pacta check --help' after this input exits %d, not 0",
                   canary_code);
    }
    free(copy);
    return 0;
}
