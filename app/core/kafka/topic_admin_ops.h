#pragma once
// Blocking Kafka Admin API calls on topics, one function per request. Each one waits for
// the broker's answer on a private queue, so call them from worker threads only (TopicAdmin
// does). Results keep the broker's error codes and messages verbatim.

#include "topics/admin_result.h"
#include "kafka/partition_offsets.h"

#include <QList>
#include <QPair>
#include <QStringList>
#include <optional>

namespace kafkascope {

struct NewTopicSpec
{
    QString name;
    int partitions = 1;
    int replicationFactor = 1;
    QList<QPair<QString, QString>> configs; // topic-level overrides
};

struct RecordsCut
{
    QString topic;
    int partition = 0;
    qint64 beforeOffset = 0; // records below this offset are deleted; RD_KAFKA_OFFSET_END: all
};

namespace topic_admin_ops {

constexpr int kDefaultTimeoutMs = 15000;

AdminResult createTopics(rd_kafka_t *rk, const QList<NewTopicSpec> &topics, bool validateOnly,
                         int timeoutMs = kDefaultTimeoutMs);
AdminResult deleteTopics(rd_kafka_t *rk, const QStringList &topics, int timeoutMs = kDefaultTimeoutMs);
// Raises the topic's partition count to `newTotal`.
AdminResult createPartitions(rd_kafka_t *rk, const QString &topic, int newTotal, bool validateOnly,
                             int timeoutMs = kDefaultTimeoutMs);
// Every config of each topic, with source and flags.
ConfigsResult describeTopicConfigs(rd_kafka_t *rk, const QStringList &topics, int timeoutMs = kDefaultTimeoutMs);
ConfigsResult describeBrokerConfigs(rd_kafka_t *rk, int brokerId, int timeoutMs = kDefaultTimeoutMs);
// Sets (value) or removes (nullopt: back to the inherited default) one topic override with
// IncrementalAlterConfigs: only that key is sent, every other override stays.
AdminResult alterTopicConfig(rd_kafka_t *rk, const QString &topic, const QString &key,
                             const std::optional<QString> &value, int timeoutMs = kDefaultTimeoutMs);
// DeleteRecords: items carry the new low watermark per partition.
AdminResult deleteRecords(rd_kafka_t *rk, const QList<RecordsCut> &cuts, int timeoutMs = kDefaultTimeoutMs);

} // namespace topic_admin_ops
} // namespace kafkascope
