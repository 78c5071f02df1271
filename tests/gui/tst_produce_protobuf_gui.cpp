// The produce dialog's "JSON → Protobuf (registry schema)": a JSON document typed into the real
// dialog is encoded with a .proto schema registered in the real Schema Registry (the
// schema_registry fixture) as the message type picked (the first one by default) and sent to the
// real broker; confluent-kafka's ProtobufDeserializer reads the framing (schema id, message
// indexes) and the fields back. Bad JSON, an unknown field, a value of the wrong type or a
// message type the schema lacks are refused beside their field, what was typed stays, and
// nothing is sent.

#include "cluster/cluster_manager.h"
#include "messages/produce_dialog.h"
#include "test_main.h"
#include "test_support.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>

using namespace kafkascope;
using namespace kafkascope::testing;

namespace {

// Two top-level types (Reading is index [1]) and a nested one ([1, 0]), so the framing's
// message indexes are more than the single 0 byte.
const char kSchema[] = R"(syntax = "proto3";
package produce.test;

message Envelope { string note = 1; }

message Reading {
  message Location { double lat = 1; double lon = 2; }
  enum Status { OK = 0; FAULT = 1; }
  string device = 1;
  double temperature = 2;
  int32 count = 3;
  int64 ts = 4;
  Status status = 5;
  repeated string tags = 6;
  map<string, string> labels = 7;
  Location where = 8;
}
)";

// Reads one record with confluent-kafka and prints what its ProtobufDeserializer saw: the schema
// id and message indexes it read off the framing, and the message as a dict.
const char kReadBack[] = R"PY(
import json, sys
from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.schema_registry import dual_schema_id_deserializer
from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer
from confluent_kafka.serialization import MessageField, SerializationContext
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory
bootstrap, topic, offset, descriptor_set, type_name = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
fds = descriptor_pb2.FileDescriptorSet()
with open(descriptor_set, 'rb') as f:
    fds.ParseFromString(f.read())
pool = descriptor_pool.DescriptorPool()
for fd in fds.file:
    pool.Add(fd)
cls = message_factory.GetMessageClass(pool.FindMessageTypeByName(type_name))
seen = {}
def framing(payload, ctx, schema_id):
    rest = dual_schema_id_deserializer(payload, ctx, schema_id)
    seen['id'], seen['indexes'] = schema_id.id, schema_id.message_indexes
    return rest
de = ProtobufDeserializer(cls, conf={'use.deprecated.format': False, 'schema.id.deserializer': framing})
c = Consumer({'bootstrap.servers': bootstrap, 'group.id': topic + '.check', 'enable.auto.commit': False})
c.assign([TopicPartition(topic, 0, offset)])
while True:
    m = c.poll(30)
    if m is None:
        sys.exit('no record at offset %d' % offset)
    if not m.error():
        break
message = de(m.value(), SerializationContext(topic, MessageField.VALUE))
print(json.dumps({'id': seen['id'], 'indexes': seen['indexes'],
                  'value': json_format.MessageToDict(message, preserving_proto_field_name=True)}))
c.close()
)PY";

} // namespace

class TestProduceProtobufGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void jsonEncodedAsPickedType_data();
    void jsonEncodedAsPickedType();
    void refusedBesideTheField_data();
    void refusedBesideTheField();

private:
    void pickType(const QString &type);
    void typeAndSend(const QByteArray &json);
    qint64 sentSoFar() const;
    QString m_bootstrap;
    QString m_registry;
    QString m_topic;
    qint32 m_schemaId = -1;
    QTemporaryDir m_dir;
    QString m_descriptorSet;
    ClusterManager m_clusters;
    ClusterSession *m_session = nullptr;
    std::unique_ptr<ProduceDialog> m_dialog;
};

