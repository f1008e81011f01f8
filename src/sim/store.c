/* Stored runs: an SQLite file with one simulation (its scenario text, SHA-256, defining
 * arguments and layout) and its finished blocks of replicates, one row and one transaction
 * per block. WAL journaling makes each commit durable against a killed process. */
#include <nettle/sha2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"

#include <pacta/pacta.h>

enum { STORE_FORMAT = 1 };

struct pacta_sim_store {
    sqlite3 *db;
    sqlite3_stmt *insert;
    /* Which blocks the file held when it was loaded: worker threads ask while others insert,
     * so they read this fixed bitmap, never the database (a shared statement stepped from two
     * threads at once failed resumes at random). */
    uint8_t *stored;
    uint64_t n_stored_bits;
    char failure[256]; /* why a block could not be stored, for pacta_sim_store_explain() */
    char *path;
    /* Resumed runs keep the stored text and arguments alive here. */
    char *text;
    size_t length;
    char *scenario_path;
    char **arguments;
    size_t n_arguments;
    size_t n_values;
};

static void sha256_hex(const char *text, size_t length, char hex[65])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, length, (const uint8_t *)text);
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}

static pacta_status db_error(pacta_sim_store_t *s, pacta_diag_t *diag, const char *what)
{
    pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "", "%s: %s", what,
                    s->db ? sqlite3_errmsg(s->db) : "cannot open");
    return PACTA_EIO;
}

static const char *const schema =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = NORMAL;"
    "CREATE TABLE IF NOT EXISTS simulation ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  format INTEGER NOT NULL, pacta_version TEXT NOT NULL, created TEXT NOT NULL,"
    "  scenario_path TEXT NOT NULL, scenario_sha256 TEXT NOT NULL, scenario BLOB NOT NULL,"
    "  arguments TEXT NOT NULL, n_values INTEGER, status TEXT NOT NULL, done INTEGER);"
    "CREATE TABLE IF NOT EXISTS block ("
    "  block INTEGER PRIMARY KEY, replicates INTEGER NOT NULL, data BLOB NOT NULL);";

static pacta_status open_db(pacta_sim_store_t **out, const char *path, int flags,
                            pacta_diag_t *diag)
{
    pacta_sim_store_t *s = pacta_calloc(1, sizeof *s);
    if (s == NULL)
        return PACTA_ENOMEM;
    s->path = pacta_strdup(path);
    if (s->path == NULL) {
        pacta_free(s);
        return PACTA_ENOMEM;
    }
    *out = s;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK)
        return db_error(s, diag, "cannot open the run database");
    sqlite3_busy_timeout(s->db, 5000);
    /* Only a new run creates tables: resuming never adds them to someone else's database. */
    const char *setup = flags & SQLITE_OPEN_CREATE ? schema : "PRAGMA journal_mode = WAL;";
    if (sqlite3_exec(s->db, setup, NULL, NULL, NULL) != SQLITE_OK)
        return db_error(s, diag, "not a pacta run database");
    if (sqlite3_prepare_v2(s->db, "INSERT INTO block (block, replicates, data) VALUES (?, ?, ?)",
                           -1, &s->insert, NULL) != SQLITE_OK)
        return db_error(s, diag, "cannot prepare statements");
    return PACTA_OK;
}

/* Arguments are stored one per line; none contains a newline (checked on store). */
static pacta_status join_arguments(const char *const *arguments, char **out)
{
    size_t bytes = 1;
    for (size_t i = 0; arguments[i]; i++) {
        if (strchr(arguments[i], '\n') != NULL)
            return PACTA_EINVAL;
        bytes += strlen(arguments[i]) + 1;
    }
    char *text = pacta_malloc(bytes), *p = text;
    if (text == NULL)
        return PACTA_ENOMEM;
    for (size_t i = 0; arguments[i]; i++) {
        size_t n = strlen(arguments[i]);
        memcpy(p, arguments[i], n);
        p[n] = '\n';
        p += n + 1;
    }
    *p = '\0';
    *out = text;
    return PACTA_OK;
}

