#include "series_decimator.h"

#include <algorithm>
#include <array>
#include <cmath>

int SeriesDecimator::columnOf(double t, double from, double to, int columns)
{
    if (!(to > from))
        return 0;
    // Each step is monotonic in t, so columns never go backwards along a sorted series.
    const double x = std::floor((t - from) / (to - from) * columns);
    if (!(x > 0)) // before `from`, or NaN
        return 0;
    return x >= columns - 1 ? columns - 1 : int(x);
}

bool SeriesDecimator::update(const SeriesData &data, double from, double to, int columns)
{
    columns = std::max(columns, 1);
    const bool whole = data.size() <= 2 * std::size_t(columns);
    if (m_valid && m_revision == data.revision()) {
        if (whole && m_whole)
            return false;
        if (!whole && !m_whole && from == m_from && to == m_to && columns == m_columns)
            return false;
    }
    m_valid = true;
    m_whole = whole;
    m_revision = data.revision();
    m_from = from;
    m_to = to;
    m_columns = columns;
    m_points.clear();
    if (whole) {
        copy(data, 0, data.size());
        return true;
    }
    const std::size_t first = data.lowerBound(from), end = data.upperBound(to);
    if (first > 0) // the line comes in from the left edge
        m_points.push_back(data.at(first - 1));
    if (end - first <= 2 * std::size_t(columns) || !(to > from))
        copy(data, first, end);
    else
        decimate(data, first, end);
    if (end < data.size()) // and leaves at the right edge
        m_points.push_back(data.at(end));
    return true;
}

void SeriesDecimator::copy(const SeriesData &data, std::size_t begin, std::size_t end)
{
    for (std::size_t i = begin; i < end; ++i)
        m_points.push_back(data.at(i));
}

void SeriesDecimator::decimate(const SeriesData &data, std::size_t begin, std::size_t end)
{
    const double from = m_from, to = m_to;
    const int columns = m_columns;
    std::size_t i = begin;
    while (i < end) {
        const int column = columnOf(data.at(i).t, from, to, columns);
        auto inColumn = [&](std::size_t k) {
            return columnOf(data.at(k).t, from, to, columns) <= column;
        };
        // Gallop, then bisect, to the column's end: few probes whether it holds one point
        // or thousands.
        std::size_t inside = i, step = 1;
        while (inside + step < end && inColumn(inside + step)) {
            inside += step;
            step *= 2;
        }
        std::size_t lo = inside + 1, hi = std::min(inside + step, end);
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            if (inColumn(mid))
                lo = mid + 1;
            else
                hi = mid;
        }
        const std::size_t next = lo;
        std::array<std::size_t, 4> keep{i, i, next - 1, next - 1};
        if (const auto e = data.extremes(i, next)) { // none if the column is all NaN
            keep[1] = e->minAt;
            keep[2] = e->maxAt;
        }
        std::sort(keep.begin(), keep.end());
        for (std::size_t k = 0; k < keep.size(); ++k)
            if (k == 0 || keep[k] != keep[k - 1])
                m_points.push_back(data.at(keep[k]));
        i = next;
    }
}
