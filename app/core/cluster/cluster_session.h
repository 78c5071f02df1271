#pragma once
// One connected cluster: owns a librdkafka handle on its own worker thread, refreshes
// metadata periodically, tracks the connection state and reconnects by itself.
// Other services (offset poller, admin) borrow the handle through client().

#include "cluster/cluster_snapshot.h"
#include "profiles/connection_profile.h"
#include "kafka/kafka_handles.h"
#include "cluster/session_state.h"

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
    // The shared handle (a producer-type client: metadata, admin, offsets); null before
    // start() or after stop(). rd_kafka_t is thread-safe; keep the shared_ptr while using it.
    std::shared_ptr<rd_kafka_t> client() const;

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

    mutable QMutex m_mutex; // guards the three below
    std::shared_ptr<rd_kafka_t> m_client;
    SessionStatus m_publishedStatus;
    ClusterSnapshot m_publishedSnapshot;
};

} // namespace kafkascope
