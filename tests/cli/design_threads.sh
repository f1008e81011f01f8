#!/bin/sh
# A robust design is byte-identical on 1 and 2 threads, in text and in JSON: each draw is
# addressed by (seed, draw) and the sums are taken in draw order (src/design/robust.c).
# Usage: design_threads.sh PACTA SOURCE_DIR
set -u
pacta=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
status=0
for format in text json; do
    for threads in 1 2; do
        "$pacta" design "$src/tests/data/war.yaml" --runs 300 --jitter position=5,war=0.05 \
            --seed 9 --starts 6 --threads "$threads" -f "$format" > "$dir/$format.$threads" ||
            { echo "design --threads $threads -f $format failed"; status=1; }
    done
    if ! cmp -s "$dir/$format.1" "$dir/$format.2"; then
        echo "the $format output differs between --threads 1 and --threads 2:"
        diff "$dir/$format.1" "$dir/$format.2" | head -20
        status=1
    fi
done
grep -q "300 Monte Carlo draws" "$dir/text.1" || { echo "no robust section in the text"; status=1; }
exit $status
