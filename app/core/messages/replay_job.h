#pragma once
// Replays a range of a topic into a topic of the same or another cluster: reads with a
// group-less consumer, writes with an idempotent producer, paced as asked, and accounts for
// every record through the delivery reports so the final report says exactly what was and
// wasn't written, with the offset to resume each partition from without duplicates.
// Blocking: run it on a worker thread.

#include "profiles/connection_profile.h"
#include "messages/message_reader.h"

#include <QHash>
#include <QList>
#include <QString>
#include <atomic>
#include <functional>

namespace kafkascope {

// One end of a replay range.
struct ReplayBound
{
    enum Kind { Edge, Offset, Time }; // Edge: the log start (from) or the log end (to)
    Kind kind = Edge;
    qint64 value = 0; // offset (inclusive for "to") or ms since epoch (inclusive)
};

struct ReplayRequest
{
    ConnectionProfile source;
    QString sourceTopic;
    QList<PartitionRange> ranges; // [start, end) per source partition, see resolveReplayRanges
    ConnectionProfile target;
    QString targetTopic;
    bool keepPartition = true;   // else partition by key (murmur2, as Java clients)
    bool keepTimestamps = true;  // else the broker/producer stamps them now
    bool keepHeaders = true;
    enum Pace { Fastest, RateLimit, OriginalTiming };
    Pace pace = Fastest;
    double ratePerSecond = 1000;
    double speedFactor = 1; // original timing × this
    // Offsets already written by an earlier run past its first undelivered one (from its report).
    QHash<int, QList<qint64>> alreadyDelivered;
};

struct ReplayProgress
{
    qint64 total = 0;
    qint64 read = 0;
    qint64 sent = 0;
    qint64 acked = 0;
    qint64 failed = 0;
    double ratePerSecond = 0;
    double etaSeconds = -1;
};

struct ReplayPartitionReport
{
    int partition = 0;
    qint64 start = 0, end = 0; // the range asked, [start, end)
    qint64 read = 0, acked = 0, failed = 0;
    qint64 nextOffset = 0; // every offset below it was written (or skipped as already written)
    QList<qint64> deliveredBeyond; // written although an offset below them was not
    QList<qint64> failedOffsets;
    bool complete() const { return nextOffset >= end; }
};

struct ReplayReport
{
    qint64 total = 0, read = 0, sent = 0, acked = 0, failed = 0, skipped = 0;
    bool cancelled = false;
    QString error; // first failure or why the replay could not start
    QStringList notes; // clipped ranges, empty partitions
    QList<ReplayPartitionReport> partitions;
    qint64 elapsedMs = 0;
    bool complete() const;
    QString summary() const;
    // The request that continues `previous` where this report stopped, without duplicates.
    ReplayRequest resume(const ReplayRequest &previous) const;
};

// Turns from/to bounds into [start, end) ranges of each partition, naming bad input: a start
// past the end is an error; an end past the end is clipped (with a note); empty partitions
// get a note and an empty range.
RangeLookup resolveReplayRanges(MessageReader &reader, const QString &topic, const QList<int> &partitions,
                                const ReplayBound &from, const ReplayBound &to, int timeoutMs = 10000);

ReplayReport runReplay(const ReplayRequest &request,
                       const std::function<void(const ReplayProgress &)> &progress,
                       const std::atomic_bool &cancel);

// The replay job as the dialog starts it: resolves the bounds first when `resolve` (then
// `resolved` hears the request with its ranges), then runs. `cancel` is checked between the
// phases too, so a stop during the look-up never starts sending.
ReplayReport resolveAndReplay(ReplayRequest request, const QList<int> &partitions, const ReplayBound &from,
                              const ReplayBound &to, bool resolve,
                              const std::function<void(const ReplayRequest &)> &resolved,
                              const std::function<void(const ReplayProgress &)> &progress,
                              const std::atomic_bool &cancel);

} // namespace kafkascope
