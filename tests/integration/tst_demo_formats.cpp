// The demo cluster's decoder-needing topics: ThingsBoard's rule-engine Kafka node output (JSON
// + tb_msg_md_* headers), its rule-engine queue (protobuf, tb_rule_engine.main.N) and Avro
// framed for the demo's own Schema Registry endpoint. Records read back from the demo decode,
// with the decoders the demo profile picks by itself, to exactly what the demo produced, the
// demo registry answers like a Confluent one, and the telemetry ingest finds every device.

#include "cluster/workspace.h"
#include "decoding/decoder_choice_store.h"
#include "decoding/payload_decoder.h"
#include "decoding/schema_registry_client.h"
#include "demo/demo_cluster.h"
#include "demo/demo_registry.h"
#include "demo/format_simulator.h"
#include "messages/message_reader.h"
#include "telemetry/telemetry_ingest.h"
#include "telemetry/telemetry_store.h"
#include "test_main.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <future>

using namespace kafkascope;

namespace {

struct ReadBack
{
    QString error;
    QList<KafkaMessage> messages;
    QList<DecodedPayload> decoded;
};

// Reads the first records of every partition of `topic` and decodes their values, off this
// thread (as the app's readers do) while this one's event loop keeps turning.
ReadBack readAndDecode(const ConnectionProfile &profile, const QString &topic, const DecoderChoice &choice)
{
    std::future<ReadBack> f = std::async(std::launch::async, [&] {
        ReadBack out;
        MessageReader reader(profile);
        const QList<int> partitions = reader.partitionsOf(topic, &out.error);
        PayloadDecoder decoder(SchemaRegistryClient::shared(profile.registry));
        const RangeLookup ranges = reader.resolve(topic, partitions, StartPosition{});
        if (!ranges.ok())
            out.error = ranges.error;
        for (const PartitionRange &range : ranges.ranges) {
            const qint64 end = std::min(range.end, range.start + 10); // the first records, already there
            const QList<KafkaMessage> got = reader.fetch(topic, range.partition, range.start, end, 10, &out.error);
            for (const KafkaMessage &m : got) {
                DecodedPayload d;
                decoder.decode(std::string_view(m.value.constData(), size_t(m.value.size())), choice, &d);
                out.messages << m;
                out.decoded << d;
            }
        }
        return out;
    });
    while (f.wait_for(std::chrono::milliseconds(10)) != std::future_status::ready)
        QCoreApplication::processEvents();
    return f.get();
}

QJsonObject sampleAt(const QList<QJsonObject> &produced, const QString &device, qint64 ts)
{
    for (const QJsonObject &o : produced)
        if (o.value(QStringLiteral("device")).toString() == device && o.value(QStringLiteral("ts")).toInteger() == ts)
            return o;
    return {};
}

QByteArray header(const KafkaMessage &m, const QByteArray &name)
{
    for (const MessageHeader &h : m.headers)
        if (h.key == name)
            return h.value;
    return {};
}

} // namespace

class TestDemoFormats : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void demoProfileDecodesWithNoSetup();
    void ruleNodeOutput();
    void thingsBoardQueue();
    void registryAvro();
    void registryAnswersLikeConfluent();
    void telemetryFindsEveryDevice();

private:
    ConnectionProfile profile() const;
    DemoCluster m_demo;
    QTemporaryDir m_settingsDir;
};

ConnectionProfile TestDemoFormats::profile() const
{
    ConnectionProfile p = Workspace::demoProfile();
    p.bootstrapServers = m_demo.bootstrapServers();
    p.registry.url = m_demo.registryUrl();
    return p;
}

void TestDemoFormats::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(m_demo.start(100, &error), qPrintable(error));
    QVERIFY(m_demo.registryUrl().startsWith(u"http://127.0.0.1:"));
    for (const QString &topic : FormatSimulator::topics())
        QTRY_VERIFY_WITH_TIMEOUT(m_demo.formats()->produced(topic).size() >= 2, 20000);
}

