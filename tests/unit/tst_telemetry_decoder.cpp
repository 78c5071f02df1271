// The telemetry decoder on every supported format and every kind of bad input: good
// messages become exactly the expected (device, key, time, value) points; bad ones become
// one counted error with a reason naming the cause, and the next message still decodes.

#include "telemetry/telemetry_decoder.h"
#include "test_main.h"

#include <QTest>

using namespace kafkascope;

namespace {
constexpr qint64 kKafkaTs = 1700000999000;

struct Case
{
    DecoderOptions options;
    QByteArray key;
    QByteArray header;
    bool hasHeader = false;
};

QStringList L(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out << QString::fromUtf8(i);
    return out;
}

// "device/key@ms=value" lines, in decode order.
QStringList pointsOf(const DecodedBatch &b)
{
    QStringList out;
    for (const auto &p : b.points()) {
        const auto &m = b.messages()[p.message];
        const std::string_view dev = b.device(m), key = b.key(p);
        out << QStringLiteral("%1/%2@%3=%4%5")
                   .arg(QString::fromUtf8(dev.data(), qsizetype(dev.size())), QString::fromUtf8(key.data(), qsizetype(key.size())))
                   .arg(qint64(std::llround(p.t * 1000.0)))
                   .arg(p.v)
                   .arg(p.boolean ? QStringLiteral("b") : QString());
    }
    return out;
}

RawMessage raw(const QByteArray &value, const Case &c, const char *topic = "tb.telemetry")
{
    RawMessage m;
    m.value = std::string_view(value.constData(), size_t(value.size()));
    m.key = std::string_view(c.key.constData(), size_t(c.key.size()));
    m.header = std::string_view(c.header.constData(), size_t(c.header.size()));
    m.hasHeader = c.hasHeader;
    m.topic = topic;
    m.kafkaTimestampMs = kKafkaTs;
    return m;
}

DecoderOptions opts(TelemetryFormat f, DeviceSource s = DeviceSource::MessageKey, const QString &field = {})
{
    DecoderOptions o;
    o.format = f;
    o.deviceSource = s;
    o.deviceField = field;
    return o;
}

QByteArray nested(int depth, char open, char close, const QByteArray &inner)
{
    QByteArray s;
    for (int i = 0; i < depth; ++i)
        s += open == '{' ? QByteArray("{\"a\":") : QByteArray(1, open);
    s += inner;
    s += QByteArray(depth, close);
    return s;
}
} // namespace

Q_DECLARE_METATYPE(DecoderOptions)

class TestTelemetryDecoder : public QObject
{
    Q_OBJECT
private slots:
    void decodesFormats_data();
    void decodesFormats();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void badInputDoesNotStopTheStream();
    void autoDetectsFromFirstMessages_data();
    void autoDetectsFromFirstMessages();
    void largeValidMessageDecodes();
    void previewEscapesBinary();
};

