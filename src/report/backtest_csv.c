/* CSV output of a backtest: one row per issue and model (docs/json-schema.md). */
#include <math.h>

#include "core/csv_write.h"

#include <pacta/pacta.h>

pacta_status pacta_backtest_write_csv(const pacta_backtest_result_t *r, FILE *f)
{
    const pacta_backtest_set_t *set = r->set;
    fputs("proposal,issue,procedure,rule,actors,reference_point,outcome,model,forecast,error,"
          "fold\n",
          f);
    for (size_t i = 0; i < set->n_cases; i++) {
        const pacta_backtest_case_t *c = &set->cases[i];
        const pacta_backtest_proposal_t *p = &set->proposals[c->proposal];
        const pacta_issue_t *issue = &p->scenario->issues[c->issue];
        for (size_t m = 0; m < r->n_models; m++) {
            const pacta_backtest_model_t *model = &r->models[m];
            pacta_csv_text(f, p->id, ',');
            pacta_csv_text(f, issue->id, ',');
            pacta_csv_text(f, p->procedure, ',');
            pacta_csv_text(f, p->rule, ',');
            fprintf(f, "%zu,", c->n_actors);
            pacta_csv_number(f, issue->has_status_quo ? issue->status_quo.value : NAN, ',');
            pacta_csv_number(f, issue->outcome.value, ',');
            pacta_csv_text(f, model->label, ',');
            pacta_csv_number(f, model->defined[i] ? model->forecast[i] : NAN, ',');
            pacta_csv_number(f, model->defined[i] ? model->forecast[i] - issue->outcome.value : NAN,
                             ',');
            if (r->n_folds > 0)
                fprintf(f, "%zu\n", r->fold[c->proposal]);
            else
                fputc('\n', f);
        }
    }
    return ferror(f) ? PACTA_EIO : PACTA_OK;
}
