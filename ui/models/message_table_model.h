#pragma once
// The browser's table: a virtual view over millions of records that holds only the pages
// fetched so far (an LRU of 500-record pages) and asks for missing ones as rows are shown;
// or a plain list (live tail, filter results). Rows of the virtual view are the offsets of
// each partition's range, partition after partition.

#include "messages/kafka_message.h"
#include "messages/message_reader.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <optional>

namespace kafkascope {

class MessageTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Partition, Offset, Timestamp, TimestampKind, Key, Value, Size, Headers, ColumnCount };
    // True for placeholders (loading, null key/value): views draw them dimmed.
    static constexpr int DimRole = Qt::UserRole + 1;
    static constexpr int kPageSize = 500;
    static constexpr int kMaxPages = 400; // 200,000 records at most in memory

    explicit MessageTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Virtual mode over these ranges (drops every cached page).
    void setRanges(const QList<PartitionRange> &ranges);
    const QList<PartitionRange> &ranges() const { return m_ranges; }
    // List mode.
    void setMessages(const QList<KafkaMessage> &messages);
    // List mode: appends, dropping the oldest rows beyond `cap`.
    void appendMessages(const QList<KafkaMessage> &messages, int cap);
    bool isVirtual() const { return m_virtual; }

    // A fetched page of [from, from + kPageSize) of `partition` (or an empty one on failure).
    void addPage(int partition, qint64 from, const QList<KafkaMessage> &messages);
    // A request that was dropped or failed: ask again when the rows are shown again.
    void forgetPending(int partition, qint64 from);
    // Virtual mode: drops every fetched page (and what was asked for) without a reset, so the
    // selection stays and the rows shown are fetched again (after the decoders changed).
    void refetchAll();
    int cachedPageCount() const { return int(m_pages.size()); }

    // The record of a row, or null while its page is not loaded (or no record has the offset).
    const KafkaMessage *messageAt(int row) const;
    // partition/offset of a row in virtual mode or of the record in list mode.
    std::optional<QPair<int, qint64>> positionAt(int row) const;
    int rowOf(int partition, qint64 offset) const; // -1 when not shown
    // Whether the row's page has been fetched (in list mode always).
    bool isLoaded(int row) const;

    static QString preview(const QByteArray &bytes, bool isNull, int maxChars = 160);
    static QString valueText(const KafkaMessage &message, bool tooltip);

signals:
    // A row of a page not yet fetched was shown: fetch [from, to) of the partition.
    void pageWanted(int partition, qint64 from, qint64 to);

private:
    struct Page
    {
        QList<KafkaMessage> messages; // ascending offsets
        quint64 lastUse = 0;
    };
    static quint64 pageKey(int partition, qint64 from) { return (quint64(quint32(partition)) << 48) ^ quint64(from); }
    int rangeIndexOfRow(int row) const;
    const Page *pageFor(int partition, qint64 offset, qint64 *pageFrom) const;

    bool m_virtual = true;
    QList<PartitionRange> m_ranges;
    QList<qint64> m_firstRow; // first row of each range
    qint64 m_rows = 0;
    mutable QHash<quint64, Page> m_pages;
    mutable QSet<quint64> m_pending;
    mutable quint64 m_useClock = 0;
    QList<KafkaMessage> m_list;
};

} // namespace kafkascope
