// The offset poller against the real broker: watermarks and counts equal what kcat
// produced, a steady 200 msg/s is measured within 10 %, a recreated topic restarts its
// series without negative rates, a refresh costs one request pair per leader, and samples
// keep coming while the session's own thread is stuck (as in a metadata request to a hung
// broker).

#include "cluster/cluster_session.h"
#include "throughput/offset_poller.h"
#include "test_main.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSemaphore>
#include <QThread>

using namespace kafkascope;
using namespace kafkascope::testing;

class TestOffsetPoller : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void watermarksEqualProducedCounts_data();
    void watermarksEqualProducedCounts();
    void steadyRateWithinTenPercent();
    void recreatedTopicRestartsWithoutNegativeRates();
    void samplesWhileSessionThreadIsBusy();

private:
    // A session and its poller on one worker thread, as the app runs them.
    struct Running
    {
        QThread thread;
        ClusterSession *session = nullptr;
        OffsetPoller *poller = nullptr;
        explicit Running(int intervalMs)
        {
            session = new ClusterSession(brokerProfile());
            session->setRefreshIntervalMs(500);
            poller = new OffsetPoller(session);
            poller->setIntervalMs(intervalMs);
            session->moveToThread(&thread);
            poller->moveToThread(&thread);
            thread.start();
            QMetaObject::invokeMethod(session, &ClusterSession::start, Qt::QueuedConnection);
            QMetaObject::invokeMethod(poller, &OffsetPoller::start, Qt::QueuedConnection);
        }
        ~Running()
        {
            QMetaObject::invokeMethod(poller, &OffsetPoller::stop, Qt::BlockingQueuedConnection);
            QMetaObject::invokeMethod(session, &ClusterSession::stop, Qt::BlockingQueuedConnection);
            thread.quit();
            thread.wait();
            delete poller;
            delete session;
        }
    };
    static bool produce(const QString &bootstrap, const QString &topic, int partition, int count);
    QString m_bootstrap;
};

bool TestOffsetPoller::produce(const QString &bootstrap, const QString &topic, int partition, int count)
{
    if (count == 0)
        return true;
    QByteArray lines;
    for (int i = 0; i < count; ++i)
        lines += "message " + QByteArray::number(i) + '\n';
    const ProcessResult r = run(QStringLiteral("kcat"),
                                {QStringLiteral("-P"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic,
                                 QStringLiteral("-p"), QString::number(partition)},
                                lines);
    if (!r.ok())
        qWarning("kcat failed: %s", r.err.constData());
    return r.ok();
}

void TestOffsetPoller::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
}

void TestOffsetPoller::watermarksEqualProducedCounts_data()
{
    QTest::addColumn<QList<int>>("counts"); // messages per partition
    QTest::newRow("one partition") << QList<int>{25};
    QTest::newRow("uneven, one empty") << QList<int>{7, 0, 131, 1};
    QTest::newRow("six partitions") << QList<int>{10, 20, 30, 40, 50, 60};
}

