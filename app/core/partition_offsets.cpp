#include "partition_offsets.h"

#include <QHash>

namespace kafkascope {

namespace {

// One offsets_for_times round: every partition asks for `query` (a timestamp, or the
// RD_KAFKA_OFFSET_BEGINNING/END sentinels, which ListOffsets understands as earliest/latest).
bool lookupRound(rd_kafka_t *rk, const QList<TopicPartition> &partitions, qint64 query, int timeoutMs,
                 QList<qint64> *offsets, QStringList *errors, QString *error)
{
    PartitionListPtr list(rd_kafka_topic_partition_list_new(int(partitions.size())));
    QList<QByteArray> names; // keeps topic strings alive while the list is built
    names.reserve(partitions.size());
    for (const TopicPartition &tp : partitions) {
        names.append(tp.topic.toUtf8());
        rd_kafka_topic_partition_list_add(list.get(), names.last().constData(), tp.partition)->offset = query;
    }
    const rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(rk, list.get(), timeoutMs);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        *error = kafkaErrorText(err);
        return false;
    }
    // The list keeps our order, but look results up by (topic, partition) to be safe.
    QHash<QPair<QString, int>, int> at;
    for (int i = 0; i < list->cnt; ++i)
        at.insert({QString::fromUtf8(list->elems[i].topic), list->elems[i].partition}, i);
    offsets->resize(partitions.size());
    errors->resize(partitions.size());
    for (qsizetype i = 0; i < partitions.size(); ++i) {
        const int j = at.value({partitions[i].topic, partitions[i].partition}, -1);
        if (j < 0) {
            (*offsets)[i] = -1;
            (*errors)[i] = QStringLiteral("no answer for this partition");
            continue;
        }
        const rd_kafka_topic_partition_t &e = list->elems[j];
        (*offsets)[i] = e.err ? -1 : e.offset;
        (*errors)[i] = e.err ? kafkaErrorText(e.err) : QString();
    }
    return true;
}

} // namespace

OffsetLookup queryWatermarks(rd_kafka_t *rk, const QList<TopicPartition> &partitions, int timeoutMs)
{
    OffsetLookup result;
    if (partitions.isEmpty()) {
        result.ok = true;
        return result;
    }
    QList<qint64> lows, highs;
    QStringList lowErrors, highErrors;
    if (!lookupRound(rk, partitions, RD_KAFKA_OFFSET_BEGINNING, timeoutMs, &lows, &lowErrors, &result.error)
        || !lookupRound(rk, partitions, RD_KAFKA_OFFSET_END, timeoutMs, &highs, &highErrors, &result.error))
        return result;
    result.partitions.reserve(partitions.size());
    for (qsizetype i = 0; i < partitions.size(); ++i) {
        PartitionOffsets p{partitions[i].topic, partitions[i].partition, lows[i], highs[i], {}};
        p.error = !lowErrors[i].isEmpty() ? lowErrors[i] : highErrors[i];
        if (!p.error.isEmpty())
            p.low = p.high = -1;
        result.partitions.append(p);
    }
    result.ok = true;
    return result;
}

OffsetLookup offsetsForTimestamp(rd_kafka_t *rk, const QList<TopicPartition> &partitions,
                                 qint64 timestampMs, int timeoutMs)
{
    OffsetLookup result;
    QList<qint64> offsets;
    QStringList errors;
    if (!lookupRound(rk, partitions, timestampMs, timeoutMs, &offsets, &errors, &result.error))
        return result;
    // A partition with no message at or after the timestamp answers -1 (END): resolve it
    // to the actual end offset so callers always get a concrete position.
    QList<TopicPartition> pastEnd;
    for (qsizetype i = 0; i < partitions.size(); ++i)
        if (errors[i].isEmpty() && offsets[i] < 0)
            pastEnd.append(partitions[i]);
    OffsetLookup ends;
    if (!pastEnd.isEmpty()) {
        ends = queryWatermarks(rk, pastEnd, timeoutMs);
        if (!ends.ok) {
            result.error = ends.error;
            return result;
        }
    }
    qsizetype endIndex = 0;
    for (qsizetype i = 0; i < partitions.size(); ++i) {
        PartitionOffsets p{partitions[i].topic, partitions[i].partition, offsets[i], -1, errors[i]};
        if (p.error.isEmpty() && p.low < 0)
            p.low = ends.partitions[endIndex++].high;
        result.partitions.append(p);
    }
    result.ok = true;
    return result;
}

} // namespace kafkascope
