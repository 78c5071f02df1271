// Batched watermark and timestamp look-ups (ListOffsets) against the real broker, checked
// against messages produced with known partitions and timestamps by python confluent-kafka and
// against confluent-kafka's own watermarks and offsets_for_times. The demo cluster's binary
// search over timestamps must give the broker's own answers.

#include "kafka/kafka_config.h"
#include "kafka/partition_offsets.h"
#include "test_main.h"
#include "test_support.h"
#include "kafka/timestamp_search.h"

#include <QJsonArray>

using namespace kafkascope;
using namespace kafkascope::testing;

class TestPartitionOffsets : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void watermarksEqualProducedCounts();
    void timestampLookup_data();
    void timestampLookup();
    void unknownPartitionIsAPerPartitionError();
    void figuresEqualConfluentKafka();
    void manyPartitionsRepeatedAndShuffled();
    void cleanupTestCase();

private:
    QString m_bootstrap, m_topic;
    KafkaPtr m_client;
    static constexpr qint64 kBaseTs = 1700000000000; // messages at base + i * 1000 ms
};

void TestPartitionOffsets::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    m_topic = uniqueName(QStringLiteral("offsets"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, m_topic, 3, &error), qPrintable(error));
    // Partition p gets 10 * (p + 1) messages, message i of a partition at kBaseTs + i s.
    const ProcessResult r = python(QStringLiteral(R"PY(
import sys
from confluent_kafka import Producer
p = Producer({'bootstrap.servers': sys.argv[1]})
for part in range(3):
    for i in range(10 * (part + 1)):
        p.produce(sys.argv[2], value=b'v%d' % i, partition=part, timestamp=1700000000000 + i * 1000)
assert p.flush(30) == 0
)PY"), {m_bootstrap, m_topic});
    QVERIFY2(r.ok(), r.err.constData());
    m_client = makeKafkaClient(brokerProfile(), RD_KAFKA_PRODUCER, {}, &error);
    QVERIFY2(m_client, qPrintable(error));
}

void TestPartitionOffsets::cleanupTestCase()
{
    deleteTopic(m_bootstrap, m_topic);
}

void TestPartitionOffsets::watermarksEqualProducedCounts()
{
    const QList<TopicPartition> parts{{m_topic, 2}, {m_topic, 0}, {m_topic, 1}};
    const OffsetLookup r = queryWatermarks(m_client.get(), parts, 10000);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.partitions.size(), 3);
    for (const PartitionOffsets &p : r.partitions) {
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QCOMPARE(p.low, 0);
        QCOMPARE(p.high, 10 * (p.partition + 1));
        QCOMPARE(p.count(), 10 * (p.partition + 1));
    }
    QCOMPARE(r.partitions[0].partition, 2); // answers keep the order asked
}

void TestPartitionOffsets::timestampLookup_data()
{
    QTest::addColumn<qint64>("ts");
    QTest::addColumn<QList<qint64>>("expected"); // per partition 0, 1, 2
    QTest::addColumn<bool>("search");            // binary search over timestamps (the demo's way)
    for (const bool search : {false, true}) {
        const char *how = search ? "search: " : "ListOffsets: ";
        QTest::addRow("%sbefore everything", how) << kBaseTs - 5000 << QList<qint64>{0, 0, 0} << search;
        QTest::addRow("%sexact timestamp", how) << kBaseTs + 5000 << QList<qint64>{5, 5, 5} << search;
        QTest::addRow("%sbetween two messages", how) << kBaseTs + 5500 << QList<qint64>{6, 6, 6} << search;
        QTest::addRow("%spast partition 0's end", how) << kBaseTs + 15000 << QList<qint64>{10, 15, 15} << search;
        QTest::addRow("%spast every end", how) << kBaseTs + 100000 << QList<qint64>{10, 20, 30} << search;
    }
}

void TestPartitionOffsets::timestampLookup()
{
    QFETCH(qint64, ts);
    QFETCH(QList<qint64>, expected);
    QFETCH(bool, search);
    const QList<TopicPartition> parts{{m_topic, 0}, {m_topic, 1}, {m_topic, 2}};
    const OffsetLookup r = search ? searchOffsetsByTimestamp(brokerProfile(), m_client.get(), parts, ts, 20000)
                                  : offsetsForTimestamp(m_client.get(), parts, ts, 10000);
    QVERIFY2(r.ok, qPrintable(r.error));
    QList<qint64> got;
    for (const PartitionOffsets &p : r.partitions)
        got << p.low;
    QCOMPARE(got, expected);
}

void TestPartitionOffsets::unknownPartitionIsAPerPartitionError()
{
    const OffsetLookup r = queryWatermarks(m_client.get(), {{m_topic, 0}, {m_topic, 99}}, 5000);
    if (!r.ok) {
        QVERIFY2(!r.error.isEmpty(), "a request-level failure names its cause");
        return;
    }
    QCOMPARE(r.partitions[0].high, 10);
    QVERIFY(!r.partitions[1].error.isEmpty());
    QCOMPARE(r.partitions[1].high, -1);
}

