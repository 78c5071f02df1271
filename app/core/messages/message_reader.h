#pragma once
// Reads ranges of a topic on demand with its own consumer handle: no consumer group, no
// commits (explicit assignments), so browsing never moves anybody's offsets. Blocking:
// use it on a worker thread. One reader serves one thread at a time.

#include "profiles/connection_profile.h"
#include "kafka/kafka_handles.h"
#include "messages/kafka_message.h"
#include "kafka/partition_offsets.h"

#include <QList>
#include <QString>
#include <atomic>
#include <functional>

namespace kafkascope {

// Where browsing or a replay starts.
struct StartPosition
{
    enum Kind { Beginning, EndMinusN, Offset, Timestamp };
    Kind kind = Beginning;
    qint64 value = 0; // N, the offset, or ms since epoch
};

// A half-open offset range [start, end) of one partition, and why it may be shorter than asked.
struct PartitionRange
{
    int partition = 0;
    qint64 start = 0;
    qint64 end = 0;
    QString note; // e.g. "empty partition", "start clamped to the log start 1200"
    qint64 count() const { return end > start ? end - start : 0; }
    bool operator==(const PartitionRange &) const = default;
};

struct RangeLookup
{
    QList<PartitionRange> ranges; // same order as the partitions asked
    QString error;
    bool ok() const { return error.isEmpty(); }
};

class MessageReader
{
public:
    // Creates the consumer; check error() before use. `bulk` tunes it for draining long
    // ranges as fast as they arrive (rangeReaderConsumerProperties) rather than pages.
    explicit MessageReader(const ConnectionProfile &profile, bool bulk = false);
    ~MessageReader();
    MessageReader(const MessageReader &) = delete;
    MessageReader &operator=(const MessageReader &) = delete;

    const QString &error() const { return m_error; }
    rd_kafka_t *handle() const { return m_rk.get(); }
    // Whether stream() has each record's headers parsed ahead, off the sink's thread (on by
    // default: for readers that copy every record). A filter scan, which copies only its
    // matches, turns it off: librdkafka keeps nothing for a record without headers, so
    // asking costs two allocations per record, a sixth of the scan's consuming thread.
    void setHeadersAhead(bool parse) { m_headersAhead = parse; }

    // The ranges to browse from `start` up to the current end of each partition.
    RangeLookup resolve(const QString &topic, const QList<int> &partitions,
                        const StartPosition &start, int timeoutMs = 10000);
    // Per partition, the first offset stamped at or after `timestampMs` (see offsetsForTime).
    OffsetLookup offsetsAt(const QList<TopicPartition> &partitions, qint64 timestampMs, int timeoutMs = 10000);
    // Partition ids of `topic` (sorted), or an error naming why it has none.
    QList<int> partitionsOf(const QString &topic, QString *error, int timeoutMs = 10000);

    // The records of one partition with offsets in [from, to), at most maxCount of them.
    // Gaps (compaction, transaction markers) simply yield fewer records.
    QList<KafkaMessage> fetch(const QString &topic, int partition, qint64 from, qint64 to,
                              int maxCount, QString *error, int timeoutMs = 15000);

    // Streams every record of `ranges` to `sink` (in per-partition offset order, partitions
    // interleaved); `idle` runs after every poll. Stops when all ranges are read, sink returns false, or *cancel is set.
    // Returns false with *error on a broker/read failure.
    bool stream(const QString &topic, const QList<PartitionRange> &ranges,
                const std::function<bool(const rd_kafka_message_t *)> &sink,
                const std::atomic_bool *cancel, QString *error, int stallTimeoutMs = 30000,
                const std::function<void()> &idle = {});

private:
    ConnectionProfile m_profile;
    KafkaPtr m_rk;
    QueuePtr m_queue;
    QString m_error;
    bool m_headersAhead = true;
};

} // namespace kafkascope
