/* pacta_design(): search the settlement space for deals every veto player accepts (A1-A4),
 * inside the bargaining range (F2), self-enforcing (C1-C3) and, when bounded, not too
 * emboldening (R4), by COBYLA (Powell 1994, as NLopt implements it) from several starts.
 * Each candidate is judged by the settle module's own code (pacta_settle_judge_point), so a
 * designed deal gets the verdicts pacta evaluate would give it. docs/design-search.md. */
#include <float.h>
#include <math.h>
#include <nlopt.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "design/design_internal.h"
#include "sim/philox.h"
#include "sim/sim_internal.h"

/* Every constraint is given to COBYLA with this much to spare, in scale points, so that a
 * point COBYLA calls feasible passes the exact verdicts despite rounding (evaluate accepts a
 * gain of -1e-9 and a range margin of exactly 0). */
#define SAFETY 1e-8
/* A hard constraint counts as met, when checking a relaxation, within this (scale points). */
#define MET 1e-6
/* Bounds of the auxiliary variable (an epigraph's level), in scale points. */
#define AUX_BOUND 1e6

static const char *const objective_names[] = {"min-margin", "nash", "durability"};
static const char *const constraint_names[PACTA_DESIGN_CONSTRAINT_COUNT] = {
    "vetoes", "range", "commitment", "emboldening"};
/* Family units per scale point: gains are scale points; shares and the index are 0-1, so
 * their slacks are multiplied by 100 to compare them with gains. */
static const double family_scale[PACTA_DESIGN_CONSTRAINT_COUNT] = {1.0, 100.0, 100.0, 100.0};

typedef struct design_owner {
    pacta_design_t pub;
    pacta_arena_t *arena;
} design_owner_t;

void pacta_design_options_default(pacta_design_options_t *options)
{
    memset(options, 0, sizeof *options);
    options->objective = PACTA_DESIGN_MIN_MARGIN;
    options->top = 3;
    options->distinct = 5.0;
    options->seed = 1;
    options->starts = 20;
    options->binding_tolerance = 1e-3;
    options->utility = PACTA_UTILITY_LINEAR;
    options->reservation = PACTA_RESERVATION_AUTO;
    options->confidence = 0.9;
}

const char *pacta_design_objective_name(pacta_design_objective objective)
{
    return (unsigned)objective < sizeof objective_names / sizeof objective_names[0]
               ? objective_names[objective]
               : "unknown";
}

bool pacta_design_objective_find(const char *name, pacta_design_objective *out)
{
    for (size_t i = 0; i < sizeof objective_names / sizeof objective_names[0]; i++)
        if (strcmp(name, objective_names[i]) == 0) {
            *out = (pacta_design_objective)i;
            return true;
        }
    return false;
}

const char *pacta_design_constraint_name(pacta_design_constraint constraint)
{
    return (unsigned)constraint < PACTA_DESIGN_CONSTRAINT_COUNT ? constraint_names[constraint]
                                                                : "unknown";
}

void pacta_design_destroy(pacta_design_t *design)
{
    if (design == NULL)
        return;
    design_owner_t *owner = (design_owner_t *)design;
    pacta_arena_destroy(owner->arena);
    pacta_free(owner);
}

