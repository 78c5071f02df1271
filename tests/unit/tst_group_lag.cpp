// Lag arithmetic: per-partition lag with missing commits, totals, rates across resets,
// the catch-up estimate, and the offset-reset plan.

#include "groups/group_lag.h"
#include "groups/offset_reset.h"
#include "test_main.h"

using namespace kafkascope;

class TestGroupLag : public QObject
{
    Q_OBJECT
private slots:
    void partitionLag_data();
    void partitionLag();
    void joinListsMissingCommits();
    void counterRate_data();
    void counterRate();
    void catchUp_data();
    void catchUp();
    void resetPlan_data();
    void resetPlan();
    void refusalNamesMembers();
};

void TestGroupLag::partitionLag_data()
{
    QTest::addColumn<qint64>("committed");
    QTest::addColumn<qint64>("high");
    QTest::addColumn<qint64>("lag"); // -1: unknown
    QTest::newRow("behind") << qint64(40) << qint64(100) << qint64(60);
    QTest::newRow("caught up") << qint64(100) << qint64(100) << qint64(0);
    QTest::newRow("no commit") << qint64(-1) << qint64(100) << qint64(-1);
    QTest::newRow("high unknown") << qint64(40) << qint64(-1) << qint64(-1);
    QTest::newRow("commit past end (recreated topic)") << qint64(500) << qint64(100) << qint64(0);
}

void TestGroupLag::partitionLag()
{
    QFETCH(qint64, committed);
    QFETCH(qint64, high);
    QFETCH(qint64, lag);
    QCOMPARE(kafkascope::partitionLag(committed, high).value_or(-1), lag);
}

void TestGroupLag::joinListsMissingCommits()
{
    const QList<PartitionOffset> committed{{QStringLiteral("a"), 0, 4, {}},
                                           {QStringLiteral("a"), 2, 9, {}}};
    const QList<PartitionOffsets> marks{
        {QStringLiteral("a"), 0, 0, 10, {}},
        {QStringLiteral("a"), 1, 0, 20, {}},
        {QStringLiteral("a"), 2, -1, -1, QStringLiteral("LEADER_NOT_AVAILABLE")},
        {QStringLiteral("b"), 0, 0, 7, {}},
        {QStringLiteral("c"), 0, 0, 3, {}}};
    // Topic b is assigned but never committed; topic c is not the group's at all.
    const QList<PartitionLag> rows = joinGroupLag(committed, marks, {{QStringLiteral("b"), 0}});
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows[0].lag, qint64(6));
    QCOMPARE(rows[1].partition, 1);
    QVERIFY(!rows[1].hasCommit());
    QCOMPARE(rows[1].lag, qint64(-1));
    QCOMPARE(rows[2].lag, qint64(-1));
    QCOMPARE(rows[2].error, QStringLiteral("LEADER_NOT_AVAILABLE"));
    QCOMPARE(rows[3].topic, QStringLiteral("b"));
    QVERIFY(!rows[3].hasCommit());

    const LagTotals t = lagTotals(rows);
    QCOMPARE(t.lag, qint64(6));
    QCOMPARE(t.partitions, 1);
    QCOMPARE(t.withoutCommit, 2);
    QCOMPARE(t.unknown, 1);
    QCOMPARE(t.committedSum, qint64(4));
    QCOMPARE(t.highSum, qint64(10));
}

void TestGroupLag::counterRate_data()
{
    QTest::addColumn<double>("t0");
    QTest::addColumn<qint64>("v0");
    QTest::addColumn<double>("t1");
    QTest::addColumn<qint64>("v1");
    QTest::addColumn<double>("rate"); // -1: none
    QTest::newRow("steady") << 10.0 << qint64(100) << 12.0 << qint64(300) << 100.0;
    QTest::newRow("idle") << 10.0 << qint64(100) << 12.0 << qint64(100) << 0.0;
    QTest::newRow("reset is no rate") << 10.0 << qint64(100) << 12.0 << qint64(5) << -1.0;
    QTest::newRow("no time") << 10.0 << qint64(100) << 10.0 << qint64(200) << -1.0;
}

void TestGroupLag::counterRate()
{
    QFETCH(double, t0);
    QFETCH(qint64, v0);
    QFETCH(double, t1);
    QFETCH(qint64, v1);
    QFETCH(double, rate);
    QCOMPARE(kafkascope::counterRate(t0, v0, t1, v1).value_or(-1.0), rate);
}

