#include "time_chart.h"

#include "chart_pane.h"
#include "dense_line_graph.h"

#include <QFile>
#include <QMouseEvent>
#include <QTextStream>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

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
            [this](QCPLegend *, QCPAbstractLegendItem *item, QMouseEvent *) {
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
    if (!std::isfinite(newest))
        return;
    double oldest = newest;
    for (const Series *s : std::as_const(m_series))
        if (s->graph->visible() && !s->data.empty())
            oldest = std::min(oldest, s->data.first().t);
    QCPRange range;
    if (m_window <= 0)
        range = QCPRange(oldest, std::max(newest, oldest + 1));
    else if (newest - oldest < m_window)
        range = QCPRange(oldest, oldest + m_window); // young data grows from the left edge
    else
        range = QCPRange(newest - m_window, newest);
    m_applyingWindow = true;
    m_panes.first()->rect->axis(QCPAxis::atBottom)->setRange(range);
    m_applyingWindow = false;
    rescaleValues();
}

void TimeChart::rescaleValues()
{
    // The decimated copies keep each column's extremes: their value range is the full data's.
    syncGraphs();
    for (int p = 0; p < m_panes.size(); ++p) {
        bool first = true;
        for (const Series *s : std::as_const(m_series)) {
            if (s->pane != p || !s->graph->visible() || s->data.empty())
                continue;
            s->graph->rescaleValueAxis(!first, true);
            first = false;
        }
        if (!first) {
            QCPAxis *y = m_panes[p]->rect->axis(QCPAxis::atLeft);
            const double pad = std::max(y->range().size() * 0.08, 1e-9);
            QCPRange r(y->range().lower - pad, y->range().upper + pad);
            if (m_panes[p]->includeZero) {
                r.lower = std::min(r.lower, 0.0);
                r.upper = std::max(r.upper, 0.0);
                if (y->range().lower >= 0)
                    r.lower = 0; // counts and rates: no padding below zero
            }
            y->setRange(r);
        }
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
