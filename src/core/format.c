/* The format registry (include/pacta/format.h): names, which documents each format carries
 * in which direction, and recognising an input's format from its first bytes. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <pacta/format.h>

typedef struct format_entry {
    const char *name;
    const char *summary;
} format_entry_t;

static const format_entry_t formats[PACTA_FORMAT_COUNT] = {
    [PACTA_FORMAT_AUTO] = {"auto", "recognised from the content, then the file name"},
    [PACTA_FORMAT_TEXT] = {"text", "tables for people"},
    [PACTA_FORMAT_JSON] = {"json", "JSON with a versioned schema (docs/json-schema.md)"},
    [PACTA_FORMAT_CSV] = {"csv", "comma-separated values, one row per result"},
    [PACTA_FORMAT_YAML] = {"yaml", "YAML 1.2 (docs/scenario-format.md)"},
    [PACTA_FORMAT_KTAB_CSV] = {"ktab-csv", "KTAB's CSV layout"},
    [PACTA_FORMAT_KTAB_XML] = {"ktab-xml", "KTAB's XML scenario"},
    [PACTA_FORMAT_DEU] = {"deu", "a DEU table (Decision-making in the EU), tab-separated"},
    [PACTA_FORMAT_SVG] = {"svg", "an SVG picture"},
    [PACTA_FORMAT_PNG] = {"png", "a PNG picture"},
    [PACTA_FORMAT_HTML] = {"html", "a self-contained HTML page"},
};

static const char *const document_names[PACTA_DOCUMENT_COUNT] = {
    [PACTA_DOCUMENT_SCENARIO] = "scenario",
    [PACTA_DOCUMENT_FORECAST] = "forecast",
    [PACTA_DOCUMENT_EVALUATION] = "evaluation",
    [PACTA_DOCUMENT_SIMULATION] = "simulation",
    [PACTA_DOCUMENT_BACKTEST_SET] = "backtest set",
    [PACTA_DOCUMENT_BACKTEST] = "backtest",
    [PACTA_DOCUMENT_ALLIANCE_TABLE] = "alliance table",
    [PACTA_DOCUMENT_ALLIANCE] = "alliance analysis",
    [PACTA_DOCUMENT_EPISODES] = "episode table",
    [PACTA_DOCUMENT_DURABILITY_MODEL] = "durability model",
    [PACTA_DOCUMENT_DURABILITY] = "durability prediction",
    [PACTA_DOCUMENT_DESIGN] = "deal design",
    [PACTA_DOCUMENT_REPORT] = "report",
};

/* Which formats each document is read from and written to, in the order help lists them:
 * the default first. The one place that knows it; readers and writers dispatch on it. */
enum { MAX_PER_DOCUMENT = 6 };

typedef struct document_formats {
    pacta_format read[MAX_PER_DOCUMENT];
    pacta_format written[MAX_PER_DOCUMENT];
} document_formats_t;

static const document_formats_t documents[PACTA_DOCUMENT_COUNT] = {
    [PACTA_DOCUMENT_SCENARIO] = {{PACTA_FORMAT_YAML, PACTA_FORMAT_CSV, PACTA_FORMAT_KTAB_CSV,
                                  PACTA_FORMAT_KTAB_XML},
                                 {PACTA_FORMAT_YAML}},
    [PACTA_DOCUMENT_FORECAST] = {{0},
                                 {PACTA_FORMAT_TEXT, PACTA_FORMAT_JSON, PACTA_FORMAT_CSV,
                                  PACTA_FORMAT_KTAB_CSV}},
    [PACTA_DOCUMENT_EVALUATION] = {{0}, {PACTA_FORMAT_TEXT, PACTA_FORMAT_JSON, PACTA_FORMAT_CSV}},
    [PACTA_DOCUMENT_SIMULATION] = {{0}, {PACTA_FORMAT_TEXT, PACTA_FORMAT_JSON, PACTA_FORMAT_CSV}},
    [PACTA_DOCUMENT_BACKTEST_SET] = {{PACTA_FORMAT_DEU, PACTA_FORMAT_YAML}, {0}},
    [PACTA_DOCUMENT_BACKTEST] = {{0}, {PACTA_FORMAT_TEXT, PACTA_FORMAT_JSON, PACTA_FORMAT_CSV}},
    [PACTA_DOCUMENT_ALLIANCE_TABLE] = {{PACTA_FORMAT_CSV}, {0}},
    [PACTA_DOCUMENT_ALLIANCE] = {{0},
                                 {PACTA_FORMAT_TEXT, PACTA_FORMAT_JSON, PACTA_FORMAT_CSV,
                                  PACTA_FORMAT_SVG, PACTA_FORMAT_PNG}},
    [PACTA_DOCUMENT_EPISODES] = {{PACTA_FORMAT_CSV}, {PACTA_FORMAT_CSV}},
    [PACTA_DOCUMENT_DURABILITY_MODEL] = {{PACTA_FORMAT_YAML}, {PACTA_FORMAT_YAML}},
    [PACTA_DOCUMENT_DURABILITY] = {{0}, {PACTA_FORMAT_TEXT, PACTA_FORMAT_JSON}},
    [PACTA_DOCUMENT_DESIGN] = {{0}, {PACTA_FORMAT_TEXT, PACTA_FORMAT_JSON}},
    [PACTA_DOCUMENT_REPORT] = {{0}, {PACTA_FORMAT_HTML}},
};

