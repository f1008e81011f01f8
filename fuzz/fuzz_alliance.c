/* Fuzz target alliance: the alliance table reader (pacta_alliance_load) with its optional
 * YAML sidecar, then the analysis of the latest and the first year and the JSON and CSV
 * writers. The input is the CSV table, optionally followed by FUZZ_SEPARATOR and the
 * sidecar; both are written as files because the reader takes a path and finds the sidecar
 * beside the table. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pacta/pacta.h>

#include "fuzz.h"
#include "scenario_common.h"

typedef struct write_args {
    const pacta_alliance_result_t *result;
    const pacta_alliance_data_t *data;
} write_args_t;

static int write_json(void *context, FILE *f)
{
    const write_args_t *a = context;
    return pacta_alliance_write_json(f, a->result, a->data) == PACTA_OK;
}

static void analyse(const pacta_alliance_data_t *data, int year, double target)
{
    pacta_alliance_options_t o;
    pacta_alliance_options_default(&o);
    o.year = year;
    o.target = target;
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_alliance_result_t *r = NULL;
    pacta_status st = pacta_alliance_analyse(&r, data, &o, diag);
    fuzz_check_diagnostics(diag, st);
    /* alliance.h: the options are valid (a year of the table, a documented target), so the
     * analysis of a table the reader accepted cannot fail but for memory. */
    FUZZ_CHECK(st == PACTA_OK, "analysing year %d failed: %s", year, pacta_strerror(st));
    write_args_t args = {r, data};
    size_t length = 0;
    char *json = fuzz_capture(write_json, &args, &length);
    FUZZ_CHECK(json != NULL, "the alliance JSON writer failed");
    FUZZ_CHECK(fuzz_json_valid(json, length), "the alliance JSON writer wrote invalid JSON");
    free(json);
    FUZZ_CHECK(pacta_alliance_write_csv(fuzz_null_stream(), r) == PACTA_OK,
               "the alliance CSV writer failed");
    pacta_alliance_result_destroy(r);
    pacta_diag_destroy(diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *parts[2];
    size_t lengths[2];
    size_t n = fuzz_split(data, size, parts, lengths, 2);
    char csv[512], yaml[512];
    fuzz_write_file("alliance.csv", parts[0], lengths[0], csv, sizeof csv);
    if (n > 1) {
        fuzz_write_file("alliance.yaml", parts[1], lengths[1], yaml, sizeof yaml);
    } else {
        snprintf(yaml, sizeof yaml, "%s/alliance.yaml", fuzz_scratch_dir());
        unlink(yaml);
    }
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_alliance_data_t *table = NULL;
    pacta_status st = pacta_alliance_load(&table, csv, diag);
    fuzz_check_diagnostics(diag, st);
    FUZZ_CHECK(st == PACTA_OK || st == PACTA_EINPUT || st == PACTA_ELIMIT, "unexpected status %s",
               pacta_strerror(st));
    if (st == PACTA_OK) {
        analyse(table, 0, 3.5);
        if (table->first_year != table->last_year)
            analyse(table, table->first_year, 2);
    }
    pacta_alliance_data_destroy(table);
    pacta_diag_destroy(diag);
    return 0;
}
