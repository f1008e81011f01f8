/* Reading pacta's YAML scenarios: every field, every error class with its location, limits,
 * distributions, encodings, outcomes and model settings, and the YAML writer's round trip.
 * Files and the other formats (flat CSV, KTAB CSV and XML) are in test_scenario_formats.c. */
#include "scenario_test.h"

#include <unistd.h>

static pacta_status parse_yaml(const char *text, pacta_scenario_t **out)
{
    pacta_diag_clear(diag);
    return pacta_scenario_parse(out, text, strlen(text), "t.yaml", "yaml", NULL, diag);
}

static const char *const good =
    "format_version: 1\n"
    "title: Test\n"
    "date: 2025-04\n"
    "sources:\n"
    "  - {id: S1, title: A report, url: 'https://example.org/a'}\n"
    "issues:\n"
    "  - id: crimea\n"
    "    name: Crimea\n"
    "    low: sovereign\n"
    "    high: recognised\n"
    "    anchors:\n"
    "      - {at: 70, label: de facto recognised}\n"
    "      - {at: 50, label: de facto control}\n"
    "    status_quo: {value: 50, note: today}\n"
    "  - id: years\n"
    "    name: Delay\n"
    "    low: 4 years\n"
    "    high: 10 years\n"
    "    units: {name: years, at_0: 4, at_100: 10}\n"
    "actors:\n"
    "  - id: ua\n"
    "    name: Ukraine\n"
    "    capability: {value: 45, source: S1, note: inferred}\n"
    "    veto: true\n"
    "    risk: 1.5\n"
    "    positions:\n"
    "      crimea: {position: 5, salience: 90, source: S1}\n"
    "      years: {position: {value: 20, note: why}, salience: 10}\n"
    "  - id: ru\n"
    "    name: Russia\n"
    "    capability: 70\n"
    "    positions:\n"
    "      crimea: {position: 100, salience: 95}\n"
    "proposals:\n"
    "  - id: p1\n"
    "    name: Plan\n"
    "    date: 2025-11-20\n"
    "    sponsor: [ru, ua]\n"
    "    source: S1\n"
    "    provisions:\n"
    "      ceasefire: true\n"
    "      monitoring: {value: false, source: S1, note: not mentioned}\n"
    "    positions: {crimea: 70}\n";

static void reads_every_field(void)
{
    pacta_scenario_t *s = NULL;
    ASSERT_INT_EQ(parse_yaml(good, &s), PACTA_OK);
    if (s == NULL) {
        dump_diags();
        return;
    }
    ASSERT_INT_EQ(pacta_diag_count(diag), 0);
    ASSERT_STR_EQ(s->title, "Test");
    ASSERT_STR_EQ(s->date, "2025-04");
    ASSERT_INT_EQ(s->n_sources, 1);
    ASSERT_STR_EQ(s->sources[0].url, "https://example.org/a");
    ASSERT_INT_EQ(s->n_issues, 2);
    const pacta_issue_t *crimea = &s->issues[0];
    ASSERT_INT_EQ(crimea->n_anchors, 2);
    ASSERT_ABS(crimea->anchors[0].at.value, 50, 0); /* sorted by position */
    ASSERT_TRUE(crimea->has_status_quo);
    ASSERT_STR_EQ(crimea->status_quo.note, "today");
    ASSERT_INT_EQ(crimea->status_quo.at.line, 14);
    ASSERT_TRUE(s->issues[1].units.present);
    ASSERT_ABS(pacta_issue_to_units(&s->issues[1], 75), 8.5, TOL_EXACT * 10);
    ASSERT_INT_EQ(s->n_actors, 2);
    const pacta_actor_t *ua = &s->actors[0];
    ASSERT_TRUE(ua->veto);
    ASSERT_TRUE(ua->has_risk);
    ASSERT_STR_EQ(ua->capability.source, "S1");
    ASSERT_STR_EQ(ua->capability.note, "inferred");
    ASSERT_TRUE(ua->stances[0].present && ua->stances[1].present);
    ASSERT_ABS(ua->stances[1].position.value, 20, 0);
    ASSERT_STR_EQ(ua->stances[1].position.note, "why");
    ASSERT_STR_EQ(ua->stances[0].source, "S1");
    ASSERT_TRUE(!s->actors[1].veto);
    ASSERT_TRUE(!s->actors[1].stances[1].present);
    ASSERT_INT_EQ(s->n_proposals, 1);
    ASSERT_INT_EQ(s->proposals[0].n_sponsors, 2);
    ASSERT_TRUE(s->proposals[0].covers[0] && !s->proposals[0].covers[1]);
    ASSERT_INT_EQ(s->proposals[0].n_provisions, 2);
    const pacta_provision_t *cf = pacta_proposal_provision(&s->proposals[0], "ceasefire");
    ASSERT_TRUE(cf != NULL && cf->type == PACTA_PROVISION_FLAG && cf->value.value == 1.0);
    const pacta_provision_t *mon = pacta_proposal_provision(&s->proposals[0], "monitoring");
    ASSERT_TRUE(mon != NULL && mon->value.value == 0.0);
    if (mon)
        ASSERT_STR_EQ(mon->value.note, "not mentioned");
    ASSERT_TRUE(pacta_proposal_provision(&s->proposals[0], "withdrawal") == NULL);
    ASSERT_INT_EQ(pacta_scenario_find_actor(s, "ru"), 1);
    ASSERT_INT_EQ(pacta_scenario_find_issue(s, "nope"), -1);
    double at;
    const char *label;
    ASSERT_TRUE(pacta_issue_nearest_anchor(crimea, 62, &at, &label));
    ASSERT_STR_EQ(label, "de facto recognised");
    ASSERT_TRUE(pacta_issue_nearest_anchor(crimea, 96, &at, &label));
    ASSERT_STR_EQ(label, "recognised"); /* the 100 end counts as an anchor */
    pacta_scenario_destroy(s);
}

