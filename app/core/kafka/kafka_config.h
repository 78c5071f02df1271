#pragma once
// Turns a ConnectionProfile into librdkafka configuration, naming the property that
// librdkafka refuses so the user knows which field to fix.

#include "profiles/connection_profile.h"
#include "kafka/kafka_handles.h"

#include <librdkafka/rdkafka.h>

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

// Consumer settings for reading as fast as the broker serves. librdkafka 2.0 stops
// fetching for a whole second once its local queue reaches queued.min.messages or
// queued.max.messages.kbytes (librdkafka issue #2879; fetch.queue.backoff.ms only came in
// 2.1). A reader that decodes or re-produces each record drains slower than it fetches, so
// it reaches the limit every few hundred thousand records and then idles. With no count
// limit and room for about a second of records, the queue never runs dry during that
// pause; memory stays bounded by the byte limit.
KafkaProperties bulkConsumerProperties();
// For a reader that drains whole ranges as fast as they arrive (the filter scan): fetches of
// at most 1 MB per partition and 8 MB in all, and 64 MB queued. Each fetch response is one
// allocation; tens of megabytes came as fresh pages every time (page faults and zeroing were
// a third of the scan's system time), a few megabytes are reused. Should the queue fill
// anyway, fetching resumes after 10 ms instead of librdkafka's second.
KafkaProperties rangeReaderConsumerProperties();

// Creates a client handle of `type` for the profile; null with *error set on failure.
KafkaPtr makeKafkaClient(const ConnectionProfile &profile, rd_kafka_type_t type,
                         const KafkaProperties &overrides, QString *error,
                         void *opaque = nullptr,
                         void (*errorCallback)(rd_kafka_t *, int, const char *, void *) = nullptr);

} // namespace kafkascope
