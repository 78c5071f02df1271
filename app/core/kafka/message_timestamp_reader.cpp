#include "kafka/message_timestamp_reader.h"

#include "kafka/kafka_config.h"

#include <QDeadlineTimer>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

MessageTimestampReader::MessageTimestampReader(const ConnectionProfile &profile)
    : m_profile(profile)
{
}

bool MessageTimestampReader::ensureConsumer(QString *error)
{
    if (m_consumer)
        return true;
    // librdkafka's consumer API wants a group.id even for assign(); with auto commit and
    // offset store off, and no subscribe(), this one never joins a group nor commits.
    m_consumer =
        makeKafkaClient(m_profile, RD_KAFKA_CONSUMER,
                        {{QStringLiteral("group.id"), QStringLiteral("kafkascope-lag-probe")},
                         {QStringLiteral("enable.auto.commit"), QStringLiteral("false")},
                         {QStringLiteral("enable.auto.offset.store"), QStringLiteral("false")},
                         {QStringLiteral("enable.partition.eof"), QStringLiteral("true")},
                         {QStringLiteral("fetch.wait.max.ms"), QStringLiteral("100")},
                         {QStringLiteral("queued.max.messages.kbytes"), QStringLiteral("4096")},
                         {QStringLiteral("log_level"), QStringLiteral("3")}},
                        error);
    return bool(m_consumer);
}

QHash<QString, MessageTimestampReader::Answer>
MessageTimestampReader::read(const QList<PartitionOffset> &positions, int timeoutMs)
{
    QHash<QString, Answer> answers;
    if (positions.isEmpty())
        return answers;
    QString error;
    if (!ensureConsumer(&error)) {
        for (const PartitionOffset &p : positions)
            answers.insert(key(p.topic, p.partition), {-1, error});
        return answers;
    }
    PartitionListPtr list(rd_kafka_topic_partition_list_new(int(positions.size())));
    for (const PartitionOffset &p : positions)
        rd_kafka_topic_partition_list_add(list.get(), p.topic.toUtf8().constData(), p.partition)
            ->offset = p.offset;
    if (const auto err = rd_kafka_assign(m_consumer.get(), list.get())) {
        for (const PartitionOffset &p : positions)
            answers.insert(key(p.topic, p.partition), {-1, kafkaErrorText(err)});
        return answers;
    }
    QDeadlineTimer deadline(timeoutMs);
    while (answers.size() < positions.size() && !deadline.hasExpired()) {
        MessagePtr msg(rd_kafka_consumer_poll(
            m_consumer.get(), int(std::min<qint64>(100, deadline.remainingTime()))));
        if (!msg || !msg->rkt)
            continue;
        const QString k = key(QString::fromUtf8(rd_kafka_topic_name(msg->rkt)), msg->partition);
        if (answers.contains(k))
            continue;
        if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            answers.insert(k, {-1, QStringLiteral("no message at that offset yet")});
        } else if (msg->err) {
            answers.insert(k, {-1, kafkaErrorText(msg->err)});
        } else {
            rd_kafka_timestamp_type_t type;
            answers.insert(k, {rd_kafka_message_timestamp(msg.get(), &type), {}});
        }
    }
    rd_kafka_assign(m_consumer.get(), nullptr);
    for (const PartitionOffset &p : positions) {
        const QString k = key(p.topic, p.partition);
        if (!answers.contains(k))
            answers.insert(
                k,
                {-1, QStringLiteral("TIMED_OUT: no message fetched within %1 ms").arg(timeoutMs)});
    }
    return answers;
}

} // namespace kafkascope
