#include "throughput/offset_poller.h"

#include "cluster/cluster_session.h"
#include "kafka/session_access.h"
#include "kafka/partition_offsets.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QMutex>
#include <QThread>
#include <QTimer>

namespace kafkascope {

namespace {
QMutex g_registryMutex;
QHash<ClusterSession *, OffsetPoller *> g_registry;

double nowSeconds()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}
} // namespace

OffsetPoller *OffsetPoller::forSession(ClusterSession *session)
{
    QMutexLocker lock(&g_registryMutex);
    if (OffsetPoller *existing = g_registry.value(session))
        return existing;
    auto *poller = new OffsetPoller(session);
    // A thread of its own that only schedules rounds and takes their results (the rounds are
    // jobs): neither the session's blocking refresh nor a busy UI thread delays a sample.
    auto *thread = new QThread;
    thread->setObjectName(QStringLiteral("offsets:") + session->profile().name);
    poller->moveToThread(thread);
    connect(thread, &QThread::finished, poller, &QObject::deleteLater);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    JobRunner::track(thread);
    thread->start();
    poller->m_ownThread = true;
    g_registry.insert(session, poller);
    QMetaObject::invokeMethod(poller, &OffsetPoller::start, Qt::QueuedConnection);
    return poller;
}

void OffsetPoller::sessionGone(ClusterSession *session)
{
    QMutexLocker lock(&g_registryMutex);
    OffsetPoller *poller = g_registry.take(session);
    if (!poller)
        return;
    poller->m_session = nullptr; // under the registry lock, which poll() reads it under
    if (poller->m_ownThread)
        QMetaObject::invokeMethod(poller, [poller] {
            poller->stop();
            poller->thread()->quit(); // then the thread frees the poller and itself
        }, Qt::QueuedConnection);
}

OffsetPoller::OffsetPoller(ClusterSession *session, QObject *parent) : QObject(parent), m_session(session) {}

OffsetPoller::~OffsetPoller()
{
    QMutexLocker lock(&g_registryMutex);
    if (m_session && g_registry.value(m_session) == this)
        g_registry.remove(m_session);
}

void OffsetPoller::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, &OffsetPoller::poll);
    }
    m_timer->start(0);
}

void OffsetPoller::stop()
{
    if (m_timer)
        m_timer->stop();
    m_round.cancel(); // a round in flight ends by itself; its answer is dropped
}

void OffsetPoller::setIntervalMs(int ms)
{
    ms = std::max(200, ms);
    if (m_intervalMs.exchange(ms) == ms)
        return;
    emit intervalChanged(ms);
    if (m_timer && m_timer->isActive())
        m_timer->start(ms);
}

void OffsetPoller::pollNow()
{
    if (m_round.isRunning())
        return; // the round in flight is as fresh as a new one
    if (m_timer)
        m_timer->stop();
    poll();
}

void OffsetPoller::scheduleNext(qint64 spentMs)
{
    if (m_timer) // a steady cadence: the look-up's own duration counts against the interval
        m_timer->start(int(std::max<qint64>(100, m_intervalMs.load() - spentMs)));
}

void OffsetPoller::poll()
{
    std::shared_ptr<rd_kafka_t> rk;
    ClusterSnapshot meta;
    {
        QMutexLocker lock(&g_registryMutex); // the session may be going on another thread
        if (!m_session)
            return;
        rk = SessionAccess::client(*m_session);
        meta = m_session->snapshot();
    }
    if (!rk || meta.fetchedAt.isNull()) { // not connected yet: nothing to ask
        scheduleNext(0);
        return;
    }
    m_round.start(m_jobs, QStringLiteral("round"), [state = m_state, rk, meta](JobControl &) {
        QElapsedTimer clock;
        clock.start();
        OffsetsSnapshot out = pollRound(*state, rk, meta);
        return qMakePair(out.sequence, clock.elapsed());
    }, [this](QPair<quint64, qint64> done) {
        emit refreshed(done.first);
        scheduleNext(done.second);
    });
}

OffsetsSnapshot OffsetPoller::pollRound(State &state, const std::shared_ptr<rd_kafka_t> &rk, const ClusterSnapshot &meta)
{
    QElapsedTimer clock;
    clock.start();
    // Topics gone from the cluster start fresh series if they come back.
    QSet<QString> current;
    for (const TopicInfo &t : meta.topics)
        if (!t.internal() && t.error.isEmpty())
            current.insert(t.name);
    for (const QString &gone : state.knownTopics - current)
        state.rates.forgetTopic(gone);
    state.knownTopics = current;

    OffsetsSnapshot out;
    QMap<int, QList<TopicPartition>> byLeader; // ordered: deterministic request order
    QHash<QPair<QString, int>, qsizetype> index;
    for (const TopicInfo &t : meta.topics) {
        if (!current.contains(t.name))
            continue;
        for (const PartitionInfo &p : t.partitions) {
            PartitionOffsetState s;
            s.topic = t.name;
            s.partition = p.id;
            s.leader = p.leader;
            if (p.leader < 0)
                s.error = p.error.isEmpty() ? tr("leader unknown: the partition is offline")
                                            : tr("leader unknown: %1").arg(p.error);
            else
                byLeader[p.leader].append({t.name, p.id});
            index.insert({t.name, p.id}, out.partitions.size());
            out.partitions.append(s);
        }
    }

    // One batched round trip pair per leader, so a broker that is down only costs its own
    // partitions their sample.
    const double started = nowSeconds();
    QStringList failures;
    for (auto it = byLeader.cbegin(); it != byLeader.cend(); ++it) {
        const OffsetLookup lookup = queryWatermarks(rk.get(), it.value(), kTimeoutMs);
        out.requests += 2;
        for (qsizetype i = 0; i < it.value().size(); ++i) {
            PartitionOffsetState &s = out.partitions[index.value({it.value()[i].topic, it.value()[i].partition})];
            if (!lookup.ok) {
                s.error = tr("broker %1: %2").arg(it.key()).arg(lookup.error);
                continue;
            }
            const PartitionOffsets &o = lookup.partitions[i];
            s.low = o.low;
            s.high = o.high;
            s.error = o.error;
        }
        if (!lookup.ok)
            failures << tr("broker %1: %2").arg(it.key()).arg(lookup.error);
    }
    out.t = (started + nowSeconds()) / 2; // the answers were taken somewhere in between

    for (PartitionOffsetState &s : out.partitions) {
        if (!s.error.isEmpty()) {
            ++out.failedPartitions;
            s.low = s.high = -1;
            continue; // no sample; the calculator keeps its baseline across the gap
        }
        const RateSample r = state.rates.observe(s.topic, s.partition, out.t, s.low, s.high);
        s.restarted = r.kind == RateSample::Kind::Reset;
        if (r.kind == RateSample::Kind::Rate) {
            s.rate = r.rate;
            out.topicRates[s.topic] += r.rate;
        }
    }
    if (!out.topicRates.isEmpty()) {
        double total = 0;
        for (double v : std::as_const(out.topicRates))
            total += v;
        out.clusterRate = total;
    }
    out.error = failures.join(u"; ");
    out.refreshMs = double(clock.nsecsElapsed()) / 1e6;
    out.sequence = ++state.sequence;
    state.history.append(out);
    return out;
}

} // namespace kafkascope
