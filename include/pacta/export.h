/**
 * @file export.h
 * @brief PACTA_API marks the functions and objects that libpacta exports.
 *
 * The library is compiled with -fvisibility=hidden, so a shared libpacta exports only what
 * carries PACTA_API: every declaration in include/pacta/ and nothing else (the test
 * library.exported_symbols checks both directions). Internal functions, named pacta_* as
 * well, stay hidden, so they can change without breaking programs and cannot clash with
 * another library's names. A static libpacta.a is unaffected apart from that.
 */
#ifndef PACTA_EXPORT_H
#define PACTA_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define PACTA_API __attribute__((visibility("default")))
#else
#define PACTA_API
#endif

#endif
