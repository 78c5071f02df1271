#pragma once
// One chart series' points at full resolution, oldest first, with a min/max summary of
// fixed-size blocks kept up to date on every change, so the extremes of any index range
// cost a few dozen reads however many points it spans. Plain C++, no Qt.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

class SeriesData
{
public:
    struct Point
    {
        double t = 0; // seconds since the epoch
        double v = 0;
    };
    // Indices of the lowest and the highest value in a range.
    struct Extremes
    {
        std::size_t minAt = 0, maxAt = 0;
    };

    std::size_t size() const { return m_points.size() - m_head; }
    bool empty() const { return size() == 0; }
    const Point &at(std::size_t i) const { return m_points[m_head + i]; } // 0 is the oldest
    const Point &first() const { return at(0); }
    const Point &last() const { return m_points.back(); }

    // Points come in time order; older ones are merged in place at a higher cost.
    void append(std::span<const double> t, std::span<const double> v);
    void assign(std::span<const double> t, std::span<const double> v);
    void clear();
    // Drops every point older than t.
    void trimBefore(double t);

    // First index whose time is >= t (lowerBound) or > t (upperBound); size() if none.
    std::size_t lowerBound(double t) const;
    std::size_t upperBound(double t) const;
    // Lowest and highest value among [from, to), NaNs skipped; nothing if all are NaN or the
    // range is empty.
    std::optional<Extremes> extremes(std::size_t from, std::size_t to) const;

    // Changes on every edit, so a cache of derived data can tell it is stale.
    std::uint64_t revision() const { return m_revision; }

private:
    // Summary level k holds one entry per aligned block of 16^(k+1) stored points.
    static constexpr int kFanOutBits = 4;
    static std::size_t blockSize(std::size_t level)
    {
        return std::size_t(1) << (kFanOutBits * (level + 1));
    }
    // The lowest and highest value of a run of stored points, and where they are. The values
    // are kept alongside so merging reads no points. A NaN never wins against a number.
    struct Block
    {
        double min, max;
        std::size_t minAt, maxAt;
        static Block of(std::size_t at, double v) { return {v, v, at, at}; }
        void merge(const Block &other);
    };
    void summarise(std::size_t fromStored);
    void rebuildSummary();

    // Trimming only moves m_head; the dead prefix is dropped once it is half of the storage.
    std::vector<Point> m_points;
    std::size_t m_head = 0;
    std::vector<std::vector<Block>> m_levels;
    std::uint64_t m_revision = 0;
};
