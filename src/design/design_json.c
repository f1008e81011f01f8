/* JSON output of a deal design, schema pacta.design/1 (docs/json-schema.md). Written here with
 * jansson for now; it moves to src/report/ with the other writers once their rewrite has
 * landed (report/ sits above design/ in docs/architecture.md, so this file cannot use its
 * helpers yet). */
#include <jansson.h>
#include <math.h>

#include <pacta/pacta.h>

/* A tree builder that remembers an allocation failure instead of checking every call. */
typedef struct builder {
    bool failed;
} builder_t;

static json_t *keep(builder_t *b, json_t *v)
{
    if (v == NULL)
        b->failed = true;
    return v;
}

/* A number, or null when it is not finite (JSON has no infinities). */
static json_t *number(builder_t *b, double v)
{
    return isfinite(v) ? keep(b, json_real(v)) : json_null();
}

static json_t *text(builder_t *b, const char *s)
{
    return s ? keep(b, json_string(s)) : json_null();
}

static void set(builder_t *b, json_t *object, const char *key, json_t *value)
{
    if (object == NULL || value == NULL || json_object_set_new(object, key, value) != 0) {
        json_decref(value);
        b->failed = true;
    }
}

static void append(builder_t *b, json_t *array, json_t *value)
{
    if (array == NULL || value == NULL || json_array_append_new(array, value) != 0) {
        json_decref(value);
        b->failed = true;
    }
}

static json_t *searched_point(builder_t *b, const pacta_design_t *d, const pacta_scenario_t *s,
                              const double *point)
{
    json_t *o = keep(b, json_object());
    for (size_t k = 0; k < s->n_issues; k++)
        if (d->searched[k])
            set(b, o, s->issues[k].id, number(b, point[k]));
    return o;
}

static json_t *deal_json(builder_t *b, const pacta_design_t *d, const pacta_scenario_t *s,
                         const pacta_design_deal_t *deal, size_t rank)
{
    json_t *o = keep(b, json_object());
    set(b, o, "rank", keep(b, json_integer((json_int_t)rank)));
    set(b, o, "point", searched_point(b, d, s, deal->point));
    set(b, o, "objective", number(b, deal->objective));
    set(b, o, "min_veto_margin", number(b, deal->min_veto_margin));
    json_t *actors = keep(b, json_array());
    for (size_t a = 0; a < s->n_actors; a++) {
        if (isnan(deal->margin[a]))
            continue;
        json_t *av = keep(b, json_object());
        set(b, av, "id", text(b, s->actors[a].id));
        set(b, av, "veto", json_boolean(s->actors[a].veto));
        set(b, av, "margin", number(b, deal->margin[a]));
        set(b, av, "accepts", json_boolean(deal->verdict.actors[a].accepts));
        set(b, av, "binding", json_boolean(deal->binding[a]));
        append(b, actors, av);
    }
    set(b, o, "actors", actors);
    if (d->present[PACTA_DESIGN_RANGE]) {
        json_t *range = keep(b, json_object());
        set(b, range, "x", number(b, deal->verdict.bargaining.x));
        set(b, range, "low", number(b, deal->verdict.bargaining.low));
        set(b, range, "high", number(b, deal->verdict.bargaining.high));
        set(b, range, "margin_a", number(b, deal->range_margin_a));
        set(b, range, "margin_b", number(b, deal->range_margin_b));
        set(b, o, "range", range);
    } else {
        set(b, o, "range", json_null());
    }
    set(b, o, "commitment_slack", number(b, deal->commitment_slack));
    set(b, o, "emboldening", number(b, deal->emboldening));
    json_t *binding = keep(b, json_array());
    for (int f = 0; f < PACTA_DESIGN_CONSTRAINT_COUNT; f++)
        if (deal->binds[f])
            append(b, binding, text(b, pacta_design_constraint_name((pacta_design_constraint)f)));
    set(b, o, "binding", binding);
    json_t *distance = keep(b, json_object());
    for (size_t q = 0; q < s->n_proposals; q++)
        set(b, distance, s->proposals[q].id, number(b, deal->distance[q]));
    set(b, o, "distance", distance);
    if (d->runs > 0) {
        const pacta_design_robust_t *r = &deal->robust;
        json_t *robust = keep(b, json_object());
        set(b, robust, "p_all", number(b, r->p_all));
        set(b, robust, "se_all", number(b, r->se_all));
        set(b, robust, "confident", json_boolean(r->confident));
        json_t *hold = keep(b, json_object());
        for (int f = 0; f < PACTA_DESIGN_CONSTRAINT_COUNT; f++) {
            if (!d->present[f])
                continue;
            json_t *h = keep(b, json_object());
            set(b, h, "p", number(b, r->p_hold[f]));
            set(b, h, "se", number(b, r->se_hold[f]));
            set(b, hold, pacta_design_constraint_name((pacta_design_constraint)f), h);
        }
        set(b, robust, "holds", hold);
        set(b, robust, "mean_objective", number(b, r->mean_objective));
        set(b, robust, "defined_draws", keep(b, json_integer((json_int_t)r->n_defined)));
        set(b, o, "robust", robust);
    }
    return o;
}

