/* Sensitivity runs: the verdicts of every proposal on a grid of one or two parameters, and
 * for one parameter the values where a verdict changes, located by bisection. */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/tolerance.h"
#include "settle/settle_internal.h"

typedef struct sensitivity_owner {
    pacta_sensitivity_t pub;
    pacta_arena_t *arena;
} sensitivity_owner_t;

void pacta_sensitivity_destroy(pacta_sensitivity_t *sensitivity)
{
    if (sensitivity == NULL)
        return;
    sensitivity_owner_t *owner = (sensitivity_owner_t *)sensitivity;
    pacta_arena_destroy(owner->arena);
    pacta_free(owner);
}

/* The four tracked verdicts of one proposal: 1, 0, or -1 when the analysis is absent. */
static void verdicts_of(const pacta_proposal_verdict_t *v, signed char out[PACTA_VERDICT_COUNT])
{
    out[PACTA_VERDICT_VETOES_ACCEPT] = v->vetoes_accept ? 1 : 0;
    out[PACTA_VERDICT_INSIDE_RANGE] = v->bargaining.present ? (v->bargaining.inside ? 1 : 0) : -1;
    out[PACTA_VERDICT_SELF_ENFORCING] =
        v->commitment.present ? (v->commitment.self_enforcing ? 1 : 0) : -1;
    out[PACTA_VERDICT_EMBOLDENS] = v->emboldening.present ? (v->emboldening.emboldens ? 1 : 0) : -1;
}

/* Evaluate with the named parameters set; verdicts for every selected proposal. */
static pacta_status evaluate_at(const pacta_scenario_t *s, const pacta_evaluate_options_t *o,
                                const settle_params_t *base, pacta_arena_t *scratch,
                                const char *const *names, const double *values, size_t n,
                                signed char *out, size_t n_proposals, pacta_diag_t *diag)
{
    settle_params_t params = *base;
    /* Shift arrays are copied so a change never leaks into the next grid point. */
    params.shift_effect = pacta_arena_alloc(scratch, base->n_shifts, sizeof(double));
    params.shift_years = pacta_arena_alloc(scratch, base->n_shifts, sizeof(double));
    if (params.shift_effect == NULL || params.shift_years == NULL)
        return PACTA_ENOMEM;
    if (base->n_shifts > 0) {
        memcpy(params.shift_effect, base->shift_effect, base->n_shifts * sizeof(double));
        memcpy(params.shift_years, base->shift_years, base->n_shifts * sizeof(double));
    }
    for (size_t i = 0; i < n; i++) {
        pacta_status st = pacta_settle_params_set(&params, s, names[i], values[i], diag);
        if (st != PACTA_OK)
            return st;
    }
    pacta_evaluation_t *e = NULL;
    pacta_status st = pacta_settle_evaluate_with(&e, s, o, &params, diag);
    if (st != PACTA_OK)
        return st;
    for (size_t p = 0; p < n_proposals && p < e->n_proposals; p++)
        verdicts_of(&e->proposals[p], out + p * PACTA_VERDICT_COUNT);
    pacta_evaluation_destroy(e);
    return PACTA_OK;
}

static bool is_integer_parameter(const char *name)
{
    return strcmp(name, "horizon") == 0;
}

/* The parameters of a sensitivity grid and the scratch arena its evaluations use. */
typedef struct grid_run {
    const pacta_scenario_t *s;
    const pacta_evaluate_options_t *o; /* the options of every evaluation */
    const settle_params_t *base;       /* the parameters before any is varied */
    pacta_arena_t *scratch;            /* replaced after every evaluation */
    size_t n_prop;                     /* proposals whose verdicts are kept */
    pacta_diag_t *diag;
} grid_run_t;

/* evaluate_at for the grid run g, then a fresh scratch arena for the next evaluation. */
static pacta_status probe(grid_run_t *g, const char *const *names, const double *values, size_t n,
                          signed char *out)
{
    pacta_status st =
        evaluate_at(g->s, g->o, g->base, g->scratch, names, values, n, out, g->n_prop, g->diag);
    if (st != PACTA_OK)
        return st;
    pacta_arena_destroy(g->scratch);
    g->scratch = pacta_arena_create();
    return g->scratch != NULL ? PACTA_OK : PACTA_ENOMEM;
}

