// Decoding: registry-framed Avro, Protobuf and JSON Schema records serialized by confluent-kafka's
// own serializers, compared field by field with what its deserializers return; the registry
// client's caches and failures; .proto files (ThingsBoard's queue envelope encoded by Python's
// protobuf, a broken file, a wrong type); ThingsBoard's rule-engine node headers; the
// remembered choice per cluster and topic.

#include "decoding/decoder_choice_store.h"
#include "decoding/payload_decoder.h"
#include "decoding/proto_schema.h"
#include "decoding/schema_registry_client.h"
#include "decoding/telemetry_payload.h"
#include "scripted_http.h"
#include "telemetry/telemetry_decoder.h"
#include "test_main.h"
#include "test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QTest>

using namespace kafkascope;
using namespace kafkascope::testing;

namespace {

QString dataDir(const QString &sub)
{
    return qEnvironmentVariable("KAFKASCOPE_SHARED_DATA") + QLatin1Char('/') + sub;
}

// protoc's descriptor set of `file` under `dir`: what Python's protobuf encodes with.
QString descriptorSet(const QString &dir, const QString &file, const QString &out, QString *error)
{
    const ProcessResult r = run(QStringLiteral("protoc"), {QStringLiteral("--include_imports"),
                                                          QStringLiteral("--descriptor_set_out=") + out,
                                                          QStringLiteral("-I") + dir, file});
    if (!r.ok())
        *error = QStringLiteral("protoc failed (scripts/install-deps.sh installs protobuf-compiler): ")
                 + QString::fromUtf8(r.err);
    return r.ok() ? out : QString();
}

// Runs `work` off this (the UI) thread, as the app's decoding threads do, while this thread's
// event loop serves the scripted responder.
template <typename F>
auto offUiThread(F work)
{
    QFuture<decltype(work())> future = QtConcurrent::run(work);
    while (!future.isFinished())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return future.result();
}

RegistryEndpoint endpointAt(const QString &url)
{
    RegistryEndpoint e;
    e.url = url;
    return e;
}

DecoderChoice choiceOf(DecoderKind kind)
{
    DecoderChoice c;
    c.kind = kind;
    return c;
}

bool sameValue(const QJsonValue &ours, const QJsonValue &theirs)
{
    if (theirs.isDouble() && ours.isDouble())
        return qFuzzyCompare(1.0 + ours.toDouble(), 1.0 + theirs.toDouble());
    return ours == theirs;
}

QByteArray registryAnswer(const QJsonObject &record)
{
    QJsonObject o{{QStringLiteral("schema"), record.value(QStringLiteral("schema"))},
                  {QStringLiteral("schemaType"), record.value(QStringLiteral("schemaType"))}};
    if (!record.value(QStringLiteral("references")).toArray().isEmpty())
        o.insert(QStringLiteral("references"), record.value(QStringLiteral("references")));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class TestDecoding : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void registryRecords_data();
    void registryRecords();
    void cachedSchemasSurviveRestartAndOutage();
    void registryFailures_data();
    void registryFailures();
    void registryRefusedOnUiThread();
    void avroBytesNotMatchingSchema();
    void thingsBoardQueue();
    void thingsBoardTelemetryValues();
    void protoFileErrors_data();
    void protoFileErrors();
    void ruleNodeHeaders();
    void autoFallsBack_data();
    void autoFallsBack();
    void choiceRemembered();

private:
    QTemporaryDir m_tmp;
    QList<QJsonObject> m_records;  // confluent-kafka's serialized records
    QList<QByteArray> m_tbMessages; // Python-encoded ToRuleEngineMsg
    ScriptedHttp m_http;
};

void TestDecoding::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QString error;
    const QString readingSet = descriptorSet(dataDir(QStringLiteral("registry")), QStringLiteral("reading.proto"),
                                             m_tmp.filePath(QStringLiteral("reading.pb")), &error);
    QVERIFY2(!readingSet.isEmpty(), qPrintable(error));
    const ProcessResult encoded = run(testPython(), {dataDir(QStringLiteral("registry/registry_encode.py")), readingSet});
    QVERIFY2(encoded.ok(), encoded.err.constData());
    for (const QByteArray &line : encoded.out.split('\n'))
        if (!line.trimmed().isEmpty())
            m_records.append(QJsonDocument::fromJson(line).object());
    QCOMPARE(m_records.size(), 12);

