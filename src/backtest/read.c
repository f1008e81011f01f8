/* Reading backtest sets: dispatch on the format, scenario files with outcomes, capability
 * schemes, and the set's lifetime. DEU tables are read by deu_read.c. */
#include <math.h>
#include <string.h>

#include "backtest/backtest_internal.h"
#include "core/alloc.h"

void pacta_backtest_read_options_default(pacta_backtest_read_options_t *options)
{
    memset(options, 0, sizeof *options);
    options->min_actors = 2;
}

void pacta_backtest_set_destroy(pacta_backtest_set_t *set)
{
    if (set == NULL)
        return;
    set_owner_t *owner = (set_owner_t *)set;
    for (size_t i = 0; i < owner->n_scenarios; i++)
        pacta_scenario_destroy(owner->scenarios[i]);
    pacta_arena_destroy(owner->arena);
    pacta_free(owner);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Whether an actor counts on issue k: a stance with a salience above 0 (positions are
 * always in [0, 100] in a loaded scenario). */
static bool counts(const pacta_actor_t *actor, size_t k)
{
    const pacta_stance_t *st = &actor->stances[k];
    return st->present && st->salience.value > 0.0;
}

/* Scenario files: each is one proposal; its issues with an outcome are the cases. */
static pacta_status read_scenarios(set_owner_t *owner, const char *const *paths, size_t n_paths,
                                   const pacta_backtest_read_options_t *o,
                                   const bt_capabilities_t *file_capabilities, pacta_diag_t *diag)
{
    pacta_arena_t *arena = owner->arena;
    pacta_backtest_set_t *set = &owner->pub;
    owner->scenarios = pacta_arena_alloc(arena, n_paths, sizeof(pacta_scenario_t *));
    pacta_backtest_proposal_t *proposals =
        pacta_arena_alloc(arena, n_paths, sizeof(pacta_backtest_proposal_t));
    if (owner->scenarios == NULL || proposals == NULL)
        return PACTA_ENOMEM;
    pacta_status worst = PACTA_OK;
    for (size_t f = 0; f < n_paths; f++) {
        pacta_scenario_t *s = NULL;
        pacta_status st = pacta_scenario_load(&s, paths[f], diag);
        if (st != PACTA_OK) {
            if (worst == PACTA_OK || st == PACTA_ENOMEM)
                worst = st;
            continue;
        }
        owner->scenarios[owner->n_scenarios++] = s;
    }
    if (worst != PACTA_OK)
        return worst;
    size_t total_issues = 0;
    for (size_t f = 0; f < owner->n_scenarios; f++)
        total_issues += owner->scenarios[f]->n_issues;
    pacta_backtest_case_t *cases =
        pacta_arena_alloc(arena, total_issues ? total_issues : 1, sizeof(pacta_backtest_case_t));
    if (cases == NULL)
        return PACTA_ENOMEM;
    pacta_backtest_excluded_t *x = &set->excluded;
    size_t errors = 0;
    for (size_t f = 0; f < owner->n_scenarios; f++) {
        const pacta_scenario_t *s = owner->scenarios[f];
        double *capability =
            pacta_arena_alloc(arena, s->n_actors ? s->n_actors : 1, sizeof(double));
        if (capability == NULL)
            return PACTA_ENOMEM;
        for (size_t a = 0; a < s->n_actors; a++) {
            capability[a] = s->actors[a].capability.value;
            if (strcmp(set->capability, "equal") == 0) {
                capability[a] = 1.0;
            } else if (file_capabilities != NULL) {
                capability[a] = pacta_bt_capability_of(file_capabilities, s->actors[a].id);
                if (capability[a] < 0) {
                    pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, file_capabilities->file, 0, 0,
                                    s->actors[a].id,
                                    "the capability file does not list actor '%s' of %s",
                                    s->actors[a].id, s->path);
                    errors++;
                }
            }
        }
        pacta_backtest_proposal_t *p = &proposals[set->n_proposals];
        size_t first_case = set->n_cases;
        for (size_t k = 0; k < s->n_issues; k++) {
            x->issues_read++;
            size_t n = 0;
            for (size_t a = 0; a < s->n_actors; a++) {
                const pacta_stance_t *st = &s->actors[a].stances[k];
                x->positions_read += st->present;
                x->no_salience += st->present && !(st->salience.value > 0.0);
                n += counts(&s->actors[a], k);
            }
            if (!s->issues[k].has_outcome) {
                x->no_outcome++;
                continue;
            }
            if (n < o->min_actors) {
                x->too_few_actors++;
                continue;
            }
            cases[set->n_cases++] = (pacta_backtest_case_t){set->n_proposals, k, n};
        }
        if (set->n_cases == first_case)
            continue;
        p->id = s->path;
        p->name = s->title;
        p->procedure = p->rule = "";
        p->date = s->date ? s->date : "";
        p->scenario = s;
        p->capability = capability;
        set->n_proposals++;
    }
    set->proposals = proposals;
    set->cases = cases;
    return errors ? PACTA_EINPUT : PACTA_OK;
}

