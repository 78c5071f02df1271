#include "cluster/bootstrap_check.h"

#include "jobs/job_runner.h"

#include "cluster/endpoint_probe.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QWaitCondition>
#include <algorithm>

namespace kafkascope {

struct BootstrapCheck::Channel
{
    QMutex mutex;
    QWaitCondition done;
    BootstrapCheck *owner = nullptr; // null once the owner is gone
    bool running = false;
    std::optional<QString> latest;
};

namespace {
QString problemOf(const QList<EndpointVerdict> &verdicts)
{
    if (verdicts.isEmpty() || std::any_of(verdicts.cbegin(), verdicts.cend(),
                                          [](const EndpointVerdict &v) { return v.reachable(); }))
        return {};
    QStringList reasons;
    for (const EndpointVerdict &v : verdicts)
        reasons << v.message;
    return reasons.join(QStringLiteral("; "));
}
} // namespace

BootstrapCheck::BootstrapCheck(const ConnectionProfile &profile, int timeoutMs, QObject *parent)
    : QObject(parent), m_profile(profile), m_timeoutMs(timeoutMs), m_channel(std::make_shared<Channel>())
{
    m_channel->owner = this;
}

BootstrapCheck::~BootstrapCheck()
{
    QMutexLocker lock(&m_channel->mutex);
    m_channel->owner = nullptr; // a look still running reports to no one
}

void BootstrapCheck::start()
{
    {
        QMutexLocker lock(&m_channel->mutex);
        if (m_channel->running)
            return;
        m_channel->running = true;
    }
    // A job (core/jobs): it holds copies of all it uses and is bounded by the probe's timeout;
    // nothing joins it (closing never waits on the network), and quitting counts it.
    JobRunner::shared().start(QStringLiteral("bootstrap check"), 0,
                              [channel = m_channel, profile = m_profile, timeoutMs = m_timeoutMs](JobControl &) {
        const QString problem = problemOf(probeBootstrap(profile, timeoutMs));
        QMutexLocker lock(&channel->mutex);
        channel->running = false;
        channel->latest = problem;
        channel->done.wakeAll();
        if (BootstrapCheck *owner = channel->owner) // posted under the lock: the owner is alive
            QMetaObject::invokeMethod(owner, [owner, problem] { emit owner->finished(problem); },
                                      Qt::QueuedConnection);
    });
}

std::optional<QString> BootstrapCheck::latest() const
{
    QMutexLocker lock(&m_channel->mutex);
    return m_channel->latest;
}

void BootstrapCheck::forget()
{
    QMutexLocker lock(&m_channel->mutex);
    m_channel->latest.reset();
}

std::optional<QString> BootstrapCheck::waitForLook(int ms)
{
    QMutexLocker lock(&m_channel->mutex);
    QDeadlineTimer deadline(ms);
    while (m_channel->running && !deadline.hasExpired())
        m_channel->done.wait(&m_channel->mutex, deadline);
    return m_channel->running ? std::nullopt : m_channel->latest;
}

} // namespace kafkascope
