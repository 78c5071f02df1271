#pragma once
// The starter's side of a job: its progress, its generation, and cancel. A default handle
// names no job and answers like a finished one. Copies share the same job.

#include "jobs/job_control.h"

#include <memory>

namespace kafkascope {

class JobHandle
{
public:
    JobHandle() = default;
    explicit JobHandle(std::shared_ptr<JobControl> control) : m_control(std::move(control)) {}

    bool isValid() const { return bool(m_control); }
    quint64 generation() const { return m_control ? m_control->generation() : 0; }
    // Asks the worker to stop; whatever it still produces is dropped, never delivered.
    void cancel() const
    {
        if (m_control)
            m_control->cancel();
    }
    bool isCancelled() const { return m_control && m_control->isCancelled(); }
    bool isRunning() const { return m_control && !m_control->isFinished(); }
    qint64 done() const { return m_control ? m_control->done() : 0; }
    qint64 total() const { return m_control ? m_control->total() : -1; }
    const std::shared_ptr<JobControl> &control() const { return m_control; }

private:
    std::shared_ptr<JobControl> m_control;
};

} // namespace kafkascope
