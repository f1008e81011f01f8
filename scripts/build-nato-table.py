#!/usr/bin/env python3
"""Regenerate data/nato-2014-2025.csv from the NATO and World Bank figures in ../shared.

The rows of NATO's 2026 edition are rebuilt from the shared files: the core defence share
(Table 3), defence expenditure and GDP in current and constant 2021 US$ (Tables 2 and 5),
military personnel (Table 7) and the World Bank's population. The rows of the older editions
were typed in from other publications (docs/alliance.md) and are carried over unchanged. The
table's rows and their order stay as they are; only the columns are filled. A member whose
2026-edition rows stop before the last year of NATO's figures (2026, an estimate) gets the
missing years appended after its last row, so rerunning the script is idempotent.

usage: scripts/build-nato-table.py [--shared DIR] [--table IN] [-o OUT]
  --shared DIR  the conflict data directory (default ../shared/data/conflict)
  --table IN    the table whose rows are kept (default data/nato-2014-2025.csv)
  -o OUT        where to write (default: IN, in place)
"""

import argparse
import csv
import os
import sys

COLUMNS = [
    "member", "code", "year", "edition", "estimate", "joined",
    "gdp_current_musd", "gdp_constant_musd", "defence_current_musd", "defence_constant_musd",
    "defence_pct_gdp", "core_pct_gdp", "personnel_thousands", "population_thousands", "source",
]

EDITION = "2026"

# The variables of the tidy NATO file and the table's column for each.
NATO_VARIABLES = {
    "defence_exp_usd_current": "defence_current_musd",
    "defence_exp_usd_const2021": "defence_constant_musd",
    "gdp_usd_current": "gdp_current_musd",
    "gdp_usd_const2021": "gdp_constant_musd",
    "military_personnel": "personnel_thousands",
}

NATO_2026 = "NATO, Defence Expenditure of NATO Countries (2014-2026), 2026 edition"
SOURCE_SHARE = NATO_2026 + ", Table 3 (core defence, % of real GDP)"
SOURCE_MONEY = ("Tables 2 and 5 (defence expenditure and GDP, million US$, current and "
                "constant 2021 prices), Table 7 (military personnel, thousands)")
SOURCE_POPULATION = "population: World Bank WDI SP.POP.TOTL (CC BY 4.0)"
SOURCE_NO_POPULATION = "population: World Bank WDI SP.POP.TOTL (CC BY 4.0), not yet for %s"


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def fail(message):
    sys.stderr.write("build-nato-table: " + message + "\n")
    sys.exit(1)


def thousands(persons):
    """Persons as thousands, exactly (three decimals)."""
    n = int(persons)
    return "%d.%03d" % (n // 1000, n % 1000)


def add_missing_years(rows, money):
    """Rows of the 2026 edition for the years NATO gives figures for but the table lacks
    (2026), each after its member's last row; the columns are filled by the caller."""
    last_year = max(int(year) for (_, year) in money)
    out = []
    for i, row in enumerate(rows):
        out.append(row)
        last_of_member = i + 1 == len(rows) or rows[i + 1]["code"] != row["code"]
        if not last_of_member:
            continue
        years = {int(r["year"]) for r in rows
                 if r["code"] == row["code"] and r["edition"] == EDITION}
        if not years:
            continue
        for year in range(max(years) + 1, last_year + 1):
            new = {c: "" for c in COLUMNS}
            new.update(member=row["member"], code=row["code"], year=str(year),
                       edition=EDITION, estimate="no")
            out.append(new)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.path.join(root, "..", "shared", "data", "conflict"))
    ap.add_argument("--table", default=os.path.join(root, "data", "nato-2014-2025.csv"))
    ap.add_argument("-o", dest="out")
    args = ap.parse_args()
    out = args.out or args.table

    rows = read_csv(args.table)
    money = {}  # (code, year) -> {column: text}
    for r in read_csv(os.path.join(args.shared, "nato_defence_usd_gdp_personnel_2014_2026.csv")):
        column = NATO_VARIABLES.get(r["variable"])
        if column is None:
            fail("unknown variable %r in the NATO money file" % r["variable"])
        money.setdefault((r["country_iso3"], r["year"]), {})[column] = r["value"]
    share = {}  # (member name, year) -> (share, estimate)
    for r in read_csv(os.path.join(args.shared, "nato_defence_pct_gdp_2014_2026.csv")):
        share[(r["ally"], r["year"])] = (r["pct_gdp"], "yes" if r["estimate"] == "True" else "no")
    joined = {r["country_iso3"]: r["nato_join_year"]
              for r in read_csv(os.path.join(args.shared, "nato_members.csv"))}
    population = {(r["country_iso3"], r["year"]): r["value"]
                  for r in read_csv(os.path.join(args.shared, "wb_population_2014_2024.csv"))
                  if r["variable"] == "population"}

    rows = add_missing_years(rows, money)
    for row in rows:
        for c in COLUMNS:
            row.setdefault(c, "")
        if row["edition"] != EDITION:
            continue
        code, year = row["code"], row["year"]
        if code not in joined:
            fail("%s is not in nato_members.csv" % code)
        row["joined"] = joined[code]
        figures = money.get((code, year))
        if figures is not None:
            if (row["member"], year) not in share:
                fail("no Table 3 share for %s %s" % (row["member"], year))
            row["core_pct_gdp"], row["estimate"] = share[(row["member"], year)]
            for c in NATO_VARIABLES.values():
                row[c] = figures.get(c, "")
            parts = [SOURCE_SHARE, SOURCE_MONEY]
        else:
            # Iceland: no armed forces, no defence expenditure, no row in NATO's tables.
            parts = ["NATO tables give no defence expenditure for Iceland (no armed forces)"]
        if (code, year) in population:
            row["population_thousands"] = thousands(population[(code, year)])
            parts.append(SOURCE_POPULATION)
        else:
            row["population_thousands"] = ""
            parts.append(SOURCE_NO_POPULATION % year)
        row["source"] = "; ".join(parts)

    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n", extrasaction="raise")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
