#include "time_chart.h"

#include "chart_pane.h"
#include "dense_line_graph.h"
#include "legend_note_item.h"

#include <QDateTime>
#include <QFile>
#include <QMouseEvent>
#include <QTextStream>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace {
const QList<QColor> &seriesColours()
{
    static const QList<QColor> colours = {
        QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
        QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
        QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
        QColor(0x17, 0xbe, 0xcf)};
    return colours;
}
constexpr int kClickTolerancePx = 8;
constexpr int kClockTickMs = 1000; // a live chart slides once a second with no new data

// The newest finite value of a series: what ranks it for a folded legend.
double latestValue(const SeriesData &data)
{
    for (size_t i = data.size(); i-- > 0;)
        if (std::isfinite(data.at(i).v))
            return data.at(i).v;
    return -std::numeric_limits<double>::infinity();
}
} // namespace

TimeChart::TimeChart(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setObjectName(QStringLiteral("timeChartPlot"));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    // Lines wider than one pixel go through QPainter's stroker, which takes seconds on
    // long, dense series; QCustomPlot's fast polylines keep a frame within budget (and
    // DenseLineGraph draws the densest stretches a column at a time).
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    m_plot->plotLayout()->clear();
    // QCustomPlot's own "overlay" layer: buffered, so the crosshair redraws alone.
    m_plot->layer(QStringLiteral("overlay"))->setMode(QCPLayer::lmBuffered);
    addPane();
    applyPalette();

    // Laid out, the axis rects have their final widths: the decimated copies follow them.
    connect(m_plot, &QCustomPlot::afterLayout, this, &TimeChart::syncGraphs);
    connect(m_plot, &QCustomPlot::mouseMove, this, &TimeChart::updateCrosshair);
    connect(m_plot, &QCustomPlot::mousePress, this, &TimeChart::onMousePress);
    connect(m_plot, &QCustomPlot::legendClick, this,
            [this](QCPLegend *legend, QCPAbstractLegendItem *item, QMouseEvent *) {
                if (qobject_cast<LegendNoteItem *>(item)) {
                    for (int p = 0; p < m_panes.size(); ++p)
                        if (m_panes[p]->legend == legend)
                            setLegendExpanded(p, !m_panes[p]->legendExpanded);
                    return;
                }
                auto *pli = qobject_cast<QCPPlottableLegendItem *>(item);
                if (!pli)
                    return;
                for (auto it = m_series.cbegin(); it != m_series.cend(); ++it)
                    if (it.value()->graph == pli->plottable())
                        setSeriesVisible(it.key(), !it.value()->graph->visible());
            });
}

TimeChart::~TimeChart()
{
    qDeleteAll(m_series);
    qDeleteAll(m_panes);
}

int TimeChart::addPane(const QString &valueLabel)
{
    // Align the panes' left edges so their time axes line up.
    auto *margins = m_panes.isEmpty() ? new QCPMarginGroup(m_plot) : m_panes.first()->rect->marginGroup(QCP::msLeft);
    auto *pane = new Pane(m_plot, int(m_panes.size()), valueLabel, margins, font());
    QCPAxisRect *rect = pane->rect;
    if (!m_panes.isEmpty()) {
        QCPAxis *x0 = m_panes.first()->rect->axis(QCPAxis::atBottom);
        rect->axis(QCPAxis::atBottom)->setRange(x0->range());
    }
    connect(rect->axis(QCPAxis::atBottom), qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            [this, rect](const QCPRange &range) {
                for (Pane *p : std::as_const(m_panes))
                    if (p->rect != rect && p->rect->axis(QCPAxis::atBottom)->range() != range)
                        p->rect->axis(QCPAxis::atBottom)->setRange(range);
                onUserRangeChange();
            });
    m_panes.append(pane);
    pane->applyPalette(palette());
    requestReplot();
    return int(m_panes.size()) - 1;
}

void TimeChart::removePane(int pane)
{
    if (pane < 0 || pane >= m_panes.size() || m_panes.size() == 1)
        return;
    for (SeriesId id : seriesIds())
        if (m_series[id]->pane == pane)
            removeSeries(id);
    for (Series *s : std::as_const(m_series))
        if (s->pane > pane)
            --s->pane;
    Pane *p = m_panes.takeAt(pane);
    m_plot->removeItem(p->cursor);
    m_plot->plotLayout()->remove(p->rect);
    m_plot->plotLayout()->simplify();
    delete p;
    requestReplot();
}

