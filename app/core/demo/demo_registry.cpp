#include "demo/demo_registry.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>

namespace kafkascope {

namespace {

QByteArray json(const QJsonValue &v)
{
    return v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                       : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
}

// The schema as /schemas/ids/N gives it: text, type (AVRO is left out), references.
QJsonObject schemaObject(const DemoSchema &s)
{
    QJsonObject o{{QStringLiteral("schema"), QString::fromUtf8(s.text)}};
    if (s.type != u"AVRO")
        o.insert(QStringLiteral("schemaType"), s.type);
    if (!s.references.isEmpty()) {
        QJsonArray refs;
        for (const SchemaReference &r : s.references)
            refs.append(QJsonObject{{QStringLiteral("name"), r.name}, {QStringLiteral("subject"), r.subject},
                                    {QStringLiteral("version"), r.version}});
        o.insert(QStringLiteral("references"), refs);
    }
    return o;
}

QJsonObject versionObject(const DemoSchema &s)
{
    QJsonObject o = schemaObject(s);
    o.insert(QStringLiteral("subject"), s.subject);
    o.insert(QStringLiteral("version"), s.version);
    o.insert(QStringLiteral("id"), s.id);
    return o;
}

std::pair<int, QByteArray> notFound(int code, const QString &message)
{
    return {404, json(QJsonObject{{QStringLiteral("error_code"), code}, {QStringLiteral("message"), message}})};
}

} // namespace

class DemoRegistry::Server : public QTcpServer
{
public:
    explicit Server(QList<DemoSchema> schemas) : m_schemas(std::move(schemas))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray request = socket->property("request").toByteArray() + socket->readAll();
        if (request.size() > 64 * 1024) { // not a registry client
            socket->abort();
            return;
        }
        while (true) {
            const qsizetype end = request.indexOf("\r\n\r\n");
            if (end < 0)
                break;
            const QList<QByteArray> first = request.left(request.indexOf("\r\n")).split(' ');
            request.remove(0, end + 4);
            const bool get = !first.isEmpty() && first[0] == "GET";
            const QString path = first.size() > 1 ? QUrl::fromPercentEncoding(first[1]) : QString();
            const auto [status, body] = get ? DemoRegistry::answer(m_schemas, path.section(QLatin1Char('?'), 0, 0))
                                            : std::pair{405, QByteArray(R"({"error_code":405,"message":"the demo registry is read-only"})")};
            const QByteArray reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Method Not Allowed";
            socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                          + "\r\nContent-Type: application/vnd.schemaregistry.v1+json\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        }
        socket->setProperty("request", request);
    }

    const QList<DemoSchema> m_schemas;
};

std::pair<int, QByteArray> DemoRegistry::answer(const QList<DemoSchema> &schemas, const QString &path)
{
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts == QStringList{QStringLiteral("subjects")}) {
        QJsonArray subjects;
        for (const DemoSchema &s : schemas)
            if (!subjects.contains(s.subject))
                subjects.append(s.subject);
        return {200, json(subjects)};
    }
    if (parts == QStringList{QStringLiteral("config")})
        return {200, json(QJsonObject{{QStringLiteral("compatibilityLevel"), QStringLiteral("BACKWARD")}})};
    if (parts.size() == 2 && parts[0] == u"config") {
        for (const DemoSchema &s : schemas)
            if (s.subject == parts[1] && !s.compatibility.isEmpty())
                return {200, json(QJsonObject{{QStringLiteral("compatibilityLevel"), s.compatibility}})};
        return notFound(40408, QStringLiteral("Subject '%1' does not have subject-level compatibility configured").arg(parts[1]));
    }
    if (parts.size() >= 3 && parts[0] == u"schemas" && parts[1] == u"ids") {
        for (const DemoSchema &s : schemas) {
            if (QString::number(s.id) != parts[2])
                continue;
            if (parts.size() == 4 && parts[3] == u"versions")
                return {200, json(QJsonArray{QJsonObject{{QStringLiteral("subject"), s.subject}, {QStringLiteral("version"), s.version}}})};
            if (parts.size() == 3)
                return {200, json(schemaObject(s))};
        }
        return notFound(40403, QStringLiteral("Schema not found"));
    }
    if (parts.size() >= 3 && parts[0] == u"subjects" && parts[2] == u"versions") {
        QJsonArray versions;
        const DemoSchema *latest = nullptr;
        for (const DemoSchema &s : schemas)
            if (s.subject == parts[1]) {
                versions.append(s.version);
                if (!latest || s.version > latest->version)
                    latest = &s;
            }
        if (!latest)
            return notFound(40401, QStringLiteral("Subject '%1' not found.").arg(parts[1]));
        if (parts.size() == 3)
            return {200, json(versions)};
        for (const DemoSchema &s : schemas)
            if (s.subject == parts[1] && (QString::number(s.version) == parts[3] || (parts[3] == u"latest" && &s == latest)))
                return {200, json(versionObject(s))};
        return notFound(40402, QStringLiteral("Version %1 not found.").arg(parts[3]));
    }
    return notFound(404, QStringLiteral("HTTP 404 Not Found"));
}

DemoRegistry::DemoRegistry(QList<DemoSchema> schemas) : m_schemas(std::move(schemas)) {}

DemoRegistry::~DemoRegistry()
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait(); // its event loop only serves answers held in memory
    }
}

bool DemoRegistry::start(QString *error)
{
    if (m_thread)
        return true;
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("demo registry"));
    auto *server = new Server(m_schemas);
    server->moveToThread(m_thread.get());
    QObject::connect(m_thread.get(), &QThread::finished, server, &QObject::deleteLater);
    m_thread->start();
    // Listen on the server's own thread: a socket notifier belongs to the thread that makes it,
    // and the caller (the demo's start job) runs no event loop, so listening there left the
    // registry accepting connections it never answered.
    bool listening = false;
    QString why;
    QMetaObject::invokeMethod(server, [&] {
        listening = server->listen(QHostAddress::LocalHost, 0);
        why = server->errorString();
        m_port = server->serverPort();
    }, Qt::BlockingQueuedConnection);
    if (!listening) {
        *error = QStringLiteral("The demo Schema Registry cannot listen: ") + why;
        m_thread->quit();
        m_thread->wait(); // an event loop with nothing to serve ends at once
        m_thread.reset();
        m_port = 0;
        return false;
    }
    m_server = server;
    return true;
}

QString DemoRegistry::url() const
{
    return m_port ? QStringLiteral("http://127.0.0.1:%1").arg(m_port) : QString();
}

} // namespace kafkascope
