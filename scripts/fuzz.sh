#!/bin/sh
# Builds the fuzz harnesses with clang (AddressSanitizer, UndefinedBehaviorSanitizer and
# libFuzzer, in build-fuzz) and runs one target. See fuzz/README.md.
#
# Usage: scripts/fuzz.sh list                       the targets
#        scripts/fuzz.sh build                      build every target
#        scripts/fuzz.sh TARGET SECONDS [OPTION...] fuzz TARGET for SECONDS
#
# OPTIONs are passed to libFuzzer (e.g. -runs=10000000 to stop after that many inputs).
# The corpus grows in build-fuzz/runs/TARGET/corpus and is reused by the next run; crashes,
# leaks and hangs are written to build-fuzz/runs/TARGET/artifacts/. One job at low priority:
# the machine is shared.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
targets="scenario_yaml scenario_csv ktab_csv ktab_xml deu alliance episodes episodes_build \
    durability_model cli"

usage() {
    echo "usage: scripts/fuzz.sh list | build | TARGET SECONDS [libFuzzer options]" >&2
    exit 2
}

build() {
    # Debian's clang and its sanitizer and libFuzzer runtimes.
    scripts/install-deps.sh clang libclang-rt-14-dev
    # One build at a time in build-fuzz, should two fuzzers start together.
    mkdir -p build-fuzz
    flock build-fuzz/.build-lock sh -c '
        cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            -DPACTA_SANITIZE=ON -DPACTA_FUZZ=ON -DPACTA_BUILD_TESTS=OFF -DPACTA_MPI=OFF >/dev/null &&
        cmake --build build-fuzz --parallel 2 "$@" >/dev/null' build "$@"
}

case ${1:-} in
list)
    for t in $targets; do echo "$t"; done
    exit 0
    ;;
build)
    build
    exit 0
    ;;
"" | -*)
    usage
    ;;
esac
[ $# -ge 2 ] || usage
target=$1
seconds=$2
shift 2
case " $targets " in
*" $target "*) ;;
*)
    echo "scripts/fuzz.sh: unknown target '$target' (scripts/fuzz.sh list)" >&2
    exit 2
    ;;
esac
case $seconds in
'' | *[!0-9]*) usage ;;
esac

build --target "fuzz_$target"

work=$root/build-fuzz/runs/$target
mkdir -p "$work/corpus" "$work/artifacts"
rm -rf "$work/seeds"
sh fuzz/seeds.sh "$target" "$work/seeds"

set -- -max_total_time="$seconds" -jobs=1 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$@"
dict=$root/fuzz/dict/$target.dict
[ -f "$dict" ] && set -- -dict="$dict" "$@"
case $target in
cli)
    # The command prints to both streams; a run of it may take seconds.
    set -- -close_fd_mask=3 -timeout=60 -max_len=1024 "$@"
    ;;
*)
    set -- -timeout=25 "$@"
    ;;
esac

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
# fontconfig's process-lifetime caches (reached through cairo) are not ours to free.
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd "$work"
echo "fuzzing $target for $seconds s; log: $work/fuzz-0.log" >&2
status=0
nice -n 19 "$root/build-fuzz/fuzz/fuzz_$target" "$@" "$work/corpus" "$work/seeds" || status=$?
tail -n 25 fuzz-0.log >&2
exit $status
