# Sourced by the server tests: start pacta serve on a free port (port 0) and stop it.
# start_server PACTA ARGS... sets $pid and $base (http://127.0.0.1:PORT); needs $tmp.
start_server() {
    server_pacta=$1
    shift
    "$server_pacta" serve --listen 127.0.0.1:0 "$@" > "$tmp/server.out" 2> "$tmp/server.err" &
    pid=$!
    tries=0
    while ! grep -q 'http://' "$tmp/server.out" 2>/dev/null; do
        tries=$((tries + 1))
        if [ $tries -gt 300 ] || ! kill -0 "$pid" 2>/dev/null; then
            echo "FAIL: pacta serve did not start:"
            cat "$tmp/server.err"
            return 1
        fi
        sleep 0.1
    done
    base=$(sed -n 's|.*\(http://[^/]*\)/.*|\1|p' "$tmp/server.out")
}
# stop_server: SIGTERM, then its exit status (0 after a clean stop) within 20 s.
stop_server() {
    kill -TERM "$pid"
    tries=0
    while kill -0 "$pid" 2>/dev/null && [ $tries -lt 200 ]; do
        tries=$((tries + 1))
        sleep 0.1
    done
    wait "$pid"
    code=$?
    pid=""
    [ "$code" -eq 0 ] || { echo "pacta serve exited with $code"; cat "$tmp/server.err"; }
    [ "$code" -eq 0 ]
}
