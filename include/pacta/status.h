/**
 * @file status.h
 * @brief Status codes returned by every fallible pacta function.
 */
#ifndef PACTA_STATUS_H
#define PACTA_STATUS_H

#include <pacta/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Result of a fallible call. 0 is success. The numeric values are part of the API and are
 * never renumbered; new codes are only appended.
 */
typedef enum pacta_status {
    PACTA_OK = 0,        /**< success */
    PACTA_ENOMEM = 1,    /**< an allocation failed */
    PACTA_EINVAL = 2,    /**< invalid argument or option from the caller (a usage error) */
    PACTA_EINPUT = 3,    /**< the input data are malformed; details are in the diagnostics */
    PACTA_EIO = 4,       /**< a file could not be opened, read or written */
    PACTA_ENUMERIC = 5,  /**< a computation failed or has no defined result */
    PACTA_ELIMIT = 6,    /**< the input exceeds a documented limit */
} pacta_status;

/**
 * Static English text for a status code; never NULL (unknown codes give "unknown status").
 * Thread-safe.
 */
PACTA_API const char *pacta_strerror(pacta_status status);

#ifdef __cplusplus
}
#endif

#endif
