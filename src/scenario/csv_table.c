/* A scenario's CSV text as a table (csv_table.h). */
#include <string.h>

#include "core/text.h"
#include "scenario/csv_table.h"

bool pacta_csv_table_parse(scenario_builder_t *b, pacta_table_t *t, const char *text, size_t length)
{
    pacta_table_options_t o;
    pacta_table_options_default(&o);
    o.skip_bom = false; /* pacta_scenario_parse_as() skips one */
    o.unclosed_hint = "(an unterminated quoted field?)";
    o.unclosed_at_row = false;
    o.max_columns = CSV_MAX_COLUMNS;
    o.max_rows = PACTA_MAX_ACTORS + 1;
    pacta_status st = pacta_table_parse(t, text, length, b->file, b->owner->arena, &o, b->diag);
    if (st == PACTA_ENOMEM) {
        pacta_builder_oom(b);
        return false;
    }
    switch (t->end) {
    case PACTA_TABLE_SYNTAX:
        b->errors++; /* reported */
        return true;
    case PACTA_TABLE_TOO_MANY_COLUMNS:
        pacta_builder_error(b, (pacta_location_t){t->end_row_line, 0}, "",
                            "the row has more than %d columns", CSV_MAX_COLUMNS);
        return false;
    case PACTA_TABLE_TOO_MANY_ROWS:
        pacta_builder_error(b, (pacta_location_t){t->end_line, 0}, "",
                            "the table has more than %d actor rows", PACTA_MAX_ACTORS);
        return false;
    default:
        return true;
    }
}

bool pacta_csv_cell_number(scenario_builder_t *b, const pacta_table_row_t *row, long col,
                           const char *field, double *out)
{
    const pacta_table_cell_t *c = &row->cells[col];
    /* Spreadsheet exports often pad cells with spaces; they carry no meaning here. */
    size_t n = c->length;
    const char *s = pacta_table_span_trim(c->text, &n);
    number_error e = pacta_parse_number(s, n, out);
    if (e != NUMBER_OK) {
        pacta_builder_error(b, (pacta_location_t){row->line, 0}, field, "'%.40s' %s", c->text,
                            pacta_number_error_text(e));
        return false;
    }
    return true;
}

bool pacta_csv_cell_blank(const pacta_table_row_t *row, long col)
{
    return pacta_table_cell_blank(&row->cells[col]);
}
