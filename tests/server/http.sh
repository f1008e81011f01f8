#!/bin/sh
# pacta serve over HTTP with curl: the limits (413), path traversal and links refused (4xx with
# a JSON message), bad JSON and YAML named by line (400), wrong methods (405), and the API's
# documents equal to those of pacta forecast/evaluate --format json for the same file
# (compared parsed, with python3's json module). Usage: http.sh PACTA SOURCE_DIR
set -u
pacta=$1
src=$2
for tool in curl python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "skipped: $tool is not installed (scripts/install-deps.sh installs it)"
        exit 77
    fi
done
tmp=$(mktemp -d)
pid=""
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail=0
bad() { echo "FAIL: $*"; fail=1; }

mkdir "$tmp/served"
cp "$src/examples/ukraine-2025.yaml" "$tmp/served/"
printf 'secret\n' > "$tmp/outside.yaml"
ln -s "$tmp/outside.yaml" "$tmp/served/link.yaml"
printf 'format_version: 1\ntitle: Bad\nissues: 5\nactors: []\n' > "$tmp/bad.yaml"

. "$src/tests/server/start.sh"
start_server "$pacta" "$tmp/served" --max-body 200000 --timeout 5 || exit 1

# status URL [curl options...]: the HTTP status; the body goes to $tmp/body.
status() {
    url=$1
    shift
    curl -s -o "$tmp/body" -w '%{http_code}' "$@" "$base$url"
}
# expect CODE FRAGMENT URL [curl options...]: that status, and a JSON error holding FRAGMENT.
expect() {
    code=$1 fragment=$2
    shift 2
    got=$(status "$@")
    [ "$got" = "$code" ] || bad "$* gave HTTP $got, expected $code: $(cat "$tmp/body")"
    python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["error"]["message"]
if sys.argv[2] not in m: sys.exit("message %r lacks %r" % (m, sys.argv[2]))' \
        "$tmp/body" "$fragment" || bad "$*: no JSON error message with '$fragment'"
}
json_ok() {
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/body" || bad "$1: not JSON"
}

# The API's index and list are JSON.
[ "$(status /api/)" = 200 ] && json_ok /api/ || bad "GET /api/"
[ "$(status /api/scenarios)" = 200 ] && json_ok /api/scenarios || bad "GET /api/scenarios"
grep -q '"ukraine-2025.yaml"' "$tmp/body" || bad "the list lacks ukraine-2025.yaml"
grep -q 'link.yaml' "$tmp/body" && bad "the list shows the symbolic link"

# Limits: a body over --max-body, declared or chunked, is refused with 413.
head -c 300000 /dev/zero | tr '\0' 'a' > "$tmp/big"
expect 413 "larger than the limit of 200000 bytes" /api/forecast -X POST --data-binary @"$tmp/big"
expect 413 "larger than the limit" /api/forecast -X POST -H 'Transfer-Encoding: chunked' \
    --data-binary @"$tmp/big"

# Traversal, raw and encoded, absolute paths and links: 4xx with a message, never the file.
expect 400 "path traversal is refused" /api/scenarios/../../etc/passwd --path-as-is
expect 400 "path traversal is refused" /api/scenarios/%2e%2e%2f%2e%2e%2fetc%2fpasswd
expect 400 "path traversal is refused" /scenarios/%2E%2E/outside.yaml
expect 400 "path traversal is refused" /api/scenarios//etc/passwd --path-as-is
expect 400 "path traversal is refused" /api/scenarios/%2fetc%2fpasswd
expect 400 "is not a scenario name" /api/scenarios/.hidden.yaml
expect 403 "symbolic link" /api/scenarios/link.yaml
expect 403 "symbolic link" /scenarios/link.yaml
grep -q secret "$tmp/body" && bad "the link's target was served"
expect 404 "no scenario 'nope.yaml'" /api/scenarios/nope.yaml
expect 404 "no such resource" /api/nothing
expect 404 "no such page" /etc/passwd
expect 405 "use GET" /api/scenarios -X DELETE
expect 405 "use POST" /api/forecast
expect 403 "is not this server's" /api/ -H 'Host: attacker.example'

# Bad requests name what is wrong: the JSON's line and column, the YAML's line and field,
# the edit's field.
expect 400 "request body:1:" /api/forecast -X POST -H 'Content-Type: application/json' \
    --data-binary '{"scenario": '
expect 400 "request body:3:9: issues: expected a list" /api/forecast -X POST -H 'Content-Type: application/yaml' \
    --data-binary @"$tmp/bad.yaml"
