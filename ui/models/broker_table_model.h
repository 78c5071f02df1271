#pragma once
// Brokers of one cluster: id, address, rack, controller flag.

#include "cluster/cluster_snapshot.h"

#include <QAbstractTableModel>

namespace kafkascope {

class BrokerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Address, Rack, Controller, Leaders, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setSnapshot(const ClusterSnapshot &snapshot);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<BrokerInfo> m_brokers;
    QList<int> m_leaderCounts; // partitions each broker leads
    int m_controller = -1;
};

} // namespace kafkascope
