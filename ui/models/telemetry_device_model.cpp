#include "models/telemetry_device_model.h"
#include "status_badge.h"

#include <QColor>
#include <QDateTime>
#include <QMimeData>
#include <cmath>

namespace kafkascope {

const QString TelemetryDeviceModel::kMimeType = QStringLiteral("application/x-kafkascope-telemetry-keys");

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("–");
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    const qint64 s = ms / 1000;
    if (s < 60)
        return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', s < 10 ? 1 : 0);
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    if (s < 86400)
        return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    return QStringLiteral("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

QString formatValue(double v, bool boolean)
{
    if (boolean)
        return v != 0 ? QStringLiteral("true") : QStringLiteral("false");
    return QString::number(v, 'g', 8);
}

TelemetryDeviceModel::TelemetryDeviceModel(std::shared_ptr<TelemetryStore> store, QObject *parent)
    : QAbstractItemModel(parent), m_store(std::move(store))
{
}

void TelemetryDeviceModel::setStaleMs(qint64 ms)
{
    m_staleMs = ms;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void TelemetryDeviceModel::refresh(qint64 nowMs)
{
    m_now = nowMs;
    const quint64 generation = m_store->generation();
    QList<DeviceSummary> devices = m_store->devices();
    if (generation != m_generation || devices.size() < m_rows.size()) {
        beginResetModel();
        m_rows.clear();
        m_generation = generation;
        endResetModel();
    }
    // Existing devices: new keys appended, values updated; then new devices appended.
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        DeviceRow &row = m_rows[i];
        row.summary = devices[i];
        QList<KeySummary> keys = m_store->keys(row.summary.index);
        const QModelIndex parent = createIndex(int(i), 0, quintptr(0));
        if (keys.size() > row.keys.size()) {
            beginInsertRows(parent, int(row.keys.size()), int(keys.size()) - 1);
            row.keys = keys;
            endInsertRows();
        } else {
            row.keys = keys;
        }
        if (!row.keys.isEmpty())
            emit dataChanged(index(0, 0, parent), index(int(row.keys.size()) - 1, ColumnCount - 1, parent));
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    if (devices.size() > m_rows.size()) {
        beginInsertRows({}, int(m_rows.size()), int(devices.size()) - 1);
        for (qsizetype i = m_rows.size(); i < devices.size(); ++i)
            m_rows.append({devices[i], m_store->keys(devices[i].index)});
        endInsertRows();
    }
}

bool TelemetryDeviceModel::isStale(const DeviceSummary &d) const
{
    return d.lastDataMs > 0 && m_now - d.lastDataMs > m_staleMs;
}

QModelIndex TelemetryDeviceModel::deviceIndex(const QString &device) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].summary.name == device)
            return createIndex(int(i), 0, quintptr(0));
    return {};
}

QModelIndex TelemetryDeviceModel::keyIndex(const QString &device, const QString &key) const
{
    const QModelIndex d = deviceIndex(device);
    if (!d.isValid())
        return {};
    const auto &keys = m_rows[d.row()].keys;
    for (qsizetype i = 0; i < keys.size(); ++i)
        if (keys[i].name == key)
            return createIndex(int(i), 0, quintptr(d.row()) + 1);
    return {};
}

QModelIndex TelemetryDeviceModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_rows.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= m_rows.size())
        return {};
    return row < m_rows[parent.row()].keys.size() ? createIndex(row, column, quintptr(parent.row()) + 1) : QModelIndex();
}

QModelIndex TelemetryDeviceModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int TelemetryDeviceModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.internalId() != 0 || parent.column() != 0 || parent.row() >= m_rows.size())
        return 0;
    return int(m_rows[parent.row()].keys.size());
}

int TelemetryDeviceModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant TelemetryDeviceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == 0)
        return index.row() < m_rows.size() ? deviceData(m_rows[index.row()], index.column(), role) : QVariant();
    const qsizetype d = qsizetype(index.internalId() - 1);
    if (d >= m_rows.size() || index.row() >= m_rows[d].keys.size())
        return {};
    return keyData(m_rows[d], m_rows[d].keys[index.row()], index.column(), role);
}

