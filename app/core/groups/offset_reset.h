#pragma once
// Resetting a consumer group's committed offsets: the plan (old -> new per partition, for
// earliest, latest, a timestamp or a given offset), the refusal while the group has active
// members, and the blocking preparation that gathers what the plan needs in batched calls.

#include "kafka/consumer_group_admin.h"

namespace kafkascope {

enum class ResetTarget { Earliest, Latest, Timestamp, Offset };

struct ResetRow
{
    QString topic;
    int partition = 0;
    qint64 current = -1; // committed now; -1: no commit
    qint64 low = -1, high = -1;
    qint64 target = -1; // the planned offset; -1 when it cannot be planned (see error)
    QString note;       // e.g. "clamped to the log end"
    QString error;
};

struct ResetSpec
{
    ResetTarget target = ResetTarget::Latest;
    qint64 timestampMs = 0; // Timestamp
    qint64 offset = 0;      // Offset
};

// Fills target/note/error of each row. For Timestamp, `atTimestamp` holds the first offset
// at or after the time per partition (PartitionOffsets::low), as offsetsForTimestamp gives.
QList<ResetRow> planOffsetReset(QList<ResetRow> rows, const ResetSpec &spec,
                                const QList<PartitionOffsets> &atTimestamp = {});

// Why the reset must not run now (empty: it may). A group with members would overwrite or
// ignore the new offsets; a group we cannot describe cannot be shown to be idle.
QString resetRefusal(const GroupDescribeResult &described, const QString &group);

struct ResetPreview
{
    bool ok = false;
    QString error;   // the preview could not be computed
    QString refusal; // the group is active (members named)
    QList<ResetRow> rows;
};
// Describes the group, reads its committed offsets and the watermarks (and the timestamp
// offsets) of `partitions`, and plans. Blocking.
ResetPreview prepareOffsetReset(rd_kafka_t *rk, const QString &group,
                                const QList<TopicPartition> &partitions, const ResetSpec &spec,
                                int timeoutMs);

} // namespace kafkascope
