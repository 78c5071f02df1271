// The produce dialog's "JSON → Avro (registry schema)": a JSON document typed into the real
// dialog is encoded with the newest schema of a subject in the real Schema Registry (the
// schema_registry fixture, where confluent-kafka registered it) and sent to the real broker;
// confluent-kafka's AvroDeserializer must read back what was typed. A document that does not
// fit the schema is refused with the field named beside the value, and nothing is sent.

#include "cluster/cluster_manager.h"
#include "messages/produce_dialog.h"
#include "test_main.h"
#include "test_support.h"

#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>

using namespace kafkascope;
using namespace kafkascope::testing;

namespace {

const char kSchema[] = R"({"type":"record","name":"Reading","namespace":"produce.test","fields":[
 {"name":"device","type":"string"},{"name":"temperature","type":"double"},{"name":"count","type":"int"},
 {"name":"humidity","type":["null","float"],"default":null},{"name":"ts","type":"long"},
 {"name":"status","type":{"type":"enum","name":"Status","symbols":["OK","FAULT"]}},
 {"name":"tags","type":{"type":"array","items":"string"}},{"name":"labels","type":{"type":"map","values":"string"}},
 {"name":"note","type":["null","string"],"default":null}]})";

} // namespace

class TestProduceAvroGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void jsonEncodedWithRegistrySchema();
    void documentThatDoesNotFitIsRefused();

private:
    void typeAndSend(const QByteArray &json);
    QString m_bootstrap;
    QString m_registry;
    QString m_topic;
    ClusterManager m_clusters;
    ClusterSession *m_session = nullptr;
    std::unique_ptr<ProduceDialog> m_dialog;
};

void TestProduceAvroGui::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    m_registry = registryUrl();
    QVERIFY2(!m_registry.isEmpty(), "no registry (KAFKASCOPE_REGISTRY_DIR/url)");
    m_topic = uniqueName(QStringLiteral("produce.avro"));
    QVERIFY2(createTopic(m_bootstrap, m_topic, 1, &why), qPrintable(why));
    const ProcessResult r = python(QStringLiteral(R"PY(
import sys
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
c = SchemaRegistryClient({'url': sys.argv[1]})
print(c.register_schema(sys.argv[2] + '-value', Schema(sys.argv[3], 'AVRO')))
)PY"), {m_registry, m_topic, QString::fromUtf8(kSchema)});
    QVERIFY2(r.ok(), r.err.constData());
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
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(format, Qt::Key_Down);
    QCOMPARE(format->currentText(), QStringLiteral("JSON → Avro (registry schema)"));
}

void TestProduceAvroGui::cleanupTestCase()
{
    m_dialog.reset();
    deleteTopic(m_bootstrap, m_topic);
}

void TestProduceAvroGui::typeAndSend(const QByteArray &json)
{
    auto *value = m_dialog->findChild<QPlainTextEdit *>(QStringLiteral("produceValue"));
    value->setFocus();
    value->selectAll();
    QTest::keyClick(value, Qt::Key_Delete);
    value->insertPlainText(QString::fromUtf8(json)); // typed as a paste: braces would auto-indent nothing here
    QTest::mouseClick(m_dialog->findChild<QPushButton *>(QStringLiteral("sendButton")), Qt::LeftButton);
}

void TestProduceAvroGui::jsonEncodedWithRegistrySchema()
{
    const QByteArray typed = R"({"device":"sensor-é\"1","temperature":21.5,"count":7,"humidity":40.25,"ts":1764547200000,
        "status":"FAULT","tags":["roof","north"],"labels":{"site":"b2"},"note":{"string":"avro json union form"}})";
    typeAndSend(typed);
    QTRY_VERIFY2_WITH_TIMEOUT(m_dialog->resultText().contains(QStringLiteral("offset 0")), qPrintable(m_dialog->resultText()), 30000);

    const ProcessResult r = python(QStringLiteral(R"PY(
import json, sys
from confluent_kafka import Consumer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer
from confluent_kafka.serialization import MessageField, SerializationContext
de = AvroDeserializer(SchemaRegistryClient({'url': sys.argv[1]}))
c = Consumer({'bootstrap.servers': sys.argv[2], 'group.id': sys.argv[3] + '.check', 'auto.offset.reset': 'earliest'})
c.subscribe([sys.argv[3]])
while True:
    m = c.poll(30)
    if m is None:
        sys.exit('no record')
    if not m.error():
        break
print(json.dumps(de(m.value(), SerializationContext(sys.argv[3], MessageField.VALUE))))
c.close()
)PY"), {m_registry, m_bootstrap, m_topic});
    QVERIFY2(r.ok(), r.err.constData());
    QJsonObject expected = QJsonDocument::fromJson(typed).object();
    expected.insert(QStringLiteral("note"), QStringLiteral("avro json union form")); // the deserializer gives the branch's value
    QCOMPARE(QJsonDocument::fromJson(r.out).object(), expected);
}

void TestProduceAvroGui::documentThatDoesNotFitIsRefused()
{
    typeAndSend(R"({"device":"x","temperature":1,"count":1.5,"ts":1,"status":"OK","tags":[],"labels":{}})");
    QTRY_VERIFY2(m_dialog->valueError().contains(QStringLiteral("count: the value does not fit the schema's int")),
                 qPrintable(m_dialog->resultText()));
    typeAndSend(R"({"device":"x","temperature":1,"count":1,"ts":1,"status":"MAYBE","tags":[],"labels":{}})");
    QTRY_VERIFY2(m_dialog->valueError().contains(QStringLiteral("status: not a symbol of enum Status")), qPrintable(m_dialog->resultText()));
    typeAndSend(R"({"device":"x","count":1,"ts":1,"status":"OK","tags":[],"labels":{}})");
    QTRY_VERIFY2(m_dialog->valueError().contains(QStringLiteral("temperature: missing")), qPrintable(m_dialog->resultText()));
}

KAFKASCOPE_GUI_TEST_MAIN(TestProduceAvroGui)
#include "tst_produce_avro_gui.moc"