void TimeChart::setIncludeZero(int pane, bool include)
{
    if (pane >= 0 && pane < m_panes.size()) {
        m_panes[pane]->includeZero = include;
        requestReplot();
    }
}

int TimeChart::paneCount() const
{
    return int(m_panes.size());
}

void TimeChart::setPaneLabel(int pane, const QString &valueLabel)
{
    if (pane >= 0 && pane < m_panes.size())
        m_panes[pane]->rect->axis(QCPAxis::atLeft)->setLabel(valueLabel);
}

QColor TimeChart::nextColor()
{
    return seriesColours()[m_colorIndex++ % seriesColours().size()];
}

TimeChart::SeriesId TimeChart::addSeries(int pane, const QString &name, QColor color, Style style)
{
    pane = qBound(0, pane, int(m_panes.size()) - 1);
    Pane *p = m_panes[pane];
    if (!color.isValid())
        color = nextColor();
    QCPGraph *g = new DenseLineGraph(p->rect->axis(QCPAxis::atBottom), p->rect->axis(QCPAxis::atLeft));
    g->setName(name);
    g->setPen(QPen(color, 1.5));
    // The graph holds at most four points per pixel column already (ChartSeries), in time
    // order; QCustomPlot's own sampling would only move them.
    g->setAdaptiveSampling(false);
    g->removeFromLegend(); // QCustomPlot put it in the (unused) default legend, if any
    g->addToLegend(p->legend);
    p->applyPalette(palette()); // the new legend item takes the palette's text colour
    if (style == Style::Step)
        g->setLineStyle(QCPGraph::lsStepLeft);
    // Dots: a dense column shows its first, lowest, highest and last point only.
    if (style == Style::Dots) {
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
    }
    const SeriesId id = m_nextId++;
    auto *s = new Series;
    s->graph = g;
    s->pane = pane;
    s->name = name;
    s->color = color;
    m_series.insert(id, s);
    requestReplot();
    return id;
}

TimeChart::Series *TimeChart::series(SeriesId id) const
{
    return m_series.value(id, nullptr);
}

void TimeChart::removeSeries(SeriesId id)
{
    Series *s = m_series.take(id);
    if (!s)
        return;
    m_plot->removeGraph(s->graph);
    delete s;
    requestReplot();
}

void TimeChart::clearSeries(SeriesId id)
{
    if (Series *s = series(id)) {
        s->data.clear();
        s->graph->data()->clear();
        requestReplot();
    }
}

QList<TimeChart::SeriesId> TimeChart::seriesIds() const
{
    QList<SeriesId> ids = m_series.keys();
    std::sort(ids.begin(), ids.end());
    return ids;
}

QString TimeChart::seriesName(SeriesId id) const
{
    const Series *s = series(id);
    return s ? s->name : QString();
}

int TimeChart::seriesPane(SeriesId id) const
{
    const Series *s = series(id);
    return s ? s->pane : -1;
}

void TimeChart::setSeriesVisible(SeriesId id, bool visible)
{
    Series *s = series(id);
    if (!s || s->graph->visible() == visible)
        return;
    s->graph->setVisible(visible);
    // Keep the entry in the legend, greyed, so the user can click it back on.
    if (auto *item = m_panes[s->pane]->legend->itemWithPlottable(s->graph))
        item->setTextColor(palette().color(visible ? QPalette::Active : QPalette::Disabled, QPalette::Text));
    emit seriesVisibilityChanged(id, visible);
    requestReplot();
}

bool TimeChart::isSeriesVisible(SeriesId id) const
{
    const Series *s = series(id);
    return s && s->graph->visible();
}

