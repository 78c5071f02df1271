#include "chart_pane.h"

#include <QPalette>
#include <qcustomplot.h>

ChartPane::ChartPane(QCustomPlot *plot, int row, const QString &valueLabel, QCPMarginGroup *margins,
                     const QFont &legendFont)
    : rect(new QCPAxisRect(plot)), legend(new QCPLegend)
{
    plot->plotLayout()->addElement(row, 0, rect);
    // Items clip to the plot's first axis rect when made: only make one once a rect exists.
    cursor = new QCPItemStraightLine(plot);
    rect->setRangeDrag(Qt::Horizontal);
    rect->setRangeZoom(Qt::Horizontal);
    QSharedPointer<QCPAxisTickerDateTime> ticker(new QCPAxisTickerDateTime);
    ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss"));
    ticker->setDateTimeSpec(Qt::LocalTime);
    rect->axis(QCPAxis::atBottom)->setTicker(ticker);
    rect->axis(QCPAxis::atLeft)->setLabel(valueLabel);
    rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);

    rect->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignLeft);
    legend->setLayer(QStringLiteral("legend"));
    legend->setFont(legendFont);
    legend->setSelectableParts(QCPLegend::spNone);

    cursor->setLayer(QStringLiteral("overlay"));
    cursor->setClipAxisRect(rect);
    cursor->point1->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    cursor->point2->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    cursor->setPen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));
    cursor->setVisible(false);
}

void ChartPane::applyPalette(const QPalette &pal)
{
    const QColor text = pal.color(QPalette::Text);
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(110);
    for (QCPAxis *axis : rect->axes()) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    }
    QColor legendBackground = pal.color(QPalette::Base);
    legendBackground.setAlpha(210);
    legend->setBrush(legendBackground);
    legend->setBorderPen(QPen(pal.color(QPalette::Mid)));
    legend->setTextColor(text);
    for (int i = 0; i < legend->itemCount(); ++i)
        if (auto *item = qobject_cast<QCPPlottableLegendItem *>(legend->item(i)))
            item->setTextColor(
                pal.color(item->plottable()->visible() ? QPalette::Active : QPalette::Disabled,
                          QPalette::Text));
}
