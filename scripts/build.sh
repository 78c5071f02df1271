#!/usr/bin/env bash
# Configures and builds one CMake preset (default: release). Used by the other scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
target="${2:-all}"
if command -v ccache >/dev/null; then export KAFKASCOPE_CCACHE=ccache; fi
echo "build: configuring preset '$preset'"
cmake --preset "$preset" >/dev/null
echo "build: building '$target' ($(nproc) jobs)"
start=$SECONDS
cmake --build --preset "$preset" --target "$target" -j "$(nproc)"
echo "build: done in $((SECONDS - start)) s"
