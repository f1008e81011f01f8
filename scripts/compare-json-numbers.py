#!/usr/bin/env python3
"""Check that two builds of pacta write the same output but for the spelling of numbers.

    compare-json-numbers.py OLD_PACTA NEW_PACTA [SOURCE_DIR]

Runs the arguments of every tests/cli/cases/*.case with both programs (and once more with
"--format json" and once with "--format csv" where a case names no format), and compares what each wrote to stdout and
to its scratch directory: byte for byte, or where the bytes differ as parsed JSON (or as CSV
cells), every number read as a double and required to be equal, every other value and the
order of keys required to be identical. Prints one line per differing output and a summary;
exits 1 if any output differs in more than the spelling of its numbers.
"""
import csv
import io
import json
import os
import shlex
import subprocess
import sys
import tempfile


def expand(token, source, shared, tmp):
    if token.startswith("@shared/"):
        return os.path.join(shared, token[8:])
    if token.startswith("@tmp/"):
        return os.path.join(tmp, token[5:])
    if token.startswith("@"):
        return os.path.join(source, token[1:])
    return token


def run(pacta, args, source, shared):
    with tempfile.TemporaryDirectory(prefix="pacta-cmp-") as tmp:
        argv = [pacta] + [expand(a, source, shared, tmp) for a in args]
        p = subprocess.run(argv, capture_output=True, cwd=tmp, timeout=600)
        files = {}
        for root, _, names in os.walk(tmp):
            for n in names:
                path = os.path.join(root, n)
                with open(path, "rb") as f:
                    files[os.path.relpath(path, tmp)] = f.read()
        # Paths of the scratch directory appear in messages and outputs; make them equal.
        def norm(b):
            return b.replace(tmp.encode(), b"@tmp")
        return p.returncode, norm(p.stdout), norm(p.stderr), {k: norm(v) for k, v in files.items()}


def pairs(a, b):
    """Yield the leaves of two parsed JSON documents side by side; raise if shapes differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a.keys()) != list(b.keys()):
            raise ValueError("keys differ: %s / %s" % (list(a.keys()), list(b.keys())))
        for k in a:
            yield from pairs(a[k], b[k])
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            raise ValueError("array lengths differ")
        for x, y in zip(a, b):
            yield from pairs(x, y)
    else:
        yield a, b


def same_number(x, y):
    numbers = (int, float)
    if isinstance(x, bool) or isinstance(y, bool):
        return x is y
    if isinstance(x, numbers) and isinstance(y, numbers):
        return float(x) == float(y) and (x != 0 or str(x).startswith("-") == str(y).startswith("-"))
    return x == y


def compare_json(old, new):
    a = json.loads(old)
    b = json.loads(new)
    for x, y in pairs(a, b):
        if not same_number(x, y):
            raise ValueError("%r / %r" % (x, y))


def compare_csv(old, new):
    a = list(csv.reader(io.StringIO(old.decode())))
    b = list(csv.reader(io.StringIO(new.decode())))
    if len(a) != len(b):
        raise ValueError("row counts differ")
    for ra, rb in zip(a, b):
        if len(ra) != len(rb):
            raise ValueError("rows differ: %s / %s" % (ra, rb))
        for x, y in zip(ra, rb):
            if x == y:
                continue
            try:
                if float(x) == float(y):
                    continue
            except ValueError:
                pass
            raise ValueError("%r / %r" % (x, y))


def compare(old, new):
    """'same' (bytes), 'numbers' (spelling of numbers only); raises ValueError otherwise."""
    if old == new:
        return "same"
    try:
        compare_json(old, new)
        return "numbers"
    except json.JSONDecodeError:
        pass
    compare_csv(old, new)
    return "numbers"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    old_bin, new_bin = sys.argv[1], sys.argv[2]
    source = sys.argv[3] if len(sys.argv) > 3 else os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))
    shared = os.environ.get("PACTA_SHARED") or os.path.join(source, "..", "shared")
    cases_dir = os.path.join(source, "tests", "cli", "cases")
    runs = []
    for name in sorted(os.listdir(cases_dir)):
        if not name.endswith(".case"):
            continue
        with open(os.path.join(cases_dir, name)) as f:
            for line in f:
                if line.startswith("args:"):
                    args = shlex.split(line[5:].strip())
                    runs.append((name, args))
                    if "--format" not in args and "-f" not in args and args and \
                            args[0] not in ("help", "--help", "--version", "init"):
                        for fmt in ("json", "csv"):
                            runs.append((name + " (%s)" % fmt, args + ["--format", fmt]))
    counts = {"same": 0, "numbers": 0, "different": 0}
    for name, args in runs:
        ro = run(old_bin, args, source, shared)
        rn = run(new_bin, args, source, shared)
        outputs = [("exit", str(ro[0]).encode(), str(rn[0]).encode()),
                   ("stdout", ro[1], rn[1]), ("stderr", ro[2], rn[2])]
        for k in sorted(set(ro[3]) | set(rn[3])):
            outputs.append((k, ro[3].get(k, b"<absent>"), rn[3].get(k, b"<absent>")))
        for what, old, new in outputs:
            try:
                verdict = compare(old, new)
            except (ValueError, UnicodeDecodeError) as e:
                verdict = "different"
                print("DIFFERENT %s %s: %s" % (name, what, e))
            counts[verdict] += 1
            if verdict == "numbers":
                print("numbers   %s %s" % (name, what))
    print("%d runs; outputs: %d identical, %d differ in the spelling of numbers only, "
          "%d differ otherwise" % (len(runs), counts["same"], counts["numbers"],
                                   counts["different"]))
    sys.exit(1 if counts["different"] else 0)


if __name__ == "__main__":
    main()