void TestTelemetryDecoder::decodesFormats_data()
{
    QTest::addColumn<DecoderOptions>("options");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QStringList>("expected");
    const auto gw = opts(TelemetryFormat::Gateway);
    const auto dev = opts(TelemetryFormat::Device);
    const auto autoFmt = opts(TelemetryFormat::Auto);

    QTest::newRow("gateway") << gw << QByteArray() << QByteArray()
                             << QByteArray(R"({"Sensor 01":[{"ts":1700000000000,"values":{"temperature":21.5,"humidity":40}}]})")
                             << L({"Sensor 01/temperature@1700000000000=21.5", "Sensor 01/humidity@1700000000000=40"});
    QTest::newRow("gateway two devices, two readings")
        << gw << QByteArray() << QByteArray()
        << QByteArray(R"({"A":[{"ts":1700000000000,"values":{"t":1}},{"ts":1700000001000,"values":{"t":2}}],"B":[{"ts":1700000002000,"values":{"t":3}}]})")
        << L({"A/t@1700000000000=1", "A/t@1700000001000=2", "B/t@1700000002000=3"});
    QTest::newRow("gateway flat reading, kafka time")
        << gw << QByteArray() << QByteArray() << QByteArray(R"({"A":[{"rssi":-71}]})")
        << L({"A/rssi@1700000999000=-71"});
    QTest::newRow("gateway utf-8 device") << gw << QByteArray() << QByteArray()
                                          << QByteArray(R"({"Датчик 7":[{"ts":1700000000000,"values":{"t":1.25}}]})")
                                          << L({"Датчик 7/t@1700000000000=1.25"});
    QTest::newRow("device envelope, key names device")
        << dev << QByteArray("Tracker 1") << QByteArray()
        << QByteArray(R"({"ts":1700000000000,"values":{"speed":42.5,"ignition":true}})")
        << L({"Tracker 1/speed@1700000000000=42.5", "Tracker 1/ignition@1700000000000=1b"});
    QTest::newRow("device array of envelopes")
        << dev << QByteArray("T") << QByteArray()
        << QByteArray(R"([{"ts":1700000000000,"values":{"v":1}},{"ts":1700000005000,"values":{"v":2}}])")
        << L({"T/v@1700000000000=1", "T/v@1700000005000=2"});
    QTest::newRow("device flat, kafka time") << dev << QByteArray("T") << QByteArray()
                                             << QByteArray(R"({"temperature":21.5})")
                                             << L({"T/temperature@1700000999000=21.5"});
    QTest::newRow("device flat with ts") << dev << QByteArray("T") << QByteArray()
                                         << QByteArray(R"({"ts":1700000000000,"temperature":21.5})")
                                         << L({"T/temperature@1700000000000=21.5"});
    QTest::newRow("nested objects flattened")
        << dev << QByteArray("T") << QByteArray()
        << QByteArray(R"({"ts":1700000000000,"values":{"fuel":{"level":50.5},"gps":{"fix":{"sats":7}}}})")
        << L({"T/fuel.level@1700000000000=50.5", "T/gps.fix.sats@1700000000000=7"});
    QTest::newRow("numeric strings, booleans, skipped text and null")
        << dev << QByteArray("T") << QByteArray()
        << QByteArray(R"({"values":{"t":"21.5","on":true,"off":"false","fw":"2.4.1","n":null,"neg":"-3e2"}})")
        << L({"T/t@1700000999000=21.5", "T/on@1700000999000=1b", "T/off@1700000999000=0b", "T/neg@1700000999000=-300"});
    QTest::newRow("ts in seconds") << dev << QByteArray("T") << QByteArray()
                                   << QByteArray(R"({"ts":1700000000,"values":{"v":1}})")
                                   << L({"T/v@1700000000000=1"});
    QTest::newRow("ts as string") << dev << QByteArray("T") << QByteArray()
                                  << QByteArray(R"({"ts":"1700000000000","values":{"v":1}})")
                                  << L({"T/v@1700000000000=1"});
    auto kafkaTime = dev;
    kafkaTime.useKafkaTimestamp = true;
    QTest::newRow("kafka timestamp overrides ts") << kafkaTime << QByteArray("T") << QByteArray()
                                                  << QByteArray(R"({"ts":1700000000000,"values":{"v":1}})")
                                                  << L({"T/v@1700000999000=1"});
    QTest::newRow("device from header") << opts(TelemetryFormat::Device, DeviceSource::Header, QStringLiteral("deviceName"))
                                        << QByteArray("ignored") << QByteArray("Meter 9")
                                        << QByteArray(R"({"kwh":12.5})") << L({"Meter 9/kwh@1700000999000=12.5"});
    QTest::newRow("device from json field") << opts(TelemetryFormat::Device, DeviceSource::JsonField, QStringLiteral("deviceName"))
                                            << QByteArray() << QByteArray()
                                            << QByteArray(R"({"deviceName":"Pump 3","pressure":2.5})")
                                            << L({"Pump 3/pressure@1700000999000=2.5"});
    QTest::newRow("device from topic") << opts(TelemetryFormat::Device, DeviceSource::Topic) << QByteArray() << QByteArray()
                                       << QByteArray(R"({"v":3})") << L({"tb.telemetry/v@1700000999000=3"});
    QTest::newRow("generic json, arrays indexed") << opts(TelemetryFormat::Generic) << QByteArray("G") << QByteArray()
                                                  << QByteArray(R"({"a":{"b":[1,2]},"s":"x","ts":1700000000000})")
                                                  << L({"G/a.b.0@1700000000000=1", "G/a.b.1@1700000000000=2"});
    QTest::newRow("generic scalar root") << opts(TelemetryFormat::Generic) << QByteArray("G") << QByteArray()
                                         << QByteArray("42.5") << L({"G/@1700000999000=42.5"});
    QTest::newRow("auto: gateway") << autoFmt << QByteArray("whatever") << QByteArray()
                                   << QByteArray(R"({"A":[{"ts":1700000000000,"values":{"t":1}}]})")
                                   << L({"A/t@1700000000000=1"});
    QTest::newRow("auto: device") << autoFmt << QByteArray("K") << QByteArray()
                                  << QByteArray(R"({"ts":1700000000000,"values":{"t":1}})")
                                  << L({"K/t@1700000000000=1"});
}

