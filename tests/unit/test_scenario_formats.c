/* Reading scenarios from files and in the formats other than pacta's YAML: loading by path
 * (its errors and the shipped examples), flat CSV tables, and KTAB's CSV and XML. */
#include "scenario_test.h"

#include <unistd.h>

static void files(void)
{
    pacta_scenario_t *s = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_load(&s, "/nonexistent/x.yaml", diag), PACTA_EIO);
    ASSERT_DIAG(0, 0, "", "cannot open");
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_load(&s, PACTA_SOURCE_DIR "/examples", diag), PACTA_EIO);
    ASSERT_DIAG(0, 0, "", "is a directory");
    /* An unreadable file (cannot be tested as root, who reads everything). */
    if (geteuid() != 0) {
        char path[] = "/tmp/pacta-unreadable-XXXXXX";
        int fd = mkstemp(path);
        if (fd >= 0) {
            close(fd);
            chmod(path, 0);
            pacta_diag_clear(diag);
            ASSERT_INT_EQ(pacta_scenario_load(&s, path, diag), PACTA_EIO);
            ASSERT_DIAG(0, 0, "", "cannot open: Permission denied");
            unlink(path);
        }
    } else {
        printf("files: the unreadable-file check is skipped when running as root\n");
    }
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(
        pacta_scenario_load(&s, PACTA_SOURCE_DIR "/examples/emission-standards.yaml", diag),
        PACTA_OK);
    ASSERT_INT_EQ(pacta_diag_count(diag), 0);
    pacta_scenario_destroy(s);
}

static void ukraine_example(void)
{
    /* The shipped scenario: the sizes the issue asks for, and provenance on every stance. */
    pacta_scenario_t *s = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_load(&s, PACTA_SOURCE_DIR "/examples/ukraine-2025.yaml", diag),
                  PACTA_OK);
    if (s == NULL) {
        dump_diags();
        return;
    }
    ASSERT_INT_EQ(pacta_diag_count(diag), 0);
    ASSERT_TRUE(s->n_actors >= 12);
    ASSERT_TRUE(s->n_issues >= 12);
    ASSERT_TRUE(s->n_proposals >= 6);
    ASSERT_TRUE(s->n_sources > 0);
    for (size_t a = 0; a < s->n_actors; a++)
        for (size_t k = 0; k < s->n_issues; k++) {
            const pacta_stance_t *st = &s->actors[a].stances[k];
            if (!st->present)
                continue;
            bool sourced = st->source || st->position.source;
            const char *note = st->position.note ? st->position.note : st->note;
            bool inferred =
                note && (strncmp(note, "inferred", 8) == 0 || strncmp(note, "unverified", 10) == 0);
            if (!sourced && !inferred)
                TEST_FAIL_("%s on %s has neither a source nor an 'inferred' note", s->actors[a].id,
                           s->issues[k].id);
            test_checks++;
        }
    pacta_scenario_destroy(s);
}

static const char *const jmckib_csv = "Actor,Capability,Position,Salience\n"
                                      "Netherlands,0.08,4,0.8\n"
                                      "Belgium,0.08,7,0.4\n"
                                      "\n"
                                      "Luxembourg,0.03,4,0.2\n";

