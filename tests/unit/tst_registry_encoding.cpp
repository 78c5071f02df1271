// Encoding for the registry (the produce dialog's core): Protobuf message-index framing as
// Confluent writes it, JSON → Protobuf with libprotobuf read back by our own decoder, errors
// that name the field, and the choice of schema (by id from the registry client's disk cache,
// as after a first fetch; no network) with its type checked. Also that the decoder's Protobuf
// JSON (printed straight from the record's bytes) is what MessageToJsonString prints.

#include "decoding/payload_decoder.h"
#include "decoding/proto_schema.h"
#include "decoding/protobuf_encoder.h"
#include "decoding/registry_encoder.h"
#include "decoding/registry_framing.h"
#include "decoding/schema_registry_client.h"
#include "test_main.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

using namespace kafkascope;

namespace {

const char kProto[] = R"(syntax = "proto3";
package enc;
message First { string note = 1; }
message Reading {
  message Location { double lat = 1; double lon = 2; }
  enum Status { OK = 0; FAULT = 1; }
  string device = 1;
  double temperature = 2;
  int64 ts = 3;
  Status status = 4;
  repeated string tags = 5;
  map<string, int32> counts = 6;
  Location where = 7;
  bytes raw = 8;
}
message Flat { string device = 1; double temperature = 2; int64 ts = 3; repeated string tags = 4; Reading.Status status = 5; }
)";
const char kAvro[] = R"({"type":"record","name":"R","fields":[{"name":"n","type":"int"}]})";

} // namespace

class TestRegistryEncoding : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void protobufHeader_data();
    void protobufHeader();
    void protobufRoundTrip_data();
    void protobufRoundTrip();
    void protobufRefused_data();
    void protobufRefused();
    void schemaChosenById_data();
    void schemaChosenById();
    void decoderPrintsAsMessageToJson_data();
    void decoderPrintsAsMessageToJson();

private:
    ProtoSchema m_schema;
    QTemporaryDir m_cache;
    std::shared_ptr<SchemaRegistryClient> m_client;
};

void TestRegistryEncoding::initTestCase()
{
    QString error;
    QVERIFY2(m_schema.loadText(kProto, {}, &error), qPrintable(error));
    RegistryEndpoint endpoint;
    endpoint.url = QStringLiteral("http://127.0.0.1:9/never-asked"); // the disk cache answers
    m_client = std::make_shared<SchemaRegistryClient>(endpoint, m_cache.path());
    QVERIFY(QDir().mkpath(m_client->cacheFolder()));
    const auto seed = [&](int id, const char *type, const char *text) {
        QFile f(m_client->cacheFolder() + QStringLiteral("/%1.json").arg(id));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(QJsonObject{{QStringLiteral("schemaType"), QString::fromLatin1(type)},
                                          {QStringLiteral("schema"), QString::fromLatin1(text)},
                                          {QStringLiteral("subject"), QStringLiteral("t-value")},
                                          {QStringLiteral("version"), 3}})
                    .toJson());
    };
    seed(7, "PROTOBUF", kProto);
    seed(8, "AVRO", kAvro);
    seed(9, "JSON", R"({"type":"object"})");
}

void TestRegistryEncoding::protobufHeader_data()
{
    QTest::addColumn<QList<int>>("indexes");
    QTest::addColumn<QByteArray>("after"); // the bytes after magic + id
    QTest::newRow("[0]: the single 0 byte") << QList<int>{0} << QByteArray("\x00", 1);
    QTest::newRow("[1]: count 1, index 1, zigzag") << QList<int>{1} << QByteArray("\x02\x02");
    QTest::newRow("[1, 0]") << QList<int>{1, 0} << QByteArray("\x04\x02\x00", 3);
    QTest::newRow("[0, 2]") << QList<int>{0, 2} << QByteArray("\x04\x00\x04", 3);
    QTest::newRow("[70]: two-byte varint") << QList<int>{70} << QByteArray("\x02\x8c\x01");
}

void TestRegistryEncoding::protobufHeader()
{
    QFETCH(QList<int>, indexes);
    QFETCH(QByteArray, after);
    const std::vector<int> wanted(indexes.begin(), indexes.end());
    const QByteArray header = protobufRegistryHeader(0x01020304, wanted);
    QCOMPARE(header, QByteArray("\x00\x01\x02\x03\x04", 5) + after);
    // Our reader takes back what we wrote.
    RegistryFrame frame;
    QString error;
    QVERIFY(parseRegistryFrame(std::string_view(header.constData(), size_t(header.size())), &frame, &error));
    QCOMPARE(frame.schemaId, 0x01020304);
    std::vector<int> read;
    QVERIFY2(readMessageIndexes(&frame, &read, &error), qPrintable(error));
    QCOMPARE(read, wanted);
    QVERIFY(frame.payload.empty());
}

