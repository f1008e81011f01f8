/* Machine output of an alliance analysis: JSON, schema pacta.alliance/2, built as a jansson
 * tree and written by core/json_write.h (jansson escapes, numbers in the shortest round-trip
 * spelling), and a CSV member table written with libcsv's quoting. Both are documented in
 * docs/json-schema.md. */

#include "alliance/alliance_internal.h"
#include "core/csv_write.h"
#include "core/json_build.h"
#include "core/text.h"

/* The alliance schema writes an absent text as "", not null. */
static json_t *str(json_build_t *b, const char *s)
{
    return pacta_jb_string(b, s ? s : "");
}

static json_t *targets_json(json_build_t *b, const double *values)
{
    json_t *o = pacta_jb_object(b);
    for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++) {
        char key[16];
        pacta_format_double(key, sizeof key, pacta_alliance_targets[t]);
        pacta_jb_set(b, o, key, pacta_jb_number(b, values[t]));
    }
    return o;
}

static json_t *member_json(json_build_t *b, const pacta_alliance_member_t *m)
{
    json_t *o = pacta_jb_object(b);
    const pacta_alliance_row_t *r = m->row;
    pacta_jb_set(b, o, "rank", m->rank ? pacta_jb_integer(b, m->rank) : json_null());
    pacta_jb_set(b, o, "member", str(b, r->member));
    pacta_jb_set(b, o, "code", str(b, r->code));
    pacta_jb_set(b, o, "edition", str(b, r->edition));
    pacta_jb_set(b, o, "estimate", pacta_jb_bool(r->estimate));
    pacta_jb_set(b, o, "source", str(b, r->source));
    pacta_jb_set(b, o, "line", pacta_jb_integer(b, r->line));
    pacta_jb_set(b, o, "burden_pct_gdp", pacta_jb_number(b, m->burden));
    pacta_jb_set(b, o, "burden_basis", str(b, pacta_alliance_basis_name(m->basis)));
    pacta_jb_set(b, o, "gdp_musd", pacta_jb_number(b, m->gdp));
    pacta_jb_set(b, o, "gdp_derived", pacta_jb_bool(m->gdp_derived));
    pacta_jb_set(b, o, "defence_musd", pacta_jb_number(b, m->defence));
    pacta_jb_set(b, o, "defence_derived", pacta_jb_bool(m->defence_derived));
    pacta_jb_set(b, o, "spending_share", pacta_jb_number(b, m->spending_share));
    pacta_jb_set(b, o, "gdp_share", pacta_jb_number(b, m->gdp_share));
    pacta_jb_set(b, o, "fair_share_ratio", pacta_jb_number(b, m->fair_share));
    pacta_jb_set(b, o, "gap_points", targets_json(b, m->gap_points));
    pacta_jb_set(b, o, "gap_musd", targets_json(b, m->gap_money));
    pacta_jb_set(b, o, "gdp_constant_musd", pacta_jb_number(b, m->gdp_constant));
    pacta_jb_set(b, o, "defence_constant_musd", pacta_jb_number(b, m->defence_constant));
    pacta_jb_set(b, o, "gap_constant_musd", targets_json(b, m->gap_money_constant));
    pacta_jb_set(b, o, "defence_per_capita_usd", pacta_jb_number(b, m->per_capita));
    pacta_jb_set(b, o, "population_year",
                 m->population_year ? pacta_jb_integer(b, m->population_year) : json_null());
    pacta_jb_set(b, o, "defence_per_soldier_usd", pacta_jb_number(b, m->per_soldier));
    pacta_jb_set(b, o, "path_points_per_year", pacta_jb_number(b, m->path_per_year));
    pacta_jb_set(b, o, "trend_points_per_year", pacta_jb_number(b, m->trend_per_year));
    pacta_jb_set(b, o, "trend_years_used", pacta_jb_integer(b, m->trend_points));
    pacta_jb_set(b, o, "meets_path",
                 m->meets_path < 0 ? json_null() : pacta_jb_bool(m->meets_path == 1));
    return o;
}

static json_t *group_json(json_build_t *b, const pacta_alliance_group_t *g)
{
    json_t *o = pacta_jb_object(b);
    pacta_jb_set(b, o, "name", str(b, g->name));
    pacta_jb_set(b, o, "members", pacta_jb_integer(b, (long long)g->n_members));
    pacta_jb_set(b, o, "members_with_money", pacta_jb_integer(b, (long long)g->n_money));
    pacta_jb_set(b, o, "defence_musd", pacta_jb_number(b, g->defence));
    pacta_jb_set(b, o, "gdp_musd", pacta_jb_number(b, g->gdp));
    pacta_jb_set(b, o, "burden_pct_gdp", pacta_jb_number(b, g->burden));
    pacta_jb_set(b, o, "mean_burden_pct_gdp", pacta_jb_number(b, g->mean_burden));
    double at[PACTA_ALLIANCE_N_TARGETS];
    for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
        at[t] = (double)g->at_target[t];
    json_t *counts = pacta_jb_object(b);
    for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++) {
        char key[16];
        pacta_format_double(key, sizeof key, pacta_alliance_targets[t]);
        pacta_jb_set(b, counts, key, pacta_jb_integer(b, (long long)at[t]));
    }
    pacta_jb_set(b, o, "members_at_target", counts);
    pacta_jb_set(b, o, "gap_musd", targets_json(b, g->gap_money));
    pacta_jb_set(b, o, "members_with_constant_money",
                 pacta_jb_integer(b, (long long)g->n_constant));
    pacta_jb_set(b, o, "defence_constant_musd", pacta_jb_number(b, g->defence_constant));
    pacta_jb_set(b, o, "gdp_constant_musd", pacta_jb_number(b, g->gdp_constant));
    pacta_jb_set(b, o, "gap_constant_musd", targets_json(b, g->gap_money_constant));
    return o;
}

