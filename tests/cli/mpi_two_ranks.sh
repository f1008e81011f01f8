#!/bin/sh
# pacta simulate under mpirun with two processes gives byte-identical output to one process.
# Usage: mpi_two_ranks.sh PACTA SOURCE_DIR. Skips (77) without mpirun or an MPI build.
set -u
pacta=$1
src=$2
command -v mpirun >/dev/null 2>&1 || { echo "skipped: mpirun is not installed"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
args="simulate $src/examples/ukraine-2025.yaml --runs 2000 --seed 5 --jitter position=5,capability=10% -m compromise,median,nash,bdm --issue nato -f json"
# shellcheck disable=SC2086
"$pacta" $args > "$dir/one.json" || { echo "FAIL: single process"; exit 1; }
# OpenMPI keeps its own allocations to process exit (in plugins it has unloaded by then, so
# LeakSanitizer cannot even name them); leak checking of pacta's code is the other tests' job.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
# --oversubscribe: two ranks on a machine that may report fewer slots; root is allowed
# because CI runs as root.
# shellcheck disable=SC2086
if ! mpirun -np 2 --oversubscribe --allow-run-as-root "$pacta" $args > "$dir/two.json" 2> "$dir/err"; then
    if grep -q "built without MPI" "$dir/err"; then
        echo "skipped: pacta was built without MPI"
        exit 77
    fi
    echo "FAIL: mpirun"; cat "$dir/err"; exit 1
fi
if cmp -s "$dir/one.json" "$dir/two.json"; then
    echo "two MPI ranks give the same output as one process ($(wc -c < "$dir/one.json") bytes)"
    exit 0
fi
echo "FAIL: outputs differ"
diff "$dir/one.json" "$dir/two.json" | head -20
exit 1
