#pragma once
// The figures one evaluation round sees, gathered from what the cluster session and its
// pollers already hold (no request per rule). Each family carries whether it is fresh: a
// stale family is not evaluated, so a dark cluster raises "unreachable", not lag alerts.

#include "groups/group_health.h"

#include <QHash>
#include <QList>
#include <QString>
#include <cmath>

namespace kafkascope {

struct GroupFacts
{
    QString id;
    qint64 lag = -1;         // total lag; -1 unknown
    double lagSeconds = -1;  // -1 unknown
    GroupHealth::Verdict verdict = GroupHealth::Verdict::Unknown;
    QString reason;          // the verdict's sentence
};

struct TopicFacts
{
    QString name;
    double rate = std::nan(""); // messages/s; NaN unknown
    int underReplicated = 0;
    int offline = 0;
};

struct DeviceFacts
{
    QString name;
    QString topic;
    double silentSeconds = -1; // since the last message; -1 unknown
    double staleSeconds = 30;  // the device's stale time
    QHash<QString, double> values; // latest value per key
};

struct AlertInputs
{
    double now = 0; // seconds since the epoch

    bool connected = false;  // some broker answered the last metadata request
    // No broker answers (after trying); false while still connecting: that is not yet known.
    bool unreachable = false;
    QString unreachableReason;

    bool metadataFresh = false;
    QList<int> brokers;
    QList<TopicFacts> topics; // rates valid only when ratesFresh
    bool ratesFresh = false;

    bool groupsFresh = false;
    QList<GroupFacts> groups;

    bool telemetryFresh = false;
    QList<DeviceFacts> devices;
    QHash<QString, double> decodeErrorRates; // per telemetry topic, errors/s
};

} // namespace kafkascope

namespace kafkascope {

struct SessionStatus;
struct ClusterSnapshot;
struct OffsetsSnapshot;
struct GroupsReport;

// How old a family of figures may be before it counts as stale.
struct FreshnessLimits
{
    double metadataSeconds = 20; // the session refreshes every 5 s
    double ratesSeconds = 10;    // the offset poller every 2 s
    double groupsSeconds = 10;   // the group monitor every 2 s
};

// One round's figures from what the session and its pollers hold (nothing is requested).
AlertInputs gatherClusterInputs(double now, const SessionStatus &status,
                                const ClusterSnapshot &snapshot, const OffsetsSnapshot &offsets,
                                const GroupsReport &groups, const FreshnessLimits &limits = {});

} // namespace kafkascope
