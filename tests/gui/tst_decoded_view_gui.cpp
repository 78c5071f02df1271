// The message browser's Decoded tab, driven offscreen: a record serialized by confluent-kafka's
// ProtobufSerializer shows as JSON with its schema id and type; a ThingsBoard queue record
// decodes once the user picks ".proto files", the folder and the type, and that choice is
// remembered for the topic of this cluster; a bad folder is a decode error beside the record.

#include "messages/decoded_view.h"
#include "scripted_http.h"
#include "test_main.h"
#include "test_support.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace kafkascope;
using namespace kafkascope::testing;

namespace {
QString dataDir(const QString &sub)
{
    return qEnvironmentVariable("KAFKASCOPE_SHARED_DATA") + QLatin1Char('/') + sub;
}

QByteArray encoded(const QStringList &protocArgs, const QString &script, const QByteArray &input)
{
    if (!run(QStringLiteral("protoc"), protocArgs).ok())
        return {};
    const QString set = protocArgs.first().mid(int(std::strlen("--descriptor_set_out=")));
    const ProcessResult r = run(testPython(), {script, set}, input);
    return r.ok() ? r.out : QByteArray();
}

void typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return); // editingFinished
}
} // namespace

class TestDecodedViewGui : public QObject
{
    Q_OBJECT
private slots:
    void registryProtobufRecord();
    void thingsBoardChoiceRemembered();
    void hugeRecordShownInPart();

private:
    QTemporaryDir m_tmp;
};