void TestTelemetryDecoder::decodesFormats()
{
    QFETCH(DecoderOptions, options);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, value);
    QFETCH(QStringList, expected);
    TelemetryDecoder decoder(options);
    DecodedBatch batch;
    const Case c{options, key, header, !header.isEmpty()};
    const bool ok = decoder.decode(raw(value, c), batch);
    QVERIFY2(ok, batch.errors().empty() ? "" : qPrintable(batch.errors().front().reason));
    QVERIFY(batch.errors().empty());
    QCOMPARE(pointsOf(batch), expected);
}

void TestTelemetryDecoder::rejectsBadInput_data()
{
    QTest::addColumn<DecoderOptions>("options");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("reason");
    const auto gw = opts(TelemetryFormat::Gateway);
    const auto dev = opts(TelemetryFormat::Device);
    const auto autoFmt = opts(TelemetryFormat::Auto);
    QTest::newRow("truncated json") << autoFmt << QByteArray("K") << QByteArray(R"({"a":)") << QStringLiteral("invalid JSON");
    QTest::newRow("trailing garbage") << autoFmt << QByteArray("K") << QByteArray(R"({"t":1} x)") << QStringLiteral("invalid JSON");
    QTest::newRow("invalid utf-8") << gw << QByteArray("K") << QByteArray("{\"Dev\xff\":[{\"values\":{\"t\":1}}]}")
                                   << QStringLiteral("invalid UTF-8");
    QTest::newRow("binary") << autoFmt << QByteArray("K") << QByteArray("\x00\x01\x02\xff\xfe", 5) << QStringLiteral("binary payload");
    QTest::newRow("empty") << autoFmt << QByteArray("K") << QByteArray() << QStringLiteral("empty payload");
    QTest::newRow("10000-deep arrays") << autoFmt << QByteArray("K") << nested(10000, '[', ']', "1") << QStringLiteral("nests deeper");
    QTest::newRow("10000-deep objects") << autoFmt << QByteArray("K") << nested(10000, '{', '}', "1") << QStringLiteral("nests deeper");
    QTest::newRow("NaN literal") << dev << QByteArray("K") << QByteArray(R"({"t":NaN})") << QStringLiteral("invalid JSON");
    QTest::newRow("Infinity literal") << dev << QByteArray("K") << QByteArray(R"({"t":Infinity})") << QStringLiteral("invalid JSON");
    QTest::newRow("NaN string") << dev << QByteArray("K") << QByteArray(R"({"ok":1,"t":"NaN"})") << QStringLiteral("not a finite number");
    QTest::newRow("Infinity string") << dev << QByteArray("K") << QByteArray(R"({"t":"-Infinity"})") << QStringLiteral("not a finite number");
    QTest::newRow("number out of range") << dev << QByteArray("K") << QByteArray(R"({"t":1e999})") << QStringLiteral("out of range");
    QTest::newRow("no key for device") << dev << QByteArray() << QByteArray(R"({"t":1})") << QStringLiteral("no key");
    QTest::newRow("gateway device not array") << gw << QByteArray() << QByteArray(R"({"Dev":{"t":1}})")
                                              << QStringLiteral("expected an array of readings");
    QTest::newRow("gateway root array") << gw << QByteArray() << QByteArray(R"([{"t":1}])") << QStringLiteral("must be a JSON object of devices");
    QTest::newRow("gateway reading not object") << gw << QByteArray() << QByteArray(R"({"Dev":[5]})")
                                                << QStringLiteral("reading must be an object");
    QTest::newRow("values mistyped") << dev << QByteArray("K") << QByteArray(R"({"ts":1,"values":5})")
                                     << QStringLiteral("\"values\" must be an object");
    QTest::newRow("ts mistyped") << dev << QByteArray("K") << QByteArray(R"({"ts":"yesterday","values":{"t":1}})")
                                 << QStringLiteral("\"ts\" must be a number");
    QTest::newRow("ts past year 9999") << dev << QByteArray("K")
                                       << QByteArray(R"({"ts":17000000000000000000,"values":{"t":1}})")
                                       << QStringLiteral("not a valid time");
    QTest::newRow("ts negative") << dev << QByteArray("K") << QByteArray(R"({"ts":-5,"values":{"t":1}})") << QStringLiteral("not a valid time");
    QTest::newRow("no values at all") << dev << QByteArray("K") << QByteArray(R"({"name":"x"})") << QStringLiteral("no numeric");
    QTest::newRow("scalar root for device") << dev << QByteArray("K") << QByteArray("42") << QStringLiteral("must be a JSON object or array");
    QTest::newRow("json field missing") << opts(TelemetryFormat::Device, DeviceSource::JsonField, QStringLiteral("deviceName"))
                                        << QByteArray() << QByteArray(R"({"t":1})") << QStringLiteral("no field \"deviceName\"");
    QTest::newRow("json field mistyped") << opts(TelemetryFormat::Device, DeviceSource::JsonField, QStringLiteral("deviceName"))
                                         << QByteArray() << QByteArray(R"({"deviceName":7,"t":1})") << QStringLiteral("must be a string");
    QTest::newRow("header missing") << opts(TelemetryFormat::Device, DeviceSource::Header, QStringLiteral("dev"))
                                    << QByteArray("K") << QByteArray(R"({"t":1})") << QStringLiteral("no header \"dev\"");
    QByteArray huge(20 * 1024 * 1024, ' ');
    huge.prepend(R"({"t":1})");
    QTest::newRow("20 MB over the limit") << dev << QByteArray("K") << huge << QStringLiteral("exceeds the 16 MB decode limit");
    QByteArray garbage(10 * 1024 * 1024, '\x7f');
    QTest::newRow("10 MB garbage") << dev << QByteArray("K") << garbage << QStringLiteral("invalid JSON");
}

