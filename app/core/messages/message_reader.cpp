#include "messages/message_reader.h"

#include "kafka/consume_ahead.h"
#include "kafka/kafka_config.h"
#include "kafka/timestamp_search.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QUuid>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

namespace {
constexpr int kBatch = 1000;
} // namespace

MessageReader::MessageReader(const ConnectionProfile &profile, bool bulk) : m_profile(profile)
{
    // assign() needs a group handle in librdkafka; a random id that is never joined nor
    // committed to keeps browsing invisible to the cluster's consumer groups.
    KafkaProperties overrides = {
        {QStringLiteral("group.id"),
         u"kafkascope-browser-" + QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("enable.auto.commit"), QStringLiteral("false")},
        {QStringLiteral("enable.auto.offset.store"), QStringLiteral("false")},
        {QStringLiteral("enable.partition.eof"), QStringLiteral("true")},
        {QStringLiteral("fetch.wait.max.ms"), QStringLiteral("100")},
        {QStringLiteral("auto.offset.reset"), QStringLiteral("earliest")},
    };
    if (bulk)
        overrides.append(rangeReaderConsumerProperties());
    m_rk = makeKafkaClient(profile, RD_KAFKA_CONSUMER, overrides, &m_error);
    if (m_rk)
        m_queue.reset(rd_kafka_queue_get_consumer(m_rk.get()));
    if (m_rk && !m_queue)
        m_error = QObject::tr("The consumer has no queue (librdkafka refused the group handle)");
}

MessageReader::~MessageReader()
{
    if (m_rk)
        rd_kafka_assign(m_rk.get(), nullptr);
    m_queue.reset();
    if (m_rk)
        rd_kafka_consumer_close(m_rk.get());
}

QList<int> MessageReader::partitionsOf(const QString &topic, QString *error, int timeoutMs)
{
    QList<int> out;
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(m_rk.get(), topic.toUtf8().constData(), nullptr);
    const rd_kafka_metadata_t *md = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(m_rk.get(), 0, rkt, &md, timeoutMs);
    rd_kafka_topic_destroy(rkt);
    MetadataPtr owner(md);
    if (err) {
        *error = QObject::tr("Cannot read metadata of %1: %2").arg(topic, kafkaErrorText(err));
        return out;
    }
    if (md->topic_cnt < 1 || md->topics[0].err) {
        *error = QObject::tr("Topic %1: %2")
                     .arg(topic, kafkaErrorText(md->topic_cnt ? md->topics[0].err
                                                              : RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART));
        return out;
    }
    for (int i = 0; i < md->topics[0].partition_cnt; ++i)
        out.append(md->topics[0].partitions[i].id);
    std::sort(out.begin(), out.end());
    return out;
}

OffsetLookup MessageReader::offsetsAt(const QList<TopicPartition> &partitions, qint64 timestampMs, int timeoutMs)
{
    return offsetsForTime(m_profile, m_rk.get(), partitions, timestampMs, timeoutMs);
}

RangeLookup MessageReader::resolve(const QString &topic, const QList<int> &partitions,
                                   const StartPosition &start, int timeoutMs)
{
    RangeLookup result;
    QList<TopicPartition> tps;
    for (int p : partitions)
        tps.append({topic, p});
    const OffsetLookup marks = queryWatermarks(m_rk.get(), tps, timeoutMs);
    if (!marks.ok) {
        result.error = marks.error;
        return result;
    }
    OffsetLookup byTime;
    if (start.kind == StartPosition::Timestamp) {
        byTime = offsetsAt(tps, start.value, timeoutMs);
        if (!byTime.ok) {
            result.error = byTime.error;
            return result;
        }
    }
    for (int i = 0; i < marks.partitions.size(); ++i) {
        const PartitionOffsets &m = marks.partitions[i];
        if (!m.error.isEmpty()) {
            result.error = QObject::tr("Partition %1: %2").arg(m.partition).arg(m.error);
            return result;
        }
        PartitionRange r{m.partition, m.low, m.high, {}};
        switch (start.kind) {
        case StartPosition::Beginning:
            break;
        case StartPosition::EndMinusN:
            r.start = std::max(m.low, m.high - std::max<qint64>(0, start.value));
            break;
        case StartPosition::Offset:
            if (start.value > m.high) {
                r.start = m.high;
                r.note = QObject::tr("offset %1 is past the end (next offset %2)").arg(start.value).arg(m.high);
            } else if (start.value < m.low) {
                r.note = QObject::tr("offset %1 no longer held; starting at the log start %2")
                             .arg(start.value).arg(m.low);
            } else {
                r.start = start.value;
            }
            break;
        case StartPosition::Timestamp: {
            const PartitionOffsets &t = byTime.partitions[i];
            if (!t.error.isEmpty()) {
                result.error = QObject::tr("Partition %1: %2").arg(m.partition).arg(t.error);
                return result;
            }
            r.start = t.low < 0 ? m.high : std::clamp(t.low, m.low, m.high);
            if (r.start >= m.high && m.high > m.low)
                r.note = QObject::tr("no message at or after that time");
            break;
        }
        }
        if (m.high <= m.low)
            r.note = QObject::tr("empty partition");
        result.ranges.append(r);
    }
    return result;
}

