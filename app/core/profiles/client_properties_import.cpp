#include "profiles/client_properties_import.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace kafkascope {

namespace {

QString unescape(const QString &s)
{
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c != u'\\' || i + 1 >= s.size()) {
            out += c;
            continue;
        }
        const QChar n = s.at(++i);
        if (n == u't')
            out += u'\t';
        else if (n == u'n')
            out += u'\n';
        else if (n == u'r')
            out += u'\r';
        else if (n == u'f')
            out += u'\f';
        else if (n == u'u' && i + 4 < s.size()) {
            out += QChar(s.mid(i + 1, 4).toUShort(nullptr, 16));
            i += 4;
        } else
            out += n;
    }
    return out;
}

// Splits at the first unescaped '=', ':' or whitespace, as java.util.Properties does.
QPair<QString, QString> splitKeyValue(const QString &line)
{
    qsizetype i = 0;
    for (; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == u'\\') {
            ++i;
            continue;
        }
        if (c == u'=' || c == u':' || c.isSpace())
            break;
    }
    const QString key = line.left(i);
    qsizetype j = i;
    while (j < line.size() && line.at(j).isSpace())
        ++j;
    if (j < line.size() && (line.at(j) == u'=' || line.at(j) == u':'))
        ++j;
    while (j < line.size() && line.at(j).isSpace())
        ++j;
    return {unescape(key), unescape(line.mid(j))};
}

bool endsWithOddBackslashes(const QString &line)
{
    int n = 0;
    for (qsizetype i = line.size() - 1; i >= 0 && line.at(i) == u'\\'; --i)
        ++n;
    return n % 2 == 1;
}

// username="alice" password='s3cret' inside sasl.jaas.config.
QString jaasOption(const QString &jaas, const QString &option)
{
    const QRegularExpression re(QStringLiteral(R"re((?:^|\s)%1\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s;]+)))re")
                                    .arg(QRegularExpression::escape(option)));
    const auto m = re.match(jaas);
    if (!m.hasMatch())
        return {};
    for (int g = 1; g <= 3; ++g)
        if (m.capturedStart(g) >= 0)
            return m.captured(g).replace(QStringLiteral("\\\""), QStringLiteral("\""));
    return {};
}

// Properties spelled the same in Java and librdkafka, copied as they are.
const QSet<QString> &sharedProperties()
{
    static const QSet<QString> keys = {
        QStringLiteral("client.id"),
        QStringLiteral("ssl.endpoint.identification.algorithm"),
        QStringLiteral("socket.connection.setup.timeout.ms"),
        QStringLiteral("reconnect.backoff.ms"),
        QStringLiteral("reconnect.backoff.max.ms"),
        QStringLiteral("metadata.max.age.ms"),
        QStringLiteral("client.dns.lookup"),
        QStringLiteral("ssl.cipher.suites"),
        QStringLiteral("sasl.kerberos.service.name"),
    };
    return keys;
}

} // namespace

QList<QPair<QString, QString>> parseJavaProperties(const QString &text)
{
    QList<QPair<QString, QString>> result;
    const QStringList lines = text.split(QRegularExpression(QStringLiteral("\r\n|\r|\n")));
    QString logical;
    for (const QString &raw : lines) {
        // java.util.Properties drops leading white space only; a value keeps its trailing.
        qsizetype start = 0;
        while (start < raw.size() && raw.at(start).isSpace())
            ++start;
        const QString line = raw.mid(start);
        if (logical.isEmpty() && (line.trimmed().isEmpty() || line.startsWith(u'#') || line.startsWith(u'!')))
            continue;
        if (endsWithOddBackslashes(line)) {
            logical += line.left(line.size() - 1);
            continue;
        }
        logical += line;
        auto kv = splitKeyValue(logical);
        if (!kv.first.isEmpty())
            result.append(kv);
        logical.clear();
    }
    if (!logical.isEmpty()) {
        auto kv = splitKeyValue(logical);
        if (!kv.first.isEmpty())
            result.append(kv);
    }
    return result;
}

