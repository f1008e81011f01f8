#!/bin/sh
# Installs the Debian packages pacta needs to build and test, if any are missing.
# Idempotent: when everything is present it changes nothing and needs no privileges.
# Runs as root, or through sudo otherwise. See README.md for why each package is needed.
# Extra package names given as arguments are installed too (scripts/fuzz.sh adds clang).
set -eu

packages="gcc make cmake pkg-config libfyaml-dev libcsv-dev libjansson-dev libglpk-dev libcairo2-dev
          libgsl-dev fonts-dejavu-core libsqlite3-dev nettle-dev openmpi-bin libopenmpi-dev
          libxml2-dev libxml2-utils libnlopt-dev groff-base zsh libmicrohttpd-dev curl
          chromium chromium-driver $*"

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
if [ -z "$missing" ]; then
    exit 0
fi

echo "pacta: installing missing packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "pacta: need root or sudo to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Update the package lists only when an install fails on stale lists.
# shellcheck disable=SC2086
if ! $as_root apt-get install -y --no-install-recommends $missing >/dev/null; then
    $as_root apt-get update >/dev/null
    $as_root apt-get install -y --no-install-recommends $missing >/dev/null
fi
