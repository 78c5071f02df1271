#pragma once
// A Schema Registry client (Confluent REST API; Apicurio's /apis/ccompat/v7 too) for the
// threads that decode: each schema is fetched once per id and kept in memory and on disk per
// registry, so a restart does not refetch and a registry that is down leaves cached schemas
// working. Requests run with QNetworkAccessManager on the calling thread, which must not be
// the UI thread; a registry that is down or slow costs one timeout, then the id is not asked
// again for a while. Thread-safe: one instance is shared by every decoding thread of a cluster.

#include "profiles/connection_profile.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace kafkascope {

struct SchemaReference
{
    QString name;    // the import name in the referring schema ("other.proto")
    QString subject;
    int version = -1;
};

struct RegistrySchema
{
    qint32 id = -1;
    QString type = QStringLiteral("AVRO"); // AVRO, PROTOBUF or JSON
    QByteArray text;
    QList<SchemaReference> references;
    QString subject; // a subject that holds it ("telemetry-value"), empty when unknown
    int version = -1;
};

class SchemaRegistryClient
{
public:
    // cacheDir: where schemas are kept per registry; empty: the user's cache folder.
    explicit SchemaRegistryClient(RegistryEndpoint endpoint, QString cacheDir = {});
    // The process-wide client of a registry endpoint, so every consume thread shares one
    // memory cache; null when the endpoint is not set.
    static std::shared_ptr<SchemaRegistryClient> shared(const RegistryEndpoint &endpoint);

    const RegistryEndpoint &endpoint() const { return m_endpoint; }
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // The schema with this id: from memory, else disk, else the registry. Blocking; never
    // on the UI thread. nullopt with the reason on failure.
    std::optional<RegistrySchema> schema(qint32 id, QString *error);
    // The text of a referenced schema (subject + version), cached like schemas.
    std::optional<QByteArray> referenceText(const SchemaReference &reference, QString *error);
    // One version of a subject (-1: the newest), asked each time: "latest" moves. The schema
    // is then cached by its id like schema(). Blocking; never on the UI thread.
    std::optional<RegistrySchema> subjectVersion(const QString &subject, int version, QString *error);
    // Every subject (the profile's "Test"). Blocking; never on the UI thread.
    std::optional<QStringList> subjects(QString *error);

    // Requests made to the registry since construction (tests check the caches with it).
    int requestCount() const;
    QString cacheFolder() const { return m_cacheDir; }

private:
    std::optional<QByteArray> get(const QString &path, QString *error, int *status = nullptr);
    std::optional<RegistrySchema> readDisk(qint32 id) const;
    void writeDisk(const RegistrySchema &schema) const;

    const RegistryEndpoint m_endpoint;
    QString m_cacheDir;
    int m_timeoutMs = 5000;
    mutable QMutex m_mutex;
    QHash<qint32, RegistrySchema> m_schemas;
    QHash<QString, QByteArray> m_references;
    QHash<qint32, QPair<QString, qint64>> m_failures; // id -> reason, when (ms since epoch)
    int m_requests = 0;
};

} // namespace kafkascope
