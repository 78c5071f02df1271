#include "cluster/cluster_manager.h"

#include "jobs/job_runner.h"

#include <QThread>

namespace kafkascope {

ClusterManager::ClusterManager(QObject *parent) : QObject(parent) {}

ClusterManager::~ClusterManager()
{
    // Never waits: a session stuck in a request to a hung broker would hold the caller for
    // seconds. Each worker stops and ends by itself; quitting bounds the wait for all of them
    // (JobRunner::waitForAll in main()).
    blockSignals(true); // whoever listens may be half destroyed by now
    const QStringList ids = m_sessions.keys();
    for (const QString &id : ids)
        close(id);
}

ClusterSession *ClusterManager::open(const ConnectionProfile &profile)
{
    if (ClusterSession *existing = m_sessions.value(profile.id))
        return existing;
    auto *worker = new QThread(this);
    worker->setObjectName(QStringLiteral("session:") + profile.name);
    auto *s = new ClusterSession(profile);
    s->moveToThread(worker);
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    JobRunner::track(worker);
    worker->start();
    m_sessions.insert(profile.id, s);
    emit sessionOpened(s);
    QMetaObject::invokeMethod(s, &ClusterSession::start, Qt::QueuedConnection);
    return s;
}

void ClusterManager::close(const QString &id)
{
    ClusterSession *s = m_sessions.take(id);
    if (!s)
        return;
    s->thread()->setParent(nullptr); // it deletes itself once finished
    emit sessionClosed(id);
    QThread *home = thread();
    QMetaObject::invokeMethod(s, [s, home] { s->shutdownAndDelete(home); }, Qt::QueuedConnection);
}

} // namespace kafkascope
