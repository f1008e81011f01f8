/* Pictures of an alliance analysis, drawn with cairo. One drawing function per picture
 * draws on a cairo context; the context's surface decides the format (an SVG surface, or an
 * image surface written as PNG), so SVG and PNG come from the same code. */
#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alliance/plot_internal.h"
#include "core/alloc.h"
#include "core/tolerance.h"

/* ---- burden against GDP ------------------------------------------------------------------ */

typedef struct box {
    double x0, y0, x1, y1;
} box_t;

static bool overlaps(box_t a, box_t b)
{
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

enum { W1 = 1000, H1 = 680 };

/* The frame of the burden-GDP picture: the plot area in pixels, and its axes: log10 of GDP
 * in US$ billion from lo to hi, burden in % of GDP from 0 to ymax. */
typedef struct gdp_frame {
    double left, right, top, bottom;
    double lo, hi, ymax;
} gdp_frame_t;

static double gdp_x(const gdp_frame_t *f, double v)
{
    return f->left + (v - f->lo) / (f->hi - f->lo) * (f->right - f->left);
}

static double gdp_y(const gdp_frame_t *f, double v)
{
    return f->bottom - v / f->ymax * (f->bottom - f->top);
}

/* The axes' ranges for the points: GDP between 1-2-5 values outside the data, with a little
 * room so that no point sits on the frame; burden up to a whole percentage. */
static gdp_frame_t burden_gdp_frame(const pacta_alliance_member_t **pts, size_t n)
{
    gdp_frame_t f = {80, W1 - 230, 70, H1 - 70, INFINITY, -INFINITY, 5.5};
    for (size_t i = 0; i < n; i++) {
        double g = log10(pts[i]->gdp / 1000.0); /* US$ billion */
        f.lo = fmin(f.lo, g);
        f.hi = fmax(f.hi, g);
        f.ymax = fmax(f.ymax, pts[i]->burden * 1.08);
    }
    double lo = f.lo - 0.03, hi = f.hi + 0.03;
    static const double steps[] = {1, 2, 5};
    double lo_v = -INFINITY, hi_v = INFINITY;
    for (double d = floor(lo) - 1; d <= ceil(hi) + 1; d += 1)
        for (int k = 0; k < 3; k++) {
            double v = d + log10(steps[k]);
            if (v <= lo + 1e-12 && v > lo_v)
                lo_v = v;
            if (v >= hi - 1e-12 && v < hi_v)
                hi_v = v;
        }
    f.lo = lo_v;
    f.hi = hi_v > lo_v ? hi_v : lo_v + 1;
    f.ymax = ceil(f.ymax);
    return f;
}

/* Title, grid, axes and the target lines of the burden-GDP picture. */
static void burden_gdp_axes(cairo_t *cr, const pacta_alliance_result_t *res, const gdp_frame_t *f)
{
    const double left = f->left, right = f->right, top = f->top, bottom = f->bottom;
    alliance_plot_colour(cr, INK);
    char title[160];
    snprintf(title, sizeof title, "Defence burden against economic size, %d", res->year);
    alliance_plot_text(cr, left, 22, title, 19, true, 0, 0);
    alliance_plot_colour(cr, MUTED);
    alliance_plot_text(
        cr, left, 48,
        "Each point is a member; hollow points have GDP derived from defence spending and "
        "its published share",
        12, false, 0, 0);
    for (double d = floor(f->lo); d <= ceil(f->hi); d += 1) {
        for (int k = 1; k < 10; k++) {
            double v = d + log10(k);
            if (v < f->lo - PACTA_AXIS_SLACK || v > f->hi + PACTA_AXIS_SLACK)
                continue;
            bool major = k == 1 || k == 2 || k == 5;
            alliance_plot_colour(cr, GRID);
            alliance_plot_line(cr, gdp_x(f, v), top, gdp_x(f, v), bottom, major ? 1.0 : 0.5);
            if (!major)
                continue;
            char lab[32];
            double value = k * pow(10, d); /* US$ billion */
            if (value >= 1000)
                snprintf(lab, sizeof lab, "%g tn", value / 1000);
            else
                snprintf(lab, sizeof lab, "%g bn", value);
            alliance_plot_colour(cr, INK);
            alliance_plot_text(cr, gdp_x(f, v), bottom + 8, lab, 12, false, 0.5, 0);
        }
    }
    double step = alliance_plot_nice_step(f->ymax, 6);
    for (double v = 0; v <= f->ymax + PACTA_AXIS_SLACK; v += step) {
        alliance_plot_colour(cr, GRID);
        alliance_plot_line(cr, left, gdp_y(f, v), right, gdp_y(f, v), 1);
        char lab[16];
        snprintf(lab, sizeof lab, "%g %%", v);
        alliance_plot_colour(cr, INK);
        alliance_plot_text(cr, left - 8, gdp_y(f, v), lab, 12, false, 1, 0.5);
    }
    alliance_plot_colour(cr, INK);
    alliance_plot_line(cr, left, bottom, right, bottom, 1.2);
    alliance_plot_line(cr, left, top, left, bottom, 1.2);
    alliance_plot_text(cr, 0.5 * (left + right), bottom + 30, "GDP, US$ (log scale)", 13, false,
                       0.5, 0);
    cairo_save(cr);
    cairo_translate(cr, 22, 0.5 * (top + bottom));
    cairo_rotate(cr, -PI / 2);
    alliance_plot_text(cr, 0, 0, "Defence expenditure, % of GDP", 13, false, 0.5, 0.5);
    cairo_restore(cr);
    /* Targets, labelled in the right margin. */
    for (int t = 0; t < PACTA_ALLIANCE_N_TARGETS; t++) {
        double yv = gdp_y(f, pacta_alliance_targets[t]);
        alliance_plot_colour(cr, TARGET[t]);
        alliance_plot_dashed(cr, left, yv, right, yv, 1.6);
        alliance_plot_text(cr, right + 8, yv, TARGET_LABEL[t], 12, true, 0, 0.5);
    }
}

/* Where the label of a point at (px, py) goes: the first place, on rings ever further out,
 * inside the frame and clear of the nb boxes taken; *leader says whether it is far enough
 * away to need a line to its point. Crowded, it goes to the right anyway. */
static box_t place_label(const gdp_frame_t *f, const box_t *boxes, size_t nb, double px, double py,
                         double w, double h, bool *leader)
{
    static const double dx[] = {1, -1, 0, 0, 1, -1, 1, -1};
    static const double dy[] = {0, 0, -1, 1, -1, -1, 1, 1};
    *leader = false;
    for (int ring = 0; ring < 4; ring++) {
        double d = 8 + 12 * ring;
        for (int k = 0; k < 8; k++) {
            double cx = px + dx[k] * (d + 0.5 * w), cy = py + dy[k] * (d + 0.5 * h);
            box_t bx = {cx - 0.5 * w - 1, cy - 0.5 * h - 1, cx + 0.5 * w + 1, cy + 0.5 * h + 1};
            if (bx.x0 < f->left || bx.x1 > f->right || bx.y0 < f->top || bx.y1 > f->bottom)
                continue;
            bool clash = false;
            for (size_t j = 0; j < nb && !clash; j++)
                clash = overlaps(bx, boxes[j]);
            if (!clash) {
                *leader = ring > 0;
                return bx;
            }
        }
    }
    return (box_t){px + 7, py - 0.5 * h, px + 7 + w, py + 0.5 * h};
}

/* Points first, then labels placed where they hit no point and no other label. */
static void burden_gdp_points(cairo_t *cr, const gdp_frame_t *f,
                              const pacta_alliance_member_t **pts, size_t n, box_t *boxes)
{
    size_t nb = 0;
    for (size_t i = 0; i < n; i++) {
        double px = gdp_x(f, log10(pts[i]->gdp / 1000.0)), py = gdp_y(f, pts[i]->burden);
        bool us = strcmp(pts[i]->row->code, ALLIANCE_US_CODE) == 0;
        alliance_plot_marker(cr, px, py, 5, us ? ORANGE : BLUE, !pts[i]->gdp_derived);
        boxes[nb++] = (box_t){px - 5, py - 5, px + 5, py + 5};
    }
    for (size_t i = 0; i < n; i++) {
        double px = gdp_x(f, log10(pts[i]->gdp / 1000.0)), py = gdp_y(f, pts[i]->burden);
        const char *lab = pts[i]->row->code;
        double w = alliance_plot_text_width(cr, lab, 11, false), h = 11;
        bool leader;
        box_t placed = place_label(f, boxes, nb, px, py, w, h, &leader);
        boxes[nb++] = placed;
        double cx = 0.5 * (placed.x0 + placed.x1), cy = 0.5 * (placed.y0 + placed.y1);
        if (leader) {
            alliance_plot_colour(cr, MUTED);
            alliance_plot_line(cr, px, py, cx, cy, 0.6);
        }
        /* A white ground keeps the label legible over grid and target lines. */
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_rectangle(cr, placed.x0, placed.y0, placed.x1 - placed.x0, placed.y1 - placed.y0);
        cairo_fill(cr);
        alliance_plot_colour(cr, INK);
        alliance_plot_text(cr, cx, cy, lab, 11, false, 0.5, 0.5);
    }
}

/* The legend in the right margin and the footnote: how many members are shown. */
static void burden_gdp_legend(cairo_t *cr, const pacta_alliance_result_t *res, const gdp_frame_t *f,
                              size_t n)
{
    double lx = f->right + 12, ly = f->top + 10;
    alliance_plot_marker(cr, lx, ly, 5, ORANGE, true);
    alliance_plot_colour(cr, INK);
    alliance_plot_text(cr, lx + 12, ly, "United States", 12, false, 0, 0.5);
    alliance_plot_marker(cr, lx, ly + 22, 5, BLUE, true);
    alliance_plot_colour(cr, INK);
    alliance_plot_text(cr, lx + 12, ly + 22, "European allies, Canada", 12, false, 0, 0.5);
    alliance_plot_marker(cr, lx, ly + 44, 5, BLUE, false);
    alliance_plot_colour(cr, INK);
    alliance_plot_text(cr, lx + 12, ly + 44, "GDP derived", 12, false, 0, 0.5);
    alliance_plot_colour(cr, MUTED);
    char foot[300];
    size_t with_burden = 0;
    for (size_t i = 0; i < res->n_members; i++)
        with_burden += !isnan(res->members[i].burden);
    snprintf(foot, sizeof foot,
             "%zu of %zu members shown (the others have no GDP in these rows). Labels: ISO 3166 "
             "codes. Edition: %s.",
             n, with_burden, res->edition[0] ? res->edition : "newest per member");
    alliance_plot_text(cr, f->left, H1 - 14, foot, 11, false, 0, 1);
}

static int compare_gdp(const void *a, const void *b)
{
    const pacta_alliance_member_t *p = *(const pacta_alliance_member_t *const *)a;
    const pacta_alliance_member_t *q = *(const pacta_alliance_member_t *const *)b;
    if (p->gdp != q->gdp)
        return p->gdp < q->gdp ? -1 : 1;
    return strcmp(p->row->code, q->row->code);
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The rank line: the least-squares line of the burden ranks on the GDP ranks,
 * q = (n + 1)/2 + rho (r - (n + 1)/2) (equal spreads of the two rank sets), drawn at each
 * member's GDP with the fitted rank read back as a burden by interpolating between the
 * ordered burdens. Its slope shows the sign and strength of the Olson-Zeckhauser rho (A6);
 * rho = 0 gives the median burden everywhere. pts is sorted by GDP on return; sorted holds
 * n values. */
static void burden_gdp_rank_line(cairo_t *cr, const pacta_alliance_result_t *res,
                                 const gdp_frame_t *f, const pacta_alliance_member_t **pts,
                                 size_t n, double *sorted)
{
    int k = res->year - (res->n_oz ? res->oz[0].year : res->year);
    double rho = k >= 0 && (size_t)k < res->n_oz ? res->oz[k].all.rho : NAN;
    qsort(pts, n, sizeof *pts, compare_gdp);
    if (isnan(rho) || n < 3)
        return;
    for (size_t i = 0; i < n; i++)
        sorted[i] = pts[i]->burden;
    qsort(sorted, n, sizeof *sorted, compare_double);
    double mid = 0.5 * (double)(n + 1);
    for (size_t i = 0; i < n; i++) {
        double q = mid + rho * ((double)(i + 1) - mid) - 1; /* 0-based position */
        size_t lo = (size_t)floor(q);
        double frac = q - (double)lo;
        double b = lo + 1 < n ? sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]) : sorted[n - 1];
        double x = gdp_x(f, log10(pts[i]->gdp / 1000.0)), y = gdp_y(f, b);
        if (i == 0)
            cairo_move_to(cr, x, y);
        else
            cairo_line_to(cr, x, y);
    }
    alliance_plot_colour(cr, MUTED);
    cairo_set_line_width(cr, 2);
    cairo_stroke(cr);
    char lab[64];
    snprintf(lab, sizeof lab, "rank line, rho = %.2f", rho);
    alliance_plot_line(cr, f->right + 6, f->top + 76, f->right + 18, f->top + 76, 2);
    alliance_plot_text(cr, f->right + 24, f->top + 76, lab, 12, false, 0, 0.5);
}

