/* The HTML report (include/pacta/report.h): the scenario, the models' forecasts with their
 * trajectories, the proposals' reconciled verdicts and durability, and the Monte Carlo
 * distributions, in one page. The facts of each verdict are those the text report of
 * 'pacta evaluate' states (cli/evaluate_text.c), read from the same public structs. */
#include <math.h>
#include <string.h>

#include <pacta/pacta.h>

#include "core/text.h"
#include "html.h"

#define esc pacta_html_escape

/* An input number as the scenario gives it (shortest form that reads back exactly). */
static void value(FILE *f, double v)
{
    char buf[40];
    pacta_format_double(buf, sizeof buf, v);
    fputs(buf, f);
}

static void table_open(FILE *f, const char *caption_start, const char *caption_name,
                       const char *caption_end)
{
    fputs("<div class=\"wrap\"><table>\n<caption>", f);
    fputs(caption_start, f);
    esc(f, caption_name);
    fputs(caption_end, f);
    fputs("</caption>\n", f);
}

static void table_close(FILE *f)
{
    fputs("</tbody></table></div>\n", f);
}

/* A header row: the column names, NULL-terminated. */
static void header_row(FILE *f, const char *const *names)
{
    fputs("<thead><tr>", f);
    for (size_t i = 0; names[i] != NULL; i++)
        fprintf(f, "<th scope=\"col\">%s</th>", names[i]);
    fputs("</tr></thead>\n<tbody>\n", f);
}

static void yes_no(FILE *f, bool yes, const char *if_yes, const char *if_no, bool yes_is_good)
{
    fprintf(f, "<td class=\"%s\">%s</td>", yes == yes_is_good ? "yes" : "no", yes ? if_yes : if_no);
}

static bool web_link(const char *url)
{
    return url != NULL && (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0);
}

/* ---- the scenario ------------------------------------------------------------------------ */

/* An end of the scale in the issue's unit, " (4 years)", when it has one. */
static void unit_end(FILE *f, const pacta_units_t *units, double at)
{
    if (!units->present)
        return;
    int decimals = units->decimals >= 0 && units->decimals <= 10 ? units->decimals : 2;
    fprintf(f, " (%.*f ", decimals, at);
    esc(f, units->name);
    fputc(')', f);
}

static void write_issues(FILE *f, const pacta_scenario_t *s)
{
    static const char *const cols[] = {"Issue",      "0 means",      "100 means",
                                       "Status quo", "Named points", NULL};
    table_open(f, "Issues, and what the ends of their 0-100 scales mean", "", "");
    header_row(f, cols);
    for (size_t k = 0; k < s->n_issues; k++) {
        const pacta_issue_t *is = &s->issues[k];
        fputs("<tr><th scope=\"row\">", f);
        esc(f, is->name);
        fputs(" <code>", f);
        esc(f, is->id);
        fputs("</code></th><td>", f);
        esc(f, is->low);
        unit_end(f, &is->units, is->units.at_0);
        fputs("</td><td>", f);
        esc(f, is->high);
        unit_end(f, &is->units, is->units.at_100);
        fputs("</td><td class=\"n\">", f);
        if (is->has_status_quo)
            value(f, is->status_quo.value);
        else
            fputs("none", f);
        fputs("</td><td>", f);
        for (size_t a = 0; a < is->n_anchors; a++) {
            fputs(a ? "; " : "", f);
            value(f, is->anchors[a].at.value);
            fputs(": ", f);
            esc(f, is->anchors[a].label);
        }
        fputs("</td></tr>\n", f);
    }
    table_close(f);
}

