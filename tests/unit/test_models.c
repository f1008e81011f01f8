/* The compromise, median and Nash models, the model registry and option handling. */
#include "test.h"

#include <pacta/pacta.h>

static pacta_model_config_t *config_of(const char *name, const char *setting)
{
    pacta_settings_t *s = NULL;
    pacta_settings_create(&s);
    if (setting)
        pacta_settings_parse(s, setting);
    pacta_model_config_t *c = NULL;
    pacta_status st = pacta_model_config_create(&c, pacta_model_find(name), NULL, s, false, NULL);
    pacta_settings_destroy(s);
    return st == PACTA_OK ? c : NULL;
}

/* Run a model with settings given as two comma-separated KEY=VALUE lists (either may be
 * NULL); returns the forecast (NAN when undefined) and, when note is not NULL, its note. */
static double run_model_set(const char *name, const char *first, const char *second, size_t n,
                            const double *x, const double *c, const double *s, bool has_sq,
                            double sq, const char **note)
{
    pacta_settings_t *settings = NULL;
    pacta_settings_create(&settings);
    const char *lists[] = {first, second};
    for (int l = 0; l < 2; l++) {
        char copy[256];
        snprintf(copy, sizeof copy, "%s", lists[l] ? lists[l] : "");
        for (char *item = strtok(copy, ","); item != NULL; item = strtok(NULL, ","))
            pacta_settings_parse(settings, item);
    }
    pacta_model_config_t *cfg = NULL;
    pacta_model_config_create(&cfg, pacta_model_find(name), NULL, settings, false, NULL);
    pacta_settings_destroy(settings);
    pacta_issue_data_t data = {n, x, s, c, NULL, has_sq, sq};
    pacta_model_result_t r;
    pacta_model_result_init(&r);
    double out = NAN;
    static char note_copy[512];
    if (cfg && pacta_model_run(cfg, &data, &r, NULL) == PACTA_OK && r.defined)
        out = r.forecast;
    if (note) {
        snprintf(note_copy, sizeof note_copy, "%s", r.note ? r.note : "");
        *note = note_copy;
    }
    pacta_model_result_destroy(&r);
    pacta_model_config_destroy(cfg);
    return out;
}

/* Run a model with at most one setting; returns the forecast (NAN when undefined). */
static double run_model(const char *name, const char *setting, size_t n, const double *x,
                        const double *c, const double *s, bool has_sq, double sq, const char **note)
{
    return run_model_set(name, setting, NULL, n, x, c, s, has_sq, sq, note);
}

/* Scholz et al. (2011) Table 1 (BDM 1994 p. 78): positions in years, capability shares,
 * salience on 0-100. */
static const double em_x[] = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};
static const double em_c[] = {0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08};
static const double em_s[] = {80, 40, 20, 80, 60, 60, 90, 10, 100, 70};

static void emission_round_zero(void)
{
    /* Reference: the c*s-weighted mean 7.389955686853767 and lower weighted median 7 of
     * the emission case (shared/specs/negotiation-models.md section 7.1, "Round 0
     * (exact)"). Closed form: sum(c s x) = 500.3 and sum(c s) = 67.7 by hand, so the mean
     * is 500.3/67.7. The median: the actors at 4 carry weight 24.8 of 67.7, those at 7
     * bring it to 34.1 >= 33.85, so the lower median is 7. */
    ASSERT_REL(run_model("compromise", NULL, 10, em_x, em_c, em_s, false, 0, NULL),
               7.389955686853767, TOL_EXACT);
    ASSERT_REL(500.3 / 67.7, 7.389955686853767, TOL_EXACT);
    ASSERT_ABS(run_model("median", NULL, 10, em_x, em_c, em_s, false, 0, NULL), 7.0, 0.0);
}

