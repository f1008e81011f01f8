/* The money pictures of an alliance analysis: each member's gap to 3.5 % and 5 % in US$ as
 * bars (docs/alliance.md, A4), and the totals over every year — defence spending of the
 * alliance, the United States and the European allies and Canada at constant 2021 prices,
 * with what Europe and Canada would spend at 3.5 % (the trend). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alliance/plot_internal.h"
#include "core/alloc.h"

enum { GAP_W = 1000, GAP_ROW = 18, TOT_W = 900, TOT_H = 520 };

static int compare_gap(const void *a, const void *b)
{
    const pacta_alliance_member_t *p = *(const pacta_alliance_member_t *const *)a;
    const pacta_alliance_member_t *q = *(const pacta_alliance_member_t *const *)b;
    if (p->gap_money[2] != q->gap_money[2])
        return p->gap_money[2] > q->gap_money[2] ? -1 : 1;
    return strcmp(p->row->member, q->row->member);
}

/* Horizontal bars, largest gap to 5 % first: the gap to 3.5 % and, beyond it, the rest of the
 * gap to 5 %, in US$ bn at current prices. */
static void draw_gaps(cairo_t *cr, const pacta_alliance_result_t *res,
                      const pacta_alliance_member_t **m, size_t n, int height)
{
    const double left = 150, right = GAP_W - 90, top = 70;
    alliance_plot_background(cr);
    double max = 0;
    for (size_t i = 0; i < n; i++)
        max = fmax(max, m[i]->gap_money[2] / 1000);
    double step = alliance_plot_nice_step(max, 6), xmax = ceil(max / step) * step;
    double bottom = top + (double)n * GAP_ROW;
    char buf[64];
    alliance_plot_colour(cr, INK);
    snprintf(buf, sizeof buf, "Gaps to the Hague targets in %d, US$ bn (current prices)",
             res->year);
    alliance_plot_text(cr, left, 28, buf, 17, true, 0, 0.5);
    for (double v = 0; v <= xmax + 1e-9; v += step) {
        double x = left + (right - left) * v / xmax;
        alliance_plot_colour(cr, GRID);
        alliance_plot_line(cr, x, top - 4, x, bottom, 1);
        alliance_plot_colour(cr, MUTED);
        snprintf(buf, sizeof buf, "%.0f", v);
        alliance_plot_text(cr, x, bottom + 6, buf, 11, false, 0.5, 0);
    }
    for (size_t i = 0; i < n; i++) {
        double y = top + (double)i * GAP_ROW;
        double x35 = left + (right - left) * m[i]->gap_money[1] / 1000 / xmax;
        double x5 = left + (right - left) * m[i]->gap_money[2] / 1000 / xmax;
        alliance_plot_colour(cr, TARGET[1]);
        cairo_rectangle(cr, left, y + 3, x35 - left, GAP_ROW - 6);
        cairo_fill(cr);
        alliance_plot_colour(cr, TARGET[2]);
        cairo_rectangle(cr, x35, y + 3, x5 - x35, GAP_ROW - 6);
        cairo_fill(cr);
        alliance_plot_colour(cr, INK);
        alliance_plot_text(cr, left - 8, y + GAP_ROW / 2.0, m[i]->row->member, 11, false, 1, 0.5);
        snprintf(buf, sizeof buf, "%.1f", m[i]->gap_money[2] / 1000);
        alliance_plot_text(cr, x5 + 5, y + GAP_ROW / 2.0, buf, 10, false, 0, 0.5);
    }
    alliance_plot_colour(cr, TARGET[1]);
    cairo_rectangle(cr, left, 44, 14, 10);
    cairo_fill(cr);
    alliance_plot_colour(cr, TARGET[2]);
    cairo_rectangle(cr, left + 190, 44, 14, 10);
    cairo_fill(cr);
    alliance_plot_colour(cr, INK);
    alliance_plot_text(cr, left + 20, 49, "gap to 3.5 % core", 12, false, 0, 0.5);
    alliance_plot_text(cr, left + 210, 49, "further gap to 5 % (core only)", 12, false, 0, 0.5);
    alliance_plot_colour(cr, MUTED);
    snprintf(buf, sizeof buf, "Sum: all members %.1f bn to 3.5 %%, %.1f bn to 5 %%.",
             res->groups[0].gap_money[1] / 1000, res->groups[0].gap_money[2] / 1000);
    alliance_plot_text(cr, left, height - 14, buf, 11, false, 0, 1);
}

/* Lines over the years: defence at constant 2021 prices of the three groups, and the
 * European allies and Canada at 3.5 % (their spending plus their gap), US$ bn. */
