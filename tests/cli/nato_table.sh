#!/bin/sh
# The shipped NATO table is what scripts/build-nato-table.py makes from the figures in
# ../shared/data/conflict (issue 19): regenerate it into a scratch directory and compare
# byte for byte. Skipped (exit 77) without ../shared or without python3.
# Usage: nato_table.sh SOURCE_DIR
set -u
src=$1
shared=${PACTA_SHARED:-$src/../shared}/data/conflict
if [ ! -f "$shared/nato_defence_usd_gdp_personnel_2014_2026.csv" ]; then
    echo "skipped: $shared/nato_defence_usd_gdp_personnel_2014_2026.csv is absent"
    exit 77
fi
if ! command -v python3 > /dev/null 2>&1; then
    echo "skipped: python3 is not installed (scripts/build-nato-table.py needs it)"
    exit 77
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$src/scripts/build-nato-table.py" --shared "$shared" --table "$src/data/nato-2014-2025.csv" \
    -o "$dir/nato.csv" || exit 1
if ! cmp -s "$dir/nato.csv" "$src/data/nato-2014-2025.csv"; then
    echo "FAIL: data/nato-2014-2025.csv differs from what scripts/build-nato-table.py makes:"
    diff "$src/data/nato-2014-2025.csv" "$dir/nato.csv" | head -20
    exit 1
fi
echo "ok: data/nato-2014-2025.csv is what scripts/build-nato-table.py makes from $shared"
