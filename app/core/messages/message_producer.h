#pragma once
// Sends messages to one topic with an idempotent producer and waits for every delivery
// report, so the caller learns exactly how many were acknowledged and why any failed.
// Feeds the produce dialog (single message, N copies, a JSON Lines file) and import.
// Blocking: run it on a worker thread.

#include "profiles/connection_profile.h"
#include "kafka/kafka_handles.h"
#include "messages/kafka_message.h"

#include <QList>
#include <QString>
#include <atomic>
#include <functional>

namespace kafkascope {

struct ProduceProgress
{
    qint64 sent = 0;
    qint64 acked = 0;
    qint64 failed = 0;
};

struct ProduceReport
{
    qint64 sent = 0;   // handed to the producer
    qint64 acked = 0;  // acknowledged by the broker
    qint64 failed = 0; // definitively not written
    bool cancelled = false;
    QString error;     // the first failure (or why nothing could start), empty when all went well
    QList<QPair<int, qint64>> delivered; // partition, offset of the first 1000 acknowledged
    bool ok() const { return error.isEmpty() && !cancelled && failed == 0; }
    QString summary() const;
};

class MessageProducer
{
public:
    explicit MessageProducer(const ConnectionProfile &profile);
    ~MessageProducer();
    const QString &error() const { return m_error; }

    // Partition count of `topic` on this cluster, or -1 with *error ("does not exist").
    int partitionCount(const QString &topic, QString *error, int timeoutMs = 10000);

    // Pulls messages from `next` (returns false when there are no more; may set *error to
    // abort, e.g. a bad input line) and sends them. Stops at the first delivery failure.
    ProduceReport produce(const QString &topic,
                          const std::function<bool(OutgoingMessage *, QString *)> &next,
                          const std::function<void(const ProduceProgress &)> &progress,
                          const std::atomic_bool *cancel);

private:
    static void onDelivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque);
    KafkaPtr m_rk;
    QString m_error;
    ProduceReport *m_current = nullptr;
};

// Partition count of `topic` seen through `rk`; -1 with *error naming why.
int topicPartitionCount(rd_kafka_t *rk, const QString &topic, QString *error, int timeoutMs);

} // namespace kafkascope
