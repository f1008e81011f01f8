#!/bin/sh
# Writes the man pages and shell completions that the pacta command generates from its command
# table (cli/main.c) into OUTDIR, in the layout they are installed in:
#   OUTDIR/man/man1/pacta.1, pacta-COMMAND.1   OUTDIR/bash-completion/completions/pacta
#   OUTDIR/zsh/site-functions/_pacta
# Usage: scripts/generate-docs.sh PACTA OUTDIR. Run by the build (cli/CMakeLists.txt).
set -eu
pacta=$1
out=$2
mkdir -p "$out/man/man1" "$out/bash-completion/completions" "$out/zsh/site-functions"
# The commands are the lines of the "Commands:" section of pacta --help.
commands=$("$pacta" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 && $1 != "Commands:" {print $1}')
[ -n "$commands" ] || { echo "generate-docs.sh: no commands in 'pacta --help'" >&2; exit 1; }
"$pacta" help --man > "$out/man/man1/pacta.1.tmp"
mv "$out/man/man1/pacta.1.tmp" "$out/man/man1/pacta.1"
for c in $commands; do
    "$pacta" help --man "$c" > "$out/man/man1/pacta-$c.1.tmp"
    mv "$out/man/man1/pacta-$c.1.tmp" "$out/man/man1/pacta-$c.1"
done
"$pacta" completion bash > "$out/bash-completion/completions/pacta"
"$pacta" completion zsh > "$out/zsh/site-functions/_pacta"
