#include "topics/topic_admin.h"

#include "kafka/leader_election.h"

#include "cluster/cluster_session.h"
#include "kafka/session_access.h"

#include <QPromise>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

namespace {
AdminError notConnected()
{
    return AdminError::make(QStringLiteral("NOT_CONNECTED"), QStringLiteral("the cluster session has no client"));
}

template<typename Result>
void setRequestError(Result *r, const AdminError &e)
{
    r->error = e;
}
void setRequestError(OffsetLookup *r, const AdminError &e)
{
    r->ok = false;
    r->error = e.text();
}
bool succeeded(const AdminResult &r)
{
    return r.ok();
}
bool succeeded(const ConfigsResult &)
{
    return false; // never refreshes
}
bool succeeded(const OffsetLookup &)
{
    return false;
}

} // namespace

TopicAdmin::TopicAdmin(ClusterSession *session, QObject *parent)
    : QObject(parent), m_session(session), m_demo(session && session->profile().demo), m_followUps(this)
{
    qRegisterMetaType<kafkascope::AdminResult>();
    qRegisterMetaType<kafkascope::ConfigsResult>();
}

TopicAdmin::~TopicAdmin() = default;

QString TopicAdmin::unsupportedReason() const
{
    if (m_demo)
        return tr("The embedded demo cluster (librdkafka's mock broker) cannot create, delete or alter topics: it "
                  "does not implement CreateTopics, DeleteTopics, CreatePartitions, DescribeConfigs, AlterConfigs "
                  "or DeleteRecords. Connect to a real cluster to manage topics.");
    return {};
}

template<typename Result, typename Job>
QFuture<Result> TopicAdmin::submit(bool mutating, Job job, bool counted)
{
    std::shared_ptr<rd_kafka_t> client = m_session ? SessionAccess::client(*m_session) : nullptr;
    const QString unsupported = mutating ? unsupportedReason() : QString();
    if (!unsupported.isEmpty() || !client) { // answered at once, nothing is sent
        Result r;
        setRequestError(&r, unsupported.isEmpty() ? notConnected()
                                                  : AdminError::make(QStringLiteral("UNSUPPORTED_FEATURE"), unsupported));
        return QtFuture::makeReadyFuture(r);
    }
    if (counted)
        ++m_requests;
    // The future is fulfilled on the job's thread, so a dialog watching it hears the answer
    // even when this service is gone; the follow-up refresh goes through m_followUps, which
    // drops it once this service is destroyed (no QFuture::then(this): Qt 6.4 asserts when
    // that context dies first).
    auto promise = std::make_shared<QPromise<Result>>();
    promise->start();
    QFuture<Result> future = promise->future();
    const std::shared_ptr<JobChannel> followUps = m_followUps.channel();
    TopicAdmin *self = this; // only touched on this thread, through the guarded channel
    JobRunner::shared().start(QStringLiteral("admin"), 0, [client, job, promise, followUps, self, mutating](JobControl &) {
        const Result r = job(client.get());
        if (mutating && succeeded(r))
            followUps->post([self] { self->refreshSession(); });
        promise->addResult(r);
        promise->finish();
    });
    return future;
}

void TopicAdmin::refreshSession()
{
    if (m_session)
        QMetaObject::invokeMethod(m_session.data(), &ClusterSession::refreshNow, Qt::QueuedConnection);
}

QFuture<AdminResult> TopicAdmin::createTopic(const NewTopicSpec &spec, bool validateOnly)
{
    return submit<AdminResult>(!validateOnly || m_demo, [spec, validateOnly](rd_kafka_t *rk) {
        return topic_admin_ops::createTopics(rk, {spec}, validateOnly, kTimeoutMs);
    });
}

QFuture<AdminResult> TopicAdmin::deleteTopics(const QStringList &topics)
{
    return submit<AdminResult>(true, [topics](rd_kafka_t *rk) { return topic_admin_ops::deleteTopics(rk, topics, kTimeoutMs); });
}