static void draw_totals(cairo_t *cr, const pacta_alliance_result_t *res)
{
    const double left = 80, right = TOT_W - 250, top = 70, bottom = TOT_H - 60;
    alliance_plot_background(cr);
    size_t n = res->n_oz;
    double max = 0;
    for (size_t i = 0; i < n; i++) {
        const pacta_alliance_group_t *g = res->oz[i].groups;
        max = fmax(max, g[0].defence_constant / 1000);
        max = fmax(max, (g[2].defence_constant + g[2].gap_money_constant[1]) / 1000);
    }
    double step = alliance_plot_nice_step(max, 6), ymax = ceil(max / step) * step;
    int y0 = res->oz[0].year, y1 = res->oz[n - 1].year;
#define X(year) (left + (right - left) * ((year)-y0) / (double)(y1 > y0 ? y1 - y0 : 1))
#define Y(v) (bottom - (bottom - top) * (v) / ymax)
    char buf[96];
    alliance_plot_colour(cr, INK);
    alliance_plot_text(cr, left, 28, "Defence spending, US$ bn at constant 2021 prices", 17, true,
                       0, 0.5);
    for (double v = 0; v <= ymax + 1e-9; v += step) {
        alliance_plot_colour(cr, GRID);
        alliance_plot_line(cr, left, Y(v), right, Y(v), 1);
        alliance_plot_colour(cr, MUTED);
        snprintf(buf, sizeof buf, "%.0f", v);
        alliance_plot_text(cr, left - 8, Y(v), buf, 11, false, 1, 0.5);
    }
    for (int y = y0; y <= y1; y += 2) {
        snprintf(buf, sizeof buf, "%d", y);
        alliance_plot_text(cr, X(y), bottom + 8, buf, 11, false, 0.5, 0);
    }
    static const char *const label[4] = {
        "All members", "United States", "European allies and Canada", "Europe and Canada at 3.5 %"};
    const rgb_t col[4] = {INK, ORANGE, BLUE, BLUE};
    for (int k = 0; k < 4; k++) {
        alliance_plot_colour(cr, col[k]);
        bool open = false;
        for (size_t i = 0; i < n; i++) {
            const pacta_alliance_group_t *g = &res->oz[i].groups[k == 3 ? 2 : k];
            double v = (g->defence_constant + (k == 3 ? g->gap_money_constant[1] : 0)) / 1000;
            if (isnan(v)) {
                open = false;
                continue;
            }
            if (open)
                cairo_line_to(cr, X(res->oz[i].year), Y(v));
            else
                cairo_move_to(cr, X(res->oz[i].year), Y(v));
            open = true;
        }
        static const double dash[] = {6, 4};
        cairo_set_dash(cr, dash, k == 3 ? 2 : 0, 0);
        cairo_set_line_width(cr, 2.2);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        double ly = top + 20 + 22.0 * k;
        cairo_set_dash(cr, dash, k == 3 ? 2 : 0, 0);
        alliance_plot_line(cr, right + 12, ly, right + 36, ly, 2.2);
        cairo_set_dash(cr, NULL, 0, 0);
        alliance_plot_text(cr, right + 42, ly, label[k], 12, false, 0, 0.5);
    }
    alliance_plot_colour(cr, MUTED);
    alliance_plot_text(cr, left, TOT_H - 14,
                       "Members counted from their accession year (Finland 2023, Sweden 2024); "
                       "the last years are NATO estimates.",
                       11, false, 0, 1);
#undef X
#undef Y
}

pacta_status alliance_plot_money(const pacta_alliance_result_t *res,
                                 const pacta_alliance_data_t *data, pacta_alliance_plot_kind kind,
                                 pacta_alliance_plot_format format, const char *path,
                                 pacta_diag_t *diag)
{
    pacta_status st = PACTA_OK;
    cairo_surface_t *surface = NULL;
    cairo_t *cr = NULL;
    const pacta_alliance_member_t **m = NULL;
    if (kind == PACTA_ALLIANCE_PLOT_GAPS) {
        m = pacta_malloc((res->n_members ? res->n_members : 1) * sizeof *m);
        if (m == NULL)
            return PACTA_ENOMEM;
        size_t n = 0;
        for (size_t i = 0; i < res->n_members; i++)
            if (res->members[i].gap_money[2] > 0)
                m[n++] = &res->members[i];
        if (n == 0) {
            (void)pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, data->path, 0, 0, "gdp_current_musd",
                                  "no member has a money gap to 5 %% for %d (no GDP in the "
                                  "rows used, or every member is there)",
                                  res->year);
            st = PACTA_EINPUT;
            goto cleanup;
        }
        qsort(m, n, sizeof *m, compare_gap);
        int height = 70 + (int)n * GAP_ROW + 60;
        st = alliance_plot_start(format, path, GAP_W, height, &surface, &cr);
        if (st != PACTA_OK)
            goto cleanup;
        draw_gaps(cr, res, m, n, height);
    } else {
        size_t drawable = 0;
        for (size_t i = 0; i < res->n_oz; i++)
            drawable += !isnan(res->oz[i].groups[0].defence_constant);
        if (drawable == 0) {
            (void)pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, data->path, 0, 0,
                                  "defence_constant_musd",
                                  "no year has defence spending at constant prices, so the "
                                  "totals cannot be drawn");
            st = PACTA_EINPUT;
            goto cleanup;
        }
        st = alliance_plot_start(format, path, TOT_W, TOT_H, &surface, &cr);
        if (st != PACTA_OK)
            goto cleanup;
        draw_totals(cr, res);
    }
cleanup:
    st = alliance_plot_done(surface, cr, format, path, st);
    pacta_free(m);
    return st;
}
