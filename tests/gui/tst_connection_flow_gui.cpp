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
#include "cluster/workspace.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
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
    void newConnectionShowsBrokerInOverview();
    void demoClusterOpensFromSidebar();

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

KAFKASCOPE_GUI_TEST_MAIN(TestConnectionFlowGui)
#include "tst_connection_flow_gui.moc"
