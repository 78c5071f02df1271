#include "groups/offset_reset_jobs.h"

#include "cluster/cluster_session.h"
#include "kafka/session_access.h"

namespace kafkascope {

namespace {
constexpr int kTimeoutMs = 10000;
const QString kNotConnected = QStringLiteral("Not connected to the cluster");
} // namespace

std::function<ResetPreview(JobControl &)> offsetResetPreviewJob(const ClusterSession &session, const QString &group,
                                                                const QList<TopicPartition> &partitions,
                                                                const ResetSpec &spec)
{
    return [rk = SessionAccess::client(session), group, partitions, spec](JobControl &) {
        if (!rk) {
            ResetPreview r;
            r.error = kNotConnected;
            return r;
        }
        return prepareOffsetReset(rk.get(), group, partitions, spec, kTimeoutMs);
    };
}

std::function<ResetApplied(JobControl &)> offsetResetApplyJob(const ClusterSession &session, const QString &group,
                                                              const QList<PartitionOffset> &offsets)
{
    return [rk = SessionAccess::client(session), group, offsets](JobControl &control) {
        ResetApplied out;
        if (!rk) {
            out.result.error = kNotConnected;
            return out;
        }
        // Members may have joined since the preview: check again right before altering.
        out.refusal = resetRefusal(describeConsumerGroups(rk.get(), {group}, kTimeoutMs), group);
        if (!out.refusal.isEmpty() || control.isCancelled())
            return out;
        out.result = alterCommittedOffsets(rk.get(), group, offsets, kTimeoutMs);
        return out;
    };
}

} // namespace kafkascope
