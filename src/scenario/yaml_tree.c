#include "scenario/yaml_tree.h"

#include <libfyaml.h>
#include <string.h>

#include "core/text.h"

enum { STACK_MAX = YAML_MAX_DEPTH + 1 };

typedef struct tree_builder {
    pacta_arena_t *arena;
    pacta_diag_t *diag;
    const char *name;
    const char *source; /* the text being parsed, which the marks' input_pos index */
    size_t source_length;
    size_t errors;
    bool oom;
    ynode_t *stack[STACK_MAX];
    size_t depth;
    size_t skip; /* > 0 while inside a container deeper than the limit */
    ynode_t *root;
    bool have_root;
    bool second_document; /* reported once; everything after the first document is ignored */
} tree_builder_t;

static void error_at(tree_builder_t *t, int line, int column, const char *message)
{
    t->errors++;
    if (pacta_diag_add(t->diag, PACTA_SEVERITY_ERROR, t->name, line, column, "", message) ==
        PACTA_ENOMEM)
        t->oom = true;
}

static ynode_t *new_node(tree_builder_t *t, ynode_kind kind, const struct fy_mark *mark)
{
    ynode_t *n = pacta_arena_alloc(t->arena, 1, sizeof(ynode_t));
    if (n == NULL) {
        t->oom = true;
        return NULL;
    }
    n->kind = kind;
    n->line = mark ? mark->line + 1 : 0;
    n->column = mark ? mark->column + 1 : 0;
    return n;
}

static bool push_child(tree_builder_t *t, ynode_t *parent, ynode_t *child)
{
    if (parent->count == parent->capacity) {
        size_t capacity = parent->capacity ? 2 * parent->capacity : 8;
        ynode_t **values = pacta_arena_alloc(t->arena, capacity, sizeof(ynode_t *));
        ynode_t **keys = NULL;
        if (parent->kind == YNODE_MAPPING)
            keys = pacta_arena_alloc(t->arena, capacity, sizeof(ynode_t *));
        if (values == NULL || (parent->kind == YNODE_MAPPING && keys == NULL)) {
            t->oom = true;
            return false;
        }
        if (parent->count > 0) {
            memcpy(values, parent->values, parent->count * sizeof(ynode_t *));
            if (keys != NULL)
                memcpy(keys, parent->keys, parent->count * sizeof(ynode_t *));
        }
        parent->values = values;
        parent->keys = keys;
        parent->capacity = capacity;
    }
    parent->values[parent->count++] = child;
    return true;
}

/* Mappings receive alternating keys and values; a key waits in keys[count] with the value
 * slot empty until the value arrives. */
static bool attach(tree_builder_t *t, ynode_t *node)
{
    if (t->depth == 0) {
        if (t->have_root) {
            if (!t->second_document)
                error_at(t, node->line, node->column, "more than one YAML document in the file");
            t->second_document = true;
            return false;
        }
        t->root = node;
        t->have_root = true;
        return true;
    }
    ynode_t *parent = t->stack[t->depth - 1];
    if (parent->kind == YNODE_SEQUENCE)
        return push_child(t, parent, node);

    /* A mapping: is this a key or a value? Keys are stored by pushing with a NULL value
     * and then filling the value in. */
    if (parent->count > 0 && parent->values[parent->count - 1] == NULL) {
        parent->values[parent->count - 1] = node;
        return true;
    }
    if (node->kind != YNODE_SCALAR) {
        error_at(t, node->line, node->column,
                 "a mapping key must be plain text, not a mapping or a list");
        node = NULL; /* keep the structure: a placeholder key that matches nothing */
    }
    ynode_t *key = node;
    if (key == NULL) {
        key = pacta_arena_alloc(t->arena, 1, sizeof(ynode_t));
        if (key == NULL) {
            t->oom = true;
            return false;
        }
        key->kind = YNODE_SCALAR;
        key->text = "";
    } else {
        for (size_t i = 0; i < parent->count; i++) {
            const ynode_t *other = parent->keys[i];
            if (other->length == key->length && memcmp(other->text, key->text, key->length) == 0) {
                char message[256];
                snprintf(message, sizeof message,
                         "duplicate key '%.80s' (first at line %d, column %d)", key->text,
                         other->line, other->column);
                error_at(t, key->line, key->column, message);
                break;
            }
        }
    }
    if (!push_child(t, parent, NULL))
        return false;
    parent->keys[parent->count - 1] = key;
    return true;
}

static bool is_white(char c)
{
    return c == ' ' || c == '\t';
}

