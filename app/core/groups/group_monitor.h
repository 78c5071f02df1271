#pragma once
// Watches the consumer groups of one cluster session: every poll (default 2 s) it describes
// the groups, fetches their committed offsets and the high watermarks of what they read
// (batched), and derives lag per partition/topic/group, consumption and production rates,
// time to catch up, a health verdict, and, for the group being viewed, lag in time.
// One per session (forSession), on a thread of its own that only it blocks, shared by the
// Groups panel, the Overview and the alert watcher: the lag history lives as long as the
// session, not as long as a panel. Results leave as a value-type report through a queued
// signal, and the lag history stays in bounded buffers that the UI reads incrementally.

#include "cluster/cluster_snapshot.h"
#include "profiles/connection_profile.h"
#include "kafka/consumer_group_admin.h"
#include "kafka/partition_offsets.h"
#include "groups/group_health.h"
#include "series/time_series.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <deque>
#include <memory>

class QTimer;

namespace kafkascope {

class ClusterSession;
class MessageTimestampReader;

struct GroupSummary
{
    QString id;
    GroupType type = GroupType::Unknown;
    QString protocolType; // a classic group of another protocol than "consumer" ("connect")
    QString state;    // from DescribeConsumerGroups or the listing; empty when unknown
    QString assignor; // e.g. "range"; empty when unknown
    bool simple = false;
    bool watched = false; // added by hand rather than listed by the cluster
    int members = -1;     // -1: unknown (the cluster cannot describe groups)
    LagTotals totals;
    QList<QPair<QString, qint64>> topicLag; // per topic, sorted by topic
    double consumptionRate = -1;            // committed messages/s; -1 until two polls
    double productionRate = -1;             // messages/s produced into its partitions
    CatchUp catchUp;
    double lagSeconds = -1; // the viewed group only; -1 unknown
    GroupHealth health;
    QString error;
    // Null while the figures are fresh; else when they were last read: the broker could not
    // be asked this poll, and what shows is that older reading.
    QDateTime staleSince;
};

struct GroupDetail
{
    QString id;
    QList<GroupMember> members;
    QList<PartitionLag> partitions;
};

struct GroupsReport
{
    QDateTime at;
    QList<GroupSummary> groups; // sorted by id
    GroupDetail focus;          // the group being viewed; id empty when none
    QString error;              // the whole poll failed (not connected, ...)
    QString listError;          // the cluster cannot list groups (e.g. the demo cluster)
    QString describeError;      // ... or describe them
};

class GroupMonitor : public QObject
{
    Q_OBJECT
public:
    explicit GroupMonitor(ClusterSession *session, QObject *parent = nullptr);
    ~GroupMonitor() override;

    // The session's monitor, made and started on first use. It polls until the session goes
    // (sessionGone(), from ~ClusterSession), then stops on its own thread and that thread
    // frees it: nothing waits for a poll stuck on a hung broker.
    static GroupMonitor *forSession(ClusterSession *session);
    static void sessionGone(ClusterSession *session);

    static constexpr int kDefaultPollMs = 2000;
    // What the demo cluster cannot do, in one sentence for the UI.
    static QString demoLimitation();
    // Why a share or streams group (GroupType::Other) shows no state, members or lag.
    static QString undescribableReason();
    static constexpr size_t kHistoryPoints = 7200; // 4 h at the default interval

    // Thread-safe: the latest report, and the lag history of a group (topic empty: the
    // group's total), appended to `out` from sequence `since`; returns the next sequence.
    GroupsReport report() const;
    quint64 copyLagSince(const QString &group, const QString &topic, quint64 since,
                         std::vector<SeriesPoint> &out) const;
    QStringList lagTopics(const QString &group) const;
    void setHealthRules(const GroupHealthEvaluator::Rules &rules)
    {
        m_evaluator = GroupHealthEvaluator(rules);
    }
    void setHealthWindowSeconds(double seconds) { m_windowSeconds = seconds; }

public slots:
    // Invoke these queued, so they run on the monitor's thread.
    void start();
    void stop();
    void pollNow();
    void setPollIntervalMs(int ms);
    void watchGroup(const QString &group);
    void unwatchGroup(const QString &group);
    void setFocusGroup(const QString &group); // the viewed group: detail and lag in time
    void setLagTimeGroups(const QStringList &groups); // lag in time also for these (alerts)

signals:
    void reportReady(const kafkascope::GroupsReport &report);

private:
    struct Tracked;
    void poll();
    // The steps of a poll, in order.
    void publishDisconnected(GroupsReport &report);
    QHash<QString, GroupSummary> groupsToWatch(const ClusterSnapshot &snapshot) const;
    QHash<QString, GroupDescription> describeGroups(rd_kafka_t *rk, const QHash<QString, GroupSummary> &summaries,
                                                    double now);
    OffsetLookup readWatermarks(rd_kafka_t *rk, const ClusterSnapshot &snapshot, const QStringList &ids,
                                const QHash<QString, GroupOffsets> &committed,
                                const QHash<QString, GroupDescription> &descriptions,
                                QHash<QString, QList<TopicPartition>> &assigned) const;
    static void applyDescription(GroupSummary &s, const GroupDescription &desc);
    static QList<QPair<QString, qint64>> lagByTopic(const QList<PartitionLag> &rows);
    void updateRates(Tracked &t, const QList<PartitionLag> &rows, double now, GroupSummary &s) const;
    void judgeHealth(const Tracked &t, GroupSummary &s, const QString &error, double now) const;
    void appendLagHistory(const QString &id, const GroupSummary &s, double now);
    void publish(GroupsReport &report, const QHash<QString, GroupSummary> &summaries);
    void updateLagInTime(GroupDetail &focus, double now);
    Tracked &tracked(const QString &group);
    static GroupSummary staleCopy(const Tracked &t, const QString &error);
    QHash<QString, GroupOffsets> committedThroughConsumers(const QStringList &groups,
                                                           const ClusterSnapshot &snapshot);

    ClusterSession *m_session; // read only at the start of a poll, under the registry lock
    // A copy: a poll still blocked after its panel closed must not reach into a session
    // that may be gone by the time it resumes.
    const ConnectionProfile m_profile;
    QTimer *m_timer = nullptr;
    int m_pollMs = kDefaultPollMs;
    double m_windowSeconds = 120;
    double m_rateSeconds = 30;
    GroupHealthEvaluator m_evaluator;
    QSet<QString> m_watched;
    QString m_focus;
    QSet<QString> m_lagTimeGroups;
    double m_describeRetryAt = 0; // after an unsupported DescribeConsumerGroups, try again later
    QString m_describeError;
    std::unique_ptr<MessageTimestampReader> m_timestamps;
    QHash<QString, std::shared_ptr<rd_kafka_t>> m_offsetConsumers; // demo: one per group
    QHash<QString, QPair<qint64, qint64>> m_timestampCache; // "t/p" -> (offset, timestamp ms)
    QHash<QString, std::shared_ptr<Tracked>> m_tracked;

    mutable QMutex m_mutex; // guards the report and the lag buffers
    GroupsReport m_report;
    QHash<QString, QHash<QString, std::shared_ptr<TimeSeriesBuffer>>>
        m_lagSeries; // group -> topic ("" total)
};

} // namespace kafkascope

Q_DECLARE_METATYPE(kafkascope::GroupsReport)
