/* The covariates pacta can fill from a scenario, and fitting a durability model on an
 * episode table. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/text.h"
#include "durability/durability_internal.h"

static const pacta_durability_covariate_t covariates[] = {
    {"interstate", "fact", "interstate", "1 when the war is between states"},
    {"major_war", "fact", "major_war", "1 when a year had at least 1,000 battle deaths"},
    {"log_war_years", "fact", "war_years", "log(1 + years of fighting in the episode)"},
    {"war_years", "fact", "war_years", "years of fighting in the episode"},
    {"agreement", "agreement", NULL, "1 when a PA-X agreement is linked (every proposal is one)"},
    {"ceasefire", "provision", "ceasefire", "PA-X CeProv"},
    {"monitoring", "provision", "monitoring", "PA-X ImPK"},
    {"third_party_guarantee", "provision", "third_party_guarantee", "PA-X SsrGua"},
    {"demilitarised_zone", "provision", "demilitarised_zone", "PA-X DdrDemil"},
    {"withdrawal", "provision", "withdrawal", "PA-X SsrFf"},
    {"territorial", "provision", "territorial", "PA-X StBor, StInd, StUni, StRef"},
    {"power_sharing", "provision", "power_sharing", "PA-X Polps, Terps, Mps"},
    {"joint_commission", "provision", "joint_commission", "no PA-X code; user tables only"},
    {"imposed", "provision", "imposed", "no PA-X code; user tables only"},
};

static const char *const default_covariates[] = {
    "interstate", "major_war",   "log_war_years",         "agreement",
    "ceasefire",  "monitoring",  "third_party_guarantee", "demilitarised_zone",
    "withdrawal", "territorial", "power_sharing",         NULL};

const pacta_durability_covariate_t *pacta_durability_covariates(size_t *n)
{
    *n = sizeof covariates / sizeof covariates[0];
    return covariates;
}

const char *const *pacta_durability_default_covariates(void)
{
    return default_covariates;
}

const pacta_durability_covariate_t *pacta_durability_covariate_find(const char *name)
{
    for (size_t i = 0; i < sizeof covariates / sizeof covariates[0]; i++)
        if (strcmp(covariates[i].name, name) == 0)
            return &covariates[i];
    return NULL;
}

void pacta_durability_fit_options_default(pacta_durability_fit_options_t *o)
{
    memset(o, 0, sizeof *o);
    pacta_surv_options_default(&o->survival);
    o->survival.family = PACTA_SURV_COX;
}

void pacta_durability_model_destroy(pacta_durability_model_t *m)
{
    if (m == NULL)
        return;
    pacta_surv_model_destroy(m->fit);
    pacta_free(m->created);
    pacta_free(m->pacta_version);
    pacta_free(m->episode_rule);
    pacta_free(m->episodes_file);
    for (size_t i = 0; i < m->n_provenance; i++)
        pacta_free(m->provenance[i]);
    pacta_free(m->provenance);
    pacta_free(m);
}

/* The number in a cell; reports (file, line, column name) and returns false otherwise. */
static bool number_cell(const dtable_t *t, size_t row, long col, pacta_diag_t *diag, double *out)
{
    const char *text = t->cells[row][col];
    number_error e = pacta_parse_number(text, strlen(text), out);
    if (e == NUMBER_OK)
        return true;
    pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, t->file, t->line[row], 0, t->header[col],
                    "'%.40s' %s", text, pacta_number_error_text(e));
    return false;
}

