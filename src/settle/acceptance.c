/* Who accepts a deal and why (A1-A4): each actor's loss at the deal against its loss at the
 * reservation, issue by issue, with the war's cost for the belligerents. */
#include <math.h>

#include "settle/settle_internal.h"

double settle_loss(pacta_utility utility, double salience, double ideal, double v)
{
    /* A1: salience-weighted distance (salience 0-100 read as 0-1), in scale points. */
    double d = fabs(ideal - v);
    double s = salience / 100.0;
    return utility == PACTA_UTILITY_QUADRATIC ? s * d * d / 100.0 : s * d;
}
