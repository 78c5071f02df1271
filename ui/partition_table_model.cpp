#include "partition_table_model.h"

#include <QBrush>
#include <QLocale>

namespace kafkascope {

PartitionTableModel::PartitionTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int PartitionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_partitions.size());
}

int PartitionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PartitionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Partition: return tr("Partition");
    case Leader: return tr("Leader");
    case Replicas: return tr("Replicas");
    case Isr: return tr("In sync");
    case Low: return tr("Low watermark");
    case High: return tr("High watermark");
    case Messages: return tr("Messages");
    default: return {};
    }
}

namespace {
QString joined(const QList<int> &ids)
{
    QStringList parts;
    for (int id : ids)
        parts << QString::number(id);
    return parts.join(QStringLiteral(", "));
}
} // namespace

QVariant PartitionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PartitionInfo &p = m_partitions.at(index.row());
    const auto off = m_offsets.constFind(p.id);
    const bool haveOffsets = off != m_offsets.cend() && off->error.isEmpty();
    if (role == Qt::DisplayRole) {
        const QLocale locale;
        switch (index.column()) {
        case Partition: return p.id;
        case Leader: return p.offline() ? tr("none (offline)") : QString::number(p.leader);
        case Replicas: return joined(p.replicas);
        case Isr: return joined(p.isr);
        case Low: return haveOffsets ? locale.toString(off->low) : QStringLiteral("…");
        case High: return haveOffsets ? locale.toString(off->high) : QStringLiteral("…");
        case Messages: return haveOffsets ? locale.toString(off->count()) : QStringLiteral("…");
        default: return {};
        }
    }
    if (role == Qt::ForegroundRole && ((index.column() == Leader && p.offline()) || (index.column() == Isr && p.underReplicated())))
        return QBrush(QColor(0xd9, 0x3a, 0x3a));
    if (role == Qt::ToolTipRole) {
        if (!p.error.isEmpty())
            return p.error;
        if (off != m_offsets.cend() && !off->error.isEmpty())
            return off->error;
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Low)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

void PartitionTableModel::setTopic(const TopicInfo &topic, const QList<PartitionOffsets> &offsets)
{
    const bool sameShape = topic.name == m_topic && topic.partitions.size() == m_partitions.size();
    if (!sameShape)
        beginResetModel();
    m_topic = topic.name;
    m_partitions = topic.partitions;
    m_offsets.clear();
    for (const PartitionOffsets &o : offsets)
        m_offsets.insert(o.partition, o);
    if (!sameShape)
        endResetModel();
    else if (!m_partitions.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace kafkascope
