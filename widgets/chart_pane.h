#pragma once
// One pane of a TimeChart: an axis rect (time at the bottom, values at the left) with its
// legend inset at the top left and its crosshair line. The chart keeps the panes' time
// axes in step.

#include <QString>

class QCustomPlot;
class QCPAbstractLegendItem;
class QCPAxisRect;
class QCPItemStraightLine;
class QCPLegend;
class QCPMarginGroup;
class QFont;
class QPalette;

struct ChartPane
{
    // Adds the pane as row `row` of the plot's layout; `margins` lines up the panes' edges.
    ChartPane(QCustomPlot *plot, int row, const QString &valueLabel, QCPMarginGroup *margins,
              const QFont &legendFont);
    // Axes, grid and legend in the palette's colours (light or dark).
    void applyPalette(const QPalette &palette);

    QCPAxisRect *rect;
    QCPLegend *legend;
    QCPItemStraightLine *cursor; // crosshair line in this pane
    bool includeZero = false;
    // Past the chart's legend limit the legend lists the busiest series and one note item
    // ("+N more"); a click on the note lists them all (expanded) or folds them again.
    bool legendExpanded = false;
    QCPAbstractLegendItem *legendNote = nullptr;
    QString legendNoteText;
};
