#pragma once
// One reading of a time series, as stores hand it out and charts draw it.

namespace kafkascope {

struct SeriesPoint
{
    double t; // seconds since the epoch (QCustomPlot's time axis unit)
    double v;
};

} // namespace kafkascope
