#include "cluster/cluster_session.h"

#include "groups/group_monitor.h"
#include "cluster/bootstrap_check.h"

#include "demo/demo_cluster.h"
#include "kafka/consumer_group_admin.h"
#include "kafka/kafka_config.h"
#include "kafka/metadata_reader.h"
#include "throughput/offset_poller.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

namespace {
// Our defaults come first so a user's extra properties can override them.
KafkaProperties sessionDefaults()
{
    return {
        {QStringLiteral("statistics.interval.ms"), QStringLiteral("5000")},
        // Come back within seconds when a broker returns (librdkafka's default is 10 s).
        {QStringLiteral("reconnect.backoff.max.ms"), QStringLiteral("2000")},
        {QStringLiteral("socket.connection.setup.timeout.ms"), QStringLiteral("10000")},
        {QStringLiteral("log_level"), QStringLiteral("3")},
    };
}
constexpr int kMaxBackoffMs = 8000;
constexpr int kGroupListTimeoutMs = 3000;
// The bootstrap check's timeout: shorter than a metadata request, so its verdict is in by
// the time the request fails; and how long start() waits for the first (refused and HTTP
// ports answer in milliseconds, a broker too).
constexpr int kCheckTimeoutMs = 3000;
constexpr int kFirstCheckWaitMs = 500;
} // namespace

ClusterSession::ClusterSession(const ConnectionProfile &profile, QObject *parent)
    : QObject(parent), m_profile(profile), m_jobs(QStringLiteral("s:") + profile.name)
{
    qRegisterMetaType<kafkascope::SessionStatus>();
    qRegisterMetaType<kafkascope::ClusterSnapshot>();
}

ClusterSession::~ClusterSession()
{
    // Before any member goes: the pollers read them.
    OffsetPoller::sessionGone(this);
    GroupMonitor::sessionGone(this);
    // By now stop() ran on the worker; this only guards against a forgotten shutdown.
    QMutexLocker lock(&m_mutex);
    m_client.reset();
}

SessionStatus ClusterSession::status() const
{
    QMutexLocker lock(&m_mutex);
    return m_publishedStatus;
}

ClusterSnapshot ClusterSession::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_publishedSnapshot;
}

bool ClusterSession::hasClient() const
{
    QMutexLocker lock(&m_mutex);
    return m_client != nullptr;
}

std::shared_ptr<rd_kafka_t> ClusterSession::client() const
{
    QMutexLocker lock(&m_mutex);
    return m_client;
}

void ClusterSession::start()
{
    if (!m_machine.start())
        return;
    publishStatus();

    KafkaProperties props = sessionDefaults();
    props.append(kafkaProperties(m_profile));
    QString error;
    ConfPtr conf = makeKafkaConf(props, {}, &error);
    rd_kafka_t *rk = nullptr;
    if (conf) {
        rd_kafka_conf_set_opaque(conf.get(), this);
        rd_kafka_conf_set_error_cb(conf.get(), &ClusterSession::onError);
        rd_kafka_conf_set_stats_cb(conf.get(), &ClusterSession::onStats);
        char errstr[512];
        rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof errstr);
        if (rk)
            conf.release();
        else
            error = QString::fromUtf8(errstr);
    }
    if (!rk) {
        // A configuration error will not heal by retrying: stop and say why.
        if (m_machine.failedToStart(QStringLiteral("Invalid configuration: ") + error))
            publishStatus();
        return;
    }
    {
        QMutexLocker lock(&m_mutex);
        m_client = std::shared_ptr<rd_kafka_t>(rk, [](rd_kafka_t *h) { rd_kafka_destroy(h); });
    }

    m_pollTimer = new QTimer(this);
    connect(m_pollTimer, &QTimer::timeout, this, [this] {
        if (auto c = client())
            rd_kafka_poll(c.get(), 0); // serves error and statistics callbacks
    });
    m_pollTimer->start(200);
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    connect(m_refreshTimer, &QTimer::timeout, this, &ClusterSession::refresh);
    if (!m_profile.demo) {
        // librdkafka calls a refused port a transport failure, an HTTP server an absurd
        // response size, a silent listener nothing at all: look, and say it as soon as known.
        m_check = new BootstrapCheck(m_profile, kCheckTimeoutMs, this);
        connect(m_check, &BootstrapCheck::finished, this, &ClusterSession::bootstrapChecked);
        m_check->start();
        if (const auto problem = m_check->waitForLook(kFirstCheckWaitMs); problem && !problem->isEmpty())
            bootstrapChecked(*problem);
    }
    refresh();
}

