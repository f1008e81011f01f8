/* CSV output of an evaluation: one row per proposal and participating actor
 * (docs/json-schema.md). */
#include <math.h>

#include "core/csv_write.h"

#include <pacta/pacta.h>

pacta_status pacta_evaluation_write_csv(const pacta_evaluation_t *e, const pacta_scenario_t *s,
                                        FILE *f)
{
    fputs("proposal,actor,veto,accepts,gain,loss_deal,loss_reservation,war_cost,"
          "vetoes_accept,inside_range,self_enforcing,emboldens,holds_5_years\n",
          f);
    for (size_t i = 0; i < e->n_proposals; i++) {
        const pacta_proposal_verdict_t *v = &e->proposals[i];
        const char *inside = v->bargaining.present ? (v->bargaining.inside ? "true" : "false") : "";
        const char *holds =
            v->commitment.present ? (v->commitment.self_enforcing ? "true" : "false") : "";
        const char *embolden =
            v->emboldening.present ? (v->emboldening.emboldens ? "true" : "false") : "";
        for (size_t a = 0; a < s->n_actors; a++) {
            const pacta_actor_verdict_t *av = &v->actors[a];
            if (!av->takes_part)
                continue;
            pacta_csv_text(f, s->proposals[v->proposal].id, ',');
            pacta_csv_text(f, s->actors[a].id, ',');
            fputs(s->actors[a].veto ? "true," : "false,", f);
            fputs(av->accepts ? "true," : "false,", f);
            pacta_csv_number(f, av->gain, ',');
            pacta_csv_number(f, av->loss_deal, ',');
            pacta_csv_number(f, av->loss_reservation, ',');
            pacta_csv_number(f, av->war_cost, ',');
            fputs(v->vetoes_accept ? "true," : "false,", f);
            fprintf(f, "%s,%s,%s,", inside, holds, embolden);
            pacta_csv_number(f, v->durability.present ? v->durability.survival : NAN, '\n');
        }
    }
    return ferror(f) ? PACTA_EIO : PACTA_OK;
}
