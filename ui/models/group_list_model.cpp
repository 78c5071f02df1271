#include "models/group_list_model.h"
#include "status_badge.h"

#include <QColor>
#include <QLocale>

namespace kafkascope {

GroupListModel::GroupListModel(QObject *parent) : QAbstractTableModel(parent) {}

QColor GroupListModel::healthColor(GroupHealth::Verdict v)
{
    switch (v) {
    case GroupHealth::Verdict::Ok:
        return QColor(0x2e, 0x9e, 0x4f);
    case GroupHealth::Verdict::Lagging:
        return QColor(0xe0, 0x9b, 0x12);
    case GroupHealth::Verdict::Stalled:
        return QColor(0xe0, 0x6a, 0x12);
    case GroupHealth::Verdict::Stopped:
    case GroupHealth::Verdict::Error:
        return StatusBadge::color(StatusBadge::Tone::Bad);
    case GroupHealth::Verdict::Unknown:
        break;
    }
    return QColor(0x8a, 0x8a, 0x8a);
}

void GroupListModel::setGroups(const QList<GroupSummary> &groups)
{
    bool sameRows = groups.size() == m_groups.size();
    for (qsizetype i = 0; sameRows && i < groups.size(); ++i)
        sameRows = groups[i].id == m_groups[i].id;
    if (sameRows) {
        m_groups = groups;
        // Most cells change every poll: one batched signal, not one per cell.
        if (!m_groups.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_groups = groups;
    endResetModel();
}

int GroupListModel::rowOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_groups.size(); ++i)
        if (m_groups[i].id == id)
            return int(i);
    return -1;
}

int GroupListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

int GroupListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GroupListModel::display(const GroupSummary &g, int column) const
{
    const QLocale locale;
    switch (column) {
    case Id:
        return g.watched ? g.id + tr(" (watched)") : g.id;
    case Type:
        return g.protocolType.isEmpty()
                   ? groupTypeName(g.type)
                   : QStringLiteral("%1 (%2)").arg(groupTypeName(g.type), g.protocolType);
    case State: {
        if (g.type == GroupType::Other)
            return tr("not described"); // never "Dead", which is what DescribeGroups answers
        const QString state = g.state.isEmpty() ? tr("unknown") : g.state;
        if (g.staleSince.isValid()) // the broker could not confirm it: say since when
            return tr("%1? (stale since %2)")
                .arg(state, g.staleSince.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
        return state;
    }
    case Health:
        return GroupHealthEvaluator::verdictName(g.health.verdict);
    case Members:
        return g.members < 0 ? tr("unknown") : QString::number(g.members);
    case Lag:
        if (!g.error.isEmpty())
            return tr("error");
        if (g.totals.partitions == 0)
            return g.totals.withoutCommit > 0 ? tr("no commit") : tr("–");
        return locale.toString(g.totals.lag);
    case LagTime:
        if (g.totals.partitions > 0 && g.totals.lag == 0)
            return formatDuration(0);
        return g.lagSeconds < 0 ? tr("–") : formatDuration(g.lagSeconds);
    case Rate:
        return g.consumptionRate < 0
                   ? tr("–")
                   : tr("%1 msg/s").arg(locale.toString(g.consumptionRate, 'f', 1));
    case CatchUpTime:
        if (g.consumptionRate < 0 || g.totals.partitions == 0)
            return tr("–");
        if (g.totals.lag == 0)
            return tr("caught up");
        return g.catchUp.catchingUp ? formatDuration(g.catchUp.seconds) : tr("not catching up");
    }
    return {};
}

QVariant GroupListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const GroupSummary &g = m_groups[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return display(g, index.column());
    case GroupIdRole:
        return g.id;
    case StaleRole:
        return g.staleSince.isValid() && index.column() != Health;
    case SortRole:
        switch (index.column()) {
        case Lag:
            return g.totals.partitions > 0 ? g.totals.lag : qint64(-1);
        case LagTime:
            return g.lagSeconds;
        case Rate:
            return g.consumptionRate;
        case CatchUpTime:
            return g.catchUp.catchingUp ? g.catchUp.seconds : 1e18;
        case Members:
            return g.members;
        case Health:
            return int(g.health.verdict);
        default:
            return display(g, index.column());
        }
    case Qt::DecorationRole:
        if (index.column() == Health)
            return healthColor(g.health.verdict);
        return {};
    case Qt::ToolTipRole:
        if (g.staleSince.isValid() && index.column() != Health)
            return tr("Stale: the figures of %1, last read from the broker; since then: %2")
                .arg(QLocale().toString(g.staleSince.toLocalTime(), QLocale::ShortFormat), g.error);
        if (index.column() == Health || index.column() == Id)
            return g.error.isEmpty() ? g.health.reason : g.error;
        if (index.column() == Type || index.column() == State)
            return g.type == GroupType::Other ? GroupMonitor::undescribableReason() : QVariant();
        if (index.column() == LagTime && g.lagSeconds < 0)
            return tr("Lag in time is measured for the selected group");
        if (index.column() == Lag && g.totals.withoutCommit > 0)
            return tr("%n partition(s) without a committed offset are not counted", nullptr,
                      g.totals.withoutCommit);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= Members)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant GroupListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id:
        return tr("Group");
    case Type:
        return tr("Type");
    case State:
        return tr("State");
    case Health:
        return tr("Health");
    case Members:
        return tr("Members");
    case Lag:
        return tr("Total lag");
    case LagTime:
        return tr("Lag in time");
    case Rate:
        return tr("Consumption");
    case CatchUpTime:
        return tr("Time to catch up");
    }
    return {};
}

} // namespace kafkascope
