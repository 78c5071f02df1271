#include "scripted_http.h"

#include <QHostAddress>
#include <QTcpSocket>

namespace kafkascope::testing {

ScriptedHttp::ScriptedHttp(QObject *parent) : QTcpServer(parent)
{
    connect(this, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { answer(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool ScriptedHttp::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

QString ScriptedHttp::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(serverPort());
}

void ScriptedHttp::answer(QTcpSocket *socket)
{
    // A request may arrive in pieces: keep what came until the blank line ends the headers.
    const QByteArray request = socket->property("request").toByteArray() + socket->readAll();
    socket->setProperty("request", request);
    const bool complete = request.contains("\r\n\r\n");
    if (!complete || m_silent)
        return;
    socket->setProperty("request", QByteArray());
    const QList<QByteArray> first = request.left(request.indexOf("\r\n")).split(' ');
    const QString path = first.size() > 1 ? QString::fromLatin1(first[1]) : QString();
    m_requests.append(path);
    QByteArray status = "200 OK";
    QByteArray body = m_responses.value(path);
    QByteArray authorization;
    for (const QByteArray &line : request.split('\n'))
        if (line.toLower().startsWith("authorization:"))
            authorization = line.mid(14).trimmed();
    if (!m_authorization.isEmpty() && authorization != m_authorization) {
        status = "401 Unauthorized";
        body = R"({"error_code":401,"message":"Unauthorized"})";
    } else if (!m_responses.contains(path)) {
        status = "404 Not Found";
        body = R"({"error_code":40403,"message":"Schema not found"})";
    }
    socket->write("HTTP/1.1 " + status + "\r\nContent-Type: application/vnd.schemaregistry.v1+json\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace kafkascope::testing
