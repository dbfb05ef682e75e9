#!/usr/bin/env bash
# Runs every libFuzzer harness for SECONDS each (default 60) over the committed seed corpus
# (tests/fuzz/corpus/NAME, read-only: new inputs go to a scratch corpus), one process each.
# Builds the harnesses first (preset fuzz: clang, ASan, build/fuzz). A crash, leak or
# sanitizer report fails the script and leaves the reproducer in build/fuzz/findings/NAME/.
#   tests/fuzz/run_fuzzers.sh [SECONDS] [NAME...]      e.g. tests/fuzz/run_fuzzers.sh 600 track
# FUZZ_JOBS=N runs N harnesses at a time (default 2: CI has 2 cores). The HDF5 seeds (results,
# cache: a 1 km, 6 h county run, ~180 KB each) need a larger -max_len than the text formats.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH="${1:-60}"
shift || true
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz >/dev/null
BIN=build/fuzz/tests/fuzz
names=("$@")
if [ "${#names[@]}" -eq 0 ]; then
  for f in "$BIN"/fuzz_*; do [ -x "$f" ] && names+=("$(basename "$f" | sed 's/^fuzz_//')"); done
fi
JOBS="${FUZZ_JOBS:-2}"
fuzz_one() {  # NAME; prints one line, returns 1 on a finding
  local name="$1" work findings log
  work="build/fuzz/corpus/$name"
  findings="build/fuzz/findings/$name"
  mkdir -p "$work" "$findings"
  log="build/fuzz/findings/$name.log"
  local max_len=65536
  case "$name" in results | cache) max_len=400000 ;; esac
  # HDF5 and GDAL keep global caches that LeakSanitizer reports at exit: leaks are not
  # findings here (the ASan suite checks our own code); memory errors and crashes are.
  # allocator_may_return_null: HDF5 asks for 2^63 bytes when a damaged header gives that size;
  # glibc's malloc returns NULL and HDF5 reports an error, as it should, but ASan would abort.
  if ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:allocator_may_return_null=1" "$BIN/fuzz_$name" "$work" \
      "tests/fuzz/corpus/$name" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=2048 \
      -max_len="$max_len" -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1; then
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
    echo "fuzz_$name: ok, ${SECONDS_EACH} s, ${execs} inputs, coverage ${cov} edges"
  else
    echo "fuzz_$name: FINDING (log $log, reproducer in $findings/)"
    tail -40 "$log"
    return 1
  fi
}
status=0
pids=()
for name in "${names[@]}"; do
  fuzz_one "$name" &
  pids+=($!)
  if [ "${#pids[@]}" -ge "$JOBS" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
