#pragma once
// The one way Kafkascope runs Kafka and disk work off the UI thread. start() runs a job on
// a thread of its own and returns at once with a JobHandle (progress, cancel, generation).
// Nothing ever waits for a job: cancelling only asks, a closing window cuts its channel
// (JobSlot) and the worker ends by itself. Every worker thread, and every long-lived worker
// QThread handed to track(), is counted so that quitting can wait a bounded time for them
// and otherwise abandon them safely (waitForAll()).

#include "jobs/job_handle.h"

#include <QString>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

class QThread;

namespace kafkascope {

class JobRunner
{
public:
    explicit JobRunner(QString name = {});
    // Cancels what this runner started; never waits for it.
    ~JobRunner();
    JobRunner(const JobRunner &) = delete;
    JobRunner &operator=(const JobRunner &) = delete;

    // The runner for work that belongs to no cluster session (connection tests, files).
    static JobRunner &shared();

    // Runs work(control) on a new thread. `generation` is the starter's number for it.
    JobHandle start(const QString &name, quint64 generation, std::function<void(JobControl &)> work);
    void cancelAll();
    int running() const; // jobs of this runner still on their threads

    // Counts a worker QThread until it finishes (sessions, monitors). Call before start().
    static void track(QThread *thread);
    // For threads made otherwise (the telemetry ingest's): threadStarting() before the
    // thread starts, threadEnded() as its very last step.
    static void threadStarting();
    static void threadEnded();
    // Worker threads (jobs and tracked QThreads) still running in the whole process.
    static int liveThreads();
    // Waits up to timeoutMs for every worker thread to end. Only for the end of main():
    // when it returns false the caller must leave with std::_Exit, so that no abandoned
    // thread outlives the statics it uses.
    static bool waitForAll(int timeoutMs);

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace kafkascope