pacta_status pacta_backtest_read(pacta_backtest_set_t **out, const char *const *paths,
                                 size_t n_paths, const pacta_backtest_read_options_t *options,
                                 pacta_diag_t *diag)
{
    *out = NULL;
    pacta_backtest_read_options_t defaults;
    pacta_backtest_read_options_default(&defaults);
    const pacta_backtest_read_options_t *o = options ? options : &defaults;
    if (n_paths == 0 || paths == NULL) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "", "no file to read");
        return PACTA_EINVAL;
    }
    const char *format = o->format;
    if (format == NULL)
        format = ends_with(paths[0], ".yaml") || ends_with(paths[0], ".yml") ? "pacta" : "deu";
    if (strcmp(format, "deu") != 0 && strcmp(format, "pacta") != 0) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--format",
                        "'%s' is not a backtest input format (deu or pacta)", format);
        return PACTA_EINVAL;
    }
    bool deu = strcmp(format, "deu") == 0;
    if (deu && n_paths > 1) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "",
                       "a DEU table is read on its own: give one file");
        return PACTA_EINVAL;
    }
    const char *capability = o->capability ? o->capability : deu ? "equal" : "scenario";
    if (!deu && strcmp(capability, "row") == 0) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--capability",
                       "'row' is the capability row of a DEU table; scenario files carry their "
                       "own capabilities (or give equal or a capability file)");
        return PACTA_EINVAL;
    }
    if (o->min_actors < 1) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "--min-actors",
                       "an issue needs at least 1 actor");
        return PACTA_EINVAL;
    }

    pacta_status st = PACTA_OK;
    set_owner_t *owner = pacta_calloc(1, sizeof *owner);
    if (owner == NULL)
        return PACTA_ENOMEM;
    owner->arena = pacta_arena_create();
    if (owner->arena == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    pacta_backtest_set_t *set = &owner->pub;
    set->path = pacta_arena_strdup(owner->arena, paths[0]);
    set->format = deu ? "deu" : "pacta";
    set->capability = pacta_arena_strdup(owner->arena, capability);
    set->min_actors = o->min_actors;
    if (set->path == NULL || set->capability == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    bt_capabilities_t file_capabilities;
    bool from_file = strcmp(capability, "equal") != 0 && strcmp(capability, "row") != 0 &&
                     strcmp(capability, "scenario") != 0;
    if (from_file) {
        st = pacta_bt_capabilities_read(&file_capabilities, owner->arena, capability, diag);
        if (st != PACTA_OK)
            goto cleanup;
    }
    st =
        deu ? pacta_bt_read_deu(owner, paths[0], o, from_file ? &file_capabilities : NULL, diag)
            : read_scenarios(owner, paths, n_paths, o, from_file ? &file_capabilities : NULL, diag);
    if (st == PACTA_OK && set->n_cases == 0) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, paths[0], 0, 0, "",
                        "no issue counts: none has an outcome and at least %zu actors with a "
                        "position in 0-100 and a salience above 0",
                        o->min_actors);
        st = PACTA_EINPUT;
    }

