#include "series_data.h"

#include <algorithm>
#include <cmath>

namespace {
// Dead points kept before the storage is compacted: trimming a few points per frame must
// not move the whole series each time.
constexpr std::size_t kCompactAfter = 4096;

bool earlier(const SeriesData::Point &a, const SeriesData::Point &b)
{
    return a.t < b.t;
}
} // namespace

void SeriesData::append(std::span<const double> t, std::span<const double> v)
{
    const std::size_t n = std::min(t.size(), v.size());
    if (n == 0)
        return;
    const std::size_t oldEnd = m_points.size();
    for (std::size_t i = 0; i < n; ++i)
        m_points.push_back({t[i], v[i]});
    ++m_revision;
    const auto begin = m_points.begin();
    const bool batchInOrder =
        std::is_sorted(begin + std::ptrdiff_t(oldEnd), m_points.end(), earlier);
    if (batchInOrder && (oldEnd == m_head || m_points[oldEnd - 1].t <= t[0])) {
        summarise(oldEnd);
        return;
    }
    // Late points (QCustomPlot merged them in too): a stable merge keeps equal times in
    // arrival order. Rare, so the summary is simply rebuilt.
    if (!batchInOrder)
        std::stable_sort(begin + std::ptrdiff_t(oldEnd), m_points.end(), earlier);
    std::inplace_merge(begin + std::ptrdiff_t(m_head), begin + std::ptrdiff_t(oldEnd),
                       m_points.end(), earlier);
    rebuildSummary();
}

void SeriesData::assign(std::span<const double> t, std::span<const double> v)
{
    clear();
    append(t, v);
}

void SeriesData::clear()
{
    m_points.clear();
    m_head = 0;
    m_levels.clear();
    ++m_revision;
}

void SeriesData::trimBefore(double t)
{
    const std::size_t drop = lowerBound(t);
    if (drop == 0)
        return;
    m_head += drop;
    ++m_revision;
    if (m_head == m_points.size()) {
        clear();
    } else if (m_head >= kCompactAfter && m_head * 2 >= m_points.size()) {
        m_points.erase(m_points.begin(), m_points.begin() + std::ptrdiff_t(m_head));
        m_head = 0;
        rebuildSummary();
    }
}

std::size_t SeriesData::lowerBound(double t) const
{
    const auto it = std::partition_point(m_points.begin() + std::ptrdiff_t(m_head), m_points.end(),
                                         [t](const Point &p) { return p.t < t; });
    return std::size_t(it - m_points.begin()) - m_head;
}

std::size_t SeriesData::upperBound(double t) const
{
    const auto it = std::partition_point(m_points.begin() + std::ptrdiff_t(m_head), m_points.end(),
                                         [t](const Point &p) { return p.t <= t; });
    return std::size_t(it - m_points.begin()) - m_head;
}

std::optional<SeriesData::Extremes> SeriesData::extremes(std::size_t from, std::size_t to) const
{
    std::optional<Block> found;
    auto take = [&](const Block &b) {
        if (found)
            found->merge(b);
        else
            found = b;
    };
    // Greedy: at each step the largest aligned block that fits, else a single point. That
    // climbs to the big blocks and back down in at most 2 x (fan-out - 1) steps per level.
    std::size_t i = m_head + from;
    const std::size_t end = m_head + std::min(to, size());
    while (i < end) {
        std::size_t levels = 0;
        while (levels < m_levels.size() && i % blockSize(levels) == 0 &&
               i + blockSize(levels) <= end)
            ++levels;
        if (levels == 0) {
            take(Block::of(i, m_points[i].v));
            ++i;
        } else {
            take(m_levels[levels - 1][i / blockSize(levels - 1)]);
            i += blockSize(levels - 1);
        }
    }
    if (!found || std::isnan(found->min))
        return std::nullopt;
    return Extremes{found->minAt - m_head, found->maxAt - m_head};
}

void SeriesData::Block::merge(const Block &other)
{
    if (other.min < min || std::isnan(min)) {
        min = other.min;
        minAt = other.minAt;
    }
    if (other.max > max || std::isnan(max)) {
        max = other.max;
        maxAt = other.maxAt;
    }
}

void SeriesData::summarise(std::size_t fromStored)
{
    std::size_t wanted = 0;
    while (blockSize(wanted) <= m_points.size())
        ++wanted;
    if (wanted > m_levels.size()) { // a new level needs every point: start over
        m_levels.assign(wanted, {});
        fromStored = 0;
    }
    // Folding a block in twice is harmless (min of mins), so a level can be brought up to
    // date from the lower level's first touched block.
    for (std::size_t k = 0; k < m_levels.size(); ++k) {
        std::vector<Block> &level = m_levels[k];
        auto fold = [&](std::size_t block, const Block &b) {
            if (block == level.size())
                level.push_back(b);
            else
                level[block].merge(b);
        };
        if (k == 0) {
            for (std::size_t p = fromStored; p < m_points.size(); ++p)
                fold(p / blockSize(0), Block::of(p, m_points[p].v));
        } else {
            const std::vector<Block> &lower = m_levels[k - 1];
            for (std::size_t c = fromStored / blockSize(k - 1); c < lower.size(); ++c)
                fold(c * blockSize(k - 1) / blockSize(k), lower[c]);
        }
    }
}

void SeriesData::rebuildSummary()
{
    m_levels.clear();
    summarise(0);
}
