#include "report/report_json.h"

json_t *pacta_report_json_root(json_build_t *b, const char *schema, const pacta_scenario_t *s,
                               bool with_date)
{
    json_t *root = pacta_jb_object(b);
    pacta_jb_set(b, root, "schema", pacta_jb_string(b, schema));
    pacta_jb_set(b, root, "pacta_version", pacta_jb_string(b, pacta_version()));
    if (s != NULL) {
        json_t *scenario = pacta_jb_object(b);
        pacta_jb_set(b, scenario, "title", pacta_jb_string(b, s->title));
        pacta_jb_set(b, scenario, "path", pacta_jb_string(b, s->path));
        if (with_date)
            pacta_jb_set(b, scenario, "date", pacta_jb_string(b, s->date));
        pacta_jb_set(b, root, "scenario", scenario);
    }
    return root;
}
