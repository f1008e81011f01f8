/* Private to src/alliance: the drawing primitives, colours and file handling shared by the
 * pictures (plot.c: burden against GDP, burden over time, free riding; plot_money.c: gaps in
 * US$ and the totals over time). */
#ifndef PACTA_ALLIANCE_PLOT_INTERNAL_H
#define PACTA_ALLIANCE_PLOT_INTERNAL_H

#include <cairo.h>
#include <stdbool.h>

#include "alliance/alliance_internal.h"

#define FONT "DejaVu Sans"

static const double PI = 3.14159265358979323846;

typedef struct rgb {
    double r, g, b;
} rgb_t;

static const rgb_t INK = {0.13, 0.13, 0.13};
static const rgb_t GRID = {0.88, 0.88, 0.88};
static const rgb_t MUTED = {0.45, 0.45, 0.45};
static const rgb_t BLUE = {0.12, 0.39, 0.67};   /* European allies and Canada */
static const rgb_t ORANGE = {0.85, 0.37, 0.01}; /* United States, without-US series */
static const rgb_t TARGET[PACTA_ALLIANCE_N_TARGETS] = {
    {0.20, 0.55, 0.20}, {0.80, 0.50, 0.00}, {0.75, 0.10, 0.10}};
static const char *const TARGET_LABEL[PACTA_ALLIANCE_N_TARGETS] = {
    "2 % (Wales 2014)", "3.5 % core (Hague, by 2035)", "5 % total (Hague, by 2035)"};

/* Text anchored at (x, y): ax 0 left, 0.5 centre, 1 right; ay 0 top, 0.5 middle, 1
 * baseline. The other helpers draw a line, a dashed line, a circle marker, a white
 * background, and pick a "nice" tick step for about n ticks over span. */
void alliance_plot_colour(cairo_t *cr, rgb_t c);
void alliance_plot_text(cairo_t *cr, double x, double y, const char *s, double size, bool bold,
                        double ax, double ay);
double alliance_plot_text_width(cairo_t *cr, const char *s, double size, bool bold);
void alliance_plot_line(cairo_t *cr, double x0, double y0, double x1, double y1, double width);
void alliance_plot_dashed(cairo_t *cr, double x0, double y0, double x1, double y1, double width);
void alliance_plot_marker(cairo_t *cr, double x, double y, double r, rgb_t c, bool filled);
void alliance_plot_background(cairo_t *cr);
double alliance_plot_nice_step(double span, int n);
pacta_status alliance_plot_finish(cairo_surface_t *surface, cairo_t *cr,
                                  pacta_alliance_plot_format format, const char *path);
pacta_status alliance_plot_start(pacta_alliance_plot_format format, const char *path, int w, int h,
                                 cairo_surface_t **surface, cairo_t **cr);

/* The end of every picture: with st PACTA_OK (and a surface), finish and write the file and
 * return its status; otherwise free what was made and return st. */
pacta_status alliance_plot_done(cairo_surface_t *surface, cairo_t *cr,
                                pacta_alliance_plot_format format, const char *path,
                                pacta_status st);

/* The money pictures (plot_money.c): kind PACTA_ALLIANCE_PLOT_GAPS or _TOTALS. */
pacta_status alliance_plot_money(const pacta_alliance_result_t *res,
                                 const pacta_alliance_data_t *data, pacta_alliance_plot_kind kind,
                                 pacta_alliance_plot_format format, const char *path,
                                 pacta_diag_t *diag);

#endif
