#pragma once
// A QCPGraph that draws the stretches of its line denser than one point per pixel column
// as one bar of whole pixels per column, covering what the line's pen covers there. Short
// segments are what makes a dense chart slow to rasterise (tens of thousands of them per
// frame, each through QPainter's stroker); a whole-pixel bar is a plain span fill.
// tst_dense_line_graph checks the bars ink what the line would, column by column.
// Sparse stretches, exports (PNG, PDF) and patterned pens are drawn by QCPGraph as usual.

#include <qcustomplot.h>

class DenseLineGraph : public QCPGraph
{
public:
    using QCPGraph::QCPGraph;

protected:
    void drawLinePlot(QCPPainter *painter, const QVector<QPointF> &lines) const override;
};