void TestDemoFormats::demoProfileDecodesWithNoSetup()
{
    QSettings settings(m_settingsDir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    DecoderChoiceStore store(&settings);
    for (const QString &topic : FormatSimulator::topics())
        QCOMPARE(store.load(Workspace::kDemoId, topic).value, FormatSimulator::valueDecoding(topic));
    QCOMPARE(store.load(Workspace::kDemoId, QStringLiteral("tb_rule_engine.main.0")).value.kind, DecoderKind::ProtobufFile);
    QCOMPARE(store.load(Workspace::kDemoId, QStringLiteral("demo.meters.avro")).value.kind, DecoderKind::AvroRegistry);
    QCOMPARE(store.load(QStringLiteral("other"), QStringLiteral("demo.meters.avro")).value.kind, DecoderKind::Auto);
}

void TestDemoFormats::ruleNodeOutput()
{
    const QString topic = QLatin1String(FormatSimulator::kRuleNodeTopic);
    const ReadBack r = readAndDecode(profile(), topic, FormatSimulator::valueDecoding(topic));
    QVERIFY2(!r.messages.isEmpty(), qPrintable(r.error));
    const QList<QJsonObject> produced = m_demo.formats()->produced(topic);
    for (int i = 0; i < r.messages.size(); ++i) {
        const KafkaMessage &m = r.messages[i];
        const DecodedPayload &d = r.decoded[i];
        QVERIFY2(d.ok && d.json, qPrintable(d.error));
        const QString device = QString::fromUtf8(header(m, "tb_msg_md_deviceName"));
        QCOMPARE(QString::fromUtf8(m.key), device);
        QCOMPARE(header(m, "tb_msg_md_deviceType"), QByteArray("pump"));
        const QJsonObject sample = sampleAt(produced, device, header(m, "tb_msg_md_ts").toLongLong());
        QVERIFY2(!sample.isEmpty(), qPrintable(device));
        const QJsonObject values = QJsonDocument::fromJson(QByteArray::fromStdString(d.text)).object();
        QCOMPARE(values.keys(), (QStringList{QStringLiteral("flow"), QStringLiteral("pressure")}));
        for (const QString &k : values.keys())
            QCOMPARE(values.value(k).toDouble(), sample.value(k).toDouble());
    }
}

void TestDemoFormats::thingsBoardQueue()
{
    for (const QString &topic : FormatSimulator::queueTopics()) {
        const ReadBack r = readAndDecode(profile(), topic, FormatSimulator::valueDecoding(topic));
        QVERIFY2(!r.messages.isEmpty(), qPrintable(topic + QStringLiteral(": ") + r.error));
        const QList<QJsonObject> produced = m_demo.formats()->produced(topic);
        for (const DecodedPayload &d : r.decoded) {
            QVERIFY2(d.ok, qPrintable(d.error));
            QVERIFY(d.thingsBoard);
            QCOMPARE(d.record.type, QStringLiteral("POST_TELEMETRY_REQUEST"));
            QCOMPARE(d.record.originatorType, QStringLiteral("DEVICE"));
            QCOMPARE(d.record.metadataValue("deviceType"), std::string("boiler"));
            const QString device = QString::fromStdString(d.record.deviceName());
            const QJsonObject sample = sampleAt(produced, device, d.record.timestampMs);
            QVERIFY2(!sample.isEmpty(), qPrintable(device));
            const QJsonObject data = QJsonDocument::fromJson(QByteArray::fromStdString(d.record.data)).object();
            QCOMPARE(data.keys(), (QStringList{QStringLiteral("pressure"), QStringLiteral("temperature")}));
            for (const QString &k : data.keys())
                QCOMPARE(data.value(k).toDouble(), sample.value(k).toDouble());
        }
    }
}

void TestDemoFormats::registryAvro()
{
    const QString topic = QLatin1String(FormatSimulator::kAvroTopic);
    for (DecoderKind kind : {DecoderKind::AvroRegistry, DecoderKind::Auto}) {
        DecoderChoice choice;
        choice.kind = kind;
        const ReadBack r = readAndDecode(profile(), topic, choice);
        QVERIFY2(!r.messages.isEmpty(), qPrintable(r.error));
        const QList<QJsonObject> produced = m_demo.formats()->produced(topic);
        for (const DecodedPayload &d : r.decoded) {
            QVERIFY2(d.ok, qPrintable(d.error));
            QCOMPARE(d.kind, DecoderKind::AvroRegistry);
            QCOMPARE(d.schemaId, 1);
            QCOMPARE(d.subject, QStringLiteral("demo.meters.avro-value"));
            const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(d.text)).object();
            const QJsonObject sample = sampleAt(produced, o.value(QStringLiteral("device")).toString(),
                                                o.value(QStringLiteral("ts")).toInteger());
            QVERIFY2(!sample.isEmpty(), d.text.c_str());
            QCOMPARE(o, sample);
        }
    }
}