static void error_classes(void)
{
    pacta_scenario_t *s = NULL;
    /* One file with one problem of each kind; all are reported in one pass. */
    const char *bad = "format_version: 1\n"                                 /* 1 */
                      "title: Bad\n"                                        /* 2 */
                      "sources:\n"                                          /* 3 */
                      "  - {id: S1, title: one}\n"                          /* 4 */
                      "  - {id: S1, title: two}\n"                          /* 5 */
                      "issues:\n"                                           /* 6 */
                      "  - id: a\n"                                         /* 7 */
                      "    name: A\n"                                       /* 8 */
                      "    low: x\n"                                        /* 9 */
                      "    high: y\n"                                       /* 10 */
                      "    status_quo: 120\n"                               /* 11 */
                      "  - id: b\n"                                         /* 12 */
                      "    nmae: B\n"                                       /* 13 */
                      "    low: x\n"                                        /* 14 */
                      "    high: y\n"                                       /* 15 */
                      "actors:\n"                                           /* 16 */
                      "  - id: x\n"                                         /* 17 */
                      "    name: X\n"                                       /* 18 */
                      "    capabilty: 3\n"                                  /* 19 */
                      "    veto: maybe\n"                                   /* 20 */
                      "    positions:\n"                                    /* 21 */
                      "      a: {position: .nan, salience: 50}\n"           /* 22 */
                      "      zz: {position: 1, salience: 1, source: S9}\n"  /* 23 */
                      "  - id: x\n"                                         /* 24 */
                      "    name: Y\n"                                       /* 25 */
                      "    capability: '4'\n"                               /* 26 */
                      "    positions: {a: {position: 10, salience: 101}}\n" /* 27 */
                      "proposals:\n"                                        /* 28 */
                      "  - id: p\n"                                         /* 29 */
                      "    name: P\n"                                       /* 30 */
                      "    sponsor: nobody\n"                               /* 31 */
                      "    positions: {a: [1]}\n";                          /* 32 */
    ASSERT_INT_EQ(parse_yaml(bad, &s), PACTA_EINPUT);
    ASSERT_TRUE(s == NULL);
    ASSERT_DIAG(5, 5, "sources[S1].id", "duplicate id 'S1' (first used at line 4)");
    ASSERT_DIAG(11, 17, "issues[a].status_quo", "is 120, outside the range 0 to 100");
    ASSERT_DIAG(13, 5, "issues[b]", "unknown key 'nmae'; did you mean 'name'?");
    ASSERT_DIAG(12, 5, "issues[b]", "missing required field 'name'");
    ASSERT_DIAG(19, 5, "actors[x]", "did you mean 'capability'?");
    ASSERT_DIAG(17, 5, "actors[x]", "missing required field 'capability'");
    ASSERT_DIAG(20, 11, "actors[x].veto", "expected true or false");
    ASSERT_DIAG(22, 21, "actors[x].positions.a.position", "not a finite number");
    ASSERT_DIAG(23, 7, "actors[x].positions.zz", "unknown issue 'zz'");
    ASSERT_DIAG(24, 5, "actors[x].id", "duplicate id 'x' (first used at line 17)");
    ASSERT_DIAG(26, 17, "actors[x].capability", "quoted text");
    ASSERT_DIAG(27, 45, "actors[x].positions.a.salience", "is 101, outside the range 0 to 100");
    ASSERT_DIAG(31, 14, "proposals[p].sponsor", "unknown actor 'nobody'");
    ASSERT_DIAG(32, 20, "proposals[p].positions.a", "expected a number, found a list");
    /* Issue b's stance-free state is reported too. */
    ASSERT_DIAG(12, 5, "issues[b]", "no actor has a position on issue 'b'");
    ASSERT_TRUE(pacta_diag_error_count(diag) >= 15);
}

