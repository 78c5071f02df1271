#!/usr/bin/env bash
# Topics panel model at 5,000 and 100,000 topics: snapshot apply, filter and sort times.
# No broker needed.
#   tests/bench/topic_model.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: topic_model.sh BUILD_DIR}
bench="$build/tests/bench/bench_topic_model"
[[ -x $bench ]] || { echo "topic_model.sh: $bench not built" >&2; exit 1; }
exec "$bench"
