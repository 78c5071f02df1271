#!/usr/bin/env bash
# Series storage and drawing benchmark, no broker: bytes per stored point on the fixed
# telemetry mix (and points per GiB), then replot of 20 x 1,000,000 points still, panned and
# zoomed, against 20 x 100,000 in the same run.
#   tests/bench/series.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: series.sh BUILD_DIR}
bench="$build/tests/bench/bench_series"
[[ -x $bench ]] || { echo "series.sh: $bench not built" >&2; exit 1; }
"$bench" store
"$bench" replot