static void provision_errors(void)
{
    pacta_scenario_t *s = NULL;
    const char *t = "format_version: 1\ntitle: T\n"
                    "issues: [{id: a, name: A, low: l, high: h}]\n"
                    "actors: [{id: x, name: X, capability: 1, positions: {a: {position: 1, "
                    "salience: 2}}}]\n"
                    "proposals:\n"
                    "  - id: p\n"
                    "    name: P\n"
                    "    positions: {a: 5}\n"
                    "    provisions:\n"
                    "      cesefire: true\n"
                    "      monitoring: 1\n"
                    "      flying_pigs: true\n";
    ASSERT_INT_EQ(parse_yaml(t, &s), PACTA_EINPUT);
    ASSERT_DIAG(10, 7, "proposals[p].provisions", "unknown provision 'cesefire'; did you mean 'ceasefire'?");
    ASSERT_DIAG(11, 19, "proposals[p].provisions.monitoring", "expected true or false");
    ASSERT_DIAG(12, 7, "proposals[p].provisions", "unknown provision 'flying_pigs'");
}

static void durability_block(void)
{
    /* War-level facts for durability models: flags and a number, with provenance; they
     * survive the YAML writer's round trip. */
    pacta_scenario_t *s = NULL, *b = NULL;
    const char *t = "format_version: 1\ntitle: T\nsources: [{id: S1, title: x}]\n"
                    "durability:\n"
                    "  interstate: {value: true, source: S1, note: UCDP type 2}\n"
                    "  major_war: true\n"
                    "  war_years: 3.85\n"
                    "issues: [{id: a, name: A, low: l, high: h}]\n"
                    "actors: [{id: x, name: X, capability: 1, positions: {a: {position: 1, "
                    "salience: 2}}}]\n";
    ASSERT_INT_EQ(parse_yaml(t, &s), PACTA_OK);
    if (s == NULL) {
        dump_diags();
        return;
    }
    ASSERT_INT_EQ(s->n_durability, 3);
    ASSERT_INT_EQ(s->durability_at.line, 5);
    const pacta_provision_t *f = pacta_scenario_durability_fact(s, "interstate");
    ASSERT_TRUE(f != NULL && f->value.value == 1.0);
    if (f)
        ASSERT_STR_EQ(f->value.source, "S1");
    f = pacta_scenario_durability_fact(s, "war_years");
    ASSERT_TRUE(f != NULL && f->type == PACTA_PROVISION_NUMBER && f->value.value == 3.85);
    ASSERT_TRUE(pacta_scenario_durability_fact(s, "nope") == NULL);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ASSERT_INT_EQ(pacta_scenario_write_yaml(s, out), PACTA_OK);
    fclose(out);
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_parse(&b, buf, len, "w.yaml", "yaml", NULL, diag), PACTA_OK);
    if (b != NULL) {
        ASSERT_INT_EQ(b->n_durability, 3);
        for (size_t i = 0; i < 3 && i < b->n_durability; i++) {
            ASSERT_STR_EQ(b->durability[i].key, s->durability[i].key);
            ASSERT_ABS(b->durability[i].value.value, s->durability[i].value.value, 0);
            ASSERT_STR_EQ(b->durability[i].value.note, s->durability[i].value.note);
        }
    }
    free(buf);
    pacta_scenario_destroy(s);
    pacta_scenario_destroy(b);
    /* Errors: an unknown fact with a suggestion, a number out of range, a flag as text. */
    t = "format_version: 1\ntitle: T\n"
        "durability:\n"
        "  interstat: true\n"
        "  war_years: 500\n"
        "  major_war: yes please\n"
        "issues: [{id: a, name: A, low: l, high: h}]\n"
        "actors: [{id: x, name: X, capability: 1, positions: {a: {position: 1, salience: 2}}}]\n";
    ASSERT_INT_EQ(parse_yaml(t, &s), PACTA_EINPUT);
    ASSERT_DIAG(4, 3, "durability", "unknown durability fact 'interstat'; did you mean 'interstate'?");
    ASSERT_DIAG(5, 14, "durability.war_years", "is 500, outside the range 0 to 200");
    ASSERT_DIAG(6, 14, "durability.major_war", "expected true or false");
}

/* A scenario with n_actors actors, n_issues issues and n_proposals proposals, in flow style. */
static char *generated_with(size_t n_actors, size_t n_issues, size_t n_proposals,
                            size_t n_coalitions)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fputs("format_version: 1\ntitle: Big\nissues:\n", f);
    for (size_t k = 0; k < n_issues; k++)
        fprintf(f, "  - {id: i%zu, name: I, low: l, high: h, status_quo: 50}\n", k);
    fputs("actors:\n", f);
    for (size_t a = 0; a < n_actors; a++)
        fprintf(f, "  - {id: a%zu, name: A, capability: 1, positions: {i0: {position: %zu, "
                   "salience: 50}%s}}\n",
                a, a % 101, a == 0 && n_issues > 1 ? ", i1: {position: 1, salience: 1}" : "");
    if (n_proposals)
        fputs("proposals:\n", f);
    for (size_t p = 0; p < n_proposals; p++)
        fprintf(f, "  - {id: p%zu, name: P, positions: {i0: 40}}\n", p);
    if (n_coalitions)
        fputs("coalitions:\n", f);
    for (size_t c = 0; c < n_coalitions; c++)
        fprintf(f, "  - {id: c%zu, name: C, members: [a0, a1]}\n", c);
    fclose(f);
    return buf;
}

