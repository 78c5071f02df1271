#include "kafka/partition_offsets.h"

#include <QHash>

#include <algorithm>

namespace kafkascope {

namespace {

// librdkafka 2.0.2's offsets_for_times gets super-linearly slower with the list size
// (10x partitions cost ~29x time in our benchmark); chunks keep it linear, and a chunk is
// still one ListOffsets request per leader broker.
constexpr qsizetype kChunkSize = 1000;

// Leadership moving (e.g. right after topic creation) fails a whole call: worth one retry.
bool isTransient(rd_kafka_resp_err_t err)
{
    switch (err) {
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_FENCED_LEADER_EPOCH:
    case RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH:
    case RD_KAFKA_RESP_ERR_OFFSET_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
        return true;
    default:
        return false;
    }
}

// One offsets_for_times call for partitions [begin, end): every partition asks for `query`
// (a timestamp, or the RD_KAFKA_OFFSET_BEGINNING/END sentinels meaning earliest/latest).
rd_kafka_resp_err_t lookupChunk(rd_kafka_t *rk, const QList<TopicPartition> &partitions, qsizetype begin,
                                qsizetype end, qint64 query, int timeoutMs, QList<qint64> *offsets,
                                QStringList *errors)
{
    PartitionListPtr list(rd_kafka_topic_partition_list_new(int(end - begin)));
    QList<QByteArray> names; // keeps topic strings alive while the list is built
    names.reserve(end - begin);
    for (qsizetype i = begin; i < end; ++i) {
        names.append(partitions[i].topic.toUtf8());
        rd_kafka_topic_partition_list_add(list.get(), names.last().constData(), partitions[i].partition)->offset = query;
    }
    const rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(rk, list.get(), timeoutMs);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return err;
    // The list keeps our order, but look results up by (topic, partition) to be safe.
    QHash<QPair<QString, int>, int> at;
    for (int i = 0; i < list->cnt; ++i)
        at.insert({QString::fromUtf8(list->elems[i].topic), list->elems[i].partition}, i);
    for (qsizetype i = begin; i < end; ++i) {
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
    return RD_KAFKA_RESP_ERR_NO_ERROR;
}

// A whole round in chunks. A chunk that fails marks only its own partitions; the round
// fails (false, *error) only when every chunk did.
bool lookupRound(rd_kafka_t *rk, const QList<TopicPartition> &partitions, qint64 query, int timeoutMs,
                 QList<qint64> *offsets, QStringList *errors, QString *error)
{
    offsets->fill(-1, partitions.size());
    errors->resize(partitions.size());
    bool anyAnswered = false;
    for (qsizetype begin = 0; begin < partitions.size(); begin += kChunkSize) {
        const qsizetype end = std::min(begin + kChunkSize, partitions.size());
        rd_kafka_resp_err_t err = lookupChunk(rk, partitions, begin, end, query, timeoutMs, offsets, errors);
        if (isTransient(err))
            err = lookupChunk(rk, partitions, begin, end, query, timeoutMs, offsets, errors);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            anyAnswered = true;
            continue;
        }
        *error = kafkaErrorText(err);
        for (qsizetype i = begin; i < end; ++i)
            (*errors)[i] = *error;
    }
    return anyAnswered || partitions.isEmpty();
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
        if (p.error.isEmpty() && p.low < 0) {
            const PartitionOffsets &end = ends.partitions[endIndex++];
            p.low = end.high;
            p.error = end.error;
        }
        result.partitions.append(p);
    }
    result.ok = true;
    return result;
}

} // namespace kafkascope
