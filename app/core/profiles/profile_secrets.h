#pragma once
// Which parts of a profile are secrets, and how they travel to and from one keychain entry.

#include "profiles/connection_profile.h"

#include <QByteArray>

namespace kafkascope {

// True for extra librdkafka properties that hold credentials (sasl.password, ...).
bool isSecretProperty(const QString &key);

// All secrets of a profile as one JSON document (the keychain entry's payload).
QByteArray packSecrets(const ConnectionProfile &profile);
// Puts secrets back into `profile`; returns false on a malformed payload.
bool unpackSecrets(const QByteArray &payload, ConnectionProfile *profile);
// The profile with every secret blanked: what may be written to a settings file.
ConnectionProfile withoutSecrets(ConnectionProfile profile);
bool hasSecrets(const ConnectionProfile &profile);

} // namespace kafkascope
