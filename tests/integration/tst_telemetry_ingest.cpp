// The telemetry ingest against the real broker: telemetry produced with kcat ends up in
// the store exactly (devices, keys, timestamps, values); a start timestamp and a bounded
// range keep only the messages inside; bad messages are counted, not fatal; and reading
// without a consumer group leaves no group on the cluster.

#include "telemetry/telemetry_ingest.h"
#include "telemetry/telemetry_store.h"
#include "test_main.h"
#include "test_support.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QThread>

using namespace kafkascope;
using namespace kafkascope::testing;

namespace {
constexpr qint64 kTs = 1700000000000;

// "device/key" -> "t=v;t=v" over the whole store.
QMap<QString, QString> contents(const TelemetryStore &store)
{
    QMap<QString, QString> out;
    for (const DeviceSummary &d : store.devices())
        for (const KeySummary &k : store.keys(d.index)) {
            std::vector<SeriesPoint> pts;
            store.copySince(d.index, k.index, 0, pts);
            QStringList values;
            for (const SeriesPoint &p : pts)
                values << QStringLiteral("%1=%2").arg(qint64(std::llround(p.t * 1000))).arg(p.v);
            out.insert(d.name + QLatin1Char('/') + k.name, values.join(QLatin1Char(';')));
        }
    return out;
}

// Reads `topic` from its beginning to its current end.
IngestConfig wholeTopic(const QString &topic)
{
    IngestConfig c;
    c.topics = {topic};
    c.start = TelemetryStart::Beginning;
    c.stopAtEnd = true;
    return c;
}

bool produce(const QString &bootstrap, const QString &topic, const QByteArray &lines, int partition = -1)
{
    QStringList args{QStringLiteral("-P"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic,
                     QStringLiteral("-K"), QStringLiteral("|")};
    if (partition >= 0)
        args << QStringLiteral("-p") << QString::number(partition);
    const ProcessResult r = run(QStringLiteral("kcat"), args, lines);
    if (!r.ok())
        qWarning("kcat failed: %s", r.err.constData());
    return r.ok();
}

// The newest timestamp the topic's records carry, read back by kcat; -1 when it has none.
qint64 newestTimestamp(const QString &bootstrap, const QString &topic)
{
    qint64 newest = -1;
    for (const QJsonObject &record : kcatRecords(bootstrap, topic))
        newest = std::max(newest, record.value(u"ts").toInteger(-1));
    return newest;
}
} // namespace

class TestTelemetryIngest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void storeHoldsExactlyWhatWasProduced();
    void everyValueOfEveryPartition_data();
    void everyValueOfEveryPartition();
    void startFromTimestampKeepsOnlyLaterMessages();
    void liveStartKeepsConsuming_data();
    void liveStartKeepsConsuming();
    void boundedRangeStopsAtTheEnd();
    void deviceNamedByAHeader();
    void unknownTopicFailsWithItsName();
    void noConsumerGroupIsCreated();
    void cleanupTestCase();

private:
    bool runToEnd(TelemetryIngest &ingest, const IngestConfig &config, IngestStatus *final);
    QString m_bootstrap;
    QStringList m_topics;
};

void TestTelemetryIngest::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
}

void TestTelemetryIngest::cleanupTestCase()
{
    for (const QString &t : std::as_const(m_topics))
        deleteTopic(m_bootstrap, t);
}

bool TestTelemetryIngest::runToEnd(TelemetryIngest &ingest, const IngestConfig &config, IngestStatus *final)
{
    ingest.start(config);
    const bool ended = QTest::qWaitFor([&] { return !ingest.status().active(); }, 30000);
    *final = ingest.status();
    return ended && !final->active();
}