void TestProduceProtobufGui::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    m_registry = registryUrl();
    QVERIFY2(!m_registry.isEmpty(), "no registry (KAFKASCOPE_REGISTRY_DIR/url)");
    m_topic = uniqueName(QStringLiteral("produce.protobuf"));
    QVERIFY2(createTopic(m_bootstrap, m_topic, 1, &why), qPrintable(why));

    // The schema as .proto text in the registry, and compiled by protoc for the Python side.
    QFile proto(m_dir.filePath(QStringLiteral("reading.proto")));
    QVERIFY(proto.open(QIODevice::WriteOnly));
    proto.write(kSchema);
    proto.close();
    m_descriptorSet = m_dir.filePath(QStringLiteral("reading.desc"));
    const ProcessResult protoc = run(QStringLiteral("protoc"), {QStringLiteral("-I") + m_dir.path(), QStringLiteral("--include_imports"),
                                                              QStringLiteral("--descriptor_set_out=") + m_descriptorSet,
                                                              QStringLiteral("reading.proto")});
    QVERIFY2(protoc.ok(), protoc.err.constData());
    const ProcessResult r = python(QStringLiteral(R"PY(
import sys
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
c = SchemaRegistryClient({'url': sys.argv[1]})
print(c.register_schema(sys.argv[2] + '-value', Schema(sys.argv[3], 'PROTOBUF')))
)PY"), {m_registry, m_topic, QString::fromUtf8(kSchema)});
    QVERIFY2(r.ok(), r.err.constData());
    m_schemaId = r.out.trimmed().toInt();

    ConnectionProfile profile = brokerProfile();
    profile.registry.url = m_registry;
    m_session = m_clusters.open(profile);
    m_session->setRefreshIntervalMs(1000);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->snapshot().topic(m_topic) != nullptr, 20000);
    m_dialog = std::make_unique<ProduceDialog>(m_session, m_topic);
    m_dialog->show();
    auto *format = m_dialog->findChild<QComboBox *>(QStringLiteral("produceFormat"));
    QVERIFY(format);
    format->setFocus();
    format->setCurrentIndex(0);
    for (int i = 0; i < 4; ++i)
        QTest::keyClick(format, Qt::Key_Down);
    QCOMPARE(format->currentText(), QStringLiteral("JSON → Protobuf (registry schema)"));
    // Choosing the format looks the subject's schema up: its message types fill the picker.
    auto *types = m_dialog->findChild<QComboBox *>(QStringLiteral("produceMessageType"));
    QVERIFY(types && types->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(types->count(), 3, 20000); // Envelope, Reading, Reading.Location
    QCOMPARE(types->itemText(1), QStringLiteral("produce.test.Reading"));
    QVERIFY(types->currentText().isEmpty()); // nothing picked: the first message type
}

void TestProduceProtobufGui::cleanupTestCase()
{
    m_dialog.reset();
    deleteTopic(m_bootstrap, m_topic);
}

void TestProduceProtobufGui::pickType(const QString &type)
{
    auto *types = m_dialog->findChild<QComboBox *>(QStringLiteral("produceMessageType"));
    QLineEdit *edit = types->lineEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, type);
    QCOMPARE(types->currentText(), type);
}

void TestProduceProtobufGui::typeAndSend(const QByteArray &json)
{
    auto *value = m_dialog->findChild<QPlainTextEdit *>(QStringLiteral("produceValue"));
    value->setFocus();
    value->selectAll();
    QTest::keyClick(value, Qt::Key_Delete);
    value->insertPlainText(QString::fromUtf8(json)); // as a paste
    QTest::mouseClick(m_dialog->findChild<QPushButton *>(QStringLiteral("sendButton")), Qt::LeftButton);
}

qint64 TestProduceProtobufGui::sentSoFar() const
{
    return kcatRecords(m_bootstrap, m_topic).size();
}

void TestProduceProtobufGui::jsonEncodedAsPickedType_data()
{
    QTest::addColumn<QString>("type");      // typed into the picker; empty: the first type
    QTest::addColumn<QString>("pythonType"); // the class the Python side deserializes with
    QTest::addColumn<QByteArray>("typed");
    QTest::addColumn<QByteArray>("expected"); // MessageToDict of what confluent-kafka read
    QTest::addColumn<QList<int>>("indexes");

    QTest::newRow("first type by default") << QString() << QStringLiteral("produce.test.Envelope")
                                           << QByteArray(R"({"note":"the first message type"})")
                                           << QByteArray(R"({"note":"the first message type"})") << QList<int>{0};
    // int64 prints as a string in protobuf's JSON; a lowerCamel or proto name both parse.
    QTest::newRow("second type") << QStringLiteral("produce.test.Reading") << QStringLiteral("produce.test.Reading")
                                 << QByteArray(R"({"device":"sensor-é\"1","temperature":21.5,"count":-7,"ts":1764547200000,
        "status":"FAULT","tags":["roof","north"],"labels":{"site":"b2"},"where":{"lat":48.85,"lon":2.35}})")
                                 << QByteArray(R"({"device":"sensor-é\"1","temperature":21.5,"count":-7,"ts":"1764547200000",
        "status":"FAULT","tags":["roof","north"],"labels":{"site":"b2"},"where":{"lat":48.85,"lon":2.35}})")
                                 << QList<int>{1};
    QTest::newRow("nested type by short name") << QStringLiteral("Location") << QStringLiteral("produce.test.Reading.Location")
                                               << QByteArray(R"({"lat":-33.5,"lon":151.25})")
                                               << QByteArray(R"({"lat":-33.5,"lon":151.25})") << QList<int>{1, 0};
}

