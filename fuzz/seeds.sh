#!/bin/sh
# Writes the seed corpus of one fuzz target into a directory, from the files the repository
# already has (examples/, data/, tests/data/, tests/bad/, the CLI test cases), so no seed is
# kept twice. Multi-file inputs are joined with the separator line "=====" (fuzz/fuzz.h).
# Usage: fuzz/seeds.sh TARGET DIR
set -eu
[ $# -eq 2 ] || { echo "usage: fuzz/seeds.sh TARGET DIR" >&2; exit 2; }
target=$1
out=$2
src=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"

# copy FILE...: each readable regular file, named after its path in the tree.
copy() {
    for f in "$@"; do
        [ -f "$f" ] && [ -r "$f" ] || continue
        rel=${f#"$src"/}
        cp "$f" "$out/$(printf '%s' "$rel" | tr '/' '_')"
    done
}

# join NAME FILE...: the files joined by the separator into one input.
join() {
    name=$1
    shift
    first=1
    for f in "$@"; do
        [ $first -eq 1 ] || printf '\n=====\n'
        cat "$f"
        first=0
    done >"$out/$name"
}

case $target in
scenario_yaml)
    copy "$src"/examples/*.yaml "$src"/tests/data/*.yaml "$src"/tests/data/*/*.yaml \
        "$src"/tests/bad/*.yaml
    ;;
scenario_csv)
    copy "$src"/tests/data/*.csv "$src"/tests/bad/*.csv
    ;;
ktab_csv)
    copy "$src"/tests/data/ktab/*.csv "$src"/tests/data/ktab/bad/*.csv
    # KTAB's own examples, when the shared data sit beside the repository (not its histories).
    if [ -d "$src/../shared/data/ktab" ]; then
        for f in "$src"/../shared/data/ktab/*.csv; do
            case $f in *.positions.csv) ;; *) cp "$f" "$out/ktab-$(basename "$f")" ;; esac
        done
    fi
    ;;
ktab_xml)
    copy "$src"/tests/data/ktab/*.xml "$src"/tests/data/ktab/bad/*.xml "$src"/tests/bad/ktab-*.xml
    ;;
deu)
    d=$src/tests/data/backtest
    copy "$d"/*.tsv "$src"/tests/bad/deu-*.tsv
    join mini-capability "$d/mini.tsv" "$d/capability.csv"
    join bad-capability "$d/mini.tsv" "$d/bad-capability.csv"
    ;;
alliance)
    copy "$src"/tests/data/alliance/*.csv "$src"/tests/bad/alliance-*.csv
    join nato-with-sidecar "$src/data/nato-2014-2025.csv" "$src/data/nato-2014-2025.yaml"
    join small-with-sidecar "$src/tests/data/alliance/small.csv" \
        "$src/tests/data/alliance/small.yaml"
    join bad-sidecar "$src/tests/data/alliance/bad-sidecar.csv" \
        "$src/tests/data/alliance/bad-sidecar.yaml"
    ;;
episodes)
    copy "$src"/tests/data/durability/episodes-*.csv "$src"/tests/data/durability/fixture.csv \
        "$src"/tests/bad/episodes-*.csv
    ;;
episodes_build)
    d=$src/tests/data/durability
    # COW's inter-state war data: no fixture in the tree, so a two-row table in its layout.
    cow=$(mktemp)
    printf 'warnum,ccode1,ccode2,year,batdeath1,batdeath2\n1,100,200,1993,150,-9\n' >"$cow"
    join small "$d/ucdp-small.csv" "$d/pax-small.csv"
    join small-cow "$d/ucdp-small.csv" "$d/pax-small.csv" "$cow"
    join bad-ucdp "$d/ucdp-bad.csv" "$d/pax-small.csv"
    join bad-pax "$d/ucdp-small.csv" "$d/pax-bad.csv"
    rm -f "$cow"
    ;;
durability_model)
    copy "$src"/data/durability/*.yaml "$src"/tests/data/durability/*.yaml \
        "$src"/tests/bad/model-*.yaml
    ;;
cli)
    # Every argument line of the CLI test cases and of the bad-input corpus, as NUL-separated
    # arguments with paths relative to the source tree (the harness runs in a copy of it).
    n=0
    {
        sed -n 's/^args: //p' "$src"/tests/cli/cases/*.case
        grep -v '^#' "$src/tests/bad/expected.txt" | grep ' | ' |
            awk -F' [|] ' '{ c = $3; gsub(/\{\}/, "@tests/bad/" $1, c); print c }'
        echo "help"
        echo "--version"
    } | grep -v '@shared/' | while IFS= read -r line; do
        n=$((n + 1))
        printf '%s\n' "$line" | awk '
            {
                # Split on blanks; "..." groups words (tests/cli/README.md).
                n = 0; word = ""; quoted = 0; have = 0
                for (i = 1; i <= length($0); i++) {
                    c = substr($0, i, 1)
                    if (c == "\"") { quoted = !quoted; have = 1; continue }
                    if (c == " " && !quoted) {
                        if (have) { args[n++] = word }
                        word = ""; have = 0; continue
                    }
                    word = word c; have = 1
                }
                if (have) args[n++] = word
                for (i = 0; i < n; i++) {
                    a = args[i]
                    gsub(/@tmp\//, "", a)
                    gsub(/@/, "", a)
                    printf "%s", a
                    if (i + 1 < n) printf "%c", 0
                }
            }' >"$out/case-$n"
    done
    ;;
*)
    echo "fuzz/seeds.sh: unknown target '$target'" >&2
    exit 2
    ;;
esac
