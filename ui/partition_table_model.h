#pragma once
// The partitions of one topic: leader, replicas, in-sync replicas and watermarks.

#include "cluster_snapshot.h"
#include "partition_offsets.h"

#include <QAbstractTableModel>

namespace kafkascope {

class PartitionTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Partition, Leader, Replicas, Isr, Low, High, Messages, ColumnCount };
    explicit PartitionTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Rows follow the topic's partitions; offsets are matched by partition id.
    void setTopic(const TopicInfo &topic, const QList<PartitionOffsets> &offsets);

private:
    QString m_topic;
    QList<PartitionInfo> m_partitions;
    QHash<int, PartitionOffsets> m_offsets;
};

} // namespace kafkascope
