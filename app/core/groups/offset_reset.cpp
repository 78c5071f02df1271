#include "groups/offset_reset.h"

#include <QHash>

namespace kafkascope {

QList<ResetRow> planOffsetReset(QList<ResetRow> rows, const ResetSpec &spec,
                                const QList<PartitionOffsets> &atTimestamp)
{
    QHash<QPair<QString, int>, PartitionOffsets> found;
    for (const PartitionOffsets &p : atTimestamp)
        found.insert({p.topic, p.partition}, p);
    for (ResetRow &r : rows) {
        r.target = -1;
        r.note.clear();
        if (!r.error.isEmpty())
            continue;
        if (r.low < 0 || r.high < 0) {
            r.error = QStringLiteral("watermarks unknown (leader unavailable?)");
            continue;
        }
        switch (spec.target) {
        case ResetTarget::Earliest:
            r.target = r.low;
            break;
        case ResetTarget::Latest:
            r.target = r.high;
            break;
        case ResetTarget::Timestamp: {
            const auto it = found.constFind({r.topic, r.partition});
            if (it == found.cend())
                r.error = QStringLiteral("no answer for the timestamp look-up");
            else if (!it->error.isEmpty())
                r.error = it->error;
            else if (it->low < 0)
                r.error = QStringLiteral("no offset for that time");
            else
                r.target = it->low;
            if (r.target == r.high)
                r.note = QStringLiteral("no message at or after that time: log end");
            break;
        }
        case ResetTarget::Offset:
            r.target = spec.offset;
            if (r.target < r.low) {
                r.note =
                    QStringLiteral("%1 is before the log start: %2").arg(spec.offset).arg(r.low);
                r.target = r.low;
            } else if (r.target > r.high) {
                r.note = QStringLiteral("%1 is past the log end: %2").arg(spec.offset).arg(r.high);
                r.target = r.high;
            }
            break;
        }
    }
    return rows;
}

QString resetRefusal(const GroupDescribeResult &described, const QString &group)
{
    if (!described.ok)
        return QStringLiteral(
                   "Cannot check that group %1 has no active members, so its offsets are "
                   "left alone: DescribeConsumerGroups failed: %2")
            .arg(group, described.error);
    for (const GroupDescription &d : described.groups) {
        if (d.id != group)
            continue;
        if (!d.error.isEmpty())
            return QStringLiteral("Cannot describe group %1: %2").arg(group, d.error);
        if (d.state == u"Empty" || d.state == u"Dead")
            return {};
        QStringList names;
        for (const GroupMember &m : d.members)
            names << QStringLiteral("%1 (%2 on %3)").arg(m.clientId, m.memberId, m.host);
        return QStringLiteral("Group %1 is %2 with %3 active member(s): %4. Stop its consumers "
                              "first; a running consumer would overwrite the reset offsets.")
            .arg(group, d.state)
            .arg(d.members.size())
            .arg(names.isEmpty() ? QStringLiteral("(members not listed)")
                                 : names.join(QStringLiteral(", ")));
    }
    return QStringLiteral("Group %1 was not described by the cluster").arg(group);
}

ResetPreview prepareOffsetReset(rd_kafka_t *rk, const QString &group,
                                const QList<TopicPartition> &partitions, const ResetSpec &spec,
                                int timeoutMs)
{
    ResetPreview preview;
    if (partitions.isEmpty()) {
        preview.error = QStringLiteral("No partitions chosen");
        return preview;
    }
    preview.refusal = resetRefusal(describeConsumerGroups(rk, {group}, timeoutMs), group);
    const GroupOffsets committed = listCommittedOffsets(rk, {group}, timeoutMs).value(group);
    if (!committed.error.isEmpty()) {
        preview.error = QStringLiteral("Cannot read the committed offsets of %1: %2")
                            .arg(group, committed.error);
        return preview;
    }
    const OffsetLookup marks = queryWatermarks(rk, partitions, timeoutMs);
    if (!marks.ok) {
        preview.error = QStringLiteral("Cannot read the watermarks: ") + marks.error;
        return preview;
    }
    QHash<QPair<QString, int>, qint64> current;
    for (const PartitionOffset &p : committed.offsets)
        current.insert({p.topic, p.partition}, p.offset);
    for (const PartitionOffsets &m : marks.partitions)
        preview.rows.append({m.topic,
                             m.partition,
                             current.value({m.topic, m.partition}, -1),
                             m.low,
                             m.high,
                             -1,
                             {},
                             m.error});
    QList<PartitionOffsets> atTime;
    if (spec.target == ResetTarget::Timestamp) {
        const OffsetLookup found = offsetsForTimestamp(rk, partitions, spec.timestampMs, timeoutMs);
        if (!found.ok) {
            preview.error =
                QStringLiteral("Cannot look up offsets for the timestamp: ") + found.error;
            return preview;
        }
        atTime = found.partitions;
    }
    preview.rows = planOffsetReset(preview.rows, spec, atTime);
    preview.ok = true;
    return preview;
}

} // namespace kafkascope