static void write_actors(FILE *f, const pacta_scenario_t *s)
{
    table_open(f,
               "Actors: capability, veto, and position / salience on each issue (0-100; "
               "a dash: no stance)",
               "", "");
    fputs("<thead><tr><th scope=\"col\">Actor</th><th scope=\"col\">Capability</th>"
          "<th scope=\"col\">Veto</th>",
          f);
    for (size_t k = 0; k < s->n_issues; k++) {
        fputs("<th scope=\"col\">", f);
        esc(f, s->issues[k].id);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t a = 0; a < s->n_actors; a++) {
        const pacta_actor_t *ac = &s->actors[a];
        fputs("<tr><th scope=\"row\">", f);
        esc(f, ac->name);
        fputs("</th><td class=\"n\">", f);
        value(f, ac->capability.value);
        fprintf(f, "</td><td>%s</td>", ac->veto ? "veto" : "");
        for (size_t k = 0; k < s->n_issues; k++) {
            const pacta_stance_t *st = &ac->stances[k];
            fputs("<td class=\"n\">", f);
            if (st->present) {
                value(f, st->position.value);
                fputs(" / ", f);
                value(f, st->salience.value);
            } else {
                fputs("\xE2\x80\x94", f); /* an em dash */
            }
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    table_close(f);
}

static void write_sources(FILE *f, const pacta_scenario_t *s)
{
    fputs("<h3 id=\"sources\">Sources</h3>\n", f);
    if (s->n_sources == 0) {
        fputs("<p>The scenario names no sources.</p>\n", f);
        return;
    }
    fputs("<ul>\n", f);
    for (size_t i = 0; i < s->n_sources; i++) {
        const pacta_source_t *src = &s->sources[i];
        fputs("<li><code>", f);
        esc(f, src->id);
        fputs("</code>: ", f);
        if (web_link(src->url)) {
            fputs("<a href=\"", f);
            esc(f, src->url);
            fputs("\">", f);
            esc(f, src->title);
            fputs("</a>", f);
        } else {
            esc(f, src->title);
        }
        if (src->publisher) {
            fputs(", ", f);
            esc(f, src->publisher);
        }
        if (src->date) {
            fputs(", ", f);
            esc(f, src->date);
        }
        if (src->note) {
            fputs(". <span class=\"muted\">", f);
            esc(f, src->note);
            fputs("</span>", f);
        }
        fputs("</li>\n", f);
    }
    fputs("</ul>\n", f);
}

static void write_scenario(FILE *f, const pacta_scenario_t *s)
{
    fputs("<section id=\"scenario\">\n<h2>Scenario</h2>\n<h3>Issues</h3>\n", f);
    write_issues(f, s);
    fputs("<h3>Actors</h3>\n", f);
    write_actors(f, s);
    write_sources(f, s);
    fputs("</section>\n", f);
}

/* ---- the forecasts ----------------------------------------------------------------------- */

static const char *model_name(const pacta_model_config_t *config)
{
    return pacta_model_name(pacta_model_config_model(config));
}

static void write_forecast_issue(FILE *f, const pacta_scenario_t *s,
                                 const pacta_forecast_issue_t *fi)
{
    static const char *const cols[] = {"Model", "Forecast", "Rounds", "Stopped", "Note", NULL};
    const pacta_issue_t *is = &s->issues[fi->issue];
    fputs("<h3>", f);
    esc(f, is->name);
    fputs("</h3>\n<p class=\"muted\">0: ", f);
    esc(f, is->low);
    fputs("; 100: ", f);
    esc(f, is->high);
    fputs(".</p>\n", f);
    table_open(f, "Each model's forecast on ", is->name, "");
    header_row(f, cols);
    for (size_t m = 0; m < fi->n_entries; m++) {
        const pacta_model_result_t *r = &fi->entries[m].result;
        fputs("<tr><th scope=\"row\">", f);
        esc(f, model_name(fi->entries[m].config));
        fputs("</th><td class=\"n\">", f);
        if (r->defined)
            fprintf(f, "%.1f", r->forecast);
        else
            fputs("no answer", f);
        fputs("</td><td class=\"n\">", f);
        if (r->n_rounds > 0)
            fprintf(f, "%d", r->rounds[r->n_rounds - 1].round);
        fputs("</td><td>", f);
        if (r->stop != PACTA_STOP_NONE)
            esc(f, pacta_stop_reason_name(r->stop));
        fputs("</td><td>", f);
        esc(f, r->note);
        fputs("</td></tr>\n", f);
    }
    table_close(f);
    for (size_t m = 0; m < fi->n_entries; m++) {
        const pacta_forecast_entry_t *e = &fi->entries[m];
        if (e->result.n_rounds == 0 || e->n_actors == 0)
            continue;
        char title[512];
        snprintf(title, sizeof title, "Positions round by round under %s on %s",
                 model_name(e->config), is->name);
        fputs("<figure>\n", f);
        pacta_html_trajectory(f, title, s, e);
        fputs("<figcaption>", f);
        esc(f, title);
        fputs(" (0: ", f);
        esc(f, is->low);
        fputs("; 100: ", f);
        esc(f, is->high);
        fputs(").</figcaption>\n</figure>\n", f);
    }
}

static void write_forecast(FILE *f, const pacta_scenario_t *s, const pacta_forecast_t *fc)
{
    fputs("<section id=\"forecasts\">\n<h2>Forecasts</h2>\n", f);
    if (fc == NULL || fc->n_issues == 0)
        fputs("<p>No forecast was run.</p>\n", f);
    else
        for (size_t i = 0; i < fc->n_issues; i++)
            write_forecast_issue(f, s, &fc->issues[i]);
    fputs("</section>\n", f);
}

/* The reconciled verdict in one sentence, as 'pacta evaluate' words it. */
static void verdict_sentence(FILE *f, const pacta_scenario_t *s, const pacta_proposal_verdict_t *v)
{
    const pacta_reconciled_verdict_t *r = &v->reconciled;
    char side = r->fights_on ? r->fights_on : 'B';
    fprintf(f, "<p class=\"verdict\"><strong class=\"%s\">%s</strong>: ", r->viable ? "yes" : "no",
            r->viable ? "Viable" : "Not viable");
    char words[1024];
    pacta_verdict_describe(words, sizeof words, s, v);
    esc(f, words);
    fputs(".</p>\n", f);
    if (r->disagreement == PACTA_DISAGREE_ACCEPTED_OUT_OF_RANGE)
        fprintf(f,
                "<p>Why the tests disagree: every veto player gains on its stated positions, "
                "but on the stake alone side %c's share falls short of what it expects from "
                "fighting on (acceptance weighs every issue by salience, the range only the "
                "stake).</p>\n",
                side);
    else if (r->disagreement == PACTA_DISAGREE_REJECTED_IN_RANGE)
        fputs("<p>Why the tests disagree: the stake split is inside the range, so neither side "
              "would fight on for it, but veto players lose on the issues as a whole: the "
              "obstacle is off the stake.</p>\n",
              f);
    else if (r->disagreement == PACTA_DISAGREE_HOLDS_OUT_OF_RANGE)
        fputs("<p>Why the tests disagree: the deal lies outside today's range, yet it holds once "
              "signed: its immediate shifts of power close the gap.</p>\n",
              f);
}

static void close_calls(FILE *f, const pacta_scenario_t *s, const pacta_proposal_verdict_t *v)
{
    const char *sep = "<p>Close calls: ";
    for (size_t a = 0; a < s->n_actors; a++) {
        const pacta_actor_verdict_t *av = &v->actors[a];
        if (!av->takes_part || !s->actors[a].veto || !av->close_call)
            continue;
        fputs(sep, f);
        esc(f, s->actors[a].name);
        fprintf(f, " %s by %+.2f, which a move of %.2f points on ",
                av->accepts ? "accepts" : "rejects", av->gain, av->flip_points);
        esc(f, s->issues[av->flip_issue].id);
        fputs(" would undo", f);
        sep = "; ";
    }
    const pacta_bargaining_verdict_t *b = &v->bargaining;
    if (b->present && b->close_call) {
        char side = b->margin_a < b->margin_b ? 'A' : 'B';
        fprintf(f, "%sthe range: side %c's margin %+.3f", sep, side,
                fmin(b->margin_a, b->margin_b));
        sep = "; ";
    }
    if (v->commitment.present && v->commitment.close_call) {
        fprintf(f, "%sholding: the smallest margin over the horizon is %+.3f", sep,
                v->commitment.min_margin);
        sep = "; ";
    }
    if (sep[0] == ';')
        fputs(".</p>\n", f);
}

/* Whether the deal survives the power shifts, as the summary of 'pacta evaluate' says it: the
 * side that would fight and from which year, or the year the Powell condition breaks. */
static void holds_cell(FILE *f, const pacta_commitment_verdict_t *c)
{
    if (!c->present)
        fputs("<td>\xE2\x80\x94</td>", f);
    else if (c->self_enforcing)
        fprintf(f, "<td class=\"yes\">yes%s</td>", c->close_call ? " (close call)" : "");
    else if (c->first_negative >= 0)
        fprintf(f, "<td class=\"no\">no: side %c fights from year %d</td>", c->negative_side,
                c->first_negative);
    else
        fprintf(f, "<td class=\"no\">no: power shifts too fast after year %d (Powell)</td>",
                c->powell_year);
}

static void durability_cell(FILE *f, const pacta_durability_verdict_t *d)
{
    if (d->present)
        fprintf(f, "<td class=\"n\">%.2f [%.2f, %.2f]</td>", d->survival, d->lower, d->upper);
    else
        fputs("<td>not judged</td>", f);
}

static void write_summary(FILE *f, const pacta_scenario_t *s, const pacta_evaluation_t *e,
                          bool durability)
{
    table_open(f, "Each proposal's reconciled verdict", "", "");
    fputs("<thead><tr><th scope=\"col\">Proposal</th><th scope=\"col\">Verdict</th>"
          "<th scope=\"col\">Accept / reject</th><th scope=\"col\">Veto players accept</th>"
          "<th scope=\"col\">Inside the range</th><th scope=\"col\">Holds</th>"
          "<th scope=\"col\">Emboldens</th>",
          f);
    if (durability)
        fprintf(f, "<th scope=\"col\">Peace holds 5 years (%.0f%% interval)</th>",
                100 * e->durability_level);
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t i = 0; i < e->n_proposals; i++) {
        const pacta_proposal_verdict_t *v = &e->proposals[i];
        fprintf(f, "<tr><th scope=\"row\"><a href=\"#proposal-%zu\">", i);
        esc(f, s->proposals[v->proposal].id);
        fputs("</a></th>", f);
        yes_no(f, v->reconciled.viable, "viable", "not viable", true);
        fprintf(f, "<td class=\"n\">%zu / %zu</td>", v->n_accept, v->n_reject);
        yes_no(f, v->vetoes_accept, "yes", "no", true);
        if (v->bargaining.present)
            yes_no(f, v->bargaining.inside, v->bargaining.close_call ? "yes (close call)" : "yes",
                   v->bargaining.close_call ? "no (close call)" : "no", true);
        else
            fputs("<td>\xE2\x80\x94</td>", f);
        holds_cell(f, &v->commitment);
        if (v->emboldening.present)
            yes_no(f, v->emboldening.emboldens, "yes", "no", false);
        else
            fputs("<td>\xE2\x80\x94</td>", f);
        if (durability)
            durability_cell(f, &v->durability);
        fputs("</tr>\n", f);
    }
    table_close(f);
}

static void write_deal(FILE *f, const pacta_scenario_t *s, const pacta_proposal_verdict_t *v)
{
    static const char *const cols[] = {"Issue", "The deal", "Status quo", NULL};
    const pacta_proposal_t *p = &s->proposals[v->proposal];
    table_open(f, "What ", p->id, " settles on each issue");
    header_row(f, cols);
    for (size_t k = 0; k < s->n_issues; k++) {
        fputs("<tr><th scope=\"row\">", f);
        esc(f, s->issues[k].name);
        fprintf(f, "</th><td class=\"n\">%.1f%s</td><td class=\"n\">", v->point[k],
                p->covers[k] ? "" : " (left open)");
        if (s->issues[k].has_status_quo)
            value(f, s->issues[k].status_quo.value);
        fputs("</td></tr>\n", f);
    }
    table_close(f);
}

static void write_actor_verdicts(FILE *f, const pacta_scenario_t *s,
                                 const pacta_proposal_verdict_t *v)
{
    static const char *const cols[] = {"Actor", "Verdict", "Gain", "Flipped by a move of", NULL};
    table_open(f, "Who accepts ", s->proposals[v->proposal].id,
               " and by how much (gain over the reservation, salience-weighted points)");
    header_row(f, cols);
    for (size_t a = 0; a < s->n_actors; a++) {
        const pacta_actor_verdict_t *av = &v->actors[a];
        if (!av->takes_part)
            continue;
        fputs("<tr><th scope=\"row\">", f);
        esc(f, s->actors[a].name);
        fprintf(f, "%s</th>", s->actors[a].veto ? " (veto)" : "");
        yes_no(f, av->accepts, "accepts", "rejects", true);
        fprintf(f, "<td class=\"n\">%+.2f</td><td class=\"n\">", av->gain);
        if (isfinite(av->flip_points)) {
            fprintf(f, "%.2f points on ", av->flip_points);
            esc(f, s->issues[av->flip_issue].id);
            fputs(av->close_call ? " (close call)" : "", f);
        } else {
            fputs("no single move", f);
        }
        fputs("</td></tr>\n", f);
    }
    table_close(f);
}

static void write_proposal(FILE *f, const pacta_scenario_t *s, const pacta_evaluation_t *e,
                           size_t i)
{
    const pacta_proposal_verdict_t *v = &e->proposals[i];
    const pacta_proposal_t *p = &s->proposals[v->proposal];
    fprintf(f, "<h3 id=\"proposal-%zu\">", i);
    esc(f, p->id);
    fputs(": ", f);
    esc(f, p->name);
    fputs("</h3>\n", f);
    if (p->date || p->n_sponsors) {
        fputs("<p class=\"muted\">", f);
        esc(f, p->date);
        for (size_t k = 0; k < p->n_sponsors; k++) {
            fputs(k == 0 ? (p->date ? "; by " : "By ") : ", ", f);
            esc(f, p->sponsors[k]);
        }
        fputs("</p>\n", f);
    }
    verdict_sentence(f, s, v);
    close_calls(f, s, v);
    if (v->durability.present)
        fprintf(f,
                "<p>Chance that the peace holds %.0f years: %.2f (%.0f%% interval %.2f to "
                "%.2f).</p>\n",
                v->durability.years, v->durability.survival, 100 * e->durability_level,
                v->durability.lower, v->durability.upper);
    if (e->n_models > 0) {
        fputs("<p>Distance from the forecasts (mean scale points over the issues it covers):", f);
        for (size_t m = 0; m < e->n_models; m++) {
            fputs(m ? ", " : " ", f);
            esc(f, e->models[m]);
            if (isfinite(v->model_distance[m]))
                fprintf(f, " %.1f", v->model_distance[m]);
            else
                fputs(" no forecast", f);
        }
        fputs(".</p>\n", f);
    }
    write_deal(f, s, v);
    write_actor_verdicts(f, s, v);
}

static void write_evaluation(FILE *f, const pacta_scenario_t *s, const pacta_evaluation_t *e)
{
    fputs("<section id=\"proposals\">\n<h2>Proposals</h2>\n", f);
    if (e == NULL || e->n_proposals == 0) {
        fputs("<p>The scenario has no proposals to judge.</p>\n</section>\n", f);
        return;
    }
    bool durability = false;
    for (size_t i = 0; i < e->n_proposals; i++)
        durability |= e->proposals[i].durability.present;
    fprintf(f, "<p>%zu proposal%s judged against %s, %s loss", e->n_proposals,
            e->n_proposals == 1 ? "" : "s",
            e->reservation == PACTA_RESERVATION_WAR ? "continued war" : "the status quo",
            e->utility == PACTA_UTILITY_QUADRATIC ? "quadratic" : "linear");
    for (size_t i = 0; i < e->n_parameters; i++) {
        fputs(i ? ", " : "; with ", f);
        esc(f, e->parameter_names[i]);
        fputc(' ', f);
        value(f, e->parameter_values[i]);
    }
    fputs(". Gains are in salience-weighted scale points; an actor accepts a deal that leaves "
          "it no worse off than its reservation.</p>\n",
          f);
    write_summary(f, s, e, durability);
    if (e->durability_note != NULL) {
        fputs("<p>Peace 5 years: not judged: ", f);
        esc(f, e->durability_note);
        fputs(".</p>\n", f);
    }
    for (size_t i = 0; i < e->n_proposals; i++)
        write_proposal(f, s, e, i);
    fputs("</section>\n", f);
}

/* ---- Monte Carlo ------------------------------------------------------------------------- */

static void write_sim_issue(FILE *f, const pacta_scenario_t *s, const pacta_simulation_t *sim,
                            size_t first)
{
    static const char *const cols[] = {"Model",  "Mean", "SD",  "5%",        "25%",
                                       "Median", "75%",  "95%", "No answer", NULL};
    const pacta_issue_t *is = &s->issues[sim->forecasts[first].issue];
    fputs("<h3>", f);
    esc(f, is->name);
    fputs("</h3>\n", f);
    table_open(f, "The forecasts on ", is->name, " across the runs");
    header_row(f, cols);
    for (size_t m = 0; m < sim->n_configs; m++) {
        const pacta_sim_summary_t *u = &sim->forecasts[first + m].summary;
        fputs("<tr><th scope=\"row\">", f);
        esc(f, model_name(sim->configs[m]));
        fputs("</th>", f);
        if (u->n > 0)
            fprintf(f,
                    "<td class=\"n\">%.1f</td><td class=\"n\">%.2f</td><td class=\"n\">%.1f</td>"
                    "<td class=\"n\">%.1f</td><td class=\"n\">%.1f</td><td class=\"n\">%.1f</td>"
                    "<td class=\"n\">%.1f</td>",
                    u->mean, u->sd, u->quantile[0], u->quantile[1], u->quantile[2], u->quantile[3],
                    u->quantile[4]);
        else
            fputs("<td colspan=\"7\">no answer in any run</td>", f);
        fprintf(f, "<td class=\"n\">%llu</td></tr>\n", (unsigned long long)u->undefined);
    }
    table_close(f);
    for (size_t m = 0; m < sim->n_configs; m++) {
        const pacta_sim_summary_t *u = &sim->forecasts[first + m].summary;
        if (u->n == 0 || u->histogram == NULL)
            continue;
        char title[512], desc[256];
        snprintf(title, sizeof title, "Distribution of the %s forecast on %s over %llu runs",
                 model_name(sim->configs[m]), is->name, (unsigned long long)u->n);
        snprintf(desc, sizeof desc,
                 "Mean %.1f, standard deviation %.2f; half the runs between %.1f and %.1f, 90%% "
                 "between %.1f and %.1f.",
                 u->mean, u->sd, u->quantile[1], u->quantile[3], u->quantile[0], u->quantile[4]);
        fputs("<figure>\n", f);
        pacta_html_histogram(f, title, desc, u->histogram, u->n_bins);
        fputs("<figcaption>", f);
        esc(f, title);
        fputs(": ", f);
        esc(f, desc);
        fputs("</figcaption>\n</figure>\n", f);
    }
}

/* The verdicts a simulation counts, as the column headings name them (pacta_verdict_kind). */
static const char *const verdict_heading[PACTA_VERDICT_COUNT] = {
    [PACTA_VERDICT_VETOES_ACCEPT] = "Veto players accept",
    [PACTA_VERDICT_INSIDE_RANGE] = "Inside the range",
    [PACTA_VERDICT_SELF_ENFORCING] = "Self-enforcing",
    [PACTA_VERDICT_EMBOLDENS] = "Emboldens",
};

static void write_sim_proposals(FILE *f, const pacta_scenario_t *s, const pacta_simulation_t *sim)
{
    table_open(f,
               "How often each verdict held across the runs (share of the runs where it applied)",
               "", "");
    fputs("<thead><tr><th scope=\"col\">Proposal</th>", f);
    for (int k = 0; k < PACTA_VERDICT_COUNT; k++)
        fprintf(f, "<th scope=\"col\">%s (<code>%s</code>)</th>", verdict_heading[k],
                pacta_verdict_name((pacta_verdict_kind)k));
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t i = 0; i < sim->n_proposals; i++) {
        const pacta_sim_proposal_t *p = &sim->proposals[i];
        fputs("<tr><th scope=\"row\">", f);
        esc(f, s->proposals[p->proposal].id);
        fputs("</th>", f);
        for (int k = 0; k < PACTA_VERDICT_COUNT; k++) {
            if (p->verdict_defined[k] == 0)
                fputs("<td>\xE2\x80\x94</td>", f);
            else
                fprintf(f, "<td class=\"n\">%.3f (%llu of %llu)</td>",
                        (double)p->verdict_true[k] / (double)p->verdict_defined[k],
                        (unsigned long long)p->verdict_true[k],
                        (unsigned long long)p->verdict_defined[k]);
        }
        fputs("</tr>\n", f);
    }
    table_close(f);
}