static bool is_break(char c)
{
    return c == '\n' || c == '\r';
}

/* The value of a single-quoted scalar whose content (between the quotes) is s[0..n), by
 * YAML 1.2.2 section 7.3.2: '' stands for ', and line breaks fold (white space around a
 * break is dropped; one break becomes a space, k >= 1 empty lines become k newlines).
 * libfyaml 0.7.12 (Debian 12) decodes consecutive escapes wrongly: 'x''''y' reads as "x'''"
 * instead of "x''y", and a long run of them leaks its chunk array; so pacta decodes these
 * scalars itself. Returns the text (NUL-terminated, in the arena) and its length. */
static char *decode_single_quoted(tree_builder_t *t, const char *s, size_t n, size_t *length)
{
    char *out = pacta_arena_alloc(t->arena, n + 1, 1);
    if (out == NULL)
        return NULL;
    size_t len = 0, keep = 0; /* keep: length up to the last character that is not white */
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '\'') {
            out[len++] = '\'';
            keep = len;
            i += (i + 1 < n && s[i + 1] == '\'') ? 2 : 1;
        } else if (is_break(c)) {
            len = keep; /* white space before a break is not content */
            size_t empty_lines = 0;
            for (;;) {
                i += (c == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
                while (i < n && is_white(s[i]))
                    i++;
                if (i < n && is_break(s[i])) {
                    c = s[i];
                    empty_lines++;
                    continue;
                }
                break;
            }
            if (empty_lines == 0)
                out[len++] = ' ';
            for (size_t k = 0; k < empty_lines; k++)
                out[len++] = '\n';
            keep = len;
        } else {
            out[len++] = c;
            if (!is_white(c))
                keep = len;
            i++;
        }
    }
    out[len] = '\0';
    *length = len;
    return out;
}

/* The indentation (in spaces) of the first line with content in [from, to) of the source,
 * or -1 when every line there is blank. */
static long first_content_indent(const tree_builder_t *t, size_t from, size_t to)
{
    size_t i = from;
    while (i < to && i < t->source_length) {
        long indent = 0;
        while (i < to && t->source[i] == ' ') {
            indent++;
            i++;
        }
        if (i < to && !is_break(t->source[i]) && t->source[i] != '\t')
            return indent;
        while (i < to && t->source[i] != '\n')
            i++;
        i++;
    }
    return -1;
}

/* YAML 1.2.2 section 8.1.1.1: a block scalar's lines are indented more than the node that
 * holds it. libfyaml 0.7.12 accepts a first line indented only as much as the key, and then
 * returns the scalar with bytes it never wrote (found by fuzzing), so such a scalar is
 * reported here. Returns whether it was. */
static bool block_scalar_misindented(tree_builder_t *t, struct fy_event *e,
                                     const struct fy_mark *from, const struct fy_mark *to)
{
    enum fy_scalar_style style = fy_token_scalar_style(e->scalar.value);
    if ((style != FYSS_LITERAL && style != FYSS_FOLDED) || from == NULL || to == NULL ||
        t->depth == 0)
        return false;
    const ynode_t *parent = t->stack[t->depth - 1];
    if (parent->kind != YNODE_MAPPING || parent->count == 0 ||
        parent->values[parent->count - 1] != NULL || parent->keys[parent->count - 1] == NULL)
        return false;
    const ynode_t *key = parent->keys[parent->count - 1];
    long indent = first_content_indent(t, from->input_pos, to->input_pos);
    if (indent < 0 || indent >= key->column)
        return false;
    error_at(t, from->line + 1, (int)indent + 1,
             "the lines of a block text (after > or |) must be indented more than its key");
    return true;
}

