#include "profiles/connection_profile.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QUuid>

namespace kafkascope {

namespace {
struct ProtocolName
{
    SecurityProtocol value;
    const char16_t *name;
};
constexpr ProtocolName kProtocols[] = {
    {SecurityProtocol::Plaintext, u"PLAINTEXT"},
    {SecurityProtocol::Ssl, u"SSL"},
    {SecurityProtocol::SaslPlaintext, u"SASL_PLAINTEXT"},
    {SecurityProtocol::SaslSsl, u"SASL_SSL"},
};
struct MechanismName
{
    SaslMechanism value;
    const char16_t *name;
};
constexpr MechanismName kMechanisms[] = {
    {SaslMechanism::Plain, u"PLAIN"},
    {SaslMechanism::ScramSha256, u"SCRAM-SHA-256"},
    {SaslMechanism::ScramSha512, u"SCRAM-SHA-512"},
};

QString checkReadableFile(const QString &path, const QString &what)
{
    if (path.isEmpty())
        return {};
    const QFileInfo info(path);
    if (!info.exists())
        return QStringLiteral("%1 \"%2\" does not exist.").arg(what, path);
    if (!info.isFile() || !info.isReadable())
        return QStringLiteral("%1 \"%2\" is not a readable file.").arg(what, path);
    return {};
}
} // namespace

QString displayName(SecurityProtocol p)
{
    for (const auto &e : kProtocols)
        if (e.value == p)
            return QString::fromUtf16(e.name);
    return {};
}

QString displayName(SaslMechanism m)
{
    for (const auto &e : kMechanisms)
        if (e.value == m)
            return QString::fromUtf16(e.name);
    return {};
}

bool parseSecurityProtocol(const QString &text, SecurityProtocol *out)
{
    for (const auto &e : kProtocols)
        if (text.trimmed().compare(QString::fromUtf16(e.name), Qt::CaseInsensitive) == 0) {
            *out = e.value;
            return true;
        }
    return false;
}

bool parseSaslMechanism(const QString &text, SaslMechanism *out)
{
    for (const auto &e : kMechanisms)
        if (text.trimmed().compare(QString::fromUtf16(e.name), Qt::CaseInsensitive) == 0) {
            *out = e.value;
            return true;
        }
    return false;
}

namespace {
// DNS limits (RFC 1035): a whole name, and each dot-separated label.
constexpr int kMaxHostLength = 253;
constexpr int kMaxLabelLength = 63;

// What a message quotes of the user's input: enough to find it, never a 10 KB line.
QString shortened(const QString &text)
{
    constexpr int kKeep = 24;
    return text.size() <= 2 * kKeep + 1 ? text : text.left(kKeep) + u'…' + text.right(kKeep);
}
} // namespace

QString validateBootstrapServers(const QString &servers)
{
    const QString trimmed = servers.trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral("Enter at least one bootstrap server as host:port.");
    // host is a DNS name, IPv4 or a bracketed IPv6 literal; port 1-65535.
    static const QRegularExpression entry(
        QStringLiteral(R"(^(?:[A-Za-z]+://)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$)"));
    const auto parts = trimmed.split(u',');
    for (const QString &raw : parts) {
        const QString part = raw.trimmed();
        if (part.isEmpty())
            return QStringLiteral("The bootstrap list has an empty entry (check the commas).");
        const auto m = entry.match(part);
        if (!m.hasMatch())
            return QStringLiteral("\"%1\" is not host:port.").arg(shortened(part));
        const QString host = m.captured(1);
        if (!host.startsWith(u'[')) {
            if (host.size() > kMaxHostLength)
                return QStringLiteral("The host name \"%1\" is %2 characters long: at most %3 are allowed.")
                    .arg(shortened(host)).arg(host.size()).arg(kMaxHostLength);
            for (const QString &label : host.split(u'.'))
                if (label.size() > kMaxLabelLength)
                    return QStringLiteral("\"%1\" in the host name is %2 characters long: a label is at most %3.")
                        .arg(shortened(label)).arg(label.size()).arg(kMaxLabelLength);
        }
        const int port = m.captured(2).toInt();
        if (port < 1 || port > 65535)
            return QStringLiteral("Port %1 in \"%2\" is outside 1-65535.").arg(port).arg(shortened(part));
    }
    return {};
}

bool ConnectionProfile::usesSasl() const
{
    return security == SecurityProtocol::SaslPlaintext || security == SecurityProtocol::SaslSsl;
}

bool ConnectionProfile::usesSsl() const
{
    return security == SecurityProtocol::Ssl || security == SecurityProtocol::SaslSsl;
}

QList<ProfileIssue> ConnectionProfile::validate() const
{
    QList<ProfileIssue> issues;
    if (name.trimmed().isEmpty())
        issues.append({QStringLiteral("name"), QStringLiteral("Give the connection a name.")});
    if (!demo) {
        if (const QString e = validateBootstrapServers(bootstrapServers); !e.isEmpty())
            issues.append({QStringLiteral("bootstrapServers"), e});
    }
    if (usesSasl() && username.trimmed().isEmpty())
        issues.append({QStringLiteral("username"),
                       QStringLiteral("SASL needs a user name.")});
    if (usesSsl()) {
        if (const QString e = checkReadableFile(caFile, QStringLiteral("CA file")); !e.isEmpty())
            issues.append({QStringLiteral("caFile"), e});
        if (const QString e = checkReadableFile(certFile, QStringLiteral("Client certificate"));
            !e.isEmpty())
            issues.append({QStringLiteral("certFile"), e});
        if (const QString e = checkReadableFile(keyFile, QStringLiteral("Client key"));
            !e.isEmpty())
            issues.append({QStringLiteral("keyFile"), e});
        if (certFile.isEmpty() != keyFile.isEmpty())
            issues.append({certFile.isEmpty() ? QStringLiteral("certFile") : QStringLiteral("keyFile"),
                           QStringLiteral("A client certificate needs its key, and a key its certificate.")});
    }
    for (const auto &[key, value] : extraProperties) {
        Q_UNUSED(value)
        if (key.trimmed().isEmpty())
            issues.append({QStringLiteral("extraProperties"),
                           QStringLiteral("An extra property has an empty name.")});
    }
    return issues;
}

QString ConnectionProfile::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace kafkascope
