#!/usr/bin/env bash
# Builds the telemetry decoder fuzzer with clang (libFuzzer + ASan + UBSan) in WORK_DIR and
# runs it for SECONDS from the seed corpus (fixed seed: the same paths on every run; explore
# longer by hand with the binary in WORK_DIR/build). Exit 0 when no crash was found.
#   run_fuzz.sh CLANGXX WORK_DIR [SECONDS]
set -euo pipefail
clangxx=${1:?usage: run_fuzz.sh CLANGXX WORK_DIR [SECONDS]}
work=${2:?usage: run_fuzz.sh CLANGXX WORK_DIR [SECONDS]}
seconds=${3:-20}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
cmake -S "$here/project" -B "$work/build" -G Ninja -DCMAKE_CXX_COMPILER="$clangxx" -DCMAKE_BUILD_TYPE=Debug >"$work/configure.log" 2>&1 \
  || { cat "$work/configure.log"; exit 1; }
cmake --build "$work/build" >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; exit 1; }
# A scratch corpus: the fuzzer adds what it finds there, never in the source tree.
rm -rf "$work/corpus" && mkdir -p "$work/corpus" && cp "$here"/corpus/* "$work/corpus/"
cd "$work"
"$work/build/fuzz_telemetry_decoder" -seed=1 -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 "$work/corpus"
