#!/usr/bin/env bash
# Reads benchmark output ("key: value" lines) and prints the table of issue 17's figures:
# figure / value / target / verdict. A figure missing from the output is "not measured".
#   scripts/bench-table.sh LOG
set -euo pipefail
log=${1:?usage: bench-table.sh LOG}
# key, comparison (le: at most, ge: at least, info: no target), target. "Flat" RSS after the
# retention limit is read as growing by at most 0.5 MB a minute.
targets="alerts_round_cpu_ms_max le 5
alerts_round_ms_max le 5
bytes_per_point le 3
points_per_gib ge 300000000
replot_1m_ms le 16
replot_1m_pan_ms le 16
replot_1m_pan_worst_ms le 33
ui_stall_ms le 16
ingest_vs_raw ge 0.8
ingest_vs_kcat info -
replay_vs_kcat ge 1.2
search_vs_kcat ge 2.0
search_json_vs_kcat ge 2.0
payload_open_ms le 100
topic_model_fill_ms le 200
topic_model_refresh_ms le 100
topic_model_filter_ms le 50
offsets_refresh_20k_ms le 600
soak_rss_growth_mb_per_min le 0.5
soak_rss_over_store_mb le 80
soak_cpu_ratio le 1.2"
printf '%-28s %14s %14s  %s\n' figure value target verdict
while read -r key cmp target; do
  value=$(sed -n "s/^$key: \([-0-9.e+]*\).*/\1/p" "$log" | tail -1)
  if [[ -z $value ]]; then
    verdict="not measured"
  elif [[ $cmp == info ]]; then
    verdict="(reference)"
  elif awk -v v="$value" -v t="$target" -v c="$cmp" 'BEGIN { exit !((c == "le" && v <= t) || (c == "ge" && v >= t)) }'; then
    verdict="met"
  else
    verdict="MISSED"
  fi
  shown=$([[ $cmp == le ]] && echo "<= $target" || ([[ $cmp == ge ]] && echo ">= $target" || echo "-"))
  printf '%-28s %14s %14s  %s\n' "$key" "${value:--}" "$shown" "$verdict"
done <<<"$targets"
