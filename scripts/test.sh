#!/bin/sh
# Installs what is missing, builds, and runs the test suite.
# Usage: scripts/test.sh [--sanitize | --tsan]
#   --sanitize  build in build-asan with AddressSanitizer, UndefinedBehaviorSanitizer,
#               -Werror and allocation-failure injection (so the allocation sweeps run),
#               and run the whole suite there.
#   --tsan      build in build-tsan with ThreadSanitizer and run the tests that use threads
#               (pacta simulate's unit, command-line and process tests, and smp's).
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
filter=""
case "${1:-}" in
--sanitize)
    dir=build-asan
    scripts/build.sh "$dir" -DCMAKE_BUILD_TYPE=Debug -DPACTA_SANITIZE=ON -DPACTA_WERROR=ON \
        -DPACTA_ALLOC_FAILURE_INJECTION=ON
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    # fontconfig's process-lifetime caches (reached through cairo) are not ours to free.
    export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    ;;
--tsan)
    dir=build-tsan
    # MPI is left out: OpenMPI's own threads are not instrumented and would only add noise.
    scripts/build.sh "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPACTA_TSAN=ON -DPACTA_MPI=OFF
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
    filter="sim|simulate|resume|sigint|smp|server|browser"
    ;;
"")
    dir=build
    scripts/build.sh "$dir"
    ;;
*)
    echo "usage: scripts/test.sh [--sanitize | --tsan]" >&2
    exit 2
    ;;
esac
cd "$dir"
status=0
if [ -n "$filter" ]; then
    ctest --output-on-failure --parallel "$(nproc 2>/dev/null || echo 2)" -R "$filter" || status=$?
else
    ctest --output-on-failure --parallel "$(nproc 2>/dev/null || echo 2)" || status=$?
fi
# ctest hides the output of a skipped test, so list each with the reason it printed (every
# test that exits 77 first prints one line "skipped: REASON"; tests/unit/test.h).
log=Testing/Temporary/LastTest.log
if [ -f "$log" ] && grep -q '^skipped: ' "$log"; then
    echo "Why the skipped tests were skipped:"
    awk '/^[0-9]+\/[0-9]+ Test: / { name = $3 }
         /^skipped: / { sub(/^skipped: /, ""); printf "  %s: %s\n", name, $0 }' "$log"
fi
exit "$status"