static void draw_burden_gdp(cairo_t *cr, const pacta_alliance_result_t *res,
                            const pacta_alliance_member_t **pts, size_t n, box_t *boxes,
                            double *sorted)
{
    alliance_plot_background(cr);
    const gdp_frame_t f = burden_gdp_frame(pts, n);
    burden_gdp_axes(cr, res, &f);
    burden_gdp_rank_line(cr, res, &f, pts, n, sorted);
    burden_gdp_points(cr, &f, pts, n, boxes);
    burden_gdp_legend(cr, res, &f, n);
}

/* ---- burden over time, one panel per member ---------------------------------------------- */

enum { COLS = 6, PANEL_W = 200, PANEL_H = 120, PAD = 14 };

typedef struct series {
    const char *member;
    const char *code;
    double last;
    double *values; /* one per year, NAN when none */
    bool *estimate;
    bool *joined; /* the year is not before the member joined */
} series_t;

static int compare_series(const void *a, const void *b)
{
    const series_t *p = a, *q = b;
    bool pn = isnan(p->last), qn = isnan(q->last);
    if (pn != qn)
        return pn ? 1 : -1;
    if (!pn && p->last != q->last)
        return p->last > q->last ? -1 : 1;
    return strcmp(p->member, q->member);
}

static void draw_trend(cairo_t *cr, const pacta_alliance_result_t *res,
                       const pacta_alliance_data_t *data, series_t *s, size_t n, int y0, int y1,
                       int width, int height)
{
    alliance_plot_background(cr);
    double ymax = 4.0;
    for (size_t i = 0; i < n; i++)
        for (int y = y0; y <= y1; y++)
            if (!isnan(s[i].values[y - y0]))
                ymax = fmax(ymax, s[i].values[y - y0]);
    ymax = ceil(ymax + 0.25);
    alliance_plot_colour(cr, INK);
    char title[160];
    snprintf(title, sizeof title, "Defence burden over time, %d–%d, in %% of GDP", y0, y1);
    alliance_plot_text(cr, PAD, 20, title, 19, true, 0, 0);
    alliance_plot_colour(cr, MUTED);
    alliance_plot_text(
        cr, PAD, 46,
        "Panels in order of the burden in the analysed year. Dashed: 2 % and 3.5 %. Hollow "
        "points: estimates. Grey: before joining NATO.",
        12, false, 0, 0);
    (void)res;
    (void)data;
    double top0 = 70;
    for (size_t i = 0; i < n; i++) {
        int col = (int)(i % COLS), row = (int)(i / COLS);
        double px = PAD + col * (PANEL_W + PAD), py = top0 + row * (PANEL_H + PAD);
        double l = px + 30, r = px + PANEL_W - 6, t = py + 20, b = py + PANEL_H - 18;
#define X(v) (l + ((v)-y0) / (double)(y1 > y0 ? y1 - y0 : 1) * (r - l))
#define Y(v) (b - (v) / ymax * (b - t))
        alliance_plot_colour(cr, INK);
        char head[96];
        if (isnan(s[i].last))
            snprintf(head, sizeof head, "%s", s[i].member);
        else
            snprintf(head, sizeof head, "%s  %.2f", s[i].member, s[i].last);
        alliance_plot_text(cr, px + 4, py + 2, head, 11.5, true, 0, 0);
        alliance_plot_colour(cr, GRID);
        cairo_rectangle(cr, l, t, r - l, b - t);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
        for (int k = 0; k < 2; k++) {
            alliance_plot_colour(cr, TARGET[k]);
            alliance_plot_dashed(cr, l, Y(pacta_alliance_targets[k]), r,
                                 Y(pacta_alliance_targets[k]), 1);
        }
        alliance_plot_colour(cr, MUTED);
        for (double v = 0; v <= ymax + PACTA_AXIS_SLACK; v += ymax > 6 ? 2 : 1) {
            char lab[24];
            snprintf(lab, sizeof lab, "%g", v);
            alliance_plot_text(cr, l - 4, Y(v), lab, 9, false, 1, 0.5);
        }
        char ya[16];
        snprintf(ya, sizeof ya, "%d", y0);
        alliance_plot_text(cr, l, b + 3, ya, 9, false, 0, 0);
        snprintf(ya, sizeof ya, "%d", y1);
        alliance_plot_text(cr, r, b + 3, ya, 9, false, 1, 0);
        /* The line, broken where a year is missing; grey before the member joined. */
        cairo_set_line_width(cr, 1.8);
        for (int y = y0; y < y1; y++) {
            double v = s[i].values[y - y0], w = s[i].values[y + 1 - y0];
            if (isnan(v) || isnan(w))
                continue;
            alliance_plot_colour(cr, s[i].joined[y + 1 - y0] ? BLUE : MUTED);
            alliance_plot_line(cr, X(y), Y(v), X(y + 1), Y(w), 1.8);
        }
        for (int y = y0; y <= y1; y++) {
            double v = s[i].values[y - y0];
            if (!isnan(v))
                alliance_plot_marker(cr, X(y), Y(v), 2.2, s[i].joined[y - y0] ? BLUE : MUTED,
                                     !s[i].estimate[y - y0]);
        }
#undef X
#undef Y
    }
    alliance_plot_colour(cr, MUTED);
    alliance_plot_text(cr, PAD, height - 10,
                       "Source: the alliance table; each year from the newest edition "
                       "that has it (or the edition asked for).",
                       11, false, 0, 1);
    (void)width;
}

