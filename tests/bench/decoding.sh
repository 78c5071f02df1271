#!/usr/bin/env bash
# Decode throughput: registry-framed Avro and Protobuf vs JSON on the same readings, decode
# alone and through the telemetry decoder. No broker needed.
#   tests/bench/decoding.sh [BUILD_DIR] [RECORDS]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-${KAFKASCOPE_BUILD_DIR:-$here/build/release}}"
exec "$build/tests/bench/bench_decoding" "${2:-200000}"