/* Judge the candidate x (the searched issues' values) and fill slacks and objective. */
pacta_status pacta_design_judge(problem_t *p, const double *x)
{
    const pacta_scenario_t *s = p->s;
    for (size_t v = 0; v < p->n_vars; v++)
        p->point[p->var_issue[v]] = fmin(100.0, fmax(0.0, x[v]));
    pacta_arena_reset(p->scratch);
    memset(&p->verdict, 0, sizeof p->verdict);
    pacta_status st = pacta_settle_judge_point(&p->c, NULL, p->point, p->compared, &p->verdict);
    if (st != PACTA_OK)
        return st;
    p->n_evaluations++;
    const pacta_proposal_verdict_t *v = &p->verdict;
    size_t j = 0;
    double min_gain = INFINITY, log_nash = 0, smooth = 0, weight = 0;
    bool nash = true;
    for (size_t i = 0; i < p->n_veto; i++) {
        double g = v->actors[p->veto[i]].gain;
        p->slack[j++] = g;
        min_gain = fmin(min_gain, g);
        /* The log Nash product of the veto players, weighted by capability (equal weights
         * when every capability is 0); below a tiny gain it continues as its tangent so
         * that the optimiser sees a slope where the logarithm is undefined. */
        double w = s->actors[p->veto[i]].capability.value;
        weight += w;
        const double tiny = 1e-3;
        smooth += w * (g > tiny ? log(g) : log(tiny) + (g - tiny) / tiny);
        if (g > 0)
            log_nash += w * log(g);
        else
            nash = false;
    }
    if (weight <= 0) {
        weight = 0;
        smooth = log_nash = 0;
        nash = true;
        for (size_t i = 0; i < p->n_veto; i++) {
            double g = v->actors[p->veto[i]].gain;
            weight += 1;
            smooth += g > 1e-3 ? log(g) : log(1e-3) + (g - 1e-3) / 1e-3;
            if (g > 0)
                log_nash += log(g);
            else
                nash = false;
        }
    }
    if (p->present[PACTA_DESIGN_RANGE]) {
        p->slack[j++] = 100.0 * v->bargaining.margin_a;
        p->slack[j++] = 100.0 * v->bargaining.margin_b;
    }
    if (p->present[PACTA_DESIGN_COMMITMENT]) {
        const pacta_commitment_verdict_t *cv = &v->commitment;
        const settle_params_t *pr = p->c.params;
        for (size_t t = 0; t <= cv->years; t++) {
            p->slack[j++] = 100.0 * cv->margin_a[t];
            p->slack[j++] = 100.0 * cv->margin_b[t];
        }
        /* C3 for whichever side loses power from one year to the next (war.c). */
        for (size_t t = 1; t <= cv->years; t++) {
            double slack = INFINITY;
            if (cv->p[t] < cv->p[t - 1])
                slack = pacta_settle_powell_slack(pr->discount, cv->p[t - 1], cv->p[t], pr->cost_a,
                                                  pr->cost_b);
            else if (cv->p[t] > cv->p[t - 1])
                slack = pacta_settle_powell_slack(pr->discount, 1 - cv->p[t - 1], 1 - cv->p[t],
                                                  pr->cost_b, pr->cost_a);
            /* No shift, no breakdown: the slack is the condition's right side, >= 0. */
            p->slack[j++] = isinf(slack) ? 100.0 * (1.0 - pr->discount) : 100.0 * slack;
        }
    }
    if (p->present[PACTA_DESIGN_EMBOLDENING])
        p->slack[j++] =
            v->emboldening.present ? 100.0 * (p->o->max_emboldening - v->emboldening.index) : 0.0;
    if (p->o->objective == PACTA_DESIGN_NASH) {
        p->objective = nash ? log_nash / weight : NAN;
        p->smooth = smooth / weight;
    } else {
        p->objective = min_gain;
        p->smooth = min_gain;
    }
    return PACTA_OK;
}

/* Judge x unless it is the point judged last (NLopt asks for the objective and the
 * constraints at one point in two calls). */
static void judge_cached(problem_t *p, const double *x)
{
    if (p->have_last && memcmp(x, p->last_x, p->n_vars * sizeof *x) == 0)
        return;
    pacta_status st = pacta_design_judge(p, x);
    if (st != PACTA_OK && p->error == PACTA_OK)
        p->error = st;
    memcpy(p->last_x, x, p->n_vars * sizeof *x);
    p->have_last = st == PACTA_OK;
}

static double objective_fn(unsigned n, const double *x, double *grad, void *data)
{
    (void)n;
    (void)grad; /* COBYLA is derivative-free: NLopt never asks for a gradient */
    problem_t *p = data;
    judge_cached(p, x);
    if (p->error != PACTA_OK) {
        nlopt_force_stop(p->opt);
        return HUGE_VAL;
    }
    if (p->aux)
        return p->mode == RUN_RELAX ? x[p->n_vars] : -x[p->n_vars];
    return -p->smooth;
}

