#pragma once
// What a running job and the code that started it share: a cancel flag the worker polls, its
// progress, and the generation number its starter gave it. Thread-safe; held by shared_ptr.

#include <QString>
#include <atomic>

namespace kafkascope {

class JobControl
{
public:
    JobControl(QString name, quint64 generation) : m_name(std::move(name)), m_generation(generation) {}

    const QString &name() const { return m_name; }
    quint64 generation() const { return m_generation; }

    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
    // For APIs that poll a flag themselves (MessageReader::stream, the replay loop).
    const std::atomic_bool *cancelFlag() const { return &m_cancelled; }

    void setProgress(qint64 done, qint64 total)
    {
        m_total.store(total, std::memory_order_relaxed);
        m_done.store(done, std::memory_order_relaxed);
    }
    qint64 done() const { return m_done.load(std::memory_order_relaxed); }
    qint64 total() const { return m_total.load(std::memory_order_relaxed); }

    void markFinished() { m_finished.store(true, std::memory_order_release); }
    bool isFinished() const { return m_finished.load(std::memory_order_acquire); }

private:
    const QString m_name;
    const quint64 m_generation;
    std::atomic_bool m_cancelled{false};
    std::atomic_bool m_finished{false};
    std::atomic<qint64> m_done{0};
    std::atomic<qint64> m_total{-1}; // -1: unknown
};

} // namespace kafkascope
