// The telemetry store: devices, keys and points exactly as decoded; retention by points
// and by time; incremental reads; device statistics (rate, gaps); bounded error list;
// memory accounted.

#include "telemetry/telemetry_store.h"
#include "test_main.h"

#include <QTest>
#include <QThread>
#include <atomic>
#include <cmath>
#include <thread>

using namespace kafkascope;

namespace {
constexpr qint64 kT0 = 1700000000000;

DecoderOptions format(TelemetryFormat f)
{
    DecoderOptions o;
    o.format = f;
    return o;
}

// Decodes gateway messages "device -> (tsMs, value)" into one batch.
void decodeInto(const QList<std::tuple<QString, qint64, double>> &readings, DecodedBatch &batch,
                std::vector<MessageOrigin> &origins)
{
    TelemetryDecoder decoder(format(TelemetryFormat::Gateway));
    for (const auto &[device, ts, v] : readings) {
        const QByteArray json = QStringLiteral(R"({"%1":[{"ts":%2,"values":{"temperature":%3,"on":true}}]})")
                                    .arg(device)
                                    .arg(ts)
                                    .arg(v)
                                    .toUtf8();
        RawMessage m;
        m.value = std::string_view(json.constData(), size_t(json.size()));
        m.kafkaTimestampMs = ts;
        batch.setSource(quint32(origins.size()));
        origins.push_back({QStringLiteral("tb.telemetry"), 0, qint64(origins.size())});
        decoder.decode(m, batch);
    }
}

// Decodes the readings into one batch and applies it.
void feed(TelemetryStore &store, const QList<std::tuple<QString, qint64, double>> &readings, qint64 nowMs = kT0)
{
    DecodedBatch batch;
    std::vector<MessageOrigin> origins;
    decodeInto(readings, batch, origins);
    store.apply(batch, origins, nowMs);
}
} // namespace

class TestTelemetryStore : public QObject
{
    Q_OBJECT
private slots:
    void holdsExactlyWhatWasDecoded();
    void incrementalReads();
    void retentionByPoints_data();
    void retentionByPoints();
    void retentionByTime();
    void rateAndGaps();
    void lateReadingsFromOtherPartitions();
    void flatDeviceRate_data();
    void flatDeviceRate();
    void errorsAreCountedAndBounded();
    void memoryIsAccounted();
    void clearInvalidatesIndexes();
    void readersGetInMidBatch();
};

void TestTelemetryStore::holdsExactlyWhatWasDecoded()
{
    TelemetryStore store;
    feed(store, {{QStringLiteral("A"), kT0, 1.5}, {QStringLiteral("B"), kT0 + 1000, 2.5}, {QStringLiteral("A"), kT0 + 2000, 3.5}});
    const auto devices = store.devices();
    QCOMPARE(devices.size(), 2);
    QCOMPARE(devices[0].name, QStringLiteral("A"));
    QCOMPARE(devices[0].messages, 2);
    QCOMPARE(devices[0].lastDataMs, kT0 + 2000);
    QCOMPARE(devices[0].topic, QStringLiteral("tb.telemetry"));
    const int a = store.deviceIndex(QStringLiteral("A"));
    const auto keys = store.keys(a);
    QCOMPARE(keys.size(), 2);
    QCOMPARE(keys[0].name, QStringLiteral("temperature"));
    QCOMPARE(keys[0].lastValue, 3.5);
    QVERIFY(!keys[0].boolean);
    QVERIFY(keys[1].boolean);
    std::vector<SeriesPoint> pts;
    store.copySince(a, store.keyIndex(a, QStringLiteral("temperature")), 0, pts);
    QCOMPARE(pts.size(), size_t(2));
    QCOMPARE(pts[0].t, kT0 / 1000.0);
    QCOMPARE(pts[0].v, 1.5);
    QCOMPARE(pts[1].t, (kT0 + 2000) / 1000.0);
    QCOMPARE(pts[1].v, 3.5);
    QCOMPARE(store.tail(a, 0, 10), (QVector<double>{1.5, 3.5}));
    QCOMPARE(store.keyIndex(a, QStringLiteral("missing")), -1);
    QCOMPARE(store.deviceIndex(QStringLiteral("missing")), -1);
}