cleanup:
    if (st != PACTA_OK)
        pacta_backtest_set_destroy(&owner->pub);
    else
        *out = &owner->pub;
    return st;
}

/* ---- one issue's input --------------------------------------------------------------------- */

pacta_status pacta_bt_input_init(bt_input_t *in, size_t max_actors)
{
    memset(in, 0, sizeof *in);
    size_t n = max_actors ? max_actors : 1;
    in->position = pacta_malloc(n * sizeof(double));
    in->salience = pacta_malloc(n * sizeof(double));
    in->capability = pacta_malloc(n * sizeof(double));
    in->risk = pacta_malloc(n * sizeof(double));
    in->actor = pacta_malloc(n * sizeof(size_t));
    in->members = pacta_malloc(n * sizeof(member_t));
    if (!in->position || !in->salience || !in->capability || !in->risk || !in->actor ||
        !in->members) {
        pacta_bt_input_free(in);
        return PACTA_ENOMEM;
    }
    return PACTA_OK;
}

void pacta_bt_input_free(bt_input_t *in)
{
    pacta_free(in->position);
    pacta_free(in->salience);
    pacta_free(in->capability);
    pacta_free(in->risk);
    pacta_free(in->actor);
    pacta_free(in->members);
    memset(in, 0, sizeof *in);
}

void pacta_bt_input_gather(bt_input_t *in, const pacta_backtest_set_t *set,
                           const pacta_backtest_case_t *c)
{
    const pacta_backtest_proposal_t *p = &set->proposals[c->proposal];
    const pacta_scenario_t *s = p->scenario;
    in->n = 0;
    in->any_risk = false;
    for (size_t a = 0; a < s->n_actors; a++) {
        const pacta_actor_t *actor = &s->actors[a];
        if (!counts(actor, c->issue))
            continue;
        const pacta_stance_t *st = &actor->stances[c->issue];
        in->position[in->n] = st->position.value;
        in->salience[in->n] = st->salience.value;
        in->capability[in->n] = p->capability[a];
        in->risk[in->n] = actor->has_risk ? actor->risk.value : 1.0;
        in->any_risk |= actor->has_risk;
        in->actor[in->n] = a;
        in->n++;
    }
    const pacta_issue_t *issue = &s->issues[c->issue];
    in->data = (pacta_issue_data_t){.n = in->n,
                                    .position = in->position,
                                    .salience = in->salience,
                                    .capability = in->capability,
                                    .risk = in->any_risk ? in->risk : NULL,
                                    .has_status_quo = issue->has_status_quo,
                                    .status_quo = issue->status_quo.value};
}

pacta_status pacta_bt_joint_gather(bt_joint_t *j, const pacta_backtest_set_t *set, size_t proposal)
{
    const pacta_backtest_proposal_t *p = &set->proposals[proposal];
    const pacta_scenario_t *s = p->scenario;
    const size_t n = s->n_actors, k = s->n_issues;
    const size_t cells = n * k > 0 ? n * k : 1;
    pacta_bt_joint_free(j);
    j->position = pacta_calloc(cells, sizeof(double));
    j->salience = pacta_calloc(cells, sizeof(double));
    j->capability = pacta_calloc(n > 0 ? n : 1, sizeof(double));
    if (!j->position || !j->salience || !j->capability) {
        pacta_bt_joint_free(j);
        return PACTA_ENOMEM;
    }
    for (size_t a = 0; a < n; a++) {
        j->capability[a] = p->capability[a];
        for (size_t d = 0; d < k; d++) {
            if (!counts(&s->actors[a], d))
                continue; /* position 0, salience 0: takes no part */
            j->position[a * k + d] = s->actors[a].stances[d].position.value;
            j->salience[a * k + d] = s->actors[a].stances[d].salience.value;
        }
    }
    j->data = (pacta_joint_data_t){n, k, j->position, j->salience, j->capability, NULL};
    return PACTA_OK;
}

void pacta_bt_joint_free(bt_joint_t *j)
{
    pacta_free(j->position);
    pacta_free(j->salience);
    pacta_free(j->capability);
    memset(j, 0, sizeof *j);
}