static char *generated(size_t n_actors, size_t n_issues, size_t n_proposals)
{
    return generated_with(n_actors, n_issues, n_proposals, 0);
}

static void limits(void)
{
    /* Documented limits (docs/limits.md): at the limit a scenario loads; one more is a clear
     * error naming the section. Issues beyond i1 have no stance, which is its own error, so
     * the issue cases look only for the limit's message. */
    pacta_scenario_t *s = NULL;
    char *t = generated(PACTA_MAX_ACTORS, 1, PACTA_MAX_PROPOSALS);
    ASSERT_INT_EQ(parse_yaml(t, &s), PACTA_OK);
    if (s != NULL) {
        ASSERT_INT_EQ(s->n_actors, PACTA_MAX_ACTORS);
        ASSERT_INT_EQ(s->n_proposals, PACTA_MAX_PROPOSALS);
    }
    pacta_scenario_destroy(s);
    free(t);
    t = generated(PACTA_MAX_ACTORS + 1, 1, 0);
    ASSERT_INT_EQ(parse_yaml(t, &s), PACTA_EINPUT);
    ASSERT_DIAG(0, 0, "actors", "has 10001 entries; the limit is 10000");
    free(t);
    t = generated(2, PACTA_MAX_ISSUES + 1, 0);
    ASSERT_INT_EQ(parse_yaml(t, &s), PACTA_EINPUT);
    ASSERT_DIAG(0, 0, "issues", "has 1001 entries; the limit is 1000");
    free(t);
    t = generated(2, 1, PACTA_MAX_PROPOSALS + 1);
    ASSERT_INT_EQ(parse_yaml(t, &s), PACTA_EINPUT);
    ASSERT_DIAG(0, 0, "proposals", "has 1001 entries; the limit is 1000");
    free(t);
    t = generated_with(2, 1, 0, PACTA_MAX_COALITIONS);
    ASSERT_INT_EQ(parse_yaml(t, &s), PACTA_OK);
    if (s != NULL)
        ASSERT_INT_EQ(s->n_coalitions, PACTA_MAX_COALITIONS);
    pacta_scenario_destroy(s);
    free(t);
    t = generated_with(2, 1, 0, PACTA_MAX_COALITIONS + 1);
    ASSERT_INT_EQ(parse_yaml(t, &s), PACTA_EINPUT);
    ASSERT_DIAG(0, 0, "coalitions", "has 1001 entries; the limit is 1000");
    free(t);

    /* A file over the size limit is refused before it is read (a sparse file: no disk). */
    char path[] = "/tmp/pacta-big-XXXXXX";
    int fd = mkstemp(path);
    ASSERT_TRUE(fd >= 0);
    if (fd >= 0) {
        ASSERT_INT_EQ(ftruncate(fd, (off_t)PACTA_MAX_FILE_BYTES + 1), 0);
        close(fd);
        pacta_diag_clear(diag);
        ASSERT_INT_EQ(pacta_scenario_load(&s, path, diag), PACTA_ELIMIT);
        ASSERT_DIAG(0, 0, NULL, "is larger than the limit of 67108864 bytes");
        unlink(path);
    }
}

