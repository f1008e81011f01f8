/* The format registry (include/pacta/format.h): names, what each document is read from and
 * written to, and recognising an input's format from its content before its name. */
#include <stdlib.h>
#include <string.h>

#include <pacta/pacta.h>

#include "test.h"

static pacta_format detect(pacta_document d, const char *text, const char *name)
{
    return pacta_format_detect(d, text, strlen(text), name);
}

static void names_round_trip(void)
{
    for (int f = PACTA_FORMAT_AUTO + 1; f < PACTA_FORMAT_COUNT; f++) {
        const char *name = pacta_format_name((pacta_format)f);
        ASSERT_INT_EQ(pacta_format_find(name), f);
        ASSERT_TRUE(strlen(pacta_format_summary((pacta_format)f)) > 0);
    }
    ASSERT_INT_EQ(pacta_format_find("JSON"), PACTA_FORMAT_AUTO); /* exact spelling only */
    ASSERT_INT_EQ(pacta_format_find("auto"), PACTA_FORMAT_AUTO);
    ASSERT_INT_EQ(pacta_format_find(NULL), PACTA_FORMAT_AUTO);
    ASSERT_STR_EQ(pacta_format_name((pacta_format)99), "unknown");
    ASSERT_STR_EQ(pacta_document_name(PACTA_DOCUMENT_FORECAST), "forecast");
    ASSERT_STR_EQ(pacta_document_name((pacta_document)99), "unknown document");
}

static void what_reads_and_writes_what(void)
{
    pacta_format f[8];
    size_t n = pacta_format_list_written(PACTA_DOCUMENT_FORECAST, f, 8);
    ASSERT_INT_EQ(n, 4);
    ASSERT_INT_EQ(f[0], PACTA_FORMAT_TEXT); /* the default comes first */
    ASSERT_INT_EQ(f[3], PACTA_FORMAT_KTAB_CSV);
    ASSERT_INT_EQ(pacta_format_list_written(PACTA_DOCUMENT_FORECAST, NULL, 0), 4);
    ASSERT_INT_EQ(pacta_format_list_written(PACTA_DOCUMENT_FORECAST, f, 2), 4); /* counts all */
    ASSERT_TRUE(pacta_format_writes(PACTA_FORMAT_PNG, PACTA_DOCUMENT_ALLIANCE));
    ASSERT_TRUE(!pacta_format_writes(PACTA_FORMAT_KTAB_CSV, PACTA_DOCUMENT_EVALUATION));
    ASSERT_TRUE(!pacta_format_writes(PACTA_FORMAT_AUTO, PACTA_DOCUMENT_EVALUATION));
    ASSERT_TRUE(pacta_format_reads(PACTA_FORMAT_KTAB_XML, PACTA_DOCUMENT_SCENARIO));
    ASSERT_TRUE(!pacta_format_reads(PACTA_FORMAT_DEU, PACTA_DOCUMENT_SCENARIO));
    ASSERT_TRUE(pacta_format_reads(PACTA_FORMAT_DEU, PACTA_DOCUMENT_BACKTEST_SET));
    ASSERT_TRUE(!pacta_format_reads(PACTA_FORMAT_JSON, (pacta_document)99));
    n = pacta_format_list_read(PACTA_DOCUMENT_BACKTEST_SET, f, 8);
    ASSERT_INT_EQ(n, 2);
    ASSERT_INT_EQ(f[0], PACTA_FORMAT_DEU);
}

