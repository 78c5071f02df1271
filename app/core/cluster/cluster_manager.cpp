#include "cluster/cluster_manager.h"

#include <QThread>

namespace kafkascope {

ClusterManager::ClusterManager(QObject *parent) : QObject(parent) {}

ClusterManager::~ClusterManager()
{
    for (ClusterSession *s : std::as_const(m_sessions)) {
        QThread *worker = s->thread();
        QMetaObject::invokeMethod(s, &ClusterSession::stop, Qt::BlockingQueuedConnection);
        worker->quit();
        worker->wait();
        delete s;
        delete worker;
    }
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