void TimeChart::setSeriesEmphasis(SeriesId id, bool emphasised)
{
    if (Series *s = series(id)) {
        s->graph->setPen(QPen(s->color, emphasised ? 3.0 : 1.5));
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

QCPGraph *TimeChart::graph(SeriesId id) const
{
    const Series *s = series(id);
    return s ? s->graph : nullptr;
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

void TimeChart::setLegendLimit(int entries)
{
    m_legendLimit = std::max(2, entries);
    updateLegends();
    requestReplot();
}

QStringList TimeChart::legendEntries(int pane) const
{
    QStringList out;
    if (pane < 0 || pane >= m_panes.size())
        return out;
    const QCPLegend *legend = m_panes[pane]->legend;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (auto *item = qobject_cast<QCPPlottableLegendItem *>(legend->item(i)))
            out << item->plottable()->name();
    return out;
}

QString TimeChart::legendNote(int pane) const
{
    return pane >= 0 && pane < m_panes.size() ? m_panes[pane]->legendNoteText : QString();
}

void TimeChart::setLegendExpanded(int pane, bool expanded)
{
    if (pane < 0 || pane >= m_panes.size() || m_panes[pane]->legendExpanded == expanded)
        return;
    m_panes[pane]->legendExpanded = expanded;
    updateLegends();
    requestReplot();
}

void TimeChart::updateLegends()
{
    const QList<SeriesId> ids = seriesIds();
    for (int p = 0; p < m_panes.size(); ++p) {
        Pane *pane = m_panes[p];
        QList<const Series *> inPane;
        for (SeriesId id : ids)
            if (m_series[id]->pane == p)
                inPane << m_series[id];
        QList<const Series *> listed = inPane;
        QString note;
        if (inPane.size() > m_legendLimit) {
            if (pane->legendExpanded) {
                note = tr("show fewer");
            } else {
                // The busiest keep their entries, in series order; the rest are read on hover.
                QList<const Series *> ranked = inPane;
                std::stable_sort(ranked.begin(), ranked.end(), [](const Series *a, const Series *b) {
                    return latestValue(a->data) > latestValue(b->data);
                });
                ranked.resize(m_legendLimit - 1);
                listed.clear();
                for (const Series *s : std::as_const(inPane))
                    if (ranked.contains(s))
                        listed << s;
                note = tr("+%1 more: hover for values, click to list").arg(inPane.size() - listed.size());
            }
        }
        QList<const QCPAbstractPlottable *> want, have;
        for (const Series *s : std::as_const(listed))
            want << s->graph;
        for (int i = 0; i < pane->legend->itemCount(); ++i)
            if (auto *item = qobject_cast<QCPPlottableLegendItem *>(pane->legend->item(i)))
                have << item->plottable();
        if (want == have && note == pane->legendNoteText)
            continue;
        pane->legend->clearItems();
        pane->legendNote = nullptr;
        for (const Series *s : std::as_const(listed))
            pane->legend->addItem(new QCPPlottableLegendItem(pane->legend, s->graph));
        if (!note.isEmpty()) {
            pane->legendNote = new LegendNoteItem(pane->legend, note);
            pane->legend->addItem(pane->legendNote);
        }
        pane->legendNoteText = note;
        pane->applyPalette(palette());
    }
}

int TimeChart::addThreshold(int pane, double value, const QString &label, QColor color)
{
    pane = qBound(0, pane, int(m_panes.size()) - 1);
    QCPAxisRect *rect = m_panes[pane]->rect;
    auto *line = new QCPItemStraightLine(m_plot);
    line->setClipAxisRect(rect);
    line->point1->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    line->point2->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    line->point1->setCoords(0, value);
    line->point2->setCoords(1, value);
    line->setPen(QPen(color, 1, Qt::DashDotLine));
    auto *text = new QCPItemText(m_plot);
    text->setClipAxisRect(rect);
    text->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    text->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    text->position->setAxisRect(rect);
    text->position->setCoords(0.99, value);
    text->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    text->setText(QStringLiteral("%1 (%2)").arg(label).arg(value));
    text->setColor(color);
    const int id = m_nextThreshold++;
    m_thresholds.insert(id, line);
    line->setProperty("label", QVariant::fromValue<void *>(text));
    requestReplot();
    return id;
}

void TimeChart::removeThreshold(int id)
{
    QCPItemStraightLine *line = m_thresholds.take(id);
    if (!line)
        return;
    m_plot->removeItem(static_cast<QCPItemText *>(line->property("label").value<void *>()));
    m_plot->removeItem(line);
    requestReplot();
}

int TimeChart::thresholdAt(const QPoint &plotPos, int tolerancePx) const
{
    int best = 0;
    double bestDistance = tolerancePx + 0.5;
    for (auto it = m_thresholds.cbegin(); it != m_thresholds.cend(); ++it) {
        QCPAxisRect *rect = it.value()->clipAxisRect();
        if (!rect || !rect->rect().contains(plotPos))
            continue;
        const double y = rect->axis(QCPAxis::atLeft)->coordToPixel(it.value()->point1->coords().y());
        const double distance = std::abs(y - plotPos.y());
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = it.key();
        }
    }
    return best;
}

void TimeChart::requestReplot()
{
    if (m_replotPending)
        return;
    m_replotPending = true;
    // One replot per frame however many appends arrived; a hidden chart waits for showEvent.
    QTimer::singleShot(0, this, [this] {
        m_replotPending = false;
        if (!isVisible())
            return;
        updateLegends();
        applyWindow();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
}

void TimeChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void TimeChart::applyPalette()
{
    m_plot->setBackground(palette().brush(QPalette::Base));
    for (Pane *p : std::as_const(m_panes))
        p->applyPalette(palette());
    requestReplot();
}

void TimeChart::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
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

TimeChart::Stats TimeChart::visibleStats(SeriesId id) const
{
    const Series *s = series(id);
    if (!s)
        return {};
    const auto [lo, hi] = visibleRange();
    return s->stats(lo, hi);
}

QList<QPair<QString, double>> TimeChart::valuesAt(double t) const
{
    QList<QPair<QString, double>> out;
    for (SeriesId id : seriesIds()) {
        const Series *s = m_series[id];
        if (!s->graph->visible())
            continue;
        if (const auto v = s->valueAt(t))
            out.append({s->name, *v});
    }
    return out;
}

void TimeChart::updateCrosshair(QMouseEvent *event)
{
    QCPAxisRect *under = m_plot->axisRectAt(event->position());
    if (!under) {
        for (Pane *p : std::as_const(m_panes))
            p->cursor->setVisible(false);
        QToolTip::hideText();
        m_plot->layer(QStringLiteral("overlay"))->replot();
        return;
    }
    const double t = under->axis(QCPAxis::atBottom)->pixelToCoord(event->position().x());
    for (Pane *p : std::as_const(m_panes)) {
        p->cursor->point1->setCoords(t, 0);
        p->cursor->point2->setCoords(t, 1);
        p->cursor->setVisible(true);
    }
    QString text = QDateTime::fromMSecsSinceEpoch(qint64(t * 1000)).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    for (const auto &[name, value] : valuesAt(t))
        text += QStringLiteral("\n%1: %2").arg(name, QString::number(value, 'g', 8));
    QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
    m_plot->layer(QStringLiteral("overlay"))->replot();
}

void TimeChart::onMousePress(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    // QCustomPlot measures the distance to the drawn line, which has the full data's
    // envelope; the point reported is the full data's nearest, as QCustomPlot would pick it.
    double best = kClickTolerancePx;
    SeriesId bestId = 0;
    std::optional<SeriesData::Point> bestPoint;
    for (auto it = m_series.cbegin(); it != m_series.cend(); ++it) {
        const Series *s = it.value();
        if (!s->graph->visible())
            continue;
        const double d = s->graph->selectTest(event->position(), false);
        if (d < 0 || d >= best)
            continue;
        if (const auto point = s->nearestPoint(event->position(), m_plot->selectionTolerance())) {
            best = d;
            bestId = it.key();
            bestPoint = point;
        }
    }
    if (bestPoint)
        emit pointClicked(bestId, bestPoint->t, bestPoint->v);
}

bool TimeChart::exportPng(const QString &path, int width, int height)
{
    applyWindow();
    return m_plot->savePng(path, width, height);
}

bool TimeChart::exportPdf(const QString &path)
{
    applyWindow();
    return m_plot->savePdf(path);
}

bool TimeChart::exportCsv(const QString &path, QString *error) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QTextStream out(&file);
    out << "series,time_utc,epoch_seconds,value\n";
    for (SeriesId id : seriesIds())
        m_series[id]->writeCsv(out);
    out.flush();
    if (file.error() != QFileDevice::NoError) {
        if (error)
            *error = QStringLiteral("Writing %1 failed: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
