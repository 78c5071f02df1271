#include "models/topic_config_model.h"

#include "topics/topic_validation.h"

#include <QBrush>
#include <QFont>
#include <QLocale>
#include <limits>

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
QString count(qint64 n, const char *one, const char *many)
{
    return QLocale().toString(n) + u' ' + QLatin1String(n == 1 ? one : many);
}

QString humanDuration(qint64 ms)
{
    struct Unit { qint64 ms; const char *one, *many; };
    static constexpr Unit units[] = {{86400000, "day", "days"}, {3600000, "hour", "hours"},
                                     {60000, "minute", "minutes"}, {1000, "second", "seconds"}};
    for (const Unit &u : units)
        if (ms >= u.ms && ms % u.ms == 0)
            return count(ms / u.ms, u.one, u.many);
    for (const Unit &u : units) // not a whole number of any unit: near enough, and says so
        if (ms >= u.ms)
            return u'≈' + QLocale().toString(double(ms) / double(u.ms), 'f', 1) + u' ' + QLatin1String(u.many);
    return QLocale().toString(ms) + QStringLiteral(" ms");
}

QString humanSize(qint64 bytes)
{
    static const char *names[] = {"TiB", "GiB", "MiB", "KiB"};
    static constexpr qint64 factors[] = {1LL << 40, 1LL << 30, 1LL << 20, 1LL << 10};
    for (int i = 0; i < 4; ++i)
        if (bytes >= factors[i] && bytes % factors[i] == 0)
            return QLocale().toString(bytes / factors[i]) + u' ' + QLatin1String(names[i]);
    for (int i = 0; i < 4; ++i)
        if (bytes >= factors[i])
            return u'≈' + QLocale().toString(double(bytes) / double(factors[i]), 'f', 1) + u' ' + QLatin1String(names[i]);
    return count(bytes, "byte", "bytes");
}
} // namespace

QString TopicConfigModel::humanValue(const ConfigEntry &e)
{
    if (e.sensitive)
        return tr("(hidden: sensitive)");
    if (!e.hasValue)
        return tr("(not set)");
    bool ok = false;
    const qint64 n = e.value.toLongLong(&ok);
    if (!ok)
        return e.value;
    const bool duration = e.name.endsWith(u".ms"), size = e.name.endsWith(u".bytes");
    if (!duration && !size)
        return e.value;
    // Kafka spells "no limit" as -1 or as Java's Long.MAX_VALUE.
    if (n == std::numeric_limits<qint64>::max())
        return duration ? tr("forever") : tr("unlimited");
    if (n < 0)
        return tr("unlimited");
    if (n == 0)
        return duration ? tr("0 ms") : tr("0 bytes");
    return duration ? humanDuration(n) : humanSize(n);
}

QVariant TopicConfigModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConfigEntry &e = m_entries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name: return e.name;
        case Value: return humanValue(e);
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
    if (role == Qt::ToolTipRole && index.column() == Value && e.hasValue && !e.sensitive)
        return tr("%1 = %2 (as the broker reports it)").arg(e.name, e.value); // the raw value
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
