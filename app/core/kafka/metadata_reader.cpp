#include "kafka/metadata_reader.h"

#include <algorithm>

namespace kafkascope {

namespace {
// The code's text, plus the broker's own words when they add something.
QString describeError(rd_kafka_resp_err_t err, const char *detail)
{
    QString text = kafkaErrorText(err);
    const QString extra = QString::fromUtf8(detail ? detail : "");
    if (!extra.isEmpty() && !text.contains(extra))
        text += QStringLiteral(" (") + extra + u')';
    return text;
}
} // namespace

MetadataResult readMetadata(rd_kafka_t *rk, int timeoutMs)
{
    MetadataResult result;
    const rd_kafka_metadata_t *raw = nullptr;
    result.err = rd_kafka_metadata(rk, 1, nullptr, &raw, timeoutMs);
    if (result.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        result.error = kafkaErrorText(result.err);
        return result;
    }
    MetadataPtr md(raw);
    ClusterSnapshot &s = result.snapshot;
    for (int i = 0; i < md->broker_cnt; ++i) {
        const auto &b = md->brokers[i];
        s.brokers.append({b.id, QString::fromUtf8(b.host), b.port, {}});
    }
    std::sort(s.brokers.begin(), s.brokers.end(),
              [](const BrokerInfo &a, const BrokerInfo &b) { return a.id < b.id; });
    s.topics.reserve(md->topic_cnt);
    for (int i = 0; i < md->topic_cnt; ++i) {
        const auto &t = md->topics[i];
        TopicInfo topic;
        topic.name = QString::fromUtf8(t.topic);
        if (t.err)
            topic.error = kafkaErrorText(t.err);
        topic.partitions.reserve(t.partition_cnt);
        for (int p = 0; p < t.partition_cnt; ++p) {
            const auto &mp = t.partitions[p];
            PartitionInfo part;
            part.id = mp.id;
            part.leader = mp.leader;
            part.replicas = QList<int>(mp.replicas, mp.replicas + mp.replica_cnt);
            part.isr = QList<int>(mp.isrs, mp.isrs + mp.isr_cnt);
            if (mp.err)
                part.error = kafkaErrorText(mp.err);
            topic.partitions.append(std::move(part));
        }
        std::sort(topic.partitions.begin(), topic.partitions.end(),
                  [](const PartitionInfo &a, const PartitionInfo &b) { return a.id < b.id; });
        s.topics.append(std::move(topic));
    }
    std::sort(s.topics.begin(), s.topics.end(),
              [](const TopicInfo &a, const TopicInfo &b) { return a.name < b.name; });
    if (char *id = rd_kafka_clusterid(rk, std::min(timeoutMs, 2000))) {
        s.clusterId = QString::fromUtf8(id);
        rd_kafka_mem_free(rk, id);
    }
    s.controllerId = rd_kafka_controllerid(rk, std::min(timeoutMs, 2000));
    const bool knownController = std::any_of(s.brokers.cbegin(), s.brokers.cend(),
                                             [&](const BrokerInfo &b) { return b.id == s.controllerId; });
    if (!knownController)
        s.controllerId = -1; // the mock cluster answers 0, which is no broker
    s.fetchedAt = QDateTime::currentDateTimeUtc();
    result.ok = true;
    return result;
}

} // namespace kafkascope

namespace kafkascope {

QHash<int, QString> describeBrokerRacks(rd_kafka_t *rk, const QList<int> &brokerIds, int timeoutMs,
                                        QString *error)
{
    QHash<int, QString> racks;
    QueuePtr queue(rd_kafka_queue_new(rk));
    char errstr[256];
    // One request per broker: a BROKER resource must be sent to that broker itself.
    for (int id : brokerIds) {
        AdminOptionsPtr options(rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS));
        rd_kafka_AdminOptions_set_request_timeout(options.get(), timeoutMs, errstr, sizeof errstr);
        rd_kafka_ConfigResource_t *res =
            rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_BROKER, QByteArray::number(id).constData());
        rd_kafka_DescribeConfigs(rk, &res, 1, options.get(), queue.get());
        rd_kafka_ConfigResource_destroy(res);
    }
    for (qsizetype n = 0; n < brokerIds.size(); ++n) {
        EventPtr event(rd_kafka_queue_poll(queue.get(), timeoutMs + 1000));
        if (!event) {
            *error = QStringLiteral("TIMED_OUT: no answer to DescribeConfigs");
            return {};
        }
        if (rd_kafka_event_error(event.get())) {
            *error = describeError(rd_kafka_event_error(event.get()), rd_kafka_event_error_string(event.get()));
            return {};
        }
        size_t count = 0;
        const auto *result = rd_kafka_event_DescribeConfigs_result(event.get());
        const rd_kafka_ConfigResource_t **resources = rd_kafka_DescribeConfigs_result_resources(result, &count);
        for (size_t r = 0; r < count; ++r) {
            size_t entries = 0;
            const rd_kafka_ConfigEntry_t **configs = rd_kafka_ConfigResource_configs(resources[r], &entries);
            for (size_t e = 0; e < entries; ++e) {
                const char *value = rd_kafka_ConfigEntry_value(configs[e]);
                if (qstrcmp(rd_kafka_ConfigEntry_name(configs[e]), "broker.rack") == 0 && value && *value)
                    racks.insert(QByteArray(rd_kafka_ConfigResource_name(resources[r])).toInt(),
                                 QString::fromUtf8(value));
            }
        }
    }
    return racks;
}

} // namespace kafkascope