static void csv_tables(void)
{
    pacta_scenario_t *s = NULL;
    pacta_csv_options_t o;
    pacta_csv_options_default(&o);
    o.salience_scale = 1;
    o.has_scale = true;
    o.scale_low = 4;
    o.scale_high = 10;
    o.unit_name = "years";
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_parse(&s, jmckib_csv, strlen(jmckib_csv), "dir/Example.csv", "csv",
                                       &o, diag),
                  PACTA_OK);
    if (s == NULL) {
        dump_diags();
        return;
    }
    ASSERT_INT_EQ(s->n_actors, 3);
    ASSERT_INT_EQ(s->n_issues, 1);
    ASSERT_STR_EQ(s->issues[0].id, "example");
    ASSERT_STR_EQ(s->actors[1].id, "belgium");
    ASSERT_ABS(s->actors[1].stances[0].position.value, 50, 0);
    ASSERT_ABS(s->actors[1].stances[0].salience.value, 40, TOL_EXACT * 40);
    ASSERT_INT_EQ(s->actors[2].at.line, 5);
    ASSERT_TRUE(s->issues[0].units.present);
    pacta_scenario_destroy(s);

    /* Read as 0-100 saliences, the same file draws a warning but is valid. */
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(
        pacta_scenario_parse(&s, jmckib_csv, strlen(jmckib_csv), "e.csv", "csv", NULL, diag),
        PACTA_OK);
    ASSERT_DIAG(0, 0, "salience", "every salience is at most 1");
    pacta_scenario_destroy(s);

    const char *multi = "Name,Capability,Veto,Crimea Position,Crimea Salience,"
                        "army_cap:position,army_cap:salience\n"
                        "Ukraine,45,yes,5,90,12,80\n"
                        "Russia,70,true,100,95,,\n";
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_parse(&s, multi, strlen(multi), "m.csv", "csv", NULL, diag),
                  PACTA_OK);
    if (s) {
        ASSERT_INT_EQ(s->n_issues, 2);
        ASSERT_STR_EQ(s->issues[0].id, "crimea");
        ASSERT_STR_EQ(s->issues[1].id, "army_cap");
        ASSERT_TRUE(s->actors[0].veto && s->actors[1].veto);
        ASSERT_TRUE(!s->actors[1].stances[1].present);
    }
    pacta_scenario_destroy(s);

    const char *broken = "Actor,Capability,Position,Salience,Colour\n"
                         "A,x,50,50,red\n"
                         "B,1,150,50\n"
                         "C,1,,50,blue\n";
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_parse(&s, broken, strlen(broken), "b.csv", "csv", NULL, diag),
                  PACTA_EINPUT);
    ASSERT_DIAG(1, 0, "header column 5", "unknown column 'Colour'");
    const char *broken2 = "Actor,Capability,Position,Salience\n"
                          "A,x,50,50\n"
                          "B,1,150,50\n"
                          "C,1,,50\n"
                          "D,1,5\n"
                          "\"E,1,5,5\n";
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_parse(&s, broken2, strlen(broken2), "b.csv", "csv", NULL, diag),
                  PACTA_EINPUT);
    ASSERT_DIAG(2, 0, "A.Capability", "'x' is not a decimal number");
    ASSERT_DIAG(3, 0, NULL, "outside 0 to 100");
    ASSERT_DIAG(4, 0, NULL, "give both or neither");
    ASSERT_DIAG(0, 0, NULL, "not valid CSV");
    const char *no_cap = "Actor,Position,Salience\nA,1,2\n";
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_parse(&s, no_cap, strlen(no_cap), "c.csv", "csv", NULL, diag),
                  PACTA_EINPUT);
    ASSERT_DIAG(1, 0, "header", "missing required column 'Capability'");
}

/* ---- KTAB formats -------------------------------------------------------------------------- */

static pacta_status parse_as(const char *text, const char *format, pacta_scenario_t **out)
{
    pacta_diag_clear(diag);
    return pacta_scenario_parse(out, text, strlen(text), "k.csv", format, NULL, diag);
}