pacta_status pacta_sim_store_create(pacta_sim_store_t **out, const char *path,
                                    const char *scenario_path, const char *text, size_t length,
                                    const char *const *arguments, pacta_diag_t *diag)
{
    *out = NULL;
    pacta_sim_store_t *s = NULL;
    char *joined = NULL;
    sqlite3_stmt *st = NULL;
    pacta_status status = open_db(&s, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, diag);
    if (status != PACTA_OK)
        goto cleanup;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM simulation", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        status = db_error(s, diag, "cannot read the run database");
        goto cleanup;
    }
    if (sqlite3_column_int(st, 0) != 0) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "--db",
                       "already holds a simulation; continue it with --resume, or choose a "
                       "new file");
        status = PACTA_EIO;
        goto cleanup;
    }
    sqlite3_finalize(st);
    st = NULL;
    status = join_arguments(arguments, &joined);
    if (status != PACTA_OK) {
        if (status == PACTA_EINVAL)
            pacta_diag_add(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "--db",
                           "an argument contains a newline and cannot be stored");
        goto cleanup;
    }
    char hex[65], created[32];
    sha256_hex(text, length, hex);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO simulation (id, format, pacta_version, created, "
                           "scenario_path, scenario_sha256, scenario, arguments, status, done) "
                           "VALUES (1, ?, ?, ?, ?, ?, ?, ?, 'running', 0)",
                           -1, &st, NULL) != SQLITE_OK) {
        status = db_error(s, diag, "cannot prepare statements");
        goto cleanup;
    }
    sqlite3_bind_int(st, 1, STORE_FORMAT);
    sqlite3_bind_text(st, 2, pacta_version(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, created, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, scenario_path, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, hex, -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(st, 6, text, (int)length, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, joined, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) {
        status = db_error(s, diag, "cannot store the run");
        goto cleanup;
    }

cleanup:
    sqlite3_finalize(st);
    pacta_free(joined);
    if (status != PACTA_OK)
        pacta_sim_store_close(s);
    else
        *out = s;
    return status;
}

pacta_status pacta_sim_store_open(pacta_sim_store_t **out, const char *path, const char **text,
                                  size_t *length, const char **scenario_path,
                                  const char *const **arguments, pacta_diag_t *diag)
{
    *out = NULL;
    pacta_sim_store_t *s = NULL;
    sqlite3_stmt *st = NULL;
    pacta_status status = open_db(&s, path, SQLITE_OPEN_READWRITE, diag);
    if (status != PACTA_OK)
        goto cleanup;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT format, scenario_path, scenario_sha256, scenario, arguments, "
                           "n_values FROM simulation WHERE id = 1",
                           -1, &st, NULL) != SQLITE_OK) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "--resume",
                        "is not a pacta run database (%s)", sqlite3_errmsg(s->db));
        status = PACTA_EIO;
        goto cleanup;
    }
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE)
            pacta_diag_add(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "--resume",
                           "holds no simulation: the run that created it stopped before it "
                           "stored its scenario; start it again with --db");
        else
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "--resume",
                            "cannot read the stored simulation: %s", sqlite3_errmsg(s->db));
        status = PACTA_EIO;
        goto cleanup;
    }
    if (sqlite3_column_int(st, 0) != STORE_FORMAT) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "--resume",
                        "holds a run in store format %d; this pacta reads format %d",
                        sqlite3_column_int(st, 0), STORE_FORMAT);
        status = PACTA_EIO;
        goto cleanup;
    }
    s->length = (size_t)sqlite3_column_bytes(st, 3);
    s->text = pacta_malloc(s->length + 1);
    s->scenario_path = pacta_strdup((const char *)sqlite3_column_text(st, 1));
    const char *joined = (const char *)sqlite3_column_text(st, 4);
    if (s->text == NULL || s->scenario_path == NULL || joined == NULL) {
        status = PACTA_ENOMEM;
        goto cleanup;
    }
    if (s->length > 0)
        memcpy(s->text, sqlite3_column_blob(st, 3), s->length);
    s->text[s->length] = '\0';
    s->n_values = (size_t)sqlite3_column_int64(st, 5);
    char hex[65];
    sha256_hex(s->text, s->length, hex);
    if (strcmp(hex, (const char *)sqlite3_column_text(st, 2)) != 0) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, path, 0, 0, "--resume",
                       "the stored scenario does not match its SHA-256: the file is damaged");
        status = PACTA_EINPUT;
        goto cleanup;
    }
    size_t n = 0;
    for (const char *p = joined; *p; p++)
        n += *p == '\n';
    s->arguments = pacta_calloc(n + 1, sizeof(char *));
    if (s->arguments == NULL) {
        status = PACTA_ENOMEM;
        goto cleanup;
    }
    const char *p = joined;
    for (size_t i = 0; i < n; i++) {
        const char *nl = strchr(p, '\n');
        s->arguments[i] = pacta_strndup(p, (size_t)(nl - p));
        if (s->arguments[i] == NULL) {
            status = PACTA_ENOMEM;
            goto cleanup;
        }
        s->n_arguments++;
        p = nl + 1;
    }
    *text = s->text;
    *length = s->length;
    *scenario_path = s->scenario_path;
    *arguments = (const char *const *)s->arguments;

cleanup:
    sqlite3_finalize(st);
    if (status != PACTA_OK)
        pacta_sim_store_close(s);
    else
        *out = s;
    return status;
}

static bool skip_block(void *user, uint64_t block)
{
    const pacta_sim_store_t *s = user;
    return block < s->n_stored_bits && (s->stored[block / 8] >> (block % 8) & 1u);
}

