// Decoded telemetry against the real broker: ThingsBoard rule-engine queue messages (encoded
// by Python's protobuf from our ThingsBoard-shaped .proto files), ThingsBoard rule-engine
// Kafka node output (flat JSON, tb_msg_md_* headers) and Avro records serialized by
// confluent-kafka, all produced by confluent-kafka, end up in the telemetry store with the
// device, time and value the producer meant.

#include "telemetry/telemetry_ingest.h"
#include "telemetry/telemetry_store.h"
#include "scripted_http.h"
#include "test_main.h"
#include "test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace kafkascope;
using namespace kafkascope::testing;

namespace {

QString dataDir(const QString &sub)
{
    return qEnvironmentVariable("KAFKASCOPE_SHARED_DATA") + QLatin1Char('/') + sub;
}

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

// Produces with confluent-kafka: stdin is a JSON list of {key, value_hex, headers:{name: value}}.
bool produce(const QString &bootstrap, const QString &topic, const QJsonArray &records)
{
    static const QString code = QStringLiteral(R"(
import json, sys
from confluent_kafka import Producer
p = Producer({"bootstrap.servers": sys.argv[1]})
for r in json.load(sys.stdin):
    p.produce(sys.argv[2], key=r.get("key"), value=bytes.fromhex(r["value_hex"]),
              headers=list(r.get("headers", {}).items()))
if p.flush(30) != 0:
    sys.exit("not delivered")
)");
    const ProcessResult r = run(testPython(), {QStringLiteral("-c"), code, bootstrap, topic},
                                QJsonDocument(records).toJson(QJsonDocument::Compact));
    if (!r.ok())
        qWarning("producer failed: %s", r.err.constData());
    return r.ok();
}

IngestConfig wholeTopic(const QString &topic)
{
    IngestConfig c;
    c.topics = {topic};
    c.start = TelemetryStart::Beginning;
    c.stopAtEnd = true;
    return c;
}

} // namespace

class TestTelemetryDecoding : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void thingsBoardQueueTopic();
    void ruleNodeOutputTopic();
    void registryAvroTopic();

private:
    QString m_bootstrap;
    QStringList m_topics;
    QTemporaryDir m_tmp;
};

void TestTelemetryDecoding::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    // A broker test: a missing broker is a failure, as in every other suite, never a skip.
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    QVERIFY(m_tmp.isValid());
}

void TestTelemetryDecoding::cleanupTestCase()
{
    for (const QString &t : std::as_const(m_topics))
        deleteTopic(m_bootstrap, t);
}

void TestTelemetryDecoding::thingsBoardQueueTopic()
{
    const QString set = m_tmp.filePath(QStringLiteral("tb.pb"));
    const ProcessResult protoc = run(QStringLiteral("protoc"), {QStringLiteral("--include_imports"), QStringLiteral("--descriptor_set_out=") + set,
                                                                QStringLiteral("-I") + thingsBoardProtoDir(),
                                                                QStringLiteral("tb_queue.proto")});
    QVERIFY2(protoc.ok(), protoc.err.constData());
    const QByteArray specs = R"([
        {"type": "POST_TELEMETRY_REQUEST", "deviceName": "Boiler 1", "ts": 1764547200000, "data": {"temperature": 71.5, "pressure": 2.25}},
        {"type": "POST_TELEMETRY_REQUEST", "deviceName": "Boiler 2", "ts": 1764547201000, "data": {"temperature": 64}},
        {"type": "ACTIVITY_EVENT", "deviceName": "Boiler 1", "ts": 1764547202000, "data": {"active": true}},
        {"type": "POST_ATTRIBUTES_REQUEST", "deviceName": "Boiler 1", "ts": 1764547203000, "data": {"setpoint": 70}},
        {"type": "POST_TELEMETRY_REQUEST", "deviceName": "Boiler 1", "ts": 1764547204000, "data": {"temperature": 72.0}}
    ])";
    const ProcessResult encoded = run(testPython(), {dataDir(QStringLiteral("thingsboard/tb_encode.py")), set}, specs);
    QVERIFY2(encoded.ok(), encoded.err.constData());
    QJsonArray records;
    for (const QByteArray &line : encoded.out.split('\n'))
        if (!line.trimmed().isEmpty()) // ThingsBoard keys its queues by entity id, not device name
            records.append(QJsonObject{{QStringLiteral("key"), QStringLiteral("5a1f0c1e-entity")},
                                       {QStringLiteral("value_hex"), QString::fromLatin1(line.trimmed())}});
    QCOMPARE(records.size(), 5);

    const QString topic = uniqueName(QStringLiteral("tb_rule_engine.main"));
    m_topics << topic;
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, 1, &error), qPrintable(error));
    QVERIFY(produce(m_bootstrap, topic, records));

    auto store = std::make_shared<TelemetryStore>();
    TelemetryIngest ingest(brokerProfile(), store);
    IngestConfig c = wholeTopic(topic);
    DecoderChoice tb;
    tb.kind = DecoderKind::ProtobufFile;
    tb.protoImportPaths = {thingsBoardProtoDir()};
    tb.messageType = QStringLiteral("transport.ToRuleEngineMsg");
    tb.thingsBoardQueue = true;
    c.valueDecoders.insert(topic, tb);
    ingest.start(c);
    QTRY_COMPARE_WITH_TIMEOUT(ingest.status().state, IngestStatus::State::Finished, 30000);
    const QMap<QString, QString> expected{
        {QStringLiteral("Boiler 1/temperature"), QStringLiteral("1764547200000=71.5;1764547204000=72")},
        {QStringLiteral("Boiler 1/pressure"), QStringLiteral("1764547200000=2.25")},
        {QStringLiteral("Boiler 1/setpoint"), QStringLiteral("1764547203000=70")},
        {QStringLiteral("Boiler 2/temperature"), QStringLiteral("1764547201000=64")},
    };
    QCOMPARE(contents(*store), expected);
    QCOMPARE(store->totals().errors, 0);
}

