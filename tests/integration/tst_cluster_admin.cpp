// The modern admin calls against the real broker, each checked against an independent client:
// DescribeCluster's cluster id against the id the broker's storage was formatted with,
// IncrementalAlterConfigs against Kafka's own kafka-configs (ConfigCommand) --describe, and a
// broker's DescribeConfigs against kafka-configs --describe --all.

#include "kafka/kafka_config.h"
#include "kafka/metadata_reader.h"
#include "kafka/topic_admin_ops.h"
#include "test_main.h"
#include "test_support.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>

using namespace kafkascope;
using namespace kafkascope::testing;

namespace {

// Admin requests by API name, from librdkafka's statistics (summed over brokers).
QMutex g_statsMutex;
QByteArray g_stats;
int g_statsCount = 0;

int onStats(rd_kafka_t *, char *json, size_t len, void *)
{
    QMutexLocker lock(&g_statsMutex);
    g_stats = QByteArray(json, qsizetype(len));
    ++g_statsCount;
    return 0;
}

} // namespace

class TestClusterAdmin : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void describeClusterNamesTheFormattedCluster();
    void alterConfigChangesOnlyThatKey_data();
    void alterConfigChangesOnlyThatKey();
    void brokerConfigsEqualJavaTool();

private:
    // Requests of each API sent so far, from a statistics report newer than the call; empty
    // when no report came.
    QHash<QString, qint64> requestsSoFar();
    QString m_bootstrap;
    KafkaPtr m_client;
};

void TestClusterAdmin::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    QString error;
    ConfPtr conf = makeKafkaConf(kafkaProperties(brokerProfile()),
                                 {{QStringLiteral("statistics.interval.ms"), QStringLiteral("100")}}, &error);
    QVERIFY2(conf, qPrintable(error));
    rd_kafka_conf_set_stats_cb(conf.get(), onStats);
    char errstr[512];
    m_client.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf.release(), errstr, sizeof errstr));
    QVERIFY2(m_client, errstr);
}

QHash<QString, qint64> TestClusterAdmin::requestsSoFar()
{
    int seen;
    {
        QMutexLocker lock(&g_statsMutex);
        seen = g_statsCount;
    }
    // Two reports later, every request the call sent is counted (one report every 100 ms).
    QDeadlineTimer deadline(10000);
    for (;;) {
        rd_kafka_poll(m_client.get(), 20);
        QMutexLocker lock(&g_statsMutex);
        if (g_statsCount >= seen + 2)
            break;
        if (deadline.hasExpired())
            return {};
    }
    QHash<QString, qint64> counts;
    QMutexLocker lock(&g_statsMutex);
    const QJsonObject brokers = QJsonDocument::fromJson(g_stats).object().value(u"brokers").toObject();
    for (auto b = brokers.begin(); b != brokers.end(); ++b) {
        const QJsonObject req = b.value().toObject().value(u"req").toObject();
        for (auto r = req.begin(); r != req.end(); ++r)
            counts[r.key()] += r.value().toInteger();
    }
    return counts;
}

void TestClusterAdmin::describeClusterNamesTheFormattedCluster()
{
    const ClusterDescription d = describeCluster(m_client.get(), 10000);
    QVERIFY2(d.ok, qPrintable(d.error));
    const QString formatted = brokerClusterId();
    QVERIFY2(!formatted.isEmpty(), "no cluster.id in the broker's meta.properties");
    QCOMPARE(d.clusterId, formatted);
    QCOMPARE(d.controllerId, 1); // the fixture's only node
    // The rack the fixture gives its broker (tests/broker/kafka-broker.sh), from the same answer.
    QCOMPARE(d.racks.value(1), QStringLiteral("kafkascope-test-rack"));
}