static json_t *spearman_json(json_build_t *b, const pacta_alliance_spearman_t *s)
{
    json_t *o = pacta_jb_object(b);
    pacta_jb_set(b, o, "n", pacta_jb_integer(b, (long long)s->n));
    pacta_jb_set(b, o, "rho", pacta_jb_number(b, s->rho));
    pacta_jb_set(b, o, "p_two_sided", pacta_jb_number(b, s->p_two_sided));
    pacta_jb_set(b, o, "p_greater", pacta_jb_number(b, s->p_greater));
    pacta_jb_set(b, o, "ties", pacta_jb_bool(s->ties));
    pacta_jb_set(b, o, "method", str(b, s->method));
    json_t *ci = json_null();
    if (s->bootstrap_used > 0) {
        ci = pacta_jb_array(b);
        pacta_jb_append(b, ci, pacta_jb_number(b, s->ci_low));
        pacta_jb_append(b, ci, pacta_jb_number(b, s->ci_high));
    }
    pacta_jb_set(b, o, "bootstrap_interval", ci);
    pacta_jb_set(b, o, "bootstrap_used", pacta_jb_integer(b, (long long)s->bootstrap_used));
    return o;
}

pacta_status pacta_alliance_write_json(FILE *f, const pacta_alliance_result_t *res,
                                       const pacta_alliance_data_t *data)
{
    json_build_t b = {false};
    json_t *root = pacta_jb_object(&b);
    pacta_jb_set(&b, root, "schema", str(&b, "pacta.alliance/2"));
    json_t *input = pacta_jb_object(&b);
    pacta_jb_set(&b, input, "file", str(&b, data->path));
    pacta_jb_set(&b, input, "sidecar", str(&b, data->meta_path));
    pacta_jb_set(&b, input, "title", str(&b, data->title));
    pacta_jb_set(&b, input, "first_year", pacta_jb_integer(&b, data->first_year));
    pacta_jb_set(&b, input, "last_year", pacta_jb_integer(&b, data->last_year));
    json_t *eds = pacta_jb_array(&b);
    for (size_t i = 0; i < data->n_editions; i++) {
        const pacta_alliance_edition_t *e = &data->editions[i];
        json_t *eo = pacta_jb_object(&b);
        pacta_jb_set(&b, eo, "id", str(&b, e->id));
        pacta_jb_set(&b, eo, "title", str(&b, e->title));
        pacta_jb_set(&b, eo, "published", str(&b, e->published));
        pacta_jb_set(&b, eo, "source", str(&b, e->source));
        pacta_jb_append(&b, eds, eo);
    }
    pacta_jb_set(&b, input, "editions", eds);
    pacta_jb_set(&b, root, "input", input);

    json_t *opts = pacta_jb_object(&b);
    pacta_jb_set(&b, opts, "year", pacta_jb_integer(&b, res->year));
    pacta_jb_set(&b, opts, "edition", res->edition[0] ? str(&b, res->edition) : json_null());
    pacta_jb_set(&b, opts, "target_pct_gdp", pacta_jb_number(&b, res->target));
    pacta_jb_set(&b, opts, "trend_years", pacta_jb_integer(&b, res->trend_years));
    pacta_jb_set(&b, opts, "path_end", pacta_jb_integer(&b, res->path_end));
    pacta_jb_set(&b, opts, "path_target_pct_gdp", pacta_jb_number(&b, res->path_target));
    pacta_jb_set(&b, opts, "trust",
                 str(&b, res->trust == PACTA_ALLIANCE_TRUST_MONEY ? "money" : "share"));
    pacta_jb_set(&b, opts, "bootstrap", pacta_jb_integer(&b, (long long)res->bootstrap));
    pacta_jb_set(&b, opts, "seed", pacta_jb_integer(&b, (long long)res->seed));
    pacta_jb_set(&b, opts, "level", pacta_jb_number(&b, res->level));
    pacta_jb_set(&b, root, "options", opts);

    json_t *members = pacta_jb_array(&b);
    for (size_t i = 0; i < res->n_members; i++)
        pacta_jb_append(&b, members, member_json(&b, &res->members[i]));
    pacta_jb_set(&b, root, "members", members);
    pacta_jb_set(&b, root, "not_yet_members", pacta_jb_integer(&b, (long long)res->n_not_member));
    json_t *groups = pacta_jb_object(&b);
    pacta_jb_set(&b, groups, "all", group_json(&b, &res->groups[0]));
    pacta_jb_set(&b, groups, "united_states", group_json(&b, &res->groups[1]));
    pacta_jb_set(&b, groups, "europe_canada", group_json(&b, &res->groups[2]));
    pacta_jb_set(&b, root, "totals", groups);

    json_t *series = pacta_jb_array(&b);
    for (size_t i = 0; i < res->n_oz; i++) {
        const pacta_alliance_oz_t *oz = &res->oz[i];
        json_t *o = pacta_jb_object(&b);
        pacta_jb_set(&b, o, "year", pacta_jb_integer(&b, oz->year));
        pacta_jb_set(&b, o, "members_with_burden", pacta_jb_integer(&b, (long long)oz->n_members));
        pacta_jb_set(&b, o, "all", spearman_json(&b, &oz->all));
        pacta_jb_set(&b, o, "europe_canada", spearman_json(&b, &oz->europe_canada));
        json_t *sh = pacta_jb_object(&b);
        pacta_jb_set(&b, sh, "all", spearman_json(&b, &oz->sh_all));
        pacta_jb_set(&b, sh, "europe_canada", spearman_json(&b, &oz->sh_europe_canada));
        pacta_jb_set(&b, o, "sandler_hartley", sh);
        json_t *totals = pacta_jb_object(&b);
        pacta_jb_set(&b, totals, "all", group_json(&b, &oz->groups[0]));
        pacta_jb_set(&b, totals, "united_states", group_json(&b, &oz->groups[1]));
        pacta_jb_set(&b, totals, "europe_canada", group_json(&b, &oz->groups[2]));
        pacta_jb_set(&b, o, "totals", totals);
        pacta_jb_append(&b, series, o);
    }
    pacta_jb_set(&b, root, "free_riding", series);

    return pacta_jb_finish(&b, root, f);
}

