#include "models/topic_table_model.h"
#include "status_badge.h"

#include "topics/queue_topics.h"
#include "topics/topic_validation.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <numeric>

namespace kafkascope {

TopicTableModel::TopicTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int TopicTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_topics.size());
}

int TopicTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QModelIndex TopicTableModel::index(int row, int column, const QModelIndex &parent) const
{
    const bool inside = !parent.isValid() && row >= 0 && row < m_topics.size() && column >= 0 && column < ColumnCount;
    return inside ? createIndex(row, column) : QModelIndex();
}

QVariant TopicTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name: return tr("Topic");
        case Partitions: return tr("Partitions");
        case ReplicationFactor: return tr("RF");
        case UnderReplicated: return tr("Under-replicated");
        case Offline: return tr("Offline");
        case Messages: return tr("Messages (approx.)");
        case Retention: return tr("Retention");
        case CleanupPolicy: return tr("Cleanup");
        case GroupLag: return tr("Group lag");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ReplicationFactor: return tr("Replication factor");
        case Messages: return tr("Sum over partitions of high minus low watermark; compacted topics and "
                                 "transaction markers make it an upper bound.");
        case Retention: return tr("retention.ms / retention.bytes");
        case CleanupPolicy: return tr("cleanup.policy");
        case GroupLag: return tr("Total lag of the consumer groups reading the topic (high watermark minus "
                                 "committed offset, summed over groups and partitions)");
        default: return {};
        }
    }
    return {};
}

std::optional<qint64> TopicTableModel::summed(const TopicInfo &t, const QHash<QString, qint64> &values, bool allowPartial) const
{
    const auto members = m_members.constFind(t.name);
    if (members == m_members.cend()) {
        const auto it = values.constFind(t.name);
        return it == values.cend() ? std::nullopt : std::optional<qint64>(*it);
    }
    qint64 sum = 0;
    bool any = false;
    for (const QString &m : *members) {
        const auto it = values.constFind(m);
        if (it == values.cend()) {
            if (!allowPartial)
                return std::nullopt;
            continue;
        }
        sum += *it;
        any = true;
    }
    return any ? std::optional<qint64>(sum) : std::nullopt;
}

QVariant TopicTableModel::display(const TopicInfo &t, int column) const
{
    switch (column) {
    case Name: {
        const auto members = m_members.constFind(t.name);
        return members == m_members.cend() ? t.name : tr("%1  (queue, %n topic(s))", nullptr, int(members->size())).arg(t.name);
    }
    case Partitions: return int(t.partitions.size());
    case ReplicationFactor: return t.replicationFactor();
    case UnderReplicated: return t.underReplicatedCount();
    case Offline: return t.offlineCount();
    case Messages: {
        const auto n = summed(t, m_counts, false);
        return n ? QLocale().toString(*n) : QStringLiteral("…");
    }
    case Retention: {
        const auto it = m_configs.constFind(t.name);
        if (it == m_configs.cend() || it->retentionMs == -2)
            return m_configUnavailable.isEmpty() ? QStringLiteral("…") : QStringLiteral("n/a");
        QString text = topic_validation::formatDurationMs(it->retentionMs);
        if (it->retentionBytes >= 0)
            text += QStringLiteral(" / ") + topic_validation::formatSizeBytes(it->retentionBytes);
        return text;
    }
    case CleanupPolicy: {
        const auto it = m_configs.constFind(t.name);
        if (it == m_configs.cend() || it->cleanupPolicy.isEmpty())
            return m_configUnavailable.isEmpty() ? QStringLiteral("…") : QStringLiteral("n/a");
        return it->cleanupPolicy;
    }
    case GroupLag: {
        const auto lag = summed(t, m_groupLag, true);
        return lag ? QLocale().toString(*lag) : QString();
    }
    default: return {};
    }
}