/* NLopt's constraints are c(x) <= 0. Hard families: SAFETY - slack; relaxed ones:
 * -slack - v; the min-margin epigraph: t - gain of each veto player. */
static void constraints_fn(unsigned m, double *result, unsigned n, const double *x, double *grad,
                           void *data)
{
    (void)m;
    (void)n;
    (void)grad;
    problem_t *p = data;
    judge_cached(p, x);
    size_t r = 0;
    double aux = p->aux ? x[p->n_vars] : 0;
    for (size_t j = 0; j < p->n_slacks; j++) {
        bool relaxed = p->mode == RUN_RELAX && (p->relaxed >> p->family[j] & 1u);
        result[r++] = relaxed ? -p->slack[j] - aux : SAFETY - p->slack[j];
    }
    if (p->mode == RUN_OBJECTIVE && p->aux)
        for (size_t i = 0; i < p->n_veto; i++)
            result[r++] = aux - p->slack[i];
}

/* Whether the candidate last judged meets every family exactly as evaluate's verdicts
 * judge it. */
bool pacta_design_exactly_feasible(const problem_t *p)
{
    const pacta_proposal_verdict_t *v = &p->verdict;
    if (!v->vetoes_accept)
        return false;
    if (p->present[PACTA_DESIGN_RANGE] && !v->bargaining.inside)
        return false;
    if (p->present[PACTA_DESIGN_COMMITMENT] && !v->commitment.self_enforcing)
        return false;
    if (p->present[PACTA_DESIGN_EMBOLDENING] && v->emboldening.present &&
        v->emboldening.index > p->o->max_emboldening)
        return false;
    return true;
}

/* The largest violation, in scale points, of the families in mask at the last candidate. */
static double violation(const problem_t *p, unsigned mask)
{
    double worst = 0;
    for (size_t j = 0; j < p->n_slacks; j++)
        if (mask >> p->family[j] & 1u)
            worst = fmax(worst, -p->slack[j]);
    return worst;
}

/* One COBYLA run from x0 (searched issues); on return x holds the end point and the last
 * judged candidate is that point. */