static bool valid_format(pacta_format f)
{
    return (unsigned)f < PACTA_FORMAT_COUNT;
}

static bool valid_document(pacta_document d)
{
    return (unsigned)d < PACTA_DOCUMENT_COUNT;
}

const char *pacta_format_name(pacta_format format)
{
    return valid_format(format) ? formats[format].name : "unknown";
}

const char *pacta_format_summary(pacta_format format)
{
    return valid_format(format) ? formats[format].summary : "unknown format";
}

pacta_format pacta_format_find(const char *name)
{
    if (name == NULL)
        return PACTA_FORMAT_AUTO;
    for (int f = PACTA_FORMAT_AUTO + 1; f < PACTA_FORMAT_COUNT; f++)
        if (strcmp(formats[f].name, name) == 0)
            return (pacta_format)f;
    return PACTA_FORMAT_AUTO;
}

const char *pacta_document_name(pacta_document document)
{
    return valid_document(document) ? document_names[document] : "unknown document";
}

static size_t list(const pacta_format *from, pacta_format *out, size_t max)
{
    size_t n = 0;
    while (n < MAX_PER_DOCUMENT && from[n] != PACTA_FORMAT_AUTO) {
        if (n < max)
            out[n] = from[n];
        n++;
    }
    return n;
}

static bool listed(const pacta_format *from, pacta_format format)
{
    if (format == PACTA_FORMAT_AUTO)
        return false;
    for (size_t i = 0; i < MAX_PER_DOCUMENT && from[i] != PACTA_FORMAT_AUTO; i++)
        if (from[i] == format)
            return true;
    return false;
}

size_t pacta_format_list_written(pacta_document document, pacta_format *out, size_t max)
{
    return valid_document(document) ? list(documents[document].written, out, max) : 0;
}

size_t pacta_format_list_read(pacta_document document, pacta_format *out, size_t max)
{
    return valid_document(document) ? list(documents[document].read, out, max) : 0;
}

bool pacta_format_reads(pacta_format format, pacta_document document)
{
    return valid_document(document) && listed(documents[document].read, format);
}

bool pacta_format_writes(pacta_format format, pacta_document document)
{
    return valid_document(document) && listed(documents[document].written, format);
}

/* ---- recognising an input ----------------------------------------------------------------- */

/* The first line that is neither blank nor a '#' comment: [*start, *end). */
static bool first_line(const char *text, size_t length, const char **start, const char **end)
{
    const char *p = text, *stop = text + length;
    if (length >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < stop) {
        const char *eol = memchr(p, '\n', (size_t)(stop - p));
        if (eol == NULL)
            eol = stop;
        const char *q = p;
        while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
            q++;
        if (q < eol && *q != '#') {
            *start = p;
            *end = eol;
            return true;
        }
        p = eol + 1;
    }
    return false;
}

/* "key:" followed by a blank or the end of the line, before any comma: a YAML mapping. */
static bool yaml_key_line(const char *p, const char *end)
{
    if (p == end || !(isalpha((unsigned char)*p) || *p == '_'))
        return false;
    while (p < end && (isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == ' '))
        p++;
    return p < end && *p == ':' && (p + 1 == end || isspace((unsigned char)p[1]));
}

/* Whether [p, end) is a whole number, spaces around it allowed. */
static bool whole_number(const char *p, const char *end)
{
    while (p < end && *p == ' ')
        p++;
    while (end > p && (end[-1] == ' ' || end[-1] == '\r'))
        end--;
    if (p == end)
        return false;
    for (; p < end; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    return true;
}

/* KTAB's scenario layout: a first row of at least four fields whose third and fourth are
 * the numbers of actors and dimensions. Lines with quotes are left to the CSV reader, which
 * makes the same test on parsed fields. */
static bool ktab_csv_line(const char *p, const char *end)
{
    if (memchr(p, '"', (size_t)(end - p)) != NULL)
        return false;
    const char *field[5];
    size_t n = 0;
    field[n++] = p;
    for (const char *q = p; q < end && n < 5; q++)
        if (*q == ',')
            field[n++] = q + 1;
    if (n < 4)
        return false;
    const char *fourth_end = n == 5 ? field[4] - 1 : end;
    return whole_number(field[2], field[3] - 1) && whole_number(field[3], fourth_end);
}

static bool has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)name[n - k + i]) != suffix[i])
            return false;
    return true;
}

