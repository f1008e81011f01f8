/* The Monte Carlo engine: blocks of replicates handed to worker threads in index order,
 * each thread with its own scenario mirror, model workspace, evaluation arena and
 * accumulators, merged exactly at the end (docs/models.md, "Monte Carlo"). */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "forecast/forecast_internal.h"
#include "settle/settle_internal.h"
#include "sim/sim_internal.h"

typedef struct worker worker_t;

typedef struct sim_owner {
    pacta_simulation_t pub;
    const pacta_scenario_t *s;
    pacta_simulate_options_t o;
    pacta_jitter_t *jitter;
    pacta_forecast_t *layout; /* resolves the models and issues; owns the configs */
    size_t n_issues;          /* selected issues */
    size_t n_models;
    size_t n_proposals;       /* judged per replicate (0 without evaluation) */
    size_t n_values;          /* per replicate */
    size_t max_actors;
    uint64_t n_blocks;
    sim_acc_t *acc;           /* one per value */
    uint64_t *histograms;
    pacta_evaluate_options_t evaluation;
    pthread_mutex_t lock;
    bool ran;
    _Atomic uint64_t next_block; /* position in this part's block sequence */
    _Atomic uint64_t done;       /* replicates finished by the workers */
    _Atomic unsigned active;     /* workers still running */
    atomic_int stop;             /* set by pacta_simulation_stop, maybe in a signal handler */
    pacta_sim_forecast_t *forecasts;
    pacta_sim_proposal_t *proposals;
    uint64_t *actor_counts;
    /* Joint models (smp) bargain over several issues in one run: for model m, joint_k[m] > 1
     * issues, joint_issues[m] their scenario indices and joint_slot[m][q] the position of
     * issue q among the simulation's issues. Per-issue models have joint_k[m] = 0. */
    size_t *joint_k;
    const size_t **joint_issues;
    size_t *joint_slots; /* n_models x n_issues */
} sim_owner_t;

typedef struct issue_memo {
    bool valid, any_risk, has_status_quo;
    size_t n;
    double status_quo;
    double *inputs;   /* x, sal, cap, risk: 4 x max_actors */
    double *forecast; /* one per model */
} issue_memo_t;

struct worker {
    sim_owner_t *o;
    pacta_arena_t *arena;      /* mirror and jitter distributions */
    pacta_arena_t *eval_arena; /* reset every replicate */
    sim_mirror_t mirror;
    pacta_workspace_t *ws;
    double *x, *sal, *cap, *risk;
    /* The last inputs each issue's single-issue models ran on and what they gave: an issue no
     * drawn number touches (or a draw that repeats) is not run again. Exact, since a model's
     * forecast is a function of its inputs alone. */
    issue_memo_t *memo;
    double *values; /* block_size x n_values */
    double *joint;  /* n_issues: one joint run's forecasts */
    sim_acc_t *acc;
    uint64_t *histograms;
    pacta_status status;
    pthread_t thread;
};

void pacta_simulate_options_default(pacta_simulate_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->runs = 1000;
    o->seed = 1;
    o->block_size = 64;
    pacta_forecast_options_default(&o->forecast);
    pacta_evaluate_options_default(&o->evaluation);
}