static void median_tie_rule(void)
{
    /* Two equal weights: cumulative weight reaches exactly half at the first position, so
     * the lower median is 20 (docs/models.md, tie rule). */
    double x[] = {80, 20}, c[] = {1, 1}, s[] = {50, 50};
    ASSERT_ABS(run_model("median", NULL, 2, x, c, s, false, 0, NULL), 20.0, 0.0);
    /* A heavier actor decides. */
    double c2[] = {1.01, 1};
    ASSERT_ABS(run_model("median", NULL, 2, x, c2, s, false, 0, NULL), 80.0, 0.0);
    /* Zero weights everywhere: no answer rather than garbage. */
    double z[] = {0, 0};
    const char *note;
    ASSERT_TRUE(isnan(run_model("median", NULL, 2, x, z, s, false, 0, &note)));
    ASSERT_STR_CONTAINS(note, "capability and salience");
    ASSERT_TRUE(isnan(run_model("compromise", NULL, 2, x, c, z, false, 0, NULL)));
}

/* The Nash objective, for checking optimality independently of the solver. */
static double nash_objective(size_t n, const double *x, const double *w, double d, double at)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        double g = fabs(d - x[i]) - fabs(at - x[i]);
        if (g <= 0)
            return -INFINITY;
        sum += w[i] * log(g);
    }
    return sum;
}

static void nash_by_hand(void)
{
    const double one[] = {1, 1, 1}, s100[] = {100, 100, 100};
    /* d = 0, actors at 40 (w 1) and 100 (w 3). On (40, 100) the first-order condition is
     * -1/(80 - x) + 3/x = 0, so x = 60. */
    double x1[] = {40, 100}, c1[] = {1, 3};
    ASSERT_ABS(run_model("nash", NULL, 2, x1, c1, s100, true, 0, NULL), 60.0, TOL_SOLVER);
    /* d = 0, actors at 30 (w 1) and 90 (w 2): x = 2*30*2/(1+2) = 40. */
    double x2[] = {30, 90}, c2[] = {1, 2};
    ASSERT_ABS(run_model("nash", NULL, 2, x2, c2, s100, true, 0, NULL), 40.0, TOL_SOLVER);
    /* d = 0, actors at 40 (w 1) and 60 (w 2): -1/(80 - x) + 2/x = 0 gives x = 160/3. */
    double x3[] = {40, 60}, c3[] = {1, 2};
    ASSERT_ABS(run_model("nash", NULL, 2, x3, c3, s100, true, 0, NULL), 160.0 / 3.0, TOL_SOLVER);
    /* d = 0, actors at 40 (w 2) and 60 (w 1): the right derivative at 40 is
     * -2/40 + 1/40 < 0 and the left one positive, so the solution is the kink 40. */
    double c4[] = {2, 1};
    ASSERT_ABS(run_model("nash", NULL, 2, x3, c4, s100, true, 0, NULL), 40.0, 0.0);
    /* Mirror image: d = 100, actors at 0 and 60, equal weights: left derivative at 60 is
     * -1/40 + 1/40 = 0, right derivative negative: the kink 60. */
    double x5[] = {0, 60};
    ASSERT_ABS(run_model("nash", NULL, 2, x5, one, s100, true, 100, NULL), 60.0, 0.0);
    /* One actor: the gain |d - x1| - |x - x1| is largest at its own position. */
    double x6[] = {25};
    ASSERT_ABS(run_model("nash", NULL, 1, x6, one, s100, true, 70, NULL), 25.0, 0.0);
}

static void nash_empty_and_undefined(void)
{
    const double one[] = {1, 1, 1}, s100[] = {100, 100, 100};
    const char *note;
    /* Actors on both sides of d: any move helps one and hurts the other. */
    double x[] = {20, 80};
    ASSERT_ABS(run_model("nash", NULL, 2, x, one, s100, true, 50, &note), 50.0, 0.0);
    ASSERT_STR_CONTAINS(note, "bargaining set is empty");
    /* An actor sitting on the status quo cannot gain. */
    double y[] = {50, 80};
    ASSERT_ABS(run_model("nash", NULL, 2, y, one, s100, true, 50, &note), 50.0, 0.0);
    /* No status quo: no disagreement point, no answer. */
    ASSERT_TRUE(isnan(run_model("nash", NULL, 2, y, one, s100, false, 0, &note)));
    ASSERT_STR_CONTAINS(note, "status_quo");
    /* A zero-weight actor has no say, even on the other side of d. */
    double z[] = {40, 100, 99}, cz[] = {1, 3, 0};
    ASSERT_ABS(run_model("nash", NULL, 3, z, cz, s100, true, 0, NULL), 60.0, TOL_SOLVER);
    /* weights=salience ignores capability: equal saliences make 40 and 100 equal. */
    double cw[] = {1, 3};
    double sw[] = {50, 50};
    /* -1/(80 - x) + 1/x = 0 gives x = 40, the kink. */
    ASSERT_ABS(run_model("nash", "weights=salience", 2, z, cw, sw, true, 0, NULL), 40.0,
               TOL_SOLVER);
}

