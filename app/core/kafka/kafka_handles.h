#pragma once
// RAII owners for librdkafka's C handles, so no code path leaks one on an early return.
// Only forward declarations here: headers that hold a handle stay free of rdkafka.h, which
// only core's own sources can include (librdkafka is linked PRIVATE to core).

#include <QString>
#include <memory>

extern "C" {
typedef struct rd_kafka_s rd_kafka_t;
typedef struct rd_kafka_conf_s rd_kafka_conf_t;
typedef struct rd_kafka_queue_s rd_kafka_queue_t;
typedef struct rd_kafka_op_s rd_kafka_event_t;
typedef struct rd_kafka_headers_s rd_kafka_headers_t;
typedef struct rd_kafka_AdminOptions_s rd_kafka_AdminOptions_t;
// Defined with these typedefs in rdkafka.h; repeating a typedef of the same type is allowed.
typedef struct rd_kafka_topic_partition_list_s rd_kafka_topic_partition_list_t;
typedef struct rd_kafka_message_s rd_kafka_message_t;
typedef struct rd_kafka_metadata rd_kafka_metadata_t;
}

namespace kafkascope {

struct RdKafkaDeleter
{
    void operator()(rd_kafka_t *rk) const;
    void operator()(rd_kafka_conf_t *conf) const;
    void operator()(rd_kafka_topic_partition_list_t *l) const;
    void operator()(rd_kafka_queue_t *q) const;
    void operator()(rd_kafka_event_t *e) const;
    void operator()(rd_kafka_AdminOptions_t *o) const;
    void operator()(const rd_kafka_metadata_t *m) const;
    void operator()(rd_kafka_message_t *m) const;
    void operator()(rd_kafka_headers_t *h) const;
};

using KafkaPtr = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;
using ConfPtr = std::unique_ptr<rd_kafka_conf_t, RdKafkaDeleter>;
using PartitionListPtr = std::unique_ptr<rd_kafka_topic_partition_list_t, RdKafkaDeleter>;
using QueuePtr = std::unique_ptr<rd_kafka_queue_t, RdKafkaDeleter>;
using EventPtr = std::unique_ptr<rd_kafka_event_t, RdKafkaDeleter>;
using AdminOptionsPtr = std::unique_ptr<rd_kafka_AdminOptions_t, RdKafkaDeleter>;
using MetadataPtr = std::unique_ptr<const rd_kafka_metadata_t, RdKafkaDeleter>;
using MessagePtr = std::unique_ptr<rd_kafka_message_t, RdKafkaDeleter>;
using HeadersPtr = std::unique_ptr<rd_kafka_headers_t, RdKafkaDeleter>;

// "UNKNOWN_TOPIC_OR_PART: Broker: Unknown topic or partition" — the code name users can
// search for, then librdkafka's human sentence. `err` is an rd_kafka_resp_err_t.
QString kafkaErrorText(int err);

} // namespace kafkascope