/* ---- the free-riding test over time ------------------------------------------------------ */

enum { W3 = 900, H3 = 520 };

static void draw_free_riding(cairo_t *cr, const pacta_alliance_result_t *res)
{
    const double left = 80, right = W3 - 200, top = 70, bottom = H3 - 70;
    int y0 = res->oz[0].year, y1 = res->oz[res->n_oz - 1].year;
    double span = y1 > y0 ? y1 - y0 : 1;
    double xlo = y0 - 0.5, xhi = y0 + span + 0.5;
#define X(v) (left + ((v)-xlo) / (xhi - xlo) * (right - left))
#define Y(v) (bottom - ((v) + 1) / 2 * (bottom - top))
    alliance_plot_background(cr);
    alliance_plot_colour(cr, INK);
    alliance_plot_text(cr, left, 22, "Free riding? Rank correlation of GDP and defence burden", 19,
                       true, 0, 0);
    alliance_plot_colour(cr, MUTED);
    alliance_plot_text(
        cr, left, 48,
        "Spearman's rho per year; filled points: one-sided p < 0.05 (larger members carry "
        "more, Olson & Zeckhauser 1966)",
        12, false, 0, 0);
    for (double v = -1; v <= 1 + PACTA_AXIS_SLACK; v += 0.5) {
        alliance_plot_colour(cr, v == 0 ? MUTED : GRID);
        alliance_plot_line(cr, left, Y(v), right, Y(v), v == 0 ? 1.2 : 1);
        char lab[16];
        snprintf(lab, sizeof lab, "%g", v);
        alliance_plot_colour(cr, INK);
        alliance_plot_text(cr, left - 8, Y(v), lab, 12, false, 1, 0.5);
    }
    int ystep = span > 12 ? 2 : 1;
    for (int y = y0; y <= y1; y += ystep) {
        char lab[8];
        snprintf(lab, sizeof lab, "%d", y);
        alliance_plot_colour(cr, GRID);
        alliance_plot_line(cr, X(y), top, X(y), bottom, 0.6);
        alliance_plot_colour(cr, INK);
        alliance_plot_text(cr, X(y), bottom + 8, lab, 12, false, 0.5, 0);
    }
    alliance_plot_colour(cr, INK);
    alliance_plot_line(cr, left, bottom, right, bottom, 1.2);
    alliance_plot_line(cr, left, top, left, bottom, 1.2);
    alliance_plot_text(cr, 0.5 * (left + right), bottom + 30, "Year", 13, false, 0.5, 0);
    cairo_save(cr);
    cairo_translate(cr, 24, 0.5 * (top + bottom));
    cairo_rotate(cr, -PI / 2);
    alliance_plot_text(cr, 0, 0, "Spearman's rho (GDP, burden)", 13, false, 0.5, 0.5);
    cairo_restore(cr);
    for (int which = 0; which < 2; which++) {
        rgb_t c = which == 0 ? BLUE : ORANGE;
        alliance_plot_colour(cr, c);
        cairo_set_line_width(cr, 2);
        bool open = false;
        for (size_t i = 0; i < res->n_oz; i++) {
            const pacta_alliance_spearman_t *s =
                which == 0 ? &res->oz[i].all : &res->oz[i].europe_canada;
            if (isnan(s->rho)) {
                open = false;
                continue;
            }
            if (open)
                cairo_line_to(cr, X(res->oz[i].year), Y(s->rho));
            else
                cairo_move_to(cr, X(res->oz[i].year), Y(s->rho));
            open = true;
        }
        cairo_stroke(cr);
        for (size_t i = 0; i < res->n_oz; i++) {
            const pacta_alliance_spearman_t *s =
                which == 0 ? &res->oz[i].all : &res->oz[i].europe_canada;
            if (isnan(s->rho))
                continue;
            alliance_plot_marker(cr, X(res->oz[i].year), Y(s->rho), 5, c, s->p_greater < 0.05);
            /* n beside the point: above for all members, below without the US. */
            char lab[24];
            snprintf(lab, sizeof lab, "n=%zu", s->n);
            alliance_plot_colour(cr, c);
            bool above = which == 0;
            if (Y(s->rho) > bottom - 20)
                above = true; /* keep clear of the year labels */
            else if (Y(s->rho) < top + 20)
                above = false;
            alliance_plot_text(cr, X(res->oz[i].year), Y(s->rho) + (above ? -9 : 9), lab, 9.5,
                               false, 0.5, above ? 1 : 0);
        }
    }
    double lx = right + 16, ly = top + 12;
    alliance_plot_marker(cr, lx, ly, 5, BLUE, true);
    alliance_plot_colour(cr, INK);
    alliance_plot_text(cr, lx + 12, ly, "All members", 12, false, 0, 0.5);
    alliance_plot_marker(cr, lx, ly + 22, 5, ORANGE, true);
    alliance_plot_colour(cr, INK);
    alliance_plot_text(cr, lx + 12, ly + 22, "Without the US", 12, false, 0, 0.5);
    alliance_plot_marker(cr, lx, ly + 44, 5, MUTED, false);
    alliance_plot_colour(cr, INK);
    alliance_plot_text(cr, lx + 12, ly + 44, "p >= 0.05", 12, false, 0, 0.5);
    alliance_plot_colour(cr, MUTED);
    alliance_plot_text(cr, lx, ly + 76, "rho > 0: larger", 11, false, 0, 0.5);
    alliance_plot_text(cr, lx, ly + 92, "members spend a", 11, false, 0, 0.5);
    alliance_plot_text(cr, lx, ly + 108, "larger share of GDP", 11, false, 0, 0.5);
    alliance_plot_text(
        cr, left, H3 - 14,
        "Members with GDP and a burden in the year; p from exact permutations (n <= 9) or "
        "Student's t. See docs/alliance.md.",
        11, false, 0, 1);
#undef X
#undef Y
}

