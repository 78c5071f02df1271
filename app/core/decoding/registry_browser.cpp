#include "decoding/registry_browser.h"

#include "decoding/registry_request.h"

#include <QJsonArray>
#include <algorithm>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>

namespace kafkascope {

namespace {

QString encoded(const QString &subject)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(subject));
}

} // namespace

QString prettySchema(const QString &type, const QString &text)
{
    if (type == u"PROTOBUF")
        return text;
    QJsonParseError error;
    QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return text; // an Avro primitive ("\"string\"") parses; anything else is shown as is
    // Re-indented by hand rather than through QJsonDocument, which sorts an object's keys: an
    // Avro record reads best in its author's order ("name" and "type" before "fields").
    QString out;
    int depth = 0;
    bool inString = false, escaped = false;
    auto newline = [&] { out += QLatin1Char('\n') + QString(depth * 2, QLatin1Char(' ')); };
    const QString compact = text.trimmed();
    for (qsizetype i = 0; i < compact.size(); ++i) {
        const QChar c = compact[i];
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == u'\\')
                escaped = true;
            else if (c == u'"')
                inString = false;
            continue;
        }
        if (c.isSpace())
            continue;
        switch (c.unicode()) {
        case '"': inString = true; out += c; break;
        case '{':
        case '[': {
            // An empty object or array stays on one line.
            qsizetype j = i + 1;
            while (j < compact.size() && compact[j].isSpace())
                ++j;
            if (j < compact.size() && (compact[j] == u'}' || compact[j] == u']')) {
                out += c;
                out += compact[j];
                i = j;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']': --depth; newline(); out += c; break;
        case ',': out += c; newline(); break;
        case ':': out += QStringLiteral(": "); break;
        default: out += c;
        }
    }
    return out;
}

RegistryBrowser::RegistryBrowser(RegistryEndpoint endpoint, QObject *parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_manager(new QNetworkAccessManager(this))
{
    qRegisterMetaType<SubjectVersion>();
}

void RegistryBrowser::get(const QString &path, const QString &what, Handler onAnswer, bool notFoundIsAnswer)
{
    if (!m_endpoint.enabled()) {
        emit failed(what, tr("no Schema Registry URL is set for this cluster (edit the connection)"));
        return;
    }
    QNetworkReply *reply = m_manager->get(registryRequest(m_endpoint, path, m_timeoutMs));
    // The reply belongs to the manager, a child of this object: if the browser goes first, the
    // reply is aborted with it and this lambda never runs.
    connect(reply, &QNetworkReply::finished, this, [this, reply, what, onAnswer, notFoundIsAnswer] {
        reply->deleteLater();
        const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = code > 0 ? reply->readAll() : QByteArray();
        if ((code >= 200 && code < 300) || (notFoundIsAnswer && code == 404)) {
            onAnswer(body, code);
            return;
        }
        const QString base = registryBase(m_endpoint);
        const QString message = QJsonDocument::fromJson(body).object().value(QStringLiteral("message")).toString();
        QString error;
        if (code == 401 || code == 403)
            error = tr("the Schema Registry refused the credentials (HTTP %1%2): check the user name, password or token")
                        .arg(code)
                        .arg(message.isEmpty() ? QString() : QStringLiteral(", ") + message);
        else if (code > 0)
            error = tr("the Schema Registry answered HTTP %1%2").arg(code).arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message);
        else if (reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError)
            error = tr("the Schema Registry at %1 did not answer within %2 s").arg(base).arg(m_timeoutMs / 1000.0);
        else
            error = tr("the Schema Registry at %1 is unreachable: %2").arg(base, reply->errorString());
        emit failed(what, error);
    });
}

void RegistryBrowser::listSubjects()
{
    get(QStringLiteral("/subjects"), tr("subjects"), [this](const QByteArray &body, int) {
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        if (!doc.isArray()) {
            emit failed(tr("subjects"), tr("the Schema Registry's subject list is not a JSON array"));
            return;
        }
        QStringList subjects;
        for (const QJsonValue &v : doc.array())
            subjects << v.toString();
        subjects.sort(Qt::CaseInsensitive);
        emit subjectsListed(subjects);
    });
}

void RegistryBrowser::listVersions(const QString &subject)
{
    const QString what = tr("versions of %1").arg(subject);
    get(QStringLiteral("/subjects/%1/versions").arg(encoded(subject)), what, [this, subject, what](const QByteArray &body, int) {
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        if (!doc.isArray()) {
            emit failed(what, tr("the answer is not a JSON array"));
            return;
        }
        QList<int> versions;
        for (const QJsonValue &v : doc.array())
            versions << v.toInt();
        std::sort(versions.begin(), versions.end());
        emit versionsListed(subject, versions);
    });
}

void RegistryBrowser::loadVersion(const QString &subject, int version)
{
    const QString v = version < 0 ? QStringLiteral("latest") : QString::number(version);
    const QString what = tr("%1 version %2").arg(subject, v);
    get(QStringLiteral("/subjects/%1/versions/%2").arg(encoded(subject), v), what, [this, subject, what](const QByteArray &body, int) {
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        if (!o.contains(QStringLiteral("schema"))) {
            emit failed(what, tr("the answer holds no schema"));
            return;
        }
        SubjectVersion s;
        s.subject = o.value(QStringLiteral("subject")).toString(subject);
        s.version = o.value(QStringLiteral("version")).toInt(-1);
        s.id = o.value(QStringLiteral("id")).toInt(-1);
        s.type = o.value(QStringLiteral("schemaType")).toString(QStringLiteral("AVRO"));
        s.text = o.value(QStringLiteral("schema")).toString();
        for (const QJsonValue &r : o.value(QStringLiteral("references")).toArray()) {
            const QJsonObject ro = r.toObject();
            s.references << tr("%1 → %2 v%3")
                                .arg(ro.value(QStringLiteral("name")).toString(), ro.value(QStringLiteral("subject")).toString())
                                .arg(ro.value(QStringLiteral("version")).toInt());
        }
        emit versionLoaded(s);
    });
}

void RegistryBrowser::loadCompatibility(const QString &subject)
{
    const QString path = subject.isEmpty() ? QStringLiteral("/config") : QStringLiteral("/config/%1").arg(encoded(subject));
    const QString what = subject.isEmpty() ? tr("global compatibility") : tr("compatibility of %1").arg(subject);
    // A subject without a level of its own answers 404 (Confluent: error 40408).
    get(path, what, [this, subject](const QByteArray &body, int status) {
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        const QString level = status == 404 ? QString()
                                            : o.value(QStringLiteral("compatibilityLevel")).toString(o.value(QStringLiteral("compatibility")).toString());
        emit compatibilityLoaded(subject, level);
    }, !subject.isEmpty());
}

} // namespace kafkascope
