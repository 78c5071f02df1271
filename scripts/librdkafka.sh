#!/usr/bin/env bash
# Provides a current librdkafka (>= 2.12: KIP-848 groups, SCRAM that Kafka 4 accepts, the modern
# admin API). Prints, as its last line, "system" when the system's librdkafka is new enough, or
# the install prefix of our own static build, which lives in a versioned cache outside the tree:
#   ${KAFKASCOPE_CACHE:-~/.cache/kafkascope}/librdkafka-VERSION/{include,lib}
#
# The source is Debian's own source package: a private, source-only apt list for the newest
# suite that carries >= 2.12 (mirror taken from this machine's apt sources; nothing is installed
# from that suite and the system's apt configuration is left alone). apt checks every file
# against the signed Sources index, and dpkg-source checks the .dsc checksums when unpacking.
#
# Environment:
#   KAFKASCOPE_LIBRDKAFKA_VERSION  the version wanted (default below); when the suites no longer
#                                  carry it, the newest >= 2.12 they carry is built instead
#   KAFKASCOPE_LIBRDKAFKA_TARBALL  a librdkafka source tarball (e.g. a GitHub release) to build
#                                  instead, on systems without Debian's source packages
#   KAFKASCOPE_LIBRDKAFKA_FORCE=1  ignore the system's librdkafka and use our build
set -euo pipefail

readonly WANTED_VERSION=${KAFKASCOPE_LIBRDKAFKA_VERSION:-2.14.2}
readonly MINIMUM_VERSION=2.12.0
readonly SUITES=(sid trixie-backports forky)
CACHE_ROOT=${KAFKASCOPE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kafkascope}

log() { printf 'librdkafka: %s\n' "$*" >&2; }
die() { printf 'librdkafka: error: %s\n' "$*" >&2; exit 1; }