void TestTelemetryIngest::storeHoldsExactlyWhatWasProduced()
{
    const QString topic = uniqueName(QStringLiteral("telemetry"));
    m_topics << topic;
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, 3, &error), qPrintable(error));
    QByteArray lines;
    QMap<QString, QString> expected;
    for (int d = 1; d <= 3; ++d) {
        QStringList temps, hums;
        for (int i = 0; i < 5; ++i) {
            const qint64 ts = kTs + i * 1000;
            const double t = 20 + d + i * 0.25, h = 40 + i;
            lines += QStringLiteral(R"(Sensor %1|{"Sensor %1":[{"ts":%2,"values":{"temperature":%3,"humidity":%4}}]})")
                         .arg(d).arg(ts).arg(t).arg(h).toUtf8() + '\n';
            temps << QStringLiteral("%1=%2").arg(ts).arg(t);
            hums << QStringLiteral("%1=%2").arg(ts).arg(h);
        }
        expected.insert(QStringLiteral("Sensor %1/temperature").arg(d), temps.join(QLatin1Char(';')));
        expected.insert(QStringLiteral("Sensor %1/humidity").arg(d), hums.join(QLatin1Char(';')));
    }
    lines += "Sensor 2|{not json\n";
    QVERIFY(produce(m_bootstrap, topic, lines));

    auto store = std::make_shared<TelemetryStore>();
    TelemetryIngest ingest(brokerProfile(), store);
    const IngestConfig c = wholeTopic(topic);
    IngestStatus st;
    QVERIFY(runToEnd(ingest, c, &st));
    QCOMPARE(st.state, IngestStatus::State::Finished);
    QCOMPARE(st.messages, 16);
    QCOMPARE(contents(*store), expected);
    QCOMPARE(store->devices().size(), 3);
    QCOMPARE(store->totals().errors, 1);
    const DecodeErrorRecord e = store->errors().first();
    QCOMPARE(e.topic, topic);
    QCOMPARE(e.device, QStringLiteral("Sensor 2"));
    QVERIFY(e.reason.contains(QStringLiteral("invalid JSON")));
    QCOMPARE(e.preview, QByteArray("{not json"));
    QVERIFY(st.formats.join(QString()).contains(QStringLiteral("ThingsBoard gateway")));
}

void TestTelemetryIngest::everyValueOfEveryPartition_data()
{
    QTest::addColumn<QList<int>>("counts"); // messages per partition
    // The oldest message of both devices goes to the first partition holding exactly one
    // (or else the first holding any); the rest alternate between the partitions in time.
    QTest::newRow("1,50,49 (oldest alone on p0)") << QList<int>{1, 50, 49};
    QTest::newRow("50,49,1 (oldest alone on p2)") << QList<int>{50, 49, 1};
    QTest::newRow("0,1,2") << QList<int>{0, 1, 2};
    QTest::newRow("2,0,1") << QList<int>{2, 0, 1};
    QTest::newRow("2,2,0") << QList<int>{2, 2, 0};
    QTest::newRow("1,1,1") << QList<int>{1, 1, 1};
}

// What the issue saw: a gateway message alone on its partition, the oldest of its device,
// was counted but none of its values reached the store (a device's messages come from
// several partitions in no order between them). Every value of every message must arrive.
void TestTelemetryIngest::everyValueOfEveryPartition()
{
    QFETCH(QList<int>, counts);
    const QString topic = uniqueName(QStringLiteral("telemetry.partitions"));
    m_topics << topic;
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, int(counts.size()), &error), qPrintable(error));

    int total = 0;
    for (int c : counts)
        total += c;
    QList<int> order; // partition of the i-th oldest message
    QList<int> left = counts;
    int first = int(counts.indexOf(1));
    if (first < 0)
        first = int(std::find_if(counts.begin(), counts.end(), [](int c) { return c > 0; }) - counts.begin());
    order << first;
    --left[first];
    for (int p = 0; order.size() < total; p = (p + 1) % int(counts.size()))
        if (left[p] > 0) {
            order << p;
            --left[p];
        }
    QList<QByteArray> lines(counts.size());
    QMap<QString, QStringList> values;
    for (int i = 0; i < total; ++i) {
        const qint64 ts = kTs + i * 500;
        const double t = 20 + i * 0.5, h = 1000 - i, v = i % 7;
        lines[order[i]] += QStringLiteral(R"(Gateway 1|{"Meter A":[{"ts":%1,"values":{"temperature":%2,"humidity":%3}}],)"
                                          R"("Meter B":[{"ts":%1,"values":{"voltage":%4}}]})")
                               .arg(ts).arg(t).arg(h).arg(v).toUtf8() + '\n';
        values[QStringLiteral("Meter A/temperature")] << QStringLiteral("%1=%2").arg(ts).arg(t);
        values[QStringLiteral("Meter A/humidity")] << QStringLiteral("%1=%2").arg(ts).arg(h);
        values[QStringLiteral("Meter B/voltage")] << QStringLiteral("%1=%2").arg(ts).arg(v);
    }
    for (qsizetype p = 0; p < lines.size(); ++p)
        if (!lines[p].isEmpty())
            QVERIFY(produce(m_bootstrap, topic, lines[p], int(p)));
    // The independent client sees the partitions as intended.
    QList<int> seen(counts.size());
    for (const QJsonObject &r : kcatRecords(m_bootstrap, topic))
        ++seen[r.value(QStringLiteral("partition")).toInt()];
    QCOMPARE(seen, counts);

    QMap<QString, QString> expected;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        expected.insert(it.key(), it.value().join(QLatin1Char(';')));
    auto store = std::make_shared<TelemetryStore>();
    TelemetryIngest ingest(brokerProfile(), store);
    IngestStatus st;
    QVERIFY(runToEnd(ingest, wholeTopic(topic), &st));
    QCOMPARE(st.state, IngestStatus::State::Finished);
    QCOMPARE(st.messages, total);
    QCOMPARE(store->totals().errors, 0);
    QCOMPARE(contents(*store), expected);
    for (const DeviceSummary &d : store->devices()) {
        QCOMPARE(d.messages, total);
        QCOMPARE(d.lastDataMs, kTs + (total - 1) * 500);
        if (total >= 2) // two readings a second of data time, whatever order they came in
            QVERIFY2(qAbs(d.rate - 2.0) < 0.01, qPrintable(QString::number(d.rate)));
    }
}

