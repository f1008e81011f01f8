/* The vote sums of the expected-utility model, naive and fast (see bdm_kernel.h).
 *
 * Fast, linear votes. For actors lo < hi (positions) a voter at y casts
 *
 *     v(y) = w (|y - hi| - |y - lo|) =  w (hi - lo)        y <= lo          (region L)
 *                                       w (lo + hi - 2y)   lo < y < hi      (M1 and M2)
 *                                      -w (hi - lo)        y >= hi          (region H)
 *
 * in favour of lo, so with voters sorted by position and prefix sums W(k) = sum u and
 * X(k) = sum u y over the first k sorted voters, every sum over voters is a handful of
 * prefix-sum differences once the split points are known: the ends of lo's and hi's groups
 * of co-located voters (kept per distinct position) and where the voters between them stop
 * being closer to lo (a binary search over the distinct positions). The split uses the same
 * rounded distances as the naive sums, fl(hi - y) against fl(y - lo), so both put every
 * voter on the same side; voters at equal rounded distances cast 0 and are left out.
 * Accuracy is discussed at linear_favour: the part between lo and hi runs in double-double.
 *
 * Fast, risk-powered votes (scholz-code). Voter k's utility difference is
 * c_k s_k (D_kb - D_ka) with D_ka = (|y_k - x_a| / R)^{r_k}. It is positive exactly when k
 * is closer to a (r_k > 0), so the favourable set is again a prefix or a suffix of the
 * sorted voters, but D is no longer linear in y. A table with one row per distinct position
 * t of the running sums of c s D(., t), taken outward from t (n^2 pow calls), answers a
 * pair from two rows; sums over the voters nearest a row's position, whose D are small, are
 * read directly rather than as a difference of large sums. The all-pairs denominator
 * sum_k c_k s_k sum_a sum_b |D_ka - D_kb| is, per voter, twice the sum of the pairwise gaps
 * of n values; visiting them in increasing order (a merge of the distances to the left and
 * to the right, which the sort already orders) it is sum_i (D_(i) - D_(i-1)) i (n - i), a
 * sum of non-negative terms: O(n) per voter. When every r is 1 (the security pass, or
 * risk=neutral) the votes are linear and the linear sums serve. */
#include "models/bdm_kernel.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "models/model_internal.h"

/* ---- double-double arithmetic ------------------------------------------------------------
 * A value is hi + lo with |lo| <= ulp(hi)/2. Error-free transformations after Knuth (TAOCP
 * vol. 2, 4.2.2, TwoSum) and Dekker (1971, split and product). They need binary64 rounding
 * to nearest with no extended precision and no contraction of a * b + c into an FMA: what
 * the build gives (SSE2 or AArch64, -std=c17, which turns contraction off; never
 * -ffast-math). */

typedef struct dd {
    double hi, lo;
} dd_t;

static inline dd_t two_sum(double a, double b)
{
    double s = a + b;
    double bb = s - a;
    return (dd_t){s, (a - (s - bb)) + (b - bb)};
}

static inline dd_t quick_two_sum(double a, double b) /* needs |a| >= |b| or a = 0 */
{
    double s = a + b;
    return (dd_t){s, b - (s - a)};
}

static inline dd_t two_prod(double a, double b)
{
    double p = a * b;
#if defined(FP_FAST_FMA)
    return (dd_t){p, fma(a, b, -p)};
#else
    const double split = 134217729.0; /* 2^27 + 1 */
    double ta = split * a, tb = split * b;
    double ah = ta - (ta - a), al = a - ah;
    double bh = tb - (tb - b), bl = b - bh;
    return (dd_t){p, ((ah * bh - p) + ah * bl + al * bh) + al * bl};
#endif
}

static inline dd_t dd_add(dd_t a, dd_t b)
{
    dd_t s = two_sum(a.hi, b.hi);
    dd_t t = two_sum(a.lo, b.lo);
    s.lo += t.hi;
    s = quick_two_sum(s.hi, s.lo);
    s.lo += t.lo;
    return quick_two_sum(s.hi, s.lo);
}

/* a - b with one TwoSum (the "sloppy" sum): its error is of order eps^2 (|a| + |b|),
 * which is all a pair needs (see linear_favour). */