    const QString tbSet = descriptorSet(thingsBoardProtoDir(), QStringLiteral("tb_queue.proto"),
                                        m_tmp.filePath(QStringLiteral("tb.pb")), &error);
    QVERIFY2(!tbSet.isEmpty(), qPrintable(error));
    const QByteArray specs = R"([
        {"type": "POST_TELEMETRY_REQUEST", "deviceName": "thermo-1", "deviceType": "thermometer",
         "ts": 1764547200000, "data": {"temperature": 25.1, "humidity": 40}},
        {"type": "POST_ATTRIBUTES_REQUEST", "deviceName": "thermo-1", "ts": 1764547201000,
         "data": {"firmware": 3}},
        {"type": "ENTITY_CREATED", "deviceName": "thermo-2", "ts": 1764547202000, "data": {"name": "thermo-2"}},
        {"type": "POST_TELEMETRY_REQUEST", "deviceName": "thermo-2", "ts": 1764547203000,
         "data": [{"ts": 1764547100000, "values": {"temperature": -4.5}}]}
    ])";
    const ProcessResult tb = run(testPython(), {dataDir(QStringLiteral("thingsboard/tb_encode.py")), tbSet}, specs);
    QVERIFY2(tb.ok(), tb.err.constData());
    for (const QByteArray &line : tb.out.split('\n'))
        if (!line.trimmed().isEmpty())
            m_tbMessages.append(QByteArray::fromHex(line.trimmed()));
    QCOMPARE(m_tbMessages.size(), 4);

    QVERIFY(m_http.start());
    for (const QJsonObject &r : std::as_const(m_records))
        m_http.setResponse(QStringLiteral("/schemas/ids/%1").arg(r.value(QStringLiteral("id")).toInt()), registryAnswer(r));
    m_http.setResponse(QStringLiteral("/schemas/ids/1/versions"), R"([{"subject":"readings-value","version":1}])");
}

void TestDecoding::registryRecords_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<DecoderKind>("kind");
    for (int i = 0; i < m_records.size(); ++i) {
        const QString format = m_records[i].value(QStringLiteral("format")).toString();
        const DecoderKind explicitKind = format == u"avro"       ? DecoderKind::AvroRegistry
                                         : format == u"protobuf" ? DecoderKind::ProtobufRegistry
                                                                 : DecoderKind::JsonSchemaRegistry;
        QTest::addRow("%s #%d explicit", qPrintable(format), i) << i << explicitKind;
        QTest::addRow("%s #%d auto", qPrintable(format), i) << i << DecoderKind::Auto;
    }
}

void TestDecoding::registryRecords()
{
    QFETCH(int, index);
    QFETCH(DecoderKind, kind);
    const QJsonObject record = m_records[index];
    const QByteArray bytes = QByteArray::fromHex(record.value(QStringLiteral("bytes")).toString().toLatin1());
    auto client = std::make_shared<SchemaRegistryClient>(endpointAt(m_http.url()),
                                                         m_tmp.filePath(QStringLiteral("cache-records")));
    DecodedPayload out = offUiThread([&] {
        PayloadDecoder decoder(client);
        DecodedPayload p;
        decoder.decode(std::string_view(bytes.constData(), size_t(bytes.size())), choiceOf(kind), &p);
        return p;
    });
    QVERIFY2(out.ok, qPrintable(out.error));
    QVERIFY(out.json);
    QCOMPARE(out.schemaId, record.value(QStringLiteral("id")).toInt());
    if (out.schemaId == 1)
        QCOMPARE(out.subject, QStringLiteral("readings-value"));
    const QJsonObject ours = QJsonDocument::fromJson(QByteArray::fromStdString(out.text)).object();
    const QJsonObject theirs = record.value(QStringLiteral("expected")).toObject();
    QVERIFY2(!ours.isEmpty(), out.text.c_str());
    for (auto it = theirs.begin(); it != theirs.end(); ++it)
        QVERIFY2(sameValue(ours.value(it.key()), it.value()),
                 qPrintable(QStringLiteral("%1: ours %2, confluent-kafka's %3")
                                .arg(it.key(), QString::fromUtf8(QJsonDocument(QJsonArray{ours.value(it.key())}).toJson(QJsonDocument::Compact)),
                                     QString::fromUtf8(QJsonDocument(QJsonArray{it.value()}).toJson(QJsonDocument::Compact)))));
    QCOMPARE(ours.keys(), theirs.keys());
}

