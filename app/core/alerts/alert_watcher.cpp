#include "alerts/alert_watcher.h"

#include "cluster/cluster_session.h"
#include "groups/group_monitor.h"
#include "telemetry/telemetry_ingest.h"
#include "telemetry/telemetry_store.h"
#include "throughput/offset_poller.h"

#include <QDateTime>
#include <QFileInfo>
#include <QThread>
#include <QTimer>

namespace kafkascope {

namespace {
struct Entry
{
    AlertWatcher *watcher = nullptr;
    QThread *thread = nullptr;
};
QMutex g_registryMutex;
QHash<QString, Entry> g_registry;

double nowSeconds()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}
constexpr qint64 kSaveEveryMs = 2000;
} // namespace

AlertWatcher *AlertWatcher::attach(ClusterSession *session, const QString &settingsFile)
{
    QMutexLocker lock(&g_registryMutex);
    if (auto it = g_registry.constFind(session->id()); it != g_registry.cend())
        return it->watcher;
    qRegisterMetaType<QList<kafkascope::AlertEvent>>();
    auto *watcher = new AlertWatcher(session, AlertStore::pathFor(settingsFile, session->id()));
    // The session's own pollers (core): they outlive any panel and end with the session.
    watcher->m_poller = OffsetPoller::forSession(session);
    watcher->m_monitor = GroupMonitor::forSession(session);

    auto *thread = new QThread;
    thread->setObjectName(QStringLiteral("alerts:") + session->profile().name);
    watcher->moveToThread(thread);
    thread->start();
    QMetaObject::invokeMethod(watcher, &AlertWatcher::startOnThread, Qt::QueuedConnection);
    g_registry.insert(session->id(), {watcher, thread});
    return watcher;
}

void AlertWatcher::detach(const QString &clusterId)
{
    Entry e;
    {
        QMutexLocker lock(&g_registryMutex);
        e = g_registry.take(clusterId);
    }
    if (!e.watcher)
        return;
    e.watcher->releaseSources(); // from here on it never touches the session again
    QMetaObject::invokeMethod(e.watcher, &AlertWatcher::stopOnThread, Qt::QueuedConnection);
    connect(e.thread, &QThread::finished, e.watcher, &QObject::deleteLater);
    connect(e.thread, &QThread::finished, e.thread, &QObject::deleteLater);
    e.thread->quit();
}

void AlertWatcher::detachAll()
{
    QHash<QString, Entry> entries;
    {
        QMutexLocker lock(&g_registryMutex);
        entries.swap(g_registry);
    }
    for (const Entry &e : std::as_const(entries)) {
        e.watcher->releaseSources();
        QMetaObject::invokeMethod(e.watcher, &AlertWatcher::stopOnThread, Qt::QueuedConnection);
        e.thread->quit();
    }
    // The watcher threads only evaluate and write a small file: joining them is quick.
    for (const Entry &e : std::as_const(entries)) {
        e.thread->wait();
        delete e.watcher;
        delete e.thread;
    }
}

AlertWatcher *AlertWatcher::of(const QString &clusterId)
{
    QMutexLocker lock(&g_registryMutex);
    return g_registry.value(clusterId).watcher;
}

QList<AlertWatcher *> AlertWatcher::all()
{
    QMutexLocker lock(&g_registryMutex);
    QList<AlertWatcher *> out;
    for (const Entry &e : std::as_const(g_registry))
        out << e.watcher;
    return out;
}

AlertWatcher::AlertWatcher(ClusterSession *session, const QString &path)
    : m_clusterId(session->id()), m_clusterName(session->profile().name), m_path(path),
      m_demo(session->profile().demo), m_telemetryStore(std::make_shared<TelemetryStore>()),
      m_session(session)
{
}

AlertWatcher::~AlertWatcher() = default;

void AlertWatcher::releaseSources()
{
    QMutexLocker lock(&m_sourcesMutex);
    m_session = nullptr;
    m_poller = nullptr;
    m_monitor = nullptr;
}

void AlertWatcher::startOnThread()
{
    QStringList errors;
    if (!QFileInfo::exists(m_path) || !AlertStore::load(m_path, &m_config, &errors)) {
        m_config = AlertStore::defaults(m_demo);
        m_dirty = true;
    }
    {
        QMutexLocker lock(&m_mutex);
        m_log = m_config.log;
    }
    applyConfig();
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &AlertWatcher::round);
    m_timer->start(kDefaultIntervalMs);
}

void AlertWatcher::stopOnThread()
{
    delete m_timer;
    m_timer = nullptr;
    if (m_ingest) {
        m_ingest->stop(); // gives up on a hung broker after a short wait, never blocks long
        delete m_ingest;
        m_ingest = nullptr;
    }
    if (m_dirty)
        AlertStore::save(m_path, m_config);
    m_dirty = false;
}

