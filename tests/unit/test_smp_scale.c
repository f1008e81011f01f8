/* Issue 18 made the smp model fast at 1000 actors by restructuring its loops (contests of
 * one initiator side by side, coalition sums over voter-major utilities, vector code); it
 * must not change a single bit of any history. These tests compare:
 *
 *   - pacta_smp_coalitions_voter_major and pacta_smp_coalitions_panels with
 *     pacta_smp_coalitions (the plain statement of K4), for every voting rule, on random
 *     utilities, bit for bit;
 *   - whole runs of the model with the frozen copy of the model as it was before
 *     (bench/baseline/smp_baseline*, commit 5c12a08, linked into this test) on synthetic
 *     scenarios of up to 200 actors (bench/smp_scenario.h, the files of bench/run-smp.sh),
 *     under default and other options and 1 or 2 threads: every round's positions, ideals
 *     and risk attitudes, the round count and the forecast, bit for bit.
 *
 * If an option's meaning is changed on purpose later, the frozen copy keeps the old meaning
 * and the variant using that option has to leave this list (the reference histories of
 * KTAB in test_reference.c are the oracle of meaning; this test is the oracle of "faster,
 * not different"). */
#include "test.h"

#include "models/model_internal.h"
#include "models/smp_formulas.h"
#include "models/smp_internal.h"
#include "smp_scenario.h"

#include <pacta/pacta.h>

extern const pacta_model_t bench_smp_baseline;
extern const pacta_model_t pacta_model_smp;

static void coalitions_voter_major(void)
{
    /* More options than a tile has columns, and not a multiple of its rows. */
    enum { NV = 37, M = 301 };
    enum { PANELS = (M + SMP_PANEL - 1) / SMP_PANEL };
    static double ut[M * NV], uv[NV * M], up[PANELS * SMP_PANEL * NV], w[NV], c_plain[M * M],
        c_fast[M * M], c_panels[M * M], acc[SMP_COALITION_SCRATCH];
    uint64_t state = 18;
    for (size_t k = 0; k < NV; k++)
        w[k] = k == 5 ? 0.0 : smp_scenario_uniform(&state, 0.0, 3.0);
    for (size_t i = 0; i < M; i++)
        for (size_t k = 0; k < NV; k++)
            uv[k * M + i] = ut[i * NV + k] = smp_scenario_uniform(&state, -0.5, 1.0);
    /* Two options valued alike by everyone: their votes are all 0. */
    for (size_t k = 0; k < NV; k++)
        uv[k * M + 7] = ut[7 * NV + k] = ut[3 * NV + k];
    for (size_t i = 0; i < M; i++)
        for (size_t k = 0; k < NV; k++)
            up[smp_panel_index(NV, k, i)] = ut[i * NV + k];
    for (int rule = SMP_VR_BINARY; rule <= SMP_VR_ASYMPROSP; rule++) {
        pacta_smp_coalitions(NV, M, w, ut, rule, c_plain, 0, M);
        /* In two row ranges, as two threads would. */
        pacta_smp_coalitions_voter_major(NV, M, w, uv, rule, c_fast, 0, 9, acc);
        pacta_smp_coalitions_voter_major(NV, M, w, uv, rule, c_fast, 9, M, acc);
        /* Ranges that do not start at a block's or panel's first row. */
        pacta_smp_coalitions_panels(NV, M, w, up, rule, c_panels, 0, 9);
        pacta_smp_coalitions_panels(NV, M, w, up, rule, c_panels, 9, 150);
        pacta_smp_coalitions_panels(NV, M, w, up, rule, c_panels, 150, M);
        size_t differ = 0, differ_panels = 0;
        for (size_t i = 0; i < M * M; i++) {
            differ += c_plain[i] != c_fast[i];
            differ_panels += memcmp(&c_plain[i], &c_panels[i], sizeof(double)) != 0;
        }
        ASSERT_INT_EQ(differ, 0);
        ASSERT_INT_EQ(differ_panels, 0);
    }
}