static inline dd_t dd_diff(dd_t a, dd_t b)
{
    dd_t s = two_sum(a.hi, -b.hi);
    return quick_two_sum(s.hi, s.lo + (a.lo - b.lo));
}

static inline dd_t dd_mul(dd_t a, dd_t b)
{
    dd_t p = two_prod(a.hi, b.hi);
    p.lo += a.hi * b.lo + a.lo * b.hi;
    return quick_two_sum(p.hi, p.lo);
}

static inline dd_t dd_twice(dd_t a)
{
    return (dd_t){2.0 * a.hi, 2.0 * a.lo};
}

/* ---- scratch layout ------------------------------------------------------------------- */

/* The pieces of a fast kernel's scratch, in order: 4 size_t arrays (order, buffer, group:
 * n each; group_start: n + 1), then y, u, the distinct positions (n each), the prefix sums
 * (4 (n + 1)) and, for scholz-code, c*s and r sorted (n each) and the table ((n + 1) n). */
static size_t index_bytes(size_t n)
{
    return model_align((4 * n + 1) * sizeof(size_t));
}

static size_t linear_doubles(size_t n)
{
    return 3 * n + 4 * (n + 1);
}

size_t pacta_bdm_kernel_workspace_bytes(bdm_kernel_kind kind, bdm_vote_rule rule, size_t n)
{
    if (kind == BDM_KERNEL_NAIVE)
        return 0;
    /* Sizes that would overflow: far beyond any real run, and the allocation then fails. */
    if (n > SIZE_MAX / 128)
        return SIZE_MAX;
    size_t doubles = linear_doubles(n);
    if (rule == BDM_VOTES_SCHOLZ_CODE) {
        if (n > 0 && n + 1 > SIZE_MAX / (4 * sizeof(double)) / n)
            return SIZE_MAX;
        doubles += 2 * n + (n + 1) * n;
    }
    return index_bytes(n) + model_align(doubles * sizeof(double));
}

void pacta_bdm_kernel_init(bdm_kernel_t *k, bdm_kernel_kind kind, bdm_vote_rule rule, size_t n,
                           void *scratch)
{
    memset(k, 0, sizeof *k);
    k->kind = kind;
    k->rule = rule;
    k->n = n;
    if (kind == BDM_KERNEL_NAIVE)
        return;
    size_t *idx = scratch;
    k->order = idx;
    k->buffer = idx + n;
    k->group = idx + 2 * n;
    k->group_start = idx + 3 * n;
    double *d = (double *)((char *)scratch + index_bytes(n));
    k->y = d;
    k->u = d + n;
    k->group_y = d + 2 * n;
    k->prefix = d + 3 * n;
    if (rule == BDM_VOTES_SCHOLZ_CODE) {
        k->cs_sorted = d + linear_doubles(n);
        k->r_sorted = k->cs_sorted + n;
        k->table = k->r_sorted + n;
    }
}

/* ---- naive: the equations as written (the test oracle) --------------------------------- */

/* Scholz's code: a voter's utility difference between two positions, with its own risk
 * exponent applied to the distances. */
static double code_vote(const bdm_kernel_t *k, size_t v, double xa, double xb)
{
    double db = pow(fabs(k->x[v] - xb) / k->range, k->r[v]);
    double da = pow(fabs(k->x[v] - xa) / k->range, k->r[v]);
    return k->cs[v] * (db - da);
}

static double naive_denominator(const bdm_kernel_t *k)
{
    double sum = 0.0;
    for (size_t v = 0; v < k->n; v++)
        for (size_t a = 0; a < k->n; a++)
            for (size_t b = 0; b < k->n; b++)
                sum += fabs(code_vote(k, v, k->x[a], k->x[b]));
    return sum;
}

