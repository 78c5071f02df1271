// Kafka 4 group types against the real broker: a KIP-848 consumer group made by a real
// consumer (confluent-kafka, group.protocol=consumer) shows in the GroupMonitor and the Groups
// panel as type consumer, Stable, with its member, its assignment and exactly the lag Kafka's
// Java kafka-consumer-groups tool reports; a share group (KIP-932) is listed as such a group,
// named as one librdkafka cannot describe, and never shown as "Dead"; the Overview counts the
// groups per type.

#include "cluster/cluster_session.h"
#include "demo/demo_cluster.h"
#include "groups/groups_panel.h"
#include "models/group_list_model.h"
#include "models/group_partition_model.h"
#include "modern_groups.h"
#include "overview/overview_panel.h"
#include "test_main.h"
#include "test_support.h"

#include <QAbstractItemModelTester>
#include <QDeadlineTimer>
#include <QLabel>
#include <QPushButton>
#include <QThread>
#include <QTreeWidget>

using namespace kafkascope;
using namespace kafkascope::testing;

class TestGroupTypesGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void consumerGroupMatchesJavaTool();
    void shareGroupNamedNotDead();
    void overviewCountsTypes();
    void demoShowsItsTwoGroups();
    void cleanupTestCase();

private:
    static GroupSummary summary(const GroupsPanel &panel, const QString &id);
    QString m_bootstrap, m_topic, m_consumerGroup, m_shareGroup;
    QThread m_thread;
    ClusterSession *m_session = nullptr;
    std::unique_ptr<ModernMember> m_consumer, m_share;
    static constexpr int kPartitions = 3;
    static constexpr int kMessages = 8; // per partition
    static constexpr int kConsumed = 5; // committed by the KIP-848 member
};

void TestGroupTypesGui::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    if (qEnvironmentVariable("KAFKASCOPE_KAFKA_VERSION").startsWith(u"3."))
        QSKIP("KIP-848 consumer groups and share groups need Kafka 4");
    m_topic = uniqueName(QStringLiteral("types"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, m_topic, kPartitions, &error), qPrintable(error));
    const ProcessResult produced = python(QStringLiteral(R"(
import sys
from confluent_kafka import Producer
p = Producer({'bootstrap.servers': sys.argv[1]})
for part in range(int(sys.argv[3])):
    for i in range(int(sys.argv[4])):
        p.produce(sys.argv[2], b'm%d' % i, partition=part)
p.flush(30)
)"),
                                          {m_bootstrap, m_topic, QString::number(kPartitions),
                                           QString::number(kMessages)});
    QVERIFY2(produced.ok(), produced.err.constData());
    m_consumerGroup = uniqueName(QStringLiteral("kip848"));
    m_shareGroup = uniqueName(QStringLiteral("share"));
    m_consumer = std::make_unique<ModernMember>(ModernMember::Kind::Consumer, m_bootstrap,
                                                m_consumerGroup, m_topic, kConsumed);
    m_share = std::make_unique<ModernMember>(ModernMember::Kind::Share, m_bootstrap, m_shareGroup,
                                             m_topic);
    QVERIFY2(m_consumer->waitFor("committed", 60000, &error), qPrintable(error));
    QVERIFY2(m_share->waitFor("polling", 60000, &error), qPrintable(error));

    m_session = new ClusterSession(brokerProfile());
    m_session->setRefreshIntervalMs(1000);
    m_session->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_session, &ClusterSession::start, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->snapshot().topic(m_topic) != nullptr, 30000);
}

