/* HTML escaping and the pieces of the report page (html.h): head with the style sheet, and
 * the inline SVG plots. Nothing here fetches anything: the page must open offline. */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include <pacta/report.h>

#include "html.h"

bool pacta_html_escape(FILE *stream, const char *text)
{
    if (text == NULL)
        return true;
    for (const char *p = text; *p != '\0'; p++) {
        int ok;
        switch (*p) {
        case '&':
            ok = fputs("&amp;", stream);
            break;
        case '<':
            ok = fputs("&lt;", stream);
            break;
        case '>':
            ok = fputs("&gt;", stream);
            break;
        case '"':
            ok = fputs("&quot;", stream);
            break;
        case '\'':
            ok = fputs("&#39;", stream);
            break;
        default:
            ok = fputc((unsigned char)*p, stream);
            break;
        }
        if (ok == EOF)
            return false;
    }
    return true;
}

/* Readable on a phone (the tables scroll sideways inside their wrapper instead of widening
 * the page), and printable (no navigation, links spelt out, figures kept whole). */
static const char style[] =
    "body{font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",sans-serif;max-width:62rem;"
    "margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}\n"
    "h1{font-size:1.8rem;margin:.5rem 0}h2{font-size:1.4rem;margin-top:2rem;"
    "border-bottom:2px solid #ccc}h3{font-size:1.1rem;margin-top:1.5rem}\n"
    ".wrap{overflow-x:auto;-webkit-overflow-scrolling:touch}\n"
    "table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.95rem}\n"
    "th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;"
    "vertical-align:top}\n"
    "thead th{border-bottom:2px solid #999}td.n{text-align:right;"
    "font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "caption{text-align:left;font-weight:600;padding:.25rem 0;caption-side:top}\n"
    "figure{margin:1rem 0}figcaption{font-size:.9rem;color:#444}\n"
    "svg{max-width:100%;height:auto;display:block}\n"
    ".yes{color:#1b5e20}.no{color:#b71c1c}.muted{color:#555}\n"
    ".key{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;"
    "font-size:.9rem}\n"
    ".sw{display:inline-block;width:1.5em;height:.25em;margin-right:.35em;vertical-align:middle}\n"
    "nav ul{padding-left:1.2rem}\n"
    "@media (max-width:40rem){body{padding:.5rem;font-size:15px}h1{font-size:1.4rem}}\n"
    "@media print{nav{display:none}body{max-width:none;font-size:10.5pt;padding:0}"
    "a{color:inherit}a[href^=\"http\"]::after{content:\" (\" attr(href) \")\";font-size:90%}"
    "figure,table,.verdict{break-inside:avoid}h2,h3{break-after:avoid}"
    ".wrap{overflow:visible}}\n";

void pacta_html_head(FILE *f, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
          "<title>",
          f);
    pacta_html_escape(f, title);
    fputs(" - pacta report</title>\n<style>\n", f);
    fputs(style, f);
    fputs("</style>\n</head>\n<body>\n", f);
}

void pacta_html_tail(FILE *f)
{
    fputs("</body>\n</html>\n", f);
}

/* Okabe and Ito's palette, which stays distinguishable with the common colour blindnesses,
 * for the actors; the median line is black. */
static const char *const palette[] = {"#E69F00", "#56B4E9", "#009E73", "#D55E00",
                                      "#0072B2", "#CC79A7", "#F0E442", "#999999"};

const char *pacta_html_colour(size_t i)
{
    return palette[i % (sizeof palette / sizeof palette[0])];
}

/* The plot area of both pictures, in SVG user units. */
enum { WIDTH = 640, LEFT = 44, RIGHT = 624, TOP = 12 };

/* Opens the picture and its <desc>, which the caller fills and closes. */
static void svg_open(FILE *f, int height, const char *title)
{
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
            "height=\"%d\" role=\"img\" font-size=\"12\" "
            "font-family=\"sans-serif\"><title>",
            WIDTH, height, WIDTH, height);
    pacta_html_escape(f, title);
    fputs("</title><desc>", f);
}

/* The 0-100 axis on the left, with grid lines at 0, 25, ..., 100. */
static void value_axis(FILE *f, int bottom)
{
    for (int v = 0; v <= 100; v += 25) {
        double y = bottom - (bottom - TOP) * v / 100.0;
        fprintf(f,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#444\">%d</text>\n",
                LEFT, y, RIGHT, y, LEFT - 6, y + 4, v);
    }
}

/* A position to plot, kept inside the scale so that no point leaves the picture (a value
 * that is not a number is drawn at the middle rather than written as "nan"). */
static double round_value(const pacta_round_t *round, size_t j, bool median)
{
    double v = median ? round->median : round->position[j];
    return isfinite(v) ? fmin(fmax(v, 0.0), 100.0) : 50.0;
}