/* Probability that a wins a contest against b (S30-S31 and the A4 variants). */
static double naive_probability(const bdm_kernel_t *k, size_t a, size_t b)
{
    double xa = k->x[a], xb = k->x[b];
    if (xa == xb)
        return 0.0;
    double favour = 0.0, total = 0.0, net = 0.0;
    for (size_t v = 0; v < k->n; v++) {
        if (k->rule == BDM_VOTES_SCHOLZ_CODE) {
            double vote = code_vote(k, v, xa, xb);
            favour += vote > 0 ? vote : 0.0;
        } else {
            double vote = k->w[v] * (fabs(k->x[v] - xb) - fabs(k->x[v] - xa));
            favour += vote > 0 ? vote : 0.0;
            total += fabs(vote);
            net += vote;
        }
    }
    switch (k->rule) {
    case BDM_VOTES_SCHOLZ_CODE:
        return k->denominator > 0 ? favour / k->denominator : 0.0;
    case BDM_VOTES_NET:
        return total > 0 ? (net > 0 ? net : 0.0) / total : 0.0;
    default:
        return total > 0 ? favour / total : 0.0;
    }
}

static double naive_margin(const bdm_kernel_t *k, size_t a, size_t b)
{
    double margin = 0.0;
    for (size_t v = 0; v < k->n; v++)
        margin += k->w[v] * (fabs(k->x[v] - k->x[b]) - fabs(k->x[v] - k->x[a]));
    return margin;
}

/* ---- fast: sorting and prefix sums -------------------------------------------------------- */

/* Whether actor i sorts before actor j: by position, ties by index, so the order (and with
 * it every sum) never depends on the sort's internals. */
static inline bool before(const double *x, size_t i, size_t j)
{
    return x[i] < x[j] || (x[i] == x[j] && i < j);
}

/* Bottom-up merge sort of the actor indices by position, in the kernel's own buffer. */
static void sort_actors(bdm_kernel_t *k)
{
    size_t n = k->n;
    size_t *src = k->order, *dst = k->buffer;
    for (size_t i = 0; i < n; i++)
        src[i] = i;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                dst[o++] = before(k->x, src[j], src[i]) ? src[j++] : src[i++];
            while (i < mid)
                dst[o++] = src[i++];
            while (j < hi)
                dst[o++] = src[j++];
        }
        size_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != k->order)
        memcpy(k->order, src, n * sizeof *src);
}

static inline dd_t prefix_w(const bdm_kernel_t *k, size_t i)
{
    return (dd_t){k->prefix[4 * i], k->prefix[4 * i + 1]};
}

static inline dd_t prefix_x(const bdm_kernel_t *k, size_t i)
{
    return (dd_t){k->prefix[4 * i + 2], k->prefix[4 * i + 3]};
}

void pacta_bdm_kernel_set_positions(bdm_kernel_t *k, const double *x, const double *w)
{
    k->x = x;
    k->w = w;
    if (k->kind == BDM_KERNEL_NAIVE)
        return;
    size_t n = k->n;
    sort_actors(k);
    dd_t sw = {0.0, 0.0}, sx = {0.0, 0.0};
    k->prefix[0] = k->prefix[1] = k->prefix[2] = k->prefix[3] = 0.0;
    k->n_groups = 0;
    for (size_t p = 0; p < n; p++) {
        size_t a = k->order[p];
        k->y[p] = x[a];
        k->u[p] = w[a];
        if (p == 0 || x[a] != k->y[p - 1]) {
            k->group_y[k->n_groups] = x[a];
            k->group_start[k->n_groups++] = p;
        }
        k->group[a] = k->n_groups - 1;
        sw = dd_add(sw, (dd_t){w[a], 0.0});
        sx = dd_add(sx, two_prod(w[a], x[a]));
        double *q = k->prefix + 4 * (p + 1);
        q[0] = sw.hi;
        q[1] = sw.lo;
        q[2] = sx.hi;
        q[3] = sx.lo;
    }
    k->group_start[k->n_groups] = n;
}

/* ---- fast: one pair ------------------------------------------------------------------------ */

/* Where the sorted voters split for the pair lo < hi (positions): [0, left) are at or left
 * of lo, [right, n) at or right of hi, [left, closer) strictly between and closer to lo,
 * [farther, right) strictly between and closer to hi, [closer, farther) at equal rounded
 * distances. */
typedef struct split {
    double lo, hi;
    size_t left, closer, farther, right;
} split_t;

/* Whether a voter at y is strictly closer to lo than to hi, by the rounded distances. */
static inline bool closer_to_lo(double y, double lo, double hi)
{
    return hi - y > y - lo;
}