static pacta_status run(problem_t *p, run_mode mode, unsigned relaxed, const double *x0, double *x)
{
    p->mode = mode;
    p->relaxed = relaxed;
    p->aux = mode == RUN_RELAX || p->o->objective == PACTA_DESIGN_MIN_MARGIN;
    p->have_last = false;
    unsigned n = (unsigned)(p->n_vars + (p->aux ? 1 : 0));
    unsigned m = (unsigned)(p->n_slacks + (mode == RUN_OBJECTIVE && p->aux ? p->n_veto : 0));
    pacta_status st = PACTA_OK;
    double *tol = pacta_calloc(m > 0 ? m : 1, sizeof *tol);
    double *lower = pacta_calloc(3 * (size_t)n, sizeof *lower);
    double *upper = lower ? lower + n : NULL, *step = lower ? lower + 2 * n : NULL;
    nlopt_opt opt = nlopt_create(NLOPT_LN_COBYLA, n);
    p->opt = opt;
    if (opt == NULL || tol == NULL || lower == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    memcpy(x, x0, p->n_vars * sizeof *x);
    for (size_t v = 0; v < p->n_vars; v++) {
        lower[v] = 0.0;
        upper[v] = 100.0;
        step[v] = 10.0;
    }
    if (p->aux) {
        st = pacta_design_judge(p, x);
        if (st != PACTA_OK)
            goto cleanup;
        double start = mode == RUN_RELAX ? violation(p, relaxed) : p->objective;
        lower[n - 1] = mode == RUN_RELAX ? 0.0 : -AUX_BOUND;
        upper[n - 1] = AUX_BOUND;
        x[n - 1] = fmin(AUX_BOUND, fmax(lower[n - 1], start));
        step[n - 1] = fmax(1.0, 0.5 * fabs(x[n - 1]));
    }
    for (unsigned i = 0; i < m; i++)
        tol[i] = 1e-12;
    /* NLopt copies the bounds, steps and tolerances; the limits follow docs/design-search.md:
     * a change below 1e-7 scale points ends a run, and so do 300 evaluations per variable. */
    if (nlopt_set_lower_bounds(opt, lower) < 0 || nlopt_set_upper_bounds(opt, upper) < 0 ||
        nlopt_set_initial_step(opt, step) < 0 ||
        nlopt_set_min_objective(opt, objective_fn, p) < 0 ||
        (m > 0 && nlopt_add_inequality_mconstraint(opt, m, constraints_fn, p, tol) < 0) ||
        nlopt_set_xtol_abs1(opt, 1e-7) < 0 || nlopt_set_ftol_abs(opt, 1e-12) < 0 ||
        nlopt_set_maxeval(opt, (int)(300 * (n + 1))) < 0) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    double f = 0;
    nlopt_result r = nlopt_optimize(opt, x, &f);
    if (p->error != PACTA_OK) {
        st = p->error;
        goto cleanup;
    }
    if (r < 0 && r != NLOPT_ROUNDOFF_LIMITED) {
        st = r == NLOPT_OUT_OF_MEMORY ? PACTA_ENOMEM : PACTA_ENUMERIC;
        goto cleanup;
    }
    st = pacta_design_judge(p, x);

cleanup:
    nlopt_destroy(opt);
    p->opt = NULL;
    pacta_free(tol);
    pacta_free(lower);
    return st;
}

int pacta_design_by_objective(const void *pa, const void *pb)
{
    const candidate_t *a = pa, *b = pb;
    /* Best first; NAN (an undefined Nash product) last; ties by start, so the order never
     * depends on qsort. */
    bool na = isnan(a->objective), nb = isnan(b->objective);
    if (na != nb)
        return na ? 1 : -1;
    if (!na && a->objective != b->objective)
        return a->objective > b->objective ? -1 : 1;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* The start points: every proposal, the status quo, then seeded uniform points. */
static void start_point(const problem_t *p, size_t index, double *x)
{
    const pacta_scenario_t *s = p->s;
    for (size_t v = 0; v < p->n_vars; v++) {
        size_t k = p->var_issue[v];
        double sq = p->c.status_quo[k];
        if (index < s->n_proposals) {
            const pacta_proposal_t *prop = &s->proposals[index];
            x[v] = prop->covers[k] ? prop->positions[k].value : sq;
        } else if (index == s->n_proposals) {
            x[v] = sq;
        } else {
            x[v] =
                100.0 * pacta_sim_uniform(p->o->seed, index - s->n_proposals - 1, (uint32_t)v, 0);
        }
        if (isnan(x[v]))
            x[v] = 50.0;
    }
}

bool pacta_design_far_apart(const problem_t *p, const double *a, const double *b)
{
    for (size_t v = 0; v < p->n_vars; v++) {
        size_t k = p->var_issue[v];
        if (fabs(a[k] - b[k]) >= p->o->distinct)
            return true;
    }
    return false;
}

/* Judge point into the result's arena and fill a deal. */
pacta_status pacta_design_make_deal(problem_t *p, pacta_arena_t *arena, const double *point,
                                    pacta_design_deal_t *deal)
{
    const pacta_scenario_t *s = p->s;
    double *x = pacta_arena_alloc(arena, p->n_vars, sizeof(double));
    double *kept = pacta_arena_alloc(arena, s->n_issues, sizeof(double));
    double *margin = pacta_arena_alloc(arena, s->n_actors, sizeof(double));
    bool *binding = pacta_arena_alloc(arena, s->n_actors, sizeof(bool));
    double *distance = pacta_arena_alloc(arena, s->n_proposals, sizeof(double));
    if (!x || !kept || !margin || !binding || (!distance && s->n_proposals > 0))
        return PACTA_ENOMEM;
    for (size_t v = 0; v < p->n_vars; v++)
        x[v] = point[p->var_issue[v]];
    pacta_status st = pacta_design_judge(p, x);
    if (st != PACTA_OK)
        return st;
    /* The verdict kept with the deal is judged again into the result's arena. */
    memcpy(kept, p->point, s->n_issues * sizeof *kept);
    settle_context_t c = p->c;
    c.arena = arena;
    memset(&deal->verdict, 0, sizeof deal->verdict);
    st = pacta_settle_judge_point(&c, NULL, kept, p->compared, &deal->verdict);
    if (st != PACTA_OK)
        return st;
    const pacta_proposal_verdict_t *v = &deal->verdict;
    double tol = p->o->binding_tolerance;
    deal->point = kept;
    deal->objective = p->objective;
    deal->min_veto_margin = INFINITY;
    for (size_t a = 0; a < s->n_actors; a++)
        margin[a] = v->actors[a].takes_part ? v->actors[a].gain : NAN;
    for (size_t i = 0; i < p->n_veto; i++) {
        size_t a = p->veto[i];
        deal->min_veto_margin = fmin(deal->min_veto_margin, margin[a]);
        binding[a] = margin[a] <= tol;
    }
    deal->margin = margin;
    deal->binding = binding;
    deal->range_margin_a = v->bargaining.present ? v->bargaining.margin_a : NAN;
    deal->range_margin_b = v->bargaining.present ? v->bargaining.margin_b : NAN;
    deal->emboldening = v->emboldening.present ? v->emboldening.index : NAN;
    deal->commitment_slack = NAN;
    for (size_t j = 0; j < p->n_slacks; j++) {
        unsigned f = p->family[j];
        double natural = p->slack[j] / family_scale[f];
        if (f == PACTA_DESIGN_COMMITMENT)
            deal->commitment_slack =
                isnan(deal->commitment_slack) ? natural : fmin(deal->commitment_slack, natural);
        if (natural <= tol)
            deal->binds[f] = true;
    }
    for (size_t q = 0; q < s->n_proposals; q++) {
        const pacta_proposal_t *prop = &s->proposals[q];
        double sum = 0;
        size_t n = 0;
        for (size_t vv = 0; vv < p->n_vars; vv++) {
            size_t k = p->var_issue[vv];
            double at = prop->covers[k] ? prop->positions[k].value : p->c.status_quo[k];
            if (isnan(at))
                continue;
            sum += fabs(kept[k] - at);
            n++;
        }
        distance[q] = n > 0 ? sum / (double)n : NAN;
    }
    deal->distance = distance;
    return PACTA_OK;
}

/* No start ended feasible: the smallest relaxation, all families at once (minimax) and
 * each family alone with the others hard. */
static pacta_status relax(problem_t *p, pacta_design_t *d, pacta_arena_t *arena, size_t n_starts,
                          double *x0, double *x)
{
    pacta_design_relaxation_t *rx = &d->relaxation;
    unsigned all = 0;
    for (unsigned f = 0; f < PACTA_DESIGN_CONSTRAINT_COUNT; f++) {
        rx->alone[f] = NAN;
        if (p->present[f])
            all |= 1u << f;
    }
    double *best = pacta_arena_alloc(arena, p->s->n_issues, sizeof(double));
    if (best == NULL)
        return PACTA_ENOMEM;
    pacta_status st = PACTA_OK;
    rx->minimax = INFINITY;
    for (size_t i = 0; i < n_starts; i++) {
        start_point(p, i, x0);
        st = run(p, RUN_RELAX, all, x0, x);
        if (st != PACTA_OK)
            return st;
        double v = violation(p, all);
        if (v < rx->minimax) {
            rx->minimax = v;
            memcpy(best, p->point, p->s->n_issues * sizeof *best);
        }
    }
    rx->point = best;
    for (size_t v = 0; v < p->n_vars; v++)
        x[v] = best[p->var_issue[v]];
    st = pacta_design_judge(p, x);
    if (st != PACTA_OK)
        return st;
    double worst = -1;
    for (unsigned f = 0; f < PACTA_DESIGN_CONSTRAINT_COUNT; f++) {
        if (!p->present[f])
            continue;
        double v = violation(p, 1u << f);
        rx->violation[f] = v / family_scale[f];
        if (v > worst + MET) {
            worst = v;
            rx->obstacle = (pacta_design_constraint)f;
        }
    }
    for (unsigned f = 0; f < PACTA_DESIGN_CONSTRAINT_COUNT; f++) {
        if (!p->present[f])
            continue;
        rx->alone[f] = INFINITY;
        for (size_t i = 0; i < n_starts; i++) {
            start_point(p, i, x0);
            st = run(p, RUN_RELAX, 1u << f, x0, x);
            if (st != PACTA_OK)
                return st;
            if (violation(p, all & ~(1u << f)) <= MET)
                rx->alone[f] = fmin(rx->alone[f], violation(p, 1u << f) / family_scale[f]);
        }
    }
    /* The obstacle is the family whose relaxation alone admits a deal at the least cost (in
     * scale points); when none does, the one most violated at the minimax point. */
    double cheapest = INFINITY;
    for (unsigned f = 0; f < PACTA_DESIGN_CONSTRAINT_COUNT; f++)
        if (p->present[f] && rx->alone[f] * family_scale[f] < cheapest - MET) {
            cheapest = rx->alone[f] * family_scale[f];
            rx->obstacle = (pacta_design_constraint)f;
        }
    return PACTA_OK;
}

/* The searched issues, the veto players taking part and the constraint layout. */
static pacta_status set_up(problem_t *p, pacta_design_t *d, pacta_arena_t *arena,
                           pacta_diag_t *diag)
{
    const pacta_scenario_t *s = p->s;
    const pacta_design_options_t *o = p->o;
    bool *searched = pacta_arena_alloc(arena, s->n_issues, sizeof(bool));
    p->var_issue = pacta_arena_alloc(arena, s->n_issues, sizeof(size_t));
    p->point = pacta_arena_alloc(arena, s->n_issues, sizeof(double));
    p->compared = pacta_arena_alloc(arena, s->n_issues, sizeof(bool));
    p->veto = pacta_arena_alloc(arena, s->n_actors, sizeof(size_t));
    if (!searched || !p->var_issue || !p->point || !p->compared || !p->veto)
        return PACTA_ENOMEM;
    bool war = p->c.reservation == PACTA_RESERVATION_WAR;
    pacta_status st = PACTA_OK;
    for (size_t k = 0; k < s->n_issues; k++) {
        bool covered = o->all_issues;
        for (size_t q = 0; q < s->n_proposals && !covered; q++)
            covered = s->proposals[q].covers[k];
        bool has_sq = !isnan(p->c.status_quo[k]);
        p->point[k] = p->c.status_quo[k];
        if (!covered) {
            p->compared[k] = has_sq;
            continue;
        }
        /* As evaluate compares an issue a proposal covers (evaluate.c). */
        p->compared[k] = has_sq || (war && p->c.in_stake[k]);
        if (!p->compared[k]) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, s->issues[k].at.line,
                            s->issues[k].at.column, s->issues[k].id,
                            "the issue has no status_quo to compare a designed deal with; add "
                            "one, or search only the proposals' issues (without --issues all)");
            st = PACTA_EINPUT;
            continue;
        }
        searched[k] = true;
        p->var_issue[p->n_vars++] = k;
    }
    if (st != PACTA_OK)
        return st;
    d->searched = searched;
    d->n_searched = p->n_vars;
    if (p->n_vars == 0) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "proposals",
                       "no issue to search: no proposal covers any issue (search all with "
                       "--issues all)");
        return PACTA_EINVAL;
    }
    /* Which actors take part is fixed by which issues are compared: judge the status quo. */
    p->last_x = pacta_arena_alloc(arena, p->n_vars + 1, sizeof(double));
    if (p->last_x == NULL)
        return PACTA_ENOMEM;
    pacta_arena_reset(p->scratch);
    st = pacta_settle_judge_point(&p->c, NULL, p->point, p->compared, &p->verdict);
    if (st != PACTA_OK)
        return st;
    for (size_t a = 0; a < s->n_actors; a++)
        if (s->actors[a].veto && p->verdict.actors[a].takes_part)
            p->veto[p->n_veto++] = a;
    if (p->n_veto == 0) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "actors",
                       "no veto player takes part in the searched issues: deal design needs at "
                       "least one actor with veto: true and a position on a searched issue");
        return PACTA_EINVAL;
    }
    const settle_params_t *pr = p->c.params;
    p->present[PACTA_DESIGN_VETOES] = true;
    p->present[PACTA_DESIGN_RANGE] = pr->has_war;
    p->present[PACTA_DESIGN_COMMITMENT] = pr->has_war;
    p->present[PACTA_DESIGN_EMBOLDENING] = o->bound_emboldening;
    p->n_slacks = p->n_veto + (pr->has_war ? 2 + 3 * (size_t)pr->horizon + 2 : 0) +
                  (o->bound_emboldening ? 1 : 0);
    p->family = pacta_arena_alloc(arena, p->n_slacks, 1);
    p->slack = pacta_arena_alloc(arena, p->n_slacks, sizeof(double));
    if (p->family == NULL || p->slack == NULL)
        return PACTA_ENOMEM;
    size_t j = 0;
    for (size_t i = 0; i < p->n_veto; i++)
        p->family[j++] = PACTA_DESIGN_VETOES;
    for (size_t i = 0; pr->has_war && i < 2; i++)
        p->family[j++] = PACTA_DESIGN_RANGE;
    for (size_t i = 0; pr->has_war && i < 3 * (size_t)pr->horizon + 2; i++)
        p->family[j++] = PACTA_DESIGN_COMMITMENT;
    if (o->bound_emboldening)
        p->family[j++] = PACTA_DESIGN_EMBOLDENING;
    memcpy(d->present, p->present, sizeof d->present);
    return PACTA_OK;
}

