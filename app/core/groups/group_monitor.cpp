#include "groups/group_monitor.h"

#include "cluster/cluster_session.h"
#include "kafka/session_access.h"
#include "kafka/consumer_group_admin.h"
#include "kafka/kafka_config.h"
#include "kafka/librdkafka_version.h"
#include "kafka/message_timestamp_reader.h"
#include "jobs/job_runner.h"

#include <QThread>
#include <QTimer>
#include <algorithm>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

namespace {
constexpr int kAdminTimeoutMs = 5000;
constexpr int kTimestampTimeoutMs = 1500;
constexpr double kDescribeRetrySeconds = 30;

double nowSeconds()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

QString partitionKey(const QString &topic, int partition)
{
    return topic + u'/' + QString::number(partition);
}
} // namespace

// What the monitor remembers about one group between polls.
struct GroupMonitor::Tracked
{
    std::deque<LagSample> samples; // the health window
    struct Delta
    {
        double t;
        double span;
        qint64 consumed, produced;
    };
    std::deque<Delta> deltas;                       // the rate window
    QHash<QString, QPair<qint64, qint64>> previous; // "t/p" -> (committed, high) at the last poll
    double lastPoll = 0;
    qint64 consumedTotal = 0; // committed messages since we started watching
    double lastCommitMove = 0;
    bool commitSeen = false; // a commit moved while watched: lastCommitMove is its time
    GroupSummary lastGood;   // the last poll whose figures the broker gave, and when
    QDateTime lastGoodAt;
};

namespace {
QMutex g_registryMutex; // the per-session monitors, and every monitor's m_session
QHash<ClusterSession *, GroupMonitor *> g_registry;
} // namespace

GroupMonitor::GroupMonitor(ClusterSession *session, QObject *parent)
    : QObject(parent), m_session(session), m_profile(session->profile())
{
    qRegisterMetaType<kafkascope::GroupsReport>();
}

GroupMonitor::~GroupMonitor()
{
    QMutexLocker lock(&g_registryMutex);
    if (m_session && g_registry.value(m_session) == this)
        g_registry.remove(m_session);
}

GroupMonitor *GroupMonitor::forSession(ClusterSession *session)
{
    QMutexLocker lock(&g_registryMutex);
    if (GroupMonitor *existing = g_registry.value(session))
        return existing;
    auto *monitor = new GroupMonitor(session);
    // Its poll blocks on the network (describe, offsets, watermarks), so it gets a thread
    // that nothing else needs: not the UI's, not the session's refresh.
    auto *thread = new QThread;
    thread->setObjectName(QStringLiteral("groups:") + session->profile().name);
    monitor->moveToThread(thread);
    connect(thread, &QThread::finished, monitor, &QObject::deleteLater);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    JobRunner::track(thread);
    thread->start();
    g_registry.insert(session, monitor);
    QMetaObject::invokeMethod(monitor, &GroupMonitor::start, Qt::QueuedConnection);
    return monitor;
}

void GroupMonitor::sessionGone(ClusterSession *session)
{
    QMutexLocker lock(&g_registryMutex);
    GroupMonitor *monitor = g_registry.take(session);
    if (!monitor)
        return;
    monitor->m_session = nullptr; // under the registry lock, which poll() reads it under
    QMetaObject::invokeMethod(monitor, [monitor] {
        monitor->stop();
        monitor->thread()->quit(); // then the thread frees the monitor and itself
    }, Qt::QueuedConnection);
}

GroupsReport GroupMonitor::report() const
{
    QMutexLocker lock(&m_mutex);
    return m_report;
}

quint64 GroupMonitor::copyLagSince(const QString &group, const QString &topic, quint64 since,
                                   std::vector<SeriesPoint> &out) const
{
    QMutexLocker lock(&m_mutex);
    const auto series = m_lagSeries.value(group).value(topic);
    return series ? series->copySince(since, out) : since;
}

QStringList GroupMonitor::lagTopics(const QString &group) const
{
    QMutexLocker lock(&m_mutex);
    QStringList topics = m_lagSeries.value(group).keys();
    topics.removeAll(QString());
    topics.sort();
    return topics;
}

void GroupMonitor::start()
{
    if (m_timer)
        return;
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &GroupMonitor::poll);
    m_timer->start(m_pollMs);
    poll();
}

void GroupMonitor::stop()
{
    delete m_timer;
    m_timer = nullptr;
    m_timestamps.reset();
    m_offsetConsumers.clear();
}

void GroupMonitor::pollNow()
{
    if (m_timer)
        poll();
}

