/* A forecast's position history in the layout of KTAB's VectorPosition table (and of the
 * reference files made from it): actor, dim, turn, pos, ideal; one row per actor, dimension
 * and turn, in that order, on the 0-100 scale, with 10 significant digits (KTAB's
 * positions are multiples of 1e-4 on 0-1, so they print as they are stored). */
#include <csv.h>
#include <stdio.h>
#include <string.h>

#include <pacta/pacta.h>

/* The model whose history is written: smp (a joint model) when selected, else the first
 * iterative model; -1 when there is none. */
static long history_model(const pacta_forecast_t *f)
{
    long first = -1;
    for (size_t c = 0; c < f->n_configs; c++) {
        const pacta_model_t *m = pacta_model_config_model(f->configs[c]);
        if (pacta_model_is_joint(m))
            return (long)c;
        if (first < 0 && pacta_model_is_iterative(m))
            first = (long)c;
    }
    return first;
}

/* Names are written as they are unless CSV needs them quoted (libcsv then quotes). */
static void write_name(FILE *stream, const char *name)
{
    size_t n = strlen(name);
    bool plain = n > 0 && name[0] != ' ' && name[n - 1] != ' ' && strpbrk(name, ",\"\r\n") == NULL;
    if (plain)
        fputs(name, stream);
    else
        csv_fwrite(stream, name, n);
}

bool pacta_forecast_has_history(const pacta_forecast_t *forecast)
{
    return history_model(forecast) >= 0;
}

pacta_status pacta_forecast_write_ktab_csv(const pacta_forecast_t *f, const pacta_scenario_t *s,
                                           FILE *stream)
{
    const long c = history_model(f);
    if (c < 0)
        return PACTA_EINVAL;
    fputs("actor,dim,turn,pos,ideal\n", stream);
    for (size_t a = 0; a < s->n_actors; a++) {
        const char *name = s->actors[a].name ? s->actors[a].name : s->actors[a].id;
        for (size_t q = 0; q < f->n_issues; q++) {
            const pacta_forecast_issue_t *fi = &f->issues[q];
            const pacta_forecast_entry_t *e = &fi->entries[c];
            /* The actor's place in this entry's arrays, if it takes part. */
            size_t i = 0;
            while (i < e->n_actors && e->actors[i] != a)
                i++;
            if (i == e->n_actors)
                continue;
            for (size_t t = 0; t < e->result.n_rounds; t++) {
                const pacta_round_t *r = &e->result.rounds[t];
                const double pos = r->position[i];
                const double ideal = r->ideal ? r->ideal[i] : pos;
                write_name(stream, name);
                fprintf(stream, ",%zu,%d,%.10g,%.10g\n", fi->issue, r->round, pos, ideal);
            }
        }
    }
    return ferror(stream) ? PACTA_EIO : PACTA_OK;
}
