// The live chart widget, offscreen: data lands in the series, follow/pause, legend
// toggles, crosshair values, stats, exports; a dense series is drawn from a decimated copy
// while everything that reads values sees every point.

#include "test_main.h"
#include "bar_chart.h"
#include "time_chart.h"

#include <QFile>
#include <QImage>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

class TestTimeChart : public QObject
{
    Q_OBJECT
private slots:
    void appendLandsInGraph();
    void followTracksNewestAndDragPauses();
    void legendClickTogglesSeries();
    void valuesAtAndStats();
    void panesShareTimeAxis();
    void exports();
    void exportCsvRowsAreTheChartData();
    void exportFailureShowsPathAndReason_data();
    void exportFailureShowsPathAndReason();
    void clickReportsNearestPoint();
    void denseSeriesGraphIsDecimated();
    void followPutsNowAtRightEdge_data();
    void followPutsNowAtRightEdge();
    void valueAxisFitsData_data();
    void valueAxisFitsData();
    void gapIsAGapInTheLine();
    void loneFirstSampleIsDrawn();
    void legendFoldsManySeries();
    void barLabelsThinOut_data();
    void barLabelsThinOut();
};

namespace {
// Pixels of `colour` in one column of the chart's plot area, as drawn on screen.
int inkInColumn(TimeChart &chart, double t, QColor colour)
{
    chart.plot()->replot();
    const QImage image = chart.plot()->toPixmap().toImage();
    if (qEnvironmentVariableIsSet("CHART_DEBUG_PNG"))
        image.save(QString::fromLocal8Bit(qgetenv("CHART_DEBUG_PNG")));
    QCPAxisRect *rect = chart.plot()->axisRect();
    const int x = int(rect->axis(QCPAxis::atBottom)->coordToPixel(t));
    int ink = 0;
    for (int y = rect->top(); y < rect->bottom(); ++y) {
        const QColor c(image.pixel(x, y)); // antialiased: near the pen's colour counts
        ink += std::abs(c.red() - colour.red()) < 70 && std::abs(c.green() - colour.green()) < 70
               && std::abs(c.blue() - colour.blue()) < 70;
    }
    return ink;
}
} // namespace

void TestTimeChart::followPutsNowAtRightEdge_data()
{
    QTest::addColumn<bool>("live");
    QTest::addColumn<double>("window");
    QTest::addColumn<double>("left");
    QTest::addColumn<double>("right");
    // 20 s of data under a 5-minute window: the data sits at the right, the window reaches back.
    QTest::newRow("history chart") << false << 300.0 << 720.0 << 1020.0;
    // A live chart 10 s after its last point: now (1030) is the right edge.
    QTest::newRow("live chart") << true << 300.0 << 730.0 << 1030.0;
    QTest::newRow("live, all") << true << 0.0 << 1000.0 << 1030.0;
}

