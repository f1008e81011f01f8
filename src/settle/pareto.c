/* Is there an outcome every actor weakly prefers to the deal and one strictly? With linear
 * losses this is a linear programme (A5): minimise the total salience-weighted loss over
 * points v of the issue space, subject to no actor losing more than at the deal. If the
 * minimum is below the deal's total, the optimum is such a point. GLPK solves it. */
#include <glpk.h>
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "settle/settle_internal.h"

pacta_status pacta_settle_pareto(const pacta_scenario_t *s, const double *deal,
                                 const bool *compared, pacta_arena_t *arena,
                                 pacta_pareto_verdict_t *out, pacta_diag_t *diag)
{
    memset(out, 0, sizeof *out);
    pacta_status st = PACTA_OK;
    const size_t n_issues = s->n_issues, n_actors = s->n_actors;
    size_t *column_of_issue = pacta_calloc(n_issues, sizeof(size_t));
    double *loss_at_deal = pacta_calloc(n_actors, sizeof(double));
    int *ia = NULL, *ja = NULL;
    double *ar = NULL;
    glp_prob *lp = NULL;
    if (column_of_issue == NULL || loss_at_deal == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }

    /* Columns: one v_k per compared issue, then one t_ik per stance with salience > 0. */
    size_t n_cols = 0, n_stances = 0;
    for (size_t k = 0; k < n_issues; k++)
        if (compared[k])
            column_of_issue[k] = ++n_cols;
    double deal_total = 0;
    for (size_t a = 0; a < n_actors; a++)
        for (size_t k = 0; k < n_issues; k++) {
            const pacta_stance_t *sk = &s->actors[a].stances[k];
            if (!compared[k] || !sk->present || sk->salience.value <= 0)
                continue;
            n_stances++;
            double l = pacta_settle_loss(PACTA_UTILITY_LINEAR, sk->salience.value,
                                         sk->position.value, deal[k]);
            loss_at_deal[a] += l;
            deal_total += l;
        }
    if (n_stances == 0) {
        out->checked = true;
        goto cleanup;
    }
    size_t n_nonzero = 4 * n_stances + n_stances;
    ia = pacta_malloc((n_nonzero + 1) * sizeof(int));
    ja = pacta_malloc((n_nonzero + 1) * sizeof(int));
    ar = pacta_malloc((n_nonzero + 1) * sizeof(double));
    lp = glp_create_prob();
    if (ia == NULL || ja == NULL || ar == NULL || lp == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, (int)(n_cols + n_stances));
    for (size_t c = 1; c <= n_cols; c++)
        glp_set_col_bnds(lp, (int)c, GLP_DB, 0.0, 100.0);
    /* Rows: two per stance (t >= |x - v|), then one per actor (its loss cap). */
    glp_add_rows(lp, (int)(2 * n_stances + n_actors));
    size_t nz = 0, col = n_cols, row = 0;
    for (size_t a = 0; a < n_actors; a++) {
        size_t actor_row = 2 * n_stances + a + 1;
        bool any = false;
        for (size_t k = 0; k < n_issues; k++) {
            const pacta_stance_t *sk = &s->actors[a].stances[k];
            if (!compared[k] || !sk->present || sk->salience.value <= 0)
                continue;
            any = true;
            double x = sk->position.value, w = sk->salience.value / 100.0;
            int t = (int)++col, v = (int)column_of_issue[k];
            glp_set_col_bnds(lp, t, GLP_LO, 0.0, 0.0);
            glp_set_obj_coef(lp, t, w);
            /* t + v >= x */
            glp_set_row_bnds(lp, (int)++row, GLP_LO, x, 0.0);
            ia[++nz] = (int)row, ja[nz] = t, ar[nz] = 1.0;
            ia[++nz] = (int)row, ja[nz] = v, ar[nz] = 1.0;
            /* t - v >= -x */
            glp_set_row_bnds(lp, (int)++row, GLP_LO, -x, 0.0);
            ia[++nz] = (int)row, ja[nz] = t, ar[nz] = 1.0;
            ia[++nz] = (int)row, ja[nz] = v, ar[nz] = -1.0;
            /* this actor's loss row */
            ia[++nz] = (int)actor_row, ja[nz] = t, ar[nz] = w;
        }
        if (any)
            glp_set_row_bnds(lp, (int)actor_row, GLP_UP, 0.0, loss_at_deal[a]);
        else
            glp_set_row_bnds(lp, (int)actor_row, GLP_FR, 0.0, 0.0);
    }
    glp_load_matrix(lp, (int)nz, ia, ja, ar);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    int rc = glp_simplex(lp, &parm);
    /* The deal itself is feasible, so anything but an optimum is a solver failure. */
    if (rc != 0 || glp_get_status(lp) != GLP_OPT) {
        pacta_diag_addf(diag, PACTA_SEVERITY_WARNING, s->path, 0, 0, "pareto",
                        "the Pareto search did not solve (GLPK status %d); skipped", rc);
        goto cleanup;
    }
    out->checked = true;
    double best = glp_get_obj_val(lp);
    /* A relative threshold well above the simplex tolerance keeps rounding from
     * announcing improvements that are not there. */
    if (deal_total - best <= 1e-7 * fmax(1.0, deal_total))
        goto cleanup;
    double *point = pacta_arena_alloc(arena, n_issues, sizeof(double));
    double *gains = pacta_arena_alloc(arena, n_actors, sizeof(double));
    if (point == NULL || gains == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    for (size_t k = 0; k < n_issues; k++)
        point[k] = compared[k] ? glp_get_col_prim(lp, (int)column_of_issue[k]) : deal[k];
    double total = 0;
    for (size_t a = 0; a < n_actors; a++) {
        double loss = 0;
        for (size_t k = 0; k < n_issues; k++) {
            const pacta_stance_t *sk = &s->actors[a].stances[k];
            if (compared[k] && sk->present)
                loss += pacta_settle_loss(PACTA_UTILITY_LINEAR, sk->salience.value,
                                          sk->position.value, point[k]);
        }
        gains[a] = loss_at_deal[a] - loss;
        total += gains[a];
    }
    out->dominated = true;
    out->point = point;
    out->gains = gains;
    out->total_gain = total;

cleanup:
    if (lp != NULL)
        glp_delete_prob(lp);
    pacta_free(ia);
    pacta_free(ja);
    pacta_free(ar);
    pacta_free(column_of_issue);
    pacta_free(loss_at_deal);
    return st;
}

void pacta_evaluate_thread_cleanup(void)
{
    /* glp_free_env() does nothing (and returns 1) when the thread has no environment. */
    (void)glp_free_env();
}
