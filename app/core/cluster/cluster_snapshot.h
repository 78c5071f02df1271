#pragma once
// Value types describing one metadata answer; they cross threads by value.

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace kafkascope {

struct BrokerInfo
{
    int id = -1;
    QString host;
    int port = 0;
    QString rack; // empty when the broker has none (from DescribeCluster)
    bool operator==(const BrokerInfo &) const = default;
};

struct PartitionInfo
{
    int id = 0;
    int leader = -1; // -1: no leader, the partition is offline
    QList<int> replicas;
    QList<int> isr;
    QString error; // empty when fine
    bool offline() const { return leader < 0; }
    bool underReplicated() const { return isr.size() < replicas.size(); }
    bool operator==(const PartitionInfo &) const = default;
};

struct TopicInfo
{
    QString name;
    QList<PartitionInfo> partitions;
    QString error;
    bool internal() const { return name.startsWith(u"__"); }
    int replicationFactor() const;
    int underReplicatedCount() const;
    int offlineCount() const;
    bool operator==(const TopicInfo &) const = default;
};

// A group's type as the broker reports it (ListGroups v5, Kafka 3.8+). Other: the broker lists
// the group, but neither as a consumer group nor as a classic one (DescribeGroups calls it Dead):
// a share group (KIP-932) or a streams group (KIP-1071). librdkafka 2.14 has no API that tells
// these two apart or describes them, so the app says exactly that instead of "Dead".
enum class GroupType { Unknown, Classic, Consumer, Other };
QString groupTypeName(GroupType type);

struct GroupListing
{
    QString id;
    QString state; // "Stable", "Empty", ... as the broker names it; empty when not known
    bool simple = false;
    GroupType type = GroupType::Unknown;
    QString protocolType; // classic groups of another protocol than "consumer" ("connect")
    bool operator==(const GroupListing &) const = default;
};

struct ClusterSnapshot
{
    QString clusterId;
    int controllerId = -1;
    QList<BrokerInfo> brokers;
    QList<TopicInfo> topics; // sorted by name
    QList<GroupListing> groups; // sorted by id
    QString groupsError;        // why groups could not be listed (e.g. unsupported API)
    QDateTime fetchedAt;

    int partitionCount() const;
    int underReplicatedCount() const;
    int offlineCount() const;
    const TopicInfo *topic(const QString &name) const;
};

} // namespace kafkascope

Q_DECLARE_METATYPE(kafkascope::ClusterSnapshot)
