#include "throughput/offset_history.h"

#include <QMutexLocker>
#include <algorithm>
#include <limits>

namespace kafkascope {

namespace {
constexpr size_t kInitialRaw = 64; // raw buffers grow by doubling up to their limit
constexpr size_t kMinPartitionRaw = 32;
constexpr size_t kMinPartitionBuckets = 16;
} // namespace

size_t qHash(const SeriesKey &key, size_t seed)
{
    return qHashMulti(seed, int(key.metric), key.topic, key.partition);
}

QList<PartitionOffsetState> OffsetsSnapshot::topic(const QString &name) const
{
    QList<PartitionOffsetState> out;
    for (const PartitionOffsetState &p : partitions)
        if (p.topic == name)
            out.append(p);
    return out;
}

struct OffsetHistory::Series
{
    Series(size_t rawLimit, double bucketSeconds, size_t buckets)
        : raw(std::min(kInitialRaw, rawLimit)), buckets(bucketSeconds, buckets), rawLimit(rawLimit)
    {
    }
    TimeSeriesBuffer raw;
    BucketedSeries buckets;
    size_t rawLimit;
    double firstT = std::numeric_limits<double>::quiet_NaN(); // oldest sample ever appended
    quint64 round = 0; // the refresh that last gave it a value
};

OffsetHistory::OffsetHistory() : OffsetHistory(Limits{}) {}

OffsetHistory::OffsetHistory(const Limits &limits) : m_limits(limits) {}

OffsetHistory::~OffsetHistory() = default;

size_t OffsetHistory::partitionRawLimit() const
{
    const size_t perSeries = m_limits.partitionPointBudget / (3 * size_t(std::max(1, m_partitionCount)));
    const size_t ceiling = size_t(std::max(1.0, m_limits.rawSeconds)); // at most one point a second
    return std::clamp(perSeries, kMinPartitionRaw, std::max(kMinPartitionRaw, ceiling));
}

OffsetHistory::Series *OffsetHistory::seriesFor(const SeriesKey &key, bool aggregate)
{
    auto it = m_series.find(key);
    if (it != m_series.end())
        return it->get();
    size_t rawLimit = size_t(std::max(1.0, m_limits.rawSeconds));
    size_t buckets = m_limits.aggregateBuckets;
    if (!aggregate) {
        rawLimit = partitionRawLimit();
        buckets = std::clamp(rawLimit / 4, kMinPartitionBuckets, std::max(kMinPartitionBuckets, buckets));
    }
    auto series = std::make_shared<Series>(rawLimit, m_limits.bucketSeconds, buckets);
    Series *raw = series.get();
    m_series.insert(key, std::move(series));
    return raw;
}

void OffsetHistory::add(const SeriesKey &key, bool aggregate, double t, double v)
{
    Series *s = seriesFor(key, aggregate);
    if (s->raw.size() == s->raw.capacity() && s->raw.capacity() < s->rawLimit)
        s->raw.setCapacity(std::min(s->raw.capacity() * 2, s->rawLimit));
    if (std::isnan(s->firstT))
        s->firstT = t;
    s->raw.append(t, v);
    s->buckets.add(t, v);
    s->round = m_round;
}

void OffsetHistory::markGaps(double t)
{
    // A series that had a value and got none this refresh (its broker down, its leader
    // unknown, the topic's every partition failing) holds a NaN here: a gap in the line,
    // not a slope from the last value to the next. Buckets skip it; series() marks theirs.
    for (const auto &s : std::as_const(m_series))
        if (s->round != m_round && !s->raw.isEmpty() && !std::isnan(s->raw.at(s->raw.size() - 1).v)) {
            if (s->raw.size() == s->raw.capacity() && s->raw.capacity() < s->rawLimit)
                s->raw.setCapacity(std::min(s->raw.capacity() * 2, s->rawLimit));
            s->raw.append(t, std::numeric_limits<double>::quiet_NaN());
        }
}

void OffsetHistory::append(const OffsetsSnapshot &snapshot)
{
    QMutexLocker lock(&m_mutex);
    const double t = snapshot.t;
    ++m_round;
    if (snapshot.partitions.size() > m_partitionCount) {
        // More partitions share the budget: shrink the partition series' limits.
        m_partitionCount = int(snapshot.partitions.size());
        const size_t limit = partitionRawLimit();
        for (auto it = m_series.begin(); it != m_series.end(); ++it) {
            if (it.key().partition < 0 || it.value()->rawLimit <= limit)
                continue;
            it.value()->rawLimit = limit;
            if (it.value()->raw.capacity() > limit)
                it.value()->raw.setCapacity(limit);
        }
    }
    for (const PartitionOffsetState &p : snapshot.partitions) {
        if (!p.error.isEmpty())
            continue;
        add(SeriesKey::partitionSeries(OffsetMetric::Low, p.topic, p.partition), false, t, double(p.low));
        add(SeriesKey::partitionSeries(OffsetMetric::High, p.topic, p.partition), false, t, double(p.high));
        if (p.hasRate())
            add(SeriesKey::partitionSeries(OffsetMetric::Rate, p.topic, p.partition), false, t, p.rate);
    }
    for (auto it = snapshot.topicRates.cbegin(); it != snapshot.topicRates.cend(); ++it)
        add(SeriesKey::topicRate(it.key()), true, t, it.value());
    if (!std::isnan(snapshot.clusterRate))
        add(SeriesKey::cluster(), true, t, snapshot.clusterRate);
    markGaps(t);

    const double horizon = t - m_limits.rawSeconds;
    for (const auto &s : std::as_const(m_series))
        s->raw.trimBefore(horizon);
    m_latest = snapshot;
    m_sequence.fetch_add(1, std::memory_order_release);
}

void OffsetHistory::clear()
{
    QMutexLocker lock(&m_mutex);
    m_series.clear();
    m_latest = {};
    m_partitionCount = 0;
    m_sequence.fetch_add(1, std::memory_order_release);
}

OffsetsSnapshot OffsetHistory::latest() const
{
    QMutexLocker lock(&m_mutex);
    return m_latest;
}

void OffsetHistory::copySince(std::span<Cursor> cursors) const
{
    QMutexLocker lock(&m_mutex);
    for (Cursor &c : cursors) {
        const auto it = m_series.constFind(c.key);
        if (it != m_series.cend())
            c.next = it.value()->raw.copySince(c.next, c.points);
    }
}

std::vector<SeriesPoint> OffsetHistory::series(const SeriesKey &key, double from, quint64 *next) const
{
    std::vector<SeriesPoint> out;
    QMutexLocker lock(&m_mutex);
    const auto it = m_series.constFind(key);
    if (it == m_series.cend()) {
        if (next)
            *next = 0;
        return out;
    }
    const Series &s = *it.value();
    const double rawStart = s.raw.isEmpty() ? std::numeric_limits<double>::infinity() : s.raw.at(0).t;
    // Older than the raw samples: one point per bucket, at the bucket's middle (only once
    // raw samples were dropped; before that the raw buffer holds everything).
    const bool rawComplete = !s.raw.isEmpty() && s.raw.at(0).t <= s.firstT;
    if (!rawComplete) {
        const double width = s.buckets.bucketSeconds();
        double previousStart = -std::numeric_limits<double>::infinity();
        for (const BucketedSeries::Bucket &b : s.buckets.buckets()) {
            const double mid = b.start + width / 2;
            if (mid >= from && mid < rawStart) {
                // A missing bucket is a stretch without data: a gap, as in the raw samples.
                if (!out.empty() && b.start - previousStart > width * 1.5)
                    out.push_back({previousStart + width, std::numeric_limits<double>::quiet_NaN()});
                out.push_back({mid, b.mean()});
            }
            previousStart = b.start;
        }
    }
    s.raw.copyFrom(s.raw.lowerBound(from), out);
    if (next)
        *next = s.raw.endSequence();
    return out;
}

bool OffsetHistory::contains(const SeriesKey &key) const
{
    QMutexLocker lock(&m_mutex);
    return m_series.contains(key);
}

int OffsetHistory::seriesCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_series.size());
}

size_t OffsetHistory::rawCapacityOf(const SeriesKey &key) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_series.constFind(key);
    return it == m_series.cend() ? 0 : it.value()->rawLimit;
}

} // namespace kafkascope
