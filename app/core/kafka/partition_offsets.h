#pragma once
// Batched offset look-ups over many partitions: low/high watermarks and "first offset at or
// after a timestamp", through the ListOffsets admin call, which groups the partitions by leader
// and sends one request per leader broker: N partitions cost O(brokers) requests, not O(N).
// Blocking: worker threads only.

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

// Low and high watermarks of every partition (earliest and latest asked at the same time).
OffsetLookup queryWatermarks(rd_kafka_t *rk, const QList<TopicPartition> &partitions, int timeoutMs);

// Per partition, the first offset whose timestamp is >= timestampMs, or the high watermark
// when no such message exists (result in PartitionOffsets::low; high left -1).
OffsetLookup offsetsForTimestamp(rd_kafka_t *rk, const QList<TopicPartition> &partitions,
                                 qint64 timestampMs, int timeoutMs);

} // namespace kafkascope
