// The Schemas panel and the connection dialog's registry "Test", offscreen, against a test
// responder: a QTcpServer (ScriptedHttp) answering the Confluent Schema Registry REST paths
// with canned JSON for three subjects. It is not a Schema Registry (tst_schema_registry runs
// against a real one); it only lets the panel's own behaviour be checked: subjects, versions,
// pretty-printed schema text, type, compatibility (global and per subject), references, the
// filter, and a registry that refuses the credentials, is down or never answers.

#include "connections/connection_dialog.h"
#include "schemas/schemas_panel.h"
#include "scripted_http.h"
#include "test_main.h"
#include "test_support.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>

using namespace kafkascope;
using namespace kafkascope::testing;

namespace {

const QByteArray kAvroV1 = R"({"type":"record","name":"Reading","namespace":"demo","fields":[{"name":"device","type":"string"}]})";
const QByteArray kAvroV2 = R"({"type":"record","name":"Reading","namespace":"demo","fields":[{"name":"device","type":"string"},{"name":"temperature","type":"double"}]})";
const QByteArray kProto = "syntax = \"proto3\";\npackage demo;\nimport \"status.proto\";\nmessage Reading {\n  string device = 1;\n  Status status = 2;\n}\n";
const QByteArray kJsonSchema = R"({"type":"object","properties":{"name":{"type":"string"}}})";

QByteArray version(const QString &subject, int v, int id, const QByteArray &type, const QByteArray &schema,
                   const QJsonArray &references = {})
{
    QJsonObject o{{QStringLiteral("subject"), subject}, {QStringLiteral("version"), v}, {QStringLiteral("id"), id},
                  {QStringLiteral("schema"), QString::fromUtf8(schema)}};
    if (type != "AVRO")
        o.insert(QStringLiteral("schemaType"), QString::fromLatin1(type));
    if (!references.isEmpty())
        o.insert(QStringLiteral("references"), references);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The test responder's answers for three subjects, two versions of one of them.
void script(ScriptedHttp &http)
{
    http.setResponse(QStringLiteral("/subjects"), R"(["telemetry-proto","readings-value","device-json"])");
    http.setResponse(QStringLiteral("/config"), R"({"compatibilityLevel":"BACKWARD"})");
    http.setResponse(QStringLiteral("/config/telemetry-proto"), R"({"compatibilityLevel":"FULL"})");
    http.setResponse(QStringLiteral("/subjects/readings-value/versions"), "[1,2]");
    http.setResponse(QStringLiteral("/subjects/readings-value/versions/1"), version(QStringLiteral("readings-value"), 1, 1, "AVRO", kAvroV1));
    http.setResponse(QStringLiteral("/subjects/readings-value/versions/2"), version(QStringLiteral("readings-value"), 2, 4, "AVRO", kAvroV2));
    http.setResponse(QStringLiteral("/subjects/telemetry-proto/versions"), "[1]");
    http.setResponse(QStringLiteral("/subjects/telemetry-proto/versions/1"),
                     version(QStringLiteral("telemetry-proto"), 1, 3, "PROTOBUF", kProto,
                             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("status.proto")},
                                                    {QStringLiteral("subject"), QStringLiteral("status")},
                                                    {QStringLiteral("version"), 2}}}));
    http.setResponse(QStringLiteral("/subjects/device-json/versions"), "[1]");
    http.setResponse(QStringLiteral("/subjects/device-json/versions/1"), version(QStringLiteral("device-json"), 1, 2, "JSON", kJsonSchema));
}

RegistryEndpoint endpointAt(const QString &url)
{
    RegistryEndpoint e;
    e.url = url;
    return e;
}

} // namespace

class TestSchemasPanelGui : public QObject
{
    Q_OBJECT
private slots:
    void subjectsVersionsAndSchemas();
    void registryFailuresShownInPanel_data();
    void registryFailuresShownInPanel();
    void connectionDialogTestListsSubjects();
};