void GroupMonitor::setPollIntervalMs(int ms)
{
    m_pollMs = std::max(200, ms);
    if (m_timer)
        m_timer->start(m_pollMs);
}

void GroupMonitor::watchGroup(const QString &group)
{
    if (!group.trimmed().isEmpty())
        m_watched.insert(group.trimmed());
}

void GroupMonitor::unwatchGroup(const QString &group)
{
    m_watched.remove(group);
}

void GroupMonitor::setLagTimeGroups(const QStringList &groups)
{
    m_lagTimeGroups = QSet<QString>(groups.cbegin(), groups.cend());
}

void GroupMonitor::setFocusGroup(const QString &group)
{
    if (group == m_focus)
        return;
    m_focus = group;
    m_timestampCache.clear();
}

QString GroupMonitor::demoLimitation()
{
    return tr("The embedded demo cluster (librdkafka's mock) implements no ListGroups, "
              "DescribeGroups or ConsumerGroupDescribe: members and state are unavailable; lag is "
              "computed from committed offsets.");
}

QString GroupMonitor::undescribableReason()
{
    return tr("A share group (KIP-932) or streams group (KIP-1071): librdkafka %1 cannot describe "
              "these, so its state, members and lag are not shown.")
        .arg(librdkafkaVersion());
}

QHash<QString, GroupOffsets>
GroupMonitor::committedThroughConsumers(const QStringList &groups, const ClusterSnapshot &snapshot)
{
    QList<TopicPartition> partitions;
    for (const TopicInfo &t : snapshot.topics)
        if (!t.internal())
            for (const PartitionInfo &p : t.partitions)
                partitions.append({t.name, p.id});
    QHash<QString, GroupOffsets> result;
    for (const QString &g : groups) {
        auto &consumer = m_offsetConsumers[g];
        QString error;
        if (!consumer) {
            // group.id set, but no subscribe() and no commits: it only asks the coordinator.
            consumer = std::shared_ptr<rd_kafka_t>(
                makeKafkaClient(m_profile, RD_KAFKA_CONSUMER,
                                {{QStringLiteral("group.id"), g},
                                 {QStringLiteral("enable.auto.commit"), QStringLiteral("false")},
                                 // Critical only: at quit the demo's mock brokers go before the
                                 // session's monitor stops on its thread, and these handles'
                                 // refused reconnects are not news (their API calls say so).
                                 {QStringLiteral("log_level"), QStringLiteral("2")}},
                                &error)
                    .release(),
                [](rd_kafka_t *rk) {
                    if (rk)
                        rd_kafka_destroy(rk);
                });
        }
        if (!consumer) {
            m_offsetConsumers.remove(g);
            result[g].error = error;
            continue;
        }
        result[g] = committedOffsetsViaConsumer(consumer.get(), partitions, kAdminTimeoutMs);
    }
    for (auto it = m_offsetConsumers.begin(); it != m_offsetConsumers.end();)
        it = groups.contains(it.key()) ? std::next(it) : m_offsetConsumers.erase(it);
    return result;
}

GroupMonitor::Tracked &GroupMonitor::tracked(const QString &group)
{
    auto &t = m_tracked[group];
    if (!t)
        t = std::make_shared<Tracked>();
    return *t;
}

