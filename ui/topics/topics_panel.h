#pragma once
// The topics of one cluster: a sortable, filterable table (partitions, replication, health,
// approximate message counts, retention, cleanup policy) with create/delete/add partitions/
// purge/preferred-leader election actions, and below it the selected topic's partitions and configuration.

#include "cluster/cluster_snapshot.h"

#include <QElapsedTimer>
#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;

namespace kafkascope {

class ClusterSession;
class PartitionTableModel;
class TopicAdmin;
class TopicConfigView;
class TopicFilterProxy;
class TopicStatsLoader;
class TopicTableModel;

class TopicsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TopicsPanel(ClusterSession *session, const QString &topic = {}, QWidget *parent = nullptr);

    TopicAdmin *admin() const { return m_admin; }
    TopicTableModel *model() const { return m_model; }
    TopicFilterProxy *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    TopicConfigView *configView() const { return m_config; }
    PartitionTableModel *partitionModel() const { return m_partitions; }
    QStringList selectedTopics() const;
    QString currentTopic() const; // the topic the detail area shows

    // Selects the topic (clearing a filter that hides it) and shows its detail.
    Q_INVOKABLE bool focusTopic(const QString &topic);
    Q_INVOKABLE void focusItem(const QString &topic) { focusTopic(topic); }
    // The actions, as the toolbar, context menu and shortcuts use them. Dialogs open
    // window-modal as children of this panel and are returned for tests.
    QDialog *newTopic();
    QDialog *deleteSelected();
    QDialog *addPartitions();
    QDialog *purgeSelected();
    QDialog *electLeaders();
    void refresh();

private:
    void applySnapshot(const ClusterSnapshot &snapshot);
    void applyFilter();
    void updateActions();
    void showDetail();
    void showContextMenu(const QPoint &pos);
    QAction *addAction(const QString &text, const QString &objectName, const QKeySequence &key, void (TopicsPanel::*slot)());

    ClusterSession *m_session;
    TopicAdmin *m_admin;
    TopicStatsLoader *m_stats;
    TopicTableModel *m_model;
    TopicFilterProxy *m_proxy;
    PartitionTableModel *m_partitions;
    QTableView *m_view;
    QLineEdit *m_filter;
    QCheckBox *m_regex;
    QCheckBox *m_hideInternal;
    QCheckBox *m_groupQueues = nullptr;
    QLabel *m_count;
    QLabel *m_filterError;
    QLabel *m_detailTitle;
    QTabWidget *m_detail;
    TopicConfigView *m_config;
    QAction *m_newAction, *m_deleteAction, *m_addPartitionsAction, *m_purgeAction, *m_electAction, *m_refreshAction, *m_copyAction;
    QList<TopicInfo> m_topics;
    int m_brokerCount = 0;
    QString m_pendingFocus; // topic to select once it appears (opened from the sidebar, just created)
    QElapsedTimer m_sinceWatermarks;
    QStringList m_summarised; // topics whose config summary was requested
};

} // namespace kafkascope
