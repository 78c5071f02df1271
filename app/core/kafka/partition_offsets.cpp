#include "kafka/partition_offsets.h"

#include <QDeadlineTimer>
#include <QHash>

#include <algorithm>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

namespace {

// What one partition answered to one ListOffsets query.
struct Answer
{
    qint64 offset = -1;
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
};

// Leadership moving (e.g. right after topic creation) fails a partition: worth one retry,
// after librdkafka has dropped the stale leader from its cache.
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

QString describeError(rd_kafka_resp_err_t err, const char *detail)
{
    QString text = kafkaErrorText(err);
    const QString extra = QString::fromUtf8(detail ? detail : "");
    if (!extra.isEmpty() && !text.contains(extra))
        text += QStringLiteral(" (") + extra + u')';
    return text;
}

// librdkafka matches each leader's answer back to the request partition by partition with a
// linear search (rd_kafka_ListOffsets_response_merge), quadratic in the list size; requests of
// this many partitions keep that small, and they all go out at once.
constexpr qsizetype kChunkSize = 1000;

// One ListOffsets request per entry of `specs` (a timestamp or an rd_kafka_OffsetSpec_t) and
// chunk of partitions, all sent before any answer is awaited. (*answers)[s][i] is what
// partitions[i] answered to specs[s]; a request that fails as a whole marks its own partitions.
// False with *error when every request failed.
bool listOffsets(rd_kafka_t *rk, const QList<TopicPartition> &partitions, const QList<qint64> &specs, int timeoutMs,
                 QList<QList<Answer>> *answers, QString *error)
{
    // ListOffsets refuses a list naming a partition twice: ask once, answer every copy.
    QHash<QPair<QString, int>, qsizetype> first;
    first.reserve(partitions.size());
    QList<qsizetype> unique;
    for (qsizetype i = 0; i < partitions.size(); ++i)
        if (!first.contains({partitions[i].topic, partitions[i].partition})) {
            first.insert({partitions[i].topic, partitions[i].partition}, i);
            unique.append(i);
        }
    QList<QByteArray> names; // keeps the topic strings alive while the lists are built
    names.reserve(unique.size());
    for (qsizetype i : std::as_const(unique))
        names.append(partitions[i].topic.toUtf8());

    struct Sent
    {
        qsizetype spec, begin, end; // into specs, and a range of `unique`
    };
    QList<Sent> sent;
    QueuePtr queue(rd_kafka_queue_new(rk));
    char errstr[256];
    for (qsizetype s = 0; s < specs.size(); ++s) {
        for (qsizetype begin = 0; begin < unique.size(); begin += kChunkSize) {
            const qsizetype end = std::min(begin + kChunkSize, unique.size());
            PartitionListPtr list(rd_kafka_topic_partition_list_new(int(end - begin)));
            for (qsizetype u = begin; u < end; ++u)
                rd_kafka_topic_partition_list_add(list.get(), names[u].constData(), partitions[unique[u]].partition)
                    ->offset = specs[s];
            AdminOptionsPtr options(rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_LISTOFFSETS));
            rd_kafka_AdminOptions_set_request_timeout(options.get(), timeoutMs, errstr, sizeof errstr);
            // The answer names its request by index, whatever order the answers come in.
            rd_kafka_AdminOptions_set_opaque(options.get(), reinterpret_cast<void *>(quintptr(sent.size())));
            rd_kafka_ListOffsets(rk, list.get(), options.get(), queue.get());
            sent.append({s, begin, end});
        }
    }

