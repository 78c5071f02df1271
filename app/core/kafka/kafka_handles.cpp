#include "kafka/kafka_handles.h"

#include <librdkafka/rdkafka.h>

namespace kafkascope {

void RdKafkaDeleter::operator()(rd_kafka_t *rk) const { rd_kafka_destroy(rk); }
void RdKafkaDeleter::operator()(rd_kafka_conf_t *conf) const { rd_kafka_conf_destroy(conf); }
void RdKafkaDeleter::operator()(rd_kafka_topic_partition_list_t *l) const { rd_kafka_topic_partition_list_destroy(l); }
void RdKafkaDeleter::operator()(rd_kafka_queue_t *q) const { rd_kafka_queue_destroy(q); }
void RdKafkaDeleter::operator()(rd_kafka_event_t *e) const { rd_kafka_event_destroy(e); }
void RdKafkaDeleter::operator()(rd_kafka_AdminOptions_t *o) const { rd_kafka_AdminOptions_destroy(o); }
void RdKafkaDeleter::operator()(const rd_kafka_metadata_t *m) const { rd_kafka_metadata_destroy(m); }
void RdKafkaDeleter::operator()(rd_kafka_message_t *m) const { rd_kafka_message_destroy(m); }
void RdKafkaDeleter::operator()(rd_kafka_headers_t *h) const { rd_kafka_headers_destroy(h); }

QString kafkaErrorText(int err)
{
    const auto code = static_cast<rd_kafka_resp_err_t>(err);
    QString name = QString::fromUtf8(rd_kafka_err2name(code));
    // librdkafka names its local (client-side) errors with a leading underscore.
    if (name.startsWith(u'_'))
        name.remove(0, 1);
    return name + u": " + QString::fromUtf8(rd_kafka_err2str(code));
}

} // namespace kafkascope