void AlertWatcher::applyConfig()
{
    m_engine.setRules(m_config.rules);
    // Mutes kept on disk outlive a restart and an edit of their rule.
    const double now = nowSeconds();
    for (auto it = m_config.mutes.begin(); it != m_config.mutes.end();) {
        if (it.value() <= now) {
            it = m_config.mutes.erase(it);
            continue;
        }
        m_engine.mute(it.key(), it.value(), now);
        ++it;
    }
    // The monitor computes lag in time for the groups that a seconds rule names.
    QStringList timed;
    for (const AlertRule &r : std::as_const(m_config.rules))
        if (r.kind == RuleKind::GroupLagSeconds && r.enabled && !r.wildcard())
            timed << r.target;
    {
        QMutexLocker lock(&m_sourcesMutex);
        if (m_monitor)
            QMetaObject::invokeMethod(m_monitor, [m = m_monitor, groups = m_config.watches.groups, timed] {
                for (const QString &g : groups)
                    m->watchGroup(g);
                m->setLagTimeGroups(timed);
            }, Qt::QueuedConnection);
    }
    {
        QMutexLocker lock(&m_mutex);
        m_rules = m_config.rules;
        m_watches = m_config.watches;
        m_active = m_engine.active();
        m_worst = m_engine.worstActive(nowSeconds());
        m_mutes = m_config.mutes;
    }
    emit configChanged();
}

void AlertWatcher::updateTelemetry(bool connected)
{
    const QStringList wanted = connected ? m_config.telemetryTopics() : QStringList();
    if (wanted == m_ingestTopics && (wanted.isEmpty() || (m_ingest && m_ingest->isRunning())))
        return;
    if (m_ingest)
        m_ingest->stop();
    m_ingestTopics = wanted;
    if (wanted.isEmpty())
        return;
    ConnectionProfile profile;
    {
        QMutexLocker lock(&m_sourcesMutex);
        if (!m_session)
            return;
        profile = m_session->profile();
    }
    if (!m_ingest)
        m_ingest = new TelemetryIngest(profile, m_telemetryStore, this);
    IngestConfig config;
    config.topics = wanted;
    config.start = TelemetryStart::Latest;
    m_ingest->start(config);
}

void AlertWatcher::addTelemetryInputs(AlertInputs &in)
{
    in.telemetryFresh = m_ingest && m_ingest->status().state == IngestStatus::State::Running;
    if (!in.telemetryFresh)
        return;
    const qint64 nowMs = qint64(in.now * 1000);
    const double stale = double(m_telemetryStore->staleMs()) / 1000.0;
    for (const DeviceSummary &d : m_telemetryStore->devices()) {
        DeviceFacts f;
        f.name = d.name;
        f.topic = d.topic;
        f.staleSeconds = stale;
        f.silentSeconds = d.lastSeenMs > 0 ? double(nowMs - d.lastSeenMs) / 1000.0 : -1;
        for (const KeySummary &k : m_telemetryStore->keys(d.index))
            f.values.insert(k.name, k.lastValue);
        in.devices.append(f);
    }
    for (const TopicSummary &t : m_telemetryStore->topics()) {
        const auto prev = m_errorCounts.value(t.topic, {0.0, -1});
        if (prev.second >= 0 && in.now > prev.first)
            in.decodeErrorRates.insert(t.topic, double(t.errors - prev.second) / (in.now - prev.first));
        m_errorCounts.insert(t.topic, {in.now, t.errors});
    }
}

void AlertWatcher::round()
{
    SessionStatus status;
    ClusterSnapshot snapshot;
    OffsetsSnapshot offsets;
    GroupsReport groups;
    {
        QMutexLocker lock(&m_sourcesMutex);
        if (!m_session)
            return;
        status = m_session->status();
        snapshot = m_session->snapshot();
        if (m_poller)
            offsets = m_poller->history().latest();
        if (m_monitor)
            groups = m_monitor->report();
    }
    AlertInputs in = gatherClusterInputs(nowSeconds(), status, snapshot, offsets, groups);
    if (in.groupsFresh && groups.at != m_topicLagAt) {
        m_topicLagAt = groups.at;
        QHash<QString, qint64> lag;
        for (const GroupSummary &g : std::as_const(groups.groups))
            for (const auto &[topic, value] : g.topicLag)
                if (value >= 0)
                    lag[topic] += value;
        bool changed;
        {
            QMutexLocker lock(&m_mutex);
            changed = lag != m_topicLag;
            m_topicLag = lag;
        }
        if (changed)
            emit topicLagChanged(lag);
    }
    updateTelemetry(in.connected);
    addTelemetryInputs(in);
    const QList<AlertEvent> events = m_engine.evaluate(in);
    // The figures of active alerts move every round; a changed set is what the UI needs, and
    // within a round the set changes only by what fires or resolves (acknowledge, mute and
    // rule edits publish by themselves).
    publish(events, !events.isEmpty());
}

