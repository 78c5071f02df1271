#include "messages/kafka_message.h"

#include <QCoreApplication>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

QString timestampTypeName(TimestampType type)
{
    switch (type) {
    case TimestampType::CreateTime:
        return QStringLiteral("CreateTime");
    case TimestampType::LogAppendTime:
        return QStringLiteral("LogAppendTime");
    case TimestampType::None:
        break;
    }
    return QStringLiteral("None");
}

KafkaMessage KafkaMessage::fromRdKafka(const rd_kafka_message_t *m)
{
    KafkaMessage out;
    out.partition = m->partition;
    out.offset = m->offset;
    rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
    out.timestamp = rd_kafka_message_timestamp(m, &type);
    out.timestampType = type == RD_KAFKA_TIMESTAMP_CREATE_TIME        ? TimestampType::CreateTime
                        : type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME ? TimestampType::LogAppendTime
                                                                      : TimestampType::None;
    out.keyNull = m->key == nullptr;
    if (m->key)
        out.key = QByteArray(static_cast<const char *>(m->key), qsizetype(m->key_len));
    out.valueNull = m->payload == nullptr;
    if (m->payload)
        out.value = QByteArray(static_cast<const char *>(m->payload), qsizetype(m->len));
    rd_kafka_headers_t *hdrs = nullptr;
    // rd_kafka_message_headers parses lazily and keeps ownership with the message.
    if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR && hdrs) {
        const size_t n = rd_kafka_header_cnt(hdrs);
        out.headers.reserve(qsizetype(n));
        for (size_t i = 0; i < n; ++i) {
            const char *name = nullptr;
            const void *value = nullptr;
            size_t size = 0;
            if (rd_kafka_header_get_all(hdrs, i, &name, &value, &size) != RD_KAFKA_RESP_ERR_NO_ERROR)
                break;
            MessageHeader h;
            h.key = QByteArray(name);
            h.valueNull = value == nullptr;
            if (value)
                h.value = QByteArray(static_cast<const char *>(value), qsizetype(size));
            out.headers.append(h);
        }
    }
    return out;
}

rd_kafka_headers_t *makeRdHeaders(const QList<MessageHeader> &headers)
{
    if (headers.isEmpty())
        return nullptr;
    rd_kafka_headers_t *h = rd_kafka_headers_new(size_t(headers.size()));
    for (const MessageHeader &header : headers) {
        rd_kafka_header_add(h, header.key.constData(), header.key.size(),
                            header.valueNull ? nullptr : header.value.constData(),
                            header.valueNull ? 0 : header.value.size());
    }
    return h;
}

} // namespace kafkascope