void TestProduceProtobufGui::jsonEncodedAsPickedType()
{
    QFETCH(QString, type);
    QFETCH(QString, pythonType);
    QFETCH(QByteArray, typed);
    QFETCH(QByteArray, expected);
    QFETCH(QList<int>, indexes);
    const qint64 offset = sentSoFar();
    pickType(type);
    typeAndSend(typed);
    QTRY_VERIFY2_WITH_TIMEOUT(m_dialog->resultText().contains(QStringLiteral("offset %1").arg(offset)),
                              qPrintable(m_dialog->resultText() + QLatin1Char(' ') + m_dialog->valueError()), 30000);
    QVERIFY(m_dialog->valueError().isEmpty());

    const ProcessResult r = python(QString::fromLatin1(kReadBack),
                                   {m_bootstrap, m_topic, QString::number(offset), m_descriptorSet, pythonType});
    QVERIFY2(r.ok(), r.err.constData());
    const QJsonObject got = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(got.value(QStringLiteral("id")).toInt(), m_schemaId);
    QJsonArray wantIndexes;
    for (const int i : indexes)
        wantIndexes.append(i);
    QCOMPARE(got.value(QStringLiteral("indexes")).toArray(), wantIndexes);
    QCOMPARE(got.value(QStringLiteral("value")).toObject(), QJsonDocument::fromJson(expected).object());
}

void TestProduceProtobufGui::refusedBesideTheField_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("typed");
    QTest::addColumn<QString>("valueError");  // beside the value
    QTest::addColumn<QString>("schemaError"); // beside the schema choice

    QTest::newRow("bad JSON") << QStringLiteral("produce.test.Reading") << QByteArray(R"({"device": })")
                              << QStringLiteral("The value is not valid JSON") << QString();
    QTest::newRow("unknown field") << QStringLiteral("produce.test.Reading") << QByteArray(R"({"device":"x","humidity":40})")
                                   << QStringLiteral("humidity: Cannot find field") << QString();
    QTest::newRow("wrong type") << QStringLiteral("produce.test.Reading") << QByteArray(R"({"device":"x","temperature":"hot"})")
                                << QStringLiteral("(temperature): invalid value \"hot\" for type TYPE_DOUBLE") << QString();
    QTest::newRow("nested wrong type") << QStringLiteral("produce.test.Reading")
                                       << QByteArray(R"({"where":{"lat":"north"}})")
                                       << QStringLiteral("(where.lat): invalid value") << QString();
    QTest::newRow("unknown message type") << QStringLiteral("produce.test.Nope") << QByteArray(R"({"device":"x"})") << QString()
                                          << QStringLiteral("message type \"produce.test.Nope\" is not declared");
}

void TestProduceProtobufGui::refusedBesideTheField()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, typed);
    QFETCH(QString, valueError);
    QFETCH(QString, schemaError);
    const qint64 before = sentSoFar();
    pickType(type);
    typeAndSend(typed);
    auto *schemaMessage = m_dialog->findChild<QLabel *>(QStringLiteral("produceSchemaMessage"));
    QTRY_VERIFY2(m_dialog->resultText().startsWith(QStringLiteral("Nothing sent")), qPrintable(m_dialog->resultText()));
    if (valueError.isEmpty())
        QVERIFY(m_dialog->valueError().isEmpty());
    else
        QVERIFY2(m_dialog->valueError().contains(valueError), qPrintable(m_dialog->valueError()));
    if (schemaError.isEmpty())
        QVERIFY(!schemaMessage->isVisible() || schemaMessage->text().isEmpty());
    else
        QVERIFY2(schemaMessage->isVisible() && schemaMessage->text().contains(schemaError), qPrintable(schemaMessage->text()));
    // What was typed is still there to fix, and nothing reached the topic.
    QCOMPARE(m_dialog->findChild<QPlainTextEdit *>(QStringLiteral("produceValue"))->toPlainText().toUtf8(), typed);
    QCOMPARE(sentSoFar(), before);
}

KAFKASCOPE_GUI_TEST_MAIN(TestProduceProtobufGui)
#include "tst_produce_protobuf_gui.moc"