static pacta_status check_options(const pacta_scenario_t *s, const pacta_design_options_t *o,
                                  pacta_diag_t *diag)
{
    const char *problem = NULL;
    if (o->objective == PACTA_DESIGN_DURABILITY)
        problem = "--objective durability is not yet available: the durability model's "
                  "covariates are provisions, which the search does not vary, so it would be "
                  "constant over the deals searched (docs/design-search.md)";
    else if ((unsigned)o->objective > PACTA_DESIGN_DURABILITY)
        problem = "unknown objective";
    else if (o->top == 0)
        problem = "--top must be at least 1";
    else if (!(o->distinct >= 0) || !(o->binding_tolerance >= 0))
        problem = "the distinctness and the binding tolerance must be >= 0";
    else if (o->runs > 0 && !(o->confidence >= 0 && o->confidence <= 1))
        problem = "--confidence must be a probability from 0 to 1";
    else if (o->runs == 0 && o->n_jitter > 0)
        problem = "a jitter needs Monte Carlo draws (--runs N)";
    else if (o->bound_emboldening && !isfinite(o->max_emboldening))
        problem = "--max-emboldening must be a finite number";
    else if (o->bound_emboldening && !(s->war.present && s->war.reputation.present))
        problem = "--max-emboldening needs a war section with a reputation block (the "
                  "emboldening model, docs/models.md R1-R4)";
    if (problem == NULL)
        return PACTA_OK;
    pacta_diag_add(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "design", problem);
    return PACTA_EINVAL;
}

