#include "models/message_table_model.h"

#include "decoding/record_decoder.h"
#include "messages/jsonl_codec.h"

#include <QDateTime>
#include <algorithm>
#include <QLocale>

namespace kafkascope {

MessageTableModel::MessageTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int MessageTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    // A view indexes rows with int; a larger virtual range shows its first 2^31-1 rows.
    return m_virtual ? int(std::min<qint64>(m_rows, std::numeric_limits<int>::max())) : int(m_list.size());
}

int MessageTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Partition: return tr("Partition");
    case Offset: return tr("Offset");
    case Timestamp: return tr("Timestamp");
    case TimestampKind: return tr("Type");
    case Key: return tr("Key");
    case Value: return tr("Value");
    case Size: return tr("Size");
    case Headers: return tr("Headers");
    default: return {};
    }
}

void MessageTableModel::setRanges(const QList<PartitionRange> &ranges)
{
    beginResetModel();
    m_virtual = true;
    m_list.clear();
    m_ranges = ranges;
    m_firstRow.clear();
    m_rows = 0;
    for (const PartitionRange &r : ranges) {
        m_firstRow.append(m_rows);
        m_rows += r.count();
    }
    m_pages.clear();
    m_pending.clear();
    endResetModel();
}

void MessageTableModel::setMessages(const QList<KafkaMessage> &messages)
{
    beginResetModel();
    m_virtual = false;
    m_ranges.clear();
    m_firstRow.clear();
    m_rows = 0;
    m_pages.clear();
    m_pending.clear();
    m_list = messages;
    endResetModel();
}

void MessageTableModel::appendMessages(const QList<KafkaMessage> &messages, int cap)
{
    if (m_virtual)
        setMessages({});
    if (messages.isEmpty())
        return;
    const qsizetype overflow = m_list.size() + messages.size() - cap;
    if (overflow > 0) {
        const qsizetype drop = std::min(overflow, m_list.size());
        if (drop > 0) {
            beginRemoveRows({}, 0, int(drop - 1));
            m_list.remove(0, drop);
            endRemoveRows();
        }
    }
    const QList<KafkaMessage> tail = messages.size() > cap ? messages.mid(messages.size() - cap) : messages;
    beginInsertRows({}, int(m_list.size()), int(m_list.size() + tail.size() - 1));
    m_list.append(tail);
    endInsertRows();
}

int MessageTableModel::rangeIndexOfRow(int row) const
{
    const auto it = std::upper_bound(m_firstRow.cbegin(), m_firstRow.cend(), qint64(row));
    int i = int(it - m_firstRow.cbegin()) - 1;
    // Skip empty ranges sharing the same first row.
    while (i >= 0 && i < m_ranges.size() && m_ranges[i].count() == 0)
        ++i;
    return i;
}

std::optional<QPair<int, qint64>> MessageTableModel::positionAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return std::nullopt;
    if (!m_virtual)
        return QPair<int, qint64>{m_list[row].partition, m_list[row].offset};
    const int i = rangeIndexOfRow(row);
    if (i < 0 || i >= m_ranges.size())
        return std::nullopt;
    return QPair<int, qint64>{m_ranges[i].partition, m_ranges[i].start + (row - m_firstRow[i])};
}

int MessageTableModel::rowOf(int partition, qint64 offset) const
{
    if (!m_virtual) {
        for (int i = 0; i < m_list.size(); ++i)
            if (m_list[i].partition == partition && m_list[i].offset == offset)
                return i;
        return -1;
    }
    for (int i = 0; i < m_ranges.size(); ++i)
        if (m_ranges[i].partition == partition && offset >= m_ranges[i].start && offset < m_ranges[i].end)
            return int(m_firstRow[i] + (offset - m_ranges[i].start));
    return -1;
}

const MessageTableModel::Page *MessageTableModel::pageFor(int partition, qint64 offset, qint64 *pageFrom) const
{
    for (const PartitionRange &r : m_ranges) {
        if (r.partition != partition)
            continue;
        *pageFrom = r.start + (offset - r.start) / kPageSize * kPageSize;
        auto it = m_pages.find(pageKey(partition, *pageFrom));
        if (it == m_pages.end())
            return nullptr;
        it->lastUse = ++m_useClock;
        return &*it;
    }
    return nullptr;
}

bool MessageTableModel::isLoaded(int row) const
{
    if (!m_virtual)
        return row >= 0 && row < m_list.size();
    const auto pos = positionAt(row);
    qint64 from = 0;
    return pos && pageFor(pos->first, pos->second, &from);
}