static void content_before_name(void)
{
    const pacta_document S = PACTA_DOCUMENT_SCENARIO;
    /* Strong signs in the content win over the suffix. */
    ASSERT_INT_EQ(detect(S, "<?xml version=\"1.0\"?>\n<Scenario/>", "a.yaml"),
                  PACTA_FORMAT_KTAB_XML);
    ASSERT_INT_EQ(detect(S, "\xEF\xBB\xBF# comment\n\nformat_version: 1\n", "a.csv"),
                  PACTA_FORMAT_YAML);
    ASSERT_INT_EQ(detect(S, "---\ntitle: x\n", "a.xml"), PACTA_FORMAT_YAML);
    ASSERT_INT_EQ(detect(S, "{format_version: 1, title: x}", NULL), PACTA_FORMAT_YAML);
    ASSERT_INT_EQ(detect(S, "title: Peace, at last\n", "a.csv"), PACTA_FORMAT_YAML);
    ASSERT_INT_EQ(detect(S, "Actor,Capability,Position,Salience\nA,1,2,3\n", "a.yaml"),
                  PACTA_FORMAT_CSV);
    ASSERT_INT_EQ(detect(S, "\"name\" , x, capability\n", NULL), PACTA_FORMAT_CSV);
    /* KTAB's first row: scenario name, description, actors, dimensions. */
    ASSERT_INT_EQ(detect(S, "SOE,Example,3,1\n", "a.yaml"), PACTA_FORMAT_KTAB_CSV);
    ASSERT_INT_EQ(detect(S, "SOE,Example, 3 ,1,\n", NULL), PACTA_FORMAT_KTAB_CSV);
    ASSERT_INT_EQ(detect(S, "SOE,Example,3,x\n", NULL), PACTA_FORMAT_CSV);
    /* Weak signs (a comma in prose) yield to the suffix. */
    ASSERT_INT_EQ(detect(S, "This is a note, not a scenario.\n", "a.yaml"), PACTA_FORMAT_YAML);
    ASSERT_INT_EQ(detect(S, "This is a note, not a scenario.\n", "notes"), PACTA_FORMAT_CSV);
    ASSERT_INT_EQ(detect(S, "x,y\n", "A.CSV"), PACTA_FORMAT_CSV);
    ASSERT_INT_EQ(detect(S, "a\tb\n", "t.tsv"), PACTA_FORMAT_CSV); /* no DEU scenarios */
    /* Nothing to go on: YAML, whose reader explains best what is wrong. */
    ASSERT_INT_EQ(detect(S, "", NULL), PACTA_FORMAT_YAML);
    ASSERT_INT_EQ(detect(S, "plain words\n", "x.txt"), PACTA_FORMAT_YAML);
    /* Backtest sets: DEU tables or scenarios with outcomes. */
    const pacta_document B = PACTA_DOCUMENT_BACKTEST_SET;
    ASSERT_INT_EQ(detect(B, "proposal\tissue\tactor\n", "deu.txt"), PACTA_FORMAT_DEU);
    ASSERT_INT_EQ(detect(B, "format_version: 1\n", "x.tsv"), PACTA_FORMAT_YAML);
    ASSERT_INT_EQ(detect(B, "anything\n", "x.yml"), PACTA_FORMAT_YAML);
    ASSERT_INT_EQ(detect(B, "anything\n", NULL), PACTA_FORMAT_DEU);
    /* A document that is read from nothing. */
    ASSERT_INT_EQ(detect(PACTA_DOCUMENT_FORECAST, "{}", "f.json"), PACTA_FORMAT_AUTO);
}

/* The scenario readers dispatch on the registry: the same file under a wrong suffix reads
 * the same, and a format no scenario is read from is a usage error. */
static void scenario_reader_uses_registry(void)
{
    const char *yaml = "format_version: 1\ntitle: t\nissues:\n  - id: x\n    name: X\n"
                       "    low: no\n    high: yes\nactors:\n  - id: a\n    name: A\n"
                       "    capability: 1\n    positions: {x: {position: 10, salience: 50}}\n";
    pacta_scenario_t *s = NULL;
    ASSERT_INT_EQ(pacta_scenario_parse_as(&s, yaml, strlen(yaml), "wrong.csv", PACTA_FORMAT_AUTO,
                                          NULL, NULL),
                  PACTA_OK);
    ASSERT_TRUE(s != NULL && s->n_actors == 1);
    pacta_scenario_destroy(s);
    ASSERT_INT_EQ(pacta_scenario_parse_as(&s, yaml, strlen(yaml), "x", PACTA_FORMAT_JSON, NULL,
                                          NULL),
                  PACTA_EINVAL);
    ASSERT_TRUE(s == NULL);
    ASSERT_INT_EQ(pacta_scenario_parse(&s, yaml, strlen(yaml), "x", "deu", NULL, NULL),
                  PACTA_EINVAL);
    ASSERT_INT_EQ(pacta_scenario_parse(&s, yaml, strlen(yaml), "x", NULL, NULL, NULL), PACTA_OK);
    pacta_scenario_destroy(s);
}