pacta_status pacta_durability_fit(pacta_durability_model_t **out, const pacta_episodes_t *e,
                                  const pacta_durability_fit_options_t *options, pacta_diag_t *diag)
{
    *out = NULL;
    pacta_durability_fit_options_t defaults;
    if (options == NULL) {
        pacta_durability_fit_options_default(&defaults);
        options = &defaults;
    }
    const char *const *names = options->covariates ? options->covariates : default_covariates;
    size_t p = 0;
    while (names[p] != NULL)
        p++;
    if (p > PACTA_SURV_MAX_COVARIATES)
        return PACTA_EINVAL;
    const dtable_t *t = &e->table;
    long col_years = pacta_dtable_column(t, "years"),
         col_event = pacta_dtable_column(t, "recurred");
    long cols[PACTA_SURV_MAX_COVARIATES];
    size_t problems = 0;
    if (col_years < 0 || col_event < 0) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, t->file, t->header_line, 0,
                        col_years < 0 ? "years" : "recurred", "the header has no column '%s'",
                        col_years < 0 ? "years" : "recurred");
        problems++;
    }
    for (size_t j = 0; j < p; j++) {
        cols[j] = pacta_dtable_column(t, names[j]);
        if (cols[j] < 0) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, t->file, t->header_line, 0, names[j],
                            "the header has no covariate column '%s'", names[j]);
            problems++;
        }
    }
    if (problems > 0)
        return PACTA_EINPUT;
    if (t->n_rows == 0) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, t->file, t->header_line, 0, "",
                       "the table has no episodes");
        return PACTA_EINPUT;
    }
    size_t n = t->n_rows;
    double *time = pacta_calloc(n, sizeof *time), *x = pacta_calloc(n * (p ? p : 1), sizeof *x);
    int *event = pacta_calloc(n, sizeof *event);
    pacta_durability_model_t *m = NULL;
    pacta_status st = PACTA_ENOMEM;
    if (time == NULL || x == NULL || event == NULL)
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        double v;
        if (number_cell(t, i, col_years, diag, &v)) {
            if (!(v >= 0.0)) {
                pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, t->file, t->line[i], 0, "years",
                                "a duration must be >= 0, found %g", v);
                problems++;
            } else if (v == 0.0 && options->survival.family == PACTA_SURV_WEIBULL) {
                pacta_diag_add(diag, PACTA_SEVERITY_ERROR, t->file, t->line[i], 0, "years",
                               "a duration of 0 has no Weibull likelihood; drop the row, give "
                               "it a small positive value, or fit the Cox model");
                problems++;
            }
            time[i] = v;
        } else {
            problems++;
        }
        if (number_cell(t, i, col_event, diag, &v)) {
            if (v != 0.0 && v != 1.0) {
                pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, t->file, t->line[i], 0, "recurred",
                                "must be 0 (censored) or 1 (recurred), found %g", v);
                problems++;
            }
            event[i] = v == 1.0;
        } else {
            problems++;
        }
        for (size_t j = 0; j < p; j++)
            if (!number_cell(t, i, cols[j], diag, &x[i * p + j]))
                problems++;
    }
    if (problems > 0) {
        st = PACTA_EINPUT;
        goto cleanup;
    }
    m = pacta_calloc(1, sizeof *m);
    if (m == NULL)
        goto cleanup;
    pacta_surv_data_t data = {n, p, time, event, x, names};
    pacta_diag_t *fit_diag = diag;
    st = pacta_surv_fit(&m->fit, &data, &options->survival, fit_diag);
    if (st != PACTA_OK)
        goto cleanup;
    st = PACTA_ENOMEM;
    char date[16];
    if (options->created)
        snprintf(date, sizeof date, "%s", options->created);
    else
        pacta_today(date);
    m->created = pacta_strdup(date);
    m->pacta_version = pacta_strdup(PACTA_VERSION_STRING);
    const char *rule = "unknown";
    for (size_t i = 0; i < t->n_comments; i++)
        if (strstr(t->comments[i], PACTA_EPISODE_RULE) != NULL)
            rule = PACTA_EPISODE_RULE;
    m->episode_rule = pacta_strdup(rule);
    if (options->episodes_name)
        m->episodes_file = pacta_strdup(options->episodes_name);
    if (!m->created || !m->pacta_version || !m->episode_rule ||
        (options->episodes_name && !m->episodes_file))
        goto cleanup;
    if (t->n_comments > 0) {
        m->provenance = pacta_calloc(t->n_comments, sizeof(char *));
        if (m->provenance == NULL)
            goto cleanup;
        for (size_t i = 0; i < t->n_comments; i++) {
            m->provenance[i] = pacta_strdup(t->comments[i]);
            if (m->provenance[i] == NULL)
                goto cleanup;
            m->n_provenance++;
        }
    }
    *out = m;
    m = NULL;
    st = PACTA_OK;
cleanup:
    pacta_durability_model_destroy(m);
    pacta_free(time);
    pacta_free(x);
    pacta_free(event);
    return st;
}
