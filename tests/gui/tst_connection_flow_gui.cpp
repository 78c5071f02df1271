// The first thing a user does: File > New connection, fill the dialog, test, save; the
// overview then shows the real broker. Driven offscreen with QTest.

#include "models/broker_table_model.h"
#include "shell/cluster_sidebar.h"
#include "models/cluster_tree_model.h"
#include "connections/connection_dialog.h"
#include "shell/main_window.h"
#include "overview/overview_panel.h"
#include "test_main.h"
#include "test_support.h"
#include "cluster/cluster_manager.h"
#include "cluster/cluster_session.h"
#include "cluster/workspace.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QTreeView>

using namespace kafkascope;
using namespace kafkascope::testing;

class TestConnectionFlowGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void invalidInputIsRefusedInPlace();
    void overlongHostIsRefusedBesideTheField_data();
    void overlongHostIsRefusedBesideTheField();
    void newConnectionShowsBrokerInOverview();
    void demoClusterOpensFromSidebar();
    void garbageCaFileSaysItDoesNotRetry();
    void testConnectionNamesAnHttpPortInFull();

private:
    QString m_bootstrap;
    QTemporaryDir m_dir;
};

void TestConnectionFlowGui::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
}

void TestConnectionFlowGui::invalidInputIsRefusedInPlace()
{
    ConnectionDialog dialog(ConnectionProfile{});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    auto *bootstrap = dialog.findChild<QLineEdit *>(QStringLiteral("bootstrapEdit"));
    auto *security = dialog.findChild<QComboBox *>(QStringLiteral("securityCombo"));
    auto *caFile = dialog.findChild<QLineEdit *>(QStringLiteral("caFileEdit"));
    QTest::keyClicks(name, QStringLiteral("bad one"));
    QTest::keyClicks(bootstrap, QStringLiteral("localhost"));
    security->setCurrentIndex(security->findText(QStringLiteral("SSL")));
    QTest::keyClicks(caFile, QStringLiteral("/nonexistent/ca.pem"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
    QVERIFY(dialog.isVisible()); // refused, nothing typed is lost
    auto *bootstrapError = dialog.findChild<QLabel *>(QStringLiteral("bootstrapServersError"));
    auto *caError = dialog.findChild<QLabel *>(QStringLiteral("caFileError"));
    QVERIFY(bootstrapError->isVisible());
    QVERIFY(bootstrapError->text().contains(QStringLiteral("host:port")));
    QVERIFY(caError->isVisible());
    QVERIFY(caError->text().contains(QStringLiteral("/nonexistent/ca.pem")));
    QCOMPARE(bootstrap->text(), QStringLiteral("localhost"));
}

void TestConnectionFlowGui::overlongHostIsRefusedBesideTheField_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("expected");
    QTest::newRow("10 KB host") << QString(10240, u'h') << "at most 253";
    QTest::newRow("254 characters") << QString(200, u'a') + u'.' + QString(53, u'b') << "at most 253";
    QTest::newRow("64-character label") << QString(64, u'c') + QStringLiteral(".example.com") << "at most 63";
}

// What the issue saw: a 10 KB host name was saved and the main window grew to 32,767 px.
// It is refused beside the field, the message quotes it shortened, and the dialog keeps its
// width.
void TestConnectionFlowGui::overlongHostIsRefusedBesideTheField()
{
    QFETCH(QString, host);
    QFETCH(QString, expected);
    ConnectionDialog dialog(ConnectionProfile{});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const int width = dialog.width();
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("long host"));
    auto *bootstrap = dialog.findChild<QLineEdit *>(QStringLiteral("bootstrapEdit"));
    bootstrap->setFocus();
    bootstrap->insert(host + QStringLiteral(":9092")); // as pasted
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("bootstrapServersError"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(expected), qPrintable(error->text()));
    QVERIFY2(error->text().size() < 200, qPrintable(error->text().left(300)));
    dialog.layout()->activate();
    QCOMPARE(dialog.width(), width);
    QVERIFY2(dialog.minimumSizeHint().width() < 1000, qPrintable(QString::number(dialog.minimumSizeHint().width())));
    QCOMPARE(bootstrap->text(), host + QStringLiteral(":9092")); // nothing typed is lost
}

void TestConnectionFlowGui::newConnectionShowsBrokerInOverview()
{
    MainWindow::Options options;
    options.settingsFile = m_dir.filePath(QStringLiteral("gui.ini"));
    MainWindow window(options);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAbstractItemModelTester tester(window.sidebar()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);

    bool filled = false;
    QString testResult;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<ConnectionDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("Local broker"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("bootstrapEdit")), m_bootstrap);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("testButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->testResult().startsWith(QStringLiteral("Connected")), 15000);
        testResult = dialog->testResult();
        filled = true;
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
    });
    window.newConnection();
    QVERIFY(filled);
    QVERIFY2(testResult.contains(QStringLiteral("1 broker")), qPrintable(testResult));

    const ConnectionProfile saved = window.workspace()->profiles().last();
    QCOMPARE(saved.name, QStringLiteral("Local broker"));
    QTRY_VERIFY_WITH_TIMEOUT(window.findPanel(saved.id, QStringLiteral("overview")) != nullptr, 10000);
    auto *overview = qobject_cast<OverviewPanel *>(window.findPanel(saved.id, QStringLiteral("overview")));
    QVERIFY(overview);
    QTRY_COMPARE_WITH_TIMEOUT(overview->brokerModel()->rowCount(), 1, 15000);
    const QString address = overview->brokerModel()->index(0, BrokerTableModel::Address).data().toString();
    QCOMPARE(address, m_bootstrap);
    QVERIFY(overview->statusText().startsWith(QStringLiteral("Connected")));
    auto *brokerCount = overview->findChild<QLabel *>(QStringLiteral("brokerCount"));
    QCOMPARE(brokerCount->property("value").toInt(), 1);

    // The sidebar shows the cluster connected, with its broker underneath.
    const QModelIndex cluster = window.sidebar()->model()->clusterIndex(saved.id);
    QTRY_VERIFY_WITH_TIMEOUT(window.sidebar()->model()->rowCount(cluster) == 3, 10000);
    const QModelIndex brokers = window.sidebar()->model()->index(0, 0, cluster);
    QCOMPARE(window.sidebar()->model()->rowCount(brokers), 1);
}

