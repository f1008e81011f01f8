#!/bin/sh
# pacta simulate --resume continues a stored run whatever the scenario's format: a pacta YAML
# scenario, a flat CSV table, KTAB's CSV layout and KTAB's XML, and a file whose suffix does
# not match its content (the format is recognised from the stored text, as at the start).
# Each resumed store must give byte-identical output to the uninterrupted run.
# Usage: resume_formats.sh PACTA SOURCE_DIR
set -u
pacta=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$src/tests/data/ktab/example.xml" "$dir/ktab-xml-named.yaml"
failures=0
for input in "$src/examples/emission-standards.yaml" "$src/tests/data/emission.csv" \
    "$src/tests/data/ktab/quirks.csv" "$src/tests/data/ktab/example.xml" \
    "$dir/ktab-xml-named.yaml"; do
    name=$(basename "$input")
    rm -f "$dir/run.sqlite"
    if ! "$pacta" simulate "$input" --runs 300 --seed 3 --jitter position=5 -m compromise,median \
        --db "$dir/run.sqlite" -f json > "$dir/first.json" 2> "$dir/err"; then
        echo "FAIL: $name: the first run failed"; cat "$dir/err"; failures=$((failures + 1))
        continue
    fi
    if ! "$pacta" simulate --resume "$dir/run.sqlite" -f json > "$dir/resumed.json" \
        2> "$dir/err"; then
        echo "FAIL: $name: --resume failed"; cat "$dir/err"; failures=$((failures + 1))
        continue
    fi
    if cmp -s "$dir/first.json" "$dir/resumed.json"; then
        echo "ok: $name resumes to the same $(wc -c < "$dir/first.json") bytes"
    else
        echo "FAIL: $name: the resumed output differs"
        diff "$dir/first.json" "$dir/resumed.json" | head -10
        failures=$((failures + 1))
    fi
done
[ "$failures" -eq 0 ]
