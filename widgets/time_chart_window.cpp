// TimeChart: which time range is shown (the follow window, a live clock, the user's zoom)
// and the value axes fitted to what is in it.
#include "time_chart.h"

#include "chart_pane.h"

#include <QDateTime>
#include <QTimer>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {
constexpr int kClockTickMs = 1000; // a live chart slides once a second with no new data
} // namespace

void TimeChart::syncGraphs()
{
    // A frame draws what fits the plot's width, not the series' length.
    for (Series *s : std::as_const(m_series))
        s->syncGraph(m_plot->bufferDevicePixelRatio());
}

void TimeChart::setTimeWindow(double seconds)
{
    m_window = std::max(0.0, seconds);
    requestReplot();
}

void TimeChart::setFollow(bool follow)
{
    if (m_follow == follow)
        return;
    m_follow = follow;
    emit followChanged(follow);
    requestReplot();
}

double TimeChart::wallClock()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

void TimeChart::setClock(std::function<double()> now)
{
    m_clock = std::move(now);
    if (m_clock && !m_clockTick) {
        m_clockTick = new QTimer(this);
        m_clockTick->setInterval(kClockTickMs);
        connect(m_clockTick, &QTimer::timeout, this, [this] {
            if (m_follow && isVisible())
                requestReplot();
        });
    }
    if (m_clockTick) {
        if (m_clock)
            m_clockTick->start();
        else
            m_clockTick->stop();
    }
    requestReplot();
}

double TimeChart::newestTime() const
{
    double newest = -std::numeric_limits<double>::infinity();
    for (const Series *s : std::as_const(m_series))
        if (s->graph->visible() && !s->data.empty())
            newest = std::max(newest, s->data.last().t);
    return newest;
}

void TimeChart::applyWindow()
{
    if (!m_follow || m_panes.isEmpty())
        return;
    const double newest = newestTime();
    // A live chart's right edge is now: a quiet or failing source shows as time passing
    // with no line, not as a line that stopped at the edge.
    const double right = m_clock ? std::max(m_clock(), std::isfinite(newest) ? newest : -HUGE_VAL) : newest;
    if (!std::isfinite(right))
        return;
    QCPRange range;
    if (m_window > 0) {
        range = QCPRange(right - m_window, right);
    } else {
        if (!std::isfinite(newest))
            return;
        double oldest = newest;
        for (const Series *s : std::as_const(m_series))
            if (s->graph->visible() && !s->data.empty())
                oldest = std::min(oldest, s->data.first().t);
        range = QCPRange(oldest, std::max(right, oldest + 1));
    }
    m_applyingWindow = true;
    m_panes.first()->rect->axis(QCPAxis::atBottom)->setRange(range);
    m_applyingWindow = false;
    rescaleValues();
}

void TimeChart::rescaleValues()
{
    // The decimated copies keep each column's extremes: their value range is the full data's.
    // Computed here rather than by QCustomPlot, whose rescale keeps an old span around a flat
    // line (a steady watermark at 469 drew on ±100,000) and does not skip gaps (NaN).
    syncGraphs();
    const QCPRange shown = m_panes.first()->rect->axis(QCPAxis::atBottom)->range();
    for (int p = 0; p < m_panes.size(); ++p) {
        double lo = HUGE_VAL, hi = -HUGE_VAL;
        double anyLo = HUGE_VAL, anyHi = -HUGE_VAL; // whole data, when none is in view
        for (const Series *s : std::as_const(m_series)) {
            if (s->pane != p || !s->graph->visible())
                continue;
            for (const QCPGraphData &d : *s->graph->data()) {
                if (!std::isfinite(d.value))
                    continue;
                anyLo = std::min(anyLo, d.value);
                anyHi = std::max(anyHi, d.value);
                if (d.key >= shown.lower && d.key <= shown.upper) {
                    lo = std::min(lo, d.value);
                    hi = std::max(hi, d.value);
                }
            }
        }
        if (!(lo <= hi)) {
            lo = anyLo;
            hi = anyHi;
        }
        if (lo <= hi) { // a threshold drawn in the pane stays in view beside its data
            for (const QCPItemStraightLine *line : std::as_const(m_thresholds))
                if (line->clipAxisRect() == m_panes[p]->rect) {
                    lo = std::min(lo, line->point1->coords().y());
                    hi = std::max(hi, line->point1->coords().y());
                }
        }
        const bool includeZero = m_panes[p]->includeZero;
        if (!(lo <= hi)) {
            if (!includeZero)
                continue;
            lo = hi = 0; // nothing to show yet: an empty rate chart still starts at 0
        }
        if (includeZero) {
            lo = std::min(lo, 0.0);
            hi = std::max(hi, 0.0);
        }
        const double span = hi - lo;
        const double pad = span > 0 ? span * 0.08 : std::max(std::abs(hi) * 0.05, 1.0);
        QCPRange r(lo - pad, hi + pad);
        if (includeZero && lo >= 0)
            r.lower = 0; // counts and rates: the axis starts at 0, never below
        m_panes[p]->rect->axis(QCPAxis::atLeft)->setRange(r);
    }
}

void TimeChart::onUserRangeChange()
{
    if (m_applyingWindow)
        return;
    // The user dragged or zoomed: stay where they look.
    setFollow(false);
    rescaleValues();
}

QPair<double, double> TimeChart::visibleRange() const
{
    const QCPRange r = m_panes.first()->rect->axis(QCPAxis::atBottom)->range();
    return {r.lower, r.upper};
}
