#include "profiles/profile_secrets.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace kafkascope {

bool isSecretProperty(const QString &key)
{
    const QString k = key.toLower();
    return k.contains(u"password") || k.contains(u"secret") || k.endsWith(u".pem")
           || k == u"sasl.oauthbearer.config" || k == u"ssl.key.pem";
}

QByteArray packSecrets(const ConnectionProfile &p)
{
    QJsonObject extras;
    for (const auto &[key, value] : p.extraProperties)
        if (isSecretProperty(key))
            extras.insert(key, value);
    QJsonObject root{{QStringLiteral("password"), p.password},
                     {QStringLiteral("keyPassword"), p.keyPassword},
                     {QStringLiteral("extra"), extras},
                     {QStringLiteral("registryPassword"), p.registry.password},
                     {QStringLiteral("registryToken"), p.registry.token}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

bool unpackSecrets(const QByteArray &payload, ConnectionProfile *p)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return false;
    const QJsonObject root = doc.object();
    p->password = root.value(QStringLiteral("password")).toString();
    p->keyPassword = root.value(QStringLiteral("keyPassword")).toString();
    p->registry.password = root.value(QStringLiteral("registryPassword")).toString();
    p->registry.token = root.value(QStringLiteral("registryToken")).toString();
    const QJsonObject extras = root.value(QStringLiteral("extra")).toObject();
    for (auto &prop : p->extraProperties)
        if (extras.contains(prop.first))
            prop.second = extras.value(prop.first).toString();
    return true;
}

ConnectionProfile withoutSecrets(ConnectionProfile p)
{
    p.password.clear();
    p.keyPassword.clear();
    p.registry.password.clear();
    p.registry.token.clear();
    for (auto &prop : p.extraProperties)
        if (isSecretProperty(prop.first))
            prop.second.clear();
    return p;
}

bool hasSecrets(const ConnectionProfile &p)
{
    if (!p.password.isEmpty() || !p.keyPassword.isEmpty() || !p.registry.password.isEmpty()
        || !p.registry.token.isEmpty())
        return true;
    for (const auto &prop : p.extraProperties)
        if (isSecretProperty(prop.first) && !prop.second.isEmpty())
            return true;
    return false;
}

} // namespace kafkascope