static pacta_format from_suffix(const char *name)
{
    if (name == NULL)
        return PACTA_FORMAT_AUTO;
    if (has_suffix(name, ".yaml") || has_suffix(name, ".yml"))
        return PACTA_FORMAT_YAML;
    if (has_suffix(name, ".csv"))
        return PACTA_FORMAT_CSV;
    if (has_suffix(name, ".xml"))
        return PACTA_FORMAT_KTAB_XML;
    if (has_suffix(name, ".tsv") || has_suffix(name, ".tab"))
        return PACTA_FORMAT_DEU;
    return PACTA_FORMAT_AUTO;
}

/* A flat actor table's header: its first field is Actor or Name and a Capability column
 * follows (docs/scenario-format.md, "Flat tables"). */
static bool actor_table_header(const char *p, const char *end)
{
    const char *comma = memchr(p, ',', (size_t)(end - p));
    if (comma == NULL)
        return false;
    const char *q = comma;
    while (p < q && (*p == ' ' || *p == '"'))
        p++;
    while (q > p && (q[-1] == ' ' || q[-1] == '"'))
        q--;
    size_t n = (size_t)(q - p);
    if (!((n == 5 && strncasecmp(p, "actor", 5) == 0) || (n == 4 && strncasecmp(p, "name", 4) == 0)))
        return false;
    for (q = comma; q + 10 <= end; q++)
        if (strncasecmp(q, "capability", 10) == 0)
            return true;
    return false;
}

/* What the content says. A strong sign (XML, YAML's markers, KTAB's first row, an actor
 * table's header) decides before the file name; a weak one (a comma or a tab in the first
 * line, which prose has too) only after it. */
static pacta_format from_content(const char *text, size_t length, bool strong)
{
    const char *p, *end;
    if (text == NULL || !first_line(text, length, &p, &end))
        return PACTA_FORMAT_AUTO;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (strong) {
        if (*p == '<')
            return PACTA_FORMAT_KTAB_XML;
        if (*p == '{' || (end - p >= 3 && memcmp(p, "---", 3) == 0) ||
            (end - p >= 5 && memcmp(p, "%YAML", 5) == 0) || yaml_key_line(p, end))
            return PACTA_FORMAT_YAML;
        if (ktab_csv_line(p, end))
            return PACTA_FORMAT_KTAB_CSV;
        if (actor_table_header(p, end))
            return PACTA_FORMAT_CSV;
        return PACTA_FORMAT_AUTO;
    }
    if (memchr(p, '\t', (size_t)(end - p)) != NULL)
        return PACTA_FORMAT_DEU;
    if (memchr(p, ',', (size_t)(end - p)) != NULL)
        return PACTA_FORMAT_CSV;
    return PACTA_FORMAT_AUTO;
}

/* A format found for the wrong kind of document, mapped onto one it has: a tab-separated
 * file is read as DEU by backtests and as a CSV table (whose reader reports the tabs)
 * elsewhere; KTAB's CSV is a CSV table to readers without a KTAB reading. */
static pacta_format fit_to(pacta_document document, pacta_format f)
{
    if (f == PACTA_FORMAT_AUTO || pacta_format_reads(f, document))
        return f;
    if ((f == PACTA_FORMAT_DEU || f == PACTA_FORMAT_KTAB_CSV) &&
        pacta_format_reads(PACTA_FORMAT_CSV, document))
        return PACTA_FORMAT_CSV;
    return PACTA_FORMAT_AUTO;
}

pacta_format pacta_format_detect(pacta_document document, const char *text, size_t length,
                                 const char *name)
{
    if (!valid_document(document))
        return PACTA_FORMAT_AUTO;
    pacta_format f = fit_to(document, from_content(text, length, true));
    if (f == PACTA_FORMAT_AUTO)
        f = fit_to(document, from_suffix(name));
    if (f == PACTA_FORMAT_AUTO)
        f = fit_to(document, from_content(text, length, false));
    /* The document's first format: for scenarios YAML, whose reader explains best what is
     * wrong with a file that is none of them. */
    if (f == PACTA_FORMAT_AUTO) {
        pacta_format first;
        if (pacta_format_list_read(document, &first, 1) > 0)
            f = first;
    }
    return f;
}