void TestDecoding::cachedSchemasSurviveRestartAndOutage()
{
    const QString cache = m_tmp.filePath(QStringLiteral("cache-restart"));
    const QJsonObject avro = m_records[0];
    const QByteArray bytes = QByteArray::fromHex(avro.value(QStringLiteral("bytes")).toString().toLatin1());
    const std::string_view view(bytes.constData(), size_t(bytes.size()));

    auto first = std::make_shared<SchemaRegistryClient>(endpointAt(m_http.url()), cache);
    const int fetched = offUiThread([&] {
        PayloadDecoder decoder(first);
        DecodedPayload p;
        for (int i = 0; i < 100; ++i)
            decoder.decode(view, {}, &p);
        return first->requestCount();
    });
    QCOMPARE(fetched, 2); // the schema and its subject, once for 100 records

    // "Restart" with the registry gone: the disk cache answers, nothing is asked.
    ScriptedHttp gone;
    QVERIFY(gone.start());
    const QString goneUrl = gone.url();
    gone.close();
    auto second = std::make_shared<SchemaRegistryClient>(endpointAt(m_http.url()), cache);
    second->setTimeoutMs(500);
    const auto [ok, requests] = offUiThread([&] {
        PayloadDecoder decoder(second);
        DecodedPayload p;
        const bool decoded = decoder.decode(view, {}, &p);
        return std::pair{decoded, second->requestCount()};
    });
    QVERIFY(ok);
    QCOMPARE(requests, 0);
    Q_UNUSED(goneUrl);
}

void TestDecoding::registryFailures_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("reason");
    QTest::newRow("unknown schema id") << QStringLiteral("unknown") << QStringLiteral("schema id 4242 is unknown to the Schema Registry");
    QTest::newRow("registry down") << QStringLiteral("down") << QStringLiteral("unreachable");
    QTest::newRow("registry slow") << QStringLiteral("slow") << QStringLiteral("did not answer within 0.5 s");
    QTest::newRow("no registry set") << QStringLiteral("none") << QStringLiteral("no Schema Registry is set");
}

void TestDecoding::registryFailures()
{
    QFETCH(QString, mode);
    QFETCH(QString, reason);
    ScriptedHttp server;
    QVERIFY(server.start());
    QString url = server.url();
    if (mode == u"down")
        server.close();
    server.setSilent(mode == u"slow");
    if (mode == u"none")
        url.clear();
    auto client = std::make_shared<SchemaRegistryClient>(endpointAt(url), m_tmp.filePath(QStringLiteral("cache-") + mode));
    client->setTimeoutMs(500);
    // Framed with id 4242, which nobody registered.
    const QByteArray bytes = QByteArray::fromHex("00000010920a0b0c");
    QElapsedTimer timer;
    timer.start();
    const auto [counts, error] = offUiThread([&] {
        PayloadDecoder decoder(client);
        DecodedPayload p;
        for (int i = 0; i < 20; ++i)
            decoder.decode(std::string_view(bytes.constData(), size_t(bytes.size())), {}, &p);
        return std::pair{decoder.counts(), p.error};
    });
    QVERIFY2(error.contains(reason), qPrintable(error));
    QCOMPARE(counts.failed, 20);
    QCOMPARE(counts.decoded, 0);
    QCOMPARE(counts.reasons.value(error), 20);
    // A failed id is not asked again for every message: 20 messages cost at most one timeout.
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
}

