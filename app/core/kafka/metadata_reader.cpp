#include "kafka/metadata_reader.h"

#include <algorithm>
#include <librdkafka/rdkafka.h>

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

ClusterDescription describeCluster(rd_kafka_t *rk, int timeoutMs)
{
    ClusterDescription result;
    QueuePtr queue(rd_kafka_queue_new(rk));
    AdminOptionsPtr options(rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_DESCRIBECLUSTER));
    char errstr[256];
    rd_kafka_AdminOptions_set_request_timeout(options.get(), timeoutMs, errstr, sizeof errstr);
    rd_kafka_DescribeCluster(rk, options.get(), queue.get());
    EventPtr event(rd_kafka_queue_poll(queue.get(), timeoutMs + 1000));
    if (!event) {
        result.error = QStringLiteral("TIMED_OUT: no answer to DescribeCluster within %1 ms").arg(timeoutMs);
        return result;
    }
    if (rd_kafka_event_error(event.get())) {
        result.error = describeError(rd_kafka_event_error(event.get()), rd_kafka_event_error_string(event.get()));
        return result;
    }
    const auto *res = rd_kafka_event_DescribeCluster_result(event.get());
    result.clusterId = QString::fromUtf8(rd_kafka_DescribeCluster_result_cluster_id(res));
    if (const rd_kafka_Node_t *controller = rd_kafka_DescribeCluster_result_controller(res))
        result.controllerId = rd_kafka_Node_id(controller);
    size_t n = 0;
    const rd_kafka_Node_t **nodes = rd_kafka_DescribeCluster_result_nodes(res, &n);
    for (size_t i = 0; i < n; ++i)
        if (const char *rack = rd_kafka_Node_rack(nodes[i]); rack && *rack)
            result.racks.insert(rd_kafka_Node_id(nodes[i]), QString::fromUtf8(rack));
    result.ok = true;
    return result;
}

} // namespace kafkascope
