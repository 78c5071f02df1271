#pragma once
// Polls every topic's low/high watermarks of one cluster on the session's worker thread
// (every 2 s by default), turns them into messages/s and appends them to an OffsetHistory
// that views read on their frame timer. Partitions are looked up with ListOffsets, batched
// per leader broker (earliest and latest at once), so a refresh costs O(brokers) requests; a
// partition without a leader is reported as such instead of being asked for.

#include "throughput/offset_history.h"
#include "throughput/rate_calculator.h"

#include <QObject>
#include <QSet>
#include <atomic>

class QTimer;

namespace kafkascope {

class ClusterSession;

class OffsetPoller : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 2000;
    static constexpr int kTimeoutMs = 5000;

    // The session's poller, created and started on first use (call from the UI thread). It
    // lives on the session's worker thread and is deleted when that thread finishes.
    static OffsetPoller *forSession(ClusterSession *session);

    // Prefer forSession(); tests create their own and move it to the session's thread.
    explicit OffsetPoller(ClusterSession *session, QObject *parent = nullptr);
    ~OffsetPoller() override;

    ClusterSession *session() const { return m_session; }
    OffsetHistory &history() { return m_history; }
    const OffsetHistory &history() const { return m_history; }
    int intervalMs() const { return m_intervalMs.load(); }

public slots:
    // Run on the poller's thread (QMetaObject::invokeMethod).
    void start();
    void stop();
    void setIntervalMs(int ms);
    void pollNow();

signals:
    // After every refresh (queued to views); they read history().latest().
    void refreshed(quint64 sequence);
    void intervalChanged(int ms);

private:
    void poll();
    void scheduleNext(qint64 spentMs);

    ClusterSession *m_session;
    QTimer *m_timer = nullptr;
    RateCalculator m_rates;
    OffsetHistory m_history;
    QSet<QString> m_knownTopics;
    quint64 m_sequence = 0;
    std::atomic<int> m_intervalMs{kDefaultIntervalMs};
};

} // namespace kafkascope
