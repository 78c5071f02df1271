#!/usr/bin/env bash
# Smoke test of the broker fixture: create a 3-partition topic, produce 10
# messages with kcat, read them back, delete the topic.
# Needs KAFKASCOPE_BROKER_DIR (set by kafkascope_requires_broker) or DIR as $1.
set -euo pipefail

readonly MESSAGES=10
readonly PARTITIONS=3

log() { printf '[check_broker] %s\n' "$*"; }
fail() { printf '[check_broker] FAIL: %s\n' "$*" >&2; exit 1; }

find_python_with_kafka() { # Debian's confluent_kafka lives in /usr/bin/python3
    local py
    for py in ${KAFKASCOPE_PYTHON:-} python3 /usr/bin/python3; do
        if command -v "$py" >/dev/null 2>&1 &&
            "$py" -c 'import confluent_kafka' >/dev/null 2>&1; then
            echo "$py"; return 0
        fi
    done
    fail "no python3 with confluent_kafka (apt-get install python3-confluent-kafka)"
}

admin() { # admin create|delete BOOTSTRAP TOPIC
    "$PYTHON" - "$@" "$PARTITIONS" <<'EOF'
import sys, time
from confluent_kafka.admin import AdminClient, NewTopic

action, bootstrap, topic, partitions = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
admin = AdminClient({"bootstrap.servers": bootstrap})
if action == "create":
    admin.create_topics([NewTopic(topic, partitions, 1)])[topic].result(30)
    # Wait until metadata shows every partition with a leader, so the
    # producer never sees an unknown topic.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        meta = admin.list_topics(topic, timeout=5).topics.get(topic)
        if meta and not meta.error and len(meta.partitions) == partitions and \
                all(p.leader >= 0 for p in meta.partitions.values()):
            break
        time.sleep(0.2)
    else:
        sys.exit("topic %s has no leaders for its %d partitions" % (topic, partitions))
else:
    admin.delete_topics([topic], operation_timeout=30)[topic].result(30)
EOF
}

main() {
    local dir=${1:-${KAFKASCOPE_BROKER_DIR:-}}
    [[ -n $dir ]] || fail "set KAFKASCOPE_BROKER_DIR or pass the broker dir"
    [[ -s $dir/bootstrap ]] || fail "$dir/bootstrap missing: is the broker started?"
    command -v kcat >/dev/null || fail "kcat not found (apt-get install kcat)"
    PYTHON=$(find_python_with_kafka)

    # Globals: the EXIT trap below needs them after main's scope is gone.
    BOOTSTRAP=$(cat "$dir/bootstrap")
    TOPIC="smoke.$(date +%s).$RANDOM"
    local bootstrap=$BOOTSTRAP topic=$TOPIC

    kcat -L -b "$bootstrap" -m 5 2>/dev/null | grep -q '^ *1 brokers:' ||
        fail "no broker answers at $bootstrap (see $dir/broker.log)"

    log "creating $topic ($PARTITIONS partitions) on $bootstrap"
    admin create "$bootstrap" "$topic" || fail "could not create $topic"
    trap 'admin delete "$BOOTSTRAP" "$TOPIC" >/dev/null 2>&1 || true' EXIT

    log "producing $MESSAGES messages"
    seq 1 "$MESSAGES" | sed 's/^/message-/' |
        kcat -P -b "$bootstrap" -t "$topic" || fail "kcat produce failed"

    log "consuming from the beginning"
    local consumed count
    consumed=$(kcat -C -b "$bootstrap" -t "$topic" -o beginning -e -q -f '%s\n') ||
        fail "kcat consume failed"
    count=$(grep -c '^message-' <<<"$consumed" || true)
    [[ $count -eq $MESSAGES ]] || fail "expected $MESSAGES messages in $topic, got $count"

    local used
    used=$(kcat -C -b "$bootstrap" -t "$topic" -o beginning -e -q -f '%p\n' | sort -u | wc -l)
    log "read back $count messages from $used of $PARTITIONS partitions"

    trap - EXIT
    log "deleting $topic"
    admin delete "$bootstrap" "$topic" || fail "could not delete $topic"
    log "OK"
}

main "$@"