static pacta_status store_block(void *user, uint64_t block, const double *values,
                                size_t n_replicates, size_t n_values)
{
    pacta_sim_store_t *s = user;
    sqlite3_reset(s->insert);
    sqlite3_bind_int64(s->insert, 1, (sqlite3_int64)block);
    sqlite3_bind_int64(s->insert, 2, (sqlite3_int64)n_replicates);
    sqlite3_bind_blob64(s->insert, 3, values, n_replicates * n_values * sizeof(double),
                        SQLITE_STATIC);
    if (sqlite3_step(s->insert) == SQLITE_DONE)
        return PACTA_OK;
    snprintf(s->failure, sizeof s->failure, "cannot store block %llu: %s",
             (unsigned long long)block, sqlite3_errmsg(s->db));
    return PACTA_EIO;
}

void pacta_sim_store_explain(const pacta_sim_store_t *s, pacta_diag_t *diag)
{
    if (s != NULL && s->failure[0] != '\0')
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "--db", s->failure);
}

void pacta_sim_store_attach(pacta_sim_store_t *store, pacta_simulate_options_t *options)
{
    options->skip_block = skip_block;
    options->on_block = store_block;
    options->block_user = store;
}

pacta_status pacta_sim_store_load(pacta_sim_store_t *s, pacta_simulation_t *sim,
                                  pacta_diag_t *diag)
{
    size_t n_values = pacta_simulation_layout(sim);
    if (s->n_values != 0 && s->n_values != n_values) {
        pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "--resume",
                        "the stored run has %zu values per replicate but this one has %zu",
                        s->n_values, n_values);
        return PACTA_EINPUT;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "UPDATE simulation SET n_values = ? WHERE id = 1", -1, &st,
                           NULL) != SQLITE_OK)
        return db_error(s, diag, "cannot update the run");
    sqlite3_bind_int64(st, 1, (sqlite3_int64)n_values);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_error(s, diag, "cannot update the run");
    s->n_values = n_values;
    pacta_free(s->stored);
    s->n_stored_bits = (sim->runs + sim->block_size - 1) / sim->block_size;
    s->stored = pacta_calloc((size_t)(s->n_stored_bits / 8 + 1), 1);
    if (s->stored == NULL)
        return PACTA_ENOMEM;
    if (sqlite3_prepare_v2(s->db, "SELECT block, replicates, data FROM block ORDER BY block", -1,
                           &st, NULL) != SQLITE_OK)
        return db_error(s, diag, "cannot read stored blocks");
    pacta_status status = PACTA_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && status == PACTA_OK) {
        uint64_t block = (uint64_t)sqlite3_column_int64(st, 0);
        size_t replicates = (size_t)sqlite3_column_int64(st, 1);
        size_t bytes = (size_t)sqlite3_column_bytes(st, 2);
        if (bytes != replicates * n_values * sizeof(double)) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "--resume",
                            "stored block %llu has the wrong size", (unsigned long long)block);
            status = PACTA_EINPUT;
            break;
        }
        /* The blob may not be aligned for doubles; copy it. */
        double *values = pacta_malloc(bytes ? bytes : 8);
        if (values == NULL) {
            status = PACTA_ENOMEM;
            break;
        }
        memcpy(values, sqlite3_column_blob(st, 2), bytes);
        status = pacta_simulation_add_block(sim, block, values, replicates);
        pacta_free(values);
        if (status == PACTA_OK)
            s->stored[block / 8] |= (uint8_t)(1u << (block % 8));
        if (status == PACTA_EINVAL) {
            pacta_diag_addf(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "--resume",
                            "stored block %llu does not fit this run", (unsigned long long)block);
            status = PACTA_EINPUT;
        }
    }
    sqlite3_finalize(st);
    if (status == PACTA_OK && rc != SQLITE_DONE)
        status = db_error(s, diag, "cannot read stored blocks");
    return status;
}

pacta_status pacta_sim_store_finish(pacta_sim_store_t *s, const pacta_simulation_t *sim)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "UPDATE simulation SET status = ?, done = ? WHERE id = 1", -1,
                           &st, NULL) != SQLITE_OK)
        return PACTA_EIO;
    sqlite3_bind_text(st, 1, sim->partial ? "partial" : "complete", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)sim->done);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? PACTA_OK : PACTA_EIO;
}

void pacta_sim_store_close(pacta_sim_store_t *s)
{
    if (s == NULL)
        return;
    sqlite3_finalize(s->insert);
    pacta_free(s->stored);
    sqlite3_close(s->db);
    for (size_t i = 0; i < s->n_arguments; i++)
        pacta_free(s->arguments[i]);
    pacta_free(s->arguments);
    pacta_free(s->text);
    pacta_free(s->scenario_path);
    pacta_free(s->path);
    pacta_free(s);
}
