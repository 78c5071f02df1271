#include "decoding/registry_request.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QUrl>

namespace kafkascope {

QString registryBase(const RegistryEndpoint &endpoint)
{
    QString base = endpoint.url.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base;
}

QNetworkRequest registryRequest(const RegistryEndpoint &endpoint, const QString &path, int timeoutMs)
{
    QNetworkRequest request(QUrl(registryBase(endpoint) + path));
    request.setRawHeader("Accept", "application/vnd.schemaregistry.v1+json, application/json");
    request.setTransferTimeout(timeoutMs);
    if (!endpoint.token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + endpoint.token.toUtf8());
    else if (!endpoint.username.isEmpty())
        request.setRawHeader("Authorization",
                             "Basic " + (endpoint.username + QLatin1Char(':') + endpoint.password).toUtf8().toBase64());
    if (!endpoint.caFile.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(QSslCertificate::fromPath(endpoint.caFile));
        request.setSslConfiguration(ssl);
    }
    return request;
}

} // namespace kafkascope
