#include "groups/group_monitor.h"

#include "cluster/cluster_session.h"
#include "kafka/consumer_group_admin.h"
#include "kafka/kafka_config.h"
#include "kafka/librdkafka_version.h"
#include "kafka/message_timestamp_reader.h"

#include <QTimer>
#include <algorithm>

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

GroupMonitor::GroupMonitor(ClusterSession *session, QObject *parent)
    : QObject(parent), m_session(session)
{
    qRegisterMetaType<kafkascope::GroupsReport>();
}

GroupMonitor::~GroupMonitor() = default;

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
                makeKafkaClient(m_session->profile(), RD_KAFKA_CONSUMER,
                                {{QStringLiteral("group.id"), g},
                                 {QStringLiteral("enable.auto.commit"), QStringLiteral("false")},
                                 {QStringLiteral("log_level"), QStringLiteral("3")}},
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

void GroupMonitor::poll()
{
    GroupsReport report;
    report.at = QDateTime::currentDateTimeUtc();
    const double now = nowSeconds();
    const auto rk = m_session->client();
    const ClusterSnapshot snapshot = m_session->snapshot();
    if (!rk || snapshot.fetchedAt.isNull()) {
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
        return;
    }
    report.listError = snapshot.groupsError;

    // Which groups: those the cluster lists, plus those added by hand.
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
    const QStringList ids = summaries.keys();
    // DescribeConsumerGroups would call a share/streams group "Dead" and misread the assignments
    // of another classic protocol: only consumer-protocol groups are described.
    QStringList describable;
    for (const QString &id : ids)
        if (summaries[id].type != GroupType::Other && summaries[id].protocolType.isEmpty())
            describable << id;

    // Describe: state, members, assignments. A cluster without the API is asked again later.
    QHash<QString, GroupDescription> descriptions;
    const bool demo = m_session->profile().demo;
    if (demo) {
        // librdkafka's mock cluster (2.14 too) has no group-describing or OffsetFetch-by-admin
        // handlers, so none is sent there: offsets come through consumer handles instead.
        m_describeError = demoLimitation();
    } else if (now >= m_describeRetryAt) {
        const GroupDescribeResult described =
            describeConsumerGroups(rk.get(), describable, kAdminTimeoutMs);
        m_describeError = described.ok ? QString() : described.error;
        // Only a cluster without the API waits before asking again; a broker that is merely
        // away (restarting) is asked on every poll, so the panel recovers as soon as it is back.
        if (!described.ok && described.error.contains(u"UNSUPPORTED"))
            m_describeRetryAt = now + kDescribeRetrySeconds;
        for (const GroupDescription &d : described.groups)
            descriptions.insert(d.id, d);
    }
    report.describeError = m_describeError;

    const QHash<QString, GroupOffsets> committed =
        demo ? committedThroughConsumers(ids, snapshot)
             : listCommittedOffsets(rk.get(), ids, kAdminTimeoutMs);

    // One batched watermark look-up over every partition of every topic any group touches.
    QSet<QString> topics;
    QHash<QString, QList<TopicPartition>> assigned;
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
    const OffsetLookup watermarks = queryWatermarks(rk.get(), partitions, kAdminTimeoutMs);
    QList<PartitionOffsets> marks = watermarks.partitions;
    if (!watermarks.ok)
        for (const TopicPartition &tp : partitions)
            marks.append({tp.topic, tp.partition, -1, -1, watermarks.error});

    for (const QString &id : ids) {
        GroupSummary &s = summaries[id];
        const GroupDescription desc = descriptions.value(id);
        if (!desc.id.isEmpty() && desc.error.isEmpty()) {
            if (desc.type != GroupType::Unknown)
                s.type = desc.type; // watched groups are typed by their description
            s.state = desc.state;
            s.assignor = desc.assignor;
            s.simple = desc.simple;
            s.members = int(desc.members.size());
        }
        const GroupOffsets offsets = committed.value(id);
        s.error = offsets.error;
        QList<PartitionLag> rows = joinGroupLag(offsets.offsets, marks, assigned.value(id));
        for (const GroupMember &m : desc.members)
            for (const auto &[topic, partition] : m.assignment)
                for (PartitionLag &r : rows)
                    if (r.topic == topic && r.partition == partition)
                        r.owner = m.clientId.isEmpty() ? m.memberId : m.clientId;

        GroupDetail detail;
        if (id == m_focus) {
            detail.id = id;
            detail.members = desc.members;
            detail.partitions = rows;
            updateLagInTime(detail, now);
            rows = detail.partitions;
        }
        s.totals = lagTotals(rows);
        QMap<QString, qint64> byTopic;
        for (const PartitionLag &r : rows)
            if (r.lag >= 0)
                byTopic[r.topic] += r.lag;
        for (auto it = byTopic.cbegin(); it != byTopic.cend(); ++it)
            s.topicLag.append({it.key(), it.value()});
        s.lagSeconds = id == m_focus ? s.totals.maxLagSeconds : -1;

        // Rates from per-partition deltas, so a reset, a recreated topic or a new partition
        // is skipped for one poll instead of showing as a burst or a negative rate.
        Tracked &t = tracked(id);
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
        if (!t.deltas.empty()) {
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

        // Fresh: the broker gave this poll's committed offsets and watermarks.
        const bool fresh = offsets.error.isEmpty() && watermarks.ok;
        const bool usable = fresh && s.totals.partitions > 0;
        if (usable) {
            t.samples.push_back({now, s.totals.lag, t.consumedTotal, s.totals.highSum});
            while (t.samples.size() > 1 && t.samples.front().t < now - m_windowSeconds)
                t.samples.pop_front();
        }
        GroupHealthInput in;
        in.error = offsets.error.isEmpty() ? desc.error : offsets.error;
        in.state = s.state;
        in.members = s.members;
        in.committedPartitions = s.totals.partitions;
        in.window = QList<LagSample>(t.samples.cbegin(), t.samples.cend());
        in.secondsSinceCommitMoved = now - t.lastCommitMove;
        in.lastCommitKnown = t.commitSeen;
        in.watchingSince = t.commitSeen ? 0 : t.lastCommitMove; // the first poll's time until then
        s.health = s.type == GroupType::Other
                       ? GroupHealth{GroupHealth::Verdict::Unknown, undescribableReason()}
                       : m_evaluator.evaluate(in);
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

        if (usable) {
            QMutexLocker lock(&m_mutex);
            auto &series = m_lagSeries[id];
            auto append = [&](const QString &key, qint64 v) {
                auto &buf = series[key];
                if (!buf)
                    buf = std::make_shared<TimeSeriesBuffer>(kHistoryPoints);
                buf->append(now, double(v));
            };
            append(QString(), s.totals.lag);
            for (const auto &[topic, lag] : std::as_const(s.topicLag))
                append(topic, lag);
        }
        if (!detail.id.isEmpty())
            report.focus = detail;
        report.groups.append(s);
    }
    // Forget groups that vanished, so their memory does not grow without bound.
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
            m_timestamps = std::make_unique<MessageTimestampReader>(m_session->profile());
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
