#!/bin/sh
# pacta init's skeleton is a usable scenario for any --actors, --issues and --no-war: check
# passes it without a warning, and forecast, evaluate and simulate run it; its commented-out
# keys pass check too once uncommented. init refuses to replace a file without --force.
# Usage: init_check.sh PACTA
set -u
pacta=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for options in "" "--actors 2 --issues 1" "--actors 4 --issues 3" "--actors 9 --issues 5" \
    "--no-war" "--no-war --actors 2 --issues 1" "--no-war --actors 6 --issues 4"; do
    # shellcheck disable=SC2086
    "$pacta" init $options >"$dir/s.yaml" || { fail "init $options"; continue; }
    "$pacta" init $options | "$pacta" check /dev/stdin >/dev/null 2>"$dir/err" ||
        fail "init $options | check: $(head -n 1 "$dir/err")"
    [ -s "$dir/err" ] && fail "init $options | check warns: $(head -n 1 "$dir/err")"
    for command in "forecast" "evaluate" "simulate --runs 10 --threads 1"; do
        # shellcheck disable=SC2086
        "$pacta" $command "$dir/s.yaml" >/dev/null 2>"$dir/err" ||
            fail "init $options, then $command: $(head -n 1 "$dir/err")"
    done
    # The keys left commented out (units, outcome, risk, ideal_adjustment, model_settings).
    sed -e 's/^\( *\)# \(units\|outcome\|risk\|ideal_adjustment\|model_settings\):/\1\2:/' \
        -e 's/^#   bdm:/  bdm:/' "$dir/s.yaml" >"$dir/all.yaml"
    [ "$(grep -c -E '^ *(units|outcome|risk|ideal_adjustment|model_settings|bdm):' "$dir/all.yaml")" -eq 6 ] ||
        fail "init $options: the commented-out keys are not where this test expects them"
    "$pacta" check "$dir/all.yaml" >/dev/null 2>"$dir/err" ||
        fail "init $options, keys uncommented: $(head -n 1 "$dir/err")"
done

# An existing file is replaced only with --force; standard output and devices are not files.
echo keep >"$dir/old.yaml"
"$pacta" init "$dir/old.yaml" 2>"$dir/err"
[ $? -eq 2 ] || fail "init over an existing file does not exit 2"
grep -q "exists; give --force" "$dir/err" || fail "init over an existing file says: $(cat "$dir/err")"
[ "$(cat "$dir/old.yaml")" = keep ] || fail "init replaced an existing file without --force"
"$pacta" init -o "$dir/old.yaml" 2>/dev/null && fail "init -o replaced an existing file"
ln -s old.yaml "$dir/link.yaml"
"$pacta" init "$dir/link.yaml" 2>/dev/null && fail "init replaced a symbolic link without --force"
"$pacta" init --force "$dir/old.yaml" || fail "init --force"
"$pacta" check "$dir/old.yaml" >/dev/null || fail "the file init --force wrote does not pass check"
"$pacta" init -o /dev/null || fail "init -o /dev/null"
"$pacta" init -o - | grep -q '^format_version: 1' || fail "init -o -"

[ "$failures" -eq 0 ] && echo "init's skeletons pass check and run; existing files are kept"
[ "$failures" -eq 0 ]
