#!/bin/sh
# Times pacta's smp (KTAB's Spatial Model of Politics) on KTAB's reference examples (from
# ../shared/data/ktab when present) and on synthetic scenarios of 10, 30, 100, 300 and 1000
# actors with 1 and 3 dimensions, generated in KTAB's CSV layout with fixed seeds (seed =
# 100 * actors + dimensions), so anyone can feed the same files to KTAB's smpc.
#
# Usage: bench/run-smp.sh [--quick] [--threads N] [BUILD_DIR]
#   --quick      stop at 100 actors
#   --threads N  smp's threads option (default 1; results do not depend on it)
#   BUILD_DIR    where to build (default build-bench, CMake Release: -O3 -DNDEBUG)
# bench/smp_speed compares today's model with its pre-issue-18 copy (docs/performance.md).
# Scenarios go to bench/out/ (not kept in git). Prints one line per scenario: actors,
# dimensions, rounds to KTAB's stopping rule, median wall time in total and per round
# (3 runs up to 100 actors, 1 above), and the peak resident memory.
set -eu
cd "$(dirname "$0")/.."
quick=no
threads=1
dir=build-bench
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) quick=yes ;;
    --threads) threads=$2; shift ;;
    *) dir=$1 ;;
    esac
    shift
done
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DPACTA_BUILD_TESTS=OFF >/dev/null
cmake --build "$dir" --parallel 2 --target smp_bench >/dev/null
bench="$dir/bench/smp_bench"
out=bench/out
mkdir -p "$out"

sizes="10 30 100 300 1000"
[ "$quick" = yes ] && sizes="10 30 100"
for n in $sizes; do
    for d in 1 3; do
        "$bench" generate "$n" "$d" $((100 * n + d)) >"$out/synthetic-$n-$d.csv"
    done
done

echo "# $(uname -srm); $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'); $(nproc) processors; threads=$threads"
"$bench" header
for f in SOE-Pol-Comp dummyData_3Dim dummyData-a040; do
    [ -f "../shared/data/ktab/$f.csv" ] && "$bench" run "../shared/data/ktab/$f.csv" 5 --set threads="$threads"
done
for n in $sizes; do
    repeats=3
    [ "$n" -gt 100 ] && repeats=1
    for d in 1 3; do
        "$bench" run "$out/synthetic-$n-$d.csv" "$repeats" --set threads="$threads"
    done
done
