/* Predictions for a scenario's proposals: covariates from provisions and war-level facts,
 * survival with intervals, the provisions that move it most, and warnings wherever a
 * proposal lies outside what the episode data can support (docs/durability.md §5). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "durability/durability_internal.h"

/* A covariate value shared by fewer episodes than this is flagged as thinly supported. The
 * number is a rule of thumb (about ten events per parameter needs roughly this many cases
 * with the value at the recurrence rates in the data), not a statistical test. */
enum { THIN_SUPPORT = 20 };

static const double default_horizons[] = {1.0, 5.0, 10.0};

void pacta_durability_predict_options_default(pacta_durability_predict_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->horizons = default_horizons;
    o->n_horizons = 3;
    o->reference_horizon = 1;
    pacta_surv_predict_options_default(&o->draws);
}

static void destroy_result(pacta_durability_result_t *r)
{
    pacta_free(r->x);
    pacta_free(r->origin);
    pacta_surv_prediction_destroy(&r->prediction);
    pacta_free(r->effects);
    for (size_t i = 0; i < r->n_warnings; i++)
        pacta_free(r->warnings[i]);
    pacta_free(r->warnings);
    pacta_free((void *)r->ignored);
}

void pacta_durability_report_destroy(pacta_durability_report_t *report)
{
    if (report == NULL)
        return;
    for (size_t i = 0; i < report->n_results; i++)
        destroy_result(&report->results[i]);
    pacta_free(report->results);
    pacta_free(report);
}

static bool warn(pacta_durability_result_t *r, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static bool warn(pacta_durability_result_t *r, const char *format, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, format);
    vsnprintf(buf, sizeof buf, format, ap);
    va_end(ap);
    char **grown = pacta_reallocarray(r->warnings, r->n_warnings + 1, sizeof *grown);
    if (grown == NULL)
        return false;
    r->warnings = grown;
    char *copy = pacta_strdup(buf);
    if (copy == NULL)
        return false;
    r->warnings[r->n_warnings++] = copy;
    return true;
}

/* Resolved war-level facts: value and whether it came from the command line. */
typedef struct fact {
    bool present;
    double value;
    bool option;
} fact_t;

static fact_t resolve_fact(const pacta_scenario_t *s, const pacta_durability_facts_t *f,
                           const char *key)
{
    fact_t out = {false, 0.0, false};
    if (strcmp(key, "interstate") == 0 && f->has_interstate)
        return (fact_t){true, f->interstate ? 1.0 : 0.0, true};
    if (strcmp(key, "major_war") == 0 && f->has_major_war)
        return (fact_t){true, f->major_war ? 1.0 : 0.0, true};
    if (strcmp(key, "war_years") == 0 && f->has_war_years)
        return (fact_t){true, f->war_years, true};
    const pacta_provision_t *pv = pacta_scenario_durability_fact(s, key);
    if (pv != NULL)
        out = (fact_t){true, pv->value.value, false};
    return out;
}

typedef struct ranked {
    pacta_durability_effect_t e;
    double size;
} ranked_t;

static int by_size_desc(const void *a, const void *b)
{
    const ranked_t *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return x->e.covariate < y->e.covariate ? -1 : (x->e.covariate > y->e.covariate);
}

static const char *const option_names[] = {"interstate",  "--interstate", "major_war",
                                           "--major-war", "war_years",    "--war-years"};

static const char *option_for(const char *key)
{
    for (size_t i = 0; i < 6; i += 2)
        if (strcmp(option_names[i], key) == 0)
            return option_names[i + 1];
    return "?";
}

/* Fill x and origins for one proposal. */
static void covariates_for(const pacta_surv_model_t *m, const pacta_durability_covariate_t **spec,
                           const fact_t *facts, const pacta_proposal_t *p, double *x,
                           pacta_durability_origin *origin)
{
    for (size_t j = 0; j < m->p; j++) {
        const pacta_durability_covariate_t *c = spec[j];
        if (strcmp(c->kind, "agreement") == 0) {
            x[j] = 1.0;
            origin[j] = PACTA_ORIGIN_IMPLIED;
        } else if (strcmp(c->kind, "fact") == 0) {
            x[j] = strcmp(c->name, "log_war_years") == 0 ? log1p(facts[j].value) : facts[j].value;
            origin[j] = facts[j].option ? PACTA_ORIGIN_OPTION : PACTA_ORIGIN_DECLARED;
        } else {
            const pacta_provision_t *pv = pacta_proposal_provision(p, c->key);
            x[j] = pv != NULL && pv->value.value != 0.0 ? 1.0 : 0.0;
            origin[j] = pv != NULL ? PACTA_ORIGIN_DECLARED : PACTA_ORIGIN_ASSUMED;
        }
    }
}

