/* Drawing primitives and file handling of the alliance pictures (plot_internal.h): text with
 * anchors, lines, markers, tick steps, and the SVG or PNG surface a picture is drawn on. */
#include <cairo-svg.h>
#include <math.h>

#include "alliance/plot_internal.h"

void alliance_plot_colour(cairo_t *cr, rgb_t c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* Text anchored at (x, y): ax 0 left, 0.5 centre, 1 right; ay 0 top, 0.5 middle, 1
 * baseline. */
void alliance_plot_text(cairo_t *cr, double x, double y, const char *s, double size, bool bold,
                        double ax, double ay)
{
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    cairo_font_extents_t fe;
    cairo_font_extents(cr, &fe);
    double dy = ay >= 1 ? 0 : (ay <= 0 ? fe.ascent : 0.5 * (fe.ascent - fe.descent));
    cairo_move_to(cr, x - ax * e.x_advance, y + dy);
    cairo_show_text(cr, s);
}

double alliance_plot_text_width(cairo_t *cr, const char *s, double size, bool bold)
{
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

void alliance_plot_line(cairo_t *cr, double x0, double y0, double x1, double y1, double width)
{
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_stroke(cr);
}

void alliance_plot_dashed(cairo_t *cr, double x0, double y0, double x1, double y1, double width)
{
    static const double dash[] = {6, 4};
    cairo_set_dash(cr, dash, 2, 0);
    alliance_plot_line(cr, x0, y0, x1, y1, width);
    cairo_set_dash(cr, NULL, 0, 0);
}

void alliance_plot_marker(cairo_t *cr, double x, double y, double r, rgb_t c, bool filled)
{
    cairo_new_sub_path(cr);
    cairo_arc(cr, x, y, r, 0, 2 * PI);
    if (filled) {
        alliance_plot_colour(cr, c);
        cairo_fill_preserve(cr);
    } else {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
    }
    alliance_plot_colour(cr, c);
    cairo_set_line_width(cr, 1.5);
    cairo_stroke(cr);
}

void alliance_plot_background(cairo_t *cr)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
}

/* A "nice" step for about n ticks over span. */
double alliance_plot_nice_step(double span, int n)
{
    double raw = span / n, mag = pow(10, floor(log10(raw))), f = raw / mag;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

/* ---- files ------------------------------------------------------------------------------- */

pacta_status alliance_plot_finish(cairo_surface_t *surface, cairo_t *cr,
                                  pacta_alliance_plot_format format, const char *path)
{
    pacta_status st = PACTA_OK;
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        st = cairo_status(cr) == CAIRO_STATUS_NO_MEMORY ? PACTA_ENOMEM : PACTA_EIO;
    cairo_destroy(cr);
    if (st == PACTA_OK && format == PACTA_ALLIANCE_PLOT_PNG &&
        cairo_surface_write_to_png(surface, path) != CAIRO_STATUS_SUCCESS)
        st = PACTA_EIO;
    cairo_surface_finish(surface);
    if (st == PACTA_OK && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        st = PACTA_EIO;
    cairo_surface_destroy(surface);
    return st;
}

pacta_status alliance_plot_start(pacta_alliance_plot_format format, const char *path, int w, int h,
                                 cairo_surface_t **surface, cairo_t **cr)
{
    /* PNGs are drawn at twice the size so text stays sharp. */
    double scale = format == PACTA_ALLIANCE_PLOT_PNG ? 2.0 : 1.0;
    *surface =
        format == PACTA_ALLIANCE_PLOT_SVG
            ? cairo_svg_surface_create(path, w, h)
            : cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * scale), (int)(h * scale));
    if (cairo_surface_status(*surface) != CAIRO_STATUS_SUCCESS) {
        pacta_status st =
            cairo_surface_status(*surface) == CAIRO_STATUS_NO_MEMORY ? PACTA_ENOMEM : PACTA_EIO;
        cairo_surface_destroy(*surface);
        *surface = NULL;
        return st;
    }
    *cr = cairo_create(*surface);
    cairo_scale(*cr, scale, scale);
    return PACTA_OK;
}

pacta_status alliance_plot_done(cairo_surface_t *surface, cairo_t *cr,
                                pacta_alliance_plot_format format, const char *path,
                                pacta_status st)
{
    if (st == PACTA_OK && surface != NULL)
        return alliance_plot_finish(surface, cr, format, path);
    if (cr != NULL)
        cairo_destroy(cr);
    if (surface != NULL)
        cairo_surface_destroy(surface);
    return st;
}
