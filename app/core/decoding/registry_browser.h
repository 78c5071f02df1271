#pragma once
// Browses a Schema Registry for the Schemas panel and the profile's "Test": subjects, their
// versions, one version's schema, compatibility levels. Asynchronous (QNetworkAccessManager on
// the owner's thread, the UI thread included): every answer or failure arrives as a signal,
// nothing waits; destroying the browser aborts what is in flight and emits nothing more.

#include "profiles/connection_profile.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace kafkascope {

// One version of a subject, as the registry returns it.
struct SubjectVersion
{
    QString subject;
    int version = -1;
    qint32 id = -1;
    QString type = QStringLiteral("AVRO"); // AVRO, PROTOBUF or JSON
    QString text;                          // as registered
    QStringList references;                // "name → subject v3"
};

// The schema text laid out for reading: Avro and JSON Schema indented, Protobuf as written.
QString prettySchema(const QString &type, const QString &text);

class RegistryBrowser : public QObject
{
    Q_OBJECT
public:
    explicit RegistryBrowser(RegistryEndpoint endpoint, QObject *parent = nullptr);
    const RegistryEndpoint &endpoint() const { return m_endpoint; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    void listSubjects();                                   // -> subjectsListed
    void listVersions(const QString &subject);             // -> versionsListed
    void loadVersion(const QString &subject, int version); // -> versionLoaded (version -1: latest)
    void loadCompatibility(const QString &subject);        // -> compatibilityLoaded ({} = global)

signals:
    void subjectsListed(const QStringList &subjects);
    void versionsListed(const QString &subject, const QList<int> &versions);
    void versionLoaded(const kafkascope::SubjectVersion &version);
    // subject empty: the registry's global level. level empty: the subject has none of its own.
    void compatibilityLoaded(const QString &subject, const QString &level);
    // what: "subjects", "versions of x", ...; error: the reason as a person reads it.
    void failed(const QString &what, const QString &error);

private:
    using Handler = std::function<void(const QByteArray &body, int status)>;
    void get(const QString &path, const QString &what, Handler onAnswer, bool notFoundIsAnswer = false);

    const RegistryEndpoint m_endpoint;
    QNetworkAccessManager *m_manager;
    int m_timeoutMs = 10000;
};

} // namespace kafkascope

Q_DECLARE_METATYPE(kafkascope::SubjectVersion)