static void distributions(void)
{
    /* Uncertain inputs: the point value is the declared value or the central value of the
     * distribution (normal: mean; uniform: midpoint; triangular: mode; beta: scaled mean;
     * choice: the most likely value). */
    pacta_scenario_t *s = NULL;
    const char *t =
        "format_version: 1\ntitle: U\n"
        "issues: [{id: a, name: A, low: l, high: h, status_quo: {dist: uniform, min: 40, max: 60}}]\n"
        "actors:\n"
        "  - {id: x, name: X, capability: {dist: normal, mean: 10, sd: 2}, positions: {a: "
        "{position: {dist: triangular, min: 0, mode: 10, max: 30}, salience: {dist: beta, "
        "alpha: 2, beta: 6}}}}\n"
        "  - {id: y, name: Y, capability: {dist: choice, values: [1, 2, 3], weights: [1, 5, 1], "
        "source: S1}, positions: {a: {position: {dist: normal, mean: 90, sd: 20, value: 85}, "
        "salience: 50}}}\n"
        "sources: [{id: S1, title: T}]\n";
    ASSERT_INT_EQ(parse_yaml(t, &s), PACTA_OK);
    if (s == NULL) {
        dump_diags();
        return;
    }
    const pacta_value_t *sq = &s->issues[0].status_quo;
    ASSERT_TRUE(sq->dist && sq->dist->kind == PACTA_DIST_UNIFORM);
    ASSERT_ABS(sq->value, 50, 0);
    ASSERT_ABS(s->actors[0].capability.value, 10, 0);
    ASSERT_TRUE(isinf(s->actors[0].capability.dist->hi)); /* the field's own range */
    ASSERT_ABS(s->actors[0].stances[0].position.value, 10, 0);
    ASSERT_ABS(s->actors[0].stances[0].salience.value, 25, 1e-12); /* 100 * 2/(2+6) */
    ASSERT_ABS(s->actors[1].capability.value, 2, 0);
    ASSERT_STR_EQ(s->actors[1].capability.source, "S1");
    ASSERT_ABS(s->actors[1].stances[0].position.value, 85, 0);
    /* Round trip through the writer keeps the distributions. */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    pacta_scenario_write_yaml(s, f);
    fclose(f);
    pacta_scenario_t *b = NULL;
    ASSERT_INT_EQ(pacta_scenario_parse(&b, buf, len, "w.yaml", "yaml", NULL, diag), PACTA_OK);
    if (b) {
        const pacta_distribution_t *d = b->actors[1].capability.dist;
        ASSERT_TRUE(d && d->kind == PACTA_DIST_CHOICE && d->n_values == 3);
        ASSERT_ABS(b->actors[0].stances[0].salience.dist->b, 6, 0);
        ASSERT_ABS(b->actors[1].stances[0].position.value, 85, 0);
    }
    pacta_scenario_destroy(b);
    free(buf);
    pacta_scenario_destroy(s);

    /* Impossible parameters are clear errors. */
    const char *bad =
        "format_version: 1\ntitle: U\n"
        "issues: [{id: a, name: A, low: l, high: h}]\n"
        "actors:\n"
        "  - {id: x, name: X, capability: {dist: beta, alpha: 2, beta: 2}, positions: {a: "
        "{position: {dist: normal, mean: 300, sd: 1}, salience: {dist: uniform, min: 60, max: 40}}}}\n"
        "  - {id: y, name: Y, capability: {dist: choice, values: [1, 2], weights: [1]}, positions: "
        "{a: {position: {dist: triangular, min: 0, mode: 50, max: 30}, salience: {dist: weibull}}}}\n"
        "  - {id: z, name: Z, capability: {dist: normal, mean: 1, sd: 0}, positions: {a: "
        "{position: {dist: uniform, min: -5, max: 50}, salience: {dist: choice, values: [10, 200]}}}}\n";
    ASSERT_INT_EQ(parse_yaml(bad, &s), PACTA_EINPUT);
    ASSERT_DIAG(5, 0, "actors[x].capability", "a beta distribution on an unbounded field needs min and max");
    ASSERT_DIAG(5, 0, "actors[x].positions.a.position", "almost no probability inside 0 to 100");
    ASSERT_DIAG(5, 0, "actors[x].positions.a.salience", "min (60) must be below max (40)");
    ASSERT_DIAG(6, 0, "actors[y].capability", "2 values but 1 weights");
    ASSERT_DIAG(6, 0, "actors[y].positions.a.position", "mode 50 is outside min to max");
    ASSERT_DIAG(6, 0, "actors[y].positions.a.salience.dist", "unknown distribution 'weibull'");
    ASSERT_DIAG(7, 0, "actors[z].capability", "sd must be above 0");
    ASSERT_DIAG(7, 0, "actors[z].positions.a.position", "reaches outside the field's range 0 to 100");
    ASSERT_DIAG(7, 0, "actors[z].positions.a.salience", "value 200 is outside the range 0 to 100");
}

static void unknown_source_suggestion(void)
{
    pacta_scenario_t *s = NULL;
    const char *t = "format_version: 1\ntitle: T\nsources: [{id: S12b, title: x}]\n"
                    "issues: [{id: a, name: A, low: l, high: h}]\n"
                    "actors: [{id: x, name: X, capability: 1, positions: {a: {position: 1, "
                    "salience: 2, source: S12c}}}]\n";
    ASSERT_INT_EQ(parse_yaml(t, &s), PACTA_EINPUT);
    ASSERT_DIAG(5, 0, "actors[x].positions.a.source", "unknown source 'S12c'; did you mean 'S12b'?");
}