void TestTelemetryStore::incrementalReads()
{
    TelemetryStore store;
    feed(store, {{QStringLiteral("A"), kT0, 1}, {QStringLiteral("A"), kT0 + 1000, 2}});
    std::vector<SeriesPoint> pts;
    quint64 seq = store.copySince(0, 0, 0, pts);
    QCOMPARE(pts.size(), size_t(2));
    pts.clear();
    QCOMPARE(store.copySince(0, 0, seq, pts), seq);
    QVERIFY(pts.empty());
    feed(store, {{QStringLiteral("A"), kT0 + 2000, 3}});
    seq = store.copySince(0, 0, seq, pts);
    QCOMPARE(pts.size(), size_t(1));
    QCOMPARE(pts[0].v, 3.0);
    // A late reading (another partition fetched later) is kept in its place in time, and
    // the reader is told to read the series again.
    quint64 rewrites = 0;
    pts.clear();
    store.copySince(0, 0, seq, pts, &rewrites);
    QCOMPARE(rewrites, quint64(0));
    feed(store, {{QStringLiteral("A"), kT0 + 500, 9}});
    pts.clear();
    store.copySince(0, 0, 0, pts, &rewrites);
    QCOMPARE(rewrites, quint64(1));
    QList<double> values;
    for (const SeriesPoint &p : pts)
        values << p.v;
    QCOMPARE(values, (QList<double>{1, 9, 2, 3}));
    QCOMPARE(store.keys(0).first().points, size_t(4));
}

// Messages of one device from several partitions: every reading is kept, in time order,
// and the rate covers the data times whatever order they came in.
void TestTelemetryStore::lateReadingsFromOtherPartitions()
{
    TelemetryStore store;
    QList<std::tuple<QString, qint64, double>> readings;
    for (int i = 1; i < 100; ++i) // 2 per second, "partitions 1 and 2"
        readings.append({QStringLiteral("A"), kT0 + i * 500, double(i)});
    feed(store, readings);
    feed(store, {{QStringLiteral("A"), kT0, 0.0}}); // "partition 0": one message, the oldest
    const DeviceSummary d = store.devices().first();
    QCOMPARE(d.messages, 100);
    std::vector<SeriesPoint> pts;
    store.copySince(0, store.keyIndex(0, QStringLiteral("temperature")), 0, pts);
    QCOMPARE(pts.size(), size_t(100));
    for (size_t i = 0; i < pts.size(); ++i)
        QCOMPARE(pts[i].v, double(i));
    QVERIFY2(d.rate > 1.9 && d.rate < 2.1, qPrintable(QString::number(d.rate)));
}

void TestTelemetryStore::retentionByPoints_data()
{
    QTest::addColumn<int>("retention");
    QTest::addColumn<int>("fed");
    QTest::newRow("under") << 1000 << 10;
    QTest::newRow("exactly") << 300 << 300;
    QTest::newRow("over, several growths") << 1000 << 5000;
}

void TestTelemetryStore::retentionByPoints()
{
    QFETCH(int, retention);
    QFETCH(int, fed);
    TelemetryStore store;
    store.setRetention(size_t(retention), 0);
    QList<std::tuple<QString, qint64, double>> readings;
    for (int i = 0; i < fed; ++i)
        readings.append({QStringLiteral("A"), kT0 + i * 100, double(i)});
    feed(store, readings);
    std::vector<SeriesPoint> pts;
    store.copySince(0, 0, 0, pts);
    const int held = std::min(retention, fed);
    QCOMPARE(int(pts.size()), held);
    QCOMPARE(pts.back().v, double(fed - 1)); // newest kept
    QCOMPARE(pts.front().v, double(fed - held));
    QCOMPARE(store.keys(0)[0].points, size_t(held));
}