static void trajectory_desc(FILE *f, const pacta_scenario_t *s, const pacta_forecast_entry_t *e)
{
    const pacta_model_result_t *r = &e->result;
    const pacta_round_t *first = &r->rounds[0], *last = &r->rounds[r->n_rounds - 1];
    fprintf(f, "Rounds 0 to %d. ", last->round);
    for (size_t j = 0; j < e->n_actors; j++) {
        pacta_html_escape(f, s->actors[e->actors[j]].name);
        fprintf(f, ": from %.1f to %.1f. ", first->position[j], last->position[j]);
    }
    fprintf(f, "Weighted median: from %.1f to %.1f.", first->median, last->median);
}

void pacta_html_trajectory(FILE *f, const char *title, const pacta_scenario_t *scenario,
                           const pacta_forecast_entry_t *entry)
{
    const pacta_model_result_t *result = &entry->result;
    size_t n_rounds = result->n_rounds;
    const int height = 250, bottom = 220;
    svg_open(f, height, title);
    trajectory_desc(f, scenario, entry);
    fputs("</desc>\n", f);
    value_axis(f, bottom);
    double dx = n_rounds > 1 ? (double)(RIGHT - LEFT) / (double)(n_rounds - 1) : 0.0;
    size_t step = n_rounds > 10 ? (n_rounds + 9) / 10 : 1;
    for (size_t r = 0; r < n_rounds; r += step)
        fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">%d</text>\n",
                LEFT + dx * (double)r, bottom + 16, result->rounds[r].round);
    fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">round</text>\n",
            (LEFT + RIGHT) / 2, bottom + 30);
    /* The actors first, the median last so that it is drawn on top. */
    for (size_t i = 0; i <= entry->n_actors; i++) {
        bool median = i == entry->n_actors;
        fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s points=\"",
                median ? "#000" : pacta_html_colour(i), median ? "2.5" : "1.8",
                median ? " stroke-dasharray=\"6 3\"" : "");
        for (size_t r = 0; r < n_rounds; r++)
            fprintf(f, "%s%.1f,%.1f", r ? " " : "", LEFT + dx * (double)r,
                    bottom - (bottom - TOP) * round_value(&result->rounds[r], i, median) / 100.0);
        if (n_rounds == 1) /* one round: a short level segment, so that the value shows */
            fprintf(f, " %.1f,%.1f", LEFT + 8.0,
                    bottom - (bottom - TOP) * round_value(&result->rounds[0], i, median) / 100.0);
        fputs("\"><title>", f);
        if (median)
            fputs("weighted median", f);
        else
            pacta_html_escape(f, scenario->actors[entry->actors[i]].name);
        fputs("</title></polyline>\n", f);
    }
    fputs("</svg>\n<ul class=\"key\">", f);
    for (size_t i = 0; i < entry->n_actors; i++) {
        fprintf(f, "<li><span class=\"sw\" style=\"background:%s\"></span>", pacta_html_colour(i));
        pacta_html_escape(f, scenario->actors[entry->actors[i]].name);
        fputs("</li>", f);
    }
    fputs("<li><span class=\"sw\" style=\"background:#000\"></span>weighted median "
          "(dashed)</li></ul>\n",
          f);
}

void pacta_html_histogram(FILE *f, const char *title, const char *desc, const uint64_t *counts,
                          size_t n_bins)
{
    enum { BARS = 50 };
    const int height = 200, bottom = 170;
    uint64_t bar[BARS] = {0}, top = 0;
    for (size_t b = 0; b < n_bins; b++) {
        size_t k = n_bins > 0 ? b * BARS / n_bins : 0;
        bar[k < BARS ? k : BARS - 1] += counts[b];
    }
    for (size_t k = 0; k < BARS; k++)
        if (bar[k] > top)
            top = bar[k];
    svg_open(f, height, title);
    pacta_html_escape(f, desc);
    fputs("</desc>\n", f);
    fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n", LEFT, bottom,
            RIGHT, bottom);
    for (int v = 0; v <= 100; v += 10)
        fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">%d</text>\n",
                LEFT + (RIGHT - LEFT) * v / 100.0, bottom + 16, v);
    double w = (double)(RIGHT - LEFT) / BARS;
    for (size_t k = 0; k < BARS && top > 0; k++) {
        if (bar[k] == 0)
            continue;
        double h = (double)(bottom - TOP) * (double)bar[k] / (double)top;
        fprintf(f,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                "<title>%zu-%zu: %llu runs</title></rect>\n",
                LEFT + w * (double)k + 0.5, bottom - h, w - 1.0, h, pacta_html_colour(4),
                k * 100 / BARS, (k + 1) * 100 / BARS, (unsigned long long)bar[k]);
    }
    fputs("</svg>\n", f);
}