ClientPropertiesImport importClientProperties(const QString &text)
{
    ClientPropertiesImport out;
    ConnectionProfile &p = out.profile;
    p.id = ConnectionProfile::newId();
    QString truststoreType, keystoreType, truststore, keystore;

    for (const auto &[key, value] : parseJavaProperties(text)) {
        if (key == u"bootstrap.servers") {
            p.bootstrapServers = value.trimmed().remove(u' ');
        } else if (key == u"security.protocol") {
            if (!parseSecurityProtocol(value, &p.security))
                out.warnings << QStringLiteral("security.protocol \"%1\" is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL; kept PLAINTEXT.").arg(value);
        } else if (key == u"sasl.mechanism") {
            if (!parseSaslMechanism(value, &p.saslMechanism))
                out.warnings << QStringLiteral("sasl.mechanism \"%1\" is not supported (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512); kept PLAIN.").arg(value);
        } else if (key == u"sasl.jaas.config") {
            p.username = jaasOption(value, QStringLiteral("username"));
            p.password = jaasOption(value, QStringLiteral("password"));
            if (p.username.isEmpty())
                out.warnings << QStringLiteral("sasl.jaas.config has no username=\"...\"; enter the user name by hand.");
        } else if (key == u"ssl.truststore.location") {
            truststore = value;
        } else if (key == u"ssl.truststore.type") {
            truststoreType = value.toUpper();
        } else if (key == u"ssl.keystore.location") {
            keystore = value;
        } else if (key == u"ssl.keystore.type") {
            keystoreType = value.toUpper();
        } else if (key == u"ssl.key.password" || key == u"ssl.keystore.password") {
            if (p.keyPassword.isEmpty())
                p.keyPassword = value;
        } else if (key == u"ssl.truststore.password") {
            // A PEM truststore has no password; JKS is refused below.
        } else if (key == u"ssl.truststore.certificates") {
            p.extraProperties.append({QStringLiteral("ssl.ca.pem"), value});
        } else if (sharedProperties().contains(key)) {
            p.extraProperties.append({key, value});
        } else {
            out.warnings << QStringLiteral("%1 is a Java client setting with no librdkafka equivalent; skipped.").arg(key);
        }
    }

    if (!truststore.isEmpty()) {
        if (truststoreType == u"PEM" || truststore.endsWith(QStringLiteral(".pem"), Qt::CaseInsensitive)
            || truststore.endsWith(QStringLiteral(".crt"), Qt::CaseInsensitive))
            p.caFile = truststore;
        else
            out.warnings << QStringLiteral("ssl.truststore.location \"%1\" is a %2 store; librdkafka reads PEM only. Export it (keytool -exportcert -rfc) and pick the PEM as CA file.")
                                .arg(truststore, truststoreType.isEmpty() ? QStringLiteral("JKS") : truststoreType);
    }
    if (!keystore.isEmpty()) {
        if (keystoreType == u"PKCS12")
            p.extraProperties.append({QStringLiteral("ssl.keystore.location"), keystore});
        else if (keystoreType == u"PEM")
            p.certFile = p.keyFile = keystore;
        else
            out.warnings << QStringLiteral("ssl.keystore.location \"%1\" is a JKS store; librdkafka reads PKCS12 or PEM. Convert it with keytool -importkeystore -deststoretype PKCS12.").arg(keystore);
        if (keystoreType == u"PKCS12" && !p.keyPassword.isEmpty()) {
            p.extraProperties.append({QStringLiteral("ssl.keystore.password"), p.keyPassword});
            p.keyPassword.clear();
        }
    }
    if (p.bootstrapServers.isEmpty())
        out.warnings << QStringLiteral("The file has no bootstrap.servers; enter them by hand.");
    const QString host = p.bootstrapServers.section(u',', 0, 0).section(u':', 0, 0);
    p.name = host.isEmpty() ? QStringLiteral("Imported cluster") : host;
    return out;
}

ClientPropertiesImport importClientPropertiesFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ClientPropertiesImport out;
        out.error = QStringLiteral("Cannot read \"%1\": %2").arg(path, file.errorString());
        return out;
    }
    // java.util.Properties files are ISO-8859-1 with \u escapes; UTF-8 files are common too.
    const QByteArray bytes = file.readAll();
    QString text = QString::fromUtf8(bytes);
    if (text.contains(QChar::ReplacementCharacter))
        text = QString::fromLatin1(bytes);
    auto out = importClientProperties(text);
    out.profile.name = QFileInfo(path).completeBaseName() == u"client" ? out.profile.name
                                                                        : QFileInfo(path).completeBaseName();
    return out;
}

} // namespace kafkascope
