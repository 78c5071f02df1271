// The browser's filter scan (MessageScan) on the real broker with one and several readers:
// what it matches is what the records kcat reads say should match, headers included (the scan
// copies them for its matches only); it stops at the match limit and on cancel, and reports
// progress up to the total.

#include "messages/message_scan.h"
#include "test_main.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

using namespace kafkascope;
using namespace kafkascope::testing;

namespace {
constexpr int kPartitions = 4;
constexpr int kPerPartition = 1500;

// Record i of partition p: key "k-p-i", device JSON with an alarm every 97th record and a
// temperature of 24-36, a "seq" header on even records only.
const char *kProduce = R"PY(
import sys
from confluent_kafka import Producer
bootstrap, topic, partitions, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
p = Producer({'bootstrap.servers': bootstrap, 'linger.ms': 5})
failed = []
def delivered(err, msg):
    if err is not None:
        failed.append('partition %d: %s' % (msg.partition(), err))
for part in range(partitions):
    for i in range(n):
        status = 'ALARM' if i % 97 == 5 else 'ok'
        value = '{"device":"d-%d","values":{"temperature":%d.%d,"n":"%d"},"status":"%s"}' % (
            i % 50, 24 + (i * 7 + part) % 13, i % 10, i, status)
        headers = [('seq', str(i).encode())] if i % 2 == 0 else None
        p.produce(topic, value=value.encode(), key=('k-%d-%d' % (part, i)).encode(), partition=part,
                  headers=headers, on_delivery=delivered)
        p.poll(0)
left = p.flush(30)
if left or failed:
    raise SystemExit('%d failed, %d unsent after 30 s: %s' % (len(failed), left, '; '.join(failed[:3])))
)PY";

ConnectionProfile profile()
{
    return brokerProfile();
}
} // namespace

class TestMessageScan : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void split_data();
    void split();
    void matchesWhatKcatReads_data();
    void matchesWhatKcatReads();
    void stopsAtTheMatchLimit();
    void cancelStopsEveryReader();
    void cleanupTestCase();

private:
    QList<PartitionRange> wholeTopic() const;

    QString m_bootstrap;
    QString m_topic;
    QList<QJsonObject> m_records; // as kcat reads them
};

void TestMessageScan::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    m_topic = uniqueName(QStringLiteral("scan"));
    QVERIFY2(createTopic(m_bootstrap, m_topic, kPartitions, &why), qPrintable(why));
    const ProcessResult r = python(QString::fromUtf8(kProduce),
                                   {m_bootstrap, m_topic, QString::number(kPartitions), QString::number(kPerPartition)});
    QVERIFY2(r.ok(), r.err.constData());
    m_records = kcatRecords(m_bootstrap, m_topic);
    QCOMPARE(m_records.size(), kPartitions * kPerPartition);
}

void TestMessageScan::cleanupTestCase()
{
    if (!m_topic.isEmpty())
        deleteTopic(m_bootstrap, m_topic);
}

QList<PartitionRange> TestMessageScan::wholeTopic() const
{
    QList<PartitionRange> ranges;
    for (int p = 0; p < kPartitions; ++p)
        ranges.append({p, 0, kPerPartition, {}});
    return ranges;
}

void TestMessageScan::split_data()
{
    QTest::addColumn<QList<PartitionRange>>("ranges");
    QTest::addColumn<int>("parts");
    QTest::addColumn<QList<qint64>>("loads"); // records per group, in group order
    const QList<PartitionRange> six{{0, 0, 100, {}}, {1, 0, 100, {}}, {2, 0, 100, {}},
                                    {3, 0, 100, {}}, {4, 0, 100, {}}, {5, 0, 100, {}}};
    QTest::newRow("six even, two readers") << six << 2 << QList<qint64>{300, 300};
    QTest::newRow("six even, four readers") << six << 4 << QList<qint64>{200, 200, 100, 100};
    QTest::newRow("more readers than partitions") << six.mid(0, 2) << 4 << QList<qint64>{100, 100};
    QTest::newRow("empty ranges left out")
        << QList<PartitionRange>{{0, 5, 5, {}}, {1, 0, 10, {}}, {2, 7, 3, {}}} << 2 << QList<qint64>{10};
    QTest::newRow("uneven: the big one alone")
        << QList<PartitionRange>{{0, 0, 10, {}}, {1, 0, 1000, {}}, {2, 0, 20, {}}, {3, 0, 30, {}}} << 2
        << QList<qint64>{1000, 60};
    QTest::newRow("nothing") << QList<PartitionRange>{} << 2 << QList<qint64>{};
}

void TestMessageScan::split()
{
    QFETCH(QList<PartitionRange>, ranges);
    QFETCH(int, parts);
    QFETCH(QList<qint64>, loads);
    const QList<QList<PartitionRange>> groups = MessageScan::split(ranges, parts);
    QList<qint64> got;
    QList<int> seen;
    for (const QList<PartitionRange> &g : groups) {
        qint64 n = 0;
        for (const PartitionRange &r : g) {
            n += r.count();
            seen.append(r.partition);
        }
        got.append(n);
    }
    QCOMPARE(got, loads);
    std::sort(seen.begin(), seen.end());
    QCOMPARE(seen.size(), std::count_if(ranges.cbegin(), ranges.cend(), [](const auto &r) { return r.count() > 0; }));
    QVERIFY(std::adjacent_find(seen.cbegin(), seen.cend()) == seen.cend()); // each partition once
}