// One poll, in named steps: read the session, decide which groups, describe them, read their
// committed offsets and the watermarks of what they read, then summarise each group and
// publish the report.
void GroupMonitor::poll()
{
    GroupsReport report;
    report.at = QDateTime::currentDateTimeUtc();
    const double now = nowSeconds();
    std::shared_ptr<rd_kafka_t> rk;
    ClusterSnapshot snapshot;
    {
        QMutexLocker lock(&g_registryMutex);
        if (!m_session)
            return; // the session is gone; stop() is queued behind this poll
        rk = SessionAccess::client(*m_session);
        snapshot = m_session->snapshot();
    }
    if (!rk || snapshot.fetchedAt.isNull()) {
        publishDisconnected(report);
        return;
    }
    report.listError = snapshot.groupsError;

    QHash<QString, GroupSummary> summaries = groupsToWatch(snapshot);
    const QStringList ids = summaries.keys();
    const QHash<QString, GroupDescription> descriptions = describeGroups(rk.get(), summaries, now);
    report.describeError = m_describeError;
    const QHash<QString, GroupOffsets> committed =
        m_profile.demo ? committedThroughConsumers(ids, snapshot)
                       : listCommittedOffsets(rk.get(), ids, kAdminTimeoutMs);
    QHash<QString, QList<TopicPartition>> assigned;
    const OffsetLookup watermarks = readWatermarks(rk.get(), snapshot, ids, committed, descriptions, assigned);

    for (const QString &id : ids) {
        GroupSummary &s = summaries[id];
        const GroupDescription desc = descriptions.value(id);
        const GroupOffsets offsets = committed.value(id);
        applyDescription(s, desc);
        s.error = offsets.error;
        QList<PartitionLag> rows = joinGroupLag(offsets.offsets, watermarks.partitions, assigned.value(id));
        for (const GroupMember &m : desc.members)
            for (const auto &[topic, partition] : m.assignment)
                for (PartitionLag &r : rows)
                    if (r.topic == topic && r.partition == partition)
                        r.owner = m.clientId.isEmpty() ? m.memberId : m.clientId;

        GroupDetail detail;
        const bool timed = id == m_focus || m_lagTimeGroups.contains(id);
        if (timed) {
            detail.id = id;
            detail.members = desc.members;
            detail.partitions = rows;
            updateLagInTime(detail, now);
            rows = detail.partitions;
        }
        s.totals = lagTotals(rows);
        s.topicLag = lagByTopic(rows);
        s.lagSeconds = timed ? s.totals.maxLagSeconds : -1;

        Tracked &t = tracked(id);
        updateRates(t, rows, now, s);
        // Fresh: the broker gave this poll's committed offsets and watermarks.
        const bool fresh = offsets.error.isEmpty() && watermarks.ok;
        const bool usable = fresh && s.totals.partitions > 0;
        if (usable) {
            t.samples.push_back({now, s.totals.lag, t.consumedTotal, s.totals.highSum});
            while (t.samples.size() > 1 && t.samples.front().t < now - m_windowSeconds)
                t.samples.pop_front();
        }
        judgeHealth(t, s, offsets.error.isEmpty() ? desc.error : offsets.error, now);
        if (fresh) {
            t.lastGood = s;
            t.lastGoodAt = report.at;
        } else {
            // The broker gave nothing this poll: the last reading, marked stale with its
            // time, rather than a listing's "Stable" that nobody could confirm.
            const QString why = !offsets.error.isEmpty() ? offsets.error : watermarks.error;
            if (t.lastGoodAt.isValid())
                s = staleCopy(t, why);
            else
                s.staleSince = snapshot.fetchedAt;
        }
        if (usable)
            appendLagHistory(id, s, now);
        if (id == m_focus && !detail.id.isEmpty())
            report.focus = detail;
        report.groups.append(s);
    }
    publish(report, summaries);
}

void GroupMonitor::publishDisconnected(GroupsReport &report)
{
    report.error = tr("Not connected to the cluster: consumer groups cannot be read.");
    for (const auto &t : std::as_const(m_tracked))
        if (t->lastGoodAt.isValid())
            report.groups.append(staleCopy(*t, report.error));
    std::sort(report.groups.begin(), report.groups.end(),
              [](const GroupSummary &a, const GroupSummary &b) { return a.id < b.id; });
    {
        QMutexLocker lock(&m_mutex);
        m_report = report;
    }
    emit reportReady(report);
}

// Those the cluster lists, plus those added by hand.
QHash<QString, GroupSummary> GroupMonitor::groupsToWatch(const ClusterSnapshot &snapshot) const
{
    QHash<QString, GroupSummary> summaries;
    QSet<QString> listed;
    for (const GroupListing &g : snapshot.groups) {
        listed.insert(g.id);
        GroupSummary &s = summaries[g.id];
        s.id = g.id;
        s.type = g.type;
        s.protocolType = g.protocolType;
        s.state = g.state;
        s.simple = g.simple;
    }
    for (const QString &g : std::as_const(m_watched)) {
        GroupSummary &s = summaries[g];
        s.id = g;
        s.watched = !listed.contains(g);
    }
    return summaries;
}

