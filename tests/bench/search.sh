#!/usr/bin/env bash
# Message search benchmark on a real broker: the browser's filter scan (MessageBrowser::scan)
# against `kcat -C -e | grep -c` on the same topic, for a value substring (search_vs_kcat)
# and a JSON field condition (search_json_vs_kcat). 5,000,000 device messages by default
# (KAFKASCOPE_SEARCH_COUNT for fewer); both sides must count the same matches.
#   tests/bench/search.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: search.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
bench="$build/tests/bench/bench_search"
target=5000000
count=${KAFKASCOPE_SEARCH_COUNT:-$target}
[[ -x $bench ]] || { echo "search.sh: $bench not built" >&2; exit 1; }
dir=$(mktemp -d /tmp/kafkascope-bench-search.XXXXXX)
trap '"$here/../broker/kafka-broker.sh" stop "$dir" --wipe >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
"$here/../broker/kafka-broker.sh" start "$dir" >/dev/null
bootstrap=$(cat "$dir/bootstrap")
topic="bench.search.$RANDOM"
python=${KAFKASCOPE_PYTHON:-$(bash "$here/../../scripts/python-venv.sh")}
"$python" - "$bootstrap" "$topic" <<'PY'
import sys
from confluent_kafka.admin import AdminClient, NewTopic
a = AdminClient({'bootstrap.servers': sys.argv[1]})
a.create_topics([NewTopic(sys.argv[2], 6, 1)])[sys.argv[2]].result()
PY
(( count == target )) || echo "note: a quick run over $count messages, not the $target of the target (KAFKASCOPE_SEARCH_COUNT)"
echo "broker: $bootstrap  topic: $topic  messages: $count"
start=$SECONDS
"$bench" produce "$bootstrap" "$topic" "$count"
echo "produce_seconds: $((SECONDS - start))"

# The same question both ways: the filter bar's substring is case-insensitive (grep -i -F),
# and temperatures above 30 are exactly those written 3x.xx (the data never has 30.00).
substring=alarm
condition='values.temperature > 30'
grep_substring=(grep -c -i -F "$substring")
grep_condition=(grep -c -E '"temperature":3[0-9]\.')

now_ns() { date +%s%N; }
kcat_seconds=0
kcat_count=0
run_kcat() { # grep's pattern...
  local start
  start=$(now_ns)
  kcat_count=$(kcat -C -e -q -o beginning -b "$bootstrap" -t "$topic" | LC_ALL=C "$@" || true)
  kcat_seconds=$(echo "($(now_ns) - $start) / 1000000000" | bc -l)
}
our_seconds=0
our_count=0
run_ours() { # value|json PATTERN
  local out
  out=$("$bench" scan "$bootstrap" "$topic" "$1" "$2")
  our_seconds=$(echo "$out" | awk '/^scan_seconds:/ {print $2}')
  our_count=$(echo "$out" | awk '/^scan_matched:/ {print $2}')
  local scanned
  scanned=$(echo "$out" | awk '/^scan_scanned:/ {print $2}')
  (( scanned == count )) || { echo "search.sh: the scan read $scanned of $count messages" >&2; exit 1; }
}
# One figure's round: both sides, in the order given, and the matched counts must agree.
measure() { # first(kcat|ours) kind pattern grep...
  local first=$1 kind=$2 pattern=$3
  shift 3
  if [[ $first == kcat ]]; then run_kcat "$@"; run_ours "$kind" "$pattern"; else run_ours "$kind" "$pattern"; run_kcat "$@"; fi
  if [[ $kcat_count != "$our_count" ]]; then
    echo "search.sh: $kind '$pattern' matched $our_count, kcat | grep counted $kcat_count" >&2
    exit 1
  fi
}

rounds=${KAFKASCOPE_BENCH_ROUNDS:-3}
ratios=()
json_ratios=()
# Round 0 warms the broker's JIT and the page cache up and is printed but not counted.
for round in $(seq 0 "$rounds"); do
  first=$( (( round % 2 )) && echo kcat || echo ours) # take turns going first
  measure "$first" value "$substring" "${grep_substring[@]}"
  line=$(printf 'substring %s: kcat_s %.2f  ours_s %.2f  ratio %.2f  matched %s' "$substring" "$kcat_seconds" \
    "$our_seconds" "$(echo "$kcat_seconds / $our_seconds" | bc -l)" "$our_count")
  ratio=$(echo "$kcat_seconds / $our_seconds" | bc -l)
  substring_matched=$our_count
  measure "$first" json "$condition" "${grep_condition[@]}"
  json_ratio=$(echo "$kcat_seconds / $our_seconds" | bc -l)
  line+=$(printf ' | json %s: kcat_s %.2f  ours_s %.2f  ratio %.2f  matched %s' "$condition" "$kcat_seconds" \
    "$our_seconds" "$json_ratio" "$our_count")
  json_matched=$our_count
  if (( round == 0 )); then
    echo "warm-up (not counted): $line"
    continue
  fi
  ratios+=("$ratio")
  json_ratios+=("$json_ratio")
  echo "round $round: $line"
done
"$bench" cancel "$bootstrap" "$topic"
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "search_messages: $count"
echo "search_matched: $substring_matched (substring '$substring', kcat | grep agrees)"
echo "search_json_matched: $json_matched ('$condition', kcat | grep agrees)"
printf 'search_vs_kcat: %.2f (median of %d rounds)\n' "$(median "${ratios[@]}")" "$rounds"
printf 'search_json_vs_kcat: %.2f (median of %d rounds)\n' "$(median "${json_ratios[@]}")" "$rounds"
