#include "alerts/alert_inputs.h"

#include "cluster/cluster_snapshot.h"
#include "cluster/session_state.h"
#include "groups/group_monitor.h"
#include "throughput/offset_history.h"

namespace kafkascope {

AlertInputs gatherClusterInputs(double now, const SessionStatus &status,
                                const ClusterSnapshot &snapshot, const OffsetsSnapshot &offsets,
                                const GroupsReport &groups, const FreshnessLimits &limits)
{
    AlertInputs in;
    in.now = now;
    in.connected = status.state == SessionState::Connected || status.state == SessionState::Degraded;
    in.unreachable = status.state == SessionState::Disconnected;
    if (in.unreachable)
        in.unreachableReason = status.lastError.isEmpty() ? displayName(status.state) : status.lastError;

    const double metadataAt = snapshot.fetchedAt.isValid() ? snapshot.fetchedAt.toMSecsSinceEpoch() / 1000.0 : 0;
    in.metadataFresh = in.connected && metadataAt > 0 && now - metadataAt <= limits.metadataSeconds;
    in.ratesFresh = in.connected && offsets.t > 0 && now - offsets.t <= limits.ratesSeconds
        && offsets.error.isEmpty();
    const double groupsAt = groups.at.isValid() ? groups.at.toMSecsSinceEpoch() / 1000.0 : 0;
    in.groupsFresh = in.connected && groupsAt > 0 && now - groupsAt <= limits.groupsSeconds
        && groups.error.isEmpty();

    if (in.metadataFresh) {
        in.brokers.reserve(snapshot.brokers.size());
        for (const BrokerInfo &b : snapshot.brokers)
            in.brokers.append(b.id);
    }
    // Topics come from the metadata (sorted by name); rates join them by name.
    in.topics.reserve(snapshot.topics.size());
    for (const TopicInfo &t : snapshot.topics) {
        TopicFacts f;
        f.name = t.name;
        f.underReplicated = t.underReplicatedCount();
        f.offline = t.offlineCount();
        if (in.ratesFresh)
            f.rate = offsets.topicRates.value(t.name, std::nan(""));
        in.topics.append(f);
    }
    if (in.groupsFresh) {
        in.groups.reserve(groups.groups.size());
        for (const GroupSummary &s : groups.groups) {
            GroupFacts g;
            g.id = s.id;
            const bool readable = s.error.isEmpty() && s.totals.partitions > 0;
            g.lag = readable ? s.totals.lag : -1;
            g.lagSeconds = readable ? s.lagSeconds : -1;
            g.verdict = s.health.verdict;
            g.reason = s.health.reason;
            in.groups.append(g);
        }
    }
    return in;
}

} // namespace kafkascope