// State, members, assignments. A cluster without the API is asked again later.
QHash<QString, GroupDescription> GroupMonitor::describeGroups(rd_kafka_t *rk,
                                                              const QHash<QString, GroupSummary> &summaries,
                                                              double now)
{
    QHash<QString, GroupDescription> descriptions;
    if (m_profile.demo) {
        // librdkafka's mock cluster (2.14 too) has no group-describing or OffsetFetch-by-admin
        // handlers, so none is sent there: offsets come through consumer handles instead.
        m_describeError = demoLimitation();
        return descriptions;
    }
    if (now < m_describeRetryAt)
        return descriptions;
    // DescribeConsumerGroups would call a share/streams group "Dead" and misread the assignments
    // of another classic protocol: only consumer-protocol groups are described.
    QStringList describable;
    for (const GroupSummary &s : summaries)
        if (s.type != GroupType::Other && s.protocolType.isEmpty())
            describable << s.id;
    const GroupDescribeResult described = describeConsumerGroups(rk, describable, kAdminTimeoutMs);
    m_describeError = described.ok ? QString() : described.error;
    // Only a cluster without the API waits before asking again; a broker that is merely
    // away (restarting) is asked on every poll, so the panel recovers as soon as it is back.
    if (!described.ok && described.error.contains(u"UNSUPPORTED"))
        m_describeRetryAt = now + kDescribeRetrySeconds;
    for (const GroupDescription &d : described.groups)
        descriptions.insert(d.id, d);
    return descriptions;
}

// One batched watermark look-up over every partition of every topic any group touches; a
// failed look-up leaves every partition without watermarks and says why.
OffsetLookup GroupMonitor::readWatermarks(rd_kafka_t *rk, const ClusterSnapshot &snapshot, const QStringList &ids,
                                          const QHash<QString, GroupOffsets> &committed,
                                          const QHash<QString, GroupDescription> &descriptions,
                                          QHash<QString, QList<TopicPartition>> &assigned) const
{
    QSet<QString> topics;
    for (const QString &id : ids) {
        for (const PartitionOffset &p : committed.value(id).offsets)
            topics.insert(p.topic);
        for (const GroupMember &m : descriptions.value(id).members)
            for (const auto &[topic, partition] : m.assignment) {
                topics.insert(topic);
                assigned[id].append({topic, partition});
            }
    }
    QList<TopicPartition> partitions;
    for (const TopicInfo &t : snapshot.topics)
        if (topics.contains(t.name))
            for (const PartitionInfo &p : t.partitions)
                partitions.append({t.name, p.id});
    OffsetLookup watermarks = queryWatermarks(rk, partitions, kAdminTimeoutMs);
    if (!watermarks.ok)
        for (const TopicPartition &tp : partitions)
            watermarks.partitions.append({tp.topic, tp.partition, -1, -1, watermarks.error});
    return watermarks;
}

void GroupMonitor::applyDescription(GroupSummary &s, const GroupDescription &desc)
{
    if (desc.id.isEmpty() || !desc.error.isEmpty())
        return;
    if (desc.type != GroupType::Unknown)
        s.type = desc.type; // watched groups are typed by their description
    s.state = desc.state;
    s.assignor = desc.assignor;
    s.simple = desc.simple;
    s.members = int(desc.members.size());
}

QList<QPair<QString, qint64>> GroupMonitor::lagByTopic(const QList<PartitionLag> &rows)
{
    QMap<QString, qint64> byTopic; // sorted by topic
    for (const PartitionLag &r : rows)
        if (r.lag >= 0)
            byTopic[r.topic] += r.lag;
    QList<QPair<QString, qint64>> out;
    for (auto it = byTopic.cbegin(); it != byTopic.cend(); ++it)
        out.append({it.key(), it.value()});
    return out;
}

// Rates from per-partition deltas, so a reset, a recreated topic or a new partition is
// skipped for one poll instead of showing as a burst or a negative rate.
void GroupMonitor::updateRates(Tracked &t, const QList<PartitionLag> &rows, double now, GroupSummary &s) const
{
    qint64 consumed = 0, produced = 0;
    bool moved = false;
    QHash<QString, QPair<qint64, qint64>> current;
    for (const PartitionLag &r : rows) {
        if (!r.hasCommit() || r.high < 0)
            continue;
        const QString key = partitionKey(r.topic, r.partition);
        current.insert(key, {r.committed, r.high});
        const auto prev = t.previous.constFind(key);
        if (prev == t.previous.cend())
            continue;
        if (r.committed != prev->first)
            moved = true;
        if (r.committed > prev->first)
            consumed += r.committed - prev->first;
        if (r.high > prev->second)
            produced += r.high - prev->second;
    }
    if (t.lastPoll > 0) {
        t.deltas.push_back({now, now - t.lastPoll, consumed, produced});
        t.consumedTotal += consumed;
    } else {
        t.lastCommitMove = now;
    }
    if (moved) {
        t.lastCommitMove = now;
        t.commitSeen = true;
    }
    t.previous = current;
    t.lastPoll = now;
    while (!t.deltas.empty() && t.deltas.front().t < now - m_rateSeconds)
        t.deltas.pop_front();
    double span = 0;
    qint64 c = 0, p = 0;
    for (const Tracked::Delta &d : t.deltas) {
        span += d.span;
        c += d.consumed;
        p += d.produced;
    }
    if (span > 0) {
        s.consumptionRate = double(c) / span;
        s.productionRate = double(p) / span;
        s.catchUp = estimateCatchUp(s.totals.lag, s.consumptionRate, s.productionRate);
    }
}