static void ktab_csv(void)
{
    /* Every field of tests/data/ktab/quirks.csv as written there: quoted fields keep their
     * commas, padding goes, an empty description is absent. */
    pacta_scenario_t *s = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_load(&s, PACTA_SOURCE_DIR "/tests/data/ktab/quirks.csv", diag),
                  PACTA_OK);
    if (s == NULL) {
        dump_diags();
        return;
    }
    ASSERT_STR_EQ(s->title, "Quirks");
    ASSERT_STR_EQ(s->description, "A test, with a comma in its description");
    ASSERT_INT_EQ(s->n_issues, 2);
    ASSERT_STR_EQ(s->issues[0].id, "dim_a");
    ASSERT_STR_EQ(s->issues[0].name, "Dim A");
    ASSERT_STR_EQ(s->issues[1].name, "Dim B");
    ASSERT_INT_EQ(s->n_actors, 4);
    ASSERT_STR_EQ(s->actors[0].name, "Alpha, Inc");
    ASSERT_STR_EQ(s->actors[0].id, "alpha_inc");
    ASSERT_STR_EQ(s->actors[0].description, "first actor");
    ASSERT_STR_EQ(s->actors[1].description, "second, quoted");
    ASSERT_TRUE(s->actors[2].description == NULL);
    ASSERT_ABS(s->actors[0].capability.value, 100.0, 0.0);
    ASSERT_ABS(s->actors[1].stances[0].position.value, 60.25, 0.0);
    ASSERT_ABS(s->actors[3].stances[0].salience.value, 45.5, 0.0);
    ASSERT_ABS(s->actors[3].stances[1].position.value, 55.0, 0.0);
    ASSERT_INT_EQ(s->actors[3].at.line, 6);
    ASSERT_INT_EQ(s->n_model_settings, 0);
    pacta_scenario_destroy(s);

    /* Problems are all reported, each with its line and field. */
    const char *bad = "Bad,,3,1,\n"
                      "Actor,Description,Power,Pos,Sal\n"
                      "A,,x,20,50\n"
                      "B,,20,180,50\n";
    ASSERT_INT_EQ(parse_as(bad, "csv", &s), PACTA_EINPUT);
    ASSERT_DIAG(3, 0, "A.Power", "'x' is not a decimal number");
    ASSERT_DIAG(4, 0, "B.Pos", "180 is outside 0 to 100");
    ASSERT_DIAG(1, 0, "number of actors", "announces 3 actors but the file has 2");
    /* A dimension count of 0, and a flat table where KTAB's layout is required. */
    ASSERT_INT_EQ(parse_as("X,,3,0\nActor,Description,Power\n", "csv", &s), PACTA_EINPUT);
    ASSERT_DIAG(1, 0, "number of dimensions", "at least 1 is needed");
    ASSERT_INT_EQ(parse_as("Actor,Capability,Position,Salience\nA,1,2,3\n", "ktab-csv", &s),
                  PACTA_EINPUT);
    ASSERT_DIAG(1, 0, "", "not in KTAB's CSV layout");
    /* Extra rows are ignored, as KTAB does, with a warning. */
    ASSERT_INT_EQ(parse_as("X,,1,1\nA,D,P,Pos,Sal\nA,,1,20,50\nB,,1,30,50\n", "csv", &s), PACTA_OK);
    ASSERT_DIAG(4, 0, "", "ignored, as KTAB does");
    ASSERT_INT_EQ(s ? s->n_actors : 0, 1);
    pacta_scenario_destroy(s);
}

