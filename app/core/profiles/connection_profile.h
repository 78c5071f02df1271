#pragma once
// A saved way to reach one cluster. Secrets live in the keychain, never in this struct's
// persisted form (see ProfileStore).

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

namespace kafkascope {

enum class SecurityProtocol { Plaintext, Ssl, SaslPlaintext, SaslSsl };
enum class SaslMechanism { Plain, ScramSha256, ScramSha512 };

QString displayName(SecurityProtocol p);          // "SASL_SSL"
QString displayName(SaslMechanism m);           // "SCRAM-SHA-256"
bool parseSecurityProtocol(const QString &text, SecurityProtocol *out);
bool parseSaslMechanism(const QString &text, SaslMechanism *out);

struct ProfileIssue
{
    QString field;   // "bootstrapServers", "caFile", ... matches ConnectionProfile members
    QString message; // one sentence for the user
};

// Where the cluster's Schema Registry (Confluent API) answers; empty url: none.
struct RegistryEndpoint
{
    QString url;      // "http://host:8081" or Apicurio's ".../apis/ccompat/v7"
    QString username; // basic auth when set
    QString password; // in memory only (keychain)
    QString token;    // bearer token when set, in memory only (keychain)
    QString caFile;   // extra CA for https
    bool enabled() const { return !url.trimmed().isEmpty(); }
    bool operator==(const RegistryEndpoint &) const = default;
};

struct ConnectionProfile
{
    QString id; // stable key for settings and keychain entries
    QString name;
    QString bootstrapServers; // "host:port,host:port"
    SecurityProtocol security = SecurityProtocol::Plaintext;
    SaslMechanism saslMechanism = SaslMechanism::Plain;
    QString username;
    QString password; // in memory only
    QString caFile;
    QString certFile;
    QString keyFile;
    QString keyPassword; // in memory only
    QList<QPair<QString, QString>> extraProperties; // any librdkafka property
    bool demo = false; // the embedded demo cluster: bootstrap filled when it starts
    RegistryEndpoint registry;

    bool usesSasl() const;
    bool usesSsl() const;
    // Problems that make connecting pointless; empty when the profile can be tried.
    QList<ProfileIssue> validate() const;
    static QString newId();
};

// Parses "host:port,host:port"; returns an empty string when fine, else the problem.
QString validateBootstrapServers(const QString &servers);

} // namespace kafkascope

Q_DECLARE_METATYPE(kafkascope::ConnectionProfile)