static void nash_is_optimal(void)
{
    /* Property check on pseudo-random instances (a fixed LCG, so it is reproducible): the
     * solution beats every nearby point of the objective, which is computed independently
     * of the solver. */
    unsigned long state = 12345;
    int checked = 0;
    for (int trial = 0; trial < 300; trial++) {
        size_t n = 1 + trial % 7;
        double x[8], c[8], s[8];
        double d = (trial % 3 == 0) ? 0.0 : 100.0;
        for (size_t i = 0; i < n; i++) {
            state = state * 6364136223846793005ul + 1442695040888963407ul;
            x[i] = d == 0 ? 1 + (state >> 33) % 99 : (state >> 33) % 99;
            state = state * 6364136223846793005ul + 1442695040888963407ul;
            c[i] = 1 + (double)((state >> 33) % 1000) / 100.0;
            s[i] = 100;
        }
        double best = run_model("nash", NULL, n, x, c, s, true, d, NULL);
        double f = nash_objective(n, x, c, d, best);
        if (!isfinite(f))
            continue; /* empty set: returns d, checked elsewhere */
        checked++;
        for (double h = 1e-3; h >= 1e-7; h /= 10) {
            double left = nash_objective(n, x, c, d, best - h);
            double right = nash_objective(n, x, c, d, best + h);
            if (!(f >= left - 1e-12 && f >= right - 1e-12)) {
                TEST_FAIL_("trial %d: x* = %.15g is not a maximum (h = %g)", trial, best, h);
                break;
            }
        }
    }
    ASSERT_TRUE(checked > 100);
}

/* The focal model (docs/models.md M5) by hand, with its defaults p = 0.5, snap 25. */
static void focal_by_hand(void)
{
    const char *note = NULL;
    /* Damping: weights 1^0.5 x 50 and 4^0.5 x 50 = 50 and 100, so the mean is 10000/150;
     * the nearer position (100) is 33.3 away, beyond the snap of 25. The compromise model
     * weighs 50 and 200: 80. */
    const double x1[] = {0, 100}, c1[] = {1, 4}, s1[] = {50, 50};
    ASSERT_ABS(run_model("focal", NULL, 2, x1, c1, s1, false, 0, &note), 10000.0 / 150,
               TOL_EXACT * 100);
    ASSERT_ABS(run_model("compromise", NULL, 2, x1, c1, s1, false, 0, NULL), 80, TOL_EXACT * 100);
    /* Settling: weights 50, 100, 50 give (10000 + 3000)/200 = 65, and 60 is 5 away. */
    const double x2[] = {0, 100, 60}, c2[] = {1, 4, 1}, s2[] = {50, 50, 50};
    ASSERT_ABS(run_model("focal", NULL, 3, x2, c2, s2, false, 0, &note), 60, 0);
    ASSERT_STR_CONTAINS(note, "settled on the actor position 60");
    ASSERT_ABS(run_model("focal", "snap=4.9", 3, x2, c2, s2, false, 0, NULL), 65, TOL_EXACT * 100);
    /* Shrinking halfway to the status quo 100 moves the mean 30 to 65, 25 from 40. */
    const double x3[] = {20, 40}, c3[] = {1, 1}, s3[] = {50, 50};
    ASSERT_ABS(run_model("focal", "shrink=0.5", 2, x3, c3, s3, true, 100, NULL), 40, 0);
    ASSERT_ABS(run_model("focal", "shrink=0.5", 2, x3, c3, s3, false, 0, NULL), 20, 0);
    /* p = 0 ignores capability, even 0: the mean of 0 and 100 is 50, 50 from both. */
    const double c4[] = {0, 1};
    ASSERT_ABS(run_model("focal", "capability_power=0", 2, x1, c4, s1, false, 0, NULL), 50, 0);
    /* No positive weight: undefined, with a note. */
    const double s5[] = {0, 0};
    ASSERT_TRUE(isnan(run_model("focal", NULL, 2, x1, c1, s5, false, 0, &note)));
    ASSERT_STR_CONTAINS(note, "no actor has both capability and salience above zero");
    /* The compromise profile is M1 exactly, on the emission case. */
    pacta_model_config_t *cfg = NULL;
    ASSERT_INT_EQ(
        pacta_model_config_create(&cfg, pacta_model_find("focal"), "compromise", NULL, false, NULL),
        PACTA_OK);
    pacta_issue_data_t data = {10, em_x, em_s, em_c, NULL, false, 0};
    pacta_model_result_t r;
    pacta_model_result_init(&r);
    if (cfg != NULL && pacta_model_run(cfg, &data, &r, NULL) == PACTA_OK)
        ASSERT_REL(r.forecast, 7.389955686853767, TOL_EXACT);
    else
        TEST_FAIL_("focal:compromise did not run");
    pacta_model_result_destroy(&r);
    pacta_model_config_destroy(cfg);
}

