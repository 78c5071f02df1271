#!/usr/bin/env bash
# Replay benchmark on a real broker: starts a private broker, runs tests/bench/replay
# (1,000,000 records by default, or $1), prints its figures and stops the broker.
#   replay.sh [COUNT]     BUILD_DIR=build/dev by default
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$root/build/dev}
bin="$build/tests/bench/replay"
[[ -x $bin ]] || { echo "build the benchmarks first ($bin missing)" >&2; exit 1; }
dir=$(mktemp -d /tmp/kafkascope-bench-replay.XXXXXX)
trap '"$root/tests/broker/kafka-broker.sh" stop "$dir" --wipe >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
"$root/tests/broker/kafka-broker.sh" start "$dir" >&2
"$bin" "$(cat "$dir/bootstrap")" "${1:-1000000}"
