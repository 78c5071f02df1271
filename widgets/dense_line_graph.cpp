#include "dense_line_graph.h"

#include <cmath>
#include <optional>

namespace {

// Folds a polyline's short pieces into one bar per device pixel column: where the pieces
// lie in x, over everything they cover in y, widened and lengthened by the pen.
class ColumnFolder
{
public:
    // toDevice: the painter's device transform (a scale and an offset, as QCustomPlot's).
    ColumnFolder(const QTransform &toDevice, double penWidth, QVector<QRectF> *bars)
        : m_scale(toDevice.m11()), m_offset(toDevice.dx()), m_penWidth(penWidth), m_bars(bars)
    {
    }

    // A piece at most one device pixel wide: split where it crosses into the next column.
    void add(QPointF p, QPointF q)
    {
        const double cp = column(p.x()), cq = column(q.x());
        if (cp == cq) {
            extend(cp, p, q);
            return;
        }
        const double x = (std::max(cp, cq) - m_offset) / m_scale; // the boundary
        const QPointF cut(x, p.y() + (x - p.x()) * (q.y() - p.y()) / (q.x() - p.x()));
        extend(cp, p, cut);
        extend(cq, cut, q);
    }

    void flush()
    {
        if (!m_column)
            return;
        // A zigzag (three or more points in the column) inks the column as wide as it spans
        // plus the pen; a line just passing through, or a spike, only the pen's width.
        const double width = m_penWidth + (m_pieces >= 4 ? m_right - m_left : 0);
        const double x = (m_left + m_right) / 2;
        m_bars->append(
            QRectF(x - width / 2, m_top - m_penWidth / 2, width, m_bottom - m_top + m_penWidth));
        m_column.reset();
    }

private:
    double column(double x) const { return std::floor(x * m_scale + m_offset); }

    void extend(double column, QPointF a, QPointF b)
    {
        if (m_column && *m_column != column)
            flush();
        if (!m_column) {
            m_column = column;
            m_pieces = 0;
            m_left = m_right = a.x();
            m_top = m_bottom = a.y();
        }
        ++m_pieces;
        m_left = std::min({m_left, a.x(), b.x()});
        m_right = std::max({m_right, a.x(), b.x()});
        m_top = std::min({m_top, a.y(), b.y()});
        m_bottom = std::max({m_bottom, a.y(), b.y()});
    }

    const double m_scale, m_offset, m_penWidth;
    QVector<QRectF> *m_bars;
    std::optional<double> m_column;
    int m_pieces = 0;
    double m_left = 0, m_right = 0, m_top = 0, m_bottom = 0;
};

bool finite(QPointF p)
{
    return std::isfinite(p.x()) && std::isfinite(p.y());
}

} // namespace

void DenseLineGraph::drawLinePlot(QCPPainter *painter, const QVector<QPointF> &lines) const
{
    QPen pen = painter->pen();
    const bool exporting = painter->modes().testFlag(QCPPainter::pmVectorized) ||
                           painter->modes().testFlag(QCPPainter::pmNoCaching);
    if (exporting || pen.style() != Qt::SolidLine || pen.color().alpha() == 0) {
        QCPGraph::drawLinePlot(painter, lines);
        return;
    }
    applyDefaultAntialiasingHint(painter);
    if (qFuzzyCompare(pen.widthF(), 1.0))
        pen.setWidth(0); // as QCustomPlot does: a cosmetic 1 px line looks the same, drawn faster
    const QTransform toDevice = painter->deviceTransform();
    // A cosmetic pen's width is in device pixels (0 meaning 1), any other's in plot pixels.
    const double deviceWidth =
        pen.isCosmetic() ? std::max(pen.widthF(), 1.0) : pen.widthF() * toDevice.m11();
    // With fast polylines QCustomPlot draws separate segments; without, joined paths.
    const bool fast = mParentPlot->plottingHints().testFlag(QCP::phFastPolylines);

    QVector<QRectF> bars;
    QVector<QLineF> segments;
    QList<QPolygonF> runs;
    ColumnFolder columns(toDevice, deviceWidth / toDevice.m11(), &bars);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QPointF p = lines[i - 1], q = lines[i];
        if (!finite(p) || !finite(q)) { // a gap in the line
            columns.flush();
            continue;
        }
        if (std::abs(q.x() - p.x()) * toDevice.m11() <= 1.0) {
            columns.add(p, q);
            continue;
        }
        columns.flush();
        if (fast) {
            segments.append(QLineF(p, q));
            continue;
        }
        if (runs.isEmpty() || runs.last().last() != p)
            runs.append(QPolygonF{p});
        runs.last().append(q);
    }
    columns.flush();

    painter->setPen(Qt::NoPen);
    painter->setBrush(pen.color());
    painter->drawRects(bars);
    painter->setBrush(Qt::NoBrush);
    painter->setPen(pen);
    painter->drawLines(segments);
    for (const QPolygonF &run : std::as_const(runs))
        painter->drawPolyline(run);
}