version_at_least() { # version_at_least A B: A >= B
    [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" == "$2" ]]
}

# Our fixes to librdkafka's source (fix_source below); a cached build with fewer is rebuilt in
# place (same prefix, so the include path and the compiler cache stay valid).
readonly FIX_LEVEL=1
cache_prefix() { echo "$CACHE_ROOT/librdkafka-$1"; }
is_built() { grep -qx "fixes=$FIX_LEVEL" "$(cache_prefix "$1")/.complete" 2>/dev/null; }

# ------------------------------------------------------------------ the system's, if current
if [[ ${KAFKASCOPE_LIBRDKAFKA_FORCE:-0} != 1 ]] && command -v pkg-config >/dev/null \
    && pkg-config --exists "rdkafka >= $MINIMUM_VERSION" 2>/dev/null; then
    log "using the system's librdkafka $(pkg-config --modversion rdkafka)"
    echo system
    exit 0
fi

# ------------------------------------------------------------------ already built
if is_built "$WANTED_VERSION"; then
    log "using cached librdkafka $WANTED_VERSION"
    cache_prefix "$WANTED_VERSION"
    exit 0
fi

# ------------------------------------------------------------------ fetch the source
work=$(mktemp -d "${TMPDIR:-/tmp}/kafkascope-librdkafka.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The Debian mirror this machine already uses (deb822 or one-line format), security excluded.
debian_mirror() {
    local uri
    uri=$( { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{for (i = 2; i <= NF; i++) print $i}'
             grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
                 | sed -E 's/\[[^]]*\]//' | awk '{print $2}'; } \
           | grep -E '/debian/?$' | grep -v security | head -n1 || true)
    echo "${uri%/}"
}

# Prints "VERSION SUITE" of the source package to build, downloads nothing.
apt_private() { apt-get -q -o Dir::Etc::sourcelist="$work/sources.list" -o Dir::Etc::sourceparts=- \
    -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache" -o APT::Get::List-Cleanup=0 "$@"; }
apt_cache_private() { apt-cache -o Dir::Etc::sourcelist="$work/sources.list" -o Dir::Etc::sourceparts=- \
    -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache" "$@"; }

fetch_debian_source() {
    command -v apt-get >/dev/null && command -v dpkg-source >/dev/null \
        || die "no apt-get/dpkg-source here; set KAFKASCOPE_LIBRDKAFKA_TARBALL to a librdkafka >= $MINIMUM_VERSION source tarball"
    local mirror keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    mirror=$(debian_mirror)
    [[ -n $mirror ]] || die "no Debian mirror in the apt sources; set KAFKASCOPE_LIBRDKAFKA_TARBALL to a librdkafka source tarball"
    mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/src"
    : >"$work/sources.list"
    local suite
    for suite in "${SUITES[@]}"; do
        echo "deb-src [signed-by=$keyring] $mirror $suite main" >>"$work/sources.list"
    done
    log "reading the librdkafka source packages of ${SUITES[*]} from $mirror"
    apt_private update >"$work/update.log" 2>&1 || true  # a suite that does not exist is not fatal
    local versions best=""
    versions=$(apt_cache_private showsrc librdkafka 2>/dev/null | sed -n 's/^Version: //p' | sort -Vr -u)
    [[ -n $versions ]] || { cat "$work/update.log" >&2; die "no librdkafka source package found in ${SUITES[*]}"; }
    local v upstream
    for v in $versions; do
        upstream=${v%-*}; upstream=${upstream#*:}
        if [[ $upstream == "$WANTED_VERSION" ]]; then best=$v; break; fi
    done
    if [[ -z $best ]]; then
        best=$(head -n1 <<<"$versions")
        upstream=${best%-*}; upstream=${upstream#*:}
        version_at_least "$upstream" "$MINIMUM_VERSION" \
            || die "the newest librdkafka in ${SUITES[*]} is $upstream, older than $MINIMUM_VERSION"
        log "librdkafka $WANTED_VERSION is no longer in ${SUITES[*]}; building $upstream instead (the newest there)"
    fi
    log "downloading Debian's source package librdkafka $best"
    (cd "$work/src" && apt_private source --download-only "librdkafka=$best" >"$work/source.log" 2>&1) \
        || { cat "$work/source.log" >&2; die "apt-get source librdkafka=$best failed"; }
    (cd "$work/src" && dpkg-source --skip-patches -x ./*.dsc unpacked >"$work/unpack.log" 2>&1) \
        || { cat "$work/unpack.log" >&2; die "dpkg-source could not verify or unpack librdkafka $best"; }
    echo "$upstream" >"$work/version"
    mv "$work/src/unpacked" "$work/source"
}

fetch_tarball() {
    local tarball=$KAFKASCOPE_LIBRDKAFKA_TARBALL
    [[ -f $tarball ]] || die "KAFKASCOPE_LIBRDKAFKA_TARBALL: no such file: $tarball"
    mkdir -p "$work/source"
    tar -xf "$tarball" -C "$work/source" --strip-components=1
    local major minor patch
    major=$(sed -n 's/^#define RD_KAFKA_VERSION *0x\(..\).*/\1/p' "$work/source/src/rdkafka.h")
    minor=$(sed -n 's/^#define RD_KAFKA_VERSION *0x..\(..\).*/\1/p' "$work/source/src/rdkafka.h")
    patch=$(sed -n 's/^#define RD_KAFKA_VERSION *0x....\(..\).*/\1/p' "$work/source/src/rdkafka.h")
    [[ -n $major ]] || die "$tarball does not look like librdkafka's source (no src/rdkafka.h)"
    echo "$((16#$major)).$((16#$minor)).$((16#$patch))" >"$work/version"
    version_at_least "$(cat "$work/version")" "$MINIMUM_VERSION" \
        || die "$tarball holds librdkafka $(cat "$work/version"), older than $MINIMUM_VERSION"
}

if [[ -n ${KAFKASCOPE_LIBRDKAFKA_TARBALL:-} ]]; then fetch_tarball; else fetch_debian_source; fi
version=$(cat "$work/version")
if is_built "$version"; then
    log "using cached librdkafka $version"
    cache_prefix "$version"
    exit 0
fi

# ------------------------------------------------------------------ our fixes to the source
# librdkafka #5040, open in 2.14.2: when a group coordinator answers OffsetFetch with
# NOT_COORDINATOR (a broker restarting), the response handler asks the client's own consumer
# group to look for a new coordinator; an admin client (ListConsumerGroupOffsets on a producer
# handle, as the group monitor does) has none, and the process dies in rd_kafka_cgrp_op. The
# fix only skips that re-query when there is no consumer group. Skipped when the source already
# has it (a newer librdkafka).
fix_source() {
    local file="$work/source/src/rdkafka_request.c"
    local guard='if ((actions & RD_KAFKA_ERR_ACTION_REFRESH) && rkb->rkb_rk->rk_cgrp) {'
    local before after
    before=$(grep -c 'rd_kafka_cgrp_op(rkb->rkb_rk->rk_cgrp' "$file" || true)
    perl -0pi -e 's/if \(actions & RD_KAFKA_ERR_ACTION_REFRESH\) \{(\s*\/\* Re-query for coordinator \*\/\s*rd_kafka_cgrp_op\(rkb->rkb_rk->rk_cgrp,)/if ((actions & RD_KAFKA_ERR_ACTION_REFRESH) && rkb->rkb_rk->rk_cgrp) {$1/g' "$file"
    after=$(grep -cF "$guard" "$file" || true)
    if [[ $after -gt 0 ]]; then
        log "fixed librdkafka #5040 in $after place(s) (OffsetFetch on a client without a consumer group)"
    else
        log "librdkafka #5040: the code it fixes is not there ($before call(s) seen); nothing changed"
    fi
}
fix_source

# ------------------------------------------------------------------ build (static, PIC)
prefix=$(cache_prefix "$version")
log "building librdkafka $version into $prefix (once; about 90 s on 2 cores)"
start=$SECONDS
rm -rf "$prefix"
cmake -S "$work/source" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
    -DRDKAFKA_BUILD_STATIC=ON -DRDKAFKA_BUILD_EXAMPLES=OFF -DRDKAFKA_BUILD_TESTS=OFF \
    -DWITH_SSL=ON -DWITH_SASL=ON -DWITH_ZSTD=ON -DWITH_ZLIB=ON -DWITH_CURL=ON -DENABLE_LZ4_EXT=ON \
    >"$work/configure.log" 2>&1 || { cat "$work/configure.log" >&2; die "configuring librdkafka failed"; }
cmake --build "$work/build" -j "$(nproc)" >"$work/build.log" 2>&1 \
    || { tail -n 40 "$work/build.log" >&2; die "building librdkafka failed"; }
cmake --install "$work/build" >"$work/install.log" 2>&1 \
    || { cat "$work/install.log" >&2; die "installing librdkafka into $prefix failed"; }
# Only the C library is used; its static archive must exist under a stable name.
[[ -f $prefix/lib/librdkafka.a && -f $prefix/include/librdkafka/rdkafka.h ]] \
    || die "the build did not produce lib/librdkafka.a and include/librdkafka/rdkafka.h"
echo "fixes=$FIX_LEVEL" >"$prefix/.complete"
log "built librdkafka $version in $((SECONDS - start)) s"
echo "$prefix"
