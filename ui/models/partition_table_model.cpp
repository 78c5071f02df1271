#include "models/partition_table_model.h"
#include "status_badge.h"

#include <QColor>
#include <QLocale>

namespace kafkascope {

namespace {
QString idList(const QList<int> &ids)
{
    QStringList out;
    for (int id : ids)
        out << QString::number(id);
    return out.join(u", ");
}
} // namespace

PartitionTableModel::PartitionTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void PartitionTableModel::setData(const TopicInfo &topic, const QList<PartitionOffsetState> &offsets)
{
    QHash<int, const PartitionOffsetState *> byPartition;
    for (const PartitionOffsetState &o : offsets)
        if (o.topic == topic.name)
            byPartition.insert(o.partition, &o);
    QList<Row> rows;
    rows.reserve(topic.partitions.size());
    for (const PartitionInfo &p : topic.partitions) {
        Row r{p, {}, false};
        if (const PartitionOffsetState *o = byPartition.value(p.id)) {
            r.offsets = *o;
            r.hasOffsets = true;
        }
        rows.append(r);
    }
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.info.id < b.info.id; });

    bool sameShape = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameShape && i < rows.size(); ++i)
        sameShape = rows[i].info.id == m_rows[i].info.id;
    if (!sameShape) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    m_rows = rows;
    if (!m_rows.isEmpty()) // every row may change each refresh: one notification for all
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void PartitionTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int PartitionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PartitionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const PartitionOffsetState *PartitionTableModel::offsetsAt(int row) const
{
    if (row < 0 || row >= m_rows.size() || !m_rows[row].hasOffsets)
        return nullptr;
    return &m_rows[row].offsets;
}

QVariant PartitionTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const Row &r = m_rows[index.row()];
    const PartitionOffsetState &o = r.offsets;
    const bool valid = r.hasOffsets && o.error.isEmpty();
    const QString problem = r.hasOffsets ? o.error : (r.info.offline() ? tr("leader unknown: the partition is offline")
                                                                       : QString());
    const QLocale locale;

    if (role == SortRole) {
        switch (index.column()) {
        case Partition: return r.info.id;
        case Leader: return r.info.leader;
        case Replicas: return int(r.info.replicas.size());
        case Isr: return int(r.info.isr.size());
        case Low: return valid ? o.low : -1;
        case High: return valid ? o.high : -1;
        case Messages: return valid ? o.count() : -1;
        case Rate: return valid && o.hasRate() ? o.rate : -1.0;
        case Status: return problem;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Partition: return r.info.id;
        case Leader: return r.info.leader < 0 ? tr("none") : QString::number(r.info.leader);
        case Replicas: return idList(r.info.replicas);
        case Isr: return idList(r.info.isr);
        case Low: return valid ? locale.toString(o.low) : QStringLiteral("–");
        case High: return valid ? locale.toString(o.high) : QStringLiteral("–");
        case Messages: return valid ? locale.toString(o.count()) : QStringLiteral("–");
        case Rate: return valid && o.hasRate() ? locale.toString(o.rate, 'f', 1) : QStringLiteral("–");
        case Status:
            if (!problem.isEmpty())
                return problem;
            if (!r.hasOffsets)
                return tr("waiting for the first refresh");
            if (o.restarted)
                return tr("offsets went back: topic recreated, rate restarted");
            if (r.info.underReplicated())
                return tr("under-replicated");
            return tr("OK");
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != Replicas && index.column() != Isr
        && index.column() != Status)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole) {
        if (!problem.isEmpty())
            return StatusBadge::color(StatusBadge::Tone::Bad);
        if (index.column() == Isr && r.info.underReplicated())
            return QColor(0xc0, 0x6a, 0x00);
    }
    if (role == Qt::ToolTipRole && !problem.isEmpty())
        return problem;
    return {};
}

QVariant PartitionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Partition: return tr("Partition");
    case Leader: return tr("Leader");
    case Replicas: return tr("Replicas");
    case Isr: return tr("ISR");
    case Low: return tr("Low watermark");
    case High: return tr("High watermark");
    case Messages: return tr("Messages");
    case Rate: return tr("Rate (msg/s)");
    case Status: return tr("Status");
    }
    return {};
}

void PartitionTableModel::setTopic(const TopicInfo &topic, const QList<PartitionOffsets> &offsets)
{
    QList<PartitionOffsetState> states;
    states.reserve(offsets.size());
    for (const PartitionOffsets &o : offsets) {
        PartitionOffsetState st;
        st.topic = o.topic;
        st.partition = o.partition;
        st.low = o.low;
        st.high = o.high;
        st.error = o.error;
        states.append(st);
    }
    setData(topic, states);
}

} // namespace kafkascope
