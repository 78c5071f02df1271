#pragma once
// Saved connection profiles in QSettings, secrets excluded (they go to SecretStore).

#include "profiles/connection_profile.h"

#include <QSettings>
#include <memory>

namespace kafkascope {

class ProfileStore
{
public:
    // Uses the application's QSettings unless a settings file path is given (tests).
    explicit ProfileStore(const QString &settingsFile = {});

    QList<ConnectionProfile> profiles() const; // secrets blank, sorted by name
    void save(const ConnectionProfile &profile); // writes everything but secrets
    void remove(const QString &id);

    QStringList lastOpenClusters() const; // profile ids, in order
    void setLastOpenClusters(const QStringList &ids);

    QSettings &settings() { return *m_settings; }

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace kafkascope
