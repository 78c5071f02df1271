// The embedded demo cluster: brokers and topics exist, devices produce, and an ordinary
// consumer reads valid ThingsBoard telemetry from it through its bootstrap servers.

#include "cluster/cluster_session.h"
#include "demo/demo_cluster.h"
#include "throughput/offset_poller.h"
#include "kafka/kafka_config.h"
#include "kafka/metadata_reader.h"
#include "test_main.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QThread>
#include <librdkafka/rdkafka.h>

using namespace kafkascope;

class TestDemoCluster : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void startsWithTopicsAndBrokers();
    void devicesProduceValidTelemetry();
    void rateCanChange();
    void outageIsAGapInThroughput();

private:
    DemoCluster m_demo;
};

// Every case reads the same running demo, whichever runs alone (-functions, a filter).
void TestDemoCluster::initTestCase()
{
    QString error;
    QVERIFY2(m_demo.start(500, &error), qPrintable(error));
}

void TestDemoCluster::startsWithTopicsAndBrokers()
{
    QString error;
    QVERIFY(!m_demo.bootstrapServers().isEmpty());
    ConnectionProfile p;
    p.name = QStringLiteral("demo");
    p.bootstrapServers = m_demo.bootstrapServers();
    KafkaPtr rk = makeKafkaClient(p, RD_KAFKA_PRODUCER, {}, &error);
    QVERIFY2(rk, qPrintable(error));
    const MetadataResult md = readMetadata(rk.get(), 5000);
    QVERIFY2(md.ok, qPrintable(md.error));
    QCOMPARE(md.snapshot.brokers.size(), DemoCluster::kBrokers);
    for (const DemoTopic &t : DemoCluster::kTopics) {
        const TopicInfo *info = md.snapshot.topic(QString::fromLatin1(t.name));
        QVERIFY2(info, t.name);
        QCOMPARE(info->partitions.size(), t.partitions);
    }
}

void TestDemoCluster::devicesProduceValidTelemetry()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.producedCount() > 200, 10000);
    QString error;
    ConnectionProfile p;
    p.name = QStringLiteral("demo");
    p.bootstrapServers = m_demo.bootstrapServers();
    KafkaPtr consumer = makeKafkaClient(p, RD_KAFKA_CONSUMER,
                                        {{QStringLiteral("group.id"), QStringLiteral("demo-test")},
                                         {QStringLiteral("auto.offset.reset"), QStringLiteral("earliest")}},
                                        &error);
    QVERIFY2(consumer, qPrintable(error));
    rd_kafka_poll_set_consumer(consumer.get());
    PartitionListPtr topics(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(topics.get(), "tb.telemetry", RD_KAFKA_PARTITION_UA);
    QCOMPARE(rd_kafka_subscribe(consumer.get(), topics.get()), RD_KAFKA_RESP_ERR_NO_ERROR);

    QSet<QString> devices;
    int valid = 0;
    QElapsedTimer timer;
    timer.start();
    while ((valid < 300 || devices.size() < DemoCluster::kDevices) && timer.elapsed() < 20000) {
        MessagePtr msg(rd_kafka_consumer_poll(consumer.get(), 200));
        if (!msg || msg->err)
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(
            QByteArray(static_cast<const char *>(msg->payload), qsizetype(msg->len)));
        QVERIFY(doc.isObject());
        const QJsonObject root = doc.object();
        QCOMPARE(root.size(), 1); // gateway format: one device per message here
        const QString device = root.begin().key();
        QCOMPARE(QString::fromUtf8(static_cast<const char *>(msg->key), qsizetype(msg->key_len)), device);
        const QJsonObject reading = root.begin().value().toArray().first().toObject();
        QVERIFY(reading.value(u"ts").toDouble() > 1.6e12);
        const QJsonObject values = reading.value(u"values").toObject();
        for (const char16_t *key : {u"temperature", u"humidity", u"battery", u"rssi", u"latitude", u"longitude"})
            QVERIFY2(values.value(QStringView(key)).isDouble(), qPrintable(QString::fromUtf16(key)));
        devices.insert(device);
        ++valid;
    }
    rd_kafka_consumer_close(consumer.get());
    QVERIFY2(valid >= 300, qPrintable(QString::number(valid)));
    QCOMPARE(devices.size(), DemoCluster::kDevices);
}

void TestDemoCluster::rateCanChange()
{
    m_demo.setRate(0);
    // The simulator has taken the new rate: no message for five of its 20 ms ticks.
    qint64 seen = m_demo.producedCount();
    QElapsedTimer still;
    still.start();
    QVERIFY(QTest::qWaitFor([&] {
        if (const qint64 now = m_demo.producedCount(); now != seen) {
            seen = now;
            still.restart();
        }
        return still.elapsed() >= 100;
    }, 5000));
    const qint64 before = m_demo.producedCount();
    // A measurement interval, not a wait for a state: the rate over one second must be ~0.
    QTest::qWait(1000);
    QVERIFY(m_demo.producedCount() - before < 20); // only trackers/attributes, at most
    m_demo.setRate(2000);
    const qint64 resumed = m_demo.producedCount();
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.producedCount() - resumed > 1000, 5000);
}

KAFKASCOPE_CORE_TEST_MAIN(TestDemoCluster)
// Every broker of the demo down for a while: the throughput series holds a gap (NaN) for the
// outage, never a slope across it, and resumes with non-negative rates afterwards.
void TestDemoCluster::outageIsAGapInThroughput()
{
    DemoCluster demo;
    QString error;
    QVERIFY2(demo.start(200, &error), qPrintable(error));
    ConnectionProfile p;
    p.name = QStringLiteral("demo");
    p.demo = true;
    p.bootstrapServers = demo.bootstrapServers();
    QThread thread;
    auto *session = new ClusterSession(p);
    session->setRefreshIntervalMs(500);
    auto *poller = new OffsetPoller(session);
    poller->setIntervalMs(500);
    session->moveToThread(&thread);
    poller->moveToThread(&thread);
    thread.start();
    QMetaObject::invokeMethod(session, &ClusterSession::start, Qt::QueuedConnection);
    QMetaObject::invokeMethod(poller, &OffsetPoller::start, Qt::QueuedConnection);
    auto cluster = [poller] { return poller->history().series(SeriesKey::cluster(), 0); };
    auto gapAt = [](const std::vector<SeriesPoint> &s) {
        for (size_t i = 0; i < s.size(); ++i)
            if (std::isnan(s[i].v))
                return int(i);
        return -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(cluster().size() >= 3, 30000);
    demo.setAllBrokersDown(true);
    QTRY_VERIFY_WITH_TIMEOUT(gapAt(cluster()) >= 0, 60000);
    demo.setAllBrokersDown(false);
    QTRY_VERIFY_WITH_TIMEOUT(cluster().size() > size_t(gapAt(cluster()) + 2), 60000);
    const std::vector<SeriesPoint> s = cluster();
    const int gap = gapAt(s);
    QVERIFY(gap > 0);
    QVERIFY(std::isfinite(s[size_t(gap) - 1].v));
    for (const SeriesPoint &pt : s)
        QVERIFY(std::isnan(pt.v) || pt.v >= 0);
    QMetaObject::invokeMethod(poller, &OffsetPoller::stop, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(session, &ClusterSession::stop, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    delete poller;
    delete session;
}

#include "tst_demo_cluster.moc"