QFuture<AdminResult> TopicAdmin::createPartitions(const QString &topic, int newTotal)
{
    return submit<AdminResult>(true, [topic, newTotal](rd_kafka_t *rk) {
        return topic_admin_ops::createPartitions(rk, topic, newTotal, false, kTimeoutMs);
    });
}

QFuture<ConfigsResult> TopicAdmin::describeTopicConfigs(const QStringList &topics)
{
    if (m_demo) { // the mock would leave the request unanswered until the timeout
        ConfigsResult r;
        r.error = AdminError::make(QStringLiteral("UNSUPPORTED_FEATURE"), unsupportedReason());
        return QtFuture::makeReadyFuture(r);
    }
    return submit<ConfigsResult>(
        false, [topics](rd_kafka_t *rk) { return topic_admin_ops::describeTopicConfigs(rk, topics, kTimeoutMs); }, false);
}

QFuture<ConfigsResult> TopicAdmin::describeBrokerConfigs(int brokerId)
{
    if (m_demo) { // the mock has no DescribeConfigs: it would only time out
        ConfigsResult r;
        r.error = AdminError::make(QStringLiteral("UNSUPPORTED_FEATURE"),
                                   tr("The embedded demo cluster (librdkafka's mock broker) has no broker configuration "
                                      "to describe."));
        return QtFuture::makeReadyFuture(r);
    }
    return submit<ConfigsResult>(
        false, [brokerId](rd_kafka_t *rk) { return topic_admin_ops::describeBrokerConfigs(rk, brokerId, kTimeoutMs); },
        false);
}

QFuture<AdminResult> TopicAdmin::alterTopicConfig(const QString &topic, const QString &key,
                                                  const std::optional<QString> &value)
{
    return submit<AdminResult>(true, [topic, key, value](rd_kafka_t *rk) {
        return topic_admin_ops::alterTopicConfig(rk, topic, key, value, kTimeoutMs);
    });
}

QFuture<AdminResult> TopicAdmin::electPreferredLeaders(const QString &topic,
                                                       const QList<int> &partitions)
{
    return submit<AdminResult>(true, [topic, partitions](rd_kafka_t *rk) {
        return kafkascope::electPreferredLeaders(rk, topic, partitions, kTimeoutMs);
    });
}

QFuture<AdminResult> TopicAdmin::purge(const PurgeRequest &request)
{
    return submit<AdminResult>(true, [request](rd_kafka_t *rk) {
        QList<RecordsCut> cuts;
        if (request.mode == PurgeRequest::Mode::BeforeTimestamp) {
            QList<TopicPartition> parts;
            for (int p : request.partitions)
                parts.append({request.topic, p});
            const OffsetLookup found = offsetsForTimestamp(rk, parts, request.timestampMs, kTimeoutMs);
            AdminResult r;
            if (!found.ok) {
                r.error = AdminError::make(QStringLiteral("LIST_OFFSETS_FAILED"),
                                           QStringLiteral("cannot find the offsets for the timestamp: ") + found.error);
                return r;
            }
            for (const PartitionOffsets &po : found.partitions) {
                if (!po.error.isEmpty())
                    r.items.append({po.topic, po.partition, -1,
                                    AdminError::make(po.error.section(u':', 0, 0), po.error.section(u':', 1).trimmed())});
                else
                    cuts.append({po.topic, po.partition, po.low});
            }
            if (!r.items.isEmpty())
                return r;
        } else {
            const qint64 before = request.mode == PurgeRequest::Mode::AllRecords ? qint64(RD_KAFKA_OFFSET_END) : request.offset;
            for (int p : request.partitions)
                cuts.append({request.topic, p, before});
        }
        return topic_admin_ops::deleteRecords(rk, cuts, kTimeoutMs);
    });
}

QFuture<OffsetLookup> TopicAdmin::watermarks(const QList<TopicPartition> &partitions)
{
    return submit<OffsetLookup>(
        false, [partitions](rd_kafka_t *rk) { return queryWatermarks(rk, partitions, kTimeoutMs); }, false);
}

} // namespace kafkascope
