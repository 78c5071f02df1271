// The Throughput and Partitions panels offscreen against the real broker: while a producer
// runs at a known rate the chart's graph data holds that rate (cluster, topic and partition
// scopes); the partition table, the bars and the watermark lines equal what kcat produced;
// a click on a point offers to open the messages at that time.

#include "bar_chart.h"
#include "cluster/cluster_session.h"
#include "throughput/offset_poller.h"
#include "models/partition_table_model.h"
#include "throughput/partitions_panel.h"
#include "test_main.h"
#include "test_support.h"
#include "throughput/throughput_panel.h"

#include <QApplication>
#include <QMenu>
#include <QSignalSpy>
#include <QThread>
#include <qcustomplot.h>

using namespace kafkascope;
using namespace kafkascope::testing;

class TestOffsetsPanelsGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void throughputChartHoldsProducedRate();
    void partitionsViewEqualsProducedCounts();
    void manyPartitionsStayReadable();
    void cleanupTestCase();

private:
    QString m_bootstrap;
    QThread m_thread;
    ClusterSession *m_session = nullptr;
};

void TestOffsetsPanelsGui::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    m_session = new ClusterSession(brokerProfile());
    m_session->setRefreshIntervalMs(500);
    m_session->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_session, &ClusterSession::start, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->status().state == SessionState::Connected, 15000);
}

void TestOffsetsPanelsGui::cleanupTestCase()
{
    if (!m_session)
        return;
    QMetaObject::invokeMethod(m_session, &ClusterSession::stop, Qt::BlockingQueuedConnection);
    m_thread.quit(); // the session's poller goes with its thread
    m_thread.wait();
    delete m_session;
}

