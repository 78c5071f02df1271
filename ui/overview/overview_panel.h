#pragma once
// One cluster at a glance: connection state, brokers, topic/partition counts,
// under-replicated and offline partitions, consumer groups. Follows the session's
// periodic metadata refresh.

#include "cluster/cluster_snapshot.h"
#include "cluster/session_state.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class StatusBadge;

namespace kafkascope {

class BrokerConfigDialog;
class BrokerTableModel;
class ClusterSession;

class OverviewPanel : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewPanel(ClusterSession *session, QWidget *parent = nullptr);

    BrokerTableModel *brokerModel() const { return m_brokers; }
    // Opens (or raises) the read-only configuration of one broker.
    BrokerConfigDialog *showBrokerConfig(int brokerId);
    QString statusText() const;

private:
    void showStatus(const SessionStatus &status);
    void showSnapshot(const ClusterSnapshot &snapshot);
    void showGroupTypes(const QList<GroupListing> &groups);
    QLabel *addFigure(const QString &title, const QString &objectName);

    QString m_bootstrap;
    StatusBadge *m_badge;
    QLabel *m_error;
    QLabel *m_clusterId;
    QLabel *m_updated;
    QList<QLabel *> m_figureBoxes;
    QLabel *m_brokerCount, *m_topicCount, *m_partitionCount, *m_underReplicated, *m_offline, *m_groupCount;
    QLabel *m_groupsNote;
    BrokerTableModel *m_brokers;
    QTableView *m_brokerView;
    QPushButton *m_brokerConfigButton;
    ClusterSession *m_session;
};

} // namespace kafkascope