QString ClusterSession::failureText(const QString &librdkafka) const
{
    const auto problem = m_check ? m_check->latest() : std::nullopt;
    return QStringLiteral("Cannot reach the cluster at %1: %2")
        .arg(m_profile.bootstrapServers, problem && !problem->isEmpty() ? *problem : librdkafka);
}

void ClusterSession::bootstrapChecked(const QString &problem)
{
    // Only while no broker answers: a connected session keeps its own, better-informed state.
    if (problem.isEmpty() || !m_check || m_machine.state() == SessionState::Connected
        || m_machine.state() == SessionState::Degraded)
        return;
    if (m_machine.metadataFailed(failureText(problem)))
        publishStatus();
}

void ClusterSession::stop()
{
    m_jobs.cancelAll();
    delete m_check; // a look in progress is abandoned, never waited for
    m_check = nullptr;
    delete m_refreshTimer;
    m_refreshTimer = nullptr;
    delete m_pollTimer;
    m_pollTimer = nullptr;
    std::shared_ptr<rd_kafka_t> old;
    {
        QMutexLocker lock(&m_mutex);
        old.swap(m_client);
    }
    old.reset(); // destroys the handle unless a service still borrows it
    if (m_machine.stop())
        publishStatus();
}

void ClusterSession::shutdownAndDelete(QThread *target)
{
    stop();
    QThread *worker = thread();
    moveToThread(target);
    deleteLater();
    worker->quit();
}

void ClusterSession::refreshNow()
{
    if (m_refreshTimer)
        refresh();
}

void ClusterSession::refresh()
{
    const auto rk = client();
    if (!rk)
        return;
    MetadataResult md = readMetadata(rk.get(), kMetadataTimeoutMs);
    if (!md.ok) {
        rd_kafka_poll(rk.get(), 0); // collect the transport error that explains the failure
        QString why = md.error;
        if (!m_lastClientError.isEmpty())
            why += QStringLiteral(" — ") + m_lastClientError;
        if (m_machine.metadataFailed(failureText(why)))
            publishStatus();
        if (m_check)
            m_check->start(); // for the next failure's words, or at once when it is known
        scheduleNext(true);
        return;
    }
    applyDescription(rk.get(), md.snapshot);
    if (m_profile.demo) {
        // The mock cluster answers no group listing: the demo's own groups stand in, said so.
        for (const QString &id : DemoCluster::groupIds())
            md.snapshot.groups.append({id, QString(), false, GroupType::Classic, QString()});
        md.snapshot.groupsError = QStringLiteral(
            "The embedded demo cluster cannot list groups (librdkafka's mock has no ListGroups): "
            "these are the demo's own consumer groups.");
    } else {
        GroupListResult groups = listGroups(rk.get(), kGroupListTimeoutMs);
        md.snapshot.groups = groups.groups;
        if (!groups.ok)
            md.snapshot.groupsError =
                QStringLiteral("Consumer groups cannot be listed: ") + groups.error;
    }

    const QString degraded = degradedReason(md.snapshot);
    {
        QMutexLocker lock(&m_mutex);
        m_publishedSnapshot = md.snapshot;
    }
    emit snapshotChanged(md.snapshot);
    m_lastClientError.clear();
    if (m_check)
        m_check->forget();
    if (m_machine.metadataSucceeded(degraded))
        publishStatus();
    scheduleNext(false);
}

