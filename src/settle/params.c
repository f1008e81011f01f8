/* The named parameters of the settlement models: read from the scenario's war section and
 * overridable one by one for sensitivity runs. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/tolerance.h"
#include "settle/settle_internal.h"

pacta_status pacta_settle_params_init(settle_params_t *params, const pacta_scenario_t *s,
                                      pacta_arena_t *arena)
{
    memset(params, 0, sizeof *params);
    const pacta_war_t *w = &s->war;
    if (!w->present)
        return PACTA_OK;
    params->has_war = true;
    params->p = w->p_method == PACTA_P_GIVEN ? w->p.value : pacta_settle_capability_p(s);
    params->cost_a = w->cost_a.value;
    params->cost_b = w->cost_b.value;
    params->discount = w->discount.value;
    params->horizon = (int)w->horizon.value;
    const pacta_reputation_t *r = &w->reputation;
    if (r->present) {
        params->has_reputation = true;
        params->belief = r->belief.value;
        params->concede_if_resolute = r->concede_if_resolute.value;
        params->concede_if_irresolute = r->concede_if_irresolute.value;
        params->next_held = r->next_held.value;
        params->next_p = r->next_p.value;
        params->next_cost = r->next_cost.value;
    }
    params->n_shifts = w->n_shifts;
    params->shift_effect = pacta_arena_alloc(arena, w->n_shifts, sizeof(double));
    params->shift_years = pacta_arena_alloc(arena, w->n_shifts, sizeof(double));
    if (params->shift_effect == NULL || params->shift_years == NULL)
        return PACTA_ENOMEM;
    for (size_t i = 0; i < w->n_shifts; i++) {
        params->shift_effect[i] = w->shifts[i].effect.value;
        params->shift_years[i] = w->shifts[i].years.value;
    }
    return PACTA_OK;
}

typedef struct scalar_param {
    const char *name;
    size_t offset;
    double min;
    double max;
    bool reputation;
} scalar_param_t;

static const scalar_param_t scalars[] = {
    {"p", offsetof(settle_params_t, p), 0, 1, false},
    {"cost_a", offsetof(settle_params_t, cost_a), 0, 1, false},
    {"cost_b", offsetof(settle_params_t, cost_b), 0, 1, false},
    {"discount", offsetof(settle_params_t, discount), PACTA_DISCOUNT_MIN, PACTA_DISCOUNT_MAX,
     false},
    {"belief", offsetof(settle_params_t, belief), 0, 1, true},
    {"concede_if_resolute", offsetof(settle_params_t, concede_if_resolute), 0, 1, true},
    {"concede_if_irresolute", offsetof(settle_params_t, concede_if_irresolute), 0, 1, true},
    {"next_held", offsetof(settle_params_t, next_held), 0, 1, true},
    {"next_p", offsetof(settle_params_t, next_p), 0, 1, true},
    {"next_cost", offsetof(settle_params_t, next_cost), 0, 10, true},
};

size_t pacta_evaluate_parameters(const pacta_scenario_t *s, const char **names, size_t max)
{
    size_t n = 0;
    if (!s->war.present)
        return 0;
    for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++) {
        if (scalars[i].reputation && !s->war.reputation.present)
            continue;
        if (names && n < max)
            names[n] = scalars[i].name;
        n++;
        /* horizon, the one whole-number parameter, follows discount as evaluate.h lists them. */
        if (strcmp(scalars[i].name, "discount") == 0) {
            if (names && n < max)
                names[n] = "horizon";
            n++;
        }
    }
    return n;
}

pacta_status pacta_settle_params_set(settle_params_t *params, const pacta_scenario_t *s,
                                     const char *name, double value, pacta_diag_t *diag)
{
    if (!params->has_war) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, name,
                        "the scenario has no war section, so it has no parameter '%s'", name);
        return PACTA_EINVAL;
    }
    if (!isfinite(value)) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, name, "is not finite");
        return PACTA_EINVAL;
    }
    for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++) {
        const scalar_param_t *sp = &scalars[i];
        if (strcmp(sp->name, name) != 0)
            continue;
        if (sp->reputation && !params->has_reputation) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, name,
                            "the war section has no reputation block, so '%s' does not apply",
                            name);
            return PACTA_EINVAL;
        }
        if (value < sp->min || value > sp->max) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, name,
                            "%g is outside the range %g to %g", value, sp->min, sp->max);
            return PACTA_EINVAL;
        }
        *(double *)((char *)params + sp->offset) = value;
        return PACTA_OK;
    }
    if (strcmp(name, "horizon") == 0) {
        if (value < 1 || value > 100 || value != floor(value)) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, name,
                            "%g is not a whole number of years from 1 to 100", value);
            return PACTA_EINVAL;
        }
        params->horizon = (int)value;
        return PACTA_OK;
    }
    if (strncmp(name, "shift.", 6) == 0) {
        const char *id = name + 6;
        size_t len = strlen(id);
        bool years = len > 6 && strcmp(id + len - 6, ".years") == 0;
        if (years)
            len -= 6;
        for (size_t i = 0; i < s->war.n_shifts; i++) {
            const char *sid = s->war.shifts[i].id;
            if (strlen(sid) != len || strncmp(sid, id, len) != 0)
                continue;
            if (years && (value < 0 || value > 100)) {
                pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, name,
                                "%g is outside the range 0 to 100 years", value);
                return PACTA_EINVAL;
            }
            if (years)
                params->shift_years[i] = value;
            else
                params->shift_effect[i] = value;
            return PACTA_OK;
        }
    }
    /* The list the message gives is the public one, so the two cannot disagree. */
    const char *names[sizeof scalars / sizeof scalars[0] + 1];
    size_t n = pacta_evaluate_parameters(s, names, sizeof names / sizeof names[0]);
    char list[256] = "";
    for (size_t i = 0; i < n && i < sizeof names / sizeof names[0]; i++) {
        if (i > 0)
            strncat(list, ", ", sizeof list - strlen(list) - 1);
        strncat(list, names[i], sizeof list - strlen(list) - 1);
    }
    pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, name,
                    "unknown parameter; the scenario's parameters are %s and shift.<id> or "
                    "shift.<id>.years for its shifts",
                    list);
    return PACTA_EINVAL;
}
