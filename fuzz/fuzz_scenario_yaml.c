/* Fuzz target scenario_yaml: the YAML scenario reader (pacta_scenario_parse with "yaml"),
 * then the writer, the reader again and the fast analyses on whatever it accepts. */
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
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_scenario_t *s = NULL;
    pacta_status st =
        pacta_scenario_parse(&s, (const char *)data, size, "fuzz.yaml", "yaml", NULL, diag);
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
