#pragma once
// Polls every topic's low/high watermarks of one cluster (every 2 s by default), turns them
// into messages/s and appends them to an OffsetHistory that views read on their frame timer.
// Each round is a job (JobRunner) and the poller's own thread only schedules them, so neither
// a session refresh stuck on a hung metadata request nor a busy UI thread delays a sample,
// and stopping never waits for a round. Partitions are looked up with ListOffsets, batched
// per leader broker (earliest and latest at once), so a refresh costs O(brokers) requests; a
// partition without a leader is reported as such instead of being asked for.

#include "cluster/cluster_snapshot.h"
#include "throughput/offset_history.h"
#include "throughput/rate_calculator.h"
#include "jobs/job_slot.h"

#include <QObject>
#include <QSet>
#include <atomic>

class QTimer;
struct rd_kafka_s;
typedef struct rd_kafka_s rd_kafka_t;

namespace kafkascope {

class ClusterSession;

class OffsetPoller : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 2000;
    static constexpr int kTimeoutMs = 5000;

    // The session's poller, created and started on first use (call from the UI thread). It
    // lives on a thread of its own and ends with the session (sessionGone()).
    static OffsetPoller *forSession(ClusterSession *session);
    // Called by ~ClusterSession: the poller lets go of the session and winds down.
    static void sessionGone(ClusterSession *session);

    // Prefer forSession(); tests create their own.
    explicit OffsetPoller(ClusterSession *session, QObject *parent = nullptr);
    ~OffsetPoller() override;

    ClusterSession *session() const { return m_session; }
    OffsetHistory &history() { return m_state->history; }
    const OffsetHistory &history() const { return m_state->history; }
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
    // What a round works on, on its own thread; one round at a time.
    struct State
    {
        RateCalculator rates;
        OffsetHistory history;
        QSet<QString> knownTopics;
        quint64 sequence = 0;
    };
    void poll();
    static OffsetsSnapshot pollRound(State &state, const std::shared_ptr<rd_kafka_t> &rk, const ClusterSnapshot &meta);
    void scheduleNext(qint64 spentMs);

    ClusterSession *m_session;
    QTimer *m_timer = nullptr;
    std::shared_ptr<State> m_state = std::make_shared<State>();
    std::atomic<int> m_intervalMs{kDefaultIntervalMs};
    bool m_ownThread = false; // made by forSession(): quits its thread when the session goes
    JobRunner m_jobs{QStringLiteral("offsets")};
    JobSlot m_round{this};
};

} // namespace kafkascope
