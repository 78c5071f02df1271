#!/usr/bin/env bash
# Topics panel model at 5,000 and 20,000 topics: snapshot apply, filter and sort times.
# No broker needed. Usage: tests/bench/topic_model.sh [build dir, default build/dev]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-${KAFKASCOPE_BUILD_DIR:-$here/build/dev}}"
exec "$build/tests/bench/bench_topic_model"
