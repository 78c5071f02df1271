#!/usr/bin/env bash
# The Python that tests use as an independent Kafka client: a venv of Debian's python3 with
# confluent-kafka from PyPI with its Avro/Protobuf/JSON Schema/Schema Registry extras (its wheel carries a current librdkafka, so it speaks SCRAM and
# KIP-848 to Kafka 4, which Debian's python3-confluent-kafka on librdkafka 2.0.2 does not).
# Prints the venv's python as its last line; reuses the venv when its requirements match.
#
#   KAFKASCOPE_CACHE   cache root (default ${XDG_CACHE_HOME:-~/.cache}/kafkascope)
set -euo pipefail

readonly REQUIREMENTS=("confluent-kafka[avro,json,protobuf,schemaregistry]==2.16.1")
CACHE_ROOT=${KAFKASCOPE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kafkascope}
venv="$CACHE_ROOT/venv"
stamp="$venv/.requirements"
wanted="${REQUIREMENTS[*]}"

log() { printf 'python-venv: %s\n' "$*" >&2; }

if [[ -x $venv/bin/python3 && -f $stamp && $(cat "$stamp") == "$wanted" ]]; then
    echo "$venv/bin/python3"
    exit 0
fi
log "creating $venv with $wanted"
rm -rf "$venv"
mkdir -p "$CACHE_ROOT"
# Debian's interpreter, never an ambient one (pyenv shims and the like).
/usr/bin/python3 -m venv "$venv" >&2
"$venv/bin/python3" -m pip install -q --disable-pip-version-check "${REQUIREMENTS[@]}" >&2
"$venv/bin/python3" -c 'import confluent_kafka; print("python-venv: confluent-kafka", confluent_kafka.__version__, "on librdkafka", confluent_kafka.libversion()[0])' >&2
echo "$wanted" >"$stamp"
echo "$venv/bin/python3"
