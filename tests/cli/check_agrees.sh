#!/bin/sh
# 'pacta check' runs exactly the checks the commands run on a scenario: for every scenario
# file in tests/bad/ and examples/, a file check passes is rejected (exit 3) by none of
# forecast, evaluate and simulate, and a file check rejects is rejected by at least one of them
# (forecast needs no proposals, so it may run a file whose proposals evaluate cannot judge),
# each giving check's first message. A command may still stop for reasons that are not the
# file's (exit 2: say, evaluate on a scenario without proposals).
# Usage: check_agrees.sh PACTA SOURCE_DIR
set -u
pacta=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
files=0
for file in "$src"/tests/bad/*.yaml "$src"/tests/bad/*.csv "$src"/tests/bad/*.tsv "$src"/tests/bad/*.xml \
    "$src"/examples/*.yaml; do
    [ -f "$file" ] || continue
    case $(basename "$file") in alliance-* | episodes-* | durability-* | deu-*) continue ;; esac
    files=$((files + 1))
    "$pacta" check "$file" > /dev/null 2> "$dir/check.err"
    verdict=$?
    [ "$verdict" -eq 3 ] || [ "$verdict" -eq 0 ] || continue   # not a scenario check (I/O...)
    rejected_by=""
    for command in "forecast" "evaluate" "simulate --runs 8 --threads 1"; do
        # shellcheck disable=SC2086
        "$pacta" $command "$file" > /dev/null 2> "$dir/command.err"
        code=$?
        if [ "$code" -eq 3 ]; then
            rejected_by="$rejected_by $command"
            if [ "$verdict" -eq 0 ]; then
                echo "FAIL: $(basename "$file"): check passes it, '$command' rejects it:"
                sed -n 1,3p "$dir/command.err"
                failures=$((failures + 1))
            elif [ "$(head -n 1 "$dir/command.err")" != "$(head -n 1 "$dir/check.err")" ]; then
                echo "FAIL: $(basename "$file"): check and '$command' give different reasons:"
                head -n 1 "$dir/check.err"
                head -n 1 "$dir/command.err"
                failures=$((failures + 1))
            fi
        fi
    done
    if [ "$verdict" -eq 3 ] && [ -z "$rejected_by" ]; then
        echo "FAIL: $(basename "$file"): check rejects it, but no command does:"
        sed -n 1,3p "$dir/check.err"
        failures=$((failures + 1))
    fi
done
echo "$files scenario files: check and forecast, evaluate, simulate $([ "$failures" -eq 0 ] && echo agree || echo "disagree $failures times")"
[ "$failures" -eq 0 ]
