/* Helpers shared by the subcommands: exit codes, diagnostics, argument conversion and
 * scenario loading (output files: output.c). */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int cli_exit_code(pacta_status status)
{
    switch (status) {
    case PACTA_OK:
        return EXIT_OK;
    case PACTA_EINVAL:
        return EXIT_USAGE;
    case PACTA_EINPUT:
    case PACTA_ELIMIT:
        return EXIT_BAD_INPUT;
    case PACTA_ENUMERIC:
        return EXIT_NUMERIC;
    case PACTA_EIO:
        return EXIT_IO;
    case PACTA_ENOMEM:
        return EXIT_FAILURE_;
    }
    return EXIT_FAILURE_;
}

void cli_error(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    fputs("pacta: ", stderr);
    vfprintf(stderr, format, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static int compare_entries(const void *a, const void *b)
{
    const pacta_diag_entry_t *const *p = a, *const *q = b;
    int c = strcmp((*p)->file, (*q)->file);
    if (c != 0)
        return c;
    if ((*p)->line != (*q)->line)
        return (*p)->line < (*q)->line ? -1 : 1;
    if ((*p)->column != (*q)->column)
        return (*p)->column < (*q)->column ? -1 : 1;
    return (*p < *q) ? -1 : (*p > *q);
}

size_t cli_print_diagnostics(const pacta_diag_t *diag)
{
    size_t n = pacta_diag_count(diag), errors = 0;
    const pacta_diag_entry_t **order = malloc((n ? n : 1) * sizeof *order);
    if (order == NULL) {
        cli_error("out of memory while printing %zu diagnostics", n);
        return pacta_diag_error_count(diag);
    }
    for (size_t i = 0; i < n; i++)
        order[i] = pacta_diag_get(diag, i);
    /* Pointers into one array compare in report order, which makes the sort stable. */
    qsort(order, n, sizeof *order, compare_entries);
    for (size_t i = 0; i < n; i++) {
        const pacta_diag_entry_t *e = order[i];
        fputs("pacta: ", stderr);
        if (e->file[0] != '\0') {
            fputs(e->file, stderr);
            if (e->line > 0) {
                fprintf(stderr, ":%d", e->line);
                if (e->column > 0)
                    fprintf(stderr, ":%d", e->column);
            }
            fputs(": ", stderr);
        }
        if (e->severity == PACTA_SEVERITY_WARNING)
            fputs("warning: ", stderr);
        else if (e->severity == PACTA_SEVERITY_NOTE)
            fputs("note: ", stderr);
        else
            errors++;
        if (e->field[0] != '\0')
            fprintf(stderr, "%s: ", e->field);
        fprintf(stderr, "%s\n", e->message);
    }
    if (pacta_diag_dropped(diag) > 0)
        cli_error("%zu more problems not shown", pacta_diag_dropped(diag));
    free(order);
    return errors;
}

bool cli_parse_long(const char *option, const char *text, long min, long max, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (text[0] == '\0' || *end != '\0' || errno == ERANGE || v < min || v > max) {
        cli_error("%s: '%s' is not a whole number from %ld to %ld", option, text, min, max);
        return false;
    }
    *out = v;
    return true;
}

bool cli_parse_double(const char *option, const char *text, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (text[0] == '\0' || *end != '\0' || errno == ERANGE || !isfinite(v)) {
        cli_error("%s: '%s' is not a finite number", option, text);
        return false;
    }
    *out = v;
    return true;
}

int cli_load(const char *path, pacta_format format, const pacta_csv_options_t *csv,
             pacta_scenario_t **out)
{
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        return cli_out_of_memory();
    pacta_status st = format == PACTA_FORMAT_KTAB_CSV
                          ? pacta_scenario_load_ktab(out, path, diag)
                          : pacta_scenario_load_as(out, path, format, csv, diag);
    size_t errors = cli_print_diagnostics(diag);
    pacta_diag_destroy(diag);
    if (st == PACTA_OK)
        return EXIT_OK;
    if (st == PACTA_EINPUT)
        cli_error("%s: %zu error%s; nothing was done", path, errors, errors == 1 ? "" : "s");
    if (st == PACTA_ENOMEM)
        cli_error("%s: out of memory", path);
    /* A missing or unreadable input file is bad input to this command (docs/cli.md). */
    return st == PACTA_EIO ? EXIT_BAD_INPUT : cli_exit_code(st);
}

size_t cli_report(pacta_diag_t *diag)
{
    size_t errors = cli_print_diagnostics(diag);
    pacta_diag_clear(diag);
    return errors;
}

int cli_out_of_memory(void)
{
    cli_error("out of memory");
    return EXIT_FAILURE_;
}

/* The durability model in FILE, or the shipped one when path is NULL; problems are printed. */
int cli_load_durability_model(const char *path, pacta_durability_model_t **out, pacta_diag_t *diag)
{
    pacta_status st;
    if (path != NULL) {
        st = pacta_durability_model_load(out, path, diag);
    } else {
        size_t length = 0;
        const char *text = pacta_durability_default_model_text(&length);
        st = pacta_durability_model_parse(out, text, length, "(shipped model)", diag);
    }
    size_t errors = cli_print_diagnostics(diag);
    pacta_diag_clear(diag);
    if (st != PACTA_OK) {
        cli_error("%s: %zu error%s; cannot use this model", path ? path : "shipped model", errors,
                  errors == 1 ? "" : "s");
        return st == PACTA_EIO ? EXIT_BAD_INPUT : cli_exit_code(st);
    }
    return EXIT_OK;
}

const char *cli_plural(size_t n)
{
    return n == 1 ? "" : "s";
}

void cli_reset_getopt(void)
{
    optind = 0;
    opterr = 1;
}