static inline bool closer_to_hi(double y, double lo, double hi)
{
    return y - lo > hi - y;
}

static void split_pair(const bdm_kernel_t *k, size_t g_lo, size_t g_hi, split_t *s)
{
    const double *gy = k->group_y;
    const size_t *start = k->group_start;
    double lo = gy[g_lo], hi = gy[g_hi];
    s->lo = lo;
    s->hi = hi;
    s->left = start[g_lo + 1];
    s->right = start[g_hi];
    /* First distinct position in (g_lo, g_hi) not closer to lo, by binary search:
     * closer_to_lo is true then false as y grows, since both rounded distances are
     * monotone in y. Written so the compiler can use conditional moves. */
    size_t first = g_lo + 1, count = g_hi - first;
    while (count > 0) {
        size_t step = count / 2;
        bool closer = closer_to_lo(gy[first + step], lo, hi);
        first = closer ? first + step + 1 : first;
        count = closer ? count - step - 1 : step;
    }
    s->closer = start[first];
    /* Usually no voter sits at an equal rounded distance; search only when one does. */
    if (first < g_hi && !closer_to_hi(gy[first], lo, hi)) {
        count = g_hi - first;
        while (count > 0) {
            size_t step = count / 2;
            bool nearer_hi = closer_to_hi(gy[first + step], lo, hi);
            first = nearer_hi ? first : first + step + 1;
            count = nearer_hi ? step : count - step - 1;
        }
    }
    s->farther = start[first];
}

/* The linear favourable sums for lo and for hi (each >= 0, in units of w times distance).
 *
 * Accuracy: every voter's |y - lo| + |y - hi| is at least d = hi - lo, so the summed
 * magnitude of the votes is at least d W (W the total weight), and an error of a few eps d W
 * is as good as exact summation of the votes. Regions L and H are d times a sum of
 * weights: plain doubles meet that. Between lo and hi, sum u (lo + hi - 2y) taken from
 * prefix sums of magnitude |y| W would not (its error would be eps |y| W, too large by
 * |y| / d), so those differences and products run in double-double, with errors of order
 * eps^2 |y| W. */
static void linear_favour(const bdm_kernel_t *k, const split_t *s, double *fav_lo, double *fav_hi)
{
    double d = s->hi - s->lo;
    dd_t w_left = prefix_w(k, s->left);
    dd_t w_beyond = dd_diff(prefix_w(k, k->n), prefix_w(k, s->right));
    *fav_lo = d * (w_left.hi + w_left.lo);
    *fav_hi = d * (w_beyond.hi + w_beyond.lo);
    if (s->closer == s->left && s->farther == s->right)
        return; /* nobody strictly between lo and hi */
    dd_t sum = two_sum(s->lo, s->hi);
    if (s->closer > s->left) {
        dd_t w_near = dd_diff(prefix_w(k, s->closer), w_left);
        dd_t x_near = dd_diff(prefix_x(k, s->closer), prefix_x(k, s->left));
        dd_t near = dd_diff(dd_mul(sum, w_near), dd_twice(x_near)); /* u (lo + hi - 2y) */
        *fav_lo += near.hi + near.lo;
    }
    if (s->right > s->farther) {
        dd_t w_far = dd_diff(prefix_w(k, s->right), prefix_w(k, s->farther));
        dd_t x_far = dd_diff(prefix_x(k, s->right), prefix_x(k, s->farther));
        dd_t far = dd_diff(dd_twice(x_far), dd_mul(sum, w_far)); /* u (2y - lo - hi) */
        *fav_hi += far.hi + far.lo;
    }
}

static inline double table_at(const bdm_kernel_t *k, size_t group, size_t i)
{
    return k->table[group * (k->n + 1) + i];
}

static inline double ratio(double favour, double total)
{
    return total > 0 ? (favour > 0 ? favour : 0.0) / total : 0.0;
}

