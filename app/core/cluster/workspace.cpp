#include "cluster/workspace.h"

#include "alerts/alert_watcher.h"
#include "demo/demo_cluster.h"
#include "profiles/profile_secrets.h"


namespace kafkascope {

const QString Workspace::kDemoId = QStringLiteral("demo");

Workspace::Workspace(const QString &settingsFile, QObject *parent)
    : QObject(parent), m_store(settingsFile), m_secrets(this), m_demoJob(this)
{
    // Alerts watch every open cluster, whether or not a panel is open.
    connect(&m_clusters, &ClusterManager::sessionOpened, this,
            [settingsFile](ClusterSession *s) { AlertWatcher::attach(s, settingsFile); });
    connect(&m_clusters, &ClusterManager::sessionClosed, this, &AlertWatcher::detach);
}

Workspace::~Workspace()
{
    rememberOpen();
    AlertWatcher::detachAll(); // before the sessions and their pollers go
}

ConnectionProfile Workspace::demoProfile()
{
    ConnectionProfile p;
    p.id = kDemoId;
    p.name = QStringLiteral("Demo cluster");
    p.demo = true;
    return p;
}

QList<ConnectionProfile> Workspace::profiles() const
{
    QList<ConnectionProfile> out{demoProfile()};
    out.append(m_store.profiles());
    return out;
}

ConnectionProfile Workspace::profile(const QString &id) const
{
    for (const auto &p : profiles())
        if (p.id == id)
            return p;
    return {};
}

void Workspace::saveProfile(const ConnectionProfile &profile)
{
    if (profile.demo)
        return;
    m_store.save(profile);
    if (hasSecrets(profile))
        m_secrets.write(profile.id, packSecrets(profile));
    else
        m_secrets.remove(profile.id);
    emit profilesChanged();
}

void Workspace::removeProfile(const QString &id)
{
    if (id == kDemoId)
        return;
    disconnectProfile(id);
    m_store.remove(id);
    m_secrets.remove(id);
    emit profilesChanged();
}

void Workspace::connectProfile(const ConnectionProfile &profile)
{
    if (m_clusters.session(profile.id))
        return;
    if (profile.demo) {
        startDemoThenOpen();
        return;
    }
    if (hasSecrets(profile)) {
        openWithSecrets(profile);
        return;
    }
    m_secrets.read(profile.id, [this, profile](bool found, const QByteArray &payload) {
        ConnectionProfile p = profile;
        if (found)
            unpackSecrets(payload, &p);
        const bool needsPassword = p.usesSasl() && p.password.isEmpty();
        if (needsPassword) {
            emit passwordRequired(p);
            return;
        }
        openWithSecrets(p);
    });
}

void Workspace::openWithSecrets(ConnectionProfile profile)
{
    if (const auto issues = profile.validate(); !issues.isEmpty()) {
        emit connectFailed(profile.id, issues.first().message);
        return;
    }
    m_clusters.open(profile);
}

void Workspace::startDemoThenOpen()
{
    if (m_demo) {
        ConnectionProfile p = demoProfile();
        p.bootstrapServers = m_demo->bootstrapServers();
        p.registry.url = m_demo->registryUrl();
        m_clusters.open(p);
        return;
    }
    if (m_demoStarting)
        return;
    m_demoStarting = true;
    // Starting brokers and clients takes a moment: keep it off the UI thread.
    auto demo = std::make_shared<std::unique_ptr<DemoCluster>>(std::make_unique<DemoCluster>());
    const int rate = m_demoRate;
    m_demoJob.start(JobRunner::shared(), QStringLiteral("demo start"), [demo, rate](JobControl &) {
        QString error;
        if (!(*demo)->start(rate, &error))
            return error.isEmpty() ? QStringLiteral("unknown error") : error;
        return QString();
    }, [this, demo](const QString &error) {
        m_demoStarting = false;
        if (!error.isEmpty()) {
            emit connectFailed(kDemoId, QStringLiteral("The demo cluster could not start: ") + error);
            return;
        }
        m_demo = std::move(*demo);
        emit demoStarted(m_demo->bootstrapServers());
        startDemoThenOpen();
    });
}

void Workspace::disconnectProfile(const QString &id)
{
    m_clusters.close(id);
}

void Workspace::restoreLastOpen()
{
    for (const QString &id : m_store.lastOpenClusters()) {
        const ConnectionProfile p = profile(id);
        if (!p.id.isEmpty())
            connectProfile(p);
    }
}

void Workspace::rememberOpen()
{
    QStringList ids;
    for (ClusterSession *s : m_clusters.sessions())
        ids << s->id();
    ids.sort();
    m_store.setLastOpenClusters(ids);
}

void Workspace::setDemoRate(int messagesPerSecond)
{
    m_demoRate = messagesPerSecond;
    if (m_demo)
        m_demo->setRate(messagesPerSecond);
}

} // namespace kafkascope
