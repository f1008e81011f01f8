/* Scoring a backtest: each model's statistics on all cases and on each group, with bootstrap
 * intervals that resample proposals (docs/validation.md, "Scores" and "Intervals"). */
#include <math.h>
#include <string.h>

#include "backtest/backtest_internal.h"
#include "core/alloc.h"

/* Whether proposal p belongs to group g of r. */
static bool in_group(const pacta_backtest_result_t *r, size_t g, const pacta_backtest_proposal_t *p)
{
    const pacta_backtest_group_t *group = &r->groups[g];
    const char *v = strcmp(group->by, "procedure") == 0 ? p->procedure : p->rule;
    return strcmp(v, group->value) == 0;
}

enum { STAT_MAE, STAT_RMSE, STAT_MEDIAN, STAT_WITHIN, STAT_DIFF, N_STATS };

typedef struct scorer {
    const pacta_backtest_set_t *set;
    const pacta_backtest_result_t *r;
    double *outcome;       /* per case */
    unsigned char *member; /* (groups + 1) x proposals: 1 when the proposal is in the group */
    size_t **order;        /* per model: its defined cases sorted by absolute error */
    size_t *n_order;
} scorer_t;

static double abs_error(const scorer_t *s, const pacta_backtest_model_t *m, size_t i)
{
    return fabs(m->forecast[i] - s->outcome[i]);
}

/* The statistics of model m on the cases of group g (0: all) weighted by each proposal's
 * multiplicity (NULL: once each); NaN where no case counts (eqs. V3, V4). */
static void score(const scorer_t *s, size_t m, size_t g, const unsigned *mult, double *out,
                  size_t *n_issues, size_t *n_paired)
{
    const pacta_backtest_result_t *r = s->r;
    const pacta_backtest_model_t *model = &r->models[m], *base = &r->models[r->baseline];
    const size_t P = s->set->n_proposals;
    const unsigned char *member = s->member + g * P;
    double n = 0, sum_abs = 0, sum_sq = 0, hits = 0, np = 0, pair = 0;
    for (size_t i = 0; i < s->set->n_cases; i++) {
        size_t p = s->set->cases[i].proposal;
        double w = mult ? mult[p] : 1.0;
        if (w == 0 || !member[p] || !model->defined[i])
            continue;
        double e = abs_error(s, model, i);
        n += w;
        sum_abs += w * e;
        sum_sq += w * e * e;
        hits += w * (e <= r->within);
        if (base->defined[i]) {
            np += w;
            pair += w * (e - abs_error(s, base, i));
        }
    }
    /* The median of the multiset: the middle one or two of n values in sorted order. */
    double median = NAN;
    if (n > 0) {
        double lo_rank = floor((n - 1) / 2), hi_rank = floor(n / 2), seen = 0;
        double lo_value = NAN;
        for (size_t k = 0; k < s->n_order[m]; k++) {
            size_t i = s->order[m][k];
            size_t p = s->set->cases[i].proposal;
            double w = mult ? mult[p] : 1.0;
            if (w == 0 || !member[p])
                continue;
            seen += w;
            if (isnan(lo_value) && seen > lo_rank)
                lo_value = abs_error(s, model, i);
            if (seen > hi_rank) {
                median = 0.5 * (lo_value + abs_error(s, model, i));
                break;
            }
        }
    }
    out[STAT_MAE] = n > 0 ? sum_abs / n : NAN;
    out[STAT_RMSE] = n > 0 ? sqrt(sum_sq / n) : NAN;
    out[STAT_MEDIAN] = median;
    out[STAT_WITHIN] = n > 0 ? hits / n : NAN;
    out[STAT_DIFF] = np > 0 ? pair / np : NAN;
    if (n_issues)
        *n_issues = (size_t)n;
    if (n_paired)
        *n_paired = (size_t)np;
}

static const pacta_backtest_scores_t *scores_of(const pacta_backtest_model_t *m, size_t g)
{
    return g == 0 ? &m->all : &m->groups[g - 1];
}

static void set_value(pacta_backtest_scores_t *sc, int stat, double v)
{
    pacta_backtest_interval_t *slot = stat == STAT_MAE      ? &sc->mae
                                      : stat == STAT_RMSE   ? &sc->rmse
                                      : stat == STAT_MEDIAN ? &sc->median
                                      : stat == STAT_WITHIN ? &sc->within
                                                            : &sc->mae_difference;
    *slot = (pacta_backtest_interval_t){v, NAN, NAN};
}