static void structure_errors(void)
{
    pacta_scenario_t *s = NULL;
    ASSERT_INT_EQ(parse_yaml("title: [unclosed\n", &s), PACTA_EINPUT);
    ASSERT_DIAG(0, 0, "", "not valid YAML");
    ASSERT_INT_EQ(parse_yaml("just some words\n", &s), PACTA_EINPUT);
    ASSERT_DIAG(1, 1, "", "the top level must be a mapping");
    ASSERT_INT_EQ(parse_yaml("   \n\n", &s), PACTA_EINPUT);
    ASSERT_DIAG(0, 0, "", "the file is empty");
    ASSERT_INT_EQ(parse_yaml("a: 1\na: 2\n", &s), PACTA_EINPUT);
    ASSERT_DIAG(2, 1, "", "duplicate key 'a' (first at line 1, column 1)");
    ASSERT_INT_EQ(parse_yaml("a: &x 1\nb: *x\n", &s), PACTA_EINPUT);
    ASSERT_DIAG(2, 4, "", "aliases");
    ASSERT_INT_EQ(parse_yaml("a: !!str 1\n", &s), PACTA_EINPUT);
    ASSERT_DIAG(1, 4, "", "tags");
    ASSERT_INT_EQ(parse_yaml("a: !!map {b: 1}\n", &s), PACTA_EINPUT);
    ASSERT_DIAG(0, 0, "", "tags");
    ASSERT_INT_EQ(parse_yaml("a: 1\n---\nb: 2\n", &s), PACTA_EINPUT);
    ASSERT_DIAG(0, 0, "", "more than one YAML document");
    char deep[400] = "";
    for (int i = 0; i < 100; i++)
        strcat(deep, "[");
    ASSERT_INT_EQ(parse_yaml(deep, &s), PACTA_EINPUT);
    ASSERT_DIAG(0, 0, NULL, "");
    ASSERT_INT_EQ(parse_yaml("format_version: 2\ntitle: x\nissues: []\nactors: []\n", &s),
                  PACTA_EINPUT);
    ASSERT_DIAG(1, 17, "format_version", "unsupported format_version 2");
    ASSERT_DIAG(4, 9, "actors", "no actors");
    ASSERT_DIAG(3, 9, "issues", "no issues");
    ASSERT_INT_EQ(parse_yaml("format_version: 1\ntitle: x\n", &s), PACTA_EINPUT);
    ASSERT_DIAG(1, 1, "", "missing required field 'issues'");
    ASSERT_DIAG(1, 1, "", "missing required field 'actors'");
    ASSERT_INT_EQ(parse_yaml("format_version: 1\ntitle: x\nissues: 3\nactors: {}\n", &s),
                  PACTA_EINPUT);
    ASSERT_DIAG(3, 9, "issues", "expected a list");
}

static void encodings(void)
{
    pacta_scenario_t *s = NULL;
    const char *bin = "format_version: 1\ntitle: \xff\xfe\n";
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_parse(&s, bin, strlen(bin), "b.yaml", "yaml", NULL, diag),
                  PACTA_EINPUT);
    ASSERT_DIAG(2, 8, "", "not valid UTF-8");
    /* A BOM and CRLF line ends are fine. */
    char text[2048];
    snprintf(text, sizeof text, "\xEF\xBB\xBF%s", good);
    char crlf[4096];
    size_t k = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '\n')
            crlf[k++] = '\r';
        crlf[k++] = *p;
    }
    crlf[k] = '\0';
    ASSERT_INT_EQ(parse_yaml(crlf, &s), PACTA_OK);
    if (s)
        ASSERT_INT_EQ(s->actors[0].stances[0].position.at.line, 27);
    pacta_scenario_destroy(s);
}

/* Single-quoted scalars, decoded by pacta (yaml_tree.c) because libfyaml 0.7.12 gets runs
 * of escaped quotes wrong. Expected values: YAML 1.2.2 section 7.3.2 and its example 7.9,
 * and PyYAML 6.0 (yaml.safe_load) on the same text. */
static void single_quoted(void)
{
    static const struct {
        const char *yaml; /* the title as written */
        const char *expected;
    } cases[] = {
        {"'it''s'", "it's"},
        {"'x''''y'", "x''y"}, /* libfyaml 0.7.12: "x'''" */
        {"'''''y'", "''y"},   /* libfyaml 0.7.12: "'''" */
        {"'y'''''", "y''"},
        {"'a'''", "a'"},
        {"'a  '", "a  "}, /* trailing white space of the last line is kept */
        /* Example 7.9 with its tab: a break folds to a space, an empty line to a newline,
         * white space around breaks is dropped. */
        {"' 1st non-empty\n\n   2nd non-empty \n  \t3rd non-empty '",
         " 1st non-empty\n2nd non-empty 3rd non-empty "},
        {"'a\r\n  b'", "a b"}, /* CRLF is one break */
        {"'a\n   '", "a "},    /* PyYAML 6.0 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[2048];
        const char *rest = strchr(good, '\n') + 1; /* after format_version */
        rest = strchr(rest, '\n') + 1;             /* after the title */
        snprintf(text, sizeof text, "format_version: 1\ntitle: %s\n%s", cases[i].yaml, rest);
        pacta_scenario_t *s = NULL;
        pacta_diag_clear(diag);
        ASSERT_INT_EQ(parse_yaml(text, &s), PACTA_OK);
        if (s)
            ASSERT_STR_EQ(s->title, cases[i].expected);
        pacta_scenario_destroy(s);
    }
    /* A long run of escapes (leaked memory in libfyaml 0.7.12; checked under ASan). */
    char text[4096], title[600];
    size_t k = 0;
    title[k++] = '\'';
    for (int i = 0; i < 250; i++)
        title[k++] = '\'';
    title[k++] = '\'';
    title[k] = '\0';
    const char *rest = strchr(strchr(good, '\n') + 1, '\n') + 1;
    snprintf(text, sizeof text, "format_version: 1\ntitle: %s\n%s", title, rest);
    pacta_scenario_t *s = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(parse_yaml(text, &s), PACTA_OK);
    if (s)
        ASSERT_INT_EQ(strlen(s->title), 125);
    pacta_scenario_destroy(s);
}

