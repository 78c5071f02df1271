#pragma once
// Batched offset look-ups over many partitions: low/high watermarks and "first offset at or
// after a timestamp". librdkafka 2.0.2 has no ListOffsets admin call; rd_kafka_offsets_for_times
// groups the partitions by leader and sends one ListOffsets request per leader broker, so a
// look-up over N partitions costs O(brokers) requests, not O(N). Blocking: worker threads only.

#include "kafka/kafka_handles.h"

#include <QList>
#include <QString>

namespace kafkascope {

struct TopicPartition
{
    QString topic;
    int partition = 0;
    bool operator==(const TopicPartition &) const = default;
};

struct PartitionOffsets
{
    QString topic;
    int partition = 0;
    qint64 low = -1;  // earliest offset still held (log start)
    qint64 high = -1; // next offset to be written (log end)
    QString error;    // per-partition failure (e.g. leader unknown); offsets then -1
    qint64 count() const { return (low >= 0 && high >= low) ? high - low : 0; }
};

struct OffsetLookup
{
    bool ok = false;
    QString error; // request-level failure
    QList<PartitionOffsets> partitions; // same order as asked
};

// Low and high watermarks of every partition in two batched rounds.
OffsetLookup queryWatermarks(rd_kafka_t *rk, const QList<TopicPartition> &partitions, int timeoutMs);

// Per partition, the first offset whose timestamp is >= timestampMs, or the high watermark
// when no such message exists (result in PartitionOffsets::low; high left -1).
OffsetLookup offsetsForTimestamp(rd_kafka_t *rk, const QList<TopicPartition> &partitions,
                                 qint64 timestampMs, int timeoutMs);

} // namespace kafkascope
