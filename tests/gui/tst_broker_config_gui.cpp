// The Overview offscreen against the real broker: it names the cluster id the broker's storage
// was formatted with (DescribeCluster), and a broker picked in its table opens that broker's
// configuration, read-only, whose every row equals what Kafka's own
// `kafka-configs --describe --entity-type brokers --entity-name 1 --all` prints.

#include "cluster/cluster_session.h"
#include "models/broker_table_model.h"
#include "models/topic_config_model.h"
#include "overview/broker_config_dialog.h"
#include "overview/overview_panel.h"
#include "test_main.h"
#include "test_support.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QThread>

using namespace kafkascope;
using namespace kafkascope::testing;

class TestBrokerConfigGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void overviewNamesTheCluster();
    void brokerConfigEqualsJavaTool();
    void cleanupTestCase();

private:
    QThread m_thread;
    ClusterSession *m_session = nullptr;
};

void TestBrokerConfigGui::initTestCase()
{
    QString why;
    QVERIFY2(!brokerBootstrap(&why).isEmpty(), qPrintable(why));
    m_session = new ClusterSession(brokerProfile());
    m_session->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_session, &ClusterSession::start, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->status().state == SessionState::Connected, 15000);
}

void TestBrokerConfigGui::cleanupTestCase()
{
    if (!m_session)
        return;
    QMetaObject::invokeMethod(m_session, &ClusterSession::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_session;
}

void TestBrokerConfigGui::overviewNamesTheCluster()
{
    OverviewPanel overview(m_session);
    overview.show();
    const QString formatted = brokerClusterId();
    QVERIFY(!formatted.isEmpty());
    auto *label = overview.findChild<QLabel *>(QStringLiteral("clusterIdLabel"));
    QVERIFY(label);
    QTRY_COMPARE_WITH_TIMEOUT(label->text(), QStringLiteral("Cluster id: %1   ·   Controller: broker 1").arg(formatted), 15000);
    // The rack comes with DescribeCluster's answer too.
    QCOMPARE(overview.brokerModel()->index(0, BrokerTableModel::Rack).data().toString(), QStringLiteral("kafkascope-test-rack"));
}

void TestBrokerConfigGui::brokerConfigEqualsJavaTool()
{
    OverviewPanel overview(m_session);
    overview.show();
    QTRY_COMPARE_WITH_TIMEOUT(overview.brokerModel()->rowCount(), 1, 15000);
    auto *table = overview.findChild<QTableView *>(QStringLiteral("brokerTable"));
    auto *button = overview.findChild<QPushButton *>(QStringLiteral("brokerConfigButton"));
    QVERIFY(table && button);
    QVERIFY(!button->isEnabled()); // nothing selected yet
    table->selectRow(0);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    auto *dialog = overview.findChild<BrokerConfigDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->brokerId(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isLoading() && dialog->model()->rowCount() > 0, 20000);
    QVERIFY2(dialog->statusText().contains(QStringLiteral("read at")), qPrintable(dialog->statusText()));

    QString error;
    const QHash<QString, JavaConfigEntry> java =
        kafkaConfigsDescribe({QStringLiteral("--entity-type"), QStringLiteral("brokers"), QStringLiteral("--entity-name"),
                              QStringLiteral("1"), QStringLiteral("--all")},
                             &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const TopicConfigModel *model = dialog->model();
    QCOMPARE(model->rowCount(), java.size());
    int sensitive = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const ConfigEntry &e = model->entry(row);
        QVERIFY2(java.contains(e.name), qPrintable(e.name));
        const JavaConfigEntry &j = java[e.name];
        // What the table shows: the value (hidden when sensitive), the source, the flags.
        const QString shown = model->index(row, TopicConfigModel::Value).data().toString();
        const QString flags = model->index(row, TopicConfigModel::Flags).data().toString();
        QCOMPARE(flags.contains(QStringLiteral("sensitive")), j.sensitive);
        if (j.sensitive) {
            ++sensitive;
            QCOMPARE(shown, QStringLiteral("(hidden: sensitive)"));
        } else {
            QCOMPARE(model->index(row, TopicConfigModel::Value).data(Qt::EditRole).toString(),
                     j.value == u"null" ? QString() : j.value);
        }
        QCOMPARE(kafkaSourceName(e.source), j.source);
        QCOMPARE(model->index(row, TopicConfigModel::Source).data().toString(), displayName(e.source));
    }
    QVERIFY(sensitive > 0); // e.g. the SASL listener's JAAS config: the comparison covered one

    // The filter narrows the table by name; nothing in it is editable.
    auto *filter = dialog->findChild<QLineEdit *>(QStringLiteral("brokerConfigFilter"));
    QTest::keyClicks(filter, QStringLiteral("log.retention"));
    auto *view = dialog->findChild<QTableView *>(QStringLiteral("brokerConfigTable"));
    QVERIFY(view->model()->rowCount() > 0);
    QVERIFY(view->model()->rowCount() < model->rowCount());
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        QVERIFY(view->model()->index(row, TopicConfigModel::Name).data().toString().contains(QStringLiteral("log.retention")));
        QVERIFY(!(view->model()->flags(view->model()->index(row, TopicConfigModel::Value)) & Qt::ItemIsEditable));
    }
    // Asking again for the same broker raises the open dialog instead of a second one.
    QCOMPARE(overview.showBrokerConfig(1), dialog);
}

KAFKASCOPE_GUI_TEST_MAIN(TestBrokerConfigGui)
#include "tst_broker_config_gui.moc"