static json_t *relaxation_json(builder_t *b, const pacta_design_t *d, const pacta_scenario_t *s)
{
    const pacta_design_relaxation_t *r = &d->relaxation;
    json_t *o = keep(b, json_object());
    set(b, o, "obstacle", text(b, pacta_design_constraint_name(r->obstacle)));
    set(b, o, "minimax", number(b, r->minimax));
    set(b, o, "point", searched_point(b, d, s, r->point));
    json_t *violation = keep(b, json_object());
    json_t *alone = keep(b, json_object());
    for (int f = 0; f < PACTA_DESIGN_CONSTRAINT_COUNT; f++) {
        if (!d->present[f])
            continue;
        const char *name = pacta_design_constraint_name((pacta_design_constraint)f);
        set(b, violation, name, number(b, r->violation[f]));
        set(b, alone, name, number(b, r->alone[f]));
    }
    set(b, o, "violation", violation);
    set(b, o, "alone", alone);
    return o;
}

pacta_status pacta_design_write_json(const pacta_design_t *d, const pacta_scenario_t *s,
                                     FILE *stream)
{
    builder_t b = {false};
    json_t *root = keep(&b, json_object());
    set(&b, root, "schema", text(&b, PACTA_DESIGN_SCHEMA));
    set(&b, root, "pacta_version", text(&b, pacta_version()));
    json_t *scenario = keep(&b, json_object());
    set(&b, scenario, "title", text(&b, s->title));
    set(&b, scenario, "path", text(&b, s->path));
    set(&b, scenario, "date", text(&b, s->date));
    set(&b, root, "scenario", scenario);
    set(&b, root, "objective", text(&b, pacta_design_objective_name(d->objective)));
    set(&b, root, "utility",
        text(&b, d->utility == PACTA_UTILITY_QUADRATIC ? "quadratic" : "linear"));
    set(&b, root, "reservation",
        text(&b, d->reservation == PACTA_RESERVATION_WAR ? "war" : "status-quo"));
    set(&b, root, "seed", keep(&b, json_integer((json_int_t)d->seed)));
    set(&b, root, "starts", keep(&b, json_integer((json_int_t)d->n_starts)));
    set(&b, root, "feasible_starts", keep(&b, json_integer((json_int_t)d->n_feasible_starts)));
    set(&b, root, "evaluations", keep(&b, json_integer((json_int_t)d->n_evaluations)));
    json_t *issues = keep(&b, json_array());
    for (size_t k = 0; k < s->n_issues; k++)
        if (d->searched[k])
            append(&b, issues, text(&b, s->issues[k].id));
    set(&b, root, "searched_issues", issues);
    json_t *constraints = keep(&b, json_object());
    for (int f = 0; f < PACTA_DESIGN_CONSTRAINT_COUNT; f++)
        set(&b, constraints, pacta_design_constraint_name((pacta_design_constraint)f),
            json_boolean(d->present[f]));
    set(&b, root, "constraints", constraints);
    set(&b, root, "max_emboldening",
        d->present[PACTA_DESIGN_EMBOLDENING] ? number(&b, d->max_emboldening) : json_null());
    set(&b, root, "feasible", json_boolean(d->feasible));
    if (d->runs > 0) {
        /* Only with --runs, so the output of a point design is unchanged. */
        json_t *robust = keep(&b, json_object());
        set(&b, robust, "runs", keep(&b, json_integer((json_int_t)d->runs)));
        set(&b, robust, "random_inputs", keep(&b, json_integer((json_int_t)d->n_random)));
        set(&b, robust, "confidence", number(&b, d->confidence));
        set(&b, robust, "candidates", keep(&b, json_integer((json_int_t)d->n_candidates)));
        set(&b, robust, "confident", json_boolean(d->confident));
        set(&b, root, "robust", robust);
    }
    json_t *deals = keep(&b, json_array());
    for (size_t i = 0; i < d->n_deals; i++)
        append(&b, deals, deal_json(&b, d, s, &d->deals[i], i + 1));
    set(&b, root, "deals", deals);
    set(&b, root, "relaxation", d->feasible ? json_null() : relaxation_json(&b, d, s));
    pacta_status st = PACTA_OK;
    if (b.failed)
        st = PACTA_ENOMEM;
    else if (json_dumpf(root, stream,
                        JSON_INDENT(2) | JSON_REAL_PRECISION(17) | JSON_PRESERVE_ORDER) != 0 ||
             fputc('\n', stream) == EOF)
        st = PACTA_EIO;
    json_decref(root);
    return st;
}
