#include "models/group_partition_model.h"
#include "status_badge.h"

#include <QColor>
#include <QLocale>

namespace kafkascope {

GroupPartitionModel::GroupPartitionModel(QObject *parent) : QAbstractTableModel(parent) {}

void GroupPartitionModel::setPartitions(const QList<PartitionLag> &rows)
{
    bool sameRows = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameRows && i < rows.size(); ++i)
        sameRows = rows[i].topic == m_rows[i].topic && rows[i].partition == m_rows[i].partition;
    if (sameRows) {
        m_rows = rows;
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int GroupPartitionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int GroupPartitionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GroupPartitionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const PartitionLag &r = m_rows[index.row()];
    const QLocale locale;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Topic:
            return r.topic;
        case Partition:
            return r.partition;
        case Committed:
            return r.hasCommit() ? locale.toString(r.committed) : tr("no commit");
        case High:
            return r.high < 0 ? tr("unknown") : locale.toString(r.high);
        case Lag:
            if (!r.hasCommit())
                return tr("no commit");
            return r.lag < 0 ? tr("unknown") : locale.toString(r.lag);
        case LagTime:
            return r.lagSeconds < 0 ? tr("–") : formatDuration(r.lagSeconds);
        case Owner:
            return r.owner;
        }
    } else if (role == Qt::ToolTipRole) {
        if (!r.error.isEmpty())
            return r.error;
        if (index.column() == LagTime && r.lagSeconds >= 0)
            return tr("Age of the message at the committed offset");
    } else if (role == Qt::ForegroundRole) {
        if (!r.error.isEmpty() && (index.column() == High || index.column() == Lag))
            return StatusBadge::color(StatusBadge::Tone::Bad);
        if (!r.hasCommit() && (index.column() == Committed || index.column() == Lag))
            return QColor(0x8a, 0x8a, 0x8a);
    } else if (role == Qt::TextAlignmentRole && index.column() != Topic &&
               index.column() != Owner) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant GroupPartitionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Topic:
        return tr("Topic");
    case Partition:
        return tr("Partition");
    case Committed:
        return tr("Committed");
    case High:
        return tr("High watermark");
    case Lag:
        return tr("Lag");
    case LagTime:
        return tr("Lag in time");
    case Owner:
        return tr("Member");
    }
    return {};
}

} // namespace kafkascope
