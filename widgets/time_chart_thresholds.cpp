// TimeChart: horizontal threshold lines with their labels, one pane each.
#include "time_chart.h"

#include "chart_pane.h"
#include "status_badge.h"

#include <qcustomplot.h>
#include <cmath>

int TimeChart::addThreshold(int pane, double value, const QString &label, QColor color)
{
    pane = qBound(0, pane, int(m_panes.size()) - 1);
    if (!color.isValid())
        color = StatusBadge::color(StatusBadge::Tone::Bad);
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
