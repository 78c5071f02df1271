#pragma once
// The consumer groups of a cluster as a table: id, type (classic, consumer, share/streams), state, health (colour + reason), members,
// total lag, lag in time, consumption rate and time to catch up. Fed whole reports from the
// GroupMonitor; rows update in place while the set of groups stays the same.

#include "groups/group_monitor.h"

#include <QAbstractTableModel>

namespace kafkascope {

class GroupListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Type, State, Health, Members, Lag, LagTime, Rate, CatchUpTime, ColumnCount };
    static constexpr int GroupIdRole = Qt::UserRole + 1;
    static constexpr int SortRole = Qt::UserRole + 2;
    static constexpr int StaleRole = Qt::UserRole + 3; // true: an older reading, drawn dimmed

    explicit GroupListModel(QObject *parent = nullptr);

    void setGroups(const QList<GroupSummary> &groups);
    const QList<GroupSummary> &groups() const { return m_groups; }
    int rowOf(const QString &id) const;
    static QColor healthColor(GroupHealth::Verdict v);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant display(const GroupSummary &g, int column) const;
    QList<GroupSummary> m_groups;
};

} // namespace kafkascope
