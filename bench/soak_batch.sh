#!/usr/bin/env bash
# Batch soak (issue 16, docs/reliability.md): many plans x members, the batch killed with
# SIGKILL at random moments and restarted (it resumes from its journal), round after round
# until the time is up. Every round must end with CSVs identical to an uninterrupted batch
# (timing columns, whose names contain "wall", left out of the comparison).
#
#   bench/soak_batch.sh [SECONDS=7200] [KILL_EVERY_S=auto] [MEMBERS=24] [PLANS=8] [SCENARIO]
#
# KILL_EVERY_S "auto" kills each attempt at a random moment between 5 % and 95 % of the
# uninterrupted batch's wall time, so every attempt dies mid-batch whatever the scenario costs;
# a number N kills at a random moment in [N/2, 3N/2) seconds (fractions allowed). Kills
# alternate between SIGKILL (no clean-up at all) and SIGTERM (the interrupt path).
# The documented soak (docs/reliability.md): bench/soak_batch.sh 7200 auto 24 8 small, on
# the county `generate-county` makes at 500 m cells. Prints one line per kill and a final
# tally; exit status 1 on any CSV difference.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-7200}"
KILL_EVERY="${2:-auto}"
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

# Runs in a subshell (`batch ... &` or `(batch ...)`), which exec replaces with stormdrill so
# that $! is stormdrill's own pid: a kill must hit the batch, not a shell that leaves it running.
batch() {  # OUT_DIR CACHE_DIR [extra args]
  local out="$1" cache="$2"
  shift 2
  exec "$BIN" batch --scenario "$SCENARIO" --plans "${plans[@]}" --members "$MEMBERS" \
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
t0=$(date +%s%N)
(batch "$WORK/ref" "$WORK/ref-cache" >/dev/null)
ref_ms=$((($(date +%s%N) - t0) / 1000000))
echo "soak: uninterrupted batch ($PLANS plans x $MEMBERS members) took ${ref_ms} ms"

# Milliseconds to wait before the next kill.
kill_delay_ms() {
  if [ "$KILL_EVERY" = "auto" ]; then
    echo $((ref_ms * (5 + RANDOM % 91) / 100))
  else
    awk -v n="$KILL_EVERY" -v r="$RANDOM" 'BEGIN { printf "%d", n * 1000 * (0.5 + r / 32768.0) }'
  fi
}

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
    wait_ms=$(kill_delay_ms)
    # Past the soak's time, let the last round finish without kills.
    [ $(($(date +%s) - start)) -ge "$DURATION" ] && wait_ms=999999999
    deadline=$(($(date +%s%N) / 1000000 + wait_ms))
    while kill -0 "$pid" 2>/dev/null && [ $(($(date +%s%N) / 1000000)) -lt "$deadline" ]; do
      sleep 0.05
    done
    if kill -0 "$pid" 2>/dev/null; then
      sig=KILL
      [ $((kills % 2)) -eq 1 ] && sig=TERM
      kill -s "$sig" "$pid"
      wait "$pid" 2>/dev/null || true
      kills=$((kills + 1))
      echo "soak: round $rounds attempt $attempts killed (SIG$sig) after ${wait_ms} ms"
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
  # A killed process must leave no temp file behind once the next run has cleaned up.
  stale=$(find "$out" "$WORK/cache-$rounds" -name '*.tmp*' 2>/dev/null | wc -l)
  if [ "$stale" -ne 0 ]; then
    echo "soak: round $rounds: $stale temp files left behind"
    diffs=$((diffs + 1))
  fi
  echo "soak: round $rounds complete after $attempts attempts: CSVs identical? $([ $diffs -eq 0 ] && echo yes || echo NO)"
  rm -rf "$WORK/cache-$rounds"
done
echo "soak: $(($(date +%s) - start)) s, $rounds rounds, $kills kills, $diffs CSV differences"
[ "$diffs" -eq 0 ]
