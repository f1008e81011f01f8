/* Delimited tables read whole (backtest_internal.h), through the library's table reader. */
#include <string.h>

#include "backtest/backtest_internal.h"

pacta_status pacta_bt_table_read(pacta_table_t *t, const char *path, unsigned char delimiter,
                                 pacta_diag_t *diag)
{
    pacta_table_options_t o;
    pacta_table_options_default(&o);
    o.delimiter = delimiter;
    o.what = delimiter == '\t' ? "tab-separated text" : "CSV text";
    pacta_status st = pacta_table_read(t, path, &o, diag);
    if (st == PACTA_OK) {
        size_t kept = 0;
        for (size_t i = 0; i < t->n_rows; i++)
            if (!pacta_table_row_blank(&t->rows[i]))
                t->rows[kept++] = t->rows[i];
        t->n_rows = kept;
        if (kept == 0) {
            pacta_diag_add(diag, PACTA_SEVERITY_ERROR, t->file, 1, 0, "",
                           "the file is empty: expected a header row");
            st = PACTA_EINPUT;
        }
    }
    if (st != PACTA_OK)
        pacta_table_free(t);
    return st;
}
