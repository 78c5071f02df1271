#pragma once
// The sidebar's tree: every profile at the top (with its connection state), and for open
// clusters their brokers, topics and consumer groups. Updates in place, so expansion and
// selection survive periodic refreshes.

#include "cluster/cluster_snapshot.h"
#include "cluster/session_state.h"

#include <QAbstractItemModel>
#include <memory>
#include <vector>

namespace kafkascope {

class Workspace;
class ClusterSession;

class ClusterTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Kind { Cluster, Category, Broker, Topic, Group };
    enum Role { KindRole = Qt::UserRole + 1, ClusterIdRole, NameRole, StateRole };

    explicit ClusterTreeModel(Workspace *workspace, QObject *parent = nullptr);
    ~ClusterTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    QModelIndex clusterIndex(const QString &clusterId) const;
    bool showInternalTopics() const { return m_showInternal; }
    void setShowInternalTopics(bool show);

private:
    struct Node;
    void reloadProfiles();
    void attach(ClusterSession *session);
    void applyStatus(const QString &id, const SessionStatus &status);
    void applySnapshot(const QString &id, const ClusterSnapshot &snapshot);
    void clearChildren(Node *cluster);
    void setCategory(Node *cluster, int row, const QString &title, const QStringList &keys,
                     const QStringList &labels, Kind kind);
    QModelIndex indexOf(Node *node) const;
    Node *nodeOf(const QModelIndex &index) const;
    Node *clusterNode(const QString &id) const;

    Workspace *m_workspace;
    std::vector<std::unique_ptr<Node>> m_clusters;
    bool m_showInternal = false;
};

} // namespace kafkascope
