#include "series/time_series.h"

#include <algorithm>
#include <cmath>

namespace kafkascope {

TimeSeriesBuffer::TimeSeriesBuffer(size_t capacity) : m_points(std::max<size_t>(capacity, 1)) {}

void TimeSeriesBuffer::append(double t, double v)
{
    if (m_size < m_points.size()) {
        m_points[wrap(m_head + m_size)] = {t, v};
        ++m_size;
    } else {
        m_points[m_head] = {t, v};
        m_head = wrap(m_head + 1);
    }
    ++m_appended;
}

void TimeSeriesBuffer::trimBefore(double t)
{
    const size_t drop = lowerBound(t);
    m_head = wrap(m_head + drop);
    m_size -= drop;
}

void TimeSeriesBuffer::setCapacity(size_t capacity)
{
    capacity = std::max<size_t>(capacity, 1);
    const size_t keep = std::min(m_size, capacity);
    // The newest `keep` points, oldest first: at most two stretches of the ring.
    const size_t first = wrap(m_head + (m_size - keep));
    const size_t run = std::min(keep, m_points.size() - first);
    std::vector<SeriesPoint> next;
    next.reserve(capacity);
    next.insert(next.end(), m_points.begin() + qsizetype(first), m_points.begin() + qsizetype(first + run));
    next.insert(next.end(), m_points.begin(), m_points.begin() + qsizetype(keep - run));
    next.resize(capacity);
    m_points.swap(next);
    m_head = 0;
    m_size = keep;
}

void TimeSeriesBuffer::clear()
{
    m_head = 0;
    m_size = 0;
}

quint64 TimeSeriesBuffer::copySince(quint64 since, std::vector<SeriesPoint> &out) const
{
    const quint64 first = m_appended - m_size; // sequence of the oldest point held
    const quint64 from = std::max(since, first);
    for (quint64 seq = from; seq < m_appended; ++seq)
        out.push_back(at(size_t(seq - first)));
    return m_appended;
}

size_t TimeSeriesBuffer::lowerBound(double time) const
{
    size_t lo = 0, hi = m_size;
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (at(mid).t < time)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

BucketedSeries::BucketedSeries(double bucketSeconds, size_t capacity)
    : m_width(bucketSeconds), m_capacity(std::max<size_t>(capacity, 1))
{
}

void BucketedSeries::add(double t, double v)
{
    const double start = std::floor(t / m_width) * m_width;
    if (!m_buckets.empty() && m_buckets.back().start == start) {
        Bucket &b = m_buckets.back();
        b.min = std::min(b.min, v);
        b.max = std::max(b.max, v);
        b.sum += v;
        b.last = v;
        ++b.count;
        return;
    }
    if (!m_buckets.empty() && start < m_buckets.back().start)
        return; // out of order: the raw buffer still has it, the coarse view skips it
    if (m_buckets.size() == m_capacity)
        m_buckets.erase(m_buckets.begin()); // once per bucket width, not per point
    m_buckets.push_back({start, v, v, v, v, 1});
}

} // namespace kafkascope
