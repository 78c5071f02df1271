// The Groups panel survives its broker dying and coming back (librdkafka #4605 aborted the
// app in rd_kafka_enq_once_del_source_return with DescribeConsumerGroups in flight): with the
// panel open offscreen and its GroupMonitor polling every 300 ms, the broker is killed with
// SIGKILL and restarted several times; the process lives, and after each restart the monitor
// lists and describes the group again.

#include "cluster/cluster_session.h"
#include "group_support.h"
#include "groups/groups_panel.h"
#include "models/group_list_model.h"
#include "test_main.h"
#include "session_on_thread.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QThread>
#include <memory>
#include <csignal>

using namespace kafkascope;
using namespace kafkascope::testing;

class TestGroupsRestartGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void panelSurvivesBrokerRestarts();
    void cleanupTestCase();

private:
    QString m_bootstrap, m_topic, m_group;
    std::unique_ptr<SessionOnThread> m_cluster;
    ClusterSession *m_session = nullptr;
    static constexpr int kRestarts = 3;
};

void TestGroupsRestartGui::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    m_topic = uniqueName(QStringLiteral("restart"));
    m_group = uniqueName(QStringLiteral("restart-group"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, m_topic, 2, &error), qPrintable(error));
    QVERIFY2(produceToPartition(m_bootstrap, m_topic, 0, 10, &error), qPrintable(error));
    QVERIFY2(commitOffsets(m_bootstrap, m_group, m_topic, {{0, 4}}, &error), qPrintable(error));
    m_cluster = std::make_unique<SessionOnThread>(brokerProfile());
    m_session = m_cluster->session();
}

void TestGroupsRestartGui::cleanupTestCase()
{
    m_cluster.reset(); // stops and joins the session
    m_session = nullptr;
    if (!m_topic.isEmpty())
        deleteTopic(m_bootstrap, m_topic);
}

void TestGroupsRestartGui::panelSurvivesBrokerRestarts()
{
    GroupsPanel panel(m_session, m_group);
    QMetaObject::invokeMethod(panel.monitor(),
                              [m = panel.monitor()] { m->setPollIntervalMs(300); });
    panel.resize(1000, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto described = [&] {
        const GroupsReport r = panel.monitor()->report();
        for (const GroupSummary &g : r.groups)
            if (g.id == m_group)
                // A stale copy (the broker could not be asked) is not a description.
                return r.error.isEmpty() && r.describeError.isEmpty() && !g.watched && g.staleSince.isNull() &&
                       g.state == u"Empty" && g.totals.lag == 6;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(described(), 30000);

    const QString dir = qEnvironmentVariable("KAFKASCOPE_BROKER_DIR");
    for (int i = 0; i < kRestarts; ++i) {
        QFile pidFile(QDir(dir).filePath(QStringLiteral("pid")));
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const pid_t pid = pid_t(pidFile.readAll().trimmed().toLongLong());
        QVERIFY(pid > 0);
        QCOMPARE(::kill(pid, SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(QStringLiteral("/proc/%1").arg(pid)), 20000);
        // The monitor notices: its poll fails or the group can no longer be described.
        QTRY_VERIFY_WITH_TIMEOUT(!described(), 60000);

        // Restart on the same port while the event loop keeps running (the panel keeps
        // receiving reports meanwhile, as in the app).
        QProcess start;
        start.start(QStringLiteral("bash"),
                    {qEnvironmentVariable("KAFKASCOPE_BROKER_SCRIPT"), QStringLiteral("start"), dir});
        QTRY_VERIFY_WITH_TIMEOUT(start.state() == QProcess::NotRunning, 180000);
        QVERIFY2(start.exitCode() == 0, start.readAllStandardError().right(2000).constData());
        // Back: listed and described again, by the same monitor and panel.
        QTRY_VERIFY2_WITH_TIMEOUT(described(), qPrintable(QStringLiteral("restart %1: %2 / %3")
                                                              .arg(i + 1)
                                                              .arg(panel.monitor()->report().error,
                                                                   panel.monitor()->report().describeError)),
                                  90000);
        QVERIFY(panel.groupModel()->rowOf(m_group) >= 0);
    }
}

KAFKASCOPE_GUI_TEST_MAIN(TestGroupsRestartGui)
#include "tst_groups_restart_gui.moc"
