#!/bin/sh
# The man page lists exactly the options that `kafkascope --help` prints.
# usage: check_manpage.sh <kafkascope-binary> <kafkascope.1>
set -eu
bin=$1
man=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Both sides become one line per option spelling with its value name: "-h", "--help",
# "--demo-rate n".
# --help lines look like "  -v, --version          Show ..." or "  --demo-rate <n>   ...".
"$bin" --help > "$tmp/help.txt"
grep -E '^ +-' "$tmp/help.txt" | sed -E 's/^ +//; s/  .*$//; s/[<>]//g; s/, /\n/g' \
  | tr -s ' ' | sort -u > "$tmp/help-options"

# In the man page, each option is the line after a .TP in the OPTIONS section:
# ".BR \-h ", " \-\-help" or ".BI \-\-demo\-rate " n"" or ".B \-\-demo".
awk '/^\.SH OPTIONS/{on=1; next} /^\.SH /{on=0} on && prev==".TP"{print} {prev=$0}' "$man" \
  | sed -E 's/\\-/-/g; s/^\.B[IR]? //; s/"//g; s/ *, */\n/g' \
  | tr -s ' ' | sed -E 's/^ //; s/ $//' | sort -u > "$tmp/man-options"

if [ ! -s "$tmp/help-options" ]; then
  echo "FAIL: found no options in '$bin --help'"; exit 1
fi
if ! diff -u "$tmp/help-options" "$tmp/man-options" > "$tmp/diff"; then
  echo "FAIL: the options of kafkascope --help (-) and of $man (+) differ:"
  cat "$tmp/diff"
  exit 1
fi
echo "OK: --help and the man page both list: $(paste -sd ';' "$tmp/help-options" | sed 's/;/; /g')"
