#pragma once
// One Kafka record as the browser, filters, export and replay see it: a compact value type
// (implicitly shared byte arrays) that crosses threads by value.

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <memory>

#include "kafka/kafka_handles.h"

namespace kafkascope {

struct DecodedRecord; // decoding/record_decoder.h

struct MessageHeader
{
    QByteArray key;
    QByteArray value;
    bool valueNull = false; // Kafka distinguishes a null header value from an empty one
    bool operator==(const MessageHeader &) const = default;
};

enum class TimestampType : quint8 { None, CreateTime, LogAppendTime };
QString timestampTypeName(TimestampType type);

struct KafkaMessage
{
    qint64 offset = -1;
    qint64 timestamp = -1; // ms since epoch, -1 when the record carries none
    qint32 partition = -1;
    TimestampType timestampType = TimestampType::None;
    bool keyNull = true;
    bool valueNull = true;
    QByteArray key;
    QByteArray value;
    QList<MessageHeader> headers;
    // What the topic's decoders made of it (Avro, Protobuf, ... as JSON, or why they could not),
    // set by whoever read it when the bytes need a schema to be read; null otherwise.
    std::shared_ptr<const DecodedRecord> decoded;

    qint64 size() const { return key.size() + value.size(); }
    bool operator==(const KafkaMessage &) const = default;

    // Copies a consumed librdkafka message (payload, key, headers, timestamp).
    static KafkaMessage fromRdKafka(const rd_kafka_message_t *m);
};

// A message to send: what the producer, import and the produce dialog hand over.
struct OutgoingMessage
{
    QByteArray key;
    QByteArray value;
    bool keyNull = false;
    bool valueNull = false;
    QList<MessageHeader> headers;
    int partition = -1;    // -1: the partitioner chooses (by key)
    qint64 timestamp = 0;  // 0: now
};

// Builds an rd_kafka_headers_t copy of `headers` (null when there are none); the caller
// owns it until it is handed to rd_kafka_producev.
rd_kafka_headers_t *makeRdHeaders(const QList<MessageHeader> &headers);

} // namespace kafkascope

Q_DECLARE_METATYPE(kafkascope::KafkaMessage)
