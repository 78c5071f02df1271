#include "models/broker_table_model.h"

namespace kafkascope {

void BrokerTableModel::setSnapshot(const ClusterSnapshot &s)
{
    QList<int> leaders(s.brokers.size(), 0);
    for (const TopicInfo &t : s.topics)
        for (const PartitionInfo &p : t.partitions)
            for (qsizetype i = 0; i < s.brokers.size(); ++i)
                if (s.brokers[i].id == p.leader)
                    ++leaders[i];
    const bool sameRows = s.brokers.size() == m_brokers.size();
    if (!sameRows)
        beginResetModel();
    m_brokers = s.brokers;
    m_leaderCounts = leaders;
    m_controller = s.controllerId;
    if (!sameRows)
        endResetModel();
    else if (!m_brokers.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int BrokerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_brokers.size());
}

int BrokerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BrokerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BrokerInfo &b = m_brokers[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Id: return b.id;
        case Address: return QStringLiteral("%1:%2").arg(b.host).arg(b.port);
        case Rack: return b.rack.isEmpty() ? QStringLiteral("—") : b.rack;
        case Controller: return b.id == m_controller ? tr("yes") : QString();
        case Leaders: return m_leaderCounts.value(index.row());
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Id || index.column() == Leaders))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant BrokerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("Id");
    case Address: return tr("Host:port");
    case Rack: return tr("Rack");
    case Controller: return tr("Controller");
    case Leaders: return tr("Leader of");
    }
    return {};
}

} // namespace kafkascope
