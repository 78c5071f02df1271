#pragma once
// Blocking Admin API calls about consumer groups: list them with their type, describe them
// (state, assignor, members and their assignments), committed offsets (OffsetFetch through ListConsumerGroupOffsets, one
// request per group, all in flight at once), and altering committed offsets (reset).
// Worker threads only.

#include "cluster/cluster_snapshot.h"
#include "groups/group_lag.h"
#include "kafka/kafka_handles.h"

#include <QHash>
#include <QStringList>

namespace kafkascope {

struct GroupListResult
{
    bool ok = false;
    QString error;
    QList<GroupListing> groups; // sorted by id
};

// Every group the brokers list, with its type: ListConsumerGroups gives classic and consumer
// (KIP-848) groups typed; it drops the others, so the brokers' plain listing is asked as well,
// and what only it names is a classic group of another protocol (Kafka Connect) or, when the
// classic DescribeGroups does not know it, a share or streams group (GroupType::Other).
GroupListResult listGroups(rd_kafka_t *rk, int timeoutMs);

struct GroupDescription
{
    QString id;
    GroupType type = GroupType::Unknown;
    QString state; // "Stable", "Empty", ...
    QString assignor;
    bool simple = false;
    int coordinator = -1;
    QList<GroupMember> members;
    QString error;
};

struct GroupDescribeResult
{
    bool ok = false;
    QString error; // request-level failure (e.g. the cluster has no DescribeGroups)
    QList<GroupDescription> groups;
};
GroupDescribeResult describeConsumerGroups(rd_kafka_t *rk, const QStringList &groups,
                                           int timeoutMs);

struct GroupOffsets
{
    QString error;                  // why this group's offsets are unknown
    QList<PartitionOffset> offsets; // committed partitions only
};
// Committed offsets of every partition of each group; keyed by group id.
QHash<QString, GroupOffsets> listCommittedOffsets(rd_kafka_t *rk, const QStringList &groups,
                                                  int timeoutMs);

// The same through a consumer handle whose group.id is the group: rd_kafka_committed() sends
// OffsetFetch to the group's coordinator without joining the group. For clusters where the
// Admin call is unavailable (the embedded demo cluster). Only committed partitions return.
GroupOffsets committedOffsetsViaConsumer(rd_kafka_t *consumer,
                                         const QList<TopicPartition> &partitions, int timeoutMs);

struct AlterOffsetsResult
{
    bool ok = false; // the request was answered (partitions may still have failed)
    QString error;
    QList<PartitionOffset> partitions; // as answered, error per partition
};
AlterOffsetsResult alterCommittedOffsets(rd_kafka_t *rk, const QString &group,
                                         const QList<PartitionOffset> &offsets, int timeoutMs);

// The code's text plus the broker's own words when they add something.
QString kafkaErrorDetail(int err, const char *detail); // err: rd_kafka_resp_err_t

} // namespace kafkascope
