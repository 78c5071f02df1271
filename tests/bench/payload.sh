#!/usr/bin/env bash
# Opening a 10 MB message in the browser's detail pane: time to the first screen painted,
# offscreen, for a JSON and a binary value against a 1 KB one. No broker needed.
#   tests/bench/payload.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: payload.sh BUILD_DIR}
bench="$build/tests/bench/bench_payload"
[[ -x $bench ]] || { echo "payload.sh: $bench not built" >&2; exit 1; }
QT_QPA_PLATFORM=offscreen exec "$bench" "${KAFKASCOPE_BENCH_ROUNDS:-5}"