long pacta_jitter_parse(const char *text, pacta_jitter_t *out, size_t max, char *error,
                        size_t error_size)
{
    static const char *const names[] = {"position", "salience", "capability", "status_quo",
                                         "proposal", "war"};
    size_t n = 0;
    const char *p = text;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char item[128];
        if (len == 0 || len >= sizeof item) {
            snprintf(error, error_size, "empty or over-long item in '%s'", text);
            return -1;
        }
        memcpy(item, p, len);
        item[len] = '\0';
        char *eq = strchr(item, '=');
        if (eq == NULL) {
            snprintf(error, error_size, "'%s' must be FIELD=SD or FIELD=PERCENT%%", item);
            return -1;
        }
        *eq = '\0';
        int field = -1;
        for (int i = 0; i < 6; i++)
            if (strcmp(item, names[i]) == 0)
                field = i;
        if (field < 0) {
            snprintf(error, error_size,
                     "unknown field '%s' (position, salience, capability, status_quo, proposal, "
                     "war)",
                     item);
            return -1;
        }
        char *value = eq + 1, *end = NULL;
        size_t vlen = strlen(value);
        bool relative = vlen > 0 && value[vlen - 1] == '%';
        if (relative)
            value[vlen - 1] = '\0';
        errno = 0;
        double sd = strtod(value, &end);
        if (value[0] == '\0' || *end != '\0' || errno != 0 || !isfinite(sd) || sd < 0) {
            snprintf(error, error_size, "'%s' is not a non-negative number for %s", value, item);
            return -1;
        }
        /* A deviation wider than the field's whole range draws nearly uniformly from it
         * after truncation: almost surely a slip (a share written as a percentage, say). */
        double widest = relative ? 100.0 : field == PACTA_FIELD_WAR ? 1.0 : 100.0;
        if (sd > widest && !(field == PACTA_FIELD_CAPABILITY && !relative)) {
            snprintf(error, error_size,
                     relative ? "%s=%s%% is wider than the value itself; a relative deviation "
                                "may be at most 100%%"
                     : field == PACTA_FIELD_WAR
                         ? "%s=%s is wider than the range of p and the costs (0-1); the "
                           "deviation may be at most 1"
                         : "%s=%s is wider than the 0-100 scale; the deviation may be at most "
                           "100",
                     item, value);
            return -1;
        }
        if (n == max) {
            snprintf(error, error_size, "too many items");
            return -1;
        }
        out[n++] = (pacta_jitter_t){(pacta_field)field, relative ? sd / 100.0 : sd, relative};
        p = comma ? comma + 1 : p + len;
    }
    return (long)n;
}

size_t pacta_simulation_layout(const pacta_simulation_t *simulation)
{
    return ((const sim_owner_t *)simulation)->n_values;
}

/* ---- one replicate ------------------------------------------------------------------- */

