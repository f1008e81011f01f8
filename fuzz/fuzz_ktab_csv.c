/* Fuzz target ktab_csv: the reader of KTAB's CSV layout (its first two lines carry the scenario name, the counts and the
 * dimension names; docs/scenario-format.md), through pacta_scenario_parse with
 * "ktab-csv", then everything fuzz_exercise_scenario does, smp included. */
#include <pacta/pacta.h>

#include "fuzz.h"
#include "scenario_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_parse_scenario(data, size, "fuzz.csv", "ktab-csv", NULL);
    return 0;
}