void TestTelemetryStore::retentionByTime()
{
    TelemetryStore store;
    store.setRetention(100000, 10); // 10 s
    QList<std::tuple<QString, qint64, double>> readings;
    for (int i = 0; i <= 60; ++i)
        readings.append({QStringLiteral("A"), kT0 + i * 1000, double(i)});
    feed(store, readings);
    std::vector<SeriesPoint> pts;
    store.copySince(0, 0, 0, pts);
    QVERIFY(!pts.empty());
    QVERIFY2(pts.front().t >= (kT0 + 50000) / 1000.0 - 1, qPrintable(QString::number(pts.front().t)));
    QCOMPARE(pts.back().v, 60.0);
}

void TestTelemetryStore::rateAndGaps()
{
    TelemetryStore store;
    store.setStaleMs(5000);
    QList<std::tuple<QString, qint64, double>> readings;
    for (int i = 0; i < 10; ++i) // 2 per second
        readings.append({QStringLiteral("A"), kT0 + i * 500, double(i)});
    readings.append({QStringLiteral("A"), kT0 + 4500 + 20000, 1.0}); // a 20 s silence
    feed(store, readings);
    const DeviceSummary d = store.devices().first();
    QCOMPARE(d.gaps, 1);
    QCOMPARE(d.longestGapMs, 20000);
    QVERIFY2(d.rate > 0.4 && d.rate < 2.1, qPrintable(QString::number(d.rate)));
}

void TestTelemetryStore::flatDeviceRate_data()
{
    // Flat device JSON without ts ({"temperature":21}): the time is the Kafka timestamp.
    QTest::addColumn<QList<qint64>>("times"); // in arrival order
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high"); // NaN bounds: the rate must be unknown
    QList<qint64> inOrder, twoPartitions, burst;
    for (int i = 0; i < 20; ++i)
        inOrder << kT0 + i * 500;
    // No key: spread over two partitions, read one after the other, so arrival runs back in time.
    for (int i = 0; i < 10; ++i)
        twoPartitions << kT0 + 5000 + i * 500;
    for (int i = 0; i < 10; ++i)
        twoPartitions << kT0 + i * 500;
    for (int i = 0; i < 20; ++i)
        burst << kT0; // produced in one loop: one millisecond for all
    QTest::newRow("in time order") << inOrder << 1.9 << 2.1;
    QTest::newRow("two partitions, read in turn") << twoPartitions << 1.4 << 2.1;
    QTest::newRow("one burst") << burst << std::nan("") << std::nan("");
}

void TestTelemetryStore::flatDeviceRate()
{
    QFETCH(QList<qint64>, times);
    QFETCH(double, low);
    QFETCH(double, high);
    TelemetryStore store;
    TelemetryDecoder decoder(format(TelemetryFormat::Device));
    DecodedBatch batch;
    std::vector<MessageOrigin> origins;
    const QByteArray json = R"({"temperature":21.5,"humidity":40})";
    for (qint64 t : times) {
        RawMessage m;
        m.value = std::string_view(json.constData(), size_t(json.size()));
        m.key = "Dev 1";
        m.kafkaTimestampMs = t;
        batch.setSource(quint32(origins.size()));
        origins.push_back({QStringLiteral("t"), 0, qint64(origins.size())});
        decoder.decode(m, batch);
    }
    store.apply(batch, origins, kT0 + 20000);
    const DeviceSummary d = store.devices().first();
    QCOMPARE(d.messages, qint64(times.size()));
    if (std::isnan(low)) // no rate to stand behind: unknown, never 0/s
        QVERIFY2(std::isnan(d.rate), qPrintable(QString::number(d.rate)));
    else
        QVERIFY2(d.rate >= low && d.rate <= high, qPrintable(QString::number(d.rate)));
}

