#pragma once
// The offset reset of one cluster session as jobs for its JobRunner: the preview (describe,
// committed offsets, watermarks, plan) and the apply (check the group is still idle, then
// commit). The UI starts them through a JobSlot and never sees the Kafka client.

#include "groups/offset_reset.h"
#include "jobs/job_control.h"

#include <functional>

namespace kafkascope {

class ClusterSession;

struct ResetApplied
{
    QString refusal; // the group had become active: nothing was changed
    AlterOffsetsResult result;
};

std::function<ResetPreview(JobControl &)> offsetResetPreviewJob(const ClusterSession &session, const QString &group,
                                                                const QList<TopicPartition> &partitions,
                                                                const ResetSpec &spec);
std::function<ResetApplied(JobControl &)> offsetResetApplyJob(const ClusterSession &session, const QString &group,
                                                              const QList<PartitionOffset> &offsets);

} // namespace kafkascope