void TestTimeChart::followPutsNowAtRightEdge()
{
    QFETCH(bool, live);
    QFETCH(double, window);
    QFETCH(double, left);
    QFETCH(double, right);
    TimeChart chart;
    chart.resize(800, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    double now = 1030;
    if (live)
        chart.setClock([&now] { return now; });
    chart.setTimeWindow(window);
    const auto id = chart.addSeries(0, QStringLiteral("rate"));
    chart.appendPoint(id, 1000, 900); // a start-up spike
    for (int i = 1; i <= 20; ++i)
        chart.appendPoint(id, 1000 + i, 200);
    QTRY_COMPARE(chart.visibleRange(), qMakePair(left, right));
    if (live) { // no new point: the window still slides with the clock
        now = 1100;
        QTRY_COMPARE(chart.visibleRange().second, 1100.0);
    }
}

void TestTimeChart::valueAxisFitsData_data()
{
    QTest::addColumn<bool>("includeZero");
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<double>("lowest");  // the axis' lower end is at or above this
    QTest::addColumn<double>("highest"); // and its upper end at or below this
    QTest::newRow("idle rate") << true << QList<double>{0, 0, 0, 0} << 0.0 << 2.0;
    QTest::newRow("steady rate") << true << QList<double>{200, 200, 200} << 0.0 << 260.0;
    QTest::newRow("watermarks 1..469") << false << QList<double>{1, 50, 300, 469} << -60.0 << 530.0;
    QTest::newRow("flat watermark") << false << QList<double>{469, 469, 469} << 440.0 << 500.0;
}

void TestTimeChart::valueAxisFitsData()
{
    QFETCH(bool, includeZero);
    QFETCH(QList<double>, values);
    QFETCH(double, lowest);
    QFETCH(double, highest);
    TimeChart chart;
    chart.resize(800, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setIncludeZero(0, includeZero);
    chart.setTimeWindow(60);
    const auto id = chart.addSeries(0, QStringLiteral("s"));
    for (qsizetype i = 0; i < values.size(); ++i)
        chart.appendPoint(id, 1000 + double(i), values[i]);
    QTRY_COMPARE(chart.visibleRange().second, 1000.0 + double(values.size() - 1));
    const QCPRange y = chart.plot()->axisRect()->axis(QCPAxis::atLeft)->range();
    const double lo = *std::min_element(values.cbegin(), values.cend());
    const double hi = *std::max_element(values.cbegin(), values.cend());
    QVERIFY2(y.lower <= lo && y.upper >= hi, qPrintable(QStringLiteral("%1..%2").arg(y.lower).arg(y.upper)));
    QVERIFY2(y.lower >= lowest && y.upper <= highest,
             qPrintable(QStringLiteral("%1..%2").arg(y.lower).arg(y.upper)));
    if (includeZero)
        QCOMPARE(y.lower, 0.0); // rates are never negative: the axis starts at 0
}

void TestTimeChart::gapIsAGapInTheLine()
{
    TimeChart chart;
    chart.resize(800, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setIncludeZero(0, true);
    chart.setTimeWindow(0);
    const QColor colour(0x12, 0x34, 0xd6);
    const auto id = chart.addSeries(0, QStringLiteral("rate"), colour);
    // Polls every second, an outage from 1010 to 1050 (the store marks it with NaN), then a
    // lower rate: no slope may cross the outage.
    for (int i = 0; i <= 10; ++i)
        chart.appendPoint(id, 1000 + i, 200);
    chart.appendPoint(id, 1011, std::nan(""));
    for (int i = 50; i <= 60; ++i)
        chart.appendPoint(id, 1000 + i, 50);
    QTRY_COMPARE(chart.visibleRange().second, 1060.0);
    QVERIFY(inkInColumn(chart, 1009, colour) > 0); // the control: a drawn stretch has ink
    QVERIFY(inkInColumn(chart, 1055, colour) > 0);
    QCOMPARE(inkInColumn(chart, 1030, colour), 0);
    QCOMPARE(chart.visibleStats(id).count, 22); // the gap is no value
}

void TestTimeChart::loneFirstSampleIsDrawn()
{
    TimeChart chart;
    chart.resize(800, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setTimeWindow(60);
    const QColor colour(0x12, 0x34, 0xd6);
    const auto id = chart.addSeries(0, QStringLiteral("p0 high"), colour);
    chart.appendPoint(id, 1000, 469);
    QTRY_COMPARE(chart.visibleRange().second, 1000.0);
    QVERIFY(inkInColumn(chart, 1000 - 0.1, colour) > 0); // the first poll shows as a dot
}

void TestTimeChart::legendFoldsManySeries()
{
    TimeChart chart;
    chart.resize(900, 500);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setTimeWindow(60);
    QList<TimeChart::SeriesId> ids;
    for (int p = 0; p < 37; ++p) {
        ids << chart.addSeries(0, QStringLiteral("p%1 high").arg(p));
        chart.appendPoint(ids.last(), 1000, p == 20 ? 10000 : p); // p20 is the busiest
    }
    QTRY_COMPARE(chart.legendEntries(0).size(), chart.legendLimit() - 1);
    QVERIFY(chart.legendEntries(0).contains(QStringLiteral("p20 high")));
    QVERIFY(chart.legendEntries(0).contains(QStringLiteral("p36 high")));
    QVERIFY(!chart.legendEntries(0).contains(QStringLiteral("p0 high")));
    QVERIFY(chart.legendNote(0).startsWith(QStringLiteral("+30 more")));
    chart.plot()->replot();
    QCPAxisRect *rect = chart.plot()->axisRect();
    QCPLegend *legend = qobject_cast<QCPLegend *>(rect->insetLayout()->elementAt(0));
    QVERIFY(legend);
    QVERIFY2(legend->outerRect().height() < rect->height() / 2,
             qPrintable(QStringLiteral("legend %1 px of %2").arg(legend->outerRect().height()).arg(rect->height())));
    // Every value still reads on hover, folded or not.
    QCOMPARE(chart.valuesAt(1000).size(), 37);
    // The note unfolds the legend, and folds it again.
    const QRect note = legend->item(legend->itemCount() - 1)->outerRect();
    QTest::mouseClick(chart.plot(), Qt::LeftButton, {}, note.center());
    QTRY_COMPARE(chart.legendEntries(0).size(), 37);
    chart.setLegendExpanded(0, false);
    QTRY_COMPARE(chart.legendEntries(0).size(), chart.legendLimit() - 1);
}

void TestTimeChart::appendLandsInGraph()
{
    TimeChart chart;
    const auto id = chart.addSeries(0, QStringLiteral("rate"));
    const std::vector<double> t{100, 101, 102}, v{1, 2, 3};
    chart.appendPoints(id, t, v);
    chart.appendPoint(id, 103, 4);
    QCOMPARE(chart.pointCount(id), 4);
    QCOMPARE(chart.seriesData(id)->at(3).t, 103.0);
    QCOMPARE(chart.seriesData(id)->at(3).v, 4.0);
    chart.trimBefore(102);
    QCOMPARE(chart.pointCount(id), 2);
    QCOMPARE(chart.seriesData(id)->first().t, 102.0);
    chart.trimSeriesBefore(id, 103);
    QCOMPARE(chart.pointCount(id), 1);
    chart.clearSeries(id);
    QCOMPARE(chart.pointCount(id), 0);
    QVERIFY(!chart.seriesData(id + 100));
}

void TestTimeChart::followTracksNewestAndDragPauses()
{
    TimeChart chart;
    chart.resize(800, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setTimeWindow(60);
    const auto id = chart.addSeries(0, QStringLiteral("s"));
    for (int i = 0; i < 300; ++i)
        chart.appendPoint(id, 1000 + i, i);
    QTRY_COMPARE(chart.visibleRange().second, 1299.0);
    QCOMPARE(chart.visibleRange().first, 1239.0);
    QSignalSpy followSpy(&chart, &TimeChart::followChanged);
    // A drag on the plot pans it: follow turns off and the range stays put.
    QWidget *plot = chart.plot();
    QTest::mousePress(plot, Qt::LeftButton, {}, QPoint(400, 200));
    QMouseEvent move(QEvent::MouseMove, QPointF(200, 200), plot->mapToGlobal(QPointF(200, 200)), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(plot, &move);
    QTest::mouseRelease(plot, Qt::LeftButton, {}, QPoint(200, 200));
    QVERIFY(!chart.follow());
    QCOMPARE(followSpy.count(), 1);
    const auto paused = chart.visibleRange();
    QSignalSpy replotted(chart.plot(), &QCustomPlot::afterReplot);
    chart.appendPoint(id, 2000, 1);
    // The frame that would have followed the new point has been drawn, and the range stayed.
    QTRY_VERIFY(replotted.count() > 0);
    QCOMPARE(chart.visibleRange(), paused);
    chart.setFollow(true);
    QTRY_COMPARE(chart.visibleRange().second, 2000.0);
}

void TestTimeChart::legendClickTogglesSeries()
{
    TimeChart chart;
    chart.resize(800, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const auto a = chart.addSeries(0, QStringLiteral("a"));
    chart.addSeries(0, QStringLiteral("b"));
    chart.appendPoint(a, 1, 1);
    chart.plot()->replot();
    QCPLegend *legend = nullptr;
    for (int i = 0; i < chart.plot()->axisRect()->insetLayout()->elementCount(); ++i)
        if ((legend = qobject_cast<QCPLegend *>(chart.plot()->axisRect()->insetLayout()->elementAt(i))))
            break;
    QVERIFY(legend);
    const QPoint itemCentre = legend->item(0)->outerRect().center();
    QTest::mouseClick(chart.plot(), Qt::LeftButton, {}, itemCentre);
    QVERIFY(!chart.isSeriesVisible(a));
    QTest::mouseClick(chart.plot(), Qt::LeftButton, {}, itemCentre);
    QVERIFY(chart.isSeriesVisible(a));
}

void TestTimeChart::valuesAtAndStats()
{
    TimeChart chart;
    chart.setTimeWindow(0);
    const auto a = chart.addSeries(0, QStringLiteral("temp"));
    const auto b = chart.addSeries(0, QStringLiteral("hum"));
    const std::vector<double> t{10, 20, 30}, va{1, 5, 3}, vb{40, 50, 60};
    chart.appendPoints(a, t, va);
    chart.appendPoints(b, t, vb);
    const auto at25 = chart.valuesAt(25);
    QCOMPARE(at25.size(), 2);
    QCOMPARE(at25[0], qMakePair(QStringLiteral("temp"), 5.0));
    QCOMPARE(at25[1], qMakePair(QStringLiteral("hum"), 50.0));
    chart.plot()->xAxis->setRange(0, 100); // the first pane's axes
    chart.plot()->axisRect()->axis(QCPAxis::atBottom)->setRange(0, 100);
    const auto st = chart.visibleStats(a);
    QCOMPARE(st.count, 3);
    QCOMPARE(st.min, 1.0);
    QCOMPARE(st.max, 5.0);
    QCOMPARE(st.mean, 3.0);
    QCOMPARE(st.last, 3.0);
}

void TestTimeChart::panesShareTimeAxis()
{
    TimeChart chart;
    QCOMPARE(chart.addPane(QStringLiteral("%")), 1);
    const auto a = chart.addSeries(1, QStringLiteral("x"));
    QCOMPARE(chart.seriesPane(a), 1);
    chart.plot()->axisRect(0)->axis(QCPAxis::atBottom)->setRange(5, 50);
    QCOMPARE(chart.plot()->axisRect(1)->axis(QCPAxis::atBottom)->range(), QCPRange(5, 50));
    chart.removePane(1);
    QCOMPARE(chart.paneCount(), 1);
    QVERIFY(chart.seriesIds().isEmpty());
}

void TestTimeChart::exports()
{
    QTemporaryDir dir;
    TimeChart chart;
    chart.resize(640, 360);
    const auto a = chart.addSeries(0, QStringLiteral("name, with \"quotes\""));
    chart.appendPoint(a, 1700000000.5, 42.25);
    chart.addThreshold(0, 40, QStringLiteral("limit"));
    const QString png = dir.filePath(QStringLiteral("c.png"));
    QVERIFY(chart.exportPng(png, 640, 360));
    QCOMPARE(QImage(png).size(), QSize(640, 360));
    const QString pdf = dir.filePath(QStringLiteral("c.pdf"));
    QVERIFY(chart.exportPdf(pdf));
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(pdfFile.read(4) == "%PDF");
    const QString csv = dir.filePath(QStringLiteral("c.csv"));
    QVERIFY(chart.exportCsv(csv));
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csvFile.readAll().split('\n');
    QCOMPARE(lines[0], QByteArray("series,time_utc,epoch_seconds,value"));
    QCOMPARE(lines[1], QByteArray("\"name, with \"\"quotes\"\"\",2023-11-14T22:13:20.500Z,1700000000.500,42.25"));
    QString error;
    QVERIFY(!chart.exportCsv(QStringLiteral("/nonexistent/dir/x.csv"), &error));
    QVERIFY(error.contains(QStringLiteral("/nonexistent/dir/x.csv")));
}

// ChartExport::exportTo (what every panel's Export menu runs after its file dialog): the CSV
// holds one row per point of every series, equal to what the chart holds.
void TestTimeChart::exportCsvRowsAreTheChartData()
{
    QTemporaryDir dir;
    TimeChart chart;
    const auto a = chart.addSeries(0, QStringLiteral("a"));
    const auto b = chart.addSeries(chart.addPane(), QStringLiteral("b"));
    for (int i = 0; i < 500; ++i) {
        chart.appendPoint(a, 1700000000.0 + i * 0.25, std::sin(i * 0.1) * 100);
        if (i % 3 == 0)
            chart.appendPoint(b, 1700000000.0 + i * 0.25, i * 1.5);
    }
    const QString csv = dir.filePath(QStringLiteral("data.csv"));
    QVERIFY(ChartExport::exportTo(&chart, chart.exportSource(), csv, ChartExport::Format::Csv));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 1 + chart.pointCount(a) + chart.pointCount(b));
    qsizetype row = 1;
    for (const auto id : {a, b}) {
        const SeriesData *data = chart.seriesData(id);
        for (size_t i = 0; i < data->size(); ++i, ++row) {
            const QList<QByteArray> cells = lines[row].split(',');
            QCOMPARE(cells.size(), 4);
            QCOMPARE(cells[0], '"' + chart.seriesName(id).toUtf8() + '"');
            QCOMPARE(cells[2].toDouble(), std::round(data->at(i).t * 1000) / 1000);
            QCOMPARE(cells[3].toDouble(), QByteArray::number(data->at(i).v, 'g', 12).toDouble());
        }
    }
    const QString bars = dir.filePath(QStringLiteral("bars.csv"));
    BarChart barChart;
    barChart.setBars({QStringLiteral("p0"), QStringLiteral("p1")}, {3, 40});
    QVERIFY(ChartExport::exportTo(&barChart, barChart.exportSource(), bars, ChartExport::Format::Csv));
    QFile barFile(bars);
    QVERIFY(barFile.open(QIODevice::ReadOnly));
    QCOMPARE(barFile.readAll(), QByteArray("\"category\",\"value\"\n\"p0\",3\n\"p1\",40\n"));
}

void TestTimeChart::exportFailureShowsPathAndReason_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("csv") << int(ChartExport::Format::Csv);
    QTest::newRow("png") << int(ChartExport::Format::Png);
    QTest::newRow("pdf") << int(ChartExport::Format::Pdf);
}

// A path that cannot be written: the user is told which path and why, without a modal loop.
void TestTimeChart::exportFailureShowsPathAndReason()
{
    QFETCH(int, format);
    TimeChart chart;
    chart.resize(640, 360);
    chart.appendPoint(chart.addSeries(0, QStringLiteral("a")), 1700000000.0, 1);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QString path = QStringLiteral("/nonexistent/dir/chart.x");
    QVERIFY(!ChartExport::exportTo(&chart, chart.exportSource(), path, ChartExport::Format(format)));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = chart.findChild<QMessageBox *>(QStringLiteral("chartExportError"))) && box->isVisible());
    QVERIFY2(box->text().contains(path), qPrintable(box->text()));
    QVERIFY2(box->text().contains(QStringLiteral("No such file or directory")), qPrintable(box->text()));
    box->close();
    QTRY_VERIFY(!chart.findChild<QMessageBox *>(QStringLiteral("chartExportError")));
}

void TestTimeChart::clickReportsNearestPoint()
{
    TimeChart chart;
    chart.resize(800, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setTimeWindow(0);
    const auto a = chart.addSeries(0, QStringLiteral("s"), {}, TimeChart::Style::Dots);
    const std::vector<double> t{100, 200, 300}, v{1, 2, 3};
    chart.appendPoints(a, t, v);
    QTRY_VERIFY(chart.visibleRange().second >= 300);
    chart.plot()->replot();
    QCPAxisRect *rect = chart.plot()->axisRect();
    const QPoint at(int(rect->axis(QCPAxis::atBottom)->coordToPixel(200)),
                    int(rect->axis(QCPAxis::atLeft)->coordToPixel(2)));
    QSignalSpy spy(&chart, &TimeChart::pointClicked);
    QTest::mouseClick(chart.plot(), Qt::LeftButton, {}, at);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().at(1).toDouble(), 200.0);
    QCOMPARE(spy.first().at(2).toDouble(), 2.0);
}

void TestTimeChart::denseSeriesGraphIsDecimated()
{
    TimeChart chart;
    chart.resize(1280, 720);
    chart.setTimeWindow(0);
    const auto id = chart.addSeries(0, QStringLiteral("dense"));
    constexpr int kPoints = 100000;
    std::vector<double> t(kPoints), v(kPoints);
    for (size_t i = 0; i < t.size(); ++i) {
        t[i] = 1700000000.0 + double(i) * 0.1;
        v[i] = std::sin(double(i) * 0.001) * 10 + double(i % 7) * 0.1;
    }
    v[54321] = 250; // one spike and one dip: the drawn line must keep both
    v[7777] = -90;
    double sum = 0;
    for (double x : v)
        sum += x;
    chart.appendPoints(id, t, v);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QCPGraph *graph = chart.graph(id);
    QTRY_VERIFY(graph->dataCount() > 0);
    chart.plot()->replot(QCustomPlot::rpImmediateRefresh); // the frame's image, for the checks below
    QCPAxisRect *rect = chart.plot()->axisRect();
    const int width = rect->width();
    QVERIFY(width > 100);
    QVERIFY2(graph->dataCount() <= 4 * width + 2, qPrintable(QString::number(graph->dataCount())));
    double drawnMin = 0, drawnMax = 0;
    for (const QCPGraphData &d : *graph->data()) {
        drawnMin = std::min(drawnMin, d.value);
        drawnMax = std::max(drawnMax, d.value);
    }
    QCOMPARE(drawnMin, -90.0);
    QCOMPARE(drawnMax, 250.0);
    const QCPRange y = rect->axis(QCPAxis::atLeft)->range();
    QVERIFY(y.lower < -90 && y.upper > 250);
    // On screen the spike and the dip are inked to their ends, and nothing beyond.
    const QImage shot = chart.plot()->grab().toImage();
    auto inked = [&](double t, double value, int dy) {
        const QPointF at = graph->coordsToPixels(t, value);
        int darkest = 255 * 3;
        for (int dx = -1; dx <= 1; ++dx) {
            const QColor c = shot.pixelColor(qRound(at.x()) + dx, qRound(at.y()) + dy);
            darkest = std::min(darkest, c.red() + c.green() + c.blue());
        }
        return darkest < 3 * 200;
    };
    QVERIFY(inked(t[54321], 250, 1));
    QVERIFY(!inked(t[54321], 250, -4));
    QVERIFY(inked(t[7777], -90, -1));
    QVERIFY(!inked(t[7777], -90, 4));

    // Everything that reads values sees every point.
    QCOMPARE(chart.pointCount(id), kPoints);
    const auto st = chart.visibleStats(id);
    QCOMPARE(st.count, kPoints);
    QCOMPARE(st.min, -90.0);
    QCOMPARE(st.max, 250.0);
    QCOMPARE(st.mean, sum / kPoints);
    QCOMPARE(st.last, v.back());
    for (size_t i : {size_t(0), size_t(7777), size_t(7778), size_t(54321), size_t(kPoints - 1)}) {
        QCOMPARE(chart.valuesAt(t[i]).value(0).second, v[i]);
        QCOMPARE(chart.valuesAt(t[i] + 0.05).value(0).second, v[i]); // between points: the one before
    }
    // A click on the spike reports that very point, not a neighbour of the decimated copy.
    QSignalSpy clicked(&chart, &TimeChart::pointClicked);
    const QPoint spike(qRound(rect->axis(QCPAxis::atBottom)->coordToPixel(t[54321])),
                       qRound(rect->axis(QCPAxis::atLeft)->coordToPixel(250)));
    QTest::mouseClick(chart.plot(), Qt::LeftButton, {}, spike);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().at(1).toDouble(), t[54321]);
    QCOMPARE(clicked.first().at(2).toDouble(), 250.0);

    // Zoomed in to a few points, the graph holds exactly those and one beyond each side.
    rect->axis(QCPAxis::atBottom)->setRange(t[54300], t[54340]);
    chart.plot()->replot();
    QCOMPARE(graph->dataCount(), 41 + 2);
    for (int k = 0; k < graph->dataCount(); ++k) {
        QCOMPARE(graph->data()->at(k)->key, t[size_t(54299 + k)]);
        QCOMPARE(graph->data()->at(k)->value, v[size_t(54299 + k)]);
    }
    QCOMPARE(chart.visibleStats(id).count, 41);
}

KAFKASCOPE_GUI_TEST_MAIN(TestTimeChart)
void TestTimeChart::barLabelsThinOut_data()
{
    QTest::addColumn<int>("bars");
    QTest::addColumn<QStringList>("labels");
    QTest::newRow("3") << 3 << QStringList{QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2")};
    QTest::newRow("10") << 10 << QStringList{QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2"),
                                             QStringLiteral("3"), QStringLiteral("4"), QStringLiteral("5"),
                                             QStringLiteral("6"), QStringLiteral("7"), QStringLiteral("8"),
                                             QStringLiteral("9")};
    QTest::newRow("37") << 37 << QStringList{QStringLiteral("0"),  QStringLiteral("4"),  QStringLiteral("8"),
                                             QStringLiteral("12"), QStringLiteral("16"), QStringLiteral("20"),
                                             QStringLiteral("24"), QStringLiteral("28"), QStringLiteral("32"),
                                             QStringLiteral("36")};
}

void TestTimeChart::barLabelsThinOut()
{
    QFETCH(int, bars);
    QFETCH(QStringList, labels);
    BarChart chart;
    QStringList names;
    QList<double> values;
    for (int i = 0; i < bars; ++i) {
        names << QString::number(i);
        values << double(i * 10);
    }
    chart.setBars(names, values);
    QCOMPARE(chart.axisLabels(), labels);
    QCOMPARE(chart.values(), values); // every bar is still there
}

#include "tst_time_chart.moc"