void TestTelemetryStore::errorsAreCountedAndBounded()
{
    TelemetryStore store;
    TelemetryDecoder decoder(format(TelemetryFormat::Device));
    DecodedBatch batch;
    std::vector<MessageOrigin> origins;
    for (int i = 0; i < TelemetryStore::kMaxErrors + 20; ++i) {
        RawMessage m;
        m.value = "{broken";
        m.key = "Dev 1";
        batch.setSource(quint32(origins.size()));
        origins.push_back({QStringLiteral("t"), 2, i});
        decoder.decode(m, batch);
    }
    store.apply(batch, origins, kT0);
    QCOMPARE(store.totals().errors, qint64(TelemetryStore::kMaxErrors + 20));
    const auto errors = store.errors();
    QCOMPARE(errors.size(), TelemetryStore::kMaxErrors);
    QCOMPARE(errors.last().offset, qint64(TelemetryStore::kMaxErrors + 19));
    QCOMPARE(errors.last().partition, 2);
    QCOMPARE(errors.last().device, QStringLiteral("Dev 1"));
    QVERIFY(errors.last().reason.contains(QStringLiteral("invalid JSON")));
    QCOMPARE(errors.last().preview, QByteArray("{broken"));
    QCOMPARE(store.devices().first().errors, qint64(TelemetryStore::kMaxErrors + 20));
    QCOMPARE(store.topics().first().errors, qint64(TelemetryStore::kMaxErrors + 20));
}

void TestTelemetryStore::memoryIsAccounted()
{
    TelemetryStore store;
    QList<std::tuple<QString, qint64, double>> readings;
    for (int i = 0; i < 20000; ++i)
        readings.append({QStringLiteral("A"), kT0 + i, double(i)});
    feed(store, readings);
    const StoreTotals t = store.totals();
    QCOMPARE(t.devices, 1);
    QCOMPARE(t.series, 2);
    QCOMPARE(t.points, size_t(40000));
    // Held compressed (a counter every millisecond: a few bits a point), and counted.
    QVERIFY(t.bytes > 0);
    QVERIFY2(t.bytes < t.points * sizeof(SeriesPoint) / 4, qPrintable(QString::number(t.bytes)));
    QCOMPARE(t.messages, 20000);
}

void TestTelemetryStore::clearInvalidatesIndexes()
{
    TelemetryStore store;
    feed(store, {{QStringLiteral("A"), kT0, 1}});
    const quint64 g = store.generation();
    store.clear();
    QVERIFY(store.generation() != g);
    QVERIFY(store.devices().isEmpty());
    QCOMPARE(store.keys(0).size(), 0);
    std::vector<SeriesPoint> pts;
    QCOMPARE(store.copySince(0, 0, 5, pts), quint64(5));
    QCOMPARE(store.totals().points, size_t(0));
}

void TestTelemetryStore::readersGetInMidBatch()
{
    // The ingest applies batches on a thread below the UI's priority. A reader that waits for
    // the store is let in between stretches of a batch (it sees part of it), not made to
    // wait for the whole batch and for whenever the scheduler runs the writer again.
    constexpr int kMessages = 200000;
    QList<std::tuple<QString, qint64, double>> readings;
    for (int i = 0; i < kMessages; ++i)
        readings.append({QStringLiteral("A"), kT0 + i, double(i % 100)});
    DecodedBatch batch;
    std::vector<MessageOrigin> origins;
    decodeInto(readings, batch, origins);
    TelemetryStore store;
    std::atomic<bool> applied = false;
    std::thread writer([&] {
        store.apply(batch, origins, kT0);
        applied = true;
    });
    bool sawPart = false;
    while (!applied) {
        const qint64 held = store.totals().messages;
        sawPart = sawPart || (held > 0 && held < kMessages);
        QThread::yieldCurrentThread();
    }
    writer.join();
    QCOMPARE(store.totals().messages, qint64(kMessages));
    // A frame's read that may not wait: the same points as copySince when the store is free.
    const int a = store.deviceIndex(QStringLiteral("A")), key = store.keyIndex(a, QStringLiteral("temperature"));
    std::vector<SeriesPoint> waited, tried;
    quint64 rewrites = 0, next = 0;
    const quint64 end = store.copySince(a, key, kMessages - 10, waited);
    QVERIFY(store.tryCopySince(a, key, kMessages - 10, tried, &next, &rewrites, 0));
    QCOMPARE(next, end);
    QCOMPARE(tried.size(), size_t(10));
    QCOMPARE(tried.back().t, waited.back().t);
    QVERIFY2(sawPart, "the reader only ever saw the store before or after the whole batch");
}

KAFKASCOPE_CORE_TEST_MAIN(TestTelemetryStore)
#include "tst_telemetry_store.moc"
