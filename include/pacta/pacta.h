/**
 * @file pacta.h
 * @brief The one header users of libpacta include.
 *
 * pacta analyses negotiations to end wars and other multi-party bargains: scenarios of
 * actors, issues and proposals (scenario.h), forecast models behind one interface (model.h)
 * and their application to whole scenarios (forecast.h), alliance burden sharing
 * (alliance.h), and survival regression (survival.h) for the durability of settlements,
 * fitted on conflict data (durability.h). Every fallible function returns a pacta_status
 * (status.h) and reports details to a diagnostics list (diag.h).
 */
#ifndef PACTA_PACTA_H
#define PACTA_PACTA_H

#include <pacta/alliance.h>
#include <pacta/backtest.h>
#include <pacta/design.h>
#include <pacta/diag.h>
#include <pacta/durability.h>
#include <pacta/evaluate.h>
#include <pacta/export.h>
#include <pacta/forecast.h>
#include <pacta/format.h>
#include <pacta/model.h>
#include <pacta/report.h>
#include <pacta/scenario.h>
#include <pacta/simulate.h>
#include <pacta/status.h>
#include <pacta/survival.h>
#include <pacta/version.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The library's version string at run time (may differ from PACTA_VERSION_STRING). */
PACTA_API const char *pacta_version(void);

#ifdef __cplusplus
}
#endif

#endif