static void replicate(worker_t *w, uint64_t index, double *out)
{
    sim_owner_t *o = w->o;
    const pacta_scenario_t *s = &w->mirror.s;
    pacta_sim_mirror_sample(&w->mirror, o->o.seed, index);
    for (size_t i = 0; i < o->n_issues; i++) {
        size_t k = o->layout->issues[i].issue;
        size_t n = 0;
        bool any_risk = false;
        for (size_t a = 0; a < s->n_actors; a++) {
            const pacta_actor_t *actor = &s->actors[a];
            const pacta_stance_t *st = &actor->stances[k];
            if (!st->present)
                continue;
            w->x[n] = st->position.value;
            w->sal[n] = st->salience.value;
            w->cap[n] = actor->capability.value;
            w->risk[n] = actor->has_risk ? actor->risk.value : 1.0;
            any_risk |= actor->has_risk;
            n++;
        }
        issue_memo_t *memo = &w->memo[i];
        size_t bytes = n * sizeof(double), stride = o->max_actors ? o->max_actors : 1;
        bool has_sq = s->issues[k].has_status_quo;
        double sq = s->issues[k].status_quo.value;
        if (memo->valid && memo->n == n && memo->any_risk == any_risk &&
            memo->has_status_quo == has_sq && memcmp(&memo->status_quo, &sq, sizeof sq) == 0 &&
            memcmp(memo->inputs, w->x, bytes) == 0 &&
            memcmp(memo->inputs + stride, w->sal, bytes) == 0 &&
            memcmp(memo->inputs + 2 * stride, w->cap, bytes) == 0 &&
            (!any_risk || memcmp(memo->inputs + 3 * stride, w->risk, bytes) == 0)) {
            for (size_t m = 0; m < o->n_models; m++)
                if (o->joint_k[m] <= 1)
                    out[i * o->n_models + m] = memo->forecast[m];
            continue;
        }
        pacta_issue_data_t data = {n,
                                   w->x,
                                   w->sal,
                                   w->cap,
                                   any_risk ? w->risk : NULL,
                                   s->issues[k].has_status_quo,
                                   s->issues[k].status_quo.value};
        for (size_t m = 0; m < o->n_models; m++) {
            if (o->joint_k[m] > 1)
                continue; /* below, once for all its issues */
            double f = NAN;
            bool defined = false;
            if (pacta_model_forecast(o->layout->configs[m], &data, w->ws, &f, &defined) !=
                    PACTA_OK ||
                !defined)
                f = NAN;
            out[i * o->n_models + m] = f;
            memo->forecast[m] = f;
        }
        memcpy(memo->inputs, w->x, bytes);
        memcpy(memo->inputs + stride, w->sal, bytes);
        memcpy(memo->inputs + 2 * stride, w->cap, bytes);
        if (any_risk)
            memcpy(memo->inputs + 3 * stride, w->risk, bytes);
        memo->n = n;
        memo->any_risk = any_risk;
        memo->has_status_quo = has_sq;
        memo->status_quo = sq;
        memo->valid = true;
    }
    for (size_t m = 0; m < o->n_models; m++) {
        size_t k = o->joint_k[m];
        if (k <= 1)
            continue;
        if (pacta_forecast_joint_point(s, o->layout->configs[m], o->joint_issues[m], k, w->joint) !=
            PACTA_OK)
            for (size_t q = 0; q < k; q++)
                w->joint[q] = NAN;
        for (size_t q = 0; q < k; q++)
            out[o->joint_slots[m * o->n_issues + q] * o->n_models + m] = w->joint[q];
    }
    if (o->n_proposals == 0)
        return;
    double *flags = out + o->n_issues * o->n_models;
    size_t per = PACTA_VERDICT_COUNT + s->n_actors;
    pacta_arena_reset(w->eval_arena);
    settle_params_t params;
    pacta_evaluation_t e;
    pacta_status st = pacta_settle_params_init(&params, s, w->eval_arena);
    if (st == PACTA_OK)
        st = pacta_settle_evaluate_into(&e, w->eval_arena, s, &o->evaluation, &params, NULL);
    for (size_t p = 0; p < o->n_proposals; p++) {
        double *f = flags + p * per;
        if (st != PACTA_OK) {
            for (size_t v = 0; v < per; v++)
                f[v] = NAN;
            continue;
        }
        const pacta_proposal_verdict_t *v = &e.proposals[p];
        f[PACTA_VERDICT_VETOES_ACCEPT] = v->vetoes_accept;
        f[PACTA_VERDICT_INSIDE_RANGE] = v->bargaining.present ? v->bargaining.inside : NAN;
        f[PACTA_VERDICT_SELF_ENFORCING] =
            v->commitment.present ? v->commitment.self_enforcing : NAN;
        f[PACTA_VERDICT_EMBOLDENS] = v->emboldening.present ? v->emboldening.emboldens : NAN;
        for (size_t a = 0; a < s->n_actors; a++)
            f[PACTA_VERDICT_COUNT + a] = v->actors[a].takes_part ? v->actors[a].accepts : NAN;
    }
}

/* ---- workers ------------------------------------------------------------------------- */

static uint64_t block_replicates(const sim_owner_t *o, uint64_t block)
{
    uint64_t first = block * o->o.block_size;
    uint64_t last = first + o->o.block_size;
    return (last > o->pub.runs ? o->pub.runs : last) - first;
}

/* Lock-free, so setting it is async-signal-safe. */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "pacta_simulation_stop needs a lock-free atomic int");

static bool stopped(sim_owner_t *o)
{
    return atomic_load_explicit(&o->stop, memory_order_relaxed) != 0;
}

void pacta_simulation_stop(pacta_simulation_t *simulation)
{
    if (simulation != NULL)
        atomic_store_explicit(&((sim_owner_t *)simulation)->stop, 1, memory_order_relaxed);
}

