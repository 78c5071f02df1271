#pragma once
// The HTTP request for one Schema Registry path: the endpoint's base URL, auth (bearer token,
// else basic) and CA, the registry's media type and a transfer timeout. Shared by the blocking
// client of the decoding threads and the asynchronous browser of the panels.

#include "profiles/connection_profile.h"

#include <QNetworkRequest>

namespace kafkascope {

QNetworkRequest registryRequest(const RegistryEndpoint &endpoint, const QString &path, int timeoutMs);
// The base URL without trailing slashes ("http://host:8081").
QString registryBase(const RegistryEndpoint &endpoint);

} // namespace kafkascope
