#!/usr/bin/env bash
# Runs one on-demand benchmark (they are never part of the test command):
#   scripts/bench.sh offsets|ingest|replay
# Each prints its figures and a ratio against kcat measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:-}"
available=$(cd tests/bench && ls ./*.sh 2>/dev/null | sed 's|^\./||; s|\.sh$||' | tr '\n' ' ')
if [[ -z "$name" || ! -f "tests/bench/$name.sh" ]]; then
  echo "usage: scripts/bench.sh NAME   (available: ${available:-none})" >&2
  exit 2
fi
bash scripts/install-deps.sh
bash scripts/build.sh release
exec bash "tests/bench/$name.sh" "$PWD/build/release"
