#pragma once
// Value types for consumer-group lag, and the arithmetic on them: per-partition lag from a
// committed offset and a high watermark (no commit stays "no commit", never a made-up 0),
// totals per group and per topic, consumption/production rates from two samples, and the
// time to catch up. Pure functions, unit-tested.

#include "kafka/partition_offsets.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>

namespace kafkascope {

struct PartitionOffset
{
    QString topic;
    int partition = 0;
    qint64 offset = -1;
    QString error; // per-partition failure, verbatim from the broker
};

struct GroupMember
{
    QString memberId;
    QString clientId;
    QString host;
    QString instanceId;                    // static membership id, usually empty
    QList<QPair<QString, int>> assignment; // (topic, partition)
    // Consumer groups (KIP-848) only: the assignment the coordinator targets for the member.
    bool hasTarget = false;
    QList<QPair<QString, int>> targetAssignment;
};

struct PartitionLag
{
    QString topic;
    int partition = 0;
    qint64 committed = -1;  // -1: the group has no committed offset here
    qint64 low = -1;        // log start; -1 unknown
    qint64 high = -1;       // log end; -1 unknown (leader down, topic gone)
    qint64 lag = -1;        // high - committed; -1 when either side is unknown
    double lagSeconds = -1; // age of the message at the committed offset; -1 unknown
    QString owner;          // client id of the member it is assigned to, if known
    QString error;          // why committed or high is unknown
    bool hasCommit() const { return committed >= 0; }
};

// Lag of one partition: high - committed, clamped at 0 (a commit past the end after a topic
// was recreated is not negative lag); nullopt when either offset is unknown.
std::optional<qint64> partitionLag(qint64 committed, qint64 high);

// Joins a group's committed offsets with the watermarks: one row per partition of every
// topic the group touches (committed there or assigned there), sorted by topic/partition.
// Partitions of such a topic without a commit are listed as "no commit", not as lag.
QList<PartitionLag> joinGroupLag(const QList<PartitionOffset> &committed,
                                 const QList<PartitionOffsets> &watermarks,
                                 const QList<TopicPartition> &alsoRead);

struct LagTotals
{
    qint64 lag = 0;          // sum over partitions with a known lag
    qint64 committedSum = 0; // sum of committed offsets (their deltas = consumption)
    qint64 highSum = 0;      // sum of high watermarks of those partitions (production)
    int partitions = 0;      // partitions with a known lag
    int withoutCommit = 0;   // partitions the group reads but never committed
    int unknown = 0;         // partitions whose high watermark is unknown
    double maxLagSeconds = -1;
};
LagTotals lagTotals(const QList<PartitionLag> &partitions);

// One poll of one group, kept for rates and the health verdict.
struct LagSample
{
    double t = 0; // seconds since the epoch
    qint64 lag = 0;
    qint64 committedSum = 0;
    qint64 highSum = 0;
};

// Messages per second between two samples; nullopt when the span is empty or the counter
// went backwards (offsets reset, topic recreated): a reset is not a negative rate.
std::optional<double> counterRate(double t0, qint64 v0, double t1, qint64 v1);

struct CatchUp
{
    bool catchingUp = false;
    double seconds = 0; // valid when catchingUp
};
// lag / (consumption - production) when the group gains on the producers; lag 0 is caught up.
CatchUp estimateCatchUp(qint64 lag, double consumptionRate, double productionRate);

// "3 m 20 s", "2 h 5 m", "1 d 4 h": coarse durations for lag in time and catch-up estimates.
QString formatDuration(double seconds);

} // namespace kafkascope
