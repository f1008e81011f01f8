/* Whole-scenario checks, run by every reader once a scenario is built, so that 'pacta check'
 * and every command judge a file alike (issue 21): each problem a command would reject is an
 * error here, and what is valid but implausible (a salience or capability on another scale
 * than the rest) is a warning naming the bound it breaks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "scenario/scenario_internal.h"

/* An actor whose capability is more than this many times the median of the others' is
 * reported: beyond it one actor outweighs any realistic coalition in every weighted model, which
 * is almost always a unit slip (dollars among billions) rather than a finding. */
#define CAPABILITY_OUTLIER_RATIO 1000.0

/* Each model setting must name a model, one of its options and a valid value; the model
 * itself checks the value, and its message is reported at the setting's place. */
static void check_model_settings(scenario_builder_t *b)
{
    const pacta_scenario_t *s = &b->owner->pub;
    pacta_settings_t *one = NULL;
    pacta_diag_t *inner = NULL;
    if (s->n_model_settings == 0)
        return;
    if (pacta_settings_create(&one) != PACTA_OK || pacta_diag_create(&inner) != PACTA_OK) {
        pacta_builder_oom(b);
        goto cleanup;
    }
    for (size_t i = 0; i < s->n_model_settings; i++) {
        const pacta_model_setting_t *set = &s->model_settings[i];
        char field[160];
        snprintf(field, sizeof field, "model_settings.%s.%s", set->model, set->key);
        const pacta_model_t *model = pacta_model_find(set->model);
        if (model == NULL) {
            pacta_builder_error(b, set->at, field, "unknown model '%s'", set->model);
            continue;
        }
        pacta_settings_destroy(one);
        one = NULL;
        pacta_diag_clear(inner);
        pacta_model_config_t *config = NULL;
        pacta_status st = pacta_settings_create(&one);
        if (st == PACTA_OK)
            st = pacta_settings_set(one, set->key, set->value);
        if (st == PACTA_OK)
            st = pacta_model_config_create(&config, model, NULL, one, false, inner);
        pacta_model_config_destroy(config);
        if (st == PACTA_ENOMEM) {
            pacta_builder_oom(b);
            goto cleanup;
        }
        if (st != PACTA_OK) {
            const pacta_diag_entry_t *e = pacta_diag_count(inner) ? pacta_diag_get(inner, 0) : NULL;
            pacta_builder_error(b, set->at, field, "%s", e ? e->message : "is not a valid setting");
        }
    }
cleanup:
    pacta_settings_destroy(one);
    pacta_diag_destroy(inner);
}

/* Every issue needs a stance, and weighted models need some weight on it. */
static void check_issues(scenario_builder_t *b)
{
    const pacta_scenario_t *s = &b->owner->pub;
    char field[128];
    for (size_t k = 0; k < s->n_issues; k++) {
        const pacta_issue_t *issue = &s->issues[k];
        size_t taking_part = 0, written = 0;
        double weight = 0.0;
        for (size_t a = 0; a < s->n_actors; a++) {
            const pacta_stance_t *st = &s->actors[a].stances[k];
            /* A stance that was written but is invalid has been reported already; it
             * still counts as written so one mistake is not reported twice. */
            written += st->present || st->at.line > 0;
            if (!st->present)
                continue;
            taking_part++;
            weight += s->actors[a].capability.value * st->salience.value;
        }
        snprintf(field, sizeof field, "issues[%s]", issue->id);
        if (s->n_actors > 0 && written == 0)
            pacta_builder_error(b, issue->at, field,
                                "no actor has a position on issue '%s'; give at least one actor a "
                                "stance under positions.%s",
                                issue->id, issue->id);
        else if (taking_part > 0 && !(weight > 0.0))
            pacta_builder_warning(b, issue->at, field,
                                  "no actor on issue '%s' has both capability and salience above "
                                  "zero: weighted models have no answer for it",
                                  issue->id);
    }
}


/* Saliences are on 0-100. A file where every salience is at most 1 was almost surely written
 * on 0-1; it is valid, but the expected-utility model reads salience/100 as a probability, so
 * say so. An actor alone on 0-1 among actors on 0-100 is the same slip on one line, and it
 * silently moves every weighted forecast, so it is named. */