void TestGroupTypesGui::cleanupTestCase()
{
    m_consumer.reset();
    m_share.reset();
    if (m_session) {
        QMetaObject::invokeMethod(m_session, &ClusterSession::stop, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
        delete m_session;
    }
    if (!m_topic.isEmpty())
        deleteTopic(m_bootstrap, m_topic);
}

GroupSummary TestGroupTypesGui::summary(const GroupsPanel &panel, const QString &id)
{
    for (const GroupSummary &g : panel.monitor()->report().groups)
        if (g.id == id)
            return g;
    return {};
}

void TestGroupTypesGui::consumerGroupMatchesJavaTool()
{
    GroupsPanel panel(m_session, m_consumerGroup);
    QAbstractItemModelTester tester(panel.groupModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QMetaObject::invokeMethod(panel.monitor(),
                              [m = panel.monitor()] { m->setPollIntervalMs(500); });
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    // The monitor: type consumer, Stable, one member holding every partition.
    QTRY_VERIFY_WITH_TIMEOUT(summary(panel, m_consumerGroup).members == 1 &&
                                 summary(panel, m_consumerGroup).state == u"Stable" &&
                                 panel.monitor()->report().focus.id == m_consumerGroup,
                             30000);
    const GroupSummary g = summary(panel, m_consumerGroup);
    QCOMPARE(g.type, GroupType::Consumer);
    QVERIFY(!g.watched); // listed by the broker, not added by hand
    const GroupsReport report = panel.monitor()->report();
    QCOMPARE(report.focus.members.size(), 1);
    const GroupMember member = report.focus.members.first();
    QCOMPARE(member.clientId, QStringLiteral("kip848-member"));
    QCOMPARE(member.assignment.size(), kPartitions);
    QVERIFY(member.hasTarget); // a consumer group's member has a target assignment
    QCOMPARE(member.targetAssignment.size(), kPartitions);

    // Kafka's own tool on the same broker: the same member, the same per-partition lag.
    QString error;
    const QMap<QString, QString> types = javaListGroupTypes(m_bootstrap, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(types.value(m_consumerGroup), QStringLiteral("Consumer"));
    const QList<JavaGroupRow> java = javaDescribeGroup(m_bootstrap, m_consumerGroup, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(java.size(), kPartitions);
    qint64 javaLag = 0, javaCommitted = 0;
    const GroupsReport now = panel.monitor()->report();
    for (const JavaGroupRow &row : java) {
        QCOMPARE(row.topic, m_topic);
        QCOMPARE(row.consumerId, member.memberId);
        QCOMPARE(row.logEnd, qint64(kMessages));
        const PartitionLag ours = now.focus.partitions.value(row.partition);
        QCOMPARE(ours.partition, row.partition);
        QCOMPARE(ours.committed, row.current);
        QCOMPARE(ours.high, row.logEnd);
        QCOMPARE(ours.lag, row.lag);
        if (row.lag > 0)
            javaLag += row.lag;
        if (row.current > 0)
            javaCommitted += row.current;
    }
    QCOMPARE(summary(panel, m_consumerGroup).totals.lag, javaLag);
    QCOMPARE(javaCommitted, qint64(kConsumed)); // the member committed what it read

    // The panel shows the same: type, state, the member with its partitions.
    // The model takes the monitor's report through a queued signal: wait for the row.
    int row = -1;
    QTRY_VERIFY_WITH_TIMEOUT((row = panel.groupModel()->rowOf(m_consumerGroup)) >= 0, 10000);
    auto cell = [&](int col) { return panel.groupModel()->index(row, col).data().toString(); };
    QCOMPARE(cell(GroupListModel::Type), QStringLiteral("consumer"));
    QCOMPARE(cell(GroupListModel::State), QStringLiteral("Stable"));
    QCOMPARE(cell(GroupListModel::Members), QStringLiteral("1"));
    QCOMPARE(cell(GroupListModel::Lag), QLocale().toString(javaLag));
    auto *members = panel.findChild<QTreeWidget *>(QStringLiteral("memberTree"));
    QVERIFY(members);
    QTRY_COMPARE_WITH_TIMEOUT(members->topLevelItemCount(), 1, 10000);
    const QTreeWidgetItem *item = members->topLevelItem(0);
    QCOMPARE(item->text(0), QStringLiteral("kip848-member"));
    QCOMPARE(item->text(2), member.memberId);
    QCOMPARE(item->childCount(), kPartitions); // assignment == target: no extra "target" line
    QCOMPARE(item->child(0)->text(0), QStringLiteral("%1 [0]").arg(m_topic));
    QVERIFY(panel.findChild<QLabel *>(QStringLiteral("groupDetailHeader"))
                ->text()
                .contains(QStringLiteral("type consumer")));
}

void TestGroupTypesGui::shareGroupNamedNotDead()
{
    // Kafka's share-group tool sees the group: it exists on the broker.
    // (qWaitFor, not QTRY: each look runs a JVM for seconds, and QTRY counts steps.)
    QString error;
    QStringList shareGroups;
    const bool listed = QTest::qWaitFor([&] {
        shareGroups = javaListShareGroups(m_bootstrap, &error);
        return shareGroups.contains(m_shareGroup);
    }, 120000);
    QVERIFY2(listed, qPrintable(error + shareGroups.join(u' ')));
    GroupsPanel panel(m_session, m_shareGroup);
    QMetaObject::invokeMethod(panel.monitor(),
                              [m = panel.monitor()] { m->setPollIntervalMs(500); });
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTRY_VERIFY_WITH_TIMEOUT(panel.groupModel()->rowOf(m_shareGroup) >= 0 &&
                                 !summary(panel, m_shareGroup).watched,
                             30000);
    const GroupSummary g = summary(panel, m_shareGroup);
    QCOMPARE(g.type, GroupType::Other);
    QVERIFY2(g.state != u"Dead", qPrintable(g.state));
    QCOMPARE(g.health.verdict, GroupHealth::Verdict::Unknown);
    QCOMPARE(g.health.reason, GroupMonitor::undescribableReason());
    const int row = panel.groupModel()->rowOf(m_shareGroup);
    auto cell = [&](int col) { return panel.groupModel()->index(row, col).data().toString(); };
    QCOMPARE(cell(GroupListModel::Type), QStringLiteral("share/streams"));
    QCOMPARE(cell(GroupListModel::State), QStringLiteral("not described"));
    for (int c = 0; c < GroupListModel::ColumnCount; ++c)
        QVERIFY2(!cell(c).contains(QStringLiteral("Dead")), qPrintable(cell(c)));
    auto *members = panel.findChild<QTreeWidget *>(QStringLiteral("memberTree"));
    QTRY_COMPARE_WITH_TIMEOUT(members->topLevelItemCount(), 1, 10000);
    QCOMPARE(members->topLevelItem(0)->text(0), GroupMonitor::undescribableReason());
    QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("resetOffsetsButton"))->isEnabled());
    QVERIFY(GroupMonitor::undescribableReason().contains(QStringLiteral("share group")));
}

void TestGroupTypesGui::overviewCountsTypes()
{
    OverviewPanel overview(m_session);
    overview.show();
    auto *groups = overview.findChild<QLabel *>(QStringLiteral("groupCount"));
    QVERIFY(groups);
    // At least our two; other tests' groups may be there too, so only ours are asserted.
    QTRY_VERIFY_WITH_TIMEOUT(groups->property("types").toString().contains(u"consumer") &&
                                 groups->property("types").toString().contains(u"share/streams"),
                             20000);
    QVERIFY(groups->text().contains(groups->property("types").toString()));
    QCOMPARE(groups->toolTip(), GroupMonitor::undescribableReason());
}

void TestGroupTypesGui::demoShowsItsTwoGroups()
{
    // The embedded demo: its mock cluster lists no groups, yet the Overview and the Groups
    // panel show its two, with lag, and say why members are unknown.
    DemoCluster demo;
    QString error;
    QVERIFY2(demo.start(200, &error), qPrintable(error));
    ConnectionProfile p;
    p.name = QStringLiteral("demo");
    p.demo = true;
    p.bootstrapServers = demo.bootstrapServers();
    QThread thread;
    auto *session = new ClusterSession(p);
    session->setRefreshIntervalMs(1000);
    session->moveToThread(&thread);
    thread.start();
    QMetaObject::invokeMethod(session, &ClusterSession::start, Qt::QueuedConnection);
    {
        OverviewPanel overview(session);
        overview.show();
        auto *groups = overview.findChild<QLabel *>(QStringLiteral("groupCount"));
        QTRY_COMPARE_WITH_TIMEOUT(groups->property("value").toInt(), 2, 20000);
        QCOMPARE(groups->property("types").toString(), QStringLiteral("2 classic"));

        GroupsPanel panel(session, {});
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTRY_COMPARE_WITH_TIMEOUT(panel.groupModel()->rowCount(), 2, 20000);
        for (const QString &id : DemoCluster::groupIds()) {
            const int row = panel.groupModel()->rowOf(id);
            QVERIFY2(row >= 0, qPrintable(id));
            // Listed, not watched by hand: the id shows without "(watched)".
            QCOMPARE(panel.groupModel()->index(row, GroupListModel::Id).data().toString(), id);
        }
        QCOMPARE(panel.selectedGroup(), QStringLiteral("tb-rule-engine"));
        QTRY_VERIFY_WITH_TIMEOUT(
            summary(panel, QStringLiteral("tb-rule-engine")).totals.partitions > 0, 30000);
        QVERIFY(panel.findChild<QLabel *>(QStringLiteral("groupsNote"))
                    ->text()
                    .contains(GroupMonitor::demoLimitation()));
    }
    QMetaObject::invokeMethod(session, &ClusterSession::stop, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    delete session;
}

KAFKASCOPE_GUI_TEST_MAIN(TestGroupTypesGui)
#include "tst_group_types_gui.moc"
