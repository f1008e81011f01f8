/* Fuzz target episodes: the peace-episode table reader (pacta_episodes_load), its writer
 * (written tables must read back and write the same text), and fitting both model families
 * on what was read (pacta_durability_fit: the default model's covariates, and every known
 * covariate the header has), with the fitted model written as YAML and read
 * back (pacta_durability_model_parse). */
#include <stdlib.h>
#include <string.h>

#include <pacta/pacta.h>

#include "fuzz.h"
#include "scenario_common.h"

static int write_episodes(void *context, FILE *f)
{
    return pacta_episodes_write_csv(context, f) == PACTA_OK;
}


/* durability.h: a table written by pacta_episodes_write_csv() reads back. */
static void round_trip(const pacta_episodes_t *e)
{
    size_t length = 0;
    char *text = fuzz_capture(write_episodes, (void *)e, &length);
    FUZZ_CHECK(text != NULL, "the episode writer failed");
    char path[512];
    fuzz_write_file("written.csv", text, length, path, sizeof path);
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_episodes_t *again = NULL;
    pacta_status st = pacta_episodes_load(&again, path, diag);
    if (st != PACTA_OK)
        fprintf(stderr, "fuzz: the written table was:\n%.*s\n", (int)length, text);
    FUZZ_CHECK(st == PACTA_OK, "a written episode table does not read back: %s",
               pacta_diag_count(diag) ? pacta_diag_get(diag, 0)->message : pacta_strerror(st));
    FUZZ_CHECK(pacta_episodes_count(again) == pacta_episodes_count(e),
               "%zu episodes written, %zu read back", pacta_episodes_count(e),
               pacta_episodes_count(again));
    size_t length2 = 0;
    char *text2 = fuzz_capture(write_episodes, again, &length2);
    if (text2 == NULL || length2 != length || memcmp(text, text2, length) != 0)
        fprintf(stderr, "fuzz: first writing:\n%.*s\nfuzz: second writing:\n%.*s\n", (int)length,
                text, (int)length2, text2 ? text2 : "");
    FUZZ_CHECK(text2 != NULL && length2 == length && memcmp(text, text2, length) == 0,
               "writing, reading and writing an episode table again changes it");
    free(text2);
    pacta_episodes_destroy(again);
    pacta_diag_destroy(diag);
    free(text);
}


/* The header's columns that are known covariates (read naively: the first line that is not
 * a "#" comment, split at commas, quotes dropped), so that tables without all of the
 * default model's columns are fitted too. @p names receives at most @p max - 1 copies (free
 * them) and a NULL. */
static void header_covariates(const uint8_t *data, size_t size, char **names, size_t max)
{
    size_t n = 0, i = 0;
    while (i < size && data[i] == '#') {
        while (i < size && data[i] != '\n')
            i++;
        i++;
    }
    size_t n_known;
    const pacta_durability_covariate_t *known = pacta_durability_covariates(&n_known);
    while (i < size && data[i] != '\n' && n + 1 < max) {
        size_t start = i;
        while (i < size && data[i] != ',' && data[i] != '\n')
            i++;
        char *name = fuzz_strndup(data + start, i - start);
        size_t len = strlen(name);
        if (len > 0 && name[len - 1] == '\r')
            name[--len] = '\0';
        if (len >= 2 && name[0] == '"' && name[len - 1] == '"') {
            memmove(name, name + 1, len - 2);
            name[len - 2] = '\0';
        }
        bool is_known = false;
        for (size_t k = 0; k < n_known && !is_known; k++)
            is_known = strcmp(known[k].name, name) == 0;
        if (is_known)
            names[n++] = name;
        else
            free(name);
        if (i < size && data[i] == ',')
            i++;
    }
    names[n] = NULL;
}

static void fit(const pacta_episodes_t *e, pacta_surv_family family, const char *const *covariates)
{
    pacta_durability_fit_options_t o;
    pacta_durability_fit_options_default(&o);
    o.survival.family = family;
    o.covariates = covariates;
    o.created = "2025-01-01"; /* not today: a reproducible input */
    o.episodes_name = "fuzz.csv";
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_durability_model_t *m = NULL;
    pacta_status st = pacta_durability_fit(&m, e, &o, diag);
    fuzz_check_diagnostics(diag, st);
    FUZZ_CHECK(st == PACTA_OK || st == PACTA_EINPUT || st == PACTA_ENUMERIC,
               "unexpected status %s from fitting", pacta_strerror(st));
    if (st == PACTA_OK)
        fuzz_check_model_round_trip(m);
    pacta_durability_model_destroy(m);
    pacta_diag_destroy(diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[512];
    fuzz_write_file("episodes.csv", data, size, path, sizeof path);
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_episodes_t *e = NULL;
    pacta_status st = pacta_episodes_load(&e, path, diag);
    fuzz_check_diagnostics(diag, st);
    FUZZ_CHECK(st == PACTA_OK || st == PACTA_EINPUT || st == PACTA_ELIMIT, "unexpected status %s",
               pacta_strerror(st));
    if (st == PACTA_OK) {
        round_trip(e);
        char *names[PACTA_SURV_MAX_COVARIATES + 1];
        header_covariates(data, size, names, PACTA_SURV_MAX_COVARIATES + 1);
        fit(e, PACTA_SURV_COX, (const char *const *)names);
        fit(e, PACTA_SURV_WEIBULL, (const char *const *)names);
        fit(e, PACTA_SURV_COX, NULL); /* the default model's covariates */
        for (size_t i = 0; names[i] != NULL; i++)
            free(names[i]);
    }
    pacta_episodes_destroy(e);
    pacta_diag_destroy(diag);
    return 0;
}