void TestTelemetryIngest::startFromTimestampKeepsOnlyLaterMessages()
{
    const QString topic = uniqueName(QStringLiteral("telemetry.ts"));
    m_topics << topic;
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, 2, &error), qPrintable(error));
    // Device format, device from the key, Kafka timestamps as time (no ts in payload).
    QVERIFY(produce(m_bootstrap, topic, "Early 1|{\"v\":1}\nEarly 2|{\"v\":2}\n"));
    // The cut: just after the early records' own timestamps; what is produced once the clock
    // has reached it is stamped at or after it.
    const qint64 cut = newestTimestamp(m_bootstrap, topic) + 1;
    QVERIFY(cut > 0);
    QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() >= cut);
    QVERIFY(produce(m_bootstrap, topic, "Late 1|{\"v\":3}\nLate 2|{\"v\":4}\n"));

    auto store = std::make_shared<TelemetryStore>();
    TelemetryIngest ingest(brokerProfile(), store);
    IngestConfig c;
    c.topics = {topic};
    c.start = TelemetryStart::Timestamp;
    c.startMs = cut;
    c.stopAtEnd = true;
    c.decoder.format = TelemetryFormat::Device;
    IngestStatus st;
    QVERIFY(runToEnd(ingest, c, &st));
    QCOMPARE(st.state, IngestStatus::State::Finished);
    QStringList names;
    for (const DeviceSummary &d : store->devices()) {
        names << d.name;
        QVERIFY(d.lastDataMs >= cut);
    }
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("Late 1"), QStringLiteral("Late 2")}));
}

void TestTelemetryIngest::liveStartKeepsConsuming_data()
{
    QTest::addColumn<TelemetryStart>("start");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("latest") << TelemetryStart::Latest << QStringList{QStringLiteral("New")};
    QTest::newRow("beginning") << TelemetryStart::Beginning << QStringList{QStringLiteral("New"), QStringLiteral("Old")};
}

// Unbounded, as the panel runs: "latest" skips what the topic already holds, "beginning"
// reads it, and both go on with what is produced afterwards.
void TestTelemetryIngest::liveStartKeepsConsuming()
{
    QFETCH(TelemetryStart, start);
    QFETCH(QStringList, expected);
    const QString topic = uniqueName(QStringLiteral("telemetry.live"));
    m_topics << topic;
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, 2, &error), qPrintable(error));
    QVERIFY(produce(m_bootstrap, topic, "Old|{\"v\":1}\n"));

    auto store = std::make_shared<TelemetryStore>();
    TelemetryIngest ingest(brokerProfile(), store);
    IngestConfig c;
    c.topics = {topic};
    c.start = start;
    c.decoder.format = TelemetryFormat::Device;
    ingest.start(c);
    QTRY_COMPARE_WITH_TIMEOUT(ingest.status().state, IngestStatus::State::Running, 15000);
    if (start == TelemetryStart::Beginning)
        QTRY_COMPARE_WITH_TIMEOUT(store->devices().size(), 1, 15000);
    // Running means assigned, at concrete offsets (the end, for "latest"): what comes next is new.
    QVERIFY(produce(m_bootstrap, topic, "New|{\"v\":2}\n"));
    QTRY_COMPARE_WITH_TIMEOUT(store->totals().messages, qint64(expected.size()), 15000);
    ingest.stop();
    QStringList names;
    for (const DeviceSummary &d : store->devices())
        names << d.name;
    names.sort();
    QCOMPARE(names, expected);
    QCOMPARE(ingest.status().state, IngestStatus::State::Stopped);
}

