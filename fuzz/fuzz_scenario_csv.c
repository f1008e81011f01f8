/* Fuzz target scenario_csv: the flat CSV actor table reader (pacta_scenario_parse with
 * "csv"), with the reading options chosen from the input's length so that every option is
 * exercised without changing the bytes, then everything fuzz_exercise_scenario does. */
#include <stdlib.h>

#include <pacta/pacta.h>

#include "fuzz.h"
#include "scenario_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pacta_csv_options_t o;
    pacta_csv_options_default(&o);
    if (size & 1)
        o.salience_scale = 1; /* --salience-scale 1 */
    if (size & 2) {
        o.has_scale = true; /* --scale -50:50 --unit km */
        o.scale_low = -50;
        o.scale_high = 50;
        o.unit_name = "km";
    }
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_scenario_t *s = NULL;
    pacta_status st =
        pacta_scenario_parse(&s, (const char *)data, size, "fuzz.csv", "csv", &o, diag);
    fuzz_check_diagnostics(diag, st);
    FUZZ_CHECK(st == PACTA_OK || st == PACTA_EINPUT || st == PACTA_ELIMIT, "unexpected status %s",
               pacta_strerror(st));
    FUZZ_CHECK((st == PACTA_OK) == (s != NULL), "a scenario with status %s", pacta_strerror(st));
    if (s != NULL)
        fuzz_exercise_scenario(s);
    pacta_scenario_destroy(s);
    pacta_diag_destroy(diag);
    return 0;
}
