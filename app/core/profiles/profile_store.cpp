#include "profiles/profile_store.h"

#include "profiles/profile_secrets.h"

#include <algorithm>

namespace kafkascope {

namespace {
const QString kGroup = QStringLiteral("profiles");
}

ProfileStore::ProfileStore(const QString &settingsFile)
    : m_settings(settingsFile.isEmpty() ? std::make_unique<QSettings>()
                                        : std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
}

QList<ConnectionProfile> ProfileStore::profiles() const
{
    QList<ConnectionProfile> out;
    m_settings->beginGroup(kGroup);
    const QStringList ids = m_settings->childGroups();
    for (const QString &id : ids) {
        m_settings->beginGroup(id);
        ConnectionProfile p;
        p.id = id;
        p.name = m_settings->value(QStringLiteral("name")).toString();
        p.bootstrapServers = m_settings->value(QStringLiteral("bootstrapServers")).toString();
        parseSecurityProtocol(m_settings->value(QStringLiteral("security")).toString(), &p.security);
        parseSaslMechanism(m_settings->value(QStringLiteral("saslMechanism")).toString(), &p.saslMechanism);
        p.username = m_settings->value(QStringLiteral("username")).toString();
        p.caFile = m_settings->value(QStringLiteral("caFile")).toString();
        p.certFile = m_settings->value(QStringLiteral("certFile")).toString();
        p.keyFile = m_settings->value(QStringLiteral("keyFile")).toString();
        p.registry.url = m_settings->value(QStringLiteral("registryUrl")).toString();
        p.registry.username = m_settings->value(QStringLiteral("registryUsername")).toString();
        p.registry.caFile = m_settings->value(QStringLiteral("registryCaFile")).toString();
        const int n = m_settings->beginReadArray(QStringLiteral("extra"));
        for (int i = 0; i < n; ++i) {
            m_settings->setArrayIndex(i);
            p.extraProperties.append({m_settings->value(QStringLiteral("key")).toString(),
                                      m_settings->value(QStringLiteral("value")).toString()});
        }
        m_settings->endArray();
        m_settings->endGroup();
        out.append(p);
    }
    m_settings->endGroup();
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return out;
}

void ProfileStore::save(const ConnectionProfile &profile)
{
    const ConnectionProfile p = withoutSecrets(profile);
    m_settings->beginGroup(kGroup);
    m_settings->remove(p.id);
    m_settings->beginGroup(p.id);
    m_settings->setValue(QStringLiteral("name"), p.name);
    m_settings->setValue(QStringLiteral("bootstrapServers"), p.bootstrapServers);
    m_settings->setValue(QStringLiteral("security"), displayName(p.security));
    m_settings->setValue(QStringLiteral("saslMechanism"), displayName(p.saslMechanism));
    m_settings->setValue(QStringLiteral("username"), p.username);
    m_settings->setValue(QStringLiteral("caFile"), p.caFile);
    m_settings->setValue(QStringLiteral("certFile"), p.certFile);
    m_settings->setValue(QStringLiteral("keyFile"), p.keyFile);
    if (p.registry.enabled()) {
        m_settings->setValue(QStringLiteral("registryUrl"), p.registry.url);
        m_settings->setValue(QStringLiteral("registryUsername"), p.registry.username);
        m_settings->setValue(QStringLiteral("registryCaFile"), p.registry.caFile);
    }
    m_settings->beginWriteArray(QStringLiteral("extra"), int(p.extraProperties.size()));
    for (int i = 0; i < p.extraProperties.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("key"), p.extraProperties[i].first);
        m_settings->setValue(QStringLiteral("value"), p.extraProperties[i].second);
    }
    m_settings->endArray();
    m_settings->endGroup();
    m_settings->endGroup();
    m_settings->sync();
}

void ProfileStore::remove(const QString &id)
{
    m_settings->beginGroup(kGroup);
    m_settings->remove(id);
    m_settings->endGroup();
    m_settings->sync();
}

QStringList ProfileStore::lastOpenClusters() const
{
    return m_settings->value(QStringLiteral("session/openClusters")).toStringList();
}

void ProfileStore::setLastOpenClusters(const QStringList &ids)
{
    m_settings->setValue(QStringLiteral("session/openClusters"), ids);
}

} // namespace kafkascope
