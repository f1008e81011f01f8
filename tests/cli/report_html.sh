#!/bin/sh
# pacta report's page is self-contained and well-formed (docs/cli.md, "pacta report"): it
# loads nothing (no script, style sheet, font or picture from anywhere; the only web
# addresses are the links to the scenario's own sources), it parses as XML (xmllint, from
# libxml2-utils) and as HTML without errors other than libxml2's HTML 4 parser not knowing
# HTML5's elements, and every string of the scenario is escaped.
# Usage: report_html.sh PACTA SOURCE_DIR
set -u
pacta=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The source urls a scenario file declares, one a line: quoted ones (in flow mappings too),
# and unquoted ones that run to the end of a block-style line.
source_urls() {
    sed -n -e 's/.*[{ ,]url: *"\([^"]*\)".*/\1/p' -e 't' \
        -e 's/^[ -]*url: *\([^" ][^ ]*\) *$/\1/p' "$1"
}

check_page() {
    name=$1
    scenario=$2
    page=$3
    [ -s "$page" ] || { fail "$name: no page written"; return; }
    grep -qi '<script' "$page" && fail "$name: has a <script> element"
    grep -qi '<link\|<img\|<iframe\|<object\|<embed\|@import\|url(' "$page" &&
        fail "$name: loads something (link, img, iframe, object, embed, @import or url())"
    grep -q 'src=' "$page" && fail "$name: has a src= attribute"
    source_urls "$scenario" | LC_ALL=C sort -u >"$dir/allowed"
    grep -o 'href="[^"]*"' "$page" | sed 's/^href="//; s/"$//; s/&amp;/\&/g' |
        grep -i '^[a-z][a-z0-9+.-]*:' | LC_ALL=C sort -u >"$dir/linked"
    extra=$(LC_ALL=C comm -23 "$dir/linked" "$dir/allowed")
    [ -z "$extra" ] || fail "$name: links that are not the scenario's sources: $extra"
    if command -v xmllint >/dev/null 2>&1; then
        xmllint --noout "$page" 2>"$dir/xml.err" || fail "$name: not well-formed: $(head -5 "$dir/xml.err")"
        xmllint --html --noout "$page" 2>&1 | grep 'error' | grep -v 'Tag [a-z]* invalid' \
            >"$dir/html.err"
        [ -s "$dir/html.err" ] && fail "$name: HTML errors: $(head -5 "$dir/html.err")"
    fi
}

for scenario in examples/ukraine-2025.yaml tests/data/war.yaml tests/data/report-escape.yaml; do
    page=$dir/$(basename "$scenario" .yaml).html
    "$pacta" report "$src/$scenario" -o "$page" || fail "$scenario: pacta report failed"
    check_page "$scenario" "$src/$scenario" "$page"
done
"$pacta" report "$src/tests/data/war.yaml" --runs 50 -o "$dir/runs.html" || fail "--runs failed"
check_page "war.yaml --runs" "$src/tests/data/war.yaml" "$dir/runs.html"
grep -q '<h2>Monte Carlo</h2>' "$dir/runs.html" || fail "--runs: no Monte Carlo section"

# Every SVG is an image with a text alternative.
svgs=$(grep -c '<svg ' "$dir/runs.html")
alts=$(grep -c '<svg [^>]*role="img"[^>]*><title>[^<][^<]*</title><desc>' "$dir/runs.html")
[ "$svgs" -gt 0 ] && [ "$svgs" -eq "$alts" ] || fail "$alts of $svgs pictures have role, title and desc"

# Escaping: markup in the scenario's strings is shown, never obeyed; non-ASCII passes through.
page=$dir/report-escape.html
grep -qF '<h1>&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot; &#39;title&#39; — Zürich 日本</h1>' "$page" ||
    fail "the title is not escaped as expected"
grep -qF '&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;' "$page" || fail "the description is not escaped"
grep -qF '<a href="https://example.org/a?b=1&amp;c=2">Report &lt;one&gt; &amp; two</a>' "$page" ||
    fail "the web source is not linked, escaped"
grep -q 'javascript:' "$page" && fail "a javascript: url was written"
grep -qF '<th scope="row">Ä &lt;a&gt;</th>' "$page" || fail "an actor's name is not escaped"

if ! command -v xmllint >/dev/null 2>&1; then
    echo "note: xmllint (libxml2-utils) is absent; the pages were not parsed"
fi
[ "$failures" -eq 0 ] || exit 1
echo "ok"
