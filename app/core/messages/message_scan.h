#pragma once
// The browser's filter scan: reads ranges of a topic through a MessageMatcher and keeps the
// matching records. The partitions are shared out between a few consumers, each with its own
// connection and thread, because librdkafka parses every fetched record on one thread per
// broker connection, and that thread is what a scan with one consumer waits on. Blocking:
// run it as a job.

#include "decoding/decoder_choice.h"
#include "messages/message_filter.h"
#include "messages/message_reader.h"

#include <atomic>
#include <functional>

namespace kafkascope {

struct ScanResult
{
    QList<KafkaMessage> matches; // by partition, then offset
    qint64 scanned = 0;
    bool truncated = false; // more than maxMatches matched; the scan stopped there
    QString error;
    QString decodeNote;     // how many records could not be decoded and why
};

class MessageScan
{
public:
    using Progress = std::function<void(qint64 scanned, qint64 total, qint64 matched)>;

    // Scans `ranges` with up to `readers` consumers (0: one per core, at most 4), reporting
    // progress about 10 times a second on the calling thread, and stops soon after *cancel is
    // set.
    static ScanResult run(const ConnectionProfile &profile, const TopicDecoding &decoding, const QString &topic,
                          const QList<PartitionRange> &ranges, const MessageFilter &filter, int maxMatches,
                          const std::atomic_bool *cancel, const Progress &progress, int readers = 0);

    // `ranges` without the empty ones, dealt into at most `parts` groups of about as many
    // records each.
    static QList<QList<PartitionRange>> split(const QList<PartitionRange> &ranges, int parts);
};

} // namespace kafkascope