void TestSchemasPanelGui::subjectsVersionsAndSchemas()
{
    ScriptedHttp http;
    script(http);
    QVERIFY(http.start());
    SchemasPanel panel(endpointAt(http.url()));
    panel.resize(1200, 700);
    panel.show();
    QTRY_COMPARE(panel.visibleSubjects(), (QStringList{QStringLiteral("device-json"), QStringLiteral("readings-value"),
                                                       QStringLiteral("telemetry-proto")}));
    auto *type = panel.findChild<QLabel *>(QStringLiteral("schemasType"));
    auto *compatibility = panel.findChild<QLabel *>(QStringLiteral("schemasCompatibility"));
    auto *references = panel.findChild<QLabel *>(QStringLiteral("schemasReferences"));
    auto *global = panel.findChild<QLabel *>(QStringLiteral("schemasGlobalCompatibility"));
    auto *versions = panel.findChild<QComboBox *>(QStringLiteral("schemasVersions"));
    auto *list = panel.findChild<QListView *>(QStringLiteral("schemasSubjects"));
    QVERIFY(type && compatibility && references && global && versions && list);
    QTRY_COMPARE(global->text(), QStringLiteral("Global compatibility: BACKWARD"));
    QVERIFY2(panel.statusText().contains(QStringLiteral("3 subject(s)")), qPrintable(panel.statusText()));

    // The first subject is shown: JSON Schema, indented, inheriting the global level.
    QTRY_COMPARE(type->text(), QStringLiteral("JSON Schema · schema id 2"));
    QCOMPARE(panel.schemaText(), prettySchema(QStringLiteral("JSON"), QString::fromUtf8(kJsonSchema)));
    QCOMPARE(panel.schemaText(), QStringLiteral("{\n  \"type\": \"object\",\n  \"properties\": {\n    \"name\": {\n"
                                                "      \"type\": \"string\"\n    }\n  }\n}"));
    QTRY_COMPARE(compatibility->text(), QStringLiteral("BACKWARD (the registry's global level)"));

    // A click on the Avro subject: the newest version first, then version 1 from the list.
    const QModelIndex avro = list->model()->index(1, 0);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(avro).center());
    QTRY_COMPARE(type->text(), QStringLiteral("Avro · schema id 4"));
    QCOMPARE(versions->count(), 2);
    QCOMPARE(versions->currentText(), QStringLiteral("version 2"));
    QVERIFY(panel.schemaText().contains(QStringLiteral("\"temperature\"")));
    // The author's key order is kept (QJsonDocument would sort "fields" before "name").
    QVERIFY(panel.schemaText().indexOf(u"\"name\": \"Reading\"") < panel.schemaText().indexOf(u"\"fields\""));
    versions->setFocus();
    QTest::keyClick(versions, Qt::Key_Down);
    QTRY_COMPARE(type->text(), QStringLiteral("Avro · schema id 1"));
    QVERIFY(!panel.schemaText().contains(QStringLiteral("\"temperature\"")));
    QCOMPARE(references->text(), QStringLiteral("none"));

    // The filter, then the Protobuf subject: its own level, its reference, the text as written.
    auto *filter = panel.findChild<QLineEdit *>(QStringLiteral("schemasFilter"));
    QVERIFY(filter);
    QTest::keyClicks(filter, QStringLiteral("PROTO"));
    QCOMPARE(panel.visibleSubjects(), QStringList{QStringLiteral("telemetry-proto")});
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(list->model()->index(0, 0)).center());
    QTRY_COMPARE(type->text(), QStringLiteral("Protobuf · schema id 3"));
    QCOMPARE(panel.schemaText(), QString::fromUtf8(kProto));
    QCOMPARE(references->text(), QStringLiteral("status.proto → status v2"));
    QTRY_COMPARE(compatibility->text(), QStringLiteral("FULL (set on this subject)"));
}

void TestSchemasPanelGui::registryFailuresShownInPanel_data()
{
    QTest::addColumn<QString>("failure");
    QTest::addColumn<QString>("expected");
    QTest::newRow("401") << QStringLiteral("401") << QStringLiteral("refused the credentials (HTTP 401");
    QTest::newRow("down") << QStringLiteral("down") << QStringLiteral("is unreachable");
    QTest::newRow("slow") << QStringLiteral("slow") << QStringLiteral("did not answer within 0.5 s");
    QTest::newRow("not set") << QStringLiteral("unset") << QStringLiteral("No Schema Registry is set");
}

void TestSchemasPanelGui::registryFailuresShownInPanel()
{
    QFETCH(QString, failure);
    QFETCH(QString, expected);
    ScriptedHttp http;
    script(http);
    QVERIFY(http.start());
    QString url = http.url();
    if (failure == u"401")
        http.setRequiredAuthorization("Bearer right-token");
    else if (failure == u"slow")
        http.setSilent(true);
    else if (failure == u"down")
        http.close(); // the port is free again: nothing listens there
    else if (failure == u"unset")
        url.clear();
    QElapsedTimer clock;
    clock.start();
    SchemasPanel panel(endpointAt(url));
    panel.setRequestTimeoutMs(500);
    panel.refresh();
    QVERIFY2(clock.elapsed() < 300, "creating the panel waited for the registry");
    panel.show();
    // While the request is out, the panel is usable (the filter takes typing).
    auto *filter = panel.findChild<QLineEdit *>(QStringLiteral("schemasFilter"));
    QTest::keyClicks(filter, QStringLiteral("x"));
    QCOMPARE(filter->text(), QStringLiteral("x"));
    QTRY_VERIFY2(panel.statusText().contains(expected), qPrintable(panel.statusText()));
    QVERIFY(panel.visibleSubjects().isEmpty());
}

void TestSchemasPanelGui::connectionDialogTestListsSubjects()
{
    ScriptedHttp http;
    script(http);
    http.setRequiredAuthorization("Basic " + QByteArray("alice:secret").toBase64());
    QVERIFY(http.start());
    ConnectionProfile profile;
    ConnectionDialog dialog(profile);
    dialog.show();
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("registryUrlEdit"));
    auto *user = dialog.findChild<QLineEdit *>(QStringLiteral("registryUsernameEdit"));
    auto *password = dialog.findChild<QLineEdit *>(QStringLiteral("registryPasswordEdit"));
    auto *test = dialog.findChild<QPushButton *>(QStringLiteral("registryTestButton"));
    auto *result = dialog.findChild<QLabel *>(QStringLiteral("registryTestResult"));
    QVERIFY(url && user && password && test && result);
    QTest::keyClicks(url, http.url());
    QTest::keyClicks(user, QStringLiteral("alice"));
    QTest::keyClicks(password, QStringLiteral("wrong"));
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY2(result->text().contains(QStringLiteral("HTTP 401")), qPrintable(result->text()));
    password->clear();
    QTest::keyClicks(password, QStringLiteral("secret"));
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_COMPARE(result->text(), QStringLiteral("Reached: 3 subject(s): device-json, readings-value, telemetry-proto"));
}

KAFKASCOPE_GUI_TEST_MAIN(TestSchemasPanelGui)
#include "tst_schemas_panel_gui.moc"
