#!/usr/bin/env bash
# Alert rounds at 1,000 rules over 200 groups and 10,000 partitions (target < 5 ms every round,
# storm rounds included; judged on the thread's CPU time, the wall clock printed beside it).
# No broker needed. Usage: tests/bench/alerts.sh [build dir, default build/dev]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-${KAFKASCOPE_BUILD_DIR:-$here/build/dev}}"
exec "$build/tests/bench/bench_alerts"
