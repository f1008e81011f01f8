/* CSV output of an evaluation: one row per proposal and participating actor
 * (docs/json-schema.md). */
#include <csv.h>
#include <math.h>
#include <string.h>

#include "core/text.h"

#include <pacta/pacta.h>

static void text(FILE *f, const char *s, char end)
{
    csv_fwrite(f, s ? s : "", s ? strlen(s) : 0);
    fputc(end, f);
}

static void number(FILE *f, double v, char end)
{
    char buf[40] = "";
    if (isfinite(v))
        pacta_format_double(buf, sizeof buf, v);
    fputs(buf, f);
    fputc(end, f);
}

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
            text(f, s->proposals[v->proposal].id, ',');
            text(f, s->actors[a].id, ',');
            fputs(s->actors[a].veto ? "true," : "false,", f);
            fputs(av->accepts ? "true," : "false,", f);
            number(f, av->gain, ',');
            number(f, av->loss_deal, ',');
            number(f, av->loss_reservation, ',');
            number(f, av->war_cost, ',');
            fputs(v->vetoes_accept ? "true," : "false,", f);
            fprintf(f, "%s,%s,%s,", inside, holds, embolden);
            number(f, v->durability.present ? v->durability.survival : NAN, '\n');
        }
    }
    return ferror(f) ? PACTA_EIO : PACTA_OK;
}
