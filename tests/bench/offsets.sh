#!/usr/bin/env bash
# Offsets benchmark: a real broker with 1,000 then 20,000 partitions (topics of 100
# partitions), watermarks of all of them read batched per leader vs one partition at a time;
# offsets_refresh_20k_ms is the batched refresh at 20,000.
#   tests/bench/offsets.sh BUILD_DIR
# Environment: KAFKASCOPE_BENCH_PARTITIONS (default "1000 20000"), KAFKASCOPE_BROKER_HEAP.
set -euo pipefail
build=$(cd "${1:?usage: offsets.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
bench="$build/tests/bench/bench_offsets"
[[ -x $bench ]] || { echo "offsets.sh: $bench not built" >&2; exit 1; }
broker="$root/tests/broker/kafka-broker.sh"
py=$(bash "$root/scripts/python-venv.sh") # confluent-kafka from PyPI

# Thousands of partitions mean thousands of log segments and index files held open.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
export KAFKASCOPE_BROKER_HEAP=${KAFKASCOPE_BROKER_HEAP:--Xms512m -Xmx2g}
dir=$(mktemp -d "${TMPDIR:-/tmp}/kafkascope-bench-offsets.XXXXXX")
cat >"$dir/extra.properties" <<'PROPS'
# Small segments and indexes: 10,000 partitions preallocate an index each.
log.segment.bytes=1048576
log.index.size.max.bytes=65536
PROPS
cleanup() { bash "$broker" stop "$dir" --wipe >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
bash "$broker" start "$dir" >/dev/null
bootstrap=$(cat "$dir/bootstrap")
echo "broker: $bootstrap (single KRaft node, heap $KAFKASCOPE_BROKER_HEAP, open files $(ulimit -n))"

# Creates topics bench.000.. up to `total` partitions (100 each) and waits for leaders.
create_up_to() {
    "$py" - "$bootstrap" "$1" <<'PY'
import sys, time
from confluent_kafka.admin import AdminClient, NewTopic
bootstrap, total = sys.argv[1], int(sys.argv[2])
admin = AdminClient({'bootstrap.servers': bootstrap})
want = ['bench.%03d' % i for i in range(total // 100)]
have = set(admin.list_topics(timeout=30).topics)
missing = [t for t in want if t not in have]
start = time.time()
for i in range(0, len(missing), 10):
    fs = admin.create_topics([NewTopic(t, 100, 1) for t in missing[i:i + 10]], operation_timeout=120)
    for t, f in fs.items():
        f.result(timeout=300)
deadline = time.time() + 600
while time.time() < deadline:
    md = admin.list_topics(timeout=60)
    ready = sum(1 for t in want if t in md.topics and md.topics[t].error is None
                and len(md.topics[t].partitions) == 100
                and all(p.leader >= 0 for p in md.topics[t].partitions.values()))
    if ready == len(want):
        break
    time.sleep(1)
else:
    sys.exit('only %d of %d topics ready' % (ready, len(want)))
print('created %d topics (%d partitions) in %.1f s' % (len(missing), len(missing) * 100, time.time() - start))
PY
}

last_ratio=""
for total in ${KAFKASCOPE_BENCH_PARTITIONS:-1000 20000}; do
    echo "== $total partitions"
    if ! create_up_to "$total"; then
        echo "could not create $total partitions on this machine (see $dir/broker.log)"
        break
    fi
    out=$("$bench" "$bootstrap" bench.)
    echo "$out" | grep -v '^offsets_requests_ratio:'
    ratio=$(echo "$out" | sed -n 's/^offsets_requests_ratio: //p')
    echo "offsets_requests_ratio_${total}: $ratio"
    refresh=$(echo "$out" | sed -n 's/^batched_refresh_ms: \([0-9.]*\).*/\1/p')
    echo "offsets_refresh_${total}_ms: $refresh"
    if (( total == 20000 )); then echo "offsets_refresh_20k_ms: $refresh"; fi
    last_ratio=$ratio
done
[[ -n $last_ratio ]] || exit 1
echo "offsets_requests_ratio: $last_ratio"
