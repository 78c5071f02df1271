#pragma once
// A cluster session and a group monitor, each on its own thread as in the app, stopped and
// joined when the harness goes out of scope.

#include "cluster/cluster_session.h"
#include "groups/group_monitor.h"

#include <QThread>

namespace kafkascope::testing {

// A session and a monitor, each on its own thread, stopped and joined on scope exit.
struct MonitorHarness
{
    QThread sessionThread, monitorThread;
    ClusterSession *session = nullptr;
    GroupMonitor *monitor = nullptr;
    explicit MonitorHarness(const ConnectionProfile &p)
    {
        session = new ClusterSession(p);
        session->setRefreshIntervalMs(1000);
        session->moveToThread(&sessionThread);
        sessionThread.start();
        QMetaObject::invokeMethod(session, &ClusterSession::start, Qt::QueuedConnection);
        monitor = new GroupMonitor(session);
        monitor->setPollIntervalMs(500);
        monitor->moveToThread(&monitorThread);
        monitorThread.start();
    }
    ~MonitorHarness()
    {
        QMetaObject::invokeMethod(monitor, &GroupMonitor::stop, Qt::BlockingQueuedConnection);
        monitorThread.quit();
        monitorThread.wait();
        delete monitor;
        QMetaObject::invokeMethod(session, &ClusterSession::stop, Qt::BlockingQueuedConnection);
        sessionThread.quit();
        sessionThread.wait();
        delete session;
    }
    void call(void (GroupMonitor::*slot)(const QString &), const QString &arg)
    {
        QMetaObject::invokeMethod(
            monitor, [this, slot, arg] { (monitor->*slot)(arg); }, Qt::BlockingQueuedConnection);
    }
    void start() { QMetaObject::invokeMethod(monitor, &GroupMonitor::start, Qt::QueuedConnection); }
    GroupSummary group(const QString &id) const
    {
        for (const GroupSummary &g : monitor->report().groups)
            if (g.id == id)
                return g;
        return {};
    }
};

} // namespace kafkascope::testing