void TestDecoding::registryRefusedOnUiThread()
{
    SchemaRegistryClient client(endpointAt(m_http.url()), m_tmp.filePath(QStringLiteral("cache-ui")));
    QString error;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("UI thread")));
    QVERIFY(!client.subjects(&error));
    QVERIFY2(error.contains(u"UI thread"), qPrintable(error));
}

void TestDecoding::avroBytesNotMatchingSchema()
{
    QByteArray bytes = QByteArray::fromHex(m_records[0].value(QStringLiteral("bytes")).toString().toLatin1());
    auto client = std::make_shared<SchemaRegistryClient>(endpointAt(m_http.url()), m_tmp.filePath(QStringLiteral("cache-bad")));
    const QStringList errors = offUiThread([&] {
        PayloadDecoder decoder(client);
        DecodedPayload p;
        QStringList out;
        decoder.decode(std::string_view(bytes.constData(), size_t(bytes.size() - 6)), choiceOf(DecoderKind::AvroRegistry), &p);
        out << p.error;
        const QByteArray longer = bytes + "extra";
        decoder.decode(std::string_view(longer.constData(), size_t(longer.size())), choiceOf(DecoderKind::AvroRegistry), &p);
        out << p.error;
        decoder.decode(std::string_view(bytes.constData(), size_t(bytes.size())), choiceOf(DecoderKind::ProtobufRegistry), &p);
        out << p.error;
        return out;
    });
    QVERIFY2(errors[0].contains(u"do not match the Avro schema"), qPrintable(errors[0]));
    QVERIFY2(errors[1].contains(u"left over"), qPrintable(errors[1]));
    QVERIFY2(errors[2].contains(u"is a AVRO schema, not Protobuf"), qPrintable(errors[2]));
}

void TestDecoding::thingsBoardQueue()
{
    DecoderChoice choice = choiceOf(DecoderKind::ProtobufFile);
    choice.protoImportPaths = {thingsBoardProtoDir()};
    choice.messageType = QStringLiteral("transport.ToRuleEngineMsg");
    choice.thingsBoardQueue = true;
    PayloadDecoder decoder;
    DecodedPayload p;
    const QByteArray &first = m_tbMessages[0];
    QVERIFY2(decoder.decode(std::string_view(first.constData(), size_t(first.size())), choice, &p), qPrintable(p.error));
    QVERIFY(p.thingsBoard);
    QCOMPARE(p.record.type, QStringLiteral("POST_TELEMETRY_REQUEST"));
    QCOMPARE(p.record.deviceName(), std::string("thermo-1"));
    QCOMPARE(p.record.metadataValue("deviceType"), std::string("thermometer"));
    QCOMPARE(p.record.timestampMs, 1764547200000); // metadata ts, not the message's ts + 7
    QCOMPARE(p.record.originatorType, QStringLiteral("DEVICE"));
    QCOMPARE(p.record.originatorId, QStringLiteral("00000000-0000-1234-0000-000000005678"));
    QCOMPARE(p.record.tenantId, QStringLiteral("00000000-0000-0001-0000-000000000002"));
    const QJsonObject data = QJsonDocument::fromJson(QByteArray::fromStdString(p.record.data)).object();
    QCOMPARE(data.value(QStringLiteral("temperature")).toDouble(), 25.1);
    const QJsonObject shown = QJsonDocument::fromJson(QByteArray::fromStdString(p.text)).object();
    QCOMPARE(shown.value(QStringLiteral("type")).toString(), QStringLiteral("POST_TELEMETRY_REQUEST"));
    QCOMPARE(shown.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("deviceName")).toString(),
             QStringLiteral("thermo-1"));

    // Without the envelope option the same bytes print as the protobuf message itself.
    choice.thingsBoardQueue = false;
    QVERIFY(decoder.decode(std::string_view(first.constData(), size_t(first.size())), choice, &p));
    QVERIFY(!p.thingsBoard);
    QVERIFY(QJsonDocument::fromJson(QByteArray::fromStdString(p.text)).object().contains(QStringLiteral("tbMsg")));
}

