/* pacta serve [DIR | FILE...]: the reports and the what-if of scenarios in a browser, and the
 * JSON API, from a local web server (server/, docs/server.md). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "command.h"
#include "server/server.h"

enum { OPT_LISTEN = 256, OPT_MAX_BODY, OPT_TIMEOUT, OPT_MAX_CONNECTIONS };

static const cli_option_t serve_options[] = {
    {OPT_LISTEN, "listen", 'l', "ADDR:PORT",
     "where to listen (default 127.0.0.1:8080; port 0 picks a free one, printed at start)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_MAX_BODY, "max-body", 0, "BYTES",
     "largest request body accepted, larger ones get 413 (default 1048576)", CLI_COMPLETE_NONE,
     NULL, NULL},
    {OPT_TIMEOUT, "timeout", 0, "SECONDS",
     "close a connection idle this long, so slow clients cannot hold one (default 30)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {OPT_MAX_CONNECTIONS, "max-connections", 0, "N", "connections served at once (default 32)",
     CLI_COMPLETE_NONE, NULL, NULL},
    {0, NULL, 0, NULL, NULL, CLI_COMPLETE_NONE, NULL, NULL},
};
static const cli_group_t serve_group = {"Server", serve_options};

static const char *const synopsis[] = {"[DIR] [options]", "FILE... [options]", NULL};
static const cli_group_t *const groups[] = {&serve_group, NULL};

static int run(const cli_command_t *command, int argc, char **argv);

const cli_command_t cli_command_serve = {
    .name = "serve",
    .summary = "a local web server: reports, what-if sliders and a JSON API",
    .synopsis = synopsis,
    .description =
        "Serve the scenarios of a directory (default: the current one), or the scenario files "
        "named, to a browser: an index page, each scenario's report (as pacta report writes "
        "it) with sliders that change an actor's capability, position or salience and show "
        "the forecasts and verdicts recomputed, and downloads of the changed scenario (YAML) "
        "and results (JSON, CSV). A JSON API under /api/ gives the same documents as pacta "
        "forecast and pacta evaluate with --format json. The server writes no file; it reads "
        "only the files of the directory (no symbolic links, no path out of it) or those "
        "named.",
    .groups = groups,
    .notes = "It listens on 127.0.0.1 only unless --listen says otherwise, and stops cleanly "
             "on Ctrl-C (SIGINT) or SIGTERM. The API and the limits: docs/server.md.",
    .operands = CLI_COMPLETE_FILE,
    .output = PACTA_DOCUMENT_REPORT,
    .run = run,
};

static int on_option(void *context, int id, char *arg)
{
    server_config_t *c = context;
    uint64_t n = 0;
    switch (id) {
    case OPT_LISTEN:
        c->listen = arg;
        return EXIT_OK;
    case OPT_MAX_BODY:
        if (!cli_parse_u64("--max-body", arg, 1, PACTA_MAX_FILE_BYTES, &n))
            return EXIT_USAGE;
        c->max_body = (size_t)n;
        return EXIT_OK;
    case OPT_TIMEOUT:
        if (!cli_parse_u64("--timeout", arg, 1, 3600, &n))
            return EXIT_USAGE;
        c->timeout = (unsigned)n;
        return EXIT_OK;
    case OPT_MAX_CONNECTIONS:
        if (!cli_parse_u64("--max-connections", arg, 1, 1000, &n))
            return EXIT_USAGE;
        c->max_connections = (unsigned)n;
        return EXIT_OK;
    default:
        return CLI_NOT_MINE;
    }
}

static bool is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int run(const cli_command_t *command, int argc, char **argv)
{
    server_config_t config = {
        .listen = "127.0.0.1:8080",
        .max_body = SERVER_DEFAULT_MAX_BODY,
        .timeout = SERVER_DEFAULT_TIMEOUT,
        .max_connections = SERVER_DEFAULT_MAX_CONNECTIONS,
        .out = stdout,
        .err = stderr,
    };
    int first, code = cli_parse(command, argc, argv, NULL, on_option, &config, &first);
    if (code != EXIT_OK)
        return code == CLI_HELP_SHOWN ? EXIT_OK : code;
    int n = argc - first;
    if (n == 0 || (n == 1 && is_directory(argv[first]))) {
        config.dir = n == 0 ? "." : argv[first];
    } else {
        for (int i = first; i < argc; i++)
            if (is_directory(argv[i]))
                return cli_usage_error(command,
                                       "serve one directory, or scenario files; "
                                       "%s is a directory among files",
                                       argv[i]);
        config.files = (const char *const *)(argv + first);
        config.n_files = (size_t)n;
    }
    return server_run(&config);
}
