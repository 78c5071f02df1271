#!/bin/sh
# Checks the .deb that build_deb.sh made: lintian, the desktop entry and AppStream
# metadata it holds, its computed Depends, and that the unpacked binary starts.
# usage: check_deb.sh <out-dir of build_deb.sh>
set -u
out=$1
deb=$(ls "$out"/*.deb 2>/dev/null | head -n 1)
if [ -z "$deb" ]; then
  echo "FAIL: no .deb in $out (did installer_build_deb run?)"
  exit 1
fi
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "OK: $*"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
app_id=io.kafkascope.Kafkascope

# 0. The tools, each named with the Debian package that provides it.
for tool in lintian:lintian dpkg-deb:dpkg desktop-file-validate:desktop-file-utils \
            appstreamcli:appstream readelf:binutils; do
  if ! command -v "${tool%%:*}" > /dev/null; then
    echo "FAIL: ${tool%%:*} is missing (Debian package ${tool#*:}; scripts/install-deps.sh installs it)"
    exit 1
  fi
done

# 1. lintian: no errors (warnings and info are printed for the record).
lintian --allow-root --tag-display-limit 0 --display-info "$deb" > "$tmp/lintian.txt" 2>&1
lintian_status=$?
sed 's/^/  lintian: /' "$tmp/lintian.txt"
if [ "$lintian_status" -ne 0 ] || grep -q '^E: ' "$tmp/lintian.txt"; then
  fail "lintian reports errors on $(basename "$deb")"
else
  ok "lintian: no errors ($(grep -c '^W: ' "$tmp/lintian.txt") warnings, $(grep -c '^I: ' "$tmp/lintian.txt") info)"
fi

# 2. Unpack into a temporary root.
root=$tmp/root
dpkg-deb -x "$deb" "$root" || fail "dpkg-deb -x could not unpack $deb"
for f in usr/bin/kafkascope \
         usr/share/applications/$app_id.desktop \
         usr/share/metainfo/$app_id.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/$app_id.svg \
         usr/share/icons/hicolor/48x48/apps/$app_id.png \
         usr/share/icons/hicolor/256x256/apps/$app_id.png \
         usr/share/man/man1/kafkascope.1.gz \
         usr/share/doc/kafkascope/copyright; do
  [ -e "$root/$f" ] || fail "the package lacks /$f"
done

# 3. Desktop entry and AppStream metadata as shipped.
if desktop-file-validate "$root/usr/share/applications/$app_id.desktop" > "$tmp/dfv.txt" 2>&1; then
  ok "desktop-file-validate accepts $app_id.desktop"
else
  cat "$tmp/dfv.txt"; fail "desktop-file-validate rejects $app_id.desktop"
fi
if appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/$app_id.metainfo.xml" > "$tmp/as.txt" 2>&1; then
  ok "appstreamcli validate accepts $app_id.metainfo.xml"
else
  cat "$tmp/as.txt"; fail "appstreamcli validate rejects $app_id.metainfo.xml"
fi

# 4. Depends names the runtime libraries: the fixed core set, and the package owning
#    every shared library the binary links (NEEDED), as dpkg-shlibdeps should compute.
depends=$(dpkg-deb -f "$deb" Depends)
echo "  Depends: $depends"
has_dep() { case ", $depends," in *", $1 "*|*", $1,"*) return 0 ;; esac; return 1; }
for pkg in libqt6core6 libqt6gui6 libqt6widgets6 libqt6svg6 libqcustomplot2.1-qt6 \
           libqt6keychain1 libc6 libstdc++6; do
  has_dep "$pkg" || fail "Depends does not name $pkg"
done
# librdkafka is linked statically (bookworm's librdkafka1 is 2.0.2, too old for Kafka 4).
if readelf -d "$root/usr/bin/kafkascope" | grep -q 'NEEDED.*librdkafka'; then
  fail "the binary links a shared librdkafka; it must carry its own static one"
elif has_dep librdkafka1; then
  fail "Depends names librdkafka1, but librdkafka is linked statically"
else
  ok "librdkafka is linked statically (no librdkafka.so needed, no librdkafka1 in Depends)"
fi
# Device names and keys are often Korean or carry emoji: the package recommends the fonts.
recommends=$(dpkg-deb -f "$deb" Recommends)
echo "  Recommends: $recommends"
for pkg in fonts-noto-cjk fonts-noto-color-emoji; do
  case ", $recommends," in *", $pkg,"*|*", $pkg "*) ;; *) fail "Recommends does not name $pkg" ;; esac
done
before=$failures
for soname in $(readelf -d "$root/usr/bin/kafkascope" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  path=$(ldconfig -p | awk -v so="$soname" '$1 == so && /x86-64/ {print $NF; exit}')
  [ -n "$path" ] || path=$(ldconfig -p | awk -v so="$soname" '$1 == so {print $NF; exit}')
  # With merged /usr, dpkg may know the file under /lib or under /usr/lib.
  owner=""
  for candidate in "$path" "$(readlink -f "$path")" "${path#/usr}" "/usr${path#/usr}"; do
    owner=$(dpkg -S "$candidate" 2>/dev/null | head -n 1 | cut -d: -f1)
    [ -n "$owner" ] && break
  done
  if [ -z "$owner" ]; then
    fail "no installed package owns $soname, which the binary links"
  elif ! has_dep "$owner"; then
    fail "the binary links $soname (package $owner) but Depends does not name $owner"
  fi
done
[ "$failures" -eq "$before" ] && ok "Depends names the core runtime packages and the owner of every linked library"

# 5. The unpacked binary runs: --version, then the demo cluster offscreen for 4 s.
version=$("$root/usr/bin/kafkascope" --version 2>&1)
case "$version" in
  "kafkascope $(dpkg-deb -f "$deb" Version | sed 's/-[^-]*$//') (librdkafka 2."*) ok "--version prints \"$version\"" ;;
  *) fail "--version printed \"$version\"" ;;
esac
QT_QPA_PLATFORM=offscreen KAFKASCOPE_NO_KEYCHAIN=1 \
  "$root/usr/bin/kafkascope" --demo --settings "$tmp/settings.ini" --quit-after 4000 \
  > "$tmp/run.out" 2> "$tmp/run.err"
status=$?
if [ "$status" -ne 0 ]; then
  cat "$tmp/run.err"; fail "the demo run exited with status $status"
elif grep -qiE 'error|critical' "$tmp/run.err"; then
  cat "$tmp/run.err"; fail "the demo run wrote errors on stderr"
else
  ok "the unpacked binary ran the demo cluster for 4 s without error"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "All package checks passed."
