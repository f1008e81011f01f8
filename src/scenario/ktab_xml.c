/* Reads KTAB's XML scenario format (KTAB SMPModel::xmlRead, smpread.cpp:261-587; schema
 * examples/smp/doc/smpSchema.xsd) with libxml2:
 *
 *   <Scenario>
 *     <name/> <desc/> <prngSeed/>                    all optional here
 *     <ModelParameters> nine elements </ModelParameters>   optional; all nine when present
 *     <Dimensions> <dName/>... </Dimensions>
 *     <Actors> <Actor> <name/> <description/> <capability/>
 *                      <Position> <dCoord/>... </Position>
 *                      <Salience> <dSal/>... </Salience> </Actor>... </Actors>
 *     <IdealAdjustment> <iaPair> <adjustingIdeal/> <referencePos/> <adjust/> </iaPair>...
 *     </IdealAdjustment>                              optional (KTAB requires it)
 *   </Scenario>
 *
 * Unlike KTAB, an element that is present but empty is an error (KTAB read the empty
 * <dCoord/> of its own smpExample.xml as 0 for years), and the ideal-adjustment matrix may
 * be left out (as the schema allows). Every problem is reported with its line. Model
 * parameters become model_settings of the smp model; prngSeed becomes its seed (reduced
 * modulo 2^53, the largest integer an option holds exactly). No network access, no
 * external entities. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "core/tolerance.h"
#include "scenario/scenario_internal.h"
#include "scenario/scenario_readers.h"

/* The nine model parameters, in the schema's order. */
static const char *const parameter_names[] = {
    "VictoryProbModel", "PCEModel",         "StateTransitions", "VotingRule",  "BigRAdjust",
    "BigRRange",        "ThirdPartyCommit", "InterVecBrgn",     "BargnModel",  NULL};

typedef struct xml_reader {
    scenario_builder_t *b;
} xml_reader_t;

/* libxml2's errors during one parse; a message it repeats is reported once. */
typedef struct xml_errors {
    scenario_builder_t *b;
    char last[512];
} xml_errors_t;

static void on_xml_error(void *context, xmlErrorPtr e)
{
    xml_errors_t *errors = context;
    if (e == NULL || e->level < XML_ERR_ERROR)
        return;
    char message[512];
    snprintf(message, sizeof message, "%s", e->message ? e->message : "malformed XML");
    size_t n = strlen(message);
    while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' '))
        message[--n] = '\0';
    if (strcmp(message, errors->last) == 0)
        return;
    memcpy(errors->last, message, sizeof errors->last);
    pacta_builder_error(errors->b, (pacta_location_t){e->line, e->int2}, "",
                        "not well-formed XML: %s", message);
}

static pacta_location_t where(const xmlNode *node)
{
    return (pacta_location_t){(int)xmlGetLineNo(node), 0};
}

