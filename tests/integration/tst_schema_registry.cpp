// Decoding against a real Schema Registry (Apicurio Registry's Confluent-compatible API, the
// schema_registry fixture) and the real broker: confluent-kafka registers the schemas,
// serializes Avro, Protobuf and JSON Schema readings and produces them; Kafkascope reads the
// records from the broker, fetches the schemas from the registry by id and decodes them; each
// field must equal what confluent-kafka's own deserializers return. The browser's pages, its
// filter and export decode the same records through the same path; a record whose schema id
// the registry does not know is listed with the reason and counted.

#include "decoding/payload_decoder.h"
#include "decoding/record_decoder.h"
#include "decoding/schema_registry_client.h"
#include "messages/message_browser.h"
#include "messages/message_reader.h"
#include "messages/message_transfer.h"
#include "test_main.h"
#include "test_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <future>

using namespace kafkascope;
using namespace kafkascope::testing;

namespace {

QString dataDir(const QString &sub)
{
    return qEnvironmentVariable("KAFKASCOPE_SHARED_DATA") + QLatin1Char('/') + sub;
}

bool sameValue(const QJsonValue &ours, const QJsonValue &theirs)
{
    if (theirs.isDouble() && ours.isDouble())
        return qFuzzyCompare(1.0 + ours.toDouble(), 1.0 + theirs.toDouble());
    return ours == theirs;
}

} // namespace

class TestSchemaRegistry : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void decodesLikeConfluentKafka_data();
    void decodesLikeConfluentKafka();
    void subjectsListed();
    void browserPagesFilterAndExportDecode_data();
    void browserPagesFilterAndExportDecode();
    void unknownSchemaIdListedWithReason();

private:
    QTemporaryDir m_tmp;
    QString m_bootstrap;
    QString m_registry;
    QString m_prefix;
    QList<QJsonObject> m_records;
    ConnectionProfile registryProfile() const;
    QList<QJsonObject> recordsOf(const QString &format) const;
};

void TestSchemaRegistry::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_bootstrap = brokerBootstrap();
    QVERIFY2(!m_bootstrap.isEmpty(), "no broker (KAFKASCOPE_BROKER_DIR)");
    m_registry = registryUrl();
    QVERIFY2(!m_registry.isEmpty(), "no registry (KAFKASCOPE_REGISTRY_DIR/url)");
    m_prefix = uniqueName(QStringLiteral("registry"));
    QString error;
    for (const char *format : {"avro", "protobuf", "json"})
        QVERIFY2(createTopic(m_bootstrap, m_prefix + QLatin1Char('.') + QLatin1String(format), 1, &error), qPrintable(error));

    const QString set = m_tmp.filePath(QStringLiteral("reading.pb"));
    const ProcessResult protoc = run(QStringLiteral("protoc"), {QStringLiteral("--include_imports"), QStringLiteral("--descriptor_set_out=") + set,
                                                                QStringLiteral("-I") + dataDir(QStringLiteral("registry")),
                                                                QStringLiteral("reading.proto")});
    QVERIFY2(protoc.ok(), protoc.err.constData());
    const ProcessResult r = run(testPython(), {dataDir(QStringLiteral("registry/registry_roundtrip.py")), m_registry, m_bootstrap, m_prefix, set},
                                {}, 120000);
    QVERIFY2(r.ok(), r.err.constData());
    for (const QByteArray &line : r.out.split('\n'))
        if (!line.trimmed().isEmpty())
            m_records.append(QJsonDocument::fromJson(line).object());
    QCOMPARE(m_records.size(), 9);
}

void TestSchemaRegistry::cleanupTestCase()
{
    for (const char *format : {"avro", "protobuf", "json"})
        deleteTopic(m_bootstrap, m_prefix + QLatin1Char('.') + QLatin1String(format));
}

void TestSchemaRegistry::decodesLikeConfluentKafka_data()
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