static void ktab_xml(void)
{
    pacta_scenario_t *s = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_load(&s, PACTA_SOURCE_DIR "/tests/data/ktab/example.xml", diag),
                  PACTA_OK);
    if (s == NULL) {
        dump_diags();
        return;
    }
    ASSERT_STR_EQ(s->title, "Example");
    ASSERT_INT_EQ(s->n_issues, 2);
    ASSERT_STR_EQ(s->issues[1].id, "second");
    ASSERT_INT_EQ(s->n_actors, 3);
    ASSERT_STR_EQ(s->actors[1].id, "bob");
    ASSERT_ABS(s->actors[1].stances[1].position.value, 61.4, 0.0);
    ASSERT_ABS(s->actors[2].stances[0].salience.value, 28.8, 0.0);
    /* The nine parameters, then the seed reduced mod 2^53:
     * 3507583219545544127 - 389 * 2^53 = 3782709451298239. */
    ASSERT_INT_EQ(s->n_model_settings, 10);
    ASSERT_STR_EQ(s->model_settings[1].key, "PCEModel");
    ASSERT_STR_EQ(s->model_settings[1].value, "MarkovIncentive");
    ASSERT_STR_EQ(s->model_settings[9].key, "seed");
    ASSERT_STR_EQ(s->model_settings[9].value, "3782709451298239");
    ASSERT_STR_EQ(s->model_settings[9].model, "smp");
    /* Bob's row: 0.75 toward himself, 0.07 toward Alice; the others keep the identity. */
    ASSERT_INT_EQ(s->actors[1].n_adjustments, 2);
    ASSERT_INT_EQ(s->actors[1].adjustments[0].toward, 1);
    ASSERT_ABS(s->actors[1].adjustments[0].weight.value, 0.75, 0.0);
    ASSERT_INT_EQ(s->actors[1].adjustments[1].toward, 0);
    ASSERT_ABS(s->actors[1].adjustments[1].weight.value, 0.07, 0.0);
    ASSERT_INT_EQ(s->actors[0].n_adjustments, 0);

    /* Written as YAML and read back: the same settings and adjustments. */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ASSERT_INT_EQ(pacta_scenario_write_yaml(s, f), PACTA_OK);
    fclose(f);
    pacta_scenario_t *y = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_parse(&y, buf, len, "w.yaml", "yaml", NULL, diag), PACTA_OK);
    if (y != NULL) {
        ASSERT_INT_EQ(y->n_model_settings, 10);
        for (size_t i = 0; i < y->n_model_settings && i < 10; i++) {
            ASSERT_STR_EQ(y->model_settings[i].key, s->model_settings[i].key);
            ASSERT_STR_EQ(y->model_settings[i].value, s->model_settings[i].value);
        }
        ASSERT_INT_EQ(y->actors[1].n_adjustments, 2);
        ASSERT_INT_EQ(y->actors[1].adjustments[1].toward, 0);
        ASSERT_ABS(y->actors[1].adjustments[1].weight.value, 0.07, 0.0);
    } else {
        dump_diags();
    }
    free(buf);
    pacta_scenario_destroy(y);
    pacta_scenario_destroy(s);

    /* Several problems at once, each with its line. */
    const char *bad = "<Scenario>\n"                                                /* 1 */
                      "  <Dimensions><dName>D</dName></Dimensions>\n"               /* 2 */
                      "  <Actors>\n"                                                /* 3 */
                      "    <Actor><name>A</name><capability>-1</capability>\n"      /* 4 */
                      "      <Position><dCoord>  </dCoord></Position>\n"            /* 5 */
                      "      <Salience><dSal>50</dSal></Salience></Actor>\n"        /* 6 */
                      "    <Actor><name>B</name><capability>2</capability>\n"       /* 7 */
                      "      <Salience><dSal>50</dSal></Salience><Mood/></Actor>\n" /* 8 */
                      "  </Actors>\n"
                      "</Scenario>\n";
    ASSERT_INT_EQ(parse_as(bad, "ktab-xml", &s), PACTA_EINPUT);
    ASSERT_DIAG(4, 0, "A.capability", "is -1; it must be at least 0");
    ASSERT_DIAG(5, 0, "A.dCoord[1]", "<dCoord> is empty");
    ASSERT_DIAG(7, 0, "B.Position", "<Actor> has no <Position>");
    ASSERT_DIAG(8, 0, "Mood", "unknown element in <Actor>");
    ASSERT_INT_EQ(parse_as("<Other/>", "ktab-xml", &s), PACTA_EINPUT);
    ASSERT_DIAG(1, 0, "", "the root element must be <Scenario>");
    /* No external entities, no network: a DTD is refused (its entities are never read). */
    ASSERT_INT_EQ(parse_as("<!DOCTYPE Scenario [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                           "<Scenario><name>&x;</name></Scenario>",
                           "ktab-xml", &s),
                  PACTA_EINPUT);
    ASSERT_DIAG(1, 0, "", "a DOCTYPE (DTD or entity declarations) is not supported");
}

