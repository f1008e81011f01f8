/* What-if edits of a scenario: a copy with some actors' capabilities, positions and
 * saliences replaced, checked like a loaded scenario (pacta serve's sliders use it). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario_internal.h"

/* A deep copy of @p base: written as YAML and read back, which the writer promises gives an
 * equal scenario, so no field can be forgotten here when the data model grows. */
static pacta_status copy_scenario(pacta_scenario_t **out, const pacta_scenario_t *base)
{
    char *text = NULL;
    size_t length = 0;
    pacta_status st = PACTA_EIO;
    FILE *stream = open_memstream(&text, &length);
    if (stream == NULL)
        return PACTA_ENOMEM;
    st = pacta_scenario_write_yaml(base, stream);
    if (fclose(stream) != 0 && st == PACTA_OK)
        st = PACTA_EIO;
    if (st == PACTA_OK)
        st = pacta_scenario_parse_as(out, text, length, base->path, PACTA_FORMAT_YAML, NULL, NULL);
    free(text);
    return st;
}

/* The number edit @p e names in @p s, or NULL after reporting why to @p b (edit @p k). */
static pacta_value_t *edited_value(scenario_builder_t *b, pacta_scenario_t *s,
                                   const pacta_scenario_edit_t *e, size_t k)
{
    pacta_location_t nowhere = {0, 0};
    char field[48];
    snprintf(field, sizeof field, "edits[%zu].actor", k);
    long a = e->actor ? pacta_scenario_find_actor(s, e->actor) : -1;
    if (a < 0) {
        pacta_builder_error(b, nowhere, field, "no actor '%s' in the scenario",
                            e->actor ? e->actor : "");
        return NULL;
    }
    pacta_actor_t *actor = (pacta_actor_t *)&s->actors[a];
    if (e->field == PACTA_EDIT_CAPABILITY)
        return &actor->capability;
    snprintf(field, sizeof field, "edits[%zu].issue", k);
    long i = e->issue ? pacta_scenario_find_issue(s, e->issue) : -1;
    if (e->field != PACTA_EDIT_POSITION && e->field != PACTA_EDIT_SALIENCE) {
        snprintf(field, sizeof field, "edits[%zu].field", k);
        pacta_builder_error(b, nowhere, field, "is not capability, position or salience");
        return NULL;
    }
    if (i < 0) {
        pacta_builder_error(b, nowhere, field, "no issue '%s' in the scenario",
                            e->issue ? e->issue : "");
        return NULL;
    }
    pacta_stance_t *stance = (pacta_stance_t *)&actor->stances[i];
    if (!stance->present) {
        pacta_builder_error(b, nowhere, field, "%s takes no part in issue '%s'", actor->id,
                            e->issue);
        return NULL;
    }
    return e->field == PACTA_EDIT_POSITION ? &stance->position : &stance->salience;
}

/* Apply edit @p k to the copy, reporting a bad one to @p b. */
static void apply(scenario_builder_t *b, const pacta_scenario_edit_t *e, size_t k)
{
    pacta_value_t *v = edited_value(b, &b->owner->pub, e, k);
    if (v == NULL)
        return;
    double hi = e->field == PACTA_EDIT_CAPABILITY ? HUGE_VAL : 100.0;
    if (!isfinite(e->value) || e->value < 0.0 || e->value > hi) {
        char field[48];
        snprintf(field, sizeof field, "edits[%zu].value", k);
        pacta_location_t nowhere = {0, 0};
        if (e->field == PACTA_EDIT_CAPABILITY)
            pacta_builder_error(b, nowhere, field, "a capability must be a number >= 0, not %g",
                                e->value);
        else
            pacta_builder_error(b, nowhere, field, "a %s must be in [0, 100], not %g",
                                e->field == PACTA_EDIT_POSITION ? "position" : "salience",
                                e->value);
        return;
    }
    v->value = e->value;
    v->dist = NULL;
}

pacta_status pacta_scenario_edit(pacta_scenario_t **out, const pacta_scenario_t *base,
                                 const pacta_scenario_edit_t *edits, size_t n, pacta_diag_t *diag)
{
    if (out == NULL || base == NULL || (edits == NULL && n > 0))
        return PACTA_EINVAL;
    *out = NULL;
    pacta_scenario_t *copy = NULL;
    pacta_status st = copy_scenario(&copy, base);
    if (st != PACTA_OK)
        return st == PACTA_EINPUT ? PACTA_EIO : st;
    /* The builder takes the copy over: errors are counted against it, and finishing either
     * hands it out or frees it. */
    scenario_builder_t b;
    memset(&b, 0, sizeof b);
    b.owner = (scenario_owner_t *)copy;
    b.diag = diag;
    b.file = copy->path;
    for (size_t k = 0; k < n; k++)
        apply(&b, &edits[k], k);
    if (b.errors == 0)
        pacta_scenario_check_semantics(&b);
    return pacta_builder_finish(&b, out);
}
