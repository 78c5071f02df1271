#!/usr/bin/env bash
# Telemetry ingest benchmark: Kafkascope's ingest pipeline (consume + decode + store) against a
# bare librdkafka consumer that only counts (ingest_vs_raw) and against kcat (ingest_vs_kcat)
# on the same 1,000,000 gateway-format messages (50 devices x 4 keys) on a real broker, plus
# decode throughput, replot time, store bytes per point and the UI's worst stall while ingesting.
#   tests/bench/ingest.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: ingest.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
bench="$build/tests/bench/bench_ingest"
count=${KAFKASCOPE_BENCH_MESSAGES:-1000000}
[[ -x $bench ]] || { echo "ingest.sh: $bench not built" >&2; exit 1; }
dir=$(mktemp -d /tmp/kafkascope-bench-ingest.XXXXXX)
trap '"$here/../broker/kafka-broker.sh" stop "$dir" --wipe >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
"$here/../broker/kafka-broker.sh" start "$dir" >/dev/null
bootstrap=$(cat "$dir/bootstrap")
topic="bench.telemetry.$RANDOM"
python=${KAFKASCOPE_PYTHON:-$(bash "$here/../../scripts/python-venv.sh")}
"$python" - "$bootstrap" "$topic" <<'PY'
import sys
from confluent_kafka.admin import AdminClient, NewTopic
a = AdminClient({'bootstrap.servers': sys.argv[1]})
a.create_topics([NewTopic(sys.argv[2], 6, 1)])[sys.argv[2]].result()
PY
echo "broker: $bootstrap  topic: $topic  messages: $count"
"$bench" produce "$bootstrap" "$topic" "$count"

now_ns() { date +%s%N; }
# A single run on 2 cores swings by a third either way: alternate kcat and the pipeline for
# a few rounds, print every round, and judge by the median of the per-round ratios.
rounds=${KAFKASCOPE_BENCH_ROUNDS:-3}
ratios=()
raw_ratios=()
run_raw() {
  raw_rate=$("$bench" raw "$bootstrap" "$topic" | awk '/^raw_msgs_per_s:/ {print $2}')
}
run_kcat() {
  local start
  start=$(now_ns)
  kcat -C -e -q -o beginning -b "$bootstrap" -t "$topic" > /dev/null
  kcat_s=$(echo "($(now_ns) - $start) / 1000000000" | bc -l)
  kcat_rate=$(echo "$count / $kcat_s" | bc -l)
}
run_ingest() {
  out=$("$bench" ingest "$bootstrap" "$topic")
  ingest_rate=$(echo "$out" | awk '/^ingest_msgs_per_s:/ {print $2}')
}
# Round 0 warms the freshly started broker's JIT up and is printed but not counted: on a cold
# broker whichever reader goes first pays for the broker's compilation of its fetch path.
for round in $(seq 0 "$rounds"); do
  if (( round % 2 )); then run_kcat; run_raw; run_ingest; else run_ingest; run_raw; run_kcat; fi # take turns going first
  ratio=$(echo "$ingest_rate / $kcat_rate" | bc -l)
  raw_ratio=$(echo "$ingest_rate / $raw_rate" | bc -l)
  line=$(printf 'raw_msgs_per_s: %.0f  kcat_msgs_per_s: %.0f  ingest_msgs_per_s: %.0f  vs_raw: %.2f  vs_kcat: %.2f' \
    "$raw_rate" "$kcat_rate" "$ingest_rate" "$raw_ratio" "$ratio")
  if (( round == 0 )); then
    echo "warm-up (not counted): $line"
    continue
  fi
  ratios+=("$ratio")
  raw_ratios+=("$raw_ratio")
  echo "round $round: $line"
done
echo "$out"
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
printf 'ingest_vs_raw: %.2f (median of %d rounds)\n' "$(median "${raw_ratios[@]}")" "$rounds"
printf 'ingest_vs_kcat: %.2f (median of %d rounds)\n' "$(median "${ratios[@]}")" "$rounds"

"$bench" decode
"$bench" replot
"$bench" stall "$bootstrap" "$topic"