static pacta_backtest_interval_t *slot_of(pacta_backtest_scores_t *sc, int stat)
{
    return stat == STAT_MAE      ? &sc->mae
           : stat == STAT_RMSE   ? &sc->rmse
           : stat == STAT_MEDIAN ? &sc->median
           : stat == STAT_WITHIN ? &sc->within
                                 : &sc->mae_difference;
}

/* Cases in ascending order of absolute error (ties by index), for the median. */
static void sort_cases(const scorer_t *s, size_t m, size_t *order, size_t *n)
{
    const pacta_backtest_model_t *model = &s->r->models[m];
    *n = 0;
    for (size_t i = 0; i < s->set->n_cases; i++) {
        if (!model->defined[i])
            continue;
        double e = abs_error(s, model, i);
        size_t j = (*n)++;
        while (j > 0 && abs_error(s, model, order[j - 1]) > e) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
}

pacta_status pacta_bt_score_all(pacta_backtest_result_t *r, const pacta_backtest_set_t *set,
                                pacta_arena_t *arena)
{
    const size_t C = set->n_cases, P = set->n_proposals, G = r->n_groups + 1, M = r->n_models;
    const size_t B = r->bootstrap;
    scorer_t s = {.set = set, .r = r};
    unsigned *mult = NULL;
    double *reps = NULL;
    pacta_status st = PACTA_ENOMEM;
    s.outcome = pacta_arena_alloc(arena, C, sizeof(double));
    s.member = pacta_arena_alloc(arena, G * P, 1);
    s.order = pacta_arena_alloc(arena, M, sizeof(size_t *));
    s.n_order = pacta_arena_alloc(arena, M, sizeof(size_t));
    mult = pacta_calloc(P, sizeof(unsigned));
    reps = B ? pacta_malloc(M * G * N_STATS * B * sizeof(double)) : NULL;
    if (!s.outcome || !s.member || !s.order || !s.n_order || !mult || (B && !reps))
        goto cleanup;
    for (size_t i = 0; i < C; i++) {
        const pacta_backtest_case_t *c = &set->cases[i];
        s.outcome[i] = set->proposals[c->proposal].scenario->issues[c->issue].outcome.value;
    }
    for (size_t g = 0; g < G; g++)
        for (size_t p = 0; p < P; p++)
            s.member[g * P + p] = g == 0 || in_group(r, g - 1, &set->proposals[p]);
    for (size_t m = 0; m < M; m++) {
        s.order[m] = pacta_arena_alloc(arena, C, sizeof(size_t));
        if (s.order[m] == NULL)
            goto cleanup;
        sort_cases(&s, m, s.order[m], &s.n_order[m]);
    }
    /* Point estimates, and the proposals behind each. */
    for (size_t m = 0; m < M; m++) {
        pacta_backtest_model_t *model = &r->models[m];
        for (size_t g = 0; g < G; g++) {
            pacta_backtest_scores_t *sc = (pacta_backtest_scores_t *)scores_of(model, g);
            double v[N_STATS];
            score(&s, m, g, NULL, v, &sc->n_issues, &sc->n_paired);
            for (int k = 0; k < N_STATS; k++)
                set_value(sc, k, v[k]);
            memset(mult, 0, P * sizeof *mult);
            for (size_t i = 0; i < C; i++) {
                size_t p = set->cases[i].proposal;
                if (model->defined[i] && s.member[g * P + p] && mult[p] == 0) {
                    mult[p] = 1;
                    sc->n_proposals++;
                }
            }
        }
    }
    /* Replicates: draw P proposals with replacement (eq. V4). */
    for (size_t b = 0; b < B; b++) {
        memset(mult, 0, P * sizeof *mult);
        for (size_t j = 0; j < P; j++) {
            size_t p = (size_t)(pacta_bt_uniform(r->seed, b, 0, (uint32_t)j) * (double)P);
            mult[p < P ? p : P - 1]++;
        }
        for (size_t m = 0; m < M; m++)
            for (size_t g = 0; g < G; g++) {
                double v[N_STATS];
                score(&s, m, g, mult, v, NULL, NULL);
                for (int k = 0; k < N_STATS; k++)
                    reps[((m * G + g) * N_STATS + (size_t)k) * B + b] = v[k];
            }
    }
    for (size_t m = 0; m < M && B > 0; m++)
        for (size_t g = 0; g < G; g++)
            for (int k = 0; k < N_STATS; k++) {
                pacta_backtest_interval_t *slot =
                    slot_of((pacta_backtest_scores_t *)scores_of(&r->models[m], g), k);
                pacta_bt_percentile_interval(reps + ((m * G + g) * N_STATS + (size_t)k) * B, B,
                                             &slot->lo, &slot->hi);
            }
    st = PACTA_OK;
cleanup:
    pacta_free(mult);
    pacta_free(reps);
    return st;
}