pacta_status pacta_design(pacta_design_t **out, const pacta_scenario_t *s,
                          const pacta_design_options_t *o, pacta_diag_t *diag)
{
    *out = NULL;
    pacta_status st = check_options(s, o, diag);
    if (st != PACTA_OK)
        return st;
    design_owner_t *owner = pacta_calloc(1, sizeof *owner);
    problem_t p;
    memset(&p, 0, sizeof p);
    settle_params_t params;
    pacta_arena_t *work = pacta_arena_create();
    candidate_t *found = NULL;
    double *x0 = NULL, *x = NULL;
    if (owner == NULL || work == NULL || (owner->arena = pacta_arena_create()) == NULL ||
        (p.scratch = pacta_arena_create()) == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    pacta_design_t *d = &owner->pub;
    p.s = s;
    p.o = o;
    pacta_evaluate_options_default(&p.eo);
    p.eo.pareto = false;
    p.eo.compare_models = false;
    p.eo.utility = o->utility;
    p.eo.reservation = o->reservation;
    p.eo.update = o->update;
    st = pacta_evaluate_check(s, &p.eo, diag);
    if (st == PACTA_OK)
        st = pacta_settle_params_init(&params, s, work);
    if (st == PACTA_OK)
        st = pacta_settle_context_init(&p.c, s, &p.eo, &params, work, diag);
    if (st != PACTA_OK)
        goto cleanup;
    /* Candidates are judged into the scratch arena, reset before each. */
    p.c.arena = p.scratch;
    st = set_up(&p, d, owner->arena, diag);
    if (st != PACTA_OK)
        goto cleanup;
    d->objective = o->objective;
    d->n_issues = s->n_issues;
    d->max_emboldening = o->max_emboldening;
    d->reservation = p.c.reservation;
    d->utility = o->utility;
    d->seed = o->seed;
    d->runs = o->runs;
    d->confidence = o->confidence;
    if (o->runs > 0) {
        /* How many inputs a draw perturbs, counted on a mirror as each draw builds it. */
        sim_mirror_t probe;
        st = pacta_sim_mirror_create(&probe, s, o->jitter, o->n_jitter, work);
        if (st != PACTA_OK)
            goto cleanup;
        d->n_random = probe.n_fields;
    }
    size_t n_starts = s->n_proposals + 1 + o->starts;
    d->n_starts = n_starts;
    found = pacta_calloc(n_starts, sizeof *found);
    x0 = pacta_calloc(p.n_vars + 1, sizeof *x0);
    x = pacta_calloc(p.n_vars + 1, sizeof *x);
    if (found == NULL || x0 == NULL || x == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    size_t n_found = 0;
    for (size_t i = 0; i < n_starts; i++) {
        start_point(&p, i, x0);
        st = run(&p, RUN_OBJECTIVE, 0, x0, x);
        if (st != PACTA_OK)
            goto cleanup;
        if (!pacta_design_exactly_feasible(&p))
            continue;
        candidate_t *c = &found[n_found++];
        c->point = pacta_arena_alloc(work, s->n_issues, sizeof(double));
        if (c->point == NULL) {
            st = PACTA_ENOMEM;
            goto cleanup;
        }
        memcpy(c->point, p.point, s->n_issues * sizeof(double));
        c->objective = p.objective;
        c->start = i;
    }
    d->n_feasible_starts = n_found;
    d->feasible = n_found > 0;
    if (d->feasible) {
        qsort(found, n_found, sizeof *found, pacta_design_by_objective);
        size_t top = o->top < n_found ? o->top : n_found;
        pacta_design_deal_t *deals = pacta_arena_alloc(owner->arena, top, sizeof *deals);
        size_t *kept = pacta_arena_alloc(work, top, sizeof *kept);
        if (deals == NULL || kept == NULL) {
            st = PACTA_ENOMEM;
            goto cleanup;
        }
        size_t n_deals = 0;
        if (o->runs > 0) {
            st = pacta_design_robust_deals(&p, d, owner->arena, work, found, n_found, deals,
                                           &n_deals);
            if (st != PACTA_OK)
                goto cleanup;
        }
        for (size_t i = 0; o->runs == 0 && i < n_found && n_deals < top; i++) {
            bool distinct = true;
            for (size_t k = 0; k < n_deals && distinct; k++)
                distinct = pacta_design_far_apart(&p, found[i].point, found[kept[k]].point);
            if (!distinct)
                continue;
            st = pacta_design_make_deal(&p, owner->arena, found[i].point, &deals[n_deals]);
            if (st != PACTA_OK)
                goto cleanup;
            kept[n_deals++] = i;
        }
        d->deals = deals;
        d->n_deals = n_deals;
    } else {
        st = relax(&p, d, owner->arena, n_starts, x0, x);
        if (st != PACTA_OK)
            goto cleanup;
    }
    d->n_evaluations = p.n_evaluations;

cleanup:
    pacta_free(found);
    pacta_free(x0);
    pacta_free(x);
    pacta_arena_destroy(p.scratch);
    pacta_arena_destroy(work);
    if (st != PACTA_OK) {
        pacta_design_destroy(owner ? &owner->pub : NULL);
        return st;
    }
    *out = &owner->pub;
    return PACTA_OK;
}
