#include "decoding/schema_registry_client.h"

#include "decoding/registry_request.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>

namespace kafkascope {

namespace {

// A failed id is not asked again for this long: a registry that is down must not cost a
// timeout per message.
constexpr qint64 kRetryFailedAfterMs = 10000;

bool onUiThread()
{
    const QCoreApplication *app = QCoreApplication::instance();
    return app && QThread::currentThread() == app->thread();
}

RegistrySchema schemaFromJson(qint32 id, const QJsonObject &o)
{
    RegistrySchema s;
    s.id = id;
    s.type = o.value(QStringLiteral("schemaType")).toString(QStringLiteral("AVRO"));
    s.text = o.value(QStringLiteral("schema")).toString().toUtf8();
    s.subject = o.value(QStringLiteral("subject")).toString();
    s.version = o.value(QStringLiteral("version")).toInt(-1);
    for (const QJsonValue &r : o.value(QStringLiteral("references")).toArray()) {
        const QJsonObject ro = r.toObject();
        s.references.append({ro.value(QStringLiteral("name")).toString(), ro.value(QStringLiteral("subject")).toString(),
                             ro.value(QStringLiteral("version")).toInt(-1)});
    }
    return s;
}

QJsonObject schemaToJson(const RegistrySchema &s)
{
    QJsonArray refs;
    for (const SchemaReference &r : s.references)
        refs.append(QJsonObject{{QStringLiteral("name"), r.name}, {QStringLiteral("subject"), r.subject},
                                {QStringLiteral("version"), r.version}});
    return {{QStringLiteral("schemaType"), s.type},
            {QStringLiteral("schema"), QString::fromUtf8(s.text)},
            {QStringLiteral("subject"), s.subject},
            {QStringLiteral("version"), s.version},
            {QStringLiteral("references"), refs}};
}

} // namespace

SchemaRegistryClient::SchemaRegistryClient(RegistryEndpoint endpoint, QString cacheDir)
    : m_endpoint(std::move(endpoint))
{
    if (cacheDir.isEmpty())
        cacheDir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/schemas");
    // One folder per registry: ids are only unique within one.
    const QByteArray key = QCryptographicHash::hash(m_endpoint.url.trimmed().toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    m_cacheDir = cacheDir + QLatin1Char('/') + QString::fromLatin1(key);
}

std::shared_ptr<SchemaRegistryClient> SchemaRegistryClient::shared(const RegistryEndpoint &endpoint)
{
    if (!endpoint.enabled())
        return nullptr;
    static QMutex mutex;
    static QList<std::shared_ptr<SchemaRegistryClient>> clients;
    QMutexLocker lock(&mutex);
    for (const auto &c : std::as_const(clients))
        if (c->endpoint() == endpoint)
            return c;
    clients.append(std::make_shared<SchemaRegistryClient>(endpoint));
    return clients.last();
}

int SchemaRegistryClient::requestCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

std::optional<QByteArray> SchemaRegistryClient::get(const QString &path, QString *error, int *status)
{
    if (onUiThread()) {
        *error = QStringLiteral("Schema Registry request on the UI thread refused (%1)").arg(path);
        qWarning("kafkascope: %s", qPrintable(*error));
        return std::nullopt;
    }
    {
        QMutexLocker lock(&m_mutex);
        ++m_requests;
    }
    const QString base = registryBase(m_endpoint);
    const QNetworkRequest request = registryRequest(m_endpoint, path, m_timeoutMs);
    // A manager and loop of this thread's own: decoding threads have no event loop running.
    QNetworkAccessManager manager;
    QEventLoop loop;
    QNetworkReply *reply = manager.get(request);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status)
        *status = code;
    const QByteArray body = code > 0 ? reply->readAll() : QByteArray(); // a timed-out reply is closed
    const auto networkError = reply->error();
    const QString networkText = reply->errorString();
    delete reply;
    if (code >= 200 && code < 300)
        return body;
    const QString message = QJsonDocument::fromJson(body).object().value(QStringLiteral("message")).toString();
    if (code > 0)
        *error = QStringLiteral("Schema Registry answered HTTP %1%2").arg(code).arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message);
    else if (networkError == QNetworkReply::OperationCanceledError || networkError == QNetworkReply::TimeoutError)
        *error = QStringLiteral("Schema Registry at %1 did not answer within %2 s").arg(base).arg(m_timeoutMs / 1000.0);
    else
        *error = QStringLiteral("Schema Registry at %1 unreachable: %2").arg(base, networkText);
    return std::nullopt;
}

std::optional<RegistrySchema> SchemaRegistryClient::readDisk(qint32 id) const
{
    QFile f(m_cacheDir + QStringLiteral("/%1.json").arg(id));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    if (!doc.isObject() || !doc.object().contains(QStringLiteral("schema")))
        return std::nullopt;
    return schemaFromJson(id, doc.object());
}

void SchemaRegistryClient::writeDisk(const RegistrySchema &schema) const
{
    if (!QDir().mkpath(m_cacheDir))
        return; // the memory cache still works; the next start refetches
    QSaveFile f(m_cacheDir + QStringLiteral("/%1.json").arg(schema.id));
    if (f.open(QIODevice::WriteOnly)) {
        f.write(QJsonDocument(schemaToJson(schema)).toJson(QJsonDocument::Compact));
        f.commit();
    }
}

