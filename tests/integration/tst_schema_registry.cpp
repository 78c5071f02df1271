// Decoding against a real Schema Registry (Apicurio Registry's Confluent-compatible API, the
// schema_registry fixture) and the real broker: confluent-kafka registers the schemas,
// serializes Avro, Protobuf and JSON Schema readings and produces them; Kafkascope reads the
// records from the broker, fetches the schemas from the registry by id and decodes them; each
// field must equal what confluent-kafka's own deserializers return.

#include "decoding/payload_decoder.h"
#include "decoding/schema_registry_client.h"
#include "messages/message_reader.h"
#include "test_main.h"
#include "test_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

private:
    QTemporaryDir m_tmp;
    QString m_bootstrap;
    QString m_registry;
    QString m_prefix;
    QList<QJsonObject> m_records;
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

KAFKASCOPE_CORE_TEST_MAIN(TestSchemaRegistry)
#include "tst_schema_registry.moc"
