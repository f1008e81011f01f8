/* pacta serve: a local web server over the public API (docs/server.md). The command line
 * (cli/cmd_serve.c) fills a configuration and calls server_run(); nothing else of the
 * server is visible to it. */
#ifndef PACTA_SERVER_H
#define PACTA_SERVER_H

#include <stddef.h>
#include <stdio.h>

/* What to serve and how. Every pointer is borrowed for the duration of server_run(). */
typedef struct server_config {
    const char *listen;       /* "ADDR:PORT" ("127.0.0.1:8080", "[::1]:0"); port 0 picks one */
    const char *dir;          /* serve the scenarios of this directory, or NULL */
    const char *const *files; /* or these scenario files (when dir is NULL) */
    size_t n_files;
    size_t max_body;          /* largest request body accepted, bytes */
    unsigned timeout;         /* seconds a connection may stay idle */
    unsigned max_connections; /* connections served at once */
    FILE *out;                /* the "serving at URL" line */
    FILE *err;                /* problems */
} server_config_t;

/* Defaults of the limits (docs/server.md, "Limits"). */
enum {
    SERVER_DEFAULT_MAX_BODY = 1024 * 1024,
    SERVER_DEFAULT_TIMEOUT = 30,
    SERVER_DEFAULT_MAX_CONNECTIONS = 32,
};

/* Exit statuses of server_run(), those of the pacta command (docs/cli.md). */
enum {
    SERVER_EXIT_OK = 0,
    SERVER_EXIT_FAILURE = 1,
    SERVER_EXIT_USAGE = 2,
    SERVER_EXIT_BAD_INPUT = 3,
    SERVER_EXIT_IO = 5,
};

/* Serve until SIGINT or SIGTERM, then stop cleanly and return SERVER_EXIT_OK; or return
 * another status after printing why to config->err (a bad --listen, a directory that cannot
 * be read, a port in use). Prints "pacta: serving N scenario(s) at http://HOST:PORT/" to
 * config->out once listening. Blocks SIGINT and SIGTERM in the calling thread while it runs
 * (and restores the mask), so call it from the main thread of a program. */
int server_run(const server_config_t *config);

#endif
