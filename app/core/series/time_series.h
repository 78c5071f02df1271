#pragma once
// A bounded time series held compressed: sealed blocks of 512 points (delta-of-delta
// timestamps, ALP or Gorilla values, see SeriesBlock) behind a small uncompressed head for
// the live edge, with a running sequence number so a reader can take just the points
// appended since its last visit. Drawing reads a per-pixel-column summary that uses each
// block's min/max without decoding it, so its cost follows pixels, not points. Times are
// expected in order (lowerBound, trimBefore and the summary rely on it); every point still
// decodes bit for bit if they are not. Not thread-safe by itself: the owner (a store) guards
// it with one lock per batch.

#include "series/series_block.h"
#include "series/series_point.h"

#include <QtGlobal>
#include <deque>
#include <vector>

namespace kafkascope {

class TimeSeriesBuffer
{
public:
    static constexpr size_t kBlockPoints = 512;

    explicit TimeSeriesBuffer(size_t capacity = 100000);

    void append(double t, double v);   // drops the oldest point when full
    // Places a point in time order (after equal times). A point older than the newest held
    // re-encodes the stretch after it and counts as a rewrite: readers read the series again.
    // In a full buffer the oldest point goes; a point older than all of them is not kept.
    void insert(double t, double v);
    void trimBefore(double t);         // time-based retention
    void setCapacity(size_t capacity); // keeps the newest points
    void clear();

    size_t size() const { return m_size; }
    size_t capacity() const { return m_capacity; }
    bool isEmpty() const { return m_size == 0; }
    // Point i, oldest first. Decodes one block when i is not in the head: loop with
    // copyFrom() instead.
    SeriesPoint at(size_t i) const;
    SeriesPoint last() const { return m_last; }

    // Sequence number of the next point to be appended; points carry seq = end - size .. end-1.
    quint64 endSequence() const { return m_appended; }
    // Changes whenever a point was inserted before the newest: sequences read before then
    // no longer match the points they named.
    quint64 rewrites() const { return m_rewrites; }
    // Appends to `out` the points with sequence >= since (those still held); returns the
    // sequence to pass next time. A reader that fell behind by more than the capacity
    // gets what is left and can tell (first sequence > since) that it missed points.
    quint64 copySince(quint64 since, std::vector<SeriesPoint> &out) const;
    // Appends the points from index `from` on, oldest first.
    void copyFrom(size_t from, std::vector<SeriesPoint> &out) const;
    // Index of the first point with t >= time (size() when none).
    size_t lowerBound(double time) const;

    // What a chart of `columns` pixels across [from, to] needs: per column the first, lowest,
    // highest and last point, in time order, plus the nearest point beyond each end so the
    // line runs on to the edges. A column covered by one block reads its summary only.
    void summarise(double from, double to, int columns, std::vector<SeriesPoint> &out) const;

    // Memory held beyond the object itself: blocks (with their summaries) and the head.
    size_t bytesUsed() const;
    // How the sealed blocks' values were encoded, and points still uncompressed.
    struct Encoding
    {
        size_t alpBlocks = 0, gorillaBlocks = 0, headPoints = 0;
    };
    Encoding encoding() const;

private:
    void seal();
    void push(const SeriesPoint &p); // into the head, sealing a full one; no bookkeeping
    void dropFront(size_t count);
    // The points of block b (all of them, including any already dropped from block 0).
    const SeriesPoint *decoded(size_t b) const;
    size_t firstIndexOfBlock(size_t b) const { return b * kBlockPoints - m_skip; }

    std::deque<SeriesBlock> m_blocks;
    std::vector<SeriesPoint> m_head;
    size_t m_skip = 0; // points of the first block already dropped
    size_t m_size = 0;
    size_t m_capacity;
    quint64 m_appended = 0;
    quint64 m_rewrites = 0;
    SeriesPoint m_last{};
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