void TestDecoding::thingsBoardTelemetryValues()
{
    DecoderChoice choice = choiceOf(DecoderKind::ProtobufFile);
    choice.protoImportPaths = {thingsBoardProtoDir()};
    choice.messageType = QStringLiteral("ToRuleEngineMsg"); // the short name is unique
    choice.thingsBoardQueue = true;
    TelemetryPayload payload;
    TelemetryDecoder decoder; // the panel's default options: device from the key
    DecodedBatch batch;
    int skipped = 0;
    for (int i = 0; i < m_tbMessages.size(); ++i) {
        RawMessage raw;
        raw.value = std::string_view(m_tbMessages[i].constData(), size_t(m_tbMessages[i].size()));
        raw.key = "5a1f0c1e"; // ThingsBoard keys its queue by entity id: never the device name
        raw.topic = "tb_rule_engine.main.0";
        raw.kafkaTimestampMs = 1;
        batch.setSource(quint32(i));
        if (payload.prepare(choice, {}, raw) == TelemetryPayload::Result::NotTelemetry) {
            ++skipped;
            continue;
        }
        QVERIFY(decoder.decode(raw, batch));
    }
    QCOMPARE(skipped, 1); // ENTITY_CREATED carries no device values
    QCOMPARE(batch.messages().size(), size_t(3));
    struct Expected { const char *device, *key; double t, v; };
    const Expected expected[] = {{"thermo-1", "temperature", 1764547200.0, 25.1},
                                 {"thermo-1", "humidity", 1764547200.0, 40},
                                 {"thermo-1", "firmware", 1764547201.0, 3},
                                 {"thermo-2", "temperature", 1764547100.0, -4.5}};
    QCOMPARE(batch.points().size(), std::size(expected));
    for (size_t i = 0; i < std::size(expected); ++i) {
        const auto &pt = batch.points()[i];
        QCOMPARE(batch.device(batch.messages()[pt.message]), std::string_view(expected[i].device));
        QCOMPARE(batch.key(pt), std::string_view(expected[i].key));
        QCOMPARE(pt.t, expected[i].t);
        QCOMPARE(pt.v, expected[i].v);
    }
}

void TestDecoding::protoFileErrors_data()
{
    QTest::addColumn<QString>("importPath");
    QTest::addColumn<QString>("messageType");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    QTest::newRow(".proto that does not parse") << dataDir(QStringLiteral("proto-broken")) << QStringLiteral("demo.Reading")
                                                << QByteArray("\x0a\x01x", 3) << QStringLiteral("sensor.proto:7:3: Expected \";\"");
    QTest::newRow("unknown type") << thingsBoardProtoDir() << QStringLiteral("transport.Nope")
                                  << QByteArray("\x08\x01", 2) << QStringLiteral("\"transport.Nope\" is not declared");
    QTest::newRow("wrong type") << thingsBoardProtoDir() << QStringLiteral("msgqueue.TbMsgMetaDataProto")
                                << QByteArray() << QStringLiteral("wrong message type?");
    QTest::newRow("not protobuf") << thingsBoardProtoDir() << QStringLiteral("transport.ToRuleEngineMsg")
                                  << QByteArray("\xff\xff\xff\xff", 4) << QStringLiteral("are not a valid transport.ToRuleEngineMsg");
    QTest::newRow("missing import path") << QStringLiteral("/nonexistent/kafkascope") << QStringLiteral("x.Y")
                                         << QByteArray("\x08\x01", 2) << QStringLiteral("is not a readable folder");
}

void TestDecoding::protoFileErrors()
{
    QFETCH(QString, importPath);
    QFETCH(QString, messageType);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    if (bytes.isEmpty())
        bytes = m_tbMessages[0]; // an envelope read as the metadata type
    DecoderChoice choice = choiceOf(DecoderKind::ProtobufFile);
    choice.protoImportPaths = {importPath};
    choice.messageType = messageType;
    PayloadDecoder decoder;
    DecodedPayload p;
    for (int i = 0; i < 3; ++i)
        QVERIFY(!decoder.decode(std::string_view(bytes.constData(), size_t(bytes.size())), choice, &p));
    QVERIFY2(p.error.contains(reason), qPrintable(p.error));
    QCOMPARE(decoder.counts().failed, 3);
}