/* The choice model (docs/models.md M8) by hand. Three actors with capability 1: 0 with
 * salience 50, 60 with 30 and 100 with 20, so the weights are the saliences, the support
 * shares 0.5, 0.3 and 0.2, and the compromise m = (0 + 1800 + 2000) / 100 = 38; the status
 * quo 20 is held by nobody. */
static void choice_by_hand(void)
{
    const double x[] = {0, 60, 100}, c[] = {1, 1, 1}, s[] = {50, 30, 20};
    const char *note = NULL;
    /* Support alone (alpha 1, beta 0, floor 0.001): weights 0.501, 0.001 (the status quo 20),
     * 0.001 (m = 38), 0.301, 0.201 of 1.005. Cumulated from the left: 0.4985, 0.4995, then
     * 0.5005 >= 1/2 at 38, the median. The mode is 0 and the mean
     * (20 x 0.001 + 38 x 0.001 + 60 x 0.301 + 100 x 0.201) / 1.005 = 38.0179... */
    const char *support_only = "support=1,distance=0";
    ASSERT_ABS(run_model_set("choice", support_only, NULL, 3, x, c, s, true, 20, &note), 38, 0);
    ASSERT_STR_CONTAINS(note, "38 (compromise) 0%");
    ASSERT_ABS(run_model_set("choice", support_only, "readout=mode", 3, x, c, s, true, 20, NULL), 0,
               0);
    ASSERT_REL(run_model_set("choice", support_only, "readout=mean", 3, x, c, s, true, 20, NULL),
               (20 * 0.001 + 38 * 0.001 + 60 * 0.301 + 100 * 0.201) / 1.005, TOL_EXACT * 8);
    /* merge = 2 makes 59 and 61 (salience 15 each) one option at their weighted mean 60,
     * with their joint support: the same distribution as above. Without it they are two
     * options, and the mean read-out moves. */
    const double x4[] = {0, 59, 61, 100}, c4[] = {1, 1, 1, 1}, s4[] = {50, 15, 15, 20};
    ASSERT_REL(run_model_set("choice", support_only, "readout=mean,merge=2", 4, x4, c4, s4, true,
                             20, NULL),
               (20 * 0.001 + 38 * 0.001 + 60 * 0.301 + 100 * 0.201) / 1.005, TOL_EXACT * 8);
    ASSERT_TRUE(
        fabs(run_model_set("choice", support_only, "readout=mean", 4, x4, c4, s4, true, 20, NULL) -
             (20 * 0.001 + 38 * 0.001 + 60 * 0.301 + 100 * 0.201) / 1.005) > 1e-6);
    /* The full run also returns the distribution itself, in scale order. */
    pacta_model_config_t *cfg = NULL;
    pacta_settings_t *settings = NULL;
    pacta_settings_create(&settings);
    pacta_settings_set(settings, "support", "1");
    pacta_settings_set(settings, "distance", "0");
    pacta_model_config_create(&cfg, pacta_model_find("choice"), NULL, settings, false, NULL);
    pacta_settings_destroy(settings);
    pacta_issue_data_t data = {3, x, s, c, NULL, true, 20};
    pacta_model_result_t r;
    pacta_model_result_init(&r);
    ASSERT_INT_EQ(cfg ? pacta_model_run(cfg, &data, &r, NULL) : PACTA_EINVAL, PACTA_OK);
    const double option_at[] = {0, 20, 38, 60, 100}, weight[] = {0.501, 0.001, 0.001, 0.301, 0.201};
    ASSERT_INT_EQ(r.n_outcomes, 5);
    for (size_t j = 0; j < r.n_outcomes && j < 5; j++) {
        ASSERT_ABS(r.outcomes[j].at, option_at[j], 0);
        ASSERT_REL(r.outcomes[j].probability, weight[j] / 1.005, TOL_EXACT * 8);
    }
    pacta_model_result_destroy(&r);
    pacta_model_config_destroy(cfg);
    /* Distance alone: beta = 10 ln 2 halves the weight every 10 points from m = 38, so the
     * options 0, 20, 38, 60, 100 weigh 2^-3.8, 2^-1.8, 1, 2^-2.2, 2^-6.2. Cumulated:
     * 0.045, 0.226, then 0.855 at 38, the median; the mean is sum(x w) / sum(w). */
    char distance_only[64];
    snprintf(distance_only, sizeof distance_only, "support=0,distance=%.17g", 10 * log(2.0));
    double w[] = {exp2(-3.8), exp2(-1.8), 1, exp2(-2.2), exp2(-6.2)};
    double at[] = {0, 20, 38, 60, 100}, sum_w = 0, sum_xw = 0;
    for (int k = 0; k < 5; k++) {
        sum_w += w[k];
        sum_xw += at[k] * w[k];
    }
    ASSERT_ABS(run_model_set("choice", distance_only, NULL, 3, x, c, s, true, 20, NULL), 38, 0);
    ASSERT_REL(run_model_set("choice", distance_only, "readout=mean", 3, x, c, s, true, 20, NULL),
               sum_xw / sum_w, TOL_EXACT * 16);
    /* status_quo=ignore drops the option 20 (weight 2^-1.8) from the same sums. */
    ASSERT_REL(run_model_set("choice", distance_only, "readout=mean,status_quo=ignore", 3, x, c, s,
                             true, 20, NULL),
               (sum_xw - 20 * w[1]) / (sum_w - w[1]), TOL_EXACT * 16);
    /* Both, with the defaults' form: alpha 0.5 and beta 5 on two actors at 0 (capability 4,
     * salience 50) and 100 (capability 1, salience 50). With p = 0.5 the weights are 100 and
     * 50, m = 100/3, and the options 0, 33.3, 100 weigh sqrt(2/3 + 0.001) e^(-5/3),
     * sqrt(0.001), sqrt(1/3 + 0.001) e^(-10/3): 0.155, 0.0316, 0.0207 of 0.207; the first
     * alone holds 0.75 of it, so the median is 0. */
    const double x2[] = {0, 100}, c2[] = {4, 1}, s2[] = {50, 50};
    double p0 = sqrt(2.0 / 3 + 0.001) * exp(-5.0 / 3), pm = sqrt(0.001),
           p1 = sqrt(1.0 / 3 + 0.001) * exp(-10.0 / 3);
    ASSERT_TRUE(p0 / (p0 + pm + p1) > 0.5);
    ASSERT_ABS(
        run_model_set("choice", "support=0.5,distance=5", NULL, 2, x2, c2, s2, false, 0, &note), 0,
        0);
    ASSERT_REL(run_model_set("choice", "support=0.5,distance=5", "readout=mean", 2, x2, c2, s2,
                             false, 0, NULL),
               (100.0 / 3 * pm + 100 * p1) / (p0 + pm + p1), TOL_EXACT * 16);
    /* capability_power=0 ignores capability: both weigh 50, m = 50, symmetric, and the
     * median is the compromise 50 itself. */
    ASSERT_ABS(run_model_set("choice", "capability_power=0", NULL, 2, x2, c2, s2, false, 0, NULL),
               50, 0);
    /* No positive weight: undefined, with a note. */
    const double s0[] = {0, 0};
    ASSERT_TRUE(isnan(run_model_set("choice", NULL, NULL, 2, x2, c2, s0, false, 0, &note)));
    ASSERT_STR_CONTAINS(note, "no actor has both capability and salience above zero");
}

