#!/bin/sh
# The shared library exports the public API and nothing else: every symbol that
# `nm -D --defined-only` lists in libpacta.so is declared in include/pacta/, and every
# function or object declared there is exported (a declaration without PACTA_API is hidden
# by -fvisibility=hidden and could not be called by a program linking libpacta.so).
# Usage: exported_symbols.sh LIBPACTA_SO INCLUDE_DIR
set -eu
lib=$1
include=$2
if ! command -v nm >/dev/null 2>&1; then
    echo "skipped: nm is not installed (Debian package binutils)"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Exported: the third column of nm's defined dynamic symbols, less those that are not ours to
# declare: the linker defines _init and _fini (and, with older binutils, _edata, _end and
# __bss_start) in every shared library; GCC's AddressSanitizer adds an __odr_asan.NAME beside
# each exported object (scripts/test.sh --sanitize), and clang's coverage for libFuzzer the
# bounds of its sections, __start___sancov_* and __stop___sancov_*.
nm -D --defined-only "$lib" >"$tmp/nm"
awk 'NF == 3 { print $3 }' "$tmp/nm" | sed 's/@.*//' |
    grep -v -x -e _init -e _fini -e _edata -e _end -e __bss_start |
    grep -v -e '^__odr_asan[._]' -e '^__start___sancov_' -e '^__stop___sancov_' |
    sort -u >"$tmp/exported"
if [ ! -s "$tmp/exported" ]; then
    echo "exported_symbols: $lib exports nothing" >&2
    exit 1
fi

# Declared: with comments and preprocessor lines removed, every pacta_* name followed by
# "(" is a function declaration (the public headers define no functions), except a type
# followed by "(*", the return type of a function pointer; and every name an extern
# declaration ends on is an object.
for header in "$include"/*.h; do
    awk '
        {
            line = $0
            out = ""
            while (line != "") {
                if (in_comment) {
                    end = index(line, "*/")
                    if (end == 0) { line = ""; break }
                    line = substr(line, end + 2)
                    in_comment = 0
                } else {
                    start = index(line, "/*")
                    if (start == 0) { out = out line; line = ""; break }
                    out = out substr(line, 1, start - 1) " "
                    line = substr(line, start + 2)
                    in_comment = 1
                }
            }
            if (out !~ /^[ \t]*#/) print out
        }
    ' "$header"
done >"$tmp/code"
{
    tr '\n' ' ' <"$tmp/code" | grep -o 'pacta_[A-Za-z0-9_]* *( *[^* ]' | sed 's/ *(.*//'
    grep '^extern [^"]' "$tmp/code" | sed 's/[[;].*//' | awk '{ print $NF }'
} | sort -u >"$tmp/declared"

status=0
comm -23 "$tmp/exported" "$tmp/declared" >"$tmp/undeclared"
comm -13 "$tmp/exported" "$tmp/declared" >"$tmp/hidden"
if [ -s "$tmp/undeclared" ]; then
    echo "exported by $lib but not declared in $include/ (make them static or hidden):"
    sed 's/^/  /' "$tmp/undeclared"
    status=1
fi
if [ -s "$tmp/hidden" ]; then
    echo "declared in $include/ but not exported by $lib (PACTA_API missing, or no definition):"
    sed 's/^/  /' "$tmp/hidden"
    status=1
fi
if [ "$status" -eq 0 ]; then
    echo "$(wc -l <"$tmp/exported") symbols exported, each declared in $include/"
fi
exit "$status"