void TestTelemetryDecoder::rejectsBadInput()
{
    QFETCH(DecoderOptions, options);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, value);
    QFETCH(QString, reason);
    TelemetryDecoder decoder(options);
    DecodedBatch batch;
    QVERIFY(!decoder.decode(raw(value, Case{options, key, {}, false}), batch));
    QVERIFY(batch.points().empty()); // all or nothing
    QCOMPARE(batch.messages().size(), size_t(1));
    QVERIFY(!batch.messages().front().ok);
    QCOMPARE(batch.errors().size(), size_t(1));
    const QString got = batch.errors().front().reason;
    QVERIFY2(got.contains(reason), qPrintable(QStringLiteral("reason was: ") + got));
    QVERIFY(batch.errors().front().preview.size() <= TelemetryDecoder::kPreviewBytes * 4 + 8);
    QCOMPARE(QString::fromUtf8(batch.device(batch.messages().front()).data()).left(key.size()), QString::fromUtf8(key));
}

void TestTelemetryDecoder::badInputDoesNotStopTheStream()
{
    TelemetryDecoder decoder(opts(TelemetryFormat::Auto));
    DecodedBatch batch;
    const Case c{{}, QByteArray("K"), {}, false};
    const QList<QByteArray> stream{R"({"ts":1700000000000,"values":{"t":1}})", "\x00\xff garbage", nested(10000, '[', ']', "1"),
                                   R"({"t":NaN})", R"({"ts":1700000001000,"values":{"t":2}})"};
    int failures = 0;
    for (quint32 i = 0; i < quint32(stream.size()); ++i) {
        batch.setSource(i);
        failures += decoder.decode(raw(stream[i], c), batch) ? 0 : 1;
    }
    QCOMPARE(failures, 3);
    QCOMPARE(pointsOf(batch), (L({"K/t@1700000000000=1", "K/t@1700000001000=2"})));
    QCOMPARE(batch.messages().size(), size_t(5));
    QCOMPARE(batch.messages()[2].source, 2u);
    QCOMPARE(batch.errors().size(), size_t(3));
}

