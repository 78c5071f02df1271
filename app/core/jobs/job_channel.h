#pragma once
// The guarded way back from a worker thread to the object that wants its results: the
// receiver's owner cuts the channel (JobSlot does it when the receiver dies), after which
// nothing more is posted. What was already posted is queued to the receiver itself, so Qt
// discards it with the receiver. A worker never holds a bare pointer it could outlive.

#include <QMutex>
#include <QObject>
#include <functional>

namespace kafkascope {

class JobChannel
{
public:
    explicit JobChannel(QObject *receiver) : m_receiver(receiver) {}

    // Runs `call` later on the receiver's thread, unless the channel was cut. Any thread.
    bool post(std::function<void()> call)
    {
        QMutexLocker lock(&m_mutex);
        if (!m_receiver)
            return false;
        // Posted under the lock: cut() cannot return while a post to a dying receiver is
        // half done, and Qt removes events posted to an object when it is destroyed.
        return QMetaObject::invokeMethod(m_receiver, std::move(call), Qt::QueuedConnection);
    }
    void cut()
    {
        QMutexLocker lock(&m_mutex);
        m_receiver = nullptr;
    }
    bool isCut() const
    {
        QMutexLocker lock(&m_mutex);
        return m_receiver == nullptr;
    }

private:
    mutable QMutex m_mutex;
    QObject *m_receiver;
};

} // namespace kafkascope
