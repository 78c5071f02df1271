// TimeChart: what the pointer reads: the crosshair with every visible series' value at its
// time, and the point a click picks. Both read the full data, not the drawn copy.
#include "time_chart.h"

#include "chart_pane.h"

#include <QDateTime>
#include <QMouseEvent>
#include <QToolTip>
#include <qcustomplot.h>

#include <optional>

namespace {
constexpr int kClickTolerancePx = 8;
} // namespace

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
