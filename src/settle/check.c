/* What a scenario must hold before its proposals can be judged: one function, called by
 * pacta_evaluate() (and so by simulate) and by 'pacta check', so that check rejects exactly
 * the files the analyses reject (issue 21). */
#include <stdbool.h>
#include <string.h>

#include "core/alloc.h"

#include <pacta/pacta.h>

/* The reservation an evaluation with these options uses. */
static pacta_reservation effective_reservation(const pacta_scenario_t *s,
                                               const pacta_evaluate_options_t *o)
{
    if (o->reservation != PACTA_RESERVATION_AUTO)
        return o->reservation;
    return s->war.present ? PACTA_RESERVATION_WAR : PACTA_RESERVATION_STATUS_QUO;
}

/* A proposal is compared with the reservation on every issue it takes a position on: the
 * status quo, or under a war reservation, the war's expected outcome on the stake issues. */
static pacta_status check_proposal(const pacta_scenario_t *s, const pacta_proposal_t *prop,
                                   bool war, const bool *in_stake, pacta_diag_t *diag)
{
    pacta_status st = PACTA_OK;
    for (size_t k = 0; k < s->n_issues; k++) {
        const pacta_issue_t *issue = &s->issues[k];
        if (issue->has_status_quo)
            continue;
        const char *problem = NULL;
        if (prop->covers[k] && !(war && in_stake[k]))
            problem = "takes a position on this issue, which has no status_quo to compare it "
                      "with; add one";
        else if (!prop->covers[k] && war && in_stake[k])
            problem = "leaves this stake issue open and it has no status_quo, so the deal's "
                      "share of the stake is undefined";
        if (problem != NULL) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, issue->at.line, issue->at.column,
                            issue->id, "proposal '%s' %s", prop->id, problem);
            st = PACTA_EINPUT;
        }
    }
    return st;
}

pacta_status pacta_evaluate_check(const pacta_scenario_t *s, const pacta_evaluate_options_t *o,
                                  pacta_diag_t *diag)
{
    bool war = effective_reservation(s, o) == PACTA_RESERVATION_WAR;
    if (war && !s->war.present) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "--reservation",
                       "continued war is the reservation only when the scenario has a war "
                       "section");
        return PACTA_EINVAL;
    }
    bool *in_stake = pacta_calloc(s->n_issues ? s->n_issues : 1, sizeof(bool));
    if (in_stake == NULL)
        return PACTA_ENOMEM;
    for (size_t i = 0; war && i < s->war.n_stake; i++)
        in_stake[s->war.stake[i].issue] = true;
    pacta_status st = PACTA_OK;
    /* A shift per scale point needs the status quo to measure from. */
    for (size_t i = 0; s->war.present && i < s->war.n_shifts; i++) {
        const pacta_power_shift_t *sh = &s->war.shifts[i];
        if (sh->basis == PACTA_SHIFT_ISSUE && !s->issues[sh->issue].has_status_quo) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, sh->at.line, sh->at.column,
                            "war.shifts",
                            "shift '%s' is measured from the status quo of issue '%s', which "
                            "has none",
                            sh->id, s->issues[sh->issue].id);
            st = PACTA_EINPUT;
        }
    }
    for (size_t p = 0; p < s->n_proposals; p++)
        if (o->proposal == NULL || strcmp(s->proposals[p].id, o->proposal) == 0)
            if (check_proposal(s, &s->proposals[p], war, in_stake, diag) != PACTA_OK)
                st = PACTA_EINPUT;
    pacta_free(in_stake);
    return st;
}
