// Alerts on the real broker, watched by core with no panel open: a group that falls behind
// fires its lag rule within the rule's duration (the figure equal to what confluent-kafka and
// kcat see) and resolves when it catches up; a telemetry device that goes silent fires the
// stale rule; a stopped broker fires "unreachable" once and no lag rule fires in the dark.

#include "alerts/alert_store.h"
#include "alerts/alert_watcher.h"
#include "cluster/workspace.h"
#include "groups/group_monitor.h"
#include "telemetry/telemetry_store.h"
#include "group_support.h"
#include "test_main.h"
#include "test_support.h"

#include <QDateTime>
#include <QTemporaryDir>

using namespace kafkascope;
using namespace kafkascope::testing;

namespace {
AlertRule rule(const QString &id, RuleKind kind, const QString &target, double threshold, double forSeconds,
               double clearAt = qQNaN())
{
    AlertRule r;
    r.id = id;
    r.name = id;
    r.kind = kind;
    r.target = target;
    r.threshold = threshold;
    r.clearThreshold = clearAt;
    r.forSeconds = forSeconds;
    return r;
}

QList<AlertEvent> eventsOf(AlertWatcher *w, const QString &ruleId, AlertEvent::Type type)
{
    QList<AlertEvent> out;
    for (const AlertEvent &e : w->log())
        if (e.ruleId == ruleId && e.type == type)
            out << e;
    return out;
}

double now()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

// The high watermark of partition 0 as kcat reads it (an independent client).
qint64 kcatEnd(const QString &bootstrap, const QString &topic)
{
    return qint64(kcatRecords(bootstrap, topic).size());
}
} // namespace

class TestAlertWatcher : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void lagFiresWithinItsDurationAndResolves();
    void silentDeviceFires();
    void darkClusterRaisesUnreachableOnly();
    void cleanupTestCase();

private:
    AlertWatcher *watcher() const { return AlertWatcher::of(m_profile.id); }

    QString m_bootstrap;
    QString m_topic;
    QString m_telemetryTopic;
    QString m_group;
    QString m_darkGroup;
    QTemporaryDir m_dir;
    ConnectionProfile m_profile;
    std::unique_ptr<Workspace> m_workspace;
};

void TestAlertWatcher::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    m_topic = uniqueName(QStringLiteral("alerts"));
    m_telemetryTopic = uniqueName(QStringLiteral("alerts-telemetry"));
    m_group = uniqueName(QStringLiteral("alerts-slow"));
    m_darkGroup = uniqueName(QStringLiteral("alerts-dark"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, m_topic, 1, &error), qPrintable(error));
    QVERIFY2(createTopic(m_bootstrap, m_telemetryTopic, 1, &error), qPrintable(error));

    // The rules and watches are on disk before the cluster opens, as after a restart.
    const QString settings = m_dir.filePath(QStringLiteral("kafkascope.conf"));
    m_profile = brokerProfile(QStringLiteral("alerts broker"));
    AlertConfig config;
    config.rules = {rule(QStringLiteral("lag"), RuleKind::GroupLagMessages, m_group, 50, 4, 0),
                    rule(QStringLiteral("dark-lag"), RuleKind::GroupLagMessages, m_darkGroup, 50, 25),
                    rule(QStringLiteral("silent"), RuleKind::DeviceSilent, QStringLiteral("*"), 0, 0),
                    rule(QStringLiteral("unreachable"), RuleKind::ClusterUnreachable, {}, 0, 3)};
    config.watches.telemetryTopics = {m_telemetryTopic};
    QVERIFY(AlertStore::save(AlertStore::pathFor(settings, m_profile.id), config));
    m_workspace = std::make_unique<Workspace>(settings);
    m_workspace->clusters().open(m_profile);
    QVERIFY(watcher());
    QTRY_COMPARE_WITH_TIMEOUT(watcher()->rules().size(), config.rules.size(), 10000);
}

void TestAlertWatcher::cleanupTestCase()
{
    m_workspace.reset(); // detaches the watchers, closes the sessions
    if (!m_topic.isEmpty()) {
        deleteTopic(m_bootstrap, m_topic);
        deleteTopic(m_bootstrap, m_telemetryTopic);
    }
}

