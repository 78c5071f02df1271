#pragma once
// Table of one topic's partitions: leader, replicas, ISR (from metadata) and low/high
// watermarks, message count and rate (from the offset poller). Updates in place with one
// dataChanged per refresh while the partition set stays the same.

#include "cluster/cluster_snapshot.h"
#include "throughput/offset_history.h"
#include "kafka/partition_offsets.h"

#include <QAbstractTableModel>

namespace kafkascope {

class PartitionTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Partition, Leader, Replicas, Isr, Low, High, Messages, Rate, Status, ColumnCount };
    static constexpr int SortRole = Qt::UserRole; // raw numbers for sorting

    explicit PartitionTableModel(QObject *parent = nullptr);

    // `topic` gives the partitions; `offsets` (any order, may be empty) their numbers.
    void setData(const TopicInfo &topic, const QList<PartitionOffsetState> &offsets);
    // Same, from a one-off watermark look-up (no rates): the topics panel's detail.
    void setTopic(const TopicInfo &topic, const QList<PartitionOffsets> &offsets);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const PartitionOffsetState *offsetsAt(int row) const;
    int partitionAt(int row) const { return m_rows.value(row).info.id; }

private:
    struct Row
    {
        PartitionInfo info;
        PartitionOffsetState offsets;
        bool hasOffsets = false;
    };
    QList<Row> m_rows;
};

} // namespace kafkascope
