#include "models/topic_config_model.h"

#include "topics/topic_validation.h"

#include <QBrush>
#include <QFont>

namespace kafkascope {

TopicConfigModel::TopicConfigModel(QObject *parent) : QAbstractTableModel(parent) {}

int TopicConfigModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int TopicConfigModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopicConfigModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Config");
    case Value: return tr("Value");
    case Source: return tr("Source");
    case Flags: return tr("Flags");
    default: return {};
    }
}

namespace {
// "7200000 (2h)" for durations and sizes, so both the raw and the readable value show.
QString readable(const ConfigEntry &e)
{
    if (e.sensitive)
        return QStringLiteral("(hidden: sensitive)");
    if (!e.hasValue)
        return QStringLiteral("(not set)");
    bool ok = false;
    const qint64 n = e.value.toLongLong(&ok);
    if (!ok)
        return e.value;
    if (e.name.endsWith(u".ms") && (n >= 1000 || n == -1))
        return QStringLiteral("%1 (%2)").arg(e.value, topic_validation::formatDurationMs(n));
    if (e.name.endsWith(u".bytes") && (n >= 1024 || n == -1))
        return QStringLiteral("%1 (%2)").arg(e.value, topic_validation::formatSizeBytes(n));
    return e.value;
}
} // namespace

QVariant TopicConfigModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConfigEntry &e = m_entries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name: return e.name;
        case Value: return readable(e);
        case Source: return displayName(e.source);
        case Flags: {
            QStringList flags;
            if (e.readOnly)
                flags << tr("read-only");
            if (e.sensitive)
                flags << tr("sensitive");
            if (e.isDefault)
                flags << tr("default");
            return flags.join(QStringLiteral(", "));
        }
        default: return {};
        }
    }
    if (role == Qt::EditRole && index.column() == Value)
        return e.value;
    if (role == Qt::FontRole && e.source == ConfigEntry::Source::TopicOverride) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::ForegroundRole && e.readOnly)
        return QBrush(QColor(0x80, 0x80, 0x80));
    if (role == Qt::ToolTipRole && index.column() == Value)
        return e.value;
    return {};
}

void TopicConfigModel::setEntries(const QList<ConfigEntry> &entries)
{
    if (entries.size() == m_entries.size()) {
        bool sameNames = true;
        for (qsizetype i = 0; i < entries.size() && sameNames; ++i)
            sameNames = entries[i].name == m_entries[i].name;
        if (sameNames) { // keep the selection: update in place
            m_entries = entries;
            if (!m_entries.isEmpty())
                emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
            return;
        }
    }
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

int TopicConfigModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].name == name)
            return i;
    return -1;
}

} // namespace kafkascope
