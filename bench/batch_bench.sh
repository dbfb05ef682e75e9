#!/usr/bin/env bash
# Whole-run benchmark of `stormdrill batch` on the default county: N_PLANS plan variants
# (dispatch policy x warning lead x pre-positioning) x N_MEMBERS storm members.
# First pass computes (and caches) the member hazards; the second replays every plan on the
# cached hazards, which is the figure issue 7 asks for. Usage:
#   bench/batch_bench.sh [N_PLANS=100] [N_MEMBERS=20] [THREADS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
P=${1:-100}; M=${2:-20}; T=${3:-2}
BIN=./build/release/engine/stormdrill
WORK=${BATCH_BENCH_DIR:-/tmp/stormdrill-batch-bench}
mkdir -p "$WORK/plans"
policies=(nearest priority coverage batch_optimal)
plans=()
for ((k = 0; k < P; ++k)); do
  f="$WORK/plans/plan-$(printf %03d $k).toml"
  pol=${policies[$((k % 4))]}
  lead=$((6 + (k / 4) % 13))
  {
    echo "[plan]"
    echo "name = \"variant $k\""
    echo "dispatch = \"$pol\""
    echo "warning_lead_h = $lead.0"
    if (( k % 2 )); then sed -n '/\[\[plan.station\]\]/,$p' scenarios/haiyan-demo/plan-prepositioned.toml; fi
  } > "$f"
  plans+=("$f")
done
echo "== pass 1: hazards for $M members (cold cache), $P plans"
/usr/bin/time -f "pass1 wall %e s" $BIN batch --scenario scenarios/haiyan-demo/scenario.toml --plans "${plans[@]}" \
  --members "$M" --threads "$T" --cache-dir "$WORK/cache" -o "$WORK/batch1.h5" --no-resume -q \
  --summary-json "$WORK/pass1.json" > "$WORK/pass1.txt"
echo "== pass 2: $P plans x $M members on cached hazards"
/usr/bin/time -f "pass2 wall %e s" $BIN batch --scenario scenarios/haiyan-demo/scenario.toml --plans "${plans[@]}" \
  --members "$M" --threads "$T" --cache-dir "$WORK/cache" -o "$WORK/batch2.h5" --no-resume -q \
  --summary-json "$WORK/pass2.json" --csv "$WORK/batch2.csv" > "$WORK/pass2.txt"
cat "$WORK/pass1.json" "$WORK/pass2.json"
