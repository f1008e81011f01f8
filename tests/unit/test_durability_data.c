/* Refit the shipped durability models from the conflict data in ../shared and check the
 * numbers in data/durability/ (default.yaml, weibull.yaml), and R's fits of the same episodes
 * (tests/reference/durability/episodes.out). Skips with exit code 77 when ../shared is
 * absent. */
#include "test.h"

#include <pacta/pacta.h>

/* The shipped numbers were written by this code from these data: a refit must reproduce
 * them up to differences in floating-point contraction between builds (the sanitizer build
 * uses other optimisation flags), far below 1e-9. R: the 1e-6. */
#define TOL_SHIPPED 1e-9
#define TOL_R 1e-6

static pacta_diag_t *diag;

static double ref(const char *key)
{
    static char keys[256][96];
    static double values[256];
    static size_t n;
    if (n == 0) {
        char path[4096];
        snprintf(path, sizeof path, "%s/tests/reference/durability/episodes.out", PACTA_SOURCE_DIR);
        FILE *f = fopen(path, "r");
        char line[512];
        while (f && fgets(line, sizeof line, f) && n < 256)
            if (line[0] != '#' && sscanf(line, "%95s %lf", keys[n], &values[n]) == 2)
                n++;
        if (f)
            fclose(f);
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i], key) == 0)
            return values[i];
    TEST_FAIL_("reference value '%s' missing from episodes.out", key);
    return NAN;
}

static void dump(void)
{
    for (size_t i = 0; i < pacta_diag_count(diag); i++)
        fprintf(stderr, "  %s:%d %s: %s\n", pacta_diag_get(diag, i)->file,
                pacta_diag_get(diag, i)->line, pacta_diag_get(diag, i)->field,
                pacta_diag_get(diag, i)->message);
}

static void compare(const pacta_surv_model_t *fit, const pacta_surv_model_t *shipped,
                    const char *prefix)
{
    ASSERT_INT_EQ(fit->n, shipped->n);
    ASSERT_INT_EQ(fit->events, shipped->events);
    ASSERT_INT_EQ(fit->p, shipped->p);
    for (size_t j = 0; j < fit->p && j < shipped->p; j++) {
        char key[128];
        ASSERT_STR_EQ(fit->names[j], shipped->names[j]);
        ASSERT_REL(fit->beta[j], shipped->beta[j], TOL_SHIPPED);
        ASSERT_REL(fit->se[j], shipped->se[j], TOL_SHIPPED);
        snprintf(key, sizeof key, "%s.coef.%s", prefix, fit->names[j]);
        ASSERT_REL(fit->beta[j], ref(key), TOL_R);
        snprintf(key, sizeof key, "%s.se.%s", prefix, fit->names[j]);
        ASSERT_REL(fit->se[j], ref(key), TOL_R);
    }
    ASSERT_REL(fit->loglik, shipped->loglik, TOL_SHIPPED);
    ASSERT_REL(fit->max_distance, shipped->max_distance, TOL_SHIPPED);
    if (fit->family == PACTA_SURV_WEIBULL) {
        ASSERT_REL(fit->shape, shipped->shape, TOL_SHIPPED);
        ASSERT_REL(fit->shape, ref("weibull.ph.shape"), TOL_R);
        ASSERT_REL(fit->intercept, shipped->intercept, TOL_SHIPPED);
    } else {
        ASSERT_INT_EQ(fit->n_steps, shipped->n_steps);
        for (size_t s = 0; s < fit->n_steps && s < shipped->n_steps; s++) {
            ASSERT_REL(fit->step_time[s], shipped->step_time[s], TOL_SHIPPED);
            ASSERT_REL(fit->step_cumhaz[s], shipped->step_cumhaz[s], TOL_SHIPPED);
        }
    }
}

int main(void)
{
    const char *shared = test_shared_dir();
    if (shared == NULL) {
        printf("skipped: the UCDP/PRIO and PA-X data in ../shared (or $PACTA_SHARED) are "
               "absent\n");
        return 77;
    }
    pacta_diag_create(&diag);
    char ucdp[4200], pax[4200];
    snprintf(ucdp, sizeof ucdp, "%s/data/conflict/ucdp_prio_acd_v25.1_peacesciencer.csv", shared);
    snprintf(pax, sizeof pax, "%s/data/conflict/pax_all_agreements_data.csv", shared);
    test_current = "episodes from ../shared";
    pacta_episode_options_t o;
    pacta_episode_options_default(&o);
    o.ucdp = ucdp;
    o.pax = pax;
    pacta_episodes_t *e = NULL;
    ASSERT_INT_EQ(pacta_episodes_build(&e, &o, diag), PACTA_OK);
    if (e == NULL) {
        dump();
        return test_finish("durability_data");
    }
    /* The table R fitted (episodes.out): same count of episodes. */
    ASSERT_INT_EQ(pacta_episodes_count(e), (size_t)ref("n"));

    static const char *const files[2] = {"default.yaml", "weibull.yaml"};
    static const char *const prefixes[2] = {"cox", "weibull.ph"};
    for (int i = 0; i < 2; i++) {
        test_current = files[i];
        char path[4200];
        snprintf(path, sizeof path, "%s/data/durability/%s", PACTA_SOURCE_DIR, files[i]);
        pacta_durability_model_t *shipped = NULL, *fit = NULL;
        ASSERT_INT_EQ(pacta_durability_model_load(&shipped, path, diag), PACTA_OK);
        pacta_durability_fit_options_t fo;
        pacta_durability_fit_options_default(&fo);
        fo.survival.family = i == 0 ? PACTA_SURV_COX : PACTA_SURV_WEIBULL;
        ASSERT_INT_EQ(pacta_durability_fit(&fit, e, &fo, diag), PACTA_OK);
        if (shipped != NULL && fit != NULL) {
            compare(fit->fit, shipped->fit, prefixes[i]);
            /* The provenance recorded in the shipped file is that of this table. */
            ASSERT_INT_EQ(fit->n_provenance, shipped->n_provenance);
            for (size_t k = 0; k < fit->n_provenance && k < shipped->n_provenance; k++)
                ASSERT_STR_EQ(fit->provenance[k], shipped->provenance[k]);
        } else {
            dump();
        }
        pacta_durability_model_destroy(shipped);
        pacta_durability_model_destroy(fit);
    }
    pacta_episodes_destroy(e);
    pacta_diag_destroy(diag);
    return test_finish("durability_data");
}
