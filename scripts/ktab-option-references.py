#!/usr/bin/env python3
"""Regenerate tests/data/ktab/options/: KTAB's own SMP histories, one run per option value.

KTAB's command-line tool smpc takes model options only from an XML scenario's
<ModelParameters>. This script turns a KTAB CSV scenario into such XML files, one per
non-default value of each option (and, optionally, one with an ideal-adjustment matrix),
runs smpc on each exactly as the shared references were made (--logmin --seed 20240101,
an SQLite database), and exports KTAB's VectorPosition table as NAME.positions.csv
(actor, dim, turn, pos, ideal; 0-100 scale; turn 0 = input), in the layout of
shared/data/ktab/*.positions.csv. KTAB itself is not part of pacta: build it as an oracle
outside the repository (tests/data/ktab/options/README.md says how).

usage: scripts/ktab-option-references.py --smpc PATH --logger-conf PATH --csv IN -o DIR
       [--ideal-xml FILE ...] [--keep-xml]
  --smpc PATH          KTAB's smpc binary
  --logger-conf PATH   KTAB's examples/smp/smpc-logger.conf (smpc reads ./smpc-logger.conf)
  --csv IN             a KTAB CSV scenario (SOE-Pol-Comp.csv)
  -o DIR               where to write NAME.positions.csv
  --ideal-xml FILE     also run this KTAB XML scenario as it is (its name gives NAME)
  --keep-xml           keep the generated XML scenarios beside the histories
"""

import argparse
import csv
import os
import sqlite3
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

# KTAB's nine options in <ModelParameters> order, default first (kmodel.h, smp.h).
OPTIONS = [
    ("VictoryProbModel", ["Linear", "Square", "Quartic", "Octic", "Binary"]),
    ("PCEModel", ["Conditional", "MarkovIncentive", "MarkovUniform"]),
    # Stochastic is left out: KTAB's draws depend on thread order, a seed does not
    # reproduce a run (docs/models.md).
    ("StateTransitions", ["Deterministic"]),
    ("VotingRule", ["Prop", "Binary", "PropBin", "PropCbc", "Cubic", "ASymProsp"]),
    ("BigRAdjust", ["OneThird", "None", "Half", "TwoThirds", "Full"]),
    ("BigRRange", ["Mid", "Min", "Max"]),
    ("ThirdPartyCommit", ["SemiCommit", "NoCommit", "FullCommit"]),
    ("InterVecBrgn", ["S2P2", "S1P1", "S2PMax"]),
    ("BargnModel", ["InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"]),
]

SEED = "20240101"

EXPORT = ("SELECT a.Name, v.Dim_k, v.Turn_t, v.Pos_Coord, v.Idl_Coord FROM VectorPosition v "
          "JOIN ActorDescription a ON a.ScenarioId = v.ScenarioId AND a.Act_i = v.Act_i "
          "ORDER BY v.Act_i, v.Dim_k, v.Turn_t")


