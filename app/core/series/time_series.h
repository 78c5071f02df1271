#pragma once
// A bounded time series: a ring buffer of (time, value) points with a running sequence
// number, so a reader can take just the points appended since its last visit instead of
// copying the whole history every frame. Not thread-safe by itself: the owner (a store)
// guards it with one lock per batch.

#include <QtGlobal>
#include <vector>

namespace kafkascope {

struct SeriesPoint
{
    double t; // seconds since the epoch (QCustomPlot's time axis unit)
    double v;
};

class TimeSeriesBuffer
{
public:
    explicit TimeSeriesBuffer(size_t capacity = 100000);

    void append(double t, double v);        // drops the oldest point when full
    void trimBefore(double t);              // time-based retention
    void setCapacity(size_t capacity);      // keeps the newest points
    void clear();

    size_t size() const { return m_size; }
    size_t capacity() const { return m_points.size(); }
    bool isEmpty() const { return m_size == 0; }
    const SeriesPoint &at(size_t i) const { return m_points[wrap(m_head + i)]; }
    const SeriesPoint &last() const { return at(m_size - 1); }

    // Sequence number of the next point to be appended; points carry seq = end - size .. end-1.
    quint64 endSequence() const { return m_appended; }
    // Appends to `out` the points with sequence >= since (those still held); returns the
    // sequence to pass next time. A reader that fell behind by more than the capacity
    // gets what is left and can tell (first sequence > since) that it missed points.
    quint64 copySince(quint64 since, std::vector<SeriesPoint> &out) const;
    // Index of the first point with t >= time (size() when none).
    size_t lowerBound(double time) const;
    size_t bytesUsed() const { return m_points.capacity() * sizeof(SeriesPoint); }

private:
    // An index less than twice the capacity, folded into the ring (cheaper than a modulo
    // on the append path).
    size_t wrap(size_t i) const { return i >= m_points.size() ? i - m_points.size() : i; }

    std::vector<SeriesPoint> m_points;
    size_t m_head = 0; // index of the oldest point
    size_t m_size = 0;
    quint64 m_appended = 0;
};

// Fixed-width time buckets (min, max, mean, last) over a series: the coarser resolution kept
// for long windows, so "all" and "1 h" views stay cheap.
class BucketedSeries
{
public:
    struct Bucket
    {
        double start;
        double min, max, sum, last;
        quint32 count;
        double mean() const { return count ? sum / count : 0.0; }
    };
    BucketedSeries(double bucketSeconds, size_t capacity);
    void add(double t, double v);
    double bucketSeconds() const { return m_width; }
    const std::vector<Bucket> &buckets() const { return m_buckets; } // oldest first
    void clear() { m_buckets.clear(); }

private:
    double m_width;
    size_t m_capacity;
    std::vector<Bucket> m_buckets;
};

} // namespace kafkascope