void GroupMonitor::judgeHealth(const Tracked &t, GroupSummary &s, const QString &error, double now) const
{
    if (s.type == GroupType::Other) {
        s.health = GroupHealth{GroupHealth::Verdict::Unknown, undescribableReason()};
        return;
    }
    GroupHealthInput in;
    in.error = error;
    in.state = s.state;
    in.members = s.members;
    in.committedPartitions = s.totals.partitions;
    in.window = QList<LagSample>(t.samples.cbegin(), t.samples.cend());
    in.secondsSinceCommitMoved = now - t.lastCommitMove;
    in.lastCommitKnown = t.commitSeen;
    in.watchingSince = t.commitSeen ? 0 : t.lastCommitMove; // the first poll's time until then
    s.health = m_evaluator.evaluate(in);
}

void GroupMonitor::appendLagHistory(const QString &id, const GroupSummary &s, double now)
{
    QMutexLocker lock(&m_mutex);
    auto &series = m_lagSeries[id];
    auto append = [&](const QString &key, qint64 v) {
        auto &buf = series[key];
        if (!buf)
            buf = std::make_shared<TimeSeriesBuffer>(kHistoryPoints);
        buf->append(now, double(v));
    };
    append(QString(), s.totals.lag);
    for (const auto &[topic, lag] : s.topicLag)
        append(topic, lag);
}

// Forgets groups that vanished, so memory does not grow without bound, and publishes.
void GroupMonitor::publish(GroupsReport &report, const QHash<QString, GroupSummary> &summaries)
{
    for (auto it = m_tracked.begin(); it != m_tracked.end();)
        it = summaries.contains(it.key()) ? std::next(it) : m_tracked.erase(it);
    std::sort(report.groups.begin(), report.groups.end(),
              [](const GroupSummary &a, const GroupSummary &b) { return a.id < b.id; });
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_lagSeries.begin(); it != m_lagSeries.end();)
            it = summaries.contains(it.key()) ? std::next(it) : m_lagSeries.erase(it);
        m_report = report;
    }
    emit reportReady(report);
}

GroupSummary GroupMonitor::staleCopy(const Tracked &t, const QString &error)
{
    GroupSummary s = t.lastGood;
    s.staleSince = t.lastGoodAt;
    s.error = error;
    s.health = {GroupHealth::Verdict::Error, error};
    return s;
}

void GroupMonitor::updateLagInTime(GroupDetail &focus, double now)
{
    // Only partitions whose committed position changed since the last look are fetched.
    QList<PartitionOffset> wanted;
    for (const PartitionLag &r : std::as_const(focus.partitions)) {
        if (r.lag <= 0)
            continue;
        const qint64 position = std::max(r.committed, r.low);
        const auto cached = m_timestampCache.constFind(partitionKey(r.topic, r.partition));
        if (cached == m_timestampCache.cend() || cached->first != position)
            wanted.append({r.topic, r.partition, position, {}});
    }
    if (!wanted.isEmpty()) {
        if (!m_timestamps)
            m_timestamps = std::make_unique<MessageTimestampReader>(m_profile);
        const auto answers = m_timestamps->read(wanted, kTimestampTimeoutMs);
        for (const PartitionOffset &p : std::as_const(wanted)) {
            const auto a = answers.value(MessageTimestampReader::key(p.topic, p.partition));
            if (a.timestampMs >= 0)
                m_timestampCache.insert(partitionKey(p.topic, p.partition),
                                        {p.offset, a.timestampMs});
            else
                m_timestampCache.remove(partitionKey(p.topic, p.partition));
        }
    }
    for (PartitionLag &r : focus.partitions) {
        if (r.lag == 0) {
            r.lagSeconds = 0;
            continue;
        }
        const auto cached = m_timestampCache.constFind(partitionKey(r.topic, r.partition));
        if (r.lag > 0 && cached != m_timestampCache.cend())
            r.lagSeconds = std::max(0.0, now - double(cached->second) / 1000.0);
    }
}

} // namespace kafkascope