static void *work(void *arg)
{
    worker_t *w = arg;
    sim_owner_t *o = w->o;
    unsigned parts = o->o.part_count > 1 ? o->o.part_count : 1;
    while (!stopped(o)) {
        uint64_t j = atomic_fetch_add(&o->next_block, 1);
        uint64_t block = (uint64_t)o->o.part_index + j * parts;
        if (block >= o->n_blocks)
            break;
        if (o->o.skip_block != NULL && o->o.skip_block(o->o.block_user, block))
            continue;
        uint64_t n = block_replicates(o, block);
        for (uint64_t r = 0; r < n; r++) {
            double *values = w->values + r * o->n_values;
            replicate(w, block * o->o.block_size + r, values);
            for (size_t v = 0; v < o->n_values; v++)
                pacta_sim_acc_add(&w->acc[v], values[v]);
        }
        if (o->o.on_block != NULL) {
            pthread_mutex_lock(&o->lock);
            pacta_status st = o->o.on_block(o->o.block_user, block, w->values, (size_t)n,
                                            o->n_values);
            pthread_mutex_unlock(&o->lock);
            if (st != PACTA_OK) {
                w->status = st;
                break;
            }
        }
        atomic_fetch_add(&o->done, n);
    }
    atomic_fetch_sub(&o->active, 1);
    return NULL;
}

/* Accumulators for the layout: histograms for forecasts, counts for flags. */
static pacta_status make_accumulators(const sim_owner_t *o, sim_acc_t **acc, uint64_t **hist)
{
    size_t n_forecast = o->n_issues * o->n_models;
    *acc = pacta_calloc(o->n_values ? o->n_values : 1, sizeof(sim_acc_t));
    *hist = pacta_calloc(n_forecast ? n_forecast * SIM_BINS : 1, sizeof(uint64_t));
    if (*acc == NULL || *hist == NULL) {
        pacta_free(*acc);
        pacta_free(*hist);
        *acc = NULL;
        *hist = NULL;
        return PACTA_ENOMEM;
    }
    for (size_t v = 0; v < n_forecast; v++)
        (*acc)[v].histogram = *hist + v * SIM_BINS;
    return PACTA_OK;
}

static void worker_destroy(worker_t *w)
{
    pacta_arena_destroy(w->arena);
    pacta_arena_destroy(w->eval_arena);
    pacta_workspace_destroy(w->ws);
    pacta_free(w->x);
    pacta_free(w->sal);
    pacta_free(w->cap);
    pacta_free(w->risk);
    for (size_t i = 0; w->memo != NULL && i < w->o->n_issues; i++) {
        pacta_free(w->memo[i].inputs);
        pacta_free(w->memo[i].forecast);
    }
    pacta_free(w->memo);
    pacta_free(w->values);
    pacta_free(w->joint);
    pacta_free(w->acc);
    pacta_free(w->histograms);
}

static pacta_status worker_init(worker_t *w, sim_owner_t *o)
{
    memset(w, 0, sizeof *w);
    w->o = o;
    size_t n = o->max_actors ? o->max_actors : 1;
    w->arena = pacta_arena_create();
    w->eval_arena = pacta_arena_create();
    w->x = pacta_malloc(n * sizeof(double));
    w->sal = pacta_malloc(n * sizeof(double));
    w->cap = pacta_malloc(n * sizeof(double));
    w->risk = pacta_malloc(n * sizeof(double));
    w->values = pacta_malloc((size_t)o->o.block_size * (o->n_values ? o->n_values : 1) *
                             sizeof(double));
    w->joint = pacta_malloc((o->n_issues ? o->n_issues : 1) * sizeof(double));
    if (!w->arena || !w->eval_arena || !w->x || !w->sal || !w->cap || !w->risk || !w->values ||
        !w->joint)
        return PACTA_ENOMEM;
    w->memo = pacta_calloc(o->n_issues ? o->n_issues : 1, sizeof(issue_memo_t));
    if (w->memo == NULL)
        return PACTA_ENOMEM;
    for (size_t i = 0; i < o->n_issues; i++) {
        w->memo[i].inputs = pacta_malloc(4 * n * sizeof(double));
        w->memo[i].forecast = pacta_malloc((o->n_models ? o->n_models : 1) * sizeof(double));
        if (w->memo[i].inputs == NULL || w->memo[i].forecast == NULL)
            return PACTA_ENOMEM;
    }
    pacta_status st = pacta_workspace_create(
        &w->ws, (const pacta_model_config_t *const *)o->layout->configs, o->n_models, n);
    if (st == PACTA_OK)
        st = pacta_sim_mirror_create(&w->mirror, o->s, o->jitter, o->o.n_jitter, w->arena);
    if (st == PACTA_OK)
        st = make_accumulators(o, &w->acc, &w->histograms);
    return st;
}

