#!/bin/sh
# Installs what is missing, builds, and runs the whole test suite.
# Usage: scripts/test.sh [--sanitize]
#   --sanitize  build in build-asan with AddressSanitizer, UndefinedBehaviorSanitizer and
#               -Werror, and run the suite there.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
if [ "${1:-}" = "--sanitize" ]; then
    dir=build-asan
    scripts/build.sh "$dir" -DCMAKE_BUILD_TYPE=Debug -DPACTA_SANITIZE=ON -DPACTA_WERROR=ON
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    # fontconfig's process-lifetime caches (reached through cairo) are not ours to free.
    export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
    dir=build
    scripts/build.sh "$dir"
fi
cd "$dir"
ctest --output-on-failure --parallel "$(nproc 2>/dev/null || echo 2)"
