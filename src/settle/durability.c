/* The durability column of an evaluation: each judged proposal's chance of holding five
 * years, from a fitted durability model (src/durability/). A scenario without the facts
 * the model needs is not an error here: the evaluation notes why the column is empty. */
#include <string.h>

#include "core/alloc.h"
#include "settle/settle_internal.h"

enum { DURABILITY_YEARS = 5 };

/* The first error the prediction reported, kept in the arena as the evaluation's note. */
static const char *first_error(const pacta_diag_t *diag, pacta_arena_t *arena)
{
    for (size_t i = 0; i < pacta_diag_count(diag); i++) {
        const pacta_diag_entry_t *d = pacta_diag_get(diag, i);
        if (d->severity == PACTA_SEVERITY_ERROR)
            return pacta_arena_strdup(arena, d->message);
    }
    return pacta_arena_strdup(arena, "the durability model could not be applied");
}

pacta_status pacta_settle_durability(pacta_evaluation_t *e, pacta_proposal_verdict_t *verdicts,
                                     size_t count, const pacta_scenario_t *s,
                                     const pacta_evaluate_options_t *o, pacta_arena_t *arena)
{
    if (o->durability == NULL)
        return PACTA_OK;
    static const double horizon[1] = {DURABILITY_YEARS};
    pacta_durability_predict_options_t po;
    pacta_durability_predict_options_default(&po);
    po.horizons = horizon;
    po.n_horizons = 1;
    po.reference_horizon = 0;
    po.proposal = o->proposal;
    e->durability_level = po.draws.level;
    pacta_diag_t *diag = NULL;
    pacta_durability_report_t *report = NULL;
    pacta_status st = pacta_diag_create(&diag);
    if (st == PACTA_OK)
        st = pacta_durability_predict(&report, o->durability, s, &po, diag);
    if (st == PACTA_EINPUT || st == PACTA_ENUMERIC) {
        /* Missing facts, or a model that does not fit the scenario: say so, judge the rest. */
        e->durability_note = first_error(diag, arena);
        st = e->durability_note ? PACTA_OK : PACTA_ENOMEM;
    } else if (st == PACTA_OK) {
        for (size_t r = 0; r < report->n_results; r++) {
            const pacta_durability_result_t *res = &report->results[r];
            for (size_t i = 0; i < count; i++) {
                if (strcmp(s->proposals[verdicts[i].proposal].id, res->proposal) != 0)
                    continue;
                pacta_durability_verdict_t *d = &verdicts[i].durability;
                d->present = true;
                d->years = DURABILITY_YEARS;
                d->survival = res->prediction.survival[0];
                d->lower = res->prediction.lower[0];
                d->upper = res->prediction.upper[0];
            }
        }
    }
    pacta_durability_report_destroy(report);
    pacta_diag_destroy(diag);
    return st;
}