const KafkaMessage *MessageTableModel::messageAt(int row) const
{
    if (!m_virtual)
        return row >= 0 && row < m_list.size() ? &m_list[row] : nullptr;
    const auto pos = positionAt(row);
    if (!pos)
        return nullptr;
    qint64 from = 0;
    const Page *page = pageFor(pos->first, pos->second, &from);
    if (!page) {
        const quint64 key = pageKey(pos->first, from);
        if (!m_pending.contains(key)) {
            m_pending.insert(key);
            qint64 end = from + kPageSize;
            for (const PartitionRange &r : m_ranges)
                if (r.partition == pos->first)
                    end = std::min(end, r.end);
            // data() is const for views; asking for a page does not change what rows show.
            emit const_cast<MessageTableModel *>(this)->pageWanted(pos->first, from, end);
        }
        return nullptr;
    }
    const auto it = std::lower_bound(page->messages.cbegin(), page->messages.cend(), pos->second,
                                     [](const KafkaMessage &m, qint64 o) { return m.offset < o; });
    return it != page->messages.cend() && it->offset == pos->second ? &*it : nullptr;
}

void MessageTableModel::addPage(int partition, qint64 from, const QList<KafkaMessage> &messages)
{
    const quint64 key = pageKey(partition, from);
    m_pending.remove(key);
    if (!m_virtual)
        return;
    if (m_pages.size() >= kMaxPages) {
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it)
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        m_pages.erase(oldest);
    }
    m_pages.insert(key, Page{messages, ++m_useClock});
    const int first = rowOf(partition, from);
    if (first < 0)
        return;
    const int last = std::min(rowCount() - 1, first + kPageSize - 1);
    emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void MessageTableModel::refetchAll()
{
    if (!m_virtual || rowCount() == 0)
        return;
    m_pages.clear();
    m_pending.clear();
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void MessageTableModel::forgetPending(int partition, qint64 from)
{
    m_pending.remove(pageKey(partition, from));
}

QString MessageTableModel::preview(const QByteArray &bytes, bool isNull, int maxChars)
{
    if (isNull)
        return QStringLiteral("null");
    // Control characters (a registry frame's leading zero bytes) are valid UTF-8 but no text.
    const QByteArray head = bytes.left(maxChars * 4);
    const bool control = std::any_of(head.cbegin(), head.cend(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\r' && c != '\t';
    });
    if (!control && (jsonl::isValidUtf8(head) || jsonl::isValidUtf8(bytes))) {
        QString text = QString::fromUtf8(bytes.left(maxChars * 4)).left(maxChars);
        text.replace(u'\n', u' ').replace(u'\r', u' ').replace(u'\t', u' ');
        return bytes.size() > maxChars ? text + u'…' : text;
    }
    // Binary: a hex preview says more than replacement characters would.
    return u"0x" + QString::fromLatin1(bytes.left(maxChars / 3).toHex(' ')) + (bytes.size() > maxChars / 3 ? u"…" : u"");
}

// The decoded value where the topic's decoders read one (the tooltip says with what), else the
// bytes; a record that could not be decoded says so first, its bytes after.
QString MessageTableModel::valueText(const KafkaMessage &m, bool tooltip)
{
    const DecodedRecord *d = m.decoded.get();
    const int chars = tooltip ? 1000 : 160;
    if (d && d->valueDecoded) {
        const QString text = preview(d->value, false, chars);
        return tooltip ? d->summary() + u'\n' + text : text;
    }
    const QString raw = preview(m.value, m.valueNull, chars);
    if (d && d->failed())
        return tooltip ? tr("Cannot decode %1\n%2").arg(d->error, raw) : tr("⚠ cannot decode: %1").arg(raw);
    return raw;
}

QVariant MessageTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    if (role == Qt::TextAlignmentRole) {
        const int c = index.column();
        return (c == Partition || c == Offset || c == Size || c == Headers) ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                             : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != DimRole)
        return {};
    const auto pos = positionAt(index.row());
    if (!pos)
        return {};
    const KafkaMessage *m = messageAt(index.row());
    if (role == DimRole)
        return !m || (index.column() == Key && m->keyNull) || (index.column() == Value && m->valueNull);
    if (index.column() == Partition)
        return pos->first;
    if (index.column() == Offset)
        return pos->second;
    if (!m) {
        if (index.column() != Value)
            return {};
        if (!isLoaded(index.row()))
            return tr("loading…");
        return tr("(no record at this offset: compacted away or a transaction marker)");
    }
    switch (index.column()) {
    case Timestamp:
        if (m->timestamp < 0)
            return QString();
        return QDateTime::fromMSecsSinceEpoch(m->timestamp).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    case TimestampKind:
        return m->timestampType == TimestampType::LogAppendTime ? tr("Log append")
               : m->timestampType == TimestampType::CreateTime  ? tr("Create")
                                                                 : QString();
    case Key:
        if (m->decoded && m->decoded->keyDecoded)
            return preview(m->decoded->key, false, role == Qt::ToolTipRole ? 1000 : 80);
        return preview(m->key, m->keyNull, role == Qt::ToolTipRole ? 1000 : 80);
    case Value:
        return valueText(*m, role == Qt::ToolTipRole);
    case Size:
        return role == Qt::ToolTipRole ? tr("%1 bytes of key and value").arg(m->size()) : QLocale().formattedDataSize(m->size());
    case Headers:
        return m->headers.size();
    }
    return {};
}

} // namespace kafkascope
