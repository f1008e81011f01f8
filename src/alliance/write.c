/* Machine output of an alliance analysis: JSON, schema pacta.alliance/1, built as a jansson
 * tree and written by core/json_write.h (jansson escapes, numbers in the shortest round-trip
 * spelling), and a CSV member table written with libcsv's quoting. Both are documented in
 * docs/json-schema.md. */
#include <csv.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "alliance/alliance_internal.h"
#include "core/json_write.h"
#include "core/text.h"

typedef struct builder {
    bool failed;
} builder_t;

static json_t *num(builder_t *b, double v)
{
    if (!isfinite(v))
        return json_null();
    json_t *j = json_real(v);
    if (j == NULL)
        b->failed = true;
    return j;
}

static json_t *integer(builder_t *b, long long v)
{
    json_t *j = json_integer(v);
    if (j == NULL)
        b->failed = true;
    return j;
}

static json_t *str(builder_t *b, const char *s)
{
    json_t *j = json_string(s ? s : "");
    if (j == NULL)
        b->failed = true;
    return j;
}

static json_t *boolean(bool v)
{
    return v ? json_true() : json_false();
}

static void put(builder_t *b, json_t *o, const char *key, json_t *value)
{
    if (o == NULL || value == NULL || json_object_set_new(o, key, value) != 0)
        b->failed = true;
}

static void append(builder_t *b, json_t *a, json_t *value)
{
    if (a == NULL || value == NULL || json_array_append_new(a, value) != 0)
        b->failed = true;
}

static json_t *object(builder_t *b)
{
    json_t *j = json_object();
    if (j == NULL)
        b->failed = true;
    return j;
}

static json_t *array(builder_t *b)
{
    json_t *j = json_array();
    if (j == NULL)
        b->failed = true;
    return j;
}

static json_t *targets_json(builder_t *b, const double *values)
{
    json_t *o = object(b);
    for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++) {
        char key[16];
        pacta_format_double(key, sizeof key, pacta_alliance_targets[t]);
        put(b, o, key, num(b, values[t]));
    }
    return o;
}

static json_t *member_json(builder_t *b, const pacta_alliance_member_t *m)
{
    json_t *o = object(b);
    const pacta_alliance_row_t *r = m->row;
    put(b, o, "rank", m->rank ? integer(b, m->rank) : json_null());
    put(b, o, "member", str(b, r->member));
    put(b, o, "code", str(b, r->code));
    put(b, o, "edition", str(b, r->edition));
    put(b, o, "estimate", boolean(r->estimate));
    put(b, o, "source", str(b, r->source));
    put(b, o, "line", integer(b, r->line));
    put(b, o, "burden_pct_gdp", num(b, m->burden));
    put(b, o, "burden_basis", str(b, pacta_alliance_basis_name(m->basis)));
    put(b, o, "gdp_musd", num(b, m->gdp));
    put(b, o, "gdp_derived", boolean(m->gdp_derived));
    put(b, o, "defence_musd", num(b, m->defence));
    put(b, o, "defence_derived", boolean(m->defence_derived));
    put(b, o, "spending_share", num(b, m->spending_share));
    put(b, o, "gdp_share", num(b, m->gdp_share));
    put(b, o, "fair_share_ratio", num(b, m->fair_share));
    put(b, o, "gap_points", targets_json(b, m->gap_points));
    put(b, o, "gap_musd", targets_json(b, m->gap_money));
    put(b, o, "path_points_per_year", num(b, m->path_per_year));
    put(b, o, "trend_points_per_year", num(b, m->trend_per_year));
    put(b, o, "trend_years_used", integer(b, m->trend_points));
    put(b, o, "meets_path", m->meets_path < 0 ? json_null() : boolean(m->meets_path == 1));
    return o;
}

static json_t *group_json(builder_t *b, const pacta_alliance_group_t *g)
{
    json_t *o = object(b);
    put(b, o, "name", str(b, g->name));
    put(b, o, "members", integer(b, (long long)g->n_members));
    put(b, o, "members_with_money", integer(b, (long long)g->n_money));
    put(b, o, "defence_musd", num(b, g->defence));
    put(b, o, "gdp_musd", num(b, g->gdp));
    put(b, o, "burden_pct_gdp", num(b, g->burden));
    put(b, o, "mean_burden_pct_gdp", num(b, g->mean_burden));
    double at[PACTA_ALLIANCE_N_TARGETS];
    for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
        at[t] = (double)g->at_target[t];
    json_t *counts = object(b);
    for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++) {
        char key[16];
        pacta_format_double(key, sizeof key, pacta_alliance_targets[t]);
        put(b, counts, key, integer(b, (long long)at[t]));
    }
    put(b, o, "members_at_target", counts);
    return o;
}

static json_t *spearman_json(builder_t *b, const pacta_alliance_spearman_t *s)
{
    json_t *o = object(b);
    put(b, o, "n", integer(b, (long long)s->n));
    put(b, o, "rho", num(b, s->rho));
    put(b, o, "p_two_sided", num(b, s->p_two_sided));
    put(b, o, "p_greater", num(b, s->p_greater));
    put(b, o, "ties", boolean(s->ties));
    put(b, o, "method", str(b, s->method));
    return o;
}

