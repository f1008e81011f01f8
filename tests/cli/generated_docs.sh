#!/bin/sh
# The man pages and shell completions generated from the command table: every page renders
# without a groff warning, bash completes commands, actions, options and their arguments,
# the zsh script parses, and cmake --install puts them where man, bash-completion and zsh
# look. Usage: generated_docs.sh PACTA BUILD_DIR
set -u
pacta=$1
build=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# 1. Man pages: one per command of 'pacta --help', each rendering cleanly.
sh "$(dirname "$0")/../../scripts/generate-docs.sh" "$pacta" "$dir/share" || fail "generate-docs.sh"
pages=$(ls "$dir/share/man/man1" | wc -l)
commands=$("$pacta" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 && $1 != "Commands:"' | wc -l)
[ "$pages" -eq $((commands + 1)) ] || fail "$pages man pages for $commands commands"
if command -v groff >/dev/null 2>&1; then
    for page in "$dir"/share/man/man1/*.1; do
        warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
        [ -z "$warnings" ] || fail "$(basename "$page"): $warnings"
        groff -man -Tascii -P -cbou "$page" 2>/dev/null | grep -q "EXIT STATUS" ||
            fail "$(basename "$page") has no EXIT STATUS section"
    done
    groff -man -Tascii -P -cbou "$dir/share/man/man1/pacta-forecast.1" 2>/dev/null | grep -q -- "--trajectory" ||
        fail "pacta-forecast.1 lacks --trajectory"
else
    echo "note: groff is absent; the man pages were written but not rendered"
fi

# 2. bash: completion of each kind of word.
cat > "$dir/cases.sh" <<CASES
. "$dir/share/bash-completion/completions/pacta"
check() {
    want=\$1; shift
    COMP_WORDS=("\$@"); COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=()
    _pacta
    case " \${COMPREPLY[*]} " in *" \$want "*) ;; *) echo "FAIL: [\$*] offers '\${COMPREPLY[*]}', not \$want"; exit 1 ;; esac
}
check forecast pacta fo
check --trajectory pacta forecast --traj
check ktab-csv pacta forecast -f ""
check bdm pacta simulate -m b
check predict pacta durability ""
check --interstate pacta durability predict --inter
check yes pacta durability predict --interstate ""
check zsh pacta completion ""
check evaluate pacta help ev
check --input-format pacta backtest --input
check svg pacta alliance --format ""
CASES
bash "$dir/cases.sh" || failures=$((failures + 1))

# 3. zsh: the script parses.
if command -v zsh >/dev/null 2>&1; then
    zsh -n "$dir/share/zsh/site-functions/_pacta" || fail "the zsh script does not parse"
else
    echo "note: zsh is absent (scripts/install-deps.sh installs it); its script was not parsed"
fi

# 4. cmake --install: the pages and scripts land under share/.
if cmake --install "$build" --prefix "$dir/prefix" >/dev/null 2>&1; then
    for f in share/man/man1/pacta.1 share/man/man1/pacta-evaluate.1 \
        share/bash-completion/completions/pacta share/zsh/site-functions/_pacta; do
        [ -f "$dir/prefix/$f" ] || fail "cmake --install did not install $f"
    done
else
    fail "cmake --install failed"
fi
[ "$failures" -eq 0 ] && echo "man pages, completions and their installation are in order"
[ "$failures" -eq 0 ]