void ClusterSession::applyDescription(rd_kafka_t *rk, ClusterSnapshot &s)
{
    // DescribeCluster names the controller the brokers agree on and each broker's rack; the
    // metadata's own cluster id and controller stay when it is not available (the demo's mock
    // has no DescribeCluster and would only fail it).
    if (!m_profile.demo) {
        const ClusterDescription d = describeCluster(rk, kGroupListTimeoutMs);
        if (d.ok) {
            if (!d.clusterId.isEmpty())
                s.clusterId = d.clusterId;
            if (d.controllerId >= 0)
                s.controllerId = d.controllerId;
            m_racks = d.racks;
        }
    } else {
        m_racks = DemoCluster::racks(); // the mock answers racks only where librdkafka hides them
    }
    for (BrokerInfo &b : s.brokers)
        b.rack = m_racks.value(b.id);
}

QString ClusterSession::degradedReason(const ClusterSnapshot &s) const
{
    QStringList reasons;
    if (!m_downBrokers.isEmpty())
        reasons << QStringLiteral("broker(s) unreachable: %1").arg(m_downBrokers.join(QStringLiteral(", ")));
    if (const int offline = s.offlineCount(); offline > 0)
        reasons << QStringLiteral("%1 partition(s) offline (no leader)").arg(offline);
    return reasons.join(QStringLiteral("; "));
}

void ClusterSession::scheduleNext(bool failed)
{
    if (!m_refreshTimer)
        return;
    if (failed) {
        m_refreshTimer->start(m_backoffMs);
        m_backoffMs = std::min(m_backoffMs * 2, kMaxBackoffMs);
    } else {
        m_backoffMs = 1000;
        m_refreshTimer->start(m_refreshMs);
    }
}

void ClusterSession::publishStatus()
{
    const SessionStatus st = m_machine.status();
    {
        QMutexLocker lock(&m_mutex);
        m_publishedStatus = st;
    }
    emit statusChanged(st);
}

// librdkafka calls these from rd_kafka_poll(), i.e. on this session's worker thread.
void ClusterSession::onError(rd_kafka_t *, int err, const char *reason, void *opaque)
{
    static_cast<ClusterSession *>(opaque)->handleClientError(err, QString::fromUtf8(reason));
}

int ClusterSession::onStats(rd_kafka_t *, char *json, size_t len, void *opaque)
{
    static_cast<ClusterSession *>(opaque)->handleStats(QByteArray(json, qsizetype(len)));
    return 0; // librdkafka frees json
}

void ClusterSession::handleClientError(int err, const QString &reason)
{
    if (err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) {
        QString detail = m_lastClientError.isEmpty() ? reason : m_lastClientError;
        if (const auto problem = m_check ? m_check->latest() : std::nullopt; problem && !problem->isEmpty())
            detail = *problem;
        if (m_machine.allBrokersDown(QStringLiteral("All brokers are down (%1)").arg(detail)))
            publishStatus();
        if (m_check)
            m_check->start();
        if (m_refreshTimer && m_refreshTimer->remainingTime() > 1000)
            m_refreshTimer->start(1000);
        return;
    }
    m_lastClientError = reason;
}

void ClusterSession::handleStats(const QByteArray &json)
{
    const QJsonObject brokers = QJsonDocument::fromJson(json).object().value(u"brokers").toObject();
    QStringList down;
    for (auto it = brokers.begin(); it != brokers.end(); ++it) {
        const QJsonObject b = it.value().toObject();
        if (b.value(u"nodeid").toInt(-1) < 0)
            continue; // bootstrap placeholder, not a real broker
        if (b.value(u"state").toString() == u"DOWN")
            down << QStringLiteral("%1 (%2)").arg(b.value(u"nodeid").toInt()).arg(b.value(u"nodename").toString());
    }
    down.sort();
    m_downBrokers = down;
}

} // namespace kafkascope