void TestAlertWatcher::lagFiresWithinItsDurationAndResolves()
{
    QString error;
    // The producer outpaces the consumer: 200 produced, the group has committed 10.
    QVERIFY2(produceToPartition(m_bootstrap, m_topic, 0, 200, &error), qPrintable(error));
    QVERIFY2(commitOffsets(m_bootstrap, m_group, m_topic, {{0, 10}}, &error), qPrintable(error));
    // When the figure the rule reads first showed the lag (the watcher's group monitor).
    GroupMonitor *monitor = watcher()->groupMonitor();
    QVERIFY(monitor);
    double seenAt = 0;
    auto seen = [&] {
        const GroupsReport r = monitor->report();
        for (const GroupSummary &g : r.groups)
            if (g.id == m_group && g.totals.lag > 50)
                seenAt = double(r.at.toMSecsSinceEpoch()) / 1000.0;
        return seenAt > 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(seen(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(watcher(), QStringLiteral("lag"), AlertEvent::Type::Fired).isEmpty(), 30000);
    const AlertEvent fired = eventsOf(watcher(), QStringLiteral("lag"), AlertEvent::Type::Fired).first();
    // Never before its 4 s; within them plus one evaluation round (1 s) and slack for a
    // loaded machine.
    QVERIFY2(fired.at - seenAt >= 4.0, qPrintable(QString::number(fired.at - seenAt)));
    QVERIFY2(fired.at - seenAt <= 4.0 + 1 + 3, qPrintable(QString::number(fired.at - seenAt)));
    // The figure is what the independent clients see: kcat's end minus confluent-kafka's commit.
    const QMap<int, qint64> committed = committedOffsets(m_bootstrap, m_group, m_topic, 1, &error);
    QCOMPARE(qint64(fired.value), kcatEnd(m_bootstrap, m_topic) - committed.value(0));
    QCOMPARE(fired.subject, m_group);
    QCOMPARE(fired.panel, QStringLiteral("groups"));
    QVERIFY(fired.figure.contains(u"190"));
    QCOMPARE(watcher()->worst(), std::optional(AlertSeverity::Warning));

    // The consumer catches up: resolved, once, and nothing active any more for the rule.
    QVERIFY2(commitOffsets(m_bootstrap, m_group, m_topic, {{0, 200}}, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(watcher(), QStringLiteral("lag"), AlertEvent::Type::Resolved).isEmpty(), 20000);
    QCOMPARE(eventsOf(watcher(), QStringLiteral("lag"), AlertEvent::Type::Fired).size(), 1);
    for (const ActiveAlert &a : watcher()->active())
        QVERIFY(a.ruleId != u"lag");
}

void TestAlertWatcher::silentDeviceFires()
{
    // One gateway message for a device, then nothing: it is silent past its stale time.
    QTRY_VERIFY_WITH_TIMEOUT(watcher()->telemetryStore(), 1000);
    const QString device = uniqueName(QStringLiteral("sensor"));
    const QByteArray line = QStringLiteral(R"({"%1":[{"ts":%2,"values":{"temperature":21.5}}]})")
                                .arg(device)
                                .arg(QDateTime::currentMSecsSinceEpoch())
                                .toUtf8();
    // The ingest starts from "latest": produce until the store has seen the device.
    const double start = now();
    while (watcher()->telemetryStore()->deviceIndex(device) < 0 && now() - start < 30) {
        const ProcessResult r = run(QStringLiteral("kcat"), {QStringLiteral("-P"), QStringLiteral("-b"), m_bootstrap,
                                                             QStringLiteral("-t"), m_telemetryTopic},
                                    line + '\n');
        QVERIFY2(r.ok(), r.err.constData());
        // Up to half a second for the ingest to catch this one before producing another.
        if (QTest::qWaitFor([&] { return watcher()->telemetryStore()->deviceIndex(device) >= 0; }, 500))
            break;
    }
    QVERIFY(watcher()->telemetryStore()->deviceIndex(device) >= 0);
    const double lastSent = now();
    const double stale = double(watcher()->telemetryStore()->staleMs()) / 1000.0;
    QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(watcher(), QStringLiteral("silent"), AlertEvent::Type::Fired).isEmpty(),
                             int(stale * 1000) + 15000);
    const AlertEvent fired = eventsOf(watcher(), QStringLiteral("silent"), AlertEvent::Type::Fired).first();
    QCOMPARE(fired.subject, device);
    QVERIFY2(fired.at - lastSent >= stale - 1, qPrintable(QString::number(fired.at - lastSent)));
    QCOMPARE(fired.panel, QStringLiteral("telemetry"));
}

void TestAlertWatcher::darkClusterRaisesUnreachableOnly()
{
    QString error;
    // A group behind by 100, under a rule that needs 25 s: it is pending when the lights go out.
    QVERIFY2(commitOffsets(m_bootstrap, m_darkGroup, m_topic, {{0, 100}}, &error), qPrintable(error));
    GroupMonitor *monitor = watcher()->groupMonitor();
    QVERIFY(monitor);
    auto darkLag = [&] {
        for (const GroupSummary &g : monitor->report().groups)
            if (g.id == m_darkGroup)
                return g.totals.lag;
        return qint64(-1);
    };
    QTRY_COMPARE_WITH_TIMEOUT(darkLag(), qint64(100), 20000);
    const double stoppedAt = now();
    QVERIFY2(stopBroker(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(watcher(), QStringLiteral("unreachable"), AlertEvent::Type::Fired).isEmpty(),
                             40000);
    // Keep it dark past the lag rule's 25 s from before the stop: stale lag must not fire it.
    QVERIFY(QTest::qWaitFor([&] { return now() - stoppedAt >= 35; }, 40000));
    QVERIFY2(startBroker(&error), qPrintable(error));
    const double backAt = now();
    QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(watcher(), QStringLiteral("unreachable"), AlertEvent::Type::Resolved).isEmpty(),
                             60000);
    QCOMPARE(eventsOf(watcher(), QStringLiteral("unreachable"), AlertEvent::Type::Fired).size(), 1);
    for (const AlertEvent &e : eventsOf(watcher(), QStringLiteral("dark-lag"), AlertEvent::Type::Fired))
        QVERIFY2(e.at >= backAt + 25 - 1, qPrintable(QStringLiteral("dark-lag fired %1 s after the broker came back")
                                                         .arg(e.at - backAt)));
    const AlertEvent unreachable = eventsOf(watcher(), QStringLiteral("unreachable"), AlertEvent::Type::Fired).first();
    QCOMPARE(unreachable.severity, AlertSeverity::Warning);
    QVERIFY(!unreachable.figure.isEmpty());
}

KAFKASCOPE_TEST_MAIN_IMPL(TestAlertWatcher, QCoreApplication)
#include "tst_alert_watcher.moc"
