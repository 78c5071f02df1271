#!/usr/bin/env bash
# Runs the on-demand benchmarks (never part of the test command):
#   scripts/bench.sh NAME    one of tests/bench/NAME.sh
#   scripts/bench.sh all     every one in turn, then one table of figure / target / verdict;
#                            the soak comes last and lasts KAFKASCOPE_SOAK_MIN minutes (30 by
#                            default, as the target says; 0 leaves it out)
# Each builds the release preset's benchmarks, starts its own broker where it needs one and
# prints "key: value" figures with a ratio against a reference measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:-}"
available=$(cd tests/bench && ls ./*.sh 2>/dev/null | sed 's|^\./||; s|\.sh$||' | tr '\n' ' ')
if [[ -z "$name" || ( "$name" != all && ! -f "tests/bench/$name.sh" ) ]]; then
  echo "usage: scripts/bench.sh NAME|all   (available: ${available:-none})" >&2
  exit 2
fi
bash scripts/install-deps.sh
bash scripts/build.sh release benchmarks
build="$PWD/build/release"
if [[ "$name" != all ]]; then
  exec bash "tests/bench/$name.sh" "$build"
fi

# Cheapest first; one at a time (the machine's cores are the measuring instrument).
order="alerts decoding payload series topic_model ingest replay offsets search"
soak_min=${KAFKASCOPE_SOAK_MIN:-30}
if [[ $soak_min == 0 ]]; then
  echo "soak left out (KAFKASCOPE_SOAK_MIN=0): its figures say 'not measured'"
else
  order+=" soak"
  export KAFKASCOPE_SOAK_MIN=$soak_min
fi
log=$(mktemp "${TMPDIR:-/tmp}/kafkascope-bench-all.XXXXXX")
failed=()
# Absolute times are only as good as the machine is idle: say how busy it was.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for bench in $order; do
  echo "== $bench"
  if ! bash "tests/bench/$bench.sh" "$build" 2>&1 | tee -a "$log"; then
    failed+=("$bench")
    # Some benchmarks (alerts) also exit non-zero on a missed target: the table tells which.
    echo "bench.sh: $bench exited non-zero (a missed target or a failure: see its output; what it did not print is 'not measured')"
  fi
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
bash scripts/bench-table.sh "$log"
rm -f "$log"
(( ${#failed[@]} == 0 )) || { echo "failed: ${failed[*]}"; exit 1; }
