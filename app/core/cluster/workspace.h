#pragma once
// What the app knows across windows: saved profiles, their secrets, the open sessions and
// the embedded demo cluster. The UI talks to clusters only through this and the sessions.

#include "cluster/cluster_manager.h"
#include "profiles/profile_store.h"
#include "profiles/secret_store.h"
#include "jobs/job_slot.h"

#include <QObject>
#include <memory>

namespace kafkascope {

class DemoCluster;

class Workspace : public QObject
{
    Q_OBJECT
public:
    static const QString kDemoId;

    explicit Workspace(const QString &settingsFile = {}, QObject *parent = nullptr);
    ~Workspace() override;

    // The demo profile first, then saved profiles by name.
    QList<ConnectionProfile> profiles() const;
    ConnectionProfile profile(const QString &id) const;
    static ConnectionProfile demoProfile();

    // Settings get everything but secrets; secrets go to the keychain.
    void saveProfile(const ConnectionProfile &profile);
    void removeProfile(const QString &id);

    // Reads secrets (keychain), starts the demo cluster when needed, then opens a session.
    // Emits passwordRequired when a secret is needed and no keychain holds it.
    void connectProfile(const ConnectionProfile &profile);
    void disconnectProfile(const QString &id);
    void restoreLastOpen(); // reconnects what was open when the app last closed
    void rememberOpen();

    ClusterManager &clusters() { return m_clusters; }
    ProfileStore &store() { return m_store; }
    SecretStore &secrets() { return m_secrets; }

    DemoCluster *demo() const { return m_demo.get(); } // null until started
    int demoRate() const { return m_demoRate; }
    void setDemoRate(int messagesPerSecond);

signals:
    void profilesChanged();
    void passwordRequired(const kafkascope::ConnectionProfile &profile);
    void connectFailed(const QString &profileId, const QString &error);
    void demoStarted(const QString &bootstrapServers);

private:
    void openWithSecrets(ConnectionProfile profile);
    void startDemoThenOpen();

    ProfileStore m_store;
    SecretStore m_secrets;
    // Declared before m_clusters so sessions close before the demo brokers vanish.
    std::unique_ptr<DemoCluster> m_demo;
    ClusterManager m_clusters;
    bool m_demoStarting = false;
    int m_demoRate = 200;
    JobSlot m_demoJob; // starting the demo cluster
};

} // namespace kafkascope
