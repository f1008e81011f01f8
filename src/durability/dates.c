/* Calendar arithmetic for episode dates: days since 1970-01-01 in the proleptic Gregorian
 * calendar, by the era-based method of H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms" (2013), written here from its description. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/text.h"
#include "durability/durability_internal.h"

static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                                  /* [0, 399] */
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* [0, 365] */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

bool pacta_parse_date(const char *text, long *days)
{
    size_t n = strlen(text);
    if (n != 10 || !pacta_is_valid_date(text, n))
        return false;
    long y =
        (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
    long m = (text[5] - '0') * 10 + (text[6] - '0');
    long d = (text[8] - '0') * 10 + (text[9] - '0');
    *days = days_from_civil(y, m, d);
    return true;
}

long pacta_date_to_days(const char *text)
{
    long days = 0;
    (void)pacta_parse_date(text, &days);
    return days;
}

void pacta_days_to_date(long z, char *buf)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    /* Years outside 0-9999 cannot be written in this form; they do not occur in the data. */
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%04ld-%02ld-%02ld", y < 0 ? 0 : y > 9999 ? 9999 : y, m, d);
    memcpy(buf, tmp, 10);
    buf[10] = '\0';
}

void pacta_today(char *buf)
{
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm) == NULL) {
        strcpy(buf, "1970-01-01");
        return;
    }
    pacta_days_to_date(days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1L, tm.tm_mday), buf);
}