QVariant TopicTableModel::sortKey(const TopicInfo &t, int column) const
{
    switch (column) {
    case Name: return t.name;
    case Messages: return summed(t, m_counts, false).value_or(-1);
    case Retention: return m_configs.value(t.name).retentionMs == -1 ? std::numeric_limits<qint64>::max()
                                                                     : m_configs.value(t.name).retentionMs;
    case CleanupPolicy: return m_configs.value(t.name).cleanupPolicy;
    case GroupLag: return summed(t, m_groupLag, true).value_or(-1);
    default: return display(t, column);
    }
}

QVariant TopicTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TopicInfo &t = m_topics.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(t, index.column());
    case SortRole: return sortKey(t, index.column());
    case InternalRole: return t.internal();
    case Qt::TextAlignmentRole:
        if ((index.column() >= Partitions && index.column() <= Messages) || index.column() == GroupLag)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if ((index.column() == UnderReplicated && t.underReplicatedCount() > 0)
            || (index.column() == Offline && t.offlineCount() > 0) || (index.column() == Name && !t.error.isEmpty()))
            return QBrush(StatusBadge::color(StatusBadge::Tone::Bad));
        if (index.column() == Name && t.internal())
            return QBrush(QColor(0x80, 0x80, 0x80));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Name && !t.error.isEmpty())
            return t.error;
        if (index.column() == Name && m_members.contains(t.name))
            return tr("One logical queue spread over topics named by partition:\n%1").arg(m_members.value(t.name).join(u'\n'));
        if ((index.column() == Retention || index.column() == CleanupPolicy) && !m_configUnavailable.isEmpty())
            return m_configUnavailable;
        return {};
    default: return {};
    }
}

int TopicTableModel::rowOf(const QString &topicName) const
{
    const QString name = m_queueOf.value(topicName, topicName); // a queue's topic: the queue's row
    const auto it = std::lower_bound(m_topics.cbegin(), m_topics.cend(), name,
                                     [](const TopicInfo &t, const QString &n) { return t.name < n; });
    return (it != m_topics.cend() && it->name == name) ? int(it - m_topics.cbegin()) : -1;
}

QStringList TopicTableModel::names() const
{
    QStringList out;
    out.reserve(m_raw.size());
    for (const TopicInfo &t : m_raw) // every topic, queues or not
        out.append(t.name);
    return out;
}

QStringList TopicTableModel::topicsAt(int row) const
{
    const QString &name = m_topics.at(row).name;
    return m_members.contains(name) ? m_members.value(name) : QStringList{name};
}

void TopicTableModel::setGroupQueues(bool on)
{
    if (on == m_groupQueues)
        return;
    m_groupQueues = on;
    rowsChanged();
    beginResetModel();
    m_topics = grouped(m_raw);
    endResetModel();
}

QList<TopicInfo> TopicTableModel::grouped(const QList<TopicInfo> &topics)
{
    m_members.clear();
    m_queueOf.clear();
    if (!m_groupQueues)
        return topics;
    QStringList names;
    for (const TopicInfo &t : topics)
        names << t.name;
    const QHash<QString, QStringList> groups = queueGroups(names);
    QHash<QString, TopicInfo> queues;
    QList<TopicInfo> out;
    for (const TopicInfo &t : topics) {
        const QString base = queueBaseOf(t.name);
        if (base.isEmpty() || !groups.contains(base)) {
            out.append(t);
            continue;
        }
        const QString row = queueRowName(base);
        m_queueOf.insert(t.name, row);
        TopicInfo &q = queues[row];
        q.name = row;
        q.partitions += t.partitions; // counts, replication and health add up over the topics
        if (!t.error.isEmpty())
            q.error += (q.error.isEmpty() ? QString() : QStringLiteral("\n")) + t.name + QStringLiteral(": ") + t.error;
    }
    for (auto it = groups.cbegin(); it != groups.cend(); ++it)
        m_members.insert(queueRowName(it.key()), it.value());
    out.append(queues.values());
    std::sort(out.begin(), out.end(), [](const TopicInfo &a, const TopicInfo &b) { return a.name < b.name; });
    return out;
}

