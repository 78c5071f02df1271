// The Messages panel driven offscreen: browse the demo cluster's telemetry, open a message,
// filter by a JSON condition; on the real broker browse, produce from the dialog and run a
// replay from the dialog, checking the target with kcat.

#include "demo/demo_cluster.h"
#include "messages/browser_panel.h"
#include "shell/main_window.h"
#include "decoding/record_decoder.h"
#include "messages/message_detail_view.h"
#include "models/message_table_model.h"
#include "payload_view.h"
#include "messages/produce_dialog.h"
#include "messages/replay_dialog.h"
#include "test_main.h"
#include "test_support.h"
#include "cluster/workspace.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QTemporaryDir>

using namespace kafkascope;
using namespace kafkascope::testing;

class TestBrowserGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void demoTelemetryBrowseOpenAndFilter();
    void demoAvroAndQueueDecodedInTableAndFilter();
    void realBrokerBrowseProduceAndReplay();
    void cleanupTestCase();

private:
    void screenshot(QWidget *w, const QString &name);
    QString m_bootstrap;
    QTemporaryDir m_dir;
    QStringList m_topics;
};

void TestBrowserGui::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
}

void TestBrowserGui::cleanupTestCase()
{
    for (const QString &t : std::as_const(m_topics))
        deleteTopic(m_bootstrap, t);
}

void TestBrowserGui::screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("KAFKASCOPE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w->grab().save(dir + u'/' + name);
}