static void fast_probabilities(const bdm_kernel_t *k, size_t a, size_t b, double *p_ab,
                               double *p_ba)
{
    size_t ga = k->group[a], gb = k->group[b];
    bool a_low = ga < gb;
    size_t g_lo = a_low ? ga : gb, g_hi = a_low ? gb : ga;
    split_t s;
    split_pair(k, g_lo, g_hi, &s);
    double p_lo, p_hi;
    if (k->rule == BDM_VOTES_SCHOLZ_CODE && !k->linear) {
        /* Voters [0, closer) favour lo, [farther, n) favour hi. A row holds sums running
         * outward from its own position (see set_risk), so the sums over the nearer voters,
         * whose D are small, are read directly and only the farther ones by difference. */
        size_t n = k->n;
        double hi_before_closer = table_at(k, g_hi, 0) - table_at(k, g_hi, s.closer);
        double lo_before_closer = table_at(k, g_lo, 0) + table_at(k, g_lo, s.closer);
        double lo_from_farther = table_at(k, g_lo, n) - table_at(k, g_lo, s.farther);
        double hi_from_farther = table_at(k, g_hi, s.farther) + table_at(k, g_hi, n);
        double fav_lo = hi_before_closer - lo_before_closer;
        double fav_hi = lo_from_farther - hi_from_farther;
        p_lo = ratio(fav_lo, k->denominator);
        p_hi = ratio(fav_hi, k->denominator);
    } else {
        double fav_lo, fav_hi;
        linear_favour(k, &s, &fav_lo, &fav_hi);
        if (k->rule == BDM_VOTES_SCHOLZ_CODE) {
            p_lo = ratio(fav_lo, k->linear_denominator);
            p_hi = ratio(fav_hi, k->linear_denominator);
        } else {
            /* The total and the net vote are within a few eps of the summed magnitude of
             * the votes, which is all the naive sums promise too. */
            double total = fav_lo + fav_hi;
            if (k->rule == BDM_VOTES_NET) {
                p_lo = ratio(fav_lo - fav_hi, total);
                p_hi = ratio(fav_hi - fav_lo, total);
            } else {
                p_lo = ratio(fav_lo, total);
                p_hi = ratio(fav_hi, total);
            }
        }
    }
    *p_ab = a_low ? p_lo : p_hi;
    *p_ba = a_low ? p_hi : p_lo;
}

/* ---- fast: the scholz-code denominator and table ------------------------------------------ */

/* Sum over ordered pairs of actors (a, b) of |D(a) - D(b)| / 2 for a voter at sorted index
 * p, where D(a) is the distance |y_p - x_a| (linear votes; the risk-powered case is folded
 * into pacta_bdm_kernel_set_risk's single pass). The distances are visited in increasing order by
 * merging the voters left and right of p's group. */
static double pair_gaps(const bdm_kernel_t *k, size_t p)
{
    const double *y = k->y;
    size_t n = k->n, g = k->group[k->order[p]];
    size_t left = k->group_start[g], right = k->group_start[g + 1];
    double here = y[p], previous = 0.0, sum = 0.0;
    size_t below = right - left; /* values seen so far: the co-located voters, at 0 */
    while (left > 0 || right < n) {
        double dl = left > 0 ? here - y[left - 1] : INFINITY;
        double dr = right < n ? y[right] - here : INFINITY;
        double dist;
        if (dl <= dr) {
            dist = dl;
            left--;
        } else {
            dist = dr;
            right++;
        }
        sum += (dist - previous) * ((double)below * (double)(n - below));
        previous = dist;
        below++;
    }
    return sum;
}