void TestGroupLag::catchUp_data()
{
    QTest::addColumn<qint64>("lag");
    QTest::addColumn<double>("consumption");
    QTest::addColumn<double>("production");
    QTest::addColumn<bool>("catchingUp");
    QTest::addColumn<double>("seconds");
    QTest::newRow("gaining") << qint64(1000) << 150.0 << 100.0 << true << 20.0;
    QTest::newRow("no lag") << qint64(0) << 0.0 << 100.0 << true << 0.0;
    QTest::newRow("same pace") << qint64(1000) << 100.0 << 100.0 << false << 0.0;
    QTest::newRow("falling behind") << qint64(1000) << 60.0 << 100.0 << false << 0.0;
    QTest::newRow("idle producers") << qint64(300) << 30.0 << 0.0 << true << 10.0;
}

void TestGroupLag::catchUp()
{
    QFETCH(qint64, lag);
    QFETCH(double, consumption);
    QFETCH(double, production);
    QFETCH(bool, catchingUp);
    QFETCH(double, seconds);
    const CatchUp c = estimateCatchUp(lag, consumption, production);
    QCOMPARE(c.catchingUp, catchingUp);
    QCOMPARE(c.seconds, seconds);
}

void TestGroupLag::resetPlan_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QList<qint64>>("expected"); // per row; -1: not planned
    QTest::addColumn<QString>("note0");
    QTest::newRow("earliest") << int(ResetTarget::Earliest) << qint64(0) << QList<qint64>{5, 0, -1}
                              << QString();
    QTest::newRow("latest") << int(ResetTarget::Latest) << qint64(0) << QList<qint64>{50, 8, -1}
                            << QString();
    QTest::newRow("offset within")
        << int(ResetTarget::Offset) << qint64(7) << QList<qint64>{7, 7, -1} << QString();
    QTest::newRow("offset before start")
        << int(ResetTarget::Offset) << qint64(1) << QList<qint64>{5, 1, -1}
        << QStringLiteral("before the log start: 5");
    QTest::newRow("offset past end")
        << int(ResetTarget::Offset) << qint64(60) << QList<qint64>{50, 8, -1}
        << QStringLiteral("past the log end: 50");
    QTest::newRow("timestamp") << int(ResetTarget::Timestamp) << qint64(0)
                               << QList<qint64>{20, 8, -1} << QString();
}

void TestGroupLag::resetPlan()
{
    QFETCH(int, target);
    QFETCH(qint64, offset);
    QFETCH(QList<qint64>, expected);
    QFETCH(QString, note0);
    const QList<ResetRow> rows{
        {QStringLiteral("t"), 0, 30, 5, 50, -1, {}, {}},
        {QStringLiteral("t"), 1, -1, 0, 8, -1, {}, {}},
        {QStringLiteral("t"), 2, 3, -1, -1, -1, {}, QStringLiteral("LEADER_NOT_AVAILABLE")}};
    const QList<PartitionOffsets> atTime{
        {QStringLiteral("t"), 0, 20, -1, {}},
        {QStringLiteral("t"), 1, 8, -1, {}},
        {QStringLiteral("t"), 2, -1, -1, QStringLiteral("LEADER_NOT_AVAILABLE")}};
    ResetSpec spec;
    spec.target = ResetTarget(target);
    spec.offset = offset;
    const QList<ResetRow> plan = planOffsetReset(rows, spec, atTime);
    QCOMPARE(plan.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(plan[i].target, expected[i]);
    QCOMPARE(plan[0].note.contains(note0), true);
    QCOMPARE(plan[2].error, QStringLiteral("LEADER_NOT_AVAILABLE"));
    if (spec.target == ResetTarget::Timestamp)
        QVERIFY(plan[1].note.contains(u"log end")); // nothing at or after the time
}

void TestGroupLag::refusalNamesMembers()
{
    GroupDescribeResult described;
    described.ok = true;
    GroupDescription g;
    g.id = QStringLiteral("g1");
    g.state = QStringLiteral("Stable");
    GroupMember member;
    member.memberId = QStringLiteral("m-1");
    member.clientId = QStringLiteral("billing-worker");
    member.host = QStringLiteral("/10.0.0.7");
    g.members.append(member);
    described.groups.append(g);
    const QString refusal = resetRefusal(described, QStringLiteral("g1"));
    QVERIFY(refusal.contains(u"Stable"));
    QVERIFY(refusal.contains(u"billing-worker"));
    QVERIFY(refusal.contains(u"/10.0.0.7"));

    described.groups[0].state = QStringLiteral("Empty");
    described.groups[0].members.clear();
    QVERIFY(resetRefusal(described, QStringLiteral("g1")).isEmpty());

    GroupDescribeResult failed;
    failed.error = QStringLiteral("UNSUPPORTED_VERSION: Broker: Unsupported version");
    QVERIFY(resetRefusal(failed, QStringLiteral("g1")).contains(u"UNSUPPORTED_VERSION"));
}

KAFKASCOPE_CORE_TEST_MAIN(TestGroupLag)
#include "tst_group_lag.moc"