static pacta_status predict_one(const pacta_durability_model_t *dm,
                                const pacta_durability_covariate_t **spec, const fact_t *facts,
                                const pacta_proposal_t *p,
                                const pacta_durability_predict_options_t *o,
                                pacta_durability_result_t *r)
{
    const pacta_surv_model_t *m = dm->fit;
    size_t np = m->p ? m->p : 1;
    r->proposal = p->id;
    r->name = p->name;
    r->x = pacta_calloc(np, sizeof *r->x);
    r->origin = pacta_calloc(np, sizeof *r->origin);
    r->effects = pacta_calloc(np, sizeof *r->effects);
    r->ignored = pacta_calloc(p->n_provisions ? p->n_provisions : 1, sizeof(char *));
    ranked_t *rank = pacta_calloc(np, sizeof *rank);
    double *alt = pacta_calloc(np, sizeof *alt);
    pacta_status st = PACTA_ENOMEM;
    if (!r->x || !r->origin || !r->effects || !r->ignored || !rank || !alt)
        goto cleanup;
    covariates_for(m, spec, facts, p, r->x, r->origin);
    st = pacta_surv_predict(m, r->x, o->horizons, o->n_horizons, &o->draws, &r->prediction);
    if (st != PACTA_OK)
        goto cleanup;
    st = PACTA_ENOMEM;

    /* Provisions that move it most: switch each on or off and compare S at the reference
     * horizon; the hazard ratio and its interval say how sure the data are. */
    double ref = o->horizons[o->reference_horizon];
    double base = pacta_surv_survival(m, r->x, ref);
    double z = pacta_normal_quantile(0.5 + 0.5 * o->draws.level);
    size_t n_eff = 0;
    for (size_t j = 0; j < m->p; j++) {
        if (strcmp(spec[j]->kind, "provision") != 0)
            continue;
        memcpy(alt, r->x, m->p * sizeof *alt);
        alt[j] = r->x[j] != 0.0 ? 0.0 : 1.0;
        pacta_durability_effect_t e = {j,
                                       r->x[j],
                                       base,
                                       pacta_surv_survival(m, alt, ref),
                                       exp(m->beta[j]),
                                       exp(m->beta[j] - z * m->se[j]),
                                       exp(m->beta[j] + z * m->se[j])};
        rank[n_eff].e = e;
        rank[n_eff].size = fabs(e.toggled - e.survival);
        n_eff++;
    }
    qsort(rank, n_eff, sizeof *rank, by_size_desc);
    for (size_t k = 0; k < n_eff; k++)
        r->effects[k] = rank[k].e;
    r->n_effects = n_eff;

    /* Declared provisions the model cannot use. */
    for (size_t i = 0; i < p->n_provisions; i++) {
        bool used = false;
        for (size_t j = 0; j < m->p; j++)
            used |= spec[j]->key != NULL && strcmp(spec[j]->key, p->provisions[i].key) == 0;
        if (!used)
            r->ignored[r->n_ignored++] = p->provisions[i].key;
    }

    /* Where the data cannot speak. */
    bool ok = true;
    const pacta_provision_t *imposed = pacta_proposal_provision(p, "imposed");
    bool imposed_used = false;
    for (size_t j = 0; j < m->p; j++)
        imposed_used |= spec[j]->key != NULL && strcmp(spec[j]->key, "imposed") == 0;
    if (imposed != NULL && imposed->value.value != 0.0 && !imposed_used)
        ok = warn(r, "the proposal is marked imposed: ceasefires pressed by a third party fail "
                     "more often (Werner & Yuen 2005), which the data cannot measure, so this "
                     "prediction is probably optimistic");
    for (size_t j = 0; j < m->p && ok; j++) {
        double v = r->x[j];
        if (v < m->x_min[j] || v > m->x_max[j]) {
            ok = warn(r, "%s = %g is outside the range in the data (%g to %g): extrapolation",
                      m->names[j], v, m->x_min[j], m->x_max[j]);
            continue;
        }
        bool binary = m->x_min[j] == 0.0 && m->x_max[j] == 1.0;
        if (binary && (v == 0.0 || v == 1.0)) {
            size_t same = v == 1.0 ? m->x_nonzero[j] : m->n - m->x_nonzero[j];
            if (same < THIN_SUPPORT)
                ok = warn(r, "only %zu of the %zu episodes have %s = %g: little data support", same,
                          m->n, m->names[j], v);
        }
    }
    r->distance = pacta_surv_distance(m, r->x);
    if (ok && isfinite(r->distance) && r->distance > m->max_distance)
        ok = warn(r,
                  "this combination of covariates is farther from the data's centre "
                  "(Mahalanobis distance %.1f) than any episode in the data (at most %.1f): "
                  "extrapolation",
                  r->distance, m->max_distance);
    for (size_t h = 0; h < o->n_horizons && ok; h++) {
        double t = o->horizons[h];
        if (t > m->max_time)
            ok = warn(r, "%g years is beyond the longest episode observed (%.1f years)", t,
                      m->max_time);
        else if (m->family == PACTA_SURV_COX && m->n_steps > 0 && t < m->step_time[0])
            ok = warn(r,
                      "no recurrence in the data comes before %.2f years (UCDP counts "
                      "fighting within the next calendar year as the same episode), so "
                      "P(holds %g year%s) = 1 reflects that definition, not evidence",
                      m->step_time[0], t, t == 1.0 ? "" : "s");
    }
    if (ok && isfinite(r->prediction.median) && r->prediction.median > m->max_time)
        ok = warn(r, "the median duration lies beyond the longest episode observed (%.1f years)",
                  m->max_time);
    if (!ok)
        goto cleanup;
    st = PACTA_OK;
cleanup:
    pacta_free(rank);
    pacta_free(alt);
    return st;
}