static void registry_and_options(void)
{
    ASSERT_INT_EQ(pacta_model_count(), 8);
    ASSERT_STR_EQ(pacta_model_name(pacta_model_at(0)), "compromise");
    ASSERT_TRUE(pacta_model_find("bdm") != NULL);
    ASSERT_TRUE(pacta_model_find("focal") != NULL);
    ASSERT_TRUE(pacta_model_find("nope") == NULL);
    ASSERT_TRUE(pacta_model_is_iterative(pacta_model_find("bdm")));
    ASSERT_TRUE(!pacta_model_is_joint(pacta_model_find("bdm")));
    ASSERT_TRUE(pacta_model_is_joint(pacta_model_find("smp")));
    ASSERT_TRUE(pacta_model_is_iterative(pacta_model_find("smp")));
    ASSERT_TRUE(pacta_model_is_joint(pacta_model_find("exchange")));
    ASSERT_TRUE(!pacta_model_is_iterative(pacta_model_find("exchange")));

    pacta_diag_t *d = NULL;
    pacta_diag_create(&d);
    pacta_settings_t *s = NULL;
    pacta_settings_create(&s);
    ASSERT_INT_EQ(pacta_settings_parse(s, "noequals"), PACTA_EINVAL);
    ASSERT_INT_EQ(pacta_settings_parse(s, "=x"), PACTA_EINVAL);
    pacta_settings_parse(s, "rounds=20");
    pacta_settings_parse(s, "rounds=12");
    ASSERT_STR_EQ(pacta_settings_lookup(s, "rounds"), "12");
    pacta_model_config_t *c = NULL;
    ASSERT_INT_EQ(pacta_model_config_create(&c, pacta_model_find("bdm"), "paper", s, false, d),
                  PACTA_OK);
    const char *key, *value;
    pacta_model_config_option(c, 0, &key, &value);
    ASSERT_STR_EQ(key, "rounds");
    ASSERT_STR_EQ(value, "12");
    ASSERT_STR_EQ(pacta_model_config_profile(c), "paper");
    pacta_model_config_destroy(c);

    pacta_settings_parse(s, "selction=max-eu");
    ASSERT_INT_EQ(pacta_model_config_create(&c, pacta_model_find("bdm"), NULL, s, false, d),
                  PACTA_EINVAL);
    ASSERT_STR_CONTAINS(pacta_diag_get(d, 0)->message, "did you mean 'selection'");
    pacta_settings_destroy(s);

    pacta_diag_clear(d);
    pacta_settings_create(&s);
    pacta_settings_parse(s, "q=1.5");
    ASSERT_INT_EQ(pacta_model_config_create(&c, pacta_model_find("bdm"), NULL, s, false, d),
                  PACTA_EINVAL);
    ASSERT_STR_CONTAINS(pacta_diag_get(d, 0)->message, "outside the range 0 to 1");
    pacta_settings_destroy(s);

    pacta_diag_clear(d);
    pacta_settings_create(&s);
    pacta_settings_parse(s, "rounds=2.5");
    ASSERT_INT_EQ(pacta_model_config_create(&c, pacta_model_find("bdm"), NULL, s, false, d),
                  PACTA_EINVAL);
    ASSERT_STR_CONTAINS(pacta_diag_get(d, 0)->message, "not a whole number");
    pacta_settings_destroy(s);

    pacta_diag_clear(d);
    ASSERT_INT_EQ(pacta_model_config_create(&c, pacta_model_find("bdm"), "nope", NULL, false, d),
                  PACTA_EINVAL);
    ASSERT_STR_CONTAINS(pacta_diag_get(d, 0)->message, "no profile 'nope'");
    pacta_diag_destroy(d);
}

