// A group's lag history belongs to the cluster session, not to the Groups panel: the session's
// one GroupMonitor (core) keeps polling after the panel closes, and a panel opened later
// charts every point gathered before it existed. The Overview reads the same monitor.

#include "cluster/cluster_session.h"
#include "group_support.h"
#include "groups/groups_panel.h"
#include "overview/overview_panel.h"
#include "test_main.h"
#include "session_on_thread.h"
#include "test_support.h"
#include "time_chart.h"

#include <QThread>
#include <memory>

using namespace kafkascope;
using namespace kafkascope::testing;

class TestGroupHistoryGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void oneMonitorPerSession();
    void historyOutlivesThePanel();
    void cleanupTestCase();

private:
    size_t lagPoints() const
    {
        std::vector<SeriesPoint> points;
        GroupMonitor::forSession(m_session)->copyLagSince(m_group, QString(), 0, points);
        return points.size();
    }

    QString m_bootstrap, m_topic, m_group;
    std::unique_ptr<SessionOnThread> m_cluster;
    ClusterSession *m_session = nullptr;
};

void TestGroupHistoryGui::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    m_topic = uniqueName(QStringLiteral("history"));
    m_group = uniqueName(QStringLiteral("history-group"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, m_topic, 3, &error), qPrintable(error));
    QVERIFY2(produceToPartition(m_bootstrap, m_topic, 1, 10, &error), qPrintable(error));
    QVERIFY2(commitOffsets(m_bootstrap, m_group, m_topic, {{1, 4}}, &error), qPrintable(error));
    m_cluster = std::make_unique<SessionOnThread>(brokerProfile());
    m_session = m_cluster->session();
}

void TestGroupHistoryGui::cleanupTestCase()
{
    m_cluster.reset(); // stops and joins the session
    m_session = nullptr;
    if (!m_topic.isEmpty())
        deleteTopic(m_bootstrap, m_topic);
}

void TestGroupHistoryGui::oneMonitorPerSession()
{
    GroupsPanel groups(m_session, m_group);
    OverviewPanel overview(m_session);
    QCOMPARE(groups.monitor(), GroupMonitor::forSession(m_session));
    QVERIFY(GroupMonitor::forSession(m_session) == GroupMonitor::forSession(m_session));
}

void TestGroupHistoryGui::historyOutlivesThePanel()
{
    GroupMonitor *monitor = GroupMonitor::forSession(m_session);
    QMetaObject::invokeMethod(monitor, [monitor] { monitor->setPollIntervalMs(300); });
    {
        auto first = std::make_unique<GroupsPanel>(m_session, m_group);
        first->resize(1000, 700);
        first->show();
        QVERIFY(QTest::qWaitForWindowExposed(first.get()));
        QTRY_VERIFY_WITH_TIMEOUT(lagPoints() >= 3, 30000);
    }
    // No panel open: the session's monitor goes on gathering.
    const size_t whenClosed = lagPoints();
    QTRY_VERIFY_WITH_TIMEOUT(lagPoints() >= whenClosed + 3, 30000);

    const size_t before = lagPoints();
    GroupsPanel second(m_session, m_group);
    second.resize(1000, 700);
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    TimeChart *chart = second.chart();
    // The whole history, gathered before this panel existed, is on its chart, at the lag
    // the broker holds (10 produced, 4 committed).
    QTRY_VERIFY_WITH_TIMEOUT(!chart->seriesIds().isEmpty() &&
                                 size_t(chart->pointCount(chart->seriesIds().first())) >= before,
                             20000);
    QCOMPARE(chart->visibleStats(chart->seriesIds().first()).last, 6.0);
}

KAFKASCOPE_GUI_TEST_MAIN(TestGroupHistoryGui)
#include "tst_group_history_gui.moc"
