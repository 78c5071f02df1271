#!/usr/bin/env bash
# One command from a fresh clone to every test run: installs the Debian packages, builds
# (warnings as errors), starts a real Kafka broker (ctest fixture, jars from Maven Central),
# runs unit, integration, GUI and installer tests, stops the broker; then builds the asan
# preset and runs the whole suite again under ASan + UBSan. Non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
total=$SECONDS
bash scripts/install-deps.sh
for tool in java mvn kcat; do
  command -v "$tool" >/dev/null || { echo "test: '$tool' is missing after install-deps" >&2; exit 1; }
done
bash scripts/build.sh ci
echo "test: running ctest (the broker fixture starts first; the first run fetches its jars with Maven)"
start=$SECONDS
cd build/ci
status=0
# A failed test runs once more (and is reported when it fails twice): on 2 cores, real brokers
# started beside the first tests have made an integration test's independent reader see a
# partition's high watermark at 0 once (tst_replay, 2026-12-02); each rerun is in the log.
ctest --output-on-failure --timeout 900 -j "${KAFKASCOPE_TEST_JOBS:-2}" --repeat until-pass:2 || status=$?
echo "test: ctest took $((SECONDS - start)) s"
cd ../..

# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer (the asan preset, a
# Debug build, so Qt's asserts fire too). Leaks are not checked: threads abandoned on purpose at
# quit (a broker that never answers) and Qt's own caches would drown real findings. Bounds on
# time are the ci run's job; under the sanitizer the tests widen them (kTimingSlack).
# KAFKASCOPE_SKIP_ASAN=1 skips this pass (for a quick local run; CI runs it).
if [[ ${KAFKASCOPE_SKIP_ASAN:-0} != 1 ]]; then
  bash scripts/build.sh asan
  echo "test: running ctest under ASan + UBSan"
  start=$SECONDS
  cd build/asan
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --output-on-failure --timeout 900 -j "${KAFKASCOPE_TEST_JOBS:-2}" --repeat until-pass:2 || status=$?
  echo "test: ctest under ASan took $((SECONDS - start)) s"
  cd ../..
fi
echo "test: everything took $((SECONDS - total)) s"
exit $status
