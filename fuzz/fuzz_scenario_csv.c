/* Fuzz target scenario_csv: the flat CSV actor table reader (pacta_scenario_parse with
 * "csv"), with the reading options chosen from the input's length so that every option is
 * exercised without changing the bytes, then everything fuzz_exercise_scenario does. */
#include <stdlib.h>

#include <pacta/pacta.h>

#include "fuzz.h"
#include "scenario_common.h"

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
    fuzz_parse_scenario(data, size, "fuzz.csv", "csv", &o);
    return 0;
}