void TestTelemetryDecoder::autoDetectsFromFirstMessages_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("format");
    QTest::newRow("gateway") << QByteArray(R"({"A":[{"ts":1700000000000,"values":{"t":1}}]})") << int(TelemetryFormat::Gateway);
    QTest::newRow("device") << QByteArray(R"({"ts":1700000000000,"values":{"t":1}})") << int(TelemetryFormat::Device);
    QTest::newRow("flat") << QByteArray(R"({"t":1})") << int(TelemetryFormat::Device);
    QTest::newRow("scalar") << QByteArray("7") << int(TelemetryFormat::Generic);
}

void TestTelemetryDecoder::autoDetectsFromFirstMessages()
{
    QFETCH(QByteArray, value);
    QFETCH(int, format);
    QCOMPARE(int(TelemetryDecoder::guessFormat(std::string_view(value.constData(), size_t(value.size())))), format);
    TelemetryDecoder decoder(opts(TelemetryFormat::Auto));
    DecodedBatch batch;
    for (int i = 0; i < 4; ++i)
        decoder.decode(raw(value, Case{{}, QByteArray("K"), {}, false}), batch);
    QCOMPARE(decoder.detectedFormat(), TelemetryFormat::Auto); // not decided on 4 messages
    decoder.decode(raw(value, Case{{}, QByteArray("K"), {}, false}), batch);
    QCOMPARE(int(decoder.detectedFormat()), format);
}

void TestTelemetryDecoder::largeValidMessageDecodes()
{
    QByteArray big = R"({"ts":1700000000000,"values":{"t":5,"blob":")";
    big += QByteArray(10 * 1024 * 1024, 'x');
    big += R"("}})";
    TelemetryDecoder decoder(opts(TelemetryFormat::Device));
    DecodedBatch batch;
    QVERIFY(decoder.decode(raw(big, Case{{}, QByteArray("K"), {}, false}), batch));
    QCOMPARE(pointsOf(batch), L({"K/t@1700000000000=5"}));
    // The next small message decodes too (the parser gave back the big buffer).
    batch.clear();
    QVERIFY(decoder.decode(raw(R"({"t":6})", Case{{}, QByteArray("K"), {}, false}), batch));
    QCOMPARE(pointsOf(batch), L({"K/t@1700000999000=6"}));
}

void TestTelemetryDecoder::previewEscapesBinary()
{
    QCOMPARE(rawPreview(std::string_view("a\x01\xff", 3), 10), QByteArray("a\\x01\\xff"));
    QCOMPARE(rawPreview("Датчик", 100), QByteArray("Датчик"));
    QCOMPARE(rawPreview("abcdef", 3), QByteArray("abc…"));
}

KAFKASCOPE_CORE_TEST_MAIN(TestTelemetryDecoder)
#include "tst_telemetry_decoder.moc"
