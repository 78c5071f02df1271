#pragma once
// Reads the timestamp of one message per partition at a given offset (the message at a
// group's committed offset tells how old the oldest unconsumed message is: "lag in time").
// A group-less consumer is assigned just those partitions at those offsets, polled until
// each answered once, then unassigned: it never joins a group and never commits.
// Blocking: worker threads only.

#include "profiles/connection_profile.h"
#include "kafka/consumer_group_admin.h"

#include <QHash>

namespace kafkascope {

class MessageTimestampReader
{
public:
    explicit MessageTimestampReader(const ConnectionProfile &profile);

    struct Answer
    {
        qint64 timestampMs = -1; // -1: no message there (yet) or the broker gave none
        QString error;
    };
    // Keyed by "topic/partition". Partitions still silent when timeoutMs ends get an error.
    QHash<QString, Answer> read(const QList<PartitionOffset> &positions, int timeoutMs);
    static QString key(const QString &topic, int partition)
    {
        return topic + u'/' + QString::number(partition);
    }

private:
    bool ensureConsumer(QString *error);

    ConnectionProfile m_profile;
    KafkaPtr m_consumer;
};

} // namespace kafkascope
