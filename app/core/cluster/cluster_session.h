#pragma once
// One connected cluster: owns a librdkafka handle on its own worker thread, refreshes
// metadata periodically, tracks the connection state and reconnects by itself.
// Core's services (offset poller, admin, ...) borrow the handle through SessionAccess
// (kafka/session_access.h); the UI never sees it.

#include "cluster/cluster_snapshot.h"
#include "profiles/connection_profile.h"
#include "kafka/kafka_handles.h"
#include "cluster/session_state.h"
#include "jobs/job_runner.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QTimer>
#include <memory>

namespace kafkascope {

class BootstrapCheck;

class ClusterSession : public QObject
{
    Q_OBJECT
public:
    explicit ClusterSession(const ConnectionProfile &profile, QObject *parent = nullptr);
    ~ClusterSession() override;

    const QString &id() const { return m_profile.id; }
    const ConnectionProfile &profile() const { return m_profile; }

    // Thread-safe reads of the latest published values.
    SessionStatus status() const;
    ClusterSnapshot snapshot() const;
    // Whether the session holds a client now (between start() and stop()).
    bool hasClient() const;

    // The runner for this cluster's jobs (admin requests, offset resets, ...); thread-safe.
    // Closing the session cancels what it still runs, without waiting.
    JobRunner &jobs() const { return m_jobs; }

    void setRefreshIntervalMs(int ms) { m_refreshMs = ms; }
    static constexpr int kMetadataTimeoutMs = 5000;

public slots:
    // Call through QMetaObject::invokeMethod so they run on the worker thread.
    void start();
    void stop();
    void refreshNow();
    // stop(), then hands this object back to `target`'s thread and deletes it there.
    void shutdownAndDelete(QThread *target);

signals:
    void statusChanged(const kafkascope::SessionStatus &status);
    void snapshotChanged(const kafkascope::ClusterSnapshot &snapshot);

private:
    friend class SessionAccess;
    // The shared handle (a producer-type client: metadata, admin, offsets).
    std::shared_ptr<rd_kafka_t> client() const;
    static void onError(rd_kafka_t *rk, int err, const char *reason, void *opaque);
    static int onStats(rd_kafka_t *rk, char *json, size_t len, void *opaque);
    void handleClientError(int err, const QString &reason);
    void handleStats(const QByteArray &json);
    void refresh();
    void scheduleNext(bool failed);
    void publishStatus();
    QString degradedReason(const ClusterSnapshot &s) const;
    void applyDescription(rd_kafka_t *rk, ClusterSnapshot &s);
    // librdkafka's words for a failure, or the bootstrap check's when it found the cause.
    QString failureText(const QString &librdkafka) const;
    void bootstrapChecked(const QString &problem);

    ConnectionProfile m_profile;
    int m_refreshMs = 5000;
    int m_backoffMs = 1000;
    SessionStateMachine m_machine;
    QTimer *m_refreshTimer = nullptr;
    QTimer *m_pollTimer = nullptr;
    QString m_lastClientError;  // librdkafka's most specific words on the last failure
    QStringList m_downBrokers;  // "id host:port" of brokers librdkafka sees as DOWN
    QHash<int, QString> m_racks; // broker id -> rack, from the last DescribeCluster answer
    BootstrapCheck *m_check = nullptr; // looks at the bootstrap servers when they fail

    mutable JobRunner m_jobs;
    mutable QMutex m_mutex; // guards the three below
    std::shared_ptr<rd_kafka_t> m_client;
    SessionStatus m_publishedStatus;
    ClusterSnapshot m_publishedSnapshot;
};

} // namespace kafkascope
