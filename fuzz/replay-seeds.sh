#!/bin/sh
# Runs a fuzz harness's replay binary over its seed corpus (fuzz/seeds.sh), so that the
# harnesses are exercised by the ordinary test suite and cannot rot.
# Usage: fuzz/replay-seeds.sh REPLAY_BINARY TARGET
set -eu
[ $# -eq 2 ] || { echo "usage: fuzz/replay-seeds.sh REPLAY_BINARY TARGET" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sh "$(dirname "$0")/seeds.sh" "$2" "$dir"
"$1" "$dir"