/* ---- lifetime ---------------------------------------------------------------------- */

void pacta_simulation_destroy(pacta_simulation_t *simulation)
{
    if (simulation == NULL)
        return;
    sim_owner_t *o = (sim_owner_t *)simulation;
    pacta_forecast_destroy(o->layout);
    pacta_free(o->jitter);
    pacta_free(o->joint_k);
    pacta_free(o->joint_issues);
    pacta_free(o->joint_slots);
    pacta_free(o->acc);
    pacta_free(o->histograms);
    pacta_free(o->forecasts);
    pacta_free(o->proposals);
    pacta_free(o->actor_counts);
    pthread_mutex_destroy(&o->lock);
    pacta_free(o);
}

pacta_status pacta_simulation_create(pacta_simulation_t **out, const pacta_scenario_t *s,
                                     const pacta_simulate_options_t *options, pacta_diag_t *diag)
{
    *out = NULL;
    if (options->runs == 0 || options->block_size == 0 ||
        (options->part_count > 1 && options->part_index >= options->part_count)) {
        pacta_diag_add(diag, PACTA_SEVERITY_ERROR, s->path, 0, 0, "--runs",
                       "a simulation needs at least one run in blocks of at least one");
        return PACTA_EINVAL;
    }
    sim_owner_t *o = pacta_calloc(1, sizeof *o);
    if (o == NULL)
        return PACTA_ENOMEM;
    pthread_mutex_init(&o->lock, NULL);
    pacta_status st = PACTA_OK;
    o->s = s;
    o->o = *options;
    o->jitter = pacta_calloc(options->n_jitter ? options->n_jitter : 1, sizeof(pacta_jitter_t));
    if (o->jitter == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    if (options->n_jitter)
        memcpy(o->jitter, options->jitter, options->n_jitter * sizeof(pacta_jitter_t));
    o->o.jitter = o->jitter;
    if (o->o.threads == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        o->o.threads = cores > 0 ? (unsigned)cores : 1;
    }
    o->pub.runs = options->runs;
    o->pub.seed = options->seed;
    o->pub.threads = o->o.threads;
    o->pub.block_size = options->block_size;
    o->n_blocks = (options->runs + options->block_size - 1) / options->block_size;

    /* The point-value forecast resolves the models and issues and checks they run. */
    st = pacta_forecast_run(&o->layout, s, &options->forecast, diag);
    if (st != PACTA_OK)
        goto cleanup;
    o->n_issues = o->layout->n_issues;
    o->n_models = o->layout->n_configs;
    /* Joint models run once per replicate over the issues the point forecast ran them on. */
    o->joint_k = pacta_calloc(o->n_models ? o->n_models : 1, sizeof(size_t));
    o->joint_issues = pacta_calloc(o->n_models ? o->n_models : 1, sizeof(size_t *));
    o->joint_slots = pacta_calloc(o->n_models * o->n_issues + 1, sizeof(size_t));
    if (o->joint_k == NULL || o->joint_issues == NULL || o->joint_slots == NULL) {
        st = PACTA_ENOMEM;
        goto cleanup;
    }
    for (size_t m = 0; m < o->n_models && o->n_issues > 0; m++) {
        const pacta_forecast_entry_t *e = &o->layout->issues[0].entries[m];
        if (e->n_joint_issues <= 1)
            continue;
        o->joint_k[m] = e->n_joint_issues;
        o->joint_issues[m] = e->joint_issues;
        for (size_t q = 0; q < e->n_joint_issues; q++)
            for (size_t i = 0; i < o->n_issues; i++)
                if (o->layout->issues[i].issue == e->joint_issues[q])
                    o->joint_slots[m * o->n_issues + q] = i;
    }
    o->pub.configs = (const pacta_model_config_t *const *)o->layout->configs;
    o->pub.n_configs = o->n_models;
    o->max_actors = s->n_actors;
    if (options->evaluate) {
        o->evaluation = options->evaluation;
        o->evaluation.pareto = false;
        o->evaluation.compare_models = false;
        o->evaluation.durability = NULL;
        o->evaluation.proposal = NULL;
        /* Judge the point-value scenario once so structural problems surface now. */
        pacta_evaluation_t *e = NULL;
        st = pacta_evaluate(&e, s, &o->evaluation, diag);
        pacta_evaluation_destroy(e);
        if (st != PACTA_OK)
            goto cleanup;
        o->n_proposals = s->n_proposals;
    }
    {   /* How many inputs vary: none means every replicate repeats the point forecast. */
        pacta_arena_t *arena = pacta_arena_create();
        sim_mirror_t probe;
        st = arena ? pacta_sim_mirror_create(&probe, s, o->jitter, o->o.n_jitter, arena)
                   : PACTA_ENOMEM;
        if (st == PACTA_OK)
            o->pub.n_uncertain = probe.n_fields;
        pacta_arena_destroy(arena);
        if (st != PACTA_OK)
            goto cleanup;
    }
    o->n_values =
        o->n_issues * o->n_models + o->n_proposals * (PACTA_VERDICT_COUNT + s->n_actors);
    st = make_accumulators(o, &o->acc, &o->histograms);

cleanup:
    if (st != PACTA_OK)
        pacta_simulation_destroy(&o->pub);
    else
        *out = &o->pub;
    return st;
}

static void sleep_briefly(void)
{
    struct timespec t = {0, 5 * 1000 * 1000};
    nanosleep(&t, NULL);
}

pacta_status pacta_simulation_run(pacta_simulation_t *simulation)
{
    sim_owner_t *o = (sim_owner_t *)simulation;
    if (o->ran)
        return PACTA_EINVAL;
    o->ran = true;
    unsigned n = o->o.threads;
    pacta_status st = PACTA_OK;
    worker_t *workers = pacta_calloc(n, sizeof(worker_t));
    if (workers == NULL)
        return PACTA_ENOMEM;
    unsigned started = 0;
    for (unsigned t = 0; t < n && st == PACTA_OK; t++)
        st = worker_init(&workers[t], o);
    for (unsigned t = 0; t < n && st == PACTA_OK; t++) {
        atomic_fetch_add(&o->active, 1);
        if (pthread_create(&workers[t].thread, NULL, work, &workers[t]) != 0) {
            atomic_fetch_sub(&o->active, 1);
            st = PACTA_ENOMEM;
            break;
        }
        started++;
    }
    /* The calling thread reports progress, about ten times a second, until the workers are
     * done. */
    uint64_t total = o->pub.runs;
    for (unsigned tick = 0; atomic_load(&o->active) > 0; tick++) {
        if (o->o.progress != NULL && tick % 20 == 0)
            o->o.progress(o->o.progress_user, o->pub.done + atomic_load(&o->done), total);
        sleep_briefly();
    }
    for (unsigned t = 0; t < started; t++)
        pthread_join(workers[t].thread, NULL);
    for (unsigned t = 0; t < n; t++) {
        if (st == PACTA_OK && workers[t].status != PACTA_OK)
            st = workers[t].status;
        if (workers[t].acc != NULL)
            for (size_t v = 0; v < o->n_values; v++)
                pacta_sim_acc_merge(&o->acc[v], &workers[t].acc[v]);
        worker_destroy(&workers[t]);
    }
    pacta_free(workers);
    o->pub.done += atomic_load(&o->done);
    o->pub.partial = o->pub.done < o->pub.runs;
    if (o->o.progress != NULL)
        o->o.progress(o->o.progress_user, o->pub.done, total);
    return st;
}

pacta_status pacta_simulation_add_block(pacta_simulation_t *simulation, uint64_t block,
                                        const double *values, size_t n_replicates)
{
    sim_owner_t *o = (sim_owner_t *)simulation;
    if (block >= o->n_blocks || n_replicates != block_replicates(o, block))
        return PACTA_EINVAL;
    pthread_mutex_lock(&o->lock);
    for (size_t r = 0; r < n_replicates; r++)
        for (size_t v = 0; v < o->n_values; v++)
            pacta_sim_acc_add(&o->acc[v], values[r * o->n_values + v]);
    o->pub.done += n_replicates;
    pthread_mutex_unlock(&o->lock);
    return PACTA_OK;
}

/* ---- serialising for merges ---------------------------------------------------------- */

enum { RECORD_BYTES = 2 * 8 + 2 * 16 + 2 * 8 };

static void put(unsigned char **p, const void *v, size_t n)
{
    memcpy(*p, v, n);
    *p += n;
}

static void get(const unsigned char **p, void *v, size_t n)
{
    memcpy(v, *p, n);
    *p += n;
}

pacta_status pacta_simulation_serialize(const pacta_simulation_t *simulation, void **data,
                                        size_t *size)
{
    const sim_owner_t *o = (const sim_owner_t *)simulation;
    size_t n_hist = o->n_issues * o->n_models;
    size_t bytes = 3 * 8 + o->n_values * RECORD_BYTES + n_hist * SIM_BINS * 8;
    unsigned char *buf = pacta_malloc(bytes), *p = buf;
    if (buf == NULL)
        return PACTA_ENOMEM;
    uint64_t header[3] = {UINT64_C(0x7061637461736d31), o->n_values, o->pub.done};
    put(&p, header, sizeof header);
    for (size_t v = 0; v < o->n_values; v++) {
        const sim_acc_t *a = &o->acc[v];
        put(&p, &a->n, 8);
        put(&p, &a->ones, 8);
        put(&p, &a->sum, 16);
        put(&p, &a->sumsq, 16);
        put(&p, &a->min, 8);
        put(&p, &a->max, 8);
    }
    put(&p, o->histograms, n_hist * SIM_BINS * 8);
    *data = buf;
    *size = bytes;
    return PACTA_OK;
}

pacta_status pacta_simulation_merge(pacta_simulation_t *simulation, const void *data,
                                    size_t size)
{
    sim_owner_t *o = (sim_owner_t *)simulation;
    size_t n_hist = o->n_issues * o->n_models;
    if (size != 3 * 8 + o->n_values * RECORD_BYTES + n_hist * SIM_BINS * 8)
        return PACTA_EINVAL;
    const unsigned char *p = data;
    uint64_t header[3];
    get(&p, header, sizeof header);
    if (header[0] != UINT64_C(0x7061637461736d31) || header[1] != o->n_values)
        return PACTA_EINVAL;
    sim_acc_t *incoming = pacta_calloc(o->n_values ? o->n_values : 1, sizeof(sim_acc_t));
    if (incoming == NULL)
        return PACTA_ENOMEM;
    for (size_t v = 0; v < o->n_values; v++) {
        sim_acc_t *a = &incoming[v];
        get(&p, &a->n, 8);
        get(&p, &a->ones, 8);
        get(&p, &a->sum, 16);
        get(&p, &a->sumsq, 16);
        get(&p, &a->min, 8);
        get(&p, &a->max, 8);
    }
    const uint64_t *hist = (const uint64_t *)p;
    pthread_mutex_lock(&o->lock);
    for (size_t v = 0; v < o->n_values; v++) {
        sim_acc_t *a = &incoming[v];
        a->histogram = NULL; /* merged separately, from the unaligned buffer */
        pacta_sim_acc_merge(&o->acc[v], a);
    }
    for (size_t i = 0; i < n_hist * SIM_BINS; i++) {
        uint64_t c;
        memcpy(&c, hist + i, 8);
        o->histograms[i] += c;
    }
    o->pub.done += header[2];
    pthread_mutex_unlock(&o->lock);
    pacta_free(incoming);
    return PACTA_OK;
}

/* ---- summaries --------------------------------------------------------------------- */

static void summarise(const sim_acc_t *a, uint64_t runs, pacta_sim_summary_t *out)
{
    memset(out, 0, sizeof *out);
    out->n = a->n;
    out->undefined = runs >= a->n ? runs - a->n : 0;
    out->histogram = a->histogram;
    out->n_bins = SIM_BINS;
    if (a->n == 0) {
        out->mean = out->sd = out->min = out->max = NAN;
        for (int q = 0; q < 5; q++)
            out->quantile[q] = NAN;
        return;
    }
    long double scale = ldexpl(1.0L, 64);
    long double n = (long double)a->n;
    long double sum = (long double)a->sum / scale, sumsq = (long double)a->sumsq / scale;
    out->mean = (double)(sum / n);
    long double var = a->n > 1 ? (sumsq - sum * sum / n) / (n - 1) : 0.0L;
    out->sd = (double)sqrtl(var > 0 ? var : 0);
    out->min = a->min;
    out->max = a->max;
    static const double levels[5] = {0.05, 0.25, 0.50, 0.75, 0.95};
    for (int q = 0; q < 5; q++) {
        /* The k-th smallest value, k = ceil(level n), placed inside its 0.01-wide bin as if
         * the bin's values sat at the centres of equal slices of it, and kept within the observed range (so a
         * constant output gives its exact value as every quantile). */
        uint64_t k = (uint64_t)ceill(levels[q] * n);
        if (k < 1)
            k = 1;
        uint64_t before = 0;
        for (size_t b = 0; b < SIM_BINS; b++) {
            uint64_t in_bin = a->histogram[b];
            if (before + in_bin >= k) {
                double x = ((double)b + ((double)(k - before) - 0.5) / (double)in_bin) / 100.0;
                out->quantile[q] = fmin(fmax(x, a->min), a->max);
                break;
            }
            before += in_bin;
        }
    }
}

pacta_status pacta_simulation_finish(pacta_simulation_t *simulation)
{
    sim_owner_t *o = (sim_owner_t *)simulation;
    const pacta_scenario_t *s = o->s;
    pacta_free(o->forecasts);
    pacta_free(o->proposals);
    pacta_free(o->actor_counts);
    size_t n_forecasts = o->n_issues * o->n_models;
    o->forecasts = pacta_calloc(n_forecasts ? n_forecasts : 1, sizeof(pacta_sim_forecast_t));
    o->proposals = pacta_calloc(o->n_proposals ? o->n_proposals : 1, sizeof(pacta_sim_proposal_t));
    o->actor_counts = pacta_calloc(2 * (o->n_proposals * s->n_actors + 1), sizeof(uint64_t));
    if (o->forecasts == NULL || o->proposals == NULL || o->actor_counts == NULL)
        return PACTA_ENOMEM;
    for (size_t i = 0; i < o->n_issues; i++)
        for (size_t m = 0; m < o->n_models; m++) {
            pacta_sim_forecast_t *f = &o->forecasts[i * o->n_models + m];
            f->issue = o->layout->issues[i].issue;
            f->model = m;
            summarise(&o->acc[i * o->n_models + m], o->pub.done, &f->summary);
        }
    const sim_acc_t *flags = o->acc + n_forecasts;
    size_t per = PACTA_VERDICT_COUNT + s->n_actors;
    for (size_t p = 0; p < o->n_proposals; p++) {
        pacta_sim_proposal_t *sp = &o->proposals[p];
        sp->proposal = p;
        for (int v = 0; v < PACTA_VERDICT_COUNT; v++) {
            sp->verdict_true[v] = flags[p * per + (size_t)v].ones;
            sp->verdict_defined[v] = flags[p * per + (size_t)v].n;
        }
        uint64_t *accepts = o->actor_counts + 2 * p * s->n_actors;
        uint64_t *takes = accepts + s->n_actors;
        for (size_t a = 0; a < s->n_actors; a++) {
            accepts[a] = flags[p * per + PACTA_VERDICT_COUNT + a].ones;
            takes[a] = flags[p * per + PACTA_VERDICT_COUNT + a].n;
        }
        sp->accepts = accepts;
        sp->takes_part = takes;
    }
    o->pub.forecasts = o->forecasts;
    o->pub.n_forecasts = n_forecasts;
    o->pub.proposals = o->proposals;
    o->pub.n_proposals = o->n_proposals;
    o->pub.partial = o->pub.done < o->pub.runs;
    return PACTA_OK;
}
