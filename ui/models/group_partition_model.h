#pragma once
// One group's partitions as a table: topic, partition, committed offset, high watermark,
// lag and lag in time, and the member that owns it. "no commit" where the group never
// committed, never a made-up number.

#include "groups/group_lag.h"

#include <QAbstractTableModel>

namespace kafkascope {

class GroupPartitionModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Topic, Partition, Committed, High, Lag, LagTime, Owner, ColumnCount };

    explicit GroupPartitionModel(QObject *parent = nullptr);
    void setPartitions(const QList<PartitionLag> &rows);
    const QList<PartitionLag> &partitions() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<PartitionLag> m_rows;
};

} // namespace kafkascope
