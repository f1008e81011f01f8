/**
 * @file diag.h
 * @brief Diagnostics: a list of located messages collected while reading or running.
 *
 * Parsers and checks report every problem they find into a pacta_diag_t instead of stopping
 * at the first one. Each entry names the file, line and column (1-based; 0 when unknown),
 * the field (a dotted path such as "actors[3].positions.crimea.salience") and a message.
 */
#ifndef PACTA_DIAG_H
#define PACTA_DIAG_H

#include <stddef.h>

#include <pacta/export.h>
#include <pacta/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Severity of a diagnostic. */
typedef enum pacta_severity {
    PACTA_SEVERITY_ERROR = 0,   /**< the input cannot be used */
    PACTA_SEVERITY_WARNING = 1, /**< the input is valid but probably not what was meant */
    PACTA_SEVERITY_NOTE = 2,    /**< extra context for the entry before it */
} pacta_severity;

/** One diagnostic. All strings are owned by the diagnostics list. */
typedef struct pacta_diag_entry {
    pacta_severity severity;
    const char *file;    /**< path as given by the caller, or "" */
    int line;            /**< 1-based, 0 when unknown */
    int column;          /**< 1-based, 0 when unknown */
    const char *field;   /**< dotted path of the offending field, or "" */
    const char *message; /**< one sentence, no trailing newline */
} pacta_diag_entry_t;

/** An ordered list of diagnostics. Not thread-safe: one list per thread. */
typedef struct pacta_diag pacta_diag_t;

/** Most entries a list keeps; later ones are counted but dropped. */
#define PACTA_DIAG_MAX_ENTRIES 1000

/**
 * Create an empty list.
 * @param out  output: the new list, to be freed with pacta_diag_destroy().
 * @return PACTA_OK or PACTA_ENOMEM.
 */
PACTA_API pacta_status pacta_diag_create(pacta_diag_t **out);

/** Free a list and its entries. Accepts NULL. */
PACTA_API void pacta_diag_destroy(pacta_diag_t *diag);

/** Number of entries kept (at most PACTA_DIAG_MAX_ENTRIES). Accepts NULL (0). */
PACTA_API size_t pacta_diag_count(const pacta_diag_t *diag);

/** Number of entries of severity PACTA_SEVERITY_ERROR reported, including dropped ones. */
PACTA_API size_t pacta_diag_error_count(const pacta_diag_t *diag);

/** Number of entries reported but not kept because the list was full. */
PACTA_API size_t pacta_diag_dropped(const pacta_diag_t *diag);

/** Entry @p i (0-based, borrowed; valid until the list is modified or destroyed). */
PACTA_API const pacta_diag_entry_t *pacta_diag_get(const pacta_diag_t *diag, size_t i);

/** Remove all entries. */
PACTA_API void pacta_diag_clear(pacta_diag_t *diag);

/**
 * Append an entry. The strings are copied. @p diag may be NULL (the entry is discarded),
 * which lets callers that do not want details pass NULL everywhere.
 * @return PACTA_OK, or PACTA_ENOMEM (the entry is then counted but not kept).
 */
PACTA_API pacta_status pacta_diag_add(pacta_diag_t *diag, pacta_severity severity, const char *file,
                                      int line, int column, const char *field, const char *message);

/** printf-style pacta_diag_add(). */
PACTA_API pacta_status pacta_diag_addf(pacta_diag_t *diag, pacta_severity severity,
                                       const char *file, int line, int column, const char *field,
                                       const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/**
 * The candidate closest to @p word by edit distance (optimal string alignment), when it is
 * close enough to be a plausible misspelling (at most a third of the word, 1 to 3 edits);
 * NULL otherwise. For "did you mean" in messages. @p candidates is NULL-terminated
 * (borrowed). Thread-safe. Time: O(sum of |word| x |candidate|).
 */
PACTA_API const char *pacta_suggest(const char *word, const char *const *candidates);

#ifdef __cplusplus
}
#endif

#endif
