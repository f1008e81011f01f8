#!/bin/sh
# Configures and builds pacta. Usage: scripts/build.sh [BUILD_DIR] [extra cmake -D options]
# The default build directory is ./build.
set -eu
cd "$(dirname "$0")/.."
dir=${1:-build}
[ $# -gt 0 ] && shift
cmake -S . -B "$dir" "$@" >/dev/null
cmake --build "$dir" --parallel "$(nproc 2>/dev/null || echo 2)"
