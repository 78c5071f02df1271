#pragma once
// Turns a ConnectionProfile into librdkafka configuration, naming the property that
// librdkafka refuses so the user knows which field to fix.

#include "connection_profile.h"
#include "kafka_handles.h"

#include <QList>
#include <QPair>
#include <QString>

namespace kafkascope {

using KafkaProperties = QList<QPair<QString, QString>>;

// The librdkafka properties a profile stands for, extras last so they win.
KafkaProperties kafkaProperties(const ConnectionProfile &profile);

// A conf with `properties` then `overrides` applied; null with *error set when librdkafka
// refuses one ("ssl.ca.location: ...").
ConfPtr makeKafkaConf(const KafkaProperties &properties, const KafkaProperties &overrides,
                      QString *error);

// Creates a client handle of `type` for the profile; null with *error set on failure.
KafkaPtr makeKafkaClient(const ConnectionProfile &profile, rd_kafka_type_t type,
                         const KafkaProperties &overrides, QString *error,
                         void *opaque = nullptr,
                         void (*errorCallback)(rd_kafka_t *, int, const char *, void *) = nullptr);

} // namespace kafkascope