void AlertWatcher::publish(const QList<AlertEvent> &events, bool changed)
{
    if (!events.isEmpty()) {
        m_config.log += events;
        if (m_config.log.size() > AlertConfig::kMaxLog)
            m_config.log.remove(0, m_config.log.size() - AlertConfig::kMaxLog);
        m_dirty = true;
    }
    {
        QMutexLocker lock(&m_mutex);
        m_log = m_config.log;
        m_active = m_engine.active();
        m_worst = m_engine.worstActive(nowSeconds());
    }
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (m_dirty && nowMs - m_lastSaveMs >= kSaveEveryMs) {
        AlertStore::save(m_path, m_config);
        m_dirty = false;
        m_lastSaveMs = nowMs;
    }
    if (changed || !events.isEmpty())
        emit alertsChanged(events);
}

QList<AlertRule> AlertWatcher::rules() const
{
    QMutexLocker lock(&m_mutex);
    return m_rules;
}

Watches AlertWatcher::watches() const
{
    QMutexLocker lock(&m_mutex);
    return m_watches;
}

QList<AlertEvent> AlertWatcher::log() const
{
    QMutexLocker lock(&m_mutex);
    return m_log;
}

QList<ActiveAlert> AlertWatcher::active() const
{
    QMutexLocker lock(&m_mutex);
    return m_active;
}

std::optional<AlertSeverity> AlertWatcher::worst() const
{
    QMutexLocker lock(&m_mutex);
    return m_worst;
}

AlertConfig AlertWatcher::config() const
{
    QMutexLocker lock(&m_mutex);
    AlertConfig c;
    c.rules = m_rules;
    c.watches = m_watches;
    c.log = m_log;
    return c;
}

QHash<QString, double> AlertWatcher::mutes() const
{
    QMutexLocker lock(&m_mutex);
    return m_mutes;
}

QHash<QString, qint64> AlertWatcher::topicGroupLag() const
{
    QMutexLocker lock(&m_mutex);
    return m_topicLag;
}

GroupMonitor *AlertWatcher::groupMonitor() const
{
    QMutexLocker lock(&m_sourcesMutex);
    return m_monitor;
}

void AlertWatcher::setRules(const QList<AlertRule> &rules)
{
    QMetaObject::invokeMethod(this, [this, rules] {
        m_config.rules = rules;
        saveSoon();
        applyConfig();
        publish({}, true);
    }, Qt::QueuedConnection);
}

void AlertWatcher::addRule(const AlertRule &rule)
{
    QMetaObject::invokeMethod(this, [this, rule] {
        auto it = std::find_if(m_config.rules.begin(), m_config.rules.end(),
                               [&](const AlertRule &r) { return r.id == rule.id; });
        if (it != m_config.rules.end())
            *it = rule;
        else
            m_config.rules.append(rule);
        saveSoon();
        applyConfig();
        publish({}, true);
    }, Qt::QueuedConnection);
}

void AlertWatcher::removeRule(const QString &ruleId)
{
    QMetaObject::invokeMethod(this, [this, ruleId] {
        m_config.rules.removeIf([&](const AlertRule &r) { return r.id == ruleId; });
        saveSoon();
        applyConfig();
        publish({}, true);
    }, Qt::QueuedConnection);
}

void AlertWatcher::setWatches(const Watches &watches)
{
    QMetaObject::invokeMethod(this, [this, watches] {
        m_config.watches = watches;
        saveSoon();
        applyConfig();
    }, Qt::QueuedConnection);
}

void AlertWatcher::acknowledge(const QString &ruleId, const QString &subject)
{
    QMetaObject::invokeMethod(this, [this, ruleId, subject] {
        publish(m_engine.acknowledge(ruleId, subject, nowSeconds()), true);
    }, Qt::QueuedConnection);
}

void AlertWatcher::mute(const QString &ruleId, double seconds)
{
    QMetaObject::invokeMethod(this, [this, ruleId, seconds] {
        const double now = nowSeconds();
        if (const auto e = m_engine.mute(ruleId, seconds > 0 ? now + seconds : 0, now)) {
            if (seconds > 0)
                m_config.mutes.insert(ruleId, now + seconds);
            else
                m_config.mutes.remove(ruleId);
            {
                QMutexLocker lock(&m_mutex);
                m_mutes = m_config.mutes;
            }
            saveSoon();
            publish({*e}, true);
        }
    }, Qt::QueuedConnection);
}

void AlertWatcher::importConfig(const AlertConfig &config, bool withLog)
{
    QMetaObject::invokeMethod(this, [this, config, withLog] {
        m_config.rules = config.rules;
        m_config.watches = config.watches;
        if (withLog)
            m_config.log = config.log;
        saveSoon();
        applyConfig();
        publish({}, true);
    }, Qt::QueuedConnection);
}

void AlertWatcher::clearLog()
{
    QMetaObject::invokeMethod(this, [this] {
        m_config.log.clear();
        saveSoon();
        publish({}, true);
    }, Qt::QueuedConnection);
}

void AlertWatcher::setIntervalMs(int ms)
{
    QMetaObject::invokeMethod(this, [this, ms] {
        if (m_timer)
            m_timer->start(std::max(50, ms));
    }, Qt::QueuedConnection);
}

void AlertWatcher::evaluateNow()
{
    QMetaObject::invokeMethod(this, &AlertWatcher::round, Qt::QueuedConnection);
}

} // namespace kafkascope