void TestRegistryEncoding::protobufRoundTrip_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("typeName");
    QTest::addColumn<QByteArray>("printed"); // as the decoder prints it (defaults included)
    QTest::newRow("first type by default") << QString() << QByteArray(R"({"note":"hi"})") << QStringLiteral("enc.First")
                                           << QByteArray(R"({"note":"hi"})");
    QTest::newRow("lowerCamel names, int64 as string, enum by name")
        << QStringLiteral("enc.Reading")
        << QByteArray(R"({"device":"d","temperature":-1.5,"ts":"9007199254740993","status":"FAULT","tags":["a"],
                         "counts":{"x":3},"where":{"lat":1.25},"raw":"AAE="})")
        << QStringLiteral("enc.Reading")
        << QByteArray(R"({"device":"d","temperature":-1.5,"ts":"9007199254740993","status":"FAULT","tags":["a"],
                         "counts":{"x":3},"where":{"lat":1.25,"lon":0},"raw":"AAE="})");
    QTest::newRow("nested type by short name") << QStringLiteral("Location") << QByteArray(R"({"lon":2})")
                                               << QStringLiteral("enc.Reading.Location") << QByteArray(R"({"lat":0,"lon":2})");
}

void TestRegistryEncoding::protobufRoundTrip()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, json);
    QFETCH(QString, typeName);
    QFETCH(QByteArray, printed);
    QString error, used;
    const QByteArray framed = encodeProtobufFramed(m_schema, type, 7, json, &used, &error);
    QVERIFY2(!framed.isEmpty(), qPrintable(error));
    QCOMPARE(used, typeName);

    PayloadDecoder decoder(m_client);
    DecodedPayload out;
    DecoderChoice choice;
    choice.kind = DecoderKind::ProtobufRegistry;
    QVERIFY2(decoder.decode(std::string_view(framed.constData(), size_t(framed.size())), choice, &out), qPrintable(out.error));
    QCOMPARE(out.schemaId, 7);
    QCOMPARE(out.typeName, typeName);
    QCOMPARE(QJsonDocument::fromJson(QByteArray::fromStdString(out.text)), QJsonDocument::fromJson(printed));
}

void TestRegistryEncoding::protobufRefused_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown field") << QStringLiteral("enc.Reading") << QByteArray(R"({"humidity":1})")
                                   << QStringLiteral("humidity: Cannot find field");
    QTest::newRow("wrong type") << QStringLiteral("enc.Reading") << QByteArray(R"({"temperature":"hot"})")
                                << QStringLiteral("(temperature): invalid value \"hot\"");
    QTest::newRow("enum symbol") << QStringLiteral("enc.Reading") << QByteArray(R"({"status":"MAYBE"})")
                                 << QStringLiteral("(status): invalid value \"MAYBE\"");
    QTest::newRow("nested") << QStringLiteral("enc.Reading") << QByteArray(R"({"where":{"lat":"x"}})")
                            << QStringLiteral("where.lat");
    QTest::newRow("unknown type") << QStringLiteral("enc.Nope") << QByteArray("{}") << QStringLiteral("\"enc.Nope\" is not declared");
}

void TestRegistryEncoding::protobufRefused()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString why, used;
    QVERIFY(encodeProtobufFramed(m_schema, type, 7, json, &used, &why).isEmpty());
    QVERIFY2(why.contains(error), qPrintable(why));
}

void TestRegistryEncoding::schemaChosenById_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("id");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("bytes");      // expected, when it encodes
    QTest::addColumn<QString>("schemaError");  // or the schema's error
    QTest::addColumn<QString>("valueError");   // or the value's
    const auto P = int(DecoderKind::ProtobufRegistry), A = int(DecoderKind::AvroRegistry), J = int(DecoderKind::JsonSchemaRegistry);
    QTest::newRow("protobuf") << P << 7 << QByteArray(R"({"note":"n"})") << QByteArray("\0\0\0\0\x07\0\x0a\x01n", 9)
                              << QString() << QString();
    QTest::newRow("avro") << A << 8 << QByteArray(R"({"n":-1})") << QByteArray("\0\0\0\0\x08\x01", 6) << QString() << QString();
    QTest::newRow("json schema: as typed, framed") << J << 9 << QByteArray(" {\"a\": 1} ") << QByteArray("\0\0\0\0\x09{\"a\": 1}", 13)
                                                   << QString() << QString();
    QTest::newRow("an Avro schema asked for Protobuf") << P << 8 << QByteArray("{}") << QByteArray() << QStringLiteral("is a AVRO schema, not PROTOBUF")
                                                       << QString();
    QTest::newRow("value does not fit") << P << 7 << QByteArray(R"({"x":1})") << QByteArray() << QString()
                                        << QStringLiteral("The value does not fit enc.First of t-value version 3 (schema id 7): x: Cannot find field");
    QTest::newRow("json schema: not JSON") << J << 9 << QByteArray("{") << QByteArray() << QString()
                                           << QStringLiteral("not valid JSON");
}