// A 10 MB JSON value: the decoded tab shows its first 256 KB and says how much more there is,
// so the text view never lays out megabytes on the UI thread.
void TestDecodedViewGui::hugeRecordShownInPart()
{
    ConnectionProfile profile;
    profile.id = QStringLiteral("gui-huge");
    QSettings settings(m_tmp.filePath(QStringLiteral("huge.ini")), QSettings::IniFormat);
    DecodedView view(profile, settings);
    view.resize(720, 520);
    view.show();
    KafkaMessage m;
    m.offset = 1;
    m.partition = 0;
    m.valueNull = false;
    m.value = "[" + QByteArray("{\"temperature\":21.5,\"device\":\"sensor-1\"},").repeated(260000) + "{}]";
    QVERIFY(m.value.size() > 10'000'000);
    view.showMessage(m, QStringLiteral("huge"));
    QTRY_VERIFY_WITH_TIMEOUT(view.text().contains(u"not shown here"), 30000);
    QVERIFY2(view.text().size() < 300'000, qPrintable(QString::number(view.text().size())));
    QVERIFY(view.text().startsWith(QStringLiteral("[{\"temperature\":21.5,")));
    QVERIFY(view.text().contains(u"the Value tab shows the whole record"));
}

void TestDecodedViewGui::registryProtobufRecord()
{
    const QString set = m_tmp.filePath(QStringLiteral("reading.pb"));
    const QByteArray out = encoded({QStringLiteral("--descriptor_set_out=") + set, QStringLiteral("--include_imports"),
                                    QStringLiteral("-I") + dataDir(QStringLiteral("registry")), QStringLiteral("reading.proto")},
                                   dataDir(QStringLiteral("registry/registry_encode.py")), {});
    QVERIFY(!out.isEmpty());
    QJsonObject protobuf;
    for (const QByteArray &line : out.split('\n')) {
        const QJsonObject r = QJsonDocument::fromJson(line).object();
        if (r.value(QStringLiteral("format")).toString() == u"protobuf" && protobuf.isEmpty())
            protobuf = r;
    }
    ScriptedHttp registry; // serves what confluent-kafka registered; not a registry server
    QVERIFY(registry.start());
    registry.setResponse(QStringLiteral("/schemas/ids/%1").arg(protobuf.value(QStringLiteral("id")).toInt()),
                         QJsonDocument(QJsonObject{{QStringLiteral("schema"), protobuf.value(QStringLiteral("schema"))},
                                                   {QStringLiteral("schemaType"), QStringLiteral("PROTOBUF")}})
                             .toJson(QJsonDocument::Compact));
    registry.setResponse(QStringLiteral("/schemas/ids/%1/versions").arg(protobuf.value(QStringLiteral("id")).toInt()),
                         R"([{"subject":"readings-value","version":1}])");

    ConnectionProfile profile;
    profile.id = QStringLiteral("gui-registry");
    profile.registry.url = registry.url();
    QSettings settings(m_tmp.filePath(QStringLiteral("a.ini")), QSettings::IniFormat);
    DecodedView view(profile, settings);
    view.resize(720, 520);
    view.show();
    KafkaMessage m;
    m.offset = 7;
    m.partition = 0;
    m.valueNull = false;
    m.value = QByteArray::fromHex(protobuf.value(QStringLiteral("bytes")).toString().toLatin1());
    view.showMessage(m, QStringLiteral("readings"));
    QTRY_VERIFY_WITH_TIMEOUT(view.infoText().contains(u"schema id"), 15000);
    QVERIFY2(view.infoText().contains(u"Protobuf (registry) · schema id 2 · subject readings-value · demo.Reading"),
             qPrintable(view.infoText()));
    const QJsonObject shown = QJsonDocument::fromJson(view.text().toUtf8()).object();
    QCOMPARE(shown.value(QStringLiteral("device")).toString(), QStringLiteral("sensor-1"));
    QCOMPARE(shown.value(QStringLiteral("temperature")).toDouble(), 21.5);
    QCOMPARE(shown.value(QStringLiteral("ts")).toString(), QStringLiteral("1764547200000"));
    const QString shot = qEnvironmentVariable("KAFKASCOPE_DECODED_SCREENSHOT");
    if (!shot.isEmpty())
        QVERIFY(view.grab().save(shot));
}

void TestDecodedViewGui::thingsBoardChoiceRemembered()
{
    const QString set = m_tmp.filePath(QStringLiteral("tb.pb"));
    const QByteArray out = encoded({QStringLiteral("--descriptor_set_out=") + set, QStringLiteral("--include_imports"),
                                    QStringLiteral("-I") + thingsBoardProtoDir(), QStringLiteral("tb_queue.proto")},
                                   dataDir(QStringLiteral("thingsboard/tb_encode.py")),
                                   R"([{"type":"POST_TELEMETRY_REQUEST","deviceName":"Boiler 1","ts":1764547200000,"data":{"temperature":71.5}}])");
    QVERIFY(!out.isEmpty());
    KafkaMessage m;
    m.offset = 0;
    m.valueNull = false;
    m.value = QByteArray::fromHex(out.trimmed());

    const QString ini = m_tmp.filePath(QStringLiteral("b.ini"));
    ConnectionProfile profile;
    profile.id = QStringLiteral("gui-tb");
    {
        QSettings settings(ini, QSettings::IniFormat);
        DecodedView view(profile, settings);
        view.show();
        QSignalSpy decoded(&view, &DecodedView::decoded);
        view.showMessage(m, QStringLiteral("tb_rule_engine.main.0"));
        QTRY_VERIFY(decoded.count() >= 1);
        QCOMPARE(view.decoding().value.kind, DecoderKind::Auto); // binary: shown as hex
        auto *kind = view.findChild<QComboBox *>(QStringLiteral("valueDecoder"));
        kind->setCurrentIndex(kind->findData(int(DecoderKind::ProtobufFile)));
        typeInto(view.findChild<QLineEdit *>(QStringLiteral("protoImportPath")), QStringLiteral("/nonexistent/tb"));
        typeInto(view.findChild<QLineEdit *>(QStringLiteral("protoMessageType")), QStringLiteral("transport.ToRuleEngineMsg"));
        QTRY_VERIFY(view.text().contains(u"is not a readable folder"));
        typeInto(view.findChild<QLineEdit *>(QStringLiteral("protoImportPath")), thingsBoardProtoDir());
        QTest::mouseClick(view.findChild<QCheckBox *>(QStringLiteral("thingsBoardEnvelope")), Qt::LeftButton);
        QTRY_VERIFY(view.infoText().contains(u"ThingsBoard POST_TELEMETRY_REQUEST from Boiler 1"));
        const QJsonObject shown = QJsonDocument::fromJson(view.text().toUtf8()).object();
        QCOMPARE(shown.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("deviceName")).toString(),
                 QStringLiteral("Boiler 1"));
    }
    // Another view of the same cluster remembers the topic's decoder; another cluster does not.
    QSettings settings(ini, QSettings::IniFormat);
    DecodedView again(profile, settings);
    again.showMessage(m, QStringLiteral("tb_rule_engine.main.0"));
    QCOMPARE(again.decoding().value.kind, DecoderKind::ProtobufFile);
    QVERIFY(again.decoding().value.thingsBoardQueue);
    QTRY_VERIFY(again.infoText().contains(u"Boiler 1"));
    ConnectionProfile other;
    other.id = QStringLiteral("gui-other");
    DecodedView elsewhere(other, settings);
    elsewhere.showMessage(m, QStringLiteral("tb_rule_engine.main.0"));
    QCOMPARE(elsewhere.decoding().value.kind, DecoderKind::Auto);
}

KAFKASCOPE_GUI_TEST_MAIN(TestDecodedViewGui)
#include "tst_decoded_view_gui.moc"