void TestOffsetsPanelsGui::throughputChartHoldsProducedRate()
{
    const QString topic = uniqueName(QStringLiteral("gui.rate"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, 2, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(m_session->snapshot().topic(topic) != nullptr, 15000);

    ThroughputPanel panel(m_session);
    panel.resize(1000, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QMetaObject::invokeMethod(panel.poller(), [p = panel.poller()] { p->setIntervalMs(1000); }, Qt::QueuedConnection);
    panel.setScope(ThroughputPanel::Scope::Topics);
    QVERIFY(panel.seriesFor(SeriesKey::topicRate(topic)) > 0);

    // 150 msg/s for 8 s, alternating partitions, paced on absolute deadlines.
    static const QString code = QStringLiteral(R"PY(
import sys, time
from confluent_kafka import Producer
bootstrap, topic = sys.argv[1], sys.argv[2]
p = Producer({'bootstrap.servers': bootstrap, 'linger.ms': 0})
p.list_topics(topic, timeout=10)
start = time.time()
for i in range(1200):
    delay = start + i / 150.0 - time.time()
    if delay > 0:
        time.sleep(delay)
    p.produce(topic, b'x', partition=i % 2)
    p.poll(0)
p.flush(10)
print(start, time.time())
)PY");
    const ProcessResult produced = python(code, {m_bootstrap, topic});
    QVERIFY2(produced.ok(), produced.err.constData());
    const QList<QByteArray> words = produced.out.trimmed().split(' ');
    const double start = words.value(0).toDouble(), end = words.value(1).toDouble();

    // The chart's own data: samples whose interval lies inside the production window. The
    // series is looked up each time: topics made by other tests make the panel rebuild them.
    auto meanInWindow = [&](const SeriesKey &key, int *count) {
        double sum = 0;
        *count = 0;
        const SeriesData *data = panel.chart()->seriesData(panel.seriesFor(key));
        if (!data)
            return 0.0;
        for (size_t i = 0; i < data->size(); ++i)
            if (data->at(i).t >= start + 1.5 && data->at(i).t <= end - 0.1) {
                sum += data->at(i).v;
                ++*count;
            }
        return *count ? sum / *count : 0.0;
    };
    int n = 0;
    QTRY_VERIFY_WITH_TIMEOUT((meanInWindow(SeriesKey::topicRate(topic), &n), n >= 4), 10000);
    const double topicRate = meanInWindow(SeriesKey::topicRate(topic), &n);
    qInfo("topic series: %.1f msg/s over %d points (target 150)", topicRate, n);
    QVERIFY2(std::abs(topicRate - 150) <= 15, qPrintable(QString::number(topicRate)));

    // Per partition: two series of about 75 msg/s each.
    panel.setScope(ThroughputPanel::Scope::Partitions, topic);
    QCOMPARE(panel.chart()->seriesIds().size(), 2);
    for (int p = 0; p < 2; ++p) {
        const SeriesKey key = SeriesKey::partitionSeries(OffsetMetric::Rate, topic, p);
        QVERIFY(panel.seriesFor(key) > 0);
        const double rate = meanInWindow(key, &n);
        QVERIFY2(n >= 4 && std::abs(rate - 75) <= 7.5, qPrintable(QStringLiteral("p%1: %2 over %3").arg(p).arg(rate).arg(n)));
    }

    // A click on a partition's point offers to open its messages at that time.
    QSignalSpy open(&panel, &ThroughputPanel::openMessagesRequested);
    const TimeChart::SeriesId p1 = panel.seriesFor(SeriesKey::partitionSeries(OffsetMetric::Rate, topic, 1));
    const double t = panel.chart()->seriesData(p1)->last().t;
    emit panel.chart()->pointClicked(p1, t, 75);
    auto *menu = panel.findChild<QMenu *>(QStringLiteral("pointMenu"));
    QVERIFY(menu);
    auto *action = menu->findChild<QAction *>(QStringLiteral("openMessagesAction"));
    QVERIFY(action);
    action->trigger();
    QCOMPARE(open.count(), 1);
    QCOMPARE(open[0][0].toString(), topic);
    QCOMPARE(open[0][1].toInt(), 1);
    QCOMPARE(open[0][2].toLongLong(), qint64(t * 1000));
    menu->close();

    // Whole cluster: one series, at least this topic's rate while it was producing.
    panel.setScope(ThroughputPanel::Scope::Cluster);
    QCOMPARE(panel.chart()->seriesIds().size(), 1);
    const double cluster = meanInWindow(SeriesKey::cluster(), &n);
    QVERIFY2(n >= 4 && cluster >= 135, qPrintable(QString::number(cluster)));
    deleteTopic(m_bootstrap, topic);
}

void TestOffsetsPanelsGui::partitionsViewEqualsProducedCounts()
{
    const QString topic = uniqueName(QStringLiteral("gui.parts"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, 3, &error), qPrintable(error));
    const QList<int> counts{12, 0, 40};
    for (int p = 0; p < counts.size(); ++p) {
        if (!counts[p])
            continue;
        QByteArray lines;
        for (int i = 0; i < counts[p]; ++i)
            lines += "m" + QByteArray::number(i) + '\n';
        const ProcessResult r = run(QStringLiteral("kcat"), {QStringLiteral("-P"), QStringLiteral("-b"), m_bootstrap,
                                                              QStringLiteral("-t"), topic, QStringLiteral("-p"),
                                                              QString::number(p)},
                                    lines);
        QVERIFY2(r.ok(), r.err.constData());
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_session->snapshot().topic(topic) != nullptr, 15000);

    PartitionsPanel panel(m_session, topic);
    panel.resize(1100, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    PartitionTableModel *model = panel.model();
    auto high = [&](int row) {
        return model->data(model->index(row, PartitionTableModel::High), PartitionTableModel::SortRole).toLongLong();
    };
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 3 && high(0) == 12 && high(1) == 0 && high(2) == 40, 15000);
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(model->data(model->index(row, PartitionTableModel::Low), PartitionTableModel::SortRole).toLongLong(), 0);
        QCOMPARE(model->data(model->index(row, PartitionTableModel::Messages), PartitionTableModel::SortRole).toLongLong(),
                 counts[row]);
        QCOMPARE(model->data(model->index(row, PartitionTableModel::Leader)).toString(), QStringLiteral("1"));
    }
    QCOMPARE(panel.barChart()->values(), (QList<double>{12, 0, 40}));
    QCOMPARE(panel.barChart()->labels(), (QStringList{QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2")}));
    // Watermark lines: the newest point of each partition's high series is its count.
    const QList<TimeChart::SeriesId> ids = panel.watermarkChart()->seriesIds();
    QCOMPARE(ids.size(), 6);
    int checked = 0;
    for (TimeChart::SeriesId id : ids) {
        const QString name = panel.watermarkChart()->seriesName(id);
        if (!name.endsWith(u" high"))
            continue;
        const int p = name.mid(1, name.indexOf(u' ') - 1).toInt();
        QTRY_VERIFY(panel.watermarkChart()->seriesData(id)->size() > 0);
        QCOMPARE(panel.watermarkChart()->seriesData(id)->last().v, double(counts[p]));
        ++checked;
    }
    QCOMPARE(checked, 3);
    // The bars export as CSV with one line per partition.
    const QString csv = QDir::temp().filePath(uniqueName(QStringLiteral("bars")) + QStringLiteral(".csv"));
    QVERIFY(panel.barChart()->exportCsv(csv));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[3], QByteArray("\"2\",40"));
    file.remove();
    deleteTopic(m_bootstrap, topic);
}

// 37 partitions holding 1..469 messages: the legends list a few series and do not cover the
// charts, the value axes fit 1..469 (not ±100,000), lines are drawn from the first refresh on,
// and the skew bars label every fourth partition.
void TestOffsetsPanelsGui::manyPartitionsStayReadable()
{
    const QString topic = uniqueName(QStringLiteral("gui.many"));
    constexpr int kPartitions = 37;
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, kPartitions, &error), qPrintable(error));
    QList<int> counts;
    for (int p = 0; p < kPartitions; ++p)
        counts << (p == 5 ? 469 : 1 + p);
    for (int p = 0; p < kPartitions; ++p) {
        QByteArray lines;
        for (int i = 0; i < counts[p]; ++i)
            lines += "m\n";
        const ProcessResult r = run(QStringLiteral("kcat"), {QStringLiteral("-P"), QStringLiteral("-b"), m_bootstrap,
                                                              QStringLiteral("-t"), topic, QStringLiteral("-p"),
                                                              QString::number(p)},
                                    lines);
        QVERIFY2(r.ok(), r.err.constData());
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_session->snapshot().topic(topic) != nullptr, 15000);
    PartitionsPanel panel(m_session, topic);
    panel.resize(1400, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    TimeChart *chart = panel.watermarkChart();
    QTRY_COMPARE_WITH_TIMEOUT(chart->seriesIds().size(), 2 * kPartitions, 15000);
    // The first refresh is drawn: every high series has a point in its graph.
    QTRY_VERIFY_WITH_TIMEOUT(chart->seriesData(chart->seriesIds().first())->size() >= 1, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(chart->graph(chart->seriesIds().first())->data()->size() >= 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(panel.barChart()->values().size(), kPartitions, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(panel.barChart()->values().value(5) == 469.0, 15000);
    for (int pane = 0; pane < 2; ++pane) {
        QVERIFY2(chart->legendEntries(pane).size() < chart->legendLimit(), qPrintable(chart->legendEntries(pane).join(u',')));
        QVERIFY(chart->legendNote(pane).startsWith(u'+'));
    }
    QVERIFY(chart->legendEntries(0).contains(QStringLiteral("p5 high"))); // the busiest is listed
    chart->plot()->replot();
    QCPAxisRect *highPane = chart->plot()->axisRect(0);
    auto *legend = qobject_cast<QCPLegend *>(highPane->insetLayout()->elementAt(0));
    QVERIFY(legend);
    QVERIFY2(legend->outerRect().height() <= highPane->height() * 0.75,
             qPrintable(QStringLiteral("legend %1 of %2 px").arg(legend->outerRect().height()).arg(highPane->height())));
    QTRY_VERIFY_WITH_TIMEOUT(highPane->axis(QCPAxis::atLeft)->range().upper >= 469, 10000);
    const QCPRange y = highPane->axis(QCPAxis::atLeft)->range();
    QVERIFY2(y.lower >= -100 && y.upper <= 600, qPrintable(QStringLiteral("%1..%2").arg(y.lower).arg(y.upper)));
    QCOMPARE(panel.barChart()->axisLabels().size(), 10);
    QCOMPARE(panel.barChart()->axisLabels().value(1), QStringLiteral("4"));
    deleteTopic(m_bootstrap, topic);
}

KAFKASCOPE_GUI_TEST_MAIN(TestOffsetsPanelsGui)
#include "tst_offsets_panels_gui.moc"
