#include "cluster/cluster_snapshot.h"

#include <algorithm>

namespace kafkascope {

QString groupTypeName(GroupType type)
{
    switch (type) {
    case GroupType::Classic: return QStringLiteral("classic");
    case GroupType::Consumer: return QStringLiteral("consumer");
    case GroupType::Other: return QStringLiteral("share/streams");
    case GroupType::Unknown: break;
    }
    return QStringLiteral("unknown");
}

int TopicInfo::replicationFactor() const
{
    int rf = 0;
    for (const auto &p : partitions)
        rf = std::max(rf, int(p.replicas.size()));
    return rf;
}

int TopicInfo::underReplicatedCount() const
{
    return int(std::count_if(partitions.cbegin(), partitions.cend(),
                             [](const PartitionInfo &p) { return p.underReplicated(); }));
}

int TopicInfo::offlineCount() const
{
    return int(std::count_if(partitions.cbegin(), partitions.cend(),
                             [](const PartitionInfo &p) { return p.offline(); }));
}

int ClusterSnapshot::partitionCount() const
{
    int n = 0;
    for (const auto &t : topics)
        n += int(t.partitions.size());
    return n;
}

int ClusterSnapshot::underReplicatedCount() const
{
    int n = 0;
    for (const auto &t : topics)
        n += t.underReplicatedCount();
    return n;
}

int ClusterSnapshot::offlineCount() const
{
    int n = 0;
    for (const auto &t : topics)
        n += t.offlineCount();
    return n;
}

const TopicInfo *ClusterSnapshot::topic(const QString &name) const
{
    auto it = std::lower_bound(topics.cbegin(), topics.cend(), name,
                               [](const TopicInfo &t, const QString &n) { return t.name < n; });
    return (it != topics.cend() && it->name == name) ? &*it : nullptr;
}

} // namespace kafkascope
