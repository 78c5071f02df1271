#include "kafka/leader_election.h"

#include "kafka/kafka_handles.h"

#include <algorithm>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

AdminResult electPreferredLeaders(rd_kafka_t *rk, const QString &topic, const QList<int> &partitions,
                                  int timeoutMs)
{
    AdminResult result;
    if (partitions.isEmpty())
        return result;
    QueuePtr queue(rd_kafka_queue_new(rk));
    AdminOptionsPtr options(rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_ELECTLEADERS));
    char errstr[512];
    if (rd_kafka_AdminOptions_set_request_timeout(options.get(), timeoutMs, errstr, sizeof errstr) ||
        rd_kafka_AdminOptions_set_operation_timeout(options.get(), timeoutMs, errstr,
                                                    sizeof errstr)) {
        result.error = AdminError::make(QStringLiteral("INVALID_ARG"), QString::fromUtf8(errstr));
        return result;
    }
    PartitionListPtr list(rd_kafka_topic_partition_list_new(int(partitions.size())));
    const QByteArray name = topic.toUtf8();
    for (int p : partitions)
        rd_kafka_topic_partition_list_add(list.get(), name.constData(), p);
    rd_kafka_ElectLeaders_t *request =
        rd_kafka_ElectLeaders_new(RD_KAFKA_ELECTION_TYPE_PREFERRED, list.get());
    rd_kafka_ElectLeaders(rk, request, options.get(), queue.get());
    rd_kafka_ElectLeaders_destroy(request);

    EventPtr event(rd_kafka_queue_poll(queue.get(), timeoutMs + 5000));
    if (!event) {
        result.error = AdminError::make(QStringLiteral("TIMED_OUT"),
                                        QStringLiteral("no answer to ElectLeaders within %1 s")
                                            .arg((timeoutMs + 5000) / 1000));
        return result;
    }
    if (const rd_kafka_resp_err_t err = rd_kafka_event_error(event.get())) {
        result.error = AdminError::fromKafka(err, rd_kafka_event_error_string(event.get()));
        return result;
    }
    size_t n = 0;
    const rd_kafka_topic_partition_result_t **answers = rd_kafka_ElectLeaders_result_partitions(
        rd_kafka_event_ElectLeaders_result(event.get()), &n);
    for (size_t i = 0; i < n; ++i) {
        const rd_kafka_topic_partition_t *tp =
            rd_kafka_topic_partition_result_partition(answers[i]);
        const rd_kafka_error_t *e = rd_kafka_topic_partition_result_error(answers[i]);
        AdminItemResult item;
        item.topic = QString::fromUtf8(tp->topic);
        item.partition = tp->partition;
        if (e && rd_kafka_error_code(e))
            item.error = AdminError::fromKafka(rd_kafka_error_code(e), rd_kafka_error_string(e));
        result.items.append(item);
    }
    std::sort(result.items.begin(), result.items.end(),
              [](const AdminItemResult &a, const AdminItemResult &b) {
                  return a.partition < b.partition;
              });
    return result;
}

} // namespace kafkascope