void TopicTableModel::setTopics(const QList<TopicInfo> &raw)
{
    // Rows stay in name order, as metadata snapshots come: rowOf() and the merge rely on it.
    Q_ASSERT(std::is_sorted(raw.cbegin(), raw.cend(), [](const TopicInfo &a, const TopicInfo &b) { return a.name < b.name; }));
    m_raw = raw;
    applyList(grouped(m_raw));
}

std::vector<int> TopicTableModel::rowsAfter(const QList<TopicInfo> &topics) const
{
    // Both lists are in name order: one merge, no hash of 100,000 names.
    std::vector<int> after(size_t(m_topics.size()), -1);
    qsizetype j = 0;
    for (qsizetype r = 0; r < m_topics.size(); ++r) {
        const QString &name = m_topics[r].name;
        for (; j < topics.size(); ++j) {
            const int order = topics[j].name.compare(name); // one comparison decides both
            if (order == 0)
                after[size_t(r)] = int(j++);
            if (order >= 0)
                break;
        }
    }
    return after;
}

void TopicTableModel::applyList(const QList<TopicInfo> &topics)
{
    rowsChanged();
    const std::vector<int> after = rowsAfter(topics);
    const qsizetype kept = std::count_if(after.cbegin(), after.cend(), [](int row) { return row >= 0; });
    const qsizetype gone = m_topics.size() - kept;
    const qsizetype arrived = topics.size() - kept;
    // A sorting proxy does work in proportion to all rows for every row signal: past a
    // dozen arrivals and departures, one layout change (a single re-sort) is cheaper.
    constexpr qsizetype kMaxRowChanges = 16;
    if (gone + arrived > kMaxRowChanges && !m_topics.isEmpty() && !topics.isEmpty()) {
        replaceInOneLayoutChange(topics, after);
        return;
    }
    // 1. Remove topics that are gone, contiguous runs from the bottom up.
    for (int row = int(m_topics.size()) - 1; row >= 0;) {
        if (after[size_t(row)] >= 0) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && after[size_t(first - 1)] < 0)
            --first;
        beginRemoveRows({}, first, row);
        m_topics.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    // 2. What is left is an ordered subsequence of `topics`: insert the new ones in runs.
    int row = 0;
    for (qsizetype j = 0; j < topics.size();) {
        if (row < m_topics.size() && m_topics.at(row).name == topics[j].name) { // at(): no detach
            ++row;
            ++j;
            continue;
        }
        qsizetype end = j;
        while (end < topics.size() && !(row < m_topics.size() && m_topics.at(row).name == topics[end].name))
            ++end;
        beginInsertRows({}, row, row + int(end - j) - 1);
        m_topics.insert(row, end - j, TopicInfo{});
        for (qsizetype k = j; k < end; ++k)
            m_topics[row + (k - j)] = topics[k];
        endInsertRows();
        row += int(end - j);
        j = end;
    }
    // 3. Same names in the same order now: update changed rows, one dataChanged for the span.
    int firstChanged = -1, lastChanged = -1;
    for (int r = 0; r < m_topics.size(); ++r) {
        if (m_topics.at(r) == topics[r]) // m_topics may share the snapshot: copy only on a change
            continue;
        m_topics[r] = topics[r];
        if (firstChanged < 0)
            firstChanged = r;
        lastChanged = r;
    }
    if (firstChanged >= 0)
        emit dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
}

void TopicTableModel::replaceInOneLayoutChange(const QList<TopicInfo> &topics, const std::vector<int> &rowAfter)
{
    emit layoutAboutToBeChanged();
    // Persistent indexes (selection, current row) follow their topic; a gone topic's lapse.
    const QModelIndexList before = persistentIndexList();
    QModelIndexList moved;
    moved.reserve(before.size());
    m_topics = topics;
    for (const QModelIndex &i : before) {
        const int row = rowAfter[size_t(i.row())];
        moved.append(row < 0 ? QModelIndex() : index(row, i.column()));
    }
    changePersistentIndexList(before, moved);
    emit layoutChanged();
}

