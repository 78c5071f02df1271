#pragma once
// One series of a TimeChart: every point it was fed, and the QCPGraph that draws a copy of
// them decimated to the visible time range and plot width. Whatever reads values (stats,
// crosshair, clicks, CSV) reads the full data; only drawing uses the copy.

#include "series_data.h"
#include "series_decimator.h"

#include <QColor>
#include <QPointF>
#include <QString>
#include <optional>

class QCPGraph;

// Figures of a series' finite values within a time range.
struct SeriesStats
{
    int count = 0;
    double min = 0, max = 0, mean = 0, last = 0;
};

struct ChartSeries
{
    QCPGraph *graph = nullptr;
    int pane = 0;
    QString name;
    QColor color;
    SeriesData data;
    SeriesDecimator decimator;

    // Hands the graph what to draw for its time axis' range and width, if that changed.
    void syncGraph(double devicePixelRatio);
    SeriesStats stats(double from, double to) const;
    // The value holding at t: the last point at or before t, else the first point.
    std::optional<double> valueAt(double t) const;
    // The point nearest pos (pixels) among those within `tolerance` pixels of it in time
    // and the one beyond each side, as QCustomPlot picks a graph's closest point.
    std::optional<SeriesData::Point> nearestPoint(QPointF pos, double tolerance) const;
    // Every point, oldest first (a copy, for export).
    std::vector<SeriesData::Point> points() const;
};