static void bad_data_rejected(void)
{
    pacta_model_config_t *c = config_of("compromise", NULL);
    double x[] = {50, 150}, w[] = {1, 1};
    pacta_issue_data_t data = {2, x, w, w, NULL, false, 0};
    pacta_model_result_t r;
    pacta_model_result_init(&r);
    ASSERT_INT_EQ(pacta_model_run(c, &data, &r, NULL), PACTA_EINVAL);
    data.n = 0;
    ASSERT_INT_EQ(pacta_model_run(c, &data, &r, NULL), PACTA_EINVAL);
    double nan_x[] = {50, NAN};
    data.n = 2;
    data.position = nan_x;
    ASSERT_INT_EQ(pacta_model_run(c, &data, &r, NULL), PACTA_EINVAL);
    pacta_model_result_destroy(&r);
    pacta_model_config_destroy(c);
}

static void forecast_only_matches_full_run(void)
{
    /* The workspace path is the same computation: bit-identical forecasts, no allocation. */
    pacta_scenario_t *s = NULL;
    ASSERT_INT_EQ(pacta_scenario_load(&s, PACTA_SOURCE_DIR "/examples/ukraine-2025.yaml", NULL),
                  PACTA_OK);
    if (s == NULL)
        return;
    pacta_model_config_t *configs[16];
    size_t n_configs = 0;
    for (size_t m = 0; m < pacta_model_count(); m++)
        pacta_model_config_create(&configs[n_configs++], pacta_model_at(m), NULL, NULL, false,
                                  NULL);
    pacta_settings_t *paper = NULL;
    pacta_settings_create(&paper);
    pacta_model_config_create(&configs[n_configs++], pacta_model_find("bdm"), "paper", NULL, false,
                              NULL);
    pacta_settings_destroy(paper);
    pacta_workspace_t *ws = NULL;
    ASSERT_INT_EQ(pacta_workspace_create(&ws, (const pacta_model_config_t *const *)configs,
                                         n_configs, s->n_actors),
                  PACTA_OK);
    double x[64], sal[64], cap[64];
    for (size_t k = 0; k < s->n_issues; k++) {
        size_t n = 0;
        for (size_t a = 0; a < s->n_actors; a++)
            if (s->actors[a].stances[k].present) {
                x[n] = s->actors[a].stances[k].position.value;
                sal[n] = s->actors[a].stances[k].salience.value;
                cap[n] = s->actors[a].capability.value;
                n++;
            }
        pacta_issue_data_t data = {
            n, x, sal, cap, NULL, s->issues[k].has_status_quo, s->issues[k].status_quo.value};
        for (size_t c = 0; c < n_configs; c++) {
            pacta_model_result_t r;
            pacta_model_result_init(&r);
            ASSERT_INT_EQ(pacta_model_run(configs[c], &data, &r, NULL), PACTA_OK);
            double f;
            bool defined;
            ASSERT_INT_EQ(pacta_model_forecast(configs[c], &data, ws, &f, &defined), PACTA_OK);
            ASSERT_INT_EQ(defined, r.defined);
            if (defined && r.defined)
                ASSERT_ABS(f, r.forecast, 0.0);
            pacta_model_result_destroy(&r);
        }
    }
    /* More actors than the workspace was made for is refused, not overrun. */
    double big[128] = {0}, ones[128];
    for (size_t i = 0; i < 128; i++)
        ones[i] = 1;
    pacta_issue_data_t too_many = {s->n_actors + 1, big, ones, ones, NULL, false, 0};
    double f;
    bool defined;
    ASSERT_INT_EQ(pacta_model_forecast(configs[0], &too_many, ws, &f, &defined), PACTA_EINVAL);
    pacta_workspace_destroy(ws);
    for (size_t c = 0; c < n_configs; c++)
        pacta_model_config_destroy(configs[c]);
    pacta_scenario_destroy(s);
}

int main(void)
{
    RUN_TEST(emission_round_zero);
    RUN_TEST(median_tie_rule);
    RUN_TEST(nash_by_hand);
    RUN_TEST(nash_empty_and_undefined);
    RUN_TEST(nash_is_optimal);
    RUN_TEST(focal_by_hand);
    RUN_TEST(choice_by_hand);
    RUN_TEST(registry_and_options);
    RUN_TEST(bad_data_rejected);
    RUN_TEST(forecast_only_matches_full_run);
    return test_finish("models");
}
