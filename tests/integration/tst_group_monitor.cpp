// The group monitor against the real broker: lag equals high - committed exactly, as set up
// with kcat and python confluent_kafka; lag in time from the message at the commit.

#include "cluster/cluster_session.h"
#include "groups/group_monitor.h"
#include "group_monitor_harness.h"
#include "group_support.h"
#include "test_main.h"
#include "test_support.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QThread>

using namespace kafkascope;
using namespace kafkascope::testing;

class TestGroupMonitor : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void lagEqualsHighMinusCommitted();
    void lagHistoryAndConsumption();
    void commitTimeIsNeverGuessed();
    void cleanupTestCase();

private:
    QString m_bootstrap;
    QString m_topic;
    QString m_group;
};

void TestGroupMonitor::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    m_topic = uniqueName(QStringLiteral("lag"));
    m_group = uniqueName(QStringLiteral("lag-group"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, m_topic, 3, &error), qPrintable(error));
    // 10, 20 and 5 messages; the group committed 4 on p0, everything on p1, nothing on p2.
    const int counts[] = {10, 20, 5};
    for (int p = 0; p < 3; ++p)
        QVERIFY2(produceToPartition(m_bootstrap, m_topic, p, counts[p], &error), qPrintable(error));
    QVERIFY2(commitOffsets(m_bootstrap, m_group, m_topic, {{0, 4}, {1, 20}}, &error),
             qPrintable(error));
}

void TestGroupMonitor::cleanupTestCase()
{
    if (!m_topic.isEmpty())
        deleteTopic(m_bootstrap, m_topic);
}

void TestGroupMonitor::lagEqualsHighMinusCommitted()
{
    MonitorHarness r(brokerProfile());
    r.call(&GroupMonitor::setFocusGroup, m_group);
    r.start();
    // The broker lists the group (Empty) by itself: no need to watch it by hand.
    QTRY_VERIFY_WITH_TIMEOUT(r.group(m_group).totals.partitions == 2, 20000);
    const GroupsReport report = r.monitor->report();
    QVERIFY2(report.listError.isEmpty(), qPrintable(report.listError));
    QVERIFY2(report.describeError.isEmpty(), qPrintable(report.describeError));
    const GroupSummary g = r.group(m_group);
    QCOMPARE(g.state, QStringLiteral("Empty"));
    QCOMPARE(g.members, 0);
    QVERIFY(!g.watched);
    QCOMPARE(g.totals.lag, qint64(6));
    QCOMPARE(g.totals.withoutCommit, 1);
    QCOMPARE(g.topicLag, (QList<QPair<QString, qint64>>{{m_topic, 6}}));
    QCOMPARE(g.health.verdict, GroupHealth::Verdict::Stopped); // no members, lag, no commits

    QCOMPARE(report.focus.id, m_group);
    QCOMPARE(report.focus.partitions.size(), 3);
    const qint64 high[] = {10, 20, 5}, committed[] = {4, 20, -1}, lag[] = {6, 0, -1};
    for (int p = 0; p < 3; ++p) {
        const PartitionLag &row = report.focus.partitions[p];
        QCOMPARE(row.topic, m_topic);
        QCOMPARE(row.partition, p);
        QCOMPARE(row.high, high[p]);
        QCOMPARE(row.committed, committed[p]);
        QCOMPARE(row.lag, lag[p]);
        QCOMPARE(row.hasCommit(), p != 2);
    }
    // Lag in time: the message at offset 4 of p0 was produced in initTestCase.
    QTRY_VERIFY_WITH_TIMEOUT(r.monitor->report().focus.partitions.value(0).lagSeconds >= 0, 10000);
    const double age = r.monitor->report().focus.partitions[0].lagSeconds;
    QVERIFY2(age < 300, qPrintable(QString::number(age)));
    QCOMPARE(r.monitor->report().focus.partitions[1].lagSeconds, 0.0);  // no lag: no age
    QCOMPARE(r.monitor->report().focus.partitions[2].lagSeconds, -1.0); // no commit: unknown
}

void TestGroupMonitor::lagHistoryAndConsumption()
{
    const QString group = uniqueName(QStringLiteral("rate-group"));
    QString error;
    QVERIFY2(commitOffsets(m_bootstrap, group, m_topic, {{1, 0}}, &error), qPrintable(error));
    MonitorHarness r(brokerProfile());
    r.start();
    QTRY_VERIFY_WITH_TIMEOUT(r.group(group).totals.lag == 20, 20000);
    // The group consumes 15 messages: the history and the consumption rate follow.
    QVERIFY2(commitOffsets(m_bootstrap, group, m_topic, {{1, 15}}, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(r.group(group).totals.lag == 5, 20000);
    QVERIFY(r.group(group).consumptionRate > 0);
    QCOMPARE(r.group(group).productionRate, 0.0);
    QVERIFY(r.group(group).catchUp.catchingUp);

    std::vector<SeriesPoint> points;
    const quint64 next = r.monitor->copyLagSince(group, QString(), 0, points);
    QVERIFY(next >= 2);
    QCOMPARE(points.front().v, 20.0);
    QCOMPARE(points.back().v, 5.0);
    QCOMPARE(r.monitor->lagTopics(group), QStringList{m_topic});
    std::vector<SeriesPoint> more;
    QCOMPARE(r.monitor->copyLagSince(group, QString(), next, more), next + more.size());
}

// A group that committed before it was watched: OffsetFetch gives no commit time, so the
// verdict says since when it has been watched ("no commit seen since 02:07:13, when watching
// began"), never "no commits for 8 s" counted from the panel's opening. Once a commit is seen
// while watching, its time is known and the verdict stops calling it unknown.
void TestGroupMonitor::commitTimeIsNeverGuessed()
{
    const QString group = uniqueName(QStringLiteral("still-group"));
    QString error;
    QVERIFY2(commitOffsets(m_bootstrap, group, m_topic, {{0, 2}}, &error), qPrintable(error));
    const QDateTime started = QDateTime::currentDateTime();
    MonitorHarness r(brokerProfile());
    r.start();
    QTRY_VERIFY_WITH_TIMEOUT(r.group(group).totals.lag == 8, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(r.group(group).health.verdict, GroupHealth::Verdict::Stopped, 20000);
    QString reason = r.group(group).health.reason;
    QVERIFY2(reason.contains(QStringLiteral("no commit seen since ")), qPrintable(reason));
    QVERIFY2(reason.contains(QStringLiteral("when watching began")), qPrintable(reason));
    QVERIFY2(!reason.contains(QStringLiteral("commits for")), qPrintable(reason));
    // The time said is when watching began (to the second, either side of the minute's edge).
    const QString said = reason.section(QStringLiteral("since "), 1).left(8);
    const QTime at = QTime::fromString(said, QStringLiteral("HH:mm:ss"));
    QVERIFY2(at.isValid(), qPrintable(reason));
    QVERIFY2(std::abs(at.secsTo(started.time())) <= 5, qPrintable(reason));

    QVERIFY2(commitOffsets(m_bootstrap, group, m_topic, {{0, 5}}, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(r.group(group).totals.lag == 5, 20000);
    // Seen: the verdict no longer calls the commit time unknown (it judges the moving lag).
    QTRY_VERIFY_WITH_TIMEOUT(!r.group(group).health.reason.contains(QStringLiteral("watching began")), 10000);
    reason = r.group(group).health.reason;
    QVERIFY2(!reason.contains(QStringLiteral("unknown")), qPrintable(reason));
}

KAFKASCOPE_CORE_TEST_MAIN(TestGroupMonitor)
#include "tst_group_monitor.moc"