/* The values of each varied parameter: from, from + step, ... up to to, in r's arena. */
static pacta_status make_axes(pacta_sensitivity_t *r, pacta_arena_t *arena,
                              const pacta_scenario_t *s, const pacta_vary_t *vary, size_t n_vary,
                              pacta_diag_t *diag)
{
    r->n_params = n_vary;
    r->n_values[1] = 1;
    for (size_t d = 0; d < n_vary; d++) {
        const pacta_vary_t *v = &vary[d];
        if (!(v->step > 0) || !(v->to >= v->from) || !isfinite(v->from) || !isfinite(v->to) ||
            (v->to - v->from) / v->step > 10000) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "--vary",
                            "%s: the grid needs FROM <= TO, STEP > 0 and at most 10000 points",
                            v->name);
            return PACTA_EINVAL;
        }
        size_t n = (size_t)floor((v->to - v->from) / v->step + PACTA_GRID_SLACK) + 1;
        double *values = pacta_arena_alloc(arena, n, sizeof(double));
        if (values == NULL)
            return PACTA_ENOMEM;
        /* Values as from + i*step, not by repeated addition, so the grid does not drift. */
        for (size_t i = 0; i < n; i++)
            values[i] = v->from + (double)i * v->step;
        r->names[d] = v->name;
        r->values[d] = values;
        r->n_values[d] = n;
    }
    return PACTA_OK;
}

/* The verdicts of every selected proposal at every grid point of r, into verdicts (laid out
 * as r->verdicts). */
static pacta_status evaluate_grid(grid_run_t *g, const pacta_sensitivity_t *r,
                                  signed char *verdicts)
{
    const size_t per_point = g->n_prop * PACTA_VERDICT_COUNT;
    for (size_t i = 0; i < r->n_values[0]; i++)
        for (size_t j = 0; j < r->n_values[1]; j++) {
            double values[2] = {r->values[0][i], r->n_params > 1 ? r->values[1][j] : 0};
            signed char *cell = verdicts + (i * r->n_values[1] + j) * per_point;
            pacta_status st = probe(g, r->names, values, r->n_params, cell);
            if (st != PACTA_OK)
                return st;
        }
    return PACTA_OK;
}

/* The value between grid points lo and hi where verdict `at` changes from left's to the
 * other: bisection keeps lo on the left verdict and hi on the right one. */
static pacta_status bisect(grid_run_t *g, const char *name, bool integer, size_t at,
                           signed char left, signed char *probe_out, double *lo, double *hi)
{
    while (*hi - *lo > (integer ? 1.0 : PACTA_BISECT_WIDTH)) {
        double mid = integer ? floor((*lo + *hi) / 2) : 0.5 * (*lo + *hi);
        if (mid <= *lo || mid >= *hi)
            break;
        pacta_status st = probe(g, &name, &mid, 1, probe_out);
        if (st != PACTA_OK)
            return st;
        if (probe_out[at] == left)
            *lo = mid;
        else
            *hi = mid;
    }
    return PACTA_OK;
}

/* One parameter: where a verdict differs between neighbouring grid points, the value where it
 * changes, into r->crossings (in arena). */
