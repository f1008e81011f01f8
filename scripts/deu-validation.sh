#!/bin/sh
# Reproduces every row of the candidate table in docs/validation.md: each candidate model on
# the DEU III development split, with its command, its line of the report (out-of-fold
# scores when options are fitted) and the fitted values.
# Usage: scripts/deu-validation.sh [PACTA] [DEU_TSV]
#   PACTA    the pacta command (default build/cli/pacta)
#   DEU_TSV  the development split (default ../shared/data/deu3/deu3_dev.tsv)
# Runs one candidate at a time at low priority; about a minute in all on one core.
set -eu
cd "$(dirname "$0")/.."
pacta=${1:-build/cli/pacta}
deu=${2:-../shared/data/deu3/deu3_dev.tsv}
votes=data/deu/council-votes-nice.csv
if [ ! -f "$deu" ]; then
    echo "deu-validation: $deu not found (the DEU III split lives in ../shared)" >&2
    exit 77
fi

# label | the model whose line is reported | options after the file
while IFS='|' read -r label model options; do
    case "$label" in '' | '#'*) continue ;; esac
    echo "== $label"
    echo "   pacta backtest $deu $options"
    # shellcheck disable=SC2086 # the options are meant to split into words
    nice "$pacta" backtest "$deu" $options >/tmp/deu-validation.$$ || {
        echo "   failed" >&2
        exit 1
    }
    grep -E "^  $model +[0-9]" /tmp/deu-validation.$$ | head -1
    grep -E "^  [a-z:-]+ \([0-9]+ grid points\)|^    [a-z_]+ = " /tmp/deu-validation.$$ || true
