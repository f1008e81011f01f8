#!/bin/sh
# Where -o writes (cli/cli.h, cli_output_t; docs/cli.md): a file is replaced only when the
# output is complete; a symbolic link is replaced, never followed; a pipe is written in place;
# /dev/stdout and /dev/fd/N are the open descriptor (appended to, for text and pictures); a
# full device is an I/O error (exit 5) with a message and stays a device.
# Usage: output_targets.sh PACTA SOURCE_DIR
set -u
pacta=$1
src=$2
scenario=$src/examples/ukraine-2025.yaml
alliance="$src/data/nato-2014-2025.csv --year 2024 --edition 2024-06"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() {
    echo "FAIL: $*"
    exit 1
}
"$pacta" forecast "$scenario" -f csv -o "$dir/plain.csv" || fail "plain file"

echo secret >"$dir/target.csv"
ln -s target.csv "$dir/link.csv"
"$pacta" forecast "$scenario" -f csv -o "$dir/link.csv" || fail "over a link"
[ -L "$dir/link.csv" ] && fail "the symbolic link was followed"
cmp -s "$dir/plain.csv" "$dir/link.csv" || fail "the file that replaced the link is wrong"
[ "$(cat "$dir/target.csv")" = secret ] || fail "the link's target was written"

mkfifo "$dir/pipe"
"$pacta" forecast "$scenario" -f csv -o "$dir/pipe" &
writer=$!
timeout 30 cat "$dir/pipe" >"$dir/from-pipe.csv" || fail "nothing came through the pipe"
wait $writer || fail "writing to a named pipe"
[ -p "$dir/pipe" ] || fail "the named pipe was replaced by a file"
cmp -s "$dir/plain.csv" "$dir/from-pipe.csv" || fail "the pipe's reader got other bytes"

for target in /dev/stdout /dev/fd/3; do
    echo first >"$dir/appended.csv"
    "$pacta" forecast "$scenario" -f csv -o $target >>"$dir/appended.csv" 3>>"$dir/appended.csv" ||
        fail "$target"
    { echo first; cat "$dir/plain.csv"; } | cmp -s - "$dir/appended.csv" ||
        fail "$target did not append to the open file"
done

# shellcheck disable=SC2086
"$pacta" alliance $alliance --format svg -o "$dir/plain.svg" || fail "a picture to a file"
echo first >"$dir/appended.svg"
# shellcheck disable=SC2086
"$pacta" alliance $alliance --format svg -o /dev/fd/3 3>>"$dir/appended.svg" ||
    fail "a picture to /dev/fd/3"
{ echo first; cat "$dir/plain.svg"; } | cmp -s - "$dir/appended.svg" ||
    fail "a picture to /dev/fd/3 did not append to the open file"

# A full device of our own (as root), so that a regression cannot replace the system's.
if mknod "$dir/full" c 1 7 2>/dev/null; then
    for format in text csv; do
        "$pacta" forecast "$scenario" -f $format -o "$dir/full" 2>"$dir/err"
        status=$?
        [ $status -eq 5 ] || fail "-f $format to a full device exited $status, not 5"
        grep -q "No space left on device" "$dir/err" || fail "no message for a full device"
        [ -c "$dir/full" ] || fail "the device was replaced by a file"
    done
else
    echo "(not root: the full-device check is skipped)"
fi
ls "$dir" | grep -q 'tmp-' && fail "a temporary file was left behind"
echo "ok: file, link, pipe, /dev/stdout, /dev/fd/3 (text and picture), full device"
