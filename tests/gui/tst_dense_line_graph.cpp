// DenseLineGraph draws dense stretches of a line as one whole-pixel bar per column: on
// screen it must ink the same pixels, column by column, as QCustomPlot's own line of the
// same points (within a pixel), keep sparse stretches and gaps as lines, and stay a plain
// QCPGraph where drawing must be exact (exports).

#include "dense_line_graph.h"
#include "test_main.h"

#include <QImage>
#include <cmath>

namespace {

struct Extent
{
    int top = -1, bottom = -1; // inked rows, -1 when the column is blank
    bool inked() const { return top >= 0; }
};

// Renders `values` (x = index) with a graph of the given kind, as the screen shows it.
QImage render(bool dense, const QVector<double> &values, double penWidth)
{
    QCustomPlot plot;
    plot.resize(640, 360);
    plot.setPlottingHint(QCP::phFastPolylines, false);
    QCPGraph *graph = dense ? new DenseLineGraph(plot.xAxis, plot.yAxis) : new QCPGraph(plot.xAxis, plot.yAxis);
    graph->setAntialiased(true); // as charts draw
    graph->setAdaptiveSampling(false);
    graph->setPen(QPen(Qt::black, penWidth));
    QVector<double> keys(values.size());
    for (qsizetype i = 0; i < keys.size(); ++i)
        keys[i] = double(i);
    graph->setData(keys, values, true);
    plot.xAxis->setRange(0, double(values.size() - 1));
    plot.yAxis->setRange(-15, 40);
    plot.xAxis->grid()->setVisible(false);
    plot.yAxis->grid()->setVisible(false);
    plot.show();
    plot.replot(QCustomPlot::rpImmediateRefresh);
    QImage shot = plot.grab().toImage();
    // Only the plotting area: the axes are drawn alike and would match trivially.
    return shot.copy(plot.axisRect()->rect().adjusted(2, 2, -2, -2));
}

// Rows of column x at least half inked (an antialiased line covering at least half a pixel).
Extent inkedExtent(const QImage &image, int x)
{
    Extent e;
    for (int y = 0; y < image.height(); ++y) {
        const QColor c = image.pixelColor(x, y);
        if (c.red() + c.green() + c.blue() < 3 * 128) {
            if (!e.inked())
                e.top = y;
            e.bottom = y;
        }
    }
    return e;
}

QVector<double> denseWithSpikeAndGap()
{
    QVector<double> v;
    for (int i = 0; i < 30000; ++i)
        v.append(std::sin(i * 0.0007) * 10 + (i % 7) * 0.4);
    v[12345] = 35; // a spike
    v[20000] = std::nan(""); // a gap
    return v;
}

} // namespace

class TestDenseLineGraph : public QObject
{
    Q_OBJECT
private slots:
    void inksWhatTheLineInks_data();
    void inksWhatTheLineInks();
    void sparseLineIsDrawnAsALine();
};

void TestDenseLineGraph::inksWhatTheLineInks_data()
{
    QTest::addColumn<double>("penWidth");
    QTest::addColumn<int>("worstAllowed");   // px, in any column
    QTest::addColumn<double>("meanAllowed"); // px, over all columns
    // A bar ends half a pen beyond the line's extreme points; a wide pen's bevelled joins
    // stop shorter at a zigzag's tips.
    QTest::newRow("1 px pen") << 1.0 << 1 << 0.5;
    QTest::newRow("3 px pen") << 3.0 << 2 << 1.5;
}

void TestDenseLineGraph::inksWhatTheLineInks()
{
    QFETCH(double, penWidth);
    QFETCH(int, worstAllowed);
    QFETCH(double, meanAllowed);
    const QVector<double> values = denseWithSpikeAndGap();
    const QImage line = render(false, values, penWidth);
    const QImage bars = render(true, values, penWidth);
    QCOMPARE(bars.size(), line.size());
    int columns = 0, worst = 0;
    double totalOff = 0;
    for (int x = 0; x < line.width(); ++x) {
        const Extent a = inkedExtent(line, x), b = inkedExtent(bars, x);
        QCOMPARE(b.inked(), a.inked());
        if (!a.inked())
            continue;
        ++columns;
        const int off = std::max(std::abs(a.top - b.top), std::abs(a.bottom - b.bottom));
        worst = std::max(worst, off);
        totalOff += off;
    }
    QVERIFY(columns > 500);
    QVERIFY2(worst <= worstAllowed, qPrintable(QStringLiteral("worst column off by %1 px").arg(worst)));
    QVERIFY2(totalOff / columns <= meanAllowed, qPrintable(QStringLiteral("mean offset %1 px").arg(totalOff / columns)));
}

void TestDenseLineGraph::sparseLineIsDrawnAsALine()
{
    // Five points across the plot: every segment is many pixels long, none becomes a bar.
    const QVector<double> values = {0, 30, -10, 20, 5};
    const QImage line = render(false, values, 1.0);
    const QImage bars = render(true, values, 1.0);
    QCOMPARE(bars, line);
}

KAFKASCOPE_GUI_TEST_MAIN(TestDenseLineGraph)
#include "tst_dense_line_graph.moc"
