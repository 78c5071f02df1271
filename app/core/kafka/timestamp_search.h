#pragma once
// "First offset at or after a time" for any cluster. Brokers answer it with ListOffsets; the
// embedded demo cluster (librdkafka's mock, still in 2.14) answers -1 to every time look-up, so
// there the offsets are found by binary search over the messages' own timestamps. Blocking:
// worker threads only.

#include "profiles/connection_profile.h"
#include "kafka/partition_offsets.h"

namespace kafkascope {

// Same contract as offsetsForTimestamp(): per partition, the first offset whose timestamp is
// >= timestampMs (in PartitionOffsets::low), or the high watermark when there is none.
OffsetLookup offsetsForTime(const ConnectionProfile &profile, rd_kafka_t *rk, const QList<TopicPartition> &partitions,
                            qint64 timestampMs, int timeoutMs);

// The binary search: about log2(messages) rounds, each reading one message per partition
// still open. Assumes timestamps grow with offsets (CreateTime from steady producers).
OffsetLookup searchOffsetsByTimestamp(const ConnectionProfile &profile, rd_kafka_t *rk,
                                      const QList<TopicPartition> &partitions, qint64 timestampMs, int timeoutMs);

} // namespace kafkascope