static void on_scalar(tree_builder_t *t, struct fy_event *e)
{
    const struct fy_mark *mark = fy_event_start_mark(e);
    ynode_t *n = new_node(t, YNODE_SCALAR, mark);
    if (n == NULL)
        return;
    /* Only explicit tags produce a tag token. (libfyaml 0.7 leaves tag_implicit
     * uninitialised for tagged scalars, so it is not read.) */
    if (e->scalar.tag != NULL) {
        const struct fy_mark *tag = fy_token_start_mark(e->scalar.tag);
        error_at(t, tag ? tag->line + 1 : n->line, tag ? tag->column + 1 : n->column,
                 "YAML tags (such as !!str) are not supported; write the plain value");
    }
    enum fy_scalar_style style = fy_token_scalar_style(e->scalar.value);
    size_t len = 0;
    const struct fy_mark *from = fy_token_start_mark(e->scalar.value);
    const struct fy_mark *to = fy_token_end_mark(e->scalar.value);
    if (block_scalar_misindented(t, e, from, to)) {
        n->text = "";
    } else if (style == FYSS_SINGLE_QUOTED && from != NULL && to != NULL &&
        from->input_pos <= to->input_pos && to->input_pos <= t->source_length) {
        n->text = decode_single_quoted(t, t->source + from->input_pos,
                                       to->input_pos - from->input_pos, &len);
    } else {
        const char *text = fy_token_get_text(e->scalar.value, &len);
        if (text == NULL) {
            text = "";
            len = 0;
        }
        n->text = pacta_arena_strndup(t->arena, text, len);
    }
    if (n->text == NULL) {
        t->oom = true;
        return;
    }
    if (memchr(n->text, '\0', len) != NULL)
        error_at(t, n->line, n->column, "text contains a NUL character");
    n->length = len;
    /* An empty value (`title:`) has no mark of its own: place it just after its key's colon,
     * so messages about it still name a line and column. */
    if (n->line == 0 && t->depth > 0) {
        const ynode_t *parent = t->stack[t->depth - 1];
        if (parent->kind == YNODE_MAPPING && parent->count > 0 &&
            parent->values[parent->count - 1] == NULL && parent->keys[parent->count - 1]) {
            const ynode_t *key = parent->keys[parent->count - 1];
            n->line = key->line;
            n->column = key->column + (int)key->length + 1;
        }
    }
    n->plain = style == FYSS_PLAIN;
    /* libfyaml marks a quoted scalar at its first character inside the quotes; point at
     * the opening quote, where the value starts for a reader. */
    if ((style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED) && n->column > 1)
        n->column--;
    attach(t, n);
}

static void on_container_start(tree_builder_t *t, struct fy_event *e, ynode_kind kind)
{
    if (t->skip > 0) {
        t->skip++;
        return;
    }
    const struct fy_mark *mark = fy_event_start_mark(e);
    if (t->depth >= YAML_MAX_DEPTH) {
        error_at(t, mark ? mark->line + 1 : 0, mark ? mark->column + 1 : 0,
                 "nesting is deeper than 64 levels");
        t->skip = 1;
        return;
    }
    ynode_t *n = new_node(t, kind, mark);
    if (n == NULL)
        return;
    struct fy_token *tag = kind == YNODE_MAPPING ? e->mapping_start.tag : e->sequence_start.tag;
    if (tag != NULL)
        error_at(t, n->line, n->column,
                 "YAML tags (such as !!map) are not supported; write the plain value");
    if (!attach(t, n))
        return;
    t->stack[t->depth++] = n;
}

static void on_container_end(tree_builder_t *t)
{
    if (t->skip > 0) {
        t->skip--;
        return;
    }
    if (t->depth > 0)
        t->depth--;
}

static void collect_library_errors(tree_builder_t *t, struct fy_diag *fdiag)
{
    void *iter = NULL;
    struct fy_diag_error *err;
    size_t reported = 0;
    while ((err = fy_diag_errors_iterate(fdiag, &iter)) != NULL) {
        char message[512];
        snprintf(message, sizeof message, "not valid YAML: %s", err->msg ? err->msg : "error");
        error_at(t, err->line + 1, err->column + 1, message);
        reported++;
    }
    if (reported == 0)
        error_at(t, 0, 0, "not valid YAML");
}

static void discard_output(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
    (void)diag;
    (void)user;
    (void)buf;
    (void)len;
}

/* YAML 1.2.2 section 5.2 allows a byte-order mark (U+FEFF) only at the start of the stream
 * or of a document; inside a document it is an error. libfyaml 0.7.12 does not say so and
 * misreads the text around one (a block scalar whose line starts with it comes back
 * unfolded, cut short or with bytes that were never written), so each one is reported here,
 * with its line and column, before libfyaml sees the text. Returns the number reported. */
static size_t report_inner_boms(tree_builder_t *t, const char *text, size_t length)
{
    static const char bom[] = "\xEF\xBB\xBF";
    size_t found = 0;
    int line = 1, column = 1;
    size_t i = length >= 3 && memcmp(text, bom, 3) == 0 ? 3 : 0;
    for (; i < length; i++) {
        if (text[i] == '\n') {
            line++;
            column = 1;
            continue;
        }
        if (i + 3 <= length && memcmp(text + i, bom, 3) == 0) {
            error_at(t, line, column,
                     "a byte-order mark (U+FEFF) inside the text; YAML allows one only at the "
                     "start of the file: remove it");
            found++;
        }
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            column++;
    }
    return found;
}

