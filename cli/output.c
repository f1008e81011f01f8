/* Where a command's output goes (-o): standard output, a descriptor the caller opened, a
 * device or pipe written in place, or a file replaced only once the output is complete.
 * The rules are in cli.h (cli_output_t) and docs/cli.md. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* The descriptor that /dev/stderr, /dev/fd/N or /proc/self/fd/N names, or -1. */
static int named_descriptor(const char *path)
{
    if (strcmp(path, "/dev/stderr") == 0)
        return STDERR_FILENO;
    const char *number = NULL;
    if (strncmp(path, "/dev/fd/", 8) == 0)
        number = path + 8;
    else if (strncmp(path, "/proc/self/fd/", 14) == 0)
        number = path + 14;
    if (number == NULL || *number < '0' || *number > '9')
        return -1;
    char *end = NULL;
    errno = 0;
    long fd = strtol(number, &end, 10);
    if (errno != 0 || *end != '\0' || fd > INT_MAX)
        return -1;
    return (int)fd;
}

/* The path names a device, a pipe or a socket itself (not through a symbolic link, which
 * another user may have planted: a link is replaced like a file). */
static bool is_special_file(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ||
                                     S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
}

/* Open a new temporary file, made from @p template (ending in XXXXXX, replaced in place),
 * with the permissions a new file gets. Returns its descriptor or -1 (errno set). */
static int make_temp(char *template)
{
    int fd = mkstemp(template);
    if (fd >= 0) {
        /* mkstemp creates the file 0600; give the output the usual permissions (not fatal
         * when it fails: the output is still correct, only its mode is stricter). */
        mode_t mask = umask(0);
        umask(mask);
        (void)fchmod(fd, 0666 & ~mask);
    }
    return fd;
}

static char *temp_name(const char *base)
{
    size_t n = strlen(base) + sizeof ".tmp-XXXXXX";
    char *name = malloc(n);
    if (name != NULL)
        snprintf(name, n, "%s.tmp-XXXXXX", base);
    return name;
}

static void release(cli_output_t *out)
{
    free(out->path);
    free(out->temp_path);
    free(out->scratch_path);
    memset(out, 0, sizeof *out);
}

/* Open out->stream on @p path, without a temporary file when the path is standard output,
 * a named descriptor or a special file. */
static bool open_target(cli_output_t *out, const char *path)
{
    memset(out, 0, sizeof *out);
    if (path == NULL || strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0) {
        out->stream = stdout;
        return true;
    }
    out->path = strdup(path);
    if (out->path == NULL) {
        cli_error("out of memory");
        return false;
    }
    int fd = named_descriptor(path);
    if (fd >= 0) {
        /* A duplicate shares the descriptor's offset and append mode: output lands where
         * writing to the descriptor itself would put it (reopening the path would not). */
        int copy = dup(fd);
        out->stream = copy >= 0 ? fdopen(copy, "w") : NULL;
        if (out->stream == NULL && copy >= 0)
            close(copy);
    } else if (is_special_file(path)) {
        out->stream = fopen(path, "w");
    } else {
        out->temp_path = temp_name(path);
        if (out->temp_path == NULL) {
            cli_error("out of memory");
            release(out);
            return false;
        }
        fd = make_temp(out->temp_path);
        if (fd < 0) {
            /* Nothing was created: forget the name, so that nothing is removed. */
            free(out->temp_path);
            out->temp_path = NULL;
        } else if ((out->stream = fdopen(fd, "w")) == NULL) {
            close(fd);
        }
    }
    if (out->stream == NULL) {
        cli_error("%s: cannot write: %s", path, strerror(errno));
        if (out->temp_path != NULL)
            unlink(out->temp_path);
        release(out);
        return false;
    }
    return true;
}

bool cli_output_open(cli_output_t *out, const char *path)
{
    return open_target(out, path);
}

bool cli_output_reserve(cli_output_t *out, const char *path)
{
    if (!open_target(out, path))
        return false;
    if (out->temp_path != NULL) {
        /* The writer writes the temporary file by name; closing moves it into place. */
        bool closed = fclose(out->stream) == 0;
        out->stream = NULL;
        if (!closed) {
            cli_error("%s: cannot write: %s", path, strerror(errno));
            unlink(out->temp_path);
            release(out);
            return false;
        }
        return true;
    }
    /* Standard output, a descriptor or a device: the writer writes a scratch file, copied
     * to the stream on closing (the writer would truncate or reopen the target itself). */
    const char *dir = getenv("TMPDIR");
    char base[PATH_MAX];
    snprintf(base, sizeof base, "%s/pacta", dir != NULL && *dir != '\0' ? dir : "/tmp");
    out->scratch_path = temp_name(base);
    int fd = out->scratch_path != NULL ? make_temp(out->scratch_path) : -1;
    if (fd < 0) {
        cli_error("%s: cannot make a scratch file: %s", path,
                  out->scratch_path ? strerror(errno) : "out of memory");
        free(out->scratch_path);
        out->scratch_path = NULL;
        cli_output_close(out, false);
        return false;
    }
    close(fd);
    return true;
}

const char *cli_output_file(const cli_output_t *out)
{
    return out->scratch_path != NULL ? out->scratch_path : out->temp_path;
}

/* Append the scratch file to out->stream. */
static bool copy_scratch(cli_output_t *out)
{
    FILE *in = fopen(out->scratch_path, "rb");
    if (in == NULL)
        return false;
    char buffer[1 << 16];
    size_t n;
    bool good = true;
    while (good && (n = fread(buffer, 1, sizeof buffer, in)) > 0)
        good = fwrite(buffer, 1, n, out->stream) == n;
    good = good && !ferror(in);
    fclose(in);
    return good;
}

bool cli_output_close(cli_output_t *out, bool ok)
{
    const char *name = out->stream == stdout ? "standard output" : out->path;
    bool good = true;
    if (out->scratch_path != NULL) {
        if (ok)
            good = copy_scratch(out);
        unlink(out->scratch_path);
    }
    if (out->stream != NULL) {
        if (fflush(out->stream) != 0 || ferror(out->stream))
            good = false;
        if (out->stream != stdout && fclose(out->stream) != 0)
            good = false;
    }
    /* A write that failed is reported whether or not the command had failed already. */
    if (!good)
        cli_error("%s: cannot write: %s", name, strerror(errno));
    good = good && ok;
    if (out->temp_path != NULL) {
        if (good && rename(out->temp_path, out->path) != 0) {
            cli_error("%s: cannot write: %s", out->path, strerror(errno));
            good = false;
        }
        if (!good)
            unlink(out->temp_path);
    }
    release(out);
    return good;
}

int cli_output_finish(cli_output_t *out, pacta_status st)
{
    bool written = cli_output_close(out, st == PACTA_OK);
    if (st != PACTA_OK)
        return cli_exit_code(st);
    return written ? EXIT_OK : EXIT_IO;
}
