// TimeChart: feeding and reading a series' points (append, replace, trim, stats). Feeding
// only stores points and asks for a replot; the decimated copy is made when drawing.
#include "time_chart.h"

#include <qcustomplot.h>

void TimeChart::clearSeries(SeriesId id)
{
    if (Series *s = series(id)) {
        s->data.clear();
        s->graph->data()->clear();
        requestReplot();
    }
}

void TimeChart::appendPoints(SeriesId id, std::span<const double> t, std::span<const double> v)
{
    Series *s = series(id);
    if (!s || t.empty())
        return;
    s->data.append(t, v);
    requestReplot();
}

void TimeChart::appendPoint(SeriesId id, double t, double v)
{
    appendPoints(id, std::span<const double>(&t, 1), std::span<const double>(&v, 1));
}

void TimeChart::setSeriesData(SeriesId id, const QVector<double> &t, const QVector<double> &v)
{
    if (Series *s = series(id)) {
        s->data.assign(std::span(t.constData(), size_t(t.size())), std::span(v.constData(), size_t(v.size())));
        requestReplot();
    }
}

int TimeChart::pointCount(SeriesId id) const
{
    const Series *s = series(id);
    return s ? int(s->data.size()) : 0;
}

const SeriesData *TimeChart::seriesData(SeriesId id) const
{
    const Series *s = series(id);
    return s ? &s->data : nullptr;
}

void TimeChart::trimBefore(double t)
{
    for (Series *s : std::as_const(m_series))
        s->data.trimBefore(t);
}

void TimeChart::trimSeriesBefore(SeriesId id, double t)
{
    if (Series *s = series(id))
        s->data.trimBefore(t);
}

TimeChart::Stats TimeChart::visibleStats(SeriesId id) const
{
    const Series *s = series(id);
    if (!s)
        return {};
    const auto [lo, hi] = visibleRange();
    return s->stats(lo, hi);
}
