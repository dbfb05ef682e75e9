#!/usr/bin/env bash
# Batch soak (issue 16, docs/reliability.md): many plans x members, the batch killed with
# SIGKILL at random moments and restarted (it resumes from its journal), round after round
# until the time is up. Every round must end with CSVs identical to an uninterrupted batch
# (timing columns, whose names contain "wall", left out of the comparison).
#
#   bench/soak_batch.sh [SECONDS=7200] [KILL_EVERY_S=180] [MEMBERS=24] [PLANS=8] [SCENARIO]
#
# The documented soak is the defaults (2 h, a kill every 90-270 s, on the shipped county).
# A short check: bench/soak_batch.sh 300 20 6 4 (on the county `generate-county` makes at
# 500 m cells when SCENARIO is "small"). Prints one line per kill and a final tally; exit
# status 1 on any CSV difference.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-7200}"
KILL_EVERY="${2:-180}"
MEMBERS="${3:-24}"
PLANS="${4:-8}"
SCENARIO="${5:-scenarios/haiyan-demo/scenario.toml}"
BIN="${STORMDRILL:-build/release/engine/stormdrill}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sd_soak.XXXXXX")"
echo "soak: work folder $WORK"

if [ "$SCENARIO" = "small" ]; then
  "$BIN" generate-county --out "$WORK/county" --cell-m 500 --seed 3 >/dev/null
  cp scenarios/haiyan-demo/data/infa-2021.csv "$WORK/county/data/"  # the shipped track
  SCENARIO="$WORK/county/scenario.toml"
fi

# Plans: the dispatch rules x warning leads (every plan is valid for any county).
plans=()
k=0
for dispatch in nearest priority; do
  for lead in 0 3 6 12 18 24 36 48; do
    [ "$k" -ge "$PLANS" ] && break 2
    printf '[plan]\nname = "p%02d"\ndispatch = "%s"\nwarning_lead_h = %s.0\n' \
      "$k" "$dispatch" "$lead" >"$WORK/plan-$k.toml"
    plans+=("$WORK/plan-$k.toml")
    k=$((k + 1))
  done
done

batch() {  # OUT_DIR CACHE_DIR [extra args]
  local out="$1" cache="$2"
  shift 2
  "$BIN" batch --scenario "$SCENARIO" --plans "${plans[@]}" --members "$MEMBERS" \
    -o "$out/batch.h5" --csv "$out/plans.csv" --runs-csv "$out/runs.csv" \
    --cache-dir "$cache" --threads 2 -q "$@"
}

# CSV without its timing columns (header names containing "wall").
strip_wall() {
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) keep[i] = ($i !~ /wall/) }
           { line = ""; for (i = 1; i <= NF; i++) if (keep[i]) line = line (line == "" ? "" : ",") $i
             print line }' "$1"
}

mkdir -p "$WORK/ref"
t0=$(date +%s)
batch "$WORK/ref" "$WORK/ref-cache" >/dev/null
ref_s=$(($(date +%s) - t0))
echo "soak: uninterrupted batch ($PLANS plans x $MEMBERS members) took ${ref_s} s"

start=$(date +%s)
rounds=0
kills=0
diffs=0
while [ $(($(date +%s) - start)) -lt "$DURATION" ]; do
  rounds=$((rounds + 1))
  out="$WORK/round-$rounds"
  mkdir -p "$out"
  attempts=0
  while :; do
    attempts=$((attempts + 1))
    batch "$out" "$WORK/cache-$rounds" >"$out/attempt-$attempts.log" 2>&1 &
    pid=$!
    # Kill at a random moment in [KILL_EVERY/2, 3 KILL_EVERY/2).
    wait_s=$((KILL_EVERY / 2 + RANDOM % (KILL_EVERY > 0 ? KILL_EVERY : 1)))
    for _ in $(seq "$wait_s"); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid"
      wait "$pid" 2>/dev/null || true
      kills=$((kills + 1))
      echo "soak: round $rounds attempt $attempts killed (SIGKILL) after ${wait_s} s"
      continue
    fi
    if wait "$pid"; then break; fi
    echo "soak: round $rounds attempt $attempts FAILED:"
    tail -5 "$out/attempt-$attempts.log"
    exit 1
  done
  for csv in plans.csv runs.csv; do
    if ! cmp -s <(strip_wall "$WORK/ref/$csv") <(strip_wall "$out/$csv"); then
      echo "soak: round $rounds: $csv DIFFERS from the uninterrupted batch"
      diff <(strip_wall "$WORK/ref/$csv") <(strip_wall "$out/$csv") | head -5
      diffs=$((diffs + 1))
    fi
  done
  echo "soak: round $rounds complete after $attempts attempts: CSVs identical? $([ $diffs -eq 0 ] && echo yes || echo NO)"
  rm -rf "$WORK/cache-$rounds"
done
echo "soak: $(($(date +%s) - start)) s, $rounds rounds, $kills kills, $diffs CSV differences"
[ "$diffs" -eq 0 ]
