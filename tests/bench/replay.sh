#!/usr/bin/env bash
# Replay benchmark on a real broker: starts a private broker, runs tests/bench/replay
# (1,000,000 records by default, KAFKASCOPE_BENCH_MESSAGES or COUNT), prints its figures and
# stops the broker.
#   tests/bench/replay.sh BUILD_DIR [COUNT]     (scripts/bench.sh replay passes the release build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:?usage: replay.sh BUILD_DIR [COUNT]}" && pwd)
count=${2:-${KAFKASCOPE_BENCH_MESSAGES:-1000000}}
bin="$build/tests/bench/replay"
[[ -x $bin ]] || { echo "replay.sh: $bin not built (scripts/bench.sh replay builds it)" >&2; exit 1; }
# The benchmark creates its topics with confluent-kafka (tests' own helper), from this venv.
export KAFKASCOPE_PYTHON=${KAFKASCOPE_PYTHON:-$(bash "$root/scripts/python-venv.sh")}
dir=$(mktemp -d /tmp/kafkascope-bench-replay.XXXXXX)
trap '"$root/tests/broker/kafka-broker.sh" stop "$dir" --wipe >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
"$root/tests/broker/kafka-broker.sh" start "$dir" >&2
"$bin" "$(cat "$dir/bootstrap")" "$count"