void TestMessageScan::matchesWhatKcatReads_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("readers");
    for (int readers : {1, 2, 3, 5}) {
        QTest::addRow("substring, %d reader(s)", readers) << QStringLiteral("alarm") << QString() << QString() << readers;
        QTest::addRow("JSON condition, %d reader(s)", readers)
            << QString() << QStringLiteral("values.temperature > 35") << QString() << readers;
        QTest::addRow("key and number in a string, %d reader(s)", readers)
            << QString() << QStringLiteral("values.n >= 1400") << QStringLiteral("K-2-") << readers;
    }
}

void TestMessageScan::matchesWhatKcatReads()
{
    QFETCH(QString, value);
    QFETCH(QString, json);
    QFETCH(QString, key);
    QFETCH(int, readers);
    // What should match, from kcat's records.
    QList<QPair<int, qint64>> expected;
    QHash<QPair<int, qint64>, QJsonObject> byPosition;
    for (const QJsonObject &o : std::as_const(m_records)) {
        const QString payload = o[u"payload"].toString();
        const QJsonObject values = QJsonDocument::fromJson(payload.toUtf8()).object()[u"values"].toObject();
        bool match = true;
        if (!value.isEmpty())
            match = payload.contains(value, Qt::CaseInsensitive);
        if (json.contains(u"temperature"))
            match = match && values[u"temperature"].toDouble() > 35;
        if (json.contains(u"values.n"))
            match = match && values[u"n"].toString().toInt() >= 1400;
        if (!key.isEmpty())
            match = match && o[u"key"].toString().startsWith(key, Qt::CaseInsensitive);
        const QPair<int, qint64> position{o[u"partition"].toInt(), o[u"offset"].toInteger()};
        byPosition.insert(position, o);
        if (match)
            expected.append(position);
    }
    std::sort(expected.begin(), expected.end());
    QVERIFY(expected.size() > 10);

    MessageFilter filter;
    filter.value = value;
    filter.json = json;
    filter.key = key;
    std::atomic_bool cancel = false;
    QList<std::array<qint64, 3>> reports;
    const ScanResult r = MessageScan::run(profile(), {}, m_topic, wholeTopic(), filter, 10000, &cancel,
                                          [&](qint64 scanned, qint64 total, qint64 matched) {
                                              reports.append({scanned, total, matched});
                                          }, readers);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QVERIFY(!r.truncated);
    QCOMPARE(r.scanned, qint64(kPartitions * kPerPartition));
    QList<QPair<int, qint64>> got;
    for (const KafkaMessage &m : r.matches) {
        got.append({m.partition, m.offset});
        // Copied whole: key, value and headers as kcat read them.
        const QJsonObject o = byPosition.value({m.partition, m.offset});
        QCOMPARE(QString::fromUtf8(m.key), o[u"key"].toString());
        QCOMPARE(QString::fromUtf8(m.value), o[u"payload"].toString());
        QJsonArray headers;
        for (const MessageHeader &h : m.headers)
            headers << QString::fromUtf8(h.key) << QString::fromUtf8(h.value);
        QCOMPARE(headers, o[u"headers"].toArray());
    }
    QCOMPARE(got, expected); // by partition, then offset
    QVERIFY(!reports.isEmpty());
    QCOMPARE(reports.last(), (std::array<qint64, 3>{r.scanned, r.scanned, qint64(expected.size())}));
}

void TestMessageScan::stopsAtTheMatchLimit()
{
    MessageFilter filter;
    filter.value = QStringLiteral("\"device\""); // every record
    std::atomic_bool cancel = false;
    const ScanResult r = MessageScan::run(profile(), {}, m_topic, wholeTopic(), filter, 7, &cancel, [](qint64, qint64, qint64) {}, 3);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QVERIFY(r.truncated);
    QCOMPARE(r.matches.size(), 7);
    QSet<QPair<int, qint64>> distinct;
    for (const KafkaMessage &m : r.matches)
        distinct.insert({m.partition, m.offset});
    QCOMPARE(distinct.size(), 7);
    QVERIFY(r.scanned < qint64(kPartitions * kPerPartition));
}

void TestMessageScan::cancelStopsEveryReader()
{
    MessageFilter filter;
    filter.value = QStringLiteral("no such text");
    std::atomic_bool cancel = true; // before any reader has connected
    QElapsedTimer timer;
    timer.start();
    const ScanResult r = MessageScan::run(profile(), {}, m_topic, wholeTopic(), filter, 10, &cancel, [](qint64, qint64, qint64) {}, 2);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QVERIFY2(r.scanned < qint64(kPartitions * kPerPartition), qPrintable(QString::number(r.scanned)));
    QVERIFY(r.matches.isEmpty());
    QVERIFY2(timer.elapsed() < 5000 * kTimingSlack, qPrintable(QString::number(timer.elapsed())));
}

KAFKASCOPE_CORE_TEST_MAIN(TestMessageScan)
#include "tst_message_scan.moc"
