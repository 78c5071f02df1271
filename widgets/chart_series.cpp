#include "chart_series.h"

#include <cmath>
#include <limits>
#include <qcustomplot.h>

void ChartSeries::syncGraph(double devicePixelRatio)
{
    if (!graph->visible())
        return; // not drawn; synced when shown again
    const QCPAxis *x = graph->keyAxis();
    const int columns = int(std::ceil(x->axisRect()->width() * devicePixelRatio));
    if (!decimator.update(data, x->range().lower, x->range().upper, columns))
        return;
    QVector<QCPGraphData> points;
    points.reserve(qsizetype(decimator.points().size()));
    for (const SeriesData::Point &p : decimator.points())
        points.append(QCPGraphData(p.t, p.v));
    graph->data()->set(points, true);
    // A line needs two points: a lone sample (the first poll, or one between two gaps) is
    // drawn as a dot so that the chart shows data from its first sample on.
    if (graph->lineStyle() != QCPGraph::lsNone) {
        bool isolated = false;
        for (qsizetype i = 0; i < points.size() && !isolated; ++i)
            isolated = std::isfinite(points[i].value)
                       && (i == 0 || !std::isfinite(points[i - 1].value))
                       && (i + 1 == points.size() || !std::isfinite(points[i + 1].value));
        const auto shape = isolated ? QCPScatterStyle::ssDisc : QCPScatterStyle::ssNone;
        if (graph->scatterStyle().shape() != shape)
            graph->setScatterStyle(QCPScatterStyle(shape, 5));
    }
}

SeriesStats ChartSeries::stats(double from, double to) const
{
    SeriesStats st;
    double sum = 0;
    for (size_t i = data.lowerBound(from), end = data.upperBound(to); i < end; ++i) {
        const double v = data.at(i).v;
        if (!std::isfinite(v))
            continue;
        if (st.count == 0)
            st.min = st.max = v;
        st.min = std::min(st.min, v);
        st.max = std::max(st.max, v);
        sum += v;
        st.last = v;
        ++st.count;
    }
    st.mean = st.count ? sum / st.count : 0;
    return st;
}

std::optional<double> ChartSeries::valueAt(double t) const
{
    if (data.empty())
        return std::nullopt;
    size_t i = data.lowerBound(t); // first time >= t
    if (i == data.size() || (data.at(i).t > t && i > 0))
        --i;
    return data.at(i).v;
}

std::optional<SeriesData::Point> ChartSeries::nearestPoint(QPointF pos, double tolerance) const
{
    const QCPAxis *x = graph->keyAxis();
    double from = x->pixelToCoord(pos.x() - tolerance), to = x->pixelToCoord(pos.x() + tolerance);
    if (from > to)
        std::swap(from, to);
    const size_t begin = data.lowerBound(from),
                 end = std::min(data.upperBound(to) + 1, data.size());
    std::optional<SeriesData::Point> best;
    double bestSquared = std::numeric_limits<double>::infinity();
    for (size_t i = begin > 0 ? begin - 1 : 0; i < end; ++i) {
        const SeriesData::Point &p = data.at(i);
        const double squared = QCPVector2D(graph->coordsToPixels(p.t, p.v) - pos).lengthSquared();
        if (squared < bestSquared) {
            bestSquared = squared;
            best = p;
        }
    }
    return best;
}

std::vector<SeriesData::Point> ChartSeries::points() const
{
    std::vector<SeriesData::Point> out(data.size());
    for (size_t i = 0; i < data.size(); ++i)
        out[i] = data.at(i);
    return out;
}
