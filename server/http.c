/* The HTTP side of pacta serve, on GNU libmicrohttpd: where it listens, the limits on
 * requests, routing to the API and the pages, the headers every answer carries, and a clean
 * stop on SIGINT or SIGTERM (docs/server.md). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>
#include <nettle/base64.h>
#include <nettle/sha2.h>

#include "server_internal.h"

/* Memory MHD may use per connection for the request line, headers and its buffers: the
 * bodies are read into our own buffer, bounded by --max-body. */
#define CONNECTION_MEMORY (64u * 1024u)
/* How much of an oversized body without a declared length is read (and dropped) before the
 * connection is closed, in multiples of --max-body. */
#define DISCARD_FACTOR 16u

typedef struct server {
    server_app_t app;
    bool loopback; /* listening on a loopback address: the Host must name it too */
} server_t;

/* One request's body as it arrives, freed when the request is done. */
typedef struct upload {
    char *data;
    size_t length;
    bool too_large;
} upload_t;

/* "ADDR:PORT", "[ADDR6]:PORT" or "localhost:PORT" into @p addr; false when it is none. */
static bool parse_listen(const char *text, struct sockaddr_storage *addr, socklen_t *len,
                         bool *loopback)
{
    char host[64];
    const char *colon = strrchr(text, ':');
    if (colon == NULL || colon == text || (size_t)(colon - text) >= sizeof host)
        return false;
    memcpy(host, text, (size_t)(colon - text));
    host[colon - text] = '\0';
    char *end = NULL;
    errno = 0;
    unsigned long port = strtoul(colon + 1, &end, 10);
    if (colon[1] == '\0' || *end != '\0' || errno != 0 || port > 65535)
        return false;
    memset(addr, 0, sizeof *addr);
    size_t n = strlen(host);
    if (host[0] == '[' && n > 2 && host[n - 1] == ']') {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)addr;
        host[n - 1] = '\0';
        if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) != 1)
            return false;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *len = sizeof *a6;
        *loopback = IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr);
        return true;
    }
    struct sockaddr_in *a4 = (struct sockaddr_in *)addr;
    if (strcmp(host, "localhost") == 0)
        strcpy(host, "127.0.0.1");
    if (inet_pton(AF_INET, host, &a4->sin_addr) != 1)
        return false;
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    *len = sizeof *a4;
    *loopback = (ntohl(a4->sin_addr.s_addr) >> 24) == 127;
    return true;
}

/* Whether a path could step out of what is served: a "." or ".." segment, an empty one
 * ("//", which would make the rest absolute), a backslash or a control character. The path
 * is the decoded one, so %2e%2e and %2f are caught too. */
static bool path_escapes(const char *path)
{
    if (path[0] != '/')
        return true;
    for (const char *p = path; *p != '\0'; p++)
        if (*p == '\\' || (unsigned char)*p < 0x20 || *p == 0x7f)
            return true;
    for (const char *seg = path + 1; *seg != '\0';) {
        const char *slash = strchr(seg, '/');
        size_t n = slash ? (size_t)(slash - seg) : strlen(seg);
        bool last = slash == NULL || slash[1] == '\0';
        if ((n == 0 && !last) || (n == 1 && seg[0] == '.') ||
            (n == 2 && seg[0] == '.' && seg[1] == '.'))
            return true;
        if (slash == NULL)
            break;
        seg = slash + 1;
    }
    return false;
}

/* A server on a loopback address answers only requests that name a loopback host, so that a
 * web page elsewhere cannot reach it through a name it rebinds to 127.0.0.1. */
static bool host_allowed(const server_t *s, const char *host)
{
    if (!s->loopback)
        return true;
    if (host == NULL)
        return false;
    static const char *const names[] = {"localhost", "127.0.0.1", "[::1]"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = strlen(names[i]);
        if (strncmp(host, names[i], n) == 0 && (host[n] == '\0' || host[n] == ':'))
            return true;
    }
    return false;
}

static enum MHD_Result send_response(struct MHD_Connection *c, response_t *r)
{
    static const char default_csp[] =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(r->length, r->body, MHD_RESPMEM_MUST_FREE);
    if (resp == NULL) {
        free(r->body);
        return MHD_NO;
    }
    r->body = NULL;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->type);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "Content-Security-Policy", r->csp[0] ? r->csp : default_csp);
    if (r->allow[0] != '\0')
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* Route a complete request. */
static void dispatch(const server_t *s, struct MHD_Connection *c, const char *url,
                     const char *method, upload_t *u, response_t *r)
{
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    if (!host_allowed(s, host)) {
        response_error(r, 403, NULL, "Host '%s' is not this server's (use localhost)",
                       host ? host : "");
        return;
    }
    if (path_escapes(url)) {
        response_error(r, 400, NULL,
                       "%s: a path may not hold '.' or '..' segments, '//', '\\' or control "
                       "characters (path traversal is refused)",
                       url);
        return;
    }
    request_t req = {
        .method = method,
        .path = url,
        .format = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "format"),
        .content_type =
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
        .body = u->data ? u->data : "",
        .body_length = u->length,
    };
    if (strcmp(url, "/api") == 0 || strncmp(url, "/api/", 5) == 0)
        api_handle(&s->app, &req, r);
    else
        pages_handle(&s->app, &req, r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    server_t *s = cls;
    upload_t *u = *con_cls;
    response_t r = {0};
    if (u == NULL) {
        u = calloc(1, sizeof *u);
        if (u == NULL)
            return MHD_NO;
        *con_cls = u;
        /* A declared length over the limit is refused before any of the body is read. */
        const char *length =
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (length == NULL || strtoull(length, NULL, 10) <= s->app.max_body)
            return MHD_YES;
        u->too_large = true;
    }
    if (*upload_data_size > 0) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (!u->too_large && n > s->app.max_body - u->length) {
            /* A body without a declared length: the rest is read and dropped so the client
             * hears the 413, up to a bound past which the connection is closed instead. */
            u->too_large = true;
            free(u->data);
            u->data = NULL;
        }
        if (u->too_large) {
            u->length += n;
            return u->length <= DISCARD_FACTOR * s->app.max_body ? MHD_YES : MHD_NO;
        }
        char *grown = realloc(u->data, u->length + n + 1);
        if (grown == NULL)
            return MHD_NO;
        u->data = grown;
        memcpy(u->data + u->length, upload_data, n);
        u->length += n;
        u->data[u->length] = '\0';
        return MHD_YES;
    }
    if (u->too_large)
        response_error(&r, 413, NULL, "the request body is larger than the limit of %zu bytes",
                       s->app.max_body);
    else
        dispatch(s, c, url, method, u, &r);
    /* Each connection has its own thread, which ends with it: what evaluating left in the
     * thread is freed now. */
    pacta_evaluate_thread_cleanup();
    *upload_data_size = 0;
    return send_response(c, &r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
    (void)cls;
    (void)c;
    (void)why;
    upload_t *u = *con_cls;
    if (u != NULL) {
        free(u->data);
        free(u);
        *con_cls = NULL;
    }
}

