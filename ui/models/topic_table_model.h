#pragma once
// The topics of one cluster as a table: name, partitions, replication factor, under-
// replicated and offline partitions, approximate message count, retention and cleanup
// policy. Each metadata snapshot is applied in place (row inserts/removals for topics that
// came or went, one batched dataChanged for the rest) so selection and scroll survive.

#include "cluster/cluster_snapshot.h"
#include "topics/topic_stats_loader.h"

#include <QAbstractTableModel>
#include <QHash>

namespace kafkascope {

class TopicTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Partitions, ReplicationFactor, UnderReplicated, Offline, Messages, Retention, CleanupPolicy, GroupLag, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, InternalRole };

    explicit TopicTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setTopics(const QList<TopicInfo> &topics); // sorted by name, as in ClusterSnapshot
    // Approximate message counts (sum of high - low watermarks) per topic.
    void setMessageCounts(const QHash<QString, qint64> &counts);
    void setConfigSummaries(const QHash<QString, TopicConfigSummary> &summaries);
    // Total lag of the groups that read each topic; a topic no group reads is absent.
    void setGroupLag(const QHash<QString, qint64> &lag);
    // Shown in the retention/cleanup cells when configs cannot be read (e.g. demo cluster).
    void setConfigUnavailable(const QString &reason);

    const TopicInfo &topic(int row) const { return m_topics.at(row); }
    int rowOf(const QString &name) const;
    QStringList names() const;

private:
    QVariant display(const TopicInfo &t, int column) const;
    QVariant sortKey(const TopicInfo &t, int column) const;

    QList<TopicInfo> m_topics;
    QHash<QString, qint64> m_counts;
    QHash<QString, TopicConfigSummary> m_configs;
    QHash<QString, qint64> m_groupLag;
    QString m_configUnavailable;
};

} // namespace kafkascope
