#!/usr/bin/env bash
# One command from a fresh clone to Kafkascope running on its embedded demo cluster:
# installs the Debian packages, builds (release), launches. Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --run-only
bash scripts/build.sh release kafkascope
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
  echo "run-demo: no display found (DISPLAY/WAYLAND_DISPLAY unset). Run it inside a desktop session," >&2
  echo "  or under Xvfb: xvfb-run -s '-screen 0 1600x1000x24' scripts/run-demo.sh" >&2
  exit 1
fi
echo "run-demo: starting Kafkascope on the embedded demo cluster"
exec build/release/app/kafkascope --demo "$@"
