/* The library's named tolerances and ranges. Each slack that absorbs rounding, and each range
 * that more than one module checks, is stated here once, with what it guards. The values are
 * those of the literals they replaced; output depends on them bit for bit, so changing one is
 * a change of behaviour, not a refactor. */
#ifndef PACTA_TOLERANCE_H
#define PACTA_TOLERANCE_H

/* ---- grids and searches ------------------------------------------------------------------ */

/* A grid FROM:TO:STEP has floor((TO - FROM) / STEP + PACTA_GRID_SLACK) + 1 points, so a span
 * that is a whole number of steps up to rounding keeps its last point (0:0.3:0.1 has 4, though
 * 0.3 / 0.1 is 2.9999999999999996 in doubles). Used by backtest --fit and evaluate --vary. */
#define PACTA_GRID_SLACK 1e-9

/* A sensitivity crossing of a real parameter is bisected until its bracket is no wider than
 * this (the parameters are probabilities, costs and discount factors of order 1). */
#define PACTA_BISECT_WIDTH 1e-9

/* ---- comparisons that absorb rounding ---------------------------------------------------- */

/* Two positions on an issue's 0-100 scale this close are the same position: a proposal is a
 * concession only if it moves further than this from the status quo. */
#define PACTA_POSITION_SLACK 1e-9

/* An actor accepts a deal whose gain over its reservation is at least -PACTA_GAIN_SLACK
 * (docs/models.md, A4): the slack absorbs rounding in the sums of losses only. */
#define PACTA_GAIN_SLACK 1e-9

/* KTAB's rule that an actor's saliences sum to at most 100 allows this much rounding in the
 * sum, for both of KTAB's file formats. */
#define PACTA_SALIENCE_SUM_SLACK 1e-9

/* In the exact Spearman test, statistics within this fraction of the statistic's scale are
 * equal: they are exact sums of quarters, computed in different orders. */
#define PACTA_RANK_STATISTIC_SLACK 1e-9

/* A plot's tick or grid line this close outside an axis's end is still drawn: tick values are
 * accumulated by repeated addition. */
#define PACTA_AXIS_SLACK 1e-9

/* An uncertain value given as a normal distribution must put at least this probability inside
 * its field's range; less is refused as a distribution that cannot be sampled. */
#define PACTA_MIN_PROBABILITY_MASS 1e-9

/* ---- ranges of war parameters ------------------------------------------------------------ */

/* The per-year discount factor lies strictly between these two (docs/scenario-format.md,
 * war.discount). Where a closed range is needed (overrides, sensitivity grids, sampled
 * values) it is PACTA_DISCOUNT_MIN to PACTA_DISCOUNT_MAX, just inside them. */
#define PACTA_DISCOUNT_ABOVE 0.0
#define PACTA_DISCOUNT_BELOW 1.0
#define PACTA_DISCOUNT_MIN (PACTA_DISCOUNT_ABOVE + 1e-9)
#define PACTA_DISCOUNT_MAX (PACTA_DISCOUNT_BELOW - 1e-9)

/* The weight of an issue in the war's stake: positive and finite. */
#define PACTA_STAKE_WEIGHT_MIN 1e-9
#define PACTA_STAKE_WEIGHT_MAX 1e9

#endif
