#include "jobs/job_runner.h"

#include <QThread>
#include <chrono>
#include <condition_variable>
#include <thread>

#if defined(__linux__)
#include <pthread.h>
#endif

namespace kafkascope {

namespace {
// Process-wide count of worker threads, for waitForAll().
std::mutex g_liveMutex;
std::condition_variable g_liveChanged;
int g_live = 0;

} // namespace

void JobRunner::threadStarting()
{
    std::lock_guard lock(g_liveMutex);
    ++g_live;
}

void JobRunner::threadEnded()
{
    {
        std::lock_guard lock(g_liveMutex);
        --g_live;
    }
    g_liveChanged.notify_all();
}

struct JobRunner::State
{
    QString name;
    mutable std::mutex mutex;
    std::vector<std::weak_ptr<JobControl>> jobs; // guarded by mutex
};

JobRunner::JobRunner(QString name) : m_state(std::make_shared<State>())
{
    m_state->name = std::move(name);
}

JobRunner::~JobRunner()
{
    cancelAll();
}

JobRunner &JobRunner::shared()
{
    // Never destroyed: jobs may still run while statics are torn down.
    static JobRunner *runner = new JobRunner(QStringLiteral("shared"));
    return *runner;
}

JobHandle JobRunner::start(const QString &name, quint64 generation, std::function<void(JobControl &)> work)
{
    auto control = std::make_shared<JobControl>(name, generation);
    {
        std::lock_guard lock(m_state->mutex);
        std::erase_if(m_state->jobs, [](const std::weak_ptr<JobControl> &j) { return j.expired(); });
        m_state->jobs.push_back(control);
    }
    threadStarting();
    // Detached on purpose: the thread owns everything it uses (the work's captures and the
    // control), so nobody has to wait for it.
    std::thread([control, work = std::move(work), label = QString(m_state->name + u':' + name)]() mutable {
#if defined(__linux__)
        pthread_setname_np(pthread_self(), label.left(15).toUtf8().constData()); // for gdb and top
#else
        Q_UNUSED(label);
#endif
        if (!control->isCancelled())
            work(*control);
        control->markFinished();
        work = nullptr; // captures die on this thread, before it is counted out
        control.reset();
        threadEnded();
    }).detach();
    return JobHandle(control);
}

void JobRunner::cancelAll()
{
    std::lock_guard lock(m_state->mutex);
    for (const auto &j : m_state->jobs)
        if (auto c = j.lock())
            c->cancel();
}

int JobRunner::running() const
{
    std::lock_guard lock(m_state->mutex);
    int n = 0;
    for (const auto &j : m_state->jobs)
        if (auto c = j.lock(); c && !c->isFinished())
            ++n;
    return n;
}

void JobRunner::track(QThread *thread)
{
    threadStarting();
    // finished is emitted by the thread itself just before it ends.
    QObject::connect(thread, &QThread::finished, thread, &JobRunner::threadEnded, Qt::DirectConnection);
}

int JobRunner::liveThreads()
{
    std::lock_guard lock(g_liveMutex);
    return g_live;
}

bool JobRunner::waitForAll(int timeoutMs)
{
    std::unique_lock lock(g_liveMutex);
    return g_liveChanged.wait_for(lock, std::chrono::milliseconds(timeoutMs), [] { return g_live == 0; });
}

} // namespace kafkascope
