#pragma once
// One plain look at a bootstrap server before librdkafka tries (and retries) it, so the
// common failures are named at once and in words: refused, no answer within N s, a host
// that does not resolve, or a port that answers but is no Kafka broker (HTTP, say).
// Blocking: run it on a worker thread.

#include "profiles/connection_profile.h"

#include <QList>
#include <QString>

namespace kafkascope {

struct EndpointVerdict
{
    enum class Kind { Kafka, Unchecked, Refused, NotFound, Silent, Http, NotKafka, Closed, Failed };
    Kind kind = Kind::Failed;
    QString endpoint; // "host:port"
    QString message;  // empty for Kafka and Unchecked
    bool reachable() const { return kind == Kind::Kafka || kind == Kind::Unchecked; }
};

// Connects to host:port; with `speakKafka` (a plaintext listener) it also sends an
// ApiVersions request and reads the first bytes of the answer.
EndpointVerdict probeEndpoint(const QString &host, quint16 port, bool speakKafka, int timeoutMs);

// Every bootstrap server of the profile; verdicts in the profile's order.
QList<EndpointVerdict> probeBootstrap(const ConnectionProfile &profile, int timeoutMs);

} // namespace kafkascope