void TestRegistryEncoding::schemaChosenById()
{
    QFETCH(int, kind);
    QFETCH(int, id);
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, schemaError);
    QFETCH(QString, valueError);
    RegistryEncodeRequest request;
    request.kind = DecoderKind(kind);
    request.subject = QStringLiteral("ignored-when-an-id-is-given");
    request.schemaId = id;
    request.json = json;
    const RegistryEncoded out = encodeWithRegistry(*m_client, request);
    QCOMPARE(out.bytes, bytes);
    QVERIFY2(schemaError.isEmpty() ? out.schemaError.isEmpty() : out.schemaError.contains(schemaError), qPrintable(out.schemaError));
    QVERIFY2(valueError.isEmpty() ? out.valueError.isEmpty() : out.valueError.contains(valueError), qPrintable(out.valueError));
    if (request.kind == DecoderKind::ProtobufRegistry && schemaError.isEmpty())
        QCOMPARE(out.messageTypes, (QStringList{QStringLiteral("enc.First"), QStringLiteral("enc.Reading"),
                                                QStringLiteral("enc.Reading.Location"), QStringLiteral("enc.Flat")})); // no map entry type
}

void TestRegistryEncoding::decoderPrintsAsMessageToJson_data()
{
    QTest::addColumn<QString>("typeName");
    QTest::addColumn<QByteArray>("payload");
    const QString reading = QStringLiteral("enc.Reading"), flat = QStringLiteral("enc.Flat");
    QTest::newRow("empty message") << reading << QByteArray();
    QTest::newRow("all fields") << reading
                                << QByteArray::fromHex("0a0164110000000000002440181e2001" "2a0178" "32050a017810033a09090000000000000040" "42020001");
    // Field 1 twice: the last wins, as in parsing.
    QTest::newRow("repeated singular field") << reading << QByteArray::fromHex("0a01610a0162");
    QTest::newRow("with an unknown field") << reading << QByteArray::fromHex("0a0164" "f80101");
    // A flat type with nothing at its default is printed without the converter's default pass:
    // the same text, and the default pass whenever the bytes are not as a serializer writes them.
    QTest::newRow("flat, all set") << flat << QByteArray::fromHex("0a0164" "110000000000002440" "181e" "220178" "220179" "2801");
    QTest::newRow("flat, one at its default") << flat << QByteArray::fromHex("0a0164" "181e" "220178" "2801");
    QTest::newRow("flat, out of order") << flat << QByteArray::fromHex("181e" "0a0164" "110000000000002440" "220178" "2801");
    QTest::newRow("flat, singular field twice") << flat << QByteArray::fromHex("0a0161" "0a0164" "110000000000002440" "181e" "220178" "2801");
    QTest::newRow("flat, repeated field split") << flat << QByteArray::fromHex("0a0164" "220178" "110000000000002440" "181e" "220179" "2801");
    QTest::newRow("flat, unknown field") << flat << QByteArray::fromHex("0a0164" "110000000000002440" "181e" "220178" "2801" "f80101");
}

void TestRegistryEncoding::decoderPrintsAsMessageToJson()
{
    QFETCH(QString, typeName);
    QFETCH(QByteArray, payload);
    QString error;
    const google::protobuf::Descriptor *type = m_schema.findMessage(typeName, &error);
    QVERIFY(type);
    const std::string_view bytes(payload.constData(), size_t(payload.size()));
    const auto message = m_schema.parse(type, bytes, &error);
    QVERIFY2(message, qPrintable(error));
    std::string reference, ours, again;
    QVERIFY(ProtoSchema::messageToJson(*message, &reference, &error));
    QVERIFY2(m_schema.toJson(type, bytes, &ours, &error), qPrintable(error));
    QCOMPARE(QString::fromStdString(ours), QString::fromStdString(reference));
    QVERIFY(m_schema.toJson(type, bytes, &again, &error)); // the reused message holds nothing of the last record
    QCOMPARE(again, ours);
}

KAFKASCOPE_CORE_TEST_MAIN(TestRegistryEncoding)
#include "tst_registry_encoding.moc"
