/* What the scenario tests share: one diagnostics object, and asserts that some diagnostic
 * has a given location, field and message fragment (printing all of them when none has). */
#ifndef PACTA_SCENARIO_TEST_H
#define PACTA_SCENARIO_TEST_H

#include "test.h"

#include <pacta/pacta.h>

static pacta_diag_t *diag;

/* Whether some diagnostic has this line, column (0 = any), field and message fragment. */
static inline bool has_diag(int line, int column, const char *field, const char *fragment)
{
    for (size_t i = 0; i < pacta_diag_count(diag); i++) {
        const pacta_diag_entry_t *e = pacta_diag_get(diag, i);
        if ((line == 0 || e->line == line) && (column == 0 || e->column == column) &&
            (field == NULL || strcmp(e->field, field) == 0) && strstr(e->message, fragment))
            return true;
    }
    return false;
}

static inline void dump_diags(void)
{
    for (size_t i = 0; i < pacta_diag_count(diag); i++) {
        const pacta_diag_entry_t *e = pacta_diag_get(diag, i);
        fprintf(stderr, "    %d:%d %s: %s\n", e->line, e->column, e->field, e->message);
    }
}

#define ASSERT_DIAG(line, column, field, fragment)                                                 \
    do {                                                                                           \
        test_checks++;                                                                             \
        if (!has_diag(line, column, field, fragment)) {                                            \
            TEST_FAIL_("no diagnostic %d:%d %s: ...%s...; got:", line, column,                     \
                       field ? field : "*", fragment);                                             \
            dump_diags();                                                                          \
        }                                                                                          \
    } while (0)

#endif