void TestOffsetPoller::watermarksEqualProducedCounts()
{
    QFETCH(QList<int>, counts);
    const QString topic = uniqueName(QStringLiteral("offsets"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, int(counts.size()), &error), qPrintable(error));
    for (int p = 0; p < counts.size(); ++p)
        QVERIFY(produce(m_bootstrap, topic, p, counts[p]));

    Running r(500);
    auto matches = [&] {
        const QList<PartitionOffsetState> got = r.poller->history().latest().topic(topic);
        if (got.size() != counts.size())
            return false;
        for (const PartitionOffsetState &s : got)
            if (!s.error.isEmpty() || s.high != counts[s.partition])
                return false;
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(matches(), 20000);
    const OffsetsSnapshot latest = r.poller->history().latest();
    for (const PartitionOffsetState &s : latest.topic(topic)) {
        QCOMPARE(s.low, qint64(0));
        QCOMPARE(s.high, qint64(counts[s.partition]));
        QCOMPARE(s.count(), qint64(counts[s.partition]));
        QCOMPARE(s.leader, 1);
    }
    // One broker leads everything: one batched request per round (low, high).
    QCOMPARE(latest.requests, 2);
    QCOMPARE(latest.failedPartitions, 0);
    // The history holds the same high watermark for each partition.
    for (int p = 0; p < counts.size(); ++p) {
        const auto high = r.poller->history().series(SeriesKey::partitionSeries(OffsetMetric::High, topic, p), 0);
        QVERIFY(!high.empty());
        QCOMPARE(high.back().v, double(counts[p]));
    }
    deleteTopic(m_bootstrap, topic);
}

void TestOffsetPoller::steadyRateWithinTenPercent()
{
    const QString topic = uniqueName(QStringLiteral("rate"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, 2, &error), qPrintable(error));
    Running r(OffsetPoller::kDefaultIntervalMs);
    QTRY_VERIFY_WITH_TIMEOUT(r.poller->history().latest().topic(topic).size() == 2, 20000);

    // 200 msg/s for 12 s, paced on absolute deadlines so the rate does not drift.
    static const QString code = QStringLiteral(R"PY(
import sys, time
from confluent_kafka import Producer
bootstrap, topic, rate, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
p = Producer({'bootstrap.servers': bootstrap, 'linger.ms': 0})
p.list_topics(topic, timeout=10)
n = int(rate * seconds)
start = time.time()
for i in range(n):
    delay = start + i / rate - time.time()
    if delay > 0:
        time.sleep(delay)
    p.produce(topic, b'x', partition=i % 2)
    p.poll(0)
p.flush(10)
print(start, time.time(), n)
)PY");
    const ProcessResult produced =
        python(code, {m_bootstrap, topic, QStringLiteral("200"), QStringLiteral("12")}, 60000);
    QVERIFY2(produced.ok(), produced.err.constData());
    const QList<QByteArray> words = produced.out.trimmed().split(' ');
    QCOMPARE(words.size(), 3);
    const double start = words[0].toDouble(), end = words[1].toDouble();
    const int total = words[2].toInt();
    QCOMPARE(total, 2400);

    // Every message counted, exactly.
    QTRY_VERIFY_WITH_TIMEOUT(r.poller->history().latest().topic(topic).value(0).high
                                     + r.poller->history().latest().topic(topic).value(1).high
                                 == total,
                             10000);
    // Samples whose interval lies wholly inside the production window.
    const auto rates = r.poller->history().series(SeriesKey::topicRate(topic), start + 2.5);
    double sum = 0;
    int n = 0;
    for (const SeriesPoint &p : rates)
        if (p.t <= end - 0.2) {
            sum += p.v;
            ++n;
        }
    QVERIFY2(n >= 3, qPrintable(QStringLiteral("only %1 rate samples inside the window").arg(n)));
    const double measured = sum / n;
    qInfo("measured %.1f msg/s over %d samples (target 200)", measured, n);
    QVERIFY2(std::abs(measured - 200) <= 20, qPrintable(QStringLiteral("measured %1 msg/s").arg(measured)));
    // The cluster total includes this topic's rate while it was the only producer.
    QVERIFY(!r.poller->history().series(SeriesKey::cluster(), start + 2.5).empty());
    deleteTopic(m_bootstrap, topic);
}

void TestOffsetPoller::recreatedTopicRestartsWithoutNegativeRates()
{
    const QString topic = uniqueName(QStringLiteral("recreate"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, 1, &error), qPrintable(error));
    QVERIFY(produce(m_bootstrap, topic, 0, 500));
    Running r(500);
    QTRY_VERIFY_WITH_TIMEOUT(r.poller->history().latest().topic(topic).value(0).high == 500, 20000);
    QVERIFY(deleteTopic(m_bootstrap, topic));
    QVERIFY2(createTopic(m_bootstrap, topic, 1, &error), qPrintable(error));
    QVERIFY(produce(m_bootstrap, topic, 0, 3));
    QTRY_VERIFY_WITH_TIMEOUT(r.poller->history().latest().topic(topic).value(0).high == 3, 30000);
    // A few more samples after the restart.
    const quint64 restartSeen = r.poller->history().sequence();
    QTRY_VERIFY_WITH_TIMEOUT(r.poller->history().sequence() >= restartSeen + 3, 20000);
    const auto rates = r.poller->history().series(SeriesKey::partitionSeries(OffsetMetric::Rate, topic, 0), 0);
    QVERIFY(!rates.empty());
    for (const SeriesPoint &p : rates)
        QVERIFY2(p.v >= 0, qPrintable(QStringLiteral("negative rate %1").arg(p.v)));
    for (const SeriesPoint &p : r.poller->history().series(SeriesKey::topicRate(topic), 0))
        QVERIFY(p.v >= 0);
    deleteTopic(m_bootstrap, topic);
}

void TestOffsetPoller::samplesWhileSessionThreadIsBusy()
{
    // The app's way: a session on its own thread, its poller from forSession().
    QThread thread;
    auto *session = new ClusterSession(brokerProfile());
    session->moveToThread(&thread);
    thread.start();
    QMetaObject::invokeMethod(session, &ClusterSession::start, Qt::QueuedConnection);
    OffsetPoller *poller = OffsetPoller::forSession(session);
    QMetaObject::invokeMethod(poller, [poller] { poller->setIntervalMs(300); }, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(poller->history().sequence() >= 2, 20000);

    // Hold the session's thread the way a 5 s metadata request to a frozen broker does.
    QSemaphore release;
    QMetaObject::invokeMethod(session, [&release] { release.acquire(); }, Qt::QueuedConnection);
    const quint64 before = poller->history().sequence();
    QElapsedTimer held;
    held.start();
    QTRY_VERIFY_WITH_TIMEOUT(poller->history().sequence() >= before + 3, 5000);
    qInfo("3 samples in %lld ms while the session's thread was held", held.elapsed());
    release.release();

    QMetaObject::invokeMethod(session, &ClusterSession::stop, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    QPointer<OffsetPoller> watch(poller);
    delete session;
    QTRY_VERIFY(watch.isNull()); // the poller goes with its session
}

KAFKASCOPE_CORE_TEST_MAIN(TestOffsetPoller)
#include "tst_offset_poller.moc"
