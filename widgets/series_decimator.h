#pragma once
// Reduces a series to what a plot of a given pixel width can show: per pixel column, the
// first, lowest, highest and last point, in time order. The drawn envelope (spikes
// included) is the full data's, yet a frame draws at most four points per column. The
// result is cached until the time range, the width or the data change. One decimator per
// series. Plain C++, no Qt.

#include "series_data.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

class SeriesDecimator
{
public:
    // The column [0, columns) that time t falls in when [from, to] spans `columns` pixels;
    // times before `from` or at and past `to` land in the first or last column.
    static int columnOf(double t, double from, double to, int columns)
    {
        if (!(to > from))
            return 0;
        // Each step is monotonic in t, so columns never go backwards along a sorted series.
        const double x = std::floor((t - from) / (to - from) * columns);
        if (!(x > 0)) // before `from`, or NaN
            return 0;
        return x >= columns - 1 ? columns - 1 : int(x);
    }

    // Brings points() up to date for [from, to] drawn across `columns` pixels; returns
    // whether they changed. A series of at most two points per column is passed through
    // whole, and so is the part in range if that is as small; either way the nearest
    // point beyond each end of the range is kept, so the line runs on to the plot's edges.
    bool update(const SeriesData &data, double from, double to, int columns);
    const std::vector<SeriesData::Point> &points() const { return m_points; }
    // Forgets the cache: the next update() recomputes.
    void invalidate() { m_valid = false; }

private:
    void copy(const SeriesData &data, std::size_t begin, std::size_t end);
    void decimate(const SeriesData &data, std::size_t begin, std::size_t end);
    void sweep(const SeriesData &data, std::size_t begin, std::size_t end);
    void jump(const SeriesData &data, std::size_t begin, std::size_t end);
    // Appends the points at these indices in time order, each once.
    void keep(const SeriesData &data, std::array<std::size_t, 4> indices);

    std::vector<SeriesData::Point> m_points;
    bool m_valid = false;
    bool m_whole = false; // points() is the whole series, whatever the range
    std::uint64_t m_revision = 0;
    double m_from = 0, m_to = 0;
    int m_columns = 0;
};