pacta_status pacta_alliance_write_json(FILE *f, const pacta_alliance_result_t *res,
                                       const pacta_alliance_data_t *data)
{
    builder_t b = {false};
    json_t *root = object(&b);
    put(&b, root, "schema", str(&b, "pacta.alliance/1"));
    json_t *input = object(&b);
    put(&b, input, "file", str(&b, data->path));
    put(&b, input, "sidecar", str(&b, data->meta_path));
    put(&b, input, "title", str(&b, data->title));
    put(&b, input, "first_year", integer(&b, data->first_year));
    put(&b, input, "last_year", integer(&b, data->last_year));
    json_t *eds = array(&b);
    for (size_t i = 0; i < data->n_editions; i++) {
        const pacta_alliance_edition_t *e = &data->editions[i];
        json_t *eo = object(&b);
        put(&b, eo, "id", str(&b, e->id));
        put(&b, eo, "title", str(&b, e->title));
        put(&b, eo, "published", str(&b, e->published));
        put(&b, eo, "source", str(&b, e->source));
        append(&b, eds, eo);
    }
    put(&b, input, "editions", eds);
    put(&b, root, "input", input);

    json_t *opts = object(&b);
    put(&b, opts, "year", integer(&b, res->year));
    put(&b, opts, "edition", res->edition[0] ? str(&b, res->edition) : json_null());
    put(&b, opts, "target_pct_gdp", num(&b, res->target));
    put(&b, opts, "trend_years", integer(&b, res->trend_years));
    put(&b, opts, "path_end", integer(&b, res->path_end));
    put(&b, opts, "path_target_pct_gdp", num(&b, res->path_target));
    put(&b, root, "options", opts);

    json_t *members = array(&b);
    for (size_t i = 0; i < res->n_members; i++)
        append(&b, members, member_json(&b, &res->members[i]));
    put(&b, root, "members", members);
    put(&b, root, "not_yet_members", integer(&b, (long long)res->n_not_member));
    json_t *groups = object(&b);
    put(&b, groups, "all", group_json(&b, &res->groups[0]));
    put(&b, groups, "united_states", group_json(&b, &res->groups[1]));
    put(&b, groups, "europe_canada", group_json(&b, &res->groups[2]));
    put(&b, root, "totals", groups);

    json_t *series = array(&b);
    for (size_t i = 0; i < res->n_oz; i++) {
        const pacta_alliance_oz_t *oz = &res->oz[i];
        json_t *o = object(&b);
        put(&b, o, "year", integer(&b, oz->year));
        put(&b, o, "members_with_burden", integer(&b, (long long)oz->n_members));
        put(&b, o, "all", spearman_json(&b, &oz->all));
        put(&b, o, "without_us", spearman_json(&b, &oz->without_us));
        append(&b, series, o);
    }
    put(&b, root, "free_riding", series);

    pacta_status st = PACTA_OK;
    if (b.failed)
        st = PACTA_ENOMEM;
    else
        st = pacta_json_dump(root, f);
    json_decref(root);
    return st;
}

/* ---- CSV ----------------------------------------------------------------------------------- */

static void csv_text(FILE *f, const char *text, bool last)
{
    csv_fwrite(f, text, strlen(text));
    fputc(last ? '\n' : ',', f);
}

static void csv_number(FILE *f, double v, bool last)
{
    if (isfinite(v)) {
        char buf[40];
        pacta_format_double(buf, sizeof buf, v);
        fputs(buf, f);
    }
    fputc(last ? '\n' : ',', f);
}

pacta_status pacta_alliance_write_csv(FILE *f, const pacta_alliance_result_t *res)
{
    fputs("rank,member,code,year,edition,estimate,burden_pct_gdp,burden_basis,gdp_musd,"
          "gdp_derived,defence_musd,defence_derived,spending_share,gdp_share,fair_share_ratio,"
          "gap_points_2,gap_points_3.5,gap_points_5,gap_musd_2,gap_musd_3.5,gap_musd_5,"
          "path_points_per_year,trend_points_per_year,meets_path\n",
          f);
    for (size_t i = 0; i < res->n_members; i++) {
        const pacta_alliance_member_t *m = &res->members[i];
        if (m->rank)
            fprintf(f, "%d,", m->rank);
        else
            fputc(',', f);
        csv_text(f, m->row->member, false);
        csv_text(f, m->row->code, false);
        fprintf(f, "%d,", m->row->year);
        csv_text(f, m->row->edition, false);
        csv_text(f, m->row->estimate ? "yes" : "no", false);
        csv_number(f, m->burden, false);
        csv_text(f, pacta_alliance_basis_name(m->basis), false);
        csv_number(f, m->gdp, false);
        csv_text(f, m->gdp_derived ? "yes" : "no", false);
        csv_number(f, m->defence, false);
        csv_text(f, m->defence_derived ? "yes" : "no", false);
        csv_number(f, m->spending_share, false);
        csv_number(f, m->gdp_share, false);
        csv_number(f, m->fair_share, false);
        for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
            csv_number(f, m->gap_points[t], false);
        for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
            csv_number(f, m->gap_money[t], false);
        csv_number(f, m->path_per_year, false);
        csv_number(f, m->trend_per_year, false);
        csv_text(f, m->meets_path < 0 ? "" : m->meets_path ? "yes" : "no", true);
    }
    return ferror(f) ? PACTA_EIO : PACTA_OK;
}