static pacta_status find_crossings(grid_run_t *g, pacta_sensitivity_t *r, pacta_arena_t *arena)
{
    const size_t n_prop = g->n_prop, per_point = n_prop * PACTA_VERDICT_COUNT;
    size_t n_cross = 0, cap = 16;
    pacta_crossing_t *crossings = pacta_calloc(cap, sizeof(pacta_crossing_t));
    if (crossings == NULL)
        return PACTA_ENOMEM;
    bool integer = is_integer_parameter(r->names[0]);
    signed char *probe_out = pacta_malloc(per_point);
    if (probe_out == NULL) {
        pacta_free(crossings);
        return PACTA_ENOMEM;
    }
    pacta_status st = PACTA_OK;
    for (size_t i = 0; i + 1 < r->n_values[0] && st == PACTA_OK; i++) {
        const signed char *left = r->verdicts + i * per_point;
        const signed char *right = left + per_point;
        for (size_t p = 0; p < n_prop && st == PACTA_OK; p++)
            for (int v = 0; v < PACTA_VERDICT_COUNT && st == PACTA_OK; v++) {
                size_t at = p * PACTA_VERDICT_COUNT + (size_t)v;
                if (left[at] < 0 || right[at] < 0 || left[at] == right[at])
                    continue;
                double lo = r->values[0][i], hi = r->values[0][i + 1];
                st = bisect(g, r->names[0], integer, at, left[at], probe_out, &lo, &hi);
                if (st != PACTA_OK)
                    break;
                if (n_cross == cap) {
                    pacta_crossing_t *grown =
                        pacta_reallocarray(crossings, cap * 2, sizeof(pacta_crossing_t));
                    if (grown == NULL) {
                        st = PACTA_ENOMEM;
                        break;
                    }
                    crossings = grown;
                    cap *= 2;
                }
                crossings[n_cross++] = (pacta_crossing_t){r->proposals[p], (pacta_verdict_kind)v,
                                                          integer ? hi : 0.5 * (lo + hi),
                                                          left[at] == 1, right[at] == 1};
            }
    }
    pacta_free(probe_out);
    /* Move the crossings into the arena so the result frees in one piece. */
    pacta_crossing_t *kept = pacta_arena_alloc(arena, n_cross, sizeof(pacta_crossing_t));
    if (kept == NULL && st == PACTA_OK)
        st = PACTA_ENOMEM;
    if (kept != NULL && n_cross > 0)
        memcpy(kept, crossings, n_cross * sizeof(pacta_crossing_t));
    pacta_free(crossings);
    r->crossings = kept;
    r->n_crossings = n_cross;
    return st;
}

pacta_status pacta_evaluate_sensitivity(pacta_sensitivity_t **out, const pacta_scenario_t *s,
                                        const pacta_evaluate_options_t *options,
                                        const pacta_vary_t *vary, size_t n_vary, pacta_diag_t *diag)
{
    *out = NULL;
    if (n_vary < 1 || n_vary > 2) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "--vary",
                       "vary one or two parameters");
        return PACTA_EINVAL;
    }
    pacta_status st = PACTA_OK;
    sensitivity_owner_t *owner = pacta_calloc(1, sizeof *owner);
    grid_run_t g = {.s = s, .scratch = pacta_arena_create(), .diag = diag};
    if (owner == NULL || g.scratch == NULL || (owner->arena = pacta_arena_create()) == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    pacta_sensitivity_t *r = &owner->pub;
    pacta_arena_t *arena = owner->arena;

    /* The grid: no models, no Pareto search; only the tracked verdicts matter. */
    pacta_evaluate_options_t o = *options;
    o.pareto = false;
    o.compare_models = false;
    o.durability = NULL; /* the war parameters varied here do not enter it */
    o.overrides = NULL;
    o.n_overrides = 0;
    settle_params_t base;
    st = pacta_settle_params_init(&base, s, arena);
    for (size_t i = 0; st == PACTA_OK && i < options->n_overrides; i++)
        st = pacta_settle_params_set(&base, s, options->overrides[i].name,
                                     options->overrides[i].value, diag);
    if (st == PACTA_OK)
        st = make_axes(r, arena, s, vary, n_vary, diag);
    if (st != PACTA_OK)
        goto cleanup;

    /* Which proposals: all, or the one asked for. */
    size_t n_prop = 0;
    size_t *props = pacta_arena_alloc(arena, s->n_proposals, sizeof(size_t));
    if (props == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    for (size_t p = 0; p < s->n_proposals; p++)
        if (o.proposal == NULL || strcmp(o.proposal, s->proposals[p].id) == 0)
            props[n_prop++] = p;
    r->proposals = props;
    r->n_proposals = n_prop;

    size_t cells = r->n_values[0] * r->n_values[1];
    signed char *verdicts =
        pacta_arena_alloc(arena, cells * n_prop * PACTA_VERDICT_COUNT, sizeof(signed char));
    if (verdicts == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    r->verdicts = verdicts;
    g.o = &o;
    g.base = &base;
    g.n_prop = n_prop;
    st = evaluate_grid(&g, r, verdicts);
    if (st == PACTA_OK && n_vary == 1)
        st = find_crossings(&g, r, arena);

cleanup:
    pacta_arena_destroy(g.scratch);
    if (st != PACTA_OK) {
        pacta_sensitivity_destroy(owner ? &owner->pub : NULL);
    } else {
        *out = &owner->pub;
    }
    return st;
}