/* The HTML report is a document of its own, written in one format. */
static void report_is_html(void)
{
    pacta_format f[4];
    ASSERT_INT_EQ(pacta_format_find("html"), PACTA_FORMAT_HTML);
    ASSERT_INT_EQ(pacta_format_list_written(PACTA_DOCUMENT_REPORT, f, 4), 1);
    ASSERT_INT_EQ(f[0], PACTA_FORMAT_HTML);
    ASSERT_TRUE(!pacta_format_reads(PACTA_FORMAT_HTML, PACTA_DOCUMENT_SCENARIO));
    ASSERT_TRUE(!pacta_format_writes(PACTA_FORMAT_HTML, PACTA_DOCUMENT_FORECAST));
    ASSERT_STR_EQ(pacta_document_name(PACTA_DOCUMENT_REPORT), "report");
    pacta_report_t none = {0};
    FILE *sink = tmpfile();
    ASSERT_TRUE(sink != NULL);
    ASSERT_INT_EQ(pacta_report_write_html(&none, sink), PACTA_EINVAL); /* no scenario */
    ASSERT_INT_EQ(pacta_report_write(&none, PACTA_FORMAT_JSON, sink), PACTA_EINVAL);
    fclose(sink);
}

/* What pacta_html_escape writes for @p text (owned by the caller), read back from a file. */
static char *escaped(const char *text)
{
    FILE *f = tmpfile();
    if (f == NULL)
        return NULL;
    char *out = NULL;
    if (pacta_html_escape(f, text) && fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        rewind(f);
        out = calloc((size_t)n + 1, 1);
        if (out != NULL && fread(out, 1, (size_t)n, f) != (size_t)n) {
            free(out);
            out = NULL;
        }
    }
    fclose(f);
    return out;
}

/* Every character that means something to HTML becomes an entity, in text and in quoted
 * attribute values alike; everything else, non-ASCII UTF-8 included, passes through. */
static void html_escape(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"", ""},
        {"plain text", "plain text"},
        {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"A & B", "A &amp; B"},
        {"&amp;", "&amp;amp;"}, /* already an entity: escaped again, shown as typed */
        {"say \"no\"", "say &quot;no&quot;"},
        {"Russia's", "Russia&#39;s"},
        {"\" onmouseover='x'", "&quot; onmouseover=&#39;x&#39;"},
        {"Russia\xE2\x80\x93Ukraine, Zürich, \xE6\x97\xA5\xE6\x9C\xAC",
         "Russia\xE2\x80\x93Ukraine, Zürich, \xE6\x97\xA5\xE6\x9C\xAC"},
        {"a<b>c&d\"e'f", "a&lt;b&gt;c&amp;d&quot;e&#39;f"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = escaped(cases[i].in);
        ASSERT_TRUE(got != NULL);
        if (got != NULL)
            ASSERT_STR_EQ(got, cases[i].out);
        free(got);
    }
    char *none = escaped(NULL);
    ASSERT_TRUE(none != NULL && none[0] == '\0'); /* NULL writes nothing */
    free(none);
}

int main(void)
{
    RUN_TEST(names_round_trip);
    RUN_TEST(what_reads_and_writes_what);
    RUN_TEST(content_before_name);
    RUN_TEST(scenario_reader_uses_registry);
    RUN_TEST(report_is_html);
    RUN_TEST(html_escape);
    return test_finish("format");
}