void TestDecoding::ruleNodeHeaders()
{
    const HeaderViews headers{{"tb_msg_md_deviceName", "pump-7"}, {"tb_msg_md_deviceType", "pump"},
                              {"tb_msg_md_ts", "1764547205000"}, {"other", "x"}};
    ThingsBoardRecord r;
    QVERIFY(readRuleNodeHeaders(headers, &r));
    QCOMPARE(r.deviceName(), std::string("pump-7"));
    QCOMPARE(r.timestampMs, 1764547205000);
    QCOMPARE(r.metadata.size(), size_t(3));
    QVERIFY(!readRuleNodeHeaders({{"tb_msg_md_deviceType", "pump"}}, &r));

    // The flat JSON value then charts under the header's device at the header's time.
    TelemetryPayload payload;
    TelemetryDecoder decoder;
    DecodedBatch batch;
    RawMessage raw;
    raw.value = R"({"pressure":2.5})";
    raw.key = "rule-node-key";
    raw.kafkaTimestampMs = 1;
    QCOMPARE(payload.prepare({}, headers, raw), TelemetryPayload::Result::Rewritten);
    QVERIFY(decoder.decode(raw, batch));
    QCOMPARE(batch.points().size(), size_t(1));
    QCOMPARE(batch.device(batch.messages()[0]), std::string_view("pump-7"));
    QCOMPARE(batch.points()[0].t, 1764547205.0);
    QCOMPARE(batch.points()[0].v, 2.5);
}

void TestDecoding::autoFallsBack_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<DecoderKind>("kind");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("json") << QByteArray(R"({"a":1})") << DecoderKind::Json << QByteArray(R"({"a":1})");
    QTest::newRow("text") << QByteArray("sensor-1") << DecoderKind::Text << QByteArray("sensor-1");
    QTest::newRow("number is text") << QByteArray("25") << DecoderKind::Text << QByteArray("25");
    QTest::newRow("binary") << QByteArray("\x01\xff\x00", 3) << DecoderKind::Hex << QByteArray("01 ff 00");
    QTest::newRow("short zero") << QByteArray("\x00\x01", 2) << DecoderKind::Hex << QByteArray("00 01");
}

void TestDecoding::autoFallsBack()
{
    QFETCH(QByteArray, bytes);
    QFETCH(DecoderKind, kind);
    QFETCH(QByteArray, text);
    PayloadDecoder decoder;
    DecodedPayload p;
    QVERIFY(decoder.decode(std::string_view(bytes.constData(), size_t(bytes.size())), {}, &p));
    QCOMPARE(p.kind, kind);
    QCOMPARE(QByteArray::fromStdString(p.text), text);
}

void TestDecoding::choiceRemembered()
{
    QSettings settings(m_tmp.filePath(QStringLiteral("choices.ini")), QSettings::IniFormat);
    DecoderChoiceStore store(&settings);
    TopicDecoding d;
    d.key.kind = DecoderKind::Text;
    d.value.kind = DecoderKind::ProtobufFile;
    d.value.protoImportPaths = {QStringLiteral("/opt/thingsboard/proto")};
    d.value.messageType = QStringLiteral("transport.ToRuleEngineMsg");
    d.value.thingsBoardQueue = true;
    store.save(QStringLiteral("cluster-a"), QStringLiteral("tb_rule_engine.main.0"), d);
    store.save(QStringLiteral("cluster-b"), QStringLiteral("tb_rule_engine.main.0"), TopicDecoding{});
    settings.sync();
    QSettings reread(m_tmp.filePath(QStringLiteral("choices.ini")), QSettings::IniFormat);
    DecoderChoiceStore again(&reread);
    QCOMPARE(again.load(QStringLiteral("cluster-a"), QStringLiteral("tb_rule_engine.main.0")), d);
    QCOMPARE(again.load(QStringLiteral("cluster-b"), QStringLiteral("tb_rule_engine.main.0")), TopicDecoding{});
    QCOMPARE(again.load(QStringLiteral("cluster-a"), QStringLiteral("other/topic")), TopicDecoding{});
}

KAFKASCOPE_CORE_TEST_MAIN(TestDecoding)
#include "tst_decoding.moc"