const std::vector<int> &TopicTableModel::nameRanks() const
{
    if (m_nameRanks.size() == size_t(m_topics.size()))
        return m_nameRanks;
    m_nameRanks.resize(size_t(m_topics.size()));
    // Rows are in name order and names are distinct. Names without upper case or non-ASCII
    // letters fold to themselves, so then that order is the case-insensitive one too, and a
    // scan of the characters replaces 100,000 case-folding comparisons.
    const auto foldsToItself = [](const QString &name) {
        return std::none_of(name.cbegin(), name.cend(), [](QChar c) { return c.unicode() >= 0x80 || (c >= u'A' && c <= u'Z'); });
    };
    if (std::all_of(m_topics.cbegin(), m_topics.cend(), [&](const TopicInfo &t) { return foldsToItself(t.name); })) {
        std::iota(m_nameRanks.begin(), m_nameRanks.end(), 0);
        return m_nameRanks;
    }
    // Mixed case: sort once per snapshot, not once per sort; names equal but for case share a rank.
    const auto compare = [&](int a, int b) { return m_topics.at(a).name.compare(m_topics.at(b).name, Qt::CaseInsensitive); };
    std::vector<int> order(size_t(m_topics.size()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return compare(a, b) < 0; });
    m_nameRanks[size_t(order.front())] = 0;
    for (size_t i = 1; i < order.size(); ++i)
        m_nameRanks[size_t(order[i])] = compare(order[i - 1], order[i]) == 0 ? m_nameRanks[size_t(order[i - 1])] : int(i);
    return m_nameRanks;
}

bool TopicTableModel::sortsBefore(int a, int b, int column) const
{
    // Strings compare as the proxy compares them (case-insensitively); names through ranks.
    if (column == Name) {
        const std::vector<int> &rank = nameRanks();
        return rank[size_t(a)] < rank[size_t(b)];
    }
    if (column == CleanupPolicy)
        return m_configs.value(m_topics.at(a).name).cleanupPolicy.compare(
                   m_configs.value(m_topics.at(b).name).cleanupPolicy, Qt::CaseInsensitive) < 0;
    if (m_numericKeysColumn != column || m_numericKeys.size() != size_t(m_topics.size())) {
        m_numericKeys.resize(size_t(m_topics.size()));
        for (qsizetype r = 0; r < m_topics.size(); ++r)
            m_numericKeys[size_t(r)] = sortKey(m_topics.at(r), column).toLongLong();
        m_numericKeysColumn = column;
    }
    return m_numericKeys[size_t(a)] < m_numericKeys[size_t(b)];
}

void TopicTableModel::setMessageCounts(const QHash<QString, qint64> &counts)
{
    keysChanged();
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        m_counts.insert(it.key(), it.value());
    if (!m_topics.isEmpty())
        emit dataChanged(index(0, Messages), index(rowCount() - 1, Messages));
}

void TopicTableModel::setGroupLag(const QHash<QString, qint64> &lag)
{
    if (lag == m_groupLag)
        return;
    keysChanged();
    m_groupLag = lag;
    if (!m_topics.isEmpty())
        emit dataChanged(index(0, GroupLag), index(rowCount() - 1, GroupLag));
}

void TopicTableModel::setConfigSummaries(const QHash<QString, TopicConfigSummary> &summaries)
{
    keysChanged();
    for (auto it = summaries.cbegin(); it != summaries.cend(); ++it)
        m_configs.insert(it.key(), it.value());
    if (!m_topics.isEmpty())
        emit dataChanged(index(0, Retention), index(rowCount() - 1, CleanupPolicy));
}

void TopicTableModel::setConfigUnavailable(const QString &reason)
{
    m_configUnavailable = reason;
    if (!m_topics.isEmpty())
        emit dataChanged(index(0, Retention), index(rowCount() - 1, CleanupPolicy));
}

} // namespace kafkascope
