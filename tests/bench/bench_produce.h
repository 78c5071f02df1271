#pragma once
// Fills a topic for a benchmark as fast as librdkafka's producer goes (big batches, acks=1):
// `make` writes the key and value of message i. Prints "produced: N"; returns the exit code.

#include "profiles/connection_profile.h"

#include <QByteArray>
#include <QString>
#include <functional>

int produceBenchMessages(const QString &bootstrap, const QString &topic, qint64 count,
                         const std::function<void(qint64 i, QByteArray *key, QByteArray *value)> &make);

// The connection profile every benchmark uses for its own broker.
kafkascope::ConnectionProfile benchProfile(const QString &bootstrap);
