#include "series/time_series.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>

namespace kafkascope {

namespace {

// The column [0, columns) that t falls in when [from, to] spans `columns` pixels (the same
// arithmetic as the chart's decimator, so both agree on column edges).
int columnOf(double t, double from, double to, int columns)
{
    if (!(to > from))
        return 0;
    const double x = std::floor((t - from) / (to - from) * columns);
    if (!(x > 0))
        return 0;
    return x >= columns - 1 ? columns - 1 : int(x);
}

bool samePoint(const SeriesPoint &a, const SeriesPoint &b)
{
    return std::bit_cast<quint64>(a.t) == std::bit_cast<quint64>(b.t)
        && std::bit_cast<quint64>(a.v) == std::bit_cast<quint64>(b.v);
}

// First, lowest, highest and last point of one pixel column.
class ColumnAccumulator
{
public:
    ColumnAccumulator(double from, double to, int columns, std::vector<SeriesPoint> &out)
        : m_from(from), m_to(to), m_columns(columns), m_out(out)
    {
    }
    // Points (or block summaries standing for their points) in time order.
    void add(const SeriesPoint &first, const SeriesPoint &low, const SeriesPoint &high, const SeriesPoint &last)
    {
        const int c = columnOf(first.t, m_from, m_to, m_columns);
        if (c != m_column) {
            flush();
            m_column = c;
            m_first = first;
            m_low = m_high = {0, std::nan("")};
        }
        if (!std::isnan(low.v) && (std::isnan(m_low.v) || low.v < m_low.v))
            m_low = low;
        if (!std::isnan(high.v) && (std::isnan(m_high.v) || high.v > m_high.v))
            m_high = high;
        m_last = last;
    }
    void add(const SeriesPoint &p) { add(p, p, p, p); }
    void flush()
    {
        if (m_column < 0)
            return;
        std::array<SeriesPoint, 4> keep{m_first, m_low, m_high, m_last};
        size_t n = 4;
        // A column of NaNs only has no extremes: keep its first and last.
        if (std::isnan(m_high.v)) {
            keep[1] = m_last;
            n = 2;
        }
        std::stable_sort(keep.begin(), keep.begin() + qsizetype(n),
                         [](const SeriesPoint &a, const SeriesPoint &b) { return a.t < b.t; });
        for (size_t i = 0; i < n; ++i)
            if (m_out.empty() || !samePoint(m_out.back(), keep[i]))
                m_out.push_back(keep[i]);
        m_column = -1;
    }

private:
    double m_from, m_to;
    int m_columns;
    std::vector<SeriesPoint> &m_out;
    int m_column = -1;
    SeriesPoint m_first{}, m_low{}, m_high{}, m_last{};
};

} // namespace

TimeSeriesBuffer::TimeSeriesBuffer(size_t capacity) : m_capacity(std::max<size_t>(capacity, 1)) {}

void TimeSeriesBuffer::append(double t, double v)
{
    if (m_size == m_capacity)
        dropFront(1);
    m_head.push_back({t, v});
    if (m_head.size() == kBlockPoints)
        seal();
    ++m_size;
    ++m_appended;
    m_last = {t, v};
}

void TimeSeriesBuffer::push(const SeriesPoint &p)
{
    m_head.push_back(p);
    if (m_head.size() == kBlockPoints)
        seal();
}

void TimeSeriesBuffer::insert(double t, double v)
{
    if (m_size == 0 || t >= m_last.t) {
        append(t, v);
        return;
    }
    const size_t pos = lowerBound(std::nextafter(t, std::numeric_limits<double>::infinity()));
    if (m_size == m_capacity && pos == 0)
        return; // older than every point a full buffer keeps: retention would drop it next
    // Late points land near the live edge (a partition fetched after another): take out the
    // points from the start of pos's block on and put them back with the late one in place.
    const size_t b = (pos + m_skip) / kBlockPoints;
    size_t from;
    std::vector<SeriesPoint> tail;
    if (b < m_blocks.size()) {
        from = b == 0 ? 0 : firstIndexOfBlock(b);
        copyFrom(from, tail);
        m_blocks.erase(m_blocks.begin() + qsizetype(b), m_blocks.end());
        m_head.clear();
        if (b == 0)
            m_skip = 0;
    } else {
        from = m_blocks.empty() ? 0 : firstIndexOfBlock(m_blocks.size());
        tail.assign(m_head.begin(), m_head.end());
        m_head.clear();
    }
    tail.insert(tail.begin() + qsizetype(pos - from), SeriesPoint{t, v});
    m_size = from + tail.size();
    for (const SeriesPoint &p : tail)
        push(p);
    if (m_size > m_capacity)
        dropFront(m_size - m_capacity);
    ++m_appended;
    ++m_rewrites;
}

void TimeSeriesBuffer::seal()
{
    m_blocks.push_back(SeriesBlock::encode(m_head));
    m_head.clear(); // keeps its capacity: the head refills at once on a live series
}

void TimeSeriesBuffer::dropFront(size_t count)
{
    count = std::min(count, m_size);
    m_size -= count;
    while (count > 0 && !m_blocks.empty()) {
        const size_t left = m_blocks.front().size() - m_skip;
        if (count < left) {
            m_skip += count;
            return;
        }
        count -= left;
        m_blocks.pop_front();
        m_skip = 0;
    }
    m_head.erase(m_head.begin(), m_head.begin() + qsizetype(count));
}

void TimeSeriesBuffer::trimBefore(double t)
{
    dropFront(lowerBound(t));
}

void TimeSeriesBuffer::setCapacity(size_t capacity)
{
    m_capacity = std::max<size_t>(capacity, 1);
    if (m_size > m_capacity)
        dropFront(m_size - m_capacity);
}

void TimeSeriesBuffer::clear()
{
    m_blocks.clear();
    m_head.clear();
    m_skip = 0;
    m_size = 0;
}

const SeriesPoint *TimeSeriesBuffer::decoded(size_t b) const
{
    // Per thread, so concurrent readers under a shared lock never share it.
    thread_local std::vector<SeriesPoint> scratch;
    scratch.resize(m_blocks[b].size());
    m_blocks[b].decode(scratch.data());
    return scratch.data();
}

SeriesPoint TimeSeriesBuffer::at(size_t i) const
{
    const size_t j = i + m_skip;
    const size_t b = j / kBlockPoints;
    if (b < m_blocks.size())
        return decoded(b)[j % kBlockPoints];
    return m_head[j - m_blocks.size() * kBlockPoints];
}

quint64 TimeSeriesBuffer::copySince(quint64 since, std::vector<SeriesPoint> &out) const
{
    const quint64 first = m_appended - m_size; // sequence of the oldest point held
    if (since < m_appended)
        copyFrom(size_t(std::max(since, first) - first), out);
    return m_appended;
}

void TimeSeriesBuffer::copyFrom(size_t from, std::vector<SeriesPoint> &out) const
{
    if (from >= m_size)
        return;
    out.reserve(out.size() + (m_size - from));
    size_t j = from + m_skip;
    for (size_t b = j / kBlockPoints; b < m_blocks.size(); ++b) {
        const SeriesPoint *p = decoded(b);
        out.insert(out.end(), p + j % kBlockPoints, p + m_blocks[b].size());
        j = (b + 1) * kBlockPoints;
    }
    const size_t inHead = j - m_blocks.size() * kBlockPoints;
    out.insert(out.end(), m_head.begin() + qsizetype(inHead), m_head.end());
}

size_t TimeSeriesBuffer::lowerBound(double time) const
{
    // The first block whose last time reaches `time`, then a search inside it.
    const auto block = std::partition_point(m_blocks.begin(), m_blocks.end(),
                                            [time](const SeriesBlock &b) { return b.last().t < time; });
    const size_t b = size_t(block - m_blocks.begin());
    const auto before = [](const SeriesPoint &p, double t) { return p.t < t; };
    if (b < m_blocks.size()) {
        const SeriesPoint *p = decoded(b);
        const size_t begin = b == 0 ? m_skip : 0;
        const size_t at = size_t(std::lower_bound(p + begin, p + m_blocks[b].size(), time, before) - p);
        return firstIndexOfBlock(b) + at;
    }
    const size_t headStart = m_blocks.empty() ? 0 : firstIndexOfBlock(m_blocks.size());
    return headStart + size_t(std::lower_bound(m_head.begin(), m_head.end(), time, before) - m_head.begin());
}

void TimeSeriesBuffer::summarise(double from, double to, int columns, std::vector<SeriesPoint> &out) const
{
    out.clear();
    if (m_size == 0 || columns <= 0)
        return;
    const size_t start = lowerBound(from);
    if (start > 0)
        out.push_back(at(start - 1)); // the line comes in from the left edge
    ColumnAccumulator acc(from, to, columns, out);
    bool done = false;
    // Feeds points [begin, end) of a run; stops at the first one past `to`.
    const auto feed = [&](const SeriesPoint *p, size_t begin, size_t end) {
        for (size_t i = begin; i < end && !done; ++i) {
            if (p[i].t > to) {
                acc.flush();
                out.push_back(p[i]); // and runs on to the right edge
                done = true;
            } else {
                acc.add(p[i]);
            }
        }
    };
    size_t j = start + m_skip;
    for (size_t b = j / kBlockPoints; b < m_blocks.size() && !done; ++b) {
        const SeriesBlock &block = m_blocks[b];
        const size_t begin = j % kBlockPoints;
        j = (b + 1) * kBlockPoints;
        const bool whole = begin == 0 && block.first().t >= from && block.last().t <= to;
        if (whole && columnOf(block.first().t, from, to, columns) == columnOf(block.last().t, from, to, columns)) {
            acc.add(block.first(), block.lowest(), block.highest(), block.last());
            continue;
        }
        feed(decoded(b), begin, block.size());
    }
    if (!done) {
        const size_t inHead = j - m_blocks.size() * kBlockPoints;
        feed(m_head.data(), inHead, m_head.size());
    }
    acc.flush();
}

size_t TimeSeriesBuffer::bytesUsed() const
{
    size_t bytes = m_head.capacity() * sizeof(SeriesPoint);
    for (const SeriesBlock &b : m_blocks)
        bytes += b.bytesUsed();
    return bytes;
}

TimeSeriesBuffer::Encoding TimeSeriesBuffer::encoding() const
{
    Encoding e;
    for (const SeriesBlock &b : m_blocks)
        ++(b.codec() == ValueCodec::Alp ? e.alpBlocks : e.gorillaBlocks);
    e.headPoints = m_head.size();
    return e;
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
