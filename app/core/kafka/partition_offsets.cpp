#include "kafka/partition_offsets.h"

#include <QDeadlineTimer>
#include <QHash>

#include <algorithm>
#include <cstring>
#include <librdkafka/rdkafka.h>
#include <unordered_map>

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

// librdkafka's ListOffsets takes CPU quadratic in the partitions one call has on one leader:
// it suppresses duplicates while grouping them by leader (rd_kafka_topic_partition_list_get_leaders,
// on the caller's thread) and matches each answer back by linear search
// (rd_kafka_ListOffsets_response_merge, on its main thread), a strcmp per step. Requests grow
// as calls shrink: 250 a call makes 20,000 partitions 160 requests on one broker, and took half
// the client CPU of 1,000 a call (40 requests), which spent two thirds of it in those searches.
constexpr qsizetype kChunkSize = 250;

// The distinct partitions of a request list (ListOffsets refuses a list naming a partition
// twice: each is asked once and its answer copied to every entry naming it). Grouped by topic
// so that 20,000 partitions cost a string hash per topic, not per partition.
struct DistinctPartitions
{
    struct Topic
    {
        QByteArray utf8; // what librdkafka gets, converted once per topic
        QHash<int, qsizetype> byPartition; // into `first`
    };
    std::unordered_map<QString, Topic> topics; // node-based: Topic pointers stay valid
    QList<qsizetype> first;    // per distinct partition: its first entry in the list
    QList<const Topic *> topic; // per distinct partition
    QList<qsizetype> of;       // per entry: its distinct partition

    explicit DistinctPartitions(const QList<TopicPartition> &partitions)
    {
        of.reserve(partitions.size());
        Topic *current = nullptr;
        const QString *currentName = nullptr;
        for (qsizetype i = 0; i < partitions.size(); ++i) {
            const TopicPartition &tp = partitions[i];
            if (!currentName || tp.topic != *currentName) { // lists come grouped by topic
                const auto [it, added] = topics.try_emplace(tp.topic);
                if (added)
                    it->second.utf8 = tp.topic.toUtf8();
                current = &it->second;
                currentName = &it->first;
            }
            auto slot = current->byPartition.constFind(tp.partition);
            if (slot == current->byPartition.cend()) {
                slot = current->byPartition.insert(tp.partition, first.size());
                first.append(i);
                topic.append(current);
            }
            of.append(*slot);
        }
    }
    // The distinct partition an answer names, -1 when none asked for it.
    qsizetype find(const char *name, int partition) const
    {
        const auto it = topics.find(QString::fromUtf8(name));
        return it == topics.end() ? -1 : it->second.byPartition.value(partition, -1);
    }
};

// One ListOffsets request per entry of `specs` (a timestamp or an rd_kafka_OffsetSpec_t) and
// chunk of partitions, all sent before any answer is awaited. (*answers)[s][i] is what
// partitions[i] answered to specs[s]; a request that fails as a whole marks its own partitions.
// False with *error when every request failed.
bool listOffsets(rd_kafka_t *rk, const QList<TopicPartition> &partitions, const QList<qint64> &specs, int timeoutMs,
                 QList<QList<Answer>> *answers, QString *error)
{
    const DistinctPartitions distinct(partitions);
    const qsizetype count = distinct.first.size();
    struct Sent
    {
        qsizetype spec, begin, end; // into specs, and a range of distinct partitions
    };
    QList<Sent> sent;
    QueuePtr queue(rd_kafka_queue_new(rk));
    char errstr[256];
    for (qsizetype s = 0; s < specs.size(); ++s) {
        for (qsizetype begin = 0; begin < count; begin += kChunkSize) {
            const qsizetype end = std::min(begin + kChunkSize, count);
            PartitionListPtr list(rd_kafka_topic_partition_list_new(int(end - begin)));
            for (qsizetype d = begin; d < end; ++d)
                rd_kafka_topic_partition_list_add(list.get(), distinct.topic[d]->utf8.constData(),
                                                  partitions[distinct.first[d]].partition)->offset = specs[s];
            AdminOptionsPtr options(rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_LISTOFFSETS));
            rd_kafka_AdminOptions_set_request_timeout(options.get(), timeoutMs, errstr, sizeof errstr);
            // The answer names its request by index, whatever order the answers come in.
            rd_kafka_AdminOptions_set_opaque(options.get(), reinterpret_cast<void *>(quintptr(sent.size())));
            rd_kafka_ListOffsets(rk, list.get(), options.get(), queue.get());
            sent.append({s, begin, end});
        }
    }

    // Answers per distinct partition first, copied to the entries at the end.
    QList<QList<Answer>> byDistinct(specs.size(), QList<Answer>(count, Answer{-1, RD_KAFKA_RESP_ERR__NOENT}));
    const QDeadlineTimer deadline(timeoutMs + 2000);
    qsizetype failed = 0;
    for (qsizetype received = 0; received < sent.size(); ++received) {
        EventPtr event(rd_kafka_queue_poll(queue.get(), int(std::max<qint64>(0, deadline.remainingTime()))));
        if (!event) {
            *error = QStringLiteral("TIMED_OUT: no answer to ListOffsets within %1 ms").arg(timeoutMs + 2000);
            return false;
        }
        const Sent &request = sent[qsizetype(quintptr(rd_kafka_event_opaque(event.get())))];
        QList<Answer> &out = byDistinct[request.spec];
        if (const rd_kafka_resp_err_t err = rd_kafka_event_error(event.get())) {
            *error = describeError(err, rd_kafka_event_error_string(event.get()));
            for (qsizetype d = request.begin; d < request.end; ++d)
                out[d] = {-1, err};
            ++failed;
            continue;
        }
        size_t n = 0;
        const rd_kafka_ListOffsetsResultInfo_t **infos =
            rd_kafka_ListOffsets_result_infos(rd_kafka_event_ListOffsets_result(event.get()), &n);
        for (size_t k = 0; k < n; ++k) {
            const rd_kafka_topic_partition_t *tp = rd_kafka_ListOffsetsResultInfo_topic_partition(infos[k]);
            // The answers come in the order asked: check that, and look up only when not.
            qsizetype d = request.begin + qsizetype(k);
            if (d >= request.end || partitions[distinct.first[d]].partition != tp->partition
                || std::strcmp(distinct.topic[d]->utf8.constData(), tp->topic) != 0)
                d = distinct.find(tp->topic, tp->partition);
            if (d >= 0)
                out[d] = {tp->err ? -1 : tp->offset, tp->err};
        }
    }
    answers->clear();
    answers->reserve(specs.size());
    for (const QList<Answer> &out : std::as_const(byDistinct)) {
        if (count == partitions.size()) { // no duplicates: entries and distinct partitions agree
            answers->append(out);
            continue;
        }
        QList<Answer> &all = answers->emplaceBack();
        all.reserve(partitions.size());
        for (qsizetype d : distinct.of)
            all.append(out[d]);
    }
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
