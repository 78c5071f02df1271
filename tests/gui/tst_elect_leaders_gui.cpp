// Preferred-leader election from the Topics panel against the real broker: the action opens
// the confirmation dialog, nothing is sent before it is confirmed, and each partition's row
// shows the outcome the broker returned. On a single broker every preferred replica already
// leads, so the broker answers ELECTION_NOT_NEEDED for each partition; confluent-kafka, asked
// the same, gets the same answer.

#include "cluster/cluster_manager.h"
#include "test_main.h"
#include "test_support.h"
#include "topics/elect_leaders_dialog.h"
#include "topics/topic_admin.h"
#include "topics/topics_panel.h"
#include "models/topic_table_model.h"

#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>

using namespace kafkascope;
using namespace kafkascope::testing;

class TestElectLeadersGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void electFromTopicsPanel();
    void cleanupTestCase();

private:
    QString m_bootstrap, m_topic;
    ClusterManager m_clusters;
    ClusterSession *m_session = nullptr;
    static constexpr int kPartitions = 3;
};

void TestElectLeadersGui::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    m_topic = uniqueName(QStringLiteral("elect"));
    QVERIFY2(createTopic(m_bootstrap, m_topic, kPartitions, &why), qPrintable(why));
    m_session = m_clusters.open(brokerProfile());
    m_session->setRefreshIntervalMs(1000);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->snapshot().topic(m_topic) != nullptr, 20000);
}

void TestElectLeadersGui::cleanupTestCase()
{
    if (!m_topic.isEmpty())
        deleteTopic(m_bootstrap, m_topic);
}

void TestElectLeadersGui::electFromTopicsPanel()
{
    TopicsPanel panel(m_session);
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTRY_VERIFY_WITH_TIMEOUT(panel.focusTopic(m_topic), 20000);
    auto *action = panel.findChild<QAction *>(QStringLiteral("electLeadersAction"));
    QVERIFY(action);
    QTRY_VERIFY(action->isEnabled());
    const int sentBefore = panel.admin()->requestCount();
    QPointer<ElectLeadersDialog> dialog = qobject_cast<ElectLeadersDialog *>(panel.electLeaders());
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("electionTable"));
    QCOMPARE(table->rowCount(), kPartitions);
    for (int r = 0; r < kPartitions; ++r) {
        QCOMPARE(table->item(r, ElectLeadersDialog::PartitionCol)->text(), QString::number(r));
        QCOMPARE(table->item(r, ElectLeadersDialog::LeaderCol)->text(),
                 table->item(r, ElectLeadersDialog::PreferredCol)->text());
    }
    // Not confirmed: the button is off and a click sends nothing.
    auto *elect = dialog->findChild<QPushButton *>(QStringLiteral("electButton"));
    QVERIFY(!elect->isEnabled());
    QTest::mouseClick(elect, Qt::LeftButton);
    QCOMPARE(panel.admin()->requestCount(), sentBefore);

    dialog->findChild<QCheckBox *>(QStringLiteral("confirmCheck"))->setChecked(true);
    QVERIFY(elect->isEnabled());
    QTest::mouseClick(elect, Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(!dialog->isBusy() && dialog->resultText().startsWith(u"Answered"),
                              qPrintable(dialog->resultText()), 30000);
    QCOMPARE(panel.admin()->requestCount(), sentBefore + 1);
    QCOMPARE(dialog->resultText(),
             QStringLiteral("Answered for %1 partition(s): 0 elected, %1 not needed, 0 failed.")
                 .arg(kPartitions));
    for (int p = 0; p < kPartitions; ++p)
        QCOMPARE(dialog->partitionResult(p),
                 QStringLiteral("not needed: the preferred replica leads already "
                                "(ELECTION_NOT_NEEDED)"));

    // confluent-kafka asks the broker the same and hears the same, partition by partition.
    const ProcessResult r = python(QStringLiteral(R"(
import sys
from confluent_kafka import ElectionType, TopicPartition
from confluent_kafka.admin import AdminClient
a = AdminClient({'bootstrap.servers': sys.argv[1]})
parts = [TopicPartition(sys.argv[2], p) for p in range(int(sys.argv[3]))]
res = a.elect_leaders(ElectionType.PREFERRED, parts).result()
for tp, err in sorted(res.items(), key=lambda kv: kv[0].partition):
    print(tp.partition, err.name() if err else 'NONE')
)"),
                                   {m_bootstrap, m_topic, QString::number(kPartitions)});
    QVERIFY2(r.ok(), r.err.constData());
    QString expected;
    for (int p = 0; p < kPartitions; ++p)
        expected += QStringLiteral("%1 ELECTION_NOT_NEEDED\n").arg(p);
    QCOMPARE(QString::fromUtf8(r.out), expected);
    dialog->close();
}

KAFKASCOPE_GUI_TEST_MAIN(TestElectLeadersGui)
#include "tst_elect_leaders_gui.moc"