QList<KafkaMessage> MessageReader::fetch(const QString &topic, int partition, qint64 from, qint64 to,
                                         int maxCount, QString *error, int timeoutMs)
{
    QList<KafkaMessage> out;
    if (to <= from || maxCount <= 0)
        return out;
    QList<PartitionRange> range{{partition, from, to, {}}};
    stream(topic, range,
           [&](const rd_kafka_message_t *m) {
               out.append(KafkaMessage::fromRdKafka(m));
               return out.size() < maxCount;
           },
           nullptr, error, timeoutMs);
    return out;
}

bool MessageReader::stream(const QString &topic, const QList<PartitionRange> &ranges,
                           const std::function<bool(const rd_kafka_message_t *)> &sink,
                           const std::atomic_bool *cancel, QString *error, int stallTimeoutMs,
                           const std::function<void()> &idle)
{
    const QByteArray topicName = topic.toUtf8();
    PartitionListPtr assignment(rd_kafka_topic_partition_list_new(int(ranges.size())));
    QHash<int, qint64> endOf; // partitions still being read -> end offset (exclusive)
    for (const PartitionRange &r : ranges) {
        if (r.count() <= 0)
            continue;
        rd_kafka_topic_partition_list_add(assignment.get(), topicName.constData(), r.partition)->offset = r.start;
        endOf.insert(r.partition, r.end);
    }
    if (endOf.isEmpty())
        return true;
    // A partition paused by an earlier read would stay silent in this one.
    rd_kafka_resume_partitions(m_rk.get(), assignment.get());
    if (const rd_kafka_resp_err_t err = rd_kafka_assign(m_rk.get(), assignment.get())) {
        *error = QObject::tr("Cannot assign %1: %2").arg(topic, kafkaErrorText(err));
        return false;
    }
    auto finishPartition = [&](int partition) {
        endOf.remove(partition);
        // Pausing stops the prefetcher of a finished partition from pulling data we discard.
        PartitionListPtr one(rd_kafka_topic_partition_list_new(1));
        rd_kafka_topic_partition_list_add(one.get(), topicName.constData(), partition);
        rd_kafka_pause_partitions(m_rk.get(), one.get());
    };

    bool ok = true;
    bool stop = false;
    ConsumeAhead ahead(m_queue.get(), kBatch, m_headersAhead ? ConsumeAhead::Headers::Parse : ConsumeAhead::Headers::Leave);
    QElapsedTimer sinceData;
    sinceData.start();
    while (!endOf.isEmpty() && !stop) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            break;
        const auto batch = ahead.next(100);
        if (batch.empty() && sinceData.elapsed() > stallTimeoutMs) {
            QStringList stuck;
            for (auto it = endOf.cbegin(); it != endOf.cend(); ++it)
                stuck.append(QString::number(it.key()));
            *error = QObject::tr("No data from %1 partition(s) %2 for %3 s; the broker may be down")
                         .arg(topic, stuck.join(u", ")).arg(stallTimeoutMs / 1000);
            ok = false;
            break;
        }
        bool data = false;
        for (size_t i = 0; i < batch.size() && !stop; ++i) {
            const rd_kafka_message_t *m = batch[i];
            const auto it = endOf.find(m->partition);
            if (it == endOf.end())
                continue;
            if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                if (m->offset >= it.value())
                    finishPartition(m->partition);
                continue;
            }
            if (m->err) {
                *error = QObject::tr("Partition %1: %2").arg(m->partition).arg(kafkaErrorText(m->err));
                ok = false;
                stop = true;
                break;
            }
            data = true;
            if (m->offset >= it.value()) {
                finishPartition(m->partition);
                continue;
            }
            const bool last = m->offset + 1 >= it.value();
            if (!sink(m))
                stop = true;
            if (last)
                finishPartition(m->partition);
        }
        if (data)
            sinceData.restart();
        if (idle)
            idle();
    }
    rd_kafka_assign(m_rk.get(), nullptr);
    return ok;
}

} // namespace kafkascope
