#pragma once
// The bounded store of what the offset poller saw: per topic/partition series of messages/s
// and of low/high watermarks, plus per-topic and whole-cluster rate series, and the latest
// per-partition snapshot for tables. Recent samples stay raw (ring buffers, default 1 h);
// older ones survive as 1-minute buckets for the "all" window. Per-partition history shares
// a point budget so 10,000 partitions stay within a few tens of MB. Thread-safe: the poller
// appends one batch under one lock; views read batches of series under one lock.
// A refresh that gives a series no value (broker down, leader unknown) stores NaN there:
// readers draw a gap, never a slope across the outage.

#include "series/time_series.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <atomic>
#include <cmath>
#include <memory>
#include <span>

namespace kafkascope {

struct PartitionOffsetState
{
    QString topic;
    int partition = 0;
    int leader = -1;
    qint64 low = -1;
    qint64 high = -1;
    double rate = std::nan(""); // messages/s over the last interval; NaN while unknown
    QString error;              // why there is no sample (leader unknown, broker error)
    bool restarted = false;     // watermarks went backwards: topic recreated, series restarted
    qint64 count() const { return (low >= 0 && high >= low) ? high - low : 0; }
    bool hasRate() const { return !std::isnan(rate); }
};

// One refresh of every partition's watermarks, as tables show it.
struct OffsetsSnapshot
{
    double t = 0;          // seconds since the epoch of the observation; 0 before the first
    quint64 sequence = 0;  // 1 for the first refresh, then +1 per refresh
    QList<PartitionOffsetState> partitions; // sorted by topic, then partition
    QHash<QString, double> topicRates;      // msg/s per topic that has a rate this round
    double clusterRate = std::nan("");
    int requests = 0;      // ListOffsets requests the refresh sent (2 rounds x leader brokers)
    double refreshMs = 0;  // wall time of the refresh
    int failedPartitions = 0;
    QString error;         // the whole refresh failed (request-level error)
    QList<PartitionOffsetState> topic(const QString &name) const;
};

enum class OffsetMetric { Rate, Low, High };

// topic empty: the whole cluster (Rate only); partition -1: the topic's total.
struct SeriesKey
{
    OffsetMetric metric = OffsetMetric::Rate;
    QString topic;
    int partition = -1;
    bool operator==(const SeriesKey &) const = default;
    static SeriesKey cluster() { return {}; }
    static SeriesKey topicRate(const QString &t) { return {OffsetMetric::Rate, t, -1}; }
    static SeriesKey partitionSeries(OffsetMetric m, const QString &t, int p) { return {m, t, p}; }
};
size_t qHash(const SeriesKey &key, size_t seed = 0);

class OffsetHistory
{
public:
    struct Limits
    {
        double rawSeconds = 3600;          // raw samples kept this long
        double bucketSeconds = 60;         // then one bucket per this many seconds
        size_t aggregateBuckets = 24 * 60; // cluster/topic series: a day of buckets
        size_t partitionPointBudget = 2'000'000; // raw points shared by all partition series
    };
    // A reader's position in one series: pass it again next frame to get only new points.
    struct Cursor
    {
        SeriesKey key;
        quint64 next = 0;
        std::vector<SeriesPoint> points; // filled by copySince (appended)
    };

    OffsetHistory();
    explicit OffsetHistory(const Limits &limits);
    ~OffsetHistory();

    // One refresh: stores the snapshot and appends every series (one lock).
    void append(const OffsetsSnapshot &snapshot);
    void clear();

    // Bumped on every append; cheap to poll without the lock.
    quint64 sequence() const { return m_sequence.load(std::memory_order_acquire); }
    OffsetsSnapshot latest() const;
    // New raw points of every cursor's series since its last visit (one lock).
    void copySince(std::span<Cursor> cursors) const;
    // Everything held for a series from `from` on: bucket means older than the raw samples,
    // then the raw samples. *next receives the cursor position for later copySince calls.
    std::vector<SeriesPoint> series(const SeriesKey &key, double from, quint64 *next = nullptr) const;
    bool contains(const SeriesKey &key) const;
    int seriesCount() const;
    size_t rawCapacityOf(const SeriesKey &key) const; // for tests of the budget
    const Limits &limits() const { return m_limits; }

private:
    struct Series;
    Series *seriesFor(const SeriesKey &key, bool aggregate);
    void add(const SeriesKey &key, bool aggregate, double t, double v);
    void markGaps(double t);
    size_t partitionRawLimit() const;

    Limits m_limits;
    mutable QMutex m_mutex;
    QHash<SeriesKey, std::shared_ptr<Series>> m_series;
    OffsetsSnapshot m_latest;
    int m_partitionCount = 0;
    std::atomic<quint64> m_sequence{0};
    quint64 m_round = 0; // refreshes appended, for telling which series got no value
};

} // namespace kafkascope