done <<ROWS
compromise, equal capability|compromise|-m compromise
compromise, GDP|compromise|--capability row -m compromise,focal:mean --baseline focal:mean
compromise, Council votes|compromise|--capability $votes -m compromise,focal:mean --baseline focal:mean
median, equal capability|median|-m median
median, GDP|median|--capability row -m median,focal:mean --baseline focal:mean
median, Council votes|median|--capability $votes -m median,focal:mean --baseline focal:mean
Nash (d = rp), equal capability|nash|-m nash
BDM scholz-code, equal capability|bdm|-m bdm
BDM scholz-code, GDP|bdm|--capability row -m bdm,focal:mean --baseline focal:mean
BDM scholz-code, mean read-out|bdm|-m bdm --set readout=mean
BDM paper, equal capability|bdm:paper|-m bdm:paper
BDM paper, GDP|bdm:paper|--capability row -m bdm:paper,focal:mean --baseline focal:mean
reference point itself|status-quo|-m status-quo
EU procedural, Council votes|eu-procedural|--capability $votes -m eu-procedural,focal:mean --baseline focal:mean
EU procedural, equal votes|eu-procedural|-m eu-procedural
shrinkage to rp, equal capability|focal|-m focal --set snap=0 --fit shrink=-0.5:1:0.05
shrinkage to rp, GDP|focal|--capability row -m focal,focal:mean --baseline focal:mean --set focal.snap=0 --set focal.capability_power=1 --fit focal.shrink=-0.5:1:0.05
GDP^p capability|focal|--capability row -m focal,focal:mean --baseline focal:mean --set focal.snap=0 --fit focal.capability_power=0:2:0.1
Council votes^p capability|focal|--capability $votes -m focal,focal:mean --baseline focal:mean --set focal.snap=0 --fit focal.capability_power=0:2:0.1
snap, equal capability|focal|-m focal --fit snap=0:50:2.5
focal (p, snap), GDP|focal|--capability row -m focal,focal:mean --baseline focal:mean --fit focal.capability_power=0:1.5:0.25 --fit focal.snap=0:50:2.5
focal (p, snap), Council votes|focal|--capability $votes -m focal,focal:mean --baseline focal:mean --fit focal.capability_power=0:1.5:0.25 --fit focal.snap=0:50:2.5
focal (p, snap, shrink), GDP|focal|--capability row -m focal,focal:mean --baseline focal:mean --fit focal.capability_power=0:1.5:0.25 --fit focal.snap=0:50:2.5 --fit focal.shrink=-0.3:0.3:0.05
focal (p, snap), GDP, 10 folds|focal|--capability row -m focal,focal:mean --baseline focal:mean --fit focal.capability_power=0:1.5:0.25 --fit focal.snap=0:50:2.5 --folds 10
smp, equal capability|smp|-m smp
smp, GDP|smp|--capability row -m smp,focal:mean --baseline focal:mean
exchange, equal capability|exchange|-m exchange
exchange, sequence=once|exchange|-m exchange --set sequence=once
exchange, limit=position|exchange|-m exchange --set limit=position
exchange, limit=outcome|exchange|-m exchange --set limit=outcome
exchange, GDP|exchange|--capability row -m exchange,focal:mean --baseline focal:mean
exchange, realise fitted, 10 folds|exchange|-m exchange --fit exchange.realise=0:1:0.1 --folds 10
exchange once, realise fitted, 10 folds|exchange|-m exchange --set sequence=once --fit exchange.realise=0:1:0.1 --folds 10
exchange GDP, realise fitted, 10 folds|exchange|--capability row -m exchange,focal:mean --baseline focal:mean --fit exchange.realise=0:1:0.1 --folds 10
procedural, equal votes|procedural|-m procedural
procedural, Council votes|procedural|--capability $votes -m procedural,focal:mean --baseline focal:mean
procedural, unanimity quota everywhere|procedural|-m procedural --set quota=1
procedural-compromise, equal votes|procedural-compromise|-m procedural-compromise
choice, defaults, GDP|choice|--capability row -m choice,focal:mean --baseline focal:mean
choice, CRPS fit, GDP, 10 folds, seed 1|choice|--capability row -m choice,focal:mean --baseline focal:mean --fit choice.support=0:0.5:0.02 --fit choice.distance=0:4:0.1 --fit-by crps --folds 10 --seed 1
choice, CRPS fit, GDP, 10 folds, seed 2|choice|--capability row -m choice,focal:mean --baseline focal:mean --fit choice.support=0:0.5:0.02 --fit choice.distance=0:4:0.1 --fit-by crps --folds 10 --seed 2
choice, CRPS fit, GDP, 10 folds, seed 3|choice|--capability row -m choice,focal:mean --baseline focal:mean --fit choice.support=0:0.5:0.02 --fit choice.distance=0:4:0.1 --fit-by crps --folds 10 --seed 3
choice, CRPS fit, GDP, 10 folds, seed 4|choice|--capability row -m choice,focal:mean --baseline focal:mean --fit choice.support=0:0.5:0.02 --fit choice.distance=0:4:0.1 --fit-by crps --folds 10 --seed 4
choice, CRPS fit, GDP, 10 folds, seed 5|choice|--capability row -m choice,focal:mean --baseline focal:mean --fit choice.support=0:0.5:0.02 --fit choice.distance=0:4:0.1 --fit-by crps --folds 10 --seed 5
choice, CRPS fit, GDP, one proposal out|choice|--capability row -m choice,focal:mean --baseline focal:mean --fit choice.support=0:0.5:0.02 --fit choice.distance=0:4:0.1 --fit-by crps
choice, MAE fit, GDP, 10 folds, seed 1|choice|--capability row -m choice,focal:mean --baseline focal:mean --fit choice.support=0:0.5:0.02 --fit choice.distance=0:4:0.1 --fit-by mae --folds 10
choice, MAE fit, GDP, one proposal out|choice|--capability row -m choice,focal:mean --baseline focal:mean --fit choice.support=0:0.5:0.02 --fit choice.distance=0:4:0.1 --fit-by mae
choice, CRPS fit, equal capability, 10 folds|choice|-m choice --fit choice.support=0:0.5:0.02 --fit choice.distance=0:4:0.1 --fit-by crps --folds 10
choice, CRPS fit, Council votes, 10 folds|choice|--capability $votes -m choice,focal:mean --baseline focal:mean --fit choice.support=0:0.5:0.02 --fit choice.distance=0:4:0.1 --fit-by crps --folds 10
choice, defaults, GDP, mode read-out|choice|--capability row -m choice,focal:mean --baseline focal:mean --set choice.readout=mode
choice, defaults, GDP, mean read-out|choice|--capability row -m choice,focal:mean --baseline focal:mean --set choice.readout=mean
ROWS
rm -f /tmp/deu-validation.$$