void pacta_bdm_kernel_set_risk(bdm_kernel_t *k, const double *cs, const double *r, double range)
{
    if (k->rule != BDM_VOTES_SCHOLZ_CODE)
        return;
    k->cs = cs;
    k->r = r;
    k->range = range;
    if (k->kind == BDM_KERNEL_NAIVE) {
        k->denominator = naive_denominator(k);
        return;
    }
    size_t n = k->n;
    k->linear = true;
    for (size_t p = 0; p < n; p++) {
        size_t a = k->order[p];
        k->cs_sorted[p] = cs[a];
        k->r_sorted[p] = r[a];
        if (r[a] != 1.0)
            k->linear = false;
    }
    k->denominator = 0.0;
    if (k->n_groups < 2)
        return; /* every pair co-located: no probability is ever asked for */
    if (k->linear) {
        /* Every r = 1: the votes are w (|y - x_b| - |y - x_a|) / (100 R) with w = c * salience,
         * so the sums run in units of w times distance, where the pair sums already are, and
         * the factor 1/(100 R) is applied to the denominator only for show (the ratio cancels
         * it). Co-located voters share their gaps. */
        double sum = 0.0;
        for (size_t g = 0; g < k->n_groups; g++) {
            size_t first = k->group_start[g], end = k->group_start[g + 1];
            dd_t weight = dd_diff(prefix_w(k, end), prefix_w(k, first));
            sum += (weight.hi + weight.lo) * pair_gaps(k, first);
        }
        k->linear_denominator = 2.0 * sum;
        k->denominator = k->linear_denominator / (100.0 * range);
        return;
    }
    /* One pass per voter p visits the distinct positions g outward from its own and powers
     * each distance once: D(p, g) = (|y_p - y_g| / R)^{r_p} feeds both p's share of the
     * denominator (the same merge and sum as pair_gaps, whose repeated values within a
     * group add exactly 0) and, stored in row g, the table below. */
    double sum = 0.0;
    for (size_t p = 0; p < n; p++) {
        size_t own = k->group[k->order[p]];
        size_t gl = own, gr = own + 1; /* next groups to the left (gl - 1) and right (gr) */
        double here = k->y[p], previous = 0.0, gaps = 0.0;
        size_t below = k->group_start[own + 1] - k->group_start[own];
        while (gl > 0 || gr < k->n_groups) {
            double dl = gl > 0 ? here - k->group_y[gl - 1] : INFINITY;
            double dr = gr < k->n_groups ? k->group_y[gr] - here : INFINITY;
            size_t g = dl <= dr ? --gl : gr++;
            double value = pow((dl <= dr ? dl : dr) / range, k->r_sorted[p]);
            gaps += (value - previous) * ((double)below * (double)(n - below));
            previous = value;
            below += k->group_start[g + 1] - k->group_start[g];
            /* The table's slot for voter p in row g: p itself left of g, p + 1 right of it. */
            k->table[g * (n + 1) + (p < k->group_start[g] ? p : p + 1)] = value;
        }
        sum += k->cs_sorted[p] * gaps;
    }
    k->denominator = 2.0 * sum;
    /* Row g, for the voters' D towards distinct position g, holds sums running outward
     * from g's own voters [start, end): row[i] = sum over [i, start) for i <= start, and
     * row[i] = sum over [end, i) for i >= end. The D values stored above are turned into
     * these sums in place. */
    for (size_t g = 0; g < k->n_groups; g++) {
        size_t start = k->group_start[g], end = k->group_start[g + 1];
        double *row = k->table + g * (n + 1);
        double acc = 0.0;
        row[start] = 0.0;
        for (size_t p = start; p-- > 0;) {
            acc += k->cs_sorted[p] * row[p];
            row[p] = acc;
        }
        acc = 0.0;
        row[end] = 0.0;
        for (size_t p = end; p < n; p++) {
            acc += k->cs_sorted[p] * row[p + 1];
            row[p + 1] = acc;
        }
    }
}

/* ---- the interface ------------------------------------------------------------------------ */

void pacta_bdm_kernel_probabilities(const bdm_kernel_t *k, size_t a, size_t b, double *p_ab,
                                    double *p_ba)
{
    if (k->x[a] == k->x[b]) {
        *p_ab = *p_ba = 0.0;
        return;
    }
    if (k->kind == BDM_KERNEL_NAIVE) {
        *p_ab = naive_probability(k, a, b);
        *p_ba = naive_probability(k, b, a);
        return;
    }
    fast_probabilities(k, a, b, p_ab, p_ba);
}

double pacta_bdm_kernel_margin(const bdm_kernel_t *k, size_t a, size_t b)
{
    if (k->kind == BDM_KERNEL_NAIVE)
        return naive_margin(k, a, b);
    if (k->x[a] == k->x[b])
        return 0.0;
    size_t ga = k->group[a], gb = k->group[b];
    bool a_low = ga < gb;
    split_t s;
    split_pair(k, a_low ? ga : gb, a_low ? gb : ga, &s);
    double fav_lo, fav_hi;
    linear_favour(k, &s, &fav_lo, &fav_hi);
    return a_low ? fav_lo - fav_hi : fav_hi - fav_lo;
}
