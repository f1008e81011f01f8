#!/bin/sh
# Where -o writes (cli/cli.h, cli_output_t): a regular file is replaced only when the output
# is complete; a symbolic link is followed; a pipe, /dev/stdout and /dev/fd/N are written in
# place and appended to; a full device is an I/O error (exit 5) and stays a device.
# Usage: output_targets.sh PACTA SOURCE_DIR
set -u
pacta=$1
scenario=$2/examples/ukraine-2025.yaml
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$pacta" forecast "$scenario" -f csv -o "$dir/plain.csv" || fail "plain file"

echo old >"$dir/target.csv"
ln -s target.csv "$dir/link.csv"
"$pacta" forecast "$scenario" -f csv -o "$dir/link.csv" || fail "through a link"
[ -L "$dir/link.csv" ] || fail "the symbolic link was replaced by a file"
cmp -s "$dir/plain.csv" "$dir/target.csv" || fail "the link's target does not hold the output"

mkfifo "$dir/pipe"
cat "$dir/pipe" >"$dir/from-pipe.csv" &
"$pacta" forecast "$scenario" -f csv -o "$dir/pipe" || fail "a named pipe"
wait
[ -p "$dir/pipe" ] || fail "the named pipe was replaced by a file"
cmp -s "$dir/plain.csv" "$dir/from-pipe.csv" || fail "the pipe's reader got other bytes"

for target in /dev/stdout /dev/fd/3; do
    echo first >"$dir/appended.csv"
    "$pacta" forecast "$scenario" -f csv -o "$target" >>"$dir/appended.csv" 3>>"$dir/appended.csv" ||
        fail "$target"
    { echo first; cat "$dir/plain.csv"; } | cmp -s - "$dir/appended.csv" ||
        fail "$target did not append to the open file"
done

if [ -c /dev/full ]; then
    "$pacta" forecast "$scenario" -o /dev/full 2>"$dir/err"
    status=$?
    [ $status -eq 5 ] || fail "writing to /dev/full exited $status, not 5"
    grep -q "No space left on device" "$dir/err" || fail "no message for /dev/full"
    [ -c /dev/full ] || fail "/dev/full was replaced by a file"
fi
echo "ok: file, link, pipe, /dev/stdout, /dev/fd/3 and /dev/full"