void TestDemoFormats::registryAnswersLikeConfluent()
{
    const QList<DemoSchema> schemas = FormatSimulator::registrySchemas();
    QCOMPARE(DemoRegistry::answer(schemas, QStringLiteral("/subjects")).second,
             QByteArray(R"(["demo.meters.avro-value","tb_msg.proto","tb_rule_engine.main-value","tb.rule-node.telemetry-value"])"));
    const QJsonObject queue = QJsonDocument::fromJson(DemoRegistry::answer(schemas, QStringLiteral("/schemas/ids/3")).second).object();
    QCOMPARE(queue.value(QStringLiteral("schemaType")).toString(), QStringLiteral("PROTOBUF"));
    QVERIFY(queue.value(QStringLiteral("schema")).toString().contains(u"message ToRuleEngineMsg"));
    QCOMPARE(queue.value(QStringLiteral("references")).toArray().first().toObject().value(QStringLiteral("subject")).toString(),
             QStringLiteral("tb_msg.proto"));
    QCOMPARE(DemoRegistry::answer(schemas, QStringLiteral("/config/tb_msg.proto")).second, QByteArray(R"({"compatibilityLevel":"FULL"})"));
    QCOMPARE(DemoRegistry::answer(schemas, QStringLiteral("/subjects/demo.meters.avro-value/versions")).second, QByteArray("[1]"));
    const auto latest = DemoRegistry::answer(schemas, QStringLiteral("/subjects/demo.meters.avro-value/versions/latest"));
    QCOMPARE(latest.first, 200);
    QCOMPARE(QJsonDocument::fromJson(latest.second).object().value(QStringLiteral("id")).toInt(), 1);
    QCOMPARE(DemoRegistry::answer(schemas, QStringLiteral("/schemas/ids/7")).first, 404);
    QCOMPARE(DemoRegistry::answer(schemas, QStringLiteral("/config/demo.meters.avro-value")).first, 404);
    QCOMPARE(QJsonDocument::fromJson(DemoRegistry::answer(schemas, QStringLiteral("/config")).second)
                 .object().value(QStringLiteral("compatibilityLevel")).toString(),
             QStringLiteral("BACKWARD"));
}

void TestDemoFormats::telemetryFindsEveryDevice()
{
    auto store = std::make_shared<TelemetryStore>();
    TelemetryIngest ingest(profile(), store);
    IngestConfig c;
    c.topics = FormatSimulator::topics();
    c.start = TelemetryStart::Beginning;
    c.stopAtEnd = true;
    for (const QString &t : std::as_const(c.topics))
        if (const DecoderChoice v = FormatSimulator::valueDecoding(t); v.kind != DecoderKind::Auto)
            c.valueDecoders.insert(t, v);
    ingest.start(c);
    QTRY_COMPARE_WITH_TIMEOUT(ingest.status().state, IngestStatus::State::Finished, 30000);
    QMap<QString, QStringList> keys;
    for (const DeviceSummary &d : store->devices()) {
        QStringList names;
        for (const KeySummary &k : store->keys(d.index))
            names << k.name;
        names.sort();
        keys.insert(d.name, names);
    }
    const QStringList pump{QStringLiteral("flow"), QStringLiteral("pressure")};
    const QStringList boiler{QStringLiteral("pressure"), QStringLiteral("temperature")};
    const QStringList meter{QStringLiteral("power"), QStringLiteral("voltage")};
    for (int i = 1; i <= 4; ++i)
        QCOMPARE(keys.value(QStringLiteral("Pump %1").arg(i)), pump);
    for (int i = 1; i <= 3; ++i) {
        QCOMPARE(keys.value(QStringLiteral("Boiler %1").arg(i)), boiler);
        QCOMPARE(keys.value(QStringLiteral("Meter %1").arg(i)), meter);
    }
    QCOMPARE(store->totals().errors, 0);
}

KAFKASCOPE_CORE_TEST_MAIN(TestDemoFormats)
#include "tst_demo_formats.moc"