void TestClusterAdmin::alterConfigChangesOnlyThatKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value"); // empty: delete the override
    QTest::addColumn<QStringList>("expected"); // every override afterwards, "key=value", sorted
    const QString retention = QStringLiteral("retention.ms=3600000"), maxBytes = QStringLiteral("max.message.bytes=200000"),
                  segment = QStringLiteral("segment.ms=7200000");
    QTest::newRow("change one") << QStringLiteral("retention.ms") << QStringLiteral("86400000")
                                << QStringList{maxBytes, QStringLiteral("retention.ms=86400000"), segment};
    QTest::newRow("add one") << QStringLiteral("cleanup.policy") << QStringLiteral("compact")
                             << QStringList{QStringLiteral("cleanup.policy=compact"), maxBytes, retention, segment};
    QTest::newRow("remove one") << QStringLiteral("segment.ms") << QString() << QStringList{maxBytes, retention};
}

void TestClusterAdmin::alterConfigChangesOnlyThatKey()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QStringList, expected);
    const QString topic = uniqueName(QStringLiteral("configs"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, 1, &error,
                         {QStringLiteral("retention.ms=3600000"), QStringLiteral("max.message.bytes=200000"),
                          QStringLiteral("segment.ms=7200000")}),
             qPrintable(error));

    const QHash<QString, qint64> before = requestsSoFar();
    QVERIFY2(!before.isEmpty(), "no statistics report from librdkafka");
    const AdminResult r = topic_admin_ops::alterTopicConfig(m_client.get(), topic, key,
                                                            value.isEmpty() ? std::nullopt : std::optional<QString>(value));
    QVERIFY2(r.ok(), qPrintable(r.failureText()));
    const QHash<QString, qint64> after = requestsSoFar();
    QVERIFY2(!after.isEmpty(), "no statistics report from librdkafka");
    // No read-back and no whole-set AlterConfigs, as the non-incremental edit needed. (librdkafka's
    // statistics never list IncrementalAlterConfigs itself: its filter hides that request type.)
    QCOMPARE(after.value(QStringLiteral("AlterConfigs")) - before.value(QStringLiteral("AlterConfigs")), 0);
    QCOMPARE(after.value(QStringLiteral("DescribeConfigs")) - before.value(QStringLiteral("DescribeConfigs")), 0);

    const QHash<QString, JavaConfigEntry> java =
        kafkaConfigsDescribe({QStringLiteral("--entity-type"), QStringLiteral("topics"), QStringLiteral("--entity-name"), topic}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList overrides;
    for (auto it = java.begin(); it != java.end(); ++it)
        overrides << it.key() + u'=' + it.value().value;
    overrides.sort();
    QCOMPARE(overrides, expected);
    deleteTopic(m_bootstrap, topic);
}

void TestClusterAdmin::brokerConfigsEqualJavaTool()
{
    const ConfigsResult ours = topic_admin_ops::describeBrokerConfigs(m_client.get(), 1);
    QVERIFY2(ours.ok(), qPrintable(ours.error.text()));
    QCOMPARE(ours.resources.size(), 1);
    QString error;
    const QHash<QString, JavaConfigEntry> java =
        kafkaConfigsDescribe({QStringLiteral("--entity-type"), QStringLiteral("brokers"), QStringLiteral("--entity-name"),
                          QStringLiteral("1"), QStringLiteral("--all")},
                         &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(java.size() > 100, "kafka-configs listed too few broker configs to compare");
    QCOMPARE(ours.resources.first().entries.size(), java.size());
    for (const ConfigEntry &e : ours.resources.first().entries) {
        QVERIFY2(java.contains(e.name), qPrintable(e.name));
        const JavaConfigEntry &j = java[e.name];
        QCOMPARE(e.sensitive, j.sensitive);
        QCOMPARE(e.hasValue ? e.value : QStringLiteral("null"), j.value);
        QCOMPARE(kafkaSourceName(e.source), j.source);
    }
}

KAFKASCOPE_CORE_TEST_MAIN(TestClusterAdmin)
#include "tst_cluster_admin.moc"