/* ---- CSV ----------------------------------------------------------------------------------- */

pacta_status pacta_alliance_write_csv(FILE *f, const pacta_alliance_result_t *res)
{
    fputs("rank,member,code,year,edition,estimate,burden_pct_gdp,burden_basis,gdp_musd,"
          "gdp_derived,defence_musd,defence_derived,spending_share,gdp_share,fair_share_ratio,"
          "gap_points_2,gap_points_3.5,gap_points_5,gap_musd_2,gap_musd_3.5,gap_musd_5,"
          "path_points_per_year,trend_points_per_year,meets_path,gdp_constant_musd,"
          "defence_constant_musd,gap_constant_musd_2,gap_constant_musd_3.5,gap_constant_musd_5,"
          "defence_per_capita_usd,population_year,defence_per_soldier_usd\n",
          f);
    for (size_t i = 0; i < res->n_members; i++) {
        const pacta_alliance_member_t *m = &res->members[i];
        if (m->rank)
            fprintf(f, "%d,", m->rank);
        else
            fputc(',', f);
        pacta_csv_text(f, m->row->member, ',');
        pacta_csv_text(f, m->row->code, ',');
        fprintf(f, "%d,", m->row->year);
        pacta_csv_text(f, m->row->edition, ',');
        pacta_csv_text(f, m->row->estimate ? "yes" : "no", ',');
        pacta_csv_number(f, m->burden, ',');
        pacta_csv_text(f, pacta_alliance_basis_name(m->basis), ',');
        pacta_csv_number(f, m->gdp, ',');
        pacta_csv_text(f, m->gdp_derived ? "yes" : "no", ',');
        pacta_csv_number(f, m->defence, ',');
        pacta_csv_text(f, m->defence_derived ? "yes" : "no", ',');
        pacta_csv_number(f, m->spending_share, ',');
        pacta_csv_number(f, m->gdp_share, ',');
        pacta_csv_number(f, m->fair_share, ',');
        for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
            pacta_csv_number(f, m->gap_points[t], ',');
        for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
            pacta_csv_number(f, m->gap_money[t], ',');
        pacta_csv_number(f, m->path_per_year, ',');
        pacta_csv_number(f, m->trend_per_year, ',');
        pacta_csv_text(f, m->meets_path < 0 ? "" : m->meets_path ? "yes" : "no", ',');
        pacta_csv_number(f, m->gdp_constant, ',');
        pacta_csv_number(f, m->defence_constant, ',');
        for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++)
            pacta_csv_number(f, m->gap_money_constant[t], ',');
        pacta_csv_number(f, m->per_capita, ',');
        if (m->population_year)
            fprintf(f, "%d,", m->population_year);
        else
            fputc(',', f);
        pacta_csv_number(f, m->per_soldier, '\n');
    }
    return ferror(f) ? PACTA_EIO : PACTA_OK;
}
