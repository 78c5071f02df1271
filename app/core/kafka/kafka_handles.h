#pragma once
// RAII owners for librdkafka's C handles, so no code path leaks one on an early return.

#include <librdkafka/rdkafka.h>

#include <QString>
#include <memory>

namespace kafkascope {

struct RdKafkaDeleter
{
    void operator()(rd_kafka_t *rk) const { rd_kafka_destroy(rk); }
    void operator()(rd_kafka_conf_t *conf) const { rd_kafka_conf_destroy(conf); }
    void operator()(rd_kafka_topic_partition_list_t *l) const { rd_kafka_topic_partition_list_destroy(l); }
    void operator()(rd_kafka_queue_t *q) const { rd_kafka_queue_destroy(q); }
    void operator()(rd_kafka_event_t *e) const { rd_kafka_event_destroy(e); }
    void operator()(rd_kafka_AdminOptions_t *o) const { rd_kafka_AdminOptions_destroy(o); }
    void operator()(const rd_kafka_metadata_t *m) const { rd_kafka_metadata_destroy(m); }
    void operator()(rd_kafka_message_t *m) const { rd_kafka_message_destroy(m); }
    void operator()(rd_kafka_headers_t *h) const { rd_kafka_headers_destroy(h); }
};

using KafkaPtr = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;
using ConfPtr = std::unique_ptr<rd_kafka_conf_t, RdKafkaDeleter>;
using PartitionListPtr = std::unique_ptr<rd_kafka_topic_partition_list_t, RdKafkaDeleter>;
using QueuePtr = std::unique_ptr<rd_kafka_queue_t, RdKafkaDeleter>;
using EventPtr = std::unique_ptr<rd_kafka_event_t, RdKafkaDeleter>;
using AdminOptionsPtr = std::unique_ptr<rd_kafka_AdminOptions_t, RdKafkaDeleter>;
using MetadataPtr = std::unique_ptr<const rd_kafka_metadata_t, RdKafkaDeleter>;
using MessagePtr = std::unique_ptr<rd_kafka_message_t, RdKafkaDeleter>;

// "UNKNOWN_TOPIC_OR_PART: Broker: Unknown topic or partition" — the code name users can
// search for, then librdkafka's human sentence.
QString kafkaErrorText(rd_kafka_resp_err_t err);

} // namespace kafkascope