static void write_simulation(FILE *f, const pacta_scenario_t *s, const pacta_simulation_t *sim)
{
    if (sim == NULL)
        return;
    fprintf(f,
            "<section id=\"monte-carlo\">\n<h2>Monte Carlo</h2>\n<p>%llu runs%s, seed %llu; %zu "
            "input%s drawn afresh in each run%s.</p>\n",
            (unsigned long long)sim->done, sim->partial ? " (stopped early)" : "",
            (unsigned long long)sim->seed, sim->n_uncertain, sim->n_uncertain == 1 ? "" : "s",
            sim->n_uncertain == 0 ? ", so every run is the point forecast" : "");
    for (size_t first = 0; sim->n_configs > 0 && first < sim->n_forecasts; first += sim->n_configs)
        write_sim_issue(f, s, sim, first);
    if (sim->n_proposals > 0) {
        fputs("<h3>Proposals</h3>\n", f);
        write_sim_proposals(f, s, sim);
    }
    fputs("</section>\n", f);
}

/* ---- the page ---------------------------------------------------------------------------- */

static void write_header(FILE *f, const pacta_report_t *r)
{
    const pacta_scenario_t *s = r->scenario;
    fputs("<header>\n<h1>", f);
    esc(f, s->title);
    fputs("</h1>\n", f);
    if (s->description) {
        fputs("<p>", f);
        esc(f, s->description);
        fputs("</p>\n", f);
    }
    fputs("<p class=\"muted\">", f);
    if (s->date) {
        fputs("As of ", f);
        esc(f, s->date);
        fputs(". ", f);
    }
    fputs("Written by pacta ", f);
    esc(f, pacta_version());
    if (s->path && s->path[0]) {
        fputs(" from <code>", f);
        esc(f, s->path);
        fputs("</code>", f);
    }
    fputs(".</p>\n</header>\n<nav aria-label=\"Contents\"><ul>"
          "<li><a href=\"#scenario\">Scenario</a></li>"
          "<li><a href=\"#forecasts\">Forecasts</a></li>"
          "<li><a href=\"#proposals\">Proposals</a></li>",
          f);
    if (r->simulation)
        fputs("<li><a href=\"#monte-carlo\">Monte Carlo</a></li>", f);
    if (r->alliance && r->alliance_data)
        fputs("<li><a href=\"#alliance\">Alliance</a></li>", f);
    fputs("</ul></nav>\n<main>\n", f);
}

pacta_status pacta_report_write_html(const pacta_report_t *report, FILE *stream)
{
    if (report == NULL || report->scenario == NULL || stream == NULL)
        return PACTA_EINVAL;
    const pacta_scenario_t *s = report->scenario;
    pacta_html_head(stream, s->title);
    write_header(stream, report);
    write_scenario(stream, s);
    write_forecast(stream, s, report->forecast);
    write_evaluation(stream, s, report->evaluation);
    write_simulation(stream, s, report->simulation);
    if (report->alliance && report->alliance_data)
        pacta_html_alliance(stream, report->alliance, report->alliance_data);
    fputs("</main>\n", stream);
    pacta_html_tail(stream);
    return ferror(stream) ? PACTA_EIO : PACTA_OK;
}

pacta_status pacta_report_write(const pacta_report_t *report, pacta_format format, FILE *stream)
{
    return format == PACTA_FORMAT_HTML ? pacta_report_write_html(report, stream) : PACTA_EINVAL;
}
