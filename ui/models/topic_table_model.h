#pragma once
// The topics of one cluster as a table: name, partitions, replication factor, under-
// replicated and offline partitions, approximate message count, retention and cleanup
// policy. Each metadata snapshot is applied in place (row inserts/removals for topics that
// came or went, one batched dataChanged for the rest) so selection and scroll survive; a
// snapshot with many scattered arrivals and departures is one layout change instead.
// With queues grouped, the topics of one logical queue ("tb_rule_engine.main.0", ".1", ...)
// are one row named "tb_rule_engine.main.*" with their partitions, messages and lag summed.

#include "cluster/cluster_snapshot.h"
#include "topics/topic_stats_loader.h"

#include <QAbstractTableModel>
#include <QHash>
#include <optional>
#include <vector>

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
    // The sorting proxy asks for two indexes per comparison, millions per sort at 100,000
    // topics: bounds checked here, without the base class's virtual rowCount/columnCount.
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
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

    // One row per logical queue (see queue_topics.h) instead of one per topic.
    void setGroupQueues(bool on);
    bool groupQueues() const { return m_groupQueues; }
    // The topics a row stands for: the queue's topics, or the row's own topic.
    QStringList topicsAt(int row) const;
    static QString queueRowName(const QString &base) { return base + QStringLiteral(".*"); }

    // Whether row a sorts before row b in `column`, as their SortRole values would, without a
    // QVariant per comparison: 100,000 topics take about 1.7 million of them to sort.
    bool sortsBefore(int a, int b, int column) const;

    const TopicInfo &topic(int row) const { return m_topics.at(row); }
    int rowOf(const QString &name) const;
    QStringList names() const; // every topic's name, whether grouped into a queue row or not

private:
    void applyList(const QList<TopicInfo> &topics);
    // For each current row, its row in `topics` (both in name order), or -1 when it is gone.
    std::vector<int> rowsAfter(const QList<TopicInfo> &topics) const;
    void replaceInOneLayoutChange(const QList<TopicInfo> &topics, const std::vector<int> &rowAfter);
    void keysChanged() { m_numericKeysColumn = -1; } // counts, lag or configs changed
    void rowsChanged()
    {
        keysChanged();
        m_nameRanks.clear();
    }
    const std::vector<int> &nameRanks() const;
    QList<TopicInfo> grouped(const QList<TopicInfo> &topics);
    // Sum of `values` over the row's topics; nullopt when one is missing (all missing: -1 below).
    std::optional<qint64> summed(const TopicInfo &t, const QHash<QString, qint64> &values, bool allowPartial) const;
    QVariant display(const TopicInfo &t, int column) const;
    QVariant sortKey(const TopicInfo &t, int column) const;

    QList<TopicInfo> m_topics;
    QHash<QString, qint64> m_counts;
    QHash<QString, TopicConfigSummary> m_configs;
    QHash<QString, qint64> m_groupLag;
    QString m_configUnavailable;
    QList<TopicInfo> m_raw;                  // the topics as last set, ungrouped
    bool m_groupQueues = false;
    QHash<QString, QStringList> m_members;   // queue row name -> its topics
    QHash<QString, QString> m_queueOf;       // topic -> queue row name
    // Sort keys of the numeric column last sorted on, one per row; -1: none is valid.
    mutable int m_numericKeysColumn = -1;
    mutable std::vector<qint64> m_numericKeys;
    // Each row's place among the names compared case-insensitively (equal names share one).
    mutable std::vector<int> m_nameRanks;
};

} // namespace kafkascope
