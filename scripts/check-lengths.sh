#!/bin/sh
# Checks the length limits of issue 16: no C source or header in src/, cli/ or tests/unit/
# longer than 800 lines, and no function longer than 150 lines. Usage:
#   scripts/check-lengths.sh [SOURCE_DIR]
# Prints FILE:FUNCTION:LINES (or FILE:-:LINES for a whole file) for everything over a limit
# and exits 1 if anything is; exits 0 when everything is within them.
#
# A function's length counts the lines from its opening brace to its closing brace, both
# included. Braces are counted outside comments, string and character literals and
# preprocessor lines, so code of any brace style is measured; a function is a top-level
# brace block whose text before the brace ends in ')' and has no '=' (which would make it an
# initializer).
set -eu
cd "${1:-$(dirname "$0")/..}"

max_file=800
max_function=150

# Temporary exceptions, one FILE or FILE:FUNCTION a line, each with its reason. An entry is
# not checked at all; one that no longer exceeds its limit is reported so it can be removed.
allowed='
'

files=$(find src cli server tests/unit -type f \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort)

# shellcheck disable=SC2086 # the file names are ours and have no spaces
awk -v max_file="$max_file" -v max_function="$max_function" -v allowed="$allowed" '
function report(what, lines, limit) {
    if (what in allow) {
        used[what] = 1
        if (lines <= limit)
            stale[what] = lines
        return
    }
    if (lines > limit) {
        print what ":" lines " (limit " limit ")"
        failed = 1
    }
}

# The line with comments, string and character literals blanked out. Keeps the state of a
# comment that continues on the next line in in_comment.
function code_of(line,    out, i, c, n, quote) {
    out = ""
    n = length(line)
    for (i = 1; i <= n; i++) {
        c = substr(line, i, 1)
        if (in_comment) {
            if (c == "*" && substr(line, i + 1, 1) == "/") {
                in_comment = 0
                i++
            }
            continue
        }
        if (c == "/" && substr(line, i + 1, 1) == "*") {
            in_comment = 1
            i++
            out = out " "
            continue
        }
        if (c == "/" && substr(line, i + 1, 1) == "/")
            break
        if (c == "\"" || c == "'\''") {
            quote = c
            for (i++; i <= n; i++) {
                c = substr(line, i, 1)
                if (c == "\\")
                    i++
                else if (c == quote)
                    break
            }
            out = out quote quote
            continue
        }
        out = out c
    }
    return out
}

function finish_file() {
    if (file != "")
        report(file ":-", lines, max_file)
}

BEGIN {
    n = split(allowed, list, "\n")
    for (i = 1; i <= n; i++)
        if (list[i] != "") {
            entry = list[i]
            if (index(entry, ":") == 0)
                entry = entry ":-"
            allow[entry] = 1
        }
}

FNR == 1 {
    finish_file()
    file = FILENAME
    depth = 0
    in_comment = 0
    continued = 0
    pending = ""
    name = ""
}

{
    lines = FNR
    if (continued || (!in_comment && $0 ~ /^[ \t]*#/)) {
        continued = ($0 ~ /\\$/)
        next
    }
    code = code_of($0)
    n = length(code)
    for (i = 1; i <= n; i++) {
        c = substr(code, i, 1)
        if (c == "{") {
            if (depth == 0) {
                name = ""
                text = pending
                gsub(/__attribute__ *\(\([^()]*(\([^()]*\))*[^()]*\)\)/, "", text)
                if (text ~ /\)[ \t]*$/ && text !~ /=/ && match(text, /[A-Za-z_][A-Za-z_0-9]*[ \t]*\(/)) {
                    name = substr(text, RSTART, RLENGTH)
                    sub(/[ \t]*\($/, "", name)
                    start = FNR
                }
            }
            depth++
        } else if (c == "}") {
            depth--
            if (depth == 0) {
                if (name != "")
                    report(file ":" name, FNR - start + 1, max_function)
                name = ""
                pending = ""
            }
        } else if (depth == 0) {
            if (c == ";")
                pending = ""
            else
                pending = pending c
        }
    }
    if (depth == 0)
        pending = pending " "
}

END {
    finish_file()
    for (what in allow)
        if (!(what in used))
            print "note: allow-list entry " what " matches nothing; remove it"
        else if (what in stale)
            print "note: allow-list entry " what " is within its limit now (" stale[what] " lines); remove it"
    exit failed
}
' $files
