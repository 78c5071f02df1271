#pragma once
// Owns every open cluster session and the worker thread each one runs on.

#include "cluster/cluster_session.h"

#include <QHash>
#include <QObject>

namespace kafkascope {

class ClusterManager : public QObject
{
    Q_OBJECT
public:
    explicit ClusterManager(QObject *parent = nullptr);
    ~ClusterManager() override; // closes every session without waiting for its thread

    // Opens (or returns the already open) session for the profile and starts connecting.
    ClusterSession *open(const ConnectionProfile &profile);
    // Disconnects without blocking the caller: the worker tears down on its own thread.
    void close(const QString &id);
    ClusterSession *session(const QString &id) const { return m_sessions.value(id); }
    QList<ClusterSession *> sessions() const { return m_sessions.values(); }

signals:
    void sessionOpened(kafkascope::ClusterSession *session);
    void sessionClosed(const QString &id);

private:
    QHash<QString, ClusterSession *> m_sessions;
};

} // namespace kafkascope