/* An issue's recorded outcome (docs/scenario-format.md, "Issues"): read with its source and
 * note, range-checked, refused as a distribution, and written back by the YAML writer. */
static void outcomes(void)
{
    const char *text = "format_version: 1\n"                                         /* 1 */
                       "title: Decided\n"                                             /* 2 */
                       "sources: [{id: deu, title: DEU III}]\n"                      /* 3 */
                       "issues:\n"                                                    /* 4 */
                       "  - {id: a, name: A, low: l, high: h, status_quo: 0,\n"       /* 5 */
                       "     outcome: {value: 62.5, source: deu, note: adopted}}\n"  /* 6 */
                       "  - {id: b, name: B, low: l, high: h}\n"                      /* 7 */
                       "actors:\n"                                                    /* 8 */
                       "  - {id: x, name: X, capability: 1,\n"                       /* 9 */
                       "     positions: {a: {position: 80, salience: 50},\n"         /* 10 */
                       "                 b: {position: 20, salience: 50}}}\n";       /* 11 */
    pacta_scenario_t *s = NULL, *back = NULL;
    ASSERT_INT_EQ(parse_yaml(text, &s), PACTA_OK);
    if (s == NULL) {
        dump_diags();
        return;
    }
    ASSERT_TRUE(s->issues[0].has_outcome);
    ASSERT_ABS(s->issues[0].outcome.value, 62.5, 0);
    ASSERT_STR_EQ(s->issues[0].outcome.source, "deu");
    ASSERT_STR_EQ(s->issues[0].outcome.note, "adopted");
    ASSERT_INT_EQ(s->issues[0].outcome.at.line, 6);
    ASSERT_TRUE(!s->issues[1].has_outcome);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ASSERT_INT_EQ(pacta_scenario_write_yaml(s, f), PACTA_OK);
    fclose(f);
    ASSERT_STR_CONTAINS(buf, "outcome: {value: 62.5, source: \"deu\", note: \"adopted\"}");
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_parse(&back, buf, len, "written.yaml", "yaml", NULL, diag),
                  PACTA_OK);
    if (back != NULL) {
        ASSERT_TRUE(back->issues[0].has_outcome && !back->issues[1].has_outcome);
        ASSERT_ABS(back->issues[0].outcome.value, 62.5, 0);
    }
    free(buf);
    pacta_scenario_destroy(back);
    pacta_scenario_destroy(s);

    const char *bad = "format_version: 1\n"                                          /* 1 */
                      "title: Bad outcomes\n"                                        /* 2 */
                      "issues:\n"                                                    /* 3 */
                      "  - {id: a, name: A, low: l, high: h, outcome: 101}\n"        /* 4 */
                      "  - {id: b, name: B, low: l, high: h,\n"                      /* 5 */
                      "     outcome: {dist: uniform, min: 0, max: 10}}\n"            /* 6 */
                      "  - {id: c, name: C, low: l, high: h, outcome: much}\n"       /* 7 */
                      "actors:\n"                                                    /* 8 */
                      "  - {id: x, name: X, capability: 1,\n"                       /* 9 */
                      "     positions: {a: {position: 80, salience: 50},\n"         /* 10 */
                      "                 b: {position: 80, salience: 50},\n"         /* 11 */
                      "                 c: {position: 20, salience: 50}}}\n";       /* 12 */
    s = NULL;
    ASSERT_INT_EQ(parse_yaml(bad, &s), PACTA_EINPUT);
    ASSERT_DIAG(4, 48, "issues[a].outcome", "is 101, outside the range 0 to 100");
    ASSERT_DIAG(6, 15, "issues[b].outcome", "not an uncertain input");
    ASSERT_DIAG(7, 48, "issues[c].outcome", "is not a decimal number");
    pacta_scenario_destroy(s);
}

