#include "core/csv_write.h"

#include <csv.h>
#include <math.h>
#include <string.h>

#include "core/text.h"

void pacta_csv_text(FILE *stream, const char *text, char end)
{
    csv_fwrite(stream, text ? text : "", text ? strlen(text) : 0);
    fputc(end, stream);
}

void pacta_csv_number(FILE *stream, double value, char end)
{
    if (isfinite(value)) {
        char buf[40];
        pacta_format_double(buf, sizeof buf, value);
        fputs(buf, stream);
    }
    fputc(end, stream);
}
