#include "groups/group_lag.h"

#include <QMap>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace kafkascope {

std::optional<qint64> partitionLag(qint64 committed, qint64 high)
{
    if (committed < 0 || high < 0)
        return std::nullopt;
    return std::max<qint64>(0, high - committed);
}

QList<PartitionLag> joinGroupLag(const QList<PartitionOffset> &committed,
                                 const QList<PartitionOffsets> &watermarks,
                                 const QList<TopicPartition> &alsoRead)
{
    QSet<QString> topics;
    for (const PartitionOffset &c : committed)
        topics.insert(c.topic);
    for (const TopicPartition &tp : alsoRead)
        topics.insert(tp.topic);
    QMap<QPair<QString, int>, PartitionLag> rows;
    for (const PartitionOffsets &w : watermarks) {
        if (!topics.contains(w.topic))
            continue;
        PartitionLag &row = rows[{w.topic, w.partition}];
        row.topic = w.topic;
        row.partition = w.partition;
        row.low = w.low;
        row.high = w.high;
        row.error = w.error;
    }
    for (const TopicPartition &tp : alsoRead) {
        PartitionLag &row = rows[{tp.topic, tp.partition}];
        row.topic = tp.topic;
        row.partition = tp.partition;
    }
    for (const PartitionOffset &c : committed) {
        PartitionLag &row = rows[{c.topic, c.partition}];
        if (row.topic.isEmpty()) { // committed on a partition the cluster no longer has
            row.topic = c.topic;
            row.partition = c.partition;
            row.error = QStringLiteral("partition not in the cluster's metadata");
        }
        row.committed = c.offset;
        if (!c.error.isEmpty())
            row.error = c.error;
    }
    QList<PartitionLag> out;
    out.reserve(rows.size());
    for (PartitionLag &row : rows) {
        row.lag = partitionLag(row.committed, row.high).value_or(-1);
        out.append(std::move(row));
    }
    return out;
}

LagTotals lagTotals(const QList<PartitionLag> &partitions)
{
    LagTotals t;
    for (const PartitionLag &p : partitions) {
        if (!p.hasCommit()) {
            ++t.withoutCommit;
            continue;
        }
        if (p.high < 0) {
            ++t.unknown;
            continue;
        }
        t.lag += std::max<qint64>(0, p.high - p.committed);
        t.committedSum += p.committed;
        t.highSum += p.high;
        ++t.partitions;
        t.maxLagSeconds = std::max(t.maxLagSeconds, p.lagSeconds);
    }
    return t;
}

std::optional<double> counterRate(double t0, qint64 v0, double t1, qint64 v1)
{
    if (t1 <= t0 || v1 < v0)
        return std::nullopt;
    return double(v1 - v0) / (t1 - t0);
}

CatchUp estimateCatchUp(qint64 lag, double consumptionRate, double productionRate)
{
    if (lag <= 0)
        return {true, 0.0};
    const double gain = consumptionRate - productionRate;
    if (gain <= 0 || !std::isfinite(gain))
        return {false, 0.0};
    return {true, double(lag) / gain};
}

QString formatDuration(double seconds)
{
    if (seconds < 0 || !std::isfinite(seconds))
        return QStringLiteral("–");
    const qint64 s = qint64(std::llround(seconds));
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1 m %2 s").arg(s / 60).arg(s % 60);
    if (s < 86400)
        return QStringLiteral("%1 h %2 m").arg(s / 3600).arg((s % 3600) / 60);
    return QStringLiteral("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

} // namespace kafkascope