def read_ktab_csv(path):
    """Name, dimension names and actors (name, description, capability, [(pos, sal)])."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = [[c.strip() for c in r] for r in csv.reader(f)]
    name, desc, n_actors, n_dims = rows[0][0], rows[0][1], int(rows[0][2]), int(rows[0][3])
    dims = [rows[1][3 + 2 * k] for k in range(n_dims)]
    actors = []
    for r in rows[2:2 + n_actors]:
        pairs = [(r[3 + 2 * k], r[4 + 2 * k]) for k in range(n_dims)]
        actors.append((r[0], r[1], r[2], pairs))
    return name, desc, dims, actors


def scenario_xml(scenario, params):
    """The CSV scenario as KTAB XML with these model parameters. The numbers are KTAB's CSV
    text unchanged, so both readers see the same doubles. KTAB's XML reader requires an
    IdealAdjustment with at least one pair; a diagonal 1 keeps the identity matrix."""
    name, desc, dims, actors = scenario
    out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<Scenario>",
           f"  <name>{escape(name)}</name>", f"  <desc>{escape(desc)}</desc>",
           f"  <prngSeed>{SEED}</prngSeed>", "  <ModelParameters>"]
    out += [f"    <{k}>{v}</{k}>" for k, v in params]
    out += ["  </ModelParameters>", "  <Dimensions>"]
    out += [f"    <dName>{escape(d)}</dName>" for d in dims]
    out += ["  </Dimensions>", "  <Actors>"]
    for a_name, a_desc, cap, pairs in actors:
        pos = "".join(f"<dCoord>{p}</dCoord>" for p, _ in pairs)
        sal = "".join(f"<dSal>{s}</dSal>" for _, s in pairs)
        out += ["    <Actor>", f"      <name>{escape(a_name)}</name>",
                f"      <description>{escape(a_desc)}</description>",
                f"      <capability>{cap}</capability>", f"      <Position>{pos}</Position>",
                f"      <Salience>{sal}</Salience>", "    </Actor>"]
    first = escape(actors[0][0])
    out += ["  </Actors>", "  <IdealAdjustment>",
            f"    <iaPair><adjustingIdeal>{first}</adjustingIdeal><referencePos>{first}"
            "</referencePos><adjust>1</adjust></iaPair>",
            "  </IdealAdjustment>", "</Scenario>", ""]
    return "\n".join(out)


def run_smpc(args, xml_path, out_csv):
    """Run smpc on one XML scenario in a scratch directory and export its history."""
    with tempfile.TemporaryDirectory() as work:
        os.symlink(os.path.abspath(args.logger_conf), os.path.join(work, "smpc-logger.conf"))
        cmd = [os.path.abspath(args.smpc), "--logmin", "--seed", SEED, "--xml",
               os.path.abspath(xml_path), "--connstr", "Driver=QSQLITE;Database=run"]
        subprocess.run(cmd, cwd=work, check=True, stdout=subprocess.DEVNULL)
        db = os.path.join(work, "run.db")
        if not os.path.exists(db):
            sys.exit(f"{xml_path}: smpc wrote no database (see its log in {work})")
        con = sqlite3.connect(db)
        rows = con.execute(EXPORT).fetchall()
        con.close()
    if not rows:
        # KTAB throws for some option values on every input (BigRAdjust=Full: each h's
        # estimated utilities equal the objective ones, smp.cpp:541-543); say so, go on.
        print(f"{os.path.basename(out_csv)}: smpc logged no history (KTAB refused the run)")
        return
    with open(out_csv, "w", encoding="utf-8") as f:
        f.write("actor,dim,turn,pos,ideal\n")
        for name, dim, turn, pos, ideal in rows:
            f.write(f"{name},{dim},{turn},{pos!r},{ideal!r}\n")
    turns = max(r[2] for r in rows)
    print(f"{os.path.basename(out_csv)}: {turns} turns")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--smpc", required=True)
    p.add_argument("--logger-conf", required=True)
    p.add_argument("--csv", required=True)
    p.add_argument("-o", dest="out", required=True)
    p.add_argument("--ideal-xml", action="append", default=[])
    p.add_argument("--keep-xml", action="store_true")
    args = p.parse_args()
    scenario = read_ktab_csv(args.csv)
    base = os.path.splitext(os.path.basename(args.csv))[0]
    os.makedirs(args.out, exist_ok=True)
    defaults = [(k, vals[0]) for k, vals in OPTIONS]
    runs = [("default", defaults)]
    for idx, (key, vals) in enumerate(OPTIONS):
        for v in vals[1:]:
            params = list(defaults)
            params[idx] = (key, v)
            runs.append((f"{key}-{v}", params))
    with tempfile.TemporaryDirectory() as tmp:
        for tag, params in runs:
            xml_dir = args.out if args.keep_xml else tmp
            xml_path = os.path.join(xml_dir, f"{base}.{tag}.xml")
            with open(xml_path, "w", encoding="utf-8") as f:
                f.write(scenario_xml(scenario, params))
            run_smpc(args, xml_path, os.path.join(args.out, f"{base}.{tag}.positions.csv"))
    for xml_path in args.ideal_xml:
        stem = os.path.splitext(os.path.basename(xml_path))[0]
        run_smpc(args, xml_path, os.path.join(args.out, f"{stem}.positions.csv"))


if __name__ == "__main__":
    main()
