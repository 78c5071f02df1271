#pragma once
// The topic management service of one cluster session: create/delete topics, add
// partitions, read and change configs (and read a broker's), purge records. Every call runs as a job (JobRunner)
// with the session's shared client and answers with a QFuture of a value-type result;
// after a successful change the session refreshes its metadata so every view follows.

#include "topics/admin_result.h"
#include "cluster/cluster_session.h"
#include "kafka/partition_offsets.h"
#include "kafka/topic_admin_ops.h"
#include "jobs/job_slot.h"

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <atomic>

namespace kafkascope {

struct PurgeRequest
{
    enum class Mode { AllRecords, BeforeOffset, BeforeTimestamp };
    QString topic;
    QList<int> partitions;
    Mode mode = Mode::AllRecords;
    qint64 offset = 0;      // BeforeOffset: the same cut for every listed partition
    qint64 timestampMs = 0; // BeforeTimestamp: records older than this go
};

class TopicAdmin : public QObject
{
    Q_OBJECT
public:
    explicit TopicAdmin(ClusterSession *session, QObject *parent = nullptr);
    ~TopicAdmin() override;

    // Non-empty when this cluster cannot serve admin requests at all (the embedded demo
    // cluster): the sentence to show the user instead of offering the actions.
    QString unsupportedReason() const;
    bool supportsAdmin() const { return unsupportedReason().isEmpty(); }
    // How many changing (or validate-only) requests were handed to the cluster; look-ups
    // are not counted. Tests use it to prove that nothing invalid is sent.
    int requestCount() const { return m_requests.load(); }
    ClusterSession *session() const { return m_session; }

    QFuture<AdminResult> createTopic(const NewTopicSpec &spec, bool validateOnly);
    QFuture<AdminResult> deleteTopics(const QStringList &topics);
    QFuture<AdminResult> createPartitions(const QString &topic, int newTotal);
    QFuture<ConfigsResult> describeTopicConfigs(const QStringList &topics);
    // Every config of one broker (DescribeConfigs on its BROKER resource), read-only.
    QFuture<ConfigsResult> describeBrokerConfigs(int brokerId);
    // Sets (value) or resets (nullopt) one override; the other overrides are kept.
    QFuture<AdminResult> alterTopicConfig(const QString &topic, const QString &key, const std::optional<QString> &value);
    QFuture<AdminResult> purge(const PurgeRequest &request);
    // Preferred-leader election (ElectLeaders): the broker's outcome per partition.
    QFuture<AdminResult> electPreferredLeaders(const QString &topic, const QList<int> &partitions);
    // Read-only look-ups; these work on the demo cluster too.
    QFuture<OffsetLookup> watermarks(const QList<TopicPartition> &partitions);

    static constexpr int kTimeoutMs = topic_admin_ops::kDefaultTimeoutMs;

private:
    template<typename Result, typename Job>
    QFuture<Result> submit(bool mutating, Job job, bool counted = true);
    void refreshSession();

    QPointer<ClusterSession> m_session;
    bool m_demo = false;
    std::atomic<int> m_requests{0};
    JobSlot m_followUps; // the guarded way back for the refresh after a change
};

} // namespace kafkascope
