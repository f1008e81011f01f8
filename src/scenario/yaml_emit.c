/* Writing YAML scalars, shared by the scenario writer (yaml_write.c) and the durability
 * model writer (durability/model_yaml.c). Strings are double-quoted with escapes for
 * everything YAML does not allow as it is, so any text reads back unchanged; numbers have
 * the fewest digits that read back exactly. */
#include "scenario/yaml_emit.h"

#include "core/text.h"

void pacta_yaml_put_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        default:
            if (*p < 0x20 || *p == 0x7f) {
                fprintf(f, "\\x%02x", *p);
            } else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
                /* C1 controls (U+0080-U+009F, NEL among them) are not printable YAML. */
                fprintf(f, "\\u%04X", (unsigned)p[1]);
                p++;
            } else if (*p == 0xEF && ((p[1] == 0xBB && p[2] == 0xBF) ||
                                      (p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)))) {
                /* U+FEFF may stand only at the start of a YAML file (the reader refuses it
                 * elsewhere); U+FFFE and U+FFFF are not printable. */
                fprintf(f, "\\u%02X%02X", p[1] == 0xBB ? 0xFE : 0xFF,
                        p[1] == 0xBB ? 0xFF : (p[2] == 0xBE ? 0xFE : 0xFF));
                p += 2;
            } else {
                fputc(*p, f);
            }
        }
    }
    fputc('"', f);
}

void pacta_yaml_put_number(FILE *f, double v)
{
    char buf[40];
    pacta_format_double(buf, sizeof buf, v);
    fputs(buf, f);
}