const char *pacta_alliance_plot_name(pacta_alliance_plot_kind kind)
{
    switch (kind) {
    case PACTA_ALLIANCE_PLOT_BURDEN_GDP:
        return "burden-gdp";
    case PACTA_ALLIANCE_PLOT_TREND:
        return "trend";
    case PACTA_ALLIANCE_PLOT_FREE_RIDING:
        return "free-riding";
    case PACTA_ALLIANCE_PLOT_GAPS:
        return "gaps";
    case PACTA_ALLIANCE_PLOT_TOTALS:
        return "totals";
    }
    return "unknown";
}

pacta_status pacta_alliance_plot(const pacta_alliance_result_t *res,
                                 const pacta_alliance_data_t *data, pacta_alliance_plot_kind kind,
                                 pacta_alliance_plot_format format, const char *path,
                                 pacta_diag_t *diag)
{
    pacta_status st = PACTA_OK;
    cairo_surface_t *surface = NULL;
    cairo_t *cr = NULL;
    const pacta_alliance_member_t **pts = NULL;
    box_t *boxes = NULL;
    series_t *series = NULL;
    double *values = NULL;
    bool *estimates = NULL, *members = NULL;

    if (kind == PACTA_ALLIANCE_PLOT_GAPS || kind == PACTA_ALLIANCE_PLOT_TOTALS)
        return alliance_plot_money(res, data, kind, format, path, diag);

    if (kind == PACTA_ALLIANCE_PLOT_BURDEN_GDP) {
        pts = pacta_malloc((res->n_members ? res->n_members : 1) * sizeof *pts);
        boxes = pacta_malloc((2 * res->n_members + 1) * sizeof *boxes);
        values = pacta_malloc((res->n_members ? res->n_members : 1) * sizeof *values);
        if (pts == NULL || boxes == NULL || values == NULL) {
            st = PACTA_ENOMEM;
            goto cleanup;
        }
        size_t n = 0;
        for (size_t i = 0; i < res->n_members; i++)
            if (!isnan(res->members[i].burden) && res->members[i].gdp > 0)
                pts[n++] = &res->members[i];
        if (n == 0) {
            (void)pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, data->path, 0, 0, "gdp_current_musd",
                                  "no member has GDP (published or derived) for %d in the "
                                  "rows used, so the burden-GDP picture cannot be drawn; "
                                  "choose a year or --edition whose rows have money figures",
                                  res->year);
            st = PACTA_EINPUT;
            goto cleanup;
        }
        st = alliance_plot_start(format, path, W1, H1, &surface, &cr);
        if (st != PACTA_OK)
            goto cleanup;
        draw_burden_gdp(cr, res, pts, n, boxes, values);
    } else if (kind == PACTA_ALLIANCE_PLOT_TREND) {
        int y0 = data->first_year, y1 = data->last_year, ny = y1 - y0 + 1;
        series = pacta_calloc(data->n_rows, sizeof *series);
        values = pacta_malloc(data->n_rows * (size_t)ny * sizeof *values);
        estimates = pacta_calloc(data->n_rows * (size_t)ny, sizeof *estimates);
        members = pacta_calloc(data->n_rows * (size_t)ny, sizeof *members);
        if (series == NULL || values == NULL || estimates == NULL || members == NULL) {
            st = PACTA_ENOMEM;
            goto cleanup;
        }
        size_t n = 0;
        for (size_t i = 0; i < data->n_rows; i++) {
            const char *code = data->rows[i].code;
            if (n > 0 && strcmp(series[n - 1].code, code) == 0)
                continue;
            series_t *s = &series[n];
            s->code = code;
            s->member = data->rows[i].member;
            s->values = values + n * (size_t)ny;
            s->estimate = estimates + n * (size_t)ny;
            s->joined = members + n * (size_t)ny;
            s->last = NAN;
            bool any = false;
            for (int y = y0; y <= y1; y++) {
                const char *ed = res->edition[0] ? res->edition : NULL;
                const pacta_alliance_row_t *r = pacta_alliance_find_row(data, code, y, ed);
                pacta_alliance_basis basis;
                double b = r != NULL ? pacta_alliance_row_burden(r, res->trust, &basis) : NAN;
                s->values[y - y0] = b;
                s->estimate[y - y0] = r != NULL && r->estimate;
                s->joined[y - y0] = r != NULL && pacta_alliance_row_is_member(r);
                if (!isnan(b) && s->joined[y - y0]) {
                    any = true;
                    if (y <= res->year)
                        s->last = b;
                }
            }
            n += any ? 1 : 0;
        }
        if (n == 0) {
            (void)pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, data->path, 0, 0, "",
                                  "no member has a burden in any year");
            st = PACTA_EINPUT;
            goto cleanup;
        }
        qsort(series, n, sizeof *series, compare_series);
        int rows = (int)((n + COLS - 1) / COLS);
        int width = PAD + COLS * (PANEL_W + PAD), height = 70 + rows * (PANEL_H + PAD) + 24;
        st = alliance_plot_start(format, path, width, height, &surface, &cr);
        if (st != PACTA_OK)
            goto cleanup;
        draw_trend(cr, res, data, series, n, y0, y1, width, height);
    } else {
        size_t drawable = 0;
        for (size_t i = 0; i < res->n_oz; i++)
            drawable += !isnan(res->oz[i].all.rho) || !isnan(res->oz[i].europe_canada.rho);
        if (drawable == 0) {
            (void)pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, data->path, 0, 0, "gdp_current_musd",
                                  "no year has three or more members with GDP and a burden, so "
                                  "the free-riding test cannot be drawn");
            st = PACTA_EINPUT;
            goto cleanup;
        }
        st = alliance_plot_start(format, path, W3, H3, &surface, &cr);
        if (st != PACTA_OK)
            goto cleanup;
        draw_free_riding(cr, res);
    }
cleanup:
    st = alliance_plot_done(surface, cr, format, path, st);
    pacta_free(pts);
    pacta_free(boxes);
    pacta_free(series);
    pacta_free(values);
    pacta_free(estimates);
    pacta_free(members);
    return st;
}
