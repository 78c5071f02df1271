// The consumer-group health verdict, rule by rule, from windows of lag samples.

#include "groups/group_health.h"
#include "test_main.h"

#include <QDateTime>

using namespace kafkascope;
using V = GroupHealth::Verdict;

Q_DECLARE_METATYPE(kafkascope::GroupHealthInput)

namespace {
// Samples 10 s apart; `lags` and `committed` (cumulative consumed) per sample.
QList<LagSample> window(const QList<qint64> &lags, const QList<qint64> &committed)
{
    QList<LagSample> w;
    for (qsizetype i = 0; i < lags.size(); ++i)
        w.append({1000.0 + 10.0 * double(i), lags[i], committed[i], 0});
    return w;
}

GroupHealthInput input(const QList<qint64> &lags, const QList<qint64> &committed,
                       const QString &state = QStringLiteral("Stable"), int members = 2,
                       double sinceCommit = 0)
{
    GroupHealthInput in;
    in.state = state;
    in.members = members;
    in.committedPartitions = 3;
    in.window = window(lags, committed);
    in.secondsSinceCommitMoved = sinceCommit;
    return in;
}
} // namespace

class TestGroupHealth : public QObject
{
    Q_OBJECT
private slots:
    void verdict_data();
    void verdict();
};

void TestGroupHealth::verdict_data()
{
    QTest::addColumn<GroupHealthInput>("in");
    QTest::addColumn<V>("expected");
    QTest::addColumn<QString>("reasonContains");

    GroupHealthInput error = input({5}, {0});
    error.error = QStringLiteral("COORDINATOR_NOT_AVAILABLE: Broker: Coordinator not available");
    QTest::newRow("error") << error << V::Error << QStringLiteral("COORDINATOR_NOT_AVAILABLE");
    QTest::newRow("no samples") << input({}, {}) << V::Unknown
                                << QStringLiteral("first offsets poll");
    GroupHealthInput noCommits = input({0}, {0});
    noCommits.committedPartitions = 0;
    QTest::newRow("no committed offsets")
        << noCommits << V::Unknown << QStringLiteral("no committed offsets");
    QTest::newRow("ok: caught up")
        << input({30, 10, 0}, {0, 20, 40}) << V::Ok << QStringLiteral("no lag");
    QTest::newRow("ok: lag steady while consuming")
        << input({50, 60, 55, 52, 58, 54}, {0, 100, 200, 300, 400, 500}) << V::Ok
        << QStringLiteral("not growing");
    QTest::newRow("ok: lag falling")
        << input({90, 80, 60, 40, 30, 20}, {0, 100, 200, 300, 400, 500}) << V::Ok
        << QStringLiteral("20 message(s)");
    QTest::newRow("lagging: lag grows while committing")
        << input({10, 20, 35, 50, 70, 90}, {0, 50, 100, 150, 200, 250}) << V::Lagging
        << QStringLiteral("grew from 10 to 90");
    QTest::newRow("ok: grows but touched zero")
        << input({0, 20, 35, 50, 70, 90}, {0, 50, 100, 150, 200, 250}) << V::Ok
        << QStringLiteral("Consuming");
    QTest::newRow("too early to say") << input({10, 20, 30}, {0, 50, 100}) << V::Unknown
                                      << QStringLiteral("Collecting samples (3 of 5)");
    QTest::newRow("stalled: members, commits not moving")
        << input({40, 45, 50, 55, 60}, {7, 7, 7, 7, 7}, QStringLiteral("Stable"), 2, 40)
        << V::Stalled << QStringLiteral("have not moved for 40 s");
    QTest::newRow("stopped: commits still for long")
        << input({40, 45, 50, 55, 60}, {7, 7, 7, 7, 7}, QStringLiteral("Stable"), 2, 600)
        << V::Stopped << QStringLiteral("No commits for 10 m 0 s");
    QTest::newRow("stopped: group empty with lag")
        << input({40, 40}, {7, 7}, QStringLiteral("Empty"), 0, 20) << V::Stopped
        << QStringLiteral("No active members");
    QTest::newRow("stopped: no members known zero")
        << input({40}, {7}, QString(), 0, 0) << V::Stopped
        << QStringLiteral("40 message(s) behind");
    // Opened 8 s ago on a group that committed nothing since: the broker does not say when it
    // last committed, so the verdict must not claim "for 8 s".
    GroupHealthInput emptyUnknown = input({40, 40}, {7, 7}, QStringLiteral("Empty"), 0, 8);
    emptyUnknown.lastCommitKnown = false;
    QTest::newRow("stopped: last commit before monitoring")
        << emptyUnknown << V::Stopped << QStringLiteral("last commit's time is unknown");
    GroupHealthInput stalledUnknown = input({40, 45, 50, 55, 60}, {7, 7, 7, 7, 7}, QStringLiteral("Stable"), 2, 40);
    stalledUnknown.lastCommitKnown = false;
    QTest::newRow("stalled: last commit before monitoring")
        << stalledUnknown << V::Stalled << QStringLiteral("have not moved in the 40 s watched");
    // With the time watching began: said as a time, never as a duration.
    GroupHealthInput emptySince = emptyUnknown;
    emptySince.watchingSince = QDateTime(QDate(2026, 12, 2), QTime(2, 7, 13)).toMSecsSinceEpoch() / 1000.0;
    QTest::newRow("stopped: no commit seen since watching began")
        << emptySince << V::Stopped << QStringLiteral("no commit seen since 02:07:13, when watching began");
    GroupHealthInput stalledSince = stalledUnknown;
    stalledSince.watchingSince = emptySince.watchingSince;
    QTest::newRow("stalled: not moved since watching began")
        << stalledSince << V::Stalled << QStringLiteral("have not moved since 02:07:13, when watching began");
    QTest::newRow("demo: members unknown, not moving")
        << input({40, 45, 50, 55, 60}, {7, 7, 7, 7, 7}, QString(), -1, 40) << V::Stalled
        << QStringLiteral("60 message(s) behind");
}

void TestGroupHealth::verdict()
{
    QFETCH(GroupHealthInput, in);
    QFETCH(V, expected);
    QFETCH(QString, reasonContains);
    const GroupHealth h = GroupHealthEvaluator().evaluate(in);
    QCOMPARE(GroupHealthEvaluator::verdictName(h.verdict),
             GroupHealthEvaluator::verdictName(expected));
    QVERIFY2(h.reason.contains(reasonContains, Qt::CaseInsensitive), qPrintable(h.reason));
    if (!in.lastCommitKnown) // never a duration the broker did not give
        QVERIFY2(!h.reason.contains(QStringLiteral("for %1").arg(formatDuration(in.secondsSinceCommitMoved))),
                 qPrintable(h.reason));
}

KAFKASCOPE_CORE_TEST_MAIN(TestGroupHealth)
#include "tst_group_health.moc"
