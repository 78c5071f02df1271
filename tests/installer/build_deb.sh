#!/bin/sh
# Builds the executable and the .deb of this build tree into <out-dir>.
# usage: build_deb.sh <build-dir> <out-dir>
set -eu
build=$1
out=$2
rm -rf "$out"
mkdir -p "$out"
cmake --build "$build" --target kafkascope kafkascope_desktop_files
# cpack prints its own progress; its log files land in <out-dir>/_CPack_Packages.
if ! cpack -G DEB -B "$out" --config "$build/CPackConfig.cmake" > "$out/cpack.log" 2>&1; then
  cat "$out/cpack.log"
  echo "FAIL: cpack -G DEB failed"
  exit 1
fi
deb=$(ls "$out"/*.deb)
echo "OK: built $deb ($(du -k "$deb" | cut -f1) KiB)"
