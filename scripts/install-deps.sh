#!/usr/bin/env bash
# Installs the Debian bookworm packages Kafkascope needs to build, run and test.
# Idempotent: installs only what is missing, and says what it does.
set -euo pipefail

# Build and run.
BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache
  qt6-base-dev qt6-base-dev-tools libqt6svg6-dev libgl-dev
  libqcustomplot-dev libqcustomplot2.1-qt6 libsimdjson-dev qtkeychain-qt6-dev
  fonts-dejavu-core
  # scripts/librdkafka.sh: Debian's librdkafka source package, built static with SSL, SASL,
  # zstd, lz4, zlib and curl (bookworm's own librdkafka is 2.0.2, too old for Kafka 4).
  dpkg-dev libssl-dev libsasl2-dev libsasl2-modules libzstd-dev liblz4-dev zlib1g-dev
  libcurl4-openssl-dev
  # Decoding: protobuf runtime + compiler library (.proto files at run time), Avro C.
  libprotobuf-dev libprotoc-dev libavro-dev
)
# Tests: independent Kafka clients, a broker runtime, a display for screenshots, packaging checks.
TEST_PACKAGES=(
  kcat python3-venv python3-pip openjdk-17-jre-headless maven
  protobuf-compiler
  xvfb xauth
  # Device names and keys are often Korean or carry emoji: screenshots and GUI tests render them.
  fonts-noto-cjk fonts-noto-color-emoji
  # tst_alerts_gui: a private session bus for the desktop-notification test
  dbus-daemon
  lintian desktop-file-utils appstream file binutils
  clang libclang-rt-14-dev
)

want=("${BUILD_PACKAGES[@]}")
[[ "${1:-}" == "--run-only" ]] || want+=("${TEST_PACKAGES[@]}")

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#want[@]} Debian packages already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "install-deps: apt-get not found. Kafkascope builds on Debian bookworm; install these packages by hand:" >&2
  echo "  ${missing[*]}" >&2
  exit 1
fi
SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo; missing: ${missing[*]}" >&2; exit 1; }
  SUDO=(sudo)
fi
echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
