#pragma once
// A cluster session on a worker thread of its own, as the app runs it: started on creation,
// stopped, joined and freed when it goes out of scope (a test's fixture for the session the
// panels under test read).

#include "cluster/cluster_session.h"

#include <QThread>

namespace kafkascope::testing {

class SessionOnThread
{
public:
    explicit SessionOnThread(const ConnectionProfile &profile, int refreshMs = 500)
        : m_session(new ClusterSession(profile))
    {
        m_session->setRefreshIntervalMs(refreshMs);
        m_session->moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(m_session, &ClusterSession::start, Qt::QueuedConnection);
    }
    ~SessionOnThread()
    {
        QMetaObject::invokeMethod(m_session, &ClusterSession::stop, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
        delete m_session;
    }
    SessionOnThread(const SessionOnThread &) = delete;
    SessionOnThread &operator=(const SessionOnThread &) = delete;

    ClusterSession *session() const { return m_session; }

private:
    QThread m_thread;
    ClusterSession *m_session;
};

} // namespace kafkascope::testing
