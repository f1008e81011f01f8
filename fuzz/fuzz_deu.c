/* Fuzz target deu: the DEU table reader (pacta_backtest_read with format "deu"), with the
 * capability taken from the table's capability row, from a capability CSV file or equal,
 * then a backtest with the fast models and a small bootstrap, and its JSON and CSV
 * writers. The input is the table, optionally followed by FUZZ_SEPARATOR and the capability
 * file (columns actor, capability). */
#include <stdlib.h>
#include <unistd.h>

#include <pacta/pacta.h>

#include "fuzz.h"
#include "scenario_common.h"

static int write_json(void *context, FILE *f)
{
    return pacta_backtest_write_json(context, true, f) == PACTA_OK;
}

static void backtest(const pacta_backtest_set_t *set)
{
    static const char *const models[] = {"compromise", "median",        "nash",
                                         "status-quo", "eu-procedural", "focal"};
    pacta_backtest_options_t o;
    pacta_backtest_options_default(&o);
    o.models = models;
    o.n_models = sizeof models / sizeof models[0];
    o.bootstrap = 16;
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_backtest_result_t *r = NULL;
    pacta_status st = pacta_backtest_run(&r, set, &o, diag);
    fuzz_check_diagnostics(diag, st);
    /* backtest.h: with valid options only a model's numerical failure or memory can stop it. */
    FUZZ_CHECK(st == PACTA_OK || st == PACTA_ENUMERIC, "the backtest failed: %s",
               pacta_strerror(st));
    if (st == PACTA_OK) {
        size_t length = 0;
        char *json = fuzz_capture(write_json, r, &length);
        FUZZ_CHECK(json != NULL, "the backtest JSON writer failed");
        FUZZ_CHECK(fuzz_json_valid(json, length), "the backtest JSON writer wrote invalid JSON");
        free(json);
        FUZZ_CHECK(pacta_backtest_write_csv(r, fuzz_null_stream()) == PACTA_OK,
                   "the backtest CSV writer failed");
    }
    pacta_backtest_result_destroy(r);
    pacta_diag_destroy(diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *parts[2];
    size_t lengths[2];
    size_t n = fuzz_split(data, size, parts, lengths, 2);
    char table[512], capability[512];
    fuzz_write_file("fuzz.tsv", parts[0], lengths[0], table, sizeof table);
    pacta_backtest_read_options_t o;
    pacta_backtest_read_options_default(&o);
    o.format = "deu";
    if (n > 1) {
        fuzz_write_file("capability.csv", parts[1], lengths[1], capability, sizeof capability);
        o.capability = capability;
    } else {
        o.capability = size & 1 ? "row" : "equal";
    }
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_backtest_set_t *set = NULL;
    const char *paths[] = {table};
    pacta_status st = pacta_backtest_read(&set, paths, 1, &o, diag);
    fuzz_check_diagnostics(diag, st);
    FUZZ_CHECK(st == PACTA_OK || st == PACTA_EINPUT || st == PACTA_ELIMIT, "unexpected status %s",
               pacta_strerror(st));
    FUZZ_CHECK((st == PACTA_OK) == (set != NULL), "a set with status %s", pacta_strerror(st));
    if (set != NULL)
        backtest(set);
    pacta_backtest_set_destroy(set);
    pacta_diag_destroy(diag);
    return 0;
}
