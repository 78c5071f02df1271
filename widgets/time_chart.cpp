// TimeChart: the plot, its panes and series, palette and the one-replot-per-frame schedule.
// The rest lives beside it by purpose: time_chart_data (feeding, stats), _window (follow
// window, value axes), _legend, _hover (crosshair, clicks), _thresholds, _export.
#include "time_chart.h"

#include "chart_pane.h"
#include "dense_line_graph.h"

#include <QTimer>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

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
            [this](QCPLegend *legend, QCPAbstractLegendItem *item, QMouseEvent *) { onLegendClick(legend, item); });
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

QCPGraph *TimeChart::graph(SeriesId id) const
{
    const Series *s = series(id);
    return s ? s->graph : nullptr;
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
