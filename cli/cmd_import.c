/* pacta import csv|ktab FILE -o FILE.yaml: turn a flat actor table or a KTAB scenario
 * (CSV or XML) into a scenario file. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

void usage_import(FILE *f)
{
    fputs("Usage: pacta import csv FILE.csv [-o FILE.yaml] [options]\n"
          "       pacta import ktab FILE.csv|FILE.xml [-o FILE.yaml]\n"
          "\n"
          "Convert a flat actor table (Actor, Capability, then Position and Salience per\n"
          "issue) or a scenario written for KTAB (its CSV or XML format, model parameters\n"
          "and ideal adjustments included) into a scenario file; see\n"
          "docs/scenario-format.md. Without -o the YAML goes to standard output.\n"
          "\n"
          "Options:\n"
          "  -o, --output FILE          write the scenario to FILE\n"
          "      --salience-scale 1|100 saliences are given on 0-1 (1) or 0-100 (100, default)\n"
          "      --scale LO:HI          positions are in a unit from LO to HI (mapped to 0-100)\n"
          "      --unit NAME            the name of that unit, e.g. years\n"
          "      --title TEXT           the scenario's title\n"
          "  -h, --help                 show this help\n",
          f);
}

enum { OPT_SALIENCE_SCALE = 256, OPT_SCALE, OPT_UNIT, OPT_TITLE };

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"salience-scale", required_argument, NULL, OPT_SALIENCE_SCALE},
    {"scale", required_argument, NULL, OPT_SCALE},
    {"unit", required_argument, NULL, OPT_UNIT},
    {"title", required_argument, NULL, OPT_TITLE},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int cmd_import(int argc, char **argv)
{
    cli_input_t input;
    cli_input_init(&input);
    input.force_csv = true;
    const char *output = NULL;
    cli_reset_getopt();
    int c;
    while ((c = getopt_long(argc, argv, "o:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
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
        case OPT_TITLE:
            input.csv.title = optarg;
            break;
        case 'h':
            usage_import(stdout);
            return EXIT_OK;
        default:
            usage_import(stderr);
            return EXIT_USAGE;
        }
    }
    bool ktab = argc - optind >= 1 && strcmp(argv[optind], "ktab") == 0;
    if (argc - optind != 2 || (!ktab && strcmp(argv[optind], "csv") != 0)) {
        if (argc - optind >= 1 && !ktab && strcmp(argv[optind], "csv") != 0)
            cli_error("import: unknown format '%s'; this version imports: csv, ktab",
                      argv[optind]);
        else
            cli_error("import: expected 'csv FILE.csv' or 'ktab FILE.csv|FILE.xml'");
        usage_import(stderr);
        return EXIT_USAGE;
    }
    if (ktab) {
        input.force_csv = false;
        input.force_ktab = true;
    }
    pacta_scenario_t *s = NULL;
    int code = cli_load(argv[optind + 1], &input, &s);
    if (code != EXIT_OK)
        return code;
    cli_output_t out;
    if (!cli_output_open(&out, output)) {
        pacta_scenario_destroy(s);
        return EXIT_IO;
    }
    code = cli_output_finish(&out, pacta_scenario_write_yaml(s, out.stream));
    pacta_scenario_destroy(s);
    return code;
}
