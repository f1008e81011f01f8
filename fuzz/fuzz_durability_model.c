/* Fuzz target durability_model: the durability model reader (pacta_durability_model_parse);
 * an accepted model is written back and must read back to the same text, and is used to
 * predict the proposals of the Ukraine example (pacta_durability_predict, few draws). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pacta/pacta.h>

#include "fuzz.h"
#include "scenario_common.h"

#ifndef PACTA_SOURCE_DIR
#error "PACTA_SOURCE_DIR must name the source tree (for examples/ukraine-2025.yaml)"
#endif

static pacta_scenario_t *ukraine;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (pacta_scenario_load(&ukraine, PACTA_SOURCE_DIR "/examples/ukraine-2025.yaml", NULL) !=
        PACTA_OK) {
        fprintf(stderr, "fuzz: cannot read %s/examples/ukraine-2025.yaml\n", PACTA_SOURCE_DIR);
        abort();
    }
    return 0;
}

static void predict(const pacta_durability_model_t *m)
{
    pacta_durability_predict_options_t o;
    pacta_durability_predict_options_default(&o);
    o.draws.draws = 100;
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_durability_report_t *r = NULL;
    pacta_status st = pacta_durability_predict(&r, m, ukraine, &o, diag);
    fuzz_check_diagnostics(diag, st);
    if (st == PACTA_OK) {
        for (size_t i = 0; i < r->n_results; i++) {
            const pacta_surv_prediction_t *p = &r->results[i].prediction;
            for (size_t h = 0; h < p->n_horizons; h++)
                FUZZ_CHECK(p->survival[h] >= 0 && p->survival[h] <= 1,
                           "proposal %s: S(%g) = %.17g is not a probability",
                           r->results[i].proposal, p->horizon[h], p->survival[h]);
        }
        FUZZ_CHECK(pacta_durability_write_json(r, ukraine, fuzz_null_stream()) == PACTA_OK,
                   "the durability JSON writer failed");
    }
    pacta_durability_report_destroy(r);
    pacta_diag_destroy(diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_durability_model_t *m = NULL;
    pacta_status st = pacta_durability_model_parse(&m, (const char *)data, size, "fuzz.yaml", diag);
    fuzz_check_diagnostics(diag, st);
    FUZZ_CHECK(st == PACTA_OK || st == PACTA_EINPUT || st == PACTA_ELIMIT, "unexpected status %s",
               pacta_strerror(st));
    if (st == PACTA_OK) {
        fuzz_check_model_round_trip(m);
        predict(m);
    }
    pacta_durability_model_destroy(m);
    pacta_diag_destroy(diag);
    return 0;
}
