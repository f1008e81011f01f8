/* The scenarios pacta serve offers: the files of one directory, or a list of files. Files are
 * opened relative to the directory's descriptor without following symbolic links, and only
 * by names that cannot leave it, so no request reaches a file outside what the user named. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server_internal.h"

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

bool catalog_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > CATALOG_MAX_NAME || name[0] == '.')
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = name[i];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.';
        if (!ok)
            return false;
    }
    return true;
}

/* Whether a directory entry's name looks like a scenario file pacta reads. */
static bool scenario_suffix(const char *name)
{
    static const char *const suffixes[] = {".yaml", ".yml", ".csv", ".xml"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t k = strlen(suffixes[i]);
        if (n > k && strcmp(name + n - k, suffixes[i]) == 0)
            return true;
    }
    return false;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool open_files(catalog_t *c, const char *const *files, size_t n, FILE *err)
{
    c->names = calloc(n ? n : 1, sizeof *c->names);
    c->paths = calloc(n ? n : 1, sizeof *c->paths);
    if (c->names == NULL || c->paths == NULL)
        goto out_of_memory;
    for (size_t i = 0; i < n; i++) {
        const char *name = base_name(files[i]);
        if (!catalog_name_ok(name)) {
            fprintf(err,
                    "pacta: serve: %s: a served file's name may hold only letters, digits, "
                    "'-', '_' and '.', and may not start with '.'\n",
                    files[i]);
            return false;
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(c->names[j], name) == 0) {
                fprintf(err, "pacta: serve: %s and %s have the same name; serve one of them\n",
                        c->paths[j], files[i]);
                return false;
            }
        c->names[i] = dup_string(name);
        c->paths[i] = dup_string(files[i]);
        c->n = i + 1;
        if (c->names[i] == NULL || c->paths[i] == NULL)
            goto out_of_memory;
    }
    return true;
out_of_memory:
    fprintf(err, "pacta: serve: out of memory\n");
    return false;
}

bool catalog_open(catalog_t *c, const char *dir, const char *const *files, size_t n_files,
                  FILE *err)
{
    memset(c, 0, sizeof *c);
    c->dir_fd = -1;
    if (dir == NULL)
        return open_files(c, files, n_files, err);
    c->dir = dup_string(dir);
    if (c->dir == NULL) {
        fprintf(err, "pacta: serve: out of memory\n");
        return false;
    }
    for (size_t n = strlen(c->dir); n > 1 && c->dir[n - 1] == '/'; n--)
        c->dir[n - 1] = '\0';
    c->dir_fd = open(c->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (c->dir_fd < 0) {
        fprintf(err, "pacta: serve: %s: %s\n", c->dir, strerror(errno));
        return false;
    }
    return true;
}

void catalog_free_names(char **names, size_t n)
{
    for (size_t i = 0; names != NULL && i < n; i++)
        free(names[i]);
    free(names);
}

void catalog_close(catalog_t *c)
{
    if (c->dir_fd >= 0)
        close(c->dir_fd);
    catalog_free_names(c->names, c->n);
    catalog_free_names(c->paths, c->n);
    free(c->dir);
    memset(c, 0, sizeof *c);
    c->dir_fd = -1;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Append @p name to the growing list; false when out of memory. */
static bool push_name(char ***names, size_t *n, size_t *cap, const char *name)
{
    if (*n == *cap) {
        size_t grown = *cap ? 2 * *cap : 16;
        char **bigger = realloc(*names, grown * sizeof *bigger);
        if (bigger == NULL)
            return false;
        *names = bigger;
        *cap = grown;
    }
    (*names)[*n] = dup_string(name);
    if ((*names)[*n] == NULL)
        return false;
    (*n)++;
    return true;
}

size_t catalog_list(const catalog_t *c, char ***out)
{
    char **names = NULL;
    size_t n = 0, cap = 0;
    *out = NULL;
    if (c->dir == NULL) {
        for (size_t i = 0; i < c->n; i++)
            if (!push_name(&names, &n, &cap, c->names[i]))
                goto fail;
        *out = names;
        return n;
    }
    /* A descriptor of our own: readdir moves it, and threads list at once. */
    int fd = openat(c->dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (d == NULL) {
        if (fd >= 0)
            close(fd);
        return (size_t)-1;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        if (!catalog_name_ok(e->d_name) || !scenario_suffix(e->d_name) ||
            fstatat(c->dir_fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (!push_name(&names, &n, &cap, e->d_name)) {
            closedir(d);
            goto fail;
        }
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, compare_names);
    *out = names;
    return n;
fail:
    catalog_free_names(names, n);
    return (size_t)-1;
}

/* Read the whole of @p fd (a regular file of @p size bytes) into a NUL-terminated buffer. */
static char *read_all(int fd, size_t size, size_t *length)
{
    char *text = malloc(size + 1);
    size_t got = 0;
    while (text != NULL && got < size) {
        ssize_t k = read(fd, text + got, size - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    if (text != NULL)
        text[got] = '\0';
    *length = got;
    return text;
}

/* Open scenario @p name for reading; -1 with a status and message when it cannot be. */
static int open_scenario(const catalog_t *c, const char *name, int *status, char *why,
                         size_t why_size)
{
    if (!catalog_name_ok(name)) {
        *status = 400;
        snprintf(why, why_size,
                 "'%s' is not a scenario name: names hold only letters, digits, '-', '_' and "
                 "'.', and no path (no '/', no '..')",
                 name);
        return -1;
    }
    int fd = -1;
    if (c->dir == NULL) {
        for (size_t i = 0; i < c->n && fd < 0; i++)
            if (strcmp(c->names[i], name) == 0)
                fd = open(c->paths[i], O_RDONLY | O_CLOEXEC);
        if (fd < 0 && errno != ENOENT) {
            *status = 500;
            snprintf(why, why_size, "scenario '%s' cannot be read: %s", name, strerror(errno));
            return -1;
        }
    } else {
        fd = openat(c->dir_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0 && errno == ELOOP) {
            *status = 403;
            snprintf(why, why_size, "'%s' is a symbolic link; pacta serve follows none", name);
            return -1;
        }
    }
    if (fd < 0 || (c->dir != NULL && !scenario_suffix(name))) {
        if (fd >= 0)
            close(fd);
        *status = 404;
        snprintf(why, why_size, "no scenario '%s' (GET /api/scenarios lists them)", name);
        return -1;
    }
    return fd;
}

/* The path diagnostics name scenario @p name by (malloc'd): the directory joined with the
 * name, or the file as the user gave it. */
static char *scenario_path(const catalog_t *c, const char *name)
{
    if (c->dir == NULL) {
        for (size_t i = 0; i < c->n; i++)
            if (strcmp(c->names[i], name) == 0)
                return dup_string(c->paths[i]);
        return NULL;
    }
    size_t n = strlen(c->dir) + strlen(name) + 2;
    char *path = malloc(n);
    if (path != NULL)
        snprintf(path, n, "%s/%s", c->dir, name);
    return path;
}

int catalog_read(const catalog_t *c, const char *name, char **text, size_t *length, char **path,
                 char *why, size_t why_size)
{
    int status = 200;
    *text = NULL;
    *path = NULL;
    *length = 0;
    int fd = open_scenario(c, name, &status, why, why_size);
    if (fd < 0)
        return status;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        status = 403;
        snprintf(why, why_size, "'%s' is not a regular file", name);
    } else if ((unsigned long long)st.st_size > PACTA_MAX_FILE_BYTES) {
        status = 413;
        snprintf(why, why_size, "scenario '%s' is larger than the limit of %u bytes", name,
                 (unsigned)PACTA_MAX_FILE_BYTES);
    } else {
        *text = read_all(fd, (size_t)st.st_size, length);
        *path = scenario_path(c, name);
        if (*text == NULL || *path == NULL) {
            status = 500;
            snprintf(why, why_size, "out of memory");
        }
    }
    close(fd);
    if (status != 200) {
        free(*text);
        free(*path);
        *text = *path = NULL;
    }
    return status;
}