void TestConnectionFlowGui::demoClusterOpensFromSidebar()
{
    MainWindow::Options options;
    options.settingsFile = m_dir.filePath(QStringLiteral("demo.ini"));
    MainWindow window(options);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QModelIndex demo = window.sidebar()->model()->clusterIndex(Workspace::kDemoId);
    QVERIFY(demo.isValid());
    window.sidebar()->selectCluster(Workspace::kDemoId);
    QTest::keyClick(window.sidebar()->view(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(window.findPanel(Workspace::kDemoId, QStringLiteral("overview")) != nullptr, 15000);
    auto *overview = qobject_cast<OverviewPanel *>(window.findPanel(Workspace::kDemoId, QStringLiteral("overview")));
    QTRY_COMPARE_WITH_TIMEOUT(overview->brokerModel()->rowCount(), 3, 15000);
}

// What the issue saw: an SSL profile whose CA file holds garbage; the session stops (a bad
// configuration does not heal by retrying) but the sidebar said "disconnected, retrying".
// The sidebar and the Overview say the same, from the session's own status.
void TestConnectionFlowGui::garbageCaFileSaysItDoesNotRetry()
{
    QTemporaryFile ca;
    QVERIFY(ca.open());
    ca.write("this is not a certificate\n");
    ca.flush();
    MainWindow::Options options;
    options.settingsFile = m_dir.filePath(QStringLiteral("badca.ini"));
    MainWindow window(options);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ConnectionProfile p;
    p.id = ConnectionProfile::newId();
    p.name = QStringLiteral("Bad CA");
    p.bootstrapServers = m_bootstrap;
    p.security = SecurityProtocol::Ssl;
    p.caFile = ca.fileName();
    window.workspace()->saveProfile(p);
    window.openPanel(p.id, QStringLiteral("overview"));
    QTRY_VERIFY_WITH_TIMEOUT(window.findPanel(p.id, QStringLiteral("overview")) != nullptr, 10000);
    auto *overview = qobject_cast<OverviewPanel *>(window.findPanel(p.id, QStringLiteral("overview")));
    ClusterSession *session = window.workspace()->clusters().session(p.id);
    QVERIFY(session);
    QTRY_VERIFY_WITH_TIMEOUT(!session->status().lastError.isEmpty(), 15000);
    QVERIFY2(!session->status().retrying, qPrintable(session->status().lastError));
    QTRY_VERIFY2_WITH_TIMEOUT(overview->statusText().startsWith(QStringLiteral("Disconnected, not retrying")),
                              qPrintable(overview->statusText()), 5000);
    const QString sidebar = window.sidebar()->model()->clusterIndex(p.id).data().toString();
    QVERIFY2(sidebar.contains(QStringLiteral("disconnected, not retrying")), qPrintable(sidebar));
}

// A port that answers HTTP: the dialog says so at once and in full, wrapped and selectable.
void TestConnectionFlowGui::testConnectionNamesAnHttpPortInFull()
{
    QTcpServer http;
    QVERIFY(http.listen(QHostAddress::LocalHost));
    connect(&http, &QTcpServer::newConnection, this, [&http] {
        while (QTcpSocket *s = http.nextPendingConnection())
            connect(s, &QTcpSocket::readyRead, s, [s] {
                s->readAll();
                s->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                s->disconnectFromHost();
            });
    });
    ConnectionDialog dialog(ConnectionProfile{});
    dialog.resize(420, 500); // narrow: the cause has to wrap
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("web server"));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("bootstrapEdit")),
                     QStringLiteral("127.0.0.1:%1").arg(http.serverPort()));
    QElapsedTimer timer;
    timer.start();
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.testResult().contains(QStringLiteral("not a Kafka broker")), 10000);
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(dialog.testResult().contains(QStringLiteral("it answered like HTTP")));
    auto *label = dialog.findChild<QLabel *>(QStringLiteral("testResultLabel"));
    QVERIFY(label->wordWrap());
    QVERIFY(label->textInteractionFlags() & Qt::TextSelectableByMouse);
    QTRY_VERIFY(label->height() >= label->heightForWidth(label->width())); // nothing cut off
}

KAFKASCOPE_GUI_TEST_MAIN(TestConnectionFlowGui)
#include "tst_connection_flow_gui.moc"
