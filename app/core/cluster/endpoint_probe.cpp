#include "cluster/endpoint_probe.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QtEndian>

namespace kafkascope {

namespace {

QString seconds(int ms)
{
    return QString::number((ms + 999) / 1000);
}

// ApiVersions v0 with a v1 request header: the one request every Kafka broker answers
// before any authentication.
QByteArray apiVersionsRequest(qint32 correlationId)
{
    const QByteArray clientId("kafkascope-probe");
    QByteArray body;
    auto put16 = [&](qint16 v) { char b[2]; qToBigEndian(v, b); body.append(b, 2); };
    auto put32 = [&](qint32 v) { char b[4]; qToBigEndian(v, b); body.append(b, 4); };
    put16(18); // ApiVersions
    put16(0);
    put32(correlationId);
    put16(qint16(clientId.size()));
    body += clientId;
    QByteArray out(4, '\0');
    qToBigEndian(qint32(body.size()), out.data());
    return out + body;
}

QString printable(const QByteArray &bytes)
{
    QString out;
    for (char c : bytes.left(16))
        out += (c >= 0x20 && c < 0x7f) ? QChar(QLatin1Char(c)) : QChar(u'·');
    return out;
}

} // namespace

EndpointVerdict probeEndpoint(const QString &host, quint16 port, bool speakKafka, int timeoutMs)
{
    EndpointVerdict v;
    v.endpoint = host + u':' + QString::number(port);
    QElapsedTimer timer;
    timer.start();
    QTcpSocket socket;
    socket.connectToHost(host, port);
    if (!socket.waitForConnected(timeoutMs)) {
        switch (socket.error()) {
        case QAbstractSocket::ConnectionRefusedError:
            v.kind = EndpointVerdict::Kind::Refused;
            v.message = QStringLiteral("connection refused by %1: nothing listens there").arg(v.endpoint);
            break;
        case QAbstractSocket::HostNotFoundError:
            v.kind = EndpointVerdict::Kind::NotFound;
            v.message = QStringLiteral("the host name %1 does not resolve").arg(host);
            break;
        case QAbstractSocket::SocketTimeoutError:
            v.kind = EndpointVerdict::Kind::Silent;
            v.message = QStringLiteral("no answer from %1 within %2 s").arg(v.endpoint, seconds(timeoutMs));
            break;
        default:
            v.kind = EndpointVerdict::Kind::Failed;
            v.message = QStringLiteral("cannot connect to %1: %2").arg(v.endpoint, socket.errorString());
        }
        return v;
    }
    if (!speakKafka) { // TLS: librdkafka's handshake says more than we could
        v.kind = EndpointVerdict::Kind::Unchecked;
        return v;
    }
    constexpr qint32 kCorrelation = 0x4b53; // "KS"
    socket.write(apiVersionsRequest(kCorrelation));
    QByteArray answer;
    while (answer.size() < 8) {
        const int left = timeoutMs - int(timer.elapsed());
        if (left <= 0 || (!socket.waitForReadyRead(left) && socket.bytesAvailable() == 0))
            break;
        answer += socket.readAll();
    }
    if (answer.isEmpty()) {
        if (socket.state() != QAbstractSocket::ConnectedState) {
            v.kind = EndpointVerdict::Kind::Closed;
            v.message = QStringLiteral("%1 closed the connection without answering: is it a TLS (SSL) listener, or no "
                                       "Kafka broker?")
                            .arg(v.endpoint);
        } else {
            v.kind = EndpointVerdict::Kind::Silent;
            v.message = QStringLiteral("no answer from %1 within %2 s: it accepts connections but does not speak "
                                       "Kafka")
                            .arg(v.endpoint, seconds(timeoutMs));
        }
        return v;
    }
    static const QRegularExpression http(QStringLiteral("^(HTTP/|<!DOCTYPE|<html|<HTML|<\\?xml)"));
    if (http.match(QString::fromLatin1(answer.left(16))).hasMatch()) {
        v.kind = EndpointVerdict::Kind::Http;
        v.message = QStringLiteral("%1 is not a Kafka broker (it answered like HTTP: \"%2\")")
                        .arg(v.endpoint, printable(answer.left(answer.indexOf('\r') > 0 ? answer.indexOf('\r') : 16)));
        return v;
    }
    const qint32 size = qFromBigEndian<qint32>(answer.constData());
    const qint32 correlation = answer.size() >= 8 ? qFromBigEndian<qint32>(answer.constData() + 4) : -1;
    if (size > 0 && size < (64 << 20) && correlation == kCorrelation) {
        v.kind = EndpointVerdict::Kind::Kafka;
        return v;
    }
    v.kind = EndpointVerdict::Kind::NotKafka;
    v.message = QStringLiteral("%1 is not a Kafka broker (it answered \"%2\")").arg(v.endpoint, printable(answer));
    return v;
}

QList<EndpointVerdict> probeBootstrap(const ConnectionProfile &profile, int timeoutMs)
{
    QList<EndpointVerdict> out;
    static const QRegularExpression entry(QStringLiteral(R"(^(?:[A-Za-z_]+://)?\[?([^\[\]]+?)\]?:(\d{1,5})$)"));
    const bool speakKafka = !profile.usesSsl();
    for (const QString &raw : profile.bootstrapServers.split(u',', Qt::SkipEmptyParts)) {
        const auto m = entry.match(raw.trimmed());
        if (!m.hasMatch())
            continue; // the profile's own validation names it
        out.append(probeEndpoint(m.captured(1), quint16(m.captured(2).toUInt()), speakKafka, timeoutMs));
        if (out.last().reachable())
            break; // one broker that answers is all librdkafka needs
    }
    return out;
}

} // namespace kafkascope