static bool named(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

/* The first child element called name, or NULL. */
static const xmlNode *child(const xmlNode *parent, const char *name)
{
    for (const xmlNode *c = parent->children; c != NULL; c = c->next)
        if (named(c, name))
            return c;
    return NULL;
}

static size_t count_children(const xmlNode *parent, const char *name)
{
    size_t n = 0;
    for (const xmlNode *c = parent->children; c != NULL; c = c->next)
        n += named(c, name);
    return n;
}

/* Warn about child elements the format does not have (KTAB ignores them). */
static void unknown_children(xml_reader_t *r, const xmlNode *parent, const char *const *known)
{
    for (const xmlNode *c = parent->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        bool ok = false;
        for (size_t i = 0; known[i] != NULL && !ok; i++)
            ok = strcmp((const char *)c->name, known[i]) == 0;
        if (!ok)
            pacta_builder_warning(r->b, where(c), (const char *)c->name,
                                  "unknown element in <%s>; it is ignored",
                                  (const char *)parent->name);
    }
}

/* The element's text without surrounding white space, in the arena; NULL (reported) when
 * the element is empty. */
static const char *text_of(xml_reader_t *r, const xmlNode *node, const char *field)
{
    xmlChar *content = xmlNodeGetContent(node);
    if (content == NULL) {
        pacta_builder_oom(r->b);
        return NULL;
    }
    const char *s = (const char *)content;
    size_t n = strlen(s);
    while (n > 0 && strchr(" \t\r\n", *s) != NULL) {
        s++;
        n--;
    }
    while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
        n--;
    const char *out = NULL;
    if (n == 0)
        pacta_builder_error(r->b, where(node), field, "<%s> is empty", (const char *)node->name);
    else if (n > PACTA_MAX_LONG_TEXT_BYTES)
        pacta_builder_error(r->b, where(node), field, "is longer than %d bytes",
                            PACTA_MAX_LONG_TEXT_BYTES);
    else
        out = pacta_builder_strndup(r->b, s, n);
    xmlFree(content);
    return out;
}

/* A required child's text, or NULL (reported). */
static const char *required_text(xml_reader_t *r, const xmlNode *parent, const char *name,
                                 const char *field)
{
    const xmlNode *c = child(parent, name);
    if (c == NULL) {
        pacta_builder_error(r->b, where(parent), field, "<%s> has no <%s>",
                            (const char *)parent->name, name);
        return NULL;
    }
    return text_of(r, c, field);
}

static bool number_of(xml_reader_t *r, const xmlNode *node, const char *field, double min,
                      double max, pacta_value_t *out)
{
    const char *text = text_of(r, node, field);
    out->at = where(node);
    if (text == NULL)
        return false;
    number_error e = pacta_parse_number(text, strlen(text), &out->value);
    if (e != NUMBER_OK) {
        pacta_builder_error(r->b, where(node), field, "'%.40s' %s", text,
                            pacta_number_error_text(e));
        return false;
    }
    if (!(out->value >= min && out->value <= max)) {
        if (isinf(max))
            pacta_builder_error(r->b, where(node), field, "is %g; it must be at least %g",
                                out->value, min);
        else
            pacta_builder_error(r->b, where(node), field, "is %g, outside %g to %g", out->value,
                                min, max);
        return false;
    }
    return true;
}

static void add_setting(xml_reader_t *r, pacta_model_setting_t *set, const char *key,
                        const char *value, pacta_location_t at)
{
    set->model = "smp";
    set->key = pacta_builder_strndup(r->b, key, strlen(key));
    set->value = value;
    set->at = at;
}

/* <ModelParameters> and <prngSeed>: settings of the smp model. */
static void read_settings(xml_reader_t *r, const xmlNode *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    pacta_model_setting_t *settings = pacta_builder_alloc(r->b, 10, sizeof(pacta_model_setting_t));
    if (settings == NULL)
        return;
    size_t n = 0;
    const xmlNode *params = child(root, "ModelParameters");
    if (params != NULL) {
        unknown_children(r, params, parameter_names);
        for (size_t i = 0; parameter_names[i] != NULL; i++) {
            char field[64];
            snprintf(field, sizeof field, "ModelParameters.%s", parameter_names[i]);
            const xmlNode *p = child(params, parameter_names[i]);
            if (p == NULL) {
                pacta_builder_error(r->b, where(params), field,
                                    "<ModelParameters> needs all nine parameters; <%s> is missing",
                                    parameter_names[i]);
                continue;
            }
            const char *value = text_of(r, p, field);
            if (value != NULL)
                add_setting(r, &settings[n++], parameter_names[i], value, where(p));
        }
    }
    const xmlNode *seed = child(root, "prngSeed");
    if (seed != NULL) {
        const char *text = text_of(r, seed, "prngSeed");
        size_t len = text ? strlen(text) : 0;
        bool digits = len > 0 && len <= 20;
        for (size_t i = 0; i < len && digits; i++)
            digits = text[i] >= '0' && text[i] <= '9';
        /* Reduce modulo 2^53 digit by digit; the value may exceed 64 bits only when it has
         * 20 digits, which the reduction handles too. */
        unsigned long long v = 0;
        const unsigned long long mod = 1ull << 53;
        for (size_t i = 0; i < len && digits; i++)
            v = (v * 10 + (unsigned long long)(text[i] - '0')) % mod;
        if (text != NULL && !digits) {
            pacta_builder_error(r->b, where(seed), "prngSeed", "'%.40s' is not a whole number",
                                text);
        } else if (text != NULL) {
            char buf[32];
            snprintf(buf, sizeof buf, "%llu", v);
            add_setting(r, &settings[n++], "seed", pacta_builder_strndup(r->b, buf, strlen(buf)),
                        where(seed));
        }
    }
    s->model_settings = settings;
    s->n_model_settings = n;
}

static const char *const actor_children[] = {"name", "description", "capability", "Position",
                                             "Salience", NULL};

/* The coordinates of one <Position> or <Salience>: exactly D elements called item. */
static void read_vector(xml_reader_t *r, const xmlNode *actor, const char *who,
                        const char *vector, const char *item, size_t D, pacta_stance_t *stances,
                        bool salience)
{
    char field[160];
    snprintf(field, sizeof field, "%s.%s", who, vector);
    const xmlNode *v = child(actor, vector);
    if (v == NULL) {
        pacta_builder_error(r->b, where(actor), field, "<Actor> has no <%s>", vector);
        return;
    }
    const char *const known[] = {item, NULL};
    unknown_children(r, v, known);
    size_t count = count_children(v, item);
    if (count != D) {
        pacta_builder_error(r->b, where(v), field,
                            "has %zu <%s> elements; the scenario has %zu "
                            "dimension%s",
                            count, item, D, D == 1 ? "" : "s");
        return;
    }
    size_t d = 0;
    double total = 0.0;
    bool all = true;
    for (const xmlNode *c = v->children; c != NULL; c = c->next) {
        if (!named(c, item))
            continue;
        snprintf(field, sizeof field, "%s.%s[%zu]", who, item, d + 1);
        pacta_stance_t *st = &stances[d++];
        st->at = where(c);
        pacta_value_t *value = salience ? &st->salience : &st->position;
        if (number_of(r, c, field, 0.0, 100.0, value))
            total += value->value;
        else
            all = false;
    }
    if (salience && all && total > 100.0 + PACTA_SALIENCE_SUM_SLACK) {
        snprintf(field, sizeof field, "%s.Salience", who);
        pacta_builder_error(
            r->b, where(v), field,
            "the saliences sum to %g; in KTAB's format an actor's saliences sum to at "
            "most 100",
            total);
    }
}

static void read_actor(xml_reader_t *r, const xmlNode *node, size_t index, size_t D,
                       pacta_actor_t *actor)
{
    actor->at = where(node);
    pacta_stance_t *stances = pacta_builder_alloc(r->b, D, sizeof(pacta_stance_t));
    if (stances == NULL)
        return;
    actor->stances = stances;
    unknown_children(r, node, actor_children);
    char who[96];
    snprintf(who, sizeof who, "Actors.Actor[%zu]", index + 1);
    actor->name = required_text(r, node, "name", who);
    if (actor->name != NULL) {
        snprintf(who, sizeof who, "%s", actor->name);
        actor->id = pacta_builder_make_id(r->b, actor->name, strlen(actor->name));
    }
    const xmlNode *desc = child(node, "description");
    if (desc != NULL) {
        char field[128];
        snprintf(field, sizeof field, "%s.description", who);
        actor->description = text_of(r, desc, field);
    }
    char field[128];
    snprintf(field, sizeof field, "%s.capability", who);
    const xmlNode *cap = child(node, "capability");
    if (cap == NULL)
        pacta_builder_error(r->b, where(node), field, "<Actor> has no <capability>");
    else
        number_of(r, cap, field, 0.0, INFINITY, &actor->capability);
    read_vector(r, node, who, "Position", "dCoord", D, stances, false);
    read_vector(r, node, who, "Salience", "dSal", D, stances, true);
    for (size_t d = 0; d < D; d++)
        stances[d].present = stances[d].at.line > 0;
}

static long actor_named(const pacta_scenario_t *s, const char *name)
{
    for (size_t i = 0; i < s->n_actors; i++)
        if (s->actors[i].name != NULL && strcmp(s->actors[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* <IdealAdjustment>: each pair sets one element of the adjusting actor's row. */
static void read_adjustments(xml_reader_t *r, const xmlNode *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    const xmlNode *ia = child(root, "IdealAdjustment");
    if (ia == NULL)
        return;
    const char *const known[] = {"iaPair", NULL};
    unknown_children(r, ia, known);
    pacta_actor_t *actors = (pacta_actor_t *)s->actors;
    size_t pairs = count_children(ia, "iaPair");
    /* Every actor's entries live in one array per actor, sized for the worst case. */
    for (size_t i = 0; i < s->n_actors; i++) {
        actors[i].adjustments = pacta_builder_alloc(r->b, pairs, sizeof(pacta_adjustment_t));
        if (actors[i].adjustments == NULL)
            return;
    }
    const char **names = pacta_builder_alloc(r->b, s->n_actors + 1, sizeof(char *));
    if (names == NULL)
        return;
    for (size_t i = 0; i < s->n_actors; i++)
        names[i] = s->actors[i].name ? s->actors[i].name : "";
    size_t index = 0;
    for (const xmlNode *p = ia->children; p != NULL; p = p->next) {
        if (!named(p, "iaPair"))
            continue;
        char field[64];
        snprintf(field, sizeof field, "IdealAdjustment.iaPair[%zu]", ++index);
        const char *const pair_known[] = {"adjustingIdeal", "referencePos", "adjust", NULL};
        unknown_children(r, p, pair_known);
        const char *from = required_text(r, p, "adjustingIdeal", field);
        const char *to = required_text(r, p, "referencePos", field);
        const xmlNode *adj = child(p, "adjust");
        pacta_value_t weight = {0};
        bool ok = from != NULL && to != NULL;
        if (adj == NULL) {
            pacta_builder_error(r->b, where(p), field, "<iaPair> has no <adjust>");
            ok = false;
        } else {
            ok = number_of(r, adj, field, 0.0, 1.0, &weight) && ok;
        }
        long a = from ? actor_named(s, from) : -1, b = to ? actor_named(s, to) : -1;
        const char *missing = from && a < 0 ? from : to && b < 0 ? to : NULL;
        if (missing != NULL) {
            const char *suggestion = pacta_suggest(missing, names);
            pacta_builder_error(r->b, where(p), field, "no actor is named '%.64s'%s%s%s", missing,
                                suggestion ? "; did you mean '" : "", suggestion ? suggestion : "",
                                suggestion ? "'?" : "");
            ok = false;
        }
        if (!ok)
            continue;
        pacta_actor_t *actor = &actors[a];
        size_t k = 0;
        while (k < actor->n_adjustments && actor->adjustments[k].toward != (size_t)b)
            k++;
        if (k < actor->n_adjustments)
            pacta_builder_warning(r->b, where(p), field,
                                  "a second weight for %s toward %s; the later one is used, as in "
                                  "KTAB",
                                  from, to);
        pacta_adjustment_t *e = (pacta_adjustment_t *)&actor->adjustments[k];
        e->toward = (size_t)b;
        e->weight = weight;
        if (k == actor->n_adjustments)
            actor->n_adjustments++;
    }
}

static const char *const scenario_children[] = {"name",   "desc",       "prngSeed",
                                                "ModelParameters", "Dimensions", "Actors",
                                                "IdealAdjustment", NULL};

static void read_scenario(xml_reader_t *r, const xmlNode *root)
{
    pacta_scenario_t *s = &r->b->owner->pub;
    if (root == NULL || !named(root, "Scenario")) {
        pacta_builder_error(r->b, root ? where(root) : (pacta_location_t){1, 0}, "",
                            "this is not a KTAB scenario: the root element must be <Scenario>");
        return;
    }
    unknown_children(r, root, scenario_children);
    const xmlNode *name = child(root, "name");
    s->title = name ? text_of(r, name, "name") : NULL;
    if (s->title == NULL)
        s->title = pacta_builder_strndup(r->b, "KTAB scenario", strlen("KTAB scenario"));
    const xmlNode *desc = child(root, "desc");
    if (desc != NULL)
        s->description = text_of(r, desc, "desc");
    read_settings(r, root);

    const xmlNode *dims = child(root, "Dimensions");
    if (dims == NULL) {
        pacta_builder_error(r->b, where(root), "Dimensions", "<Scenario> has no <Dimensions>");
        return;
    }
    const char *const dim_known[] = {"dName", NULL};
    unknown_children(r, dims, dim_known);
    size_t D = count_children(dims, "dName");
    if (D == 0) {
        pacta_builder_error(r->b, where(dims), "Dimensions",
                            "has no <dName>; at least one is needed");
        return;
    }
    if (D > PACTA_MAX_ISSUES) {
        pacta_builder_error(r->b, where(dims), "Dimensions", "has %zu dimensions; the limit is %d",
                            D, PACTA_MAX_ISSUES);
        return;
    }
    pacta_issue_t *issues = pacta_builder_alloc(r->b, D, sizeof(pacta_issue_t));
    if (issues == NULL)
        return;
    size_t d = 0;
    for (const xmlNode *c = dims->children; c != NULL; c = c->next) {
        if (!named(c, "dName"))
            continue;
        pacta_issue_t *issue = &issues[d];
        char field[48];
        snprintf(field, sizeof field, "Dimensions.dName[%zu]", d + 1);
        issue->at = where(c);
        issue->name = text_of(r, c, field);
        if (issue->name == NULL) {
            char buf[32];
            snprintf(buf, sizeof buf, "Dimension %zu", d + 1);
            issue->name = pacta_builder_strndup(r->b, buf, strlen(buf));
        }
        issue->id = pacta_builder_make_id(r->b, issue->name, strlen(issue->name));
        issue->low = pacta_builder_strndup(r->b, "position 0", strlen("position 0"));
        issue->high = pacta_builder_strndup(r->b, "position 100", strlen("position 100"));
        for (size_t e = 0; e < d; e++)
            if (issue->id && issues[e].id && strcmp(issue->id, issues[e].id) == 0)
                pacta_builder_error(r->b, issue->at, field,
                                    "'%s' gives the same issue id '%s' as dimension %zu",
                                    issue->name, issue->id, e + 1);
        d++;
    }
    s->issues = issues;
    s->n_issues = D;

    const xmlNode *list = child(root, "Actors");
    if (list == NULL) {
        pacta_builder_error(r->b, where(root), "Actors", "<Scenario> has no <Actors>");
        return;
    }
    const char *const actors_known[] = {"Actor", NULL};
    unknown_children(r, list, actors_known);
    size_t n = count_children(list, "Actor");
    if (n == 0) {
        pacta_builder_error(r->b, where(list), "Actors", "has no <Actor>; at least one is needed");
        return;
    }
    if (n > PACTA_MAX_ACTORS) {
        pacta_builder_error(r->b, where(list), "Actors", "has %zu actors; the limit is %d", n,
                            PACTA_MAX_ACTORS);
        return;
    }
    pacta_actor_t *actors = pacta_builder_alloc(r->b, n, sizeof(pacta_actor_t));
    if (actors == NULL)
        return;
    size_t i = 0;
    for (const xmlNode *c = list->children; c != NULL; c = c->next) {
        if (!named(c, "Actor"))
            continue;
        read_actor(r, c, i, D, &actors[i]);
        if (actors[i].id != NULL)
            for (size_t j = 0; j < i; j++)
                if (actors[j].id && strcmp(actors[j].id, actors[i].id) == 0) {
                    pacta_builder_error(r->b, actors[i].at, actors[i].name,
                                        "gives the same id '%s' as the actor on line %d",
                                        actors[i].id, actors[j].at.line);
                    break;
                }
        i++;
    }
    s->actors = actors;
    s->n_actors = n;
    read_adjustments(r, root);
}

pacta_status pacta_scenario_read_ktab_xml(pacta_scenario_t **out, const char *text, size_t length,
                                          const char *name, pacta_diag_t *diag)
{
    *out = NULL;
    scenario_builder_t b;
    pacta_status st = pacta_builder_init(&b, name, diag);
    if (st != PACTA_OK)
        return st;
    if (length > (size_t)INT32_MAX) {
        pacta_builder_error(&b, (pacta_location_t){0, 0}, "", "is too large for the XML parser");
        return pacta_builder_finish(&b, out);
    }
    xmlInitParser();
    /* libxml2 keeps its error handler per thread; ours is set for this parse only. */
    xmlStructuredErrorFunc previous = xmlStructuredError;
    void *previous_context = xmlStructuredErrorContext;
    xml_errors_t errors = {&b, ""};
    xmlSetStructuredErrorFunc(&errors, on_xml_error);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    xmlDocPtr doc = NULL;
    if (ctxt == NULL)
        pacta_builder_oom(&b);
    else
        doc = xmlCtxtReadMemory(ctxt, text, (int)length, name, NULL,
                                XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    xmlSetStructuredErrorFunc(previous_context, previous);
    if (doc != NULL && b.errors == 0 && doc->intSubset != NULL) {
        /* KTAB files have no DOCTYPE. Entities are never expanded (no XML_PARSE_NOENT, no
         * network), but a file that declares them is refused rather than read half-empty. */
        int line = 1; /* DTD nodes carry no line: count the lines before "<!DOCTYPE" */
        for (size_t i = 0; i + 9 <= length && memcmp(text + i, "<!DOCTYPE", 9) != 0; i++)
            line += text[i] == '\n';
        pacta_builder_error(&b, (pacta_location_t){line, 0}, "",
                            "a DOCTYPE (DTD or entity declarations) is not supported in KTAB "
                            "scenarios; remove it");
    } else if (doc != NULL && b.errors == 0) {
        xml_reader_t r = {&b};
        read_scenario(&r, xmlDocGetRootElement(doc));
        pacta_scenario_check_semantics(&b);
    } else if (doc == NULL && b.errors == 0 && !b.out_of_memory) {
        pacta_builder_error(&b, (pacta_location_t){1, 0}, "", "not well-formed XML");
    }
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return pacta_builder_finish(&b, out);
}
