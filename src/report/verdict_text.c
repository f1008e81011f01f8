/* The reconciled verdict of a proposal in words: one function, so that 'pacta evaluate' and
 * the HTML report say the same thing (issue 14). The facts come from the library's
 * pacta_reconciled_verdict_t; this only phrases them. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <pacta/pacta.h>

typedef struct phrase {
    char *buf;
    size_t size, used;
} phrase_t;

static void put(phrase_t *p, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void put(phrase_t *p, const char *format, ...)
{
    if (p->used >= p->size)
        return;
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(p->buf + p->used, p->size - p->used, format, ap);
    va_end(ap);
    if (n > 0)
        p->used += (size_t)n < p->size - p->used ? (size_t)n : p->size - p->used - 1;
}

size_t pacta_verdict_describe(char *buf, size_t size, const pacta_scenario_t *s,
                              const pacta_proposal_verdict_t *v)
{
    phrase_t p = {buf, size, 0};
    if (size == 0)
        return 0;
    buf[0] = '\0';
    const pacta_bargaining_verdict_t *b = &v->bargaining;
    const pacta_commitment_verdict_t *c = &v->commitment;
    const pacta_reconciled_verdict_t *r = &v->reconciled;
    if (r->viable) {
        put(&p, "%s", b->present ? "every veto player accepts, it lies inside the bargaining "
                                   "range and it would hold"
                                 : "every veto player accepts");
    } else {
        const char *sep = "";
        if (!v->vetoes_accept) {
            put(&p, "blocked by");
            bool first = true;
            for (size_t a = 0; a < s->n_actors; a++)
                if (v->actors[a].takes_part && s->actors[a].veto && !v->actors[a].accepts) {
                    put(&p, "%s %s", first ? "" : ",", s->actors[a].name);
                    first = false;
                }
            put(&p, " (veto)");
            sep = "; ";
        }
        if (r->fights_on != 0) {
            put(&p, "%sside %c expects more by fighting on (its margin %+.3f on the stake)", sep,
                r->fights_on, r->fights_on == 'A' ? b->margin_a : b->margin_b);
            sep = "; ";
        }
        if (r->stops_holding >= 0 && c->first_negative >= 0)
            put(&p, "%swould not last: side %c would rather fight again from year %d", sep,
                c->negative_side, c->first_negative);
        else if (r->stops_holding >= 0)
            put(&p,
                "%swould not last: the power shift after year %d is too fast to be bought off "
                "(Powell)",
                sep, c->powell_year);
    }
    if (v->emboldening.present && v->emboldening.emboldens)
        put(&p, "; it emboldens the aggressor");
    return p.used;
}
