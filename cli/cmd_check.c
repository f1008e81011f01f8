/* pacta check FILE: validate a scenario and report every problem. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

void usage_check(FILE *f)
{
    fputs("Usage: pacta check FILE [options]\n"
          "\n"
          "Check a scenario (.yaml) or flat actor table (.csv) and report every problem as\n"
          "FILE:LINE:COL: field: message. Exits 0 when the file is usable (warnings may be\n"
          "printed), 3 when it is not.\n"
          "\n"
          "Options:\n"
          "  CSV input: --salience-scale 1|100, --scale LO:HI, --unit NAME\n"
          "  -h, --help   show this help\n",
          f);
}

enum { OPT_SALIENCE_SCALE = 256, OPT_SCALE, OPT_UNIT };

static const struct option long_options[] = {
    {"salience-scale", required_argument, NULL, OPT_SALIENCE_SCALE},
    {"scale", required_argument, NULL, OPT_SCALE},
    {"unit", required_argument, NULL, OPT_UNIT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int cmd_check(int argc, char **argv)
{
    cli_input_t input;
    cli_input_init(&input);
    cli_reset_getopt();
    int c;
    while ((c = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_SALIENCE_SCALE:
        case OPT_SCALE:
        case OPT_UNIT:
            if (!cli_input_option(&input,
                                  c == OPT_SALIENCE_SCALE ? "salience-scale"
                                  : c == OPT_SCALE        ? "scale"
                                                          : "unit",
                                  optarg))
                return EXIT_USAGE;
            break;
        case 'h':
            usage_check(stdout);
            return EXIT_OK;
        default:
            usage_check(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        cli_error(optind == argc ? "check: no scenario file given"
                                 : "check: give exactly one scenario file");
        usage_check(stderr);
        return EXIT_USAGE;
    }
    const char *path = argv[optind];
    pacta_scenario_t *s = NULL;
    int code = cli_load(path, &input, &s);
    if (code == EXIT_OK) {
        printf("%s: ok: %zu actor%s, %zu issue%s, %zu proposal%s, %zu source%s\n", path,
               s->n_actors, cli_plural(s->n_actors), s->n_issues, cli_plural(s->n_issues),
               s->n_proposals, cli_plural(s->n_proposals), s->n_sources,
               cli_plural(s->n_sources));
        if (fflush(stdout) != 0)
            code = EXIT_IO;
    }
    pacta_scenario_destroy(s);
    return code;
}
