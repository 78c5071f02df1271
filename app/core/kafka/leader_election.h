#pragma once
// Preferred-leader election (Kafka's ElectLeaders) for chosen partitions of a topic: a blocking
// Admin call for worker threads. The answer keeps the broker's outcome per partition verbatim
// (ELECTION_NOT_NEEDED when the preferred replica already leads).

#include "kafka/kafka_handles.h"
#include "topics/admin_result.h"

#include <QList>
#include <QString>

namespace kafkascope {

// items: one per partition the broker answered for, in partition order.
AdminResult electPreferredLeaders(rd_kafka_t *rk, const QString &topic, const QList<int> &partitions,
                                  int timeoutMs);

} // namespace kafkascope
