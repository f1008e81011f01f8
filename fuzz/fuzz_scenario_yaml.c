/* Fuzz target scenario_yaml: the YAML scenario reader (pacta_scenario_parse with "yaml"),
 * then the writer, the reader again and the fast analyses on whatever it accepts. */
#include <stdlib.h>

#include <pacta/pacta.h>

#include "fuzz.h"
#include "scenario_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_parse_scenario(data, size, "fuzz.yaml", "yaml", NULL);
    return 0;
}
