// The group monitor on the embedded demo cluster (librdkafka mock): the mock cannot list or
// describe groups, so the session lists the demo's own two; their lag comes from their
// committed offsets. With every broker down the figures turn stale, saying since when.

#include "demo/demo_cluster.h"
#include "group_monitor_harness.h"
#include "test_main.h"

using namespace kafkascope;
using namespace kafkascope::testing;

class TestGroupMonitorDemo : public QObject
{
    Q_OBJECT
private slots:
    void demoGroupsShowLag();
    void everyBrokerDownMakesFiguresStale();
};

void TestGroupMonitorDemo::demoGroupsShowLag()
{
    DemoCluster demo;
    QString error;
    QVERIFY2(demo.start(300, &error), qPrintable(error));
    ConnectionProfile p;
    p.name = QStringLiteral("demo");
    p.demo = true;
    p.bootstrapServers = demo.bootstrapServers();
    MonitorHarness r(p);
    r.call(&GroupMonitor::setFocusGroup, QStringLiteral("tb-rule-engine"));
    r.start();
    QTRY_VERIFY2_WITH_TIMEOUT(
        r.group(QStringLiteral("tb-rule-engine")).totals.partitions == 6,
        qPrintable(
            QStringLiteral("%1 %2 partitions=%3 unknown=%4 noCommit=%5")
                .arg(r.group(QStringLiteral("tb-rule-engine")).error, r.monitor->report().error)
                .arg(r.group(QStringLiteral("tb-rule-engine")).totals.partitions)
                .arg(r.group(QStringLiteral("tb-rule-engine")).totals.unknown)
                .arg(r.group(QStringLiteral("tb-rule-engine")).totals.withoutCommit)),
        30000);
    QTRY_VERIFY_WITH_TIMEOUT(r.group(QStringLiteral("tb-archiver")).totals.partitions == 6, 30000);
    const GroupsReport report = r.monitor->report();
    QVERIFY(!report.listError.isEmpty()); // the mock has no ListGroups: said, not hidden
    QCOMPARE(report.groups.size(), 2);     // exactly the demo's two, nobody watched them by hand
    const GroupSummary slow = r.group(QStringLiteral("tb-rule-engine"));
    QVERIFY(!slow.watched);
    QCOMPARE(slow.type, GroupType::Classic);
    QVERIFY(!slow.staleSince.isValid());
    QCOMPARE(slow.members, -1);
    QVERIFY2(slow.error.isEmpty(), qPrintable(slow.error));
    QCOMPARE(report.focus.partitions.size(), 6);
    for (const PartitionLag &row : report.focus.partitions) {
        QCOMPARE(row.topic, QStringLiteral("tb.telemetry"));
        QVERIFY(row.hasCommit());
        QCOMPARE(row.lag, row.high - row.committed);
    }
    // The slow group falls behind: its lag grows over time.
    const qint64 before = slow.totals.lag;
    QTRY_VERIFY_WITH_TIMEOUT(r.group(QStringLiteral("tb-rule-engine")).totals.lag > before + 50,
                             30000);
}

void TestGroupMonitorDemo::everyBrokerDownMakesFiguresStale()
{
    DemoCluster demo;
    QString error;
    QVERIFY2(demo.start(300, &error), qPrintable(error));
    ConnectionProfile p;
    p.name = QStringLiteral("demo");
    p.demo = true;
    p.bootstrapServers = demo.bootstrapServers();
    MonitorHarness r(p);
    r.start();
    const QString id = QStringLiteral("tb-archiver");
    QTRY_VERIFY_WITH_TIMEOUT(r.group(id).totals.partitions == 6 && !r.group(id).staleSince.isValid(), 30000);
    const QDateTime beforeOutage = QDateTime::currentDateTimeUtc();
    demo.setAllBrokersDown(true);
    // The group stays listed with its last reading, marked stale since a time before the outage.
    QTRY_VERIFY_WITH_TIMEOUT(r.group(id).staleSince.isValid(), 60000);
    const GroupSummary stale = r.group(id);
    QVERIFY2(stale.staleSince <= beforeOutage.addSecs(1), qPrintable(stale.staleSince.toString(Qt::ISODateWithMs)));
    QVERIFY(!stale.error.isEmpty());
    QCOMPARE(stale.health.verdict, GroupHealth::Verdict::Error);
    QCOMPARE(stale.totals.partitions, 6);
    demo.setAllBrokersDown(false);
    QTRY_VERIFY_WITH_TIMEOUT(!r.group(id).staleSince.isValid() && r.group(id).error.isEmpty(), 60000);
}

KAFKASCOPE_CORE_TEST_MAIN(TestGroupMonitorDemo)
#include "tst_group_monitor_demo.moc"