pacta_status pacta_durability_predict(pacta_durability_report_t **out,
                                      const pacta_durability_model_t *dm, const pacta_scenario_t *s,
                                      const pacta_durability_predict_options_t *options,
                                      pacta_diag_t *diag)
{
    *out = NULL;
    pacta_durability_predict_options_t defaults;
    if (options == NULL) {
        pacta_durability_predict_options_default(&defaults);
        options = &defaults;
    }
    const pacta_surv_model_t *m = dm->fit;
    if (options->n_horizons == 0 || options->reference_horizon >= options->n_horizons)
        return PACTA_EINVAL;
    const pacta_durability_covariate_t *spec[PACTA_SURV_MAX_COVARIATES];
    fact_t facts[PACTA_SURV_MAX_COVARIATES];
    size_t problems = 0;
    for (size_t j = 0; j < m->p; j++) {
        spec[j] = pacta_durability_covariate_find(m->names[j]);
        if (spec[j] == NULL) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, "", 0, 0, m->names[j],
                            "the model uses a covariate that pacta cannot fill from a scenario "
                            "(docs/durability.md lists those it can)");
            problems++;
            continue;
        }
        if (strcmp(spec[j]->kind, "fact") == 0) {
            facts[j] = resolve_fact(s, &options->facts, spec[j]->key);
            if (!facts[j].present) {
                /* Report each missing fact once, even when two covariates use it. */
                bool seen = false;
                for (size_t i = 0; i < j; i++)
                    seen |= spec[i] && strcmp(spec[i]->kind, "fact") == 0 &&
                            strcmp(spec[i]->key, spec[j]->key) == 0;
                if (!seen)
                    pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "durability",
                                    "the model needs '%s': add it to the scenario's durability: "
                                    "block or pass %s",
                                    spec[j]->key, option_for(spec[j]->key));
                problems++;
            }
        }
    }
    if (problems > 0)
        return PACTA_EINPUT;
    size_t first = 0, last = s->n_proposals;
    if (options->proposal != NULL) {
        first = last;
        for (size_t i = 0; i < s->n_proposals; i++)
            if (strcmp(s->proposals[i].id, options->proposal) == 0)
                first = i, last = i + 1;
        if (first == last) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "proposals",
                            "no proposal with id '%s'", options->proposal);
            return PACTA_EINVAL;
        }
    }
    pacta_durability_report_t *rep = pacta_calloc(1, sizeof *rep);
    if (rep == NULL)
        return PACTA_ENOMEM;
    rep->model = dm;
    rep->level = options->draws.level;
    rep->reference_horizon = options->reference_horizon;
    rep->results = pacta_calloc(last - first ? last - first : 1, sizeof *rep->results);
    if (rep->results == NULL) {
        pacta_durability_report_destroy(rep);
        return PACTA_ENOMEM;
    }
    for (size_t i = first; i < last; i++) {
        pacta_status st =
            predict_one(dm, spec, facts, &s->proposals[i], options, &rep->results[rep->n_results]);
        rep->n_results++;
        if (st != PACTA_OK) {
            if (st == PACTA_ENUMERIC)
                pacta_diag_add(diag, PACTA_SEVERITY_ERROR, "", 0, 0, "covariance",
                               "the model's covariance is not positive definite");
            pacta_durability_report_destroy(rep);
            return st;
        }
    }
    *out = rep;
    return PACTA_OK;
}