static void check_salience_scale(scenario_builder_t *b)
{
    const pacta_scenario_t *s = &b->owner->pub;
    size_t stances = 0;
    double max_salience = 0.0;
    for (size_t a = 0; a < s->n_actors; a++)
        for (size_t k = 0; k < s->n_issues; k++)
            if (s->actors[a].stances[k].present) {
                stances++;
                max_salience = fmax(max_salience, s->actors[a].stances[k].salience.value);
            }
    if (stances > 1 && max_salience > 0.0 && max_salience <= 1.0) {
        pacta_builder_warning(
            b, (pacta_location_t){0, 0}, "salience",
            "every salience is at most 1, but saliences are on a 0-100 scale; "
            "multiply them by 100 (pacta import csv --salience-scale 1 does this)");
        return;
    }
    if (max_salience <= 1.0)
        return;
    for (size_t a = 0; a < s->n_actors; a++) {
        const pacta_actor_t *actor = &s->actors[a];
        double own_max = -1.0;
        for (size_t k = 0; k < s->n_issues; k++)
            if (actor->stances[k].present)
                own_max = fmax(own_max, actor->stances[k].salience.value);
        if (!(own_max > 0.0 && own_max <= 1.0))
            continue;
        char field[160];
        snprintf(field, sizeof field, "actors[%s].salience", actor->id ? actor->id : "?");
        pacta_builder_warning(b, actor->at, field,
                              "every salience of this actor is at most 1 while other actors' "
                              "reach %g: saliences are on a 0-100 scale; multiply this actor's "
                              "by 100",
                              max_salience);
    }
}

static int compare_doubles(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* A capability beyond CAPABILITY_OUTLIER_RATIO times the median of the positive ones. */
static void check_capability_outliers(scenario_builder_t *b)
{
    const pacta_scenario_t *s = &b->owner->pub;
    if (s->n_actors < 3)
        return;
    double *positive = pacta_malloc(s->n_actors * sizeof(double));
    if (positive == NULL) {
        pacta_builder_oom(b);
        return;
    }
    size_t n = 0;
    for (size_t a = 0; a < s->n_actors; a++)
        if (s->actors[a].capability.value > 0.0 && isfinite(s->actors[a].capability.value))
            positive[n++] = s->actors[a].capability.value;
    if (n >= 3) {
        qsort(positive, n, sizeof(double), compare_doubles);
        double median = n % 2 ? positive[n / 2] : 0.5 * (positive[n / 2 - 1] + positive[n / 2]);
        for (size_t a = 0; a < s->n_actors; a++) {
            const pacta_actor_t *actor = &s->actors[a];
            double ratio = actor->capability.value / median;
            if (!(ratio > CAPABILITY_OUTLIER_RATIO))
                continue;
            char field[160];
            snprintf(field, sizeof field, "actors[%s].capability", actor->id ? actor->id : "?");
            pacta_builder_warning(b, actor->capability.at, field,
                                  "%g is %.3g times the median capability (%g), beyond the "
                                  "plausibility bound of %g times: this actor alone decides "
                                  "every weighted model; check the units",
                                  actor->capability.value, ratio, median,
                                  CAPABILITY_OUTLIER_RATIO);
        }
    }
    pacta_free(positive);
}

/* An actor's ideal-adjustment row (identity, with its entries replacing elements) may sum to
 * at most 1, as KTAB's newIdeals requires (smp.cpp:705-800). */
static void check_adjustments(scenario_builder_t *b)
{
    const pacta_scenario_t *s = &b->owner->pub;
    char field[128];
    for (size_t a = 0; a < s->n_actors; a++) {
        const pacta_actor_t *actor = &s->actors[a];
        if (actor->n_adjustments == 0)
            continue;
        double sum = 1.0;
        for (size_t k = 0; k < actor->n_adjustments; k++) {
            sum += actor->adjustments[k].weight.value;
            if (actor->adjustments[k].toward == a)
                sum -= 1.0;
        }
        snprintf(field, sizeof field, "actors[%s].ideal_adjustment", actor->id ? actor->id : "?");
        if (sum > 1.0 + 1e-10)
            pacta_builder_error(b, actor->adjustments[0].weight.at, field,
                                "the weights sum to %g (the actor's own weight is 1 unless given); "
                                "they may sum to at most 1",
                                sum);
    }
}

void pacta_scenario_check_semantics(scenario_builder_t *b)
{
    check_issues(b);
    check_salience_scale(b);
    check_capability_outliers(b);
    check_adjustments(b);
    check_model_settings(b);
}
