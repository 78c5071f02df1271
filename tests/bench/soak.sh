#!/usr/bin/env bash
# Soak: the real app on its demo at 2,000 msg/s with Throughput and Telemetry open (Telemetry
# the tab shown), offscreen, for KAFKASCOPE_SOAK_MIN minutes (30 by default, at least 3).
# RSS (VmRSS) and CPU (utime + stime) are read from /proc every 5 s, the telemetry store's own
# figure from the app's --stats lines. Prints every sample, then:
#   soak_rss_growth_mb_per_min  least-squares slope of RSS over the last third of the run
#   soak_rss_over_store_mb      RSS at the end minus what the store says it holds
#   soak_cpu_ratio              CPU share in the last minute / in minute 2
#   tests/bench/soak.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: soak.sh BUILD_DIR}
app="$build/app/kafkascope"
minutes=${KAFKASCOPE_SOAK_MIN:-30}
rate=${KAFKASCOPE_SOAK_RATE:-2000}
every=5
[[ -x $app ]] || { echo "soak.sh: $app not built" >&2; exit 1; }
(( minutes >= 3 )) || { echo "soak.sh: KAFKASCOPE_SOAK_MIN must be at least 3 (minute 2 against the last)" >&2; exit 2; }
(( minutes == 30 )) || echo "note: a $minutes-minute run, not the 30 minutes of the target (KAFKASCOPE_SOAK_MIN)"
dir=$(mktemp -d /tmp/kafkascope-bench-soak.XXXXXX)
pid=
trap '[[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
duration=$((minutes * 60))
# The app quits by itself a little after the last sample; the trap covers a failed run.
KAFKASCOPE_NO_KEYCHAIN=1 QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$app" --demo --demo-rate "$rate" \
  --panel throughput,telemetry --settings "$dir/kafkascope.conf" --stats "$every" \
  --quit-after $(((duration + 20) * 1000)) >"$dir/app.log" 2>&1 &
pid=$!
echo "soak: pid $pid, demo at $rate msg/s, Throughput + Telemetry, $minutes min, a sample every $every s"
tck=$(getconf CLK_TCK)
start=$(date +%s%N)
samples="$dir/samples"
echo "sample: t_s rss_mb cpu_s store_mb heap_live_mb"
for ((i = 1; i * every <= duration; i++)); do
  # Wait for the sample's time on the clock, so slow reads do not stretch the run.
  wait_s=$(echo "($start + $i * $every * 1000000000 - $(date +%s%N)) / 1000000000" | bc -l)
  (( $(echo "$wait_s > 0" | bc) )) && sleep "$wait_s"
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "soak.sh: the app ended early; its log:" >&2
    tail -20 "$dir/app.log" >&2
    exit 1
  fi
  t=$(echo "($(date +%s%N) - $start) / 1000000000" | bc -l)
  rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  # Fields after the command name, which is in parentheses: utime and stime are 14 and 15.
  ticks=$(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')
  store=$(sed -n 's/^stats: .*telemetry_store_bytes=\([0-9]*\).*/\1/p' "$dir/app.log" | tail -1)
  # The heap's live bytes (glibc): what the app and its in-process demo cluster hold.
  heap=$(sed -n 's/^stats: .*heap_live_bytes=\([0-9]*\).*/\1/p' "$dir/app.log" | tail -1)
  printf 'sample: %.1f %.1f %.2f %.1f %.1f\n' "$t" "$(echo "$rss_kb / 1024" | bc -l)" "$(echo "$ticks / $tck" | bc -l)" \
    "$(echo "${store:-0} / 1048576" | bc -l)" "$(echo "${heap:-0} / 1048576" | bc -l)" | tee -a "$samples"
done
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
pid=

awk -v total="$duration" '
  { t[NR] = $2; rss[NR] = $3; cpu[NR] = $4; store[NR] = $5; heap[NR] = $6 }
  # The sample nearest a time (seconds since the start).
  function at(s,   i, best) { best = 1; for (i = 1; i <= NR; i++) if ((t[i] - s)^2 < (t[best] - s)^2) best = i; return best }
  END {
    from = total * 2 / 3
    for (i = 1; i <= NR; i++) if (t[i] >= from) { n++; sx += t[i]; sy += rss[i]; sxx += t[i]^2; sxy += t[i] * rss[i] }
    slope = (n * sxy - sx * sy) / (n * sxx - sx * sx) * 60
    a = at(60); b = at(120); c = at(total - 60); d = NR
    m2 = (cpu[b] - cpu[a]) / (t[b] - t[a]); last = (cpu[d] - cpu[c]) / (t[d] - t[c])
    printf "soak_rss_mb_at_1_min: %.1f\n", rss[a]
    printf "soak_rss_mb_at_end: %.1f\n", rss[d]
    printf "soak_store_mb: %.1f (what the telemetry store says it holds, at the end)\n", store[d]
    printf "soak_rss_over_store_mb: %.1f (RSS - the store, at the end)\n", rss[d] - store[d]
    printf "soak_heap_live_mb_at_end: %.1f (malloc live bytes: the app with its in-process demo cluster)\n", heap[d]
    printf "soak_cpu_minute2_pct: %.1f (of one core)\n", m2 * 100
    printf "soak_cpu_last_minute_pct: %.1f (of one core)\n", last * 100
    printf "soak_rss_growth_mb_per_min: %.2f (least squares over minutes %.1f-%.1f, %d samples)\n", slope, from / 60, total / 60, n
    printf "soak_cpu_ratio: %.2f (last minute / minute 2)\n", last / m2
  }' < <(sed 's/^sample: /sample /' "$samples")
