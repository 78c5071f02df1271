#pragma once
// The first screen: a live dashboard of one cluster. Throughput now and over the last
// minutes, the busiest topics, the groups with the most lag and their trend, devices and
// stale devices when telemetry topics exist, health (under-replicated, offline, brokers
// down) with the reason, the counts, and the brokers. Each element links into its panel.

#include "cluster/cluster_snapshot.h"
#include "cluster/session_state.h"
#include "groups/group_monitor.h"

#include <QWidget>
#include <memory>

class QLabel;
class QPushButton;
class QTableView;
class QTimer;
class Sparkline;
class StatusBadge;

namespace kafkascope {

class BrokerConfigDialog;
class BrokerTableModel;
class ClusterSession;
class OffsetPoller;
class TelemetryIngest;
class TelemetryStore;

class OverviewPanel : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewPanel(ClusterSession *session, QWidget *parent = nullptr);
    ~OverviewPanel() override;

    static constexpr int kTopRows = 5;         // busiest topics, most lagging groups
    static constexpr double kSparkSeconds = 300; // the throughput line reaches 5 minutes back

    BrokerTableModel *brokerModel() const { return m_brokers; }
    // Opens (or raises) the read-only configuration of one broker.
    BrokerConfigDialog *showBrokerConfig(int brokerId);
    QString statusText() const;
    // What the dashboard shows, as plain figures for tests and tooltips.
    double throughputNow() const { return m_rateNow; }
    QStringList busiestTopics() const { return m_busiestShown; }
    QStringList laggingGroups() const { return m_laggingShown; }
    int deviceCount() const { return m_deviceCount; }   // -1: no telemetry topics
    int staleDeviceCount() const { return m_staleCount; }
    QString healthText() const;
    Sparkline *sparkline() const { return m_spark; }
    // The store the device tile reads (nullptr without telemetry topics).
    std::shared_ptr<TelemetryStore> telemetryStore() const { return m_telemetry; }
    // Follows a link of the dashboard ("partitions:tb.telemetry", "groups:tb-archiver", ...).
    void activateLink(const QString &link);

signals:
    // A dashboard element was clicked: open panel `kind` (its registry id) on `item`.
    void openPanelRequested(const QString &kind, const QString &item);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void buildUi(const QString &clusterName);
    QLabel *addFigure(const QString &title, const QString &objectName, const QString &link);
    QLabel *addTile(const QString &objectName);
    void showStatus(const SessionStatus &status);
    void showSnapshot(const ClusterSnapshot &snapshot);
    void showHealth();
    void showGroupTypes(const QList<GroupListing> &groups);
    void refreshLive();
    void refreshThroughput();
    void refreshDevices();
    void showGroups(const GroupsReport &report);
    void startTelemetry(const ClusterSnapshot &snapshot);
    QStringList telemetryTopics(const ClusterSnapshot &snapshot) const;

    ClusterSession *m_session;
    OffsetPoller *m_poller;
    QString m_bootstrap;
    SessionStatus m_status;
    ClusterSnapshot m_snapshot;
    StatusBadge *m_badge;
    QLabel *m_error;
    QLabel *m_clusterId;
    QLabel *m_updated;
    QLabel *m_health = nullptr; // the tiles: rich text with links, made in buildUi
    QLabel *m_throughput = nullptr;
    Sparkline *m_spark;
    QLabel *m_busiest = nullptr;
    QLabel *m_lagging = nullptr;
    QLabel *m_devices = nullptr;
    QList<QLabel *> m_figureBoxes;
    QLabel *m_brokerCount, *m_topicCount, *m_partitionCount, *m_underReplicated, *m_offline, *m_groupCount;
    BrokerTableModel *m_brokers;
    QTableView *m_brokerView;
    QPushButton *m_brokerConfigButton;
    QTimer *m_tick;

    GroupMonitor *m_monitor; // the session's (GroupMonitor::forSession)
    std::shared_ptr<TelemetryStore> m_telemetry;
    TelemetryIngest *m_ingest = nullptr;

    double m_rateNow = -1;
    QStringList m_busiestShown, m_laggingShown;
    int m_deviceCount = -1, m_staleCount = 0;
};

} // namespace kafkascope
