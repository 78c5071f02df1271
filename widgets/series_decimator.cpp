#include "series_decimator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

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
    // Up to a few hundred points a column, one pass in order beats jumping through memory
    // (the series is rarely in cache); beyond, the block summary skips most of the points.
    constexpr std::size_t kSweepPerColumn = 256;
    if (end - begin <= kSweepPerColumn * std::size_t(m_columns))
        sweep(data, begin, end);
    else
        jump(data, begin, end);
}

void SeriesDecimator::sweep(const SeriesData &data, std::size_t begin, std::size_t end)
{
    const double width = (m_to - m_from) / m_columns;
    // Points this far before a column's computed end are in it whatever the rounding; the
    // few closer to it are placed by columnOf() itself.
    const double margin = std::max(width * 1e-6, 16 * std::numeric_limits<double>::epsilon() *
                                                     std::max(std::abs(m_from), std::abs(m_to)));
    std::size_t i = begin;
    while (i < end) {
        const int column = columnOf(data.at(i).t, m_from, m_to, m_columns);
        const double surelyInside = m_from + (column + 1) * width - margin;
        std::size_t lowAt = i, highAt = i;
        double low = data.at(i).v, high = low;
        auto take = [&](std::size_t k) {
            const double v = data.at(k).v;
            if (v < low || std::isnan(low)) {
                low = v;
                lowAt = k;
            }
            if (v > high || std::isnan(high)) {
                high = v;
                highAt = k;
            }
        };
        std::size_t next = i + 1;
        while (next < end && data.at(next).t < surelyInside)
            take(next++);
        while (next < end && columnOf(data.at(next).t, m_from, m_to, m_columns) == column)
            take(next++);
        if (std::isnan(low)) // all NaN: first and last only
            lowAt = highAt = i;
        keep(data, {i, lowAt, highAt, next - 1});
        i = next;
    }
}

void SeriesDecimator::jump(const SeriesData &data, std::size_t begin, std::size_t end)
{
    auto inColumn = [&](std::size_t k, int column) {
        return columnOf(data.at(k).t, m_from, m_to, m_columns) <= column;
    };
    std::size_t i = begin;
    while (i < end) {
        const int column = columnOf(data.at(i).t, m_from, m_to, m_columns);
        // Gallop, then bisect, to the column's end: few probes however many points it holds.
        std::size_t inside = i, step = 1;
        while (inside + step < end && inColumn(inside + step, column)) {
            inside += step;
            step *= 2;
        }
        std::size_t lo = inside + 1, hi = std::min(inside + step, end);
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            if (inColumn(mid, column))
                lo = mid + 1;
            else
                hi = mid;
        }
        const std::size_t next = lo;
        const auto e = data.extremes(i, next); // none if the column is all NaN
        keep(data, {i, e ? e->minAt : i, e ? e->maxAt : i, next - 1});
        i = next;
    }
}

void SeriesDecimator::keep(const SeriesData &data, std::array<std::size_t, 4> indices)
{
    std::sort(indices.begin(), indices.end());
    for (std::size_t k = 0; k < indices.size(); ++k)
        if (k == 0 || indices[k] != indices[k - 1])
            m_points.push_back(data.at(indices[k]));
}