/* What-if edits (pacta serve's sliders): the copy has the new numbers without their
 * distributions, the original is untouched, and each bad edit is named by its field. */
static void edits(void)
{
    pacta_scenario_t *s = NULL, *e = NULL;
    pacta_diag_clear(diag);
    ASSERT_INT_EQ(pacta_scenario_load(&s, PACTA_SOURCE_DIR "/examples/ukraine-2025.yaml", diag),
                  PACTA_OK);
    if (s == NULL)
        return;
    long ru = pacta_scenario_find_actor(s, "russia"),
         donbas = pacta_scenario_find_issue(s, "donbas");
    ASSERT_TRUE(ru >= 0 && donbas >= 0);
    double capability = s->actors[ru].capability.value;
    double position = s->actors[ru].stances[donbas].position.value;
    pacta_scenario_edit_t good[] = {
        {"russia", NULL, PACTA_EDIT_CAPABILITY, 7.5},
        {"russia", "donbas", PACTA_EDIT_POSITION, 12.0},
        {"russia", "donbas", PACTA_EDIT_POSITION, 20.0}, /* a later edit wins */
        {"russia", "donbas", PACTA_EDIT_SALIENCE, 0.0},
    };
    ASSERT_INT_EQ(pacta_scenario_edit(&e, s, good, 4, diag), PACTA_OK);
    if (e != NULL) {
        ASSERT_STR_EQ(e->path, s->path);
        ASSERT_INT_EQ(e->n_actors, s->n_actors);
        ASSERT_ABS(e->actors[ru].capability.value, 7.5, 0.0);
        ASSERT_TRUE(e->actors[ru].capability.dist == NULL);
        ASSERT_ABS(e->actors[ru].stances[donbas].position.value, 20.0, 0.0);
        ASSERT_ABS(e->actors[ru].stances[donbas].salience.value, 0.0, 0.0);
        /* What was not edited is copied exactly (the YAML writer round-trips numbers). */
        ASSERT_ABS(e->actors[0].stances[0].position.value, s->actors[0].stances[0].position.value,
                   0.0);
        ASSERT_INT_EQ(e->n_proposals, s->n_proposals);
    }
    ASSERT_ABS(s->actors[ru].capability.value, capability, 0.0);
    ASSERT_ABS(s->actors[ru].stances[donbas].position.value, position, 0.0);
    pacta_scenario_destroy(e);

    pacta_scenario_edit_t bad[] = {
        {"nobody", NULL, PACTA_EDIT_CAPABILITY, 1.0},
        {"russia", "moon", PACTA_EDIT_SALIENCE, 1.0},
        {"russia", "donbas", PACTA_EDIT_POSITION, 120.0},
        {"russia", NULL, PACTA_EDIT_CAPABILITY, -1.0},
    };
    pacta_diag_clear(diag);
    e = NULL;
    ASSERT_INT_EQ(pacta_scenario_edit(&e, s, bad, 4, diag), PACTA_EINPUT);
    ASSERT_TRUE(e == NULL);
    ASSERT_DIAG(0, 0, "edits[0].actor", "no actor 'nobody'");
    ASSERT_DIAG(0, 0, "edits[1].issue", "no issue 'moon'");
    ASSERT_DIAG(0, 0, "edits[2].value", "a position must be in [0, 100], not 120");
    ASSERT_DIAG(0, 0, "edits[3].value", "a capability must be a number >= 0, not -1");
    pacta_scenario_destroy(s);
}

int main(void)
{
    pacta_diag_create(&diag);
    RUN_TEST(files);
    RUN_TEST(ukraine_example);
    RUN_TEST(csv_tables);
    RUN_TEST(ktab_csv);
    RUN_TEST(ktab_xml);
    RUN_TEST(edits);
    pacta_diag_destroy(diag);
    return test_finish("scenario_formats");
}