void TestTelemetryDecoding::ruleNodeOutputTopic()
{
    const QString topic = uniqueName(QStringLiteral("tb.rule-node"));
    m_topics << topic;
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, 2, &error), qPrintable(error));
    auto record = [](const char *device, qint64 ts, const QByteArray &json) {
        return QJsonObject{{QStringLiteral("key"), QStringLiteral("pattern-key")},
                           {QStringLiteral("value_hex"), QString::fromLatin1(json.toHex())},
                           {QStringLiteral("headers"), QJsonObject{{QStringLiteral("tb_msg_md_deviceName"), QString::fromUtf8(device)},
                                                                   {QStringLiteral("tb_msg_md_deviceType"), QStringLiteral("pump")},
                                                                   {QStringLiteral("tb_msg_md_ts"), QString::number(ts)}}}};
    };
    const QJsonArray records{record("Pump 7", 1764547300000, R"({"pressure":2.5,"running":true})"),
                             record("Pump 8", 1764547301000, R"({"pressure":1.75})"),
                             record("Pump 7", 1764547302000, R"({"pressure":2.625})")};
    QVERIFY(produce(m_bootstrap, topic, records));

    auto store = std::make_shared<TelemetryStore>();
    TelemetryIngest ingest(brokerProfile(), store);
    ingest.start(wholeTopic(topic)); // Auto: nothing to choose
    QTRY_COMPARE_WITH_TIMEOUT(ingest.status().state, IngestStatus::State::Finished, 30000);
    const QMap<QString, QString> expected{
        {QStringLiteral("Pump 7/pressure"), QStringLiteral("1764547300000=2.5;1764547302000=2.625")},
        {QStringLiteral("Pump 7/running"), QStringLiteral("1764547300000=1")},
        {QStringLiteral("Pump 8/pressure"), QStringLiteral("1764547301000=1.75")},
    };
    QCOMPARE(contents(*store), expected);
}

void TestTelemetryDecoding::registryAvroTopic()
{
    const QString set = m_tmp.filePath(QStringLiteral("reading.pb"));
    const ProcessResult protoc = run(QStringLiteral("protoc"), {QStringLiteral("--include_imports"), QStringLiteral("--descriptor_set_out=") + set,
                                                                QStringLiteral("-I") + dataDir(QStringLiteral("registry")),
                                                                QStringLiteral("reading.proto")});
    QVERIFY2(protoc.ok(), protoc.err.constData());
    const ProcessResult encoded = run(testPython(), {dataDir(QStringLiteral("registry/registry_encode.py")), set});
    QVERIFY2(encoded.ok(), encoded.err.constData());
    ScriptedHttp registry; // serves the schemas confluent-kafka registered; not a registry server
    QVERIFY(registry.start());
    QJsonArray records;
    QMap<QString, QString> expected;
    for (const QByteArray &line : encoded.out.split('\n')) {
        const QJsonObject r = QJsonDocument::fromJson(line).object();
        if (r.isEmpty())
            continue;
        registry.setResponse(QStringLiteral("/schemas/ids/%1").arg(r.value(QStringLiteral("id")).toInt()),
                             QJsonDocument(QJsonObject{{QStringLiteral("schema"), r.value(QStringLiteral("schema"))},
                                                       {QStringLiteral("schemaType"), r.value(QStringLiteral("schemaType"))}})
                                 .toJson(QJsonDocument::Compact));
        const QString format = r.value(QStringLiteral("format")).toString();
        const QJsonObject was = r.value(QStringLiteral("expected")).toObject();
        const QString device = format + QLatin1Char(':') + was.value(QStringLiteral("device")).toString();
        records.append(QJsonObject{{QStringLiteral("key"), device}, {QStringLiteral("value_hex"), r.value(QStringLiteral("bytes"))}});
        const qint64 ts = was.value(QStringLiteral("ts")).toVariant().toLongLong();
        QString &series = expected[device + QStringLiteral("/temperature")];
        series += (series.isEmpty() ? QString() : QStringLiteral(";"))
                  + QStringLiteral("%1=%2").arg(ts).arg(was.value(QStringLiteral("temperature")).toDouble());
    }
    QCOMPARE(records.size(), 12);
    const QString topic = uniqueName(QStringLiteral("readings"));
    m_topics << topic;
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, 1, &error), qPrintable(error));
    QVERIFY(produce(m_bootstrap, topic, records));

    ConnectionProfile profile = brokerProfile();
    profile.registry.url = registry.url();
    auto store = std::make_shared<TelemetryStore>();
    TelemetryIngest ingest(profile, store);
    IngestConfig c = wholeTopic(topic);
    c.decoder.format = TelemetryFormat::Device; // flat records, device from the key
    ingest.start(c);
    QTRY_COMPARE_WITH_TIMEOUT(ingest.status().state, IngestStatus::State::Finished, 30000);
    QMap<QString, QString> temperatures;
    const QMap<QString, QString> all = contents(*store);
    for (auto it = all.begin(); it != all.end(); ++it)
        if (it.key().endsWith(u"/temperature"))
            temperatures.insert(it.key(), it.value());
    QCOMPARE(temperatures, expected);
    QCOMPARE(store->totals().errors, 0);
}

KAFKASCOPE_CORE_TEST_MAIN(TestTelemetryDecoding)
#include "tst_telemetry_decoding.moc"