void TestTelemetryIngest::deviceNamedByAHeader()
{
    const QString topic = uniqueName(QStringLiteral("telemetry.header"));
    m_topics << topic;
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, 2, &error), qPrintable(error));
    // kcat puts its -H header on every message it sends; the keys name no device.
    for (const QString &device : {QStringLiteral("Pump 7"), QStringLiteral("Valve 2")}) {
        const QByteArray line = QStringLiteral("k|{\"ts\":%1,\"values\":{\"pressure\":%2}}\n")
                                    .arg(kTs).arg(device.size()).toUtf8();
        const ProcessResult r = run(QStringLiteral("kcat"),
                                    {QStringLiteral("-P"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"), topic,
                                     QStringLiteral("-K"), QStringLiteral("|"), QStringLiteral("-H"),
                                     QStringLiteral("device=") + device},
                                    line);
        QVERIFY2(r.ok(), r.err.constData());
    }
    QVERIFY(produce(m_bootstrap, topic, "k|{\"ts\":1700000000000,\"values\":{\"pressure\":1}}\n")); // no header

    auto store = std::make_shared<TelemetryStore>();
    TelemetryIngest ingest(brokerProfile(), store);
    IngestConfig c = wholeTopic(topic);
    c.decoder.format = TelemetryFormat::Device;
    c.decoder.deviceSource = DeviceSource::Header;
    c.decoder.deviceField = QStringLiteral("device");
    IngestStatus st;
    QVERIFY(runToEnd(ingest, c, &st));
    QCOMPARE(st.state, IngestStatus::State::Finished);
    QMap<QString, QString> expected;
    expected.insert(QStringLiteral("Pump 7/pressure"), QStringLiteral("%1=6").arg(kTs));
    expected.insert(QStringLiteral("Valve 2/pressure"), QStringLiteral("%1=7").arg(kTs));
    QCOMPARE(contents(*store), expected);
    QCOMPARE(st.messages, 3);
    // The message without the header is a decode error that says so, not a value.
    QCOMPARE(store->totals().errors, 1);
    QVERIFY(store->errors().first().reason.contains(QStringLiteral("no header \"device\"")));
}

void TestTelemetryIngest::boundedRangeStopsAtTheEnd()
{
    const QString topic = uniqueName(QStringLiteral("telemetry.range"));
    m_topics << topic;
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, 1, &error), qPrintable(error));
    // Each bound falls between two records' own timestamps: A before `from`, B in the range
    // (the end is inclusive), C after `to`.
    QVERIFY(produce(m_bootstrap, topic, "A|{\"v\":1}\n"));
    const qint64 from = newestTimestamp(m_bootstrap, topic) + 1;
    QVERIFY(from > 0);
    QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() >= from);
    QVERIFY(produce(m_bootstrap, topic, "B|{\"v\":2}\n"));
    const qint64 to = newestTimestamp(m_bootstrap, topic);
    QVERIFY(to >= from);
    QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > to);
    QVERIFY(produce(m_bootstrap, topic, "C|{\"v\":3}\n"));
    QVERIFY(newestTimestamp(m_bootstrap, topic) > to);

    auto store = std::make_shared<TelemetryStore>();
    TelemetryIngest ingest(brokerProfile(), store);
    IngestConfig c;
    c.topics = {topic};
    c.start = TelemetryStart::Timestamp;
    c.startMs = from;
    c.endMs = to;
    IngestStatus st;
    QVERIFY(runToEnd(ingest, c, &st));
    QCOMPARE(st.state, IngestStatus::State::Finished);
    QCOMPARE(contents(*store).keys(), QStringList{QStringLiteral("B/v")});
}

void TestTelemetryIngest::unknownTopicFailsWithItsName()
{
    auto store = std::make_shared<TelemetryStore>();
    TelemetryIngest ingest(brokerProfile(), store);
    IngestConfig c;
    c.topics = {QStringLiteral("no.such.topic.here")};
    IngestStatus st;
    QVERIFY(runToEnd(ingest, c, &st));
    QCOMPARE(st.state, IngestStatus::State::Failed);
    QVERIFY2(st.message.contains(QStringLiteral("no.such.topic.here")), qPrintable(st.message));
}

void TestTelemetryIngest::noConsumerGroupIsCreated()
{
    QVERIFY(!m_topics.isEmpty());
    auto store = std::make_shared<TelemetryStore>();
    TelemetryIngest ingest(brokerProfile(), store);
    IngestConfig c;
    c.topics = {m_topics.first()};
    c.start = TelemetryStart::Beginning;
    ingest.start(c);
    QTRY_VERIFY_WITH_TIMEOUT(store->totals().messages >= 15, 20000);
    ingest.stop();
    const ProcessResult r = python(QStringLiteral(R"(
import sys
from confluent_kafka.admin import AdminClient
a = AdminClient({'bootstrap.servers': sys.argv[1]})
print('\n'.join(g.id for g in a.list_groups(timeout=10)))
)"),
                                   {m_bootstrap});
    QVERIFY2(r.ok(), r.err.constData());
    QVERIFY2(!r.out.contains("kafkascope-telemetry"), r.out.constData());
}

KAFKASCOPE_CORE_TEST_MAIN(TestTelemetryIngest)
#include "tst_telemetry_ingest.moc"