/* The policy of pages that run the what-if script: that script alone, by its hash. */
static void script_policy(char *buf, size_t size)
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    char b64[BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE) + 1];
    sha256_init(&ctx);
    sha256_update(&ctx, strlen(server_whatif_js), (const uint8_t *)server_whatif_js);
    sha256_digest(&ctx, sizeof digest, digest);
    base64_encode_raw(b64, sizeof digest, digest);
    b64[sizeof b64 - 1] = '\0';
    snprintf(buf, size,
             "default-src 'none'; script-src 'sha256-%s'; connect-src 'self'; style-src "
             "'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; "
             "form-action 'none'",
             b64);
}

static bool app_open(server_t *s, const server_config_t *config)
{
    size_t length = 0;
    const char *text = pacta_durability_default_model_text(&length);
    if (!catalog_open(&s->app.catalog, config->dir, config->files, config->n_files, config->err))
        return false;
    if (pacta_durability_model_parse(&s->app.durability, text, length, "(shipped model)", NULL) !=
        PACTA_OK) {
        fprintf(config->err, "pacta: serve: the shipped durability model cannot be read\n");
        return false;
    }
    s->app.max_body = config->max_body;
    script_policy(s->app.script_csp, sizeof s->app.script_csp);
    return true;
}

/* The URL the server is reached at, for the "serving" line. */
static void print_url(const server_config_t *config, struct MHD_Daemon *d,
                      const struct sockaddr_storage *addr, const server_t *s)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[INET6_ADDRSTRLEN + 2] = "127.0.0.1";
    if (addr->ss_family == AF_INET6) {
        host[0] = '[';
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)addr)->sin6_addr, host + 1,
                  INET6_ADDRSTRLEN);
        strcat(host, "]");
    } else {
        inet_ntop(AF_INET, &((const struct sockaddr_in *)addr)->sin_addr, host, sizeof host);
    }
    char **names = NULL;
    size_t n = catalog_list(&s->app.catalog, &names);
    catalog_free_names(names, n == (size_t)-1 ? 0 : n);
    fprintf(config->out, "pacta: serving %zu scenario%s at http://%s:%u/ (Ctrl-C stops)\n",
            n == (size_t)-1 ? 0 : n, n == 1 ? "" : "s", host, info ? info->port : 0u);
    fflush(config->out);
}

int server_run(const server_config_t *config)
{
    server_t s;
    memset(&s, 0, sizeof s);
    s.app.catalog.dir_fd = -1;
    struct sockaddr_storage addr;
    socklen_t addr_len = 0;
    sigset_t stop, old;
    struct MHD_Daemon *d = NULL;
    int code = SERVER_EXIT_OK;
    if (!parse_listen(config->listen, &addr, &addr_len, &s.loopback)) {
        fprintf(config->err,
                "pacta: serve: --listen '%s' must be ADDR:PORT (127.0.0.1:8080, [::1]:0)\n",
                config->listen);
        return SERVER_EXIT_USAGE;
    }
    if (!app_open(&s, config)) {
        code = SERVER_EXIT_BAD_INPUT;
        goto cleanup;
    }
    /* Blocked before MHD starts its threads, so they inherit the mask and the signals wait
     * for sigwait() below. */
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                     MHD_USE_POLL | (addr.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
    d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, &s, MHD_OPTION_SOCK_ADDR, &addr,
                         MHD_OPTION_CONNECTION_TIMEOUT, config->timeout,
                         MHD_OPTION_CONNECTION_LIMIT, config->max_connections,
                         MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
                         MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
    if (d == NULL) {
        fprintf(config->err, "pacta: serve: cannot listen on %s: %s\n", config->listen,
                errno ? strerror(errno) : "libmicrohttpd refused");
        code = SERVER_EXIT_IO;
    } else {
        print_url(config, d, &addr, &s);
        int sig = 0;
        while (sigwait(&stop, &sig) != 0)
            ;
        MHD_stop_daemon(d);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
cleanup:
    pacta_durability_model_destroy(s.app.durability);
    catalog_close(&s.app.catalog);
    return code;
}
