#include "dense_line_graph.h"

#include "pixel_bands.h"

#include <cmath>
#include <limits>

namespace {

// Folds a polyline's short pieces into one bar per device pixel column: where the pieces
// lie in x, over everything they cover in y, widened and lengthened by the pen. Works in
// device pixels, so that each bar can be filled as whole pixels.
class ColumnFolder
{
public:
    ColumnFolder(double penWidth, QVector<QRect> *bars) : m_penWidth(penWidth), m_bars(bars) {}

    // A piece at most one device pixel wide: split where it crosses into the next column.
    void add(QPointF p, QPointF q)
    {
        const int cp = int(std::floor(p.x())), cq = int(std::floor(q.x()));
        if (cp == cq) {
            extend(cp, p, q);
            return;
        }
        const double x = std::max(cp, cq); // the boundary
        const QPointF cut(x, p.y() + (x - p.x()) * (q.y() - p.y()) / (q.x() - p.x()));
        extend(cp, p, cut);
        extend(cq, cut, q);
    }

    void flush()
    {
        if (m_column == kNone)
            return;
        // The pen's width in whole columns, centred on this one: a line zigzagging inside a
        // column inks that column, its pen spilling over only when wider than a pixel.
        const int width = std::max(1, int(std::lround(m_penWidth)));
        const int left = m_column - (width - 1) / 2;
        const int top = int(std::lround(m_top - m_penWidth / 2));
        const int bottom = std::max(top + 1, int(std::lround(m_bottom + m_penWidth / 2)));
        m_bars->append(QRect(left, top, width, bottom - top));
        m_column = kNone;
    }

private:
    static constexpr int kNone = std::numeric_limits<int>::min();

    void extend(int column, QPointF a, QPointF b)
    {
        if (m_column != column) {
            flush();
            m_column = column;
            m_top = m_bottom = a.y();
        }
        m_top = std::min(m_top, std::min(a.y(), b.y()));
        m_bottom = std::max(m_bottom, std::max(a.y(), b.y()));
    }

    const double m_penWidth; // in device pixels
    QVector<QRect> *m_bars;
    int m_column = kNone;
    double m_top = 0, m_bottom = 0;
};

bool finite(QPointF p)
{
    return std::isfinite(p.x()) && std::isfinite(p.y());
}

// Fills device-pixel rectangles. Whole pixels without antialiasing take the raster
// engine's span fill; fractional rectangles would each go through its rasterizer. The bars
// go as horizontal bands: the same pixels in a fill call per run of bars and row, not one
// per bar and row.
void fillDeviceRects(QCPPainter *painter, const QVector<QRect> &columnBars)
{
    QVector<QRect> bars = horizontalBands(columnBars);
    painter->setAntialiasing(false); // QCPPainter also drops its half-pixel antialiasing offset
    const QTransform toDevice = painter->deviceTransform();
    if (toDevice.type() <= QTransform::TxTranslate && toDevice.dx() == std::floor(toDevice.dx())
        && toDevice.dy() == std::floor(toDevice.dy())) {
        const QPoint offset(int(toDevice.dx()), int(toDevice.dy()));
        for (QRect &r : bars)
            r.translate(-offset);
        painter->drawRects(bars);
        return;
    }
    // A scaled painter (a high-DPI buffer): the same pixels, in its logical coordinates.
    const QTransform toLogical = toDevice.inverted();
    QVector<QRectF> logical;
    logical.reserve(bars.size());
    for (const QRect &r : std::as_const(bars))
        logical.append(toLogical.mapRect(QRectF(r)));
    painter->drawRects(logical);
}

} // namespace

void DenseLineGraph::drawLinePlot(QCPPainter *painter, const QVector<QPointF> &lines) const
{
    QPen pen = painter->pen();
    const bool exporting = painter->modes().testFlag(QCPPainter::pmVectorized) ||
                           painter->modes().testFlag(QCPPainter::pmNoCaching);
    applyDefaultAntialiasingHint(painter); // before reading the transform: QCPPainter shifts antialiased drawing by half a pixel
    const QTransform toDevice = painter->deviceTransform();
    if (exporting || pen.style() != Qt::SolidLine || pen.color().alpha() == 0 || toDevice.isRotating()) {
        QCPGraph::drawLinePlot(painter, lines);
        return;
    }
    if (qFuzzyCompare(pen.widthF(), 1.0))
        pen.setWidth(0); // as QCustomPlot does: a cosmetic 1 px line looks the same, drawn faster
    // A cosmetic pen's width is in device pixels (0 meaning 1), any other's in plot pixels.
    const double deviceWidth =
        pen.isCosmetic() ? std::max(pen.widthF(), 1.0) : pen.widthF() * toDevice.m11();
    // With fast polylines QCustomPlot draws separate segments; without, joined paths.
    const bool fast = mParentPlot->plottingHints().testFlag(QCP::phFastPolylines);

    QVector<QRect> bars;
    QVector<QLineF> segments;
    QList<QPolygonF> runs;
    ColumnFolder columns(deviceWidth, &bars);
    QPointF p = toDevice.map(lines.value(0));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QPointF q = toDevice.map(lines[i]);
        const QPointF from = p;
        p = q;
        if (!finite(from) || !finite(q)) { // a gap in the line
            columns.flush();
            continue;
        }
        if (std::abs(q.x() - from.x()) <= 1.0) {
            columns.add(from, q);
            continue;
        }
        columns.flush();
        if (fast) {
            segments.append(QLineF(lines[i - 1], lines[i]));
            continue;
        }
        if (runs.isEmpty() || runs.last().last() != lines[i - 1])
            runs.append(QPolygonF{lines[i - 1]});
        runs.last().append(lines[i]);
    }
    columns.flush();

    painter->setPen(Qt::NoPen);
    painter->setBrush(pen.color());
    fillDeviceRects(painter, bars);
    applyDefaultAntialiasingHint(painter);
    painter->setBrush(Qt::NoBrush);
    painter->setPen(pen);
    painter->drawLines(segments);
    for (const QPolygonF &run : std::as_const(runs))
        painter->drawPolyline(run);
}
