/* Fuzz target ktab_xml: the reader of KTAB's XML scenario format, read with libxml2 (no network, no DTD, no entity
 * expansion; docs/scenario-format.md), through pacta_scenario_parse with
 * "ktab-xml", then everything fuzz_exercise_scenario does, smp included. */
#include <pacta/pacta.h>

#include "fuzz.h"
#include "scenario_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_parse_scenario(data, size, "fuzz.xml", "ktab-xml", NULL);
    return 0;
}
