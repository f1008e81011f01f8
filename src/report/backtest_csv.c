/* CSV output of a backtest: one row per issue and model (docs/json-schema.md). */
#include <csv.h>
#include <math.h>
#include <string.h>

#include "core/text.h"

#include <pacta/pacta.h>

static void text(FILE *f, const char *s)
{
    csv_fwrite(f, s ? s : "", s ? strlen(s) : 0);
    fputc(',', f);
}

static void number(FILE *f, bool present, double v, char end)
{
    char buf[40] = "";
    if (present && isfinite(v))
        pacta_format_double(buf, sizeof buf, v);
    fputs(buf, f);
    fputc(end, f);
}

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
            text(f, p->id);
            text(f, issue->id);
            text(f, p->procedure);
            text(f, p->rule);
            fprintf(f, "%zu,", c->n_actors);
            number(f, issue->has_status_quo, issue->status_quo.value, ',');
            number(f, true, issue->outcome.value, ',');
            text(f, model->label);
            number(f, model->defined[i], model->forecast[i], ',');
            number(f, model->defined[i], model->forecast[i] - issue->outcome.value, ',');
            if (r->n_folds > 0)
                fprintf(f, "%zu\n", r->fold[c->proposal]);
            else
                fputc('\n', f);
        }
    }
    return ferror(f) ? PACTA_EIO : PACTA_OK;
}