std::optional<RegistrySchema> SchemaRegistryClient::schema(qint32 id, QString *error)
{
    {
        QMutexLocker lock(&m_mutex);
        if (auto it = m_schemas.constFind(id); it != m_schemas.constEnd())
            return *it;
        if (auto it = m_failures.constFind(id); it != m_failures.constEnd()
            && QDateTime::currentMSecsSinceEpoch() - it->second < kRetryFailedAfterMs) {
            *error = it->first;
            return std::nullopt;
        }
    }
    if (auto cached = readDisk(id)) {
        QMutexLocker lock(&m_mutex);
        m_schemas.insert(id, *cached);
        return cached;
    }
    if (!m_endpoint.enabled()) {
        *error = QStringLiteral("schema id %1: no Schema Registry is set for this cluster").arg(id);
        return std::nullopt;
    }
    int status = 0;
    QString why;
    const auto body = get(QStringLiteral("/schemas/ids/%1").arg(id), &why, &status);
    if (!body) {
        *error = status == 404 ? QStringLiteral("schema id %1 is unknown to the Schema Registry").arg(id)
                               : QStringLiteral("schema id %1: %2").arg(id).arg(why);
        QMutexLocker lock(&m_mutex);
        m_failures.insert(id, {*error, QDateTime::currentMSecsSinceEpoch()});
        return std::nullopt;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(*body);
    if (!doc.isObject() || !doc.object().value(QStringLiteral("schema")).isString()) {
        *error = QStringLiteral("schema id %1: the registry's answer is not a schema").arg(id);
        return std::nullopt;
    }
    RegistrySchema s = schemaFromJson(id, doc.object());
    // Which subject holds it, for the record's detail; a registry without this call is fine.
    QString ignored;
    if (const auto versions = get(QStringLiteral("/schemas/ids/%1/versions").arg(id), &ignored)) {
        const QJsonArray list = QJsonDocument::fromJson(*versions).array();
        if (!list.isEmpty()) {
            s.subject = list.first().toObject().value(QStringLiteral("subject")).toString();
            s.version = list.first().toObject().value(QStringLiteral("version")).toInt(-1);
        }
    }
    writeDisk(s);
    QMutexLocker lock(&m_mutex);
    m_schemas.insert(id, s);
    m_failures.remove(id);
    return s;
}

std::optional<QByteArray> SchemaRegistryClient::referenceText(const SchemaReference &reference, QString *error)
{
    const QString key = reference.subject + QLatin1Char('/') + QString::number(reference.version);
    {
        QMutexLocker lock(&m_mutex);
        if (auto it = m_references.constFind(key); it != m_references.constEnd())
            return *it;
    }
    const QString path = QStringLiteral("/subjects/%1/versions/%2")
                             .arg(QString::fromLatin1(QUrl::toPercentEncoding(reference.subject)))
                             .arg(reference.version < 0 ? QStringLiteral("latest") : QString::number(reference.version));
    QString why;
    const auto body = get(path, &why);
    if (!body) {
        *error = QStringLiteral("reference %1 (%2 v%3): %4").arg(reference.name, reference.subject).arg(reference.version).arg(why);
        return std::nullopt;
    }
    const QByteArray text = QJsonDocument::fromJson(*body).object().value(QStringLiteral("schema")).toString().toUtf8();
    QMutexLocker lock(&m_mutex);
    m_references.insert(key, text);
    return text;
}

std::optional<RegistrySchema> SchemaRegistryClient::subjectVersion(const QString &subject, int version, QString *error)
{
    const QString versionText = version < 0 ? QStringLiteral("latest") : QString::number(version);
    const QString path = QStringLiteral("/subjects/%1/versions/%2")
                             .arg(QString::fromLatin1(QUrl::toPercentEncoding(subject)), versionText);
    int status = 0;
    QString why;
    const auto body = get(path, &why, &status);
    if (!body) {
        *error = status == 404 ? QStringLiteral("the Schema Registry has no subject “%1” version %2").arg(subject, versionText)
                               : QStringLiteral("subject %1 version %2: %3").arg(subject, versionText, why);
        return std::nullopt;
    }
    const QJsonObject o = QJsonDocument::fromJson(*body).object();
    const qint32 id = qint32(o.value(QStringLiteral("id")).toInteger(-1));
    if (id < 0 || !o.value(QStringLiteral("schema")).isString()) {
        *error = QStringLiteral("subject %1 version %2: the registry's answer is not a schema").arg(subject, versionText);
        return std::nullopt;
    }
    RegistrySchema s = schemaFromJson(id, o);
    if (s.subject.isEmpty())
        s.subject = subject;
    QMutexLocker lock(&m_mutex);
    if (!m_schemas.contains(id)) { // the decoders find it by id from now on
        lock.unlock();
        writeDisk(s);
        lock.relock();
        m_schemas.insert(id, s);
    }
    return s;
}

std::optional<QStringList> SchemaRegistryClient::subjects(QString *error)
{
    const auto body = get(QStringLiteral("/subjects"), error);
    if (!body)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(*body);
    if (!doc.isArray()) {
        *error = QStringLiteral("the registry's answer to /subjects is not a list");
        return std::nullopt;
    }
    QStringList out;
    for (const QJsonValue &v : doc.array())
        out.append(v.toString());
    return out;
}

} // namespace kafkascope
