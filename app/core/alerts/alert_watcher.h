#pragma once
// The alerting service of one cluster session: loads the cluster's rules and watches,
// follows its watched groups and telemetry topics whether or not a panel is open, and every
// second evaluates the rules on the figures the session and its pollers already hold, on
// its own thread. Results reach the UI as value types through a queued signal.

#include "alerts/alert_engine.h"
#include "alerts/alert_store.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <memory>
#include <optional>

class QThread;
class QTimer;

namespace kafkascope {

class ClusterSession;
class GroupMonitor;
class OffsetPoller;
class TelemetryIngest;
class TelemetryStore;

class AlertWatcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 1000;

    // The Workspace attaches one to every session it opens and detaches it before the
    // session closes (UI thread). Detaching never waits on the network.
    static AlertWatcher *attach(ClusterSession *session, const QString &settingsFile);
    static void detach(const QString &clusterId);
    static void detachAll(); // at quit: also joins the watcher threads (no network there)
    static AlertWatcher *of(const QString &clusterId);
    static QList<AlertWatcher *> all();

    ~AlertWatcher() override;

    QString clusterId() const { return m_clusterId; }
    QString clusterName() const { return m_clusterName; }
    QString path() const { return m_path; }

    // Thread-safe reads of the latest state.
    QList<AlertRule> rules() const;
    Watches watches() const;
    QList<AlertEvent> log() const;
    QList<ActiveAlert> active() const;
    std::optional<AlertSeverity> worst() const;
    AlertConfig config() const;
    // Rules muted now: rule id -> until (seconds since the epoch).
    QHash<QString, double> mutes() const;
    // Total lag of the groups reading each topic, as of the group monitor's latest report.
    QHash<QString, qint64> topicGroupLag() const;
    // The group monitor the watcher keeps running (lag history outlives the Groups panel).
    GroupMonitor *groupMonitor() const;
    std::shared_ptr<TelemetryStore> telemetryStore() const { return m_telemetryStore; }

    // Thread-safe requests; they run on the watcher's thread.
    void setRules(const QList<AlertRule> &rules);
    void addRule(const AlertRule &rule); // replaces the rule with the same id
    void removeRule(const QString &ruleId);
    void setWatches(const Watches &watches);
    void acknowledge(const QString &ruleId, const QString &subject);
    void mute(const QString &ruleId, double seconds); // 0 unmutes
    void importConfig(const AlertConfig &config, bool withLog);
    void clearLog();
    void setIntervalMs(int ms);
    void evaluateNow();

signals:
    // New log entries of a round (possibly empty when only the active set changed).
    void alertsChanged(const QList<kafkascope::AlertEvent> &events);
    void configChanged();
    void topicLagChanged(const QHash<QString, qint64> &lag);

private:
    AlertWatcher(ClusterSession *session, const QString &path);
    void startOnThread();
    void stopOnThread();
    void round();
    void publish(const QList<AlertEvent> &events, bool changed);
    void applyConfig(); // rules and watches into the engine, monitor and ingest
    void updateTelemetry(bool connected);
    void addTelemetryInputs(AlertInputs &in);
    void saveSoon() { m_dirty = true; }
    void releaseSources();

    const QString m_clusterId;
    const QString m_clusterName;
    const QString m_path;
    const bool m_demo;
    QTimer *m_timer = nullptr;
    AlertEngine m_engine;
    AlertConfig m_config; // watcher thread only; published copies below
    bool m_dirty = false;
    qint64 m_lastSaveMs = 0;
    TelemetryIngest *m_ingest = nullptr;
    std::shared_ptr<TelemetryStore> m_telemetryStore;
    QStringList m_ingestTopics;
    QHash<QString, QPair<double, qint64>> m_errorCounts; // topic -> (t, decode errors)
    QDateTime m_topicLagAt;

    mutable QMutex m_sourcesMutex; // the session and its pollers; null once detached
    ClusterSession *m_session = nullptr;
    OffsetPoller *m_poller = nullptr;
    GroupMonitor *m_monitor = nullptr;

    mutable QMutex m_mutex; // the published state
    QList<AlertRule> m_rules;
    Watches m_watches;
    QList<AlertEvent> m_log;
    QList<ActiveAlert> m_active;
    std::optional<AlertSeverity> m_worst;
    QHash<QString, qint64> m_topicLag;
    QHash<QString, double> m_mutes;
};

} // namespace kafkascope