static void yaml_round_trip(void)
{
    pacta_scenario_t *a = NULL, *b = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_load(&a, PACTA_SOURCE_DIR "/examples/ukraine-2025.yaml", diag),
                  PACTA_OK);
    if (a == NULL)
        return;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ASSERT_INT_EQ(pacta_scenario_write_yaml(a, f), PACTA_OK);
    fclose(f);
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_parse(&b, buf, len, "written.yaml", "yaml", NULL, diag),
                  PACTA_OK);
    if (b == NULL) {
        dump_diags();
        free(buf);
        pacta_scenario_destroy(a);
        return;
    }
    ASSERT_STR_EQ(b->title, a->title);
    ASSERT_STR_EQ(b->description, a->description);
    ASSERT_INT_EQ(b->n_sources, a->n_sources);
    ASSERT_INT_EQ(b->n_issues, a->n_issues);
    ASSERT_INT_EQ(b->n_actors, a->n_actors);
    ASSERT_INT_EQ(b->n_proposals, a->n_proposals);
    for (size_t k = 0; k < a->n_issues && k < b->n_issues; k++) {
        ASSERT_STR_EQ(b->issues[k].low, a->issues[k].low);
        ASSERT_INT_EQ(b->issues[k].n_anchors, a->issues[k].n_anchors);
        ASSERT_ABS(b->issues[k].status_quo.value, a->issues[k].status_quo.value, 0);
    }
    for (size_t i = 0; i < a->n_actors && i < b->n_actors; i++) {
        ASSERT_ABS(b->actors[i].capability.value, a->actors[i].capability.value, 0);
        ASSERT_STR_EQ(b->actors[i].capability.note, a->actors[i].capability.note);
        for (size_t k = 0; k < a->n_issues; k++) {
            const pacta_stance_t *x = &a->actors[i].stances[k], *y = &b->actors[i].stances[k];
            ASSERT_INT_EQ(y->present, x->present);
            if (x->present) {
                ASSERT_ABS(y->position.value, x->position.value, 0);
                ASSERT_ABS(y->salience.value, x->salience.value, 0);
                ASSERT_STR_EQ(y->note, x->note);
            }
        }
    }
    for (size_t p = 0; p < a->n_proposals; p++)
        for (size_t k = 0; k < a->n_issues; k++)
            if (a->proposals[p].covers[k])
                ASSERT_ABS(b->proposals[p].positions[k].value, a->proposals[p].positions[k].value,
                           0);
    free(buf);
    pacta_scenario_destroy(a);
    pacta_scenario_destroy(b);
}

static void model_settings_and_adjustments_in_yaml(void)
{
    const char *head = "format_version: 1\ntitle: T\n"
                       "issues: [{id: i, name: I, low: a, high: b}]\n";
    char text[2048];
    pacta_scenario_t *s = NULL;
    snprintf(text, sizeof text,
             "%smodel_settings:\n  smp: {VotingRule: Cubic, rounds: 12}\n  bdm: {q: 0.5}\n"
             "actors:\n"
             "  - {id: a, name: A, capability: 1, positions: {i: {position: 10, salience: 50}},\n"
             "     ideal_adjustment: {a: 0.5, b: 0.25}}\n"
             "  - {id: b, name: B, capability: 1, positions: {i: {position: 90, salience: 50}}}\n",
             head);
    ASSERT_INT_EQ(parse_yaml(text, &s), PACTA_OK);
    if (s != NULL) {
        ASSERT_INT_EQ(s->n_model_settings, 3);
        ASSERT_STR_EQ(s->model_settings[0].model, "smp");
        ASSERT_STR_EQ(s->model_settings[1].value, "12");
        ASSERT_STR_EQ(s->model_settings[2].model, "bdm");
        ASSERT_INT_EQ(s->actors[0].n_adjustments, 2);
        ASSERT_INT_EQ(s->actors[0].adjustments[1].toward, 1);
    }
    pacta_scenario_destroy(s);
    /* Unknown model, unknown option, bad value; an unknown actor and weights over 1. */
    snprintf(text, sizeof text,
             "%smodel_settings:\n  smq: {x: 1}\n  smp: {Votingrule: Cubic, rounds: 0}\n"
             "actors:\n"
             "  - {id: a, name: A, capability: 1, positions: {i: {position: 10, salience: 50}},\n"
             "     ideal_adjustment: {c: 0.5, b: 0.25}}\n"
             "  - {id: b, name: B, capability: 1, positions: {i: {position: 90, salience: 50}},\n"
             "     ideal_adjustment: {a: 0.5}}\n",
             head);
    ASSERT_INT_EQ(parse_yaml(text, &s), PACTA_EINPUT);
    ASSERT_DIAG(5, 0, "model_settings.smq.x", "unknown model 'smq'");
    ASSERT_DIAG(6, 0, "model_settings.smp.Votingrule", "did you mean 'VotingRule'?");
    ASSERT_DIAG(6, 0, "model_settings.smp.rounds", "outside the range 1 to 10000");
    ASSERT_DIAG(9, 0, "actors[a].ideal_adjustment.c", "unknown actor 'c'");
    ASSERT_DIAG(11, 0, "actors[b].ideal_adjustment", "the weights sum to 1.5");
}

int main(void)
{
    pacta_diag_create(&diag);
    RUN_TEST(reads_every_field);
    RUN_TEST(error_classes);
    RUN_TEST(unknown_source_suggestion);
    RUN_TEST(provision_errors);
    RUN_TEST(distributions);
    RUN_TEST(limits);
    RUN_TEST(durability_block);
    RUN_TEST(structure_errors);
    RUN_TEST(encodings);
    RUN_TEST(single_quoted);
    RUN_TEST(yaml_round_trip);
    RUN_TEST(outcomes);
    RUN_TEST(model_settings_and_adjustments_in_yaml);
    pacta_diag_destroy(diag);
    return test_finish("scenario");
}