void TestSchemaRegistry::decodesLikeConfluentKafka()
{
    QFETCH(int, index);
    QFETCH(DecoderKind, kind);
    const QJsonObject record = m_records[index];
    const QString topic = record.value(QStringLiteral("topic")).toString();
    const int partition = record.value(QStringLiteral("partition")).toInt();
    const qint64 offset = record.value(QStringLiteral("offset")).toInteger();
    ConnectionProfile profile = brokerProfile();
    profile.registry.url = m_registry;
    auto client = std::make_shared<SchemaRegistryClient>(profile.registry, m_tmp.filePath(QStringLiteral("cache")));

    // Reading and decoding block: off this thread, as the app's consume threads do.
    struct Result
    {
        QString error;
        DecodedPayload decoded;
    };
    std::future<Result> future = std::async(std::launch::async, [&] {
        Result out;
        MessageReader reader(profile);
        if (!reader.error().isEmpty()) {
            out.error = reader.error();
            return out;
        }
        const QList<KafkaMessage> got = reader.fetch(topic, partition, offset, offset + 1, 1, &out.error);
        if (got.size() != 1) {
            out.error += QStringLiteral(" (%1 records)").arg(got.size());
            return out;
        }
        PayloadDecoder decoder(client);
        DecoderChoice choice;
        choice.kind = kind;
        const QByteArray &value = got.first().value;
        decoder.decode(std::string_view(value.constData(), size_t(value.size())), choice, &out.decoded);
        return out;
    });
    QTRY_VERIFY_WITH_TIMEOUT(future.wait_for(std::chrono::seconds(0)) == std::future_status::ready, 60000);
    const Result result = future.get();
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    const DecodedPayload &out = result.decoded;
    QVERIFY2(out.ok, qPrintable(out.error));
    QVERIFY(out.json);
    QCOMPARE(out.schemaId, record.value(QStringLiteral("id")).toInt());
    QCOMPARE(out.subject, topic + QStringLiteral("-value"));
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

// The connection dialog's "Test": the subjects confluent-kafka registered are listed.
void TestSchemaRegistry::subjectsListed()
{
    RegistryEndpoint endpoint;
    endpoint.url = m_registry;
    auto client = std::make_shared<SchemaRegistryClient>(endpoint, m_tmp.filePath(QStringLiteral("cache-subjects")));
    std::future<std::optional<QStringList>> future = std::async(std::launch::async, [&] {
        QString error;
        return client->subjects(&error);
    });
    QTRY_VERIFY_WITH_TIMEOUT(future.wait_for(std::chrono::seconds(0)) == std::future_status::ready, 30000);
    const std::optional<QStringList> subjects = future.get();
    QVERIFY(subjects);
    for (const char *format : {"avro", "protobuf", "json"})
        QVERIFY2(subjects->contains(m_prefix + QLatin1Char('.') + QLatin1String(format) + QStringLiteral("-value")),
                 qPrintable(subjects->join(u", ")));
}

ConnectionProfile TestSchemaRegistry::registryProfile() const
{
    ConnectionProfile profile = brokerProfile();
    profile.registry.url = m_registry;
    return profile;
}

QList<QJsonObject> TestSchemaRegistry::recordsOf(const QString &format) const
{
    QList<QJsonObject> out;
    for (const QJsonObject &r : m_records)
        if (r.value(QStringLiteral("format")).toString() == format)
            out.append(r);
    return out;
}

namespace {

// Opens the whole topic in a browser and waits for the answer.
QList<PartitionRange> openAll(MessageBrowser &browser, const QString &topic)
{
    QSignalSpy opened(&browser, &MessageBrowser::opened);
    browser.open(1, topic, {}, {StartPosition::Beginning, 0});
    if (!opened.wait(30000) && opened.isEmpty())
        return {};
    return opened.first().at(2).value<RangeLookup>().ranges;
}

// Runs a filter scan to its end: the matches' offsets and the decode note.
QPair<QList<qint64>, QString> scanAll(MessageBrowser &browser, const QString &topic,
                                      const QList<PartitionRange> &ranges, const MessageFilter &filter)
{
    QSignalSpy finished(&browser, &MessageBrowser::scanFinished);
    browser.scan(2, topic, ranges, filter, 1000);
    if (!finished.wait(60000) && finished.isEmpty())
        return {{-1}, QStringLiteral("no answer")};
    QList<qint64> offsets;
    for (const KafkaMessage &m : finished.first().at(1).value<QList<KafkaMessage>>())
        offsets.append(m.offset);
    const QString error = finished.first().at(5).toString();
    return {offsets, error.isEmpty() ? finished.first().at(6).toString() : error};
}

QJsonObject jsonOf(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

} // namespace

void TestSchemaRegistry::browserPagesFilterAndExportDecode_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<DecoderKind>("kind");
    for (const char *format : {"avro", "protobuf", "json"}) {
        QTest::addRow("%s auto", format) << QString::fromLatin1(format) << DecoderKind::Auto;
        const DecoderKind kind = QByteArray(format) == "avro"       ? DecoderKind::AvroRegistry
                                 : QByteArray(format) == "protobuf" ? DecoderKind::ProtobufRegistry
                                                                    : DecoderKind::JsonSchemaRegistry;
        QTest::addRow("%s explicit", format) << QString::fromLatin1(format) << kind;
    }
}

// What the browser's table, filter and export show of each record equals what
// confluent-kafka's deserializer returned for it.
void TestSchemaRegistry::browserPagesFilterAndExportDecode()
{
    QFETCH(QString, format);
    QFETCH(DecoderKind, kind);
    const QList<QJsonObject> records = recordsOf(format);
    QCOMPARE(records.size(), 3);
    const QString topic = records.first().value(QStringLiteral("topic")).toString();
    QHash<qint64, QJsonObject> expected; // offset -> what confluent-kafka deserialized
    for (const QJsonObject &r : records)
        expected.insert(r.value(QStringLiteral("offset")).toInteger(), r);
    auto sameAsExpected = [&](const QJsonObject &ours, const QJsonObject &theirs) {
        for (auto it = theirs.begin(); it != theirs.end(); ++it)
            if (!sameValue(ours.value(it.key()), it.value()))
                return false;
        return ours.keys() == theirs.keys();
    };

    MessageBrowser browser(registryProfile());
    TopicDecoding decoding;
    decoding.value.kind = kind;
    browser.setDecoding(decoding);
    const QList<PartitionRange> ranges = openAll(browser, topic);
    QCOMPARE(ranges.size(), 1);
    QCOMPARE(ranges.first().count(), 3);

    // The table's page: every record carries its decoded value.
    QSignalSpy pages(&browser, &MessageBrowser::pageReady);
    browser.requestPage(1, topic, 0, ranges.first().start, ranges.first().end);
    QVERIFY(pages.wait(30000) || !pages.isEmpty());
    QCOMPARE(pages.first().at(4).toString(), QString());
    const QList<KafkaMessage> page = pages.first().at(3).value<QList<KafkaMessage>>();
    QCOMPARE(page.size(), 3);
    for (const KafkaMessage &m : page) {
        QVERIFY2(m.decoded && m.decoded->valueDecoded, m.decoded ? qPrintable(m.decoded->error) : "not decoded");
        QCOMPARE(m.decoded->valueSchemaId, expected[m.offset].value(QStringLiteral("id")).toInt());
        QVERIFY2(sameAsExpected(jsonOf(m.decoded->value), expected[m.offset].value(QStringLiteral("expected")).toObject()),
                 m.decoded->value.constData());
        QVERIFY(m.decoded->summary().contains(QStringLiteral("schema id")));
        if (format != u"json") // Avro's record and Protobuf's message are both demo.Reading
            QCOMPARE(m.decoded->valueType, QStringLiteral("demo.Reading"));
    }

    // The filter matches decoded fields: a JSON condition, and a substring that only the
    // decoded form holds for Avro and Protobuf (an enum's name, the bytes hold its number).
    QList<qint64> warm, faulty;
    for (const QJsonObject &r : records) {
        const QJsonObject v = r.value(QStringLiteral("expected")).toObject();
        if (v.value(QStringLiteral("temperature")).toDouble() > 0)
            warm.append(r.value(QStringLiteral("offset")).toInteger());
        if (v.value(QStringLiteral("status")).toString() == u"FAULT")
            faulty.append(r.value(QStringLiteral("offset")).toInteger());
    }
    QVERIFY(!warm.isEmpty() && warm.size() < 3 && faulty.size() == 1);
    MessageFilter json;
    json.json = QStringLiteral("temperature > 0");
    const auto byJson = scanAll(browser, topic, ranges, json);
    QCOMPARE(byJson.second, QString());
    QCOMPARE(byJson.first, warm);
    MessageFilter text;
    text.value = QStringLiteral("FAULT");
    const auto byText = scanAll(browser, topic, ranges, text);
    QCOMPARE(byText.second, QString());
    QCOMPARE(byText.first, faulty);

    // Export: the bytes as they are (import produces them again), the decoded value beside them.
    const QString path = m_tmp.filePath(format + QStringLiteral("-%1.jsonl").arg(int(kind)));
    qint64 written = 0;
    QString note;
    std::future<QString> exported = std::async(std::launch::async, [&] {
        return MessageTransfer::exportToFile(path, registryProfile(), topic, ranges, {}, &written, nullptr, {}, decoding,
                                             &note);
    });
    QTRY_VERIFY_WITH_TIMEOUT(exported.wait_for(std::chrono::seconds(0)) == std::future_status::ready, 60000);
    QCOMPARE(exported.get(), QString());
    QCOMPARE(written, 3);
    QCOMPARE(note, QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    int lines = 0;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.isEmpty())
            continue;
        ++lines;
        const QJsonObject o = jsonOf(line);
        const qint64 offset = o.value(QStringLiteral("offset")).toInteger();
        const QJsonObject d = o.value(QStringLiteral("decoded")).toObject();
        QCOMPARE(d.value(QStringLiteral("schemaId")).toInt(), expected[offset].value(QStringLiteral("id")).toInt());
        QVERIFY2(sameAsExpected(d.value(QStringLiteral("value")).toObject(),
                                expected[offset].value(QStringLiteral("expected")).toObject()),
                 line.constData());
        const KafkaMessage *raw = nullptr;
        for (const KafkaMessage &m : page)
            if (m.offset == offset)
                raw = &m;
        QVERIFY(raw);
        const QString bytes = o.value(QStringLiteral("value")).toString();
        QCOMPARE(o.value(QStringLiteral("valueEncoding")).toString() == u"base64" ? QByteArray::fromBase64(bytes.toLatin1())
                                                                               : bytes.toUtf8(),
                 raw->value);
    }
    QCOMPARE(lines, 3);
}