static void *parse_options(const pacta_model_t *model, const char *const *set)
{
    const char *values[64];
    ASSERT_TRUE(model->n_options <= 64);
    for (size_t i = 0; i < model->n_options; i++) {
        values[i] = model->options[i].default_value;
        for (size_t k = 0; set[k] != NULL; k++) {
            size_t len = strlen(model->options[i].key);
            if (strncmp(set[k], model->options[i].key, len) == 0 && set[k][len] == '=')
                values[i] = set[k] + len + 1;
        }
    }
    void *params = calloc(1, model->params_size);
    ASSERT_TRUE(params != NULL);
    ASSERT_INT_EQ(model->parse(params, values, NULL), PACTA_OK);
    return params;
}

static void run(const pacta_model_t *model, const char *const *set, const pacta_joint_data_t *data,
                pacta_model_result_t *r)
{
    void *params = parse_options(model, set);
    for (size_t d = 0; d < data->k; d++) {
        pacta_model_result_init(&r[d]);
        r[d].n_actors = data->n;
    }
    ASSERT_INT_EQ(model->run_joint(params, data, r, NULL), PACTA_OK);
    free(params);
}

/* Rounds in which the two runs differ anywhere (0: the same history, bit for bit). */
static size_t differences(const pacta_model_result_t *a, const pacta_model_result_t *b, size_t D,
                          size_t n)
{
    size_t differ = 0;
    for (size_t d = 0; d < D; d++) {
        if (a[d].n_rounds != b[d].n_rounds || a[d].forecast != b[d].forecast ||
            a[d].stop != b[d].stop)
            return SIZE_MAX;
        for (size_t t = 0; t < a[d].n_rounds; t++) {
            const pacta_round_t *ra = &a[d].rounds[t], *rb = &b[d].rounds[t];
            bool same = (ra->risk == NULL) == (rb->risk == NULL);
            for (size_t i = 0; i < n && same; i++)
                same = ra->position[i] == rb->position[i] && ra->ideal[i] == rb->ideal[i] &&
                       (ra->risk == NULL || ra->risk[i] == rb->risk[i]);
            differ += !same;
        }
    }
    return differ;
}

static void same_history_as_before(void)
{
    static const struct {
        size_t n, D;
        const char *set[4];
    } cases[] = {
        {200, 1, {"threads=2", NULL}},
        {200, 3, {NULL}},
        {120, 2, {"BargnModel=PWCompInterp", "PCEModel=MarkovUniform", "threads=2", NULL}},
        {120, 1, {"BargnModel=InitRcvrInterp", "ThirdPartyCommit=NoCommit", NULL}},
        {100, 2, {"VotingRule=PropCbc", "VictoryProbModel=Quartic", "BigRAdjust=Full", NULL}},
        {100, 1, {"challenge_scan=full", "PCEModel=MarkovIncentive", "InterVecBrgn=S1P1", NULL}},
        {80, 2, {"StateTransitions=Stochastic", "seed=7", "threads=3", NULL}},
    };
    for (size_t v = 0; v < sizeof cases / sizeof cases[0]; v++) {
        const size_t n = cases[v].n, D = cases[v].D;
        double *x = calloc(n * D, sizeof(double)), *s = calloc(n * D, sizeof(double));
        double *c = calloc(n, sizeof(double));
        pacta_model_result_t old_r[3], new_r[3];
        ASSERT_TRUE(x && s && c);
        /* bench/run-smp.sh's seeds: 100 n + D. */
        smp_scenario_generate(100 * n + D, n, D, x, s, c);
        smp_scenario_as_written(n * D, x);
        smp_scenario_as_written(n * D, s);
        smp_scenario_as_written(n, c);
        pacta_joint_data_t data = {n, D, x, s, c, NULL};
        run(&bench_smp_baseline, cases[v].set, &data, old_r);
        run(&pacta_model_smp, cases[v].set, &data, new_r);
        ASSERT_TRUE(new_r[0].n_rounds > 3);
        ASSERT_INT_EQ(differences(old_r, new_r, D, n), 0);
        for (size_t d = 0; d < D; d++) {
            pacta_model_result_destroy(&old_r[d]);
            pacta_model_result_destroy(&new_r[d]);
        }
        free(x);
        free(s);
        free(c);
    }
}

int main(void)
{
    RUN_TEST(coalitions_voter_major);
    RUN_TEST(same_history_as_before);
    return test_finish("smp_scale");
}