    answers->clear();
    answers->resize(specs.size(), QList<Answer>(partitions.size(), Answer{-1, RD_KAFKA_RESP_ERR__NOENT}));
    const QDeadlineTimer deadline(timeoutMs + 2000);
    qsizetype failed = 0;
    for (qsizetype received = 0; received < sent.size(); ++received) {
        EventPtr event(rd_kafka_queue_poll(queue.get(), int(std::max<qint64>(0, deadline.remainingTime()))));
        if (!event) {
            *error = QStringLiteral("TIMED_OUT: no answer to ListOffsets within %1 ms").arg(timeoutMs + 2000);
            return false;
        }
        const Sent &request = sent[qsizetype(quintptr(rd_kafka_event_opaque(event.get())))];
        QList<Answer> &out = (*answers)[request.spec];
        if (const rd_kafka_resp_err_t err = rd_kafka_event_error(event.get())) {
            *error = describeError(err, rd_kafka_event_error_string(event.get()));
            for (qsizetype u = request.begin; u < request.end; ++u)
                out[unique[u]] = {-1, err};
            ++failed;
            continue;
        }
        size_t n = 0;
        const rd_kafka_ListOffsetsResultInfo_t **infos =
            rd_kafka_ListOffsets_result_infos(rd_kafka_event_ListOffsets_result(event.get()), &n);
        for (size_t k = 0; k < n; ++k) {
            const rd_kafka_topic_partition_t *tp = rd_kafka_ListOffsetsResultInfo_topic_partition(infos[k]);
            const qsizetype i = first.value({QString::fromUtf8(tp->topic), tp->partition}, -1);
            if (i >= 0)
                out[i] = {tp->err ? -1 : tp->offset, tp->err};
        }
    }
    for (QList<Answer> &out : *answers)
        for (qsizetype i = 0; i < partitions.size(); ++i)
            out[i] = out[first.value({partitions[i].topic, partitions[i].partition})];
    return sent.isEmpty() || failed < sent.size();
}

// listOffsets(), then once more for the partitions that failed with a transient error.
bool listOffsetsWithRetry(rd_kafka_t *rk, const QList<TopicPartition> &partitions, const QList<qint64> &specs,
                          int timeoutMs, QList<QList<Answer>> *answers, QString *error)
{
    if (!listOffsets(rk, partitions, specs, timeoutMs, answers, error))
        return false;
    QList<qsizetype> again;
    for (qsizetype i = 0; i < partitions.size(); ++i)
        if (std::any_of(answers->cbegin(), answers->cend(), [i](const QList<Answer> &a) { return isTransient(a[i].err); }))
            again.append(i);
    if (again.isEmpty())
        return true;
    QList<TopicPartition> retry;
    for (qsizetype i : std::as_const(again))
        retry.append(partitions[i]);
    QList<QList<Answer>> second;
    QString ignored; // the first answers stand when the retry fails as a whole
    if (!listOffsets(rk, retry, specs, timeoutMs, &second, &ignored))
        return true;
    for (qsizetype s = 0; s < specs.size(); ++s)
        for (qsizetype j = 0; j < again.size(); ++j)
            (*answers)[s][again[j]] = second[s][j];
    return true;
}

QString answerError(const Answer &a)
{
    if (a.err == RD_KAFKA_RESP_ERR__NOENT)
        return QStringLiteral("no answer for this partition");
    return a.err ? kafkaErrorText(a.err) : QString();
}

} // namespace

OffsetLookup queryWatermarks(rd_kafka_t *rk, const QList<TopicPartition> &partitions, int timeoutMs)
{
    OffsetLookup result;
    if (partitions.isEmpty()) {
        result.ok = true;
        return result;
    }
    QList<QList<Answer>> answers;
    if (!listOffsetsWithRetry(rk, partitions, {RD_KAFKA_OFFSET_SPEC_EARLIEST, RD_KAFKA_OFFSET_SPEC_LATEST}, timeoutMs,
                              &answers, &result.error))
        return result;
    result.partitions.reserve(partitions.size());
    for (qsizetype i = 0; i < partitions.size(); ++i) {
        const Answer &low = answers[0][i], &high = answers[1][i];
        PartitionOffsets p{partitions[i].topic, partitions[i].partition, low.offset, high.offset, {}};
        p.error = low.err ? answerError(low) : answerError(high);
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
    if (partitions.isEmpty()) {
        result.ok = true;
        return result;
    }
    // A partition with no message at or after the time answers -1: the log end, asked in the
    // same breath, turns that into a concrete position for the caller.
    QList<QList<Answer>> answers;
    if (!listOffsetsWithRetry(rk, partitions, {std::max<qint64>(timestampMs, 0), RD_KAFKA_OFFSET_SPEC_LATEST},
                              timeoutMs, &answers, &result.error))
        return result;
    result.partitions.reserve(partitions.size());
    for (qsizetype i = 0; i < partitions.size(); ++i) {
        const Answer &at = answers[0][i], &end = answers[1][i];
        PartitionOffsets p{partitions[i].topic, partitions[i].partition, at.offset, -1, answerError(at)};
        if (p.error.isEmpty() && p.low < 0) {
            p.low = end.offset;
            p.error = answerError(end);
        }
        if (!p.error.isEmpty())
            p.low = -1;
        result.partitions.append(p);
    }
    result.ok = true;
    return result;
}

} // namespace kafkascope