void TestPartitionOffsets::figuresEqualConfluentKafka()
{
    // A topic whose log starts past 0 (records deleted) and whose partitions differ in length,
    // read by both clients: watermarks and the offset for each time must be the same figures.
    const QString topic = uniqueName(QStringLiteral("offsets-cmp"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, 4, &error), qPrintable(error));
    const QList<qint64> times{kBaseTs - 1, kBaseTs + 2000, kBaseTs + 7500, kBaseTs + 24000, kBaseTs + 99000};
    QStringList args{m_bootstrap, topic};
    for (qint64 t : times)
        args << QString::number(t);
    const ProcessResult r = python(QStringLiteral(R"PY(
import sys, json
from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient
bootstrap, topic, times = sys.argv[1], sys.argv[2], [int(t) for t in sys.argv[3:]]
p = Producer({'bootstrap.servers': bootstrap})
for part in range(4):
    for i in range(7 * part + 3):
        p.produce(topic, value=b'x', partition=part, timestamp=1700000000000 + i * 1000)
assert p.flush(30) == 0
admin = AdminClient({'bootstrap.servers': bootstrap})
for f in admin.delete_records([TopicPartition(topic, 1, 4), TopicPartition(topic, 3, 11)]).values():
    f.result(timeout=30)
c = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'kafkascope-offsets-check'})
out = {'watermarks': [list(c.get_watermark_offsets(TopicPartition(topic, part), timeout=10)) for part in range(4)],
       'times': []}
for t in times:
    found = c.offsets_for_times([TopicPartition(topic, part, t) for part in range(4)], timeout=10)
    out['times'].append([tp.offset for tp in sorted(found, key=lambda tp: tp.partition)])
c.close()
print(json.dumps(out))
)PY"), args);
    QVERIFY2(r.ok(), r.err.constData());
    const QJsonObject theirs = QJsonDocument::fromJson(r.out).object();
    const QList<TopicPartition> parts{{topic, 0}, {topic, 1}, {topic, 2}, {topic, 3}};

    const OffsetLookup marks = queryWatermarks(m_client.get(), parts, 10000);
    QVERIFY2(marks.ok, qPrintable(marks.error));
    const QJsonArray theirMarks = theirs.value(u"watermarks").toArray();
    for (int p = 0; p < 4; ++p) {
        QCOMPARE(marks.partitions[p].low, theirMarks[p].toArray()[0].toInteger());
        QCOMPARE(marks.partitions[p].high, theirMarks[p].toArray()[1].toInteger());
    }
    QCOMPARE(marks.partitions[1].low, 4); // the deletions took effect: not a trivial 0
    QCOMPARE(marks.partitions[3].low, 11);

    const QJsonArray theirTimes = theirs.value(u"times").toArray();
    for (qsizetype t = 0; t < times.size(); ++t) {
        const OffsetLookup ours = offsetsForTimestamp(m_client.get(), parts, times[t], 10000);
        QVERIFY2(ours.ok, qPrintable(ours.error));
        for (int p = 0; p < 4; ++p) {
            // confluent-kafka answers -1 where no message is that recent; ours names the log end.
            const qint64 their = theirTimes[t].toArray()[p].toInteger();
            QCOMPARE(ours.partitions[p].low, their < 0 ? marks.partitions[p].high : their);
        }
    }
    deleteTopic(m_bootstrap, topic);
}

void TestPartitionOffsets::manyPartitionsRepeatedAndShuffled()
{
    // More partitions than one request carries, asked from the last to the first, some of them
    // twice, with another topic's partition among them (twice too): every entry gets its own
    // partition's figures, in the order asked, whichever request carried it.
    const QString topic = uniqueName(QStringLiteral("offsets-many"));
    constexpr int kPartitions = 600;
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, kPartitions, &error), qPrintable(error));
    const ProcessResult r = python(QStringLiteral(R"PY(
import sys
from confluent_kafka import Producer
p = Producer({'bootstrap.servers': sys.argv[1]})
for part in range(int(sys.argv[3])):
    for i in range(part % 5):
        p.produce(sys.argv[2], value=b'x', partition=part)
assert p.flush(60) == 0
)PY"), {m_bootstrap, topic, QString::number(kPartitions)});
    QVERIFY2(r.ok(), r.err.constData());

    QList<TopicPartition> parts;
    for (int p = kPartitions - 1; p >= 0; --p) {
        parts.append({topic, p});
        if (p == 300)
            parts.append({m_topic, 2});
    }
    for (int p = 0; p < kPartitions; p += 7)
        parts.append({topic, p});
    parts.append({m_topic, 2});
    const OffsetLookup marks = queryWatermarks(m_client.get(), parts, 20000);
    QVERIFY2(marks.ok, qPrintable(marks.error));
    QCOMPARE(marks.partitions.size(), parts.size());
    // m_topic's messages carry 2023 timestamps: retention may have moved its log start since.
    const OffsetLookup alone = queryWatermarks(m_client.get(), {{m_topic, 2}}, 10000);
    QVERIFY2(alone.ok, qPrintable(alone.error));
    QCOMPARE(alone.partitions[0].high, 30);
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const PartitionOffsets &got = marks.partitions[i];
        QCOMPARE(got.topic, parts[i].topic);
        QCOMPARE(got.partition, parts[i].partition);
        QVERIFY2(got.error.isEmpty(), qPrintable(got.error));
        QCOMPARE(got.low, got.topic == m_topic ? alone.partitions[0].low : 0);
        QCOMPARE(got.high, got.topic == m_topic ? 30 : got.partition % 5);
    }
    deleteTopic(m_bootstrap, topic);
}

KAFKASCOPE_CORE_TEST_MAIN(TestPartitionOffsets)
#include "tst_partition_offsets.moc"