expect 400 "edits[0].value: must be a number" /api/forecast -X POST \
    -H 'Content-Type: application/json' \
    --data-binary '{"scenario":"ukraine-2025.yaml","edits":[{"actor":"russia","field":"capability","value":"x"}]}'
expect 400 "edits[0].issue" /api/evaluate -X POST -H 'Content-Type: application/json' \
    --data-binary '{"scenario":"ukraine-2025.yaml","edits":[{"actor":"russia","issue":"moon","field":"position","value":5}]}'
expect 400 "format: 'xml'" "/api/scenarios/ukraine-2025.yaml/forecast?format=xml"

# The API's documents are the command's, for the same file (the same path is in both).
same() {
    python3 -c 'import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
sys.exit(0 if a == b else "the documents differ")' "$1" "$2" || bad "$3"
}
file="$tmp/served/ukraine-2025.yaml"
for what in forecast evaluate; do
    "$pacta" "$what" "$file" --format json > "$tmp/cli.json" || bad "pacta $what failed"
    [ "$(status "/api/scenarios/ukraine-2025.yaml/$what")" = 200 ] || bad "GET $what"
    same "$tmp/body" "$tmp/cli.json" "GET /api/scenarios/NAME/$what differs from pacta $what"
    [ "$(status "/api/$what" -X POST -H 'Content-Type: application/json' \
        --data-binary '{"scenario":"ukraine-2025.yaml","edits":[]}')" = 200 ] || bad "POST $what"
    same "$tmp/body" "$tmp/cli.json" "POST /api/$what differs from pacta $what"
done
"$pacta" forecast "$file" --format csv > "$tmp/cli.csv"
status "/api/scenarios/ukraine-2025.yaml/forecast?format=csv" > /dev/null
cmp -s "$tmp/body" "$tmp/cli.csv" || bad "the forecast's CSV differs from pacta forecast's"

# An edit changes the forecast; the edited scenario comes back as YAML that pacta reads and
# that gives the same forecast.
edit='{"scenario":"ukraine-2025.yaml","edits":[{"actor":"russia","field":"capability","value":5}]}'
status /api/forecast -X POST -H 'Content-Type: application/json' --data-binary "$edit" > /dev/null
cp "$tmp/body" "$tmp/edited.json"
python3 -c 'import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
sys.exit(0 if a["issues"] != b["issues"] else "the edit changed nothing")' \
    "$tmp/edited.json" "$tmp/cli.json" 2>/dev/null || true
"$pacta" forecast "$file" --format json > "$tmp/cli.json"
python3 -c 'import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
sys.exit(0 if a["issues"] != b["issues"] else "the edit changed nothing")' \
    "$tmp/edited.json" "$tmp/cli.json" || bad "an edit of Russia's capability changed no forecast"
status /api/scenario -X POST -H 'Content-Type: application/json' --data-binary "$edit" > /dev/null
cp "$tmp/body" "$tmp/edited.yaml"
"$pacta" forecast "$tmp/edited.yaml" --format json > "$tmp/again.json" || bad "edited YAML unread"
python3 -c 'import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
sys.exit(0 if a["issues"] == b["issues"] else "differ")' "$tmp/edited.json" "$tmp/again.json" ||
    bad "the downloaded scenario does not give the what-if's forecast"

# The pages: the index links each scenario; a scenario's page holds the report's plots and
# the sliders.
[ "$(status /)" = 200 ] && grep -q 'href="/scenarios/ukraine-2025.yaml"' "$tmp/body" ||
    bad "the index does not link the scenario"
[ "$(status /scenarios/ukraine-2025.yaml)" = 200 ] || bad "the scenario's page"
grep -q '<svg' "$tmp/body" && grep -q 'type="range"' "$tmp/body" || bad "no plots or sliders"

# A slow client that sends half a request line and then nothing is cut off after --timeout
# (5 s here): the server closes the connection within 15 s.
port=${base##*:}
python3 -c 'import socket,sys,time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /api/ HT")
s.settimeout(15)
start = time.time()
try:
    closed = s.recv(1) == b""
except socket.timeout:
    closed = False
except ConnectionResetError:
    closed = True
sys.exit(0 if closed and time.time() - start >= 3 else "not closed after the timeout")' "$port" ||
    bad "a slow client was not timed out"

# A clean stop on SIGTERM, with exit status 0; the directory is as it was.
stop_server || bad "pacta serve did not stop cleanly on SIGTERM"
[ "$(ls "$tmp/served" | wc -l)" -eq 2 ] || bad "the server wrote into the directory"
exit $fail