// A framed record whose schema id the registry does not know: listed with its bytes and the
// reason, counted by the filter, never dropped.
void TestSchemaRegistry::unknownSchemaIdListedWithReason()
{
    const QString topic = m_prefix + QStringLiteral(".unknown-id");
    QString error;
    QVERIFY2(createTopic(m_bootstrap, topic, 1, &error), qPrintable(error));
    const ProcessResult produced = python(QStringLiteral(
        "import sys\n"
        "from confluent_kafka import Producer\n"
        "p = Producer({'bootstrap.servers': sys.argv[1]})\n"
        "p.produce(sys.argv[2], value=b'\\x00\\x7f\\xff\\xff\\xf0not avro')\n"
        "p.produce(sys.argv[2], value=b'{\"plain\": 1}')\n"
        "sys.exit(p.flush(30))\n"), {m_bootstrap, topic});
    QVERIFY2(produced.ok(), produced.err.constData());

    MessageBrowser browser(registryProfile());
    browser.setDecoding({}); // auto: the framing asks for the registry
    const QList<PartitionRange> ranges = openAll(browser, topic);
    QCOMPARE(ranges.size(), 1);
    QCOMPARE(ranges.first().count(), 2);
    QSignalSpy pages(&browser, &MessageBrowser::pageReady);
    browser.requestPage(1, topic, 0, ranges.first().start, ranges.first().end);
    QVERIFY(pages.wait(30000) || !pages.isEmpty());
    const QList<KafkaMessage> page = pages.first().at(3).value<QList<KafkaMessage>>();
    QCOMPARE(page.size(), 2);
    QVERIFY(page[0].decoded && page[0].decoded->failed());
    QVERIFY2(page[0].decoded->error.contains(QStringLiteral("2147483632")), qPrintable(page[0].decoded->error));
    QVERIFY(!page[1].decoded); // plain JSON reads as it is

    MessageFilter all;
    all.value = QStringLiteral("a"); // both: "not avro" in the bytes, "plain" in the JSON
    const auto scanned = scanAll(browser, topic, ranges, all);
    QCOMPARE(scanned.first.size(), 2);
    QVERIFY2(scanned.second.startsWith(QStringLiteral("1 record(s) could not be decoded")), qPrintable(scanned.second));
    QVERIFY2(scanned.second.contains(QStringLiteral("2147483632")), qPrintable(scanned.second));
    deleteTopic(m_bootstrap, topic);
}

KAFKASCOPE_CORE_TEST_MAIN(TestSchemaRegistry)
#include "tst_schema_registry.moc"