QVariant TelemetryDeviceModel::deviceData(const DeviceRow &row, int column, int role) const
{
    const DeviceSummary &d = row.summary;
    const qint64 silent = d.lastDataMs > 0 ? std::max<qint64>(0, m_now - d.lastDataMs) : -1;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Name: return d.name;
        case Latest: return tr("%n key(s)", nullptr, d.keyCount);
        case Messages: return QLocale().toString(d.messages);
        case Rate:
            if (std::isnan(d.rate)) // one message, or all at one time: no rate to stand behind
                return QStringLiteral("–");
            return QStringLiteral("%1/s").arg(d.rate, 0, 'f', d.rate < 10 ? 2 : 1);
        case LastSeen:
            return d.lastDataMs > 0 ? QDateTime::fromMSecsSinceEpoch(d.lastDataMs).toString(QStringLiteral("HH:mm:ss.zzz"))
                                    : QStringLiteral("–");
        case SilentFor: return formatDuration(silent);
        case Gaps: return d.gaps;
        case Errors: return QLocale().toString(d.errors);
        default: return {};
        }
    case SortRole:
        switch (column) {
        case Name: return d.name;
        case Latest: return d.keyCount;
        case Messages: return d.messages;
        case Rate: return std::isnan(d.rate) ? -1.0 : d.rate;
        case LastSeen: return d.lastDataMs;
        case SilentFor: return silent;
        case Gaps: return d.gaps;
        case Errors: return d.errors;
        default: return {};
        }
    case Qt::ToolTipRole:
        if (isStale(d))
            return tr("Stale: no data for %1 (stale after %2)").arg(formatDuration(silent), formatDuration(m_staleMs));
        if (column == Gaps && d.gaps > 0)
            return tr("%n silence(s) longer than %1; longest %2", nullptr, d.gaps)
                .arg(formatDuration(m_staleMs), formatDuration(d.longestGapMs));
        if (column == Errors && d.errors > 0)
            return tr("Messages naming this device that could not be decoded; see Decode errors below.");
        return d.topic.isEmpty() ? QVariant() : QVariant(tr("From %1").arg(d.topic));
    case Qt::ForegroundRole:
        if (column == Errors && d.errors > 0)
            return StatusBadge::color(StatusBadge::Tone::Bad);
        if (isStale(d))
            return QColor(0xa0, 0x5a, 0x00);
        return {};
    case Qt::BackgroundRole:
        return isStale(d) ? QVariant(QColor(0xff, 0xf1, 0xd6)) : QVariant();
    case Qt::TextAlignmentRole:
        return column >= Messages ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case DeviceRole: return d.name;
    case StaleRole: return isStale(d);
    default: return {};
    }
}

QVariant TelemetryDeviceModel::keyData(const DeviceRow &row, const KeySummary &k, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        if (column == Name)
            return k.name;
        if (column == Latest)
            return k.points ? formatValue(k.lastValue, k.boolean) : QStringLiteral("–");
        if (column == Messages)
            return tr("%L1 pts").arg(qulonglong(k.points));
        if (column == LastSeen && k.points)
            return QDateTime::fromMSecsSinceEpoch(qint64(k.lastTime * 1000.0)).toString(QStringLiteral("HH:mm:ss.zzz"));
        return {};
    case SortRole:
        return column == Latest ? QVariant(k.lastValue) : column == Messages ? QVariant(qulonglong(k.points)) : QVariant(k.name);
    case SparklineRole:
        if (column != Trend)
            return {};
        return QVariant::fromValue(m_store->tail(row.summary.index, k.index, sparklinePoints()));
    case Qt::ToolTipRole:
        return tr("Drag onto a chart pane, or double-click to chart in the last pane");
    case Qt::TextAlignmentRole:
        return column == Latest || column >= Messages ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case DeviceRole: return row.summary.name;
    case KeyRole: return k.name;
    default: return {};
    }
}

QVariant TelemetryDeviceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {QT_TR_NOOP("Device / key"), QT_TR_NOOP("Latest"), QT_TR_NOOP("Trend"),
                                        QT_TR_NOOP("Messages"),     QT_TR_NOOP("Rate"),   QT_TR_NOOP("Last seen"),
                                        QT_TR_NOOP("Silent for"),   QT_TR_NOOP("Gaps"),   QT_TR_NOOP("Errors")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

Qt::ItemFlags TelemetryDeviceModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
}

QStringList TelemetryDeviceModel::mimeTypes() const
{
    return {kMimeType};
}

QMimeData *TelemetryDeviceModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList lines;
    for (const QModelIndex &i : indexes) {
        if (i.column() != 0)
            continue;
        const QString device = i.data(DeviceRole).toString();
        if (i.internalId() != 0) {
            lines << device + QLatin1Char('\t') + i.data(KeyRole).toString();
        } else if (i.row() < m_rows.size()) { // a whole device: all its keys
            for (const KeySummary &k : m_rows[i.row()].keys)
                lines << device + QLatin1Char('\t') + k.name;
        }
    }
    lines.removeDuplicates();
    auto *mime = new QMimeData;
    mime->setData(kMimeType, lines.join(QLatin1Char('\n')).toUtf8());
    mime->setText(lines.join(QLatin1Char('\n')).replace(QLatin1Char('\t'), QLatin1Char('/')));
    return mime;
}

QList<QPair<QString, QString>> TelemetryDeviceModel::decodeMime(const QMimeData *mime)
{
    QList<QPair<QString, QString>> out;
    if (!mime || !mime->hasFormat(kMimeType))
        return out;
    const QStringList lines = QString::fromUtf8(mime->data(kMimeType)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const qsizetype tab = line.indexOf(QLatin1Char('\t'));
        if (tab > 0)
            out.append({line.left(tab), line.mid(tab + 1)});
    }
    return out;
}

} // namespace kafkascope