void TestBrowserGui::demoTelemetryBrowseOpenAndFilter()
{
    MainWindow::Options options;
    options.settingsFile = m_dir.filePath(QStringLiteral("demo.ini"));
    options.startDemo = true;
    options.demoRate = 400;
    MainWindow window(options);
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(window.findPanel(Workspace::kDemoId, QStringLiteral("overview")) != nullptr, 20000);
    // A few hundred records to browse and filter, counted by the simulator that writes them
    // (not through the panel under test).
    QTRY_VERIFY_WITH_TIMEOUT(window.workspace()->demo() && window.workspace()->demo()->producedCount() >= 300, 20000);
    // Opened with no topic, the panel loads its first topic at once: a count, not a blank table.
    auto *first = qobject_cast<BrowserPanel *>(window.openPanel(Workspace::kDemoId, QStringLiteral("browser"), {}));
    QVERIFY(first);
    QTRY_VERIFY2_WITH_TIMEOUT(first->statusText().contains(QStringLiteral("in range")), qPrintable(first->statusText()),
                              20000);
    auto *panel = qobject_cast<BrowserPanel *>(window.openPanel(Workspace::kDemoId, QStringLiteral("browser"),
                                                                QStringLiteral("tb.telemetry")));
    QVERIFY(panel);
    QAbstractItemModelTester tester(panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT(panel->model()->rowCount() > 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(panel->model()->messageAt(0) != nullptr, 20000);

    // Open a message: click its row, the detail shows it as JSON.
    QTableView *table = panel->table();
    const QRect cell = table->visualRect(panel->model()->index(2, MessageTableModel::Value));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    const KafkaMessage *m = panel->model()->messageAt(2);
    QVERIFY(m);
    QTRY_COMPARE_WITH_TIMEOUT(panel->detail()->message().offset, m->offset, 5000);
    QVERIFY(panel->detail()->summaryText().contains(QStringLiteral("tb.telemetry")));
    QCOMPARE(panel->detail()->valueView()->bytes(), m->value);
    QCOMPARE(panel->detail()->valueView()->shownMode(), PayloadView::Json);
    screenshot(&window, QStringLiteral("browser-demo.png"));

    // Filter: a JSON condition on the gateway format, scanned off the UI thread.
    QTest::keyClicks(panel->findChild<QLineEdit *>(QStringLiteral("jsonFilter")), QStringLiteral("values.temperature > 22.5"));
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("filterButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isScanning(), 30000);
    QVERIFY2(panel->statusText().contains(QStringLiteral("scanned")), qPrintable(panel->statusText()));
    QVERIFY(!panel->model()->isVirtual());
    QVERIFY(panel->model()->rowCount() > 0);
    for (int r = 0; r < panel->model()->rowCount(); ++r) {
        const QJsonObject o = QJsonDocument::fromJson(panel->model()->messageAt(r)->value).object();
        bool hot = false;
        for (const QJsonValue &device : o)
            for (const QJsonValue &sample : device.toArray())
                hot = hot || sample[u"values"][u"temperature"].toDouble() > 22.5;
        QVERIFY2(hot, panel->model()->messageAt(r)->value.constData());
    }
    screenshot(&window, QStringLiteral("browser-demo-filtered.png"));
}

// The demo's Avro topic (schema from the demo's registry) and a ThingsBoard queue partition
// (protobuf from the shipped .proto files): the table shows the decoded values, the tooltip
// says with which schema, and the filter matches what is decoded, not the bytes.
void TestBrowserGui::demoAvroAndQueueDecodedInTableAndFilter()
{
    MainWindow::Options options;
    options.settingsFile = m_dir.filePath(QStringLiteral("demo-decoded.ini"));
    options.startDemo = true;
    options.demoRate = 400;
    MainWindow window(options);
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(window.findPanel(Workspace::kDemoId, QStringLiteral("overview")) != nullptr, 20000);
    auto *panel = qobject_cast<BrowserPanel *>(window.openPanel(Workspace::kDemoId, QStringLiteral("browser"),
                                                                QStringLiteral("demo.meters.avro")));
    QVERIFY(panel);
    // The meters report once a second: the live tail shows them decoded as they come.
    panel->setLiveTail(true);
    QTRY_VERIFY_WITH_TIMEOUT(panel->model()->rowCount() >= 5, 30000);
    QVERIFY(!panel->model()->isVirtual());
    for (int r = 0; r < 5; ++r) {
        const KafkaMessage *m = panel->model()->messageAt(r);
        QVERIFY2(m->decoded && m->decoded->valueDecoded, m->decoded ? qPrintable(m->decoded->error) : "not decoded");
    }
    panel->setLiveTail(false);
    panel->reload(); // the table over the topic's range, fetched page by page
    QTRY_VERIFY_WITH_TIMEOUT(panel->model()->isVirtual() && panel->model()->rowCount() >= 5, 30000);
    const int rows = panel->model()->rowCount();
    for (int r = 0; r < 5; ++r) {
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->messageAt(r) != nullptr, 20000);
        const KafkaMessage *m = panel->model()->messageAt(r);
        QCOMPARE(m->value.at(0), '\0'); // registry framing: the bytes are not JSON
        const QString shown = panel->model()->index(r, MessageTableModel::Value).data().toString();
        const QJsonObject o = QJsonDocument::fromJson(shown.toUtf8()).object();
        QVERIFY2(o.contains(u"device") && o.value(u"power").isDouble() && o.value(u"voltage").isDouble(),
                 qPrintable(shown));
        const QString tip = panel->model()->index(r, MessageTableModel::Value).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("schema id")) && tip.contains(QStringLiteral("MeterReading")), qPrintable(tip));
    }
    screenshot(&window, QStringLiteral("browser-demo-avro.png"));

    // "voltage" is a field name: only the decoded records hold it, every one of them does.
    QTest::keyClicks(panel->findChild<QLineEdit *>(QStringLiteral("valueFilter")), QStringLiteral("voltage"));
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("filterButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isScanning(), 30000);
    const QRegularExpression counts(QStringLiteral("^(\\d+) match\\(es\\) in (\\d+) scanned"));
    const QRegularExpressionMatch got = counts.match(panel->statusText());
    QVERIFY2(got.hasMatch(), qPrintable(panel->statusText()));
    QVERIFY(got.captured(1).toInt() >= rows);
    QCOMPARE(got.captured(1), got.captured(2));

    auto *queue = qobject_cast<BrowserPanel *>(window.openPanel(Workspace::kDemoId, QStringLiteral("browser"),
                                                                QStringLiteral("tb_rule_engine.main.0")));
    QVERIFY(queue);
    QTRY_COMPARE_WITH_TIMEOUT(queue->currentTopic(), QStringLiteral("tb_rule_engine.main.0"), 10000);
    // The table shows the queue's protobuf as ThingsBoard's message: type, originator, data.
    auto firstValue = [queue] {
        return queue->model()->rowCount() > 0 ? queue->model()->index(0, MessageTableModel::Value).data().toString()
                                              : QString();
    };
    QTRY_VERIFY2_WITH_TIMEOUT(firstValue().contains(QStringLiteral("POST_TELEMETRY_REQUEST"))
                                  || firstValue().contains(QStringLiteral("POST_ATTRIBUTES_REQUEST")),
                              qPrintable(firstValue()), 30000);
    const KafkaMessage *q = queue->model()->messageAt(0);
    QVERIFY(q && q->decoded && q->decoded->valueDecoded);
    QCOMPARE(q->decoded->valueKind, DecoderKind::ProtobufFile);
    screenshot(&window, QStringLiteral("browser-demo-queue.png"));
}

void TestBrowserGui::realBrokerBrowseProduceAndReplay()
{
    const QString source = uniqueName(QStringLiteral("gui.src"));
    const QString target = uniqueName(QStringLiteral("gui.dst"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, source, 3, &error), qPrintable(error));
    QVERIFY2(createTopic(m_bootstrap, target, 3, &error), qPrintable(error));
    m_topics << source << target;
    const ProcessResult produced = python(QStringLiteral(R"PY(
import sys
from confluent_kafka import Producer
p = Producer({'bootstrap.servers': sys.argv[1]})
for part in range(3):
    for i in range(40):
        p.produce(sys.argv[2], key=('d%d-%d' % (part, i)).encode(), value=('{"n":%d}' % i).encode(),
                  partition=part, headers=[('src', b'gui')])
p.flush(30)
)PY"), {m_bootstrap, source});
    QVERIFY2(produced.ok(), produced.err.constData());

    MainWindow::Options options;
    options.settingsFile = m_dir.filePath(QStringLiteral("real.ini"));
    MainWindow window(options);
    window.resize(1400, 900);
    window.show();
    const ConnectionProfile profile = brokerProfile(QStringLiteral("Test broker"));
    window.workspace()->saveProfile(profile);
    // MainWindow forgets the topic of a panel opened before its session exists: connect first.
    window.connectCluster(profile.id);
    QTRY_VERIFY_WITH_TIMEOUT(window.workspace()->clusters().session(profile.id) != nullptr, 20000);
    auto *panel = qobject_cast<BrowserPanel *>(window.openPanel(profile.id, QStringLiteral("browser"), source));
    QVERIFY(panel);
    QTRY_VERIFY2_WITH_TIMEOUT(panel->model()->rowCount() == 120, qPrintable(panel->statusText()), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(panel->model()->messageAt(41) != nullptr, 20000);
    QCOMPARE(panel->model()->messageAt(41)->key, QByteArray("d1-1")); // row 41 = partition 1, offset 1
    panel->table()->setCurrentIndex(panel->model()->index(41, MessageTableModel::Key));
    QTRY_COMPARE_WITH_TIMEOUT(panel->detail()->keyView()->bytes(), QByteArray("d1-1"), 5000);

    // Produce from the dialog: a JSON value the dialog checks first.
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("produceButton")), Qt::LeftButton);
    auto *produce = panel->findChild<ProduceDialog *>();
    QVERIFY(produce);
    produce->findChild<QComboBox *>(QStringLiteral("produceFormat"))->setCurrentIndex(1);
    QTest::keyClicks(produce->findChild<QLineEdit *>(QStringLiteral("produceKey")), QStringLiteral("manual"));
    QTest::keyClicks(produce->findChild<QPlainTextEdit *>(QStringLiteral("produceValue")), QStringLiteral("{\"n\":"));
    QTest::mouseClick(produce->findChild<QPushButton *>(QStringLiteral("sendButton")), Qt::LeftButton);
    QVERIFY2(produce->valueError().contains(QStringLiteral("not valid JSON")), qPrintable(produce->valueError()));
    QVERIFY2(produce->resultText().startsWith(QStringLiteral("Nothing sent")), qPrintable(produce->resultText()));
    QTest::keyClicks(produce->findChild<QPlainTextEdit *>(QStringLiteral("produceValue")), QStringLiteral("99}"));
    QTest::mouseClick(produce->findChild<QPushButton *>(QStringLiteral("sendButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!produce->busy(), 20000);
    QVERIFY2(produce->resultText().startsWith(QStringLiteral("1 sent, 1 acknowledged")), qPrintable(produce->resultText()));
    produce->close();
    int manual = 0;
    for (const QJsonObject &o : kcatRecords(m_bootstrap, source))
        manual += o[u"key"].toString() == u"manual" && o[u"payload"].toString() == u"{\"n\":99}";
    QCOMPARE(manual, 1);

    // Replay offsets 5..24 of every partition from the dialog.
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("replayButton")), Qt::LeftButton);
    auto *replay = panel->findChild<ReplayDialog *>();
    QVERIFY(replay);
    replay->findChild<QComboBox *>(QStringLiteral("fromKind"))->setCurrentIndex(ReplayBound::Offset);
    replay->findChild<QLineEdit *>(QStringLiteral("fromOffset"))->setText(QStringLiteral("5"));
    replay->findChild<QComboBox *>(QStringLiteral("toKind"))->setCurrentIndex(ReplayBound::Offset);
    replay->findChild<QLineEdit *>(QStringLiteral("toOffset"))->setText(QStringLiteral("24"));
    replay->findChild<QComboBox *>(QStringLiteral("targetTopic"))->setCurrentText(target);
    QTest::mouseClick(replay->findChild<QPushButton *>(QStringLiteral("startReplay")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!replay->running(), 60000);
    QVERIFY2(replay->lastReport().complete(), qPrintable(replay->reportText()));
    QCOMPARE(replay->lastReport().acked, 60);
    QVERIFY(replay->reportText().contains(QStringLiteral("next offset 25")));
    screenshot(replay, QStringLiteral("replay-dialog.png"));
    const QList<QJsonObject> copied = kcatRecords(m_bootstrap, target);
    QCOMPARE(copied.size(), 60);
    for (const QJsonObject &o : copied) {
        const int p = o[u"partition"].toInt();
        const qint64 sourceOffset = o[u"offset"].toInteger() + 5;
        QCOMPARE(o[u"key"].toString(), QStringLiteral("d%1-%2").arg(p).arg(sourceOffset));
        QCOMPARE(o[u"headers"].toArray(), (QJsonArray{QStringLiteral("src"), QStringLiteral("gui")}));
    }
}

KAFKASCOPE_GUI_TEST_MAIN(TestBrowserGui)
#include "tst_browser_gui.moc"
