#pragma once
// A scripted HTTP responder for tests of the Schema Registry client's own behaviour (caching,
// errors, timeouts): it answers GET paths with canned JSON, 404 otherwise, or never answers.
// It is not a Schema Registry and no test passes it off as one: the schemas it serves are the
// ones confluent-kafka's serializers registered in their own (mock) registry.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QTcpServer>

namespace kafkascope::testing {

class ScriptedHttp : public QTcpServer
{
public:
    explicit ScriptedHttp(QObject *parent = nullptr);
    bool start(); // on a free loopback port
    QString url() const;
    void setResponse(const QString &path, const QByteArray &json) { m_responses.insert(path, json); }
    void setSilent(bool silent) { m_silent = silent; } // accept, never answer
    // Answer 401 to requests whose Authorization header is not this one (empty: no check).
    void setRequiredAuthorization(const QByteArray &header) { m_authorization = header; }
    QStringList requests() const { return m_requests; }

private:
    void answer(class QTcpSocket *socket);
    QHash<QString, QByteArray> m_responses;
    QStringList m_requests;
    bool m_silent = false;
    QByteArray m_authorization;
};

} // namespace kafkascope::testing
