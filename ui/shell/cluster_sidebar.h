#pragma once
// The "Clusters" dock: every profile and, for open clusters, brokers/topics/groups.

#include <QWidget>

class QMenu;
class QTreeView;
class QSortFilterProxyModel;
class QLineEdit;

namespace kafkascope {

class ClusterTreeModel;
class Workspace;

class ClusterSidebar : public QWidget
{
    Q_OBJECT
public:
    explicit ClusterSidebar(Workspace *workspace, QWidget *parent = nullptr);

    ClusterTreeModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QString currentClusterId() const;
    // The name of the current item when it is a topic (kind Topic) or a group (kind Group).
    QString currentItemName(int kind) const;
    void selectCluster(const QString &id);
    QModelIndex sourceIndex(const QModelIndex &viewIndex) const;

signals:
    void activated(const QModelIndex &sourceIndex); // double click / Enter
    void contextMenuRequested(const QModelIndex &sourceIndex, QMenu *menu);
    void currentClusterChanged(const QString &clusterId);

private:
    ClusterTreeModel *m_model;
    QSortFilterProxyModel *m_filter;
    QTreeView *m_view;
    QLineEdit *m_search;
};

} // namespace kafkascope
