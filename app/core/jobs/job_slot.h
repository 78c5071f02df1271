#pragma once
// The receiving end of jobs, kept as a member of the QObject that wants their results (a
// panel, a dialog, a core service). start() supersedes the slot's previous job (cancelled,
// its generation now stale), runs the new one through a JobRunner and delivers its result
// on the receiver's thread only if it is still the current, uncancelled job. Destroying the
// slot (with its receiver) cancels the job and cuts the channel: nothing waits, and a late
// result never touches the receiver.

#include "jobs/job_channel.h"
#include "jobs/job_runner.h"

#include <QPointer>
#include <memory>
#include <type_traits>

namespace kafkascope {

class JobSlot
{
public:
    explicit JobSlot(QObject *receiver) : m_channel(std::make_shared<JobChannel>(receiver)) {}
    ~JobSlot()
    {
        m_channel->cut();
        m_current.cancel();
    }
    JobSlot(const JobSlot &) = delete;
    JobSlot &operator=(const JobSlot &) = delete;

    // work(JobControl &) -> R runs on the job's thread; deliver(R) on the receiver's thread.
    template<typename Work, typename Deliver>
    JobHandle start(JobRunner &runner, const QString &name, Work work, Deliver deliver)
    {
        using R = std::invoke_result_t<Work &, JobControl &>;
        m_current.cancel();
        const quint64 generation = ++m_generation;
        auto channel = m_channel;
        // The delivery checks the slot on the receiver's thread: the slot lives as long as
        // the receiver, and events posted to a destroyed receiver are discarded by Qt.
        m_current = runner.start(name, generation, [this, channel, generation, work = std::move(work),
                                                    deliver = std::move(deliver)](JobControl &control) mutable {
            R result = work(control);
            if (control.isCancelled())
                return;
            channel->post([this, generation, result = std::move(result), deliver = std::move(deliver)]() mutable {
                if (generation == m_generation && !m_current.isCancelled())
                    deliver(std::move(result));
            });
        });
        return m_current;
    }

    // A copyable way for a job's thread to post to the receiver while that job is still the
    // slot's current one (progress, batches of a stream). Take it on the receiver's thread.
    class Poster
    {
    public:
        template<typename Call>
        bool post(const JobControl &control, Call call) const
        {
            if (control.isCancelled())
                return false;
            JobSlot *slot = m_slot; // only dereferenced on the receiver's thread
            return m_channel->post([slot, generation = control.generation(), call = std::move(call)]() mutable {
                if (generation == slot->m_generation && !slot->m_current.isCancelled())
                    call();
            });
        }

    private:
        friend class JobSlot;
        Poster(std::shared_ptr<JobChannel> channel, JobSlot *slot) : m_channel(std::move(channel)), m_slot(slot) {}
        std::shared_ptr<JobChannel> m_channel;
        JobSlot *m_slot;
    };
    Poster poster() { return Poster(m_channel, this); }

    void cancel() { m_current.cancel(); }
    const JobHandle &current() const { return m_current; }
    quint64 generation() const { return m_generation; }
    bool isRunning() const { return m_current.isRunning() && !m_current.isCancelled(); }
    const std::shared_ptr<JobChannel> &channel() const { return m_channel; }

private:
    std::shared_ptr<JobChannel> m_channel;
    JobHandle m_current;
    quint64 m_generation = 0;
};

} // namespace kafkascope