pacta_status pacta_yaml_tree_parse(pacta_arena_t *arena, const char *text, size_t length,
                                   const char *name, pacta_diag_t *diag, ynode_t **root,
                                   size_t *errors)
{
    *root = NULL;
    *errors = 0;
    pacta_status st = PACTA_OK;
    tree_builder_t t;
    memset(&t, 0, sizeof t);
    t.arena = arena;
    t.diag = diag;
    t.name = name;
    t.source = text;
    t.source_length = length;
    /* libfyaml 0.7.12 can loop forever on text that is not UTF-8 (found by fuzzing: a
     * directive line followed by invalid bytes), so it only ever sees valid text. */
    pacta_status text_status = pacta_check_text(text, length, name, diag);
    if (text_status != PACTA_OK) {
        *errors = 1;
        return text_status == PACTA_ENOMEM ? PACTA_ENOMEM : PACTA_OK;
    }
    if (report_inner_boms(&t, text, length) > 0) {
        *errors = t.errors;
        return t.oom ? PACTA_ENOMEM : PACTA_OK;
    }

    struct fy_diag *fdiag = NULL;
    struct fy_parser *parser = NULL;

    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = discard_output;
    dcfg.colorize = false;
    fdiag = fy_diag_create(&dcfg);
    if (fdiag == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    fy_diag_set_collect_errors(fdiag, true);

    struct fy_parse_cfg pcfg;
    memset(&pcfg, 0, sizeof pcfg);
    pcfg.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE;
    pcfg.diag = fdiag;
    parser = fy_parser_create(&pcfg);
    if (parser == NULL || fy_parser_set_string(parser, text, length) != 0) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }

    struct fy_event *e;
    while ((e = fy_parser_parse(parser)) != NULL) {
        switch (e->type) {
        case FYET_SCALAR:
            if (t.skip == 0)
                on_scalar(&t, e);
            break;
        case FYET_MAPPING_START:
            on_container_start(&t, e, YNODE_MAPPING);
            break;
        case FYET_SEQUENCE_START:
            on_container_start(&t, e, YNODE_SEQUENCE);
            break;
        case FYET_MAPPING_END:
        case FYET_SEQUENCE_END:
            on_container_end(&t);
            break;
        case FYET_ALIAS: {
            const struct fy_mark *mark = fy_event_start_mark(e);
            /* The mark is just after the '*'; report the '*' itself. */
            if (t.skip == 0)
                error_at(&t, mark ? mark->line + 1 : 0, mark && mark->column > 0 ? mark->column : 0,
                         "YAML aliases (*name) are not supported; write the value out");
            /* Keep mapping structure consistent: an alias stands in as an empty scalar. */
            if (t.skip == 0) {
                ynode_t *n = new_node(&t, YNODE_SCALAR, mark);
                if (n != NULL) {
                    n->text = "";
                    attach(&t, n);
                }
            }
            break;
        }
        default:
            break;
        }
        fy_parser_event_free(parser, e);
        if (t.oom)
            break;
    }
    if (!t.oom && fy_parser_get_stream_error(parser))
        collect_library_errors(&t, fdiag);
    if (t.oom)
        st = PACTA_ENOMEM;
    else
        *root = t.errors == 0 ? t.root : NULL;

cleanup:
    if (parser != NULL)
        fy_parser_destroy(parser);
    if (fdiag != NULL)
        fy_diag_destroy(fdiag);
    *errors = t.errors;
    return st;
}

bool pacta_ynode_is_null(const ynode_t *node)
{
    if (node == NULL || node->kind != YNODE_SCALAR || !node->plain)
        return false;
    const char *s = node->text;
    return s[0] == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
           strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

ynode_t *pacta_ynode_lookup(const ynode_t *mapping, const char *key)
{
    if (mapping == NULL || mapping->kind != YNODE_MAPPING)
        return NULL;
    for (size_t i = 0; i < mapping->count; i++)
        if (strcmp(mapping->keys[i]->text, key) == 0)
            return mapping->values[i];
    return NULL;
}

const char *pacta_ynode_describe(const ynode_t *node)
{
    if (node == NULL)
        return "nothing";
    switch (node->kind) {
    case YNODE_MAPPING:
        return "a mapping";
    case YNODE_SEQUENCE:
        return "a list";
    case YNODE_SCALAR:
        break;
    }
    if (pacta_ynode_is_null(node))
        return "an empty value";
    return node->plain ? "a plain value" : "quoted text";
}
