#pragma once
// A topic's configuration as DescribeConfigs reports it: every entry with its value, where
// the value comes from (topic override, broker, default) and its read-only/sensitive flags.

#include "topics/admin_result.h"

#include <QAbstractTableModel>

namespace kafkascope {

class TopicConfigModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Value, Source, Flags, ColumnCount };
    explicit TopicConfigModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setEntries(const QList<ConfigEntry> &entries);
    const ConfigEntry &entry(int row) const { return m_entries.at(row); }
    int rowOf(const QString &name) const;
    // One readable value: "7 days", "1 GiB", "forever" for Long.MAX_VALUE; the raw one is
    // the tooltip (and the edit role).
    static QString humanValue(const ConfigEntry &entry);

private:
    QList<ConfigEntry> m_entries;
};

} // namespace kafkascope
